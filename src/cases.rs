//! Test cases that staff write by hand beside the rulebooks: an application
//! (`demande`) and what its decision should be (`attendu`: status, results,
//! rules). Checking a decision against them, and rewriting the expectations
//! after review. Pure: the caller reads and writes the files.

use crate::decision::Decision;
use crate::input::json::{self, JsonKind, JsonValue};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;

/// One test case, as read from its file.
#[derive(Clone, Debug)]
pub struct Case {
    /// What the case shows, in the author's words.
    pub description: Option<String>,
    /// The application.
    pub application: JsonValue,
    /// The school year the application names, if it does.
    pub year: Option<String>,
    /// The expected decision, if written yet.
    pub expected: Option<Expected>,
    /// Where the `attendu` value is in the file, to rewrite it.
    expected_span: Option<crate::diagnostic::Span>,
}

/// What a decision should be. Only what is written is checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expected {
    /// `eligible`, `ineligible` or `incomplete`.
    pub status: Option<String>,
    /// Results by name, as the JSON contract writes them (`"2563.00"`, `true`).
    pub results: Vec<(String, Json)>,
    /// Exactly the rules that fire, in any order.
    pub rules: Option<Vec<String>>,
}

/// Whether a JSON file is a test case (an object with a `demande`).
pub fn is_case(text: &str) -> bool {
    matches!(json::parse(text), Ok(JsonValue { kind: JsonKind::Object(members), .. }) if members.iter().any(|m| m.key == "demande"))
}

/// The plain JSON of a value of the exact reader (numbers kept as written).
fn plain(value: &JsonValue) -> Json {
    match &value.kind {
        JsonKind::Null => Json::Null,
        JsonKind::Bool(b) => Json::Bool(*b),
        JsonKind::Number(n) => serde_json::from_str(n).unwrap_or(Json::String(n.clone())),
        JsonKind::String(s) => Json::String(s.clone()),
        JsonKind::Array(items) => Json::Array(items.iter().map(plain).collect()),
        JsonKind::Object(members) => {
            Json::Object(members.iter().map(|m| (m.key.clone(), plain(&m.value))).collect())
        }
    }
}

/// Reads a test case; the error says what is wrong with the file.
pub fn parse(text: &str) -> Result<Case, String> {
    let document = json::parse(text).map_err(|e| {
        let (line, column) = json::line_column(text, e.span.start);
        format!(
            "JSON mal formé, ligne {line}, colonne {column} : {}",
            e.message.fr()
        )
    })?;
    let application = document
        .member("demande")
        .cloned()
        .ok_or("pas de `demande` dans ce fichier")?;
    let year = application
        .member("annee_scolaire")
        .and_then(JsonValue::as_text)
        .map(str::to_string);
    let description = document
        .member("description")
        .and_then(JsonValue::as_text)
        .map(str::to_string);
    let expected_value = document.member("attendu");
    let expected = match expected_value {
        None => None,
        Some(value) => {
            let JsonKind::Object(members) = &value.kind else {
                return Err("`attendu` doit être un objet : { \"statut\": …, \"resultats\": { … }, \"regles\": [ … ] }".into());
            };
            let mut expected = Expected::default();
            for m in members {
                match m.key.as_str() {
                    "statut" => {
                        expected.status = Some(
                            m.value
                                .as_text()
                                .map(str::to_string)
                                .ok_or("`statut` s'écrit entre guillemets")?,
                        )
                    }
                    "resultats" => match plain(&m.value) {
                        Json::Object(results) => expected.results = results.into_iter().collect(),
                        _ => return Err("`resultats` doit être un objet : { \"ps\": \"2563.00\" }".into()),
                    },
                    "regles" => match plain(&m.value) {
                        Json::Array(items) => {
                            let names = items
                                .iter()
                                .map(|i| i.as_str().map(str::to_string))
                                .collect::<Option<Vec<_>>>();
                            expected.rules = Some(
                                names.ok_or("`regles` est une liste de noms de règles entre guillemets")?,
                            );
                        }
                        _ => return Err("`regles` doit être une liste : [\"depot_dans_la_periode\"]".into()),
                    },
                    other => {
                        return Err(format!(
                            "`attendu` ne connaît pas `{other}` : seulement `statut`, `resultats` et `regles`"
                        ));
                    }
                }
            }
            Some(expected)
        }
    };
    Ok(Case {
        description,
        application,
        year,
        expected,
        expected_span: expected_value.map(|v| v.span),
    })
}

/// The differences between what a case expects and a decision, in French;
/// empty when the decision is as expected.
pub fn differences(expected: &Expected, decision: &Decision) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(status) = &expected.status
        && status != decision.status.key()
    {
        out.push(format!(
            "statut : attendu « {status} », obtenu « {} »",
            decision.status.key()
        ));
    }
    for (name, value) in &expected.results {
        match decision.outputs.iter().find(|o| &o.name == name) {
            Some(output) if &output.json == value => {}
            Some(output) => out.push(format!("{name} : attendu {value}, obtenu {}", output.json)),
            None => out.push(format!("{name} : ce résultat n'existe pas dans les règles")),
        }
    }
    if let Some(rules) = &expected.rules {
        let wanted: BTreeSet<&str> = rules.iter().map(String::as_str).collect();
        let fired: BTreeSet<&str> = decision.reasons.iter().map(|r| r.rule.as_str()).collect();
        for missing in wanted.difference(&fired) {
            out.push(format!("règle attendue mais non appliquée : {missing}"));
        }
        for extra in fired.difference(&wanted) {
            out.push(format!("règle appliquée mais non attendue : {extra}"));
        }
    }
    out
}

/// The expectation a decision meets exactly, as the file writes it.
fn expectation_of(decision: &Decision) -> Json {
    let mut expected = Map::new();
    expected.insert("statut".into(), Json::String(decision.status.key().into()));
    let results: Map<String, Json> = decision
        .outputs
        .iter()
        .map(|o| (o.name.clone(), o.json.clone()))
        .collect();
    expected.insert("resultats".into(), Json::Object(results));
    let mut rules: Vec<String> = decision.reasons.iter().map(|r| r.rule.clone()).collect();
    rules.sort();
    rules.dedup();
    expected.insert(
        "regles".into(),
        Json::Array(rules.into_iter().map(Json::String).collect()),
    );
    Json::Object(expected)
}

/// The file's text with `attendu` rewritten to match the decision; the rest
/// of the file (the application above all) is left exactly as written.
pub fn updated(text: &str, case: &Case, decision: &Decision) -> String {
    let expectation = serde_json::to_string_pretty(&expectation_of(decision)).unwrap_or_default();
    match case.expected_span {
        Some(span) => {
            let indented = expectation.replace('\n', "\n  ");
            format!(
                "{}{indented}{}",
                text.get(..span.start).unwrap_or(""),
                text.get(span.end..).unwrap_or("")
            )
        }
        None => {
            let end = text.rfind('}').unwrap_or(text.len());
            let before = text.get(..end).unwrap_or("").trim_end();
            let indented = expectation.replace('\n', "\n  ");
            format!("{before},\n  \"attendu\": {indented}\n}}\n")
        }
    }
}
