"""Fixtures and helpers of the end-to-end tests of `clas-rules lsp`.

Every test gets its own server: the real binary (`target/debug/clas-rules`,
or `$CLAS_RULES_BIN`), started with the repository root as working
directory, initialised, and shut down after the test. The client is
pytest-lsp's, with one addition: every `textDocument/publishDiagnostics` is
kept, in order, so that a test can wait for the diagnostics of a given
version of a document.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, client_capabilities

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
# The national layer, and the Caf du Puy-de-Dôme's written over it.
NATIONAL = RULES / "national"
CAF63 = RULES / "caf-63"
Y2023 = NATIONAL / "2023-2024.clas"
Y2024 = NATIONAL / "2024-2025.clas"
C2023 = CAF63 / "2023-2024.clas"
C2024 = CAF63 / "2024-2025.clas"
BIN = Path(os.environ.get("CLAS_RULES_BIN", ROOT / "target" / "debug" / "clas-rules")).resolve()

# How long to wait for a notification before failing the test.
TIMEOUT = float(os.environ.get("CLAS_LSP_TIMEOUT", "30"))

sys.path.insert(0, str(Path(__file__).resolve().parent))


class ClasClient(LanguageClient):
    """pytest-lsp's client, keeping every published diagnostics in order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self._published_changed: asyncio.Event | None = None
        # What the server asked to be registered (`client/registerCapability`).
        self.registrations: list[types.Registration] = []

    def on_published(self, params: types.PublishDiagnosticsParams) -> None:
        self.published.append(params)
        self.diagnostics[params.uri] = params.diagnostics
        if self._published_changed is not None:
            self._published_changed.set()

    async def next_publication(self, timeout: float) -> None:
        """Waits until something more is published."""
        if self._published_changed is None:
            self._published_changed = asyncio.Event()
        self._published_changed.clear()
        await asyncio.wait_for(self._published_changed.wait(), timeout)


def make_client() -> ClasClient:
    from pygls.protocol import default_converter

    client = ClasClient(converter_factory=default_converter)
    for method, handler in DEFAULT_CLIENT_FEATURES.items():
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            continue
        client.feature(method)(handler)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(client_: ClasClient, params: types.PublishDiagnosticsParams):
        client_.on_published(params)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _registered(client_: ClasClient, params: types.RegistrationParams):
        client_.registrations.extend(params.registrations)

    return client


class ServerInRepository(ClientServerConfig):
    """Starts the server with the repository root as working directory."""

    async def start(self, devtools: str | None = None):
        client = self.client_factory()
        await client.start_io(*self.get_server_command(devtools), env=self.server_env, cwd=str(ROOT))
        return client


def _check_binary() -> None:
    if not BIN.exists():
        pytest.exit(f"no server binary at {BIN}: run `cargo build` (or set CLAS_RULES_BIN)", returncode=2)


_check_binary()


@pytest_lsp.fixture(
    config=ServerInRepository(server_command=[str(BIN), "lsp"], client_factory=make_client),
)
async def client(lsp_client: ClasClient):
    """A started and initialised server; shut down after the test."""
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=ROOT.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="clas-rules")],
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


# ---------------------------------------------------------------- documents


def uri_of(path: Path) -> str:
    """The `file://` URI of a path (absolute, resolved)."""
    return Path(path).resolve().as_uri()


@dataclass
class Doc:
    """A document open in the server, with the text the server has."""

    client: ClasClient
    path: Path
    uri: str
    text: str
    version: int

    @property
    def ident(self) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=self.uri)

    def replace_all(self, text: str) -> int:
        """Sends the whole new text (no range); returns the new version."""
        self.version += 1
        self.text = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.version

    def edit(self, start: types.Position, end: types.Position, new_text: str) -> int:
        """Sends an incremental change of a range (positions in UTF-16 units);
        applies it to `self.text` the same way; returns the new version."""
        self.version += 1
        a, b = offset_of(self.text, start), offset_of(self.text, end)
        a, b = min(a, b), max(a, b)
        self.text = self.text[:a] + new_text + self.text[b:]
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=new_text)
                ],
            )
        )
        return self.version

    def replace_first(self, old: str, new: str, after: str | None = None) -> int:
        """Replaces the first `old` (after the first `after`, if given) with an
        incremental change; returns the new version."""
        base = self.text.index(after) + len(after) if after else 0
        at = self.text.index(old, base)
        return self.edit(position_of(self.text, at), position_of(self.text, at + len(old)), new)

    def position(self, needle: str, nth: int = 0, delta: int = 0, after: str | None = None) -> types.Position:
        """The position of the `nth` occurrence of `needle` (after `after`), plus `delta` characters."""
        return types.Position(**pos(self.text, needle, nth=nth, delta=delta, after=after))

    async def diagnostics(self, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for this document at `version` (default: the current one)."""
        return await wait_for_diagnostics(self.client, self.uri, self.version if version is None else version)


def open_document(
    client: ClasClient, path: Path, text: str | None = None, version: int = 1
) -> Doc:
    """Opens a real file (or `text` under its name) as a `file://` URI."""
    path = Path(path).resolve()
    if text is None:
        text = path.read_text(encoding="utf-8")
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="clas", version=version, text=text)
        )
    )
    return Doc(client=client, path=path, uri=uri, text=text, version=version)


async def open_and_wait(client: ClasClient, path: Path, text: str | None = None) -> tuple[Doc, list[types.Diagnostic]]:
    doc = open_document(client, path, text)
    return doc, await doc.diagnostics()


async def wait_for_diagnostics(
    client: ClasClient, uri: str, version: int | None, timeout: float = TIMEOUT, since: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics published for `uri` with `version` (the latest such
    publication, among those received after the first `since`); waits for
    it if it has not come yet. `version=None` accepts any version."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in reversed(client.published[since:]):
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            seen = [(p.uri, p.version) for p in client.published[since:] if p.uri == uri]
            raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout}s; got {seen}")
        try:
            await client.next_publication(left)
        except (asyncio.TimeoutError, TimeoutError):
            pass


async def wait_until(client: ClasClient, predicate, what: str, timeout: float = TIMEOUT):
    """Waits until `predicate()` is true, checking after each publication."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            last = [(p.uri.rsplit("/", 2)[-2:], p.version, [d.message[:80] for d in p.diagnostics]) for p in client.published[-4:]]
            raise AssertionError(f"timed out waiting for {what}; last published: {last}")
        try:
            await client.next_publication(left)
        except (asyncio.TimeoutError, TimeoutError):
            pass


def latest(client: ClasClient, uri: str) -> types.PublishDiagnosticsParams | None:
    """The last diagnostics published for `uri`."""
    return next((p for p in reversed(client.published) if p.uri == uri), None)


def errors(diagnostics) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Error]


# ---------------------------------------------------------------- positions


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def position_of(text: str, offset: int) -> types.Position:
    """The protocol position (UTF-16 columns) of a Python string offset."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=utf16_len(text[start:offset]))


def offset_of(text: str, position: types.Position) -> int:
    """The Python string offset of a protocol position (clamped like the spec says)."""
    lines = text.split("\n")
    if position.line >= len(lines):
        return len(text)
    start = sum(len(l) + 1 for l in lines[: position.line])
    units = 0
    for i, ch in enumerate(lines[position.line]):
        units += utf16_len(ch)
        if units > position.character:
            # Inside a surrogate pair counts as the character's start.
            return start + i
    return start + len(lines[position.line])


def pos(text: str, needle: str, nth: int = 0, delta: int = 0, after: str | None = None) -> dict:
    at = text.index(after) + len(after) if after else 0
    at = text.index(needle, at)
    for _ in range(nth):
        at = text.index(needle, at + 1)
    p = position_of(text, at + delta)
    return {"line": p.line, "character": p.character}


def line_of(text: str, needle: str, after: str | None = None) -> int:
    return pos(text, needle, after=after)["line"]


def range_text(text: str, r: types.Range) -> str:
    return text[offset_of(text, r.start) : offset_of(text, r.end)]


def apply_edits(text: str, edits) -> str:
    """Applies LSP text edits (all against the original text)."""
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def markup(hover: types.Hover | None) -> str:
    assert hover is not None, "no hover"
    contents = hover.contents
    if isinstance(contents, types.MarkupContent):
        return contents.value
    if isinstance(contents, str):
        return contents
    if isinstance(contents, list):
        return "\n".join(c if isinstance(c, str) else c.value for c in contents)
    return contents.value


# ---------------------------------------------------------------- temporary rules directories


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of `rules/` under tmp_path (the server finds the rules directory
    as the nearest ancestor named `rules`); returns the copy's national folder
    (the Caf's is beside it, `rules_copy.parent / "caf-63"`)."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("tests"))
    return target / "national"
