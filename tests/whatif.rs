//! The what-if tells the truth: `clas-rules diff` over pairs of small
//! rulebooks (`tests/whatif/base.clas`, the year 2023-2024, and in each case
//! folder the 2024-2025 that extends it) and the applications of
//! `tests/whatif/applications/`. An application counts as changed only when
//! its status, an amount, a yes/no or the rules that fired differ; a new or
//! dropped output that is nothing everywhere is said once, in the header.
//! Each snapshot shows the case's rulebook, the applications, and the text
//! and JSON outcome. Also the real 2023-2024 → 2024-2025 comparison, and the
//! HTML page.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{clas_rules, root, run, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A folder with `rules/` (the base and the case's year) and
/// `applications/` (the fixtures, plus any extra file given).
fn workspace(case: &str, year: &Path, extra: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clas-rules-whatif-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::create_dir_all(dir.join("applications")).unwrap();
    let here = root().join("tests/whatif");
    std::fs::copy(here.join("base.clas"), dir.join("rules/2023-2024.clas")).unwrap();
    std::fs::copy(year, dir.join("rules/2024-2025.clas")).unwrap();
    for entry in std::fs::read_dir(here.join("applications")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("applications").join(path.file_name().unwrap())).unwrap();
    }
    for (name, text) in extra {
        std::fs::write(dir.join("applications").join(name), text).unwrap();
    }
    dir
}

fn diff(dir: &Path, format: &str) -> String {
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--from",
            "2023-2024",
            "--to",
            "2024-2025",
            "--format",
            format,
            "applications",
        ],
        dir,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

/// What the JSON says of the changes, without each decision in full.
fn json_outcome(json: &Value) -> Value {
    let mut json = json.clone();
    let object = json.as_object_mut().unwrap();
    object.shift_remove("rulebooks");
    for application in object["applications"].as_array_mut().unwrap() {
        let application = application.as_object_mut().unwrap();
        for key in ["from", "to", "assumed", "ignored"] {
            application.shift_remove(key);
        }
    }
    json
}

fn applications_shown() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/whatif/applications"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let json: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            format!("{}: {json}", f.file_name().unwrap().to_string_lossy())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many applications each case changes (of 3), and of status.
const EXPECTED: &[(&str, u64, u64)] = &[
    ("adds-an-output-zero-everywhere", 0, 0),
    ("adds-an-output-non-zero-for-some", 1, 0),
    ("drops-an-output", 2, 0),
    ("drops-an-output-zero-everywhere", 0, 0),
    ("changes-only-a-label", 0, 0),
    ("changes-nothing", 0, 0),
    ("changes-a-rate", 3, 1),
];

#[test]
fn a_year_changes_only_what_it_changes() {
    insta::glob!("whatif/*/2024-2025.clas", |path| {
        let case = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let dir = workspace(&case, path, &[]);
        let text = diff(&dir, "human");
        let json: Value = serde_json::from_str(&diff(&dir, "json")).unwrap();
        let (_, changed, status) = EXPECTED
            .iter()
            .find(|(name, _, _)| *name == case)
            .unwrap_or_else(|| panic!("{case}: add it to EXPECTED"));
        assert_eq!(json["summary"]["changed"], *changed, "{case}\n{text}");
        assert_eq!(json["summary"]["status_changed"], *status, "{case}\n{text}");
        // Whatever changes is said: no block without a line that moved.
        for block in text.split("\n\napplications/").skip(1) {
            assert!(block.lines().count() >= 3, "{case}: an empty block\n{block}");
        }
        insta::assert_snapshot!(format!(
            "── 2024-2025 (extends tests/whatif/base.clas, the 2023-2024) ──\n{}\n\
             ── applications ──\n{}\n\
             ── clas-rules diff --from 2023-2024 --to 2024-2025 applications ──\n{text}\
             ── --format json (without each decision in full) ──\n{}\n",
            std::fs::read_to_string(path).unwrap().trim_end(),
            applications_shown(),
            serde_json::to_string_pretty(&json_outcome(&json)).unwrap()
        ));
    });
}

#[test]
fn a_new_output_zero_everywhere_is_said_once_in_the_header() {
    let year = root().join("tests/whatif/adds-an-output-zero-everywhere/2024-2025.clas");
    let dir = workspace("header-once", &year, &[]);
    let text = diff(&dir, "human");
    assert_eq!(text.matches("Bonus grands groupes").count(), 2, "{text}");
    assert!(
        text.contains("Nouveau résultat : « Bonus grands groupes », nul pour toutes les demandes."),
        "{text}"
    );
    assert!(
        text.contains("aucune demande ne change ; 3 inchangées."),
        "{text}"
    );
    // The budget keeps the rulebook's order, the total last.
    let budget: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("Budget")).collect();
    assert!(
        budget.last().unwrap().trim_start().starts_with("Total accordé"),
        "{text}"
    );
    assert!(budget[4].contains("Bonus grands groupes (nouveau)"), "{text}");
    let json: Value = serde_json::from_str(&diff(&dir, "json")).unwrap();
    assert_eq!(
        json["new_outputs_zero_everywhere"],
        serde_json::json!(["bonus_grands_groupes"])
    );
    assert!(
        json["applications"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["changed"] == false)
    );
}

#[test]
fn the_budget_columns_line_up() {
    let year = root().join("tests/whatif/changes-a-rate/2024-2025.clas");
    let dir = workspace("columns", &year, &[]);
    let text = diff(&dir, "human");
    let budget: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("Budget")).collect();
    assert!(budget.len() > 3, "{text}");
    // Every row ends its amounts at the same character as the header ends its years.
    let end_of = |line: &str, needle: &str| {
        line.find(needle)
            .map(|at| line[..at + needle.len()].chars().count())
    };
    let header_end = end_of(budget[0], "2024-2025").unwrap();
    for row in &budget[1..] {
        let second = row
            .match_indices(" €")
            .nth(1)
            .map(|(at, _)| row[..at + " €".len()].chars().count());
        assert_eq!(second, Some(header_end), "{text}");
    }
}

#[test]
fn the_comparison_speaks_english_when_asked() {
    let year = root().join("tests/whatif/changes-a-rate/2024-2025.clas");
    let dir = workspace("english", &year, &[]);
    let output = run(
        &[
            "--lang",
            "en",
            "diff",
            "--rules-dir",
            "rules",
            "--from",
            "2023-2024",
            "--to",
            "2024-2025",
            "applications",
        ],
        &dir,
    );
    let text = stdout(&output);
    assert!(
        text.starts_with("Comparison 2023-2024 → 2024-2025 over 3 applications\n"),
        "{text}"
    );
    assert!(text.contains("changed value `taux_ps`: 32,5 % → 33 %"), "{text}");
    assert!(!text.contains("demande"), "{text}");
}

/// The HTML page: self-contained, French, its sections there, and every
/// text from a rulebook or an application escaped.
#[test]
fn the_html_page_escapes_hostile_texts_and_has_its_sections() {
    let hostile_year = r#"rulebook "Essai <script>alert(1)</script>"
  year "2024-2025"
  extends "2023-2024"
  source "Note d'essai"

override param taux_ps: rate = 33 %
  source "§3"

override output bonus: money = if demande.bonus_propose then montant_bonus * count(collectifs_retenus) else 0 €
  label "Bonus \"><img src=x onerror=alert(1)>"

rule porteur_nomme:
  warn when demande.porteur.nom == "<script>alert(1)</script>"
  message "Porteur <script>alert(1)</script> à vérifier."
  source "§1"
"#;
    let year = std::env::temp_dir().join(format!("clas-rules-whatif-hostile-{}.clas", std::process::id()));
    std::fs::write(&year, hostile_year).unwrap();
    let hostile_application = r#"{
  "porteur": { "nom": "<script>alert(1)</script>", "annees_soutien_caf": 1, "zone_rurale": false },
  "bonus_propose": true,
  "collectifs": [ { "nom": "<img src=x onerror=alert(1)>", "enfants": 10, "depenses": "7000.00" } ]
}"#;
    let dir = workspace(
        "html",
        &year,
        &[("\"><img src=x onerror=alert(1)>.json", hostile_application)],
    );
    let page = diff(&dir, "html");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{page}");
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "{page}"
    );
    assert!(
        page.contains("&#34;&#62;&#60;img src=x onerror=alert(1)&#62;.json"),
        "{page}"
    );
    for heading in [
        "<h1>Comparaison 2023-2024 → 2024-2025 sur 4 demandes</h1>",
        "<h2>Règles comparées</h2>",
        "<h2>Le budget des deux années</h2>",
        "<h2>L&#39;évolution de chaque résultat</h2>",
        "<h2>Les demandes qui changent de statut</h2>",
        "<h2>Les changements par cause</h2>",
        "<h2>Le détail des demandes qui changent</h2>",
        "<h2>Les hypothèses</h2>",
    ] {
        assert!(page.contains(heading), "{heading}\n{page}");
    }
    assert!(page.contains("<svg role=\"img\""), "{page}");
    assert!(
        page.contains("<title id=\"budget-title\">Budget 2023-2024 et 2024-2025, par résultat</title>"),
        "{page}"
    );
    assert!(
        page.contains("valeur modifiée `taux_ps` : 32,5 % → 33 %"),
        "{page}"
    );
    assert!(
        !page.contains("http://")
            || page.matches("http://").count() == page.matches("http://www.w3.org/").count()
    );
    // Written to a file with `--out`, the same page.
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--from",
            "2023-2024",
            "--to",
            "2024-2025",
            "--format",
            "html",
            "--out",
            "page.html",
            "applications",
        ],
        &dir,
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(dir.join("page.html")).unwrap(), page);
}

#[test]
fn the_real_2024_2025_against_the_2023_2024_cases() {
    let args = [
        "diff",
        "--from",
        "2023-2024",
        "--to",
        "2024-2025",
        "tests/cases/2023-2024",
    ];
    let text = stdout(&clas_rules(&args));
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let json: Value = serde_json::from_slice(&clas_rules(&with_json).stdout).unwrap();
    // A parameter new in 2024-2025 is not a changed value.
    assert!(!text.contains("valeur modifiée `encadrants_minimum`"), "{text}");
    assert!(
        text.contains("Nouveau paramètre (pas une valeur modifiée) : `encadrants_minimum` = 2."),
        "{text}"
    );
    let mut summary = json_outcome(&json);
    summary.as_object_mut().unwrap().shift_remove("applications");
    insta::assert_snapshot!(format!(
        "$ clas-rules {}\n{text}── --format json: everything but the applications ──\n{}\n",
        args.join(" "),
        serde_json::to_string_pretty(&summary).unwrap()
    ));
}
