#!/usr/bin/env bash
# Times a campaign of generated applications end to end (JSON Lines in,
# JSON Lines out), on one core and on every core, against the floor: parsing
# each line into serde_json's generic Value and writing it back, on the same
# file, in the same run, with the peak memory of each run. Usage:
# scripts/bench-batch.sh [COUNT] (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
# The floor: plain serde_json (no preserve_order), a package of its own.
cargo build --release --quiet --locked --manifest-path benches/floor-serde/Cargo.toml \
  --target-dir "$target/floor-serde"
floor="$target/floor-serde/release/floor-serde"
file=$(mktemp --suffix=.jsonl)
trap 'rm -f "$file" "$file.rss"' EXIT
"$target/release/clas-rules" gen --count "$count" --seed 1 --year 2023-2024 > "$file"
bytes=$(wc -c < "$file")
# Wall time in seconds and peak memory in MB of a command (stdin from $file).
measure() {
  local start end peak
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$file.rss" "$@" < "$file" > /dev/null 2>/dev/null || true
  end=$(date +%s.%N)
  peak=$(tail -1 "$file.rss")
  awk -v s="$start" -v e="$end" -v m="$peak" 'BEGIN { printf "%.3f %.0f\n", e - s, m / 1024 }'
}
read -r t_floor m_floor < <(measure "$floor")
read -r t_one m_one < <(RAYON_NUM_THREADS=1 measure "$target/release/clas-rules" eval --batch -)
read -r t_all m_all < <(measure "$target/release/clas-rules" eval --batch -)
awk -v n="$count" -v b="$bytes" -v f="$t_floor" -v o="$t_one" -v a="$t_all" \
    -v mf="$m_floor" -v mo="$m_one" -v ma="$m_all" 'BEGIN {
  printf "%d applications, %.0f bytes each\n", n, b / n
  printf "floor (serde_json Value, one core): %7.2f s  %9.0f /s  %4d MB\n", f, n / f, mf
  printf "clas-rules, one core:               %7.2f s  %9.0f /s  %4d MB  ratio to the floor %.2f\n", o, n / o, mo, f / o
  printf "clas-rules, every core:             %7.2f s  %9.0f /s  %4d MB\n", a, n / a, ma
}'
