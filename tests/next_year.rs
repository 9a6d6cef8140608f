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
        stdout(&output)
            .contains("national : trou, aucun fichier pour 2024-2025 (entre 2023-2024 et 2025-2026)"),
        "{}",
        stdout(&output)
    );

    std::fs::write(dir.join("b.clas"), &base).unwrap();
    let output = clas_rules(&["years", "--rules-dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("national : chevauchement, 2 fichiers pour la même année 2023-2024"),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("2 fichiers"), "{}", stdout(&output));
}

/// Each rulebook of a rules folder, as its header places it: the input of a
/// `years` snapshot.
fn headers_of(dir: &Path) -> String {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "clas") {
            files.push(path);
        }
    }
    files.sort();
    files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let field = |key: &str| {
                text.lines()
                    .map(str::trim)
                    .find_map(|l| l.strip_prefix(&format!("{key} \"")))
                    .map(|v| v.trim_end_matches('"').to_string())
                    .unwrap_or_else(|| "—".to_string())
            };
            format!(
                "{:<52} layer {:<9} over {:<9} year {:<10} extends {}",
                file.strip_prefix(root()).unwrap().display(),
                field("layer"),
                field("over"),
                field("year"),
                field("extends")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A folder with a problem of each kind: an overlap and a gap in `caf-63`,
/// an error in `caf-15` 2025-2026, a `caf-15` year (2026-2027) without its
/// national file, a national year (2024-2025) no Caf has.
#[test]
fn years_shows_the_grid_with_a_problem_of_each_kind() {
    let dir = "tests/years/problems";
    let text = snapshot_of(&["years", "--rules-dir", dir]);
    assert!(
        text.starts_with("$ clas-rules years --rules-dir tests/years/problems\n(exit 1)\n"),
        "{text}"
    );
    insta::assert_snapshot!(format!(
        "── the files ──\n{}\n── the grid ──\n{text}",
        headers_of(&root().join(dir))
    ));

    let output = clas_rules(&["years", "--rules-dir", dir, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["years"],
        serde_json::json!(["2023-2024", "2024-2025", "2025-2026", "2026-2027"])
    );
    let layer = |name: &str| {
        json["layers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["layer"] == name)
            .unwrap()
            .clone()
    };
    let states = |name: &str| {
        layer(name)["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["state"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(states("national"), ["valid", "valid", "valid", "absent"]);
    assert_eq!(states("caf-63"), ["overlap", "absent", "valid", "absent"]);
    assert_eq!(states("caf-15"), ["absent", "absent", "errors", "without_base"]);
    assert_eq!(layer("caf-15")["caf"], "15");
    assert_eq!(layer("caf-15")["over"], "national");
    assert_eq!(layer("caf-15")["cells"][2]["errors"], 1);
    assert_eq!(layer("caf-15")["cells"][3]["extends"], "2025-2026");
    assert_eq!(
        layer("caf-63")["gaps"],
        serde_json::json!([{"after": "2023-2024", "before": "2025-2026", "missing": ["2024-2025"]}])
    );
    assert_eq!(layer("caf-63")["overlaps"][0]["year"], "2023-2024");
    assert_eq!(
        layer("caf-63")["overlaps"][0]["files"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        json["without_base"],
        serde_json::json!([{"layer": "caf-15", "over": "national", "year": "2026-2027"}])
    );
    assert_eq!(
        json["without_top"],
        serde_json::json!([{"layer": "national", "year": "2024-2025"}])
    );
    assert_eq!(json["problems"].as_array().unwrap().len(), 5);
}

/// The national layer and two Cafs, all for one year, all checking.
#[test]
fn years_shows_two_cafs_over_the_national_layer() {
    let output = clas_rules(&["years", "--rules-dir", "tests/whatif/cafs/rules"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    let grid: Vec<&str> = text.lines().skip(2).take(4).collect();
    assert_eq!(
        grid,
        [
            "Couche     2023-2024",
            "national   valide",
            "caf-15     valide",
            "caf-63     valide"
        ],
        "{text}"
    );
    assert!(
        text.contains(
            "Chaque année de Caf a son fichier national, et chaque année nationale au moins une Caf."
        ),
        "{text}"
    );
}

/// A folder of today, one layer without a name, keeps its meaning: one row.
#[test]
fn years_of_a_folder_of_one_layer() {
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-years-one-{}", std::process::id()))
        .join("rules");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root().join("tests/whatif/base.clas"), dir.join("2023-2024.clas")).unwrap();
    std::fs::copy(
        root().join("tests/whatif/changes-a-rate/2024-2025.clas"),
        dir.join("2024-2025.clas"),
    )
    .unwrap();
    let output = clas_rules(&["years", "--rules-dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "Couche            2023-2024   2024-2025\n(couche unique)   valide      valide, étend 2023-2024\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  (couche unique) : 2023-2024 → 2024-2025\n"),
        "{text}"
    );
    assert!(!text.contains("Caf"), "{text}");
    let json: serde_json::Value = serde_json::from_slice(
        &clas_rules(&["years", "--format", "json", "--rules-dir", dir.to_str().unwrap()]).stdout,
    )
    .unwrap();
    assert_eq!(json["layers"].as_array().unwrap().len(), 1);
    assert_eq!(json["layers"][0]["layer"], serde_json::Value::Null);
    assert_eq!(json["layers"][0]["cells"][1]["extends"], "2023-2024");

    // In English when asked.
    let output = clas_rules(&["--lang", "en", "years", "--rules-dir", dir.to_str().unwrap()]);
    assert!(
        stdout(&output).starts_with("Rulebooks by layer and school year\n"),
        "{}",
        stdout(&output)
    );
}

/// A folder holding a staff case that passes and the same case with a wrong
/// status and a `ps` wrong by a euro: (folder, passing case, failing case).
fn folder_with_a_passing_and_a_failing_case(test: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("clas-rules-case-lines-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let original = std::fs::read_to_string(
        root().join("rules/caf-63/tests/2023-2024/depenses-9000-au-dessus-du-plafond.json"),
    )
    .unwrap();
    let wrong = original
        .replace("\"ps\": \"2563.00\"", "\"ps\": \"2562.00\"")
        .replace("\"statut\": \"eligible\"", "\"statut\": \"ineligible\"");
    assert_ne!(wrong, original);
    let (passing, failing) = (dir.join("a-juste.json"), dir.join("b-faux.json"));
    std::fs::write(&passing, &original).unwrap();
    std::fs::write(&failing, &wrong).unwrap();
    (dir, passing, failing)
}

/// Runs `clas-rules test` on a folder against the repository's rules, with
/// no language from the environment unless `clas_lang` gives one.
fn test_cases(dir: &Path, extra: &[&str], clas_lang: Option<&str>) -> std::process::Output {
    let rules = root().join("rules");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_clas-rules"));
    command
        .args([
            "test",
            dir.to_str().unwrap(),
            "--rules-dir",
            rules.to_str().unwrap(),
        ])
        .args(extra)
        .current_dir(root())
        .env_remove("CLAS_RULES_DIR")
        .env_remove("CLAS_LANG");
    if let Some(lang) = clas_lang {
        command.env("CLAS_LANG", lang);
    }
    command.output().unwrap()
}

/// The lines the VS Code extension reads, as the French run prints them
/// (editors/vscode/src/core/testOutput.ts parses exactly these).
#[test]
fn test_prints_its_french_lines_unchanged() {
    let (dir, passing, failing) = folder_with_a_passing_and_a_failing_case("fr");
    let output = test_cases(&dir, &[], None);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        [
            format!(
                "ok     {} — Dépenses au-dessus du prix plafond : la Ps est plafonnée à 2 563 €.",
                passing.display()
            ),
            format!("ÉCHEC  {}", failing.display()),
            "       statut : attendu « ineligible », obtenu « eligible »".to_string(),
            "       ps : attendu \"2562.00\", obtenu \"2563.00\"".to_string(),
        ]
    );
    assert_eq!(lines[4..6], ["", "Couverture : règles qu'aucun cas ne déclenche"]);
    assert!(
        lines[6].starts_with("  Caf 63, 2023-2024 : 19 sur 20 — "),
        "{text}"
    );
    assert_eq!(lines[7..], ["", "1 réussi(s), 1 échoué(s)"]);
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");

    // `CLAS_LANG=fr` is the same, and `--update` says what it rewrote.
    let updated = test_cases(&dir, &["--update"], Some("fr"));
    let text = stdout(&updated);
    assert_eq!(updated.status.code(), Some(0), "{text}");
    assert!(
        text.contains(&format!(
            "\nMIS À JOUR  {}\n       statut : attendu « ineligible », obtenu « eligible »\n",
            failing.display()
        )),
        "{text}"
    );
    assert!(
        text.ends_with("\n\n1 réussi(s), 0 échoué(s), 1 mis à jour\n"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn test_in_english_prints_english_lines() {
    let (dir, passing, failing) = folder_with_a_passing_and_a_failing_case("en");
    std::fs::write(
        dir.join("c-sans-annee.json"),
        r#"{ "demande": { "caf": "63" }, "attendu": { "statut": "eligible" } }"#,
    )
    .unwrap();
    let output = test_cases(&dir, &["--lang", "en"], None);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..6],
        [
            format!(
                "ok     {} — Dépenses au-dessus du prix plafond : la Ps est plafonnée à 2 563 €.",
                passing.display()
            ),
            format!("FAILED {}", failing.display()),
            "       statut: expected \"ineligible\", got \"eligible\"".to_string(),
            "       ps: expected \"2562.00\", got \"2563.00\"".to_string(),
            format!("FAILED {}", dir.join("c-sans-annee.json").display()),
            "       the application has no `annee_scolaire`".to_string(),
        ]
    );
    assert_eq!(lines[6..8], ["", "Coverage: rules no case triggers"]);
    assert!(lines[8].starts_with("  Caf 63, 2023-2024: 19 of 20 — "), "{text}");
    assert_eq!(lines[9..], ["", "1 passed, 2 failed"]);
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");

    // `CLAS_LANG=en` too, and the cases `--update` rewrote.
    std::fs::remove_file(dir.join("c-sans-annee.json")).unwrap();
    let updated = test_cases(&dir, &["--update"], Some("en"));
    let text = stdout(&updated);
    assert_eq!(updated.status.code(), Some(0), "{text}");
    assert!(
        text.contains(&format!(
            "\nUPDATED {}\n       statut: expected \"ineligible\", got \"eligible\"\n",
            failing.display()
        )),
        "{text}"
    );
    assert!(text.ends_with("\n\n1 passed, 0 failed, 1 updated\n"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
