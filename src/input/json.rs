//! A strict JSON reader for applications: every value and key keeps the byte span of
//! its text so later checks can say where a problem is, and numbers stay exactly as
//! written so amounts of money never pass through floating point.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use crate::diagnostic::Span;
use crate::i18n::{Code, Message, codes};
use crate::msg;

/// Deeper documents are refused: no honest application nests this far, and the limit
/// keeps the size of the parse stack (and of drops of the tree) bounded.
const MAX_DEPTH: usize = 64;
/// Small objects find duplicate keys by scanning, which beats hashing for the handful of
/// members an application has; larger ones switch to a map so that cost stays linear.
const SCAN_LIMIT: usize = 16;
/// Longest excerpt of the input quoted in a message, in characters.
const QUOTE_LIMIT: usize = 30;

/// A JSON value with the byte span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue {
    /// What the value is.
    pub kind: JsonKind,
    /// Where its text is, quotes and brackets included.
    pub span: Span,
}

/// The kinds of JSON values, with their contents.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The number exactly as written (validated against the JSON number grammar), e.g. "6500.10", "-3", "1e5".
    Number(String),
    /// The decoded string (escapes resolved, \uXXXX including surrogate pairs).
    String(String),
    /// The items in document order.
    Array(Vec<JsonValue>),
    /// Members in document order.
    Object(Vec<JsonMember>),
}

/// One `"key": value` member of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    /// The decoded key.
    pub key: String,
    /// Where the key's text is, quotes included.
    pub key_span: Span,
    /// The value.
    pub value: JsonValue,
}

/// Why a text is not one JSON value, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Its code: too deep, a key given twice, or any other syntax error.
    pub code: Code,
    /// A short lower-case message.
    pub message: Message,
    /// The offending bytes (empty at the end of the text when the text stops too early).
    pub span: Span,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.fr())
    }
}

impl std::error::Error for JsonError {}

/// What the reader expected where it stopped.
#[derive(Clone, Copy, Debug)]
enum Expected {
    Value,
    End,
    ItemSeparator,
    KeyOrClose,
    Key,
    MemberSeparator,
    Colon,
}

impl Expected {
    fn message(self) -> Message {
        match self {
            Expected::Value => msg!("json-expected-value"),
            Expected::End => msg!("json-expected-end"),
            Expected::ItemSeparator => msg!("json-expected-item-separator"),
            Expected::KeyOrClose => msg!("json-expected-key-or-close"),
            Expected::Key => msg!("json-expected-key"),
            Expected::MemberSeparator => msg!("json-expected-member-separator"),
            Expected::Colon => msg!("json-expected-colon"),
        }
    }
}

/// Parses exactly one JSON value (surrounded by optional whitespace). A
/// byte order mark at the very start is passed over, as RFC 8259 allows:
/// Windows editors write one, and it says nothing (offsets still count it).
pub fn parse(text: &str) -> Result<JsonValue, JsonError> {
    Parser {
        text,
        bytes: text.as_bytes(),
        pos: if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        },
    }
    .document()
}

/// 1-based line and column (column counted in Unicode scalar values) of a byte offset; offsets past the end give the position just after the last character, an offset inside a multi-byte character counts as that character.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset = offset.saturating_sub(1);
    }
    let before = text.get(..offset).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |at| at.saturating_add(1));
    let line = before.bytes().filter(|&b| b == b'\n').count().saturating_add(1);
    let column = before
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .count()
        .saturating_add(1);
    (line, column)
}

impl JsonValue {
    /// The value of a member, when this is an object that has it.
    pub fn member(&self, key: &str) -> Option<&JsonValue> {
        match &self.kind {
            JsonKind::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    /// The text, when this is a text.
    pub fn as_text(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(text) => Some(text),
            _ => None,
        }
    }

    /// What the value is, for error messages, quoting small scalars.
    pub fn describe(&self) -> Message {
        match &self.kind {
            JsonKind::Null => msg!("json-found-null"),
            JsonKind::Bool(true) => msg!("json-found-true"),
            JsonKind::Bool(false) => msg!("json-found-false"),
            JsonKind::Number(number) => msg!("json-found-number", number = excerpt(number)),
            JsonKind::String(text) => msg!("json-found-text", text = excerpt(text)),
            JsonKind::Array(_) => msg!("json-found-list"),
            JsonKind::Object(_) => msg!("json-found-object"),
        }
    }
}

/// A list or object whose closing bracket has not been read yet.
enum Frame {
    List {
        start: usize,
        items: Vec<JsonValue>,
    },
    Object {
        start: usize,
        members: Vec<JsonMember>,
        /// The key whose value is being read.
        key: String,
        key_span: Span,
        /// Key to member index, built only once the object outgrows [`SCAN_LIMIT`].
        index: Option<HashMap<String, usize>>,
    },
}

/// A cursor over the bytes of the text; all structural characters of JSON are ASCII,
/// so byte positions where it stops are always character boundaries of `text`.
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    /// Reads the whole text with an explicit stack of open containers instead of
    /// recursion, so that no input can exhaust the call stack.
    fn document(&mut self) -> Result<JsonValue, JsonError> {
        let mut stack: Vec<Frame> = Vec::new();
        'value: loop {
            self.skip_whitespace();
            let mut value = match self.peek() {
                None => {
                    return Err(match stack.last() {
                        Some(Frame::List { start, .. }) => self.unclosed(false, *start),
                        Some(Frame::Object { start, .. }) => self.unclosed(true, *start),
                        None => self.error_at_end(msg!("json-end", expected = Expected::Value.message())),
                    });
                }
                Some(b'[') => {
                    let start = self.open(stack.len())?;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos = self.pos.saturating_add(1);
                        JsonValue {
                            kind: JsonKind::Array(Vec::new()),
                            span: Span::new(start, self.pos),
                        }
                    } else {
                        stack.push(Frame::List {
                            start,
                            items: Vec::new(),
                        });
                        continue 'value;
                    }
                }
                Some(b'{') => {
                    let start = self.open(stack.len())?;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos = self.pos.saturating_add(1);
                        JsonValue {
                            kind: JsonKind::Object(Vec::new()),
                            span: Span::new(start, self.pos),
                        }
                    } else {
                        let mut index = None;
                        let (key, key_span) =
                            self.member_key(start, &[], &mut index, Expected::KeyOrClose)?;
                        stack.push(Frame::Object {
                            start,
                            members: Vec::new(),
                            key,
                            key_span,
                            index,
                        });
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let (text, span) = self.string()?;
                    JsonValue {
                        kind: JsonKind::String(text),
                        span,
                    }
                }
                Some(b) if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.') => self.number()?,
                Some(b) if b.is_ascii_alphabetic() => self.word()?,
                Some(_) => return Err(self.unexpected(Expected::Value)),
            };
            // Hand the finished value to its container; a closing bracket finishes that
            // container in turn, hence the loop.
            loop {
                self.skip_whitespace();
                let Some(frame) = stack.last_mut() else {
                    if self.peek().is_some() {
                        return Err(self.unexpected(Expected::End));
                    }
                    return Ok(value);
                };
                match frame {
                    Frame::List { start, items } => {
                        items.push(value);
                        match self.peek() {
                            Some(b',') => {
                                self.comma(b']')?;
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos = self.pos.saturating_add(1);
                                value = JsonValue {
                                    kind: JsonKind::Array(std::mem::take(items)),
                                    span: Span::new(*start, self.pos),
                                };
                            }
                            None => return Err(self.unclosed(false, *start)),
                            Some(_) => return Err(self.unexpected(Expected::ItemSeparator)),
                        }
                    }
                    Frame::Object {
                        start,
                        members,
                        key,
                        key_span,
                        index,
                    } => {
                        members.push(JsonMember {
                            key: std::mem::take(key),
                            key_span: *key_span,
                            value,
                        });
                        match self.peek() {
                            Some(b',') => {
                                self.comma(b'}')?;
                                let (next, next_span) =
                                    self.member_key(*start, members, index, Expected::Key)?;
                                *key = next;
                                *key_span = next_span;
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos = self.pos.saturating_add(1);
                                value = JsonValue {
                                    kind: JsonKind::Object(std::mem::take(members)),
                                    span: Span::new(*start, self.pos),
                                };
                            }
                            None => return Err(self.unclosed(true, *start)),
                            Some(_) => return Err(self.unexpected(Expected::MemberSeparator)),
                        }
                    }
                }
                stack.pop();
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos = self.pos.saturating_add(1);
        }
    }

    /// The text between two byte positions the parser stopped at.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Steps over an opening bracket at `depth` containers deep, refusing one too many.
    fn open(&mut self, depth: usize) -> Result<usize, JsonError> {
        let start = self.pos;
        if depth >= MAX_DEPTH {
            return Err(JsonError {
                code: codes::JSON_TOO_DEEP,
                message: msg!("json-too-deep", levels = MAX_DEPTH),
                span: Span::new(start, start.saturating_add(1)),
            });
        }
        self.pos = start.saturating_add(1);
        Ok(start)
    }

    /// Steps over a separating comma, refusing one that comes right before `close`.
    fn comma(&mut self, close: u8) -> Result<(), JsonError> {
        let comma = self.pos;
        self.pos = comma.saturating_add(1);
        self.skip_whitespace();
        if self.peek() == Some(close) {
            return Err(error(
                msg!("json-trailing-comma", close = char::from(close).to_string()),
                Span::new(comma, comma.saturating_add(1)),
            ));
        }
        Ok(())
    }

    /// Reads a key and its colon, refusing a key already among `members`.
    fn member_key(
        &mut self,
        object: usize,
        members: &[JsonMember],
        index: &mut Option<HashMap<String, usize>>,
        expected: Expected,
    ) -> Result<(String, Span), JsonError> {
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.unclosed(true, object)),
            Some(_) => return Err(self.unexpected(expected)),
        }
        let (key, key_span) = self.string()?;
        if let Some(first) = find_key(members, index, &key) {
            let (line, column) = line_column(self.text, first.start);
            return Err(JsonError {
                code: codes::DUPLICATE_FIELD,
                message: msg!(
                    "json-duplicate-key",
                    key = excerpt(&key),
                    line = line,
                    column = column
                ),
                span: key_span,
            });
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b':') => self.pos = self.pos.saturating_add(1),
            None => return Err(self.unclosed(true, object)),
            Some(_) => return Err(self.unexpected(Expected::Colon)),
        }
        Ok((key, key_span))
    }

    /// Reads a string starting at its opening quote, copying unescaped runs in one go.
    fn string(&mut self) -> Result<(String, Span), JsonError> {
        let open = self.pos;
        let mut pos = open.saturating_add(1);
        let mut run = pos;
        let mut out = String::new();
        loop {
            let rest = self.bytes.get(pos..).unwrap_or(&[]);
            let Some(skip) = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20) else {
                return Err(self.unterminated(open));
            };
            pos = pos.saturating_add(skip);
            match self.bytes.get(pos) {
                Some(b'"') => {
                    out.push_str(self.slice(run, pos));
                    self.pos = pos.saturating_add(1);
                    return Ok((out, Span::new(open, self.pos)));
                }
                Some(b'\\') => {
                    out.push_str(self.slice(run, pos));
                    let escape = pos;
                    let after = escape.saturating_add(2);
                    let simple = match self.bytes.get(escape.saturating_add(1)) {
                        None => return Err(self.unterminated(open)),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let (decoded, next) = self.unicode_escape(open, escape)?;
                            out.push(decoded);
                            pos = next;
                            run = pos;
                            continue;
                        }
                        Some(_) => return Err(self.invalid_escape(escape)),
                    };
                    out.push(simple);
                    pos = after;
                    run = pos;
                }
                Some(&control) => return Err(control_in_text(control, pos)),
                None => return Err(self.unterminated(open)),
            }
        }
    }

    /// Decodes `\uXXXX` at `escape`, joining a surrogate pair; returns the character
    /// and the position after the escape(s).
    fn unicode_escape(&self, open: usize, escape: usize) -> Result<(char, usize), JsonError> {
        let first = self.hex4(open, escape)?;
        let after = escape.saturating_add(6);
        let unpaired = || {
            error(
                msg!("json-unpaired-surrogate", escape = self.slice(escape, after)),
                Span::new(escape, after),
            )
        };
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(after) != Some(&b'\\')
                    || self.bytes.get(after.saturating_add(1)) != Some(&b'u')
                {
                    return Err(unpaired());
                }
                let second = self.hex4(open, after)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(unpaired());
                }
                let code = (((first & 0x3FF) << 10) | (second & 0x3FF)).saturating_add(0x10000);
                return char::from_u32(code)
                    .map(|c| (c, after.saturating_add(6)))
                    .ok_or_else(unpaired);
            }
            0xDC00..=0xDFFF => return Err(unpaired()),
            code => code,
        };
        char::from_u32(code).map(|c| (c, after)).ok_or_else(unpaired)
    }

    /// The value of the four hex digits after the `\u` at `escape`.
    fn hex4(&self, open: usize, escape: usize) -> Result<u32, JsonError> {
        let digits = escape.saturating_add(2);
        let mut value = 0u32;
        for at in digits..digits.saturating_add(4) {
            let digit = match self.bytes.get(at) {
                None => return Err(self.unterminated(open)),
                Some(&b) => char::from(b).to_digit(16),
            };
            let Some(digit) = digit else {
                // Show the digits read so far and the character that broke them,
                // unless that character ends the text or is invisible.
                let mut end = at;
                if let Some(c) = self.text.get(at..).and_then(|rest| rest.chars().next())
                    && c != '"'
                    && c != '\\'
                    && !c.is_control()
                {
                    end = at.saturating_add(c.len_utf8());
                }
                return Err(error(
                    msg!("json-bad-unicode-escape", escape = self.slice(escape, end)),
                    Span::new(escape, end),
                ));
            };
            value = (value << 4) | digit;
        }
        Ok(value)
    }

    fn invalid_escape(&self, escape: usize) -> JsonError {
        let after = escape.saturating_add(1);
        let c = self
            .text
            .get(after..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or('\\');
        let span = Span::new(escape, after.saturating_add(c.len_utf8()));
        let message = if c.is_control() {
            msg!("json-escape-control", code = code_point(c))
        } else {
            msg!("json-invalid-escape", escape = format!("\\{c}"))
        };
        error(message, span)
    }

    fn unterminated(&self, open: usize) -> JsonError {
        error(msg!("json-unterminated-text"), Span::new(open, self.bytes.len()))
    }

    /// Reads a number; the token taken is every character that could belong to a
    /// number-like word, so that `012`, `1.2.3` or `-Infinity` are reported whole.
    fn number(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        let end = self.token_end(start, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-' | b'_')
        });
        let token = self.slice(start, end);
        let span = Span::new(start, end);
        if !is_json_number(token.as_bytes()) {
            return Err(error(msg!("json-invalid-number", number = excerpt(token)), span));
        }
        self.pos = end;
        Ok(JsonValue {
            kind: JsonKind::Number(token.to_string()),
            span,
        })
    }

    /// Reads `true`, `false` or `null`.
    fn word(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        let end = self.token_end(start, is_word_byte);
        let kind = match self.slice(start, end) {
            "true" => JsonKind::Bool(true),
            "false" => JsonKind::Bool(false),
            "null" => JsonKind::Null,
            _ => return Err(self.unexpected(Expected::Value)),
        };
        self.pos = end;
        Ok(JsonValue {
            kind,
            span: Span::new(start, end),
        })
    }

    /// The end of the run of bytes from `start` satisfying `belongs`.
    fn token_end(&self, start: usize, belongs: impl Fn(u8) -> bool) -> usize {
        let rest = self.bytes.get(start..).unwrap_or(&[]);
        let length = rest.iter().position(|&b| !belongs(b)).unwrap_or(rest.len());
        start.saturating_add(length)
    }

    /// "expected …, found …" for what stands at the cursor.
    fn unexpected(&self, expected: Expected) -> JsonError {
        let start = self.pos;
        let Some(c) = self.text.get(start..).and_then(|rest| rest.chars().next()) else {
            return self.error_at_end(msg!("json-end", expected = expected.message()));
        };
        let one = start.saturating_add(c.len_utf8());
        let (found, end) = if c.is_ascii_alphabetic() {
            let end = self.token_end(start, is_word_byte);
            (
                msg!("json-found-token", token = excerpt(self.slice(start, end))),
                end,
            )
        } else if c == '/' && matches!(self.bytes.get(one), Some(b'/' | b'*')) {
            let end = one.saturating_add(1);
            (msg!("json-found-comment", token = self.slice(start, end)), end)
        } else if c == '\u{feff}' {
            (msg!("json-found-bom"), one)
        } else if c.is_control() || c.is_whitespace() {
            (msg!("json-found-code-point", code = code_point(c)), one)
        } else {
            (msg!("json-found-token", token = c.to_string()), one)
        };
        error(
            msg!("json-unexpected", expected = expected.message(), found = found),
            Span::new(start, end),
        )
    }

    /// The end of the text inside a list (or an object when `object`).
    fn unclosed(&self, object: bool, start: usize) -> JsonError {
        let (line, column) = line_column(self.text, start);
        self.error_at_end(if object {
            msg!("json-unclosed-object", line = line, column = column)
        } else {
            msg!("json-unclosed-list", line = line, column = column)
        })
    }

    fn error_at_end(&self, message: Message) -> JsonError {
        let end = self.bytes.len();
        error(message, Span::new(end, end))
    }
}

fn error(message: Message, span: Span) -> JsonError {
    JsonError {
        code: codes::JSON_SYNTAX,
        message,
        span,
    }
}

fn control_in_text(control: u8, at: usize) -> JsonError {
    let message = match control {
        b'\n' | b'\r' => msg!("json-line-break-in-text"),
        b'\t' => msg!("json-tab-in-text"),
        _ => msg!("json-control-in-text", code = code_point(char::from(control))),
    };
    error(message, Span::new(at, at.saturating_add(1)))
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Finds the span of `key` among `members`, scanning small objects and indexing large ones.
fn find_key(members: &[JsonMember], index: &mut Option<HashMap<String, usize>>, key: &str) -> Option<Span> {
    if index.is_none() && members.len() <= SCAN_LIMIT {
        return members
            .iter()
            .find(|member| member.key == key)
            .map(|member| member.key_span);
    }
    let map = index.get_or_insert_with(HashMap::new);
    // Keys are unique (a duplicate stops the parse), so the map holds exactly the
    // first `map.len()` members and only the newer ones need adding.
    for (at, member) in members.iter().enumerate().skip(map.len()) {
        map.insert(member.key.clone(), at);
    }
    map.get(key)
        .and_then(|&at| members.get(at))
        .map(|member| member.key_span)
}

/// Whether `token` is a number by the RFC 8259 grammar:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(token: &[u8]) -> bool {
    let mut bytes = token.iter().copied().peekable();
    bytes.next_if_eq(&b'-');
    match bytes.next() {
        Some(b'0') => {}
        Some(b'1'..=b'9') => while bytes.next_if(u8::is_ascii_digit).is_some() {},
        _ => return false,
    }
    if bytes.next_if_eq(&b'.').is_some() {
        if bytes.next_if(u8::is_ascii_digit).is_none() {
            return false;
        }
        while bytes.next_if(u8::is_ascii_digit).is_some() {}
    }
    if bytes.next_if(|&b| b == b'e' || b == b'E').is_some() {
        bytes.next_if(|&b| b == b'+' || b == b'-');
        if bytes.next_if(u8::is_ascii_digit).is_none() {
            return false;
        }
        while bytes.next_if(u8::is_ascii_digit).is_some() {}
    }
    bytes.next().is_none()
}

/// `text` as it would be written inside JSON quotes, cut to [`QUOTE_LIMIT`] characters.
fn excerpt(text: &str) -> String {
    quoted_excerpt(text, QUOTE_LIMIT)
}

/// `text` as it would be written inside JSON quotes, cut to `limit` characters.
pub(crate) fn quoted_excerpt(text: &str, limit: usize) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == limit {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn ok(text: &str) -> JsonValue {
        match parse(text) {
            Ok(value) => value,
            Err(err) => panic!("{text:?} failed: {:?} at {:?}", err.message, err.span),
        }
    }

    /// Parses an invalid text and returns the message and the text under the span.
    fn fail(text: &str) -> (String, &str) {
        match parse(text) {
            Ok(value) => panic!("{text:?} parsed as {value:?}"),
            Err(err) => {
                assert!(err.span.start <= err.span.end && err.span.end <= text.len());
                (err.message.render(Lang::En), &text[err.span.start..err.span.end])
            }
        }
    }

    fn number(text: &str) -> String {
        match ok(text).kind {
            JsonKind::Number(number) => number,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    fn string(text: &str) -> String {
        match ok(text).kind {
            JsonKind::String(decoded) => decoded,
            other => panic!("{text:?} is {other:?}"),
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(
            ok("null"),
            JsonValue {
                kind: JsonKind::Null,
                span: Span::new(0, 4)
            }
        );
        assert_eq!(ok(" true ").kind, JsonKind::Bool(true));
        assert_eq!(ok(" true ").span, Span::new(1, 5));
        assert_eq!(ok("\n\tfalse\r\n").kind, JsonKind::Bool(false));
    }

    /// A byte order mark that starts the document is passed over, and the
    /// spans still count its three bytes; anywhere else it is refused.
    #[test]
    fn a_leading_byte_order_mark_is_passed_over() {
        let value = ok("\u{feff}{\"a\": 1}");
        assert_eq!(value.span, Span::new(3, 11));
        assert_eq!(value.member("a").map(|a| a.span), Some(Span::new(9, 10)));
        assert_eq!(fail("{}\u{feff}").1, "\u{feff}");
        assert_eq!(fail("\u{feff}\u{feff}{}").1, "\u{feff}");
    }

    #[test]
    fn numbers_are_kept_as_written() {
        for text in [
            "6500.10",
            "-3",
            "1e5",
            "0",
            "-0",
            "0.5E-3",
            "1E+2",
            "10.000",
            "123456789012345678901234567890.000000000000000000001",
            "1e999999",
        ] {
            assert_eq!(number(text), text);
        }
        let value = ok(" 6500.10 ");
        assert_eq!(value.span, Span::new(1, 8));
    }

    #[test]
    fn strings() {
        assert_eq!(string(r#""""#), "");
        assert_eq!(string(r#""douze""#), "douze");
        assert_eq!(string(r#""\"\\\/\b\f\n\r\t""#), "\"\\/\u{8}\u{c}\n\r\t");
        assert_eq!(string(r#""caf\u00e9 \u20AC""#), "café €");
        assert_eq!(string(r#""\uD83D\uDE00 \ud83d\ude00""#), "😀 😀");
        assert_eq!(string(r#""\u0000""#), "\0");
        assert_eq!(string("\"élève 6500 € \u{10FFFF}\""), "élève 6500 € \u{10FFFF}");
        assert_eq!(string(r#""a\nb""#), "a\nb");
        let text = "  \"é€\"";
        assert_eq!(ok(text).span, Span::new(2, text.len()));
    }

    #[test]
    fn nested_document() {
        let text = r#"{
  "demandeur": {"nom": "Dupont", "revenu": "6500.10"},
  "enfants": [
    {"prénom": "Léa", "âge": 7, "scolarisée": true},
    {"prénom": "Noé", "âge": 12.5, "handicap": null}
  ],
  "montant": 6500.10,
  "vide": [], "rien": {}
}"#;
        let value = ok(text);
        assert_eq!(value.span, Span::new(0, text.len()));
        let JsonKind::Object(members) = &value.kind else {
            panic!("not an object")
        };
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["demandeur", "enfants", "montant", "vide", "rien"]);
        for member in members {
            assert_eq!(
                &text[member.key_span.start..member.key_span.end],
                format!("\"{}\"", member.key)
            );
        }
        let montant = &members[2].value;
        assert_eq!(montant.kind, JsonKind::Number("6500.10".to_string()));
        assert_eq!(&text[montant.span.start..montant.span.end], "6500.10");
        let JsonKind::Array(enfants) = &members[1].value.kind else {
            panic!("not a list")
        };
        assert_eq!(enfants.len(), 2);
        let second = &text[enfants[1].span.start..enfants[1].span.end];
        assert_eq!(second, r#"{"prénom": "Noé", "âge": 12.5, "handicap": null}"#);
        let JsonKind::Object(lea) = &enfants[0].kind else {
            panic!("not an object")
        };
        assert_eq!(lea[0].key, "prénom");
        assert_eq!(lea[0].value.kind, JsonKind::String("Léa".to_string()));
        assert_eq!(lea[2].value.kind, JsonKind::Bool(true));
        assert_eq!(members[3].value.kind, JsonKind::Array(Vec::new()));
        assert_eq!(members[4].value.kind, JsonKind::Object(Vec::new()));
        assert_eq!(
            ok("[[], [[1]], {}]").kind,
            JsonKind::Array(vec![
                JsonValue {
                    kind: JsonKind::Array(vec![]),
                    span: Span::new(1, 3)
                },
                JsonValue {
                    kind: JsonKind::Array(vec![JsonValue {
                        kind: JsonKind::Array(vec![JsonValue {
                            kind: JsonKind::Number("1".to_string()),
                            span: Span::new(7, 8)
                        }]),
                        span: Span::new(6, 9)
                    }]),
                    span: Span::new(5, 10)
                },
                JsonValue {
                    kind: JsonKind::Object(vec![]),
                    span: Span::new(12, 14)
                },
            ])
        );
    }

    #[test]
    fn large_objects_keep_order_and_find_duplicates() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}}}", members.join(", "));
        let JsonKind::Object(read) = ok(&text).kind else {
            panic!("not an object")
        };
        assert_eq!(read.len(), 100);
        assert_eq!(read[57].key, "k57");
        let text = format!("{{{}, \"k42\": 0}}", members.join(", "));
        let first = text.find("\"k42\"").unwrap();
        let (message, under) = fail(&text);
        assert_eq!(
            message,
            format!(
                "duplicate key `k42` in this object (first at line 1, column {})",
                first + 1
            )
        );
        assert_eq!(under, "\"k42\"");
        assert_eq!(
            parse(&text).unwrap_err().span.start,
            text.rfind("\"k42\"").unwrap()
        );
        // The duplicate of an early key is found once the object has switched to the map.
        let text = format!("{{{}, \"k3\": 0}}", members.join(", "));
        assert_eq!(fail(&text).1, "\"k3\"");
    }

    #[test]
    fn sixty_four_levels_are_fine() {
        let text = format!("{}{}", "[".repeat(64), "]".repeat(64));
        ok(&text);
        let text = format!("{}1{}", "{\"a\":".repeat(64), "}".repeat(64));
        ok(&text);
    }

    #[test]
    fn deep_nesting_errors_cleanly() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message.render(Lang::En), "nesting deeper than 64 levels");
        assert_eq!(err.code, codes::JSON_TOO_DEEP);
        assert_eq!(err.span, Span::new(64, 65));
        assert_eq!(&text[err.span.start..err.span.end], "[");

        let text = "[".repeat(1_000_000);
        assert_eq!(parse(&text).unwrap_err().span, Span::new(64, 65));
        let text = "{\"a\":".repeat(100);
        let (message, under) = fail(&text);
        assert_eq!(message, "nesting deeper than 64 levels");
        assert_eq!(under, "{");
        let text = format!("{}{{}}", "[".repeat(64));
        assert_eq!(fail(&text), ("nesting deeper than 64 levels".to_string(), "{"));
    }

    #[test]
    fn ten_megabyte_string() {
        let piece = "élève 6500,10 € \\n \\u00e9 \\uD83D\\uDE00 ";
        let decoded_piece = "élève 6500,10 € \n é 😀 ";
        let count = 10_000_000 / piece.len() + 1;
        let text = format!("{{\"texte\": \"{}\"}}", piece.repeat(count));
        assert!(text.len() > 10_000_000);
        let JsonKind::Object(members) = ok(&text).kind else {
            panic!("not an object")
        };
        let JsonKind::String(decoded) = &members[0].value.kind else {
            panic!("not a string")
        };
        assert_eq!(decoded.len(), decoded_piece.len() * count);
        assert!(decoded.starts_with(decoded_piece));
        let plain = format!("\"{}\"", "a".repeat(10_000_000));
        assert_eq!(string(&plain).len(), 10_000_000);
        let unterminated = format!("\"{}", "a".repeat(10_000_000));
        assert_eq!(
            parse(&unterminated).unwrap_err().message.render(Lang::En),
            "unterminated text"
        );
    }

    #[test]
    fn invalid_documents() {
        let cases: &[(&str, &str, &str)] = &[
            ("", "unexpected end of input: expected a value", ""),
            ("  \n ", "unexpected end of input: expected a value", ""),
            ("[1,2,]", "trailing `,` before `]`", ","),
            ("{\"a\": 1 ,\n}", "trailing `,` before `}`", ","),
            (
                r#"{"a":1 "b":2}"#,
                "expected `,` or `}` after a member, found `\"`",
                "\"",
            ),
            ("[1 2]", "expected `,` or `]` after an item, found `2`", "2"),
            (r#"{"a" 1}"#, "expected `:` after the key, found `1`", "1"),
            (r#"{"a"= 1}"#, "expected `:` after the key, found `=`", "="),
            (
                "{montant: 1}",
                "expected a key in double quotes or `}`, found `montant`",
                "montant",
            ),
            (
                "{'a': 1}",
                "expected a key in double quotes or `}`, found `'`",
                "'",
            ),
            (
                r#"{"a": 1, 2: 3}"#,
                "expected a key in double quotes, found `2`",
                "2",
            ),
            ("{,}", "expected a key in double quotes or `}`, found `,`", ","),
            ("['a']", "expected a value, found `'`", "'"),
            ("[,1]", "expected a value, found `,`", ","),
            ("[1,,2]", "expected a value, found `,`", ","),
            ("]", "expected a value, found `]`", "]"),
            ("[é]", "expected a value, found `é`", "é"),
            ("012", "invalid number `012`", "012"),
            ("[01]", "invalid number `01`", "01"),
            ("1.", "invalid number `1.`", "1."),
            ("-", "invalid number `-`", "-"),
            (".5", "invalid number `.5`", ".5"),
            ("+1", "invalid number `+1`", "+1"),
            ("1e", "invalid number `1e`", "1e"),
            ("1e+", "invalid number `1e+`", "1e+"),
            ("1.2.3", "invalid number `1.2.3`", "1.2.3"),
            ("0x1F", "invalid number `0x1F`", "0x1F"),
            ("[1_000]", "invalid number `1_000`", "1_000"),
            ("-Infinity", "invalid number `-Infinity`", "-Infinity"),
            ("[1-2]", "invalid number `1-2`", "1-2"),
            ("NaN", "expected a value, found `NaN`", "NaN"),
            ("[Infinity]", "expected a value, found `Infinity`", "Infinity"),
            ("True", "expected a value, found `True`", "True"),
            ("[nul]", "expected a value, found `nul`", "nul"),
            ("nullx", "expected a value, found `nullx`", "nullx"),
            ("\"abc", "unterminated text", "\"abc"),
            ("[\"abc\\", "unterminated text", "\"abc\\"),
            ("\"\\u12", "unterminated text", "\"\\u12"),
            ("\"a\\qb\"", "invalid escape `\\q`", "\\q"),
            ("\"é\\é\"", "invalid escape `\\é`", "\\é"),
            ("\"a\\\nb\"", "invalid escape: `\\` followed by U+000A", "\\\n"),
            (
                "\"a\\u12G4\"",
                "invalid escape `\\u12G`: expected four hex digits after `\\u`",
                "\\u12G",
            ),
            (
                "\"\\u00\"",
                "invalid escape `\\u00`: expected four hex digits after `\\u`",
                "\\u00",
            ),
            ("\"\\U00e9\"", "invalid escape `\\U`", "\\U"),
            ("\"\\uD800\"", "unpaired surrogate `\\uD800` in text", "\\uD800"),
            ("\"\\udc00x\"", "unpaired surrogate `\\udc00` in text", "\\udc00"),
            (
                "\"\\uD83D\\u0041\"",
                "unpaired surrogate `\\uD83D` in text",
                "\\uD83D",
            ),
            (
                "\"\\uD83D\\uDE0\"",
                "invalid escape `\\uDE0`: expected four hex digits after `\\u`",
                "\\uDE0",
            ),
            ("\"ligne\ncassée\"", "unescaped line break in text", "\n"),
            ("\"a\tb\"", "unescaped tab in text", "\t"),
            (
                "\"a\u{1}b\"",
                "unescaped control character U+0001 in text",
                "\u{1}",
            ),
            (
                "{\n  \"enfants\": [],\n  \"enfants\": [1]\n}",
                "duplicate key `enfants` in this object (first at line 2, column 3)",
                "\"enfants\"",
            ),
            (
                r#"{"a": 1, "\u0061": 2}"#,
                "duplicate key `a` in this object (first at line 1, column 2)",
                "\"\\u0061\"",
            ),
            (
                "[1] x",
                "expected the end of the input after the value, found `x`",
                "x",
            ),
            (
                "1 2",
                "expected the end of the input after the value, found `2`",
                "2",
            ),
            (
                "{\"a\":1}}",
                "expected the end of the input after the value, found `}`",
                "}",
            ),
            (
                "{\"a\": // note\n 1}",
                "expected a value, found `//` (comments are not allowed)",
                "//",
            ),
            (
                "[1 /* note */]",
                "expected `,` or `]` after an item, found `/*` (comments are not allowed)",
                "/*",
            ),
            (
                " \u{feff}{}",
                "expected a value, found a byte order mark (U+FEFF), which belongs only at the very start of a file",
                "\u{feff}",
            ),
            (
                "1\u{a0}",
                "expected the end of the input after the value, found U+00A0",
                "\u{a0}",
            ),
            (
                "{\n  \"a\": [\n    {\"b\": 1,",
                "unexpected end of input: the object opened at line 3, column 5 is not closed",
                "",
            ),
            (
                "[1,",
                "unexpected end of input: the list opened at line 1, column 1 is not closed",
                "",
            ),
            (
                "[1",
                "unexpected end of input: the list opened at line 1, column 1 is not closed",
                "",
            ),
            (
                "[",
                "unexpected end of input: the list opened at line 1, column 1 is not closed",
                "",
            ),
            (
                "{",
                "unexpected end of input: the object opened at line 1, column 1 is not closed",
                "",
            ),
            (" é {\"a\"", "expected a value, found `é`", "é"),
            (
                "{\"é\" ",
                "unexpected end of input: the object opened at line 1, column 1 is not closed",
                "",
            ),
            (
                "[{\"a\":",
                "unexpected end of input: the object opened at line 1, column 2 is not closed",
                "",
            ),
        ];
        assert!(cases.len() >= 25);
        for (text, message, under) in cases {
            let (got_message, got_under) = fail(text);
            assert_eq!(
                (got_message.as_str(), got_under),
                (*message, *under),
                "for {text:?}"
            );
        }
    }

    #[test]
    fn long_tokens_are_cut_in_messages() {
        let word = "x".repeat(100);
        let (message, under) = fail(&word);
        assert_eq!(message, format!("expected a value, found `{}…`", "x".repeat(30)));
        assert_eq!(under, word);
        let text = format!("{{\"{}\": 1, \"{}\": 2}}", "k".repeat(40), "k".repeat(40));
        let (message, _) = fail(&text);
        assert_eq!(
            message,
            format!(
                "duplicate key `{}…` in this object (first at line 1, column 2)",
                "k".repeat(30)
            )
        );
    }

    #[test]
    fn line_columns() {
        let text = "ab\né€x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (1, 3));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 4), (2, 1));
        assert_eq!(line_column(text, 5), (2, 2));
        assert_eq!(line_column(text, 6), (2, 2));
        assert_eq!(line_column(text, 7), (2, 2));
        assert_eq!(line_column(text, 8), (2, 3));
        assert_eq!(line_column(text, 9), (2, 4));
        assert_eq!(line_column(text, usize::MAX), (2, 4));
        assert_eq!(line_column("", 0), (1, 1));
        assert_eq!(line_column("", 7), (1, 1));
        assert_eq!(line_column("a\n", 2), (2, 1));
        assert_eq!(line_column("😀😀\n\n😀x", 10), (3, 1));
        assert_eq!(line_column("😀😀\n\n😀x", 14), (3, 2));
    }

    #[test]
    fn descriptions() {
        let describe = |text: &str| ok(text).describe().render(Lang::En);
        assert_eq!(describe("null"), "null");
        assert_eq!(describe("true"), "true");
        assert_eq!(describe("false"), "false");
        assert_eq!(describe("12.5"), "a number (12.5)");
        assert_eq!(describe("\"douze\""), "the text \"douze\"");
        assert_eq!(describe(r#""a \"b\"\n""#), r#"the text "a \"b\"\n""#);
        assert_eq!(
            describe("\"une très longue phrase qui dépasse trente caractères\""),
            "the text \"une très longue phrase qui dép…\""
        );
        assert_eq!(describe("[1]"), "a list");
        assert_eq!(describe("{}"), "an object");
    }

    #[test]
    fn errors_have_codes_and_are_told_in_french() {
        let err = parse(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert_eq!(err.code, codes::DUPLICATE_FIELD);
        assert_eq!(
            err.message.fr(),
            "clé `a` en double dans cet objet (déjà donnée ligne 1, colonne 2)"
        );
        let err = parse("[1 2]").unwrap_err();
        assert_eq!(err.code, codes::JSON_SYNTAX);
        assert_eq!(
            err.message.fr(),
            "attendu : `,` ou `]` après un élément ; trouvé : `2`"
        );
        assert_eq!(
            parse("{").unwrap_err().message.fr(),
            "le texte s'arrête trop tôt : l'objet ouvert ligne 1, colonne 1 n'est pas fermé"
        );
        assert_eq!(ok("\"douze\"").describe().fr(), "le texte \"douze\"");
        assert_eq!(ok("null").describe().fr(), "`null` (aucune valeur)");
    }

    #[test]
    fn error_display() {
        let err = parse("[").unwrap_err();
        assert_eq!(err.to_string(), err.message.fr());
    }

    /// Every prefix and many one-character edits of a document either parse or fail
    /// with a span inside the text on character boundaries.
    #[test]
    fn damaged_documents_never_panic() {
        let text = r#"{"nom": "Léa \u00e9 \uD83D\uDE00 €", "n": [-1.5e+3, 0, true, false, null, {}], "x": {"y": []}}"#;
        let check = |candidate: &str| {
            if let Err(err) = parse(candidate) {
                assert!(err.span.start <= err.span.end, "{candidate:?}");
                assert!(
                    candidate.get(err.span.start..err.span.end).is_some(),
                    "{candidate:?}"
                );
                assert!(!err.message.fr().is_empty());
            }
        };
        for (at, _) in text.char_indices() {
            check(&text[..at]);
            check(&text[at..]);
            for replacement in [
                "", "\"", "\\", ",", "]", "}", "[", "{", ":", "é", "\n", "\u{1}", "0", "u", "D800",
            ] {
                let next = at + text[at..].chars().next().unwrap().len_utf8();
                check(&format!("{}{}{}", &text[..at], replacement, &text[next..]));
                check(&format!("{}{}{}", &text[..at], replacement, &text[at..]));
            }
        }
    }
}
