//! Test cases that staff write by hand beside the rulebooks: an application
//! (`demande`) and what its decision should be (`attendu`: status, results,
//! rules). Checking a decision against them, and rewriting the expectations
//! after review, and which Caf's rulebook decides a case. Pure: the caller
//! reads and writes the files.

use crate::decision::Decision;
use crate::input::json::{self, JsonKind, JsonValue};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;
use std::path::Path;

/// One test case, as read from its file.
#[derive(Clone, Debug)]
pub struct Case {
    /// What the case shows, in the author's words.
    pub description: Option<String>,
    /// The application.
    pub application: JsonValue,
    /// The school year the application names, if it does.
    pub year: Option<String>,
    /// The Caf the application names (its top-level `caf` member), if it does.
    pub caf: Option<String>,
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
    // A `caf` that is not text is left to the decoder, which says so.
    let caf = application
        .member(crate::input::CAF_FIELD)
        .and_then(JsonValue::as_text)
        .map(|caf| caf.trim().to_string())
        .filter(|caf| !caf.is_empty());
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
        caf,
        expected,
        expected_span: expected_value.map(|v| v.span),
    })
}

/// The Caf of the nearest folder named `caf-<code>` that holds a case's
/// file (`rules/caf-15/tests/2023-2024/x.json` belongs to Caf 15), if any.
pub fn caf_of_folder(file: &Path) -> Option<String> {
    file.ancestors()
        .skip(1)
        .filter_map(|dir| dir.file_name()?.to_str())
        .find_map(crate::rulebook::caf_of_layer)
        .map(str::to_string)
}

/// The Caf whose rulebook decides a case: the one its application names,
/// else the one of the folder it sits in; `None` leaves it to the rules
/// folder's default Caf.
pub fn caf_of_case(case: &Case, file: &Path) -> Option<String> {
    case.caf.clone().or_else(|| caf_of_folder(file))
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn case(application: &str) -> Case {
        parse(&format!("{{ \"demande\": {application} }}")).unwrap()
    }

    #[test]
    fn the_nearest_caf_folder_names_the_caf() {
        let file = Path::new("rules/caf-15/tests/2023-2024/depot.json");
        assert_eq!(caf_of_folder(file).as_deref(), Some("15"));
        let nested = Path::new("/x/caf-63/rules/caf-2a/tests/cas.json");
        assert_eq!(caf_of_folder(nested).as_deref(), Some("2a"));
        assert_eq!(caf_of_folder(Path::new("tests/cases/2023-2024/cas.json")), None);
        // Neither the file's own name nor a bare `caf-` counts.
        assert_eq!(caf_of_folder(Path::new("cas/caf-/caf-15.json")), None);
    }

    #[test]
    fn the_application_s_caf_comes_before_its_folder() {
        let folder = Path::new("rules/caf-15/tests/2023-2024/cas.json");
        let named = case(r#"{ "caf": " 63 ", "annee_scolaire": "2023-2024" }"#);
        assert_eq!(named.caf.as_deref(), Some("63"));
        assert_eq!(caf_of_case(&named, folder).as_deref(), Some("63"));
        let unnamed = case(r#"{ "annee_scolaire": "2023-2024" }"#);
        assert_eq!(caf_of_case(&unnamed, folder).as_deref(), Some("15"));
        assert_eq!(caf_of_case(&unnamed, Path::new("cas/cas.json")), None);
        // Not text: left to the decoder, which reports it.
        let number = case(r#"{ "caf": 15 }"#);
        assert_eq!(number.caf, None);
    }
}
