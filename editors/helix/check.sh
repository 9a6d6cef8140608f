#!/usr/bin/env bash
# What can be checked here without Helix (not packaged for this Debian):
# languages.toml parses, and declares the language `clas` for *.clas, with
# `#` comments and the language server `clas-rules lsp`.
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import tomllib
with open("languages.toml", "rb") as f:
    config = tomllib.load(f)
server = config["language-server"]["clas-rules"]
assert server["command"] == "clas-rules" and server["args"] == ["lsp"], server
[language] = [l for l in config["language"] if l["name"] == "clas"]
assert language["file-types"] == ["clas"], language
assert language["comment-token"] == "#", language
assert language["language-servers"] == ["clas-rules"], language
assert language["indent"] == {"tab-width": 2, "unit": "  "}, language
print("languages.toml: language clas, file-types clas, comment #, server clas-rules lsp")
PY
if command -v hx >/dev/null 2>&1; then
  hx --health clas
else
  echo "hx not installed: the configuration is not exercised by Helix itself (see README.md)"
fi
