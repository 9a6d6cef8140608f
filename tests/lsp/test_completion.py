"""textDocument/completion on the real rulebooks."""

from __future__ import annotations

from conftest import C2023, C2024, Y2023, Y2024, open_and_wait, types

K = types.CompletionItemKind


def items_of(result) -> list[types.CompletionItem]:
    assert result is not None
    return list(result) if isinstance(result, (list, tuple)) else list(result.items)


async def complete(client, doc, position) -> dict[str, types.CompletionItem]:
    items = items_of(
        await client.text_document_completion_async(types.CompletionParams(text_document=doc.ident, position=position))
    )
    return {i.label: i for i in items}


INPUT_FIELDS = {
    "annee_scolaire": "text",
    "depose_le": "date",
    "plateforme": "text",
    "niveau": "Niveau",
    "porteur": "Porteur",
    "collectifs": "list Collectif",
    "axes": "list Axe",
    "aide_aux_devoirs_exclusivement": "bool",
    "bonus": "Bonus",
    "msa": "optional Msa",
}
# What the national layer asks of every application (the Caf du
# Puy-de-Dôme adds `plateforme` and `msa`).
NATIONAL_INPUT_FIELDS = {k: v for k, v in INPUT_FIELDS.items() if k not in ("plateforme", "msa")}


async def test_after_demande_dot_gives_the_application_fields(client):
    doc, _ = await open_and_wait(client, Y2023)
    found = await complete(client, doc, doc.position("demande.", after="eligible(", delta=len("demande.")))
    assert {label: item.detail for label, item in found.items()} == NATIONAL_INPUT_FIELDS
    assert all(item.kind == K.Field for item in found.values())
    # In the Caf's file: the national fields and its own.
    doc, _ = await open_and_wait(client, C2023)
    found = await complete(client, doc, doc.position("demande.", after="refuse unless ", delta=len("demande.")))
    assert {label: item.detail for label, item in found.items()} == INPUT_FIELDS


async def test_after_demande_dot_while_typing(client):
    """On a line being typed (the document does not parse), from the last good analysis."""
    doc, _ = await open_and_wait(client, C2023)
    end = doc.position("\n", after='  source "§2 Modalités de dépôt"\n\nrule depot_sur_elan:')
    doc.edit(end, end, "\n  warn when demande.")
    await doc.diagnostics()
    found = await complete(client, doc, types.Position(line=end.line + 1, character=len("  warn when demande.")))
    assert {label: item.detail for label, item in found.items()} == INPUT_FIELDS


async def test_after_demande_porteur_dot_gives_the_porteur_fields(client):
    national = {
        "nom": "text",
        "statut": "Statut",
        "charte_laicite": "bool",
        "contrat_engagement_republicain": "bool",
        "annees_soutien_caf": "integer",
    }
    doc, _ = await open_and_wait(client, Y2023)
    found = await complete(client, doc, doc.position("demande.porteur.", delta=len("demande.porteur.")))
    assert {label: item.detail for label, item in found.items()} == national
    # The Caf's file extends the record.
    doc, _ = await open_and_wait(client, C2023)
    found = await complete(client, doc, doc.position("demande.porteur.", delta=len("demande.porteur.")))
    assert {label: item.detail for label, item in found.items()} == national | {
        "conventionne_2022_2023": "bool",
        "collectifs_conventionnes_2022_2023": "integer",
        "bilan_2022_2023_depose_le": "optional date",
    }


async def test_in_child_fields_follow_drop_and_extend(client):
    await open_and_wait(client, Y2023)
    doc, _ = await open_and_wait(client, Y2024)
    # `c.` in the child's item rule: Collectif with the added field.
    found = await complete(client, doc, doc.position("c.", after="refuse unless ", delta=2))
    assert found.keys() == {"nom", "enfants", "depenses", "adultes_encadrants"}
    assert found["adultes_encadrants"].detail == "integer"
    # The field the Caf's 2024-2025 drops is gone from Porteur.
    doc, _ = await open_and_wait(client, C2024)
    end = types.Position(line=len(doc.text.split("\n")) - 1, character=0)
    doc.edit(end, end, "let x: bool = demande.porteur.")
    await doc.diagnostics()
    found = await complete(client, doc, types.Position(line=end.line, character=len("let x: bool = demande.porteur.")))
    assert "statut" in found and "conventionne_2022_2023" in found
    assert "collectifs_conventionnes_2022_2023" not in found


async def test_at_the_start_of_a_line_gives_declaration_keywords(client):
    doc, _ = await open_and_wait(client, C2023)
    blank = doc.text.split("\n").index("", 10)
    found = await complete(client, doc, types.Position(line=blank, character=0))
    for keyword in ("param", "let", "def", "rule", "output", "assert", "record", "enum", "input", "override", "drop", "extend"):
        assert keyword in found, keyword
        assert found[keyword].kind == K.Keyword
    # Indented: no declaration keywords (a declaration cannot start there).
    found = await complete(client, doc, doc.position("refuse", after="rule depot_sur_elan:\n  ", delta=0))
    assert "param" not in found and "rule" not in found
    assert "refuse" in found and "unless" in found


async def test_parameters_appear_with_their_type(client):
    # In the Caf's file: its own parameters and the national ones.
    doc, _ = await open_and_wait(client, C2023)
    # Inside an expression: `refuse when … count(|demande.collectifs) > …`.
    found = await complete(client, doc, doc.position("count(", after="refuse when ", delta=len("count(")))
    expected = {
        "taux_ps": "rate",
        "prix_plafond": "money",
        "effectif_collectif": "range integer",
        "periode_depot": "range date",
        "plateformes_depot": "list text",
        "date_limite_bilan": "date",
        "montant_minimum_msa": "money",
        "ps_maximale": "money",
        "collectifs_retenus": "list Collectif",
        "total": "money",
        "ps_collectif": "money",
    }
    for label, detail in expected.items():
        assert label in found, label
        assert found[label].detail == detail, (label, found[label].detail)
    assert found["taux_ps"].kind == K.Constant
    assert found["ps_collectif"].kind == K.Function
    assert "demande" in found
    # The documentation is the hover's.
    doc_value = found["taux_ps"].documentation
    assert doc_value is not None and "32,5 %" in doc_value.value


async def test_enum_values_appear(client):
    doc, _ = await open_and_wait(client, Y2023)
    found = await complete(client, doc, doc.position("association", after="statut == ", delta=0))
    for value, enum in (("association", "Statut"), ("centre_social", "Statut"), ("college", "Niveau"), ("territoire", "Axe")):
        assert found[value].kind == K.EnumMember
        assert found[value].detail == enum
    # Each value's label, as staff read it, is its documentation.
    assert found["college"].documentation.value == "« collège »"


async def test_after_an_enum_name_dot_gives_its_values(client):
    doc, _ = await open_and_wait(client, Y2023)
    end = types.Position(line=len(doc.text.split("\n")) - 1, character=0)
    doc.edit(end, end, "let s: Statut = Statut.")
    await doc.diagnostics()
    found = await complete(client, doc, types.Position(line=end.line, character=len("let s: Statut = Statut.")))
    assert found.keys() == {"association", "centre_social", "collectivite", "autre"}


async def test_local_names_in_scope(client):
    doc, _ = await open_and_wait(client, Y2023)
    found = await complete(client, doc, doc.position("c.enfants", after="rule effectif_du_collectif", delta=0))
    assert found["c"].detail == "Collectif"
    # Not outside its declaration.
    found = await complete(client, doc, doc.position("count(", after="refuse when ", delta=len("count(")))
    assert "c" not in found
