//! Turns text into the syntax tree. The file is cut into declarations at
//! every top-level keyword that starts a line, and each declaration is parsed
//! on its own, so that one syntax error does not hide the rest of the file.

use super::ast::*;
use super::scan::Region;
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::i18n::{Message, codes};
use crate::msg;
use crate::value::Date;
use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/clas.pest"]
struct ClasParser;

/// The words the grammar reserves: none of them can name anything
/// (`keyword` in `grammar/clas.pest`; a test keeps the two in step).
pub const RESERVED_WORDS: [&str; 37] = [
    "rulebook",
    "enum",
    "record",
    "input",
    "param",
    "let",
    "def",
    "rule",
    "output",
    "assert",
    "for",
    "in",
    "refuse",
    "incomplete",
    "warn",
    "info",
    "when",
    "unless",
    "message",
    "source",
    "label",
    "ceiling",
    "if",
    "then",
    "else",
    "and",
    "or",
    "not",
    "true",
    "false",
    "list",
    "optional",
    "range",
    "override",
    "drop",
    "extend",
    "default",
];

/// The keywords that open a top-level declaration.
pub const DECLARATION_KEYWORDS: [&str; 13] = [
    "rulebook", "enum", "record", "input", "param", "let", "def", "rule", "output", "assert", "override",
    "drop", "extend",
];

/// How deeply brackets may nest in one declaration.
const MAX_NESTING: usize = 64;
/// How many operands one declaration may hold.
const MAX_TERMS: usize = 400;

/// Parses a whole file: every declaration that parses, and a diagnostic for
/// each one that does not.
pub fn parse(file: FileId, text: &str) -> (Module, Vec<Diagnostic>) {
    parse_at(file, text, 0)
}

/// Parses a file whose offsets start at `base` (see [`crate::diagnostic::SourceMap`]).
pub fn parse_at(file: FileId, text: &str, base: usize) -> (Module, Vec<Diagnostic>) {
    let mut module = Module::default();
    let mut diagnostics = Vec::new();
    for (start, end) in declaration_chunks(text) {
        let chunk = text.get(start..end).unwrap_or("");
        match parse_chunk(file, chunk, base + start) {
            Ok(Some(declaration)) => module.declarations.push(declaration),
            Ok(None) => {}
            Err(diagnostic) => {
                diagnostics.push(*diagnostic);
                if let Some(declared) = declared_name(chunk) {
                    module.broken.push(declared);
                }
            }
        }
    }
    (module, diagnostics)
}

/// The header of a file, read without parsing the rest (to pick a rulebook
/// by its year, or follow its `extends`, quickly).
pub fn parse_header(text: &str) -> Option<Header> {
    let (start, end) = declaration_chunks(text).into_iter().find(|(start, end)| {
        text.get(*start..*end)
            .is_some_and(|c| without_leading_space(c).starts_with("rulebook"))
    })?;
    match parse_chunk(FileId(0), text.get(start..end)?, start) {
        Ok(Some(Declaration::Header(header))) => Some(header),
        _ => None,
    }
}

/// Byte ranges of the declarations: each starts at a line that begins with a
/// declaration keyword; text before the first one is a range of its own.
fn declaration_chunks(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && starts_declaration(line) {
            starts.push(offset);
        }
        offset += line.len();
    }
    let mut chunks = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        chunks.push((*start, end));
    }
    chunks
}

/// The keyword and name a declaration starts with (`param taux_ps`), read
/// without the grammar, for a declaration that does not parse.
fn declared_name(chunk: &str) -> Option<(String, String)> {
    let mut words = chunk
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty());
    let keyword = words.next()?;
    if !DECLARATION_KEYWORDS.contains(&keyword) {
        return None;
    }
    let name = if keyword == "rulebook" { "" } else { words.next()? };
    Some((keyword.to_string(), name.to_string()))
}

/// Whether a line opens a declaration: a keyword at its very start.
pub fn starts_declaration(line: &str) -> bool {
    DECLARATION_KEYWORDS.iter().any(|keyword| {
        line.strip_prefix(keyword).is_some_and(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
    })
}

fn parse_chunk(file: FileId, chunk: &str, offset: usize) -> Result<Option<Declaration>, Box<Diagnostic>> {
    if is_blank(chunk) {
        return Ok(None);
    }
    check_nesting(file, chunk, offset)?;
    check_slashed_dates(file, chunk, offset)?;
    // Tracking every attempt makes parsing several times slower: only do it
    // again, to explain the error, when a declaration does not parse.
    pest::set_error_detail(false);
    let mut pairs = match ClasParser::parse(Rule::chunk, chunk) {
        Ok(pairs) => pairs,
        Err(_) => {
            pest::set_error_detail(true);
            let detailed = ClasParser::parse(Rule::chunk, chunk);
            pest::set_error_detail(false);
            return Err(match detailed {
                Err(error) => Box::new(syntax_error(file, chunk, offset, &error)),
                Ok(_) => Box::new(Diagnostic::new(
                    codes::MALFORMED_DECLARATION,
                    file,
                    Span::new(offset, offset + chunk.len()),
                    msg!("syntax-unreadable-declaration"),
                    msg!("syntax-not-understood"),
                )),
            });
        }
    };
    let lower = Lower { file, offset };
    let declaration = pairs
        .next()
        .and_then(|chunk_pair| chunk_pair.into_inner().next())
        .ok_or_else(|| {
            Box::new(Diagnostic::new(
                codes::MALFORMED_DECLARATION,
                file,
                Span::new(offset, offset + chunk.len()),
                msg!("syntax-expected-declaration"),
                msg!("syntax-not-understood"),
            ))
        })?;
    lower.declaration(declaration).map(Some)
}

fn is_blank(chunk: &str) -> bool {
    chunk.lines().all(|line| {
        let line = without_leading_space(line);
        line.trim_end().is_empty() || line.starts_with('#')
    })
}

/// `text` after its leading white space, a byte order mark included (the
/// grammar's white space: editors on Windows start a file with one).
fn without_leading_space(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// Refuses expressions nested or chained so deeply that parsing, checking or
/// evaluating them could exhaust the stack, before parsing.
fn check_nesting(file: FileId, chunk: &str, offset: usize) -> Result<(), Box<Diagnostic>> {
    let too_much = |at: usize, message: Message| {
        Box::new(
            Diagnostic::new(
                codes::TOO_DEEP,
                file,
                Span::new(offset + at, offset + at + 1),
                message,
                msg!("syntax-too-deep-label"),
            )
            .with_hint(msg!("syntax-too-deep-hint")),
        )
    };
    let types_too_deep = |at: usize| {
        Box::new(
            Diagnostic::new(
                codes::TOO_DEEP,
                file,
                Span::new(offset + at, offset + at + 1),
                msg!("syntax-types-too-deep", limit = MAX_NESTING),
                msg!("syntax-too-deep-label"),
            )
            .with_hint(msg!("syntax-types-too-deep-hint")),
        )
    };
    let mut depth = 0usize;
    let mut terms = 0usize;
    let mut type_depth = 0usize;
    let mut word_start: Option<usize> = None;
    for (i, c, region) in super::scan::regions(chunk) {
        // Words that nest an expression count as operations too.
        if region == Region::Code && (c.is_alphanumeric() || c == '_') {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            let word = chunk.get(start..i);
            if matches!(word, Some("not" | "if" | "and" | "or" | "in" | "let")) {
                terms += 1;
            }
            // `list optional range …` nest types the way brackets nest expressions.
            if matches!(word, Some("list" | "optional" | "range")) {
                type_depth += 1;
                if type_depth > MAX_NESTING {
                    return Err(types_too_deep(start));
                }
            } else {
                type_depth = 0;
            }
        }
        if region != Region::Code {
            continue;
        }
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(too_much(i, msg!("syntax-brackets-too-deep", limit = MAX_NESTING)));
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '+' | '-' | '*' | '/' | '<' | '>' | '=' | ',' | '.' | '×' => terms += 1,
            _ => {}
        }
        if terms > MAX_TERMS {
            return Err(too_much(
                i,
                msg!("syntax-declaration-too-long", limit = MAX_TERMS),
            ));
        }
    }
    Ok(())
}

/// Refuses a date written the way letters write it (`12/06/2023`), which
/// would otherwise read as two divisions and fail later as a type error.
fn check_slashed_dates(file: FileId, chunk: &str, offset: usize) -> Result<(), Box<Diagnostic>> {
    let mut previous = ' ';
    for (at, c, region) in super::scan::regions(chunk) {
        let starts = region == Region::Code && c.is_ascii_digit() && !previous.is_ascii_digit();
        previous = c;
        if !starts {
            continue;
        }
        let Some((length, day, month, year)) = slashed_date(chunk.get(at..).unwrap_or("")) else {
            continue;
        };
        let span = Span::new(offset + at, offset + at + length);
        let iso = format!("{year}-{month:0>2}-{day:0>2}");
        return Err(Box::new(
            Diagnostic::new(
                codes::DATE_WITH_SLASHES,
                file,
                span,
                msg!(
                    "syntax-date-with-slashes",
                    written = chunk.get(at..at + length).unwrap_or("")
                ),
                msg!("syntax-date-with-slashes-label"),
            )
            .with_hint(msg!("syntax-date-with-slashes-hint", iso = iso)),
        ));
    }
    Ok(())
}

/// `12/06/2023` at the start of `text`: its length, day, month and year.
fn slashed_date(text: &str) -> Option<(usize, &str, &str, &str)> {
    let digits = |from: usize| {
        text.get(from..)
            .map(|rest| rest.bytes().take_while(u8::is_ascii_digit).count())
            .unwrap_or(0)
    };
    let day = digits(0);
    if !(1..=2).contains(&day) || text.as_bytes().get(day) != Some(&b'/') {
        return None;
    }
    let month = digits(day + 1);
    let month_end = day + 1 + month;
    if !(1..=2).contains(&month) || text.as_bytes().get(month_end) != Some(&b'/') {
        return None;
    }
    let year = digits(month_end + 1);
    if year != 4 {
        return None;
    }
    let end = month_end + 1 + year;
    Some((
        end,
        text.get(..day)?,
        text.get(day + 1..month_end)?,
        text.get(month_end + 1..end)?,
    ))
}

/// Converts a pest error into a diagnostic that says, in words, what was
/// expected and what was found; the mistakes staff make most (a declaration
/// indented under the previous one, a name with a space, typographic quotes,
/// a decimal point) get a message of their own that says what to do.
fn syntax_error(file: FileId, chunk: &str, offset: usize, error: &pest::error::Error<Rule>) -> Diagnostic {
    let mut position = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let mut expected: Vec<Message> = Vec::new();
    let attempts = error.parse_attempts();
    // pest's own position is where the failing rule started; the attempts know
    // how far the parser got, which is usually where the user's mistake is.
    let furthest = attempts.as_ref().map(|a| a.max_position).unwrap_or(0);
    if let Some(attempts) = attempts.as_ref().filter(|_| furthest > position) {
        let rules = attempts.call_stacks.iter().filter_map(|stack| stack.parent);
        let tokens: Vec<String> = attempts
            .expected_tokens()
            .iter()
            .map(ToString::to_string)
            .collect();
        expected = words(rules, &tokens);
        if !expected.is_empty() {
            position = furthest;
        }
    }
    if expected.is_empty()
        && let ErrorVariant::ParsingError { positives, .. } = &error.variant
    {
        expected = words(positives.iter().copied(), &[]);
    }
    let before = chunk.get(..position).unwrap_or("");
    let rest = chunk.get(position..).unwrap_or("");
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_before = before.get(line_start..).unwrap_or("");
    let open_quote = line_before.matches('"').count() % 2 == 1;
    if open_quote {
        // Inside a text that the line does not close: point at its opening quote.
        let quote = line_before.rfind('"').unwrap_or(0);
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let start = offset + line_start + quote;
        let end = offset + position + line_end;
        return Diagnostic::new(
            codes::UNCLOSED_TEXT,
            file,
            Span::new(start, end.max(start + 1)),
            msg!("syntax-unclosed-text"),
            msg!("syntax-unclosed-text-label"),
        )
        .with_hint(msg!("syntax-unclosed-text-hint"));
    }
    // The furthest attempt may stop before the white space the parser skipped.
    let skipped: usize = chunk
        .get(position..)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    if position + skipped < chunk.len() {
        position += skipped;
    }
    let found = found_at(chunk, position);
    let span_len = found
        .len()
        .max(1)
        .min(chunk.len().saturating_sub(position))
        .max(usize::from(position < chunk.len()));
    let span = Span::new(offset + position, offset + position + span_len);
    let before = chunk.get(..position).unwrap_or("");
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_before = before.get(line_start..).unwrap_or("");
    let line_after = chunk
        .get(position..)
        .unwrap_or("")
        .split('\n')
        .next()
        .unwrap_or("");
    if let Some(diagnostic) = common_mistake(file, span, found, line_before, line_after) {
        return diagnostic;
    }
    let found_words = if found.is_empty() {
        if position >= chunk.trim_end().len() {
            msg!("syntax-end-of-declaration")
        } else {
            msg!("syntax-nothing")
        }
    } else {
        msg!("syntax-token", token = found)
    };
    let (code, message, hint) = if found.starts_with(|c: char| c.is_ascii_digit()) && before.ends_with('.') {
        (
            codes::DECIMAL_POINT,
            msg!("syntax-decimal-point", digits = found),
            Some(msg!("syntax-decimal-point-hint")),
        )
    } else if expected.is_empty() {
        (
            codes::SYNTAX,
            msg!("syntax-unexpected", found = found_words),
            None,
        )
    } else {
        (
            codes::SYNTAX,
            msg!(
                "syntax-expected-found",
                expected = crate::i18n::Arg::AnyOf(expected),
                found = found_words
            ),
            None,
        )
    };
    let at_line_start = before.is_empty() || before.ends_with('\n');
    let hint = hint.or_else(|| at_line_start.then(|| msg!("syntax-declaration-start-hint")));
    let diagnostic = Diagnostic::new(code, file, span, message, msg!("syntax-not-understood-here"));
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// The mistakes that deserve their own message, from what was found where
/// the parser stopped and what stands before it on its line.
fn common_mistake(
    file: FileId,
    span: Span,
    found: &str,
    line_before: &str,
    line_after: &str,
) -> Option<Diagnostic> {
    // A declaration keyword on an indented line: it reads as a clause of the
    // declaration above (Enter after an indented line keeps the indentation).
    if DECLARATION_KEYWORDS.contains(&found)
        && !line_before.is_empty()
        && line_before.chars().all(|c| c == ' ' || c == '\t')
    {
        return Some(
            Diagnostic::new(
                codes::INDENTED_DECLARATION,
                file,
                span,
                msg!("syntax-indented-declaration"),
                msg!("syntax-indented-declaration-label", keyword = found),
            )
            .with_hint(msg!("syntax-indented-declaration-hint", keyword = found)),
        );
    }
    if matches!(found, "“" | "”" | "«" | "»" | "‘" | "’" | "„") {
        return Some(
            Diagnostic::new(
                codes::TYPOGRAPHIC_QUOTE,
                file,
                span,
                msg!("syntax-typographic-quote", quote = found),
                msg!("syntax-not-understood-here"),
            )
            .with_hint(msg!("syntax-typographic-quote-hint")),
        );
    }
    // `param taux ps: …`, `param prix-plafond: …`, `let taux_d'effort …`:
    // a name cut in two where the declaration's name should end.
    let words: Vec<&str> = line_before.split_whitespace().collect();
    let named = match words.as_slice() {
        ["override", keyword, name] | [keyword, name] => matches!(
            *keyword,
            "param" | "let" | "def" | "rule" | "output" | "assert" | "enum" | "record" | "input"
        )
        .then_some(*name),
        _ => None,
    };
    let glued = line_before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
    // What follows must read as the rest of a name, then the `:` (or `(`) a
    // declaration's name ends with: `ps: rate`, not `money = 7 885 €` (a
    // forgotten `:`).
    let name_goes_on = line_after
        .find([':', '('])
        .and_then(|end| line_after.get(..end))
        .is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | ' ' | '-' | '\'' | '’'))
        });
    if let Some(name) = named.filter(|name| is_name(name))
        && name_goes_on
        && ((!glued && is_name(found)) || (glued && matches!(found, "-" | "'" | "’")))
    {
        let rest = line_after
            .find([':', '('])
            .and_then(|end| line_after.get(..end))
            .unwrap_or("")
            .trim_end();
        let written = format!("{name}{}{rest}", if glued { "" } else { " " });
        let words: Vec<&str> = written
            .split([' ', '-', '\'', '’'])
            .filter(|w| !w.is_empty())
            .collect();
        let suggestion = words.join("_");
        return Some(
            Diagnostic::new(
                codes::NAME_WITH_SPACE,
                file,
                span,
                msg!("syntax-name-with-space", name = written),
                msg!("syntax-name-with-space-label"),
            )
            .with_hint(msg!("syntax-name-with-space-hint", suggestion = suggestion)),
        );
    }
    None
}

/// Whether a word can be a name (letters, digits, `_`, not starting with a digit).
fn is_name(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !RESERVED_WORDS.contains(&word)
}

/// What was expected, in words: the rules users know by name, then the
/// literal tokens that these do not already cover.
fn words(rules: impl Iterator<Item = Rule>, tokens: &[String]) -> Vec<Message> {
    let mut expected: Vec<Message> = Vec::new();
    let mut push = |word: Message| {
        if !expected.contains(&word) {
            expected.push(word);
        }
    };
    let mut operator_expected = false;
    let mut field_expected = false;
    for word in rules.filter_map(rule_in_words) {
        operator_expected |= word.id == "syntax-an-operator";
        field_expected |= word.id == "syntax-a-field-access";
        push(word);
    }
    for token in tokens {
        // Ranges, built-ins, white space and the operators already named as
        // such are not worth naming.
        let noise = token.is_empty()
            || token.contains("..")
            || token.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
            || token == "#"
            || token.chars().all(|c| c.is_alphabetic() || c == '_')
            || (operator_expected && OPERATOR_TOKENS.contains(&token.as_str()))
            || (token == "." && field_expected);
        if !noise {
            push(msg!("syntax-token", token = token));
        }
    }
    expected
}

/// Operators, named together as "an operator" in syntax errors.
const OPERATOR_TOKENS: [&str; 15] = [
    "or", "and", "==", "!=", "<=", "<", ">=", ">", "in", "..=", "+", "-", "*", "×", "/",
];

/// The word (or the single character) at `position`.
fn found_at(chunk: &str, position: usize) -> &str {
    let rest = chunk.get(position..).unwrap_or("");
    let rest = rest.split(['\n', '\r']).next().unwrap_or("");
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    if word_len > 0 {
        rest.get(..word_len).unwrap_or("")
    } else {
        rest.chars()
            .next()
            .and_then(|c| rest.get(..c.len_utf8()))
            .unwrap_or("")
    }
}

/// The grammar's rules as users think of them; `None` for those not worth naming.
fn rule_in_words(rule: Rule) -> Option<Message> {
    Some(match rule {
        Rule::ident => msg!("syntax-a-name"),
        Rule::expr | Rule::postfixed | Rule::if_expr | Rule::aggregate | Rule::call => {
            msg!("syntax-an-expression")
        }
        Rule::type_expr | Rule::list_type | Rule::optional_type | Rule::range_type => msg!("syntax-a-type"),
        Rule::text => msg!("syntax-a-text"),
        Rule::number => msg!("syntax-a-number"),
        Rule::money => msg!("syntax-an-amount"),
        Rule::rate => msg!("syntax-a-rate"),
        Rule::date => msg!("syntax-a-date"),
        Rule::boolean => msg!("syntax-a-boolean"),
        Rule::severity => msg!("syntax-a-severity"),
        Rule::trigger => msg!("syntax-a-trigger"),
        Rule::clause | Rule::clause_key => msg!("syntax-a-clause"),
        Rule::enum_value => msg!("syntax-a-name"),
        Rule::k_label => msg!("syntax-token", token = "label"),
        Rule::header_field | Rule::header_key => msg!("syntax-a-header-field"),
        Rule::for_clause | Rule::k_for => msg!("syntax-token", token = "for"),
        Rule::field_access => msg!("syntax-a-field-access"),
        Rule::or_op
        | Rule::and_op
        | Rule::eq_op
        | Rule::ne_op
        | Rule::le_op
        | Rule::lt_op
        | Rule::ge_op
        | Rule::gt_op
        | Rule::in_op
        | Rule::range_op
        | Rule::add_op
        | Rule::sub_op
        | Rule::mul_op
        | Rule::div_op => msg!("syntax-an-operator"),
        Rule::not_op | Rule::neg_op => msg!("syntax-an-expression"),
        Rule::EOI => msg!("syntax-end-of-declaration"),
        Rule::header
        | Rule::enum_decl
        | Rule::record_decl
        | Rule::input_decl
        | Rule::param_decl
        | Rule::let_decl
        | Rule::def_decl
        | Rule::rule_decl
        | Rule::output_decl
        | Rule::assert_decl
        | Rule::k_rulebook
        | Rule::k_enum
        | Rule::k_record
        | Rule::k_input
        | Rule::k_param
        | Rule::k_let
        | Rule::k_def
        | Rule::k_rule
        | Rule::k_output
        | Rule::k_assert
        | Rule::override_decl
        | Rule::drop_decl
        | Rule::extend_decl
        | Rule::k_override
        | Rule::k_drop
        | Rule::k_extend => {
            msg!("syntax-a-declaration")
        }
        Rule::k_if => msg!("syntax-token", token = "if"),
        Rule::k_then => msg!("syntax-token", token = "then"),
        Rule::k_else => msg!("syntax-token", token = "else"),
        Rule::k_in => msg!("syntax-token", token = "in"),
        Rule::k_list => msg!("syntax-token", token = "list"),
        Rule::k_optional => msg!("syntax-token", token = "optional"),
        Rule::k_range => msg!("syntax-token", token = "range"),
        Rule::def_params | Rule::def_param => msg!("syntax-an-argument"),
        Rule::field_decl => msg!("syntax-a-field"),
        Rule::list_lit => msg!("syntax-a-list"),
        Rule::let_cond => msg!("syntax-token", token = "let"),
        _ => return None,
    })
}

fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::or_op, Assoc::Left))
            .op(Op::infix(Rule::and_op, Assoc::Left))
            .op(Op::prefix(Rule::not_op))
            .op(Op::infix(Rule::eq_op, Assoc::Left)
                | Op::infix(Rule::ne_op, Assoc::Left)
                | Op::infix(Rule::lt_op, Assoc::Left)
                | Op::infix(Rule::le_op, Assoc::Left)
                | Op::infix(Rule::gt_op, Assoc::Left)
                | Op::infix(Rule::ge_op, Assoc::Left)
                | Op::infix(Rule::in_op, Assoc::Left))
            .op(Op::infix(Rule::range_op, Assoc::Left))
            .op(Op::infix(Rule::add_op, Assoc::Left) | Op::infix(Rule::sub_op, Assoc::Left))
            .op(Op::infix(Rule::mul_op, Assoc::Left) | Op::infix(Rule::div_op, Assoc::Left))
            .op(Op::prefix(Rule::neg_op))
    })
}

type Lowered<T> = Result<T, Box<Diagnostic>>;

/// Builds the syntax tree from pest's pairs, shifting spans by the chunk's offset.
struct Lower {
    file: FileId,
    offset: usize,
}

impl Lower {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(s.start() + self.offset, s.end() + self.offset)
    }

    fn malformed(&self, span: Span) -> Box<Diagnostic> {
        Box::new(Diagnostic::new(
            codes::MALFORMED_DECLARATION,
            self.file,
            span,
            msg!("syntax-malformed-declaration"),
            msg!("syntax-not-understood"),
        ))
    }

    fn next<'i>(
        &self,
        inner: &mut impl Iterator<Item = Pair<'i, Rule>>,
        span: Span,
    ) -> Lowered<Pair<'i, Rule>> {
        // Skip keyword tokens: they carry no information beyond their rule.
        for pair in inner.by_ref() {
            if !is_keyword(pair.as_rule()) {
                return Ok(pair);
            }
        }
        Err(self.malformed(span))
    }

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// The values of an enumeration, and the label of each (`a label "…"`).
    fn enum_values<'i>(
        &self,
        values: impl Iterator<Item = Pair<'i, Rule>>,
    ) -> Lowered<(Vec<Ident>, Vec<Option<Text>>)> {
        let mut names = Vec::new();
        let mut labels = Vec::new();
        for value in values.filter(|p| p.as_rule() == Rule::enum_value) {
            let mut parts = value.into_inner();
            let Some(name) = parts.next() else { continue };
            names.push(self.ident(name));
            labels.push(match parts.find(|p| p.as_rule() == Rule::text) {
                Some(text) => Some(self.text(text)?),
                None => None,
            });
        }
        Ok((names, labels))
    }

    fn text(&self, pair: Pair<Rule>) -> Lowered<Text> {
        let span = self.span(&pair);
        let body = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
        let mut value = String::with_capacity(body.len());
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            match chars.next() {
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some('n') => value.push('\n'),
                other => {
                    let shown = other.map(|c| c.to_string()).unwrap_or_default();
                    return Err(Box::new(
                        Diagnostic::new(
                            codes::UNKNOWN_ESCAPE,
                            self.file,
                            span,
                            msg!("syntax-unknown-escape", escape = format!("\\{shown}")),
                            msg!("syntax-unknown-escape-label"),
                        )
                        .with_hint(msg!("syntax-unknown-escape-hint")),
                    ));
                }
            }
        }
        Ok(Text { value, span })
    }

    fn declaration(&self, pair: Pair<Rule>) -> Lowered<Declaration> {
        // pest counts in a rule the white space and comments it skipped before
        // trying an optional part that was not there: end the declaration at
        // its last token instead.
        let mut span = self.span(&pair);
        span.end = span.start + meaningful_length(pair.as_str());
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        Ok(match rule {
            Rule::header => {
                let title = self.text(self.next(&mut inner, span)?)?;
                let mut fields = Vec::new();
                for field in inner {
                    let mut parts = field.into_inner();
                    let key = self.ident(self.next(&mut parts, span)?);
                    let value = self.text(self.next(&mut parts, span)?)?;
                    if fields.iter().any(|(k, _): &(Ident, Text)| k.name == key.name) {
                        return Err(Box::new(Diagnostic::new(
                            codes::DUPLICATE_HEADER_KEY,
                            self.file,
                            key.span,
                            msg!("syntax-clause-twice", key = key.name.as_str()),
                            msg!("syntax-clause-twice-label"),
                        )));
                    }
                    fields.push((key, value));
                }
                Declaration::Header(Header { title, fields, span })
            }
            Rule::enum_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let (variants, labels) = self.enum_values(inner)?;
                Declaration::Enum(EnumDecl {
                    name,
                    variants,
                    labels,
                    span,
                })
            }
            Rule::record_decl | Rule::input_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let fields = self.fields(inner, span)?;
                let decl = RecordDecl { name, fields, span };
                if rule == Rule::record_decl {
                    Declaration::Record(decl)
                } else {
                    Declaration::Input(decl)
                }
            }
            Rule::param_decl | Rule::let_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let ty = self.type_expr(self.next(&mut inner, span)?)?;
                let value = self.expr(self.next(&mut inner, span)?)?;
                let clauses = self.clauses(inner)?;
                let decl = ValueDecl {
                    name,
                    ty,
                    value,
                    clauses,
                    span,
                };
                if rule == Rule::param_decl {
                    Declaration::Param(decl)
                } else {
                    Declaration::Let(decl)
                }
            }
            Rule::def_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let mut params = Vec::new();
                for param in self.next(&mut inner, span)?.into_inner() {
                    let mut parts = param.into_inner();
                    let pname = self.ident(self.next(&mut parts, span)?);
                    let pty = self.type_expr(self.next(&mut parts, span)?)?;
                    params.push((pname, pty));
                }
                let ty = self.type_expr(self.next(&mut inner, span)?)?;
                let body = self.expr(self.next(&mut inner, span)?)?;
                let clauses = self.clauses(inner)?;
                Declaration::Def(DefDecl {
                    name,
                    params,
                    ty,
                    body,
                    clauses,
                    span,
                })
            }
            Rule::rule_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let (for_each, pair) = self.optional_for_each(&mut inner, span)?;
                let severity_span = self.span(&pair);
                let severity = match pair.as_str() {
                    "refuse" => RuleSeverity::Refuse,
                    "incomplete" => RuleSeverity::Incomplete,
                    "warn" => RuleSeverity::Warn,
                    _ => RuleSeverity::Info,
                };
                let unless = self.next(&mut inner, span)?.as_str() == "unless";
                let condition = self.expr(self.next(&mut inner, span)?)?;
                let clauses = self.clauses(inner)?;
                Declaration::Rule(RuleDecl {
                    name,
                    for_each,
                    severity,
                    severity_span,
                    unless,
                    condition,
                    clauses,
                    span,
                })
            }
            Rule::output_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let (for_each, pair) = self.optional_for_each(&mut inner, span)?;
                let ty = self.type_expr(pair)?;
                let value = self.expr(self.next(&mut inner, span)?)?;
                let clauses = self.clauses(inner)?;
                Declaration::Output(OutputDecl {
                    name,
                    for_each,
                    ty,
                    value,
                    clauses,
                    span,
                })
            }
            Rule::assert_decl => {
                let name = self.ident(self.next(&mut inner, span)?);
                let condition = self.expr(self.next(&mut inner, span)?)?;
                let clauses = self.clauses(inner)?;
                Declaration::Assert(AssertDecl {
                    name,
                    condition,
                    clauses,
                    span,
                })
            }
            Rule::override_decl => {
                let keyword_span = span;
                let inner_decl = self.next(&mut inner, span)?;
                Declaration::Override(Box::new(self.declaration(inner_decl)?), keyword_span)
            }
            Rule::drop_decl => {
                let kind = match self.next(&mut inner, span)?.as_str() {
                    "param" => DropKind::Param,
                    "let" | "value" => DropKind::Let,
                    "def" => DropKind::Def,
                    "rule" => DropKind::Rule,
                    "output" => DropKind::Output,
                    "assert" => DropKind::Assert,
                    _ => DropKind::Field,
                };
                let name = self.ident(self.next(&mut inner, span)?);
                let field = inner.next().map(|p| self.ident(p));
                if kind == DropKind::Field && field.is_none() {
                    return Err(Box::new(
                        Diagnostic::new(
                            codes::DROP_FIELD_WITHOUT_RECORD,
                            self.file,
                            name.span,
                            msg!("syntax-drop-field-without-record"),
                            msg!("syntax-drop-field-without-record-label"),
                        )
                        .with_hint(msg!(
                            "syntax-drop-field-without-record-hint",
                            record = name.name.as_str()
                        )),
                    ));
                }
                Declaration::Drop(DropDecl {
                    kind,
                    name,
                    field,
                    span,
                })
            }
            Rule::extend_decl => {
                let target_pair = self.next(&mut inner, span)?;
                let target = match target_pair.as_rule() {
                    Rule::extend_record => ExtendTarget::Record,
                    Rule::extend_input => ExtendTarget::Input,
                    _ => ExtendTarget::Enum,
                };
                let mut parts = target_pair.into_inner();
                let name = self.ident(self.next(&mut parts, span)?);
                let (fields, (variants, labels)) = if target == ExtendTarget::Enum {
                    (Vec::new(), self.enum_values(parts)?)
                } else {
                    (self.fields(parts, span)?, (Vec::new(), Vec::new()))
                };
                Declaration::Extend(ExtendDecl {
                    target,
                    name,
                    fields,
                    variants,
                    labels,
                    span,
                })
            }
            _ => return Err(self.malformed(span)),
        })
    }

    /// The fields of a record, an input or an extension.
    fn fields<'i>(&self, pairs: impl Iterator<Item = Pair<'i, Rule>>, span: Span) -> Lowered<Vec<FieldDecl>> {
        let mut fields = Vec::new();
        for field in pairs.filter(|p| p.as_rule() == Rule::field_decl) {
            let mut parts = field.into_inner();
            let name = self.ident(self.next(&mut parts, span)?);
            let ty = self.type_expr(self.next(&mut parts, span)?)?;
            let default = match self.next(&mut parts, span) {
                Ok(pair) => Some(self.expr(pair)?),
                Err(_) => None,
            };
            fields.push(FieldDecl { name, ty, default });
        }
        Ok(fields)
    }

    /// An optional `for x in list`, and the pair after it.
    fn optional_for_each<'i>(
        &self,
        inner: &mut impl Iterator<Item = Pair<'i, Rule>>,
        span: Span,
    ) -> Lowered<(Option<ForEach>, Pair<'i, Rule>)> {
        let pair = self.next(inner, span)?;
        if pair.as_rule() != Rule::for_clause {
            return Ok((None, pair));
        }
        let for_each = self.for_each(pair, span)?;
        Ok((Some(for_each), self.next(inner, span)?))
    }

    fn for_each(&self, pair: Pair<Rule>, span: Span) -> Lowered<ForEach> {
        let mut parts = pair.into_inner();
        let binder = self.ident(self.next(&mut parts, span)?);
        let list = self.expr(self.next(&mut parts, span)?)?;
        Ok(ForEach { binder, list })
    }

    fn clauses<'i>(&self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Lowered<Clauses> {
        let mut clauses = Clauses::default();
        for pair in pairs {
            let span = self.span(&pair);
            let mut parts = pair.into_inner();
            let key = self.next(&mut parts, span)?;
            let key_text = key.as_str().to_string();
            let value_pair = self.next(&mut parts, span)?;
            let value = if key.as_rule() == Rule::k_ceiling {
                Text {
                    value: value_pair.as_str().to_string(),
                    span: self.span(&value_pair),
                }
            } else {
                self.text(value_pair)?
            };
            let slot = match key_text.as_str() {
                "message" => &mut clauses.message,
                "source" => &mut clauses.source,
                "ceiling" => &mut clauses.ceiling,
                _ => &mut clauses.label,
            };
            if slot.is_some() {
                return Err(Box::new(Diagnostic::new(
                    codes::DUPLICATE_HEADER_KEY,
                    self.file,
                    span,
                    msg!("syntax-clause-twice", key = key_text.as_str()),
                    msg!("syntax-clause-twice-label"),
                )));
            }
            *slot = Some(value);
        }
        Ok(clauses)
    }

    fn type_expr(&self, pair: Pair<Rule>) -> Lowered<TypeExpr> {
        let span = self.span(&pair);
        let inner = if pair.as_rule() == Rule::type_expr {
            self.next(&mut pair.into_inner(), span)?
        } else {
            pair
        };
        let kind = match inner.as_rule() {
            Rule::ident => TypeExprKind::Named(self.ident(inner)),
            Rule::list_type | Rule::optional_type | Rule::range_type => {
                let rule = inner.as_rule();
                let element = Box::new(self.type_expr(self.next(&mut inner.into_inner(), span)?)?);
                match rule {
                    Rule::list_type => TypeExprKind::List(element),
                    Rule::optional_type => TypeExprKind::Optional(element),
                    _ => TypeExprKind::Range(element),
                }
            }
            _ => return Err(self.malformed(span)),
        };
        Ok(TypeExpr { kind, span })
    }

    fn expr(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        pratt()
            .map_primary(|primary| self.postfixed(primary))
            .map_prefix(|op, operand| {
                let operand = operand?;
                let span = self.span(&op).to(operand.span);
                let op = if op.as_rule() == Rule::not_op {
                    UnaryOp::Not
                } else {
                    UnaryOp::Neg
                };
                Ok(Expr {
                    kind: ExprKind::Unary(op, Box::new(operand)),
                    span,
                })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = match op.as_rule() {
                    Rule::or_op => BinaryOp::Or,
                    Rule::and_op => BinaryOp::And,
                    Rule::eq_op => BinaryOp::Eq,
                    Rule::ne_op => BinaryOp::Ne,
                    Rule::lt_op => BinaryOp::Lt,
                    Rule::le_op => BinaryOp::Le,
                    Rule::gt_op => BinaryOp::Gt,
                    Rule::ge_op => BinaryOp::Ge,
                    Rule::in_op => BinaryOp::In,
                    Rule::range_op => BinaryOp::Range,
                    Rule::add_op => BinaryOp::Add,
                    Rule::sub_op => BinaryOp::Sub,
                    Rule::mul_op => BinaryOp::Mul,
                    _ => BinaryOp::Div,
                };
                Ok(Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pair.into_inner())
    }

    fn postfixed(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let mut expr = self.primary(self.next(&mut inner, span)?)?;
        for access in inner {
            let access_span = self.span(&access);
            let field = self.ident(self.next(&mut access.into_inner(), access_span)?);
            let span = expr.span.to(field.span);
            expr = Expr {
                kind: ExprKind::Field(Box::new(expr), field),
                span,
            };
        }
        Ok(expr)
    }

    fn primary(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => return self.expr(pair),
            Rule::boolean => ExprKind::Bool(pair.as_str().starts_with('t')),
            Rule::text => ExprKind::Text(self.text(pair)?.value),
            Rule::ident => ExprKind::Name(self.ident(pair)),
            Rule::date => {
                let date = Date::parse_iso(pair.as_str())
                    .and_then(Result::ok)
                    .ok_or_else(|| {
                        Box::new(Diagnostic::new(
                            codes::IMPOSSIBLE_DATE,
                            self.file,
                            span,
                            msg!("syntax-impossible-date", date = pair.as_str()),
                            msg!("syntax-impossible-date-label"),
                        ))
                    })?;
                ExprKind::Date(date)
            }
            Rule::number | Rule::money | Rule::rate => {
                let unit = match pair.as_rule() {
                    Rule::money => NumberUnit::Euro,
                    Rule::rate => NumberUnit::Percent,
                    _ => NumberUnit::None,
                };
                let digits = if unit == NumberUnit::None {
                    pair.as_str()
                } else {
                    pair.clone().into_inner().next().map(|p| p.as_str()).unwrap_or("")
                };
                let (value, fractional) = self.number(digits, span)?;
                ExprKind::Number {
                    value,
                    fractional,
                    unit,
                }
            }
            Rule::list_lit => {
                let items = pair
                    .into_inner()
                    .map(|p| self.expr(p))
                    .collect::<Lowered<Vec<_>>>()?;
                ExprKind::List(items)
            }
            Rule::call => {
                let mut inner = pair.into_inner();
                let function = self.ident(self.next(&mut inner, span)?);
                let args = inner.map(|p| self.expr(p)).collect::<Lowered<Vec<_>>>()?;
                ExprKind::Call(function, args)
            }
            Rule::aggregate => {
                let mut inner = pair.into_inner();
                let function = self.ident(self.next(&mut inner, span)?);
                let binder = self.ident(self.next(&mut inner, span)?);
                let list = Box::new(self.expr(self.next(&mut inner, span)?)?);
                let body = Box::new(self.expr(self.next(&mut inner, span)?)?);
                ExprKind::Aggregate {
                    function,
                    binder,
                    list,
                    body,
                }
            }
            Rule::if_expr => {
                let mut inner = pair.into_inner();
                let head = self.next(&mut inner, span)?;
                let then = Box::new(self.expr(self.next(&mut inner, span)?)?);
                let otherwise = Box::new(self.expr(self.next(&mut inner, span)?)?);
                if head.as_rule() == Rule::let_cond {
                    let mut parts = head.into_inner();
                    let binder = self.ident(self.next(&mut parts, span)?);
                    let value = Box::new(self.expr(self.next(&mut parts, span)?)?);
                    ExprKind::IfLet {
                        binder,
                        value,
                        then,
                        otherwise,
                    }
                } else {
                    ExprKind::If(Box::new(self.expr(head)?), then, otherwise)
                }
            }
            _ => return Err(self.malformed(span)),
        };
        Ok(Expr { kind, span })
    }

    /// Reads `7 885` or `32,5`: group separators dropped, decimal comma.
    fn number(&self, digits: &str, span: Span) -> Lowered<(Decimal, bool)> {
        let plain: String = digits
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == ',')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let fractional = plain.contains('.');
        // Exactly as written, or refused: a rounded figure would not be the note's.
        Decimal::from_str_exact(&plain)
            .map(|value| (value, fractional))
            .map_err(|_| {
                let (message, label) = if Decimal::from_str(&plain).is_ok() {
                    (
                        msg!("syntax-number-too-many-digits", number = shown_number(digits)),
                        msg!("syntax-number-too-many-digits-label"),
                    )
                } else {
                    (
                        msg!("syntax-number-too-large", number = shown_number(digits)),
                        msg!("syntax-number-too-large-label"),
                    )
                };
                Box::new(
                    Diagnostic::new(codes::NUMBER_TOO_LARGE, self.file, span, message, label)
                        .with_hint(msg!("syntax-number-limit-hint")),
                )
            })
    }
}

/// A number as quoted in a message: whole when short, else its first and
/// last digits and how long it is.
fn shown_number(digits: &str) -> Message {
    let count = digits.chars().count();
    if count <= 40 {
        return msg!("syntax-number-whole", digits = digits);
    }
    let head: String = digits.chars().take(12).collect();
    let tail: String = digits.chars().skip(count.saturating_sub(12)).collect();
    msg!("syntax-number-cut", head = head, tail = tail, count = count)
}

/// The length of a declaration's text without the blank lines and the
/// comment lines that follow its last token.
fn meaningful_length(text: &str) -> usize {
    let mut text = text.trim_end();
    loop {
        let last_line_start = text.rfind('\n').map(|at| at + 1).unwrap_or(0);
        let last_line = text.get(last_line_start..).unwrap_or("");
        if last_line_start > 0 && last_line.trim_start().starts_with('#') {
            text = text.get(..last_line_start).unwrap_or("").trim_end();
        } else {
            return text.len();
        }
    }
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::k_assert
            | Rule::k_def
            | Rule::k_else
            | Rule::k_enum
            | Rule::k_for
            | Rule::k_if
            | Rule::k_in
            | Rule::k_input
            | Rule::k_let
            | Rule::k_list
            | Rule::k_optional
            | Rule::k_output
            | Rule::k_param
            | Rule::k_range
            | Rule::k_record
            | Rule::k_rule
            | Rule::k_rulebook
            | Rule::k_then
            | Rule::k_default
            | Rule::k_drop
            | Rule::k_extend
            | Rule::k_override
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `keyword` in the grammar are exactly [`RESERVED_WORDS`],
    /// and each is refused as a name.
    #[test]
    fn the_reserved_words_are_the_grammars() {
        let grammar = include_str!("../../grammar/clas.pest");
        let start = grammar.find("keyword = _{").unwrap();
        let end = start + grammar[start..].find('}').unwrap();
        let mut in_grammar: Vec<&str> = grammar[start..end].split('"').skip(1).step_by(2).collect();
        let mut listed = RESERVED_WORDS.to_vec();
        in_grammar.sort_unstable();
        listed.sort_unstable();
        assert_eq!(in_grammar, listed);
        let header = "rulebook \"T\"\n  year \"2023-2024\"\n  source \"S\"\n\n";
        for word in RESERVED_WORDS {
            let text = format!("{header}param {word}: integer = 1\n");
            let (_, diagnostics) = parse(crate::diagnostic::FileId::default(), &text);
            assert!(!diagnostics.is_empty(), "`{word}` was accepted as a name");
        }
        let (_, diagnostics) = parse(
            crate::diagnostic::FileId::default(),
            &format!("{header}param annee: integer = 1\n"),
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    /// A file that starts with a byte order mark (Windows editors write
    /// one) reads as the same file without it, whether a comment or the
    /// header comes first; its spans count the mark's three bytes.
    #[test]
    fn a_leading_byte_order_mark_is_white_space() {
        let body = "rulebook \"T\"\n  year \"2023-2024\"\n  source \"S\"\n\nparam taux: rate = 32,5 %\n";
        for text in [format!("\u{FEFF}{body}"), format!("\u{FEFF}# Note\n\n{body}")] {
            let (module, diagnostics) = parse(crate::diagnostic::FileId::default(), &text);
            assert!(diagnostics.is_empty(), "{text:?}: {diagnostics:?}");
            assert_eq!(module.declarations.len(), 2, "{text:?}");
            let header = parse_header(&text).unwrap();
            assert_eq!(header.title.value, "T");
            assert!(
                header
                    .fields
                    .iter()
                    .any(|(key, value)| key.name == "year" && value.value == "2023-2024")
            );
            let param = text.find("param").unwrap();
            assert_eq!(module.declarations[1].span().start, param, "{text:?}");
        }
    }
}
