//! Whole campaigns: decide every application of a JSON Lines or CSV file,
//! streaming in chunks (memory stays flat), each chunk decided on every core
//! and written in input order. A bad record yields an error record in its
//! place: as many records out as in. Each record is decided by the rulebook
//! of its Caf and year, each compiled once. The summary counts statuses and
//! adds up every amount, overall and per niveau, for the whole and per Caf.

use crate::decision::Status;
use crate::eval::{Outcome, Plan, PlanScratch};
use crate::i18n::{Code, Lang, Message, codes};
use crate::input::csv::{self, HeaderError, Layout, RecordProblem};
use crate::input::json::{self, JsonValue};
use crate::input::{decode, fast};
use crate::msg;
use crate::program::Program;
use crate::value::{Value, contract_money, push_integer, write_contract_money};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::ops::Range;

pub mod report;

/// How many records are read at once for each thread that decides them:
/// enough to keep every thread busy, few enough that a chunk's text and
/// outputs stay in the processor's caches (8 192 lines of about 600 bytes
/// on one core made a campaign 2 to 5 % slower than 1 024).
const CHUNK_PER_THREAD: usize = 1024;
/// Records decided together by one thread, their output in one text.
const GROUP: usize = 64;

/// The format of the applications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    JsonLines,
    /// A header row, then one row per application.
    Csv(u8),
}

/// The format of the decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per line.
    JsonLines,
    /// A header row, then one row per decision.
    Csv,
    /// The same as French spreadsheets read it: UTF-8 with a byte order
    /// mark, semicolons, decimal commas, `VRAI`/`FAUX`, dates day first.
    CsvSemicolon,
}

impl OutputFormat {
    /// The CSV dialect, for the CSV formats.
    fn csv(self) -> Option<Dialect> {
        match self {
            OutputFormat::JsonLines => None,
            OutputFormat::Csv => Some(Dialect {
                separator: ',',
                french: false,
            }),
            OutputFormat::CsvSemicolon => Some(Dialect {
                separator: ';',
                french: true,
            }),
        }
    }
}

/// How CSV decisions are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Dialect {
    separator: char,
    /// Decimal commas, `VRAI`/`FAUX` and dates day first, as French
    /// spreadsheets write them.
    french: bool,
}

/// Why one record of a campaign has no decision: what its error record says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// The code of the (first) problem: `E0507`…
    pub code: Code,
    /// The field path of the (first) problem (`collectifs[1].enfants`), or
    /// `None` when the problem is the record as a whole.
    pub field: Option<String>,
    /// Every problem, each with its field path, one after the other.
    pub message: Message,
}

impl RecordError {
    /// A problem with the record as a whole.
    fn whole(code: Code, message: Message) -> RecordError {
        RecordError {
            code,
            field: None,
            message,
        }
    }

    /// A problem with one field, named before the message.
    fn at(code: Code, field: &str, message: Message) -> RecordError {
        RecordError {
            code,
            field: Some(field.to_string()),
            message: msg!("input-at-field", path = field, message = message),
        }
    }

    /// The problems of a decoded application: the code and field of the
    /// first, the message of all.
    fn of_application(errors: &[decode::InputError]) -> RecordError {
        let first = errors.first();
        let messages: Vec<Message> = errors.iter().map(decode::InputError::titled).collect();
        RecordError {
            code: first.map_or(codes::INTERNAL, |e| e.code),
            field: first.map(|e| e.path.clone()).filter(|path| !path.is_empty()),
            message: csv::one_after_the_other(&messages),
        }
    }
}

/// Why a campaign stopped before its end (its input cannot be read, or its
/// CSV header does not fit any rulebook).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchError {
    /// The code, when the problem is the file's (`E0512` for its header).
    pub code: Option<Code>,
    /// What is wrong.
    pub message: Message,
}

impl BatchError {
    fn io(error: &std::io::Error) -> BatchError {
        BatchError {
            code: None,
            message: msg!("batch-io", why = crate::rulebook::io_problem(error)),
        }
    }

    fn csv(message: Message) -> BatchError {
        BatchError {
            code: Some(codes::BAD_CSV),
            message,
        }
    }
}

/// Which rulebook decides: a Caf (`None` in a rules folder of one layer) and
/// a school year.
pub type RulebookKey = (Option<String>, String);

/// The key of a compiled rulebook: the Caf of its top layer, its year.
pub fn key_of(program: &Program) -> RulebookKey {
    let caf = program
        .header
        .layer
        .as_deref()
        .and_then(crate::rulebook::caf_of_layer)
        .map(str::to_string);
    (caf, program.header.year.clone())
}

/// The rulebooks a campaign may use, by Caf and school year.
pub struct Rulebooks<'p> {
    /// Every rulebook available, by Caf and year.
    pub by_year: BTreeMap<RulebookKey, &'p Program>,
    /// The Caf of a record that names none (`--caf`, else the folder's
    /// default, else its only Caf).
    pub default_caf: Option<String>,
    /// The rulebook to use for every record, if one was given.
    pub only: Option<&'p Program>,
}

impl<'p> Rulebooks<'p> {
    /// The rulebooks of a campaign, by the key of each.
    pub fn new(
        programs: &[&'p Program],
        default_caf: Option<String>,
        only: Option<&'p Program>,
    ) -> Rulebooks<'p> {
        Rulebooks {
            by_year: programs.iter().map(|p| (key_of(p), *p)).collect(),
            default_caf,
            only,
        }
    }

    fn for_record(&self, year: Option<&str>, caf: Option<&str>) -> Result<&'p Program, RecordError> {
        const FIELD: &str = "annee_scolaire";
        let same_caf = crate::rulebook::same_caf;
        if let Some(program) = self.only {
            if let (Some(caf), (Some(rulebook_caf), _)) = (caf, key_of(program))
                && !same_caf(caf, &rulebook_caf)
            {
                return Err(RecordError::at(
                    codes::UNKNOWN_CAF,
                    crate::input::CAF_FIELD,
                    msg!("batch-other-caf", caf = caf, rulebook_caf = rulebook_caf),
                ));
            }
            return match year {
                Some(year) if year != program.header.year => Err(RecordError::at(
                    codes::NO_RULEBOOK_FOR_YEAR,
                    FIELD,
                    msg!(
                        "batch-other-year",
                        year = year,
                        rulebook_year = program.header.year.as_str()
                    ),
                )),
                _ => Ok(program),
            };
        }
        let Some(year) = year else {
            return Err(RecordError::at(
                codes::MISSING_FIELD,
                FIELD,
                msg!("batch-year-missing"),
            ));
        };
        let caf = caf.or(self.default_caf.as_deref());
        // The common case first: no allocation.
        let found = self.by_year.iter().find(|((c, y), _)| {
            y == year
                && match (c, caf) {
                    (None, None) => true,
                    (Some(c), Some(caf)) => same_caf(c, caf),
                    _ => false,
                }
        });
        if let Some((_, program)) = found {
            return Ok(program);
        }
        let cafs: Vec<&str> = {
            let mut cafs: Vec<&str> = self.by_year.keys().filter_map(|(c, _)| c.as_deref()).collect();
            cafs.dedup();
            cafs
        };
        let of_caf = |c: &Option<String>| match (c, caf) {
            (None, None) => true,
            (Some(c), Some(caf)) => same_caf(c, caf),
            _ => false,
        };
        let years: Vec<&str> = self
            .by_year
            .keys()
            .filter(|(c, _)| of_caf(c))
            .map(|(_, y)| y.as_str())
            .collect();
        match caf {
            Some(caf) if years.is_empty() => Err(RecordError::at(
                codes::UNKNOWN_CAF,
                crate::input::CAF_FIELD,
                if cafs.is_empty() {
                    msg!("batch-unknown-caf-none", caf = caf)
                } else {
                    msg!("batch-unknown-caf", caf = caf, cafs = cafs.join(", "))
                },
            )),
            None if years.is_empty() && !cafs.is_empty() => Err(RecordError::at(
                codes::UNKNOWN_CAF,
                crate::input::CAF_FIELD,
                msg!("batch-which-caf", cafs = cafs.join(", ")),
            )),
            Some(caf) => Err(RecordError::at(
                codes::NO_RULEBOOK_FOR_YEAR,
                FIELD,
                msg!(
                    "batch-no-rulebook-for-caf-year",
                    caf = caf,
                    year = year,
                    years = years.join(", ")
                ),
            )),
            None => Err(RecordError::at(
                codes::NO_RULEBOOK_FOR_YEAR,
                FIELD,
                msg!(
                    "batch-no-rulebook-for-year",
                    year = year,
                    years = years.join(", ")
                ),
            )),
        }
    }

    /// The rulebook whose outputs name the CSV columns.
    fn first(&self) -> Option<&'p Program> {
        self.only.or_else(|| self.by_year.values().next_back().copied())
    }
}

/// A rulebook of a campaign, made ready once: its [`Plan`] (which decides
/// exactly as the tree walker of a single `eval`, faster), the pieces of
/// its JSON decisions that never change, and where its `niveau` is.
struct Engine<'p> {
    program: &'p Program,
    /// Its schema, ready for the fast reader.
    reader: fast::Prepared<'p>,
    plan: Plan,
    shape: Shape,
    /// The position of `niveau` among the application's fields.
    niveau: Option<usize>,
    /// The position of `annee_scolaire` among the application's fields.
    year: Option<usize>,
    /// Its place among the campaign's rulebooks.
    id: usize,
    /// Where the application names its carrier, for the report.
    carrier: Option<report::CarrierPath>,
    /// The Caf it decides for: its place in [`Engines::cafs`] (their
    /// number when it is no Caf's).
    group: usize,
}

impl Engine<'_> {
    /// The school year a decoded application gives, if it gives one.
    fn year<'v>(&self, value: &'v Value) -> Option<&'v str> {
        let Value::Record(fields) = value else { return None };
        match fields.get(self.year?)? {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }
}

/// The place of a Caf (`63`, `2A` or `2a`) among `cafs`; their number when
/// it is none of them.
fn place_of_caf(cafs: &[String], caf: &str) -> usize {
    cafs.iter()
        .position(|c| crate::rulebook::same_caf(c, caf))
        .unwrap_or(cafs.len())
}

/// The rulebooks of a campaign, made ready.
struct Engines<'p> {
    engines: Vec<Engine<'p>>,
    /// The Cafs of the rulebooks, in order; a record is counted under one
    /// of them, or after them (its Caf is not one of these).
    cafs: Vec<String>,
    /// The Caf of a record that names none, as a place in `cafs`.
    default_group: usize,
}

impl<'p> Engines<'p> {
    fn new(rulebooks: &Rulebooks<'p>) -> Engines<'p> {
        let mut engines: Vec<Engine<'p>> = Vec::new();
        for program in rulebooks.only.iter().chain(rulebooks.by_year.values()) {
            if !engines.iter().any(|e| std::ptr::eq(e.program, *program)) {
                let position = |name: &str| {
                    program
                        .records
                        .get(program.input)
                        .and_then(|r| r.fields.iter().position(|f| f.name == name))
                };
                engines.push(Engine {
                    program,
                    reader: fast::Prepared::new(program),
                    plan: Plan::new(program),
                    shape: Shape::new(program),
                    niveau: position("niveau"),
                    year: position("annee_scolaire"),
                    id: engines.len(),
                    carrier: report::carrier_path(program),
                    group: 0,
                });
            }
        }
        let mut cafs: Vec<String> = engines.iter().filter_map(|e| key_of(e.program).0).collect();
        cafs.sort();
        cafs.dedup();
        let group_of = |caf: Option<&str>| caf.map_or(cafs.len(), |caf| place_of_caf(&cafs, caf));
        for engine in &mut engines {
            engine.group = group_of(key_of(engine.program).0.as_deref());
        }
        let default_caf = match rulebooks.only {
            Some(program) => key_of(program).0,
            None => rulebooks.default_caf.clone(),
        };
        let default_group = group_of(default_caf.as_deref());
        Engines {
            engines,
            cafs,
            default_group,
        }
    }

    /// Where a record in error is counted: under the Caf it names, else
    /// under the default Caf; after the campaign's Cafs when that is none
    /// of them.
    fn group_of_error(&self, named: Option<&str>) -> usize {
        named.map_or(self.default_group, |caf| place_of_caf(&self.cafs, caf))
    }

    fn of(&self, program: &Program) -> Result<&Engine<'p>, RecordError> {
        self.engines
            .iter()
            .find(|e| std::ptr::eq(e.program, program))
            .ok_or_else(|| RecordError::whole(codes::INTERNAL, msg!("batch-not-ready")))
    }
}

/// Counts and totals of a campaign.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Records read.
    pub records: u64,
    /// Records in error (no decision).
    pub errors: u64,
    /// Records read by the precise reader (a tree of the document, then the
    /// schema's walk) rather than by the fast reader: every CSV row, and the
    /// JSON lines the fast reader handed over (errors included).
    pub precise: u64,
    /// CSV lines read as Windows-1252 rather than UTF-8 (as spreadsheets on
    /// Windows save them); counted for the whole file only.
    pub windows_1252: u64,
    /// Decisions by status.
    pub statuses: BTreeMap<&'static str, u64>,
    /// The sum of each money output over all decisions.
    pub totals: BTreeMap<String, Decimal>,
    /// By niveau: decisions, and the sum of each money output.
    pub by_niveau: BTreeMap<String, (u64, BTreeMap<String, Decimal>)>,
    /// Whether a total went beyond what an exact decimal holds (and stopped
    /// growing): the totals are then not to be trusted.
    pub overflow: bool,
    /// How staff read the names of `totals` and `by_niveau`, for the text
    /// summary.
    pub names: SummaryNames,
    /// The same for each Caf that has records, in the order of their codes,
    /// then for the records in error whose Caf is none of the rulebooks'
    /// (empty when the rulebooks are no Caf's). The parts add up to the
    /// whole.
    pub by_caf: Vec<CafSummary>,
}

/// How staff read the names of a summary: each money output and each
/// niveau value with its label (the first rulebook's that gives one), in the
/// order the rulebooks declare them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SummaryNames {
    /// `(name, label, place in the rulebook)` of each output counted.
    pub outputs: Vec<(String, String, usize)>,
    /// `(value, label, place in the enumeration)` of each niveau counted.
    pub niveaux: Vec<(String, String, usize)>,
}

impl SummaryNames {
    /// Adds `name`, read as `label`, at its place, unless it is there (its
    /// first label stays).
    fn add(
        list: &mut Vec<(String, String, usize)>,
        name: &str,
        label: impl FnOnce() -> (Option<String>, usize),
    ) {
        if !list.iter().any(|(n, _, _)| n == name) {
            let (label, place) = label();
            let at = list.partition_point(|(_, _, p)| *p <= place);
            list.insert(
                at,
                (name.to_string(), label.unwrap_or_else(|| name.to_string()), place),
            );
        }
    }

    /// `keys` in the order of `list`, each with its label; those not in
    /// `list` after, under their own name.
    fn in_order<'k>(
        list: &[(String, String, usize)],
        keys: impl Iterator<Item = &'k String>,
    ) -> Vec<(&'k str, String)> {
        let mut keyed: Vec<(usize, &str, String)> = keys
            .map(|key| {
                let found = list.iter().enumerate().find(|(_, (n, _, _))| n == key);
                match found {
                    Some((at, (_, label, _))) => (at, key.as_str(), label.clone()),
                    None => (usize::MAX, key.as_str(), key.clone()),
                }
            })
            .collect();
        keyed.sort_by_key(|(at, _, _)| *at);
        keyed.into_iter().map(|(_, key, label)| (key, label)).collect()
    }
}

/// The summary of the records of one Caf.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CafSummary {
    /// Its code (`63`), or `None` for the records whose Caf is unknown.
    pub caf: Option<String>,
    /// Its records' counts and totals (its own `by_caf` is empty).
    pub summary: Summary,
}

impl Summary {
    /// The summary for staff, in a language (French by default): the whole,
    /// then each Caf when the records are of more than one.
    pub fn to_human(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.write_human(&mut out, "", lang);
        if self.by_caf.len() > 1 {
            for part in &self.by_caf {
                out.push('\n');
                let heading = match &part.caf {
                    Some(caf) => msg!("batch-summary-caf", caf = caf.as_str()),
                    None => msg!("batch-summary-caf-unknown"),
                };
                out.push_str(&heading.render(lang));
                out.push('\n');
                part.summary.write_human(&mut out, "  ", lang);
            }
        }
        out
    }

    /// Writes the counts and totals, each line after `indent`.
    fn write_human(&self, out: &mut String, indent: &str, lang: Lang) {
        let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        // Headings, and the lines under them (indented).
        let mut lines = vec![(false, msg!("batch-summary-read", count = count(self.records)))];
        // In the order of the report: eligible, ineligible, incomplete.
        for status in STATUSES {
            let Some(n) = self.statuses.get(status.key()) else {
                continue;
            };
            let line = match status {
                Status::Eligible => msg!("batch-summary-eligible", count = count(*n)),
                Status::Ineligible => msg!("batch-summary-ineligible", count = count(*n)),
                Status::Incomplete => msg!("batch-summary-incomplete", count = count(*n)),
            };
            lines.push((true, line));
        }
        if self.errors > 0 {
            lines.push((true, msg!("batch-summary-errors", count = count(self.errors))));
        }
        // For engineers: the records the fast path handed over (errors included).
        if self.precise > 0 {
            lines.push((true, msg!("batch-summary-precise", count = count(self.precise))));
        }
        if self.windows_1252 > 0 {
            lines.push((
                true,
                msg!("batch-summary-windows-1252", count = count(self.windows_1252)),
            ));
        }
        if !self.totals.is_empty() || self.overflow {
            lines.push((false, msg!("batch-summary-amounts")));
        }
        if self.overflow {
            lines.push((true, msg!("batch-summary-overflow")));
        }
        let outputs = |totals: &BTreeMap<String, Decimal>| {
            SummaryNames::in_order(&self.names.outputs, totals.keys())
                .into_iter()
                .filter_map(|(name, label)| Some((label, *totals.get(name)?)))
                .collect::<Vec<_>>()
        };
        for (label, total) in outputs(&self.totals) {
            let amount = crate::value::french_money(total);
            lines.push((true, msg!("batch-summary-total", name = label, amount = amount)));
        }
        if !self.by_niveau.is_empty() {
            lines.push((false, msg!("batch-summary-by-niveau")));
            for (niveau, label) in SummaryNames::in_order(&self.names.niveaux, self.by_niveau.keys()) {
                let Some((n, totals)) = self.by_niveau.get(niveau) else {
                    continue;
                };
                let amounts: Vec<Message> = outputs(totals)
                    .into_iter()
                    .map(|(name, total)| {
                        let amount = crate::value::french_money(total);
                        msg!("batch-summary-niveau-amount", name = name, amount = amount)
                    })
                    .collect();
                let line = msg!(
                    "batch-summary-niveau",
                    niveau = label,
                    count = count(*n),
                    amounts = csv::one_after_the_other(&amounts)
                );
                lines.push((true, line));
            }
        }
        for (indented, line) in lines {
            out.push_str(indent);
            if indented {
                out.push_str("  ");
            }
            out.push_str(&line.render(lang));
            out.push('\n');
        }
    }

    /// The summary as JSON: the whole, and `by_caf`, one object per Caf
    /// (its `caf` null for the records whose Caf is unknown).
    pub fn to_json(&self) -> serde_json::Value {
        let mut json = self.counts_json();
        if let Some(object) = json.as_object_mut() {
            let parts = self
                .by_caf
                .iter()
                .map(|part| {
                    let mut counts = part.summary.counts_json();
                    if let Some(object) = counts.as_object_mut() {
                        object.insert("caf".into(), serde_json::json!(part.caf));
                    }
                    counts
                })
                .collect();
            object.insert("by_caf".into(), serde_json::Value::Array(parts));
        }
        json
    }

    /// The counts and totals as JSON.
    fn counts_json(&self) -> serde_json::Value {
        let totals = |t: &BTreeMap<String, Decimal>| -> serde_json::Map<String, serde_json::Value> {
            t.iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(contract_money(*v))))
                .collect()
        };
        serde_json::json!({
            "records": self.records,
            "errors": self.errors,
            "precise_reader": self.precise,
            "windows_1252_lines": self.windows_1252,
            "totals_overflow": self.overflow,
            "statuses": self.statuses,
            "totals": totals(&self.totals),
            "by_niveau": self.by_niveau.iter().map(|(n, (count, t))| (n.clone(), serde_json::json!({"count": count, "totals": totals(t)}))).collect::<serde_json::Map<_, _>>(),
        })
    }
}

/// Writes `text` as a JSON string.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..0x20 => "",
            _ => continue,
        };
        // Every byte that needs escaping is ASCII: the cuts fall between characters.
        out.push_str(text.get(plain..at).unwrap_or(""));
        if escaped.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escaped);
        }
        plain = at + 1;
    }
    out.push_str(text.get(plain..).unwrap_or(""));
    out.push('"');
}

/// A value in the JSON contract.
fn json_value(out: &mut String, value: &Value, program: &Program) {
    match value {
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Integer(n) => {
            if *n < 0 {
                out.push('-');
            }
            push_integer(out, n.unsigned_abs());
        }
        Value::Money(d) => {
            out.push('"');
            write_contract_money(out, *d);
            out.push('"');
        }
        Value::Decimal(d) | Value::Rate(d) => json_string(out, &d.normalize().to_string()),
        Value::Date(d) => json_string(out, &d.to_string()),
        Value::Text(t) => json_string(out, t),
        Value::Enum(id, index) => json_string(out, &enum_name(program, *id, *index)),
        Value::Absent => out.push_str("null"),
        Value::List(_) | Value::Record(_) | Value::Range(_) => out.push_str("null"),
    }
}

fn enum_name(program: &Program, id: u32, index: u32) -> String {
    program
        .enums
        .get(id as usize)
        .and_then(|e| e.variants.get(index as usize))
        .cloned()
        .unwrap_or_default()
}

/// The pieces of a rulebook's JSON decisions that are the same for every
/// application, written once when a campaign starts.
struct Shape {
    /// `,"year":"2023-2024","status":"`.
    year: String,
    /// For each output, `"ps":`, with a comma before all but the first.
    outputs: Vec<String>,
    /// For each item list, `,"collectifs":[`, and for each of its outputs `,"montant":`.
    lists: Vec<(String, Vec<String>)>,
    /// For each rule, `{"rule":"…","severity":"…"`.
    rules: Vec<String>,
    /// For each item list, `,"item":"collectifs[`.
    items: Vec<String>,
}

impl Shape {
    fn new(program: &Program) -> Shape {
        let key = |prefix: &str, name: &str, suffix: &str| {
            let mut out = prefix.to_string();
            json_string(&mut out, name);
            out.push_str(suffix);
            out
        };
        let outputs = program
            .outputs
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let name = program.globals.get(*id).map(|g| g.name.as_str()).unwrap_or("");
                key(if i > 0 { "," } else { "" }, name, ":")
            })
            .collect();
        let lists = program
            .item_lists
            .iter()
            .map(|list| {
                let outputs = list.outputs.iter().map(|o| key(",", &o.name, ":")).collect();
                (key(",", &list.key, ":["), outputs)
            })
            .collect();
        let rules = program
            .rules
            .iter()
            .map(|rule| {
                let mut out = key("{\"rule\":", &rule.name, ",\"severity\":\"");
                out.push_str(rule.severity.keyword());
                out.push('"');
                out
            })
            .collect();
        let items = program
            .item_lists
            .iter()
            .map(|list| {
                // The item is written `collectifs[2]`, inside one JSON string.
                let mut quoted = String::new();
                json_string(&mut quoted, &format!("{}[", list.key));
                let open = quoted.strip_suffix('"').unwrap_or(&quoted);
                format!(",\"item\":{open}")
            })
            .collect();
        Shape {
            year: key(",\"year\":", &program.header.year, ",\"status\":\""),
            outputs,
            lists,
            rules,
            items,
        }
    }
}

/// One decision as a JSON line.
pub fn json_line(line: u64, program: &Program, outcome: &Outcome) -> String {
    let mut out = String::with_capacity(512);
    write_json_line(&mut out, line, program, &Shape::new(program), outcome);
    out
}

/// [`json_line`], appended to `out`, with the rulebook's pieces written once.
fn write_json_line(out: &mut String, line: u64, program: &Program, shape: &Shape, outcome: &Outcome) {
    out.push_str("{\"line\":");
    push_integer(out, line);
    out.push_str(&shape.year);
    out.push_str(outcome.status.key());
    out.push_str("\",\"outputs\":{");
    for (key, value) in shape.outputs.iter().zip(&outcome.outputs) {
        out.push_str(key);
        json_value(out, value, program);
    }
    out.push('}');
    for ((open, keys), items) in shape.lists.iter().zip(&outcome.items) {
        out.push_str(open);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(if item.eligible {
                "{\"eligible\":true"
            } else {
                "{\"eligible\":false"
            });
            for (key, value) in keys.iter().zip(&item.outputs) {
                out.push_str(key);
                json_value(out, value, program);
            }
            out.push('}');
        }
        out.push(']');
    }
    out.push_str(",\"reasons\":[");
    let mut first = true;
    for fired in &outcome.fired {
        let Some(rule) = shape.rules.get(fired.rule) else {
            continue;
        };
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(rule);
        if let Some((list, index)) = fired.item {
            out.push_str(
                shape
                    .items
                    .get(list)
                    .map(String::as_str)
                    .unwrap_or(",\"item\":\"["),
            );
            push_integer(out, index as u64);
            out.push_str("]\"");
        }
        out.push('}');
    }
    out.push_str("]}");
}

/// One error record as a JSON line: its line, code, field and message.
fn json_error(line: u64, error: &RecordError, lang: Lang) -> String {
    let mut out = format!("{{\"line\":{line},\"code\":\"{}\",\"field\":", error.code.id());
    match &error.field {
        Some(field) => json_string(&mut out, field),
        None => out.push_str("null"),
    }
    out.push_str(",\"error\":");
    json_string(&mut out, &error.message.render(lang));
    out.push('}');
    out
}

/// The columns of the CSV decisions, for a rulebook.
fn csv_columns(program: &Program) -> Vec<String> {
    let mut columns = vec![
        "ligne".to_string(),
        "annee_scolaire".to_string(),
        "statut".to_string(),
    ];
    columns.extend(
        program
            .outputs
            .iter()
            .filter_map(|id| program.globals.get(*id).map(|g| g.name.clone())),
    );
    for list in &program.item_lists {
        columns.push(format!("{}_exclus", list.key));
    }
    columns.push("regles".into());
    columns.push("code_erreur".into());
    columns.push("champ_erreur".into());
    columns.push("erreur".into());
    columns
}

fn csv_value(value: &Value, program: &Program, dialect: Dialect) -> String {
    let decimal = |text: String| {
        if dialect.french {
            text.replace('.', ",")
        } else {
            text
        }
    };
    match value {
        Value::Bool(b) if dialect.french => if *b { "VRAI" } else { "FAUX" }.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Integer(n) => n.to_string(),
        Value::Money(d) => decimal(contract_money(*d)),
        Value::Decimal(d) | Value::Rate(d) => decimal(d.normalize().to_string()),
        Value::Date(d) if dialect.french => d.french(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => t.to_string(),
        Value::Enum(id, index) => enum_name(program, *id, *index),
        _ => String::new(),
    }
}

/// One decision as a CSV row (the columns of [`csv_columns`]).
fn csv_line(line: u64, program: &Program, outcome: &Outcome, width: usize, dialect: Dialect) -> String {
    let mut cells = vec![
        line.to_string(),
        program.header.year.clone(),
        outcome.status.key().to_string(),
    ];
    cells.extend(outcome.outputs.iter().map(|v| csv_value(v, program, dialect)));
    for items in &outcome.items {
        let excluded: Vec<String> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| !i.eligible)
            .map(|(n, _)| n.to_string())
            .collect();
        cells.push(excluded.join("|"));
    }
    let rules: Vec<&str> = outcome
        .fired
        .iter()
        .filter_map(|f| program.rules.get(f.rule))
        .map(|r| r.name.as_str())
        .collect();
    cells.push(rules.join("|"));
    cells.resize(width, String::new());
    csv_row(&cells, dialect)
}

/// Cells as one CSV row.
fn csv_row(cells: &[String], dialect: Dialect) -> String {
    let separator = dialect.separator.to_string();
    cells
        .iter()
        .map(|c| csv::quote(c, dialect.separator))
        .collect::<Vec<_>>()
        .join(&separator)
}

/// One error record as a CSV row: its line, then, in the last three
/// columns, its code, field and message.
fn csv_error(line: u64, error: &RecordError, width: usize, lang: Lang, dialect: Dialect) -> String {
    let mut cells = vec![line.to_string()];
    cells.resize(width.saturating_sub(3), String::new());
    cells.push(error.code.id().to_string());
    cells.push(error.field.clone().unwrap_or_default());
    cells.push(error.message.render(lang));
    csv_row(&cells, dialect)
}

/// A CSV header read under each year's schema.
struct CsvLayouts {
    by_year: BTreeMap<RulebookKey, Result<Layout, HeaderError>>,
    year_column: Option<usize>,
    caf_column: Option<usize>,
}

impl CsvLayouts {
    fn new(rulebooks: &Rulebooks, header: &[csv::Cell]) -> Result<CsvLayouts, BatchError> {
        let programs: Vec<&Program> = match rulebooks.only {
            Some(program) => vec![program],
            None => rulebooks.by_year.values().copied().collect(),
        };
        let column = |name: &str| {
            header
                .iter()
                .position(|c| c.text.trim().trim_start_matches('\u{feff}') == name)
        };
        // The `caf` column chooses the rulebook; it is none of the schema's.
        let caf_column = column(crate::input::CAF_FIELD);
        let schema_header = without(header, caf_column);
        let by_year: BTreeMap<RulebookKey, Result<Layout, HeaderError>> = programs
            .iter()
            .map(|p| (key_of(p), Layout::new(p, &schema_header)))
            .collect();
        if !by_year.values().any(Result::is_ok) {
            // The rulebooks the header comes closest to: with several Cafs,
            // listing every way it misses each would bury the one that matters.
            let closest = by_year
                .values()
                .filter_map(|layout| layout.as_ref().err().map(|e| e.problems.len()))
                .min()
                .unwrap_or(0);
            let why = by_year
                .iter()
                .filter_map(|((caf, year), layout)| {
                    let problem = layout.as_ref().err().filter(|e| e.problems.len() == closest)?;
                    Some(match caf {
                        Some(caf) => msg!(
                            "batch-header-caf-year",
                            caf = caf.as_str(),
                            year = year.as_str(),
                            why = problem.message()
                        ),
                        None => msg!("batch-header-year", year = year.as_str(), why = problem.message()),
                    })
                })
                .reduce(|said, next| msg!("batch-or-else", first = said, next = next))
                .unwrap_or_else(|| msg!("csv-nothing"));
            return Err(BatchError::csv(msg!("batch-header-fits-no-year", why = why)));
        }
        Ok(CsvLayouts {
            by_year,
            year_column: column("annee_scolaire"),
            caf_column,
        })
    }

    /// The text of a row's cell in `column`, unless it is empty.
    fn cell(cells: &[csv::Cell], column: Option<usize>) -> Option<&str> {
        column
            .and_then(|i| cells.get(i))
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// The Caf a row names in its `caf` column.
    fn caf<'c>(&self, cells: &'c [csv::Cell]) -> Option<&'c str> {
        CsvLayouts::cell(cells, self.caf_column)
    }

    fn row(&self, rulebooks: &Rulebooks, cells: &[csv::Cell]) -> Result<JsonValue, RecordError> {
        let year = CsvLayouts::cell(cells, self.year_column);
        let caf = self.caf(cells);
        let program = rulebooks.for_record(year, caf)?;
        let year = program.header.year.as_str();
        match self.by_year.get(&key_of(program)) {
            Some(Ok(layout)) => layout
                .row(program, &without(cells, self.caf_column))
                .map_err(|why| RecordError::whole(codes::BAD_CSV, why)),
            Some(Err(problem)) => Err(RecordError::whole(
                codes::BAD_CSV,
                msg!("batch-header-not-for-year", year = year, why = problem.message()),
            )),
            None => Err(RecordError::whole(codes::INTERNAL, msg!("batch-not-ready"))),
        }
    }
}

/// The cells of a CSV row but one (none when `column` is `None`).
fn without(cells: &[csv::Cell], column: Option<usize>) -> Cow<'_, [csv::Cell]> {
    match column {
        Some(column) if column < cells.len() => {
            let mut kept = cells.to_vec();
            kept.remove(column);
            Cow::Owned(kept)
        }
        _ => Cow::Borrowed(cells),
    }
}

/// The `annee_scolaire` of an application's JSON tree.
fn year_of(document: &JsonValue) -> Option<&str> {
    document.member("annee_scolaire").and_then(JsonValue::as_text)
}

/// The `caf` of an application's JSON tree.
fn caf_of(document: &JsonValue) -> Option<&str> {
    document
        .member(crate::input::CAF_FIELD)
        .and_then(JsonValue::as_text)
}

/// The Caf a record names, if it can be read: its `caf` cell in CSV, its
/// `caf` member in JSON (found in the text when the JSON is malformed).
fn named_caf(raw: &str, csv_layout: Option<&(CsvLayouts, u8)>) -> Option<String> {
    match csv_layout {
        Some((layouts, separator)) => {
            let mut cursor = std::io::Cursor::new(raw.as_bytes());
            let mut again = String::new();
            let cells = csv::read_record(&mut cursor, *separator, &mut again).ok()??;
            layouts.caf(&cells).map(str::to_string)
        }
        None => match json::parse(raw) {
            Ok(document) => caf_of(&document).map(str::to_string),
            Err(_) => fast::caf_hint(raw).map(std::borrow::Cow::into_owned),
        },
    }
}

/// Decides one line of JSON Lines: read by the fast reader when it can,
/// otherwise by the precise one, whose error says what and where.
fn decide_line<'e, 'p>(
    rulebooks: &Rulebooks<'p>,
    engines: &'e Engines<'p>,
    raw: &str,
    scratch: &mut PlanScratch,
    reading: &mut fast::Scratch,
    precise: &mut u64,
) -> Result<(&'e Engine<'p>, Outcome, Value), RecordError> {
    // The Caf and the year are guessed in a few instructions, then read
    // properly when the guess does not give a decision (a nested member of
    // the same name, an escape…); either way the decoded application must
    // say that Caf and that year.
    let quick_caf = fast::quick_text(raw, crate::input::CAF_FIELD);
    let quick_year = fast::quick_text(raw, fast::YEAR_KEY);
    let fast = |caf: Option<&str>,
                year: Option<&str>,
                guessed: bool,
                scratch: &mut PlanScratch,
                reading: &mut fast::Scratch| {
        let program = rulebooks.for_record(year, caf).ok()?;
        let engine = engines.of(program).ok()?;
        let value = engine.reader.decode(raw, reading)?;
        if guessed && reading.caf_read(raw)? != caf {
            return None;
        }
        let chosen = rulebooks.for_record(engine.year(&value), caf).ok()?;
        if !std::ptr::eq(chosen, program) {
            return None;
        }
        let outcome = engine
            .plan
            .outcome(&value, scratch)
            .map_err(|e| RecordError::whole(e.code, e.message()));
        Some(outcome.map(|outcome| (engine, outcome, value)))
    };
    if let Some(decided) = fast(quick_caf, quick_year, true, scratch, reading) {
        return decided;
    }
    let caf = fast::caf_hint(raw);
    let caf = caf.as_deref();
    let year = fast::year_hint(raw);
    if (caf != quick_caf || year.as_deref() != quick_year)
        && let Some(decided) = fast(caf, year.as_deref(), false, scratch, reading)
    {
        return decided;
    }
    *precise += 1;
    let document = json::parse(raw).map_err(|e| {
        let (_, column) = json::line_column(raw, e.span.start);
        RecordError::whole(
            e.code,
            msg!("batch-malformed-json", column = column, why = e.message),
        )
    })?;
    decide(rulebooks, engines, &document, caf_of(&document), scratch)
}

/// Decides one application's JSON tree, addressed to `caf` (its `caf`
/// member, or a CSV row's `caf` cell); the error says what and where.
fn decide<'e, 'p>(
    rulebooks: &Rulebooks<'p>,
    engines: &'e Engines<'p>,
    document: &JsonValue,
    caf: Option<&str>,
    scratch: &mut PlanScratch,
) -> Result<(&'e Engine<'p>, Outcome, Value), RecordError> {
    if !matches!(document.kind, json::JsonKind::Object(_)) {
        let problem = decode::not_an_object(document);
        return Err(RecordError::whole(problem.code, problem.message));
    }
    let program = rulebooks.for_record(year_of(document), caf)?;
    let value =
        decode::decode_value(program, document).map_err(|errors| RecordError::of_application(&errors))?;
    let engine = engines.of(program)?;
    let outcome = engine
        .plan
        .outcome(&value, scratch)
        .map_err(|e| RecordError::whole(e.code, e.message()))?;
    Ok((engine, outcome, value))
}

/// Adds `amount` to the total under `name`, without allocating once the
/// name is known.
fn add_to(totals: &mut BTreeMap<String, Decimal>, name: &str, amount: Decimal, overflow: &mut bool) {
    match totals.get_mut(name) {
        Some(total) => match total.checked_add(amount) {
            Some(sum) => *total = sum,
            None => *overflow = true,
        },
        None => {
            totals.insert(name.to_string(), amount);
        }
    }
}

/// The statuses, in the order [`Share::statuses`] counts them.
const STATUSES: [Status; 3] = [Status::Eligible, Status::Ineligible, Status::Incomplete];

/// What the records of one group add to the summary: tallied by position
/// as they are decided, merged by name once per group.
#[derive(Default)]
struct Partial<'e, 'p> {
    records: u64,
    errors: u64,
    /// The records in error, by the Caf they are counted under
    /// ([`Engines::group_of_error`]).
    errors_by_group: Vec<(usize, u64)>,
    precise: u64,
    shares: Vec<Share<'e, 'p>>,
    /// What the group adds to the campaign report, when one is made.
    report: Option<report::GroupStats>,
}

/// What the decisions of one rulebook in a group add to the summary.
struct Share<'e, 'p> {
    engine: &'e Engine<'p>,
    /// Decisions by status, in [`STATUSES`] order.
    statuses: [u64; 3],
    /// The sum of each output that is money, by its position.
    totals: Vec<Option<Decimal>>,
    /// By niveau: decisions, and the sum of each output that is money.
    by_niveau: Vec<(Cow<'p, str>, u64, Vec<Option<Decimal>>)>,
    overflow: bool,
}

/// Adds the money outputs of a decision to sums kept by output position.
fn add_amounts(totals: &mut Vec<Option<Decimal>>, outputs: &[Value], overflow: &mut bool) {
    if totals.len() < outputs.len() {
        totals.resize(outputs.len(), None);
    }
    for (total, value) in totals.iter_mut().zip(outputs) {
        if let Value::Money(amount) = value {
            *total = match total {
                None => Some(*amount),
                Some(sum) => sum.checked_add(*amount).or_else(|| {
                    *overflow = true;
                    Some(*sum)
                }),
            };
        }
    }
}

impl<'e, 'p> Partial<'e, 'p> {
    fn error(&mut self, group: usize) {
        self.records += 1;
        self.errors += 1;
        match self.errors_by_group.iter_mut().find(|(g, _)| *g == group) {
            Some((_, count)) => *count += 1,
            None => self.errors_by_group.push((group, 1)),
        }
    }

    fn decided(&mut self, engine: &'e Engine<'p>, outcome: &Outcome, value: &Value) {
        self.records += 1;
        let position = match self.shares.iter().position(|s| std::ptr::eq(s.engine, engine)) {
            Some(position) => position,
            None => {
                self.shares.push(Share {
                    engine,
                    statuses: [0; 3],
                    totals: Vec::new(),
                    by_niveau: Vec::new(),
                    overflow: false,
                });
                self.shares.len() - 1
            }
        };
        let Some(share) = self.shares.get_mut(position) else {
            return;
        };
        if let Some(count) = STATUSES
            .iter()
            .position(|s| *s == outcome.status)
            .and_then(|i| share.statuses.get_mut(i))
        {
            *count += 1;
        }
        add_amounts(&mut share.totals, &outcome.outputs, &mut share.overflow);
        let Some(niveau) = niveau(engine, value) else {
            return;
        };
        let position = match share.by_niveau.iter().position(|(n, _, _)| *n == niveau) {
            Some(position) => position,
            None => {
                share.by_niveau.push((niveau, 0, Vec::new()));
                share.by_niveau.len() - 1
            }
        };
        if let Some((_, count, totals)) = share.by_niveau.get_mut(position) {
            *count += 1;
            add_amounts(totals, &outcome.outputs, &mut share.overflow);
        }
    }
}

impl Summary {
    /// An empty summary, with a part for each of the campaign's Cafs and
    /// one for the records of no known Caf (none when there are no Cafs).
    fn of_cafs(engines: &Engines) -> Summary {
        let mut summary = Summary::default();
        if !engines.cafs.is_empty() {
            summary.by_caf = engines
                .cafs
                .iter()
                .map(|caf| Some(caf.clone()))
                .chain(std::iter::once(None))
                .map(|caf| CafSummary {
                    caf,
                    summary: Summary::default(),
                })
                .collect();
        }
        summary
    }

    /// Adds what a group of records gave, to the whole and to each Caf.
    fn merge(&mut self, partial: &Partial) {
        self.records += partial.records;
        self.errors += partial.errors;
        for (group, count) in &partial.errors_by_group {
            if let Some(part) = self.by_caf.get_mut(*group) {
                part.summary.records += count;
                part.summary.errors += count;
            }
        }
        self.precise += partial.precise;
        for share in &partial.shares {
            self.add_share(share);
            if let Some(part) = self.by_caf.get_mut(share.engine.group) {
                part.summary.records += share.statuses.iter().sum::<u64>();
                part.summary.add_share(share);
            }
        }
    }

    /// Adds the decisions of one rulebook in a group (not their number).
    fn add_share(&mut self, share: &Share) {
        let program = share.engine.program;
        self.overflow |= share.overflow;
        for (status, count) in STATUSES.iter().zip(share.statuses) {
            if count > 0 {
                *self.statuses.entry(status.key()).or_default() += count;
            }
        }
        let name = |index: usize| {
            program
                .outputs
                .get(index)
                .and_then(|id| program.globals.get(*id))
                .map(|g| g.name.as_str())
        };
        for (index, total) in share.totals.iter().enumerate() {
            if let (Some(total), Some(name)) = (total, name(index)) {
                add_to(&mut self.totals, name, *total, &mut self.overflow);
                SummaryNames::add(&mut self.names.outputs, name, || {
                    let label = program
                        .outputs
                        .get(index)
                        .and_then(|id| program.globals.get(*id))
                        .and_then(|g| g.label.clone());
                    (label, index)
                });
            }
        }
        for (niveau, count, totals) in &share.by_niveau {
            let niveau: &str = niveau;
            SummaryNames::add(&mut self.names.niveaux, niveau, || {
                let label = program.input_value_label("niveau", niveau).map(str::to_string);
                (
                    label,
                    program.input_value_place("niveau", niveau).unwrap_or(usize::MAX),
                )
            });
            if !self.by_niveau.contains_key(niveau) {
                self.by_niveau.insert(niveau.to_string(), Default::default());
            }
            if let Some((decided, sums)) = self.by_niveau.get_mut(niveau) {
                *decided += count;
                for (index, total) in totals.iter().enumerate() {
                    if let (Some(total), Some(name)) = (total, name(index)) {
                        add_to(sums, name, *total, &mut self.overflow);
                    }
                }
            }
        }
    }
}

/// Writes what one record gives to `out` (its line, without the line
/// break), and adds its share to the group's summary. Gives the outcome
/// back, for its buffers.
#[allow(clippy::too_many_arguments)]
fn process<'e, 'p>(
    out: &mut String,
    line: u64,
    decided: Result<(&'e Engine<'p>, Outcome, Value), RecordError>,
    output: OutputFormat,
    width: usize,
    lang: Lang,
    partial: &mut Partial<'e, 'p>,
    group_of_error: impl FnOnce() -> usize,
) -> Option<(Outcome, Value)> {
    match decided {
        Ok((engine, outcome, value)) => {
            match output.csv() {
                None => write_json_line(out, line, engine.program, &engine.shape, &outcome),
                Some(dialect) => out.push_str(&csv_line(line, engine.program, &outcome, width, dialect)),
            }
            partial.decided(engine, &outcome, &value);
            if let Some(stats) = &mut partial.report {
                stats.decided(engine, &outcome, &value);
            }
            Some((outcome, value))
        }
        Err(error) => {
            out.push_str(&match output.csv() {
                None => json_error(line, &error, lang),
                Some(dialect) => csv_error(line, &error, width, lang, dialect),
            });
            let group = group_of_error();
            partial.error(group);
            if let Some(stats) = &mut partial.report {
                stats.error(line, group, error);
            }
            None
        }
    }
}

/// The application's `niveau`, when its schema has one.
fn niveau<'p>(engine: &Engine<'p>, value: &Value) -> Option<Cow<'p, str>> {
    let Value::Record(fields) = value else { return None };
    let program = engine.program;
    match fields.get(engine.niveau?)? {
        Value::Enum(id, i) => program
            .enums
            .get(*id as usize)
            .and_then(|e| e.variants.get(*i as usize))
            .map(|name| Cow::Borrowed(name.as_str())),
        Value::Text(text) => Some(Cow::Owned(text.to_string())),
        _ => None,
    }
}

/// The error record of a record that cannot be read at all.
fn unreadable(problem: &RecordProblem) -> RecordError {
    match problem {
        RecordProblem::NotUtf8(message) => RecordError::whole(codes::NOT_UTF8, message.clone()),
        RecordProblem::UnclosedQuote(message) => RecordError::whole(codes::BAD_CSV, message.clone()),
    }
}

/// Decides every record of `input`, writing one decision (or error record,
/// its message in `lang`) per record to `output`, in order. `progress` is
/// told the records and bytes read after each chunk.
pub fn run(
    rulebooks: &Rulebooks,
    input: &mut impl BufRead,
    input_format: InputFormat,
    output: &mut impl Write,
    output_format: OutputFormat,
    lang: Lang,
    progress: impl FnMut(u64, u64),
) -> Result<Summary, BatchError> {
    let (summary, _) = run_reporting(
        rulebooks,
        input,
        input_format,
        output,
        output_format,
        lang,
        false,
        progress,
    )?;
    Ok(summary)
}

/// [`run`], which also gathers the campaign report's figures when `report`
/// is set.
#[allow(clippy::too_many_arguments)]
pub fn run_reporting(
    rulebooks: &Rulebooks,
    input: &mut impl BufRead,
    input_format: InputFormat,
    output: &mut impl Write,
    output_format: OutputFormat,
    lang: Lang,
    report: bool,
    mut progress: impl FnMut(u64, u64),
) -> Result<(Summary, Option<report::CampaignReport>), BatchError> {
    let engines = Engines::new(rulebooks);
    let mut summary = Summary::of_cafs(&engines);
    let mut stats = report.then(|| report::Stats::new(&engines));
    let columns = rulebooks.first().map(csv_columns).unwrap_or_default();
    let width = columns.len();
    if let Some(dialect) = output_format.csv() {
        // A French spreadsheet reads UTF-8 only after its byte order mark.
        let mark = if dialect.french { "\u{feff}" } else { "" };
        writeln!(output, "{mark}{}", csv_row(&columns, dialect)).map_err(|e| BatchError::io(&e))?;
    }
    let mut bytes = 0u64;
    // Lines are read as bytes: a line that is not UTF-8, or a CSV quote
    // never closed, is one record in error, and reading goes on.
    let mut records = csv::Records::new(&mut *input);
    // For CSV: the header's meaning under each year's schema; a row is read
    // with the layout of the year in its `annee_scolaire` column.
    let mut layout: Option<(CsvLayouts, u8)> = None;
    if let InputFormat::Csv(separator) = input_format {
        let empty = || BatchError::csv(msg!("batch-csv-empty"));
        let header = records
            .next_record()
            .map_err(|e| BatchError::io(&e))?
            .ok_or_else(empty)?;
        let text = header.text.map_err(|problem| BatchError {
            code: Some(unreadable(&problem).code),
            message: msg!("batch-csv-header", why = problem.message().clone()),
        })?;
        bytes += text.len() as u64;
        let mut cursor = std::io::Cursor::new(text.as_bytes());
        let mut raw = String::new();
        let cells = csv::read_record(&mut cursor, separator, &mut raw)
            .map_err(|e| BatchError::io(&e))?
            .ok_or_else(empty)?;
        layout = Some((CsvLayouts::new(rulebooks, &cells)?, separator));
    }
    // A chunk's records, one after another in one buffer, and for each its
    // line and its place in that buffer (or why it could not be read).
    // JSON lines are read straight into the buffer and checked for UTF-8
    // when decided (on every core); CSV records come whole from `records`.
    let mut text: Vec<u8> = Vec::new();
    let chunk_size = CHUNK_PER_THREAD.saturating_mul(rayon::current_num_threads().max(1));
    let mut chunk: Vec<(u64, Result<Range<usize>, RecordProblem>)> = Vec::with_capacity(chunk_size);
    let mut outs: Vec<String> = Vec::new();
    let mut lines = Vec::with_capacity(chunk_size);
    loop {
        text.clear();
        chunk.clear();
        if layout.is_none() {
            bytes += records
                .next_lines_bytes(&mut text, &mut lines, chunk_size)
                .map_err(|e| BatchError::io(&e))? as u64;
            chunk.extend(lines.drain(..).map(|(line, range)| (line, Ok(range))));
        }
        while layout.is_some() && chunk.len() < chunk_size {
            let read = records.next_record().map_err(|e| BatchError::io(&e))?;
            let Some(record) = read else { break };
            match record.text {
                Ok(record_text) => {
                    bytes += record_text.len() as u64;
                    if record_text.trim().is_empty() {
                        continue; // blank lines are not records
                    }
                    let at = text.len();
                    text.extend_from_slice(record_text.as_bytes());
                    chunk.push((record.line, Ok(at..text.len())));
                }
                Err(problem) => {
                    bytes += 1;
                    chunk.push((record.line, Err(problem)));
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        // Each group writes into its own buffer, kept from chunk to chunk.
        outs.resize_with(chunk.len().div_ceil(GROUP), String::new);
        let parts: Vec<Partial> = chunk
            .par_chunks(GROUP)
            .zip(outs.par_iter_mut())
            .map_init(
                Default::default,
                |(scratch, reading): &mut (PlanScratch, fast::Scratch), (group, out)| {
                    out.clear();
                    let mut partial = Partial {
                        report: report.then(report::GroupStats::default),
                        ..Partial::default()
                    };
                    for (line, place) in group {
                        let decided = match place {
                            Err(problem) => Err(unreadable(problem)),
                            Ok(range) => {
                                let raw = text.get(range.clone()).unwrap_or_default();
                                match (&layout, crate::input::line_text(raw)) {
                                    (Some((layouts, separator)), _) => {
                                        partial.precise += 1;
                                        let mut cursor = std::io::Cursor::new(raw);
                                        let mut again = String::new();
                                        match csv::read_record(&mut cursor, *separator, &mut again) {
                                            Ok(Some(cells)) => layouts.row(rulebooks, &cells).and_then(|d| {
                                                let caf = layouts.caf(&cells);
                                                decide(rulebooks, &engines, &d, caf, scratch)
                                            }),
                                            _ => Err(RecordError::whole(
                                                codes::BAD_CSV,
                                                msg!("batch-unreadable-record"),
                                            )),
                                        }
                                    }
                                    (None, Ok(line)) if line.trim().is_empty() => {
                                        continue; // blank lines are not records
                                    }
                                    (None, Ok(line)) => decide_line(
                                        rulebooks,
                                        &engines,
                                        line,
                                        scratch,
                                        reading,
                                        &mut partial.precise,
                                    ),
                                    (None, Err(why)) => Err(unreadable(&RecordProblem::NotUtf8(why))),
                                }
                            }
                        };
                        // Only for a record in error: the Caf it names, read again.
                        let group_of_error = || {
                            let raw = place
                                .as_ref()
                                .ok()
                                .and_then(|range| text.get(range.clone()))
                                .and_then(|raw| crate::input::line_text(raw).ok());
                            let named = raw.and_then(|raw| named_caf(raw, layout.as_ref()));
                            engines.group_of_error(named.as_deref())
                        };
                        if let Some((outcome, value)) = process(
                            out,
                            *line,
                            decided,
                            output_format,
                            width,
                            lang,
                            &mut partial,
                            group_of_error,
                        ) {
                            scratch.recycle(outcome);
                            reading.recycle(value);
                        }
                        out.push('\n');
                    }
                    partial
                },
            )
            .collect();
        for (out, partial) in outs.iter().zip(&parts) {
            output.write_all(out.as_bytes()).map_err(|e| BatchError::io(&e))?;
            summary.merge(partial);
            if let (Some(stats), Some(group)) = (&mut stats, &partial.report) {
                stats.absorb(group);
            }
        }
        progress(summary.records, bytes);
    }
    output.flush().map_err(|e| BatchError::io(&e))?;
    summary.windows_1252 = records.windows_1252_lines();
    summary.by_caf.retain(|part| part.summary.records > 0);
    let report = stats.map(|stats| stats.finish(&engines, &summary));
    Ok((summary, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_in_the_dialect_of_french_spreadsheets() {
        let source = crate::rulebook::RulesSource::Embedded;
        let found = crate::rulebook::for_year(&source, "2023-2024").unwrap();
        let program = crate::rulebook::load(&source, found).unwrap().program.unwrap();
        let french = Dialect {
            separator: ';',
            french: true,
        };
        let plain = Dialect {
            separator: ',',
            french: false,
        };
        let date = crate::value::Date::new(2023, 7, 7).unwrap();
        for (value, in_french, as_contract) in [
            (Value::Money(Decimal::new(256350, 2)), "2563,50", "2563.50"),
            (Value::Money(Decimal::new(305, 0)), "305,00", "305.00"),
            (Value::Rate(Decimal::new(325, 3)), "0,325", "0.325"),
            (Value::Decimal(Decimal::new(15, 1)), "1,5", "1.5"),
            (Value::Integer(12), "12", "12"),
            (Value::Bool(true), "VRAI", "true"),
            (Value::Bool(false), "FAUX", "false"),
            (Value::Date(date), "07/07/2023", "2023-07-07"),
            (
                Value::Text("Les Puys, 1.2".into()),
                "Les Puys, 1.2",
                "Les Puys, 1.2",
            ),
        ] {
            assert_eq!(csv_value(&value, &program, french), in_french, "{value:?}");
            assert_eq!(csv_value(&value, &program, plain), as_contract, "{value:?}");
        }
        let cells = ["a;b".to_string(), "c,d".to_string()];
        assert_eq!(csv_row(&cells, french), "\"a;b\";c,d");
        assert_eq!(csv_row(&cells, plain), "a;b,\"c,d\"");
    }
}
