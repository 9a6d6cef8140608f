//! The campaign report's figures, gathered while a campaign is decided. Each
//! group of records fills a [`GroupStats`] (no allocation per application:
//! counters, and texts appended to one buffer); groups are merged in input
//! order into one [`Stats`], which is resolved once, at the end, into a
//! [`CampaignReport`] in the rulebooks' words. Everything kept is bounded:
//! counters, histograms and top lists, whatever the number of applications.

use super::{Engine, Engines, RecordError, STATUSES, Summary};
use crate::decision::Status;
use crate::eval::Outcome;
use crate::i18n::Code;
use crate::program::{Program, Type};
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// How many records in error the report lists (the others are counted).
pub const ERRORS_LISTED: usize = 200;
/// How many carriers the report lists, the largest amounts first.
pub const CARRIERS_LISTED: usize = 50;
/// How many distinct carriers are added up one by one; the applications of
/// any carrier met after these are added up together (memory stays flat).
pub const CARRIERS_TRACKED: usize = 100_000;
/// How many bars a histogram has at most.
pub const BUCKETS: i64 = 20;
/// How many fine bins an amount distribution keeps before it widens them.
const FINE_BINS: usize = 4_000;

/// Where an application names its carrier: a text field `porteur`, or the
/// text field `nom` of a record field `porteur`.
pub(super) type CarrierPath = (usize, Option<usize>);

/// Where the carrier's name is, in the rulebook's schema, if it has one.
pub(super) fn carrier_path(program: &Program) -> Option<CarrierPath> {
    let input = program.records.get(program.input)?;
    let at = input.fields.iter().position(|f| f.name == "porteur")?;
    match &input.fields.get(at)?.ty {
        Type::Text => Some((at, None)),
        Type::Record(id) => {
            let record = program.records.get(*id)?;
            let name = record
                .fields
                .iter()
                .position(|f| f.name == "nom" && f.ty == Type::Text)?;
            Some((at, Some(name)))
        }
        _ => None,
    }
}

/// The carrier's name in a decoded application.
fn carrier(value: &Value, path: CarrierPath) -> Option<&str> {
    let Value::Record(fields) = value else { return None };
    let field = fields.get(path.0)?;
    let field = match path.1 {
        None => field,
        Some(inner) => match field {
            Value::Record(inner_fields) => inner_fields.get(inner)?,
            _ => return None,
        },
    };
    match field {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

/// How often a rule fired: on how many applications, and how many times
/// (an item rule fires once per item).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct RuleCount {
    applications: u64,
    times: u64,
    /// The last application (by [`BookStats::seen`]) it was counted on.
    last: u64,
}

/// The amounts of one item output, in fine bins of 10^`exponent` euros
/// (whole euros first, ten times wider each time there are too many).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Amounts {
    exponent: u32,
    /// Bin `k` holds the amounts from `k` to `k + 1` units.
    bins: BTreeMap<i64, u64>,
    /// Eligible items of eligible applications (the amounts in the bins).
    counted: u64,
    /// Items excluded by an item rule in an eligible application.
    excluded: u64,
    /// Items of applications that are not eligible.
    outside: u64,
    lowest: Option<Decimal>,
    highest: Option<Decimal>,
}

/// 10^`exponent`, as an exact decimal.
fn power_of_ten(exponent: u32) -> Decimal {
    Decimal::from(10i64.saturating_pow(exponent))
}

impl Amounts {
    fn add(&mut self, amount: Decimal) {
        self.counted += 1;
        self.lowest = Some(self.lowest.map_or(amount, |low| low.min(amount)));
        self.highest = Some(self.highest.map_or(amount, |high| high.max(amount)));
        let units = if self.exponent == 0 {
            amount.floor()
        } else {
            (amount / power_of_ten(self.exponent)).floor()
        };
        *self.bins.entry(units.to_i64().unwrap_or(0)).or_default() += 1;
        if self.bins.len() > FINE_BINS {
            self.widen(self.exponent + 1);
        }
    }

    /// Makes the bins 10^`exponent` euros wide.
    fn widen(&mut self, exponent: u32) {
        if exponent <= self.exponent {
            return;
        }
        let factor = 10i64.saturating_pow(exponent - self.exponent);
        let mut wider = BTreeMap::new();
        for (key, count) in std::mem::take(&mut self.bins) {
            *wider.entry(key.div_euclid(factor)).or_default() += count;
        }
        self.bins = wider;
        self.exponent = exponent;
    }

    fn merge(&mut self, other: &Amounts) {
        self.widen(other.exponent);
        let factor = 10i64.saturating_pow(self.exponent - other.exponent.min(self.exponent));
        for (key, count) in &other.bins {
            *self.bins.entry(key.div_euclid(factor)).or_default() += count;
        }
        while self.bins.len() > FINE_BINS {
            self.widen(self.exponent + 1);
        }
        self.counted += other.counted;
        self.excluded += other.excluded;
        self.outside += other.outside;
        for amount in other.lowest.iter().chain(&other.highest) {
            self.lowest = Some(self.lowest.map_or(*amount, |low| low.min(*amount)));
            self.highest = Some(self.highest.map_or(*amount, |high| high.max(*amount)));
        }
    }

    /// At most [`BUCKETS`] bars of a round width (1, 2 or 5 times a power
    /// of ten, a multiple of the fine bins), from zero (or below, for a
    /// negative amount) to past the larger of `ceiling` and the largest
    /// amount.
    fn buckets(&self, ceiling: Option<Decimal>) -> Vec<Bucket> {
        let Some(highest) = self.highest else {
            return Vec::new();
        };
        let unit = power_of_ten(self.exponent);
        let end = highest.max(ceiling.unwrap_or(Decimal::ZERO));
        let end = (end / unit).ceil().to_i64().unwrap_or(0);
        let low = self.bins.keys().next().copied().unwrap_or(0).min(0);
        let span = (end - low).max(1);
        let mut width = 1i64;
        'search: for scale in 0..18u32 {
            for step in [1i64, 2, 5] {
                width = step.saturating_mul(10i64.saturating_pow(scale));
                if span.saturating_add(width - 1) / width <= BUCKETS {
                    break 'search;
                }
            }
        }
        // A bar starts at a multiple of its width.
        let first = low.div_euclid(width);
        let count = (end.div_euclid(width) - first + 1).clamp(1, BUCKETS + 1);
        let count = if end.rem_euclid(width) == 0 && count > 1 && end > low {
            count - 1 // the last bar holds its upper edge
        } else {
            count
        };
        let mut counts = vec![0u64; usize::try_from(count).unwrap_or(1)];
        for (key, n) in &self.bins {
            let index = (key.div_euclid(width) - first).clamp(0, count - 1);
            if let Some(slot) = usize::try_from(index).ok().and_then(|i| counts.get_mut(i)) {
                *slot += n;
            }
        }
        let edge = |i: i64| Decimal::from((first + i).saturating_mul(width)) * unit;
        counts
            .into_iter()
            .zip(0i64..)
            .map(|(n, i)| Bucket {
                low: edge(i),
                high: edge(i + 1),
                count: n,
            })
            .collect()
    }
}

/// What the decisions of one rulebook add to the report.
#[derive(Clone, Debug, Default, PartialEq)]
struct BookStats {
    decided: u64,
    eligible: u64,
    /// By rule index.
    rules: Vec<RuleCount>,
    /// By output position: how many eligible decisions have it true.
    trues: Vec<u64>,
    /// By item list, then by its output's position.
    amounts: Vec<Vec<Amounts>>,
    /// Decisions seen, to count each rule once per application.
    seen: u64,
    /// By output position: the sum of each output that is money.
    totals: Vec<Option<Decimal>>,
    overflow: bool,
}

impl BookStats {
    fn decided(&mut self, program: &Program, outcome: &Outcome) {
        self.decided += 1;
        self.seen += 1;
        if self.rules.len() < program.rules.len() {
            self.rules.resize(program.rules.len(), RuleCount::default());
        }
        for fired in &outcome.fired {
            if let Some(count) = self.rules.get_mut(fired.rule) {
                count.times += 1;
                if count.last != self.seen {
                    count.last = self.seen;
                    count.applications += 1;
                }
            }
        }
        super::add_amounts(&mut self.totals, &outcome.outputs, &mut self.overflow);
        let eligible = outcome.status == Status::Eligible;
        if eligible {
            self.eligible += 1;
            if self.trues.len() < outcome.outputs.len() {
                self.trues.resize(outcome.outputs.len(), 0);
            }
            for (count, value) in self.trues.iter_mut().zip(&outcome.outputs) {
                if matches!(value, Value::Bool(true)) {
                    *count += 1;
                }
            }
        }
        if self.amounts.len() < outcome.items.len() {
            self.amounts.resize(outcome.items.len(), Vec::new());
        }
        for (amounts, items) in self.amounts.iter_mut().zip(&outcome.items) {
            for item in items {
                if amounts.len() < item.outputs.len() {
                    amounts.resize(item.outputs.len(), Amounts::default());
                }
                for (amounts, value) in amounts.iter_mut().zip(&item.outputs) {
                    let Value::Money(amount) = value else { continue };
                    if !eligible {
                        amounts.outside += 1;
                    } else if !item.eligible {
                        amounts.excluded += 1;
                    } else {
                        amounts.add(*amount);
                    }
                }
            }
        }
    }

    fn merge(&mut self, other: &BookStats) {
        self.decided += other.decided;
        self.eligible += other.eligible;
        if self.rules.len() < other.rules.len() {
            self.rules.resize(other.rules.len(), RuleCount::default());
        }
        for (mine, theirs) in self.rules.iter_mut().zip(&other.rules) {
            mine.applications += theirs.applications;
            mine.times += theirs.times;
        }
        if self.trues.len() < other.trues.len() {
            self.trues.resize(other.trues.len(), 0);
        }
        for (mine, theirs) in self.trues.iter_mut().zip(&other.trues) {
            *mine += theirs;
        }
        let mut overflow = false;
        if self.totals.len() < other.totals.len() {
            self.totals.resize(other.totals.len(), None);
        }
        for (mine, theirs) in self.totals.iter_mut().zip(&other.totals) {
            *mine = match (*mine, theirs) {
                (Some(a), Some(b)) => Some(a.checked_add(*b).unwrap_or_else(|| {
                    overflow = true;
                    a
                })),
                (a, b) => a.or(*b),
            };
        }
        self.overflow |= other.overflow || overflow;
        if self.amounts.len() < other.amounts.len() {
            self.amounts.resize(other.amounts.len(), Vec::new());
        }
        for (mine, theirs) in self.amounts.iter_mut().zip(&other.amounts) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), Amounts::default());
            }
            for (mine, theirs) in mine.iter_mut().zip(theirs) {
                mine.merge(theirs);
            }
        }
    }
}

/// What one group of records adds to the report.
#[derive(Debug, Default)]
pub(super) struct GroupStats {
    /// By rulebook ([`Engine::id`]).
    books: Vec<BookStats>,
    /// The records in error, with their line and the Caf they are counted
    /// under.
    errors: Vec<(u64, usize, RecordError)>,
    /// The carriers' names, one after the other.
    names: String,
    /// For each decision with a carrier: its name in `names`, its rulebook,
    /// and its money outputs in `amounts`.
    carriers: Vec<(Range<usize>, usize, Range<usize>)>,
    amounts: Vec<Decimal>,
}

impl GroupStats {
    pub(super) fn decided(&mut self, engine: &Engine, outcome: &Outcome, value: &Value) {
        if self.books.len() <= engine.id {
            self.books.resize(engine.id + 1, BookStats::default());
        }
        if let Some(book) = self.books.get_mut(engine.id) {
            book.decided(engine.program, outcome);
        }
        if let Some(name) = engine.carrier.and_then(|path| carrier(value, path)) {
            let at = self.names.len();
            self.names.push_str(name);
            let from = self.amounts.len();
            for value in &outcome.outputs {
                if let Value::Money(amount) = value {
                    self.amounts.push(*amount);
                }
            }
            self.carriers
                .push((at..self.names.len(), engine.id, from..self.amounts.len()));
        }
    }

    pub(super) fn error(&mut self, line: u64, group: usize, error: RecordError) {
        self.errors.push((line, group, error));
    }
}

/// The applications of one carrier: how many, and the sum of each money
/// output (by [`Stats::columns`]).
#[derive(Clone, Debug, Default, PartialEq)]
struct CarrierTotals {
    applications: u64,
    amounts: Vec<Decimal>,
}

impl CarrierTotals {
    fn add(
        &mut self,
        applications: u64,
        amounts: impl Iterator<Item = (usize, Decimal)>,
        overflow: &mut bool,
    ) {
        self.applications += applications;
        for (column, amount) in amounts {
            if self.amounts.len() <= column {
                self.amounts.resize(column + 1, Decimal::ZERO);
            }
            if let Some(total) = self.amounts.get_mut(column) {
                match total.checked_add(amount) {
                    Some(sum) => *total = sum,
                    None => *overflow = true,
                }
            }
        }
    }
}

/// The report's figures for a whole campaign so far: merged from groups in
/// input order, or from other [`Stats`] of the same rulebooks. Each record
/// is counted under its Caf (see [`Engine::group`]), so that the report can
/// show the whole and each Caf.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    /// The money outputs of every rulebook, each once, in the rulebooks'
    /// order (a name one rulebook adds comes after the one it follows).
    columns: Vec<String>,
    /// By rulebook, then by its money output (in output order): the column.
    money: Vec<Vec<usize>>,
    /// By rulebook: the Caf it decides for.
    groups: Vec<usize>,
    /// The campaign's Cafs; the group after them holds the records of no
    /// known Caf.
    cafs: Vec<String>,
    books: Vec<BookStats>,
    /// By Caf: the records in error, how many of each code, and the first
    /// [`ERRORS_LISTED`] with their line.
    errors: Vec<ErrorStats>,
    /// By Caf: the applications of each carrier.
    carriers: Vec<HashMap<String, CarrierTotals>>,
    /// How many carriers are added up one by one, all Cafs together.
    tracked: usize,
    /// By Caf: the applications of carriers met after [`CARRIERS_TRACKED`]
    /// others.
    untracked: Vec<CarrierTotals>,
    overflow: bool,
}

/// The records in error of one Caf.
#[derive(Clone, Debug, Default, PartialEq)]
struct ErrorStats {
    count: u64,
    by_code: BTreeMap<Code, u64>,
    listed: Vec<(u64, RecordError)>,
}

impl Stats {
    pub(super) fn new(engines: &Engines) -> Stats {
        let mut columns: Vec<String> = Vec::new();
        let mut money = Vec::new();
        for engine in &engines.engines {
            let program = engine.program;
            let mut mine = Vec::new();
            let mut previous: Option<usize> = None;
            for global in program.outputs.iter().filter_map(|id| program.globals.get(*id)) {
                if global.ty != Type::Money {
                    continue;
                }
                let column = match columns.iter().position(|c| *c == global.name) {
                    Some(column) => column,
                    None => {
                        let at = previous.map_or(columns.len(), |p| p + 1);
                        columns.insert(at, global.name.clone());
                        // The columns after it move one place.
                        for list in money.iter_mut().chain(std::iter::once(&mut mine)) {
                            for column in list.iter_mut() {
                                if *column >= at {
                                    *column += 1;
                                }
                            }
                        }
                        at
                    }
                };
                mine.push(column);
                previous = Some(column);
            }
            money.push(mine);
        }
        let groups = engines.cafs.len() + 1;
        Stats {
            columns,
            money,
            groups: engines.engines.iter().map(|e| e.group).collect(),
            cafs: engines.cafs.clone(),
            books: Vec::new(),
            errors: vec![ErrorStats::default(); groups],
            carriers: vec![HashMap::new(); groups],
            tracked: 0,
            untracked: vec![CarrierTotals::default(); groups],
            overflow: false,
        }
    }

    /// Adds what a group gave; groups are added in input order.
    pub(super) fn absorb(&mut self, group: &GroupStats) {
        self.merge_books(&group.books);
        for (line, caf, error) in &group.errors {
            self.add_errors(
                *caf,
                1,
                std::iter::once((error.code, 1)),
                std::iter::once((*line, error)),
            );
        }
        for (name, book, amounts) in &group.carriers {
            let name = group.names.get(name.clone()).unwrap_or_default();
            let amounts = group.amounts.get(amounts.clone()).unwrap_or_default();
            let columns = self.money.get(*book).cloned().unwrap_or_default();
            let amounts = columns.into_iter().zip(amounts.iter().copied());
            let caf = self.groups.get(*book).copied().unwrap_or(self.cafs.len());
            self.add_carrier(caf, name, 1, amounts);
        }
    }

    /// Adds the figures of the records that come after these (decided with
    /// the same rulebooks).
    pub fn merge(&mut self, other: &Stats) {
        self.merge_books(&other.books);
        for (caf, errors) in other.errors.iter().enumerate() {
            self.add_errors(
                caf,
                errors.count,
                errors.by_code.iter().map(|(c, n)| (*c, *n)),
                errors.listed.iter().map(|(line, e)| (*line, e)),
            );
        }
        for (caf, carriers) in other.carriers.iter().enumerate() {
            let mut carriers: Vec<(&String, &CarrierTotals)> = carriers.iter().collect();
            carriers.sort_by(|a, b| a.0.cmp(b.0));
            for (name, totals) in carriers {
                self.add_carrier(
                    caf,
                    name,
                    totals.applications,
                    totals.amounts.iter().copied().enumerate(),
                );
            }
        }
        for (caf, untracked) in other.untracked.iter().enumerate() {
            if let Some(mine) = self.untracked.get_mut(caf) {
                let amounts = untracked.amounts.iter().copied().enumerate();
                mine.add(untracked.applications, amounts, &mut self.overflow);
            }
        }
        self.overflow |= other.overflow;
    }

    fn merge_books(&mut self, books: &[BookStats]) {
        if self.books.len() < books.len() {
            self.books.resize(books.len(), BookStats::default());
        }
        for (mine, theirs) in self.books.iter_mut().zip(books) {
            mine.merge(theirs);
        }
    }

    fn add_errors<'a>(
        &mut self,
        caf: usize,
        count: u64,
        by_code: impl Iterator<Item = (Code, u64)>,
        listed: impl Iterator<Item = (u64, &'a RecordError)>,
    ) {
        let Some(errors) = self.errors.get_mut(caf) else {
            return;
        };
        errors.count += count;
        for (code, n) in by_code {
            *errors.by_code.entry(code).or_default() += n;
        }
        for (line, error) in listed {
            if errors.listed.len() >= ERRORS_LISTED {
                break;
            }
            errors.listed.push((line, error.clone()));
        }
    }

    fn add_carrier(
        &mut self,
        caf: usize,
        name: &str,
        applications: u64,
        amounts: impl Iterator<Item = (usize, Decimal)>,
    ) {
        let overflow = &mut self.overflow;
        let Some(carriers) = self.carriers.get_mut(caf) else {
            return;
        };
        if let Some(totals) = carriers.get_mut(name) {
            totals.add(applications, amounts, overflow);
        } else if self.tracked < CARRIERS_TRACKED {
            let mut totals = CarrierTotals::default();
            totals.add(applications, amounts, overflow);
            carriers.insert(name.to_string(), totals);
            self.tracked += 1;
        } else if let Some(untracked) = self.untracked.get_mut(caf) {
            untracked.add(applications, amounts, overflow);
        }
    }

    /// The report, in the rulebooks' words (labels, messages, sections): the
    /// whole, and, when the records are of several Cafs, each Caf.
    pub(super) fn finish(&self, engines: &Engines, summary: &Summary) -> CampaignReport {
        let mut whole = self.report(engines, summary, None);
        if summary.by_caf.len() > 1 {
            whole.by_caf = summary
                .by_caf
                .iter()
                .map(|part| {
                    let group = part
                        .caf
                        .as_ref()
                        .and_then(|caf| self.cafs.iter().position(|c| c == caf))
                        .unwrap_or(self.cafs.len());
                    CafReport {
                        caf: part.caf.clone(),
                        report: self.report(engines, &part.summary, Some(group)),
                    }
                })
                .collect();
        }
        whole
    }

    /// The report of the records of one Caf (its place in `cafs`), or of
    /// all when `only` is `None`; `summary` is theirs.
    fn report(&self, engines: &Engines, summary: &Summary, only: Option<usize>) -> CampaignReport {
        let all: Vec<&Program> = engines.engines.iter().map(|e| e.program).collect();
        let mine = |group: usize| only.is_none_or(|only| only == group);
        let programs: Vec<&Program> = engines
            .engines
            .iter()
            .filter(|e| mine(e.group))
            .map(|e| e.program)
            .collect();
        let columns: Vec<Column> = self
            .columns
            .iter()
            .map(|name| Column {
                label: output_label(&all, name).unwrap_or_else(|| name.clone()),
                name: name.clone(),
            })
            .collect();
        let in_columns = |totals: &BTreeMap<String, Decimal>| -> Vec<Decimal> {
            self.columns
                .iter()
                .map(|name| totals.get(name).copied().unwrap_or_default())
                .collect()
        };
        let niveau_order = |name: &str| {
            all.iter()
                .find_map(|program| program.input_value_place("niveau", name))
                .unwrap_or(usize::MAX)
        };
        let mut by_niveau: Vec<Group> = summary
            .by_niveau
            .iter()
            .map(|(name, (count, totals))| Group {
                name: name.clone(),
                applications: *count,
                amounts: in_columns(totals),
            })
            .collect();
        by_niveau.sort_by_key(|g| niveau_order(&g.name));
        // Shown as staff read them: the value's label, where the rulebook gives one.
        for group in &mut by_niveau {
            if let Some(label) = all
                .iter()
                .find_map(|program| program.input_value_label("niveau", &group.name))
            {
                group.name = label.to_string();
            }
        }
        let used: Vec<(&Engine, &BookStats)> = engines
            .engines
            .iter()
            .zip(&self.books)
            .filter(|(e, b)| b.decided > 0 && mine(e.group))
            .collect();
        let books: Vec<(&Program, &BookStats)> = used.iter().map(|(e, b)| (e.program, *b)).collect();
        let errors: Vec<&ErrorStats> = self
            .errors
            .iter()
            .enumerate()
            .filter(|(group, _)| mine(*group))
            .map(|(_, e)| e)
            .collect();
        let mut error_codes: BTreeMap<Code, u64> = BTreeMap::new();
        for (code, n) in errors.iter().flat_map(|e| &e.by_code) {
            *error_codes.entry(*code).or_default() += n;
        }
        // Each Caf keeps its first errors: together, they hold the first of all.
        let mut errors_listed: Vec<(u64, RecordError)> =
            errors.iter().flat_map(|e| e.listed.iter().cloned()).collect();
        errors_listed.sort_by_key(|(line, _)| *line);
        errors_listed.truncate(ERRORS_LISTED);
        let by_caf_year = used
            .iter()
            .map(|(engine, book)| {
                let program = engine.program;
                let mut amounts = vec![Decimal::ZERO; self.columns.len()];
                let money_outputs = program
                    .outputs
                    .iter()
                    .zip(&book.totals)
                    .filter(|(id, _)| program.globals.get(**id).is_some_and(|g| g.ty == Type::Money))
                    .map(|(_, total)| total.unwrap_or_default());
                let columns = self.money.get(engine.id).map(Vec::as_slice).unwrap_or_default();
                for (column, total) in columns.iter().zip(money_outputs) {
                    if let Some(slot) = amounts.get_mut(*column) {
                        *slot = total;
                    }
                }
                CafYear {
                    caf: self.cafs.get(engine.group).cloned(),
                    year: program.header.year.clone(),
                    decided: book.decided,
                    eligible: book.eligible,
                    amounts,
                }
            })
            .collect();
        CampaignReport {
            records: summary.records,
            errors: summary.errors,
            statuses: STATUSES
                .iter()
                .map(|s| (*s, summary.statuses.get(s.key()).copied().unwrap_or(0)))
                .collect(),
            totals: in_columns(&summary.totals),
            columns,
            overflow: summary.overflow || self.overflow || books.iter().any(|(_, b)| b.overflow),
            by_niveau,
            carriers: programs
                .iter()
                .any(|p| carrier_path(p).is_some())
                .then(|| self.carriers(&mine)),
            histograms: histograms(&books),
            refusals: rule_lines(&books, |s| {
                matches!(s, RuleSeverity::Refuse | RuleSeverity::Incomplete)
            }),
            notices: rule_lines(&books, |s| matches!(s, RuleSeverity::Warn | RuleSeverity::Info)),
            eligible: books.iter().map(|(_, b)| b.eligible).sum(),
            yes_no: yes_no(&books),
            error_codes: error_codes.into_iter().collect(),
            errors_listed,
            rulebooks: used
                .iter()
                .map(|(engine, b)| BookUse {
                    caf: self.cafs.get(engine.group).cloned(),
                    year: engine.program.header.year.clone(),
                    decided: b.decided,
                })
                .collect(),
            by_caf_year,
            by_caf: Vec::new(),
        }
    }

    /// The budget by carrier, over the Cafs `mine` keeps (a carrier of
    /// several Cafs is added up once).
    fn carriers(&self, mine: &impl Fn(usize) -> bool) -> Carriers {
        let width = self.columns.len();
        let mut merged: HashMap<&str, CarrierTotals> = HashMap::new();
        let mut untracked = CarrierTotals::default();
        let mut overflow = false;
        for (group, carriers) in self.carriers.iter().enumerate().filter(|(g, _)| mine(*g)) {
            for (name, totals) in carriers {
                let amounts = totals.amounts.iter().copied().enumerate();
                merged
                    .entry(name.as_str())
                    .or_default()
                    .add(totals.applications, amounts, &mut overflow);
            }
            if let Some(theirs) = self.untracked.get(group) {
                let amounts = theirs.amounts.iter().copied().enumerate();
                untracked.add(theirs.applications, amounts, &mut overflow);
            }
        }
        let group = |name: &str, totals: &CarrierTotals| {
            let mut amounts = totals.amounts.clone();
            amounts.resize(width, Decimal::ZERO);
            Group {
                name: name.to_string(),
                applications: totals.applications,
                amounts,
            }
        };
        let mut all: Vec<(&str, &CarrierTotals)> = merged.iter().map(|(n, t)| (*n, t)).collect();
        // The largest last column (the total) first; ties by name.
        let key = |t: &CarrierTotals| {
            t.amounts
                .get(width.saturating_sub(1))
                .copied()
                .unwrap_or_default()
        };
        all.sort_by(|a, b| {
            key(b.1)
                .cmp(&key(a.1))
                .then(b.1.applications.cmp(&a.1.applications))
                .then(a.0.cmp(b.0))
        });
        let top = all
            .iter()
            .take(CARRIERS_LISTED)
            .map(|(n, t)| group(n, t))
            .collect();
        let rest = all.get(CARRIERS_LISTED..).unwrap_or_default();
        let others = (!rest.is_empty() || untracked.applications > 0).then(|| {
            let mut sum = untracked.clone();
            for (_, totals) in rest {
                sum.add(
                    totals.applications,
                    totals.amounts.iter().copied().enumerate(),
                    &mut overflow,
                );
            }
            (rest.len() as u64, group("", &sum))
        });
        Carriers {
            distinct: merged.len() as u64,
            top,
            others,
            untracked: untracked.applications,
        }
    }
}

/// The label of a global output, from the first rulebook that has it.
fn output_label(programs: &[&Program], name: &str) -> Option<String> {
    programs.iter().find_map(|p| {
        p.outputs
            .iter()
            .filter_map(|id| p.globals.get(*id))
            .find(|g| g.name == name)
            .map(|g| g.label.clone().unwrap_or_else(|| g.name.clone()))
    })
}

/// The distribution of each money output of each item list, by rulebook.
fn histograms(books: &[(&Program, &BookStats)]) -> Vec<Histogram> {
    let mut out = Vec::new();
    for (program, book) in books {
        for (list, amounts) in program.item_lists.iter().zip(&book.amounts) {
            for (output, amounts) in list.outputs.iter().zip(amounts) {
                if output.ty != Type::Money || amounts.counted + amounts.excluded + amounts.outside == 0 {
                    continue;
                }
                let ceiling = output.ceiling.and_then(|id| {
                    let global = program.globals.get(id)?;
                    match global.constant {
                        Some(Value::Money(amount)) => Some(Ceiling {
                            amount,
                            name: global.name.clone(),
                            label: global.label.clone().unwrap_or_else(|| global.name.clone()),
                        }),
                        _ => None,
                    }
                });
                out.push(Histogram {
                    year: program.header.year.clone(),
                    list: list.key.clone(),
                    output: output.label.clone().unwrap_or_else(|| output.name.clone()),
                    buckets: amounts.buckets(ceiling.as_ref().map(|c| c.amount)),
                    ceiling,
                    counted: amounts.counted,
                    excluded: amounts.excluded,
                    outside: amounts.outside,
                    lowest: amounts.lowest,
                    highest: amounts.highest,
                });
            }
        }
    }
    out
}

/// The rules of some severities that fired, the most frequent first; a rule
/// of the same name, message and section in several rulebooks is one line.
fn rule_lines(books: &[(&Program, &BookStats)], keep: impl Fn(RuleSeverity) -> bool) -> Vec<RuleLine> {
    let mut lines: Vec<RuleLine> = Vec::new();
    for (program, book) in books {
        for (rule, count) in program.rules.iter().zip(&book.rules) {
            if count.times == 0 || !keep(rule.severity) {
                continue;
            }
            let list = rule
                .scope
                .and_then(|l| program.item_lists.get(l))
                .map(|l| l.key.clone());
            match lines
                .iter_mut()
                .find(|l| l.rule == rule.name && l.message == rule.message && l.source == rule.source)
            {
                Some(line) => {
                    line.applications += count.applications;
                    line.times += count.times;
                }
                None => lines.push(RuleLine {
                    rule: rule.name.clone(),
                    severity: rule.severity,
                    message: rule.message.clone(),
                    source: rule.source.clone(),
                    list,
                    applications: count.applications,
                    times: count.times,
                }),
            }
        }
    }
    lines.sort_by(|a, b| {
        b.applications
            .cmp(&a.applications)
            .then(b.times.cmp(&a.times))
            .then(a.rule.cmp(&b.rule))
    });
    lines
}

/// The yes/no outputs: how many eligible decisions say yes, how many no.
fn yes_no(books: &[(&Program, &BookStats)]) -> Vec<YesNo> {
    let mut out: Vec<(String, YesNo)> = Vec::new();
    for (program, book) in books {
        for (position, global) in program
            .outputs
            .iter()
            .enumerate()
            .filter_map(|(i, id)| Some((i, program.globals.get(*id)?)))
        {
            if global.ty != Type::Bool {
                continue;
            }
            let yes = book.trues.get(position).copied().unwrap_or(0);
            let no = book.eligible - yes.min(book.eligible);
            match out.iter_mut().find(|(name, _)| *name == global.name) {
                Some((_, line)) => {
                    line.yes += yes;
                    line.no += no;
                }
                None => out.push((
                    global.name.clone(),
                    YesNo {
                        label: global.label.clone().unwrap_or_else(|| global.name.clone()),
                        yes,
                        no,
                    },
                )),
            }
        }
    }
    out.into_iter().map(|(_, line)| line).collect()
}

/// A money output, a column of the report's tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name in the rulebook.
    pub name: String,
    /// Its label (its name when it has none).
    pub label: String,
}

/// Applications counted together (a niveau, a carrier) and the sum of each
/// money output, by [`CampaignReport::columns`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// What they share.
    pub name: String,
    /// How many applications.
    pub applications: u64,
    /// The sum of each money output.
    pub amounts: Vec<Decimal>,
}

/// The budget by carrier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carriers {
    /// How many carriers were added up one by one.
    pub distinct: u64,
    /// The [`CARRIERS_LISTED`] largest.
    pub top: Vec<Group>,
    /// The others: how many carriers (counted one by one), and their sums.
    pub others: Option<(u64, Group)>,
    /// Applications of carriers beyond [`CARRIERS_TRACKED`], among the others.
    pub untracked: u64,
}

/// One bar of a histogram: the amounts from `low` (included) to `high`
/// (excluded, or included for the last bar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// Where it starts.
    pub low: Decimal,
    /// Where the next starts.
    pub high: Decimal,
    /// How many amounts.
    pub count: u64,
}

/// The highest amount an item output can take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ceiling {
    /// Its value.
    pub amount: Decimal,
    /// The global's name.
    pub name: String,
    /// Its label (its name when it has none).
    pub label: String,
}

/// The distribution of a money output of an item list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Histogram {
    /// The rulebook's year.
    pub year: String,
    /// The list (`collectifs`).
    pub list: String,
    /// The output's label.
    pub output: String,
    /// The bars.
    pub buckets: Vec<Bucket>,
    /// The ceiling the rulebook declares for it, if any.
    pub ceiling: Option<Ceiling>,
    /// Items counted in the bars (retained, in eligible applications).
    pub counted: u64,
    /// Items excluded by an item rule (in eligible applications).
    pub excluded: u64,
    /// Items of applications not eligible.
    pub outside: u64,
    /// The smallest amount counted.
    pub lowest: Option<Decimal>,
    /// The largest amount counted.
    pub highest: Option<Decimal>,
}

/// How often a rule fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleLine {
    /// Its id.
    pub rule: String,
    /// What it does.
    pub severity: RuleSeverity,
    /// What staff read.
    pub message: String,
    /// The section of the note.
    pub source: Option<String>,
    /// The item list, for an item rule.
    pub list: Option<String>,
    /// On how many applications.
    pub applications: u64,
    /// How many times (once per item for an item rule).
    pub times: u64,
}

/// A yes/no output over the eligible decisions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YesNo {
    /// Its label.
    pub label: String,
    /// How many say yes.
    pub yes: u64,
    /// How many say no.
    pub no: u64,
}

/// A rulebook that decided, and how many applications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookUse {
    /// Its Caf, when it is a Caf's.
    pub caf: Option<String>,
    /// Its school year.
    pub year: String,
    /// Applications it decided.
    pub decided: u64,
}

/// Everything the campaign report shows, bounded whatever the number of
/// applications.
#[derive(Clone, Debug, PartialEq)]
pub struct CampaignReport {
    /// Records read.
    pub records: u64,
    /// Records in error.
    pub errors: u64,
    /// Decisions by status, every status.
    pub statuses: Vec<(Status, u64)>,
    /// The money outputs, in the rulebooks' order.
    pub columns: Vec<Column>,
    /// The sum of each.
    pub totals: Vec<Decimal>,
    /// Whether a sum went beyond what an exact decimal holds.
    pub overflow: bool,
    /// By niveau, in the enumeration's order.
    pub by_niveau: Vec<Group>,
    /// By carrier, when the schema names one.
    pub carriers: Option<Carriers>,
    /// The distribution of the amounts of each item.
    pub histograms: Vec<Histogram>,
    /// Refusals, exclusions and incompleteness, the most frequent first.
    pub refusals: Vec<RuleLine>,
    /// Warnings and information, the most frequent first.
    pub notices: Vec<RuleLine>,
    /// Eligible decisions.
    pub eligible: u64,
    /// The yes/no outputs, over the eligible decisions.
    pub yes_no: Vec<YesNo>,
    /// Records in error by code.
    pub error_codes: Vec<(Code, u64)>,
    /// The first [`ERRORS_LISTED`] records in error, with their line.
    pub errors_listed: Vec<(u64, RecordError)>,
    /// The rulebooks that decided.
    pub rulebooks: Vec<BookUse>,
    /// What each rulebook that decided gave, by Caf and year.
    pub by_caf_year: Vec<CafYear>,
    /// The same report for each Caf, when the records are of several (the
    /// records of no known Caf last); empty otherwise, and in each Caf's.
    pub by_caf: Vec<CafReport>,
}

/// The decisions of one Caf's rulebook of one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CafYear {
    /// The Caf (`None` when the rulebook is no Caf's).
    pub caf: Option<String>,
    /// The school year.
    pub year: String,
    /// Applications decided.
    pub decided: u64,
    /// Of which eligible.
    pub eligible: u64,
    /// The sum of each money output, by [`CampaignReport::columns`].
    pub amounts: Vec<Decimal>,
}

/// The report of one Caf's records.
#[derive(Clone, Debug, PartialEq)]
pub struct CafReport {
    /// Its code, or `None` for the records whose Caf is unknown.
    pub caf: Option<String>,
    /// Its figures.
    pub report: CampaignReport,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(values: &[i64]) -> Amounts {
        let mut a = Amounts::default();
        for v in values {
            a.add(Decimal::from(*v));
        }
        a
    }

    #[test]
    fn bars_are_round_and_hold_every_amount() {
        let a = amounts(&[0, 150, 2112, 2563, 2563]);
        let bars = a.buckets(None);
        assert_eq!(bars.len(), 13);
        assert_eq!(bars.first().unwrap().low, Decimal::ZERO);
        assert_eq!(bars.last().unwrap().high, Decimal::from(2600));
        assert!(bars.iter().all(|b| b.high - b.low == Decimal::from(200)));
        assert_eq!(bars.iter().map(|b| b.count).sum::<u64>(), 5);
        assert_eq!(bars.last().unwrap().count, 2);
        // With a ceiling beyond the amounts, the bars reach it.
        let bars = a.buckets(Some(Decimal::from(4000)));
        assert_eq!(bars.last().unwrap().high, Decimal::from(4000));
        assert_eq!(bars.last().unwrap().count, 0);
    }

    #[test]
    fn an_amount_on_the_last_edge_is_in_the_last_bar() {
        let bars = amounts(&[100, 2000]).buckets(None);
        assert_eq!(bars.last().unwrap().high, Decimal::from(2000));
        assert_eq!(bars.last().unwrap().count, 1);
        assert_eq!(bars.len(), 20);
    }

    #[test]
    fn widened_bins_merge_exactly() {
        let many: Vec<i64> = (0..10_000).collect();
        let (left, right) = many.split_at(3000);
        let mut merged = amounts(left);
        merged.merge(&amounts(right));
        let whole = amounts(&many);
        assert!(whole.exponent > 0);
        assert_eq!(merged.buckets(None), whole.buckets(None));
        assert_eq!(merged.counted, 10_000);
    }
}
