//! Semantic tokens: keywords, numbers, texts and comments from the text
//! itself; names from what the checker resolved them to.

use super::server::View;
use crate::program::{GlobalKind, Symbol};
use crate::syntax::parser::RESERVED_WORDS;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
};

const TYPES: [SemanticTokenType; 12] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::NUMBER,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::TYPE,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::EVENT,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::OPERATOR,
];

const READONLY: u32 = 1;
const DECLARATION: u32 = 2;

/// The token types and modifiers this server uses, in the order of their indices.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![
            SemanticTokenModifier::READONLY,
            SemanticTokenModifier::DECLARATION,
        ],
    }
}

fn index(ty: &SemanticTokenType) -> u32 {
    TYPES
        .iter()
        .position(|t| t == ty)
        .map(|i| u32::try_from(i).unwrap_or(0))
        .unwrap_or(0)
}

/// Highlighted as keywords: the reserved words but the type words (`list`,
/// `optional`, `range`, highlighted as types), and the words of the header.
fn is_keyword(word: &str) -> bool {
    let type_word = matches!(word, "list" | "optional" | "range");
    (RESERVED_WORDS.contains(&word) && !type_word)
        || matches!(word, "year" | "version" | "extends" | "layer" | "over")
}

/// One token before encoding: byte range and kind.
struct Token {
    start: usize,
    end: usize,
    ty: u32,
    modifiers: u32,
}

/// The semantic tokens of the whole document.
pub fn tokens(view: &View) -> SemanticTokens {
    let text = &view.document.text;
    let analysis = view.analysis;
    let program = view.program();
    let names = &analysis.compiled.names;
    let symbol_at = |start: usize, end: usize| -> Option<(Symbol, bool)> {
        let (global_start, global_end) = (analysis.global(start), analysis.global(end));
        let matches = |span: &crate::diagnostic::Span| span.start == global_start && span.end == global_end;
        names
            .definitions
            .iter()
            .find(|(_, span, _)| matches(span))
            .map(|(s, _, _)| (s.clone(), true))
            .or_else(|| {
                names
                    .uses
                    .iter()
                    .find(|(span, _)| matches(span))
                    .map(|(_, s)| (s.clone(), false))
            })
    };
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < text.len() {
        let rest = text.get(at..).unwrap_or("");
        let Some(c) = rest.chars().next() else { break };
        if c == '#' {
            let end = rest.find('\n').map(|n| at + n).unwrap_or(text.len());
            found.push(Token {
                start: at,
                end,
                ty: index(&SemanticTokenType::COMMENT),
                modifiers: 0,
            });
            at = end;
        } else if c == '"' {
            let mut end = at + 1;
            let mut escaped = false;
            while let Some(&b) = bytes.get(end) {
                end += 1;
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' | b'\n' => break,
                    _ => {}
                }
            }
            found.push(Token {
                start: at,
                end: end.min(text.len()),
                ty: index(&SemanticTokenType::STRING),
                modifiers: 0,
            });
            at = end;
        } else if c.is_ascii_digit() {
            // A number with its group spaces, decimal comma and unit, or a date.
            let mut end = at;
            let chars: Vec<(usize, char)> = rest.char_indices().collect();
            let mut i = 0;
            while let Some((offset, ch)) = chars.get(i) {
                let next_is_digit = chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                let keep = ch.is_ascii_digit()
                    || (matches!(ch, ',' | '-') && next_is_digit)
                    || (matches!(ch, ' ' | '\u{A0}' | '\u{202F}')
                        && (next_is_digit || chars.get(i + 1).is_some_and(|(_, n)| matches!(n, '€' | '%'))))
                    || matches!(ch, '€' | '%');
                if !keep {
                    break;
                }
                end = at + offset + ch.len_utf8();
                i += 1;
                if matches!(ch, '€' | '%') {
                    break;
                }
            }
            found.push(Token {
                start: at,
                end,
                ty: index(&SemanticTokenType::NUMBER),
                modifiers: 0,
            });
            at = end.max(at + 1);
        } else if c.is_alphabetic() || c == '_' {
            let len: usize = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .map(char::len_utf8)
                .sum();
            let word = rest.get(..len).unwrap_or("");
            let end = at + len;
            if is_keyword(word) {
                found.push(Token {
                    start: at,
                    end,
                    ty: index(&SemanticTokenType::KEYWORD),
                    modifiers: 0,
                });
            } else if let Some((symbol, declaration)) = symbol_at(at, end) {
                let (ty, readonly) = match &symbol {
                    Symbol::Global(name) => {
                        let param = program
                            .and_then(|p| p.globals.iter().find(|g| &g.name == name))
                            .is_some_and(|g| g.kind == GlobalKind::Param);
                        (SemanticTokenType::VARIABLE, param)
                    }
                    Symbol::Def(_) => (SemanticTokenType::FUNCTION, false),
                    Symbol::Rule(_) => (SemanticTokenType::EVENT, false),
                    Symbol::Type(_) => (SemanticTokenType::TYPE, false),
                    Symbol::Input => (SemanticTokenType::PARAMETER, false),
                    Symbol::Field(..) | Symbol::ItemOutput(..) => (SemanticTokenType::PROPERTY, false),
                    Symbol::Variant(..) => (SemanticTokenType::ENUM_MEMBER, false),
                };
                let modifiers =
                    if readonly { READONLY } else { 0 } | if declaration { DECLARATION } else { 0 };
                found.push(Token {
                    start: at,
                    end,
                    ty: index(&ty),
                    modifiers,
                });
            } else if [
                "bool", "integer", "decimal", "money", "rate", "date", "text", "list", "optional", "range",
            ]
            .contains(&word)
            {
                found.push(Token {
                    start: at,
                    end,
                    ty: index(&SemanticTokenType::TYPE),
                    modifiers: READONLY,
                });
            }
            at = end;
        } else {
            at += c.len_utf8();
        }
    }
    encode(view, &found)
}

/// The protocol's relative encoding; tokens that span lines are split.
fn encode(view: &View, tokens: &[Token]) -> SemanticTokens {
    let text = &view.document.text;
    let lines = &view.document.lines;
    let mut data = Vec::new();
    let (mut previous_line, mut previous_start) = (0u32, 0u32);
    for token in tokens {
        let start = lines.position(text, token.start);
        let end = lines.position(text, token.end);
        if end.line != start.line {
            continue; // multi-line tokens do not occur in this language
        }
        let delta_line = start.line - previous_line;
        let delta_start = if delta_line == 0 {
            start.character - previous_start
        } else {
            start.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token.ty,
            token_modifiers_bitset: token.modifiers,
        });
        previous_line = start.line;
        previous_start = start.character;
    }
    SemanticTokens {
        result_id: None,
        data,
    }
}
