"""textDocument/hover on the real rulebooks."""

from __future__ import annotations

import pytest

from conftest import C2023, Y2023, Y2024, markup, open_and_wait, position_of, types, uri_of

# A national parameter's values, each with the layer and the file that set it.
TAUX_PS_BY_YEAR = (
    f"2023-2024 : 32,5 % (cadre national, [national/2023-2024.clas]({uri_of(Y2023)}))"
    f" · 2024-2025 : 33 % (cadre national, [national/2024-2025.clas]({uri_of(Y2024)}))"
)


def plain(text: str) -> str:
    """Hover text with the French typographic spaces (narrow no-break
    space between thousands, no-break space) read as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


async def hover(client, doc, needle: str, after: str | None = None, delta: int = 1, nth: int = 0):
    return await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=doc.position(needle, after=after, delta=delta, nth=nth))
    )


async def test_parameter_shows_type_value_source_and_values_by_year(client):
    await open_and_wait(client, Y2023)
    doc, _ = await open_and_wait(client, Y2024)
    result = await hover(client, doc, "taux_ps", after="override param")
    text = plain(markup(result))
    assert "`taux_ps`" in text
    assert "`rate`" in text
    assert "**33 %**" in text
    assert "Source : §3 Modalités de financement — calcul de la Ps (illustratif)" in text
    assert TAUX_PS_BY_YEAR in text, text
    # The range is the name under the cursor.
    at = doc.text.index("taux_ps", doc.text.index("override param"))
    assert result.range == types.Range(start=position_of(doc.text, at), end=position_of(doc.text, at + len("taux_ps")))


async def test_parameter_hover_in_parent_gives_its_own_value(client):
    doc, _ = await open_and_wait(client, Y2023)
    text = plain(markup(await hover(client, doc, "taux_ps", after="round(prix_plafond * ")))
    assert "**32,5 %**" in text
    assert TAUX_PS_BY_YEAR in text, text


async def test_derived_value_shows_its_computed_value(client):
    doc, _ = await open_and_wait(client, Y2023)
    for after in ("let ", "assert ps_maximale_conforme_a_la_note: "):
        text = plain(markup(await hover(client, doc, "ps_maximale", after=after)))
        assert "`ps_maximale`" in text
        assert "`money`" in text
        assert "2 563 €" in text, text
        assert "valeur calculée" in text


async def test_derived_value_in_child_is_computed_with_the_child_values(client):
    doc, _ = await open_and_wait(client, Y2024)
    # 2024-2025 does not write `ps_maximale`; use it in a new rule.
    doc.replace_all(
        doc.text
        + "\nrule rappel_ps_maximale:\n  info when ps_maximale > ps_maximale_annoncee\n"
        + '  message "x"\n  source "§3"\n'
    )
    await doc.diagnostics()
    text = plain(markup(await hover(client, doc, "ps_maximale", after="info when ")))
    assert "2 640 €" in text, text


async def test_field_after_demande_shows_field_and_type(client):
    # A national field used in the Caf's file.
    caf, _ = await open_and_wait(client, C2023)
    text = markup(await hover(client, caf, "depose_le", after="refuse unless demande."))
    assert "depose_le" in text
    assert "`date`" in text
    doc, _ = await open_and_wait(client, Y2023)
    text = markup(await hover(client, doc, "statut", after="demande.porteur."))
    assert "`Porteur.statut`" in text
    assert "`Statut`" in text
    text = markup(await hover(client, doc, "enfants", after="unless c."))
    assert "`Collectif.enfants`" in text
    assert "`integer`" in text


async def test_enum_value(client):
    doc, _ = await open_and_wait(client, Y2023)
    text = markup(await hover(client, doc, "centre_social", after="demande.porteur.statut == "))
    assert "`centre_social`" in text
    assert "`Statut`" in text
    # With the label staff read, from the enumeration's declaration.
    assert "« centre social »" in text, text
    text = markup(await hover(client, doc, "enfants in demande.axes"))
    assert "`enfants`" in text and "`Axe`" in text
    assert "« enfants et jeunes »" in text, text
    # The enumeration itself: each value and its label.
    text = markup(await hover(client, doc, "Niveau", after="enum "))
    assert "`elementaire` « élémentaire » | `college` « collège » | `lycee` « lycée »" in text, text


async def test_rule_and_function(client):
    caf, _ = await open_and_wait(client, C2023)
    text = markup(await hover(client, caf, "depot_sur_elan", after="rule "))
    assert "règle" in text and "`depot_sur_elan`" in text
    assert "Seules les demandes saisies sur la plateforme ELAN" in text
    doc, _ = await open_and_wait(client, Y2023)
    text = markup(await hover(client, doc, "axe_ecole", after="rule "))
    assert "règle" in text and "`axe_ecole`" in text and "concertation avec l'école" in text
    text = markup(await hover(client, doc, "ps_collectif", after="sum(c in collectifs_retenus: "))
    assert "`ps_collectif(Collectif)`" in text and "`money`" in text


async def test_whitespace_and_comments_give_null(client):
    doc, _ = await open_and_wait(client, Y2023)
    blank = doc.text.split("\n").index("")
    for position in (
        types.Position(line=blank, character=0),
        doc.position("  source", after="param taux_ps"),  # indentation
        doc.position("# Chaque", delta=3),  # inside a comment
        doc.position("=", after="param taux_ps", delta=1),  # the space after `=`
    ):
        result = await client.text_document_hover_async(
            types.HoverParams(text_document=doc.ident, position=position)
        )
        assert result is None, (position, result)


async def test_assert_name(client):
    doc, _ = await open_and_wait(client, Y2023)
    text = markup(await hover(client, doc, "ps_maximale_conforme_a_la_note", after="assert "))
    assert "ps_maximale_conforme_a_la_note" in text
