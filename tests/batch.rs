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
#[path = "report/two_cafs.rs"]
mod two_cafs;
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

/// The Caf each generated application is given in turn in a national
/// campaign: 63, 15, none (the default Caf, 63), 15.
const CAFS_IN_TURN: [Option<&str>; 4] = [Some("63"), Some("15"), None, Some("15")];

/// A JSON line addressed to a Caf (its `caf` member first), or as it is.
fn addressed(line: &str, caf: Option<&str>) -> String {
    match caf {
        Some(caf) => format!("{{\"caf\":\"{caf}\",{}", line.strip_prefix('{').unwrap()),
        None => line.to_string(),
    }
}

/// A national campaign: `count` applications of 2023-2024 and `count` of
/// 2024-2025, interleaved, given the Cafs of [`CAFS_IN_TURN`], then the
/// first again addressed to Caf 99, which the folder does not have.
fn national_campaign(count: u64, name: &str) -> Vec<String> {
    let (older, newer) = (temp(&format!("{name}-1.jsonl")), temp(&format!("{name}-2.jsonl")));
    generate_for("2023-2024", count, 21, "json", &older);
    generate_for("2024-2025", count, 22, "json", &newer);
    let (older, newer) = (
        std::fs::read_to_string(&older).unwrap(),
        std::fs::read_to_string(&newer).unwrap(),
    );
    let mut lines: Vec<String> = older
        .lines()
        .zip(newer.lines())
        .flat_map(|(a, b)| [a, b])
        .enumerate()
        .map(|(i, line)| addressed(line, CAFS_IN_TURN[i % CAFS_IN_TURN.len()]))
        .collect();
    lines.push(addressed(older.lines().next().unwrap(), Some("99")));
    lines
}

/// `eval --rules-dir DIR` on one application alone.
fn decided_alone_in(dir: &Path, file: &str, application: &str) -> serde_json::Value {
    let single = temp(file);
    std::fs::write(&single, application).unwrap();
    let alone = clas_rules(&[
        "eval",
        "--rules-dir",
        dir.to_str().unwrap(),
        "--format",
        "json",
        single.to_str().unwrap(),
    ]);
    serde_json::from_slice(&alone.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&alone.stderr)))
}

#[test]
fn a_national_campaign_decides_each_record_by_the_rulebook_of_its_caf_and_year() {
    let dir = two_cafs::rules_of_two_cafs(&temp("national"));
    let lines = national_campaign(12, "national");
    let file = temp("national.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = clas_rules(&[
        "eval",
        "--rules-dir",
        dir.to_str().unwrap(),
        "--batch",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "one record is in error");
    let decided = decisions(&out);
    assert_eq!(decided.len(), 25);
    // The last names a Caf the folder does not have.
    let last = &decided[24];
    assert_eq!(last["code"], "E0514");
    assert_eq!(last["field"], "caf");
    assert_eq!(
        last["error"],
        "`caf` : la Caf « 99 » est inconnue ; les Caf connues sont 15, 63"
    );
    // Every other is decided as `eval` decides it alone, by its year's rulebook.
    let mut differs_from_63 = 0;
    for (index, (line, decision)) in lines.iter().zip(&decided).take(24).enumerate() {
        let year = if index % 2 == 0 { "2023-2024" } else { "2024-2025" };
        assert_eq!(decision["year"], year, "record {index}");
        let alone = decided_alone_in(&dir, "une-caf.json", line);
        assert_eq!(alone["status"], decision["status"], "record {index}");
        assert_eq!(alone["outputs"], decision["outputs"], "record {index}");
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
        assert_eq!(rules(&alone), rules(decision), "record {index}");
        // Alone, the decision says whose rulebook decided.
        let caf = CAFS_IN_TURN[index % 4].unwrap_or("63");
        assert_eq!(alone["rulebook"]["caf"], caf, "record {index}");
        assert_eq!(alone["rulebook"]["year"], year, "record {index}");
        if CAFS_IN_TURN[index % 4] == Some("15") {
            let as_63 = line.replacen("\"caf\":\"15\"", "\"caf\":\"63\"", 1);
            let under_63 = decided_alone_in(&dir, "une-caf-63.json", &as_63);
            if (&under_63["status"], &under_63["outputs"]) != (&decision["status"], &decision["outputs"]) {
                differs_from_63 += 1;
            }
        }
    }
    // Caf 15 is not decided by Caf 63's rulebook.
    assert!(differs_from_63 > 0, "Caf 15's records are decided as Caf 63's");
}

/// A campaign guesses each line's Caf from its bytes before decoding it:
/// wherever the `caf` member is, however it is written, and whatever else
/// in the line reads `"caf"`, each line is decided by its Caf's rulebook,
/// as the same line with its `caf` member first, and by the fast reader.
#[test]
fn a_campaign_finds_the_caf_of_each_line_however_it_is_written() {
    let dir = two_cafs::rules_of_two_cafs(&temp("caf-forms"));
    let older = temp("caf-forms.jsonl");
    generate_for("2023-2024", 6, 31, "json", &older);
    let older = std::fs::read_to_string(&older).unwrap();
    let mut canonical = Vec::new();
    let mut written = Vec::new();
    for (i, line) in older.lines().enumerate() {
        let caf = if i % 2 == 0 { "15" } else { "63" };
        let rest = line.strip_prefix('{').unwrap();
        let body = line.strip_suffix('}').unwrap();
        // The carrier is named `caf`: a text the quick guess meets first.
        let (before, after) = line.split_once("\"porteur\":{\"nom\":\"").unwrap();
        let after = after.split_once('"').unwrap().1;
        let carrier = format!("{before}\"porteur\":{{\"nom\":\"caf\"{after}");
        let forms = [
            (line, format!("{body},\"caf\":\"{caf}\"}}")),
            (line, format!("{{ \"caf\" :  \"{caf}\" , {rest}")),
            (line, format!("{{\"caf\":\"{}\",{rest}", escaped(caf))),
            (
                &carrier,
                format!("{}, \"caf\": \"{caf}\"}}", carrier.strip_suffix('}').unwrap()),
            ),
        ];
        for (plain, form) in forms {
            canonical.push(addressed(plain, Some(caf)));
            written.push(form);
        }
    }
    let run = |lines: &[String], name: &str| {
        let file = temp(name);
        std::fs::write(&file, lines.join("\n")).unwrap();
        let summary = temp(&format!("{name}.summary.json"));
        let out = clas_rules(&[
            "eval",
            "--rules-dir",
            dir.to_str().unwrap(),
            "--batch",
            file.to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ]);
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
        (decisions(&out), summary)
    };
    let (expected, _) = run(&canonical, "caf-forms-canonical.jsonl");
    let (decided, summary) = run(&written, "caf-forms-written.jsonl");
    assert_eq!(decided.len(), written.len());
    for (n, (got, want)) in decided.iter().zip(&expected).enumerate() {
        assert_eq!(got["status"], want["status"], "line {n}: {}", written[n]);
        assert_eq!(got["outputs"], want["outputs"], "line {n}: {}", written[n]);
        assert_eq!(got["rulebook"], want["rulebook"], "line {n}: {}", written[n]);
    }
    // The carrier's name is not a member `caf`: the lines that have it decide as the others.
    assert!(written.iter().any(|l| l.contains("\"nom\":\"caf\"")));
    assert_eq!(summary["precise_reader"], 0, "{summary}");
}

/// `caf` with every character escaped as `\\u00XX`.
fn escaped(caf: &str) -> String {
    caf.chars().map(|c| format!("\\u{:04x}", c as u32)).collect()
}

/// The summary of a national campaign, with the whole first and then each
/// Caf (and the records of an unknown Caf), its parts adding up to the whole.
#[test]
fn the_summary_of_a_national_campaign_gives_each_caf() {
    let dir = two_cafs::rules_of_two_cafs(&temp("resume"));
    let lines = national_campaign(4, "resume");
    let file = temp("resume.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let summary_file = temp("resume.json");
    let out = clas_rules(&[
        "eval",
        "--rules-dir",
        dir.to_str().unwrap(),
        "--batch",
        file.to_str().unwrap(),
        "--summary",
        summary_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Without its last line, the time it took.
    let (summary, timing) = stderr.trim_end().rsplit_once('\n').unwrap();
    assert!(timing.ends_with(" s)"), "{timing}");
    let described: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| format!("line {}: {line}", i + 1))
        .collect();
    insta::with_settings!({
        description => format!(
            "rules: rules/national, rules/caf-63 and tests/report/caf-15 (default Caf 63); the campaign:\n{}",
            described.join("\n")
        ),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(summary);
    });

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary_file).unwrap()).unwrap();
    let parts = json["by_caf"].as_array().unwrap();
    let cafs: Vec<&serde_json::Value> = parts.iter().map(|p| &p["caf"]).collect();
    assert_eq!(
        cafs,
        [
            &serde_json::json!("15"),
            &serde_json::json!("63"),
            &serde_json::Value::Null
        ]
    );
    let sum = |key: &str| parts.iter().map(|p| p[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("records"), json["records"].as_u64().unwrap());
    assert_eq!(sum("errors"), json["errors"].as_u64().unwrap());
    assert_eq!(json["records"], 9);
    // Caf 15: lines 2, 4, 6, 8; Caf 63: lines 1 and 5 name it, 3 and 7 name none.
    assert_eq!(parts[0]["records"], 4);
    assert_eq!(parts[1]["records"], 4);
    assert_eq!(parts[2]["records"], 1);
    assert_eq!(parts[2]["errors"], 1);
    for (status, count) in json["statuses"].as_object().unwrap() {
        let of_parts: u64 = parts
            .iter()
            .map(|p| p["statuses"].get(status).and_then(|n| n.as_u64()).unwrap_or(0))
            .sum();
        assert_eq!(of_parts, count.as_u64().unwrap(), "{status}");
    }
    let money = |v: &serde_json::Value| v.as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap();
    for (name, total) in json["totals"].as_object().unwrap() {
        let of_parts: rust_decimal::Decimal = parts
            .iter()
            .filter_map(|p| p["totals"].get(name))
            .map(money)
            .sum();
        assert_eq!(of_parts, money(total), "{name}");
    }
}

#[test]
fn a_campaign_of_one_caf_has_a_summary_as_before() {
    let file = temp("une-caf.jsonl");
    generate(20, 3, "json", &file);
    let summary_file = temp("une-caf.json");
    let out = clas_rules(&[
        "eval",
        "--batch",
        file.to_str().unwrap(),
        "--summary",
        summary_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("Demandes lues : 20\n"), "{stderr}");
    assert!(!stderr.contains("Caf"), "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary_file).unwrap()).unwrap();
    // The JSON always has its parts: here one, the whole.
    let parts = json["by_caf"].as_array().unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0]["caf"], "63");
    assert_eq!(parts[0]["totals"], json["totals"]);
}

#[test]
fn a_csv_campaign_with_a_caf_column_decides_each_row_by_its_caf() {
    let dir = two_cafs::rules_of_two_cafs(&temp("csv-caf"));
    let (csv, jsonl) = (temp("caf.csv"), temp("caf.jsonl"));
    generate(16, 23, "csv", &csv);
    generate(16, 23, "json", &jsonl);
    let caf_of = |i: usize| CAFS_IN_TURN[i % CAFS_IN_TURN.len()];
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut rows = text.lines();
    let mut with_caf = vec![format!("caf,{}", rows.next().unwrap())];
    with_caf.extend(
        rows.enumerate()
            .map(|(i, row)| format!("{},{row}", caf_of(i).unwrap_or(""))),
    );
    std::fs::write(&csv, with_caf.join("\n")).unwrap();
    let lines: Vec<String> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, line)| addressed(line, caf_of(i)))
        .collect();
    std::fs::write(&jsonl, lines.join("\n")).unwrap();
    let run = |file: &Path| {
        let out = clas_rules(&[
            "eval",
            "--rules-dir",
            dir.to_str().unwrap(),
            "--batch",
            file.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (decisions(&out), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (from_csv, summary) = run(&csv);
    let (from_json, _) = run(&jsonl);
    assert_eq!(from_csv.len(), 16);
    for (index, (a, b)) in from_json.iter().zip(&from_csv).enumerate() {
        assert_eq!(
            (&a["status"], &a["outputs"], &a["collectifs"]),
            (&b["status"], &b["outputs"], &b["collectifs"]),
            "row {index}"
        );
    }
    assert!(summary.contains("\nCaf 15\n  Demandes lues : 8\n"), "{summary}");
    assert!(summary.contains("\nCaf 63\n  Demandes lues : 8\n"), "{summary}");
}

#[test]
fn a_csv_saved_by_a_spreadsheet_on_windows_is_read_as_windows_1252() {
    // The generated CSV, semicolon-separated, more names accented, then
    // written as Windows-1252.
    let utf8 = temp("tableur-utf8.csv");
    generate(40, 9, "csv", &utf8);
    let text = std::fs::read_to_string(&utf8)
        .unwrap()
        .replace(',', ";")
        .replace("Les Puys", "Les Puys d'Auvergne-Rhône")
        .replace("Artense", "Artense Énergie");
    assert!(text.contains('ô') && text.contains('É'));
    let windows: Vec<u8> = text
        .chars()
        .map(|c| match u32::from(c) {
            // ASCII, and Latin-1's letters, which Windows-1252 writes as their code point.
            code @ (0..0x80 | 0xA0..=0xFF) => code as u8,
            _ => panic!("no Windows-1252 byte written for {c}"),
        })
        .collect();
    let windows_file = temp("tableur-windows.csv");
    std::fs::write(&windows_file, &windows).unwrap();
    std::fs::write(&utf8, &text).unwrap();
    let summary = temp("tableur-bilan.json");
    let run = |file: &Path, summary: Option<&Path>| {
        let mut args = vec![
            "eval",
            "--batch",
            file.to_str().unwrap(),
            "--input-format",
            "csv-semicolon",
        ];
        if let Some(summary) = summary {
            args.extend(["--summary", summary.to_str().unwrap()]);
        }
        clas_rules(&args)
    };
    let from_utf8 = run(&utf8, None);
    let from_windows = run(&windows_file, Some(&summary));
    assert_eq!(from_windows.status.code(), from_utf8.status.code());
    // The same decisions, the names read right.
    assert_eq!(
        String::from_utf8_lossy(&from_windows.stdout),
        String::from_utf8_lossy(&from_utf8.stdout)
    );
    let decided = String::from_utf8_lossy(&from_windows.stdout);
    assert!(
        decided.contains("Les Puys d'Auvergne-Rhône") || decided.contains("Artense Énergie"),
        "{decided}"
    );
    // Said in the summary: how many lines were read that way.
    let accented = text.lines().filter(|l| !l.is_ascii()).count() as u64;
    assert!(accented > 0);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(json["windows_1252_lines"], accented);
    let stderr = String::from_utf8_lossy(&from_windows.stderr);
    assert!(
        stderr.contains(&format!(
            "lignes lues en Windows-1252, l'encodage des tableurs sous Windows (et non en UTF-8) : {accented}"
        )),
        "{stderr}"
    );
}

#[test]
fn a_csv_written_the_way_french_spreadsheets_write_it_decides_the_same() {
    // The generated CSV again, each cell as a French spreadsheet writes it:
    // semicolons, decimal commas, thousands after a no-break space, dates
    // day first, VRAI and FAUX.
    let plain = temp("tableur-fr-simple.csv");
    generate(60, 12, "csv", &plain);
    let text = std::fs::read_to_string(&plain).unwrap();
    let mut cursor = std::io::Cursor::new(text.as_bytes());
    let mut raw = String::new();
    let mut french = String::new();
    let mut changed = 0;
    while let Some(cells) = clas_rules::input::csv::read_record(&mut cursor, b',', &mut raw).unwrap() {
        let row: Vec<String> = cells
            .iter()
            .map(|cell| {
                let t = cell.text.as_str();
                let bytes = t.as_bytes();
                let written = if t.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
                    format!("{}/{}/{}", &t[8..10], &t[5..7], &t[..4])
                } else if let Some((whole, cents)) = t.split_once('.')
                    && !whole.is_empty()
                    && whole.bytes().chain(cents.bytes()).all(|b| b.is_ascii_digit())
                {
                    let grouped = if whole.len() > 3 {
                        format!("{}\u{a0}{}", &whole[..whole.len() - 3], &whole[whole.len() - 3..])
                    } else {
                        whole.to_string()
                    };
                    format!("{grouped},{cents}")
                } else {
                    match t {
                        "true" => "VRAI".to_string(),
                        "false" => "FAUX".to_string(),
                        other => other.to_string(),
                    }
                };
                changed += usize::from(written != t);
                clas_rules::input::csv::quote(&written, ';')
            })
            .collect();
        french.push_str(&row.join(";"));
        french.push('\n');
    }
    assert!(changed > 500, "{changed} cells rewritten");
    let french_file = temp("tableur-fr.csv");
    std::fs::write(&french_file, &french).unwrap();
    let from_plain = clas_rules(&["eval", "--batch", plain.to_str().unwrap()]);
    let from_french = clas_rules(&[
        "eval",
        "--batch",
        french_file.to_str().unwrap(),
        "--input-format",
        "csv-semicolon",
    ]);
    assert_eq!(
        from_french.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&from_french.stderr)
    );
    assert_eq!(decisions(&from_french), decisions(&from_plain));
}

#[test]
fn decisions_for_a_french_spreadsheet_are_the_csv_ones_in_its_dialect() {
    let input = temp("vers-tableur.csv");
    generate(80, 13, "csv", &input);
    let run = |format: &str| {
        let out = clas_rules(&["eval", "--batch", input.to_str().unwrap(), "--format", format]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let rows = |text: &str, separator: u8| {
        let mut cursor = std::io::Cursor::new(text.as_bytes());
        let mut raw = String::new();
        let mut rows = Vec::new();
        while let Some(cells) = clas_rules::input::csv::read_record(&mut cursor, separator, &mut raw).unwrap()
        {
            rows.push(cells.into_iter().map(|c| c.text).collect::<Vec<_>>());
        }
        rows
    };
    let plain = rows(&run("csv"), b',');
    let french_text = run("csv-semicolon");
    // The byte order mark that makes a spreadsheet read UTF-8, then the same header.
    let french_text = french_text.strip_prefix('\u{feff}').expect("a byte order mark");
    let french = rows(french_text, b';');
    assert_eq!(french.len(), plain.len());
    assert_eq!(french[0], plain[0]);
    let mut commas = 0;
    for (f, p) in french.iter().zip(&plain).skip(1) {
        assert_eq!(f.len(), p.len());
        for (a, b) in f.iter().zip(p) {
            let back = match a.as_str() {
                "VRAI" => "true".to_string(),
                "FAUX" => "false".to_string(),
                other if other.bytes().all(|c| c.is_ascii_digit() || c == b',') => other.replace(',', "."),
                other => other.to_string(),
            };
            commas += usize::from(a.contains(','));
            assert_eq!(&back, b, "{a}");
        }
    }
    assert!(commas > 80, "{commas} decimal commas");
}
