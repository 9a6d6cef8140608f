//! Comparing two years: what a new rulebook changes in the rules themselves,
//! and what it changes in the decisions on the same applications. Pure: the
//! caller loads the rulebooks and reads the applications.

use crate::decision::{Decision, Status, render_in_sentence};
use crate::diagnostic::SourceMap;
use crate::program::{GlobalKind, Program, Type, TypeName};
use crate::rulebook::Compiled;
use crate::value::{Value, contract_money, french_money};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};
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
    fn amounts(decision: &Decision) -> Vec<(String, Decimal)> {
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

fn status_french(status: Status) -> &'static str {
    match status {
        Status::Eligible => "éligible",
        Status::Ineligible => "non éligible",
        Status::Incomplete => "incomplet",
    }
}

fn signed(amount: Decimal) -> String {
    if amount.is_sign_negative() && !amount.is_zero() {
        format!("−{}", french_money(-amount))
    } else {
        format!("+{}", french_money(amount))
    }
}

impl Comparison {
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

    /// The comparison in French, for staff.
    pub fn to_human(&self) -> String {
        let (from, to) = (&self.from_year, &self.to_year);
        let mut out = format!(
            "Comparaison {from} → {to} sur {} demande(s)\n",
            self.applications.len()
        );
        let changed: Vec<&ApplicationChange> = self.applications.iter().filter(|a| a.changed()).collect();
        let status_changes = changed
            .iter()
            .filter(|a| matches!((&a.from, &a.to), (Ok(x), Ok(y)) if x.status != y.status))
            .count();
        out.push_str(&format!(
            "{} demande(s) changent, dont {status_changes} de statut ; {} inchangée(s).\n",
            changed.len(),
            self.applications.len() - changed.len()
        ));
        if !self.amount_parameters.is_empty() {
            out.push_str(&format!(
                "Valeurs modifiées qui entrent dans les montants : {}.\n",
                self.amount_parameters.join(", ")
            ));
        }
        for application in &changed {
            out.push_str(&format!("\n{}\n", application.name));
            match (&application.from, &application.to) {
                (Ok(a), Ok(b)) => {
                    out.push_str(&format!(
                        "  statut : {} → {}\n",
                        status_french(a.status),
                        status_french(b.status)
                    ));
                    let after = ApplicationChange::amounts(b);
                    for (name, old) in ApplicationChange::amounts(a) {
                        let new = after
                            .iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| *v)
                            .unwrap_or(Decimal::ZERO);
                        if new != old {
                            out.push_str(&format!(
                                "  {name} : {} → {} ({})\n",
                                french_money(old),
                                french_money(new),
                                signed(new - old)
                            ));
                        }
                    }
                }
                (a, b) => {
                    for (year, side) in [(from, a), (to, b)] {
                        if let Err(why) = side {
                            out.push_str(&format!("  pas de décision en {year} : {why}\n"));
                        }
                    }
                }
            }
            let (added, gone) = application.rule_changes();
            for rule in &added {
                out.push_str(&format!("  + règle {rule} (s'applique en {to})\n"));
            }
            for rule in &gone {
                out.push_str(&format!("  − règle {rule} (ne s'applique plus)\n"));
            }
            if added.is_empty() && gone.is_empty() && !self.amount_parameters.is_empty() {
                out.push_str("  cause : les valeurs modifiées ci-dessus\n");
            }
        }
        let assumed: BTreeSet<String> = self
            .applications
            .iter()
            .flat_map(|a| a.assumed.iter().cloned())
            .collect();
        let ignored: BTreeSet<String> = self
            .applications
            .iter()
            .flat_map(|a| a.ignored.iter().cloned())
            .collect();
        if !assumed.is_empty() || !ignored.is_empty() || self.dates_shifted_by != 0 {
            out.push_str(&format!(
                "\nHypothèses pour lire les demandes avec les règles {to}\n"
            ));
            if self.dates_shifted_by != 0 {
                let n = self.dates_shifted_by;
                out.push_str(&format!(
                    "  dates décalées de {n} an{} (comme si chaque demande était déposée au même moment de l'année suivante)\n",
                    if n.abs() > 1 { "s" } else { "" }
                ));
            }
            for field in &assumed {
                out.push_str(&format!("  valeur supposée : {field}\n"));
            }
            for field in &ignored {
                out.push_str(&format!("  champ ignoré : {field}\n"));
            }
        }
        out.push_str(&format!("\nBudget        {from:>16} {to:>16}            écart\n"));
        for (name, old, new) in self.budget() {
            let percent = if old.is_zero() {
                String::new()
            } else {
                format!(
                    " ({:+.1} %)",
                    ((new - old) / old * Decimal::ONE_HUNDRED).round_dp(1)
                )
                .replace('.', ",")
            };
            out.push_str(&format!(
                "  {name:<12}{:>16} {:>16} {:>16}{percent}\n",
                french_money(old),
                french_money(new),
                signed(new - old)
            ));
        }
        out
    }

    /// The comparison as JSON.
    pub fn to_json(&self) -> Json {
        let side = |decision: &Result<Decision, String>| match decision {
            Ok(d) => json!({
                "status": d.status.key(),
                "outputs": d.outputs.iter().map(|o| (o.name.clone(), o.json.clone())).collect::<serde_json::Map<_, _>>(),
                "rules": d.reasons.iter().map(|r| r.rule.clone()).collect::<Vec<_>>(),
            }),
            Err(why) => json!({ "error": why }),
        };
        json!({
            "from": self.from_year,
            "to": self.to_year,
            "amount_parameters": self.amount_parameters,
            "dates_shifted_by_years": self.dates_shifted_by,
            "applications": self.applications.iter().map(|a| {
                let (added, gone) = a.rule_changes();
                json!({
                    "name": a.name,
                    "changed": a.changed(),
                    "from": side(&a.from),
                    "to": side(&a.to),
                    "rules_added": added,
                    "rules_gone": gone,
                    "assumed": a.assumed,
                    "ignored": a.ignored,
                })
            }).collect::<Vec<_>>(),
            "budget": self.budget().iter().map(|(name, old, new)| json!({
                "output": name,
                "from": contract_money(*old),
                "to": contract_money(*new),
                "difference": contract_money(*new - *old),
            })).collect::<Vec<_>>(),
        })
    }
}

/// The differences between two rulebooks, in French, side by side.
pub fn changes_to_human(from_year: &str, to_year: &str, changes: &[Change]) -> String {
    let mut out = format!("Différences entre les règles {from_year} et {to_year}\n");
    if changes.is_empty() {
        out.push_str("  aucune\n");
    }
    let kinds = [
        ("param", "Paramètres"),
        ("field", "Champs de la demande"),
        ("rule", "Règles"),
        ("output", "Résultats"),
        ("let", "Valeurs calculées"),
        ("def", "Fonctions"),
    ];
    for (kind, title) in kinds {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        for change in of_kind {
            match (&change.from, &change.to) {
                (Some(a), Some(b)) if kind == "param" => {
                    out.push_str(&format!("  ~ {} : {a} → {b}\n", change.name));
                }
                (Some(a), Some(b)) => {
                    out.push_str(&format!(
                        "  ~ {}\n      {from_year} : {a}\n      {to_year} : {b}\n",
                        change.name
                    ));
                }
                (Some(a), None) => out.push_str(&format!("  − {} (retiré ; était : {a})\n", change.name)),
                (None, Some(b)) => out.push_str(&format!("  + {} (nouveau : {b})\n", change.name)),
                (None, None) => {}
            }
        }
    }
    out
}

/// The differences between two rulebooks, as JSON.
pub fn changes_to_json(from_year: &str, to_year: &str, changes: &[Change]) -> Json {
    json!({
        "from": from_year,
        "to": to_year,
        "changes": changes.iter().map(|c| json!({
            "kind": c.kind,
            "name": c.name,
            "from": c.from,
            "to": c.to,
        })).collect::<Vec<_>>(),
    })
}
