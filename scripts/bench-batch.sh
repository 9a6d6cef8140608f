#!/usr/bin/env bash
# Times a campaign of generated applications end to end (JSON Lines in,
# JSON Lines out), on one core and on every core, against the floor: parsing
# each line into serde_json's generic Value and writing it back, on the same
# file, in the same run. Usage: scripts/bench-batch.sh [COUNT] (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
cargo build --release --quiet
cargo bench --bench floor --no-run --quiet 2>/dev/null
floor=$(ls -t target/release/deps/floor-* | grep -v '\.d$' | head -1)
file=$(mktemp --suffix=.jsonl)
trap 'rm -f "$file"' EXIT
target/release/clas-rules gen --count "$count" --seed 1 --year 2023-2024 > "$file"
bytes=$(wc -c < "$file")
seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'; }
t_floor=$(seconds "$floor" < "$file")
t_one=$(RAYON_NUM_THREADS=1 seconds target/release/clas-rules eval --batch "$file")
t_all=$(seconds target/release/clas-rules eval --batch "$file")
awk -v n="$count" -v b="$bytes" -v f="$t_floor" -v o="$t_one" -v a="$t_all" 'BEGIN {
  printf "%d applications, %.0f bytes each\n", n, b / n
  printf "floor (serde_json Value, one core): %7.2f s  %9.0f /s\n", f, n / f
  printf "clas-rules, one core:               %7.2f s  %9.0f /s  ratio to the floor %.2f\n", o, n / o, f / o
  printf "clas-rules, every core:             %7.2f s  %9.0f /s\n", a, n / a
}'
