#!/usr/bin/env bash
# End-to-end tests of the language server (`clas-rules lsp`), with pytest-lsp.
# Run from the repository root:   bash tests/lsp/run.sh [pytest arguments]
# Builds nothing: expects target/debug/clas-rules (or the binary named by
# CLAS_RULES_BIN). Exit code: pytest's.
set -euo pipefail

if [ ! -f Cargo.toml ] || [ ! -d tests/lsp ]; then
  echo "run.sh: run me from the repository root (bash tests/lsp/run.sh)" >&2
  exit 2
fi

VENV=target/lsp-venv
BIN="${CLAS_RULES_BIN:-target/debug/clas-rules}"
if [ ! -x "$BIN" ]; then
  echo "run.sh: no binary at $BIN: run 'cargo build' first (or set CLAS_RULES_BIN)" >&2
  exit 2
fi
export CLAS_RULES_BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/lsp/requirements.txt

set +e
"$VENV/bin/python" -m pytest tests/lsp -q "$@"
exit $?
