"""textDocument/definition and textDocument/references, across the
rulebooks along `extends`."""

from __future__ import annotations

from conftest import Y2023, Y2024, open_and_wait, position_of, range_text, types, uri_of


def span_of(text: str, needle: str, after: str | None = None) -> types.Range:
    at = text.index(needle, text.index(after) + len(after) if after else 0)
    return types.Range(start=position_of(text, at), end=position_of(text, at + len(needle)))


def as_list(result) -> list[types.Location]:
    if result is None:
        return []
    if isinstance(result, list):
        return [r if isinstance(r, types.Location) else types.Location(uri=r.target_uri, range=r.target_selection_range) for r in result]
    return [result]


async def test_definition_of_a_parameter_goes_to_its_param_line(client):
    doc, _ = await open_and_wait(client, Y2023)
    for after in ("round(prix_plafond * ", "round(depenses_retenues(c) * "):
        result = as_list(
            await client.text_document_definition_async(
                types.DefinitionParams(text_document=doc.ident, position=doc.position("taux_ps", after=after, delta=3))
            )
        )
        assert len(result) == 1, result
        assert result[0].uri == doc.uri
        assert result[0].range == span_of(doc.text, "taux_ps", after="param ")
        assert doc.text.split("\n")[result[0].range.start.line].startswith("param taux_ps: rate = 32,5 %")


async def test_definition_of_a_field_goes_to_the_record_field(client):
    doc, _ = await open_and_wait(client, Y2023)
    result = as_list(
        await client.text_document_definition_async(
            types.DefinitionParams(text_document=doc.ident, position=doc.position("enfants", after="unless c.", delta=2))
        )
    )
    assert len(result) == 1, result
    assert result[0].uri == doc.uri
    assert result[0].range == span_of(doc.text, "enfants", after="record Collectif {")
    assert range_text(doc.text, result[0].range) == "enfants"


async def test_definition_of_a_derived_value_and_of_a_function(client):
    doc, _ = await open_and_wait(client, Y2023)
    for needle, after, declared in (
        ("ps_maximale", "conforme_a_la_note: ", "let "),
        ("ps_collectif", "sum(c in collectifs_retenus: ", "def "),
        ("collectifs_retenus", "count(", "let "),
    ):
        result = as_list(
            await client.text_document_definition_async(
                types.DefinitionParams(text_document=doc.ident, position=doc.position(needle, after=after))
            )
        )
        assert [r.range for r in result] == [span_of(doc.text, needle, after=declared)], needle


async def test_definition_in_child_of_an_added_field(client):
    await open_and_wait(client, Y2023)
    doc, _ = await open_and_wait(client, Y2024)
    result = as_list(
        await client.text_document_definition_async(
            types.DefinitionParams(text_document=doc.ident, position=doc.position("adultes_encadrants", after="unless c."))
        )
    )
    assert len(result) == 1, result
    assert result[0].uri == doc.uri
    assert result[0].range == span_of(doc.text, "adultes_encadrants", after="extend record Collectif {")


async def test_definition_in_child_of_an_inherited_name_goes_to_the_parent(client):
    parent, _ = await open_and_wait(client, Y2023)
    doc, _ = await open_and_wait(client, Y2024)
    # `demande.collectifs` in the child's rule: the field is declared in the parent.
    result = as_list(
        await client.text_document_definition_async(
            types.DefinitionParams(text_document=doc.ident, position=doc.position("collectifs", after="for c in demande."))
        )
    )
    assert len(result) == 1, result
    assert result[0].uri == uri_of(Y2023)
    assert result[0].range == span_of(parent.text, "collectifs", after="input demande {")


async def test_references_from_the_override_include_uses_in_the_parent(client):
    parent, _ = await open_and_wait(client, Y2023)
    doc, _ = await open_and_wait(client, Y2024)
    result = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc.ident,
            position=doc.position("taux_ps", after="override param "),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    found = {(r.uri, r.range.start.line, r.range.start.character, r.range.end.character) for r in result}

    def key(uri, text, after):
        r = span_of(text, "taux_ps", after=after)
        return (uri, r.start.line, r.start.character, r.end.character)

    expected = {
        key(uri_of(Y2024), doc.text, "override param "),  # the override
        key(uri_of(Y2023), parent.text, "param "),  # the parent's declaration
        key(uri_of(Y2023), parent.text, "round(prix_plafond * "),  # let ps_maximale
        key(uri_of(Y2023), parent.text, "round(depenses_retenues(c) * "),  # def ps_collectif
    }
    assert found == expected
    assert len(result) == len(found), "duplicate locations"
    for location in result:
        text = doc.text if location.uri == doc.uri else parent.text
        assert range_text(text, location.range) == "taux_ps"


async def test_references_without_declaration(client):
    parent, _ = await open_and_wait(client, Y2023)
    result = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=parent.ident,
            position=parent.position("prix_plafond", after="param "),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    lines = sorted((r.uri, r.range.start.line) for r in result)
    assert (uri_of(Y2023), parent.position("prix_plafond", after="param ").line) not in lines
    assert (uri_of(Y2023), parent.position("prix_plafond", after="round(").line) in lines
    assert (uri_of(Y2023), parent.position("prix_plafond", after="min(c.depenses, ").line) in lines
