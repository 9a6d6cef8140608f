"""textDocument/rename (and prepareRename) across the rulebooks."""

from __future__ import annotations

import pytest
from pygls.exceptions import JsonRpcException

from conftest import C2023, C2024, Y2023, Y2024, apply_edits, open_and_wait, position_of, range_text, types, uri_of

# The national files and the Cafs' written over them: a rename may edit any.
TEXTS = {uri_of(p): p for p in (Y2023, Y2024, C2023, C2024, *sorted((Y2023.parent.parent / "caf-15").glob("*.clas")))}


def check_edits(edit: types.WorkspaceEdit, old: str, new: str) -> dict[str, list[types.TextEdit]]:
    """Every edit replaces exactly `old` by `new`; gives the edits by URI."""
    assert edit is not None
    changes = dict(edit.changes or {})
    if edit.document_changes:
        for change in edit.document_changes:
            changes.setdefault(change.text_document.uri, []).extend(change.edits)
    for uri, edits in changes.items():
        text = TEXTS[uri].read_text(encoding="utf-8")
        for e in edits:
            assert e.new_text == new
            assert range_text(text, e.range) == old, (uri, e.range, range_text(text, e.range))
        ranges = [(e.range.start.line, e.range.start.character) for e in edits]
        assert len(ranges) == len(set(ranges)), f"duplicate edits in {uri}"
    return changes


async def rename(client, doc, position, new_name):
    return await client.text_document_rename_async(
        types.RenameParams(text_document=doc.ident, position=position, new_name=new_name)
    )


@pytest.mark.parametrize("start_in", ["2023-2024", "2024-2025"])
async def test_rename_parameter_edits_both_rulebooks(client, start_in):
    parent, _ = await open_and_wait(client, Y2023)
    child, _ = await open_and_wait(client, Y2024)
    if start_in == "2023-2024":
        doc, position = parent, parent.position("prix_plafond", after="round(")
    else:
        doc, position = child, child.position("prix_plafond", after="override param ")
    changes = check_edits(await rename(client, doc, position, "plafond_du_prix"), "prix_plafond", "plafond_du_prix")
    assert set(changes) == {parent.uri, child.uri}

    # Every occurrence of the name as a word is renamed, in both files.
    for d in (parent, child):
        new_text = apply_edits(d.text, changes[d.uri])
        assert "prix_plafond" not in new_text
    # The override in 2024-2025 is included.
    override = child.position("prix_plafond", after="override param ")
    assert any(e.range.start == override for e in changes[child.uri])
    # The parent: declaration, `let ps_maximale`, `def ps_collectif`.
    assert len(changes[parent.uri]) == parent.text.count("prix_plafond") == 3

    # And the renamed rulebooks check without error.
    parent.replace_all(apply_edits(parent.text, changes[parent.uri]))
    child.replace_all(apply_edits(child.text, changes[child.uri]))
    assert [d for d in await parent.diagnostics() if d.severity == 1] == []
    assert [d for d in await child.diagnostics() if d.severity == 1] == []


async def test_rename_dropped_rule_edits_the_drop_line(client):
    # Names of the Caf du Puy-de-Dôme's layer.
    parent, _ = await open_and_wait(client, C2023)
    child, _ = await open_and_wait(client, C2024)
    old = "transition_pas_plus_de_collectifs"
    changes = check_edits(
        await rename(client, parent, parent.position(old, after="rule "), "transition_collectifs"),
        old,
        "transition_collectifs",
    )
    assert set(changes) == {parent.uri, child.uri}
    drop = child.text.index(old, child.text.index("drop rule "))
    assert [e.range.start for e in changes[child.uri]] == [position_of(child.text, drop)]
    assert child.text.split("\n")[changes[child.uri][0].range.start.line] == f"drop rule {old}"
    assert len(changes[parent.uri]) == 1


async def test_rename_field_edits_drop_field(client):
    # Names of the Caf du Puy-de-Dôme's layer.
    parent, _ = await open_and_wait(client, C2023)
    child, _ = await open_and_wait(client, C2024)
    old = "collectifs_conventionnes_2022_2023"
    changes = check_edits(
        await rename(client, parent, parent.position(old, after="record Porteur {"), "nb_collectifs"),
        old,
        "nb_collectifs",
    )
    assert set(changes) == {parent.uri, child.uri}
    assert len(changes[parent.uri]) == parent.text.count(old) == 2
    assert changes[child.uri][0].range.start == child.position(old, after="drop field Porteur.")


async def test_invalid_new_name_is_refused(client):
    parent, _ = await open_and_wait(client, Y2023)
    for bad in ("2x", "prix plafond", "", "prix-plafond"):
        with pytest.raises(JsonRpcException) as raised:
            await rename(client, parent, parent.position("prix_plafond", after="param "), bad)
        assert "n'est pas un nom" in str(raised.value), bad


async def test_prepare_rename_gives_the_name_range(client):
    parent, _ = await open_and_wait(client, Y2023)
    result = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=parent.ident, position=parent.position("taux_ps", after="round(prix_plafond * ", delta=4))
    )
    at = parent.text.index("taux_ps", parent.text.index("round(prix_plafond * "))
    assert result == types.Range(start=position_of(parent.text, at), end=position_of(parent.text, at + 7))
    # Not on the application's name, nor on a blank line.
    for position in (parent.position("demande", after="input "), types.Position(line=4, character=0)):
        result = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=parent.ident, position=position)
        )
        assert result is None, position


async def test_rename_parameter_quoted_in_messages(client):
    # Names of the Caf du Puy-de-Dôme's layer.
    parent, _ = await open_and_wait(client, C2023)
    child, _ = await open_and_wait(client, C2024)
    old = "periode_depot"
    changes = check_edits(
        await rename(client, parent, parent.position(old, after="param "), "periode_de_depot"), old, "periode_de_depot"
    )
    # Declaration, use, and `{periode_depot}` in the rule's message; the override.
    assert len(changes[parent.uri]) == parent.text.count(old) == 3
    assert len(changes[child.uri]) == child.text.count(old) == 1
    # The other Caf's own `periode_depot` is another parameter: left alone.
    assert sorted(changes) == sorted([parent.uri, child.uri])
    parent.replace_all(apply_edits(parent.text, changes[parent.uri]))
    child.replace_all(apply_edits(child.text, changes[child.uri]))
    assert "{periode_de_depot}" in parent.text
    assert [d for d in await parent.diagnostics() if d.severity == 1] == []
    assert [d for d in await child.diagnostics() if d.severity == 1] == []


async def test_rename_enum_value_leaves_homonyms_alone(client):
    parent, _ = await open_and_wait(client, Y2023)
    # `enfants` is a value of `Axe`, and also a field of `Collectif`.
    changes = check_edits(
        await rename(client, parent, parent.position("enfants in demande.axes"), "enfants_et_jeunes"),
        "enfants",
        "enfants_et_jeunes",
    )
    edits = changes[parent.uri]
    lines = sorted(e.range.start.line for e in edits)
    assert lines == sorted([parent.position("enfants", after="enum Axe = ").line, parent.position("enfants in demande.axes").line])
    new_text = apply_edits(parent.text, edits)
    assert "c.enfants in effectif_collectif" in new_text
    assert "enum Axe = enfants_et_jeunes label" in new_text


async def test_rename_field_leaves_enum_value_alone(client):
    parent, _ = await open_and_wait(client, Y2023)
    changes = check_edits(
        await rename(client, parent, parent.position("enfants", after="unless c."), "nombre_enfants"),
        "enfants",
        "nombre_enfants",
    )
    new_text = apply_edits(parent.text, changes[parent.uri])
    assert "c.nombre_enfants in effectif_collectif" in new_text
    assert "  nombre_enfants: integer" in new_text
    assert "enum Axe = enfants label" in new_text
    assert "refuse unless enfants in demande.axes" in new_text


async def test_rename_record_type_edits_extend_record(client):
    parent, _ = await open_and_wait(client, Y2023)
    child, _ = await open_and_wait(client, Y2024)
    changes = check_edits(
        await rename(client, parent, parent.position("Collectif", after="record "), "Groupe"), "Collectif", "Groupe"
    )
    # `record Collectif`, `list Collectif` (input, let), `c: Collectif` (the two defs).
    assert len(changes[parent.uri]) == 5
    assert [e.range.start for e in changes[child.uri]] == [child.position("Collectif", after="extend record ")]
    parent.replace_all(apply_edits(parent.text, changes[parent.uri]))
    child.replace_all(apply_edits(child.text, changes[child.uri]))
    assert [d for d in await parent.diagnostics() if d.severity == 1] == []
    assert [d for d in await child.diagnostics() if d.severity == 1] == []


@pytest.mark.parametrize("bad", ["rule", "source", "true", "x²"])
async def test_reserved_word_is_refused_as_new_name(client, bad):
    parent, _ = await open_and_wait(client, Y2023)
    with pytest.raises(JsonRpcException):
        await rename(client, parent, parent.position("prix_plafond", after="param "), bad)


async def test_rename_to_an_existing_name_is_refused(client):
    parent, _ = await open_and_wait(client, Y2023)
    await open_and_wait(client, Y2024)
    with pytest.raises(JsonRpcException):
        await rename(client, parent, parent.position("prix_plafond", after="param "), "taux_ps")
