//! Applications as CSV, the way spreadsheets export them: one row per
//! application, a header row, nested fields as dotted column names
//! (`porteur.statut`), items of a list as numbered columns
//! (`collectifs.0.enfants`), and a list of values in one cell separated by
//! `|` (`enfants|parents|ecole|territoire`). A row becomes the same JSON tree
//! an application file gives, so the same decoder checks it.

use super::json::{JsonKind, JsonMember, JsonValue};
use crate::check::suggest;
use crate::diagnostic::Span;
use crate::i18n::Message;
use crate::msg;
use crate::program::{Program, Type};
use std::io::BufRead;

/// One cell, with its place in the row's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The unquoted text.
    pub text: String,
    /// Where it is in the record's text.
    pub span: Span,
}

/// Reads one CSV record (RFC 4180: quoted cells may hold commas, quotes
/// doubled, and line breaks). `None` at the end of the input; the record's
/// text is kept in `raw` for error positions. `;` is accepted as separator
/// when the header uses it (French spreadsheets).
pub fn read_record(
    input: &mut impl BufRead,
    separator: u8,
    raw: &mut String,
) -> std::io::Result<Option<Vec<Cell>>> {
    raw.clear();
    if input.read_line(raw)? == 0 {
        return Ok(None);
    }
    // A quoted cell may continue on the next lines. The quotes are counted
    // line by line: counting the whole record again at each line took time
    // in the square of its length (a quote never closed reads to the end).
    let mut quotes = raw.matches('"').count();
    while quotes % 2 == 1 {
        let start = raw.len();
        if input.read_line(raw)? == 0 {
            break;
        }
        quotes += raw.get(start..).map_or(0, |line| line.matches('"').count());
    }
    let record = raw.trim_end_matches(['\n', '\r']);
    let mut cells = Vec::new();
    let bytes = record.as_bytes();
    let mut at = 0;
    loop {
        let start = at;
        let mut text = String::new();
        if bytes.get(at) == Some(&b'"') {
            at += 1;
            loop {
                match bytes.get(at) {
                    None => break,
                    Some(b'"') if bytes.get(at + 1) == Some(&b'"') => {
                        text.push('"');
                        at += 2;
                    }
                    Some(b'"') => {
                        at += 1;
                        break;
                    }
                    Some(_) => {
                        let rest = record.get(at..).unwrap_or("");
                        let next = rest.find('"').unwrap_or(rest.len());
                        text.push_str(rest.get(..next).unwrap_or(""));
                        at += next;
                    }
                }
            }
            // Anything between the closing quote and the separator is kept.
            let rest = record.get(at..).unwrap_or("");
            let end = rest.find(char::from(separator)).unwrap_or(rest.len());
            text.push_str(rest.get(..end).unwrap_or(""));
            at += end;
        } else {
            let rest = record.get(at..).unwrap_or("");
            let end = rest.find(char::from(separator)).unwrap_or(rest.len());
            text.push_str(rest.get(..end).unwrap_or(""));
            at += end;
        }
        cells.push(Cell {
            text,
            span: Span::new(start, at),
        });
        if bytes.get(at) == Some(&separator) {
            at += 1;
        } else {
            break;
        }
    }
    Ok(Some(cells))
}

/// The most lines one quoted cell may span: past that, its quote is taken
/// as never closed (a stray `"` must not swallow a whole campaign).
const MAX_RECORD_LINES: usize = 1000;

/// One record of a CSV file as read, before its cells are split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRecord {
    /// The line (1-based) where the record starts.
    pub line: u64,
    /// The record's text, or why it cannot be read (the line is not UTF-8,
    /// or a quote is never closed).
    pub text: Result<String, RecordProblem>,
}

/// Why a record of a CSV or JSON Lines file cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// A line that is not UTF-8 text.
    NotUtf8(Message),
    /// A quoted cell never closed.
    UnclosedQuote(Message),
}

impl RecordProblem {
    /// What to tell.
    pub fn message(&self) -> &Message {
        match self {
            RecordProblem::NotUtf8(message) | RecordProblem::UnclosedQuote(message) => message,
        }
    }
}

/// Reads the records of a CSV file one by one, and survives broken ones: a
/// line that is not UTF-8 is one record in error, and a quote never closed
/// makes its first line a record in error, the lines after it read again as
/// records of their own. Every line of the file is in exactly one record.
pub struct Records<R> {
    input: R,
    /// Lines read ahead and given back (after an unclosed quote).
    pending: std::collections::VecDeque<String>,
    next_line: u64,
    /// Lines of CSV records read as Windows-1252 (see [`windows_1252`]).
    windows_1252: u64,
    /// Whether a line with letters beyond ASCII was UTF-8: the file is, and
    /// a line that is not stays an error.
    seen_utf8: bool,
}

impl<R: BufRead> Records<R> {
    /// Records of `input`, whose first line is line 1.
    pub fn new(input: R) -> Records<R> {
        Records {
            input,
            pending: std::collections::VecDeque::new(),
            next_line: 1,
            windows_1252: 0,
            seen_utf8: false,
        }
    }

    /// How many lines of CSV records were read as Windows-1252.
    pub fn windows_1252_lines(&self) -> u64 {
        self.windows_1252
    }

    /// The next line. A CSV line (`spreadsheet`) that is not UTF-8 is read
    /// as Windows-1252 when it can be and the file has shown no UTF-8 letter
    /// before it: spreadsheets on Windows save CSV that way.
    fn line(&mut self, spreadsheet: bool) -> std::io::Result<Option<Result<String, RecordProblem>>> {
        if let Some(line) = self.pending.pop_front() {
            return Ok(Some(Ok(line)));
        }
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                self.seen_utf8 |= !text.is_ascii();
                Ok(Some(Ok(text)))
            }
            Err(error) => {
                let bytes = error.as_bytes();
                if spreadsheet
                    && !self.seen_utf8
                    && let Some(text) = windows_1252(bytes)
                {
                    self.windows_1252 += 1;
                    return Ok(Some(Ok(text)));
                }
                let why = super::line_not_utf8(bytes, error.utf8_error().valid_up_to());
                Ok(Some(Err(RecordProblem::NotUtf8(why))))
            }
        }
    }

    /// Appends the bytes of up to `max` lines (each with its line break) to
    /// `buffer`, not checked for UTF-8, and for each its line number and
    /// where it lies in `buffer`; gives how many bytes were read. Fewer than
    /// `max` lines only at the end of the input. The lines are found and
    /// copied a buffer of input at a time, not one by one (JSON Lines).
    pub fn next_lines_bytes(
        &mut self,
        buffer: &mut Vec<u8>,
        lines: &mut Vec<(u64, std::ops::Range<usize>)>,
        max: usize,
    ) -> std::io::Result<usize> {
        let mut read = 0;
        let mut start = buffer.len();
        while lines.len() < max {
            if let Some(text) = self.pending.pop_front() {
                buffer.extend_from_slice(text.as_bytes());
                read += text.len();
                lines.push((self.next_line, start..buffer.len()));
                self.next_line += 1;
                start = buffer.len();
                continue;
            }
            let available = self.input.fill_buf()?;
            if available.is_empty() {
                // The last line, without a line break.
                if buffer.len() > start {
                    lines.push((self.next_line, start..buffer.len()));
                    self.next_line += 1;
                }
                break;
            }
            // The line breaks of this buffer, as far as `max` lines.
            let mut used = 0;
            let mut ends = Vec::new();
            for at in memchr::memchr_iter(b'\n', available) {
                if lines.len() + ends.len() == max {
                    break;
                }
                ends.push(at + 1);
                used = at + 1;
            }
            if lines.len() + ends.len() < max {
                used = available.len();
            }
            let base = buffer.len();
            buffer.extend_from_slice(available.get(..used).unwrap_or_default());
            for end in ends {
                lines.push((self.next_line, start..base + end));
                self.next_line += 1;
                start = base + end;
            }
            read += used;
            self.input.consume(used);
        }
        Ok(read)
    }

    /// The next line as a record of its own (JSON Lines); `None` at the end.
    pub fn next_line_record(&mut self) -> std::io::Result<Option<RawRecord>> {
        let line = self.next_line;
        let Some(text) = self.line(false)? else {
            return Ok(None);
        };
        self.next_line += 1;
        Ok(Some(RawRecord { line, text }))
    }

    /// The next record; `None` at the end of the input.
    pub fn next_record(&mut self) -> std::io::Result<Option<RawRecord>> {
        let line = self.next_line;
        let mut text = match self.line(true)? {
            None => return Ok(None),
            Some(Ok(text)) => text,
            Some(Err(message)) => {
                self.next_line += 1;
                return Ok(Some(RawRecord {
                    line,
                    text: Err(message),
                }));
            }
        };
        self.next_line += 1;
        let first_len = text.len();
        let mut spanned = 1;
        while text.matches('"').count() % 2 == 1 {
            let more = if spanned < MAX_RECORD_LINES {
                self.line(true)?
            } else {
                None
            };
            match more {
                Some(Ok(next)) => {
                    text.push_str(&next);
                    self.next_line += 1;
                    spanned += 1;
                }
                Some(Err(message)) => {
                    // A line inside a quoted cell that is not UTF-8: the
                    // whole record is in error.
                    self.next_line += 1;
                    return Ok(Some(RawRecord {
                        line,
                        text: Err(message),
                    }));
                }
                None => {
                    // Never closed: give the following lines back.
                    let rest = text.get(first_len..).unwrap_or("").to_string();
                    let given_back: Vec<String> = rest.split_inclusive('\n').map(str::to_string).collect();
                    self.next_line -= given_back.len() as u64;
                    for l in given_back.into_iter().rev() {
                        self.pending.push_front(l);
                    }
                    text.truncate(first_len);
                    return Ok(Some(RawRecord {
                        line,
                        text: Err(RecordProblem::UnclosedQuote(unclosed_quote(&text))),
                    }));
                }
            }
        }
        Ok(Some(RawRecord { line, text: Ok(text) }))
    }
}

/// The characters of Windows-1252 for the bytes 0x80 to 0x9F (`None`: no
/// character); the bytes from 0xA0 are those of Latin-1 (the same code point).
const WINDOWS_1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// A line that is not UTF-8, read as Windows-1252 (what spreadsheets on
/// Windows write when they save CSV), when it can be: `None` when it has a
/// byte Windows-1252 leaves undefined, or a letter written in UTF-8 (the
/// line is then UTF-8 with a fault, and reading it otherwise would garble
/// that letter).
pub fn windows_1252(bytes: &[u8]) -> Option<String> {
    if bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii()) {
        return None;
    }
    bytes
        .iter()
        .map(|&byte| match byte {
            0..0x80 | 0xA0.. => Some(char::from(byte)),
            _ => WINDOWS_1252_HIGH.get(usize::from(byte - 0x80)).copied().flatten(),
        })
        .collect()
}

/// Why a line whose quotes do not pair up cannot be read.
fn unclosed_quote(line: &str) -> Message {
    // The opening quote is the last one that has no partner.
    let mut open = None;
    for (i, c) in line.char_indices() {
        if c == '"' {
            open = if open.is_some() { None } else { Some(i) };
        }
    }
    let column = open
        .map(|i| line.get(..i).unwrap_or("").chars().count() + 1)
        .unwrap_or(1);
    msg!("csv-unclosed-quote", column = column)
}

/// A cell as it must be written in CSV.
pub fn quote(text: &str, separator: char) -> String {
    if text.contains([separator, '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// What a header's columns mean for the rulebook's schema.
#[derive(Clone, Debug)]
pub struct Layout {
    columns: Vec<String>,
}

/// Why a header does not fit the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderError {
    /// Each column that is wrong or missing, in plain words, with a hint
    /// when there is one.
    pub problems: Vec<Message>,
}

impl HeaderError {
    /// Every problem, one after the other: « colonne inconnue `niveaux` ; … ».
    pub fn message(&self) -> Message {
        one_after_the_other(&self.problems)
    }
}

/// Messages said one after the other (`a ; b ; c`).
pub fn one_after_the_other(messages: &[Message]) -> Message {
    let mut all = messages.iter();
    let Some(first) = all.next() else {
        return msg!("csv-nothing");
    };
    all.fold(first.clone(), |said, next| {
        msg!("list-then", first = said, next = next.clone())
    })
}

/// The columns a schema accepts, for a list of records: up to `items` of
/// each list (`collectifs.0.…` to `collectifs.{items-1}.…`).
pub fn columns(program: &Program, items: usize) -> Vec<String> {
    let mut out = Vec::new();
    flatten(program, &Type::Record(program.input), "", items, &mut out);
    out
}

fn flatten(program: &Program, ty: &Type, prefix: &str, items: usize, out: &mut Vec<String>) {
    match ty {
        Type::Optional(inner) => flatten(program, inner, prefix, items, out),
        Type::Record(id) => {
            let Some(record) = program.records.get(*id) else {
                return;
            };
            for field in &record.fields {
                let name = column(prefix, &field.name);
                flatten(program, &field.ty, &name, items, out);
            }
        }
        Type::List(item) if matches!(**item, Type::Record(_) | Type::Optional(_)) => {
            for index in 0..items {
                flatten(program, item, &format!("{prefix}.{index}"), items, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

/// The column of a field under `prefix` (`porteur` + `statut`: `porteur.statut`).
fn column(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

/// The column with a name shaped like `name` (indices replaced), for hints.
fn shape(name: &str) -> String {
    name.split('.')
        .map(|part| {
            if part.chars().all(|c| c.is_ascii_digit()) {
                "0"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

impl Layout {
    /// Checks a header against the schema: every column must be a field,
    /// every field that is not optional must have its column.
    pub fn new(program: &Program, header: &[Cell]) -> Result<Layout, HeaderError> {
        let columns: Vec<String> = header
            .iter()
            .map(|c| c.text.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        let known = self::columns(program, 1);
        let mut problems = Vec::new();
        for column in &columns {
            if !known.contains(&shape(column)) {
                let problem = match suggest::closest(&shape(column), known.iter().map(String::as_str)) {
                    Some(suggestion) => msg!(
                        "csv-unknown-column-suggest",
                        column = column.as_str(),
                        suggestion = suggestion
                    ),
                    None => msg!("csv-unknown-column", column = column.as_str()),
                };
                problems.push(problem);
            }
        }
        let mut seen = Vec::new();
        for column in &columns {
            if seen.contains(column) {
                problems.push(msg!("csv-duplicate-column", column = column.as_str()));
            }
            seen.push(column.clone());
        }
        let mut required = Vec::new();
        required_columns(program, &Type::Record(program.input), "", &mut required);
        for column in required {
            if !columns.iter().any(|c| shape(c) == column) {
                problems.push(msg!("csv-missing-column", column = column.as_str()));
            }
        }
        if problems.is_empty() {
            Ok(Layout { columns })
        } else {
            Err(HeaderError { problems })
        }
    }

    /// One row as the JSON tree of an application (spans are the cells').
    pub fn row(&self, program: &Program, cells: &[Cell]) -> Result<JsonValue, Message> {
        if cells.len() != self.columns.len() {
            // Name the columns left without a cell, or the first cell past the header.
            let detail = match self.columns.get(cells.len()..) {
                Some(missing) if !missing.is_empty() => msg!(
                    "csv-no-cell-for",
                    count = missing.len(),
                    columns = missing
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => msg!("csv-cells-without-column", column = self.columns.len() + 1),
            };
            return Err(msg!(
                "csv-cell-count",
                cells = cells.len(),
                columns = self.columns.len(),
                detail = detail
            ));
        }
        Ok(self
            .build(program, &Type::Record(program.input), "", cells)
            .unwrap_or(JsonValue {
                kind: JsonKind::Null,
                span: Span::default(),
            }))
    }

    fn cell<'c>(&self, name: &str, cells: &'c [Cell]) -> Option<&'c Cell> {
        let index = self.columns.iter().position(|c| c == name)?;
        cells.get(index)
    }

    /// Whether any column under `prefix` has text in this row.
    fn any_under(&self, prefix: &str, cells: &[Cell]) -> bool {
        self.columns.iter().zip(cells).any(|(column, cell)| {
            (column == prefix || column.starts_with(&format!("{prefix}."))) && !cell.text.trim().is_empty()
        })
    }

    fn build(&self, program: &Program, ty: &Type, prefix: &str, cells: &[Cell]) -> Option<JsonValue> {
        let null = |span| JsonValue {
            kind: JsonKind::Null,
            span,
        };
        match ty {
            Type::Optional(inner) => {
                if !self.any_under(prefix, cells) {
                    return Some(null(self.cell(prefix, cells).map(|c| c.span).unwrap_or_default()));
                }
                self.build(program, inner, prefix, cells)
            }
            Type::Record(id) => {
                let record = program.records.get(*id)?;
                let mut members = Vec::new();
                for field in &record.fields {
                    let name = column(prefix, &field.name);
                    let Some(value) = self.build(program, &field.ty, &name, cells) else {
                        continue;
                    };
                    members.push(JsonMember {
                        key: field.name.clone(),
                        key_span: value.span,
                        value,
                    });
                }
                Some(JsonValue {
                    kind: JsonKind::Object(members),
                    span: Span::default(),
                })
            }
            Type::List(item) if matches!(**item, Type::Record(_) | Type::Optional(_)) => {
                let mut indices: Vec<usize> = self
                    .columns
                    .iter()
                    .filter_map(|c| c.strip_prefix(&format!("{prefix}.")))
                    .filter_map(|rest| rest.split('.').next()?.parse().ok())
                    .collect();
                indices.sort_unstable();
                indices.dedup();
                let items = indices
                    .into_iter()
                    .map(|i| format!("{prefix}.{i}"))
                    .filter(|p| self.any_under(p, cells))
                    .filter_map(|p| self.build(program, item, &p, cells))
                    .collect();
                Some(JsonValue {
                    kind: JsonKind::Array(items),
                    span: Span::default(),
                })
            }
            Type::List(item) => {
                let cell = self.cell(prefix, cells)?;
                let items = cell
                    .text
                    .split('|')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| scalar(item, t, cell.span))
                    .collect();
                Some(JsonValue {
                    kind: JsonKind::Array(items),
                    span: cell.span,
                })
            }
            _ => {
                let cell = self.cell(prefix, cells)?;
                let text = cell.text.trim();
                if text.is_empty() {
                    return Some(null(cell.span));
                }
                Some(scalar(ty, text, cell.span))
            }
        }
    }
}

fn required_columns(program: &Program, ty: &Type, prefix: &str, out: &mut Vec<String>) {
    match ty {
        Type::Optional(_) | Type::List(_) => {}
        Type::Record(id) => {
            let Some(record) = program.records.get(*id) else {
                return;
            };
            for field in &record.fields {
                let name = column(prefix, &field.name);
                required_columns(program, &field.ty, &name, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

/// A cell's text as the JSON value the schema expects; what does not fit is
/// passed on as text, for the decoder to report in the user's terms.
fn scalar(ty: &Type, text: &str, span: Span) -> JsonValue {
    let kind = match ty {
        Type::Bool => match text.to_lowercase().as_str() {
            "true" | "vrai" | "oui" => JsonKind::Bool(true),
            "false" | "faux" | "non" => JsonKind::Bool(false),
            _ => JsonKind::String(text.to_string()),
        },
        Type::Integer | Type::Decimal | Type::Rate | Type::Money => {
            let unit = match ty {
                Type::Money => Some('€'),
                Type::Rate => Some('%'),
                _ => None,
            };
            let french = french_number(text, unit, !matches!(ty, Type::Integer));
            let number = french.as_deref().unwrap_or(text);
            let numeric = !number.is_empty()
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
                && super::json::parse(number).is_ok_and(|v| matches!(v.kind, JsonKind::Number(_)));
            if numeric {
                JsonKind::Number(number.to_string())
            } else {
                JsonKind::String(text.to_string())
            }
        }
        Type::Date => JsonKind::String(french_date(text).unwrap_or_else(|| text.to_string())),
        _ => JsonKind::String(text.to_string()),
    };
    JsonValue { kind, span }
}

/// A number as a French spreadsheet writes it, in the JSON form: a decimal
/// comma (`4533,54`), digits in groups of three after a space (`4 533,54`,
/// ordinary, no-break or narrow no-break), the unit after it (`€` for an
/// amount, `%` for a rate). `None` when the text is not written that way
/// (a plain number goes through as it is; anything else is reported as
/// written).
fn french_number(text: &str, unit: Option<char>, decimals: bool) -> Option<String> {
    let mut rest = text.trim();
    let mut french = false;
    if let Some(unit) = unit
        && let Some(before) = rest.strip_suffix(unit)
    {
        rest = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
        french = true;
    }
    let (negative, rest) = match rest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let (whole, fraction) = match rest.split_once(',') {
        Some((whole, fraction)) if decimals => (whole, Some(fraction)),
        Some(_) => return None,
        None => (rest, None),
    };
    let groups: Vec<&str> = whole.split([' ', '\u{a0}', '\u{202f}']).collect();
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let grouped = match groups.as_slice() {
        [only] => digits(only),
        [first, others @ ..] => {
            french = true;
            digits(first) && first.len() <= 3 && others.iter().all(|g| digits(g) && g.len() == 3)
        }
        [] => false,
    };
    if !grouped {
        return None;
    }
    let mut number = String::with_capacity(text.len());
    if negative {
        number.push('-');
    }
    number.extend(groups);
    if let Some(fraction) = fraction {
        if !digits(fraction) {
            return None;
        }
        number.push('.');
        number.push_str(fraction);
        french = true;
    }
    french.then_some(number)
}

/// A date as French spreadsheets write it (`07/07/2023`, day first), in the
/// form of the schema (`2023-07-07`), when it is a day of the calendar.
fn french_date(text: &str) -> Option<String> {
    let mut parts = text.trim().split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some()
        || !short(day)
        || !short(month)
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let date = crate::value::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    Some(date.to_string())
}

/// Writes an application (a decoded JSON document) as a CSV row for `columns`.
pub fn row_of(document: &serde_json::Value, columns: &[String], separator: char) -> String {
    columns
        .iter()
        .map(|column| {
            let mut value = document;
            let mut found = true;
            for part in column.split('.') {
                value = match part.parse::<usize>() {
                    Ok(index) => match value.get(index) {
                        Some(v) => v,
                        None => {
                            found = false;
                            break;
                        }
                    },
                    Err(_) => match value.get(part) {
                        Some(v) => v,
                        None => {
                            found = false;
                            break;
                        }
                    },
                };
            }
            let text = match (found, value) {
                (false, _) | (_, serde_json::Value::Null) => String::new(),
                (_, serde_json::Value::String(s)) => s.clone(),
                (_, serde_json::Value::Array(items)) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
                    .collect::<Vec<_>>()
                    .join("|"),
                (_, other) => other.to_string(),
            };
            quote(&text, separator)
        })
        .collect::<Vec<_>>()
        .join(&separator.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of `bytes` as CSV: each one's text or `Err(())`; and how
    /// many lines were read as Windows-1252.
    fn records_of(bytes: &[u8]) -> (Vec<Result<String, ()>>, u64) {
        let mut records = Records::new(std::io::Cursor::new(bytes.to_vec()));
        let mut out = Vec::new();
        while let Some(record) = records.next_record().unwrap() {
            out.push(record.text.map_err(|_| ()));
        }
        (out, records.windows_1252_lines())
    }

    #[test]
    fn a_spreadsheet_saved_as_windows_1252_is_read_as_it_says() {
        // « Énergie ; Café ; 1 000 € ; œuvre » as a French spreadsheet saves it.
        let (records, read) =
            records_of(b"nom;note\n\xc9nergie;Caf\xe9 \x80\n\x9cuvre;\x93ok\x94\nplain;ascii\n");
        assert_eq!(
            records,
            [
                Ok("nom;note\n".to_string()),
                Ok("Énergie;Café €\n".to_string()),
                Ok("œuvre;“ok”\n".to_string()),
                Ok("plain;ascii\n".to_string()),
            ]
        );
        assert_eq!(read, 2);
    }

    #[test]
    fn a_utf8_file_with_a_bad_byte_stays_an_error() {
        // A letter in UTF-8 first: the file is UTF-8, and a bad line later is an error.
        let (records, read) = records_of(
            "Énergie;1\n"
                .as_bytes()
                .iter()
                .chain(b"Caf\xe9;2\nok;3\n")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        );
        assert_eq!(
            records,
            [Ok("Énergie;1\n".to_string()), Err(()), Ok("ok;3\n".to_string())]
        );
        assert_eq!(read, 0);
        // A UTF-8 letter and a bad byte on the same line: not read otherwise (it would garble the letter).
        let mut line = "Café".as_bytes().to_vec();
        line.extend_from_slice(b";\xff\n");
        assert_eq!(records_of(&line), (vec![Err(())], 0));
        // A byte Windows-1252 leaves undefined.
        assert_eq!(records_of(b"a\x81b\n"), (vec![Err(())], 0));
        // A JSON line is never read as Windows-1252.
        let mut json = Records::new(std::io::Cursor::new(b"{\"nom\": \"\xc9\"}\n".to_vec()));
        assert!(json.next_line_record().unwrap().unwrap().text.is_err());
        assert_eq!(json.windows_1252_lines(), 0);
    }

    #[test]
    fn windows_1252_maps_every_byte_it_defines() {
        let all: Vec<u8> = (0u8..=255).collect();
        let defined: Vec<u8> = all
            .iter()
            .copied()
            .filter(|b| ![0x81, 0x8d, 0x8f, 0x90, 0x9d].contains(b))
            .collect();
        let text = windows_1252(&defined).unwrap();
        assert_eq!(text.chars().count(), 251);
        assert!(text.contains("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"));
        assert!(text.ends_with("àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"));
        for undefined in [0x81u8, 0x8d, 0x8f, 0x90, 0x9d] {
            assert_eq!(windows_1252(&[b'a', undefined]), None);
        }
    }

    #[test]
    fn numbers_and_dates_as_french_spreadsheets_write_them() {
        let number = |ty: Type, text: &str| match scalar(&ty, text, Span::default()).kind {
            JsonKind::Number(n) => Ok(n),
            JsonKind::String(s) => Err(s),
            other => panic!("{other:?}"),
        };
        assert_eq!(number(Type::Money, "4533,54"), Ok("4533.54".into()));
        assert_eq!(number(Type::Money, "4 533,54 €"), Ok("4533.54".into()));
        assert_eq!(
            number(Type::Money, "12\u{a0}345\u{202f}678,9€"),
            Ok("12345678.9".into())
        );
        assert_eq!(number(Type::Money, "4533.54"), Ok("4533.54".into()));
        assert_eq!(number(Type::Money, "-0,50"), Ok("-0.50".into()));
        assert_eq!(number(Type::Rate, "32,5 %"), Ok("32.5".into()));
        assert_eq!(number(Type::Decimal, "1,25"), Ok("1.25".into()));
        assert_eq!(number(Type::Integer, "1 000"), Ok("1000".into()));
        // Not French, or not a number: passed on as written, for the decoder to report.
        for (ty, text) in [
            (Type::Integer, "12,5"),
            (Type::Money, "1,234.56"),
            (Type::Money, "45 33,54"),
            (Type::Money, "4533,"),
            (Type::Money, "4533,5a"),
            (Type::Money, "4533 $"),
            (Type::Rate, "32,5 €"),
            (Type::Money, "douze"),
        ] {
            assert_eq!(number(ty, text), Err(text.to_string()), "{text}");
        }
        let date = |text: &str| match scalar(&Type::Date, text, Span::default()).kind {
            JsonKind::String(s) => s,
            other => panic!("{other:?}"),
        };
        assert_eq!(date("07/07/2023"), "2023-07-07");
        assert_eq!(date("1/9/2023"), "2023-09-01");
        assert_eq!(date("2023-07-07"), "2023-07-07");
        // Not a day, or not that form: as written.
        for text in ["31/02/2023", "07/13/2023", "07/07/23", "07-07-2023", "7/7/2023/1"] {
            assert_eq!(date(text), text, "{text}");
        }
    }

    fn read(text: &str) -> Vec<Vec<String>> {
        let mut input = std::io::Cursor::new(text.as_bytes());
        let mut raw = String::new();
        let mut rows = Vec::new();
        while let Some(cells) = read_record(&mut input, b',', &mut raw).unwrap() {
            rows.push(cells.into_iter().map(|c| c.text).collect());
        }
        rows
    }

    #[test]
    fn reads_quoted_cells() {
        assert_eq!(read("a,b\n1,2\n"), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(
            read("\"x, y\",\"il a dit \"\"oui\"\"\"\r\n"),
            vec![vec!["x, y", "il a dit \"oui\""]]
        );
        assert_eq!(read("\"deux\nlignes\",z\n"), vec![vec!["deux\nlignes", "z"]]);
        assert_eq!(read("a,,c\n"), vec![vec!["a", "", "c"]]);
    }

    fn records(text: &[u8]) -> Vec<(u64, Result<String, String>)> {
        let mut records = Records::new(std::io::Cursor::new(text.to_vec()));
        let mut out = Vec::new();
        while let Some(r) = records.next_record().unwrap() {
            let text = r
                .text
                .map_err(|problem| problem.message().render(crate::i18n::Lang::En));
            out.push((r.line, text));
        }
        out
    }

    #[test]
    fn an_unclosed_quote_spoils_one_record_only() {
        let got = records(b"a,b\n1,\"deux\n3,4\n5,6\n");
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], (1, Ok("a,b\n".to_string())));
        assert_eq!(got[1].0, 2);
        assert!(
            got[1].1.as_ref().unwrap_err().contains("column 3"),
            "{:?}",
            got[1]
        );
        assert_eq!(got[2], (3, Ok("3,4\n".to_string())));
        assert_eq!(got[3], (4, Ok("5,6\n".to_string())));
    }

    #[test]
    fn a_quoted_cell_may_span_lines_and_bad_bytes_are_one_record() {
        let got = records(b"\"x\ny\",z\n\x81,1\nw,2\n");
        assert_eq!(got[0], (1, Ok("\"x\ny\",z\n".to_string())));
        assert_eq!(got[1].0, 3);
        assert!(got[1].1.as_ref().unwrap_err().contains("0x81"));
        assert_eq!(got[2], (4, Ok("w,2\n".to_string())));
    }

    #[test]
    fn quotes_what_needs_it() {
        assert_eq!(quote("a,b", ','), "\"a,b\"");
        assert_eq!(quote("dit \"oui\"", ','), "\"dit \"\"oui\"\"\"");
        assert_eq!(quote("simple", ','), "simple");
    }
}
