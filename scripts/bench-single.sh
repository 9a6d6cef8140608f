#!/usr/bin/env bash
# Times the two single-shot targets of the campaigns issue, wall clock,
# median of 20 runs each (release build):
#   - `clas-rules eval examples/demande-eligible.json`, rulebook loading included;
#   - `clas-rules check` on the generated rulebook of about 5 000 lines of
#     tests/lsp/big_rulebook.py (1 500 parameters, values, rules, outputs),
#     the one the language server's benchmark uses.
# Usage: scripts/bench-single.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
# In a folder of its own: a lone rulebook's rules folder is its own folder,
# which `check` searches for the other rulebooks.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
big="$work/banc-d-essai.clas"
python3 tests/lsp/big_rulebook.py > "$big"
if ! checked=$(target/release/clas-rules check "$big" 2>&1); then
  echo "the generated rulebook does not check: $checked" >&2
  exit 1
fi
# Median wall time of 20 runs of a command.
median() {
  local times=() start end
  for _ in $(seq 20); do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 10p | awk '{ printf "%.1f ms", $1 / 1000 }'
}
echo "eval examples/demande-eligible.json: $(median target/release/clas-rules eval examples/demande-eligible.json)"
echo "check of the $(wc -l < "$big")-line generated rulebook: $(median target/release/clas-rules check "$big")"
