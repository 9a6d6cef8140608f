"""The language of what the server says: French by default (what staff
see), the editor's display language (`locale`) otherwise, and the
`clasRules.language` setting (sent as `initializationOptions.language`)
above both. Every diagnostic has its code and a link to its explanation."""

from __future__ import annotations

import pytest_lsp
from lsprotocol import types
from pytest_lsp.client import client_capabilities

from conftest import BIN, ROOT, Y2023, ClasClient, ServerInRepository, apply_edits, errors, make_client, open_and_wait


def _config():
    return ServerInRepository(server_command=[str(BIN), "lsp"], client_factory=make_client)


async def _start(lsp_client, locale=None, options=None):
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=ROOT.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=ROOT.as_uri(), name="clas-rules")],
        locale=locale,
        initialization_options=options,
    )
    await lsp_client.initialize_session(params)


@pytest_lsp.fixture(config=_config())
async def english(lsp_client: ClasClient):
    """A server whose editor shows English."""
    await _start(lsp_client, locale="en-GB")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config())
async def english_editor_french_setting(lsp_client: ClasClient):
    """An editor in English whose `clasRules.language` asks for French."""
    await _start(lsp_client, locale="en", options={"language": "fr"})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config())
async def french_editor_english_setting(lsp_client: ClasClient):
    """An editor in French whose `clasRules.language` asks for English."""
    await _start(lsp_client, locale="fr-FR", options={"language": "en"})
    yield
    await lsp_client.shutdown_session()


async def _typo(client):
    doc, _ = await open_and_wait(client, Y2023)
    doc.replace_first("taux_ps", "taux_pss", after="let ps_maximale")
    return doc, errors(await doc.diagnostics())[0]


async def test_french_by_default_with_code_and_explanation(client):
    _, error = await _typo(client)
    assert error.message.startswith("nom inconnu `taux_pss`"), error.message
    assert "aide : vouliez-vous dire `taux_ps` ?" in error.message
    assert error.code == "E0203"
    assert error.code_description.href == "clas-rules-explain:E0203"


async def test_the_editor_locale_gives_english(english):
    _, error = await _typo(english)
    assert error.message.startswith("unknown name `taux_pss`"), error.message
    assert "hint: did you mean `taux_ps`?" in error.message
    assert error.code == "E0203"


async def test_the_setting_wins_over_the_locale(english_editor_french_setting, french_editor_english_setting):
    _, error = await _typo(english_editor_french_setting)
    assert error.message.startswith("nom inconnu"), error.message
    _, error = await _typo(french_editor_english_setting)
    assert error.message.startswith("unknown name"), error.message


async def test_an_indented_declaration_is_said_so_and_outdented_by_a_quick_fix(client):
    doc, _ = await open_and_wait(client, Y2023)
    original = doc.text
    # Enter after the last line of a declaration keeps its indentation.
    doc.replace_all(original + "\n  param essai: money = 1 €\n")
    found = [d for d in errors(await doc.diagnostics()) if d.code == "E0004"]
    assert len(found) == 1, found
    error = found[0]
    assert error.message.startswith("une déclaration commence en début de ligne"), error.message
    assert error.range.start.character == 2
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident,
            range=error.range,
            context=types.CodeActionContext(diagnostics=[error]),
        )
    )
    fixes = [a for a in result or [] if isinstance(a, types.CodeAction) and "début de ligne" in a.title]
    assert len(fixes) == 1, [a.title for a in result or []]
    fixed = apply_edits(doc.text, list(fixes[0].edit.changes[doc.uri]))
    assert fixed.endswith("\nparam essai: money = 1 €\n"), fixed[-80:]
    doc.replace_all(fixed)
    assert errors(await doc.diagnostics()) == []
