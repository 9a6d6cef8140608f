//! The fast path of campaigns: an application's JSON text decoded straight
//! into the rulebook's typed value, in one pass over its bytes, driven by
//! the input schema, without building a tree.
//!
//! It reads JSON as any tool writes it: keys in any order (the schema's
//! order is tried first, then a look-up by name), white space wherever JSON
//! allows it, amounts and decimals as numbers or texts, texts with escapes.
//! It builds exactly the value the precise reader ([`super::json`] then
//! [`super::decode`]) builds, and gives up with `None` on anything that
//! reader refuses (a fault, an unknown, missing or repeated key, a value of
//! the wrong kind…): the caller then runs the precise reader, which says
//! what is wrong and where. Numbers, dates and enumeration values are read
//! by the same functions as the precise reader's.

use super::decode::{read_count, read_decimal, read_money};
use crate::program::{Program, RecordId, Type};
use crate::value::{Date, Value};
use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Records and lists nest at most this deep (as in the precise reader).
const MAX_DEPTH: usize = 64;

/// Buffers kept from one application to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Items of the lists being read, taken off when each closes (a record
    /// is decoded in place, into its own fields).
    stack: Vec<Value>,
    /// The last text read that had escapes, decoded.
    unescaped: String,
    /// The key orders learned, one for each schema read with this scratch.
    learned: Vec<Learned>,
    /// What the last decoding read of the application's top-level `caf`.
    caf: CafRead,
    /// The last application decoded, given back once decided: the next one
    /// is decoded into its records and lists where nothing else holds them,
    /// and keeps its texts where they are the same.
    previous: Option<Value>,
}

/// What a decoding read of an application's top-level `caf` member, which
/// chose the rulebook beside the schema's fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum CafRead {
    /// No such member.
    #[default]
    Missing,
    /// A text without escapes, at this place in the document.
    Plain(usize, usize),
    /// A text with escapes, or a `caf` field of the schema itself: not told.
    Unknown,
}

impl Scratch {
    /// Gives back a decoded application once it is no longer needed, so
    /// that the next one is built in its place.
    pub fn recycle(&mut self, value: Value) {
        self.previous = Some(value);
    }

    /// The top-level `caf` text of the document `text` that was decoded
    /// last with this scratch: `Some(None)` when it had none, `None` when
    /// that cannot be told here (an escape in it, or a schema that declares
    /// a `caf` field of its own); a campaign checks its guess against it.
    pub fn caf_read<'t>(&self, text: &'t str) -> Option<Option<&'t str>> {
        match self.caf {
            CafRead::Missing => Some(None),
            CafRead::Plain(start, end) => text.get(start..end).map(Some),
            CafRead::Unknown => None,
        }
    }
}

/// A rulebook's input schema made ready for the fast reader: each record's
/// keys in a form compared in a few instructions. Made once per rulebook.
#[derive(Debug)]
pub struct Prepared<'p> {
    program: &'p Program,
    /// Tells its learned key orders apart in a [`Scratch`].
    id: usize,
    /// The key orders of a new [`Scratch`]: the schema's.
    schema_order: Vec<usize>,
    /// By record id.
    records: Vec<RecordKeys>,
}

/// The keys of a record.
#[derive(Debug)]
struct RecordKeys {
    entries: Vec<KeyEntry>,
    /// Where this record's slots start in [`Learned::successors`].
    first_slot: usize,
}

/// The order in which the documents a thread read last wrote their keys:
/// for each field of each record, the field whose key came after it (at
/// first the next in the schema), and for each record its first key. A
/// guess tried before any look-up, so that a tool that always writes the
/// same order (the schema's or another) has every key matched in place.
#[derive(Debug)]
struct Learned {
    /// Which [`Prepared`] it is for.
    schema: usize,
    successors: Vec<usize>,
}

/// A field's key, for a look-up by its bytes.
#[derive(Clone, Copy, Debug)]
struct KeyEntry {
    len: usize,
    /// Its first (up to) eight bytes, little-endian, zero-padded.
    head: u64,
    /// The bits of `head` that count.
    mask: u64,
    /// Whether the name can be matched on the document's bytes as they are
    /// (no quote, backslash or control character, which JSON escapes).
    plain: bool,
}

impl<'p> Prepared<'p> {
    /// The schema of `program`, made ready.
    pub fn new(program: &'p Program) -> Prepared<'p> {
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        let mut schema_order = Vec::new();
        let records = program
            .records
            .iter()
            .map(|record| {
                let entries = record
                    .fields
                    .iter()
                    .map(|field| {
                        let name = field.name.as_bytes();
                        let len = name.len();
                        KeyEntry {
                            len,
                            head: word(name),
                            mask: mask(len),
                            plain: name.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\'),
                        }
                    })
                    .collect();
                let count = record.fields.len();
                let first_slot = schema_order.len();
                // After field `at`, field `at + 1`; then the first key, field 0.
                schema_order.extend((1..=count).chain([0]));
                RecordKeys { entries, first_slot }
            })
            .collect();
        Prepared {
            program,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            schema_order,
            records,
        }
    }

    /// The rulebook it was made for.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The application in `text` as the rulebook's typed value, or `None`
    /// when the precise reader must look at it; `scratch` keeps buffers
    /// between applications.
    pub fn decode(&self, text: &str, scratch: &mut Scratch) -> Option<Value> {
        scratch.stack.clear();
        scratch.caf = CafRead::Unknown;
        let position = match scratch.learned.iter().position(|l| l.schema == self.id) {
            Some(position) => position,
            None => {
                scratch.learned.push(Learned {
                    schema: self.id,
                    successors: self.schema_order.clone(),
                });
                scratch.learned.len() - 1
            }
        };
        let previous = scratch.previous.take().unwrap_or(Value::Absent);
        let successors = scratch.learned.get_mut(position)?.successors.as_mut_slice();
        let mut reader = Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            program: self.program,
            keys: &self.records,
            successors,
            stack: &mut scratch.stack,
            unescaped: &mut scratch.unescaped,
            depth: 0,
            caf: CafRead::Missing,
        };
        let value = reader.record(self.program.input, previous)?;
        reader.skip_space();
        let caf = reader.caf;
        let whole = reader.at == reader.bytes.len();
        scratch.caf = caf;
        whole.then_some(value)
    }
}

/// The first (up to) eight bytes of `bytes`, little-endian, zero-padded.
#[inline]
fn word(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(head) => u64::from_le_bytes(*head),
        // Byte by byte: a copy into a padded buffer is a call to `memcpy`.
        None => bytes
            .iter()
            .enumerate()
            .fold(0, |word, (at, byte)| word | u64::from(*byte) << (8 * at)),
    }
}

/// The bits of the first `len` bytes of a little-endian word.
fn mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

/// The application in `text` as the rulebook's typed value, or `None` when
/// the precise reader must look at it (campaigns prepare the schema once:
/// [`Prepared`]).
pub fn decode(program: &Program, text: &str) -> Option<Value> {
    Prepared::new(program).decode(text, &mut Scratch::default())
}

/// The school year an application says (its top-level `"annee_scolaire"`
/// text), enough to choose a year's rulebook before decoding. See
/// [`top_level_text`] for what is looked at; the caller checks that the
/// decoded application says the same.
pub fn year_hint(text: &str) -> Option<Cow<'_, str>> {
    top_level_text(text, YEAR_KEY)
}

/// The key of the school year.
pub const YEAR_KEY: &str = "annee_scolaire";

/// The Caf an application names (its top-level `"caf"` text), to choose
/// the Caf's rulebook before decoding; a hint in the same way as
/// [`year_hint`].
pub fn caf_hint(text: &str) -> Option<Cow<'_, str>> {
    top_level_text(text, "caf")
}

/// The text of the member `key` of the object `text` is, found by walking
/// that object's members one by one (any white space, keys and texts with
/// escapes decoded), stepping over each value whole: a member of the same
/// name inside a sub-object or a list, or the name inside a text, is never
/// taken for it. `None` when the walk meets something that is not JSON
/// before the member, when the object has no such member, or when its value
/// is not a text; when the key is repeated (which the precise reader
/// refuses), the first one. The walk stops at the member: the rest of the
/// document is not looked at, so a document broken after it still gives a
/// hint (the decoding that follows refuses it).
pub fn top_level_text<'t>(text: &'t str, key: &str) -> Option<Cow<'t, str>> {
    let mut walk = Walk {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    walk.skip_space();
    walk.expect(b'{')?;
    walk.skip_space();
    if walk.peek()? == b'}' {
        return None;
    }
    loop {
        let found = walk.string()?;
        walk.skip_space();
        walk.expect(b':')?;
        walk.skip_space();
        if found == key {
            return match walk.peek()? {
                b'"' => walk.string(),
                _ => None,
            };
        }
        walk.skip_value()?;
        walk.skip_space();
        match walk.peek()? {
            b',' => walk.at += 1,
            _ => return None,
        }
        walk.skip_space();
    }
}

/// A first guess at [`top_level_text`], in a few instructions: the text
/// after the first `"key"` followed by `:` anywhere in the document (the
/// first member when it is that key, else a search of the bytes), without
/// escapes. It can be fooled by a member of the same name in a sub-object
/// written before the top-level one: campaigns use it first, check the
/// decoded value, and ask [`top_level_text`] when the guess was wrong.
pub fn quick_text<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let bytes = text.as_bytes();
    let quoted_at = |at: usize| {
        bytes.get(at) == Some(&b'"')
            && bytes.get(at + 1..at + 1 + key.len()) == Some(key.as_bytes())
            && bytes.get(at + 1 + key.len()) == Some(&b'"')
    };
    let mut walk = Walk { text, bytes, at: 0 };
    walk.skip_space();
    walk.expect(b'{')?;
    walk.skip_space();
    let mut at = walk.at;
    if !quoted_at(at) {
        // The finders of the year's key and of the Caf's are made once.
        static YEAR: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
        static CAF: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
        let built;
        let finder = match key {
            YEAR_KEY => YEAR.get_or_init(|| memchr::memmem::Finder::new(YEAR_KEY.as_bytes())),
            super::CAF_FIELD => CAF.get_or_init(|| memchr::memmem::Finder::new(super::CAF_FIELD.as_bytes())),
            _ => {
                built = memchr::memmem::Finder::new(key.as_bytes());
                &built
            }
        };
        let mut from = at;
        loop {
            let found = from + finder.find(bytes.get(from..)?)?;
            if found > 0 && quoted_at(found - 1) {
                at = found - 1;
                break;
            }
            from = found + 1;
        }
    }
    walk.at = at + key.len() + 2;
    walk.skip_space();
    walk.expect(b':')?;
    walk.skip_space();
    walk.expect(b'"')?;
    let rest = bytes.get(walk.at..)?;
    let end = memchr::memchr2(b'"', b'\\', rest)?;
    if rest.get(end) != Some(&b'"') {
        return None;
    }
    text.get(walk.at..walk.at + end)
}

/// A walk over a document that only looks for a member (see [`top_level_text`]).
struct Walk<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Walk<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// The end of the text whose opening quote is at `open`, after its closing quote.
    fn string_end(&self, open: usize) -> Option<usize> {
        let mut at = open + 1;
        loop {
            let rest = self.bytes.get(at..)?;
            at += memchr::memchr2(b'"', b'\\', rest)?;
            match self.bytes.get(at)? {
                b'"' => return Some(at + 1),
                _ => at += 2,
            }
        }
    }

    /// A text, its escapes decoded.
    fn string(&mut self) -> Option<Cow<'t, str>> {
        if self.peek()? != b'"' {
            return None;
        }
        let end = self.string_end(self.at)?;
        let inside = self.text.get(self.at + 1..end - 1)?;
        self.at = end;
        if inside.contains('\\') {
            let mut out = String::with_capacity(inside.len());
            unescape(inside, &mut out)?;
            Some(Cow::Owned(out))
        } else {
            Some(Cow::Borrowed(inside))
        }
    }

    /// Steps over a value: a text, a number or a word, or a whole object or list.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.at = self.string_end(self.at)?,
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.at = self.string_end(self.at)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
            }
        }
        Some(())
    }
}

/// Decodes the inside of a JSON text (between its quotes) into `out`, as
/// the precise reader does; `None` on an invalid escape, an unpaired
/// surrogate or a control character.
fn unescape(inside: &str, out: &mut String) -> Option<()> {
    let bytes = inside.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte < 0x20 {
            return None;
        }
        if byte != b'\\' {
            at += 1;
            continue;
        }
        out.push_str(inside.get(run..at)?);
        let simple = match bytes.get(at + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = hex4(bytes, at + 2)?;
                let (code, after) = match first {
                    0xD800..=0xDBFF => {
                        if bytes.get(at + 6) != Some(&b'\\') || bytes.get(at + 7) != Some(&b'u') {
                            return None;
                        }
                        let second = hex4(bytes, at + 8)?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return None;
                        }
                        ((((first & 0x3FF) << 10) | (second & 0x3FF)) + 0x10000, at + 12)
                    }
                    0xDC00..=0xDFFF => return None,
                    code => (code, at + 6),
                };
                out.push(char::from_u32(code)?);
                at = after;
                run = at;
                continue;
            }
            _ => return None,
        };
        out.push(simple);
        at += 2;
        run = at;
    }
    out.push_str(inside.get(run..)?);
    Some(())
}

/// The value of the four hex digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let mut value = 0;
    for byte in bytes.get(at..at + 4)? {
        value = (value << 4) | char::from(*byte).to_digit(16)?;
    }
    Some(value)
}

/// Whether two short byte strings are equal, compared eight (or four)
/// bytes at a time in place, the last word overlapping the one before it
/// (names and words are short: a call to `memcmp` costs more).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let eight = |at: usize| {
        a.get(at..).and_then(|a| a.first_chunk::<8>()) == b.get(at..).and_then(|b| b.first_chunk::<8>())
    };
    let four = |at: usize| {
        a.get(at..).and_then(|a| a.first_chunk::<4>()) == b.get(at..).and_then(|b| b.first_chunk::<4>())
    };
    match len {
        0..4 => a == b,
        4..8 => four(0) && four(len - 4),
        _ => {
            let mut at = 0;
            while at + 8 < len {
                if !eight(at) {
                    return false;
                }
                at += 8;
            }
            eight(len - 8)
        }
    }
}

/// Whether eight bytes of a text (a little-endian word) may hold a quote,
/// a backslash or a control character: never false when one does; at
/// times true when none does (the bytes are then looked at one by one).
#[inline]
fn may_end_text(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte that is below `n` (bytes of 0x80 and above never are).
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    let control = below(word, 0x20);
    quote | backslash | control != 0
}

/// Where a text just read lies: in the document, or decoded in the scratch
/// buffer (it had escapes).
#[derive(Clone, Copy)]
enum Piece {
    Plain(usize, usize),
    Unescaped,
}

struct Reader<'t, 's, 'p> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    program: &'p Program,
    keys: &'p [RecordKeys],
    successors: &'s mut [usize],
    stack: &'s mut Vec<Value>,
    unescaped: &'s mut String,
    depth: usize,
    /// The top-level `caf` member read so far.
    caf: CafRead,
}

impl Reader<'_, '_, '_> {
    #[inline]
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? == byte {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        if same(self.bytes.get(self.at..end)?, word) {
            self.at = end;
            Some(())
        } else {
            None
        }
    }

    /// A text (white space skipped before it), its escapes decoded.
    #[inline]
    fn string(&mut self) -> Option<Piece> {
        self.eat(b'"')?;
        let start = self.at;
        let mut at = start;
        // Eight bytes at a time while none of them ends the text or needs a look.
        while let Some(chunk) = self.bytes.get(at..).and_then(|b| b.first_chunk::<8>()) {
            if may_end_text(u64::from_le_bytes(*chunk)) {
                break;
            }
            at += 8;
        }
        loop {
            match *self.bytes.get(at)? {
                b'"' => {
                    self.at = at + 1;
                    return Some(Piece::Plain(start, at));
                }
                b'\\' => return self.escaped(start),
                0..0x20 => return None,
                _ => at += 1,
            }
        }
    }

    /// The rest of a text that has escapes, from its start, decoded into the scratch buffer.
    #[cold]
    fn escaped(&mut self, start: usize) -> Option<Piece> {
        let open = start.checked_sub(1)?;
        let end = Walk {
            text: self.text,
            bytes: self.bytes,
            at: 0,
        }
        .string_end(open)?;
        self.unescaped.clear();
        unescape(self.text.get(start..end - 1)?, self.unescaped)?;
        self.at = end;
        Some(Piece::Unescaped)
    }

    fn piece(&self, piece: Piece) -> Option<&str> {
        match piece {
            Piece::Plain(start, end) => self.text.get(start..end),
            Piece::Unescaped => Some(self.unescaped.as_str()),
        }
    }

    /// The position of the field whose key comes next (after white space),
    /// `expected` tried first, and steps over the key.
    #[inline]
    fn key(
        &mut self,
        fields: &[crate::program::FieldDef],
        keys: &[KeyEntry],
        expected: usize,
    ) -> Option<usize> {
        self.skip_space();
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at + 1;
        let bytes = self.bytes;
        let head = word(bytes.get(start..).unwrap_or_default());
        // The key's bytes against a field's name: the closing quote first
        // (it rules out most names in one byte), then eight bytes at once.
        let matches = |entry: &KeyEntry, name: &str| {
            let end = start + entry.len;
            entry.plain
                && bytes.get(end) == Some(&b'"')
                && head & entry.mask == entry.head
                && (entry.len <= 8
                    || bytes
                        .get(start + 8..end)
                        .zip(name.as_bytes().get(8..))
                        .is_some_and(|(key, name)| same(key, name)))
        };
        let found = match (keys.get(expected), fields.get(expected)) {
            (Some(entry), Some(field)) if matches(entry, &field.name) => Some(expected),
            _ => keys
                .iter()
                .zip(fields)
                .position(|(entry, field)| matches(entry, &field.name)),
        };
        if let Some(at) = found {
            self.at = start + keys.get(at)?.len + 1;
            return Some(at);
        }
        // A key with escapes, or none of the record's.
        let piece = self.string()?;
        let key = self.piece(piece)?;
        fields.iter().position(|field| field.name == key)
    }

    /// A number, as JSON's grammar writes them.
    fn number(&mut self) -> Option<(usize, usize)> {
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
        Some((start, at))
    }

    /// A number, or a text holding one; and whether it was a text.
    fn number_or_text(&mut self) -> Option<(Piece, bool)> {
        if self.peek()? == b'"' {
            Some((self.string()?, true))
        } else {
            let (start, end) = self.number()?;
            Some((Piece::Plain(start, end), false))
        }
    }

    /// A value of type `ty`; `old` is what stood at its place in the
    /// previous application, whose buffers it may take over.
    fn value(&mut self, ty: &Type, old: Value) -> Option<Value> {
        let next = self.peek()?;
        match ty {
            Type::Optional(inner) => {
                if next == b'n' {
                    self.literal(b"null")?;
                    Some(Value::Absent)
                } else {
                    self.value(inner, old)
                }
            }
            Type::Bool => match next {
                b't' => self.literal(b"true").map(|()| Value::Bool(true)),
                b'f' => self.literal(b"false").map(|()| Value::Bool(false)),
                _ => None,
            },
            Type::Integer => {
                let (start, end) = self.number()?;
                read_count(self.text.get(start..end)?).ok().map(Value::Integer)
            }
            Type::Decimal | Type::Rate => {
                let rate = matches!(ty, Type::Rate);
                let (piece, _) = self.number_or_text()?;
                let value = read_decimal(self.piece(piece)?, rate).ok()?;
                Some(if rate {
                    Value::Rate(value)
                } else {
                    Value::Decimal(value)
                })
            }
            Type::Money => {
                let (piece, is_text) = self.number_or_text()?;
                read_money(self.piece(piece)?, is_text).ok().map(Value::Money)
            }
            Type::Date => {
                let piece = self.string()?;
                match Date::parse_iso(self.piece(piece)?) {
                    Some(Ok(date)) => Some(Value::Date(date)),
                    _ => None,
                }
            }
            Type::Text => {
                let piece = self.string()?;
                let text = self.piece(piece)?;
                Some(Value::Text(match old {
                    Value::Text(old) if *old == *text => old,
                    _ => Arc::from(text),
                }))
            }
            Type::Enum(id) => {
                let piece = self.string()?;
                let text = self.piece(piece)?;
                let def = self.program.enums.get(*id)?;
                let text = text.as_bytes();
                let index = def
                    .variants
                    .iter()
                    .position(|variant| same(variant.as_bytes(), text))?;
                Some(Value::Enum(u32::try_from(*id).ok()?, u32::try_from(index).ok()?))
            }
            Type::Record(id) => self.record(*id, old),
            Type::List(item) => self.list(item, old),
            Type::Range(_) | Type::EmptyList | Type::Error => None,
        }
    }

    /// Steps into a record or a list, refusing one level too many.
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < MAX_DEPTH).then_some(())
    }

    fn record(&mut self, id: RecordId, old: Value) -> Option<Value> {
        let program = self.program;
        let def = program.records.get(id)?;
        let fields = def.fields.as_slice();
        let record_keys = self.keys.get(id)?;
        let keys = record_keys.entries.as_slice();
        let count = fields.len();
        if count > 64 {
            return None;
        }
        self.enter()?;
        self.eat(b'{')?;
        // The previous application's record of this place when nothing else
        // holds it, else a new one; every field is written below.
        let reused = match old {
            Value::Record(mut old) => Arc::get_mut(&mut old)
                .is_some_and(|f| f.len() == count)
                .then_some(old),
            _ => None,
        };
        let mut fields_of = reused.unwrap_or_else(|| (0..count).map(|_| Value::Absent).collect());
        let slots = Arc::get_mut(&mut fields_of)?;
        let mut seen = 0u64;
        // The slot of the key before the next one (`count` for the first).
        let mut previous = count;
        // The application's Caf, at its top, beside the schema's fields: it
        // chose the rulebook, its text is read and left (as the precise reader).
        let top = self.depth == 1 && id == program.input;
        let own = top && fields.iter().any(|f| f.name == super::CAF_FIELD);
        // Whether the Caf is no longer looked for: below the top, once read,
        // or when the schema has a `caf` field of its own.
        let mut caf = !top || own;
        if own {
            self.caf = CafRead::Unknown;
        }
        if self.peek()? != b'}' {
            loop {
                // The application's Caf, its key written plain: read once.
                if !caf
                    && self.peek()? == b'"'
                    && self
                        .bytes
                        .get(self.at..)
                        .is_some_and(|b| b.starts_with(b"\"caf\""))
                {
                    caf = true;
                    self.at += 5;
                    if self.caf_member()? {
                        continue;
                    }
                    break;
                }
                // Documents usually write keys in the same order from one to
                // the next: try the key that followed the previous one last
                // time before looking the key up.
                let slot = record_keys.first_slot + previous;
                let expected = *self.successors.get(slot)?;
                let before = self.at;
                let Some(at) = self.key(fields, keys, expected) else {
                    // Not a field of the record: at the top, the application's
                    // Caf with escapes in its key; else the precise reader
                    // says what is wrong.
                    if caf {
                        return None;
                    }
                    self.at = before;
                    let key = self.string()?;
                    if self.piece(key)? != super::CAF_FIELD {
                        return None;
                    }
                    caf = true;
                    if self.caf_member()? {
                        continue;
                    }
                    break;
                };
                if at != expected {
                    *self.successors.get_mut(slot)? = at;
                }
                self.eat(b':')?;
                let bit = 1u64 << at;
                if seen & bit != 0 {
                    return None;
                }
                seen |= bit;
                previous = at;
                let field = fields.get(at)?;
                let slot = slots.get_mut(at)?;
                let old = std::mem::replace(slot, Value::Absent);
                *slot = self.value(&field.ty, old)?;
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        self.at += 1;
        // Every field is required (an optional one is given as null).
        if seen.count_ones() as usize != count {
            return None;
        }
        self.depth -= 1;
        Some(Value::Record(fields_of))
    }

    /// The rest of the application's `caf` member after its key: its text,
    /// kept in [`Reader::caf`]; then whether another member follows (the
    /// comma is read) or the record ends.
    fn caf_member(&mut self) -> Option<bool> {
        self.eat(b':')?;
        self.caf = match self.string()? {
            Piece::Plain(start, end) => CafRead::Plain(start, end),
            Piece::Unescaped => CafRead::Unknown,
        };
        match self.peek()? {
            b',' => {
                self.at += 1;
                Some(true)
            }
            b'}' => Some(false),
            _ => None,
        }
    }

    fn list(&mut self, item: &Type, old: Value) -> Option<Value> {
        self.enter()?;
        self.eat(b'[')?;
        // The previous application's list of this place, when nothing else
        // holds it: its items are decoded into, and it is kept when the new
        // list has as many.
        let mut old = match old {
            Value::List(mut old) => Arc::get_mut(&mut old).is_some().then_some(old),
            _ => None,
        };
        let start = self.stack.len();
        if self.peek()? != b']' {
            loop {
                let index = self.stack.len() - start;
                let before = old
                    .as_mut()
                    .and_then(Arc::get_mut)
                    .and_then(|items| items.get_mut(index))
                    .map_or(Value::Absent, |item| std::mem::replace(item, Value::Absent));
                let value = self.value(item, before)?;
                self.stack.push(value);
                match self.peek()? {
                    b',' => self.at += 1,
                    b']' => break,
                    _ => return None,
                }
            }
        }
        self.at += 1;
        self.depth -= 1;
        let count = self.stack.len() - start;
        if let Some(mut items) = old
            && let Some(slots) = Arc::get_mut(&mut items)
            && slots.len() == count
        {
            for (slot, value) in slots.iter_mut().zip(self.stack.drain(start..)) {
                *slot = value;
            }
            return Some(Value::List(items));
        }
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
    fn may_end_text_sees_every_quote_backslash_and_control_character() {
        for at in 0..8 {
            for byte in (0u8..0x20).chain([b'"', b'\\']) {
                let mut bytes = *b"ab\xc3\xa9cdef";
                bytes[at] = byte;
                assert!(may_end_text(u64::from_le_bytes(bytes)), "{at} {byte}");
            }
        }
        assert!(!may_end_text(u64::from_le_bytes(*b"Le Puy \xc3")));
        assert!(!may_end_text(u64::from_le_bytes(*b" !#[]~\x7f\xff")));
    }

    #[test]
    fn same_is_byte_equality_at_every_length() {
        let text = b"annee_scolaire_2023_2024_collectifs";
        for len in 0..text.len() {
            let a = &text[..len];
            assert!(same(a, a), "{len}");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same(a, &b), "{len} {at}");
            }
            assert!(!same(a, &text[..len + 1]), "{len}");
        }
        for len in 0..=16 {
            assert_eq!(word(&text[..len]) & mask(len), word(text) & mask(len), "{len}");
        }
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
                None => assert!(precise.is_err(), "{line}"),
            }
        }
        assert_eq!(fast, 500, "the fast path read only {fast} of 500");
    }

    #[test]
    fn decodes_into_the_previous_application_without_touching_what_is_shared() {
        let program = program();
        let prepared = Prepared::new(&program);
        let form = crate::generate::Form {
            style: crate::generate::Style::OtherTool,
            caf: None,
        };
        let mut out = Vec::new();
        crate::generate::applications_in(&program, 300, 11, &form, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut scratch = Scratch::default();
        let mut reused = 0;
        let mut kept: Vec<(Value, &str)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            // Every seventh line fails half-way, into the recycled tree.
            if n % 7 == 3 {
                let broken = line.replacen("\"niveau\"", "\"niveau_\"", 1);
                assert_eq!(prepared.decode(&broken, &mut scratch), None, "{broken}");
            }
            let address = match &scratch.previous {
                Some(Value::Record(fields)) => Some(Arc::as_ptr(fields).cast::<Value>()),
                _ => None,
            };
            let value = prepared
                .decode(line, &mut scratch)
                .unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                Ok(&value),
                super::super::decode::decode(&program, line).as_ref(),
                "{line}"
            );
            if let (Some(address), Value::Record(fields)) = (address, &value) {
                reused += usize::from(std::ptr::eq(address, Arc::as_ptr(fields).cast::<Value>()));
            }
            // Every fifth application is also held elsewhere (as a report
            // would): the next decoding must leave it as it is.
            if n % 5 == 0 {
                kept.push((value.clone(), line));
            }
            scratch.recycle(value);
        }
        for (held, line) in &kept {
            assert_eq!(
                Ok(held),
                super::super::decode::decode(&program, line).as_ref(),
                "{line}"
            );
        }
        assert!(
            reused > 150,
            "the previous application was decoded into {reused} times"
        );
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
            format!(" \u{feff}{good}"),
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
    fn reads_what_other_tools_write() {
        let program = program();
        let precise = |text: &str| super::super::decode::decode(&program, text);
        for style in [
            crate::generate::Style::OtherTool,
            crate::generate::Style::Shuffled,
        ] {
            let form = crate::generate::Form { style, caf: None };
            let mut out = Vec::new();
            crate::generate::applications_in(&program, 300, 5, &form, &mut out).unwrap();
            let mut contract = Vec::new();
            crate::generate::applications(&program, 300, 5, &mut contract).unwrap();
            let text = String::from_utf8(out).unwrap();
            let contract = String::from_utf8(contract).unwrap();
            let mut scratch = Scratch::default();
            let prepared = Prepared::new(&program);
            for (line, same) in text.lines().zip(contract.lines()) {
                let value = prepared.decode(line, &mut scratch);
                assert!(value.is_some(), "{line}");
                assert_eq!(value.clone().ok_or(()), precise(line).map_err(|_| ()), "{line}");
                // The same application as the contract's form.
                assert_eq!(value.ok_or(()), precise(same).map_err(|_| ()), "{line}");
            }
        }
    }

    #[test]
    fn reads_white_space_escapes_and_numbers() {
        let program = program();
        let mut out = Vec::new();
        crate::generate::applications(&program, 1, 3, &mut out).unwrap();
        let good = String::from_utf8(out).unwrap();
        let good = good.trim();
        let variants = [
            good.replace(':', " :\t")
                .replace(',', "\n,\r\n ")
                .replace('{', "{ ")
                .replace('}', " }"),
            good.replacen("\"niveau\"", "\"ni\\u0076eau\"", 1),
            good.replacen("ELAN", "E\\u004cAN", 1),
            good.replacen("ELAN", "\\/\\\"\\\\\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00", 1),
            good.replacen("\"2023-2024\"", "\"2023\\u002d2024\"", 1),
        ];
        for variant in &variants {
            assert_ne!(variant, good);
            let precise = super::super::decode::decode(&program, variant);
            assert!(precise.is_ok(), "{variant}");
            assert_eq!(
                decode(&program, variant).ok_or(()),
                precise.map_err(|_| ()),
                "{variant}"
            );
        }
        // Invalid escapes, an unpaired surrogate, a control character: the precise reader says why.
        for bad in [
            "\\x",
            "\\u12G4",
            "\\uD83D",
            "\\uDE00",
            "\\uD83D\\u0041",
            "\u{1}",
            "\\",
        ] {
            let variant = good.replacen("ELAN", &format!("EL{bad}AN"), 1);
            assert!(
                super::super::decode::decode(&program, &variant).is_err(),
                "{variant}"
            );
            assert_eq!(decode(&program, &variant), None, "{variant}");
        }
    }

    #[test]
    fn finds_the_year_before_decoding() {
        let year = |text: &str| year_hint(text).map(|year| year.into_owned());
        assert_eq!(
            year(r#"{"x": 1, "annee_scolaire" : "2023-2024"}"#),
            Some("2023-2024".into())
        );
        assert_eq!(year(r#"{"annee_scolaire": 2023}"#), None);
        assert_eq!(year("{}"), None);
        assert_eq!(
            year(" {\n\t\"annee_scolaire\"\n:\r\n\"2024-2025\" }"),
            Some("2024-2025".into())
        );
        // Escapes in the key and in the text.
        assert_eq!(
            year(r#"{"annee\u005fscolaire": "2024\u002d2025"}"#),
            Some("2024-2025".into())
        );
        // A member of the same name in a sub-object or a list, or inside a
        // text, is not the application's.
        let nested = r#"{"porteur": {"annee_scolaire": "2022-2023", "l": [{"annee_scolaire": "x"}]},
            "nom": "\"annee_scolaire\": \"y\"", "annee_scolaire": "2023-2024"}"#;
        assert_eq!(year(nested), Some("2023-2024".into()));
        assert_eq!(quick_text(nested, "annee_scolaire"), Some("2022-2023"));
        assert_eq!(year(r#"{"porteur": {"annee_scolaire": "2022-2023"}}"#), None);
        // The first of a repeated key; broken JSON before the key gives nothing.
        assert_eq!(
            year(r#"{"annee_scolaire": "a", "annee_scolaire": "b"}"#),
            Some("a".into())
        );
        assert_eq!(year(r#"{"x": [1, "annee_scolaire": "2023-2024"}"#), None);
        assert_eq!(year(r#"["annee_scolaire", "2023-2024"]"#), None);
        assert_eq!(
            quick_text(r#"{"annee_scolaire": "2023-2024"}"#, "annee_scolaire"),
            Some("2023-2024")
        );
        assert_eq!(
            quick_text(r#"{"b": 1, "annee_scolaire":"2023-2024"}"#, "annee_scolaire"),
            Some("2023-2024")
        );
    }

    #[test]
    fn finds_the_caf_before_decoding() {
        let caf = |text: &str| caf_hint(text).map(|caf| caf.into_owned());
        assert_eq!(
            caf(r#"{"annee_scolaire": "2023-2024", "caf": "63"}"#),
            Some("63".into())
        );
        assert_eq!(
            caf(r#"{"porteur": {"caf": "15"}, "caf" : "63"}"#),
            Some("63".into())
        );
        assert_eq!(caf(r#"{"porteur": {"caf": "15"}}"#), None);
        assert_eq!(caf(r#"{"caf": 63}"#), None);
        assert_eq!(caf(r#"{"annees_soutien_caf": "4"}"#), None);
    }
}
