//! Test cases that staff write by hand beside the rulebooks: an application
//! (`demande`) and what its decision should be (`attendu`: status, results,
//! rules). Checking a decision against them, and rewriting the expectations
//! after review, and which Caf's rulebook decides a case. Pure: the caller
//! reads and writes the files, and renders the messages in its language.

use crate::decision::Decision;
use crate::i18n::Message;
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
pub fn parse(text: &str) -> Result<Case, Message> {
    let document = json::parse(text).map_err(|e| {
        let (line, column) = json::line_column(text, e.span.start);
        crate::msg!(
            "test-case-malformed-json",
            line = line,
            column = column,
            why = e.message
        )
    })?;
    let application = document
        .member("demande")
        .cloned()
        .ok_or(crate::msg!("test-case-no-application"))?;
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
                return Err(crate::msg!("test-case-expected-not-object"));
            };
            let mut expected = Expected::default();
            for m in members {
                match m.key.as_str() {
                    "statut" => {
                        expected.status = Some(
                            m.value
                                .as_text()
                                .map(str::to_string)
                                .ok_or(crate::msg!("test-case-status-not-text"))?,
                        )
                    }
                    "resultats" => match plain(&m.value) {
                        Json::Object(results) => expected.results = results.into_iter().collect(),
                        _ => return Err(crate::msg!("test-case-results-not-object")),
                    },
                    "regles" => match plain(&m.value) {
                        Json::Array(items) => {
                            let names = items
                                .iter()
                                .map(|i| i.as_str().map(str::to_string))
                                .collect::<Option<Vec<_>>>();
                            expected.rules = Some(names.ok_or(crate::msg!("test-case-rules-not-names"))?);
                        }
                        _ => return Err(crate::msg!("test-case-rules-not-a-list")),
                    },
                    other => {
                        return Err(crate::msg!("test-case-expected-unknown-key", key = other));
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

/// The differences between what a case expects and a decision, one message
/// each; empty when the decision is as expected.
pub fn differences(expected: &Expected, decision: &Decision) -> Vec<Message> {
    let mut out = Vec::new();
    if let Some(status) = &expected.status
        && status != decision.status.key()
    {
        out.push(crate::msg!(
            "test-case-status-differs",
            expected = status,
            obtained = decision.status.key()
        ));
    }
    for (name, value) in &expected.results {
        match decision.outputs.iter().find(|o| &o.name == name) {
            Some(output) if &output.json == value => {}
            Some(output) => out.push(crate::msg!(
                "test-case-result-differs",
                name = name,
                expected = value.to_string(),
                obtained = output.json.to_string()
            )),
            None => out.push(crate::msg!("test-case-result-unknown", name = name)),
        }
    }
    if let Some(rules) = &expected.rules {
        let wanted: BTreeSet<&str> = rules.iter().map(String::as_str).collect();
        let fired: BTreeSet<&str> = decision.reasons.iter().map(|r| r.rule.as_str()).collect();
        for missing in wanted.difference(&fired) {
            out.push(crate::msg!("test-case-rule-not-applied", rule = *missing));
        }
        for extra in fired.difference(&wanted) {
            out.push(crate::msg!("test-case-rule-not-expected", rule = *extra));
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
    use crate::i18n::Lang;

    fn case(application: &str) -> Case {
        parse(&format!("{{ \"demande\": {application} }}")).unwrap()
    }

    /// The error of a case file, in French and in English.
    fn error_of(text: &str) -> (String, String) {
        let message = parse(text).unwrap_err();
        (message.render(Lang::Fr), message.render(Lang::En))
    }

    #[test]
    fn what_is_wrong_with_a_case_file_is_said_in_french_and_in_english() {
        let expected = |attendu: &str| format!(r#"{{ "demande": {{}}, "attendu": {attendu} }}"#);
        let cases = [
            (
                r#"{ "description": "sans demande" }"#.to_string(),
                "pas de `demande` dans ce fichier",
                "no `demande` in this file",
            ),
            (
                expected("[1]"),
                r#"`attendu` doit être un objet : { "statut": …, "resultats": { … }, "regles": [ … ] }"#,
                r#"`attendu` must be an object: { "statut": …, "resultats": { … }, "regles": [ … ] }"#,
            ),
            (
                expected(r#"{ "statut": 1 }"#),
                "`statut` s'écrit entre guillemets",
                "`statut` is written in quotes",
            ),
            (
                expected(r#"{ "resultats": [] }"#),
                r#"`resultats` doit être un objet : { "ps": "2563.00" }"#,
                r#"`resultats` must be an object: { "ps": "2563.00" }"#,
            ),
            (
                expected(r#"{ "regles": {} }"#),
                r#"`regles` doit être une liste : ["depot_dans_la_periode"]"#,
                r#"`regles` must be a list: ["depot_dans_la_periode"]"#,
            ),
            (
                expected(r#"{ "regles": [1] }"#),
                "`regles` est une liste de noms de règles entre guillemets",
                "`regles` is a list of rule names in quotes",
            ),
            (
                expected(r#"{ "statuts": "eligible" }"#),
                "`attendu` ne connaît pas `statuts` : seulement `statut`, `resultats` et `regles`",
                "`attendu` does not know `statuts`: only `statut`, `resultats` and `regles`",
            ),
        ];
        for (text, fr, en) in cases {
            assert_eq!(error_of(&text), (fr.to_string(), en.to_string()), "{text}");
        }
        let (fr, en) = error_of("{\n  \"demande\": {\n}");
        assert!(fr.starts_with("JSON mal formé, ligne 3, colonne 2 : "), "{fr}");
        assert!(en.starts_with("malformed JSON, line 3, column 2: "), "{en}");
        // No Unicode isolation marks around the values.
        assert!(!fr.contains(['\u{2068}', '\u{2069}']), "{fr:?}");
    }

    #[test]
    fn differences_are_said_in_french_and_in_english() {
        let rules = crate::rulebook::RulesSource::Dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"));
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("rules/caf-63/tests/2023-2024/depenses-9000-au-dessus-du-plafond.json"),
        )
        .unwrap();
        let case = parse(&text).unwrap();
        let found = crate::rulebook::for_caf_year(&rules, Some("63"), "2023-2024").unwrap();
        let compiled = crate::rulebook::load(&rules, found).unwrap();
        let program = compiled.program.as_ref().unwrap();
        let input = crate::input::decode::decode_value(program, &case.application).unwrap();
        let decision = crate::eval::decide(program, &input, None).unwrap();
        assert!(differences(case.expected.as_ref().unwrap(), &decision).is_empty());

        let wrong = Expected {
            status: Some("ineligible".into()),
            results: vec![
                ("ps".into(), Json::String("2562.00".into())),
                ("msa_recevable".into(), Json::Bool(false)),
                ("inexistant".into(), Json::from(1)),
            ],
            rules: Some(vec!["une_regle_fantome".into()]),
        };
        let found = differences(&wrong, &decision);
        let render = |lang| found.iter().map(|m| m.render(lang)).collect::<Vec<_>>();
        assert_eq!(
            render(Lang::Fr),
            [
                "statut : attendu « ineligible », obtenu « eligible »",
                r#"ps : attendu "2562.00", obtenu "2563.00""#,
                "msa_recevable : attendu false, obtenu true",
                "inexistant : ce résultat n'existe pas dans les règles",
                "règle attendue mais non appliquée : une_regle_fantome",
                "règle appliquée mais non attendue : financement_pluriannuel_possible",
            ]
        );
        assert_eq!(
            render(Lang::En),
            [
                r#"statut: expected "ineligible", got "eligible""#,
                r#"ps: expected "2562.00", got "2563.00""#,
                "msa_recevable: expected false, got true",
                "inexistant: the rules have no such result",
                "rule expected but not applied: une_regle_fantome",
                "rule applied but not expected: financement_pluriannuel_possible",
            ]
        );
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
