"""The editor across rulebook layers: a Caf's rulebook (rules/caf-63/…) is
written over the national one (rules/national/…) of the same year. An error
in the national layer shows on every Caf file that builds on it; hover says
which layer set each year's value; definition, references and rename cross
the layers; completion in a Caf file offers the national names."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from conftest import (
    RULES,
    C2023,
    C2024,
    Y2023,
    Y2024,
    apply_edits,
    errors,
    latest,
    markup,
    open_and_wait,
    open_document,
    position_of,
    range_text,
    types,
    uri_of,
    wait_until,
)


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def header_range(text: str, key: str) -> types.Range:
    """The range of the quoted value of a header field (`over "national"`)."""
    at = text.index('"', text.index(f"  {key} ")) if f"  {key} " in text else 0
    end = text.index('"', at + 1) + 1
    return types.Range(start=position_of(text, at), end=position_of(text, end))


def published_for(client, uri: str):
    """Every publication for `uri`, oldest first."""
    return [p for p in client.published if p.uri == uri]


# ---------------------------------------------------------------- 1. diagnostics


async def test_a_rules_folder_under_another_name_keeps_its_layers(client, tmp_path):
    # Copied among a user's documents: named otherwise than `rules`, known by
    # its clas-rules.toml. A Caf's file still finds the national layer under it.
    target = tmp_path / "Règles CLAS"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("tests"))
    assert (target / "clas-rules.toml").is_file()
    # (In a folder of its own, each of these files had E0120: no national layer.)
    for year in ("2023-2024", "2024-2025"):
        _, published = await open_and_wait(client, target / "caf-63" / f"{year}.clas")
        assert errors(published) == [], published


async def test_a_national_error_shows_on_the_caf_file_and_on_the_national_file(client, rules_copy):
    national = rules_copy / "2023-2024.clas"
    caf = rules_copy.parent / "caf-63" / "2023-2024.clas"
    good = national.read_text(encoding="utf-8")
    broken = good.replace("round(prix_plafond * taux_ps,", "round(prix_plafond * taux_pss,")
    assert broken != good
    national.write_text(broken, encoding="utf-8")

    doc, published = await open_and_wait(client, caf)
    found = errors(published)
    assert len(found) == 1, published
    summary = found[0]
    # At the header, where the Caf's file says which layer it is written over.
    assert summary.range == header_range(doc.text, "over"), summary
    message = plain(summary.message)
    assert "1 erreur dans `national/2023-2024.clas` (cadre national)" in message, message
    assert "taux_pss" in message
    # The related information points at the typo in the national file.
    assert summary.related_information, summary
    location = summary.related_information[0].location
    assert location.uri == uri_of(national)
    typo = broken.index("taux_pss")
    assert location.range == types.Range(
        start=position_of(broken, typo), end=position_of(broken, typo + len("taux_pss"))
    )
    # The national file, not open, gets the error itself, at the typo.
    await wait_until(client, lambda: latest(client, uri_of(national)) is not None, "the national file's diagnostics")
    on_national = latest(client, uri_of(national))
    assert on_national.version is None
    assert [range_text(broken, d.range) for d in errors(on_national.diagnostics)] == ["taux_pss"]

    # Fixed on disk: saving anything re-analyses, and both clear.
    national.write_text(good, encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=doc.ident))
    await wait_until(
        client,
        lambda: not latest(client, uri_of(national)).diagnostics and errors(latest(client, doc.uri).diagnostics) == [],
        "the national file and the Caf's to clear",
    )


async def test_a_national_file_changed_on_disk_is_seen_without_saving_anything(client, rules_copy):
    # The server asked to be told of rulebooks changed on disk.
    for _ in range(100):
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    watched = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert len(watched) == 1, client.registrations
    globs = [w["globPattern"] for w in watched[0].register_options["watchers"]]
    assert globs == ["**/*.clas", "**/clas-rules.toml"], globs

    national = rules_copy / "2023-2024.clas"
    caf = rules_copy.parent / "caf-63" / "2023-2024.clas"
    doc, published = await open_and_wait(client, caf)
    assert errors(published) == []
    # Another program (a `git pull`) breaks the national file; the editor says so.
    good = national.read_text(encoding="utf-8")
    national.write_text(good.replace("round(prix_plafond * taux_ps,", "round(prix_plafond * taux_pss,"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(national), type=types.FileChangeType.Changed)]
        )
    )
    await wait_until(
        client, lambda: errors(latest(client, doc.uri).diagnostics) != [], "the Caf file's error from the national one"
    )
    message = plain(errors(latest(client, doc.uri).diagnostics)[0].message)
    assert "taux_pss" in message, message
    # Mended on disk: it clears the same way.
    national.write_text(good, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(national), type=types.FileChangeType.Changed)]
        )
    )
    await wait_until(client, lambda: errors(latest(client, doc.uri).diagnostics) == [], "the Caf file to clear")


async def test_an_unsaved_national_change_republishes_every_caf_file_over_it(client):
    national, _ = await open_and_wait(client, Y2023)
    caf23, d23 = await open_and_wait(client, C2023)
    caf24, d24 = await open_and_wait(client, C2024)
    assert errors(d23) == [] and errors(d24) == []
    since = len(client.published)

    version = national.replace_first("round(prix_plafond * taux_ps,", "round(prix_plafond * taux_pss,")
    own = errors(await national.diagnostics(version))
    assert [range_text(national.text, d.range) for d in own] == ["taux_pss"]

    def summary_of(doc):
        later = [p for p in client.published[since:] if p.uri == doc.uri]
        return errors(later[-1].diagnostics) if later else None

    # Both Caf files build on national/2023-2024 (2024-2025 through
    # national/2024-2025, which extends it): both say so, unsaved as it is.
    await wait_until(client, lambda: summary_of(caf23) and summary_of(caf24), "both Caf files to see the error")
    for doc in (caf23, caf24):
        (summary,) = summary_of(doc)
        assert "national/2023-2024.clas" in summary.message
        assert summary.range == header_range(doc.text, "over")
        assert summary.related_information[0].location.uri == national.uri
        # The Caf file itself has not changed: its version is the same.
        assert latest(client, doc.uri).version == 1

    # Only one error on the national file, though three analyses see it.
    assert len(errors(latest(client, national.uri).diagnostics)) == 1

    national.replace_first("taux_pss", "taux_ps")
    await wait_until(
        client,
        lambda: all(errors(latest(client, d.uri).diagnostics) == [] for d in (national, caf23, caf24)),
        "every file to clear",
    )


async def test_an_error_the_caf_file_makes_stays_on_the_caf_file(client):
    doc, published = await open_and_wait(client, C2023)
    assert errors(published) == []
    version = doc.replace_first("param montant_minimum_msa: money = 500 €", "param montant_minimum_msa: money = taux_pss")
    found = errors(await doc.diagnostics(version))
    assert [range_text(doc.text, d.range) for d in found] == ["taux_pss"]
    # Nothing is said of the national file: it has no error.
    assert not any(p.uri == uri_of(Y2023) and p.diagnostics for p in client.published)


# ---------------------------------------------------------------- 2. hover


async def hover(client, doc, needle: str, after: str | None = None, delta: int = 1):
    return await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident, position=doc.position(needle, after=after, delta=delta))
    )


async def test_hover_on_a_national_parameter_from_a_caf_file_says_the_national_layer_set_it(client):
    doc, _ = await open_and_wait(client, C2024)
    version = doc.replace_all(
        doc.text + '\nrule rappel_du_taux:\n  info when taux_ps > 30 %\n  message "x"\n  source "§3"\n'
    )
    assert errors(await doc.diagnostics(version)) == []
    text = plain(markup(await hover(client, doc, "taux_ps", after="info when ")))
    assert "**33 %**" in text
    assert (
        f"2023-2024 : 32,5 % (cadre national, [national/2023-2024.clas]({uri_of(Y2023)}))"
        f" · 2024-2025 : 33 % (cadre national, [national/2024-2025.clas]({uri_of(Y2024)}))"
    ) in text, text


async def test_hover_on_a_caf_override_of_a_national_parameter_says_the_caf_set_it(client):
    doc, _ = await open_and_wait(client, C2024)
    version = doc.replace_all(
        doc.text + '\noverride param montant_bonus_enfants: money = 350 €\n  source "§3 (illustratif)"\n'
    )
    # The national value changed from 2023-2024 under the override: W0106
    # warns, nothing more.
    assert errors(await doc.diagnostics(version)) == []
    text = plain(markup(await hover(client, doc, "montant_bonus_enfants", after="override param ")))
    assert "**350 €**" in text
    assert "2023-2024 : 305 € (cadre national, [national/2023-2024.clas]" in text, text
    assert f"2024-2025 : 350 € (Caf 63, [caf-63/2024-2025.clas]({uri_of(C2024)}))" in text, text


async def test_hover_on_a_caf_parameter_gives_the_caf_files_of_each_year(client):
    doc, _ = await open_and_wait(client, C2024)
    text = plain(markup(await hover(client, doc, "date_limite_bilan", after="override param ")))
    assert "2023-2024 : 24 juillet 2023 (Caf 63, [caf-63/2023-2024.clas]" in text, text
    assert "2024-2025 : 19 juillet 2024 (Caf 63, [caf-63/2024-2025.clas]" in text, text


async def test_hover_on_a_national_file_gives_the_national_values_and_the_cafs_that_replace_them(client):
    # Without an override, no Caf is named.
    doc, _ = await open_and_wait(client, Y2023)
    text = plain(markup(await hover(client, doc, "montant_bonus_enfants", after="then ")))
    assert "Remplacé par" not in text and "Caf 63" not in text, text
    # With a Caf file open that overrides the value: the values by year stay
    # the national ones, which speak for every Caf; a line of their own says
    # which Caf replaces it, in which year and file, and with what.
    caf, _ = await open_and_wait(client, C2024)
    caf.replace_all(caf.text + '\noverride param montant_bonus_enfants: money = 350 €\n  source "§3"\n')
    text = plain(markup(await hover(client, doc, "montant_bonus_enfants", after="then ")))
    assert "**305 €**" in text
    by_year, replaced = text.split("**Remplacé par** : ")
    assert "2024-2025 : 320 € (cadre national, [national/2024-2025.clas]" in by_year, text
    assert "350 €" not in by_year and "Caf 63" not in by_year, text
    assert replaced.startswith(f"Caf 63, 2024-2025 : 350 € ([caf-63/2024-2025.clas]({uri_of(C2024)}))"), text


async def test_hover_on_a_national_let_names_the_caf_that_replaces_it(client):
    # The real rulebooks: Caf 63 writes its own bonus condition over the national one.
    doc, _ = await open_and_wait(client, Y2023)
    text = plain(markup(await hover(client, doc, "bonus_enfants_accorde", after="if ")))
    assert f"**Remplacé par** : Caf 63, 2023-2024 ([caf-63/2023-2024.clas]({uri_of(C2023)}))" in text, text
    assert "Caf 15" not in text, text


# ---------------------------------------------------------------- 3. definition, references, rename


async def test_definition_from_a_caf_file_lands_in_the_national_file(client):
    doc, _ = await open_and_wait(client, C2023)
    national = Y2023.read_text(encoding="utf-8")
    for needle, after, declared_after in [
        ("Porteur", "extend record ", "record "),
        ("bonus_enfants_accorde", "override let ", "\nlet "),
        ("enfants_propose", "demande.bonus.", "record Bonus {"),
        ("depose_le", "demande.", "input demande {"),
    ]:
        result = await client.text_document_definition_async(
            types.DefinitionParams(text_document=doc.ident, position=doc.position(needle, after=after, delta=1))
        )
        assert result is not None, needle
        location = result[0] if isinstance(result, list) else result
        assert location.uri == uri_of(Y2023), (needle, location)
        at = national.index(needle, national.index(declared_after))
        assert location.range.start == position_of(national, at), needle


async def test_references_of_a_national_name_include_the_caf_files(client):
    doc, _ = await open_and_wait(client, Y2023)
    result = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc.ident,
            position=doc.position("enfants_propose", after="record Bonus {", delta=1),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    by_file: dict[str, int] = {}
    for location in result:
        by_file[location.uri] = by_file.get(location.uri, 0) + 1
    caf = C2023.read_text(encoding="utf-8")
    # The declaration and the use in `let bonus_enfants_accorde` nationally;
    # the override and the warning rule in the Caf's 2023-2024 file.
    assert by_file.get(uri_of(Y2023)) == 2, by_file
    assert by_file.get(uri_of(C2023)) == caf.count("enfants_propose") == 2, by_file
    for location in result:
        text = Y2023.read_text(encoding="utf-8") if location.uri == uri_of(Y2023) else caf
        assert range_text(text, location.range) == "enfants_propose"


async def test_rename_a_national_type_renames_it_in_every_layer(client, rules_copy):
    caf_dir = rules_copy.parent / "caf-63"
    files = {
        uri_of(p): p
        for p in [rules_copy / "2023-2024.clas", rules_copy / "2024-2025.clas", caf_dir / "2023-2024.clas", caf_dir / "2024-2025.clas"]
    }
    doc, _ = await open_and_wait(client, rules_copy / "2023-2024.clas")
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc.ident, position=doc.position("Porteur", after="record ", delta=1), new_name="Structure")
    )
    assert edit is not None and edit.changes
    # The national record, `extend record Porteur` in the Caf's 2023-2024,
    # `drop field Porteur.…` in its 2024-2025.
    assert set(edit.changes) == {uri_of(rules_copy / "2023-2024.clas"), uri_of(caf_dir / "2023-2024.clas"), uri_of(caf_dir / "2024-2025.clas")}, set(edit.changes)
    for uri, edits in edit.changes.items():
        path: Path = files[uri]
        text = path.read_text(encoding="utf-8")
        assert all(range_text(text, e.range) == "Porteur" for e in edits)
        path.write_text(apply_edits(text, edits), encoding="utf-8")
    assert "drop field Structure.collectifs_conventionnes_2022_2023" in (caf_dir / "2024-2025.clas").read_text(encoding="utf-8")
    # Every rulebook still checks, in every layer.
    for path in files.values():
        _, published = await open_and_wait(client, path)
        assert errors(published) == [], (path, published)


async def test_rename_a_national_name_from_a_caf_file(client, rules_copy):
    caf = rules_copy.parent / "caf-63" / "2023-2024.clas"
    doc, _ = await open_and_wait(client, caf)
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=doc.ident,
            position=doc.position("bonus_enfants_accorde", after="override let ", delta=1),
            new_name="bonus_enfants_retenu",
        )
    )
    assert set(edit.changes) == {uri_of(caf), uri_of(rules_copy / "2023-2024.clas")}
    national = (rules_copy / "2023-2024.clas").read_text(encoding="utf-8")
    national_edits = edit.changes[uri_of(rules_copy / "2023-2024.clas")]
    # The national `let` and its use in `output bonus_enfants`.
    assert len(national_edits) == national.count("bonus_enfants_accorde") == 2
    assert len(edit.changes[uri_of(caf)]) == 1


async def test_rename_refuses_a_name_another_layer_declares(client):
    doc, _ = await open_and_wait(client, Y2023)
    # `financeur_msa` is a parameter of the Caf du Puy-de-Dôme, not national.
    assert "financeur_msa" not in doc.text
    try:
        edit = await client.text_document_rename_async(
            types.RenameParams(text_document=doc.ident, position=doc.position("prix_plafond", after="param ", delta=1), new_name="financeur_msa")
        )
    except Exception as error:  # the server answers with an error
        assert "financeur_msa" in str(error)
    else:
        raise AssertionError(f"rename accepted: {edit}")


# ---------------------------------------------------------------- 4. completion


async def complete(client, doc, line: int, character: int):
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc.ident, position=types.Position(line=line, character=character))
    )
    items = result.items if hasattr(result, "items") else result
    return {item.label: item for item in items}


async def test_completion_in_a_caf_file_offers_the_national_names(client):
    doc, _ = await open_and_wait(client, C2023)
    line = doc.text.count("\n", 0, doc.text.index("  refuse unless demande.depose_le"))
    items = await complete(client, doc, line, 2)
    for national in ["taux_ps", "prix_plafond", "ps_maximale", "depenses_retenues", "ps_collectif", "Collectif", "Niveau", "college"]:
        assert national in items, national
    for own in ["periode_depot", "financeur_msa", "msa_conditions_remplies", "Msa"]:
        assert own in items, own
    assert items["taux_ps"].detail == "rate"
    assert "32,5 %" in plain(items["taux_ps"].documentation.value)


async def test_completion_of_fields_declared_or_extended_in_either_layer(client):
    doc, _ = await open_and_wait(client, C2023)
    at = doc.text.index("demande.porteur.conventionne_2022_2023\n") + len("demande.porteur.")
    p = position_of(doc.text, at)
    fields = await complete(client, doc, p.line, p.character)
    # National fields of `Porteur`, and those the Caf adds with `extend record`.
    assert {"nom", "statut", "charte_laicite", "annees_soutien_caf"} <= set(fields)
    assert {"conventionne_2022_2023", "collectifs_conventionnes_2022_2023", "bilan_2022_2023_depose_le"} <= set(fields)
    at = doc.text.index("demande.plateforme") + len("demande.")
    p = position_of(doc.text, at)
    fields = await complete(client, doc, p.line, p.character)
    assert {"annee_scolaire", "collectifs", "bonus", "plateforme", "msa"} <= set(fields), set(fields)


# ---------------------------------------------------------------- 5. many Cafs


async def test_with_a_hundred_cafs_hover_and_references_stay_quick(client, rules_copy):
    # Every department its own layer: 97 more Cafs, each the illustrative
    # Cantal layer under another code; one of them (42) overrides a bonus.
    rules = rules_copy.parent
    model = {f.name: f.read_text(encoding="utf-8") for f in (rules / "caf-15").glob("*.clas")}
    for number in range(1, 100):
        code = f"{number:02d}"
        if code in ("15", "63"):
            continue
        folder = rules / f"caf-{code}"
        folder.mkdir()
        for name, text in model.items():
            text = text.replace('layer "caf-15"', f'layer "caf-{code}"')
            if code == "42" and name == "2023-2024.clas":
                text += '\noverride param montant_bonus_enfants: money = 333 €\n  source "§3"\n'
            (folder / name).write_text(text, encoding="utf-8")
    national = rules_copy / "2023-2024.clas"
    doc, _ = await open_and_wait(client, national)

    started = asyncio.get_running_loop().time()
    text = plain(markup(await hover(client, doc, "montant_bonus_enfants", after="then ")))
    hover_seconds = asyncio.get_running_loop().time() - started
    by_year, replaced = text.split("**Remplacé par** : ")
    assert "**305 €**" in by_year, text
    assert replaced.startswith("Caf 42, 2023-2024 : 333 € ([caf-42/2023-2024.clas]"), text
    assert "Caf 15" not in replaced and "Caf 63" not in replaced, text

    started = asyncio.get_running_loop().time()
    result = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc.ident,
            position=doc.position("enfants_propose", after="record Bonus {", delta=1),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    references_seconds = asyncio.get_running_loop().time() - started
    by_folder: dict[str, int] = {}
    for location in result:
        folder = location.uri.rsplit("/", 2)[-2]
        by_folder[folder] = by_folder.get(folder, 0) + 1
    # The national declaration and use, and Caf 63's override and rule: the
    # other Cafs never write the name.
    assert by_folder == {"national": 2, "caf-63": 2}, by_folder
    print(f"\n99 Cafs: hover {hover_seconds * 1000:.0f} ms, references {references_seconds * 1000:.0f} ms")
    # A debug build on a loaded machine: generous bounds, but far below
    # checking each of the 200 rulebooks for every request.
    assert hover_seconds < 2.0, hover_seconds
    assert references_seconds < 5.0, references_seconds
