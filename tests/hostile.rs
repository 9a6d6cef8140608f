//! Hostile inputs that cannot be committed as fixture files, built at test
//! time and given to the binary as staff would: bytes that are not UTF-8,
//! a line of 100 MB, 100 000 nested `[`, and broken CSV. Every run must end
//! with a clear error (or a decision), quickly, without printing megabytes,
//! and a campaign must lose no record: as many records out as in, each bad
//! one an error record naming its line (and its field when it has one).
//! The committed fixtures of `tests/input-errors/` are also replayed here as
//! one JSON Lines campaign.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{clas_rules, root};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("clas-rules-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The valid application every fixture of `tests/input-errors/` starts from.
fn base_application() -> String {
    let text = std::fs::read_to_string(root().join("tests/input-errors/enfants-negatif.json")).unwrap();
    let fixed = text.replace("\"enfants\": -3", "\"enfants\": 9");
    assert_ne!(fixed, text);
    fixed
}

/// The application on one line (JSON allows a space wherever a line break is).
fn one_line(text: &str) -> String {
    text.trim_end().replace(['\n', '\r'], " ")
}

/// What a run gave, with its wall time and the largest resident memory seen.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    peak_rss_kb: u64,
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the binary at the repository's root, sampling its peak memory.
fn run_measured(args: &[&str]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clas-rules"))
        .args(args)
        .current_dir(root())
        .env_remove("CLAS_RULES_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        out_pipe.read_to_end(&mut s).unwrap();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        err_pipe.read_to_end(&mut s).unwrap();
        s
    });
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = rss_kb(pid) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the run takes more than two minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
        elapsed: start.elapsed(),
        peak_rss_kb: peak,
    }
}

/// The records a campaign wrote (JSON Lines).
fn records(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn batch(path: &Path) -> Run {
    run_measured(&["eval", "--batch", path.to_str().unwrap()])
}

// ------------------------------------------------------------ not UTF-8

#[test]
fn a_file_that_is_not_utf8_names_the_line_and_column() {
    // "Société" written in Latin-1, on line 7.
    let text = base_application();
    let mut bytes = text.as_bytes().to_vec();
    let at = text.find("Centre social de la Tour").unwrap();
    bytes.splice(at..at + "Centre".len(), b"Soci\xe9t\xe9".iter().copied());
    let path = temp("latin1.json");
    std::fs::write(&path, &bytes).unwrap();
    let out = clas_rules(&["eval", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("erreur[E0513] : ")
            && stderr.contains("ce n'est pas du texte UTF-8 : octet invalide 0xE9 ligne 7, colonne 17"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no decision is printed");
}

#[test]
fn a_jsonl_line_that_is_not_utf8_is_one_error_record_and_the_others_are_decided() {
    let good = one_line(&base_application());
    let mut bytes = Vec::new();
    bytes.extend_from_slice(good.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(good.replace("Centre social", "Soci\u{e9}t\u{e9}").as_bytes());
    // Break the second line: é as a lone Latin-1 byte.
    let second_start = good.len() + 1;
    let e_acute = bytes[second_start..].iter().position(|b| *b == 0xC3).unwrap() + second_start;
    bytes.splice(e_acute..e_acute + 2, [0xE9u8]);
    bytes.push(b'\n');
    bytes.extend_from_slice(b"\xff\xfe\xfd\n");
    bytes.extend_from_slice(good.as_bytes());
    bytes.push(b'\n');
    let path = temp("latin1.jsonl");
    std::fs::write(&path, &bytes).unwrap();
    let run = batch(&path);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let out = records(&run.stdout);
    assert_eq!(out.len(), 4, "as many records out as in: {}", run.stdout);
    let lines: Vec<u64> = out.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 2, 3, 4]);
    assert_eq!(out[0]["status"], "eligible");
    let column = good.find("Centre social").unwrap() + "Soci".len() + 1;
    assert_eq!(
        out[1]["error"],
        format!(
            "ce n'est pas du texte UTF-8 : octet invalide 0xE9 colonne {column} \
             (enregistrez le fichier en UTF-8)"
        )
    );
    assert_eq!(out[1]["code"], "E0513");
    assert_eq!(out[1]["field"], serde_json::Value::Null);
    assert!(
        out[2]["error"]
            .as_str()
            .unwrap()
            .contains("octet invalide 0xFF colonne 1")
    );
    assert_eq!(out[3]["status"], "eligible");
}

// ------------------------------------------------------------ enormous inputs

#[test]
fn a_100_mb_line_is_decided_or_refused_in_bounded_time_and_memory() {
    let base = base_application();
    let good = one_line(&base);
    let huge_name = "A".repeat(100 * 1024 * 1024);
    let huge = good.replace("Centre social de la Tour", &huge_name);
    let junk = "x".repeat(100 * 1024 * 1024);
    let path = temp("huge.jsonl");
    std::fs::write(&path, format!("{good}\n{huge}\n{junk}\n{good}\n")).unwrap();
    drop((huge, junk));
    let run = batch(&path);
    std::fs::remove_file(&path).unwrap();
    let out = records(&run.stdout);
    assert_eq!(out.len(), 4, "{}", run.stderr);
    // The long name is a valid text: the application is decided.
    assert_eq!(out[1]["line"], 2);
    assert_eq!(out[1]["status"], "eligible");
    // 100 MB of junk: one error record, short.
    assert_eq!(out[2]["line"], 3);
    let error = out[2]["error"].as_str().unwrap();
    assert!(error.starts_with("JSON mal formé colonne 1"), "{error}");
    assert_eq!(out[2]["code"], "E0501");
    assert!(error.len() < 300, "{} bytes of error", error.len());
    assert_eq!(out[3]["status"], "eligible");
    assert!(run.elapsed < Duration::from_secs(60), "{:?}", run.elapsed);
    // Two lines of 100 MB: a few copies of one line at most.
    assert!(run.peak_rss_kb < 1_000_000, "peak memory {} kB", run.peak_rss_kb);
    eprintln!(
        "100 MB lines: {:?}, peak memory {} MB",
        run.elapsed,
        run.peak_rss_kb / 1024
    );
}

#[test]
fn a_100_mb_single_line_file_gets_a_short_error() {
    // One line of 100 MB that is not JSON: the error shows an excerpt only.
    let path = temp("huge.json");
    let mut text = "{\"annee_scolaire\": \"2023-2024\", \"porteur\": ".to_string();
    text.push_str(&"9".repeat(100 * 1024 * 1024));
    text.push_str(" oops}");
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let run = run_measured(&["eval", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(run.code, Some(2), "{}", &run.stderr[..run.stderr.len().min(500)]);
    assert!(
        run.stderr.len() < 2000,
        "{} bytes on standard error",
        run.stderr.len()
    );
    assert!(
        run.stderr.contains("seul un extrait est montré"),
        "{}",
        run.stderr
    );
    assert!(run.elapsed < Duration::from_secs(60), "{:?}", run.elapsed);
    assert!(run.peak_rss_kb < 1_000_000, "peak memory {} kB", run.peak_rss_kb);
}

#[test]
fn one_hundred_thousand_nested_lists_do_not_overflow_the_stack() {
    let deep = "[".repeat(100_000);
    // The library, directly.
    let error = clas_rules::input::json::parse(&deep).unwrap_err();
    assert_eq!(error.code, clas_rules::i18n::codes::JSON_TOO_DEEP);
    assert!(
        error.message.fr().contains("plus de 64 niveaux"),
        "{:?}",
        error.message
    );
    // A file through the CLI: a short, clear error.
    let path = temp("deep.json");
    std::fs::write(&path, format!("{deep}{}", "]".repeat(100_000))).unwrap();
    let out = clas_rules(&["eval", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("erreur[E0502] : ") && stderr.contains("plus de 64 niveaux de listes et d'objets"),
        "{stderr}"
    );
    assert!(stderr.len() < 1000, "{stderr}");
    // Nested objects inside an application, in a campaign.
    let good = one_line(&base_application());
    let nested = good.replace(
        "\"plateforme\": \"ELAN\"",
        &format!(
            "\"plateforme\": {}1{}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        ),
    );
    let path = temp("deep.jsonl");
    std::fs::write(&path, format!("{nested}\n{good}\n")).unwrap();
    let run = batch(&path);
    let out = records(&run.stdout);
    assert_eq!(out.len(), 2);
    assert!(
        out[0]["error"].as_str().unwrap().contains("plus de 64 niveaux") && out[0]["code"] == "E0502",
        "{}",
        out[0]
    );
    assert_eq!(out[1]["status"], "eligible");
}

// ------------------------------------------------------------ every fixture as a campaign

/// The first error of a fixture's reviewed snapshot: its code, the field
/// it names (empty for the document as a whole) and its message.
fn first_snapshot_error(name: &str) -> (String, String, String) {
    let snapshot = root().join(format!(
        "tests/snapshots/input_errors__malformed_applications_get_clear_errors@{name}.snap"
    ));
    let text = std::fs::read_to_string(snapshot).unwrap();
    let errors = text.split("\n── errors ──\n").nth(1).unwrap();
    let (code, title) = errors
        .lines()
        .find_map(|l| l.strip_prefix("erreur[").and_then(|rest| rest.split_once("] : ")))
        .unwrap();
    let (field, message) = match title.strip_prefix('`').and_then(|rest| rest.split_once("` : ")) {
        Some((field, message)) => (field.to_string(), message.to_string()),
        None => (String::new(), title.to_string()),
    };
    (code.to_string(), field, message)
}

#[test]
fn every_malformed_fixture_is_an_error_record_at_its_line_naming_its_field() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/input-errors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 80, "{} fixtures", names.len());
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(root().join("tests/input-errors").join(name)).unwrap();
        let line = one_line(&text);
        // On one line, a raw line break inside a text becomes a space, and a
        // blank file becomes a blank line (not a record): those stay files.
        if line.trim().is_empty() || name == "json-chaine-non-terminee.json" {
            continue;
        }
        lines.push(line);
        expected.push((name.clone(), first_snapshot_error(name)));
    }
    let path = temp("fixtures.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let run = batch(&path);
    assert_eq!(run.code, Some(2));
    let out = records(&run.stdout);
    assert_eq!(out.len(), lines.len(), "as many records out as in");
    for (i, (record, (name, (code, field, error)))) in out.iter().zip(&expected).enumerate() {
        assert_eq!(record["line"], i as u64 + 1, "{name}");
        let got = record["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} was decided: {record}"));
        // The same code as the file alone.
        assert_eq!(record["code"], code.as_str(), "{name}: {record}");
        if let Some(rest) = error.strip_prefix("JSON mal formé ligne ") {
            // The same syntax error, counted in columns of the line.
            let what = rest.split_once(" : ").unwrap().1;
            assert!(got.starts_with("JSON mal formé colonne "), "{name}: {got}");
            // Up to the positions it cites, which count lines of the file.
            let cut = ["(", " ouvert", " ligne"]
                .iter()
                .filter_map(|m| what.find(m))
                .min()
                .unwrap_or(what.len());
            assert!(got.contains(&what[..cut]), "{name}: {got} / {what}");
            assert_eq!(record["field"], serde_json::Value::Null, "{name}");
        } else if !field.is_empty() {
            // A field error: the record names the same field, in its
            // `field` member and first in its message.
            assert_eq!(record["field"], field.as_str(), "{name}: {record}");
            assert!(
                got.starts_with(&format!("`{field}` : ")),
                "{name}: {got} / {error}"
            );
        } else {
            // The document as a whole is wrong: said as such, not as a field.
            assert_eq!(record["field"], serde_json::Value::Null, "{name}");
            assert!(got.starts_with("attendu"), "{name}: {got}");
        }
    }
}

// ------------------------------------------------------------ CSV

fn generated_csv() -> Vec<String> {
    let out = clas_rules(&[
        "gen",
        "--count",
        "4",
        "--seed",
        "11",
        "--year",
        "2023-2024",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The snapshot of a CSV campaign: the input beside what came out for each
/// record (the status of a decision, or the error).
fn csv_report(input: &str, run: &Run) -> String {
    let mut report = format!(
        "── input ──\n{}\n── out (exit {:?}) ──\n",
        input.trim_end(),
        run.code
    );
    for record in records(&run.stdout) {
        match record.get("error") {
            Some(error) => report.push_str(&format!(
                "line {}: error {} (field {}): {}\n",
                record["line"],
                record["code"].as_str().unwrap(),
                record["field"],
                error.as_str().unwrap()
            )),
            None => report.push_str(&format!(
                "line {}: {}\n",
                record["line"],
                record["status"].as_str().unwrap()
            )),
        }
    }
    if run.stdout.is_empty() {
        report.push_str(&format!(
            "(no record) {}",
            run.stderr.lines().next().unwrap_or("")
        ));
    }
    report
}

fn csv_case(name: &str, text: &str) -> Run {
    let path = temp(&format!("{name}.csv"));
    std::fs::write(&path, text).unwrap();
    let run = batch(&path);
    insta::assert_snapshot!(format!("csv-{name}"), csv_report(text, &run));
    run
}

fn cell_index(header: &str, column: &str) -> usize {
    header.split(',').position(|c| c == column).unwrap()
}

fn with_cell(row: &str, index: usize, value: &str) -> String {
    let mut cells: Vec<&str> = row.split(',').collect();
    cells[index] = value;
    cells.join(",")
}

#[test]
fn csv_rows_that_are_broken_each_become_one_error_record() {
    let rows = generated_csv();
    let header = &rows[0];
    // The generated rows have no quoted cells: splitting on commas is exact.
    assert!(rows.iter().all(|r| !r.contains('"')));
    let enfants = cell_index(header, "collectifs.0.enfants");
    let depose = cell_index(header, "depose_le");
    let short: Vec<&str> = rows[2].split(',').collect();
    let text = [
        header.clone(),
        rows[1].clone(),
        short[..short.len() - 3].join(","),    // line 3: three cells short
        format!("{},en trop,encore", rows[3]), // line 4: two cells too many
        with_cell(&rows[4], enfants, "douze"), // line 5: a bad value
        with_cell(&rows[1], depose, "\"2023-06-20"), // line 6: a quote never closed
        rows[2].clone(),                       // line 7: fine
        with_cell(&rows[3], depose, "31/06/2023"), // line 8: a bad date
    ]
    .join("\n")
        + "\n";
    let run = csv_case("broken-rows", &text);
    assert_eq!(run.code, Some(2));
    let out = records(&run.stdout);
    assert_eq!(out.len(), 7, "as many records out as rows in");
    let lines: Vec<u64> = out.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8]);
    let error = |i: usize| out[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(out[0].get("status").is_some());
    assert!(
        error(1).contains("pas de cellule pour les colonnes `msa.territoire_rural`"),
        "{}",
        error(1)
    );
    assert_eq!(out[1]["code"], "E0512");
    assert!(
        error(2).contains("à partir de la colonne 32 n'ont pas de nom de colonne"),
        "{}",
        error(2)
    );
    assert!(error(3).starts_with("`collectifs[0].enfants` : "), "{}", error(3));
    assert_eq!(out[3]["field"], "collectifs[0].enfants");
    assert!(error(4).contains("n'est jamais fermée"), "{}", error(4));
    assert!(
        out[5].get("status").is_some(),
        "the row after an unclosed quote is read: {}",
        out[5]
    );
    assert!(error(6).starts_with("`depose_le` : "), "{}", error(6));
    assert_eq!(out[6]["code"], "E0509");
}

#[test]
fn csv_with_bytes_that_are_not_utf8_loses_no_row() {
    let rows = generated_csv();
    let mut bytes = format!("{}\n{}\n", rows[0], rows[1]).into_bytes();
    let nom = cell_index(&rows[0], "porteur.nom");
    bytes.extend_from_slice(with_cell(&rows[2], nom, "Soci\u{e9}t\u{e9}").as_bytes());
    // Turn the first é (two bytes in UTF-8) of that row into Latin-1's one byte.
    let at = bytes.windows(2).rposition(|w| w == [0xC3, 0xA9]).unwrap();
    bytes.splice(at..at + 2, [0xE9u8]);
    bytes.push(b'\n');
    bytes.extend_from_slice(format!("{}\n", rows[3]).as_bytes());
    let path = temp("latin1.csv");
    std::fs::write(&path, &bytes).unwrap();
    let run = batch(&path);
    let out = records(&run.stdout);
    assert_eq!(out.len(), 3, "{}", run.stdout);
    assert_eq!(out[1]["line"], 3);
    assert!(
        out[1]["error"].as_str().unwrap().contains("octet invalide 0xE9") && out[1]["code"] == "E0513",
        "{}",
        out[1]
    );
    assert!(out[2].get("status").is_some());
}

#[test]
fn csv_headers_that_do_not_fit_are_refused_naming_the_column() {
    let rows = generated_csv();
    let header = &rows[0];
    let depose = cell_index(header, "depose_le");
    let drop_column = |row: &str| {
        let mut cells: Vec<&str> = row.split(',').collect();
        cells.remove(depose);
        cells.join(",")
    };
    let missing: Vec<String> = rows[..3].iter().map(|r| drop_column(r)).collect();
    let run = csv_case("missing-column", &(missing.join("\n") + "\n"));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("erreur[E0512] : ") && run.stderr.contains("colonne manquante `depose_le`"),
        "{}",
        run.stderr
    );

    let extra: Vec<String> = rows[..3]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if i == 0 {
                format!("{r},observations")
            } else {
                format!("{r},RAS")
            }
        })
        .collect();
    let run = csv_case("extra-column", &(extra.join("\n") + "\n"));
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("colonne inconnue `observations`"),
        "{}",
        run.stderr
    );

    let run = csv_case("empty", "");
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("le fichier CSV est vide"), "{}", run.stderr);

    let run = csv_case("header-quote-never-closed", &format!("\"{header}\n{}\n", rows[1]));
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("n'est jamais fermée"), "{}", run.stderr);
}
