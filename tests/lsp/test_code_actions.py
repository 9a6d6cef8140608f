"""textDocument/codeAction: "did you mean", missing `source`, and
overriding an inherited parameter for the new year."""

from __future__ import annotations

import pytest

from conftest import Y2023, apply_edits, errors, open_and_wait, open_document, types


async def actions(client, doc, range_: types.Range, diagnostics=()) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident,
            range=range_,
            context=types.CodeActionContext(diagnostics=list(diagnostics)),
        )
    )
    assert result is not None
    return [a for a in result if isinstance(a, types.CodeAction)]


def edits_for(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None, action
    changes = action.edit.changes or {}
    assert set(changes) == {uri}, changes.keys()
    return list(changes[uri])


async def test_did_you_mean_quick_fix_replaces_the_typo(client):
    doc, _ = await open_and_wait(client, Y2023)
    original = doc.text
    doc.replace_first("taux_ps", "taux_pss", after="let ps_maximale")
    diagnostic = errors(await doc.diagnostics())[0]
    assert diagnostic.code == "E0203"
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href == "clas-rules-explain:E0203"
    assert diagnostic.data == {"suggestion": "taux_ps"}
    found = await actions(client, doc, diagnostic.range, [diagnostic])
    fixes = [a for a in found if "taux_ps" in a.title]
    assert len(fixes) == 1, [a.title for a in found]
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics and fix.diagnostics[0].range == diagnostic.range
    edits = edits_for(fix, doc.uri)
    assert [(e.range, e.new_text) for e in edits] == [(diagnostic.range, "taux_ps")]
    fixed = apply_edits(doc.text, edits)
    assert fixed == original
    doc.replace_all(fixed)
    assert await doc.diagnostics() == []


def without_source(text: str, declaration: str) -> str:
    """`text` with the `source` line of the declaration starting with `declaration` removed."""
    start = text.index(declaration)
    at = text.index("\n  source ", start)
    end = text.index("\n", at + 1)
    # Between the declaration's line and its `source`: only its other clauses.
    assert all(line.startswith("  ") for line in text[start:at].split("\n")[1:]), "source is not a clause of it"
    return text[:at] + text[end:]


@pytest.mark.parametrize(
    "layer, declaration",
    [
        ("national", "param taux_ps:"),  # followed at once by another param
        ("national", "param anciennete_pluriannuel:"),  # followed by a blank line
        ("caf-63", "param montant_minimum_msa:"),  # then a blank line and a comment
        ("national", "rule axe_enfants:"),  # a rule (source after its message)
    ],
)
async def test_add_source_to_a_declaration_without_one(client, rules_copy, layer, declaration):
    path = rules_copy.parent / layer / "2023-2024.clas"
    text = without_source(path.read_text(encoding="utf-8"), declaration)
    path.write_text(text, encoding="utf-8")
    doc, published = await open_and_wait(client, path)
    name = declaration.split()[1].rstrip(":")
    warnings = [d for d in published if "ne cite pas la note" in d.message and f"`{name}`" in d.message]
    assert len(warnings) == 1, published
    assert errors(published) == []
    warning = warnings[0]

    found = await actions(client, doc, warning.range, [warning])
    adds = [a for a in found if "source" in a.title.lower()]
    assert len(adds) == 1, [a.title for a in found]
    fixed = apply_edits(doc.text, edits_for(adds[0], doc.uri))
    # The clause is added to that declaration: on its own indented line,
    # and the rulebook still checks, without that warning.
    assert fixed.count('  source "§"') == 1
    doc.replace_all(fixed)
    after = await doc.diagnostics()
    assert errors(after) == [], after
    assert not [d for d in after if "ne cite pas la note" in d.message]
    lines = fixed.split("\n")
    added = lines.index('  source "§"')
    header = next(i for i in range(added, -1, -1) if lines[i].startswith(declaration))
    assert all(l.startswith("  ") for l in lines[header + 1 : added]), lines[header : added + 1]


async def test_override_an_inherited_parameter(client, rules_copy):
    caf = rules_copy.parent / "caf-63"
    child = caf / "2024-2025.clas"
    text = child.read_text(encoding="utf-8") + (
        "\nrule msa_montant_a_verifier:\n"
        "  info when if let m = demande.msa then m.montant_sollicite < montant_minimum_msa else false\n"
        '  message "Montant MSA à vérifier."\n'
        '  source "§3 Co-financement de la MSA"\n'
    )
    child.write_text(text, encoding="utf-8")
    parent = open_document(client, caf / "2023-2024.clas")
    doc, published = await open_and_wait(client, child)
    assert errors(published) == []

    at = doc.position("montant_minimum_msa", after="m.montant_sollicite < ", delta=3)
    found = await actions(client, doc, types.Range(start=at, end=at))
    overrides = [a for a in found if a.title.startswith("Redéfinir")]
    assert len(overrides) == 1, [a.title for a in found]
    action = overrides[0]
    assert "montant_minimum_msa" in action.title and "500 €" in action.title
    edits = edits_for(action, doc.uri)
    fixed = apply_edits(doc.text, edits)
    assert fixed.startswith(doc.text)  # appended at the end
    added = fixed[len(doc.text) :]
    assert "override param montant_minimum_msa: money = 500 €\n" in added
    assert '  source "§3 Co-financement de la MSA"' in added

    doc.replace_all(fixed)
    after = await doc.diagnostics()
    assert errors(after) == [], after
    # Same value as last year: the checker says so (a warning), to be edited.
    keeps = [d for d in after if "garde la valeur" in d.message]
    assert len(keeps) == 1 and keeps[0].severity == types.DiagnosticSeverity.Warning, after
    assert keeps[0].range.start.line == fixed.split("\n").index("override param montant_minimum_msa: money = 500 €")
    await parent.diagnostics()


async def test_no_override_action_where_it_makes_no_sense(client, rules_copy):
    child = rules_copy / "2024-2025.clas"
    doc, _ = await open_and_wait(client, child)
    parent, _ = await open_and_wait(client, rules_copy / "2023-2024.clas")
    for d, position in (
        (doc, doc.position("encadrants_minimum", after="c.adultes_encadrants >= ")),  # declared in the child
        (doc, doc.position("taux_ps", after="override param ")),  # already overridden
        (parent, parent.position("prix_plafond", after="round(")),  # the oldest file, nothing under it
    ):
        found = await actions(client, d, types.Range(start=position, end=position))
        assert not [a for a in found if a.title.startswith("Redéfinir")], (position, [a.title for a in found])
