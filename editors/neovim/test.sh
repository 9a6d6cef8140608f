#!/usr/bin/env bash
# Checks editors/neovim/clas.lua with a real headless Neovim: a rulebook with
# a typo is opened, and an error diagnostic must arrive from `clas-rules lsp`.
# Installs nothing except Neovim itself, through apt-get, when it is missing
# and apt-get can be used (as root or with password-less sudo).
# Binary: CLAS_RULES_BIN, else ../../target/debug/clas-rules.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

if ! command -v nvim >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else sudo=(false); fi
  fi
  if [ "${sudo[*]}" != false ]; then
    echo "nvim not found: apt-get install -y neovim"
    "${sudo[@]}" apt-get install -y neovim >/dev/null 2>&1 \
      || { "${sudo[@]}" apt-get update >/dev/null 2>&1 && "${sudo[@]}" apt-get install -y neovim >/dev/null 2>&1; } \
      || true
  fi
fi
if ! command -v nvim >/dev/null 2>&1; then
  echo "skipped: nvim not installed (and it could not be installed with apt-get)"
  exit 0
fi
echo "$(nvim --version | head -1)"

bin=${CLAS_RULES_BIN:-../../target/debug/clas-rules}
case "$bin" in /*) ;; *) bin="$here/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "error: clas-rules not found at $bin (cargo build, or set CLAS_RULES_BIN)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rules/national"
cp ../../rules/national/2023-2024.clas "$work/rules/national/"
# The typo: encadrants_minimum → encadrants_minimun in a rule.
sed 's/>= encadrants_minimum$/>= encadrants_minimun/' ../../rules/national/2024-2025.clas > "$work/rules/national/2024-2025.clas"
grep -q 'encadrants_minimun' "$work/rules/national/2024-2025.clas" || { echo "error: could not introduce the typo" >&2; exit 1; }

echo "nvim --headless -u clas.lua $work/rules/national/2024-2025.clas (with a typo)"
status=0
HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
  timeout 60 nvim --headless -n -i NONE -u "$here/clas.lua" \
    --cmd "let g:clas_rules_path = '$bin'" \
    -c "luafile $here/test.lua" \
    "$work/rules/national/2024-2025.clas" || status=$?
echo
if [ "$status" -eq 0 ]; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit "$status"
