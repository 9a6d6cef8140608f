//! Every application under `tests/cases/<year>/` (the default Caf's) or
//! `tests/cases/caf-<code>/<year>/` is decided by the rulebook of its Caf and
//! year; each snapshot shows the application, then the decision in French
//! and in the JSON contract.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::rulebook::{self, RulesSource};
use std::path::{Path, PathBuf};

fn rules_dir() -> RulesSource {
    RulesSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"))
}

/// The Caf of a case's folder (`tests/cases/caf-15/<year>/`), if it is in one.
fn caf_of(path: &Path) -> Option<String> {
    let folder = path.parent()?.parent()?.file_name()?.to_str()?;
    rulebook::caf_of_layer(folder).map(str::to_string)
}

/// Decides one application file; the rulebook's hash is masked so that a
/// snapshot only changes when the decision does.
fn decide(path: &Path) -> (String, serde_json::Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let year = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let found = rulebook::for_caf_year(&rules_dir(), caf_of(path).as_deref(), year).unwrap();
    let compiled = rulebook::load(&rules_dir(), found).unwrap();
    let program = compiled.program.as_ref().expect("the rulebook checks");
    let input = clas_rules::input::decode::decode(program, &text)
        .unwrap_or_else(|errors| panic!("{}: {errors:?}", path.display()));
    let mut decision = clas_rules::eval::decide(program, &input, None).unwrap();
    decision.rulebook = compiled.reference();
    let relative = |e: &str| {
        e.replace(env!("CARGO_MANIFEST_DIR"), "")
            .trim_start_matches('/')
            .to_string()
    };
    decision.rulebook.file = relative(&decision.rulebook.file);
    decision.rulebook.extends = decision.rulebook.extends.iter().map(|e| relative(e)).collect();
    decision.rulebook.sha256 = "[sha256]".into();
    for layer in &mut decision.rulebook.layers {
        layer.file = relative(&layer.file);
        layer.sha256 = "[sha256]".into();
    }
    (decision.to_human(), decision.to_json())
}

#[test]
fn decisions() {
    let snapshot = |path: &Path| {
        let application = std::fs::read_to_string(path).unwrap();
        let (human, json) = decide(path);
        let json = serde_json::to_string_pretty(&json).unwrap();
        // Name each snapshot after its Caf (but the default Caf's, named
        // before there were two), year and case, so that adding a year or a
        // Caf leaves the names (and contents) of the others' snapshots alone.
        let year = path.parent().unwrap().file_name().unwrap().to_string_lossy();
        let case = path.file_stem().unwrap().to_string_lossy();
        let suffix = match caf_of(path) {
            Some(caf) => format!("caf-{caf}__{year}__{case}"),
            None => format!("{year}__{case}"),
        };
        insta::with_settings!({ snapshot_suffix => suffix }, {
            insta::assert_snapshot!(format!(
                "── application ──\n{}\n── décision ──\n{human}\n── JSON ──\n{json}\n",
                application.trim_end()
            ));
        });
    };
    insta::glob!("cases/*/*.json", |path| snapshot(path));
    insta::glob!("cases/caf-*/*/*.json", |path| snapshot(path));
}

/// `EXPECTED.md` beside each year's cases was computed by hand from the note
/// (or, for an illustrative year or Caf, from its rulebooks' figures): each
/// row must match the engine's status and amounts.
#[test]
fn decisions_match_the_hand_computed_tables() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut tables = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_str().unwrap();
        if rulebook::caf_of_layer(name).is_some() {
            for year in std::fs::read_dir(&dir).unwrap() {
                let year = year.unwrap().path();
                if year.is_dir() {
                    tables.push(year);
                }
            }
        } else {
            tables.push(dir);
        }
    }
    tables.sort();
    for dir in &tables {
        check_table(dir);
    }
    let names: Vec<String> = tables
        .iter()
        .map(|t| t.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert_eq!(
        names,
        ["2023-2024", "2024-2025", "caf-15/2023-2024", "caf-15/2024-2025"],
        "a table per Caf and year"
    );
}

/// Checks each row of a folder's `EXPECTED.md` against the engine, its
/// columns found by the header's names (a Caf without MSA co-financing has
/// no `msa_recevable` column).
fn check_table(dir: &Path) {
    let table = std::fs::read_to_string(dir.join("EXPECTED.md")).unwrap();
    let cells_of = |line: &str| -> Vec<String> { line.split('|').map(|c| c.trim().to_string()).collect() };
    let header = table
        .lines()
        .find(|l| l.starts_with("| fichier |"))
        .map(cells_of)
        .unwrap_or_else(|| panic!("{}: no header row", dir.display()));
    let column = |name: &str| header.iter().position(|c| c == name);
    let status = column("statut").expect("a statut column");
    let amounts = ["ps", "bonus_enfants", "bonus_parents", "total"]
        .map(|key| (key, column(key).unwrap_or_else(|| panic!("a {key} column"))));
    let flags: Vec<(&str, usize)> = ["pluriannuel_possible", "msa_recevable"]
        .into_iter()
        .filter_map(|key| Some((key, column(key)?)))
        .collect();
    assert!(flags.iter().any(|(key, _)| *key == "pluriannuel_possible"));
    let mut checked = 0;
    for line in table.lines() {
        let cells = cells_of(line);
        let Some(file) = cells
            .get(1)
            .and_then(|c| c.strip_prefix('`'))
            .and_then(|c| c.strip_suffix(".json`"))
        else {
            continue;
        };
        let path = dir.join(format!("{file}.json"));
        assert!(path.exists(), "EXPECTED.md names a missing case: {file}");
        let (_, json) = decide(&path);
        let yes = |cell: &str| cell == "oui" || cell == "true";
        assert_eq!(json["status"], cells[status], "{file}: status");
        for (key, at) in amounts {
            assert_eq!(json["outputs"][key], cells[at], "{file}: {key}");
        }
        for (key, at) in &flags {
            assert_eq!(json["outputs"][key], yes(&cells[*at]), "{file}: {key}");
        }
        checked += 1;
    }
    let cases = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert_eq!(checked, cases, "every case has a row in EXPECTED.md");
}

/// A Caf without MSA co-financing: its decisions have no `msa_recevable`,
/// and an application that carries an `msa` is refused by its schema.
#[test]
fn the_cantal_has_no_msa_co_financing() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    for year in ["2023-2024", "2024-2025"] {
        let reference = root.join(format!("caf-15/{year}/reference-eligible.json"));
        let (_, json) = decide(&reference);
        assert_eq!(json["rulebook"]["caf"], "15");
        assert!(json["outputs"].get("msa_recevable").is_none(), "{json}");
        let found = rulebook::for_caf_year(&rules_dir(), Some("15"), year).unwrap();
        let compiled = rulebook::load(&rules_dir(), found).unwrap();
        let program = compiled.program.as_ref().unwrap();
        let mut application: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&reference).unwrap()).unwrap();
        application["msa"] = serde_json::json!({ "financeur": "MSA-63-PUY DE DOME" });
        let errors = clas_rules::input::decode::decode(program, &application.to_string()).unwrap_err();
        let said: Vec<String> = errors
            .iter()
            .map(|e| e.render(clas_rules::i18n::Lang::Fr))
            .collect();
        assert_eq!(said, ["`msa` : champ inconnu `msa`"], "{year}");
    }
}
