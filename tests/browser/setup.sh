#!/usr/bin/env bash
# Installs what the browser checks of the HTML pages need, and only what is
# missing, so that a second run reuses everything:
#   - Debian packages: chromium (the browser, /usr/bin/chromium) and tidy
#     (the HTML checker), with apt-get (as root, else through sudo);
#   - puppeteer-core, which drives Chromium, from the committed
#     package-lock.json into tests/browser/node_modules (npm ci; again only
#     when the lock file changes).
# Needs Node.js 18 or later on the PATH (puppeteer-core 24's engine).
# Prints the paths it settled on as shell assignments on its last lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

say() { printf '  · %s\n' "$*" >&2; }

# ---------------------------------------------------------------- Debian packages
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v tidy >/dev/null 2>&1 || need+=(tidy)
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# ---------------------------------------------------------------- Node.js
command -v node >/dev/null 2>&1 || { echo "node (Node.js 18 or later) is not on the PATH" >&2; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || { echo "Node.js $(node --version) is too old: puppeteer-core needs 18 or later" >&2; exit 1; }

# ---------------------------------------------------------------- the harness
if ! [ -d "$here/node_modules/puppeteer-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "npm ci in tests/browser/ (puppeteer-core)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

echo "CHROMIUM=/usr/bin/chromium"
echo "TIDY=$(command -v tidy)"
