//! The binary as users run it: exit codes, standard input, the built-in
//! rulebooks, and what reaches the terminal.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{root, run};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn eval_decides_the_examples_as_the_note_computes_them() {
    let out = run(&["eval", "examples/demande-eligible.json"], &root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Décision : ÉLIGIBLE"), "{stdout}");
    assert!(
        stdout.contains("Prestation de service (Ps)       : 2\u{202F}563,00 €"),
        "{stdout}"
    );

    let out = run(
        &["eval", "--format", "json", "examples/demande-6500.json"],
        &root(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["status"], "eligible");
    assert_eq!(json["outputs"]["ps"], "2113.00");
    assert_eq!(json["rulebook"]["year"], "2023-2024");
    assert_eq!(json["rulebook"]["sha256"].as_str().unwrap().len(), 64);

    let out = run(
        &["eval", "--format", "json", "examples/demande-hors-delai.json"],
        &root(),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["status"], "ineligible");
    assert_eq!(json["outputs"]["total"], "0.00");
    assert_eq!(json["reasons"][0]["rule"], "depot_dans_la_periode");
}

#[test]
fn eval_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clas-rules"))
        .args(["eval", "--format", "json", "-"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let application = std::fs::read(root().join("examples/demande-eligible.json")).unwrap();
    child.stdin.take().unwrap().write_all(&application).unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["outputs"]["ps"], "2563.00");
}

#[test]
fn eval_works_from_any_folder_with_the_built_in_rulebooks() {
    let elsewhere = std::env::temp_dir();
    let example = root().join("examples/demande-eligible.json");
    let out = run(
        &["eval", "--format", "json", example.to_str().unwrap()],
        &elsewhere,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["outputs"]["ps"], "2563.00");
    assert!(json["rulebook"]["file"].as_str().unwrap().contains("intégré"));
}

#[test]
fn explain_shows_the_cap_and_the_rounding() {
    // In words by default, for staff.
    let out = run(&["eval", "--explain", "examples/demande-6500.json"], &root());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "dépenses retenues : 6\u{202F}500,00 € (sous le plafond de 7\u{202F}885,00 €) × 32,5 % \
             = 2\u{202F}112,50 €, arrondi à l'euro le plus proche : 2\u{202F}113,00 €"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("round("), "{stdout}");
    // As formulas for who writes rules.
    let out = run(
        &["eval", "--explain=formules", "examples/demande-6500.json"],
        &root(),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("depenses_retenues(c) * taux_ps = 2\u{202F}112,50 €"),
        "{stdout}"
    );
    assert!(
        stdout.contains("round(depenses_retenues(c) * taux_ps, euro, half_up) = 2\u{202F}113,00 €"),
        "{stdout}"
    );
    assert!(stdout.contains("prix_plafond = 7\u{202F}885,00 €"), "{stdout}");
    // English on request.
    let out = run(
        &["--lang", "en", "eval", "--explain", "examples/demande-6500.json"],
        &root(),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("rounded to the nearest euro: 2\u{202F}113,00 €"),
        "{stdout}"
    );
}

#[test]
fn a_bad_application_exits_2_with_the_field_path_and_no_decision() {
    let out = run(&["eval", "tests/input-errors/enfants-texte-douze.json"], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "erreur[E0507] : `collectifs[1].enfants` : attendu : un nombre entier (`integer`) ; \
             trouvé : le texte \"douze\""
        ),
        "{stderr}"
    );
    // And in English when asked.
    let out = run(
        &[
            "--lang",
            "en",
            "eval",
            "tests/input-errors/enfants-texte-douze.json",
        ],
        &root(),
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "error[E0507]: `collectifs[1].enfants`: expected a whole number (`integer`), \
             found the text \"douze\""
        ),
        "{stderr}"
    );
}

#[test]
fn malformed_json_and_bad_bytes_exit_2() {
    let out = run(
        &["eval", "tests/input-errors/json-virgule-manquante.json"],
        &root(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("erreur[E0501] : JSON mal formé ligne 5, colonne 3"),
        "{}",
        text(&out.stderr)
    );

    let dir = tempdir();
    let file = dir.join("latin1.json");
    std::fs::write(&file, b"{\"nom\": \"caf\xe9\"}").unwrap();
    let out = run(&["eval", file.to_str().unwrap()], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("erreur[E0513] : ")
            && text(&out.stderr).contains("ce n'est pas du texte UTF-8 : octet invalide 0xE9"),
        "{}",
        text(&out.stderr)
    );
}

/// Files saved by Windows editors start with a byte order mark: rulebooks,
/// applications and campaign files so saved are read as without it.
#[test]
fn files_that_start_with_a_byte_order_mark_are_read() {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let dir = tempdir();
    for layer in ["national", "caf-63"] {
        std::fs::create_dir_all(dir.join("rules").join(layer)).unwrap();
        for year in ["2023-2024", "2024-2025"] {
            let name = format!("{year}.clas");
            let text = std::fs::read(root().join("rules").join(layer).join(&name)).unwrap();
            std::fs::write(dir.join("rules").join(layer).join(&name), [BOM, &text].concat()).unwrap();
        }
    }
    let settings = std::fs::read(root().join("rules/clas-rules.toml")).unwrap();
    std::fs::write(dir.join("rules/clas-rules.toml"), [BOM, &settings].concat()).unwrap();
    let application = std::fs::read(root().join("examples/demande-eligible.json")).unwrap();
    std::fs::write(dir.join("demande.json"), [BOM, &application].concat()).unwrap();

    let out = run(&["check", "rules"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("0 erreur"), "{}", text(&out.stderr));
    let out = run(&["eval", "--format", "json", "demande.json"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["outputs"]["ps"], "2563.00");
    assert_eq!(json["rulebook"]["caf"], "63");

    // A campaign whose first line starts with the mark decides every line.
    let line = String::from_utf8(application).unwrap().replace('\n', "");
    std::fs::write(dir.join("campagne.jsonl"), format!("\u{feff}{line}\n{line}\n")).unwrap();
    let out = run(&["eval", "--batch", "campagne.jsonl"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let decided: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(decided.len(), 2);
    assert!(
        decided.iter().all(|d| d["outputs"]["ps"] == "2563.00"),
        "{decided:?}"
    );
}

#[test]
fn a_year_without_rulebook_lists_the_years_available() {
    let dir = tempdir();
    let original = std::fs::read_to_string(root().join("examples/demande-eligible.json")).unwrap();
    let file = dir.join("2031.json");
    std::fs::write(&file, original.replace("2023-2024", "2031-2032")).unwrap();
    let out = run(&["eval", file.to_str().unwrap()], &root());
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "erreur[E0120] : la Caf 63 n'a pas de fichier de règles pour l'année scolaire `2031-2032` ; \
             ses années sont 2023-2024, 2024-2025"
        ),
        "{stderr}"
    );
    let out = run(&["eval", "--lang", "en", file.to_str().unwrap()], &root());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "error[E0120]: Caf 63 has no rulebook for the school year `2031-2032`; its years are 2023-2024, 2024-2025"
        ),
        "{stderr}"
    );
}

#[test]
fn check_is_clean_on_the_rules_and_fails_on_errors() {
    let out = run(&["check", "rules/"], &root());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("vérifiés : 0 erreur, 0 avertissement"),
        "{}",
        text(&out.stderr)
    );

    let dir = tempdir();
    let file = dir.join("faute.clas");
    let rulebook = std::fs::read_to_string(root().join("rules/national/2023-2024.clas")).unwrap();
    std::fs::write(
        &file,
        rulebook.replace("min(c.depenses, prix_plafond)", "min(c.depenses, prix_plafon)"),
    )
    .unwrap();
    let out = run(&["check", file.to_str().unwrap()], &root());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("erreur[E0203] : nom inconnu `prix_plafon`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("aide : vouliez-vous dire `prix_plafond` ?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 fichier de règles vérifié : 1 erreur, 0 avertissement"),
        "{stderr}"
    );
    // English for engineers, by option or by environment.
    for (args, env) in [
        (vec!["--lang", "en", "check"], None),
        (vec!["check", "--lang=en"], None),
        (vec!["check"], Some("en_GB.UTF-8")),
    ] {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_clas-rules"));
        command.args(&args).arg(&file).current_dir(root());
        if let Some(lang) = env {
            command.env("CLAS_LANG", lang);
        }
        let out = command.output().unwrap();
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("error[E0203]: unknown name `prix_plafon`"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("hint: did you mean `prix_plafond`?"), "{stderr}");
        assert!(
            stderr.contains("1 rulebook checked: 1 error, 0 warnings"),
            "{stderr}"
        );
    }
}

#[test]
fn bad_options_are_told_in_french_with_the_way_out() {
    let out = run(
        &["eval", "--formt", "json", "examples/demande-eligible.json"],
        &root(),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("erreur : option inconnue `--formt`"), "{stderr}");
    assert!(stderr.contains("vouliez-vous dire `--format` ?"), "{stderr}");
    assert!(stderr.contains("voir `clas-rules --help`"), "{stderr}");
    let out = run(
        &["eval", "--format", "pdf", "examples/demande-eligible.json"],
        &root(),
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "`pdf` n'est pas une valeur possible de `--format <FORMAT>` : les valeurs sont human, json, csv"
        ),
        "{stderr}"
    );
    let out = run(&["evl"], &root());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("commande inconnue `evl`"), "{stderr}");
    assert!(stderr.contains("vouliez-vous dire `eval` ?"), "{stderr}");
    let out = run(&["--lang", "en", "eval", "--formt", "json"], &root());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error: unknown option `--formt`"), "{stderr}");
    let out = run(&["--lang", "de", "years"], &root());
    assert!(text(&out.stderr).contains("pas `de`"), "{}", text(&out.stderr));
}

#[test]
fn a_missing_file_is_said_in_french() {
    let out = run(&["check", "nulle-part.clas"], &root());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("erreur[E0118] : impossible de lire `nulle-part.clas` : le fichier n'existe pas"),
        "{stderr}"
    );
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "clas-rules-cli-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_real_rulebooks_are_formatted() {
    let out = run(&["fmt", "--check", "rules/"], &root());
    assert_eq!(
        out.status.code(),
        Some(0),
        "run `clas-rules fmt rules/`: {}",
        text(&out.stdout)
    );
}

#[test]
fn the_help_is_in_french_unless_english_is_asked_for() {
    let out = run(&["--help"], &root());
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for french in [
        "Utilisation : clas-rules [OPTIONS] <COMMANDE>",
        "Commandes :",
        "eval     Décide une demande",
        "-h, --help           Affiche l'aide",
    ] {
        assert!(help.contains(french), "{french}\n{help}");
    }
    let out = run(&["help", "diff"], &root());
    let help = text(&out.stdout);
    assert!(help.contains("--caf-from <CAF>"), "{help}");
    assert!(help.contains("[DEMANDES]..."), "{help}");
    assert!(
        help.contains("Garde les dates des demandes telles quelles"),
        "{help}"
    );
    // A missing command prints the same French help, then says what to do.
    let out = run(&[], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("indiquez une commande"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["--lang", "en", "eval", "--help"], &root());
    let help = text(&out.stdout);
    assert!(
        help.contains("Usage: clas-rules eval [OPTIONS] [APPLICATION]"),
        "{help}"
    );
    assert!(help.contains("--batch <FILE>"), "{help}");
    assert!(!help.contains("Utilisation"), "{help}");
}
