"""textDocument/formatting: the same formatter as `clas-rules fmt`."""

from __future__ import annotations

import re

import pytest

from conftest import C2023, C2024, Y2023, Y2024, apply_edits, open_and_wait, types

OPTIONS = types.FormattingOptions(tab_size=2, insert_spaces=True)


def badly_indented(text: str) -> str:
    """The rulebook with its continuation lines indented every which way,
    trailing spaces (comment lines too), and extra blank lines: the same
    declarations. The lines of code of a `{ … }` block that holds a comment
    are all shifted by the same amount (a declaration with a comment is kept
    as written, relative indentation included); its comments are left where
    they are, to be aligned with the fields again."""
    lines = text.split("\n")
    shift: dict[int, int] = {}
    block: list[int] = []
    for i, line in enumerate(lines):
        if line.rstrip().endswith("{"):
            block = [i]
        elif block:
            block.append(i)
            if line.startswith("}"):
                if any(lines[j].lstrip().startswith("#") for j in block):
                    for j in block[1:-1]:
                        shift[j] = 1 + (block[0] * 5) % 6
                block = []
    out = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            out.append(line + ("   " if i % 3 == 0 else ""))
            continue
        if i in shift:
            line = " " * shift[i] + line.lstrip(" ")
        elif line.startswith("  "):
            line = " " * (1 + (i * 7) % 6) + line.lstrip(" ")
        if line and i % 3 == 0:
            line += "   "
        out.append(line)
        if line.startswith("rule ") and i % 2 == 0:
            out.append("")
    return "\n".join(out)


async def format_request(client, doc):
    return await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc.ident, options=OPTIONS)
    )


@pytest.mark.parametrize(
    "path",
    [Y2023, Y2024, C2023, C2024],
    ids=["national-2023-2024", "national-2024-2025", "caf-63-2023-2024", "caf-63-2024-2025"],
)
async def test_formatting_a_badly_indented_copy(client, path, rules_copy):
    original = path.read_text(encoding="utf-8")
    messy = badly_indented(original)
    assert messy != original
    target = rules_copy.parent / path.parent.name / path.name
    doc, published = await open_and_wait(client, target, messy)
    assert [d for d in published if d.severity == types.DiagnosticSeverity.Error] == [], published

    edits = await format_request(client, doc)
    assert edits is not None, "the server formats rulebooks"
    assert edits, "no edit for a badly indented rulebook"
    formatted = apply_edits(doc.text, edits)
    assert formatted != messy
    assert not re.search(r"[ \t]+$", formatted, re.M), "trailing spaces left"
    # The real rulebooks are formatted: the copy comes back to them.
    assert formatted == original

    # It parses and checks, exactly as before.
    version = doc.replace_all(formatted)
    assert [d for d in await doc.diagnostics(version) if d.severity == types.DiagnosticSeverity.Error] == []

    # Formatting twice gives no edit.
    again = await format_request(client, doc)
    assert again is not None and list(again) == [], again


async def test_formatting_the_real_rulebook_gives_no_edit(client):
    doc, _ = await open_and_wait(client, Y2023)
    edits = await format_request(client, doc)
    assert edits is not None, "the server formats rulebooks"
    assert list(edits) == []


async def test_formatting_a_document_with_a_syntax_error_changes_nothing(client, rules_copy):
    text = Y2023.read_text(encoding="utf-8").replace("rate = 32,5 %", "rate = 32.5 %")
    doc, published = await open_and_wait(client, rules_copy / "2023-2024.clas", text)
    assert published
    edits = await format_request(client, doc)
    # Nothing to apply: null or no edit (never a half-formatted text).
    assert not edits, edits


async def test_trailing_spaces_after_a_top_level_comment(client, rules_copy):
    original = C2024.read_text(encoding="utf-8")
    comment = "# Les champs du porteur gardent leur nom"
    assert comment in original
    messy = original
    at = messy.index("\n", messy.index(comment))
    messy = messy[:at] + "   " + messy[at:]
    doc, _ = await open_and_wait(client, rules_copy.parent / "caf-63" / "2024-2025.clas", messy)
    edits = await format_request(client, doc)
    assert edits is not None, "the server formats rulebooks"
    assert apply_edits(doc.text, edits) == original


async def test_comment_inside_a_record_is_aligned_with_its_fields(client, rules_copy):
    original = Y2024.read_text(encoding="utf-8")
    field = "  adultes_encadrants: integer default encadrants_minimum"
    assert field in original
    messy = original.replace(field, " " + field.lstrip())
    doc, _ = await open_and_wait(client, rules_copy / "2024-2025.clas", messy)
    edits = await format_request(client, doc)
    assert edits is not None, "the server formats rulebooks"
    assert apply_edits(doc.text, edits) == original
