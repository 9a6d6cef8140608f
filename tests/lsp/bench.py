"""Benchmark of the language server: time from sending `textDocument/didChange`
to receiving the `textDocument/publishDiagnostics` of that version.

Not a test (nothing is asserted about the figures). Run from the repository
root, with the release binary and the venv of the tests:

    cargo build --release
    target/lsp-venv/bin/python tests/lsp/bench.py [--edits 50] [--bin target/release/clas-rules]

Two cases:
  (a) the real rules/national/2024-2025.clas (which loads the national
      2023-2024 through `extends`, and which the Cafs' 2024-2025 rulebooks
      build on);
  (b) a generated rulebook of about 5 000 lines (1 500 parameters with their
      sources, derived values and rules that use them, outputs), checked first
      with `clas-rules check` (it must have no error).
Each edit alternates between introducing a typo in a use and fixing it, as a
small incremental change; the edits are sent one at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_rulebook import N_DATE, N_INTEGER, N_LET, N_MONEY, N_RATE, generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------- client


class Bench:
    def __init__(self, binary: Path):
        self.binary = binary
        self.client = LanguageClient("clas-rules-bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams):
            self.arrived.setdefault((params.uri, params.version), time.perf_counter())
            self.last = params
            self.event.set()

    async def start(self):
        await self.client.start_io(str(self.binary), "lsp", cwd=str(ROOT))
        await self.client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=ROOT.as_uri())
        )
        self.client.initialized(types.InitializedParams())

    async def stop(self):
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def wait(self, uri: str, version: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrived:
            self.event.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            try:
                await asyncio.wait_for(self.event.wait(), left)
            except asyncio.TimeoutError:
                pass
        return self.arrived[(uri, version)]


def position(text: str, offset: int) -> types.Position:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=len(text[start:offset].encode("utf-16-le")) // 2)


async def measure(binary: Path, path: Path, text: str, use: str, typo: str, edits: int, burst: int) -> dict:
    """Opens `text` at `path`, then sends `edits` changes, each toggling the
    first occurrence of `use` (as it is in the text) into `typo` and back,
    waiting for each one's diagnostics; then `burst` more without waiting
    (as when typing fast), timed to the diagnostics of the last one."""
    bench = Bench(binary)
    await bench.start()
    uri = path.resolve().as_uri()
    t0 = time.perf_counter()
    bench.client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="clas", version=1, text=text)
        )
    )
    open_time = await bench.wait(uri, 1) - t0
    errors_at_open = sum(1 for d in bench.last.diagnostics if d.severity == types.DiagnosticSeverity.Error)
    at = text.index(use)
    current, times = use, []
    for version in range(2, edits + 2):
        new = typo if current == use else use
        start, end = position(text, at), position(text, at + len(current))
        text = text[:at] + new + text[at + len(current) :]
        sent = time.perf_counter()
        bench.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=new)
                ],
            )
        )
        times.append((await bench.wait(uri, version)) - sent)
        current = new
    first_sent = time.perf_counter()
    for version in range(edits + 2, edits + 2 + burst):
        new = typo if current == use else use
        start, end = position(text, at), position(text, at + len(current))
        text = text[:at] + new + text[at + len(current) :]
        bench.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=new)
                ],
            )
        )
        current = new
    burst_ms = ((await bench.wait(uri, edits + 1 + burst)) - first_sent) * 1000 if burst else 0.0
    published_in_burst = sum(1 for (u, v) in bench.arrived if u == uri and v is not None and v >= edits + 2)
    await bench.stop()
    times_ms = sorted(t * 1000 for t in times)
    return {
        "lines": text.count("\n"),
        "open_ms": open_time * 1000,
        "errors_at_open": errors_at_open,
        "edits": len(times_ms),
        "median_ms": statistics.median(times_ms),
        "p95_ms": times_ms[max(0, int(round(0.95 * len(times_ms))) - 1)],
        "max_ms": times_ms[-1],
        "burst": burst,
        "burst_ms": burst_ms,
        "burst_published": published_in_burst,
    }


def check_generated(binary: Path, path: Path) -> str:
    result = subprocess.run([str(binary), "--lang", "en", "check", str(path)], capture_output=True, text=True)
    summary = (result.stdout + result.stderr).strip().splitlines()[-1]
    if result.returncode != 0 or " 0 errors" not in summary:
        sys.exit(f"the generated rulebook does not check:\n{result.stdout}{result.stderr}")
    return summary


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("CLAS_RULES_BIN", str(ROOT / "target/release/clas-rules")))
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--burst", type=int, default=20, help="edits sent without waiting, after the timed ones")
    args = parser.parse_args()
    binary = Path(args.bin).resolve()
    if not binary.exists():
        sys.exit(f"no binary at {binary}: run `cargo build --release`")

    rows = []
    real = ROOT / "rules" / "national" / "2024-2025.clas"
    rows.append(
        (
            "rules/national/2024-2025.clas (+ 2023-2024 by extends)",
            await measure(
                binary, real, real.read_text(encoding="utf-8"), "c.adultes_encadrants >= encadrants_minimum",
                "c.adultes_encadrants >= encadrants_minimun", args.edits, args.burst,
            ),
        )
    )
    with tempfile.TemporaryDirectory(prefix="clas-bench-") as tmp:
        generated = Path(tmp) / "banc-d-essai.clas"
        text = generate()
        generated.write_text(text, encoding="utf-8")
        summary = check_generated(binary, generated)
        middle = f"round(montant_{N_LET} * taux_{N_LET // 2}"
        rows.append(
            (
                f"generated, {N_MONEY + N_RATE + N_INTEGER + N_DATE} params ({summary})",
                await measure(binary, generated, text, middle, middle.replace("taux_", "tau_"), args.edits, args.burst),
            )
        )

    header = (
        f"{'rulebook':<72} {'lines':>6} {'open ms':>8} {'edits':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}"
        f" {'burst':>5} {'burst ms':>9} {'published':>9}"
    )
    print(f"clas-rules lsp: didChange -> publishDiagnostics (same version), binary {binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary}")
    print(header)
    print("-" * len(header))
    for name, r in rows:
        print(
            f"{name:<72} {r['lines']:>6} {r['open_ms']:>8.1f} {r['edits']:>5} {r['median_ms']:>10.1f} "
            f"{r['p95_ms']:>8.1f} {r['max_ms']:>8.1f} {r['burst']:>5} {r['burst_ms']:>9.1f} {r['burst_published']:>9}"
        )
    print()
    print("median / p95 / max: one edit at a time, from sending didChange to its publishDiagnostics.")
    print("burst: edits sent without waiting; burst ms: from the first send to the last version's")
    print("diagnostics; published: how many of the burst's versions got their own publication.")


if __name__ == "__main__":
    asyncio.run(main())
