//! Comparing two years: what a new rulebook changes in the rules themselves,
//! and what it changes in the decisions on the same applications. Pure: the
//! caller loads the rulebooks and reads the applications.

use crate::decision::{Decision, render_in_sentence};
use crate::diagnostic::SourceMap;
use crate::program::{GlobalKind, Program, Type, TypeName};
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

/// The parameters whose value differs between two rulebooks (or exist in only one).
fn changed_parameters(from: &Program, to: &Program) -> BTreeSet<String> {
    let value = |program: &Program, name: &str| {
        program
            .globals
            .iter()
            .find(|g| g.kind == GlobalKind::Param && g.name == name)
            .map(|g| g.constant.clone())
    };
    from.globals
        .iter()
        .chain(&to.globals)
        .filter(|g| g.kind == GlobalKind::Param)
        .filter(|g| value(from, &g.name) != value(to, &g.name))
        .map(|g| g.name.clone())
        .collect()
}

/// What happened to one application.
#[derive(Clone, Debug, PartialEq)]
pub struct ApplicationChange {
    /// The application, as its file is named.
    pub name: String,
    /// The decision under each rulebook, or why there is none.
    pub from: Result<Decision, String>,
    /// The decision under the second rulebook, or why there is none.
    pub to: Result<Decision, String>,
    /// Fields the second rulebook assumed (their `default`).
    pub assumed: Vec<String>,
    /// Fields the second rulebook no longer has.
    pub ignored: Vec<String>,
}

impl ApplicationChange {
    pub(crate) fn amounts(decision: &Decision) -> Vec<(String, Decimal)> {
        decision
            .outputs
            .iter()
            .filter_map(|o| match o.value {
                Value::Money(amount) => Some((o.name.clone(), amount)),
                _ => None,
            })
            .collect()
    }

    /// Whether the status or an amount differs.
    pub fn changed(&self) -> bool {
        match (&self.from, &self.to) {
            (Ok(a), Ok(b)) => a.status != b.status || Self::amounts(a) != Self::amounts(b),
            _ => true,
        }
    }

    /// Rules that fired under one rulebook only: (`+` new, `-` gone).
    pub fn rule_changes(&self) -> (Vec<String>, Vec<String>) {
        let fired = |d: &Result<Decision, String>| -> BTreeSet<String> {
            d.as_ref()
                .map(|d| d.reasons.iter().map(|r| r.rule.clone()).collect())
                .unwrap_or_default()
        };
        let (before, after) = (fired(&self.from), fired(&self.to));
        (
            after.difference(&before).cloned().collect(),
            before.difference(&after).cloned().collect(),
        )
    }
}

/// A comparison of two years over a set of applications.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The first year.
    pub from_year: String,
    /// The second year.
    pub to_year: String,
    /// Each application.
    pub applications: Vec<ApplicationChange>,
    /// The parameters whose value changed, that the amounts depend on.
    pub amount_parameters: Vec<String>,
    /// How many years the applications' dates were moved to be read with the
    /// second rulebook.
    pub dates_shifted_by: i32,
}

/// Puts the decisions side by side; `from` and `to` are the two programs.
pub fn compare(from: &Program, to: &Program, applications: Vec<ApplicationChange>) -> Comparison {
    let changed = changed_parameters(from, to);
    let mut reached = BTreeSet::new();
    for program in [from, to] {
        for id in &program.outputs {
            let Some(global) = program.globals.get(*id) else {
                continue;
            };
            if global.ty != Type::Money {
                continue;
            }
            for param in program.parameters_reached(&global.expr) {
                if let Some(p) = program.globals.get(param) {
                    reached.insert(p.name.clone());
                }
            }
        }
    }
    Comparison {
        from_year: from.header.year.clone(),
        to_year: to.header.year.clone(),
        applications,
        amount_parameters: changed.intersection(&reached).cloned().collect(),
        dates_shifted_by: 0,
    }
}

impl Comparison {
    /// The comparison in French, for staff.
    pub fn to_human(&self) -> String {
        crate::render::comparison::text(self)
    }

    /// The comparison as JSON.
    pub fn to_json(&self) -> Json {
        crate::render::comparison::json(self)
    }

    /// The sum of each money output under each year, in declaration order.
    pub fn budget(&self) -> Vec<(String, Decimal, Decimal)> {
        let mut totals: Vec<(String, Decimal, Decimal)> = Vec::new();
        for application in &self.applications {
            for (side, decision) in [(0, &application.from), (1, &application.to)] {
                let Ok(decision) = decision else { continue };
                for (name, amount) in ApplicationChange::amounts(decision) {
                    let position = match totals.iter().position(|(n, _, _)| *n == name) {
                        Some(position) => position,
                        None => {
                            totals.push((name, Decimal::ZERO, Decimal::ZERO));
                            totals.len() - 1
                        }
                    };
                    if let Some(entry) = totals.get_mut(position) {
                        if side == 0 {
                            entry.1 += amount;
                        } else {
                            entry.2 += amount;
                        }
                    }
                }
            }
        }
        totals
    }
}
