"""textDocument/semanticTokens/full: the legend, and the decoded tokens of
the real rulebook."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import C2023, C2024, Y2023, Y2024, open_and_wait, position_of, types


@dataclass(frozen=True)
class Token:
    line: int
    start: int  # UTF-16 units
    length: int
    type: str
    modifiers: frozenset[str]


def decode(data, legend: types.SemanticTokensLegend) -> list[Token]:
    assert len(data) % 5 == 0
    tokens, line, start = [], 0, 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, bits = data[i : i + 5]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        modifiers = frozenset(m for b, m in enumerate(legend.token_modifiers) if bits & (1 << b))
        tokens.append(Token(line, start, length, legend.token_types[kind], modifiers))
    return tokens


def legend_of(client) -> types.SemanticTokensLegend:
    provider = client.init_result.capabilities.semantic_tokens_provider
    assert provider is not None, "semantic tokens not announced"
    return provider.legend


async def tokens_of(client, doc) -> dict[tuple[int, int], Token]:
    result = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
    assert result is not None
    return {(t.line, t.start): t for t in decode(result.data, legend_of(client))}


def token_at(tokens, text: str, needle: str, after: str | None = None) -> tuple[Token | None, types.Position, int]:
    at = text.index(needle, text.index(after) + len(after) if after else 0)
    p = position_of(text, at)
    length = len(needle.encode("utf-16-le")) // 2
    return tokens.get((p.line, p.character)), p, length


async def test_legend_is_announced(client):
    legend = legend_of(client)
    for kind in ("keyword", "number", "string", "comment", "variable", "function", "type", "property", "enumMember"):
        assert kind in legend.token_types, kind
    assert "readonly" in legend.token_modifiers and "declaration" in legend.token_modifiers
    provider = client.init_result.capabilities.semantic_tokens_provider
    assert provider.full is True or provider.full


async def test_tokens_of_the_parent(client):
    doc, _ = await open_and_wait(client, Y2023)
    tokens = await tokens_of(client, doc)
    text = doc.text

    def expect(needle: str, kind: str, after: str | None = None, whole: bool = True) -> Token:
        token, p, length = token_at(tokens, text, needle, after)
        assert token is not None, f"no token at {needle!r} ({p})"
        assert token.type == kind, (needle, token)
        if whole:
            assert token.length == length, (needle, token, length)
        return token

    # `param` of `param taux_ps`, not the `param` of `paramètre` in a comment.
    token, _, _ = token_at(tokens, text, "param taux_ps")
    assert token == Token(text[: text.index("param taux_ps")].count("\n"), 0, 5, "keyword", frozenset())
    token, _, _ = token_at(tokens, text, "rule axe_enfants")
    assert (token.type, token.length) == ("keyword", 4)
    token, _, _ = token_at(tokens, text, "rulebook")
    assert (token.type, token.length) == ("keyword", 8)
    expect("refuse", "keyword", after="rule axe_enfants:\n  ")
    expect("unless", "keyword", after="rule axe_enfants:\n  refuse ")
    # `7 885 €` is one number token, with its group space and its sign.
    expect("7 885 €", "number")
    expect("32,5 %", "number")
    # A `source` text, quotes included; the `source` keyword before it.
    expect('"§3 Modalités de financement — calcul de la Ps"', "string")
    expect("source", "keyword", after="param taux_ps: rate = 32,5 %\n  ")
    # A comment line, to its end (UTF-16 length: `—`, `é`, `ô`).
    first = text.split("\n")[0]
    assert first.startswith("#")
    expect(first, "comment")
    # Names, from what the checker resolved them to.
    taux = expect("taux_ps", "variable", after="param ")
    assert "declaration" in taux.modifiers and "readonly" in taux.modifiers
    use = expect("taux_ps", "variable", after="round(prix_plafond * ")
    assert "declaration" not in use.modifiers
    expect("ps_collectif", "function", after="sum(c in collectifs_retenus: ")
    expect("enfants", "property", after="unless c.")
    expect("centre_social", "enumMember", after="statut == ")
    expect("Collectif", "type", after="list ")


async def test_tokens_of_a_caf_file(client):
    doc, _ = await open_and_wait(client, C2023)
    tokens = await tokens_of(client, doc)
    text = doc.text
    token, _, _ = token_at(tokens, text, "2023-06-12")
    assert token is not None and token.type == "number", token
    # National names, resolved through the layer under the file.
    for needle, kind, after in (
        ("bonus_enfants_accorde", "variable", "override let "),
        ("enfants_propose", "property", "demande.bonus."),
        ("depose_le", "property", "demande."),
    ):
        token, p, length = token_at(tokens, text, needle, after)
        assert token is not None and token.type == kind and token.length == length, (needle, token)


@pytest.mark.parametrize(
    "path, keywords",
    [(Y2024, ("override", "extend", "extends")), (C2024, ("override", "drop", "extends", "over"))],
    ids=["national-2024-2025", "caf-63-2024-2025"],
)
async def test_tokens_are_sorted_and_within_lines(client, path, keywords):
    doc, _ = await open_and_wait(client, path)
    tokens = sorted((await tokens_of(client, doc)).values(), key=lambda t: (t.line, t.start))
    lines = doc.text.split("\n")
    previous_end = (-1, 0)
    for t in tokens:
        assert t.length > 0
        width = len(lines[t.line].encode("utf-16-le")) // 2
        assert t.start + t.length <= width, (t, lines[t.line])
        assert (t.line, t.start) >= previous_end, ("overlap", t)
        previous_end = (t.line, t.start + t.length)
    # The child's `override`, `drop`, `extend` are keywords, and so are
    # `extends` and `over` in the header.
    text = doc.text
    by_pos = {(t.line, t.start): t for t in tokens}
    for needle in keywords:
        token, p, _ = token_at(by_pos, text, needle + " ")
        assert token is not None and token.type == "keyword", (needle, token)
