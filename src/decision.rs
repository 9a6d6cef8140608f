//! The decision on one application, and its renderings: French text for
//! staff, and JSON, a stable contract for scripts.

use crate::program::{Program, RuleDef, Type};
use crate::syntax::ast::RuleSeverity;
use crate::value::{Value, contract_money, french_decimal, french_money, french_rate};
use serde_json::{Value as Json, json};

/// Whether the application can be funded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every condition holds.
    Eligible,
    /// A rule refused it.
    Ineligible,
    /// Something must be provided before it can be instructed.
    Incomplete,
}

impl Status {
    /// The contract's name.
    pub fn key(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::Ineligible => "ineligible",
            Status::Incomplete => "incomplete",
        }
    }
}

/// Which rulebook decided, so that a decision can be traced to its rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RulebookRef {
    /// The rulebook's file, as loaded.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Its school year.
    pub year: String,
    /// Its version, if given.
    pub version: Option<String>,
    /// The rulebooks it extends, nearest first.
    pub extends: Vec<String>,
    /// SHA-256 of its text (and of the texts it extends), in hexadecimal.
    pub sha256: String,
    /// The Caf it is the rulebook of, when it is a Caf's layer.
    pub caf: Option<String>,
    /// The top file of each layer it was built from, lowest first.
    pub layers: Vec<LayerFile>,
}

/// The file of one layer of a rulebook (the national one, a Caf's), as it
/// was read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayerFile {
    /// The layer (`national`, `caf-63`), if it has a name.
    pub layer: Option<String>,
    /// The file, as loaded.
    pub file: String,
    /// SHA-256 of its own text, in hexadecimal.
    pub sha256: String,
}

/// A rule that fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The rule's id.
    pub rule: String,
    /// What it does.
    pub severity: RuleSeverity,
    /// What staff read.
    pub message: String,
    /// The section of the note.
    pub source: Option<String>,
    /// The list and index of the item, for an item rule.
    pub item: Option<(String, usize)>,
}

impl Reason {
    pub(crate) fn of(rule: &RuleDef, item: Option<(String, usize)>) -> Reason {
        Reason {
            rule: rule.name.clone(),
            severity: rule.severity,
            message: rule.message.clone(),
            source: rule.source.clone(),
            item,
        }
    }
}

/// The value of an output, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputValue {
    /// The output's name (the key in JSON).
    pub name: String,
    /// Its name for staff.
    pub label: Option<String>,
    /// Its value.
    pub value: Value,
    /// Its value as staff read it.
    pub french: String,
    /// Its value in the JSON contract.
    pub json: Json,
}

impl OutputValue {
    pub(crate) fn new(
        name: &str,
        label: Option<&str>,
        value: Value,
        ty: &Type,
        program: &Program,
    ) -> OutputValue {
        let french = render_value(&value, Some(ty), Some(program));
        let json = json_value(&value, Some(ty), Some(program));
        OutputValue {
            name: name.to_string(),
            label: label.map(str::to_string),
            value,
            french,
            json,
        }
    }
}

/// The decision on one item of a list (one collectif).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemDecision {
    /// Its position in the application's list, from 0.
    pub index: usize,
    /// Whether no item rule excluded it.
    pub eligible: bool,
    /// Its outputs.
    pub outputs: Vec<OutputValue>,
    /// The reasons (indices into [`Decision::reasons`]) that concern it.
    pub reasons: Vec<usize>,
}

/// The items of one list of the application.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemGroup {
    /// The key of the list in the decision (`collectifs`).
    pub key: String,
    /// The list as written in the rulebook (`demande.collectifs`).
    pub path: String,
    /// Its items, in the application's order.
    pub items: Vec<ItemDecision>,
}

/// One line of an explanation: a sub-expression and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplanationLine {
    /// How deep in the expression.
    pub depth: usize,
    /// The sub-expression as written in the rulebook.
    pub expression: String,
    /// Its value.
    pub value: String,
}

/// How one output was computed, or why one rule fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplanationBlock {
    /// The output or the rule.
    pub title: String,
    /// Its sub-expressions, outermost first.
    pub lines: Vec<ExplanationLine>,
}

/// One step of an explanation in French words, with its figures in place:
/// « dépenses retenues : 6 500,00 € (sous le plafond de 7 885,00 €) × 32,5 %
/// = 2 112,50 €, arrondi à l'euro le plus proche : 2 113,00 € ».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// What it explains: an output's or a rule's label (its name when it has none).
    pub subject: String,
    /// The explanation, a message of the catalogs with its figures.
    pub text: crate::i18n::Message,
    /// The section of the note it applies, if the rulebook gives one.
    pub source: Option<String>,
    /// The list and index of the item, for an item's output or rule.
    pub item: Option<(String, usize)>,
}

/// How each output was computed and why each rule fired.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// One block per output.
    pub outputs: Vec<ExplanationBlock>,
    /// One block per rule that fired.
    pub rules: Vec<ExplanationBlock>,
    /// The outputs explained in words, in the rulebook's order.
    pub outputs_in_words: Vec<Sentence>,
    /// The rules that fired explained in words, refusals first.
    pub rules_in_words: Vec<Sentence>,
}

/// The decision on one application.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// Eligible, ineligible or incomplete.
    pub status: Status,
    /// Which rulebook decided.
    pub rulebook: RulebookRef,
    /// The outputs of the whole application (zero unless eligible).
    pub outputs: Vec<OutputValue>,
    /// The items of each list that rules apply to.
    pub groups: Vec<ItemGroup>,
    /// Every rule that fired, refusals first.
    pub reasons: Vec<Reason>,
    /// How it was computed, when asked.
    pub explanation: Option<Explanation>,
}

/// A value as staff read it.
pub fn render_value(value: &Value, ty: Option<&Type>, program: Option<&Program>) -> String {
    match value {
        Value::Bool(true) => "oui".into(),
        Value::Bool(false) => "non".into(),
        Value::Integer(n) => french_decimal((*n).into(), 0),
        Value::Decimal(d) => french_decimal(*d, 0),
        Value::Money(d) => {
            if d.scale() > 2 && d.round_dp(2) != *d {
                format!("{} €", french_decimal(*d, 2))
            } else {
                french_money(*d)
            }
        }
        Value::Rate(r) => french_rate(*r),
        Value::Date(d) => d.french(),
        Value::Text(t) => format!("« {t} »"),
        Value::Enum(id, index) => enum_label(*id, *index, program),
        Value::Absent => "(absent)".into(),
        Value::Range(bounds) => {
            let item = match ty {
                Some(Type::Range(item)) => Some(&**item),
                _ => None,
            };
            format!(
                "de {} à {}",
                render_value(&bounds.0, item, program),
                render_value(&bounds.1, item, program)
            )
        }
        Value::List(items) if matches!(items.first(), Some(Value::Record(_))) => {
            format!(
                "{} élément{}",
                items.len(),
                if items.len() > 1 { "s" } else { "" }
            )
        }
        Value::List(items) => {
            let item = match ty {
                Some(Type::List(item)) => Some(&**item),
                _ => None,
            };
            let shown: Vec<String> = items
                .iter()
                .take(6)
                .map(|v| render_value(v, item, program))
                .collect();
            let more = if items.len() > 6 {
                format!(", … ({} en tout)", items.len())
            } else {
                String::new()
            };
            format!("[{}{more}]", shown.join(", "))
        }
        Value::Record(_) => "(fiche)".into(),
    }
}

/// A value as it reads inside a French sentence: `7 885 €`, `32,5 %`,
/// `du 12 juin 2023 au 24 juillet 2023`, `de 8 à 12`.
pub fn render_in_sentence(value: &Value, ty: &Type, program: &Program) -> String {
    match value {
        Value::Money(amount) if amount.fract().is_zero() => format!("{} €", french_decimal(*amount, 0)),
        Value::Date(date) => date.french_long(),
        Value::Text(text) => text.to_string(),
        Value::Range(bounds) => {
            let item = match ty {
                Type::Range(item) => &**item,
                other => other,
            };
            let (low, high) = (
                render_in_sentence(&bounds.0, item, program),
                render_in_sentence(&bounds.1, item, program),
            );
            if matches!(bounds.0, Value::Date(_)) {
                format!("du {low} au {high}")
            } else {
                format!("de {low} à {high}")
            }
        }
        Value::List(items) => {
            let item = match ty {
                Type::List(item) => &**item,
                other => other,
            };
            let words: Vec<String> = items
                .iter()
                .map(|v| render_in_sentence(v, item, program))
                .collect();
            match words.as_slice() {
                [] => String::new(),
                [one] => one.clone(),
                [init @ .., last] => format!("{} et {last}", init.join(", ")),
            }
        }
        other => render_value(other, Some(ty), Some(program)),
    }
}

fn enum_name(id: u32, index: u32, program: Option<&Program>) -> String {
    program
        .and_then(|p| p.enums.get(id as usize))
        .and_then(|e| e.variants.get(index as usize))
        .cloned()
        .unwrap_or_else(|| index.to_string())
}

/// An enumeration value as staff read it: its label, else its name.
fn enum_label(id: u32, index: u32, program: Option<&Program>) -> String {
    program
        .and_then(|p| p.enums.get(id as usize))
        .and_then(|e| e.label(index as usize))
        .map_or_else(|| index.to_string(), str::to_string)
}

/// A value in the JSON contract: money as a string with two decimals.
fn json_value(value: &Value, ty: Option<&Type>, program: Option<&Program>) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(n) => json!(n),
        Value::Decimal(d) | Value::Rate(d) => Json::String(d.normalize().to_string()),
        Value::Money(d) => Json::String(contract_money(*d)),
        Value::Date(d) => Json::String(d.to_string()),
        Value::Text(t) => Json::String(t.to_string()),
        Value::Enum(id, index) => Json::String(enum_name(*id, *index, program)),
        Value::Absent => Json::Null,
        Value::List(items) => {
            let item = match ty {
                Some(Type::List(item)) => Some(&**item),
                _ => None,
            };
            Json::Array(items.iter().map(|v| json_value(v, item, program)).collect())
        }
        Value::Range(bounds) => json!([
            json_value(&bounds.0, None, program),
            json_value(&bounds.1, None, program)
        ]),
        Value::Record(_) => Json::Null,
    }
}

impl Decision {
    /// The decision in the JSON contract ([`crate::render::decision::json`]).
    pub fn to_json(&self) -> Json {
        crate::render::decision::json(self)
    }

    /// The decision in French, for staff ([`crate::render::decision::text`]).
    pub fn to_human(&self) -> String {
        crate::render::decision::text(self)
    }
}
