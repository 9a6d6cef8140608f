//! Whole campaigns through the binary: nothing lost (as many records out as
//! in, bad ones as error records), the same decisions as one at a time, and
//! the same decisions from CSV as from JSON Lines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{clas_rules, root};
use std::path::{Path, PathBuf};
use std::process::Output;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clas-rules-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn generate(count: u64, seed: u64, format: &str, path: &Path) {
    generate_for("2023-2024", count, seed, format, path);
}

fn generate_for(year: &str, count: u64, seed: u64, format: &str, path: &Path) {
    let out = clas_rules(&[
        "gen",
        "--count",
        &count.to_string(),
        "--seed",
        &seed.to_string(),
        "--year",
        year,
        "--format",
        format,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(path, &out.stdout).unwrap();
}

fn decisions(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The JSON decision of `eval` on one application alone, written to `file`
/// (one per test: tests run at once).
fn decided_alone(file: &str, application: &str) -> serde_json::Value {
    let single = temp(file);
    std::fs::write(&single, application).unwrap();
    let alone = clas_rules(&["eval", "--format", "json", single.to_str().unwrap()]);
    serde_json::from_slice(&alone.stdout).unwrap()
}

#[test]
fn every_record_gets_a_decision_in_order_like_one_at_a_time() {
    let file = temp("campagne.jsonl");
    generate(400, 11, "json", &file);
    let out = clas_rules(&["eval", "--batch", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decided = decisions(&out);
    assert_eq!(decided.len(), 400);
    assert!(
        decided
            .iter()
            .enumerate()
            .all(|(i, d)| d["line"] == (i as u64 + 1))
    );
    let statuses: std::collections::BTreeSet<&str> =
        decided.iter().map(|d| d["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses.len(),
        3,
        "a realistic campaign has every status: {statuses:?}"
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("Demandes lues : 400"), "{summary}");

    // The same as `eval` on each application alone.
    let text = std::fs::read_to_string(&file).unwrap();
    for (line, decision) in text.lines().zip(&decided).take(25) {
        let alone = decided_alone("une.json", line);
        assert_eq!(alone["status"], decision["status"]);
        assert_eq!(alone["outputs"], decision["outputs"]);
        let rules = |d: &serde_json::Value| {
            let mut r: Vec<String> = d["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["rule"].as_str().unwrap().to_string())
                .collect();
            r.sort();
            r
        };
        assert_eq!(rules(&alone), rules(decision));
    }
}

#[test]
fn a_campaign_of_two_years_decides_each_record_by_its_year() {
    // Records of 2023-2024 and 2024-2025 interleaved: each is decided by
    // its year's rulebook (each compiled once for the campaign), as `eval`
    // decides it alone.
    let (older, newer) = (temp("annee-1.jsonl"), temp("annee-2.jsonl"));
    generate_for("2023-2024", 30, 5, "json", &older);
    generate_for("2024-2025", 30, 6, "json", &newer);
    let (older, newer) = (
        std::fs::read_to_string(&older).unwrap(),
        std::fs::read_to_string(&newer).unwrap(),
    );
    let mixed: Vec<&str> = older
        .lines()
        .zip(newer.lines())
        .flat_map(|(a, b)| [a, b])
        .collect();
    let file = temp("deux-annees.jsonl");
    std::fs::write(&file, mixed.join("\n")).unwrap();
    let out = clas_rules(&["eval", "--batch", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decided = decisions(&out);
    assert_eq!(decided.len(), 60);
    for (index, (line, decision)) in mixed.iter().zip(&decided).enumerate() {
        let year = if index % 2 == 0 { "2023-2024" } else { "2024-2025" };
        assert_eq!(decision["year"], year);
        let alone = decided_alone("une-annee.json", line);
        assert_eq!(alone["status"], decision["status"], "record {index}");
        assert_eq!(alone["outputs"], decision["outputs"], "record {index}");
    }
}

#[test]
fn csv_gives_the_same_decisions_as_json_lines() {
    let jsonl = temp("aller.jsonl");
    let csv = temp("aller.csv");
    generate(300, 5, "json", &jsonl);
    generate(300, 5, "csv", &csv);
    let from_json = decisions(&clas_rules(&["eval", "--batch", jsonl.to_str().unwrap()]));
    let out = clas_rules(&["eval", "--batch", csv.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_csv = decisions(&out);
    assert_eq!(from_json.len(), from_csv.len());
    for (a, b) in from_json.iter().zip(&from_csv) {
        assert_eq!(
            (&a["status"], &a["outputs"], &a["collectifs"]),
            (&b["status"], &b["outputs"], &b["collectifs"])
        );
    }

    // Decisions as CSV, read back as a spreadsheet would.
    let out = clas_rules(&["eval", "--batch", csv.to_str().unwrap(), "--format", "csv"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut cursor = std::io::Cursor::new(text.as_bytes());
    let mut raw = String::new();
    let header = clas_rules::input::csv::read_record(&mut cursor, b',', &mut raw)
        .unwrap()
        .unwrap();
    let names: Vec<String> = header.iter().map(|c| c.text.clone()).collect();
    assert_eq!(&names[..4], ["ligne", "annee_scolaire", "statut", "ps"]);
    let mut rows = 0;
    while let Some(cells) = clas_rules::input::csv::read_record(&mut cursor, b',', &mut raw).unwrap() {
        assert_eq!(cells.len(), names.len());
        let decision = &from_json[rows];
        assert_eq!(cells[2].text, decision["status"].as_str().unwrap());
        assert_eq!(cells[3].text, decision["outputs"]["ps"].as_str().unwrap());
        rows += 1;
    }
    assert_eq!(rows, 300);
}

#[test]
fn bad_records_become_error_records_and_nothing_is_lost() {
    let good = std::fs::read_to_string(root().join("examples/demande-eligible.json")).unwrap();
    let good: serde_json::Value = serde_json::from_str(&good).unwrap();
    let good = serde_json::to_string(&good).unwrap();
    let wrong_type = good.replace("\"enfants\":10", "\"enfants\":\"douze\"");
    assert_ne!(wrong_type, good);
    let unknown_year = good.replace("2023-2024", "2031-2032");
    let file = temp("mauvais.jsonl");
    std::fs::write(
        &file,
        format!("{good}\n{{\"annee_scolaire\": \n{wrong_type}\n\n{unknown_year}\n{good}\n"),
    )
    .unwrap();
    let out = clas_rules(&["eval", "--batch", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "some records are in error");
    let records = decisions(&out);
    assert_eq!(
        records.len(),
        5,
        "as many records out as in (the blank line is not a record)"
    );
    assert_eq!(records[0]["status"], "eligible");
    assert_eq!(records[1]["line"], 2);
    assert!(records[1]["error"].as_str().unwrap().contains("JSON mal formé"));
    assert_eq!(records[1]["code"], "E0501");
    assert_eq!(records[1]["field"], serde_json::Value::Null);
    assert_eq!(records[2]["line"], 3);
    assert_eq!(
        records[2]["error"],
        "`collectifs[0].enfants` : attendu : un nombre entier (`integer`) ; trouvé : le texte \"douze\"",
        "{}",
        records[2]
    );
    assert_eq!(records[3]["line"], 5);
    assert!(
        records[3]["error"]
            .as_str()
            .unwrap()
            .contains("la Caf 63 n'a pas de fichier de règles pour `2031-2032`")
    );
    assert_eq!(records[3]["code"], "E0511");
    assert_eq!(records[3]["field"], "annee_scolaire");
    assert_eq!(records[4]["line"], 6);
    assert!(String::from_utf8_lossy(&out.stderr).contains("en erreur (non décidées) : 3"));
}

/// An error record says its code and its field, in JSON Lines and in CSV,
/// in French by default and in English when asked.
#[test]
fn an_error_record_has_its_code_and_its_field_in_json_and_csv() {
    let good = std::fs::read_to_string(root().join("examples/demande-eligible.json")).unwrap();
    let good: serde_json::Value = serde_json::from_str(&good).unwrap();
    let good = serde_json::to_string(&good).unwrap();
    let wrong_type = good.replace("\"enfants\":10", "\"enfants\":\"douze\"");
    let file = temp("code-et-champ.jsonl");
    std::fs::write(&file, format!("{wrong_type}\n[]\n")).unwrap();
    let out = clas_rules(&["eval", "--batch", file.to_str().unwrap()]);
    let records = decisions(&out);
    assert_eq!(records[0]["code"], "E0507");
    assert_eq!(records[0]["field"], "collectifs[0].enfants");
    assert_eq!(records[1]["code"], "E0503");
    assert_eq!(records[1]["field"], serde_json::Value::Null);
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("attendu : la demande"),
        "{}",
        records[1]
    );
    let english = clas_rules(&["eval", "--lang", "en", "--batch", file.to_str().unwrap()]);
    let records = decisions(&english);
    assert_eq!(
        records[0]["error"],
        "`collectifs[0].enfants`: expected a whole number (`integer`), found the text \"douze\""
    );
    assert_eq!(records[0]["code"], "E0507");
    assert!(String::from_utf8_lossy(&english.stderr).contains("in error (not decided): 2"));

    let out = clas_rules(&["eval", "--batch", file.to_str().unwrap(), "--format", "csv"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut cursor = std::io::Cursor::new(text.as_bytes());
    let mut raw = String::new();
    let header: Vec<String> = clas_rules::input::csv::read_record(&mut cursor, b',', &mut raw)
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(
        header[header.len() - 3..],
        ["code_erreur", "champ_erreur", "erreur"]
    );
    let row: Vec<String> = clas_rules::input::csv::read_record(&mut cursor, b',', &mut raw)
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(row.len(), header.len());
    assert_eq!(row[0], "1");
    assert_eq!(row[header.len() - 3], "E0507");
    assert_eq!(row[header.len() - 2], "collectifs[0].enfants");
    assert!(
        row[header.len() - 1].starts_with("`collectifs[0].enfants` : attendu"),
        "{row:?}"
    );
    let row: Vec<String> = clas_rules::input::csv::read_record(&mut cursor, b',', &mut raw)
        .unwrap()
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(row[header.len() - 3], "E0503");
    assert_eq!(row[header.len() - 2], "");
}

#[test]
fn a_csv_header_that_does_not_fit_is_refused_with_the_column() {
    let file = temp("entete.csv");
    let columns = clas_rules::input::csv::columns(&load_2023(), 1)
        .join(",")
        .replace("niveau", "niveaux");
    std::fs::write(&file, format!("{columns}\n")).unwrap();
    let out = clas_rules(&["eval", "--batch", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("colonne inconnue `niveaux` (vouliez-vous dire `niveau` ?)"),
        "{stderr}"
    );
    assert!(stderr.contains("colonne manquante `niveau`"), "{stderr}");
    assert!(stderr.contains("erreur[E0512] : "), "{stderr}");
}

fn load_2023() -> clas_rules::program::Program {
    let source = clas_rules::rulebook::RulesSource::Dir(root().join("rules"));
    let found = clas_rules::rulebook::for_year(&source, "2023-2024").unwrap();
    clas_rules::rulebook::load(&source, found)
        .unwrap()
        .program
        .unwrap()
}

#[test]
fn the_json_schema_follows_the_input_declaration() {
    let out = clas_rules(&["schema", "--year", "2024-2025"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let collectif = &schema["properties"]["collectifs"]["items"];
    assert!(
        collectif["required"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("adultes_encadrants"))
    );
    assert_eq!(
        schema["properties"]["niveau"]["enum"],
        serde_json::json!(["elementaire", "college", "lycee"])
    );
    assert_eq!(schema["additionalProperties"], false);
    assert!(
        schema["properties"]["porteur"]["properties"]
            .get("collectifs_conventionnes_2022_2023")
            .is_none()
    );
}
