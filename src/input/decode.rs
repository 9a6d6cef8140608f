//! Decoding applications: walks the rulebook's input schema and a JSON document
//! together, once, building the typed input record or reporting every problem
//! at its field path and byte span, in the user's words.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::i18n::{Code, Lang, Message, codes};
use crate::input::json::{self, JsonKind, JsonMember, JsonValue};
use crate::msg;
use crate::program::{EnumId, Program, RecordDef, RecordId, Type, TypeInWords, TypeName};
use crate::value::{Date, Value};

/// Longest excerpt of the application quoted in a message, in characters.
const QUOTE_LIMIT: usize = 30;
/// Longest number quoted in a message, in characters: cutting a number changes it.
const NUMBER_LIMIT: usize = 60;
/// Most names listed in a hint (fields of a record, values of an enumeration).
const LIST_LIMIT: usize = 30;
/// Most decimals an exact number can have.
const MAX_SCALE: u32 = 28;

/// One problem with an application, at a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The field path as the JSON contract names it: `collectifs[1].enfants`,
    /// or empty for the whole document.
    pub path: String,
    /// Its code (`E0507` for a value of the wrong kind…).
    pub code: Code,
    /// What is wrong: « attendu : un nombre entier (`integer`) ; trouvé : le texte "douze" ».
    pub message: Message,
    /// Where in the JSON text.
    pub span: Span,
    /// Something to do, e.g. « vouliez-vous dire `niveau` ? » or the allowed values.
    pub hint: Option<Message>,
}

impl InputError {
    /// The message with the field path before it, when there is one:
    /// « `collectifs[1].enfants` : attendu : … ».
    pub fn titled(&self) -> Message {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            msg!(
                "input-at-field",
                path = self.path.as_str(),
                message = self.message.clone()
            )
        }
    }

    /// [`InputError::titled`] in a language.
    pub fn render(&self, lang: Lang) -> String {
        self.titled().render(lang)
    }

    /// As a diagnostic on `file` (the path and message as title, the message
    /// under the span, the hint as hint).
    pub fn to_diagnostic(&self, file: FileId) -> Diagnostic {
        let diagnostic = Diagnostic::new(self.code, file, self.span, self.titled(), self.message.clone());
        match &self.hint {
            Some(hint) => diagnostic.with_hint(hint.clone()),
            None => diagnostic,
        }
    }
}

impl fmt::Display for InputError {
    /// In French, the language of staff.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Fr))
    }
}

/// Decodes one application (JSON text) into the rulebook's input record value, or every problem found.
pub fn decode(program: &Program, text: &str) -> Result<Value, Vec<InputError>> {
    match json::parse(text) {
        Ok(document) => decode_value(program, &document),
        Err(error) => Err(vec![malformed_json(text, &error)]),
    }
}

/// The problem of a text that is not JSON.
pub fn malformed_json(text: &str, error: &json::JsonError) -> InputError {
    let (line, column) = json::line_column(text, error.span.start);
    InputError {
        path: String::new(),
        code: error.code,
        message: msg!(
            "input-malformed-json",
            line = line,
            column = column,
            why = error.message.clone()
        ),
        span: error.span,
        hint: None,
    }
}

/// The problem of a JSON document that is not an object.
pub fn not_an_object(document: &JsonValue) -> InputError {
    InputError {
        path: String::new(),
        code: codes::NOT_AN_OBJECT,
        message: msg!("input-not-an-object", found = document.describe()),
        span: document.span,
        hint: None,
    }
}

/// The same, on an already parsed JSON value (for callers who parsed it themselves).
pub fn decode_value(program: &Program, json: &JsonValue) -> Result<Value, Vec<InputError>> {
    decode_with(program, json, false).map(|(value, _)| value)
}

/// An application read for a comparison between years, under a rulebook that
/// may have added or dropped fields since it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparedApplication {
    /// The application's value.
    pub value: Value,
    /// The fields it lacked, with the value the rulebook assumes (`default`).
    pub assumed: Vec<String>,
    /// The fields the rulebook no longer has, ignored.
    pub ignored: Vec<String>,
}

/// Decodes an application for a comparison between years: fields the
/// rulebook no longer has are ignored, and missing fields that declare a
/// `default` take it; both are reported so that the comparison says so.
pub fn decode_for_comparison(
    program: &Program,
    json: &JsonValue,
) -> Result<ComparedApplication, Vec<InputError>> {
    decode_with(program, json, true).map(|(value, notes)| ComparedApplication {
        value,
        assumed: notes.assumed,
        ignored: notes.ignored,
    })
}

/// What a comparison decoding had to assume or leave out.
#[derive(Default)]
struct Notes {
    assumed: Vec<String>,
    ignored: Vec<String>,
}

fn decode_with(
    program: &Program,
    json: &JsonValue,
    lenient: bool,
) -> Result<(Value, Notes), Vec<InputError>> {
    let mut decoder = Decoder {
        program,
        path: Vec::new(),
        errors: Vec::new(),
        lenient,
        notes: Notes::default(),
    };
    let value = decoder.record(program.input, json);
    let notes = std::mem::take(&mut decoder.notes);
    let mut errors = decoder.errors;
    match value {
        Some(value) if errors.is_empty() => Ok((value, notes)),
        _ => {
            if errors.is_empty() {
                // Unreachable by construction (a failed value always reports), but an
                // application must never be accepted or refused silently.
                errors.push(InputError {
                    path: String::new(),
                    code: codes::INTERNAL,
                    message: msg!("input-unreadable"),
                    span: json.span,
                    hint: None,
                });
            }
            // Problems are found field by field in the rulebook's order; staff read
            // them in the document's order. Missing fields sit on their object's `{`.
            errors.sort_by_key(|error| error.span.start);
            Err(errors)
        }
    }
}

/// One step of the path from the document to the value being decoded.
#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    /// A field of a record.
    Field(&'a str),
    /// An item of a list, from 0.
    Index(usize),
}

/// Why the text of a number gives no exact value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NumberError {
    /// Not a number as the application format writes them.
    Malformed,
    /// Beyond what an exact decimal holds.
    TooLarge,
    /// More decimals than an exact decimal holds.
    TooPrecise,
}

/// The walk over schema and document; the path is only formatted when a problem is found.
struct Decoder<'a> {
    program: &'a Program,
    path: Vec<Segment<'a>>,
    errors: Vec<InputError>,
    /// Reading for a comparison between years (see [`decode_for_comparison`]).
    lenient: bool,
    notes: Notes,
}

impl<'a> Decoder<'a> {
    /// The value of `json` as a `ty`, or `None` after reporting why not.
    fn value(&mut self, ty: &'a Type, json: &JsonValue) -> Option<Value> {
        match ty {
            Type::Range(_) => {
                return self.fail(codes::NOT_ALLOWED, json.span, msg!("input-range"), None);
            }
            Type::EmptyList | Type::Error => return self.unsupported(ty, json.span),
            _ => {}
        }
        if let JsonKind::Null = json.kind {
            if matches!(ty, Type::Optional(_)) {
                return Some(Value::Absent);
            }
            let message = msg!(
                "input-wrong-value",
                expected = self.words(ty),
                found = json.describe()
            );
            return self.fail(
                codes::WRONG_VALUE,
                json.span,
                message,
                Some(msg!("input-null-not-optional")),
            );
        }
        match ty {
            Type::Optional(inner) => self.value(inner, json),
            Type::Bool => match json.kind {
                JsonKind::Bool(value) => Some(Value::Bool(value)),
                _ => self.wrong_type(ty, json, None),
            },
            Type::Integer => self.integer(json),
            Type::Decimal => self.decimal(json, false),
            Type::Rate => self.decimal(json, true),
            Type::Money => self.money(json),
            Type::Date => self.date(json),
            Type::Text => match &json.kind {
                JsonKind::String(text) => Some(Value::Text(Arc::from(text.as_str()))),
                _ => self.wrong_type(ty, json, None),
            },
            Type::Enum(id) => self.enumeration(*id, ty, json),
            Type::Record(id) => self.record(*id, json),
            Type::List(item) => self.list(ty, item, json),
            Type::Range(_) | Type::EmptyList | Type::Error => self.unsupported(ty, json.span),
        }
    }

    fn list(&mut self, ty: &'a Type, item: &'a Type, json: &JsonValue) -> Option<Value> {
        let JsonKind::Array(items) = &json.kind else {
            return self.wrong_type(ty, json, None);
        };
        let mut values = Vec::with_capacity(items.len());
        let mut ok = true;
        for (index, json_item) in items.iter().enumerate() {
            self.path.push(Segment::Index(index));
            match self.value(item, json_item) {
                Some(value) if ok => values.push(value),
                Some(_) => {}
                None => ok = false,
            }
            self.path.pop();
        }
        ok.then(|| Value::List(values.into()))
    }

    fn record(&mut self, id: RecordId, json: &JsonValue) -> Option<Value> {
        let program = self.program;
        let Some(def) = program.records.get(id) else {
            return self.unsupported(&Type::Record(id), json.span);
        };
        let JsonKind::Object(members) = &json.kind else {
            if self.path.is_empty() {
                let message = msg!("input-not-an-object", found = json.describe());
                let hint = Some(msg!("input-application-is-object"));
                return self.fail(codes::NOT_AN_OBJECT, json.span, message, hint);
            }
            return self.wrong_type(&Type::Record(id), json, None);
        };
        let mut values = Vec::with_capacity(def.fields.len());
        let mut ok = true;
        let mut matched = 0usize;
        let mut missing = false;
        // The application's Caf, which chose the rulebook: read there, not here.
        if self.path.is_empty()
            && id == program.input
            && !def.fields.iter().any(|f| f.name == super::CAF_FIELD)
            && let Some(member) = members.iter().find(|m| m.key == super::CAF_FIELD)
        {
            matched += 1;
            if member.value.as_text().is_none() {
                self.path.push(Segment::Field(super::CAF_FIELD));
                let hint = Some(msg!("input-caf-is-text"));
                let _ = self.wrong_type(&Type::Text, &member.value, hint);
                self.path.pop();
                ok = false;
            }
        }
        for (at, field) in def.fields.iter().enumerate() {
            // Documents usually follow the rulebook's order: look where the field
            // should be before scanning.
            let member = members
                .get(at)
                .filter(|member| member.key == field.name)
                .or_else(|| members.iter().find(|member| member.key == field.name));
            let Some(member) = member else {
                if let (true, Some(default)) = (self.lenient, &field.default) {
                    let shown = crate::decision::render_value(default, Some(&field.ty), Some(program));
                    let path = self.path_with(Some(&field.name));
                    self.notes.assumed.push(format!("{path} = {shown}"));
                    values.push(default.clone());
                    continue;
                }
                missing = true;
                ok = false;
                continue;
            };
            matched += 1;
            self.path.push(Segment::Field(&field.name));
            match self.value(&field.ty, &member.value) {
                Some(value) if ok => values.push(value),
                Some(_) => {}
                None => ok = false,
            }
            self.path.pop();
        }
        if self.lenient && !missing && matched < members.len() {
            for member in members
                .iter()
                .filter(|m| !def.fields.iter().any(|f| f.name == m.key))
            {
                let path = self.path_with(Some(&member.key));
                self.notes.ignored.push(path);
            }
        } else if missing || matched < members.len() {
            self.shape_errors(def, members, json.span);
            ok = false;
        }
        ok.then(|| Value::Record(values.into()))
    }

    /// Reports the unknown and missing fields of an object; a missing field that an
    /// unknown one looks like a misspelling of is only reported through the latter.
    fn shape_errors(&mut self, def: &'a RecordDef, members: &[JsonMember], object: Span) {
        let given = |name: &str| members.iter().any(|member| member.key == name);
        let mut suggested: Vec<usize> = Vec::new();
        for member in members {
            if def.fields.iter().any(|field| field.name == member.key) {
                continue;
            }
            if self.path.is_empty() && member.key == super::CAF_FIELD {
                continue;
            }
            let missing = def
                .fields
                .iter()
                .enumerate()
                .filter(|(_, field)| !given(&field.name))
                .map(|(at, field)| (at, field.name.as_str()));
            let hint = match closest(&member.key, missing) {
                Some((at, name)) => {
                    suggested.push(at);
                    msg!("did-you-mean", name = name)
                }
                None if def.fields.is_empty() => msg!("input-no-fields", record = def.name.as_str()),
                None => msg!(
                    "input-fields-are",
                    record = def.name.as_str(),
                    fields = name_list(def.fields.iter().map(|field| field.name.as_str()))
                ),
            };
            let error = InputError {
                path: self.path_with(Some(&member.key)),
                code: codes::UNEXPECTED_FIELD,
                message: msg!("input-unknown-field", field = excerpt(&member.key)),
                span: member.key_span,
                hint: Some(hint),
            };
            self.errors.push(error);
        }
        let brace = Span::new(object.start, object.start.saturating_add(1));
        for (at, field) in def.fields.iter().enumerate() {
            if given(&field.name) || suggested.contains(&at) {
                continue;
            }
            let hint = match &field.ty {
                Type::Optional(inner) => msg!("input-expected-or-null", expected = self.words(inner)),
                ty => msg!("input-expected", expected = self.words(ty)),
            };
            let error = InputError {
                path: self.path_with(Some(&field.name)),
                code: codes::MISSING_FIELD,
                message: msg!("input-missing-field", field = field.name.as_str()),
                span: brace,
                hint: Some(hint),
            };
            self.errors.push(error);
        }
    }

    fn integer(&mut self, json: &JsonValue) -> Option<Value> {
        let JsonKind::Number(text) = &json.kind else {
            return self.wrong_type(&Type::Integer, json, None);
        };
        match read_count(text) {
            Ok(value) => Some(Value::Integer(value)),
            Err(CountFault::Malformed) => {
                // A number all the same (decimals, an exponent): not a count.
                let message = msg!(
                    "input-wrong-value",
                    expected = self.words(&Type::Integer),
                    found = json.describe()
                );
                self.fail(codes::BAD_NUMBER, json.span, message, None)
            }
            Err(CountFault::Negative) => {
                let message = msg!("input-negative-count", number = number_excerpt(text));
                self.fail(codes::BAD_NUMBER, json.span, message, None)
            }
            Err(CountFault::TooLarge) => self.too_large(text, json.span),
        }
    }

    /// A `decimal`, or a `rate` (written in percent) when `rate`.
    fn decimal(&mut self, json: &JsonValue, rate: bool) -> Option<Value> {
        let ty = if rate { &Type::Rate } else { &Type::Decimal };
        let text = match &json.kind {
            JsonKind::Number(text) | JsonKind::String(text) => text,
            _ => return self.wrong_type(ty, json, None),
        };
        match read_decimal(text, rate) {
            Ok(value) if rate => Some(Value::Rate(value)),
            Ok(value) => Some(Value::Decimal(value)),
            Err(NumberError::Malformed) => {
                let hint = cleaned_number(text, rate).map(|(fixed, only_comma)| {
                    if only_comma {
                        msg!("input-decimal-point", fixed = fixed)
                    } else if rate {
                        msg!("input-rate-in-percent", fixed = fixed)
                    } else {
                        msg!("input-number-digits-only", fixed = fixed)
                    }
                });
                self.number_written_wrongly(ty, json, hint)
            }
            Err(NumberError::TooLarge) => self.too_large(text, json.span),
            Err(NumberError::TooPrecise) => self.too_precise(text, json.span),
        }
    }

    /// Money: a JSON number with any number of decimals, or a text with exactly two.
    fn money(&mut self, json: &JsonValue) -> Option<Value> {
        let (text, is_text) = match &json.kind {
            JsonKind::Number(text) => (text, false),
            JsonKind::String(text) => (text, true),
            _ => {
                return self.wrong_type(&Type::Money, json, Some(msg!("input-money-how")));
            }
        };
        match read_money(text, is_text) {
            Ok(value) => Some(Value::Money(value)),
            Err(MoneyFault::Exponent) => {
                let message = msg!("input-money-exponent", number = number_excerpt(text));
                self.fail(codes::BAD_NUMBER, json.span, message, None)
            }
            Err(MoneyFault::Malformed) => {
                let hint = cleaned_number(text, false).map(|(fixed, only_comma)| {
                    let fixed = two_decimals(&fixed);
                    if only_comma {
                        msg!("input-money-decimal-point", fixed = fixed)
                    } else {
                        msg!("input-money-digits-only", fixed = fixed)
                    }
                });
                self.number_written_wrongly(&Type::Money, json, hint)
            }
            Err(MoneyFault::Negative) => {
                let message = msg!("input-money-negative", number = number_excerpt(text));
                self.fail(codes::BAD_NUMBER, json.span, message, None)
            }
            Err(MoneyFault::Fraction) => {
                let message = msg!("input-money-fraction", number = number_excerpt(text));
                self.fail(codes::BAD_NUMBER, json.span, message, None)
            }
            Err(MoneyFault::TooPrecise) => self.too_precise(text, json.span),
            Err(MoneyFault::TooLarge) => self.too_large(text, json.span),
        }
    }

    fn date(&mut self, json: &JsonValue) -> Option<Value> {
        let JsonKind::String(text) = &json.kind else {
            return self.wrong_type(&Type::Date, json, None);
        };
        match Date::parse_iso(text) {
            Some(Ok(date)) => Some(Value::Date(date)),
            Some(Err(())) => {
                let message = msg!("input-not-a-day", date = excerpt(text));
                self.fail(codes::BAD_DATE, json.span, message, calendar_hint(text))
            }
            None => {
                // A text where a date is expected: a date written another way.
                let hint = date_suggestion(text).map(|date| msg!("input-date-how", date = date));
                let message = msg!(
                    "input-wrong-value",
                    expected = self.words(&Type::Date),
                    found = json.describe()
                );
                self.fail(codes::BAD_DATE, json.span, message, hint)
            }
        }
    }

    fn enumeration(&mut self, id: EnumId, ty: &'a Type, json: &JsonValue) -> Option<Value> {
        let program = self.program;
        let Some(def) = program.enums.get(id) else {
            return self.unsupported(ty, json.span);
        };
        let variants = || def.variants.iter().map(String::as_str);
        let all = || msg!("input-one-of", values = name_list(variants()));
        let JsonKind::String(text) = &json.kind else {
            return self.wrong_type(ty, json, Some(all()));
        };
        if let Some(index) = def.variants.iter().position(|variant| variant == text) {
            return match u32::try_from(index) {
                Ok(index) => Some(Value::Enum(u32::try_from(id).unwrap_or(u32::MAX), index)),
                Err(_) => self.unsupported(ty, json.span),
            };
        }
        let hint = match closest(text, variants().enumerate()) {
            Some((_, variant)) => msg!("did-you-mean", name = variant),
            None => all(),
        };
        let message = msg!(
            "input-not-a-value",
            value = excerpt(text),
            enumeration = def.name.as_str()
        );
        self.fail(codes::NOT_ALLOWED, json.span, message, Some(hint))
    }

    /// `expected …, found …`.
    fn wrong_type(&mut self, ty: &Type, json: &JsonValue, hint: Option<Message>) -> Option<Value> {
        let message = msg!(
            "input-wrong-value",
            expected = self.words(ty),
            found = json.describe()
        );
        self.fail(codes::WRONG_VALUE, json.span, message, hint)
    }

    /// A number that does not read: written wrongly when there is a way to
    /// write it (the hint), not a number at all otherwise.
    fn number_written_wrongly(
        &mut self,
        ty: &Type,
        json: &JsonValue,
        hint: Option<Message>,
    ) -> Option<Value> {
        let code = if hint.is_some() {
            codes::BAD_NUMBER
        } else {
            codes::WRONG_VALUE
        };
        let message = msg!(
            "input-wrong-value",
            expected = self.words(ty),
            found = json.describe()
        );
        self.fail(code, json.span, message, hint)
    }

    fn too_large(&mut self, text: &str, span: Span) -> Option<Value> {
        let message = msg!("input-too-large", number = number_excerpt(text));
        self.fail(codes::BAD_NUMBER, span, message, None)
    }

    fn too_precise(&mut self, text: &str, span: Span) -> Option<Value> {
        let message = msg!("input-too-precise", number = number_excerpt(text));
        self.fail(codes::BAD_NUMBER, span, message, None)
    }

    fn unsupported(&mut self, ty: &Type, span: Span) -> Option<Value> {
        let message = msg!(
            "input-unsupported-type",
            name = TypeName(ty, self.program).to_string()
        );
        self.fail(codes::INTERNAL, span, message, None)
    }

    /// Records a problem at the current path; always `None`, to return it.
    fn fail(&mut self, code: Code, span: Span, message: Message, hint: Option<Message>) -> Option<Value> {
        let path = self.path_with(None);
        self.errors.push(InputError {
            path,
            code,
            message,
            span,
            hint,
        });
        None
    }

    /// A type in words, dates with their format.
    fn words(&self, ty: &Type) -> Message {
        match ty {
            Type::Date => msg!("input-date-words"),
            _ => TypeInWords(ty, self.program).message(),
        }
    }

    /// The current path, with one more field when given: `collectifs[1].enfants`.
    fn path_with(&self, last: Option<&str>) -> String {
        let mut out = String::new();
        let segments = self.path.iter().copied().chain(last.map(Segment::Field));
        for segment in segments {
            match segment {
                Segment::Field(name) if is_identifier(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Field(name) => {
                    let _ = write!(out, "[\"{}\"]", excerpt(name));
                }
                Segment::Index(index) => {
                    let _ = write!(out, "[{index}]");
                }
            }
        }
        out
    }
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Why the text of a count is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CountFault {
    /// Not digits.
    Malformed,
    /// Below zero.
    Negative,
    /// Beyond 64 bits.
    TooLarge,
}

/// A count (an `integer` field): digits, never negative (`-0` is zero).
pub(super) fn read_count(text: &str) -> Result<i64, CountFault> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CountFault::Malformed);
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err(CountFault::Negative);
    }
    digits.parse::<i64>().map_err(|_| CountFault::TooLarge)
}

/// A `decimal`, or a `rate` written in percent when `rate`, exactly.
pub(super) fn read_decimal(text: &str, rate: bool) -> Result<Decimal, NumberError> {
    let value = exact_number(text)?;
    if rate {
        percent_to_fraction(value)
    } else {
        Ok(value)
    }
}

/// Why the text of an amount is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MoneyFault {
    /// A JSON number with an exponent.
    Exponent,
    /// Not `-?digits(.digits)?`.
    Malformed,
    /// Below zero.
    Negative,
    /// Fractions of a cent.
    Fraction,
    /// More decimals than an exact decimal holds.
    TooPrecise,
    /// Beyond what an exact decimal holds.
    TooLarge,
}

/// An amount: a JSON number (`is_text` false) or the text of one, in whole
/// cents, never negative (minus zero is zero).
pub(super) fn read_money(text: &str, is_text: bool) -> Result<Decimal, MoneyFault> {
    if let Some(value) = small_amount(text) {
        return Ok(value);
    }
    if text.contains(['e', 'E']) && !is_text {
        return Err(MoneyFault::Exponent);
    }
    let Some((negative, _, _)) = plain_number(text) else {
        return Err(MoneyFault::Malformed);
    };
    if negative && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        return Err(MoneyFault::Negative);
    }
    match exact_number(text) {
        Ok(value) if value.round_dp(2) != value => Err(MoneyFault::Fraction),
        Ok(mut value) => {
            if value.is_zero() {
                value.set_sign_positive(true);
            }
            Ok(value)
        }
        Err(NumberError::TooPrecise) => Err(MoneyFault::TooPrecise),
        Err(_) => Err(MoneyFault::TooLarge),
    }
}

/// The common case of an amount, read without the general parser: up to 18
/// digits, with at most two decimals, no sign. The same value (and scale)
/// as [`exact_number`] gives.
fn small_amount(text: &str) -> Option<Decimal> {
    let (integer, fraction) = match text.split_once('.') {
        Some((integer, fraction)) if (1..=2).contains(&fraction.len()) => (integer, fraction),
        Some(_) => return None,
        None => (text, ""),
    };
    if integer.is_empty() || integer.len() + fraction.len() > 18 {
        return None;
    }
    let mut mantissa: i64 = 0;
    for byte in integer.bytes().chain(fraction.bytes()) {
        if !byte.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i64::from(byte - b'0');
    }
    Decimal::try_new(mantissa, u32::try_from(fraction.len()).ok()?).ok()
}

/// Splits `-?digits(.digits)?` into its sign, integer digits and decimals.
fn plain_number(text: &str) -> Option<(bool, &str, Option<&str>)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (integer, fraction) = match rest.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (rest, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (digits(integer) && fraction.is_none_or(digits)).then_some((negative, integer, fraction))
}

/// The exact value of `-?digits(.digits)?([eE][+-]?digits)?`, never through floating point.
fn exact_number(text: &str) -> Result<Decimal, NumberError> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    if plain_number(mantissa).is_none() {
        return Err(NumberError::Malformed);
    }
    let value = Decimal::from_str_exact(mantissa).map_err(|error| match error {
        rust_decimal::Error::Underflow => NumberError::TooPrecise,
        _ => NumberError::TooLarge,
    })?;
    let Some(exponent) = exponent else {
        return Ok(value);
    };
    let (smaller, digits) = match exponent.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, exponent.strip_prefix('+').unwrap_or(exponent)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::Malformed);
    }
    if value.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let too_far = if smaller {
        NumberError::TooPrecise
    } else {
        NumberError::TooLarge
    };
    let digits = digits.trim_start_matches('0');
    let shift: u32 = if digits.len() > 3 {
        return Err(too_far);
    } else {
        digits.parse().unwrap_or(0)
    };
    let mut value = value.normalize();
    let scale = value.scale();
    if smaller {
        let scale = scale.saturating_add(shift);
        if scale > MAX_SCALE {
            return Err(too_far);
        }
        value.set_scale(scale).map_err(|_| too_far)?;
        Ok(value)
    } else if shift <= scale {
        value.set_scale(scale - shift).map_err(|_| too_far)?;
        Ok(value)
    } else {
        value.set_scale(0).map_err(|_| too_far)?;
        let factor = 10i128
            .checked_pow(shift - scale)
            .and_then(|power| Decimal::try_from_i128_with_scale(power, 0).ok())
            .ok_or(too_far)?;
        value.checked_mul(factor).ok_or(too_far)
    }
}

/// A number of percent as a fraction: 32.5 → 0.325, exactly.
fn percent_to_fraction(value: Decimal) -> Result<Decimal, NumberError> {
    let mut value = if value.scale().saturating_add(2) > MAX_SCALE {
        value.normalize()
    } else {
        value
    };
    let scale = value.scale().saturating_add(2);
    if scale > MAX_SCALE {
        return Err(NumberError::TooPrecise);
    }
    value.set_scale(scale).map_err(|_| NumberError::TooPrecise)?;
    Ok(value)
}

/// A number as staff might type it (spaces, `€`, `%`, `+`, a decimal comma), rewritten
/// as the format wants it; also whether a decimal comma was the only fault.
fn cleaned_number(text: &str, percent: bool) -> Option<(String, bool)> {
    let mut fixed: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€' && !(percent && *c == '%'))
        .collect();
    if let Some(rest) = fixed.strip_prefix('+') {
        fixed = rest.to_string();
    }
    if fixed.matches(',').count() == 1 && !fixed.contains('.') {
        fixed = fixed.replace(',', ".");
    }
    if fixed == text || plain_number(&fixed).is_none() {
        return None;
    }
    let only_comma = text.replace(',', ".") == fixed;
    Some((fixed, only_comma))
}

/// A plain number written with exactly two decimals, when that keeps its value.
fn two_decimals(text: &str) -> String {
    match text.split_once('.') {
        None => format!("{text}.00"),
        Some((integer, fraction)) if fraction.len() < 2 => {
            format!("{integer}.{fraction:0<2}")
        }
        Some((integer, fraction)) => {
            let trimmed = fraction.trim_end_matches('0');
            if trimmed.len() <= 2 {
                format!("{integer}.{trimmed:0<2}")
            } else {
                text.to_string()
            }
        }
    }
}

/// `12/06/2023`, `12.06.2023`, `2023-6-12` or `2023-06-12T00:00` as `YYYY-MM-DD`, when it is a real day.
fn date_suggestion(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let head = trimmed
        .get(..10)
        .filter(|_| matches!(trimmed.as_bytes().get(10), Some(b'T' | b' ')));
    if let Some(Some(Ok(date))) = head.map(Date::parse_iso) {
        return Some(date.to_string());
    }
    if let Some(Ok(date)) = Date::parse_iso(trimmed) {
        return Some(date.to_string());
    }
    let separator = trimmed.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut parts = trimmed.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |part: &str, lengths: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a, 4..=4)?, number(b, 1..=2)?, number(c, 1..=2)?)
    } else {
        (number(c, 4..=4)?, number(b, 1..=2)?, number(a, 1..=2)?)
    };
    let date = Date::new(i32::try_from(year).ok()?, month, day)?;
    Some(date.to_string())
}

/// Why a well-formed `YYYY-MM-DD` is not a day: « février 2023 compte 28 jours ».
fn calendar_hint(text: &str) -> Option<Message> {
    let year: i32 = text.get(0..4)?.parse().ok()?;
    let month: u32 = text.get(5..7)?.parse().ok()?;
    let day: u32 = text.get(8..10)?.parse().ok()?;
    if !(1..=9999).contains(&year) {
        return Some(msg!("input-years-range"));
    }
    if !(1..=12).contains(&month) {
        return Some(msg!("input-months-range"));
    }
    if day == 0 {
        return Some(msg!("input-days-start"));
    }
    let days = (28..=31)
        .rev()
        .find(|&days| Date::new(year, month, days).is_some())?;
    Some(msg!(
        "input-month-days",
        month = month,
        year = year.to_string(),
        days = days
    ))
}

/// The candidate `key` most likely misspells: the nearest within `max(1, len / 3)`
/// edits of the candidate's length, ignoring case; the first of equals.
fn closest<'n>(key: &str, candidates: impl Iterator<Item = (usize, &'n str)>) -> Option<(usize, &'n str)> {
    let key_lower = key.to_lowercase();
    let key_chars: Vec<char> = key_lower.chars().take(200).collect();
    if key_lower.chars().nth(200).is_some() {
        return None;
    }
    let mut best: Option<(usize, usize, &'n str)> = None;
    for (at, candidate) in candidates {
        let lower = candidate.to_lowercase();
        let chars: Vec<char> = lower.chars().collect();
        let limit = (chars.len() / 3).max(1);
        if chars.len().abs_diff(key_chars.len()) > limit {
            continue;
        }
        let distance = edit_distance(&key_chars, &chars);
        if distance <= limit && best.is_none_or(|(_, best_distance, _)| distance < best_distance) {
            best = Some((at, distance, candidate));
        }
    }
    best.map(|(at, _, name)| (at, name))
}

/// Levenshtein distance (insertions, deletions, substitutions of characters).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        if let Some(first) = row.first_mut() {
            *first = left;
        }
        for (cell, cb) in row.iter_mut().skip(1).zip(b) {
            let up = *cell;
            let value = (diagonal + usize::from(ca != cb)).min(up + 1).min(left + 1);
            diagonal = up;
            *cell = value;
            left = value;
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Names separated by commas, cut after [`LIST_LIMIT`].
fn name_list<'n>(names: impl Iterator<Item = &'n str>) -> String {
    let mut out = String::new();
    for (count, name) in names.enumerate() {
        if count == LIST_LIMIT {
            out.push_str(", …");
            break;
        }
        if count > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
    }
    out
}

/// `text` as it would be written inside JSON quotes, cut to [`QUOTE_LIMIT`] characters.
fn excerpt(text: &str) -> String {
    json::quoted_excerpt(text, QUOTE_LIMIT)
}

/// The text of a number for a message, cut only when very long.
fn number_excerpt(text: &str) -> String {
    json::quoted_excerpt(text, NUMBER_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_amounts_read_like_the_general_parser() {
        let samples = [
            "0",
            "0.0",
            "0.00",
            "7",
            "7.5",
            "7.50",
            "007.50",
            "5310.78",
            "999999999999999999",
            "99999999999999999.9",
            "1234567890123456.78",
        ];
        for text in samples {
            let fast = small_amount(text).unwrap();
            let general = exact_number(text).unwrap();
            assert_eq!((fast, fast.scale()), (general, general.scale()), "{text}");
        }
        for text in [
            "",
            ".5",
            "5.",
            "5.123",
            "-5",
            "1e3",
            "12a",
            "1234567890123456789",
            "5,00",
        ] {
            assert_eq!(small_amount(text), None, "{text}");
        }
    }
    use crate::program::{EnumDef, FieldDef, HeaderInfo};
    use std::str::FromStr;

    fn field(name: &str, ty: Type) -> FieldDef {
        FieldDef {
            name: name.to_string(),
            ty,
            span: Span::default(),
            default: None,
        }
    }

    fn record(name: &str, fields: Vec<FieldDef>) -> RecordDef {
        RecordDef {
            name: name.to_string(),
            fields,
            span: Span::default(),
        }
    }

    fn program_with(enums: Vec<EnumDef>, records: Vec<RecordDef>, input: RecordId) -> Program {
        Program {
            file: FileId(0),
            header: HeaderInfo::default(),
            enums,
            records,
            input_name: "demande".to_string(),
            input,
            globals: Vec::new(),
            defs: Vec::new(),
            rules: Vec::new(),
            item_lists: Vec::new(),
            outputs: Vec::new(),
        }
    }

    /// Niveau (enum 0); Collectif (0), Porteur (1), Msa (2), Demande (3, the input).
    fn program() -> Program {
        let niveau = EnumDef {
            name: "Niveau".to_string(),
            variants: vec![
                "elementaire".to_string(),
                "college".to_string(),
                "lycee".to_string(),
            ],
            labels: vec![None; 3],
            span: Span::default(),
        };
        let collectif = record(
            "Collectif",
            vec![
                field("nom", Type::Text),
                field("enfants", Type::Integer),
                field("depenses", Type::Money),
            ],
        );
        let porteur = record(
            "Porteur",
            vec![
                field("nom", Type::Text),
                field("charte_laicite", Type::Bool),
                field("annees_soutien", Type::Integer),
                field("bilan_depose_le", Type::Optional(Box::new(Type::Date))),
            ],
        );
        let msa = record(
            "Msa",
            vec![
                field("financeur", Type::Text),
                field("montant_sollicite", Type::Money),
            ],
        );
        let demande = record(
            "Demande",
            vec![
                field("depose_le", Type::Date),
                field("niveau", Type::Enum(0)),
                field("porteur", Type::Record(1)),
                field("collectifs", Type::List(Box::new(Type::Record(0)))),
                field("taux", Type::Rate),
                field("coefficient", Type::Decimal),
                field("msa", Type::Optional(Box::new(Type::Record(2)))),
                field("aide", Type::Bool),
            ],
        );
        program_with(vec![niveau], vec![collectif, porteur, msa, demande], 3)
    }

    const BASE: &str = r#"{
  "depose_le": "2023-07-03",
  "niveau": "elementaire",
  "porteur": {"nom": "Centre social", "charte_laicite": true, "annees_soutien": 2, "bilan_depose_le": "2023-07-10"},
  "collectifs": [
    {"nom": "CP-CE1", "enfants": 11, "depenses": "6500.00"},
    {"nom": "CE2", "enfants": 9, "depenses": 6500.1}
  ],
  "taux": "32.5",
  "coefficient": 1.25,
  "msa": {"financeur": "MSA", "montant_sollicite": 800},
  "aide": false
}"#;

    /// The base document with one piece of text replaced (which must be there).
    fn edited(from: &str, to: &str) -> String {
        assert!(BASE.contains(from), "{from:?} is not in the base document");
        BASE.replacen(from, to, 1)
    }

    /// An error as (path, message, text under the span, hint).
    type Seen = (String, String, String, Option<String>);

    fn errors(text: &str) -> Vec<Seen> {
        match decode(&program(), text) {
            Ok(value) => panic!("{text} decoded to {value:?}"),
            Err(errors) => errors
                .into_iter()
                .map(|e| {
                    (
                        e.path.clone(),
                        e.message.render(Lang::En),
                        text[e.span.start..e.span.end].to_string(),
                        e.hint.map(|hint| hint.render(Lang::En)),
                    )
                })
                .collect(),
        }
    }

    fn one_error(text: &str) -> Seen {
        let mut all = errors(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        all.remove(0)
    }

    /// Checks the only error of the base document edited `from` → `to`.
    fn check(from: &str, to: &str, path: &str, message: &str, under: &str, hint: Option<&str>) {
        let got = one_error(&edited(from, to));
        assert_eq!(
            got,
            (
                path.to_string(),
                message.to_string(),
                under.to_string(),
                hint.map(str::to_string)
            ),
            "for {to:?}"
        );
    }

    fn decoded(text: &str) -> Value {
        match decode(&program(), text) {
            Ok(value) => value,
            Err(errors) => panic!("{text} failed: {errors:#?}"),
        }
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn date(text: &str) -> Value {
        Value::Date(Date::parse_iso(text).unwrap().unwrap())
    }

    fn text(t: &str) -> Value {
        Value::Text(Arc::from(t))
    }

    fn fields(value: &Value) -> &[Value] {
        match value {
            Value::Record(fields) => fields,
            other => panic!("not a record: {other:?}"),
        }
    }

    fn expected_base() -> Value {
        Value::Record(Arc::from(vec![
            date("2023-07-03"),
            Value::Enum(0, 0),
            Value::Record(Arc::from(vec![
                text("Centre social"),
                Value::Bool(true),
                Value::Integer(2),
                date("2023-07-10"),
            ])),
            Value::List(Arc::from(vec![
                Value::Record(Arc::from(vec![
                    text("CP-CE1"),
                    Value::Integer(11),
                    Value::Money(dec("6500.00")),
                ])),
                Value::Record(Arc::from(vec![
                    text("CE2"),
                    Value::Integer(9),
                    Value::Money(dec("6500.1")),
                ])),
            ])),
            Value::Rate(dec("0.325")),
            Value::Decimal(dec("1.25")),
            Value::Record(Arc::from(vec![text("MSA"), Value::Money(dec("800"))])),
            Value::Bool(false),
        ]))
    }

    #[test]
    fn valid_document_decodes_exactly() {
        let value = decoded(BASE);
        assert_eq!(value, expected_base());
        // Amounts keep the digits as written, never through f64.
        let collectifs = &fields(&value)[3];
        let Value::List(items) = collectifs else {
            panic!("not a list")
        };
        let Value::Money(first) = &fields(&items[0])[2] else {
            panic!("not money")
        };
        assert_eq!(first.to_string(), "6500.00");
        let Value::Money(second) = &fields(&items[1])[2] else {
            panic!("not money")
        };
        assert_eq!(second.to_string(), "6500.1");
        assert_eq!(*second, Decimal::new(65001, 1));
        let Value::Rate(rate) = &fields(&value)[4] else {
            panic!("not a rate")
        };
        assert_eq!(*rate, Decimal::new(325, 3));
    }

    #[test]
    fn decode_value_takes_a_parsed_document() {
        let json = json::parse(BASE).unwrap();
        assert_eq!(decode_value(&program(), &json), Ok(expected_base()));
    }

    #[test]
    fn members_may_come_in_any_order() {
        let text = r#"{"aide": false, "msa": {"montant_sollicite": 800, "financeur": "MSA"},
            "coefficient": 1.25, "taux": "32.5",
            "collectifs": [{"depenses": "6500.00", "enfants": 11, "nom": "CP-CE1"},
                           {"enfants": 9, "nom": "CE2", "depenses": 6500.1}],
            "porteur": {"bilan_depose_le": "2023-07-10", "annees_soutien": 2, "charte_laicite": true, "nom": "Centre social"},
            "niveau": "elementaire", "depose_le": "2023-07-03"}"#;
        assert_eq!(decoded(text), expected_base());
    }

    #[test]
    fn null_gives_absent_optionals() {
        let text = edited(r#"{"financeur": "MSA", "montant_sollicite": 800}"#, "null").replacen(
            r#""2023-07-10""#,
            "null",
            1,
        );
        let value = decoded(&text);
        assert_eq!(fields(&value)[6], Value::Absent);
        let Value::Record(porteur) = &fields(&value)[2] else {
            panic!("not a record")
        };
        assert_eq!(porteur[3], Value::Absent);
    }

    #[test]
    fn empty_lists_decode() {
        let value = decoded(&edited(
            r#"[
    {"nom": "CP-CE1", "enfants": 11, "depenses": "6500.00"},
    {"nom": "CE2", "enfants": 9, "depenses": 6500.1}
  ]"#,
            "[]",
        ));
        assert_eq!(fields(&value)[3], Value::List(Arc::from(Vec::new())));
    }

    #[test]
    fn malformed_json_is_one_error_with_line_and_column() {
        let text = "{\n  \"depose_le\": \"2023-07-03\",\n}";
        assert_eq!(
            one_error(text),
            (
                String::new(),
                "malformed JSON at line 2, column 28: trailing `,` before `}`".to_string(),
                ",".to_string(),
                None
            )
        );
        let text = "{\"aide\": true,\n \"aide\": false}";
        let (path, message, under, _) = one_error(text);
        assert_eq!(path, "");
        assert_eq!(
            message,
            "malformed JSON at line 2, column 2: duplicate key `aide` in this object (first at line 1, column 2)"
        );
        assert_eq!(under, "\"aide\"");
        let (_, message, under, _) = one_error("");
        assert_eq!(
            message,
            "malformed JSON at line 1, column 1: unexpected end of input: expected a value"
        );
        assert_eq!(under, "");
    }

    #[test]
    fn unknown_field_suggests_the_missing_one_and_hides_it() {
        check(
            r#""niveau""#,
            r#""niveaux""#,
            "niveaux",
            "unknown field `niveaux`",
            r#""niveaux""#,
            Some("did you mean `niveau`?"),
        );
        check(
            r#""enfants": 11"#,
            r#""Enfant": 11"#,
            "collectifs[0].Enfant",
            "unknown field `Enfant`",
            r#""Enfant""#,
            Some("did you mean `enfants`?"),
        );
    }

    #[test]
    fn unknown_field_lists_the_fields_when_nothing_is_close() {
        check(
            r#""nom": "Centre social","#,
            r#""nom": "Centre social", "sigle": "CS","#,
            "porteur.sigle",
            "unknown field `sigle`",
            r#""sigle""#,
            Some("the fields of `Porteur` are: nom, charte_laicite, annees_soutien, bilan_depose_le"),
        );
        // A close field that is given is not suggested: the key is something else.
        check(
            r#""aide": false"#,
            r#""aide": false, "aides": true"#,
            "aides",
            "unknown field `aides`",
            r#""aides""#,
            Some(
                "the fields of `Demande` are: depose_le, niveau, porteur, collectifs, taux, coefficient, msa, aide",
            ),
        );
        // Keys that are not identifiers are quoted in the path.
        let (path, message, under, _) =
            one_error(&edited(r#""aide": false"#, r#""aide": false, "a b\"c": 1"#));
        assert_eq!(path, r#"["a b\"c"]"#);
        assert_eq!(message, r#"unknown field `a b\"c`"#);
        assert_eq!(under, r#""a b\"c""#);
    }

    #[test]
    fn missing_field_points_at_the_brace() {
        check(
            r#""depose_le": "2023-07-03","#,
            "",
            "depose_le",
            "missing field `depose_le`",
            "{",
            Some("expected a date written YYYY-MM-DD"),
        );
        check(
            r#", "montant_sollicite": 800"#,
            "",
            "msa.montant_sollicite",
            "missing field `montant_sollicite`",
            "{",
            Some("expected an amount of money (`money`)"),
        );
        check(
            r#", "bilan_depose_le": "2023-07-10""#,
            "",
            "porteur.bilan_depose_le",
            "missing field `bilan_depose_le`",
            "{",
            Some("expected a date written YYYY-MM-DD (`null` when there is none)"),
        );
        // The brace of the object that lacks the field, not another one.
        let text = edited(r#""enfants": 9, "#, "");
        let error = &decode(&program(), &text).unwrap_err()[0];
        assert_eq!(error.span.start, text.find(r#"{"nom": "CE2""#).unwrap());
        assert_eq!(error.path, "collectifs[1].enfants");
    }

    #[test]
    fn wrong_types_say_what_was_expected_and_found() {
        check(
            r#""enfants": 9"#,
            r#""enfants": "douze""#,
            "collectifs[1].enfants",
            r#"expected a whole number (`integer`), found the text "douze""#,
            r#""douze""#,
            None,
        );
        check(
            "\"aide\": false",
            "\"aide\": \"non\"",
            "aide",
            r#"expected a yes/no value (`bool`), found the text "non""#,
            r#""non""#,
            None,
        );
        check(
            r#""nom": "CE2""#,
            r#""nom": 2"#,
            "collectifs[1].nom",
            "expected a text, found a number (2)",
            "2",
            None,
        );
        check(
            r#"[
    {"nom": "CP-CE1", "enfants": 11, "depenses": "6500.00"},
    {"nom": "CE2", "enfants": 9, "depenses": 6500.1}
  ]"#,
            r#"{"a": 1}"#,
            "collectifs",
            "expected a list of Collectif, found an object",
            r#"{"a": 1}"#,
            None,
        );
        check(
            r#""msa": {"financeur": "MSA", "montant_sollicite": 800}"#,
            r#""msa": [1]"#,
            "msa",
            "expected a `Msa`, found a list",
            "[1]",
            None,
        );
        check(
            r#""coefficient": 1.25"#,
            r#""coefficient": true"#,
            "coefficient",
            "expected a number (`decimal`), found true",
            "true",
            None,
        );
        check(
            r#""taux": "32.5""#,
            r#""taux": [32.5]"#,
            "taux",
            "expected a rate (`rate`), found a list",
            "[32.5]",
            None,
        );
    }

    #[test]
    fn the_document_must_be_an_object() {
        assert_eq!(
            one_error(" [1, 2] "),
            (
                String::new(),
                "expected the application as a JSON object { … }, found a list".to_string(),
                "[1, 2]".to_string(),
                Some("an application is one JSON object, `{ … }`".to_string())
            )
        );
    }

    #[test]
    fn null_only_for_optionals() {
        check(
            r#""charte_laicite": true"#,
            r#""charte_laicite": null"#,
            "porteur.charte_laicite",
            "expected a yes/no value (`bool`), found null",
            "null",
            Some("only optional fields may be null"),
        );
        check(
            r#""depose_le": "2023-07-03""#,
            r#""depose_le": null"#,
            "depose_le",
            "expected a date written YYYY-MM-DD, found null",
            "null",
            Some("only optional fields may be null"),
        );
        check(
            r#"{"nom": "CE2", "enfants": 9, "depenses": 6500.1}"#,
            "null",
            "collectifs[1]",
            "expected a `Collectif`, found null",
            "null",
            Some("only optional fields may be null"),
        );
    }

    #[test]
    fn enumerations() {
        check(
            r#""elementaire""#,
            r#""maternelle""#,
            "niveau",
            "`maternelle` is not a value of `Niveau`",
            r#""maternelle""#,
            Some("expected one of: elementaire, college, lycee"),
        );
        check(
            r#""elementaire""#,
            r#""Lycée""#,
            "niveau",
            "`Lycée` is not a value of `Niveau`",
            r#""Lycée""#,
            Some("did you mean `lycee`?"),
        );
        check(
            r#""elementaire""#,
            "2",
            "niveau",
            "expected a value of `Niveau`, found a number (2)",
            "2",
            Some("expected one of: elementaire, college, lycee"),
        );
        let value = decoded(&edited(r#""elementaire""#, r#""lycee""#));
        assert_eq!(fields(&value)[1], Value::Enum(0, 2));
    }

    #[test]
    fn dates() {
        check(
            r#""2023-07-03""#,
            r#""12/06/2023""#,
            "depose_le",
            r#"expected a date written YYYY-MM-DD, found the text "12/06/2023""#,
            r#""12/06/2023""#,
            Some(r#"write dates as YYYY-MM-DD: "2023-06-12""#),
        );
        check(
            r#""2023-07-03""#,
            r#""2023-6-5""#,
            "depose_le",
            r#"expected a date written YYYY-MM-DD, found the text "2023-6-5""#,
            r#""2023-6-5""#,
            Some(r#"write dates as YYYY-MM-DD: "2023-06-05""#),
        );
        check(
            r#""2023-07-03""#,
            r#""2023-07-03T10:00:00Z""#,
            "depose_le",
            r#"expected a date written YYYY-MM-DD, found the text "2023-07-03T10:00:00Z""#,
            r#""2023-07-03T10:00:00Z""#,
            Some(r#"write dates as YYYY-MM-DD: "2023-07-03""#),
        );
        check(
            r#""2023-07-03""#,
            r#""demain""#,
            "depose_le",
            r#"expected a date written YYYY-MM-DD, found the text "demain""#,
            r#""demain""#,
            None,
        );
        check(
            r#""2023-07-03""#,
            "20230703",
            "depose_le",
            "expected a date written YYYY-MM-DD, found a number (20230703)",
            "20230703",
            None,
        );
        check(
            r#""2023-07-03""#,
            r#""2023-02-30""#,
            "depose_le",
            "`2023-02-30` is not a day of the calendar",
            r#""2023-02-30""#,
            Some("February 2023 has 28 days"),
        );
        check(
            r#""2023-07-10""#,
            r#""2023-06-31""#,
            "porteur.bilan_depose_le",
            "`2023-06-31` is not a day of the calendar",
            r#""2023-06-31""#,
            Some("June 2023 has 30 days"),
        );
        check(
            r#""2023-07-03""#,
            r#""2023-13-01""#,
            "depose_le",
            "`2023-13-01` is not a day of the calendar",
            r#""2023-13-01""#,
            Some("months go from 01 to 12"),
        );
        check(
            r#""2023-07-03""#,
            r#""2023-01-00""#,
            "depose_le",
            "`2023-01-00` is not a day of the calendar",
            r#""2023-01-00""#,
            Some("days start at 01"),
        );
        check(
            r#""2023-07-03""#,
            r#""0000-01-01""#,
            "depose_le",
            "`0000-01-01` is not a day of the calendar",
            r#""0000-01-01""#,
            Some("years go from 0001 to 9999"),
        );
        let value = decoded(&edited(r#""2023-07-03""#, r#""2024-02-29""#));
        assert_eq!(fields(&value)[0], date("2024-02-29"));
    }

    fn money_of(written: &str) -> Value {
        let value = decoded(&edited("\"6500.00\"", written));
        let Value::List(items) = &fields(&value)[3] else {
            panic!("not a list")
        };
        fields(&items[0])[2].clone()
    }

    fn check_money(written: &str, message: &str, hint: Option<&str>) {
        check(
            "\"6500.00\"",
            written,
            "collectifs[0].depenses",
            message,
            written,
            hint,
        );
    }

    #[test]
    fn amounts_that_are_accepted() {
        assert_eq!(money_of("\"6500.00\""), Value::Money(dec("6500.00")));
        assert_eq!(money_of("\"0.50\""), Value::Money(dec("0.5")));
        assert_eq!(money_of("6500"), Value::Money(dec("6500")));
        assert_eq!(money_of("6500.1"), Value::Money(dec("6500.1")));
        assert_eq!(money_of("7885.0"), Value::Money(dec("7885")));
        assert_eq!(money_of("\"6500.5\""), Value::Money(dec("6500.5")));
        assert_eq!(money_of("\"6500\""), Value::Money(dec("6500")));
        assert_eq!(money_of("\"6500.100\""), Value::Money(dec("6500.1")));
        assert_eq!(money_of("0"), Value::Money(Decimal::ZERO));
        let Value::Money(zero) = money_of("-0.00") else {
            panic!("not money")
        };
        assert!(zero.is_zero() && !zero.is_sign_negative());
        // Far beyond f64's exact range, still exact.
        let Value::Money(big) = money_of("123456789012345678.01") else {
            panic!("not money")
        };
        assert_eq!(big.to_string(), "123456789012345678.01");
    }

    #[test]
    fn amounts_that_are_refused() {
        check_money(
            "\"6500.125\"",
            "an amount is a whole number of cents, found `6500.125`",
            None,
        );
        check_money(
            "6500.125",
            "an amount is a whole number of cents, found `6500.125`",
            None,
        );
        check_money(
            "\"800,00\"",
            r#"expected an amount of money (`money`), found the text "800,00""#,
            Some(r#"write amounts with a decimal point: "800.00""#),
        );
        check_money(
            "\"800,5\"",
            r#"expected an amount of money (`money`), found the text "800,5""#,
            Some(r#"write amounts with a decimal point: "800.50""#),
        );
        check_money(
            "\"6 500,00 €\"",
            r#"expected an amount of money (`money`), found the text "6 500,00 €""#,
            Some(r#"write amounts with digits and a decimal point only: "6500.00""#),
        );
        check_money(
            "\"+12.00\"",
            r#"expected an amount of money (`money`), found the text "+12.00""#,
            Some(r#"write amounts with digits and a decimal point only: "12.00""#),
        );
        check_money(
            "\" 12.00\"",
            r#"expected an amount of money (`money`), found the text " 12.00""#,
            Some(r#"write amounts with digits and a decimal point only: "12.00""#),
        );
        check_money(
            "\"6.5e3\"",
            r#"expected an amount of money (`money`), found the text "6.5e3""#,
            None,
        );
        check_money(
            "\"douze\"",
            r#"expected an amount of money (`money`), found the text "douze""#,
            None,
        );
        check_money("\"-12.00\"", "an amount cannot be negative, found `-12.00`", None);
        check_money("-12.5", "an amount cannot be negative, found `-12.5`", None);
        check_money(
            "6.5e3",
            "an amount is written without an exponent, found `6.5e3`",
            None,
        );
        check_money(
            "true",
            "expected an amount of money (`money`), found true",
            Some(r#"write amounts as a number (6500.5) or a text with two decimals ("6500.50")"#),
        );
        check_money(
            "123456789012345678901234567890",
            "the number `123456789012345678901234567890` is too large",
            None,
        );
        check_money(
            "\"123456789012345678901234567890.00\"",
            "the number `123456789012345678901234567890.00` is too large",
            None,
        );
        check_money(
            "0.12345678901234567890123456789",
            "the number `0.12345678901234567890123456789` has too many decimals",
            None,
        );
    }

    fn check_integer(written: &str, message: &str) {
        check(
            "\"enfants\": 11",
            &format!("\"enfants\": {written}"),
            "collectifs[0].enfants",
            message,
            written,
            None,
        );
    }

    #[test]
    fn integers_are_whole_non_negative_numbers() {
        check_integer("-3", "a count cannot be negative, found -3");
        check_integer("9.5", "expected a whole number (`integer`), found a number (9.5)");
        check_integer(
            "12.0",
            "expected a whole number (`integer`), found a number (12.0)",
        );
        check_integer("1e2", "expected a whole number (`integer`), found a number (1e2)");
        check_integer(
            "\"12\"",
            r#"expected a whole number (`integer`), found the text "12""#,
        );
        check_integer(
            "9223372036854775808",
            "the number `9223372036854775808` is too large",
        );
        check_integer(
            "-9223372036854775809",
            "a count cannot be negative, found -9223372036854775809",
        );
        let value = decoded(&edited("\"enfants\": 11", "\"enfants\": 9223372036854775807"));
        let Value::List(items) = &fields(&value)[3] else {
            panic!("not a list")
        };
        assert_eq!(fields(&items[0])[1], Value::Integer(i64::MAX));
        let value = decoded(&edited("\"enfants\": 11", "\"enfants\": -0"));
        let Value::List(items) = &fields(&value)[3] else {
            panic!("not a list")
        };
        assert_eq!(fields(&items[0])[1], Value::Integer(0));
    }

    fn decimal_of(written: &str) -> Value {
        fields(&decoded(&edited("1.25", written)))[5].clone()
    }

    fn rate_of(written: &str) -> Value {
        fields(&decoded(&edited("\"32.5\"", written)))[4].clone()
    }

    #[test]
    fn decimals_and_rates() {
        assert_eq!(decimal_of("\"1.25\""), Value::Decimal(dec("1.25")));
        assert_eq!(decimal_of("-1.25"), Value::Decimal(dec("-1.25")));
        assert_eq!(decimal_of("1.5e3"), Value::Decimal(dec("1500")));
        assert_eq!(decimal_of("15E-1"), Value::Decimal(dec("1.5")));
        assert_eq!(decimal_of("2.5e+2"), Value::Decimal(dec("250")));
        assert_eq!(decimal_of("0e999999"), Value::Decimal(Decimal::ZERO));
        assert_eq!(decimal_of("1e-28"), Value::Decimal(Decimal::new(1, 28)));
        assert_eq!(rate_of("32.5"), Value::Rate(dec("0.325")));
        assert_eq!(rate_of("\"100\""), Value::Rate(Decimal::ONE));
        assert_eq!(rate_of("0"), Value::Rate(Decimal::ZERO));
        assert_eq!(rate_of("5e-1"), Value::Rate(dec("0.005")));
        let decimal = |written: &str, message: &str, hint: Option<&str>| {
            check("1.25", written, "coefficient", message, written, hint)
        };
        decimal(
            "\"1,25\"",
            r#"expected a number (`decimal`), found the text "1,25""#,
            Some(r#"write numbers with a decimal point: "1.25""#),
        );
        decimal(
            "\"+1.25\"",
            r#"expected a number (`decimal`), found the text "+1.25""#,
            Some(r#"write numbers with digits and a decimal point only: "1.25""#),
        );
        decimal(
            "\"un\"",
            r#"expected a number (`decimal`), found the text "un""#,
            None,
        );
        decimal("1e29", "the number `1e29` is too large", None);
        decimal("1e99999", "the number `1e99999` is too large", None);
        decimal("1e-29", "the number `1e-29` has too many decimals", None);
        let rate = |written: &str, message: &str, hint: Option<&str>| {
            check("\"32.5\"", written, "taux", message, written, hint)
        };
        rate(
            "\"32,5 %\"",
            r#"expected a rate (`rate`), found the text "32,5 %""#,
            Some(r#"write rates as a number of percent, without the % sign: "32.5""#),
        );
        rate(
            "\"32,5\"",
            r#"expected a rate (`rate`), found the text "32,5""#,
            Some(r#"write numbers with a decimal point: "32.5""#),
        );
        rate("1e-27", "the number `1e-27` has too many decimals", None);
    }

    #[test]
    fn every_error_in_document_order() {
        let text = r#"{
  "niveau": "maternelle",
  "depose_le": "2023-02-30",
  "porteur": {"nom": 1, "charte_laicite": null, "annees_soutien": -1, "sigle": "x", "bilan_depose_le": null},
  "collectifs": [
    {"nom": "CP-CE1", "enfants": 11, "depenses": "6500.125"},
    {"nom": "CE2", "enfant": 9.5, "depenses": 6500.1}
  ],
  "taux": true,
  "msa": null
}"#;
        let seen: Vec<(String, String)> = errors(text)
            .into_iter()
            .map(|(path, _, under, _)| (path, under))
            .collect();
        let expected = [
            ("coefficient", "{"),
            ("aide", "{"),
            ("niveau", r#""maternelle""#),
            ("depose_le", r#""2023-02-30""#),
            ("porteur.nom", "1"),
            ("porteur.charte_laicite", "null"),
            ("porteur.annees_soutien", "-1"),
            ("porteur.sigle", r#""sigle""#),
            ("collectifs[0].depenses", r#""6500.125""#),
            ("collectifs[1].enfant", r#""enfant""#),
            ("taux", "true"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(path, under)| (path.to_string(), under.to_string()))
            .collect();
        assert_eq!(seen, expected);
        // Each starts no earlier than the one before.
        let starts: Vec<usize> = decode(&program(), text)
            .unwrap_err()
            .iter()
            .map(|e| e.span.start)
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn types_that_cannot_be_given() {
        let odd = record(
            "Odd",
            vec![
                field("periode", Type::Range(Box::new(Type::Date))),
                field("vide", Type::EmptyList),
                field("erreur", Type::Error),
                field("fantome", Type::Record(99)),
                field("inconnu", Type::Enum(7)),
                field(
                    "peut_etre",
                    Type::Optional(Box::new(Type::Range(Box::new(Type::Integer)))),
                ),
            ],
        );
        let program = program_with(Vec::new(), vec![odd], 0);
        let text = r#"{"periode": ["2023-01-01", "2023-02-01"], "vide": [], "erreur": 1,
            "fantome": {}, "inconnu": "x", "peut_etre": null}"#;
        let errors = decode(&program, text).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|e| e.message.render(Lang::En)).collect();
        let seen: Vec<(&str, &str, &str)> = errors
            .iter()
            .zip(&messages)
            .map(|(e, message)| (e.path.as_str(), message.as_str(), &text[e.span.start..e.span.end]))
            .collect();
        assert_eq!(
            seen,
            vec![
                (
                    "periode",
                    "ranges cannot be given in an application",
                    r#"["2023-01-01", "2023-02-01"]"#
                ),
                ("vide", "the type `list` cannot be given in an application", "[]"),
                ("erreur", "the type `?` cannot be given in an application", "1"),
                ("fantome", "the type `?` cannot be given in an application", "{}"),
                (
                    "inconnu",
                    "the type `?` cannot be given in an application",
                    r#""x""#
                ),
            ]
        );
        // An input record that does not exist.
        let broken = program_with(Vec::new(), Vec::new(), 3);
        let errors = decode(&broken, "{}").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "");
    }

    #[test]
    fn each_kind_of_problem_has_its_code() {
        let code = |from: &str, to: &str| {
            let errors = decode(&program(), &edited(from, to)).unwrap_err();
            (errors[0].code, errors[0].path.clone())
        };
        let cases = [
            (r#""enfants": 9"#, r#""enfants": "douze""#, codes::WRONG_VALUE),
            (r#""enfants": 9"#, r#""enfants": -9"#, codes::BAD_NUMBER),
            (r#""enfants": 9"#, r#""enfants": 9.5"#, codes::BAD_NUMBER),
            (
                r#""depenses": 6500.1"#,
                r#""depenses": "6500,10""#,
                codes::BAD_NUMBER,
            ),
            (
                r#""depenses": 6500.1"#,
                r#""depenses": "beaucoup""#,
                codes::WRONG_VALUE,
            ),
            (
                r#""depose_le": "2023-07-03""#,
                r#""depose_le": "03/07/2023""#,
                codes::BAD_DATE,
            ),
            (
                r#""depose_le": "2023-07-03""#,
                r#""depose_le": "2023-02-30""#,
                codes::BAD_DATE,
            ),
            (
                r#""depose_le": "2023-07-03""#,
                r#""depose_le": 20230703"#,
                codes::WRONG_VALUE,
            ),
            (
                r#""niveau": "elementaire""#,
                r#""niveau": "primaire""#,
                codes::NOT_ALLOWED,
            ),
            (
                r#""aide": false"#,
                r#""aide": false, "note": 1"#,
                codes::UNEXPECTED_FIELD,
            ),
            (r#""aide": false"#, r#""aidee": false"#, codes::UNEXPECTED_FIELD),
            (r#""aide": false"#, r#""aide": null"#, codes::WRONG_VALUE),
        ];
        for (from, to, expected) in cases {
            assert_eq!(code(from, to).0, expected, "{to}");
        }
        let errors = decode(&program(), &edited(r#""aide": false"#, r#""x": 1"#)).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.code == codes::MISSING_FIELD && e.path == "aide")
        );
        let whole = |text: &str| decode(&program(), text).unwrap_err()[0].code;
        assert_eq!(whole("[]"), codes::NOT_AN_OBJECT);
        assert_eq!(whole("{"), codes::JSON_SYNTAX);
        assert_eq!(whole(r#"{"a": 1, "a": 2}"#), codes::DUPLICATE_FIELD);
        assert_eq!(whole(&"[".repeat(100)), codes::JSON_TOO_DEEP);
    }

    #[test]
    fn errors_become_diagnostics() {
        let text = edited(r#""enfants": 9"#, r#""enfants": "douze""#);
        let error = decode(&program(), &text).unwrap_err().remove(0);
        let diagnostic = error.to_diagnostic(FileId(4));
        assert_eq!(diagnostic.file, FileId(4));
        assert!(diagnostic.is_error());
        assert_eq!(
            diagnostic.message.render(crate::i18n::Lang::En),
            r#"`collectifs[1].enfants`: expected a whole number (`integer`), found the text "douze""#
        );
        assert_eq!(diagnostic.code, codes::WRONG_VALUE);
        assert_eq!(
            diagnostic.message.fr(),
            r#"`collectifs[1].enfants` : attendu : un nombre entier (`integer`) ; trouvé : le texte "douze""#
        );
        assert_eq!(diagnostic.span(), error.span);
        assert_eq!(diagnostic.span().slice(&text), r#""douze""#);
        assert_eq!(diagnostic.hint, None);
        let error = decode(&program(), &edited(r#""niveau""#, r#""niveaux""#))
            .unwrap_err()
            .remove(0);
        let diagnostic = error.to_diagnostic(FileId(0));
        assert_eq!(
            diagnostic
                .hint
                .map(|h| h.render(crate::i18n::Lang::En))
                .as_deref(),
            Some("did you mean `niveau`?")
        );
        // No path: the message alone.
        let error = decode(&program(), "[]").unwrap_err().remove(0);
        assert_eq!(
            error
                .to_diagnostic(FileId(0))
                .message
                .render(crate::i18n::Lang::En),
            "expected the application as a JSON object { … }, found a list"
        );
    }

    #[test]
    fn edit_distances() {
        let d = |a: &str, b: &str| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            edit_distance(&a, &b)
        };
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("niveau", "niveaux"), 1);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("élève", "eleve"), 2);
        let names = ["nom", "depose_le", "niveau"];
        let pick = |key: &str| closest(key, names.iter().copied().enumerate()).map(|(_, n)| n);
        assert_eq!(pick("nim"), Some("nom"));
        assert_eq!(pick("xyz"), None);
        assert_eq!(pick("deposele"), Some("depose_le"));
        assert_eq!(pick("date_depot"), None);
        assert_eq!(pick(&"x".repeat(100_000)), None);
    }

    /// Every prefix and many one-character edits of a valid document decode or
    /// fail with errors whose spans lie inside the text.
    #[test]
    fn damaged_documents_never_panic() {
        let program = program();
        let check = |candidate: &str| {
            if let Err(errors) = decode(&program, candidate) {
                assert!(!errors.is_empty());
                for error in errors {
                    assert!(error.span.start <= error.span.end, "{candidate:?}");
                    assert!(
                        candidate.get(error.span.start..error.span.end).is_some(),
                        "{candidate:?}"
                    );
                    assert!(!error.message.fr().is_empty());
                }
            }
        };
        for (at, c) in BASE.char_indices() {
            check(&BASE[..at]);
            let next = at + c.len_utf8();
            for replacement in ["", "\"", "0", "-", "1", "x", "null", ".", ",", "e5", "{}", "[]"] {
                check(&format!("{}{}{}", &BASE[..at], replacement, &BASE[next..]));
            }
        }
    }
}
