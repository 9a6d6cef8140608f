//! A decision as staff read it in a terminal (French text) and as scripts
//! read it (the JSON contract).

use crate::decision::{Decision, ExplanationBlock, OutputValue, Reason, Sentence, Status};
use crate::i18n::Lang;
use crate::msg;
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;
use serde_json::{Map, Value as Json, json};

fn severity_key(severity: RuleSeverity) -> &'static str {
    match severity {
        RuleSeverity::Refuse => "refuse",
        RuleSeverity::Incomplete => "incomplete",
        RuleSeverity::Warn => "warn",
        RuleSeverity::Info => "info",
    }
}

fn severity_french(severity: RuleSeverity) -> &'static str {
    match severity {
        RuleSeverity::Refuse => "refus",
        RuleSeverity::Incomplete => "pièce manquante",
        RuleSeverity::Warn => "avertissement",
        RuleSeverity::Info => "information",
    }
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
                "severity": severity_key(r.severity),
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
    let mut out = String::new();
    out.push_str(&format!("Décision : {}\n", decision.status.french()));
    let version = decision
        .rulebook
        .version
        .as_deref()
        .map(|v| format!(", version {v}"))
        .unwrap_or_default();
    let hash: String = decision.rulebook.sha256.chars().take(12).collect();
    out.push_str(&format!(
        "Référentiel : {} (année scolaire {}{version}, empreinte {hash})\n",
        decision.rulebook.file, decision.rulebook.year
    ));
    for group in &decision.groups {
        out.push_str(&format!("\n{} ({})\n", capitalise(&group.key), group.items.len()));
        if group.items.is_empty() {
            out.push_str("  (aucun)\n");
        }
        for item in &group.items {
            let title = item
                .outputs
                .iter()
                .find(|o| matches!(o.value, Value::Text(_)))
                .map(|o| format!(" {}", o.french))
                .unwrap_or_default();
            let state = if item.eligible { "retenu" } else { "exclu" };
            out.push_str(&format!("  n° {}{title} : {state}\n", item.index + 1));
            for output in item.outputs.iter().filter(|o| !matches!(o.value, Value::Text(_))) {
                out.push_str(&format!("      {} : {}\n", display_name(output), output.french));
            }
            for reason in item.reasons.iter().filter_map(|r| decision.reasons.get(*r)) {
                out.push_str(&format!("      {} — {}\n", reason.message, citation(reason)));
            }
        }
    }
    out.push_str("\nMontants\n");
    let width = decision
        .outputs
        .iter()
        .map(|o| display_name(o).chars().count())
        .max()
        .unwrap_or(0);
    for output in &decision.outputs {
        let name = display_name(output);
        let padding = " ".repeat(width.saturating_sub(name.chars().count()));
        out.push_str(&format!("  {name}{padding} : {}\n", output.french));
    }
    if decision.status != Status::Eligible {
        out.push_str("  (montants à zéro : la demande n'est pas éligible en l'état)\n");
    }
    out.push_str("\nMotifs\n");
    if decision.reasons.is_empty() {
        out.push_str("  aucune règle ne s'est appliquée\n");
    }
    for reason in &decision.reasons {
        let item = reason
            .item
            .as_ref()
            .map(|(key, index)| format!(" [{key} n° {}]", index + 1))
            .unwrap_or_default();
        out.push_str(&format!(
            "  - {}{item} : {}\n",
            severity_french(reason.severity),
            reason.message
        ));
        out.push_str(&format!("    {}\n", citation(reason)));
    }
    if let Some(explanation) = &decision.explanation {
        match form {
            ExplainForm::Formulas => {
                out.push_str("\nCalculs\n");
                for block in &explanation.outputs {
                    render_block(&mut out, block);
                }
                if !explanation.rules.is_empty() {
                    out.push_str("\nRègles appliquées\n");
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

fn citation(reason: &Reason) -> String {
    match &reason.source {
        Some(source) => format!("règle {}, {source}", reason.rule),
        None => format!("règle {}", reason.rule),
    }
}

fn display_name(output: &OutputValue) -> String {
    output.label.clone().unwrap_or_else(|| output.name.clone())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
