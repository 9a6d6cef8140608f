#!/usr/bin/env bash
# Every test of the project, on a fresh machine with the Rust toolchain,
# Python 3 and Node.js: the Rust crate, the language server driven end to end
# by a real LSP client (pytest-lsp), the VS Code extension (grammar, commands,
# client, the universal and linux-x64 .vsix), that package installed in a real
# VS Code (code-server, with Chromium; tools installed by the script and
# cached under target/), and the Neovim and Helix configurations.
set -euo pipefail
cd "$(dirname "$0")"
echo "==> cargo test"
cargo test --locked
echo "==> the binary the editor tests drive"
cargo build --locked
echo "==> HTML pages in Chromium (tests/browser)"
bash tests/browser/run.sh
echo "==> language server, end to end (tests/lsp)"
bash tests/lsp/run.sh
echo "==> VS Code extension (editors/vscode)"
bash editors/vscode/test.sh
echo "==> VS Code itself: the platform package in code-server, driven through Chromium (editors/vscode/e2e)"
bash editors/vscode/e2e/run.sh editors/vscode/clas-rules-linux-x64.vsix
echo "==> Neovim (editors/neovim)"
bash editors/neovim/test.sh
echo "==> Helix (editors/helix)"
bash editors/helix/check.sh
