"""Positions are in UTF-16 code units: `é` and `€` are one unit, `𝄞` two."""

from __future__ import annotations

from conftest import errors, markup, open_and_wait, types, utf16_len

TEXT = """\
# Règles d'essai : clé, €, 𝄞, « guillemets »
rulebook "Année 𝄞 — 1 000 €"
  year "2023-2024"
  source "Note 𝄞 €"

record Élève {
  prénom: text
  âge: integer
}

input demande {
  élève: Élève
  coût: money
}

param coût_maximal: money = 1 000 €
  source "§1 — coût 𝄞 €"
param âge_minimal: integer = 6
  source "§1 — 𝄞"

rule coût_trop_élevé:
  refuse when same_text("𝄞 € é", demande.élève.prénom) and demande.coût > coût_maximâl
  message "Le coût 𝄞 € dépasse {coût_maximul}."
  source "§1 — 𝄞"

rule trop_jeune:
  refuse when demande.élève.âge < âge_minimal
  message "Trop jeune (𝄞)."
  source "§1 — 𝄞 €"
"""


def expected_range(text: str, needle: str, after: str | None = None) -> types.Range:
    """The range of `needle`, counted in UTF-16 units with Python."""
    at = text.index(needle, text.index(after) + len(after) if after else 0)
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    character = len(text[line_start:at].encode("utf-16-le")) // 2
    return types.Range(
        start=types.Position(line=line, character=character),
        end=types.Position(line=line, character=character + len(needle.encode("utf-16-le")) // 2),
    )


async def test_server_uses_utf16(client):
    encoding = client.init_result.capabilities.position_encoding
    assert encoding in (None, types.PositionEncodingKind.Utf16)


async def test_diagnostic_ranges_are_in_utf16_units(client, tmp_path):
    path = tmp_path / "essai.clas"
    path.write_text(TEXT, encoding="utf-8")
    doc, published = await open_and_wait(client, path)
    found = sorted(errors(published), key=lambda d: (d.range.start.line, d.range.start.character))
    assert len(found) == 2, published

    # The unknown name after `"𝄞 € é"` and `élève.prénom`.
    name = expected_range(TEXT, "coût_maximâl")
    line = TEXT.split("\n")[name.start.line]
    prefix = line[: line.index("coût_maximâl")]
    # Python characters and UTF-16 units differ on this line (𝄞 is two units).
    assert len(prefix) + 1 == utf16_len(prefix) == name.start.character
    assert found[0].range == name
    assert found[0].range.end.character - found[0].range.start.character == 12
    assert "ne diffèrent que par les accents : écrivez `coût_maximal`" in found[0].message

    # The unknown name quoted in the message, after `𝄞` and `€`.
    # The whole text of the message is shown: 38 units, 37 Python characters.
    message = expected_range(TEXT, '"Le coût 𝄞 € dépasse {coût_maximul}."')
    assert message.start.character == len('  message ')
    assert message.end.character == message.start.character + 38
    assert found[1].range == message
    assert "coût_maximul" in found[1].message


async def test_edits_and_hover_with_utf16_positions(client, tmp_path):
    path = tmp_path / "essai.clas"
    doc, _ = await open_and_wait(client, path, TEXT)
    # Fix the typo with an incremental change given in UTF-16 units.
    name = expected_range(TEXT, "coût_maximâl")
    doc.edit(name.start, name.end, "coût_maximal")
    published = await doc.diagnostics()
    assert len(errors(published)) == 1  # the message's quote is left
    quoted = expected_range(doc.text, "coût_maximul")
    doc.edit(quoted.start, quoted.end, "coût_maximal")
    assert errors(await doc.diagnostics()) == []

    # Hover on the name after the 𝄞: its range comes back in UTF-16 units.
    name = expected_range(doc.text, "coût_maximal", after="demande.coût > ")
    for character in range(name.start.character, name.end.character + 1):
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=doc.ident, position=types.Position(line=name.start.line, character=character)
            )
        )
        assert "`coût_maximal`" in markup(hover), character
        assert hover.range == name
    # On `âge` after `élève.`: the field.
    field = expected_range(doc.text, "âge", after="demande.élève.")
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc.ident, position=field.start))
    assert "`Élève.âge`" in markup(hover)
    assert hover.range == field


async def test_position_inside_a_surrogate_pair(client, tmp_path):
    doc, _ = await open_and_wait(client, tmp_path / "essai.clas", TEXT)
    clef = expected_range(TEXT, "𝄞", after="same_text(")
    middle = types.Position(line=clef.start.line, character=clef.start.character + 1)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc.ident, position=middle))
    assert hover is None
    # An edit that starts inside the pair replaces the whole character.
    doc.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=doc.uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(start=middle, end=clef.end), text="x")
            ],
        )
    )
    published = await doc.diagnostics(2)
    # The typo after it is still found at the right place: one unit to the left.
    name = expected_range(TEXT.replace("𝄞 € é", "x € é", 1), "coût_maximâl")
    assert [d.range for d in errors(published) if "coût_maximâl" in d.message] == [name]


async def test_symbols_and_semantic_tokens_in_utf16(client, tmp_path):
    doc, _ = await open_and_wait(client, tmp_path / "essai.clas", TEXT)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident))
    by_name = {s.name: s for s in symbols}
    assert by_name["coût_trop_élevé"].selection_range == expected_range(TEXT, "coût_trop_élevé")
    assert [c.selection_range for c in by_name["Élève"].children] == [
        expected_range(TEXT, "prénom"),
        expected_range(TEXT, "âge"),
    ]
    result = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
    data = list(result.data)
    line, start, found = 0, 0, []
    for i in range(0, len(data), 5):
        line += data[i]
        start = start + data[i + 1] if data[i] == 0 else data[i + 1]
        found.append((line, start, data[i + 2]))
    comment = TEXT.split("\n")[0]
    assert (0, 0, utf16_len(comment)) in found
    text = expected_range(TEXT, '"𝄞 € é"')
    assert (text.start.line, text.start.character, 8) in found
    number = expected_range(TEXT, "1 000 €", after="coût_maximal: money = ")
    assert (number.start.line, number.start.character, 7) in found
