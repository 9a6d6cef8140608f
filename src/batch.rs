//! Whole campaigns: decide every application of a JSON Lines or CSV file,
//! streaming in chunks (memory stays flat), each chunk decided on every core
//! and written in input order. A bad record yields an error record in its
//! place: as many records out as in. The summary counts statuses and adds up
//! every amount, overall and per niveau.

use crate::eval::{Outcome, Plan, PlanScratch};
use crate::input::csv::{self, Layout};
use crate::input::json::{self, JsonValue};
use crate::input::{decode, fast};
use crate::program::Program;
use crate::syntax::ast::RuleSeverity;
use crate::value::{Value, contract_money, push_integer, write_contract_money};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::ops::Range;

/// How many records are decided together.
const CHUNK: usize = 8192;
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
}

/// The rulebooks a campaign may use, by school year.
pub struct Rulebooks<'p> {
    /// Every rulebook available, by year.
    pub by_year: BTreeMap<String, &'p Program>,
    /// The rulebook to use for every record, if one was given.
    pub only: Option<&'p Program>,
}

impl<'p> Rulebooks<'p> {
    fn for_record(&self, year: Option<&str>) -> Result<&'p Program, String> {
        if let Some(program) = self.only {
            return match year {
                Some(year) if year != program.header.year => Err(format!(
                    "annee_scolaire: the application is for `{year}` but the rulebook is for `{}`",
                    program.header.year
                )),
                _ => Ok(program),
            };
        }
        let year = year.ok_or("annee_scolaire: missing, so no rulebook can be chosen")?;
        self.by_year.get(year).copied().ok_or_else(|| {
            let years: Vec<&str> = self.by_year.keys().map(String::as_str).collect();
            format!(
                "annee_scolaire: no rulebook for `{year}`; the years available are {}",
                years.join(", ")
            )
        })
    }

    /// The rulebook whose outputs name the CSV columns.
    fn first(&self) -> Option<&'p Program> {
        self.only.or_else(|| self.by_year.values().next_back().copied())
    }
}

/// Each rulebook of a campaign compiled once to a [`Plan`], which decides
/// exactly as the tree walker of a single `eval`, faster.
struct Plans<'p> {
    plans: Vec<(&'p Program, Plan)>,
}

impl<'p> Plans<'p> {
    fn new(rulebooks: &Rulebooks<'p>) -> Plans<'p> {
        let mut plans: Vec<(&'p Program, Plan)> = Vec::new();
        for program in rulebooks.only.iter().chain(rulebooks.by_year.values()) {
            if !plans.iter().any(|(p, _)| std::ptr::eq(*p, *program)) {
                plans.push((program, Plan::new(program)));
            }
        }
        Plans { plans }
    }

    /// Decides one application with its rulebook's plan.
    fn outcome(
        &self,
        program: &Program,
        value: &Value,
        scratch: &mut PlanScratch,
    ) -> Result<Outcome, String> {
        let (_, plan) = self
            .plans
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, program))
            .ok_or("internal error: a rulebook without its plan")?;
        plan.outcome(value, scratch).map_err(|e| e.message)
    }
}

/// Counts and totals of a campaign.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Records read.
    pub records: u64,
    /// Records in error (no decision).
    pub errors: u64,
    /// Decisions by status.
    pub statuses: BTreeMap<&'static str, u64>,
    /// The sum of each money output over all decisions.
    pub totals: BTreeMap<String, Decimal>,
    /// By niveau: decisions, and the sum of each money output.
    pub by_niveau: BTreeMap<String, (u64, BTreeMap<String, Decimal>)>,
    /// Whether a total went beyond what an exact decimal holds (and stopped
    /// growing): the totals are then not to be trusted.
    pub overflow: bool,
}

impl Summary {
    /// The summary in French, for staff.
    pub fn to_human(&self) -> String {
        let mut out = format!("Demandes lues : {}\n", self.records);
        for (status, count) in &self.statuses {
            let word = match *status {
                "eligible" => "éligibles",
                "ineligible" => "non éligibles",
                _ => "incomplètes",
            };
            out.push_str(&format!("  {word} : {count}\n"));
        }
        if self.errors > 0 {
            out.push_str(&format!("  en erreur (non décidées) : {}\n", self.errors));
        }
        out.push_str("Montants accordés\n");
        if self.overflow {
            out.push_str(
                "  attention : un total dépasse la capacité du calcul exact, les totaux sont faux\n",
            );
        }
        for (name, total) in &self.totals {
            out.push_str(&format!("  {name} : {}\n", crate::value::french_money(*total)));
        }
        if !self.by_niveau.is_empty() {
            out.push_str("Par niveau\n");
            for (niveau, (count, totals)) in &self.by_niveau {
                let amounts: Vec<String> = totals
                    .iter()
                    .map(|(k, v)| format!("{k} {}", crate::value::french_money(*v)))
                    .collect();
                out.push_str(&format!(
                    "  {niveau} : {count} demande(s) ; {}\n",
                    amounts.join(" ; ")
                ));
            }
        }
        out
    }

    /// The summary as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        let totals = |t: &BTreeMap<String, Decimal>| -> serde_json::Map<String, serde_json::Value> {
            t.iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(contract_money(*v))))
                .collect()
        };
        serde_json::json!({
            "records": self.records,
            "errors": self.errors,
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

fn severity_key(severity: RuleSeverity) -> &'static str {
    match severity {
        RuleSeverity::Refuse => "refuse",
        RuleSeverity::Incomplete => "incomplete",
        RuleSeverity::Warn => "warn",
        RuleSeverity::Info => "info",
    }
}

/// One decision as a JSON line.
pub fn json_line(line: u64, program: &Program, outcome: &Outcome) -> String {
    let mut out = String::with_capacity(512);
    write_json_line(&mut out, line, program, outcome);
    out
}

/// [`json_line`], appended to `out`.
fn write_json_line(out: &mut String, line: u64, program: &Program, outcome: &Outcome) {
    out.push_str("{\"line\":");
    push_integer(out, line);
    out.push_str(",\"year\":");
    json_string(out, &program.header.year);
    out.push_str(",\"status\":\"");
    out.push_str(outcome.status.key());
    out.push_str("\",\"outputs\":{");
    for (i, (id, value)) in program.outputs.iter().zip(&outcome.outputs).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let name = program.globals.get(*id).map(|g| g.name.as_str()).unwrap_or("");
        json_string(out, name);
        out.push(':');
        json_value(out, value, program);
    }
    out.push('}');
    for (list, items) in program.item_lists.iter().zip(&outcome.items) {
        out.push(',');
        json_string(out, &list.key);
        out.push_str(":[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(if item.eligible {
                "{\"eligible\":true"
            } else {
                "{\"eligible\":false"
            });
            for (output, value) in list.outputs.iter().zip(&item.outputs) {
                out.push(',');
                json_string(out, &output.name);
                out.push(':');
                json_value(out, value, program);
            }
            out.push('}');
        }
        out.push(']');
    }
    out.push_str(",\"reasons\":[");
    for (i, fired) in outcome.fired.iter().enumerate() {
        let Some(rule) = program.rules.get(fired.rule) else {
            continue;
        };
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"rule\":");
        json_string(out, &rule.name);
        out.push_str(",\"severity\":\"");
        out.push_str(severity_key(rule.severity));
        out.push('"');
        if let Some((list, index)) = fired.item {
            let key = program.item_lists.get(list).map(|l| l.key.as_str()).unwrap_or("");
            // A list's key is an identifier: nothing to escape.
            out.push_str(",\"item\":\"");
            out.push_str(key);
            out.push('[');
            push_integer(out, index as u64);
            out.push_str("]\"");
        }
        out.push('}');
    }
    out.push_str("]}");
}

/// One error record as a JSON line.
fn json_error(line: u64, message: &str) -> String {
    let mut out = format!("{{\"line\":{line},\"error\":");
    json_string(&mut out, message);
    out.push('}');
    out
}

/// The header of the CSV decisions, for a rulebook.
pub fn csv_header(program: &Program) -> String {
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
    columns.push("erreur".into());
    columns.join(",")
}

fn csv_value(value: &Value, program: &Program) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Integer(n) => n.to_string(),
        Value::Money(d) => contract_money(*d),
        Value::Decimal(d) | Value::Rate(d) => d.normalize().to_string(),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => t.to_string(),
        Value::Enum(id, index) => enum_name(program, *id, *index),
        _ => String::new(),
    }
}

/// One decision as a CSV row (the columns of [`csv_header`]).
fn csv_line(line: u64, program: &Program, outcome: &Outcome, width: usize) -> String {
    let mut cells = vec![
        line.to_string(),
        program.header.year.clone(),
        outcome.status.key().to_string(),
    ];
    cells.extend(outcome.outputs.iter().map(|v| csv_value(v, program)));
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
    cells.push(String::new());
    cells.resize(width, String::new());
    cells
        .iter()
        .map(|c| csv::quote(c, ','))
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_error(line: u64, message: &str, width: usize) -> String {
    let mut cells = vec![line.to_string()];
    cells.resize(width.saturating_sub(1), String::new());
    cells.push(message.to_string());
    cells
        .iter()
        .map(|c| csv::quote(c, ','))
        .collect::<Vec<_>>()
        .join(",")
}

/// A CSV header read under each year's schema.
struct CsvLayouts {
    by_year: BTreeMap<String, Result<Layout, String>>,
    year_column: Option<usize>,
}

impl CsvLayouts {
    fn new(rulebooks: &Rulebooks, header: &[csv::Cell]) -> Result<CsvLayouts, String> {
        let programs: Vec<&Program> = match rulebooks.only {
            Some(program) => vec![program],
            None => rulebooks.by_year.values().copied().collect(),
        };
        let by_year: BTreeMap<String, Result<Layout, String>> = programs
            .iter()
            .map(|p| {
                (
                    p.header.year.clone(),
                    Layout::new(p, header).map_err(|e| e.message),
                )
            })
            .collect();
        if !by_year.values().any(Result::is_ok) {
            let why: Vec<String> = by_year
                .iter()
                .map(|(y, r)| format!("{y}: {}", r.as_ref().err().map(String::as_str).unwrap_or("")))
                .collect();
            return Err(format!(
                "the CSV header does not fit the rulebook of any year: {}",
                why.join(" / ")
            ));
        }
        let year_column = header
            .iter()
            .position(|c| c.text.trim().trim_start_matches('\u{feff}') == "annee_scolaire");
        Ok(CsvLayouts { by_year, year_column })
    }

    fn row(&self, rulebooks: &Rulebooks, cells: &[csv::Cell]) -> Result<JsonValue, String> {
        let year = self.year_column.and_then(|i| cells.get(i)).map(|c| c.text.trim());
        let program = rulebooks.for_record(year)?;
        match self.by_year.get(&program.header.year) {
            Some(Ok(layout)) => layout.row(program, cells),
            Some(Err(why)) => Err(format!(
                "the CSV header does not fit the rulebook of {}: {why}",
                program.header.year
            )),
            None => Err(format!("no rulebook for `{}`", program.header.year)),
        }
    }
}

/// The `annee_scolaire` of an application's JSON tree.
fn year_of(document: &JsonValue) -> Option<&str> {
    document.member("annee_scolaire").and_then(JsonValue::as_text)
}

/// Decides one line of JSON Lines: read by the fast reader when it can,
/// otherwise by the precise one, whose error says what and where.
fn decide_line<'p>(
    rulebooks: &Rulebooks<'p>,
    plans: &Plans<'p>,
    raw: &str,
    scratch: &mut PlanScratch,
) -> Result<(&'p Program, Outcome, Value), String> {
    if let Ok(program) = rulebooks.for_record(fast::year_hint(raw))
        && let Some(value) = fast::decode(program, raw)
        && rulebooks
            .for_record(top_text(program, &value, "annee_scolaire"))
            .is_ok_and(|chosen| std::ptr::eq(chosen, program))
    {
        let outcome = plans.outcome(program, &value, scratch)?;
        return Ok((program, outcome, value));
    }
    let document = json::parse(raw).map_err(|e| {
        let (_, column) = json::line_column(raw, e.span.start);
        format!("malformed JSON at column {column}: {}", e.message)
    })?;
    decide(rulebooks, plans, &document, scratch)
}

/// A field of the application, by name, when its schema has it.
fn top_field<'v>(program: &Program, value: &'v Value, name: &str) -> Option<&'v Value> {
    let record = program.records.get(program.input)?;
    let index = record.fields.iter().position(|f| f.name == name)?;
    let Value::Record(fields) = value else { return None };
    fields.get(index)
}

/// A text field of the application, by name.
fn top_text<'v>(program: &Program, value: &'v Value, name: &str) -> Option<&'v str> {
    match top_field(program, value, name)? {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

/// Decides one application's JSON tree; the error says what and where.
fn decide<'p>(
    rulebooks: &Rulebooks<'p>,
    plans: &Plans<'p>,
    document: &JsonValue,
    scratch: &mut PlanScratch,
) -> Result<(&'p Program, Outcome, Value), String> {
    if !matches!(document.kind, json::JsonKind::Object(_)) {
        return Err(format!(
            "expected the application as a JSON object {{ … }}, found {}",
            document.describe()
        ));
    }
    let program = rulebooks.for_record(year_of(document))?;
    let value = decode::decode_value(program, document).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let outcome = plans.outcome(program, &value, scratch)?;
    Ok((program, outcome, value))
}

/// What one record adds to the summary.
enum Tally<'p> {
    /// A record in error.
    Error,
    /// A decision.
    Decided {
        program: &'p Program,
        status: &'static str,
        /// Each output that is money, by its index in the program's outputs.
        amounts: Vec<(usize, Decimal)>,
        niveau: Option<Cow<'p, str>>,
    },
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

impl Summary {
    fn count(&mut self, tally: &Tally) {
        self.records += 1;
        let Tally::Decided {
            program,
            status,
            amounts,
            niveau,
        } = tally
        else {
            self.errors += 1;
            return;
        };
        *self.statuses.entry(status).or_default() += 1;
        let name = |index: &usize| {
            program
                .outputs
                .get(*index)
                .and_then(|id| program.globals.get(*id))
                .map(|g| g.name.as_str())
        };
        for (index, amount) in amounts {
            if let Some(name) = name(index) {
                add_to(&mut self.totals, name, *amount, &mut self.overflow);
            }
        }
        if let Some(niveau) = niveau {
            let niveau: &str = niveau;
            if !self.by_niveau.contains_key(niveau) {
                self.by_niveau.insert(niveau.to_string(), Default::default());
            }
            if let Some((count, totals)) = self.by_niveau.get_mut(niveau) {
                *count += 1;
                for (index, amount) in amounts {
                    if let Some(name) = name(index) {
                        add_to(totals, name, *amount, &mut self.overflow);
                    }
                }
            }
        }
    }
}

/// Writes what one record gives to `out` (its line, without the line
/// break), and returns its share of the summary.
fn process<'p>(
    out: &mut String,
    line: u64,
    decided: Result<(&'p Program, Outcome, Value), String>,
    output: OutputFormat,
    width: usize,
) -> Tally<'p> {
    match decided {
        Ok((program, outcome, value)) => {
            let amounts = outcome
                .outputs
                .iter()
                .enumerate()
                .filter_map(|(index, v)| match v {
                    Value::Money(amount) => Some((index, *amount)),
                    _ => None,
                })
                .collect();
            match output {
                OutputFormat::JsonLines => write_json_line(out, line, program, &outcome),
                OutputFormat::Csv => out.push_str(&csv_line(line, program, &outcome, width)),
            }
            Tally::Decided {
                program,
                status: outcome.status.key(),
                amounts,
                niveau: niveau(program, &value),
            }
        }
        Err(message) => {
            out.push_str(&match output {
                OutputFormat::JsonLines => json_error(line, &message),
                OutputFormat::Csv => csv_error(line, &message, width),
            });
            Tally::Error
        }
    }
}

/// The application's `niveau`, when its schema has one.
fn niveau<'p>(program: &'p Program, value: &Value) -> Option<Cow<'p, str>> {
    match top_field(program, value, "niveau")? {
        Value::Enum(id, i) => program
            .enums
            .get(*id as usize)
            .and_then(|e| e.variants.get(*i as usize))
            .map(|name| Cow::Borrowed(name.as_str())),
        Value::Text(text) => Some(Cow::Owned(text.to_string())),
        _ => None,
    }
}

/// Decides every record of `input`, writing one decision (or error record)
/// per record to `output`, in order. `progress` is told the records and
/// bytes read after each chunk.
pub fn run(
    rulebooks: &Rulebooks,
    input: &mut impl BufRead,
    input_format: InputFormat,
    output: &mut impl Write,
    output_format: OutputFormat,
    mut progress: impl FnMut(u64, u64),
) -> Result<Summary, String> {
    let mut summary = Summary::default();
    let plans = Plans::new(rulebooks);
    let width = rulebooks
        .first()
        .map(|p| csv_header(p).split(',').count())
        .unwrap_or(0);
    if output_format == OutputFormat::Csv {
        let header = rulebooks.first().map(csv_header).unwrap_or_default();
        writeln!(output, "{header}").map_err(|e| e.to_string())?;
    }
    let mut bytes = 0u64;
    // Lines are read as bytes: a line that is not UTF-8, or a CSV quote
    // never closed, is one record in error, and reading goes on.
    let mut records = csv::Records::new(&mut *input);
    // For CSV: the header's meaning under each year's schema; a row is read
    // with the layout of the year in its `annee_scolaire` column.
    let mut layout: Option<(CsvLayouts, u8)> = None;
    if let InputFormat::Csv(separator) = input_format {
        let header = records
            .next_record()
            .map_err(|e| e.to_string())?
            .ok_or("the CSV file is empty")?;
        let text = header.text.map_err(|e| format!("the CSV header (line 1): {e}"))?;
        bytes += text.len() as u64;
        let mut cursor = std::io::Cursor::new(text.as_bytes());
        let mut raw = String::new();
        let cells = csv::read_record(&mut cursor, separator, &mut raw)
            .map_err(|e| e.to_string())?
            .ok_or("the CSV file is empty")?;
        layout = Some((CsvLayouts::new(rulebooks, &cells)?, separator));
    }
    // A chunk's records, one after another in one text, and for each its
    // line and its place in that text (or why it could not be read).
    let mut text = String::new();
    let mut chunk: Vec<(u64, Result<Range<usize>, String>)> = Vec::with_capacity(CHUNK);
    loop {
        text.clear();
        chunk.clear();
        while chunk.len() < CHUNK {
            let read = match &layout {
                Some(_) => records.next_record(),
                None => records.next_line_record(),
            }
            .map_err(|e| e.to_string())?;
            let Some(record) = read else { break };
            match record.text {
                Ok(record_text) => {
                    bytes += record_text.len() as u64;
                    if record_text.trim().is_empty() {
                        continue; // blank lines are not records
                    }
                    let at = text.len();
                    text.push_str(&record_text);
                    chunk.push((record.line, Ok(at..text.len())));
                }
                Err(message) => {
                    bytes += 1;
                    chunk.push((record.line, Err(message)));
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let parts: Vec<(String, Vec<Tally>)> = chunk
            .par_chunks(GROUP)
            .map_init(PlanScratch::default, |scratch, group| {
                let mut out = String::with_capacity(group.len() * 512);
                let mut tallies = Vec::with_capacity(group.len());
                for (line, place) in group {
                    let decided = match place {
                        Err(message) => Err(message.clone()),
                        Ok(range) => {
                            let raw = text.get(range.clone()).unwrap_or_default();
                            match &layout {
                                Some((layouts, separator)) => {
                                    let mut cursor = std::io::Cursor::new(raw.as_bytes());
                                    let mut again = String::new();
                                    match csv::read_record(&mut cursor, *separator, &mut again) {
                                        Ok(Some(cells)) => layouts
                                            .row(rulebooks, &cells)
                                            .and_then(|d| decide(rulebooks, &plans, &d, scratch)),
                                        _ => Err("unreadable CSV record".to_string()),
                                    }
                                }
                                None => decide_line(rulebooks, &plans, raw, scratch),
                            }
                        }
                    };
                    tallies.push(process(&mut out, *line, decided, output_format, width));
                    out.push('\n');
                }
                (out, tallies)
            })
            .collect();
        for (out, tallies) in &parts {
            output.write_all(out.as_bytes()).map_err(|e| e.to_string())?;
            for tally in tallies {
                summary.count(tally);
            }
        }
        progress(summary.records, bytes);
    }
    output.flush().map_err(|e| e.to_string())?;
    Ok(summary)
}
