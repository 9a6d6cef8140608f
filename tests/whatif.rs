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

// ------------------------------------------------------------------ two Cafs

/// The folder of the Caf comparison: `rules/` (a national layer and two
/// small Caf layers for 2023-2024, invented figures) and `applications/`.
fn cafs_dir() -> PathBuf {
    root().join("tests/whatif/cafs")
}

fn caf_diff(extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "diff",
        "--rules-dir",
        "rules",
        "--year",
        "2023-2024",
        "--caf-from",
        "63",
        "--caf-to",
        "15",
    ];
    args.extend(extra);
    run(&args, &cafs_dir())
}

/// Each application's total under each Caf, computed by hand.
///
/// National: Ps = 32,5 % of the spending of each collectif retained (at least
/// `effectif_minimum` children), rounded to the euro; bonus 305 € per
/// collectif retained when proposed; rural majoration. Caf 63: minimum 8
/// children, majoration 150 €. Caf 15: minimum 5 children, majoration 300 €,
/// at most 3 collectifs.
///
/// - collectif-de-5-enfants (9 children 4 000 €, 5 children 3 000 €, bonus):
///   Caf 63 keeps one: 1 300 + 305 = 1 605; Caf 15 both: 1 300 + 975 + 610 = 2 885.
/// - porteur-rural (8 children, 2 000 €, rural): 650 + 150 = 800; 650 + 300 = 950.
/// - quatre-collectifs (4 × 10 children, 2 000 €): 4 × 650 = 2 600; Caf 15
///   refuses (4 > 3): 0.
/// - un-collectif-sans-bonus (10 children, 7 000 €): 2 275 under both.
///
/// Budget: 7 280 € under Caf 63, 6 110 € under Caf 15 (−1 170 €).
const CAF_EXPECTED: &[(&str, &str, &str)] = &[
    ("applications/collectif-de-5-enfants.json", "1605.00", "2885.00"),
    ("applications/porteur-rural.json", "800.00", "950.00"),
    ("applications/quatre-collectifs.json", "2600.00", "0.00"),
    ("applications/un-collectif-sans-bonus.json", "2275.00", "2275.00"),
];

/// The texts of a folder's files, each under its name, for a snapshot.
fn files_shown(dir: &Path) -> String {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
        .iter()
        .map(|f| {
            format!(
                "── {} ──\n{}",
                f.strip_prefix(dir).unwrap().display(),
                std::fs::read_to_string(f).unwrap().trim_end()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn two_cafs_compared_on_the_same_applications() {
    let output = caf_diff(&["applications"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    let json: Value =
        serde_json::from_slice(&caf_diff(&["--format", "json", "applications"]).stdout).unwrap();
    assert_eq!(json["compare"], "cafs");
    assert_eq!(json["year"], "2023-2024");
    assert_eq!(json["from_caf"], "63");
    assert_eq!(json["to_caf"], "15");
    assert_eq!(json["rulebooks"]["from"]["caf"], "63");
    assert_eq!(json["rulebooks"]["to"]["caf"], "15");
    // Each application under each Caf, as computed by hand.
    let applications = json["applications"].as_array().unwrap();
    assert_eq!(applications.len(), CAF_EXPECTED.len());
    for (name, under_63, under_15) in CAF_EXPECTED {
        let application = applications.iter().find(|a| a["name"] == *name).unwrap();
        assert_eq!(application["from"]["outputs"]["total"], *under_63, "{name}");
        assert_eq!(application["to"]["outputs"]["total"], *under_15, "{name}");
    }
    let total = json["budget"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["output"] == "total")
        .unwrap();
    assert_eq!(total["from"], "7280.00");
    assert_eq!(total["to"], "6110.00");
    assert_eq!(total["difference"], "-1170.00");
    // The parameters and rules that differ, one Caf's only or not.
    let change_of = |list: &str, name: &str| {
        json[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["change"].as_str().unwrap().to_string())
    };
    assert_eq!(
        change_of("parameters", "majoration_rurale").as_deref(),
        Some("value")
    );
    assert_eq!(
        change_of("parameters", "collectifs_maximum").as_deref(),
        Some("only_to")
    );
    assert_eq!(change_of("parameters", "taux_ps"), None);
    assert_eq!(
        change_of("rules", "au_plus_trois_collectifs").as_deref(),
        Some("only_to")
    );
    assert_eq!(
        change_of("rules", "bonus_a_justifier").as_deref(),
        Some("only_from")
    );
    // A national rule both Cafs share is not a rule that differs, though its
    // message names a value that does.
    assert_eq!(change_of("rules", "effectif_du_collectif"), None);
    // The application's own `caf` does not choose the rulebook: the rural
    // one, addressed to Caf 15, is decided with Caf 63's rules too.
    assert!(
        text.contains(
            "la Caf que nomme la demande (« caf ») n'est pas suivie : chaque demande est décidée \
             avec les règles de la Caf 63 puis avec celles de la Caf 15 (2 demandes en nomment une)"
        ),
        "{text}"
    );
    assert!(!text.contains("nouveau"), "{text}");
    assert!(!text.contains("supprimé"), "{text}");
    let mut outcome = json_outcome(&json);
    outcome.as_object_mut().unwrap().shift_remove("applications");
    insta::assert_snapshot!(format!(
        "{}\n── clas-rules diff --rules-dir rules --year 2023-2024 --caf-from 63 --caf-to 15 applications ──\n{text}\
         ── --format json (without the applications) ──\n{}\n",
        files_shown(&cafs_dir()),
        serde_json::to_string_pretty(&outcome).unwrap()
    ));
}

#[test]
fn two_cafs_rules_compared() {
    let output = caf_diff(&["--rules"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with("Différences entre les règles de la Caf 63 et de la Caf 15 en 2023-2024\n"),
        "{text}"
    );
    assert!(text.contains("  ~ majoration_rurale : 150 € → 300 €\n"), "{text}");
    assert!(
        text.contains("  + collectifs_maximum (Caf 15 seulement : 3)\n"),
        "{text}"
    );
    assert!(
        text.contains("  − bonus_a_justifier (Caf 63 seulement : rule bonus_a_justifier:"),
        "{text}"
    );
    let json: Value = serde_json::from_slice(&caf_diff(&["--rules", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["compare"], "cafs");
    assert_eq!(json["from_caf"], "63");
    assert!(
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "au_plus_trois_collectifs" && c["from"].is_null())
    );
}

#[test]
fn two_cafs_on_a_page() {
    let output = caf_diff(&["--format", "html", "applications"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    for part in [
        "<h1>Comparaison Caf 63 → Caf 15 en 2023-2024 sur 4 demandes</h1>",
        "<th scope=\"col\">Caf</th>",
        "<th scope=\"row\">Caf 63</th>",
        "<h2>Ce qui diffère entre les deux Cafs</h2>",
        "<h3>Paramètres qui diffèrent</h3>",
        "<li>+ au_plus_trois_collectifs : Caf 15 seulement</li>",
        "<h2>Le budget sous chaque Caf</h2>",
        "<th scope=\"col\" class=\"num\">Caf 15</th>",
        "<title id=\"budget-title\">Budget Caf 63 et Caf 15 en 2023-2024, par résultat</title>",
        "Total accordé : 7\u{202f}280,00 € pour la Caf 63, 6\u{202f}110,00 € pour la Caf 15",
        "Les demandes dont le statut change d&#39;une Caf à l&#39;autre (1)",
        "valeur différente `majoration_rurale` : 150 € → 300 €",
    ] {
        assert!(page.contains(part), "{part}\n{page}");
    }
    assert!(!page.contains("deux années"), "{page}");
}

#[test]
fn a_caf_comparison_needs_known_cafs_and_one_year() {
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--year",
            "2023-2024",
            "--caf-from",
            "63",
            "--caf-to",
            "99",
            "applications",
        ],
        &cafs_dir(),
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("la Caf « 99 » est inconnue"), "{stderr}");
    // A year comparison and a Caf comparison do not mix.
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--from",
            "2023-2024",
            "--year",
            "2023-2024",
            "--caf-from",
            "63",
            "--caf-to",
            "15",
        ],
        &cafs_dir(),
    );
    assert_eq!(output.status.code(), Some(2));
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--year",
            "2023-2024",
            "--caf-from",
            "63",
        ],
        &cafs_dir(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--caf-to"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `--caf` chooses the Caf of a year comparison; the text is the year
/// comparison's, with one line more that names the Caf.
#[test]
fn a_year_comparison_for_a_caf_named() {
    let args = [
        "diff",
        "--from",
        "2023-2024",
        "--to",
        "2024-2025",
        "tests/cases/2023-2024",
    ];
    let plain = stdout(&clas_rules(&args));
    let mut with_caf = args.to_vec();
    with_caf.extend(["--caf", "63"]);
    let named = stdout(&clas_rules(&with_caf));
    let mut lines: Vec<&str> = named.lines().collect();
    assert_eq!(lines.remove(2), "Règles de la Caf 63.", "{named}");
    assert_eq!(lines, plain.lines().collect::<Vec<_>>());
    with_caf.extend(["--format", "json"]);
    let json: Value = serde_json::from_slice(&clas_rules(&with_caf).stdout).unwrap();
    assert_eq!(json["rulebooks"]["from"]["caf"], "63");
    assert_eq!(json["from"], "2023-2024");

    // Under Caf 15 of the Caf folder, one year against itself: nothing
    // changes, and the application addressed to Caf 63 is said to be read
    // with Caf 15's rules.
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--from",
            "2023-2024",
            "--to",
            "2023-2024",
            "--caf",
            "15",
            "applications",
        ],
        &cafs_dir(),
    );
    let text = stdout(&output);
    assert!(text.contains("\nRègles de la Caf 15.\n"), "{text}");
    assert!(
        text.contains(
            "1 demande nomme la Caf 63 : elle est lue avec les règles de la Caf 15, celles que l'on compare"
        ),
        "{text}"
    );
    // Thousands are set apart by a narrow no-break space.
    assert!(
        text.contains("  Total accordé               6\u{202f}110,00 €  6\u{202f}110,00 €"),
        "{text}"
    );
}

/// A Caf against itself: nothing differs, and it is said so.
#[test]
fn a_caf_against_itself_differs_in_nothing() {
    let output = run(
        &[
            "diff",
            "--rules-dir",
            "rules",
            "--year",
            "2023-2024",
            "--caf-from",
            "15",
            "--caf-to",
            "15",
            "applications",
        ],
        &cafs_dir(),
    );
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "Comparaison Caf 15 → Caf 15 en 2023-2024 sur 4 demandes\n\
             aucune demande ne change ; 4 inchangées.\n\n\
             Paramètres qui diffèrent\n  aucun\n\n\
             Règles qui diffèrent\n  aucune\n"
        ),
        "{text}"
    );
}
