//! A decision as staff read it in a terminal (French text) and as scripts
//! read it (the JSON contract).

use crate::decision::{Decision, ExplanationBlock, OutputValue, Reason, Sentence, Status};
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;
use serde_json::{Map, Value as Json, json};

/// What a rule that fired does, in words: « refus », « pièce manquante »…
pub fn severity_words(severity: RuleSeverity) -> Message {
    msg!("decision-severity", severity = severity.keyword())
}

/// The decision in the JSON contract.
pub fn json(decision: &Decision) -> Json {
    let mut root = Map::new();
    root.insert("status".into(), Json::String(decision.status.key().into()));
    root.insert(
        "rulebook".into(),
        json!({
            "file": decision.rulebook.file,
            "title": decision.rulebook.title,
            "year": decision.rulebook.year,
            "version": decision.rulebook.version,
            "extends": decision.rulebook.extends,
            "sha256": decision.rulebook.sha256,
            "caf": decision.rulebook.caf,
            "layers": decision.rulebook.layers.iter().map(|l| json!({
                "layer": l.layer,
                "file": l.file,
                "sha256": l.sha256,
            })).collect::<Vec<_>>(),
        }),
    );
    let outputs: Map<String, Json> = decision
        .outputs
        .iter()
        .map(|o| (o.name.clone(), o.json.clone()))
        .collect();
    root.insert("outputs".into(), Json::Object(outputs));
    for group in &decision.groups {
        let items = group
            .items
            .iter()
            .map(|item| {
                let mut entry = Map::new();
                entry.insert("index".into(), json!(item.index));
                entry.insert("eligible".into(), Json::Bool(item.eligible));
                for output in &item.outputs {
                    entry.insert(output.name.clone(), output.json.clone());
                }
                let rules: Vec<Json> = item
                    .reasons
                    .iter()
                    .filter_map(|r| decision.reasons.get(*r))
                    .map(|r| Json::String(r.rule.clone()))
                    .collect();
                entry.insert("rules".into(), Json::Array(rules));
                Json::Object(entry)
            })
            .collect();
        root.insert(group.key.clone(), Json::Array(items));
    }
    let reasons = decision
        .reasons
        .iter()
        .map(|r| {
            json!({
                "rule": r.rule,
                "severity": r.severity.keyword(),
                "message": r.message,
                "source": r.source,
                "item": r.item.as_ref().map(|(key, index)| format!("{key}[{index}]")),
            })
        })
        .collect();
    root.insert("reasons".into(), Json::Array(reasons));
    if let Some(explanation) = &decision.explanation {
        let blocks = |blocks: &[ExplanationBlock]| -> Json {
            Json::Array(
                blocks
                    .iter()
                    .map(|b| {
                        json!({
                            "name": b.title,
                            "steps": b.lines.iter().map(|l| json!({"depth": l.depth, "expression": l.expression, "value": l.value})).collect::<Vec<_>>(),
                        })
                    })
                    .collect(),
            )
        };
        root.insert(
            "explanation".into(),
            json!({ "outputs": blocks(&explanation.outputs), "rules": blocks(&explanation.rules) }),
        );
    }
    Json::Object(root)
}

/// How `--explain` shows a computation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExplainForm {
    /// In French sentences with the figures in place, for staff.
    #[default]
    Words,
    /// As the rulebook's expressions with their values, for who writes rules.
    Formulas,
}

/// The decision in French, for staff, its explanation (if any) in words.
pub fn text(decision: &Decision) -> String {
    text_in(decision, Lang::Fr, ExplainForm::Words)
}

/// The decision for staff, its explanation (if any) in the form asked.
pub fn text_in(decision: &Decision, lang: Lang, form: ExplainForm) -> String {
    let say = |message: Message| message.render(lang);
    let mut out = String::new();
    let status = match decision.status {
        Status::Eligible => "eligible",
        Status::Ineligible => "ineligible",
        Status::Incomplete => "incomplete",
    };
    out.push_str(&say(msg!("decision-status", status = status)));
    out.push('\n');
    let hash: String = decision.rulebook.sha256.chars().take(12).collect();
    let rulebook = match decision.rulebook.version.as_deref() {
        Some(version) => msg!(
            "decision-rulebook-version",
            file = decision.rulebook.file.as_str(),
            year = decision.rulebook.year.as_str(),
            version = version,
            hash = hash
        ),
        None => msg!(
            "decision-rulebook",
            file = decision.rulebook.file.as_str(),
            year = decision.rulebook.year.as_str(),
            hash = hash
        ),
    };
    out.push_str(&say(rulebook));
    out.push('\n');
    // A rulebook of several layers names the file of each.
    if decision.rulebook.layers.len() > 1 {
        for layer in &decision.rulebook.layers {
            let hash: String = layer.sha256.chars().take(12).collect();
            let line = match layer.layer.as_deref() {
                Some("national") => msg!("decision-layer-national", file = layer.file.as_str(), hash = hash),
                Some(name) => match crate::rulebook::caf_of_layer(name) {
                    Some(caf) => msg!(
                        "decision-layer-caf",
                        caf = caf,
                        file = layer.file.as_str(),
                        hash = hash
                    ),
                    None => msg!(
                        "decision-layer",
                        layer = name,
                        file = layer.file.as_str(),
                        hash = hash
                    ),
                },
                None => msg!("decision-layer-unnamed", file = layer.file.as_str(), hash = hash),
            };
            out.push_str("  ");
            out.push_str(&say(line));
            out.push('\n');
        }
    }
    // Names (the carrier's…) head the decision; the figures come under « Montants ».
    let (names, figures): (Vec<&OutputValue>, Vec<&OutputValue>) = decision
        .outputs
        .iter()
        .partition(|o| matches!(o.value, Value::Text(_)));
    for output in &names {
        out.push_str(&format!("{} : {}\n", display_name(output), output.french));
    }
    for group in &decision.groups {
        out.push_str(&format!(
            "\n{} ({})\n",
            super::capitalise(&group.key),
            group.items.len()
        ));
        if group.items.is_empty() {
            out.push_str(&format!("  {}\n", say(msg!("decision-no-item"))));
        }
        for item in &group.items {
            let title = item
                .outputs
                .iter()
                .find(|o| matches!(o.value, Value::Text(_)))
                .map(|o| format!(" {}", o.french))
                .unwrap_or_default();
            let state = if item.eligible {
                msg!("decision-item-retained", number = item.index + 1, title = title)
            } else {
                msg!("decision-item-excluded", number = item.index + 1, title = title)
            };
            out.push_str(&format!("  {}\n", say(state)));
            for output in item.outputs.iter().filter(|o| !matches!(o.value, Value::Text(_))) {
                out.push_str(&format!("      {} : {}\n", display_name(output), output.french));
            }
            for reason in item.reasons.iter().filter_map(|r| decision.reasons.get(*r)) {
                out.push_str(&format!("      {} — {}\n", reason.message, say(citation(reason))));
            }
        }
    }
    out.push_str(&format!("\n{}\n", say(msg!("decision-amounts"))));
    let width = figures
        .iter()
        .map(|o| display_name(o).chars().count())
        .max()
        .unwrap_or(0);
    for output in &figures {
        let name = display_name(output);
        let padding = " ".repeat(width.saturating_sub(name.chars().count()));
        out.push_str(&format!("  {name}{padding} : {}\n", output.french));
    }
    if decision.status != Status::Eligible {
        out.push_str(&format!("  {}\n", say(msg!("decision-amounts-zero"))));
    }
    out.push_str(&format!("\n{}\n", say(msg!("decision-reasons"))));
    if decision.reasons.is_empty() {
        out.push_str(&format!("  {}\n", say(msg!("decision-no-reason"))));
    }
    for reason in &decision.reasons {
        let item = reason
            .item
            .as_ref()
            .map(|(key, index)| format!(" [{key} n° {}]", index + 1))
            .unwrap_or_default();
        out.push_str(&format!(
            "  - {}{item} : {}\n",
            say(severity_words(reason.severity)),
            reason.message
        ));
        out.push_str(&format!("    {}\n", say(citation(reason))));
    }
    if let Some(explanation) = &decision.explanation {
        match form {
            ExplainForm::Formulas => {
                out.push_str(&format!("\n{}\n", say(msg!("decision-formulas"))));
                for block in &explanation.outputs {
                    render_block(&mut out, block);
                }
                if !explanation.rules.is_empty() {
                    out.push_str(&format!("\n{}\n", say(msg!("decision-formulas-rules"))));
                    for block in &explanation.rules {
                        render_block(&mut out, block);
                    }
                }
            }
            ExplainForm::Words => {
                out.push_str(&format!("\n{}\n", msg!("explain-how-computed").render(lang)));
                for sentence in &explanation.outputs_in_words {
                    render_sentence(&mut out, sentence, lang);
                }
                if !explanation.rules_in_words.is_empty() {
                    out.push_str(&format!("\n{}\n", msg!("explain-why-rules").render(lang)));
                    for sentence in &explanation.rules_in_words {
                        render_sentence(&mut out, sentence, lang);
                    }
                }
            }
        }
    }
    out
}

/// One sentence of an explanation: its subject (and item), then the words.
fn render_sentence(out: &mut String, sentence: &Sentence, lang: Lang) {
    let item = sentence
        .item
        .as_ref()
        .map(|(key, index)| format!(" [{key} n° {}]", index + 1))
        .unwrap_or_default();
    out.push_str(&format!("  {}{item}\n", sentence.subject));
    out.push_str(&format!("      {}\n", sentence.text.render(lang)));
    if let Some(source) = &sentence.source {
        out.push_str(&format!("      ({source})\n"));
    }
}

fn render_block(out: &mut String, block: &ExplanationBlock) {
    out.push_str(&format!("  {}\n", block.title));
    for line in &block.lines {
        let indent = "  ".repeat(line.depth + 1);
        out.push_str(&format!("  {indent}{} = {}\n", line.expression, line.value));
    }
}

/// The rule and the section of the note that a reason cites.
pub fn citation(reason: &Reason) -> Message {
    match &reason.source {
        Some(source) => msg!(
            "decision-citation-source",
            rule = reason.rule.as_str(),
            source = source.as_str()
        ),
        None => msg!("decision-citation", rule = reason.rule.as_str()),
    }
}

fn display_name(output: &OutputValue) -> String {
    output.label.clone().unwrap_or_else(|| output.name.clone())
}
