//! A comparison of two years, or of two Cafs for one year, as staff read it
//! (text, in their language), as scripts read it (JSON) and as a committee
//! reads it (a printable HTML page); the differences between two rulebooks,
//! as text and JSON. A comparison of two Cafs keeps the layout of a
//! comparison of two years, with its own words: the Cafs name the columns,
//! and what one rulebook has and the other lacks is « de la Caf 15
//! seulement » rather than new or dropped.

use super::chart::{self, Caption};
use super::html::Tr;
use crate::compare::{
    ApplicationChange, BudgetRow, Cause, Change, Comparison, DeclarationChange, Outcome, OutputKind,
    OutputSummary, Presence, Sides, ValueChange,
};
use crate::decision::{Decision, OutputValue, Reason, RulebookRef, Status};
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::value::{Value, contract_money, french_decimal, french_money};
use askama::Template;
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};
use std::collections::BTreeSet;

/// The two sides' names, as column heads: the two years, or « Caf 63 » and
/// « Caf 15 ».
fn side_labels(comparison: &Comparison, lang: Lang) -> (String, String) {
    match &comparison.sides {
        Sides::Years { .. } => (comparison.from_year.clone(), comparison.to_year.clone()),
        Sides::Cafs { from, to } => (
            msg!("comparison-cafs-side", caf = from.as_str()).render(lang),
            msg!("comparison-cafs-side", caf = to.as_str()).render(lang),
        ),
    }
}

/// For a comparison of two Cafs, the Caf whose rulebook alone has a
/// declaration new (only in the second) or dropped (only in the first).
fn only_caf(comparison: &Comparison, change: DeclarationChange) -> Option<&str> {
    match (&comparison.sides, change) {
        (Sides::Cafs { to, .. }, DeclarationChange::New) => Some(to),
        (Sides::Cafs { from, .. }, DeclarationChange::Dropped) => Some(from),
        _ => None,
    }
}

/// Whether the comparison is of two Cafs.
fn of_cafs(comparison: &Comparison) -> bool {
    matches!(comparison.sides, Sides::Cafs { .. })
}

/// The comparison's title: « Comparaison 2023-2024 → 2024-2025 sur 22
/// demandes », « Comparaison Caf 63 → Caf 15 en 2023-2024 sur 4 demandes ».
fn title(comparison: &Comparison) -> Message {
    let count = comparison.applications.len();
    match &comparison.sides {
        Sides::Years { .. } => msg!(
            "comparison-title",
            from = comparison.from_year.as_str(),
            to = comparison.to_year.as_str(),
            count = count
        ),
        Sides::Cafs { from, to } => msg!(
            "comparison-cafs-title",
            from = from.as_str(),
            to = to.as_str(),
            year = comparison.from_year.as_str(),
            count = count
        ),
    }
}

fn status_word(status: Status) -> Message {
    match status {
        Status::Eligible => msg!("comparison-status-eligible"),
        Status::Ineligible => msg!("comparison-status-ineligible"),
        Status::Incomplete => msg!("comparison-status-incomplete"),
    }
}

/// An amount with its sign: `+35,00 €`, `−2 275,00 €`.
fn signed(amount: Decimal) -> String {
    if amount.is_sign_negative() && !amount.is_zero() {
        format!("−{}", french_money(-amount))
    } else {
        format!("+{}", french_money(amount))
    }
}

/// The change in percent, one decimal, rounded half away from zero: ` (+9,2 %)`.
fn percent(old: Decimal, new: Decimal) -> String {
    if old.is_zero() {
        return String::new();
    }
    let change = ((new - old) / old * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let sign = if change.is_sign_negative() && !change.is_zero() {
        "−"
    } else {
        "+"
    };
    format!("{sign}{} %", french_decimal(change.abs(), 1))
}

/// A value as staff read it; an absent one as a dash.
fn value_text(value: Option<&OutputValue>, lang: Lang) -> String {
    match value.map(|o| (&o.value, o)) {
        None => msg!("comparison-absent").render(lang),
        Some((Value::Bool(true), _)) => msg!("comparison-yes").render(lang),
        Some((Value::Bool(false), _)) => msg!("comparison-no").render(lang),
        Some((_, output)) => output.french.clone(),
    }
}

/// The output a change is about, with its item: « Ps du collectif (collectifs n° 2) ».
fn subject_text(comparison: &Comparison, change: &ValueChange, lang: Lang) -> String {
    let Some(summary) = comparison.outputs.get(change.output) else {
        return String::new();
    };
    match (&summary.spec.list, change.item) {
        (Some(list), Some(index)) => msg!(
            "comparison-item",
            label = summary.spec.label.as_str(),
            list = list.as_str(),
            number = (index + 1).to_string()
        )
        .render(lang),
        _ => summary.spec.label.clone(),
    }
}

/// One changed value: « Prestation de service (Ps) : 2 275,00 € → 2 310,00 € (+35,00 €) ».
fn value_line(comparison: &Comparison, change: &ValueChange, lang: Lang) -> String {
    let label = subject_text(comparison, change, lang);
    let (from, to) = (
        value_text(change.from.as_ref(), lang),
        value_text(change.to.as_ref(), lang),
    );
    match change.difference() {
        Some(difference) => msg!(
            "comparison-value-difference",
            label = label,
            from = from,
            to = to,
            difference = signed(difference)
        ),
        None => msg!("comparison-value", label = label, from = from, to = to),
    }
    .render(lang)
}

fn rule_line(reason: &Reason, added: bool, lang: Lang) -> String {
    let item = match &reason.item {
        Some((list, index)) => msg!(
            "comparison-rule-item",
            list = list.as_str(),
            number = (index + 1).to_string()
        )
        .render(lang),
        None => String::new(),
    };
    if added {
        msg!(
            "comparison-rule-added",
            rule = reason.rule.as_str(),
            item = item,
            message = reason.message.as_str()
        )
    } else {
        msg!(
            "comparison-rule-gone",
            rule = reason.rule.as_str(),
            item = item,
            message = reason.message.as_str()
        )
    }
    .render(lang)
}

/// A cause, in full.
fn cause_message(comparison: &Comparison, cause: &Cause) -> Message {
    let output_label = |i: usize| {
        comparison
            .outputs
            .get(i)
            .map(|o| o.spec.label.clone())
            .unwrap_or_default()
    };
    if of_cafs(comparison) {
        return caf_cause_message(comparison, cause);
    }
    match cause {
        Cause::Parameter(i) => match comparison.parameters.get(*i) {
            Some(p) => msg!(
                "comparison-cause-parameter",
                name = p.name.as_str(),
                from = p.from.clone().unwrap_or_default(),
                to = p.to.clone().unwrap_or_default()
            ),
            None => msg!("comparison-cause-no-decision"),
        },
        Cause::Rule {
            name,
            change,
            parameters,
            ..
        } => {
            let rule = match change {
                DeclarationChange::New => msg!("comparison-cause-rule-new", name = name.as_str()),
                DeclarationChange::Dropped => msg!("comparison-cause-rule-dropped", name = name.as_str()),
                DeclarationChange::Modified => msg!("comparison-cause-rule-modified", name = name.as_str()),
                DeclarationChange::Same => msg!("comparison-cause-rule-same", name = name.as_str()),
            };
            with_parameters(comparison, rule, parameters)
        }
        Cause::Output(i, change) => {
            let label = output_label(*i);
            match change {
                DeclarationChange::New => msg!("comparison-cause-output-new", label = label),
                DeclarationChange::Dropped => msg!("comparison-cause-output-dropped", label = label),
                _ => msg!("comparison-cause-output-modified", label = label),
            }
        }
        Cause::Definition { kind, name, change } => {
            let name = name.as_str();
            match (*kind, change) {
                ("let", DeclarationChange::New) => msg!("comparison-cause-let-new", name = name),
                ("let", DeclarationChange::Dropped) => msg!("comparison-cause-let-dropped", name = name),
                ("let", _) => msg!("comparison-cause-let-modified", name = name),
                (_, DeclarationChange::New) => msg!("comparison-cause-def-new", name = name),
                (_, DeclarationChange::Dropped) => msg!("comparison-cause-def-dropped", name = name),
                _ => msg!("comparison-cause-def-modified", name = name),
            }
        }
        Cause::Assumptions => msg!("comparison-cause-assumptions", to = comparison.to_year.as_str()),
        Cause::NoDecision => msg!("comparison-cause-no-decision"),
    }
}

/// The changed values a rule's condition depends on, after the rule.
fn with_parameters(comparison: &Comparison, rule: Message, parameters: &[usize]) -> Message {
    if parameters.is_empty() {
        return rule;
    }
    let values: Vec<Message> = parameters
        .iter()
        .filter_map(|i| comparison.parameters.get(*i))
        .map(|p| {
            msg!(
                "comparison-cause-value-inline",
                name = p.name.as_str(),
                from = p.from.clone().unwrap_or_default(),
                to = p.to.clone().unwrap_or_default()
            )
        })
        .collect();
    msg!(
        "comparison-cause-rule-parameters",
        rule = rule,
        parameters = crate::i18n::Arg::AllOf(values)
    )
}

/// A cause in full, between two Cafs: what one Caf's rulebook has alone,
/// or writes otherwise.
fn caf_cause_message(comparison: &Comparison, cause: &Cause) -> Message {
    let (from_caf, to_caf) = match &comparison.sides {
        Sides::Cafs { from, to } => (from.as_str(), to.as_str()),
        Sides::Years { .. } => ("", ""),
    };
    let output_label = |i: usize| {
        comparison
            .outputs
            .get(i)
            .map(|o| o.spec.label.clone())
            .unwrap_or_default()
    };
    match cause {
        Cause::Parameter(i) => match comparison.parameters.get(*i) {
            Some(p) => msg!(
                "comparison-cafs-cause-parameter",
                name = p.name.as_str(),
                from = p.from.clone().unwrap_or_default(),
                to = p.to.clone().unwrap_or_default()
            ),
            None => msg!("comparison-cafs-cause-no-decision"),
        },
        Cause::Rule {
            name,
            change,
            parameters,
            ..
        } => {
            let name = name.as_str();
            let rule = match (change, only_caf(comparison, *change)) {
                (_, Some(caf)) => msg!("comparison-cafs-cause-rule-only", name = name, caf = caf),
                (DeclarationChange::Modified, _) => msg!("comparison-cafs-cause-rule-modified", name = name),
                _ => msg!("comparison-cafs-cause-rule-same", name = name),
            };
            with_parameters(comparison, rule, parameters)
        }
        Cause::Output(i, change) => {
            let label = output_label(*i);
            match only_caf(comparison, *change) {
                Some(caf) => msg!("comparison-cafs-cause-output-only", label = label, caf = caf),
                None => msg!("comparison-cafs-cause-output-modified", label = label),
            }
        }
        Cause::Definition { kind, name, change } => {
            let name = name.as_str();
            match (*kind, only_caf(comparison, *change)) {
                ("let", Some(caf)) => msg!("comparison-cafs-cause-let-only", name = name, caf = caf),
                ("let", None) => msg!("comparison-cafs-cause-let-modified", name = name),
                (_, Some(caf)) => msg!("comparison-cafs-cause-def-only", name = name, caf = caf),
                (_, None) => msg!("comparison-cafs-cause-def-modified", name = name),
            }
        }
        Cause::Assumptions => msg!("comparison-cafs-cause-assumptions", from = from_caf, to = to_caf),
        Cause::NoDecision => msg!("comparison-cafs-cause-no-decision"),
    }
}

/// A cause in a few words, for the line under an application.
fn cause_short(comparison: &Comparison, cause: &Cause) -> Message {
    match cause {
        Cause::Parameter(i) => msg!(
            "comparison-cause-parameter-short",
            name = comparison
                .parameters
                .get(*i)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        ),
        Cause::Rule { name, .. } => msg!("comparison-cause-rule-short", name = name.as_str()),
        Cause::Output(i, _) => msg!(
            "comparison-cause-output-short",
            label = comparison
                .outputs
                .get(*i)
                .map(|o| o.spec.label.clone())
                .unwrap_or_default()
        ),
        Cause::Definition { name, .. } => msg!("comparison-cause-definition-short", name = name.as_str()),
        Cause::Assumptions => msg!("comparison-cause-assumptions-short"),
        Cause::NoDecision => msg!("comparison-cause-no-decision-short"),
    }
}

/// What the header says once rather than in every application: outputs new
/// or dropped (and whether they are nothing everywhere), labels changed,
/// parameters new or dropped (which are not changed values).
fn header_notes(comparison: &Comparison) -> Vec<Message> {
    match &comparison.sides {
        Sides::Cafs { from, to } => return caf_header_notes(comparison, from, to),
        Sides::Years { caf: Some(caf) } => {
            return std::iter::once(msg!("comparison-years-of-caf", caf = caf.as_str()))
                .chain(year_header_notes(comparison))
                .collect();
        }
        Sides::Years { caf: None } => {}
    }
    year_header_notes(comparison)
}

/// What the header of a comparison of two Cafs says once: the outputs one
/// Caf alone has, the labels each says otherwise. (The parameters and rules
/// that differ have a section of their own.)
fn caf_header_notes(comparison: &Comparison, from: &str, to: &str) -> Vec<Message> {
    let mut notes = Vec::new();
    for summary in &comparison.outputs {
        let spec = &summary.spec;
        let label = spec.label.as_str();
        let caf = match spec.presence {
            Presence::New => Some(to),
            Presence::Dropped => Some(from),
            Presence::Both => None,
        };
        if let Some(caf) = caf {
            let nothing = summary.zero_everywhere && spec.kind != OutputKind::Other;
            notes.push(match (nothing, spec.kind == OutputKind::Bool) {
                (true, false) => msg!("comparison-cafs-output-only-zero", label = label, caf = caf),
                (true, true) => msg!("comparison-cafs-output-only-false", label = label, caf = caf),
                (false, _) => msg!("comparison-cafs-output-only", label = label, caf = caf),
            });
        }
        if let Some(old) = &spec.former_label {
            notes.push(msg!(
                "comparison-cafs-label-differs",
                old = old.as_str(),
                new = label,
                name = spec.name.as_str(),
                from = from,
                to = to
            ));
        }
    }
    notes
}

/// What the header of a comparison of two years says once.
fn year_header_notes(comparison: &Comparison) -> Vec<Message> {
    let mut notes = Vec::new();
    for summary in &comparison.outputs {
        let spec = &summary.spec;
        let label = spec.label.as_str();
        let nothing = summary.zero_everywhere && spec.kind != OutputKind::Other;
        let boolean = spec.kind == OutputKind::Bool;
        match (spec.presence, nothing, boolean) {
            (Presence::New, true, false) => notes.push(msg!("comparison-new-output-zero", label = label)),
            (Presence::New, true, true) => notes.push(msg!("comparison-new-output-false", label = label)),
            (Presence::New, false, _) => notes.push(msg!("comparison-new-output", label = label)),
            (Presence::Dropped, true, false) => {
                notes.push(msg!("comparison-dropped-output-zero", label = label));
            }
            (Presence::Dropped, true, true) => {
                notes.push(msg!("comparison-dropped-output-false", label = label));
            }
            (Presence::Dropped, false, _) => notes.push(msg!("comparison-dropped-output", label = label)),
            (Presence::Both, _, _) => {}
        }
        if let Some(old) = &spec.former_label {
            notes.push(msg!(
                "comparison-label-changed",
                old = old.as_str(),
                new = label,
                name = spec.name.as_str()
            ));
        }
    }
    for parameter in &comparison.parameters {
        match (&parameter.from, &parameter.to) {
            (None, Some(value)) => notes.push(msg!(
                "comparison-new-parameter",
                name = parameter.name.as_str(),
                value = value.as_str()
            )),
            (Some(value), None) => notes.push(msg!(
                "comparison-dropped-parameter",
                name = parameter.name.as_str(),
                value = value.as_str()
            )),
            _ => {}
        }
    }
    notes
}

/// The lines that say what changes for one application.
fn application_lines(
    comparison: &Comparison,
    application: &ApplicationChange,
    outcome: &Outcome,
    lang: Lang,
) -> Vec<String> {
    let mut lines = Vec::new();
    let sides = match &comparison.sides {
        Sides::Years { .. } => [(&comparison.from_year, false), (&comparison.to_year, false)],
        Sides::Cafs { from, to } => [(from, true), (to, true)],
    };
    for ((name, caf), side) in sides.into_iter().zip([&application.from, &application.to]) {
        if let Err(why) = side {
            let line = if caf {
                msg!(
                    "comparison-cafs-no-decision",
                    caf = name.as_str(),
                    why = why.as_str()
                )
            } else {
                msg!("comparison-no-decision", year = name.as_str(), why = why.as_str())
            };
            lines.push(line.render(lang));
        }
    }
    if let Some((from, to)) = outcome.status {
        lines.push(
            msg!(
                "comparison-status",
                from = status_word(from),
                to = status_word(to)
            )
            .render(lang),
        );
    }
    for change in &outcome.values {
        lines.push(value_line(comparison, change, lang));
    }
    for reason in &outcome.rules_added {
        lines.push(rule_line(reason, true, lang));
    }
    for reason in &outcome.rules_gone {
        lines.push(rule_line(reason, false, lang));
    }
    lines
}

/// The causes of one application, in a few words each.
fn application_causes(comparison: &Comparison, outcome: &Outcome, lang: Lang) -> String {
    outcome
        .causes
        .iter()
        .filter_map(|i| comparison.causes.get(*i))
        .map(|g| cause_short(comparison, &g.cause).render(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the applications were read with the second rulebook.
fn assumption_lines(comparison: &Comparison) -> Vec<Message> {
    let assumed: BTreeSet<&String> = comparison.applications.iter().flat_map(|a| &a.assumed).collect();
    let ignored: BTreeSet<&String> = comparison.applications.iter().flat_map(|a| &a.ignored).collect();
    let mut lines = Vec::new();
    if comparison.dates_shifted_by != 0 {
        lines.push(msg!(
            "comparison-dates-shifted",
            years = i64::from(comparison.dates_shifted_by)
        ));
    }
    lines.extend(
        assumed
            .iter()
            .map(|f| msg!("comparison-assumed", field = f.as_str())),
    );
    lines.extend(
        ignored
            .iter()
            .map(|f| msg!("comparison-ignored", field = f.as_str())),
    );
    lines.extend(caf_assumptions(comparison));
    lines
}

/// What the comparison does with the Caf an application names: nothing (the
/// rulebooks compared are the arguments'), which is said when it matters.
fn caf_assumptions(comparison: &Comparison) -> Vec<Message> {
    let named: Vec<&str> = comparison
        .applications
        .iter()
        .filter_map(|a| a.caf.as_deref())
        .collect();
    match &comparison.sides {
        Sides::Cafs { from, to } if !named.is_empty() => vec![msg!(
            "comparison-cafs-caf-not-followed",
            count = named.len(),
            from = from.as_str(),
            to = to.as_str()
        )],
        Sides::Cafs { .. } => Vec::new(),
        Sides::Years { .. } => {
            // The Caf of the rulebooks compared; an application naming
            // another is read with them all the same.
            let Some(compared) = comparison.to_rulebook.caf.as_deref() else {
                return Vec::new();
            };
            let mut others: Vec<&str> = named
                .into_iter()
                .filter(|caf| !caf.eq_ignore_ascii_case(compared))
                .collect();
            others.sort_unstable();
            others.dedup();
            others
                .into_iter()
                .map(|caf| {
                    msg!(
                        "comparison-years-other-caf",
                        caf = caf,
                        compared = compared,
                        count = comparison
                            .applications
                            .iter()
                            .filter(|a| a.caf.as_deref() == Some(caf))
                            .count()
                    )
                })
                .collect()
        }
    }
}

/// The name of a budget row, with its mark when the output is new or
/// dropped (for two Cafs: when one Caf alone has it).
fn budget_label(comparison: &Comparison, summary_label: &str, presence: Presence, lang: Lang) -> String {
    let only = match presence {
        Presence::New => only_caf(comparison, DeclarationChange::New),
        Presence::Dropped => only_caf(comparison, DeclarationChange::Dropped),
        Presence::Both => None,
    };
    if let Some(caf) = only {
        return format!(
            "{summary_label} {}",
            msg!("comparison-cafs-marker-only", caf = caf).render(lang)
        );
    }
    match presence {
        Presence::Both => summary_label.to_string(),
        Presence::New => format!("{summary_label} {}", msg!("comparison-marker-new").render(lang)),
        Presence::Dropped => format!(
            "{summary_label} {}",
            msg!("comparison-marker-dropped").render(lang)
        ),
    }
}

/// A budget row's amounts; a dash for the year without the output.
fn budget_amounts(row: &BudgetRow, lang: Lang) -> (String, String) {
    let dash = || msg!("comparison-absent").render(lang);
    (
        if row.spec.presence == Presence::New {
            dash()
        } else {
            french_money(row.from)
        },
        if row.spec.presence == Presence::Dropped {
            dash()
        } else {
            french_money(row.to)
        },
    )
}

fn pad_right(text: &str, width: usize) -> String {
    let count = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(count)))
}

fn pad_left(text: &str, width: usize) -> String {
    let count = text.chars().count();
    format!("{}{text}", " ".repeat(width.saturating_sub(count)))
}

/// The budget as an aligned table: label, each year, the difference, in percent.
fn budget_table(comparison: &Comparison, lang: Lang) -> String {
    let (from_label, to_label) = side_labels(comparison, lang);
    let mut rows: Vec<[String; 5]> = vec![[
        msg!("comparison-budget").render(lang),
        from_label,
        to_label,
        msg!("comparison-difference").render(lang),
        String::new(),
    ]];
    for row in comparison.budget() {
        let (from, to) = budget_amounts(&row, lang);
        rows.push([
            budget_label(comparison, &row.spec.label, row.spec.presence, lang),
            from,
            to,
            signed(row.to - row.from),
            percent(row.from, row.to),
        ]);
    }
    let width = |column: usize| {
        rows.iter()
            .filter_map(|r| r.get(column))
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), width(3), width(4)];
    let parenthesised = |change: &str| {
        if change.is_empty() {
            String::new()
        } else {
            format!("({change})")
        }
    };
    let mut out = String::new();
    for (i, [label, from, to, difference, change]) in rows.iter().enumerate() {
        let indent = if i == 0 { "" } else { "  " };
        let [w0, w1, w2, w3, w4] = widths;
        let line = format!(
            "{indent}{}  {}  {}  {}  {}",
            pad_right(label, (w0 + 2).saturating_sub(indent.len())),
            pad_left(from, w1),
            pad_left(to, w2),
            pad_left(difference, w3),
            pad_left(&parenthesised(change), w4 + 2),
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// What differs between two Cafs' rulebooks: the parameters, then the
/// rules, each under its heading (« aucun » when nothing does).
fn differences(comparison: &Comparison, lang: Lang) -> Vec<(String, Vec<String>)> {
    let say = |m: Message| m.render(lang);
    let only = |change| only_caf(comparison, change).unwrap_or_default();

    let mut parameters: Vec<String> = comparison
        .parameters
        .iter()
        .map(|p| match (&p.from, &p.to) {
            (Some(from), Some(to)) => say(msg!(
                "comparison-cafs-parameter-differs",
                name = p.name.as_str(),
                from = from.as_str(),
                to = to.as_str()
            )),
            (None, value) => say(msg!(
                "comparison-cafs-parameter-only",
                sign = "+",
                name = p.name.as_str(),
                caf = only(DeclarationChange::New),
                value = value.clone().unwrap_or_default()
            )),
            (value, None) => say(msg!(
                "comparison-cafs-parameter-only",
                sign = "−",
                name = p.name.as_str(),
                caf = only(DeclarationChange::Dropped),
                value = value.clone().unwrap_or_default()
            )),
        })
        .collect();
    if parameters.is_empty() {
        parameters = vec![say(msg!("comparison-cafs-none-parameters"))];
    }
    let mut rules: Vec<String> = comparison
        .rules
        .iter()
        .map(|rule| match rule.change {
            DeclarationChange::New => say(msg!(
                "comparison-cafs-rule-only",
                sign = "+",
                name = rule.name.as_str(),
                caf = only(DeclarationChange::New)
            )),
            DeclarationChange::Dropped => say(msg!(
                "comparison-cafs-rule-only",
                sign = "−",
                name = rule.name.as_str(),
                caf = only(DeclarationChange::Dropped)
            )),
            _ => say(msg!("comparison-cafs-rule-modified", name = rule.name.as_str())),
        })
        .collect();
    if rules.is_empty() {
        rules = vec![say(msg!("comparison-cafs-none-rules"))];
    }
    vec![
        (say(msg!("comparison-cafs-parameters-title")), parameters),
        (say(msg!("comparison-cafs-rules-title")), rules),
    ]
}

/// The comparison for staff, in their language.
pub fn text(comparison: &Comparison, lang: Lang) -> String {
    let say = |m: Message| m.render(lang);
    let count = comparison.applications.len();
    let changed = comparison.changed_count();
    let mut out = say(title(comparison));
    out.push('\n');
    out.push_str(&say(msg!(
        "comparison-counts",
        changed = changed,
        status = comparison.status_changed_count(),
        unchanged = count - changed
    )));
    out.push('\n');
    for note in header_notes(comparison) {
        out.push_str(&say(msg!("comparison-header-line", text = note)));
        out.push('\n');
    }
    if of_cafs(comparison) {
        for (heading, lines) in differences(comparison, lang) {
            out.push_str(&format!("\n{heading}\n"));
            for line in lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    if !comparison.causes.is_empty() {
        out.push_str(&format!("\n{}\n", say(msg!("comparison-causes-title"))));
        for group in &comparison.causes {
            let line = msg!(
                "comparison-cause-count",
                cause = cause_message(comparison, &group.cause),
                count = group.applications.len()
            );
            out.push_str(&format!("  {}\n", say(line)));
        }
    }
    for (_, application, outcome) in comparison.each().filter(|(_, _, o)| o.changed) {
        out.push_str(&format!("\n{}\n", application.name));
        for line in application_lines(comparison, application, outcome, lang) {
            out.push_str(&format!("  {line}\n"));
        }
        let causes = application_causes(comparison, outcome, lang);
        if !causes.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                say(msg!("comparison-application-causes", causes = causes))
            ));
        }
    }
    let assumptions = assumption_lines(comparison);
    if !assumptions.is_empty() {
        let heading = match &comparison.sides {
            Sides::Years { .. } => msg!("comparison-assumptions-title", to = comparison.to_year.as_str()),
            Sides::Cafs { .. } => msg!("comparison-cafs-assumptions-title"),
        };
        out.push_str(&format!("\n{}\n", say(heading)));
        for line in assumptions {
            out.push_str(&format!("  {}\n", say(line)));
        }
    }
    out.push('\n');
    out.push_str(&budget_table(comparison, lang));
    out
}

fn rulebook_json(rulebook: &RulebookRef) -> Json {
    json!({
        "file": rulebook.file,
        "title": rulebook.title,
        "year": rulebook.year,
        "version": rulebook.version,
        "extends": rulebook.extends,
        "sha256": rulebook.sha256,
        "caf": rulebook.caf,
    })
}

fn kind_key(kind: OutputKind) -> &'static str {
    match kind {
        OutputKind::Money => "money",
        OutputKind::Bool => "bool",
        OutputKind::Other => "other",
    }
}

/// How a declaration differs, as JSON says it: between two Cafs, what one
/// side alone has is `only_to` or `only_from` rather than new or dropped.
fn change_key(comparison: &Comparison, change: DeclarationChange) -> &'static str {
    match (change, of_cafs(comparison)) {
        (DeclarationChange::New, false) => "new",
        (DeclarationChange::Dropped, false) => "dropped",
        (DeclarationChange::New, true) => "only_to",
        (DeclarationChange::Dropped, true) => "only_from",
        (DeclarationChange::Modified, _) => "modified",
        (DeclarationChange::Same, _) => "same",
    }
}

fn reason_json(reason: &Reason) -> Json {
    json!({
        "rule": reason.rule,
        "message": reason.message,
        "item": reason.item.as_ref().map(|(list, index)| json!({"list": list, "index": index})),
    })
}

fn cause_json(comparison: &Comparison, cause: &Cause) -> Json {
    let output_name = |i: usize| comparison.outputs.get(i).map(|o| o.spec.name.clone());
    let parameter_name = |i: &usize| comparison.parameters.get(*i).map(|p| p.name.clone());
    match cause {
        Cause::Parameter(i) => {
            let parameter = comparison.parameters.get(*i);
            json!({
                "kind": "parameter",
                "name": parameter.map(|p| p.name.clone()),
                "from": parameter.and_then(|p| p.from.clone()),
                "to": parameter.and_then(|p| p.to.clone()),
            })
        }
        Cause::Rule {
            name,
            message,
            change,
            parameters,
        } => json!({
            "kind": "rule",
            "name": name,
            "message": message,
            "change": change_key(comparison, *change),
            "parameters": parameters.iter().filter_map(parameter_name).collect::<Vec<_>>(),
        }),
        Cause::Output(i, change) => json!({
            "kind": "output",
            "name": output_name(*i),
            "change": change_key(comparison, *change),
        }),
        Cause::Definition { kind, name, change } => json!({
            "kind": kind,
            "name": name,
            "change": change_key(comparison, *change),
        }),
        Cause::Assumptions => json!({ "kind": "assumptions" }),
        Cause::NoDecision => json!({ "kind": "no_decision" }),
    }
}

fn output_json(summary: &OutputSummary) -> Json {
    let spec = &summary.spec;
    let total = |amount: Decimal| match spec.kind {
        OutputKind::Money => json!(contract_money(amount)),
        OutputKind::Bool => json!(amount.to_string()),
        OutputKind::Other => Json::Null,
    };
    json!({
        "name": spec.name,
        "label": spec.label,
        "former_label": spec.former_label,
        "kind": kind_key(spec.kind),
        "list": spec.list,
        "new": spec.presence == Presence::New,
        "dropped": spec.presence == Presence::Dropped,
        "zero_everywhere": summary.zero_everywhere && spec.kind != OutputKind::Other,
        "applications_changed": summary.applications_changed,
        "from": if spec.presence == Presence::New { Json::Null } else { total(summary.from) },
        "to": if spec.presence == Presence::Dropped { Json::Null } else { total(summary.to) },
    })
}

/// The comparison as JSON.
pub fn json(comparison: &Comparison) -> Json {
    let side = |decision: &Result<Decision, String>| match decision {
        Ok(d) => json!({
            "status": d.status.key(),
            "outputs": d.outputs.iter().map(|o| (o.name.clone(), o.json.clone())).collect::<serde_json::Map<_, _>>(),
            "rules": d.reasons.iter().map(|r| r.rule.clone()).collect::<Vec<_>>(),
        }),
        Err(why) => json!({ "error": why }),
    };
    let nothing_everywhere = |presence: Presence| {
        comparison
            .outputs
            .iter()
            .filter(|o| o.spec.presence == presence && o.zero_everywhere && o.spec.kind != OutputKind::Other)
            .map(|o| o.spec.name.clone())
            .collect::<Vec<_>>()
    };
    let count = comparison.applications.len();
    let changed = comparison.changed_count();
    let parameter_change = |from: &Option<String>, to: &Option<String>| match (from, to, of_cafs(comparison))
    {
        (Some(_), Some(_), _) => "value",
        (None, _, false) => "new",
        (_, None, false) => "dropped",
        (None, _, true) => "only_to",
        (_, None, true) => "only_from",
    };
    let value = json!({
        "from": comparison.from_year,
        "to": comparison.to_year,
        "rulebooks": {
            "from": rulebook_json(&comparison.from_rulebook),
            "to": rulebook_json(&comparison.to_rulebook),
        },
        "dates_shifted_by_years": comparison.dates_shifted_by,
        "summary": {
            "applications": count,
            "changed": changed,
            "status_changed": comparison.status_changed_count(),
            "unchanged": count - changed,
        },
        "new_outputs_zero_everywhere": nothing_everywhere(Presence::New),
        "dropped_outputs_zero_everywhere": nothing_everywhere(Presence::Dropped),
        "outputs": comparison.outputs.iter().map(output_json).collect::<Vec<_>>(),
        "parameters": comparison.parameters.iter().map(|p| json!({
            "name": p.name,
            "change": parameter_change(&p.from, &p.to),
            "from": p.from,
            "to": p.to,
        })).collect::<Vec<_>>(),
        "causes": comparison.causes.iter().map(|g| {
            let mut cause = cause_json(comparison, &g.cause);
            if let Json::Object(fields) = &mut cause {
                fields.insert(
                    "applications".into(),
                    g.applications
                        .iter()
                        .filter_map(|i| comparison.applications.get(*i))
                        .map(|a| Json::from(a.name.clone()))
                        .collect(),
                );
            }
            cause
        }).collect::<Vec<_>>(),
        "applications": comparison.each().map(|(_, a, outcome)| {
            json!({
                "name": a.name,
                "changed": outcome.changed,
                "status": outcome.status.map(|(x, y)| json!({"from": x.key(), "to": y.key()})),
                "values": outcome.values.iter().map(|v| {
                    let spec = comparison.outputs.get(v.output).map(|o| &o.spec);
                    json!({
                        "output": spec.map(|s| s.name.clone()),
                        "label": spec.map(|s| s.label.clone()),
                        "item": v.item.and_then(|index| spec.and_then(|s| s.list.clone()).map(|list| json!({"list": list, "index": index}))),
                        "from": v.from.as_ref().map(|o| o.json.clone()),
                        "to": v.to.as_ref().map(|o| o.json.clone()),
                        "difference": v.difference().map(contract_money),
                    })
                }).collect::<Vec<_>>(),
                "rules_added": outcome.rules_added.iter().map(reason_json).collect::<Vec<_>>(),
                "rules_gone": outcome.rules_gone.iter().map(reason_json).collect::<Vec<_>>(),
                "causes": outcome.causes,
                "from": side(&a.from),
                "to": side(&a.to),
                "assumed": a.assumed,
                "ignored": a.ignored,
            })
        }).collect::<Vec<_>>(),
        "budget": comparison.budget().iter().map(|row| json!({
            "output": row.spec.name,
            "label": row.spec.label,
            "new": row.spec.presence == Presence::New,
            "dropped": row.spec.presence == Presence::Dropped,
            "from": contract_money(row.from),
            "to": contract_money(row.to),
            "difference": contract_money(row.to - row.from),
        })).collect::<Vec<_>>(),
    });
    match (&comparison.sides, value) {
        // Two Cafs: the year and the Cafs first, then the rules that differ.
        (Sides::Cafs { from, to }, Json::Object(fields)) => {
            let mut object = serde_json::Map::new();
            object.insert("compare".into(), json!("cafs"));
            object.insert("year".into(), json!(comparison.from_year));
            object.insert("from_caf".into(), json!(from));
            object.insert("to_caf".into(), json!(to));
            for (key, field) in fields {
                if key != "from" && key != "to" {
                    object.insert(key, field);
                }
            }
            object.insert(
                "rules".into(),
                comparison
                    .rules
                    .iter()
                    .map(|r| {
                        json!({
                            "name": r.name,
                            "change": change_key(comparison, r.change),
                        })
                    })
                    .collect(),
            );
            Json::Object(object)
        }
        (_, value) => value,
    }
}

// ------------------------------------------------------------------ HTML

/// A rulebook as the page's header shows it.
struct RulebookRow {
    /// Its year, or its Caf (« Caf 63 ») in a comparison of two Cafs.
    side: String,
    file: String,
    version: String,
    sha256: String,
}

/// A row of the budget table.
struct BudgetLine {
    label: String,
    from: String,
    to: String,
    difference: String,
    percent: String,
}

/// A row of the table of outputs.
struct OutputLine {
    label: String,
    nature: String,
    changed: String,
    from: String,
    to: String,
}

/// An application whose status changes.
struct StatusLine {
    name: String,
    from: String,
    to: String,
    causes: String,
}

/// A cause and the applications it explains (their file names).
struct CauseLine {
    cause: String,
    count: usize,
    applications: String,
}

/// An application that changes: what changes, and why.
struct ChangedLine {
    name: String,
    lines: Vec<String>,
    causes: String,
}

/// What differs between two Cafs: a heading and its lines.
struct DifferenceBlock {
    heading: String,
    lines: Vec<String>,
}

/// The what-if page.
#[derive(Template)]
#[template(path = "comparison.html")]
struct ComparisonPage {
    t: Tr,
    title: String,
    counts: String,
    side_heading: String,
    rulebooks: Vec<RulebookRow>,
    notes: Vec<String>,
    differences: Vec<DifferenceBlock>,
    budget_heading: String,
    chart: String,
    budget_caption: String,
    from_year: String,
    to_year: String,
    budget: Vec<BudgetLine>,
    outputs: Vec<OutputLine>,
    status_caption: String,
    statuses: Vec<StatusLine>,
    causes: Vec<CauseLine>,
    changed: Vec<ChangedLine>,
    assumptions: Vec<String>,
}

/// The comparison as a printable page for a committee: its header, the
/// budget of both years (bars and table), each output's change, the
/// applications whose status changes, the changes by cause, the assumptions.
pub fn html(comparison: &Comparison, lang: Lang) -> String {
    let t = Tr(lang);
    let say = |m: Message| m.render(lang);
    let labels = side_labels(comparison, lang);
    let (from_year, to_year) = (labels.0.as_str(), labels.1.as_str());
    let cafs = match &comparison.sides {
        Sides::Cafs { from, to } => Some((from.as_str(), to.as_str(), comparison.from_year.as_str())),
        Sides::Years { .. } => None,
    };
    let count = comparison.applications.len();
    let changed = comparison.changed_count();
    let rulebook_row = |r: &RulebookRef, side: &str| RulebookRow {
        side: side.to_string(),
        file: r.file.clone(),
        version: r
            .version
            .clone()
            .unwrap_or_else(|| msg!("html-comparison-not-given").render(lang)),
        sha256: r.sha256.clone(),
    };
    let budget = comparison.budget();
    let bars: Vec<(String, Decimal, Decimal)> = budget
        .iter()
        .map(|row| {
            (
                budget_label(comparison, &row.spec.label, row.spec.presence, lang),
                row.from,
                row.to,
            )
        })
        .collect();
    let description = bars
        .iter()
        .map(|(label, a, b)| {
            say(match cafs {
                Some((from, to, _)) => msg!(
                    "comparison-cafs-chart-row",
                    label = label.as_str(),
                    first = french_money(*a),
                    from = from,
                    second = french_money(*b),
                    to = to
                ),
                None => msg!(
                    "comparison-chart-row",
                    label = label.as_str(),
                    first = french_money(*a),
                    from = from_year,
                    second = french_money(*b),
                    to = to_year
                ),
            })
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    let chart_title = say(match cafs {
        Some((from, to, year)) => msg!("comparison-cafs-chart-title", from = from, to = to, year = year),
        None => msg!("comparison-chart-title", from = from_year, to = to_year),
    });
    let chart_description = say(msg!("comparison-chart-description", rows = description));
    let chart = chart::paired_bars(
        &Caption {
            id: "budget",
            title: &chart_title,
            description: &chart_description,
        },
        (from_year, to_year),
        &bars,
    );
    let outputs = comparison
        .outputs
        .iter()
        .map(|summary| {
            let spec = &summary.spec;
            let mut nature = match spec.kind {
                OutputKind::Money => msg!("html-comparison-money").render(lang),
                OutputKind::Bool => msg!("html-comparison-bool").render(lang),
                OutputKind::Other => msg!("html-comparison-other").render(lang),
            };
            if spec.list.is_some() {
                nature.push_str(&msg!("html-comparison-per-item").render(lang));
            }
            let total = |amount: Decimal, present: bool| {
                if !present {
                    return msg!("comparison-absent").render(lang);
                }
                match spec.kind {
                    OutputKind::Money => french_money(amount),
                    OutputKind::Bool => format!(
                        "{} × {}",
                        french_decimal(amount, 0),
                        msg!("comparison-yes").render(lang)
                    ),
                    OutputKind::Other => msg!("comparison-absent").render(lang),
                }
            };
            OutputLine {
                label: budget_label(comparison, &spec.label, spec.presence, lang),
                nature,
                changed: if spec.kind == OutputKind::Other {
                    msg!("comparison-absent").render(lang)
                } else {
                    summary.applications_changed.to_string()
                },
                from: total(summary.from, spec.presence != Presence::New),
                to: total(summary.to, spec.presence != Presence::Dropped),
            }
        })
        .collect();
    let statuses: Vec<StatusLine> = comparison
        .each()
        .filter_map(|(_, application, outcome)| {
            let (from, to) = outcome.status?;
            Some(StatusLine {
                name: application.name.clone(),
                from: say(status_word(from)),
                to: say(status_word(to)),
                causes: application_causes(comparison, outcome, lang),
            })
        })
        .collect();
    let file_name = |name: &str| {
        std::path::Path::new(name)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.to_string())
    };
    let causes = comparison
        .causes
        .iter()
        .map(|group| CauseLine {
            cause: say(cause_message(comparison, &group.cause)),
            count: group.applications.len(),
            applications: group
                .applications
                .iter()
                .filter_map(|i| comparison.applications.get(*i))
                .map(|a| file_name(&a.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let changed_lines = comparison
        .each()
        .filter(|(_, _, outcome)| outcome.changed)
        .map(|(_, application, outcome)| ChangedLine {
            name: application.name.clone(),
            lines: application_lines(comparison, application, outcome, lang),
            causes: application_causes(comparison, outcome, lang),
        })
        .collect();
    let page = ComparisonPage {
        t,
        title: say(title(comparison)),
        counts: say(msg!(
            "comparison-counts",
            changed = changed,
            status = comparison.status_changed_count(),
            unchanged = count - changed
        )),
        side_heading: say(match cafs {
            Some(_) => msg!("html-comparison-caf"),
            None => msg!("html-comparison-year"),
        }),
        rulebooks: vec![
            rulebook_row(&comparison.from_rulebook, from_year),
            rulebook_row(&comparison.to_rulebook, to_year),
        ],
        notes: header_notes(comparison)
            .into_iter()
            .map(|n| say(msg!("comparison-header-line", text = n)))
            .collect(),
        differences: match cafs {
            Some(_) => differences(comparison, lang)
                .into_iter()
                .map(|(heading, lines)| DifferenceBlock { heading, lines })
                .collect(),
            None => Vec::new(),
        },
        budget_heading: say(match cafs {
            Some(_) => msg!("html-comparison-cafs-budget"),
            None => msg!("html-comparison-budget"),
        }),
        chart,
        budget_caption: say(match cafs {
            Some((from, to, year)) => msg!(
                "html-comparison-cafs-budget-caption",
                from = from,
                to = to,
                year = year
            ),
            None => msg!("html-comparison-budget-caption", from = from_year, to = to_year),
        }),
        from_year: from_year.to_string(),
        to_year: to_year.to_string(),
        budget: budget
            .iter()
            .map(|row| BudgetLine {
                label: budget_label(comparison, &row.spec.label, row.spec.presence, lang),
                from: budget_amounts(row, lang).0,
                to: budget_amounts(row, lang).1,
                difference: signed(row.to - row.from),
                percent: percent(row.from, row.to),
            })
            .collect(),
        outputs,
        status_caption: say(match cafs {
            Some(_) => msg!("html-comparison-cafs-status-caption", count = statuses.len()),
            None => msg!("html-comparison-status-caption", count = statuses.len()),
        }),
        statuses,
        causes,
        changed: changed_lines,
        assumptions: assumption_lines(comparison).into_iter().map(say).collect(),
    };
    // A template that cannot render is a defect of the template; say so on
    // the page rather than give nothing.
    page.render().unwrap_or_else(|error| {
        format!(
            "<!DOCTYPE html><p>{}</p>",
            super::html::escape(&error.to_string())
        )
    })
}

/// The differences between two years' rulebooks, side by side, in the language asked.
pub fn changes_text(from_year: &str, to_year: &str, changes: &[Change], lang: Lang) -> String {
    let title = msg!("comparison-rules-title", from = from_year, to = to_year);
    changes_under(title, (from_year, to_year), None, changes, lang)
}

/// The differences between two Cafs' rulebooks of a year, side by side.
pub fn caf_changes_text(year: &str, from_caf: &str, to_caf: &str, changes: &[Change], lang: Lang) -> String {
    let title = msg!(
        "comparison-cafs-rules-differ",
        from = from_caf,
        to = to_caf,
        year = year
    );
    let from = msg!("comparison-cafs-side", caf = from_caf).render(lang);
    let to = msg!("comparison-cafs-side", caf = to_caf).render(lang);
    changes_under(title, (&from, &to), Some((from_caf, to_caf)), changes, lang)
}

/// The differences under a title; what one side alone has is new or
/// dropped between two years, one Caf's only between two Cafs.
fn changes_under(
    title: Message,
    (from_year, to_year): (&str, &str),
    cafs: Option<(&str, &str)>,
    changes: &[Change],
    lang: Lang,
) -> String {
    let say = |m: Message| m.render(lang);
    let mut out = say(title);
    out.push('\n');
    if changes.is_empty() {
        out.push_str(&format!("  {}\n", say(msg!("comparison-rules-none"))));
    }
    let kinds = [
        ("param", msg!("comparison-kind-param")),
        ("field", msg!("comparison-kind-field")),
        ("rule", msg!("comparison-kind-rule")),
        ("output", msg!("comparison-kind-output")),
        ("let", msg!("comparison-kind-let")),
        ("def", msg!("comparison-kind-def")),
    ];
    for (kind, title) in kinds {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", say(title)));
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
                (Some(a), None) => out.push_str(&format!(
                    "  {}\n",
                    say(match cafs {
                        Some((from, _)) => msg!(
                            "comparison-cafs-rules-only",
                            sign = "−",
                            name = change.name.as_str(),
                            caf = from,
                            text = a.as_str()
                        ),
                        None => msg!(
                            "comparison-rules-dropped",
                            name = change.name.as_str(),
                            old = a.as_str()
                        ),
                    })
                )),
                (None, Some(b)) => out.push_str(&format!(
                    "  {}\n",
                    say(match cafs {
                        Some((_, to)) => msg!(
                            "comparison-cafs-rules-only",
                            sign = "+",
                            name = change.name.as_str(),
                            caf = to,
                            text = b.as_str()
                        ),
                        None => msg!(
                            "comparison-rules-added",
                            name = change.name.as_str(),
                            new = b.as_str()
                        ),
                    })
                )),
                (None, None) => {}
            }
        }
    }
    out
}

/// The differences between two Cafs' rulebooks of a year, as JSON.
pub fn caf_changes_json(year: &str, from_caf: &str, to_caf: &str, changes: &[Change]) -> Json {
    json!({
        "compare": "cafs",
        "year": year,
        "from_caf": from_caf,
        "to_caf": to_caf,
        "changes": changes.iter().map(|c| json!({
            "kind": c.kind,
            "name": c.name,
            "from": c.from,
            "to": c.to,
        })).collect::<Vec<_>>(),
    })
}

/// The differences between two rulebooks, as JSON.
pub fn changes_json(from_year: &str, to_year: &str, changes: &[Change]) -> Json {
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
