//! Next year without code: a new rulebook in a copy of the rules directory
//! is picked up by the binary already built, and leaves every decision of
//! the years before it as it was. Also the year-on-year commands as staff
//! run them: `years`, `diff`, `test`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{clas_rules, root, stdout};
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A copy of `rules/` with a 2025-2026 rulebook that only changes values.
fn rules_with_a_new_year(test: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-next-year-{}-{test}", std::process::id()))
        .join("rules");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join("rules"), &dir);
    // The national part and the Caf's part of the new year, each one file.
    std::fs::write(
        dir.join("national/2025-2026.clas"),
        r#"rulebook "CLAS — année d'essai, cadre national" layer "national" year "2025-2026" extends "2024-2025" source "Essai"
override param taux_ps: rate = 34 %
  source "§3"
override param prix_plafond: money = 8 100 €
  source "§3"
override param ps_maximale_annoncee: money = 2 754 €
  source "§3"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("caf-63/2025-2026.clas"),
        r#"rulebook "CLAS — année d'essai, Caf du Puy-de-Dôme" layer "caf-63" over "national" year "2025-2026" extends "2024-2025" source "Essai"
override param periode_depot: range date = 2025-06-02 ..= 2025-07-11
  source "§2"
"#,
    )
    .unwrap();
    dir
}

#[test]
fn a_new_year_needs_a_rulebook_and_no_code() {
    let dir = rules_with_a_new_year("eval");
    let dir_arg = dir.to_str().unwrap();
    let check = clas_rules(&["check", dir_arg]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let years = clas_rules(&["years", "--rules-dir", dir_arg]);
    assert_eq!(years.status.code(), Some(0), "{}", stdout(&years));
    assert!(
        stdout(&years).contains("2023-2024 → 2024-2025 → 2025-2026"),
        "{}",
        stdout(&years)
    );

    let application =
        std::fs::read_to_string(root().join("tests/cases/2024-2025/depenses-9000-au-dessus-du-plafond.json"))
            .unwrap()
            .replace("2024-2025", "2025-2026")
            .replace("2024-06-20", "2025-06-20");
    let file = dir.parent().unwrap().join("demande-2025.json");
    std::fs::write(&file, application).unwrap();
    let eval = clas_rules(&[
        "eval",
        "--format",
        "json",
        "--rules-dir",
        dir_arg,
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        eval.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&eval.stderr)
    );
    let decision: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    assert_eq!(decision["rulebook"]["year"], "2025-2026");
    assert_eq!(decision["status"], "eligible");
    // 9 000 € capped at 8 100 €, times 34 %: 2 754 €.
    assert_eq!(decision["outputs"]["ps"], "2754.00");
}

#[test]
fn adding_a_year_changes_nothing_in_the_years_before() {
    let dir = rules_with_a_new_year("before");
    let mut compared = 0;
    for year in ["2023-2024", "2024-2025"] {
        for entry in std::fs::read_dir(root().join("tests/cases").join(year)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let decide = |rules: &Path| {
                let output = clas_rules(&[
                    "eval",
                    "--format",
                    "json",
                    "--rules-dir",
                    rules.to_str().unwrap(),
                    path.to_str().unwrap(),
                ]);
                let mut decision: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
                // Only where the rulebooks were read from differs.
                decision["rulebook"]["file"] = serde_json::Value::Null;
                decision["rulebook"]["extends"] = serde_json::Value::Null;
                for layer in decision["rulebook"]["layers"].as_array_mut().unwrap() {
                    layer["file"] = serde_json::Value::Null;
                }
                decision
            };
            assert_eq!(decide(&root().join("rules")), decide(&dir), "{}", path.display());
            compared += 1;
        }
    }
    assert!(compared >= 90, "only {compared} cases compared");
}

fn snapshot_of(args: &[&str]) -> String {
    let output = clas_rules(args);
    format!(
        "$ clas-rules {}\n(exit {})\n{}{}",
        args.join(" "),
        output.status.code().unwrap_or(-1),
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn years_lists_the_rulebooks_and_their_continuity() {
    insta::assert_snapshot!(snapshot_of(&["years"]));
}

#[test]
fn diff_shows_what_2024_2025_changes_in_the_rules() {
    insta::assert_snapshot!(snapshot_of(&[
        "diff",
        "--from",
        "2023-2024",
        "--to",
        "2024-2025",
        "--rules"
    ]));
}

#[test]
fn diff_shows_the_budget_effect_of_2024_2025_on_the_2023_2024_cases() {
    // The text is shown in full by `tests/whatif.rs`; here, the budget's figures.
    let output = clas_rules(&[
        "diff",
        "--format",
        "json",
        "--from",
        "2023-2024",
        "--to",
        "2024-2025",
        "tests/cases/2023-2024",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let total = json["budget"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["output"] == "total")
        .unwrap();
    // The 2023-2024 budget is the sum of the hand-computed totals of EXPECTED.md.
    let expected: rust_decimal::Decimal =
        std::fs::read_to_string(root().join("tests/cases/2023-2024/EXPECTED.md"))
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                l.split('|')
                    .nth(6)
                    .unwrap()
                    .trim()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum();
    assert_eq!(total["from"], expected.to_string());
}

#[test]
fn staff_cases_pass_and_report_coverage() {
    let output = clas_rules(&["test", "rules"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("2023-2024 : aucune, chaque règle est exercée"),
        "{text}"
    );
    assert!(text.contains(" 0 échoué(s)"), "{text}");
}

#[test]
fn a_wrong_expectation_fails_and_update_rewrites_it() {
    let dir = std::env::temp_dir().join(format!("clas-rules-cases-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(
        root().join("rules/caf-63/tests/2023-2024/depenses-9000-au-dessus-du-plafond.json"),
    )
    .unwrap();
    let wrong = original.replace("\"ps\": \"2563.00\"", "\"ps\": \"2562.00\"");
    assert_ne!(wrong, original);
    let file = dir.join("cas.json");
    std::fs::write(&file, &wrong).unwrap();
    let rules = root().join("rules");
    let args = [
        "test",
        dir.to_str().unwrap(),
        "--rules-dir",
        rules.to_str().unwrap(),
    ];
    let output = clas_rules(&args);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("ps : attendu \"2562.00\", obtenu \"2563.00\""),
        "{}",
        stdout(&output)
    );

    let mut update = args.to_vec();
    update.push("--update");
    assert_eq!(clas_rules(&update).status.code(), Some(0));
    let rewritten = std::fs::read_to_string(&file).unwrap();
    assert!(rewritten.contains("\"ps\": \"2563.00\""));
    // The application itself is left exactly as written.
    let application = |text: &str| text.split("\"attendu\"").next().unwrap().to_string();
    assert_eq!(application(&rewritten), application(&original));
    assert_eq!(clas_rules(&args).status.code(), Some(0));
}

#[test]
fn years_reports_gaps_and_overlaps() {
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-years-{}", std::process::id()))
        .join("rules");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::fs::read_to_string(root().join("rules/national/2023-2024.clas")).unwrap();
    std::fs::write(dir.join("a.clas"), &base).unwrap();
    std::fs::write(
        dir.join("b.clas"),
        base.replace("year \"2023-2024\"", "year \"2025-2026\""),
    )
    .unwrap();
    let output = clas_rules(&["years", "--rules-dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("trou : aucune règle entre 2023-2024 et 2025-2026"),
        "{}",
        stdout(&output)
    );

    std::fs::write(dir.join("b.clas"), &base).unwrap();
    let output = clas_rules(&["years", "--rules-dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("chevauchement"), "{}", stdout(&output));
}
