#!/usr/bin/env bash
# A national year on one core: a rules folder of 101 Cafs (the Puy-de-Dome's
# layer copied under 101 department numbers, each over the national layer, two
# school years: 202 rulebooks) and 4 300 generated applications spread over
# them (about the CLAS projects financed in a year across all Cafs), decided
# as one campaign. Prints the wall and user time of each of five runs and
# their medians. Usage: scripts/bench-national.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/clas-rules
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rules"
cp -r rules/national "$work/rules/"
for i in $(seq 1 101); do
  caf=$(printf "%02d" "$i")
  mkdir -p "$work/rules/caf-$caf"
  for year in 2023-2024 2024-2025; do
    sed "s/layer \"caf-63\"/layer \"caf-$caf\"/" "rules/caf-63/$year.clas" > "$work/rules/caf-$caf/$year.clas"
  done
done
printf 'caf_par_defaut = "01"\n' > "$work/rules/clas-rules.toml"
# 4 300 applications of both years, each given one of the 101 Cafs in turn.
{ "$bin" gen --count 2150 --seed 3 --year 2023-2024; "$bin" gen --count 2150 --seed 4 --year 2024-2025; } |
  awk '{ printf "{\"caf\":\"%02d\",%s\n", (NR % 101) + 1, substr($0, 2) }' > "$work/apps.jsonl"
walls=(); users=()
for run in 1 2 3 4 5; do
  /usr/bin/time -f "%e %U" -o "$work/time" taskset -c 0 env RAYON_NUM_THREADS=1 \
    "$bin" eval --batch "$work/apps.jsonl" --rules-dir "$work/rules" > "$work/out.jsonl" 2> /dev/null
  read -r wall user < "$work/time"
  walls+=("$wall"); users+=("$user")
  echo "run $run: ${wall} s wall, ${user} s user"
done
errors=$(grep -c '"error"' "$work/out.jsonl" || true)
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "$(wc -l < "$work/out.jsonl") decisions, $errors error records"
echo "median: $(median "${walls[@]}") s wall, $(median "${users[@]}") s user"
