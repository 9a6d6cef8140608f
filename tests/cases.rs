//! Every application under `tests/cases/<year>/` is decided by the rulebook of
//! its year; each snapshot shows the application, then the decision in French
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

/// Decides one application file; the rulebook's hash is masked so that a
/// snapshot only changes when the decision does.
fn decide(path: &Path) -> (String, serde_json::Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let year = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let found = rulebook::for_year(&rules_dir(), year).unwrap();
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
    insta::glob!("cases/*/*.json", |path| {
        let application = std::fs::read_to_string(path).unwrap();
        let (human, json) = decide(path);
        let json = serde_json::to_string_pretty(&json).unwrap();
        // Name each snapshot after its year and case, so that adding a year
        // leaves the names (and contents) of the other years' snapshots alone.
        let year = path.parent().unwrap().file_name().unwrap().to_string_lossy();
        let case = path.file_stem().unwrap().to_string_lossy();
        insta::with_settings!({ snapshot_suffix => format!("{year}__{case}") }, {
            insta::assert_snapshot!(format!(
                "── application ──\n{}\n── décision ──\n{human}\n── JSON ──\n{json}\n",
                application.trim_end()
            ));
        });
    });
}

/// `EXPECTED.md` beside each year's cases was computed by hand from the note
/// (or, for an illustrative year, from its rulebook's figures): each row must
/// match the engine's status and amounts.
#[test]
fn decisions_match_the_hand_computed_tables() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut years = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            check_table(&dir);
            years += 1;
        }
    }
    assert!(years >= 2, "a table per year");
}

fn check_table(dir: &Path) {
    let table = std::fs::read_to_string(dir.join("EXPECTED.md")).unwrap();
    let mut checked = 0;
    for line in table.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
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
        assert_eq!(json["status"], cells[2], "{file}: status");
        for (column, key) in [
            (3, "ps"),
            (4, "bonus_enfants"),
            (5, "bonus_parents"),
            (6, "total"),
        ] {
            assert_eq!(json["outputs"][key], cells[column], "{file}: {key}");
        }
        assert_eq!(
            json["outputs"]["pluriannuel_possible"],
            yes(cells[7]),
            "{file}: pluriannuel_possible"
        );
        assert_eq!(
            json["outputs"]["msa_recevable"],
            yes(cells[8]),
            "{file}: msa_recevable"
        );
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
