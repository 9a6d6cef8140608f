//! The fast path of campaigns: an application's JSON text decoded straight
//! into the rulebook's typed value, in one pass over its bytes, driven by
//! the input schema, without building a tree.
//!
//! It accepts a subset of what the precise reader ([`super::json`] then
//! [`super::decode`]) accepts, and builds the same value; on anything else
//! (a fault, a string with escapes, a minus sign, a key out of the schema)
//! it gives up with `None`, and the caller runs the precise reader, which
//! says what is wrong and where. Numbers, dates and enumeration values are
//! read by the same functions as the precise reader's.

use super::decode::{read_count, read_decimal, read_money};
use crate::program::{Program, RecordId, Type};
use crate::value::{Date, Value};
use std::sync::Arc;

/// Records and lists nest at most this deep (as in the precise reader).
const MAX_DEPTH: usize = 64;

/// The application in `text` as the rulebook's typed value, or `None` when
/// the precise reader must look at it.
pub fn decode(program: &Program, text: &str) -> Option<Value> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        program,
        stack: Vec::new(),
        depth: 0,
    };
    let value = reader.record(program.input)?;
    reader.skip_space();
    (reader.at == reader.bytes.len()).then_some(value)
}

/// The text of the first `"annee_scolaire": "…"` member in `text`, if any:
/// enough to choose a year's rulebook before decoding. The caller checks
/// that the decoded application says the same.
pub fn year_hint(text: &str) -> Option<&str> {
    const KEY: &str = "\"annee_scolaire\"";
    // Most exports put it first: no search then.
    let after = match text.strip_prefix('{').map(str::trim_start) {
        Some(rest) if rest.starts_with(KEY) => text.len() - rest.len() + KEY.len(),
        _ => memchr::memmem::find(text.as_bytes(), KEY.as_bytes())? + KEY.len(),
    };
    let rest = text.get(after..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    rest.get(..end)
}

/// The text of the first `"caf": "…"` member in `text`, if any: the Caf
/// that chooses the rulebook. Only a hint for the fast path: the fast reader
/// refuses a line with a `caf` member anywhere but at the top, and the
/// precise path reads the member from the tree.
pub fn caf_hint(text: &str) -> Option<&str> {
    const KEY: &[u8] = b"\"caf\"";
    let at = memchr::memmem::find(text.as_bytes(), KEY)? + KEY.len();
    let rest = text.get(at..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    rest.get(..end)
}

struct Reader<'t, 'p> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    program: &'p Program,
    /// Values of the records and lists being read, taken off when each closes.
    stack: Vec<Value>,
    depth: usize,
}

impl<'t> Reader<'t, '_> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? == byte {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.skip_space();
        let end = self.at.checked_add(word.len())?;
        if self.bytes.get(self.at..end)? == word {
            self.at = end;
            Some(())
        } else {
            None
        }
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.bytes.get(start..)?;
        let length = memchr::memchr2(b'"', b'\\', rest)?;
        if rest.get(length) != Some(&b'"') || !rest.get(..length)?.iter().all(|&b| b >= 0x20) {
            return None;
        }
        self.at = start + length + 1;
        self.text.get(start..start + length)
    }

    /// Steps over the key `"name"` if it comes next.
    fn key_is(&mut self, name: &str) -> bool {
        self.skip_space();
        let start = self.at + 1;
        let end = start + name.len();
        let found = self.bytes.get(self.at) == Some(&b'"')
            && self.bytes.get(start..end) == Some(name.as_bytes())
            && self.bytes.get(end) == Some(&b'"');
        if found {
            self.at = end + 1;
        }
        found
    }

    /// A number, as JSON's grammar writes them.
    fn number(&mut self) -> Option<&'t str> {
        self.skip_space();
        let start = self.at;
        let bytes = self.bytes;
        let mut at = start;
        let digits = |mut at: usize| {
            while let Some(b'0'..=b'9') = bytes.get(at) {
                at += 1;
            }
            at
        };
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => at = digits(at),
            _ => return None,
        }
        if bytes.get(at) == Some(&b'.') {
            let end = digits(at + 1);
            if end == at + 1 {
                return None;
            }
            at = end;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            let end = digits(at);
            if end == at {
                return None;
            }
            at = end;
        }
        self.at = at;
        self.text.get(start..at)
    }

    /// A number, or a string holding one; and whether it was a string.
    fn number_or_text(&mut self) -> Option<(&'t str, bool)> {
        if self.peek()? == b'"' {
            Some((self.string()?, true))
        } else {
            Some((self.number()?, false))
        }
    }

    fn value(&mut self, ty: &Type) -> Option<Value> {
        match ty {
            Type::Optional(inner) => {
                if self.peek()? == b'n' {
                    self.literal(b"null")?;
                    Some(Value::Absent)
                } else {
                    self.value(inner)
                }
            }
            Type::Bool => match self.peek()? {
                b't' => self.literal(b"true").map(|()| Value::Bool(true)),
                b'f' => self.literal(b"false").map(|()| Value::Bool(false)),
                _ => None,
            },
            Type::Integer => read_count(self.number()?).ok().map(Value::Integer),
            Type::Decimal | Type::Rate => {
                let rate = matches!(ty, Type::Rate);
                let value = read_decimal(self.number_or_text()?.0, rate).ok()?;
                Some(if rate {
                    Value::Rate(value)
                } else {
                    Value::Decimal(value)
                })
            }
            Type::Money => {
                let (text, is_text) = self.number_or_text()?;
                read_money(text, is_text).ok().map(Value::Money)
            }
            Type::Date => match Date::parse_iso(self.string()?) {
                Some(Ok(date)) => Some(Value::Date(date)),
                _ => None,
            },
            Type::Text => Some(Value::Text(Arc::from(self.string()?))),
            Type::Enum(id) => {
                let text = self.string()?;
                let def = self.program.enums.get(*id)?;
                let index = def.variants.iter().position(|variant| variant == text)?;
                Some(Value::Enum(u32::try_from(*id).ok()?, u32::try_from(index).ok()?))
            }
            Type::Record(id) => self.record(*id),
            Type::List(item) => self.list(item),
            Type::Range(_) | Type::EmptyList | Type::Error => None,
        }
    }

    /// Steps into a record or a list, refusing one level too many.
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < MAX_DEPTH).then_some(())
    }

    fn record(&mut self, id: RecordId) -> Option<Value> {
        let program = self.program;
        let def = program.records.get(id)?;
        let count = def.fields.len();
        if count > 64 {
            return None;
        }
        self.enter()?;
        self.eat(b'{')?;
        let start = self.stack.len();
        let mut seen = 0u64;
        let mut next = 0;
        if self.peek()? != b'}' {
            loop {
                // Documents usually follow the rulebook's order: try the
                // next field's name before reading the key.
                let at = match def.fields.get(next) {
                    Some(field) if self.key_is(&field.name) => next,
                    _ => {
                        let key = self.string()?;
                        def.fields.iter().position(|field| field.name == key)?
                    }
                };
                self.eat(b':')?;
                let bit = 1u64 << at;
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                next += 1;
                let field = def.fields.get(at)?;
                let value = self.value(&field.ty)?;
                if at == next && self.stack.len() == start + at {
                    self.stack.push(value);
                } else {
                    if self.stack.len() < start + count {
                        self.stack.resize(start + count, Value::Absent);
                    }
                    *self.stack.get_mut(start + at)? = value;
                }
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        self.eat(b'}')?;
        if next != count {
            return None;
        }
        self.depth -= 1;
        Some(Value::Record(self.stack.drain(start..).collect()))
    }

    fn list(&mut self, item: &Type) -> Option<Value> {
        self.enter()?;
        self.eat(b'[')?;
        let start = self.stack.len();
        if self.peek()? != b']' {
            loop {
                let value = self.value(item)?;
                self.stack.push(value);
                match self.peek()? {
                    b',' => self.at += 1,
                    b']' => break,
                    _ => return None,
                }
            }
        }
        self.eat(b']')?;
        self.depth -= 1;
        Some(Value::List(self.stack.drain(start..).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::{self, RulesSource};
    use std::path::PathBuf;

    fn program() -> Program {
        let source = RulesSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"));
        let found = rulebook::for_year(&source, "2023-2024").ok();
        found
            .and_then(|f| rulebook::load(&source, f).ok())
            .and_then(|c| c.program)
            .unwrap_or_else(|| panic!("the 2023-2024 rulebook compiles"))
    }

    #[test]
    fn agrees_with_the_precise_reader_on_generated_applications() {
        let program = program();
        let mut out = Vec::new();
        crate::generate::applications(&program, 500, 7, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut fast = 0;
        for line in text.lines() {
            let precise = super::super::decode::decode(&program, line);
            match decode(&program, line) {
                Some(value) => {
                    fast += 1;
                    assert_eq!(Ok(value), precise, "{line}");
                }
                None => assert!(precise.is_err() || line.contains('\\'), "{line}"),
            }
        }
        assert!(fast > 400, "the fast path read only {fast} of 500");
    }

    #[test]
    fn gives_up_on_what_the_precise_reader_refuses() {
        let program = program();
        let mut out = Vec::new();
        crate::generate::applications(&program, 1, 3, &mut out).unwrap();
        let good = String::from_utf8(out).unwrap();
        let good = good.trim();
        assert!(decode(&program, good).is_some());
        let variants = [
            good.replacen("\"niveau\"", "\"niveau\": \"college\", \"niveau\"", 1),
            good.replacen("\"plateforme\"", "\"plateform\"", 1),
            good.replacen('{', "{\"extra\": 1, ", 1),
            format!("{good} x"),
            format!("\u{feff}{good}"),
            good.replacen("\"depenses\":", "\"depenses\":-", 1),
            good.replacen("\"depenses\":", "\"depenses\":0", 1),
            good.replacen("\"enfants\":", "\"enfants\":1e", 1),
            good.replacen("\"depose_le\":\"2023-", "\"depose_le\":\"2023-13", 1),
            good.replacen(']', ",]", 1),
            good[..good.len() - 1].to_string(),
        ];
        for variant in &variants {
            assert_ne!(variant, good, "the variant changes the application");
            assert!(
                super::super::decode::decode(&program, variant).is_err(),
                "{variant}"
            );
            assert_eq!(decode(&program, variant), None, "{variant}");
        }
    }

    #[test]
    fn finds_the_year_before_decoding() {
        assert_eq!(
            year_hint(r#"{"x": 1, "annee_scolaire" : "2023-2024"}"#),
            Some("2023-2024")
        );
        assert_eq!(year_hint(r#"{"annee_scolaire": 2023}"#), None);
        assert_eq!(year_hint("{}"), None);
    }
}
