//! Comparing two rulebooks (two years of one Caf, or two Cafs for one year):
//! what the second changes in the rules themselves, and what it changes in
//! the decisions on the same applications. Pure: the caller loads the
//! rulebooks and reads the applications.

use crate::decision::{Decision, OutputValue, Reason, RulebookRef, Status, render_in_sentence};
use crate::diagnostic::SourceMap;
use crate::i18n::Lang;
use crate::program::{DefId, Expr, GlobalId, GlobalKind, Program, Reference, Type, TypeName};
use crate::rulebook::Compiled;
use crate::value::Value;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::collections::BTreeSet;

/// One difference between two rulebooks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What kind of declaration: `param`, `rule`, `output`, `let`, `def`, `field`.
    pub kind: &'static str,
    /// Its name (`Collectif.adultes_encadrants` for a field).
    pub name: String,
    /// How it reads in the first rulebook, if it is there.
    pub from: Option<String>,
    /// How it reads in the second rulebook, if it is there.
    pub to: Option<String>,
}

/// The text of a declaration, with its white space folded, for comparison.
fn folded(sources: &SourceMap, span: crate::diagnostic::Span) -> String {
    sources
        .slice(span)
        .lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything a rulebook declares, by kind and name, as it reads.
fn declarations(compiled: &Compiled, program: &Program) -> Vec<(&'static str, String, String)> {
    let sources = &compiled.sources;
    let mut out = Vec::new();
    for global in &program.globals {
        let (kind, text) = match global.kind {
            GlobalKind::Param => (
                "param",
                global
                    .constant
                    .as_ref()
                    .map(|v| render_in_sentence(v, &global.ty, program))
                    .unwrap_or_else(|| folded(sources, global.expr.span)),
            ),
            GlobalKind::Let => ("let", folded(sources, global.span)),
            GlobalKind::Output => ("output", folded(sources, global.span)),
        };
        out.push((kind, global.name.clone(), text));
    }
    for def in &program.defs {
        out.push(("def", def.name.clone(), folded(sources, def.body.span)));
    }
    for rule in &program.rules {
        out.push(("rule", rule.name.clone(), folded(sources, rule.span)));
    }
    for list in &program.item_lists {
        for output in &list.outputs {
            out.push(("output", output.name.clone(), folded(sources, output.expr.span)));
        }
    }
    for record in &program.records {
        for field in &record.fields {
            out.push((
                "field",
                format!("{}.{}", record.name, field.name),
                TypeName(&field.ty, program).to_string(),
            ));
        }
    }
    out
}

/// The declarations that differ between two rulebooks: changed, added, dropped.
pub fn rulebook_changes(from: &Compiled, to: &Compiled) -> Vec<Change> {
    let (Some(old), Some(new)) = (from.program.as_ref(), to.program.as_ref()) else {
        return Vec::new();
    };
    let before = declarations(from, old);
    let after = declarations(to, new);
    let mut changes = Vec::new();
    for (kind, name, text) in &before {
        match after.iter().find(|(k, n, _)| k == kind && n == name) {
            Some((_, _, new_text)) if new_text != text => changes.push(Change {
                kind,
                name: name.clone(),
                from: Some(text.clone()),
                to: Some(new_text.clone()),
            }),
            Some(_) => {}
            None => changes.push(Change {
                kind,
                name: name.clone(),
                from: Some(text.clone()),
                to: None,
            }),
        }
    }
    for (kind, name, text) in &after {
        if !before.iter().any(|(k, n, _)| k == kind && n == name) {
            changes.push(Change {
                kind,
                name: name.clone(),
                from: None,
                to: Some(text.clone()),
            });
        }
    }
    changes
}

// ------------------------------------------------------------------ decisions

/// Whether a declaration is in both rulebooks, only in the second, or only in the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// In both.
    Both,
    /// Only in the second rulebook.
    New,
    /// Only in the first rulebook.
    Dropped,
}

/// What an output's values are, as far as a comparison is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// An amount: compared, and summed in the budget.
    Money,
    /// A yes/no: compared, and counted.
    Bool,
    /// Anything else (a name, a date): shown, not compared.
    Other,
}

/// One output of either rulebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputSpec {
    /// Its name (the key in JSON).
    pub name: String,
    /// Its label for staff (the second rulebook's, else the first's), else its name.
    pub label: String,
    /// The first rulebook's label, when the second one says it otherwise.
    pub former_label: Option<String>,
    /// Whether it is compared.
    pub kind: OutputKind,
    /// The list it is computed for (`collectifs`), for an item's output.
    pub list: Option<String>,
    /// In both rulebooks, or in one only.
    pub presence: Presence,
}

/// An output across every application: its totals under each year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputSummary {
    /// The output.
    pub spec: OutputSpec,
    /// Under the first year: the sum of an amount, the number of « oui » of a
    /// yes/no (over every item, for an item's output).
    pub from: Decimal,
    /// The same under the second year.
    pub to: Decimal,
    /// How many applications see this output change.
    pub applications_changed: usize,
    /// Whether it is zero (or « non ») in every application and item, under
    /// each year that has it.
    pub zero_everywhere: bool,
}

/// A value that differs for one application (or one of its items).
#[derive(Clone, Debug, PartialEq)]
pub struct ValueChange {
    /// The output, an index into [`Comparison::outputs`].
    pub output: usize,
    /// The item's position in its list (from 0), for an item's output.
    pub item: Option<usize>,
    /// Its value under the first year, absent when that year has no such output.
    pub from: Option<OutputValue>,
    /// Its value under the second year.
    pub to: Option<OutputValue>,
}

impl ValueChange {
    /// The difference of an amount (an absent one counts as zero).
    pub fn difference(&self) -> Option<Decimal> {
        let money = |side: &Option<OutputValue>| match side.as_ref().map(|o| &o.value) {
            Some(Value::Money(amount)) => Some(*amount),
            None => Some(Decimal::ZERO),
            Some(_) => None,
        };
        Some(money(&self.to)? - money(&self.from)?)
    }
}

/// How a declaration behind a change differs between the rulebooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclarationChange {
    /// Only in the second rulebook.
    New,
    /// Only in the first rulebook.
    Dropped,
    /// Written differently.
    Modified,
    /// Written the same (it acts differently because of what it uses).
    Same,
}

/// A parameter that is not the same in both rulebooks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParameterChange {
    /// Its name.
    pub name: String,
    /// Its label, if the rulebook gives one.
    pub label: Option<String>,
    /// Its value in the first rulebook, absent when it is new.
    pub from: Option<String>,
    /// Its value in the second rulebook, absent when it is dropped.
    pub to: Option<String>,
}

impl ParameterChange {
    /// Whether it is in both rulebooks with different values (a « valeur modifiée »).
    pub fn is_new_value(&self) -> bool {
        self.from.is_some() && self.to.is_some()
    }
}

/// Why applications change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A parameter whose value changed, that a changed output or a rule that
    /// fires differently depends on: an index into [`Comparison::parameters`].
    Parameter(usize),
    /// A rule that fires for some applications under one year only, and the
    /// changed parameters its condition uses.
    Rule {
        /// Its name.
        name: String,
        /// What it says (the second rulebook's message, else the first's).
        message: String,
        /// How the rule itself differs.
        change: DeclarationChange,
        /// The changed parameters its condition depends on (indices into
        /// [`Comparison::parameters`]).
        parameters: Vec<usize>,
    },
    /// An output that is new, dropped or computed differently: an index into
    /// [`Comparison::outputs`].
    Output(usize, DeclarationChange),
    /// A derived value (`let`) or a function (`def`) written differently, that
    /// a changed output uses.
    Definition {
        /// `let` or `def`.
        kind: &'static str,
        /// Its name.
        name: String,
        /// New, dropped or modified.
        change: DeclarationChange,
    },
    /// Nothing in the rulebooks explains it: the way the application is read
    /// under the second year (its dates moved, a value assumed) does.
    Assumptions,
    /// One of the years could not decide the application.
    NoDecision,
}

/// A cause and the applications it explains (indices into [`Comparison::applications`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CauseGroup {
    /// The cause.
    pub cause: Cause,
    /// The applications it explains, in their order.
    pub applications: Vec<usize>,
}

/// What happened to one application.
#[derive(Clone, Debug, PartialEq)]
pub struct ApplicationChange {
    /// The application, as its file is named.
    pub name: String,
    /// The decision under the first rulebook, or why there is none.
    pub from: Result<Decision, String>,
    /// The decision under the second rulebook, or why there is none.
    pub to: Result<Decision, String>,
    /// Fields the second rulebook assumed (their `default`).
    pub assumed: Vec<String>,
    /// Fields the second rulebook no longer has.
    pub ignored: Vec<String>,
    /// The Caf the application names (its `caf` member), if any.
    pub caf: Option<String>,
}

/// What differs for one application, compared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Whether anything that counts differs: the status, an amount, a yes/no,
    /// the rules that fired, or a decision that one year could not make.
    pub changed: bool,
    /// The status under each year, when it differs.
    pub status: Option<(Status, Status)>,
    /// The amounts and yes/no that differ, in the outputs' order.
    pub values: Vec<ValueChange>,
    /// The rules that fire only under the second year.
    pub rules_added: Vec<Reason>,
    /// The rules that fire only under the first year.
    pub rules_gone: Vec<Reason>,
    /// Its causes: indices into [`Comparison::causes`].
    pub causes: Vec<usize>,
}

/// What a comparison puts side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sides {
    /// Two school years of one Caf's rulebooks; the Caf when it was asked
    /// for (else the folder's default, not named).
    Years {
        /// The Caf asked for.
        caf: Option<String>,
    },
    /// Two Cafs' rulebooks for one school year.
    Cafs {
        /// The first Caf (`63`).
        from: String,
        /// The second Caf.
        to: String,
    },
}

/// A rule that is not the same in both rulebooks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDifference {
    /// Its name.
    pub name: String,
    /// Only in the second rulebook, only in the first, or written otherwise.
    pub change: DeclarationChange,
}

/// A comparison of two rulebooks over a set of applications.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Two years, or two Cafs.
    pub sides: Sides,
    /// The first rulebook's year.
    pub from_year: String,
    /// The second rulebook's year (the same as the first's for two Cafs).
    pub to_year: String,
    /// The first rulebook.
    pub from_rulebook: RulebookRef,
    /// The second rulebook.
    pub to_rulebook: RulebookRef,
    /// Each application, as read and decided.
    pub applications: Vec<ApplicationChange>,
    /// What differs for each application, in the same order.
    pub outcomes: Vec<Outcome>,
    /// Every output of either rulebook, in the rulebooks' order, with its totals.
    pub outputs: Vec<OutputSummary>,
    /// The parameters that are not the same: new values, new and dropped parameters.
    pub parameters: Vec<ParameterChange>,
    /// The rules that are not the same in both rulebooks, the second's order first.
    pub rules: Vec<RuleDifference>,
    /// The causes of the changes, each with the applications it explains.
    pub causes: Vec<CauseGroup>,
    /// How many years the applications' dates were moved to be read with the
    /// second rulebook.
    pub dates_shifted_by: i32,
}

/// One row of the budget: a money output of the whole application.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetRow<'a> {
    /// The output.
    pub spec: &'a OutputSpec,
    /// Its sum under the first year.
    pub from: Decimal,
    /// Its sum under the second year.
    pub to: Decimal,
}

impl Comparison {
    /// The applications with what differs for each.
    pub fn each(&self) -> impl Iterator<Item = (usize, &ApplicationChange, &Outcome)> {
        self.applications
            .iter()
            .zip(&self.outcomes)
            .enumerate()
            .map(|(i, (a, o))| (i, a, o))
    }

    /// How many applications change.
    pub fn changed_count(&self) -> usize {
        self.outcomes.iter().filter(|o| o.changed).count()
    }

    /// How many applications change status.
    pub fn status_changed_count(&self) -> usize {
        self.outcomes.iter().filter(|o| o.status.is_some()).count()
    }

    /// The budget: each money output of the whole application, in the
    /// rulebooks' order (the last is the total when the rulebook computes
    /// it from the others).
    pub fn budget(&self) -> Vec<BudgetRow<'_>> {
        self.outputs
            .iter()
            .filter(|o| o.spec.kind == OutputKind::Money && o.spec.list.is_none())
            .map(|o| BudgetRow {
                spec: &o.spec,
                from: o.from,
                to: o.to,
            })
            .collect()
    }
}

/// Where an output lives in the rulebooks, to find its value and its causes.
struct OutputSite<'a> {
    from: Option<(&'a Program, &'a Expr)>,
    to: Option<(&'a Program, &'a Expr)>,
}

/// The outputs of one rulebook: (spec without presence, expression, derived
/// from another output).
fn outputs_of(program: &Program) -> Vec<(OutputSpec, &Expr, bool)> {
    let kind = |ty: &Type| match ty {
        Type::Money => OutputKind::Money,
        Type::Bool => OutputKind::Bool,
        _ => OutputKind::Other,
    };
    let mut out = Vec::new();
    for global in program.outputs.iter().filter_map(|id| program.globals.get(*id)) {
        let derived = global.expr.references().declarations.iter().any(|r| {
            matches!(r, Reference::Global(id)
                if program.globals.get(*id).is_some_and(|g| g.kind == GlobalKind::Output))
        });
        out.push((
            OutputSpec {
                name: global.name.clone(),
                label: global.label.clone().unwrap_or_else(|| global.name.clone()),
                former_label: None,
                kind: kind(&global.ty),
                list: None,
                presence: Presence::Both,
            },
            &global.expr,
            derived,
        ));
    }
    for list in &program.item_lists {
        for output in &list.outputs {
            out.push((
                OutputSpec {
                    name: output.name.clone(),
                    label: output.label.clone().unwrap_or_else(|| output.name.clone()),
                    former_label: None,
                    kind: kind(&output.ty),
                    list: Some(list.key.clone()),
                    presence: Presence::Both,
                },
                &output.expr,
                false,
            ));
        }
    }
    out
}

/// Every output of both rulebooks: the second's in its order, the first's
/// own inserted after the output they followed there; then, among the
/// amounts of the whole application, those computed from other outputs (a
/// total) after the others, so that a new output appended by `extends` does
/// not land after the total.
fn merged_outputs<'a>(from: &'a Program, to: &'a Program) -> Vec<(OutputSpec, OutputSite<'a>)> {
    let before = outputs_of(from);
    let after = outputs_of(to);
    let same = |a: &OutputSpec, b: &OutputSpec| a.name == b.name && a.list == b.list;
    let mut merged: Vec<(OutputSpec, OutputSite<'a>, bool)> = Vec::new();
    for (spec, expr, derived) in &after {
        let old = before.iter().find(|(s, _, _)| same(s, spec));
        let mut spec = spec.clone();
        match old {
            Some((old_spec, old_expr, _)) => {
                if old_spec.label != spec.label {
                    spec.former_label = Some(old_spec.label.clone());
                }
                merged.push((
                    spec,
                    OutputSite {
                        from: Some((from, old_expr)),
                        to: Some((to, expr)),
                    },
                    *derived,
                ));
            }
            None => {
                spec.presence = Presence::New;
                merged.push((
                    spec,
                    OutputSite {
                        from: None,
                        to: Some((to, expr)),
                    },
                    *derived,
                ));
            }
        }
    }
    let mut previous: Option<usize> = None;
    for (spec, expr, derived) in &before {
        match merged.iter().position(|(s, _, _)| same(s, spec)) {
            Some(position) => previous = Some(position),
            None => {
                let mut spec = spec.clone();
                spec.presence = Presence::Dropped;
                let at = previous.map_or(0, |p| p + 1).min(merged.len());
                merged.insert(
                    at,
                    (
                        spec,
                        OutputSite {
                            from: Some((from, expr)),
                            to: None,
                        },
                        *derived,
                    ),
                );
                previous = Some(at);
            }
        }
    }
    // The slots of the whole application's amounts, refilled: plain ones first.
    let is_amount = |spec: &OutputSpec| spec.kind == OutputKind::Money && spec.list.is_none();
    let slots: Vec<usize> = (0..merged.len())
        .filter(|i| merged.get(*i).is_some_and(|(s, _, _)| is_amount(s)))
        .collect();
    let mut amounts: Vec<Option<(OutputSpec, OutputSite<'a>, bool)>> = Vec::new();
    let mut rest: Vec<Option<(OutputSpec, OutputSite<'a>, bool)>> = Vec::new();
    for entry in merged {
        if is_amount(&entry.0) {
            amounts.push(Some(entry));
        } else {
            rest.push(Some(entry));
        }
    }
    amounts.sort_by_key(|e| e.as_ref().is_some_and(|(_, _, derived)| *derived));
    let total = slots.len() + rest.len();
    let (mut amounts, mut rest) = (amounts.into_iter(), rest.into_iter());
    (0..total)
        .filter_map(|i| {
            if slots.contains(&i) {
                amounts.next().flatten()
            } else {
                rest.next().flatten()
            }
        })
        .map(|(spec, site, _)| (spec, site))
        .collect()
}

/// The value of an output in a decision: of the whole application, or of one item.
fn value_in<'a>(decision: &'a Decision, spec: &OutputSpec, item: Option<usize>) -> Option<&'a OutputValue> {
    let outputs = match (&spec.list, item) {
        (None, _) => &decision.outputs,
        (Some(list), Some(index)) => {
            &decision
                .groups
                .iter()
                .find(|g| &g.key == list)?
                .items
                .iter()
                .find(|i| i.index == index)?
                .outputs
        }
        (Some(_), None) => return None,
    };
    outputs.iter().find(|o| o.name == spec.name)
}

/// Whether a value counts as nothing: zero, « non », or no value.
fn is_nothing(value: Option<&OutputValue>) -> bool {
    match value.map(|o| &o.value) {
        None | Some(Value::Absent) | Some(Value::Bool(false)) => true,
        Some(Value::Money(amount)) => amount.is_zero(),
        Some(_) => false,
    }
}

/// Whether two values differ, an absent one counting as zero (or « non »).
fn differs(a: Option<&OutputValue>, b: Option<&OutputValue>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.value != b.value,
        _ => is_nothing(a) != is_nothing(b),
    }
}

/// The positions of the items of a list in either decision.
fn item_indices(from: &Decision, to: &Decision, list: &str) -> Vec<usize> {
    let mut indices: BTreeSet<usize> = BTreeSet::new();
    for decision in [from, to] {
        for group in decision.groups.iter().filter(|g| g.key == list) {
            indices.extend(group.items.iter().map(|i| i.index));
        }
    }
    indices.into_iter().collect()
}

/// The folded text of an expression, to tell whether it is written differently.
fn expression_text(compiled: &Compiled, expr: &Expr) -> String {
    folded(&compiled.sources, expr.span)
}

/// What an expression uses, directly or through derived values and
/// functions; not through other outputs, nor through the rules behind
/// `eligible`: those count as causes only where they change or fire
/// differently.
#[derive(Default)]
struct Uses {
    globals: BTreeSet<GlobalId>,
    defs: BTreeSet<DefId>,
}

fn uses(program: &Program, expr: &Expr) -> Uses {
    let mut found = Uses::default();
    let mut stack = expr.references().declarations;
    while let Some(reference) = stack.pop() {
        match reference {
            Reference::Global(id) => {
                // Another output is a change of its own where it changes,
                // and no cause where it does not: not followed.
                if found.globals.insert(id)
                    && let Some(global) = program.globals.get(id)
                    && global.kind != GlobalKind::Output
                {
                    stack.extend(global.expr.references().declarations);
                }
            }
            Reference::Def(id) => {
                if found.defs.insert(id)
                    && let Some(def) = program.defs.get(id)
                {
                    stack.extend(def.body.references().declarations);
                }
            }
            Reference::List(_) => {}
        }
    }
    found
}

/// The parameters that are not the same in both rulebooks, the second's
/// order first: new values, new parameters, dropped ones.
fn parameter_changes(from: &Program, to: &Program) -> Vec<ParameterChange> {
    let params = |program: &Program| -> Vec<(String, Option<String>, Option<Value>, String)> {
        program
            .globals
            .iter()
            .filter(|g| g.kind == GlobalKind::Param)
            .map(|g| {
                let shown = g
                    .constant
                    .as_ref()
                    .map(|v| render_in_sentence(v, &g.ty, program))
                    .unwrap_or_default();
                (g.name.clone(), g.label.clone(), g.constant.clone(), shown)
            })
            .collect()
    };
    let (before, after) = (params(from), params(to));
    let mut changes = Vec::new();
    for (name, label, value, shown) in &after {
        match before.iter().find(|(n, _, _, _)| n == name) {
            Some((_, _, old_value, old_shown)) if old_value != value || old_shown != shown => {
                changes.push(ParameterChange {
                    name: name.clone(),
                    label: label.clone(),
                    from: Some(old_shown.clone()),
                    to: Some(shown.clone()),
                });
            }
            Some(_) => {}
            None => changes.push(ParameterChange {
                name: name.clone(),
                label: label.clone(),
                from: None,
                to: Some(shown.clone()),
            }),
        }
    }
    for (name, label, _, shown) in &before {
        if !after.iter().any(|(n, _, _, _)| n == name) {
            changes.push(ParameterChange {
                name: name.clone(),
                label: label.clone(),
                from: Some(shown.clone()),
                to: None,
            });
        }
    }
    changes
}

/// The rules that fired, each once per item it fired for.
fn fired(decision: &Decision) -> Vec<&Reason> {
    let mut seen: Vec<&Reason> = Vec::new();
    for reason in &decision.reasons {
        if !seen
            .iter()
            .any(|r| r.rule == reason.rule && r.item == reason.item)
        {
            seen.push(reason);
        }
    }
    seen
}

/// The rules that fired under one decision and not the other.
fn fired_only_in(one: &Decision, other: &Decision) -> Vec<Reason> {
    let others = fired(other);
    fired(one)
        .into_iter()
        .filter(|r| !others.iter().any(|o| o.rule == r.rule && o.item == r.item))
        .cloned()
        .collect()
}

/// Both rulebooks, as the comparison reads them.
struct Books<'a> {
    from: &'a Compiled,
    to: &'a Compiled,
    old: &'a Program,
    new: &'a Program,
    parameters: &'a [ParameterChange],
}

impl Books<'_> {
    /// The changed values (indices into `parameters`) among the globals used.
    fn changed_values(&self, program: &Program, used: &Uses) -> Vec<usize> {
        let names: BTreeSet<&str> = used
            .globals
            .iter()
            .filter_map(|id| program.globals.get(*id))
            .filter(|g| g.kind == GlobalKind::Param)
            .map(|g| g.name.as_str())
            .collect();
        self.parameters
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_new_value() && names.contains(p.name.as_str()))
            .map(|(i, _)| i)
            .collect()
    }

    /// The causes of an output's change: itself if it is new, dropped or
    /// written otherwise; the changed values, derived values and functions it uses.
    fn output_causes(&self, index: usize, site: &OutputSite) -> Vec<Cause> {
        let mut causes = Vec::new();
        match (site.from, site.to) {
            (None, _) => causes.push(Cause::Output(index, DeclarationChange::New)),
            (_, None) => causes.push(Cause::Output(index, DeclarationChange::Dropped)),
            (Some((_, a)), Some((_, b))) => {
                if expression_text(self.from, a) != expression_text(self.to, b) {
                    causes.push(Cause::Output(index, DeclarationChange::Modified));
                }
            }
        }
        let (program, expr) = match (site.to, site.from) {
            (Some(side), _) | (None, Some(side)) => side,
            (None, None) => return causes,
        };
        let used = uses(program, expr);
        causes.extend(
            self.changed_values(program, &used)
                .into_iter()
                .map(Cause::Parameter),
        );
        for global in used.globals.iter().filter_map(|id| program.globals.get(*id)) {
            if global.kind != GlobalKind::Let {
                continue;
            }
            let change = self.global_change(&global.name);
            if change != DeclarationChange::Same {
                causes.push(Cause::Definition {
                    kind: "let",
                    name: global.name.clone(),
                    change,
                });
            }
        }
        for def in used.defs.iter().filter_map(|id| program.defs.get(*id)) {
            let other = if std::ptr::eq(program, self.new) {
                self.old
            } else {
                self.new
            };
            let change = match other.defs.iter().find(|d| d.name == def.name) {
                None if std::ptr::eq(program, self.new) => DeclarationChange::New,
                None => DeclarationChange::Dropped,
                Some(other_def) => {
                    let (a, b) = if std::ptr::eq(program, self.new) {
                        (
                            expression_text(self.from, &other_def.body),
                            expression_text(self.to, &def.body),
                        )
                    } else {
                        (
                            expression_text(self.from, &def.body),
                            expression_text(self.to, &other_def.body),
                        )
                    };
                    if a == b {
                        DeclarationChange::Same
                    } else {
                        DeclarationChange::Modified
                    }
                }
            };
            if change != DeclarationChange::Same {
                causes.push(Cause::Definition {
                    kind: "def",
                    name: def.name.clone(),
                    change,
                });
            }
        }
        causes
    }

    /// How a derived value differs between the rulebooks.
    fn global_change(&self, name: &str) -> DeclarationChange {
        fn find<'p>(program: &'p Program, name: &str) -> Option<&'p crate::program::Global> {
            program
                .globals
                .iter()
                .find(|g| g.name == name && g.kind != GlobalKind::Param)
        }
        match (find(self.old, name), find(self.new, name)) {
            (None, Some(_)) => DeclarationChange::New,
            (Some(_), None) => DeclarationChange::Dropped,
            (Some(a), Some(b)) => {
                if expression_text(self.from, &a.expr) == expression_text(self.to, &b.expr) {
                    DeclarationChange::Same
                } else {
                    DeclarationChange::Modified
                }
            }
            (None, None) => DeclarationChange::Same,
        }
    }

    /// How a rule differs between the rulebooks, by name.
    fn rule_change(&self, name: &str) -> DeclarationChange {
        fn find<'p>(program: &'p Program, name: &str) -> Option<&'p crate::program::RuleDef> {
            program.rules.iter().find(|r| r.name == name)
        }
        match (find(self.old, name), find(self.new, name)) {
            (None, Some(_)) => DeclarationChange::New,
            (Some(_), None) => DeclarationChange::Dropped,
            (Some(a), Some(b)) => {
                // As written (the message as written, not as filled in with
                // each rulebook's values).
                if folded(&self.from.sources, a.span) == folded(&self.to.sources, b.span) {
                    DeclarationChange::Same
                } else {
                    DeclarationChange::Modified
                }
            }
            (None, None) => DeclarationChange::Same,
        }
    }

    /// The rules not the same in both rulebooks: the second's in its order
    /// (new or written otherwise), then those only in the first.
    fn rule_differences(&self) -> Vec<RuleDifference> {
        let mut names: Vec<&str> = self.new.rules.iter().map(|r| r.name.as_str()).collect();
        for rule in &self.old.rules {
            if !names.contains(&rule.name.as_str()) {
                names.push(&rule.name);
            }
        }
        names.dedup();
        names
            .into_iter()
            .map(|name| RuleDifference {
                name: name.to_string(),
                change: self.rule_change(name),
            })
            .filter(|d| d.change != DeclarationChange::Same)
            .collect()
    }

    /// The cause a rule that fires differently gives: the rule, how it
    /// differs, and the changed values its condition uses.
    fn rule_cause(&self, reason: &Reason) -> Cause {
        let find = |p: &'_ Program| p.rules.iter().find(|r| r.name == reason.rule).cloned();
        let (old, new) = (find(self.old), find(self.new));
        let change = match (&old, &new) {
            (None, Some(_)) => DeclarationChange::New,
            (Some(_), None) => DeclarationChange::Dropped,
            (Some(a), Some(b)) => {
                let text = |compiled: &Compiled, rule: &crate::program::RuleDef| {
                    format!(
                        "{:?} {} {}",
                        rule.severity,
                        rule.unless,
                        expression_text(compiled, &rule.condition)
                    )
                };
                if text(self.from, a) == text(self.to, b) {
                    DeclarationChange::Same
                } else {
                    DeclarationChange::Modified
                }
            }
            (None, None) => DeclarationChange::Same,
        };
        let (program, rule) = match (&new, &old) {
            (Some(rule), _) => (self.new, rule),
            (None, Some(rule)) => (self.old, rule),
            (None, None) => {
                return Cause::Rule {
                    name: reason.rule.clone(),
                    message: reason.message.clone(),
                    change,
                    parameters: Vec::new(),
                };
            }
        };
        let used = uses(program, &rule.condition);
        Cause::Rule {
            name: reason.rule.clone(),
            message: rule.message.clone(),
            change,
            parameters: self.changed_values(program, &used),
        }
    }
}

/// Puts the decisions side by side and says what differs, for which
/// application and why. `None` when a rulebook has errors (no program).
pub fn compare(
    sides: Sides,
    from: &Compiled,
    to: &Compiled,
    applications: Vec<ApplicationChange>,
    dates_shifted_by: i32,
) -> Option<Comparison> {
    let (old, new) = (from.program.as_ref()?, to.program.as_ref()?);
    let parameters = parameter_changes(old, new);
    let books = Books {
        from,
        to,
        old,
        new,
        parameters: &parameters,
    };
    let sites = merged_outputs(old, new);
    let mut outputs: Vec<OutputSummary> = sites
        .iter()
        .map(|(spec, _)| OutputSummary {
            spec: spec.clone(),
            from: Decimal::ZERO,
            to: Decimal::ZERO,
            applications_changed: 0,
            zero_everywhere: true,
        })
        .collect();
    let mut causes: Vec<CauseGroup> = Vec::new();
    let mut outcomes = Vec::with_capacity(applications.len());
    for (index, application) in applications.iter().enumerate() {
        // The totals of each year, from whichever decisions there are.
        for (summary, (spec, _)) in outputs.iter_mut().zip(&sites) {
            for (first, side) in [(true, &application.from), (false, &application.to)] {
                let Ok(decision) = side else { continue };
                let values: Vec<&OutputValue> = match &spec.list {
                    None => value_in(decision, spec, None).into_iter().collect(),
                    Some(list) => item_indices(decision, decision, list)
                        .into_iter()
                        .filter_map(|i| value_in(decision, spec, Some(i)))
                        .collect(),
                };
                for value in values {
                    if !is_nothing(Some(value)) && spec.kind != OutputKind::Other {
                        summary.zero_everywhere = false;
                    }
                    let amount = match value.value {
                        Value::Money(amount) => amount,
                        Value::Bool(true) => Decimal::ONE,
                        _ => Decimal::ZERO,
                    };
                    if first {
                        summary.from += amount;
                    } else {
                        summary.to += amount;
                    }
                }
            }
        }
        let mut outcome = Outcome::default();
        let mut found: Vec<Cause> = Vec::new();
        match (&application.from, &application.to) {
            (Ok(a), Ok(b)) => {
                if a.status != b.status {
                    outcome.status = Some((a.status, b.status));
                }
                let eligibility_changed =
                    a.status != b.status && (a.status != Status::Eligible || b.status != Status::Eligible);
                for (output, (spec, site)) in sites.iter().enumerate() {
                    if spec.kind == OutputKind::Other {
                        continue;
                    }
                    let items: Vec<Option<usize>> = match &spec.list {
                        None => vec![None],
                        Some(list) => item_indices(a, b, list).into_iter().map(Some).collect(),
                    };
                    let mut changed_here = false;
                    for item in items {
                        let (x, y) = (value_in(a, spec, item), value_in(b, spec, item));
                        if differs(x, y) {
                            changed_here = true;
                            outcome.values.push(ValueChange {
                                output,
                                item,
                                from: x.cloned(),
                                to: y.cloned(),
                            });
                        }
                    }
                    if changed_here {
                        if let Some(summary) = outputs.get_mut(output) {
                            summary.applications_changed += 1;
                        }
                        // Outputs are nothing unless the application is
                        // eligible: when it becomes so or stops being so,
                        // the rules that fire differently are the cause.
                        if !eligibility_changed {
                            found.extend(books.output_causes(output, site));
                        }
                    }
                }
                outcome.rules_added = fired_only_in(b, a);
                outcome.rules_gone = fired_only_in(a, b);
                for reason in outcome.rules_added.iter().chain(&outcome.rules_gone) {
                    found.push(books.rule_cause(reason));
                }
                outcome.changed = outcome.status.is_some()
                    || !outcome.values.is_empty()
                    || !outcome.rules_added.is_empty()
                    || !outcome.rules_gone.is_empty();
                if outcome.changed && found.is_empty() {
                    found.push(Cause::Assumptions);
                }
            }
            _ => {
                outcome.changed = true;
                found.push(Cause::NoDecision);
            }
        }
        for cause in found {
            let at = match causes.iter().position(|g| g.cause == cause) {
                Some(at) => at,
                None => {
                    causes.push(CauseGroup {
                        cause,
                        applications: Vec::new(),
                    });
                    causes.len() - 1
                }
            };
            if let Some(group) = causes.get_mut(at)
                && !group.applications.contains(&index)
            {
                group.applications.push(index);
            }
        }
        outcomes.push(outcome);
    }
    // Causes in a stable order: parameters as the rulebook lists them, then
    // rules, outputs, definitions, the rest.
    let rank = |cause: &Cause| match cause {
        Cause::Parameter(i) => (0, *i, String::new()),
        Cause::Rule { name, .. } => (1, 0, name.clone()),
        Cause::Output(i, _) => (2, *i, String::new()),
        Cause::Definition { name, .. } => (3, 0, name.clone()),
        Cause::Assumptions => (4, 0, String::new()),
        Cause::NoDecision => (5, 0, String::new()),
    };
    let mut order: Vec<usize> = (0..causes.len()).collect();
    order.sort_by_key(|i| causes.get(*i).map(|g| rank(&g.cause)));
    let sorted: Vec<CauseGroup> = order.iter().filter_map(|i| causes.get(*i).cloned()).collect();
    for (index, outcome) in outcomes.iter_mut().enumerate() {
        outcome.causes = sorted
            .iter()
            .enumerate()
            .filter(|(_, g)| g.applications.contains(&index))
            .map(|(i, _)| i)
            .collect();
    }
    let rules = books.rule_differences();
    Some(Comparison {
        sides,
        from_year: old.header.year.clone(),
        to_year: new.header.year.clone(),
        from_rulebook: from.reference(),
        to_rulebook: to.reference(),
        applications,
        outcomes,
        outputs,
        parameters,
        rules,
        causes: sorted,
        dates_shifted_by,
    })
}

impl Comparison {
    /// The comparison in the language asked, for staff.
    pub fn to_human(&self, lang: Lang) -> String {
        crate::render::comparison::text(self, lang)
    }

    /// The comparison as JSON.
    pub fn to_json(&self) -> Json {
        crate::render::comparison::json(self)
    }
}
