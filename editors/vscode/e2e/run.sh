#!/usr/bin/env bash
# The end-to-end test of the extension in a real VS Code: code-server (VS
# Code in a browser) with the platform package installed, in a fresh profile,
# on a copy of rules/ and examples/, with no clas-rules on the PATH and no
# clasRules setting; Debian's Chromium, driven by puppeteer-core, does what a
# person would (e2e/e2e.js) and reads what the page shows. Screenshots of
# each step go to target/e2e/ at the repository root.
#
#   e2e/run.sh [PACKAGE.vsix]     default: clas-rules-linux-x64.vsix beside e2e/
#
# Tools (Node 24, code-server, Chromium) are installed by e2e/setup.sh and
# cached under target/e2e-tools. Ends with `N passed, M failed`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
vsix=$(realpath "${1:-$here/../clas-rules-linux-x64.vsix}")
[ -f "$vsix" ] || { echo "no package $vsix: run editors/vscode/test.sh first"; echo "0 passed, 1 failed"; exit 1; }

started=$(date +%s)
echo "setting up the tools (cached under target/e2e-tools)…"
if ! paths=$(bash "$here/setup.sh"); then
  echo "the tools could not be installed"; echo "0 passed, 1 failed"; exit 1
fi
eval "$paths" # NODE24, CODE_SERVER, CHROMIUM
echo "tools ready in $(( $(date +%s) - started )) s: node $("$NODE24" --version), code-server $("$NODE24" "$CODE_SERVER" --version 2>/dev/null | head -1)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/clas-e2e.XXXXXX")

# The first start of Chromium on a machine builds its font and profile caches,
# which took longer than puppeteer's wait on a fresh CI machine: start it once,
# alone, before the test (a few seconds once the caches exist).
warm=$(date +%s)
timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$scratch/warm-up" --dump-dom about:blank >/dev/null 2>&1 || true
rm -rf "$scratch/warm-up"
echo "Chromium started once in $(( $(date +%s) - warm )) s"
server_pid=
# A process and every process under it: code-server runs in a background
# subshell and starts processes of its own (the extension host, the file
# watcher, language servers), which killing the subshell alone leaves
# running. The whole tree is listed first, then stopped at once.
tree() { # PID
  local child
  echo "$1"
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$child"; done
}
kill_tree() { # PID
  # shellcheck disable=SC2046 # one PID per word
  kill $(tree "$1") 2>/dev/null || true
}
cleanup() {
  if [ -n "$server_pid" ]; then kill_tree "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  if [ -z "${KEEP_E2E:-}" ]; then rm -rf "$scratch"; else echo "kept $scratch"; fi
}
trap cleanup EXIT

# The workspace: a copy, so the test's edits touch nothing of the repository.
workspace="$scratch/espace"
mkdir -p "$workspace"
cp -r "$repo/rules" "$repo/examples" "$workspace/"
# One Caf over the national layer: the Testing view then lists few enough
# cases to be all on screen at once (its list draws only the visible rows).
rm -rf "$workspace/rules/caf-15"

# A fresh profile. Its settings only quiet VS Code itself (no welcome page,
# chat or update checks) and save files as the desktop VS Code does (only
# when asked: VS Code in a browser saves after a delay by default); nothing
# of clasRules.
profile="$scratch/profile"
mkdir -p "$profile/data/User" "$profile/extensions" "$profile/config" "$profile/home"
cat > "$profile/data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "files.autoSave": "off",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false
}
JSON

# No clas-rules anywhere on the PATH: the extension must run the one it carries.
clean_path="$(dirname "$NODE24"):/usr/local/bin:/usr/bin:/bin"
if PATH="$clean_path" command -v clas-rules >/dev/null; then
  echo "clas-rules is on the PATH ($(PATH="$clean_path" command -v clas-rules)): the test needs a PATH without it"
  echo "0 passed, 1 failed"; exit 1
fi
code_server() {
  env -i HOME="$profile/home" PATH="$clean_path" LANG=C.UTF-8 \
    XDG_CONFIG_HOME="$profile/config" XDG_DATA_HOME="$profile/home/.local/share" \
    "$NODE24" "$CODE_SERVER" --user-data-dir "$profile/data" --extensions-dir "$profile/extensions" "$@"
}

echo "installing $(basename "$vsix")…"
code_server --install-extension "$vsix" 2>&1 | grep -v '^\[' || true
installed=$(ls -d "$profile/extensions"/caf-clas.clas-rules-* 2>/dev/null | head -1)
if ! [ -x "$installed/bin/clas-rules" ]; then
  echo "the package did not install an executable bin/clas-rules"; echo "0 passed, 1 failed"; exit 1
fi
echo "installed: $installed (bin/clas-rules: $(wc -c < "$installed/bin/clas-rules") bytes)"

port=$("$NODE24" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log="$scratch/code-server.log"
code_server --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-getting-started-override "$workspace" > "$log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if grep -q 'HTTP server listening' "$log"; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if ! grep -q 'HTTP server listening' "$log"; then
  echo "code-server did not start:"; cat "$log"; echo "0 passed, 1 failed"; exit 1
fi
echo "code-server on http://127.0.0.1:$port/ (log: $log)"

shots="$repo/target/e2e"
mkdir -p "$shots"
rm -f "$shots"/*.png
status=0
E2E_URL="http://127.0.0.1:$port/?folder=$workspace" E2E_WORKSPACE="$workspace" E2E_SHOTS="$shots" \
  E2E_CHROMIUM="$CHROMIUM" E2E_BROWSER_PROFILE="$scratch/chromium" E2E_SERVER_LOG="$log" \
  "$NODE24" "$here/e2e.js" || status=$?
echo "end to end: $(( $(date +%s) - started )) s in all"
exit "$status"
