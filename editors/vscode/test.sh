#!/usr/bin/env bash
# Tests of the VS Code extension, from a fresh clone where `cargo build` has
# made target/debug/clas-rules (or CLAS_RULES_BIN names the program):
#   1. npm dependencies (npm ci), TypeScript compilation, esbuild bundle;
#   2. grammar: inline scope assertions (test/grammar/*.clas), snapshots of
#      frozen rulebooks (test/snapshots/*.clas.snap);
#   3. node tests: every real rulebook tokenizes, command helpers and output
#      parsers, snippets, manifest, the extension's commands against a
#      stand-in VS Code, the real `clas-rules lsp` through the protocol
#      libraries of vscode-languageclient;
#   4. packaging with vsce into clas-rules.vsix, and a check of its content.
# Ends with one line `N passed, M failed`; exits non-zero on any failure.
#
#   ./test.sh                      run everything
#   ./test.sh --update-snapshots   rewrite test/snapshots/*.snap (review the diff!)
set -uo pipefail
cd "$(dirname "$0")"
here=$(pwd)

update_snapshots=no
for arg in "$@"; do
  case "$arg" in
    --update-snapshots) update_snapshots=yes ;;
    *) echo "usage: $0 [--update-snapshots]" >&2; exit 2 ;;
  esac
done

passed=0
failed=0
failures=()
step() { printf '\n==> %s\n' "$*"; }
die() { printf '\nerror: %s\n0 passed, 1 failed\n' "$*" >&2; exit 1; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); if [ "$2" -gt 0 ]; then failures+=("$3"); fi; }

# ---------------------------------------------------------------- the program
bin=${CLAS_RULES_BIN:-../../target/debug/clas-rules}
case "$bin" in /*) ;; *) bin="$here/$bin" ;; esac
[ -x "$bin" ] || die "clas-rules not found at $bin: run \`cargo build\` at the repository root, or set CLAS_RULES_BIN"
export CLAS_RULES_BIN="$bin"
step "clas-rules: $bin ($("$bin" --version 2>/dev/null || echo 'version unknown'))"
echo "node $(node --version), npm $(npm --version)"

# ---------------------------------------------------------------- build
step "npm dependencies"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error || die "npm ci failed"
else
  npm install --no-audit --no-fund --loglevel=error || die "npm install failed"
fi

step "compile (tsc) and bundle (esbuild)"
rm -rf out dist clas-rules.vsix
npx --no-install tsc -p . || die "TypeScript compilation failed"
npm run --silent bundle || die "esbuild bundle failed"
echo "out/ (tests), dist/extension.js ($(wc -c < dist/extension.js) bytes)"

# ---------------------------------------------------------------- grammar
step "grammar: inline scope assertions (test/grammar/*.clas)"
log=$(mktemp)
npx --no-install vscode-tmgrammar-test 'test/grammar/*.clas' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
ok=$(grep -c '✓' "$log"); ko=$(grep -c '✖' "$log")
if [ "$status" -ne 0 ] && [ "$ko" -eq 0 ]; then ko=1; fi
count "$ok" "$ko" "grammar assertions"

step "grammar: snapshots of frozen rulebooks (test/snapshots/*.clas)"
snap_args=()
[ "$update_snapshots" = yes ] && snap_args=(--updateSnapshot)
npx --no-install vscode-tmgrammar-snap "${snap_args[@]}" 'test/snapshots/*.clas' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
ok=$(grep -c '✓' "$log"); ko=$(grep -c 'ERROR' "$log")
if [ "$status" -ne 0 ] && [ "$ko" -eq 0 ]; then ko=1; fi
if [ "$update_snapshots" = yes ]; then ok=$(grep -c 'snapshot' "$log"); ko=$(( status != 0 )); fi
count "$ok" "$ko" "grammar snapshots"
for frozen in test/snapshots/*.clas; do
  real="../../rules/clas/$(basename "$frozen")"
  if [ -f "$real" ] && ! cmp -s "$frozen" "$real"; then
    echo "note: $real has changed since its frozen copy $frozen (the snapshots test the copy; the live rulebooks are checked below)"
  fi
done

# ---------------------------------------------------------------- node tests
run_node_tests() { # NAME FILES…
  local name=$1; shift
  local tap; tap=$(mktemp)
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@"
  local ok ko
  ok=$(awk '/^# pass /{print $3}' "$tap"); ko=$(awk '/^# fail /{print $3}' "$tap")
  ok=${ok:-0}; ko=${ko:-1}
  count "$ok" "$ko" "$name"
  rm -f "$tap"
}

step "unit tests: grammar on rules/**/*.clas, command helpers, output parsers, snippets, manifest"
run_node_tests "unit tests" out/test/unit/*.test.js

step "extension commands in a stand-in VS Code, with the real clas-rules"
run_node_tests "extension tests" out/test/extension/*.test.js

step "language server: clas-rules lsp through vscode-languageserver-protocol"
run_node_tests "language server test" out/test/lsp/*.test.js

# ---------------------------------------------------------------- package
step "package: vsce package → clas-rules.vsix"
if npx --no-install vsce package --no-dependencies --allow-missing-repository --out clas-rules.vsix </dev/null; then
  echo "clas-rules.vsix: $(wc -c < clas-rules.vsix) bytes"
  run_node_tests "package test" out/test/package/*.test.js
else
  count 0 1 "vsce package"
fi
rm -f "$log"

# ---------------------------------------------------------------- summary
echo
if [ "$failed" -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
