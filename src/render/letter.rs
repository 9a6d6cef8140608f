//! The printable decision: one application's decision as a letter-like HTML
//! page for the carrier's file (status, each item and its amount or why it is
//! excluded, the totals, the reasons by severity with their section, the
//! explanation in words, the rulebook that decided). Everything it shows
//! comes from the [`Decision`]; nothing names a field of a particular
//! rulebook, and nothing depends on the clock, so the same decision always
//! gives the same bytes.

use super::html::Tr;
use crate::decision::{Decision, ItemDecision, OutputValue, Reason, Sentence, Status};
use crate::i18n::Lang;
use crate::msg;
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;
use askama::Template;

/// The decision as a self-contained HTML page in `lang`.
pub fn html(decision: &Decision, lang: Lang) -> Result<String, askama::Error> {
    Letter::of(decision, Tr(lang)).render()
}

/// A label and its value, both ready to show.
struct Fact {
    label: String,
    value: String,
}

/// A rule that fired, as the page shows it.
struct ReasonView {
    message: String,
    /// The section of the note and the rule's id.
    citation: String,
    /// The item it concerns (« Collectif n° 3 : … »), for an item rule.
    item: Option<String>,
    /// Its severity in words, where the place does not say it already.
    severity: String,
    /// Whether it refuses (an item's refusal is why the item is excluded).
    refuses: bool,
}

/// The reasons of one severity.
struct ReasonSection {
    heading: String,
    reasons: Vec<ReasonView>,
}

/// One item of a list (one collectif).
struct ItemRow {
    number: usize,
    name: String,
    /// `retained`, `excluded`, or `fits` (no rule excludes it, but the
    /// application is not eligible: nothing is retained).
    state: &'static str,
    state_words: String,
    values: Vec<String>,
    reasons: Vec<ReasonView>,
}

/// One list of the application (the collectifs).
struct GroupView {
    heading: String,
    /// The header of the names' column (the label of the items' text output).
    name_label: Option<String>,
    /// The labels of the items' other outputs, one column each.
    columns: Vec<String>,
    rows: Vec<ItemRow>,
}

/// One step of the explanation in words.
struct SentenceView {
    subject: String,
    text: String,
    source: Option<String>,
    item: Option<String>,
}

#[derive(Template)]
#[template(path = "decision.html")]
struct Letter {
    t: Tr,
    /// `eligible`, `ineligible` or `incomplete`: the class of the status box.
    status_key: &'static str,
    status_words: String,
    status_note: String,
    /// The application's text outputs (the carrier, say), shown in the header.
    identity: Vec<Fact>,
    year: String,
    rulebook_title: String,
    groups: Vec<GroupView>,
    totals: Vec<Fact>,
    amounts_are_zero: bool,
    reason_sections: Vec<ReasonSection>,
    outputs_in_words: Vec<SentenceView>,
    rules_in_words: Vec<SentenceView>,
    rulebook_line: String,
    extends_line: Option<String>,
    short_hash: String,
    hash: String,
}

impl Letter {
    fn of(decision: &Decision, t: Tr) -> Letter {
        let (status_key, status_words, status_note) = match decision.status {
            Status::Eligible => (
                "eligible",
                t.m(&msg!("letter-status-eligible")),
                t.m(&msg!("letter-status-eligible-note")),
            ),
            Status::Ineligible => (
                "ineligible",
                t.m(&msg!("letter-status-ineligible")),
                t.m(&msg!("letter-status-ineligible-note")),
            ),
            Status::Incomplete => (
                "incomplete",
                t.m(&msg!("letter-status-incomplete")),
                t.m(&msg!("letter-status-incomplete-note")),
            ),
        };
        let (identity, totals): (Vec<&OutputValue>, Vec<&OutputValue>) = decision
            .outputs
            .iter()
            .partition(|o| matches!(o.value, Value::Text(_)));
        let rulebook = &decision.rulebook;
        let rulebook_line = match &rulebook.version {
            Some(version) => t.m(&msg!(
                "letter-rulebook-version",
                file = rulebook.file.as_str(),
                title = rulebook.title.as_str(),
                year = rulebook.year.as_str(),
                version = version.as_str()
            )),
            None => t.m(&msg!(
                "letter-rulebook",
                file = rulebook.file.as_str(),
                title = rulebook.title.as_str(),
                year = rulebook.year.as_str()
            )),
        };
        // Layered rules name the file of each layer; others what they extend.
        let extends_line = if rulebook.layers.len() > 1 {
            let parts = rulebook.layers.iter().map(|layer| {
                let hash: String = layer.sha256.chars().take(12).collect();
                let file = layer.file.as_str();
                match layer.layer.as_deref() {
                    Some("national") => msg!("letter-layer-national", file = file, hash = hash),
                    Some(name) => match crate::rulebook::caf_of_layer(name) {
                        Some(caf) => msg!("letter-layer-caf", caf = caf, file = file, hash = hash),
                        None => msg!("letter-layer", layer = name, file = file, hash = hash),
                    },
                    None => msg!("letter-layer", layer = "—", file = file, hash = hash),
                }
            });
            parts
                .reduce(|first, next| msg!("letter-layers-and", first = first, next = next))
                .map(|layers| t.m(&msg!("letter-rulebook-layers", layers = layers)))
        } else {
            (!rulebook.extends.is_empty()).then(|| {
                t.m(&msg!(
                    "letter-rulebook-extends",
                    files = rulebook.extends.join(", ")
                ))
            })
        };
        let explanation = decision.explanation.as_ref();
        let sentences = |list: Option<&Vec<Sentence>>| -> Vec<SentenceView> {
            list.map(|list| list.iter().map(|s| sentence(decision, s, t)).collect())
                .unwrap_or_default()
        };
        Letter {
            t,
            status_key,
            status_words,
            status_note,
            identity: identity.into_iter().map(|o| fact(o, t)).collect(),
            year: rulebook.year.clone(),
            rulebook_title: rulebook.title.clone(),
            groups: decision.groups.iter().map(|g| group(decision, g, t)).collect(),
            totals: totals.into_iter().map(|o| fact(o, t)).collect(),
            amounts_are_zero: decision.status != Status::Eligible,
            reason_sections: reason_sections(decision, t),
            outputs_in_words: sentences(explanation.map(|e| &e.outputs_in_words)),
            rules_in_words: sentences(explanation.map(|e| &e.rules_in_words)),
            rulebook_line,
            extends_line,
            short_hash: rulebook.sha256.chars().take(12).collect(),
            hash: rulebook.sha256.clone(),
        }
    }
}

/// An output's label (its name when it has none) and its value in words.
fn fact(output: &OutputValue, t: Tr) -> Fact {
    Fact {
        label: output.label.clone().unwrap_or_else(|| output.name.clone()),
        value: value_words(output, t),
    }
}

/// A value as the page shows it: a text as it is, yes and no in the page's
/// language, anything else as staff read it in the terminal.
fn value_words(output: &OutputValue, t: Tr) -> String {
    match &output.value {
        Value::Text(text) => text.to_string(),
        Value::Bool(true) => t.m(&msg!("letter-yes")),
        Value::Bool(false) => t.m(&msg!("letter-no")),
        _ => output.french.clone(),
    }
}

/// The text output that names an item (the collectif's `nom`), if it has one.
fn name_of(item: &ItemDecision) -> Option<&OutputValue> {
    item.outputs.iter().find(|o| matches!(o.value, Value::Text(_)))
}

fn group(decision: &Decision, group: &crate::decision::ItemGroup, t: Tr) -> GroupView {
    let first = group.items.first();
    let name_label = first
        .and_then(name_of)
        .map(|o| o.label.clone().unwrap_or_else(|| o.name.clone()));
    let columns = first
        .map(|item| {
            item.outputs
                .iter()
                .filter(|o| !matches!(o.value, Value::Text(_)))
                .map(|o| o.label.clone().unwrap_or_else(|| o.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let rows = group
        .items
        .iter()
        .map(|item| ItemRow {
            number: item.index + 1,
            name: name_of(item).map(|o| value_words(o, t)).unwrap_or_default(),
            state: item_state(decision, item),
            state_words: t.m(&match item_state(decision, item) {
                "retained" => msg!("letter-retained"),
                "fits" => msg!("letter-fits"),
                _ => msg!("letter-excluded"),
            }),
            values: item
                .outputs
                .iter()
                .filter(|o| !matches!(o.value, Value::Text(_)))
                .map(|o| value_words(o, t))
                .collect(),
            reasons: item
                .reasons
                .iter()
                .filter_map(|r| decision.reasons.get(*r))
                .map(|r| reason_view(decision, r, t, false))
                .collect(),
        })
        .collect();
    GroupView {
        heading: super::capitalise(&group.key),
        name_label,
        columns,
        rows,
    }
}

/// Whether an item is retained, excluded by a rule, or only fits the
/// conditions of an application that is not eligible.
fn item_state(decision: &Decision, item: &ItemDecision) -> &'static str {
    match (item.eligible, decision.status) {
        (false, _) => "excluded",
        (true, Status::Eligible) => "retained",
        (true, _) => "fits",
    }
}

/// How an item is referred to elsewhere on the page: « Collectif n° 3 : CM2 ».
fn item_reference(decision: &Decision, key: &str, index: usize, t: Tr) -> String {
    let group = decision.groups.iter().find(|g| g.key == key);
    let item = group.and_then(|g| g.items.iter().find(|i| i.index == index));
    let name = item.and_then(name_of);
    let kind = name
        .and_then(|o| o.label.clone())
        .unwrap_or_else(|| super::capitalise(key));
    let number = (index + 1).to_string();
    match name {
        Some(name) => t.m(&msg!(
            "letter-item-named",
            kind = kind,
            number = number,
            name = value_words(name, t)
        )),
        None => t.m(&msg!("letter-item", kind = kind, number = number)),
    }
}

fn reason_view(decision: &Decision, reason: &Reason, t: Tr, with_item: bool) -> ReasonView {
    let citation = match &reason.source {
        Some(source) => t.m(&msg!(
            "letter-citation",
            source = source.as_str(),
            rule = reason.rule.as_str()
        )),
        None => t.m(&msg!("letter-citation-rule", rule = reason.rule.as_str())),
    };
    ReasonView {
        message: reason.message.clone(),
        citation,
        item: reason
            .item
            .as_ref()
            .filter(|_| with_item)
            .map(|(key, index)| item_reference(decision, key, *index, t)),
        severity: severity_words(reason.severity, t),
        refuses: reason.severity == RuleSeverity::Refuse,
    }
}

fn severity_words(severity: RuleSeverity, t: Tr) -> String {
    match severity {
        RuleSeverity::Refuse => t.m(&msg!("letter-severity-refuse")),
        RuleSeverity::Incomplete => t.m(&msg!("letter-severity-incomplete")),
        RuleSeverity::Warn => t.m(&msg!("letter-severity-warn")),
        RuleSeverity::Info => t.m(&msg!("letter-severity-info")),
    }
}

/// The reasons grouped by severity, refusals of the whole application
/// first, then the exclusions of items (which do not refuse the
/// application), what is missing, warnings, information; a group no rule
/// fills is left out.
fn reason_sections(decision: &Decision, t: Tr) -> Vec<ReasonSection> {
    let headings = [
        msg!("letter-reasons-refuse"),
        msg!("letter-reasons-exclude"),
        msg!("letter-reasons-incomplete"),
        msg!("letter-reasons-warn"),
        msg!("letter-reasons-info"),
    ];
    headings
        .into_iter()
        .enumerate()
        .map(|(place, heading)| ReasonSection {
            heading: t.m(&heading),
            reasons: decision
                .reasons
                .iter()
                .filter(|r| section_of(r) == place)
                .map(|r| reason_view(decision, r, t, true))
                .collect(),
        })
        .filter(|section| !section.reasons.is_empty())
        .collect()
}

/// The place of a reason's section among the headings of [`reason_sections`].
fn section_of(reason: &Reason) -> usize {
    match (reason.severity, &reason.item) {
        (RuleSeverity::Refuse, None) => 0,
        (RuleSeverity::Refuse, Some(_)) => 1,
        (RuleSeverity::Incomplete, _) => 2,
        (RuleSeverity::Warn, _) => 3,
        (RuleSeverity::Info, _) => 4,
    }
}

fn sentence(decision: &Decision, sentence: &Sentence, t: Tr) -> SentenceView {
    SentenceView {
        subject: sentence.subject.clone(),
        text: t.m(&sentence.text),
        source: sentence.source.clone(),
        item: sentence
            .item
            .as_ref()
            .map(|(key, index)| item_reference(decision, key, *index, t)),
    }
}
