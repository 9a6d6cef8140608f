"""Document symbols, workspace symbols and folding ranges."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import C2023, RULES, Y2023, Y2024, open_and_wait, position_of, types, uri_of

S = types.SymbolKind

# Where each declaration starts: a keyword at the very beginning of a line.
DECLARATION = re.compile(r"^(override |drop |extend )?(rulebook|enum|record|input|param|let|def|rule|output|assert)\b", re.M)


async def document_symbols(client, doc) -> list[types.DocumentSymbol]:
    result = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident))
    assert result is not None
    return list(result)


async def test_document_symbols_of_the_parent(client):
    doc, _ = await open_and_wait(client, Y2023)
    symbols = {s.name: s for s in await document_symbols(client, doc)}
    for name in ("taux_ps", "prix_plafond", "montant_bonus_enfants"):
        assert symbols[name].kind == S.Constant, name
    for name in ("effectif_du_collectif", "axe_enfants", "charte_laicite_signee"):
        assert name in symbols, name
    for name in ("ps", "total"):
        assert symbols[name].kind == S.Property, name
    assert symbols["ps_maximale"].kind == S.Variable
    assert symbols["ps_collectif"].kind == S.Function
    assert symbols["Statut"].kind == S.Enum
    assert [c.name for c in symbols["Statut"].children] == ["association", "centre_social", "collectivite", "autre"]
    # Records, with their fields as children.
    assert symbols["Collectif"].kind == S.Struct
    assert [(c.name, c.kind) for c in symbols["Collectif"].children] == [
        ("nom", S.Field),
        ("enfants", S.Field),
        ("depenses", S.Field),
    ]
    assert [c.name for c in symbols["Porteur"].children][:3] == ["nom", "statut", "charte_laicite"]
    assert len(symbols["demande"].children) == 8
    # Ranges: the selection is the name, inside the whole declaration.
    taux = symbols["taux_ps"]
    at = doc.text.index("taux_ps")
    assert taux.selection_range == types.Range(start=position_of(doc.text, at), end=position_of(doc.text, at + 7))
    assert taux.range.start == types.Position(line=taux.selection_range.start.line, character=0)
    assert taux.range.end.line == taux.selection_range.start.line + 2  # its `label` and `source` lines
    for s in symbols.values():
        assert (s.range.start.line, s.range.start.character) <= (s.selection_range.start.line, s.selection_range.start.character)
        assert (s.selection_range.end.line, s.selection_range.end.character) <= (s.range.end.line, s.range.end.character)
        for child in s.children or []:
            assert s.range.start.line <= child.range.start.line <= s.range.end.line


async def test_document_symbols_of_a_caf_file_are_its_own(client):
    doc, _ = await open_and_wait(client, C2023)
    symbols = {s.name: s for s in await document_symbols(client, doc)}
    for name in ("periode_depot", "montant_minimum_msa"):
        assert symbols[name].kind == S.Constant, name
    for name in ("depot_sur_elan", "msa_hors_cible"):
        assert name in symbols, name
    assert symbols["msa_recevable"].kind == S.Property
    assert symbols["Msa"].kind == S.Struct
    # What the national layer declares is not in the Caf's outline; what
    # the Caf overrides is.
    assert "taux_ps" not in symbols and "Collectif" not in symbols
    assert "bonus_enfants_accorde" in symbols


async def test_document_symbols_of_the_child_are_its_own(client):
    await open_and_wait(client, Y2023)
    doc, _ = await open_and_wait(client, Y2024)
    names = [s.name for s in await document_symbols(client, doc)]
    assert "taux_ps" in names and "encadrement_du_collectif" in names and "encadrants_minimum" in names
    # Nothing declared only by the parent.
    assert "depot_sur_elan" not in names and "ps_maximale" not in names


async def test_workspace_symbols_find_prix_plafond_in_both_years(client):
    await open_and_wait(client, Y2023)
    result = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="plafond"))
    assert result is not None
    found = {(s.name, s.location.uri, s.container_name) for s in result}
    assert ("prix_plafond", uri_of(Y2023), "2023-2024") in found
    assert ("prix_plafond", uri_of(Y2024), "2024-2025") in found
    assert all("plafond" in s.name.lower() for s in result)
    parent_text = Y2023.read_text(encoding="utf-8")
    child_text = Y2024.read_text(encoding="utf-8")
    for s in result:
        text = parent_text if s.location.uri == uri_of(Y2023) else child_text
        line = text.split("\n")[s.location.range.start.line]
        assert "prix_plafond" in line
        if s.location.uri == uri_of(Y2024):
            assert line.startswith("override param prix_plafond")


async def test_workspace_symbols_query_is_case_insensitive(client):
    await open_and_wait(client, Y2024)
    result = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="PLAFOND"))
    assert {s.name for s in result} == {"prix_plafond"}


async def folding(client, doc) -> list[types.FoldingRange]:
    result = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc.ident))
    assert result is not None
    return list(result)


async def test_folding_ranges_for_multi_line_declarations(client):
    doc, _ = await open_and_wait(client, Y2023)
    ranges = {(r.start_line, r.end_line) for r in await folding(client, doc)}
    lines = doc.text.split("\n")

    def declaration(start: str) -> int:
        return next(i for i, l in enumerate(lines) if l.startswith(start))

    porteur = declaration("record Porteur {")
    assert (porteur, porteur + 6) in ranges  # to the closing brace
    contrat = declaration("rule contrat_engagement_republicain:")
    assert (contrat, contrat + 4) in ranges
    taux = declaration("param taux_ps")
    assert (taux, taux + 2) in ranges  # its `label` and `source`
    # The header comment.
    assert (0, lines.index("") - 1) in ranges
    # An enumeration written one value a line folds to its last value.
    enum = declaration("enum Statut")
    assert (enum, enum + 3) in ranges
    # A Caf's file: its own declarations fold.
    doc, _ = await open_and_wait(client, C2023)
    ranges = {(r.start_line, r.end_line) for r in await folding(client, doc)}
    lines = doc.text.split("\n")
    bilan = declaration("rule bilan_2022_2023_depose:")
    assert (bilan, bilan + 6) in ranges
    extension = declaration("extend record Porteur {")
    assert (extension, extension + 4) in ranges


async def test_folding_never_hides_another_declaration(client):
    doc, _ = await open_and_wait(client, Y2023)
    starts = {position_of(doc.text, m.start()).line for m in DECLARATION.finditer(doc.text)}
    bad = [
        (r.start_line, r.end_line, doc.text.split("\n")[r.end_line])
        for r in await folding(client, doc)
        if any(r.start_line < s <= r.end_line for s in starts)
    ]
    assert bad == [], "\n".join(f"lines {a + 1}-{b + 1} (1-based) end on: {l}" for a, b, l in bad)


async def test_workspace_symbols_have_no_duplicates_with_several_rules_directories(client, tmp_path):
    clas_dirs = []
    for k in range(5):
        target = tmp_path / f"copie{k}" / "rules"
        shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("tests"))
        clas_dirs.append(target / "national")
    # Twelve documents from six rules directories (in no order, the chance
    # that each directory's documents come out side by side is 1 in 10 000).
    for path in [Y2023, Y2024] + [d / name for d in clas_dirs for name in ("2023-2024.clas", "2024-2025.clas")]:
        await open_and_wait(client, path)
    result = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="prix_plafond"))
    keys = [(s.location.uri, s.location.range.start.line, s.location.range.start.character) for s in result]
    assert len(set(keys)) == 12  # two per rules directory, in its national layer
    assert len(set(keys)) == len(keys), sorted(keys)
