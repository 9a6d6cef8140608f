"""textDocument/publishDiagnostics on the real rulebooks."""

from __future__ import annotations

import asyncio
import shutil

from conftest import (
    C2023,
    C2024,
    RULES,
    Y2023,
    Y2024,
    errors,
    latest,
    wait_until,
    open_and_wait,
    open_document,
    position_of,
    types,
    uri_of,
    wait_for_diagnostics,
)


async def test_real_rulebooks_have_no_error(client):
    doc23, diagnostics23 = await open_and_wait(client, Y2023)
    doc24, diagnostics24 = await open_and_wait(client, Y2024)
    assert errors(diagnostics23) == []
    assert errors(diagnostics24) == []
    # Opening the child re-analyses the parent too: still nothing.
    assert errors(await wait_for_diagnostics(client, doc23.uri, 1)) == []
    # Nor in the Caf's files, each over the national file of its year.
    for path in (C2023, C2024):
        _, published = await open_and_wait(client, path)
        assert errors(published) == [], (path, published)


async def test_typo_in_a_use_is_an_error_with_range_hint_and_version(client):
    doc, _ = await open_and_wait(client, Y2023)
    use = doc.text.index("taux_ps", doc.text.index("let ps_maximale"))
    version = doc.replace_first("taux_ps", "taux_pss", after="let ps_maximale")
    assert version == 2

    published = await wait_for_diagnostics(client, doc.uri, version)
    found = errors(published)
    assert len(found) == 1, published
    error = found[0]
    # `let ps_maximale: money = round(prix_plafond * taux_pss, euro, half_up)`
    line = doc.text.count("\n", 0, use)
    line_start = doc.text.rfind("\n", 0, use) + 1
    assert doc.text[line_start:].startswith("let ps_maximale: money = round(prix_plafond * taux_pss")
    assert error.range.start == types.Position(line=line, character=use - line_start)
    assert error.range.end == types.Position(line=line, character=use - line_start + len("taux_pss"))
    assert error.range.start == position_of(doc.text, use)
    assert "taux_pss" in error.message
    assert "vouliez-vous dire `taux_ps` ?" in error.message
    assert error.code == "E0203"
    assert error.source == "clas-rules"
    # The publication carries the version of the text it analysed.
    last = [p for p in client.published if p.uri == doc.uri][-1]
    assert last.version == version


async def test_several_syntax_errors_are_reported_at_once(client):
    doc, _ = await open_and_wait(client, Y2023)
    doc.replace_first("rate = 32,5 %", "rate = 32.5 %")  # param taux_ps
    doc.replace_first("money = 7 885 €", "money 7 885 €")  # param prix_plafond
    doc.replace_first(
        "refuse unless c.enfants in effectif_collectif",
        "refuse unless c.enfants in in effectif_collectif",
    )  # rule effectif_du_collectif
    found = errors(await doc.diagnostics())
    lines = sorted(d.range.start.line for d in found)
    text = doc.text
    # Each error is on its declaration's line, and within the words at fault.
    expected = [
        ("point décimal", text.index("32.5 %"), text.index("32.5 %") + len("32.5 %")),
        ("`=`", text.index("7 885 €"), text.index("7 885 €") + 1),
        ("une expression", text.index("in in") + 3, text.index("in in") + 5),
    ]
    for word, start, end in expected:
        line = position_of(text, start).line
        here = [d for d in found if d.range.start.line == line]
        assert here, f"no error on line {line}: {found}"
        assert any(word in d.message for d in here), here
        assert any(
            position_of(text, start).character <= d.range.start.character < position_of(text, end).character
            for d in here
        ), (here, start, end)
    assert len(set(lines)) >= 3


async def test_error_in_parent_shows_in_child_at_extends_and_clears_after_fix(client, rules_copy):
    parent = rules_copy / "2023-2024.clas"
    child = rules_copy / "2024-2025.clas"
    good = parent.read_text(encoding="utf-8")
    broken = good.replace("round(prix_plafond * taux_ps,", "round(prix_plafond * taux_pss,")
    assert broken != good
    parent.write_text(broken, encoding="utf-8")

    doc, published = await open_and_wait(client, child)
    found = errors(published)
    assert len(found) == 1, published
    error = found[0]
    # Shown where the child says `extends "2023-2024"`.
    at = doc.text.index('"2023-2024"', doc.text.index("extends"))
    assert error.range.start == position_of(doc.text, at)
    assert error.range.end == position_of(doc.text, at + len('"2023-2024"'))
    assert "taux_pss" in error.message
    assert "2023-2024.clas" in error.message
    # And the related information points into the parent, at the typo.
    assert error.related_information, error
    related = error.related_information[0].location
    assert related.uri == uri_of(parent)
    typo = broken.index("taux_pss")
    assert related.range.start == position_of(broken, typo)
    assert related.range.end == position_of(broken, typo + len("taux_pss"))

    # Open the parent as it is on disk, then fix it in the editor only:
    # the child is re-analysed against the editor's text and clears.
    parent_doc = open_document(client, parent)
    assert errors(await parent_doc.diagnostics())
    assert errors(latest(client, doc.uri).diagnostics)
    parent_doc.replace_first("taux_pss", "taux_ps")
    assert errors(await parent_doc.diagnostics()) == []
    await wait_until(client, lambda: errors(latest(client, doc.uri).diagnostics) == [], "the child to clear")
    assert latest(client, doc.uri).version == 1


async def test_diagnostics_clear_after_the_fix(client):
    doc, _ = await open_and_wait(client, Y2023)
    doc.replace_first("taux_ps", "taux_pss", after="let ps_maximale")
    assert errors(await doc.diagnostics())
    version = doc.replace_first("taux_pss", "taux_ps")
    assert await wait_for_diagnostics(client, doc.uri, version) == []
    assert doc.text == Y2023.read_text(encoding="utf-8")


async def test_stale_results_are_never_published_over_newer_ones(client):
    doc, _ = await open_and_wait(client, Y2023)
    since = len(client.published)
    current = "taux_ps"
    # 20 quick incremental changes, without waiting; each renames the use
    # of `taux_ps` in `let ps_maximale` to a new unknown name.
    for i in range(1, 21):
        new = f"taux_ps_{i}"
        doc.replace_first(current, new, after="let ps_maximale")
        current = new
    assert doc.version == 21
    await wait_for_diagnostics(client, doc.uri, 21, since=since)
    await asyncio.sleep(1.0)  # anything late would arrive now

    mine = [p for p in client.published[since:] if p.uri == doc.uri]
    versions = [p.version for p in mine]
    assert versions == sorted(versions), f"published out of order: {versions}"
    last = mine[-1]
    assert last.version == 21, versions
    found = errors(last.diagnostics)
    assert len(found) == 1, last.diagnostics
    assert "`taux_ps_20`" in found[0].message
    at = doc.text.index("taux_ps_20")
    assert found[0].range.start == position_of(doc.text, at)
    assert found[0].range.end == position_of(doc.text, at + len("taux_ps_20"))


async def test_closing_a_document_clears_its_diagnostics(client):
    doc, _ = await open_and_wait(client, Y2023)
    doc.replace_first("taux_ps", "taux_pss", after="let ps_maximale")
    assert errors(await doc.diagnostics())
    since = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc.ident))
    assert await wait_for_diagnostics(client, doc.uri, None, since=since) == []


async def test_unsaved_parent_text_is_what_the_child_sees(client):
    """The child is checked against the parent as typed, not as saved."""
    parent, _ = await open_and_wait(client, C2023)
    child, _ = await open_and_wait(client, C2024)
    # Rename a field in the parent only: the child's `drop field` now names nothing.
    parent.replace_all(parent.text.replace("collectifs_conventionnes_2022_2023", "nb_collectifs_2022_2023"))
    await parent.diagnostics()
    await wait_until(
        client, lambda: errors(latest(client, child.uri).diagnostics) != [], "the child to see the parent's change"
    )
    message = errors(latest(client, child.uri).diagnostics)[0].message
    assert "collectifs_conventionnes_2022_2023" in message


async def test_paths_with_spaces_and_accents(client, tmp_path):
    """URIs are percent-encoded; the server answers with the same URIs."""
    target = tmp_path / "Règles de l'année #1" / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("tests"))
    # The Caf's file, over the national one (where the typo is).
    child = target / "caf-63" / "2023-2024.clas"
    parent = target / "national" / "2023-2024.clas"
    parent.write_text(parent.read_text(encoding="utf-8").replace("* taux_ps,", "* taux_pss,"), encoding="utf-8")
    doc, published = await open_and_wait(client, child)
    assert "%C3%A8" in doc.uri and "%20" in doc.uri
    error = errors(published)[0]
    assert error.related_information[0].location.uri == uri_of(parent)


async def test_several_changes_in_one_notification_apply_in_order(client):
    doc, _ = await open_and_wait(client, Y2023)
    text = doc.text
    # 1. `taux_ps` -> `taux_pss` in `let ps_maximale`; 2. then, on the text
    # after change 1, `taux_pss` -> `taux` (ranges refer to the text so far);
    # 3. a comment at the very start.
    at = text.index("taux_ps", text.index("let ps_maximale"))
    first = types.Range(start=position_of(text, at), end=position_of(text, at + 7))
    after_first = text[:at] + "taux_pss" + text[at + 7 :]
    second = types.Range(start=position_of(after_first, at + 4), end=position_of(after_first, at + 8))
    origin = types.Position(line=0, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=doc.uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=first, text="taux_pss"),
                types.TextDocumentContentChangePartial(range=second, text=""),
                types.TextDocumentContentChangePartial(range=types.Range(start=origin, end=origin), text="# 𝄞\n"),
            ],
        )
    )
    found = errors(await wait_for_diagnostics(client, doc.uri, 2))
    final = "# 𝄞\n" + text[:at] + "taux" + text[at + 7 :]
    assert len(found) == 1, found
    assert "nom inconnu `taux`" in found[0].message
    use = final.index("taux,", final.index("let ps_maximale"))
    assert found[0].range.start == position_of(final, use)
    assert found[0].range.end == position_of(final, use + 4)
