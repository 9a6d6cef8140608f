#!/usr/bin/env bash
# Times a campaign against the floor on applications written as other tools
# write JSON, the same way every time:
#
# - one release build of clas-rules, and one of the floor (benches/floor-serde:
#   plain serde_json, no preserve_order: each line parsed into serde_json's
#   generic Value and written back, one line per line);
# - one file of COUNT lines (default 1 000 000) in the other tools' form
#   (`gen --style autre-outil`: keys in alphabetical order, a space after `:`
#   and `,`, amounts as JSON numbers, non-ASCII letters as \uXXXX), half of
#   2023-2024 and half of 2024-2025, one line of each in turn; with CAFS="63 15"
#   (once the rules folder has Caf layers), each year split between the Cafs,
#   every line with its top-level "caf";
# - the floor and `clas-rules eval --batch -` both pinned to one core
#   (taskset -c 0, RAYON_NUM_THREADS=1), output to /dev/null, RUNS runs of
#   each (default 5), alternating floor / clas-rules / hand-written;
# - each run's wall time (and CPU time, user + system), the median of each,
#   the ratio floor median / clas-rules median (above 1: clas-rules is
#   faster), and the share of lines clas-rules read with the precise reader
#   rather than the fast one (from its --summary);
# - as a bound, the same for benches/hand-written: a program written by hand
#   for these rulebooks (typed serde_json structures, fewer checks, amounts
#   in floating point, output written by hand), which shows what a campaign
#   could reach without an interpreter. Its decisions are not the rules'.
#
#   scripts/bench-other-tools.sh [COUNT]
#
# STYLE=melange shuffles the keys of every object instead (the worst case
# for the fast reader); STYLE=contrat with ONE_YEAR=1 gives the project's
# own file (`gen --count COUNT --seed 1 --year 2023-2024`).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
runs=${RUNS:-5}
style=${STYLE:-autre-outil}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
cargo build --release --quiet --locked --manifest-path benches/floor-serde/Cargo.toml \
  --target-dir "$target/floor-serde"
cargo build --release --quiet --locked --manifest-path benches/hand-written/Cargo.toml \
  --target-dir "$target/hand-written"
clas="$target/release/clas-rules"
floor="$target/floor-serde/release/floor-serde"
hand="$target/hand-written/release/hand-written"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/applications.jsonl"
# The parts of the file: (year, seed, caf), interleaved line by line.
parts=()
years=(2023-2024 2024-2025)
[ -n "${ONE_YEAR:-}" ] && years=(2023-2024)
read -r -a cafs <<< "${CAFS:-}"
seed=1
for year in "${years[@]}"; do
  if [ ${#cafs[@]} -eq 0 ]; then
    parts+=("$year $seed -")
    seed=$((seed + 1))
  else
    for caf in "${cafs[@]}"; do
      parts+=("$year $seed $caf")
      seed=$((seed + 1))
    done
  fi
done
each=$((count / ${#parts[@]}))
pieces=()
for i in "${!parts[@]}"; do
  read -r year seed caf <<< "${parts[$i]}"
  n=$each
  [ "$i" -eq 0 ] && n=$((count - each * (${#parts[@]} - 1)))
  args=(gen --count "$n" --seed "$seed" --year "$year" --style "$style")
  [ "$caf" != "-" ] && args+=(--caf "$caf")
  "$clas" "${args[@]}" > "$work/part$i.jsonl"
  pieces+=("$work/part$i.jsonl")
done
if [ ${#pieces[@]} -eq 1 ]; then
  mv "${pieces[0]}" "$file"
else
  paste -d '\n' "${pieces[@]}" | grep -v '^$' > "$file"
  rm -f "${pieces[@]}"
fi
lines=$(wc -l < "$file")
bytes=$(wc -c < "$file")
echo "file: $lines lines, $bytes bytes ($style; years ${years[*]}; cafs ${cafs[*]:-none})"

# One run: wall seconds and CPU seconds (user + system).
run() {
  local start end
  start=$(date +%s.%N)
  RAYON_NUM_THREADS=1 /usr/bin/time -f "%U %S" -o "$work/time" taskset -c 0 "$@" \
    < "$file" > /dev/null 2> "$work/stderr" || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'NR == FNR { cpu = $1 + $2 } END { printf "%.3f %.3f\n", e - s, cpu }' \
    <(tail -1 "$work/time")
}
floor_times=()
clas_times=()
hand_times=()
for i in $(seq 1 "$runs"); do
  read -r wall cpu < <(run "$floor")
  floor_times+=("$wall")
  echo "run $i floor:      ${wall} s (cpu ${cpu} s)"
  read -r wall cpu < <(run "$clas" eval --batch - --summary "$work/summary.json")
  clas_times+=("$wall")
  echo "run $i clas-rules: ${wall} s (cpu ${cpu} s)"
  read -r wall cpu < <(run "$hand")
  hand_times+=("$wall")
  echo "run $i hand-written: ${wall} s (cpu ${cpu} s)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
floor_median=$(median "${floor_times[@]}")
clas_median=$(median "${clas_times[@]}")
hand_median=$(median "${hand_times[@]}")
precise=$(sed -n 's/.*"precise_reader": \([0-9]*\).*/\1/p' "$work/summary.json")
records=$(sed -n 's/.*"records": \([0-9]*\).*/\1/p' "$work/summary.json")
errors=$(sed -n 's/.*"errors": \([0-9]*\).*/\1/p' "$work/summary.json")
awk -v f="$floor_median" -v c="$clas_median" -v h="$hand_median" -v p="$precise" -v r="$records" -v e="$errors" -v n="$lines" 'BEGIN {
  printf "median floor:      %.3f s (%.0f lines/s)\n", f, n / f
  printf "median clas-rules: %.3f s (%.0f lines/s)\n", c, n / c
  printf "median hand-written: %.3f s (%.0f lines/s)\n", h, n / h
  printf "ratio floor / clas-rules: %.2f\n", f / c
  printf "ratio floor / hand-written: %.2f (a bound: not the rules)\n", f / h
  printf "records %d, in error %d, read by the precise reader %d (%.4f %%)\n", r, e, p, 100 * p / r
}'
