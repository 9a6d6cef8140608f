"""textDocument/inlayHint: values computed when the rulebook loads."""

from __future__ import annotations

from conftest import Y2023, Y2024, open_and_wait, types


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def label_of(hint: types.InlayHint) -> str:
    if isinstance(hint.label, str):
        return hint.label
    return "".join(part.value for part in hint.label)


async def hints(client, doc, first: int = 0, last: int | None = None) -> list[types.InlayHint]:
    last = len(doc.text.split("\n")) if last is None else last
    result = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc.ident,
            range=types.Range(start=types.Position(line=first, character=0), end=types.Position(line=last, character=0)),
        )
    )
    assert result is not None
    return list(result)


async def test_let_ps_maximale_shows_2563(client):
    doc, _ = await open_and_wait(client, Y2023)
    line_no = doc.position("let ps_maximale").line
    line = doc.text.split("\n")[line_no]
    found = [h for h in await hints(client, doc) if h.position.line == line_no]
    assert len(found) == 1, found
    assert "2 563 €" in plain(label_of(found[0]))
    # At the end of the line, after the expression.
    assert found[0].position.character == len(line.encode("utf-16-le")) // 2
    # Values that depend on the application get no hint.
    for name in ("let collectifs_retenus", "let pluriannuel", "output total"):
        n = doc.position(name).line
        assert not [h for h in await hints(client, doc) if h.position.line == n], name


async def test_hints_are_limited_to_the_range(client):
    doc, _ = await open_and_wait(client, Y2023)
    line_no = doc.position("let ps_maximale").line
    assert await hints(client, doc, 0, line_no - 1) == []
    assert len(await hints(client, doc, line_no, line_no)) == 1


async def test_child_value_follows_the_override(client):
    doc, _ = await open_and_wait(client, Y2024)
    doc.replace_all(doc.text + "\nlet ps_maximale_bis: money = round(prix_plafond * taux_ps, euro, half_up)\n")
    await doc.diagnostics()
    line_no = doc.position("let ps_maximale_bis").line
    found = [h for h in await hints(client, doc) if h.position.line == line_no]
    assert [plain(label_of(h)).strip() for h in found] == ["= 2 640 €"]
