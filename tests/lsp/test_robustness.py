"""The server keeps answering: half-typed documents, unknown documents,
positions out of range, and 500 random edits."""

from __future__ import annotations

import random

from conftest import (
    C2023,
    Y2023,
    Y2024,
    errors,
    markup,
    open_and_wait,
    position_of,
    types,
    uri_of,
    wait_for_diagnostics,
)


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def labels(result) -> set[str]:
    if result is None:
        return set()
    items = result if isinstance(result, (list, tuple)) else result.items
    return {i.label for i in items}


async def test_half_typed_document_still_answers(client):
    # A Caf's file, over the national one.
    doc, _ = await open_and_wait(client, C2023)
    # Cut the rulebook in the middle of a line, just after `demande.`.
    line = "  refuse unless any(p in plateformes_depot: same_text(demande."
    cut = doc.text.index(line) + len(line)
    version = doc.replace_all(doc.text[:cut])
    published = await wait_for_diagnostics(client, doc.uri, version)
    assert errors(published), "a cut rulebook has errors"
    end = position_of(doc.text, len(doc.text))

    # Hover uses the last good analysis where it can.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=doc.position("montant_minimum_msa", after="param "))
    )
    assert "**500 €**" in plain(markup(hover))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=doc.position("Porteur", after="extend record "))
    )
    assert "`annees_soutien_caf`" in markup(hover) and "`conventionne_2022_2023`" in markup(hover)

    # Completion at the cut: the application's fields, national and the Caf's.
    completion = await client.text_document_completion_async(types.CompletionParams(text_document=doc.ident, position=end))
    assert {"porteur", "collectifs", "plateforme"} <= labels(completion)

    # The outline of what is there.
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident))
    names = {s.name for s in symbols}
    assert {"periode_depot", "plateformes_depot", "montant_minimum_msa", "depot_dans_la_periode"} <= names

    # Definition, tokens, folding, hints, actions: answered without error.
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc.ident, position=doc.position("depose_le", after="demande."))
    )
    assert definition is not None
    await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
    await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc.ident))
    await client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=doc.ident, range=types.Range(start=types.Position(line=0, character=0), end=end))
    )
    await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident,
            range=types.Range(start=end, end=end),
            context=types.CodeActionContext(diagnostics=list(published)),
        )
    )
    await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc.ident, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )


async def test_typing_a_rule_character_by_character(client):
    doc, _ = await open_and_wait(client, Y2024)
    typed = "rule encadrement_renforce for c in demande.collectifs:\n  warn when c.adultes_encadrants < encadrants_minimum\n"
    for ch in typed:
        end = position_of(doc.text, len(doc.text))
        doc.edit(end, end, ch)
        if ch == ".":
            completion = await client.text_document_completion_async(
                types.CompletionParams(text_document=doc.ident, position=position_of(doc.text, len(doc.text)))
            )
            assert completion is not None
    # One publication per keystroke, the last one for the whole rule: it lacks its message.
    published = await doc.diagnostics()
    assert doc.version == 1 + len(typed)
    found = errors(published)
    assert len(found) == 1 and "message" in found[0].message, found
    assert found[0].range.start.line == doc.position("rule encadrement_renforce").line
    # The name `c` and the field resolve in the new rule.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=doc.position("adultes_encadrants", after="warn when c."))
    )
    assert "`Collectif.adultes_encadrants`" in markup(hover)


UNKNOWN = "file:///nowhere/at/all/2099-2100.clas"


async def test_requests_on_an_unknown_document_give_null_or_empty(client):
    await open_and_wait(client, Y2023)
    ident = types.TextDocumentIdentifier(uri=UNKNOWN)
    p = types.Position(line=0, character=0)
    r = types.Range(start=p, end=p)

    def empty(result) -> bool:
        if result is None:
            return True
        if isinstance(result, (list, tuple)):
            return len(result) == 0
        if isinstance(result, types.SemanticTokens):
            return len(result.data) == 0
        if isinstance(result, types.CompletionList):
            return len(result.items) == 0
        if isinstance(result, types.WorkspaceEdit):
            return not result.changes and not result.document_changes
        return False

    results = {
        "hover": await client.text_document_hover_async(types.HoverParams(text_document=ident, position=p)),
        "definition": await client.text_document_definition_async(types.DefinitionParams(text_document=ident, position=p)),
        "references": await client.text_document_references_async(
            types.ReferenceParams(text_document=ident, position=p, context=types.ReferenceContext(include_declaration=True))
        ),
        "prepareRename": await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=ident, position=p)
        ),
        "rename": await client.text_document_rename_async(types.RenameParams(text_document=ident, position=p, new_name="x")),
        "completion": await client.text_document_completion_async(types.CompletionParams(text_document=ident, position=p)),
        "documentSymbol": await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=ident)),
        "foldingRange": await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=ident)),
        "formatting": await client.text_document_formatting_async(
            types.DocumentFormattingParams(text_document=ident, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
        ),
        "semanticTokens": await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=ident)),
        "inlayHint": await client.text_document_inlay_hint_async(types.InlayHintParams(text_document=ident, range=r)),
        "codeAction": await client.text_document_code_action_async(
            types.CodeActionParams(text_document=ident, range=r, context=types.CodeActionContext(diagnostics=[]))
        ),
    }
    assert {k: v for k, v in results.items() if not empty(v)} == {}

    # Notifications about it are ignored, and the server goes on.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=UNKNOWN, version=5),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="param")],
        )
    )
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=ident))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=ident))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri_of(Y2023)), position=types.Position(line=62, character=8))
    )
    assert hover is None or hover.contents


async def test_a_document_that_is_not_a_file(client):
    """An `untitled:` document is checked on its own (no rules directory)."""
    uri = "untitled:Untitled-1"
    good = Y2023.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="clas", version=1, text=good))
    )
    assert await wait_for_diagnostics(client, uri, 1) == []
    text = good.replace("round(prix_plafond * taux_ps,", "round(prix_plafond * taux_pss,")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    published = await wait_for_diagnostics(client, uri, 2)
    assert [d.message.split("\n")[0] for d in errors(published)] == ["nom inconnu `taux_pss` (n'est déclaré nulle part dans ces règles)"]
    ident = types.TextDocumentIdentifier(uri=uri)
    at = text.index("prix_plafond", text.index("round("))
    hover = await client.text_document_hover_async(types.HoverParams(text_document=ident, position=position_of(text, at)))
    assert "7 885 €" in plain(markup(hover))
    await client.text_document_references_async(
        types.ReferenceParams(text_document=ident, position=position_of(text, at), context=types.ReferenceContext(include_declaration=True))
    )
    await client.text_document_rename_async(types.RenameParams(text_document=ident, position=position_of(text, at), new_name="plafond"))


async def test_positions_past_the_end_are_answered(client):
    doc, _ = await open_and_wait(client, Y2023)
    lines = doc.text.split("\n")
    positions = [
        types.Position(line=5, character=10_000),  # past the end of a line
        types.Position(line=len(lines) - 1, character=500),  # past the end of the last line
        types.Position(line=len(lines) + 10, character=0),  # past the end of the file
        types.Position(line=2**31 - 1, character=2**31 - 1),
    ]
    for p in positions:
        await client.text_document_hover_async(types.HoverParams(text_document=doc.ident, position=p))
        await client.text_document_definition_async(types.DefinitionParams(text_document=doc.ident, position=p))
        await client.text_document_references_async(
            types.ReferenceParams(text_document=doc.ident, position=p, context=types.ReferenceContext(include_declaration=False))
        )
        await client.text_document_completion_async(types.CompletionParams(text_document=doc.ident, position=p))
        await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc.ident, position=p))
        await client.text_document_rename_async(types.RenameParams(text_document=doc.ident, position=p, new_name="x"))
        r = types.Range(start=types.Position(line=0, character=0), end=p)
        await client.text_document_inlay_hint_async(types.InlayHintParams(text_document=doc.ident, range=r))
        await client.text_document_code_action_async(
            types.CodeActionParams(text_document=doc.ident, range=types.Range(start=p, end=p), context=types.CodeActionContext(diagnostics=[]))
        )
    # The end of a line, past it: the name just before is not hovered, nothing fails.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=types.Position(line=doc.position("let ps_maximale").line, character=10_000))
    )
    assert hover is None

    # An edit with out-of-range positions is clamped to the end, as the protocol says.
    version = doc.edit(types.Position(line=10_000, character=3), types.Position(line=20_000, character=0), "\n# fin\n")
    assert doc.text.endswith("\n# fin\n")
    assert await wait_for_diagnostics(client, doc.uri, version) == []
    version = doc.edit(types.Position(line=0, character=0), types.Position(line=10**6, character=10**6), Y2024.read_text(encoding="utf-8"))
    assert errors(await wait_for_diagnostics(client, doc.uri, version)) != [], "2024-2025's text at 2023-2024's path extends itself"


SNIPPETS = [
    "é",
    "€",
    "𝄞",
    "\x00\x07",
    "\x1b[0m",
    "\ufeff",
    "\u202f",
    "\t",
    "\r\n",
    "\n",
    "\n\n",
    "  ",
    "#",
    '"',
    "{",
    "}",
    "(",
    ")",
    "[",
    ",",
    ".",
    "..=",
    ":",
    "=",
    "demande.",
    "demande.porteur.",
    "taux_ps",
    "taux_pss",
    "7 885 €",
    "32,5 %",
    "32.5",
    "2023-02-30",
    "9" * 40,
    "param ",
    "rule r:\n  refuse when true\n",
    "let x: money = ",
    "override param taux_ps: rate = 1 %\n",
    "drop rule depot_sur_elan\n",
    "extend record Collectif {\n  x: integer\n}\n",
    'message "{taux_ps} {{ }}"',
    "if let m = demande.msa then m else ",
    "(" * 70,
    "not " * 30,
    "\\",
    "\\u{0}",
]


def random_snippet(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return "".join(rng.choice("abcé€𝄞 \n\t\x00\x07\"#{}().:=,_0123456789") for _ in range(rng.randint(1, 30)))
    return rng.choice(SNIPPETS)


def random_position(rng: random.Random, text: str) -> types.Position:
    lines = text.split("\n")
    roll = rng.random()
    if roll < 0.1:
        return types.Position(line=len(lines) + rng.randint(0, 100), character=rng.randint(0, 100))  # past the file
    line = rng.randrange(len(lines))
    width = len(lines[line].encode("utf-16-le")) // 2
    if roll < 0.2:
        return types.Position(line=line, character=width + rng.randint(1, 1000))  # past the line
    return types.Position(line=line, character=rng.randint(0, width))  # (may fall inside a surrogate pair)


async def test_500_random_edits(client):
    rng = random.Random(7)
    rulebook = Y2023.read_text(encoding="utf-8")
    doc, _ = await open_and_wait(client, Y2023)
    hovers = 0
    for i in range(1, 501):
        roll = rng.random()
        if roll < 0.45:
            p = random_position(rng, doc.text)
            doc.edit(p, p, random_snippet(rng))
        elif roll < 0.8:
            a, b = random_position(rng, doc.text), random_position(rng, doc.text)
            if (a.line, a.character) > (b.line, b.character):
                a, b = b, a
            doc.edit(a, b, "")
        elif roll < 0.88:
            if len(doc.text) > 40_000:
                doc.replace_all(rulebook)  # keep the document a reasonable size
            else:
                p = random_position(rng, doc.text)
                doc.edit(p, p, rulebook)  # paste the whole rulebook
        elif roll < 0.93:
            a, b = random_position(rng, doc.text), random_position(rng, doc.text)
            doc.edit(a, b, random_snippet(rng))  # a replacement, maybe with its ends reversed
        else:
            doc.replace_all(rng.choice([rulebook, "", random_snippet(rng), rulebook[: rng.randrange(len(rulebook))]]))
        if i % 50 == 0:
            p = random_position(rng, doc.text)
            hover = await client.text_document_hover_async(types.HoverParams(text_document=doc.ident, position=p))
            assert hover is None or isinstance(hover, types.Hover)
            hovers += 1
    assert hovers == 10
    # The last version is analysed and published.
    await wait_for_diagnostics(client, doc.uri, doc.version, timeout=120)
    # The server's text is the same as ours: replacing it all (with a range
    # past the end) by the real rulebook checks clean.
    version = doc.edit(types.Position(line=0, character=0), types.Position(line=10**6, character=0), rulebook)
    assert await wait_for_diagnostics(client, doc.uri, version, timeout=120) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=doc.position("taux_ps", after="round(prix_plafond * "))
    )
    assert "32,5 %" in markup(hover)
    assert client._server is not None and client._server.returncode is None, "the server exited"
