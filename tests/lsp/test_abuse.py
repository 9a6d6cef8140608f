"""The language server under abuse: thousands of random edits with a fixed
seed (insertions, deletions, pastes of binary junk and of astral characters,
positions and ranges out of range, changes to documents never opened,
closes of documents never opened) mixed with requests at random positions
(hover, definition, completion, formatting, semantic tokens). After every
50 edits a hover and a diagnostics round trip must come back within a
timeout; at the end the server's text must still be ours, and its memory
(VmRSS) must not have grown by more than 200 MB.

The figures (edits, requests, RSS at start and end) are printed; run with
`bash tests/lsp/run.sh -k abuse -s` to see them."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

from pygls.exceptions import JsonRpcInvalidParams

from conftest import (
    Y2023,
    Y2024,
    errors,
    markup,
    open_and_wait,
    open_document,
    types,
    uri_of,
    wait_for_diagnostics,
)

EDITS = 3000
ROUND_TRIP_EVERY = 50
ROUND_TRIP_TIMEOUT = 20.0
MAX_RSS_GROWTH_KB = 200 * 1024


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def junk(rng: random.Random) -> str:
    """Text no editor should send, but one might: control characters, NUL,
    noncharacters, private use, astral characters, lone combining marks,
    right-to-left marks, bytes read as Latin-1."""
    roll = rng.random()
    if roll < 0.3:
        # Any code point outside the surrogates (which JSON cannot carry alone).
        out = []
        for _ in range(rng.randint(1, 40)):
            c = rng.randrange(0x110000)
            if 0xD800 <= c <= 0xDFFF:
                c = 0xFFFD
            out.append(chr(c))
        return "".join(out)
    if roll < 0.5:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 200))).decode("latin-1")
    if roll < 0.7:
        return "".join(rng.choice("𝄞😀𐍈🇫🇷\U0010FFFF\U000E0001") for _ in range(rng.randint(1, 20)))
    if roll < 0.8:
        return rng.choice(["\u0301" * 10, "\u200f\u202e", "\ufeff" * 3, "\uffff\ufffe", "\x00" * 16, "\r" * 5, "\r\n" * 5])
    return rng.choice(
        [
            "param ",
            "rule r:\n  refuse when ",
            "demande.",
            "(" * 100,
            "[" * 100,
            '"',
            "#",
            "7 885 €",
            "extend record Collectif {\n",
            "override param taux_ps: rate = ",
            "drop rule ",
            "𝄞 = 𝄞",
        ]
    )


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def random_position(rng: random.Random, text: str) -> types.Position:
    lines = text.split("\n")
    roll = rng.random()
    if roll < 0.08:
        return types.Position(line=len(lines) + rng.randint(0, 10_000), character=rng.randint(0, 10_000))
    if roll < 0.1:
        return types.Position(line=2**31 - 1, character=2**31 - 1)
    line = rng.randrange(len(lines))
    width = utf16_len(lines[line])
    if roll < 0.2:
        return types.Position(line=line, character=width + rng.randint(1, 100_000))
    # May fall inside a surrogate pair: the server must cope.
    return types.Position(line=line, character=rng.randint(0, width))


def ordered(a: types.Position, b: types.Position) -> tuple[types.Position, types.Position]:
    return (a, b) if (a.line, a.character) <= (b.line, b.character) else (b, a)


async def request(rng: random.Random, client, doc_ident, text: str):
    """One request at a random position; any answer will do, but an answer."""
    p = random_position(rng, text)
    kind = rng.randrange(5)
    if kind == 0:
        return await client.text_document_hover_async(types.HoverParams(text_document=doc_ident, position=p))
    if kind == 1:
        return await client.text_document_definition_async(types.DefinitionParams(text_document=doc_ident, position=p))
    if kind == 2:
        return await client.text_document_completion_async(types.CompletionParams(text_document=doc_ident, position=p))
    if kind == 3:
        return await client.text_document_formatting_async(
            types.DocumentFormattingParams(text_document=doc_ident, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
        )
    return await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc_ident))


async def test_thousands_of_hostile_edits_and_requests(client, rules_copy):
    rng = random.Random(20231)
    server = client._server
    assert server is not None
    pid = server.pid
    start = time.monotonic()

    y2023 = Y2023.read_text(encoding="utf-8")
    y2024 = Y2024.read_text(encoding="utf-8")
    main, _ = await open_and_wait(client, rules_copy / "2023-2024.clas", y2023)
    other, _ = await open_and_wait(client, rules_copy / "2024-2025.clas", y2024)
    scratch = open_document(client, rules_copy / "brouillon.clas", "")
    await wait_for_diagnostics(client, scratch.uri, scratch.version)
    docs = [main, other, scratch]
    rss_start = rss_kb(pid)

    unknown = [uri_of(rules_copy / "jamais-ouvert.clas"), "untitled:Sans titre-1", "file:///dev/null", "urn:x:y"]
    edits = requests = round_trips = refused = 0
    for i in range(1, EDITS + 1):
        doc = rng.choice(docs)
        roll = rng.random()
        if roll < 0.35:
            p = random_position(rng, doc.text)
            doc.edit(p, p, junk(rng))
        elif roll < 0.6:
            a, b = ordered(random_position(rng, doc.text), random_position(rng, doc.text))
            doc.edit(a, b, "")
        elif roll < 0.66:
            if len(doc.text) > 60_000:
                doc.replace_all(rng.choice([y2023, y2024, ""]))
            else:
                p = random_position(rng, doc.text)
                doc.edit(p, p, rng.choice([y2023, y2024]))  # paste a whole rulebook
        elif roll < 0.72:
            # A range with its ends reversed: the server orders them.
            a, b = random_position(rng, doc.text), random_position(rng, doc.text)
            doc.edit(a, b, junk(rng))
        elif roll < 0.75:
            doc.replace_all(rng.choice([y2023, y2024, "", junk(rng), y2023[: rng.randrange(len(y2023))]]))
        elif roll < 0.8:
            # A change, a close, a save of a document that is not open.
            uri = rng.choice(unknown)
            which = rng.randrange(3)
            if which == 0:
                client.text_document_did_change(
                    types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=rng.randint(-5, 10**6)),
                        content_changes=[
                            types.TextDocumentContentChangePartial(
                                range=types.Range(start=random_position(rng, ""), end=random_position(rng, "")),
                                text=junk(rng),
                            )
                        ],
                    )
                )
            elif which == 1:
                client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
            else:
                client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
            edits -= 1  # not an edit of ours
        else:
            # A request, maybe on a document that is not open.
            ident = doc.ident if rng.random() < 0.9 else types.TextDocumentIdentifier(uri=rng.choice(unknown))
            try:
                await asyncio.wait_for(request(rng, client, ident, doc.text), ROUND_TRIP_TIMEOUT)
            except JsonRpcInvalidParams:
                # The one answer that may be an error: a URI with a space is
                # not a URI, and the server says so.
                assert " " in ident.uri, ident.uri
                refused += 1
            requests += 1
            edits -= 1
        edits += 1

        if i % ROUND_TRIP_EVERY == 0:
            # The server keeps answering: a hover, and the diagnostics of the
            # latest version of the document just edited.
            hover = await asyncio.wait_for(
                client.text_document_hover_async(types.HoverParams(text_document=doc.ident, position=random_position(rng, doc.text))),
                ROUND_TRIP_TIMEOUT,
            )
            assert hover is None or isinstance(hover, types.Hover)
            await wait_for_diagnostics(client, doc.uri, doc.version, timeout=ROUND_TRIP_TIMEOUT)
            round_trips += 1
            assert server.returncode is None, f"the server exited after {i} steps"

    # Our copy of each text is the server's: put the real rulebooks back
    # through a range that runs past the end, and they check clean (the
    # scratch emptied first: a whole rulebook pasted there would be a second
    # national rulebook of its year).
    scratch.replace_all("")
    for doc, text in ((main, y2023), (other, y2024)):
        version = doc.edit(types.Position(line=0, character=0), types.Position(line=10**6, character=10**6), text)
        assert doc.text == text
        assert errors(await wait_for_diagnostics(client, doc.uri, version, timeout=60)) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=main.ident, position=main.position("taux_ps", after="round(prix_plafond * "))
    )
    assert "32,5" in markup(hover)
    # The scratch document goes, then nothing is published for it any more.
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=scratch.ident))

    rss_end = rss_kb(pid)
    elapsed = time.monotonic() - start
    print(
        f"\nLSP abuse: {edits} edits, {requests} requests ({refused} refused: invalid URI), "
        f"{round_trips} round trips in {elapsed:.1f} s; "
        f"server VmRSS {rss_start / 1024:.1f} MB at start, {rss_end / 1024:.1f} MB at the end"
    )
    assert edits >= 2000
    assert round_trips == EDITS // ROUND_TRIP_EVERY
    assert rss_end - rss_start < MAX_RSS_GROWTH_KB, f"VmRSS grew from {rss_start} kB to {rss_end} kB"
    assert server.returncode is None, "the server exited"
