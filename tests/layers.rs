//! Layers: the national rulebook under each Caf's. The real rulebooks were
//! one file a year before they were split into `rules/national/` and
//! `rules/caf-63/`; the files as they were are kept under
//! `tests/layers/avant-decoupage/`, and every application decides the same
//! under both. Then: the choice of the Caf, and the warning when a national
//! value changes under a Caf's `override`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use clas_rules::decision::Decision;
use clas_rules::program::Program;
use clas_rules::rulebook::{self, RulesSource};
use common::{root, run};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn real() -> RulesSource {
    RulesSource::Dir(root().join("rules"))
}

/// The rulebook of `year` as it was, one file a year.
fn before_the_split(year: &str) -> Program {
    let dir = root().join("tests/layers/avant-decoupage");
    let read = |y: &str| {
        (
            format!("{y}.clas"),
            std::fs::read_to_string(dir.join(format!("{y}.clas"))).unwrap(),
        )
    };
    let chain = match year {
        "2023-2024" => vec![read("2023-2024")],
        _ => vec![read("2023-2024"), read(year)],
    };
    let compiled = rulebook::compile_chain(&chain);
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    compiled.program.unwrap()
}

/// The layered rulebook of `year` for the default Caf (63).
fn after_the_split(year: &str) -> rulebook::Compiled {
    let compiled = rulebook::load(&real(), rulebook::for_year(&real(), year).unwrap()).unwrap();
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    compiled
}

/// A decision without where it came from, in an order that does not depend
/// on the order of declarations: what staff are told.
fn essence(decision: &Decision) -> String {
    let mut outputs: Vec<String> = decision
        .outputs
        .iter()
        .map(|o| format!("{} = {} ({:?})", o.name, o.json, o.label))
        .collect();
    outputs.sort();
    let items: Vec<String> = decision
        .groups
        .iter()
        .flat_map(|g| g.items.iter().map(move |i| format!("{} {i:?}", g.key)))
        .collect();
    let reasons: BTreeSet<String> = decision
        .reasons
        .iter()
        .map(|r| {
            format!(
                "{:?} {} {} {:?} {:?}",
                r.severity, r.rule, r.message, r.source, r.item
            )
        })
        .collect();
    format!(
        "{:?}\n{}\n{}\n{}",
        decision.status,
        outputs.join("\n"),
        items.join("\n"),
        reasons.into_iter().collect::<Vec<_>>().join("\n")
    )
}

fn decide(program: &Program, application: &serde_json::Value) -> Decision {
    let value = clas_rules::input::decode::decode(program, &application.to_string())
        .unwrap_or_else(|e| panic!("{e:?}\n{application}"));
    clas_rules::eval::decide(program, &value, None).unwrap()
}

/// Every application of a folder (a case file's `demande`, or the file).
fn applications_in(dir: &Path) -> Vec<(PathBuf, serde_json::Value)> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let application = value.get("demande").cloned().unwrap_or(value);
            found.push((path, application));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

#[test]
fn the_split_rulebooks_decide_exactly_as_the_single_files_did() {
    for year in ["2023-2024", "2024-2025"] {
        let old = before_the_split(year);
        let new = after_the_split(year);
        let new_program = new.program.as_ref().unwrap();
        let mut applications = applications_in(&root().join("tests/cases").join(year));
        applications.extend(applications_in(&root().join("rules/caf-63/tests").join(year)));
        applications.extend(
            applications_in(&root().join("examples"))
                .into_iter()
                .filter(|(_, a)| a["annee_scolaire"] == year),
        );
        let cases = applications.len();
        // And applications generated from the schema, which reach every rule.
        let mut generated = Vec::new();
        clas_rules::generate::applications(new_program, 2000, 7, &mut generated).unwrap();
        for (line, text) in String::from_utf8(generated).unwrap().lines().enumerate() {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            applications.push((PathBuf::from(format!("généré, ligne {}", line + 1)), value));
        }
        let mut statuses = BTreeSet::new();
        for (name, application) in &applications {
            let (before, after) = (decide(&old, application), decide(new_program, application));
            assert_eq!(essence(&before), essence(&after), "{year}: {}", name.display());
            statuses.insert(format!("{:?}", after.status));
        }
        assert!(cases >= 9, "{year}: only {cases} cases");
        assert_eq!(statuses.len(), 3, "{year}: every status is reached: {statuses:?}");
    }
}

#[test]
fn the_provenance_names_and_hashes_the_file_of_each_layer() {
    let compiled = after_the_split("2024-2025");
    let reference = compiled.reference();
    assert_eq!(reference.caf.as_deref(), Some("63"));
    let layers: Vec<(Option<&str>, String)> = reference
        .layers
        .iter()
        .map(|l| (l.layer.as_deref(), l.file.replace(&*root().to_string_lossy(), "")))
        .collect();
    assert_eq!(
        layers,
        [
            (Some("national"), "/rules/national/2024-2025.clas".to_string()),
            (Some("caf-63"), "/rules/caf-63/2024-2025.clas".to_string()),
        ]
    );
    for layer in &reference.layers {
        let text = std::fs::read_to_string(&layer.file).unwrap();
        assert_eq!(layer.sha256, rulebook::sha256_hex(&text));
    }
    // The chain's own hash covers the four files.
    assert_eq!(reference.extends.len(), 3, "{:?}", reference.extends);
}

// ================================================================ choosing the Caf

/// A copy of `rules/` with a second Caf (`caf-15`, the Puy-de-Dôme's
/// files under another name and with another window) and the given settings.
fn two_cafs(test: &str, settings: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-layers-{}-{test}", std::process::id()))
        .join("rules");
    let _ = std::fs::remove_dir_all(&dir);
    for layer in ["national", "caf-63"] {
        std::fs::create_dir_all(dir.join(layer)).unwrap();
        for year in ["2023-2024", "2024-2025"] {
            let file = format!("{layer}/{year}.clas");
            std::fs::copy(root().join("rules").join(&file), dir.join(&file)).unwrap();
        }
    }
    std::fs::create_dir_all(dir.join("caf-15")).unwrap();
    for year in ["2023-2024", "2024-2025"] {
        let text = std::fs::read_to_string(root().join(format!("rules/caf-63/{year}.clas")))
            .unwrap()
            .replace("layer \"caf-63\"", "layer \"caf-15\"")
            .replace("2023-06-12 ..= 2023-07-24", "2023-05-02 ..= 2023-06-30");
        std::fs::write(dir.join(format!("caf-15/{year}.clas")), text).unwrap();
    }
    if let Some(settings) = settings {
        std::fs::write(dir.join("clas-rules.toml"), settings).unwrap();
    }
    dir
}

/// `eval --format json` of the example, with `caf` set as given, and extra arguments.
fn eval_example(
    dir: &Path,
    caf: Option<serde_json::Value>,
    extra: &[&str],
) -> (Option<i32>, serde_json::Value, String) {
    let mut application: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/demande-eligible.json")).unwrap(),
    )
    .unwrap();
    // Filed on 3 July 2023: inside the 63 window, outside the 15 one.
    if let Some(caf) = caf {
        application["caf"] = caf;
    }
    let file = dir
        .parent()
        .unwrap()
        .join(format!("demande-{}.json", extra.len()));
    std::fs::write(&file, application.to_string()).unwrap();
    let mut args = vec!["eval", "--format", "json", "--rules-dir", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    let out = run(&args, &root());
    let decision = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code(),
        decision,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_application_names_its_caf_else_the_option_else_the_default_else_the_only_one() {
    let dir = two_cafs("choice", Some("# la Caf par défaut\ncaf_par_defaut = \"63\"\n"));
    let caf_of = |d: &serde_json::Value| d["rulebook"]["caf"].as_str().map(str::to_string);
    // The default.
    let (code, decision, stderr) = eval_example(&dir, None, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(caf_of(&decision).as_deref(), Some("63"));
    assert_eq!(decision["status"], "eligible");
    // The option.
    let (code, decision, _) = eval_example(&dir, None, &["--caf", "15"]);
    assert_eq!(code, Some(0));
    assert_eq!(caf_of(&decision).as_deref(), Some("15"));
    assert_eq!(decision["status"], "ineligible", "filed after the 15 window");
    // The application's own field wins over the option.
    let (code, decision, _) = eval_example(&dir, Some("63".into()), &["--caf", "15"]);
    assert_eq!(code, Some(0));
    assert_eq!(caf_of(&decision).as_deref(), Some("63"));
    // The only Caf of a folder without settings.
    let only = two_cafs("only", None);
    std::fs::remove_dir_all(only.join("caf-15")).unwrap();
    let (code, decision, stderr) = eval_example(&only, None, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(caf_of(&decision).as_deref(), Some("63"));
}

#[test]
fn an_unknown_or_unnamed_caf_is_a_clear_error() {
    let dir = two_cafs("unknown", Some("caf_par_defaut = \"63\"\n"));
    let (code, _, stderr) = eval_example(&dir, Some("99".into()), &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "erreur[E0514] : la Caf « 99 » est inconnue ; le dossier des règles connaît les Caf 15, 63"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = eval_example(&dir, None, &["--caf", "99"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("la Caf « 99 » est inconnue"), "{stderr}");
    // A number is not a Caf's code.
    let (code, _, stderr) = eval_example(&dir, Some(63.into()), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("`caf` nomme la Caf de la demande"), "{stderr}");
    // Two Cafs, no default, an application that names none.
    let none = two_cafs("which", None);
    let (code, _, stderr) = eval_example(&none, None, &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("le dossier des règles a plusieurs Caf (15, 63) et aucune par défaut"),
        "{stderr}"
    );
    // Settings that do not read say where.
    let broken = two_cafs("settings", Some("caf_par_defaut = 63\n"));
    let (code, _, stderr) = eval_example(&broken, None, &[]);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("clas-rules.toml"), "{stderr}");
    assert!(stderr.contains("ligne 1, colonne 18"), "{stderr}");
    let unknown_key = two_cafs("settings-key", Some("caf_defaut = \"63\"\n"));
    let (code, _, stderr) = eval_example(&unknown_key, None, &[]);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("ligne 1, colonne 1"), "{stderr}");
}

#[test]
fn a_rules_folder_of_one_layer_works_unchanged() {
    // The rulebooks as they were, one file a year, in a folder of their own.
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-layers-{}-single", std::process::id()))
        .join("rules");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for year in ["2023-2024", "2024-2025"] {
        std::fs::copy(
            root().join(format!("tests/layers/avant-decoupage/{year}.clas")),
            dir.join(format!("{year}.clas")),
        )
        .unwrap();
    }
    let source = RulesSource::Dir(dir.clone());
    let compiled = rulebook::load(&source, rulebook::for_year(&source, "2024-2025").unwrap()).unwrap();
    assert!(!compiled.has_errors());
    assert_eq!(compiled.caf(), None);
    assert_eq!(compiled.layers.len(), 1);
    let out = run(
        &[
            "eval",
            "--rules-dir",
            dir.to_str().unwrap(),
            "examples/demande-eligible.json",
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Décision : ÉLIGIBLE"), "{text}");
    assert!(!text.contains("cadre national"), "{text}");
    // An application naming a Caf there is told no Caf is known.
    let (code, _, stderr) = eval_example(&dir, Some("63".into()), &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("n'a de couche pour aucune Caf"), "{stderr}");
}

// ================================================================ overrides

/// A national year that changes a value a Caf overrides.
fn with_an_override(test: &str) -> PathBuf {
    let dir = two_cafs(test, Some("caf_par_defaut = \"63\"\n"));
    let file = dir.join("caf-63/2023-2024.clas");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!(
            "{text}\n# La Caf garde son bonus.\noverride param montant_bonus_enfants: money = 305 €\n  source \"Décision de la Caf\"\n"
        ),
    )
    .unwrap();
    dir
}

#[test]
fn a_national_change_under_a_caf_override_is_warned_where_the_override_is() {
    let dir = with_an_override("override");
    let source = RulesSource::Dir(dir.clone());
    let load = |year: &str| rulebook::load(&source, rulebook::for_year(&source, year).unwrap()).unwrap();
    // 2023-2024: the override gives the national value (W0105), and nothing changed under it.
    let first = load("2023-2024");
    assert!(first.diagnostics.iter().all(|d| d.code.id() != "W0106"));
    // 2024-2025: the national bonus became 320 €, the Caf's override still says 305 €.
    let second = load("2024-2025");
    assert!(!second.has_errors());
    let warnings: Vec<_> = second
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "W0106")
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", second.diagnostics);
    let warning = warnings[0];
    assert!(
        second
            .sources
            .name(warning.file)
            .ends_with("caf-63/2023-2024.clas")
    );
    let rendered = warning.message.render(clas_rules::i18n::Lang::Fr);
    assert_eq!(
        rendered,
        "la valeur nationale de `montant_bonus_enfants` a changé : `305 €` en 2023-2024, `320 €` en 2024-2025, et cet `override` la remplace toujours"
    );
    // And the Caf's value is the one that decides.
    let program = second.program.as_ref().unwrap();
    let application: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/cases/2024-2025/bonus-enfants-et-parents.json")).unwrap(),
    )
    .unwrap();
    let decision = decide(program, &application);
    let output = |name: &str| {
        decision
            .outputs
            .iter()
            .find(|o| o.name == name)
            .unwrap()
            .json
            .clone()
    };
    // One collectif: the Caf's 305 € for the children's bonus, the national 320 € for the parents'.
    assert_eq!(output("bonus_enfants"), "305.00");
    assert_eq!(output("bonus_parents"), "320.00");
    // `check` shows it in French, on the Caf's file.
    let out = run(
        &[
            "check",
            "--rules-dir",
            dir.to_str().unwrap(),
            dir.join("caf-63/2024-2025.clas").to_str().unwrap(),
        ],
        &root(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("avertissement[W0106]"), "{stderr}");
    assert!(stderr.contains("caf-63/2023-2024.clas"), "{stderr}");
}

#[test]
fn layers_that_cannot_be_stacked_are_refused_clearly() {
    let dir = two_cafs("stack", Some("caf_par_defaut = \"63\"\n"));
    let source = RulesSource::Dir(dir.clone());
    // A Caf year with no national file for that year.
    std::fs::write(
        dir.join("caf-63/2025-2026.clas"),
        "rulebook \"Essai\" layer \"caf-63\" over \"national\" year \"2025-2026\" extends \"2024-2025\" source \"Essai\"\n",
    )
    .unwrap();
    let error = rulebook::load(&source, rulebook::for_year(&source, "2025-2026").unwrap()).unwrap_err();
    assert_eq!(error.code().id(), "E0120");
    assert!(
        error.render(clas_rules::i18n::Lang::Fr).contains(
            "cette couche n'a pas de fichier de règles pour l'année scolaire `2025-2026` ; ses années sont 2023-2024, 2024-2025"
        ),
        "{}",
        error.render(clas_rules::i18n::Lang::Fr)
    );
    // Layers written over each other in a circle.
    std::fs::remove_file(dir.join("caf-63/2025-2026.clas")).unwrap();
    let national = dir.join("national/2023-2024.clas");
    let text = std::fs::read_to_string(&national).unwrap();
    std::fs::write(
        &national,
        text.replace("layer \"national\"", "layer \"national\"\n  over \"caf-63\""),
    )
    .unwrap();
    let error = rulebook::load(&source, rulebook::for_year(&source, "2023-2024").unwrap()).unwrap_err();
    assert_eq!(
        error.code().id(),
        "E0109",
        "{}",
        error.render(clas_rules::i18n::Lang::Fr)
    );
    // A layer name that cannot be one.
    let compiled = rulebook::compile(
        "x.clas",
        "rulebook \"T\" layer \"Caf 63\" year \"2023-2024\" source \"S\"\ninput demande { a: integer }\n",
    );
    assert!(compiled.diagnostics.iter().any(|d| d.code.id() == "E0119"));
}

#[test]
fn the_fast_reader_reads_the_caf_member_as_the_precise_reader_does() {
    let compiled = after_the_split("2023-2024");
    let program = compiled.program.as_ref().unwrap();
    let mut generated = Vec::new();
    clas_rules::generate::applications(program, 200, 11, &mut generated).unwrap();
    for (n, line) in String::from_utf8(generated).unwrap().lines().enumerate() {
        // First, last, with spaces: the campaign's fast path must take them.
        let rest = line.strip_prefix('{').unwrap();
        let forms = [
            format!("{{\"caf\":\"63\",{rest}"),
            format!("{}, \"caf\" : \"63\"}}", line.strip_suffix('}').unwrap()),
        ];
        for form in forms {
            let fast = clas_rules::input::fast::decode(program, &form);
            let precise = clas_rules::input::decode::decode(program, &form).unwrap();
            assert_eq!(fast.as_ref(), Some(&precise), "line {n}: {form}");
        }
        // A caf that is not a text is left to the precise reader, which refuses it.
        let number = format!("{{\"caf\":63,{rest}");
        assert!(clas_rules::input::fast::decode(program, &number).is_none());
        assert!(clas_rules::input::decode::decode(program, &number).is_err());
    }
}

// ================================================================ the folder of a file

#[test]
fn a_rules_folder_under_another_name_is_found_from_any_of_its_files() {
    // `rules/` copied as `Règles CLAS/`, with its settings; then without them.
    let base = std::env::temp_dir().join(format!("clas-rules-layers-{}-renamed", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let copied = two_cafs("renamed", Some("caf_par_defaut = \"63\"\n"));
    let dir = base.join("Règles CLAS");
    std::fs::create_dir_all(&base).unwrap();
    std::fs::rename(&copied, &dir).unwrap();
    let check = |file: &str| {
        let out = run(&["check", file], &dir);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for file in [
        "caf-63/2024-2025.clas",
        "caf-15/2023-2024.clas",
        "national/2024-2025.clas",
    ] {
        let (code, stderr) = check(file);
        assert_eq!(code, Some(0), "{file}: {stderr}");
        assert!(stderr.contains("0 erreur"), "{file}: {stderr}");
    }
    // From inside a Caf's folder, by its bare name.
    let out = run(&["check", "2024-2025.clas"], &dir.join("caf-63"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And the commands that take no rulebook use that folder, not the built-in copy.
    let example = root().join("examples/demande-eligible.json");
    let out = run(
        &["eval", "--format", "json", example.to_str().unwrap()],
        &dir.join("caf-63"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decision = String::from_utf8_lossy(&out.stdout);
    assert!(decision.contains("Règles CLAS"), "{decision}");
    assert!(!decision.contains("intégré"), "{decision}");
    // Without the settings file, a layer's folder still belongs to the folder above it.
    std::fs::remove_file(dir.join("clas-rules.toml")).unwrap();
    let (code, stderr) = check("caf-15/2024-2025.clas");
    assert_eq!(code, Some(0), "{stderr}");
    // A lone rulebook elsewhere is its own rules folder: it does not find the national layer.
    let lone = base.join("brouillon");
    std::fs::create_dir_all(&lone).unwrap();
    std::fs::copy(dir.join("caf-15/2023-2024.clas"), lone.join("2023-2024.clas")).unwrap();
    let out = run(&["check", "2023-2024.clas"], &lone);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("E0120"));
}

#[cfg(unix)]
#[test]
fn a_link_back_up_the_rules_folder_reads_each_rulebook_once() {
    let dir = two_cafs("link", None);
    std::os::unix::fs::symlink("..", dir.join("caf-63/en-haut")).unwrap();
    std::fs::create_dir_all(dir.join(".cache")).unwrap();
    std::fs::copy(
        dir.join("caf-15/2024-2025.clas"),
        dir.join(".cache/2024-2025.clas"),
    )
    .unwrap();
    let all = rulebook::all_rulebooks(&RulesSource::Dir(dir.clone())).unwrap();
    let names: Vec<&str> = all.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        names,
        [
            "caf-15/2023-2024.clas",
            "caf-15/2024-2025.clas",
            "caf-63/2023-2024.clas",
            "caf-63/2024-2025.clas",
            "national/2023-2024.clas",
            "national/2024-2025.clas",
        ]
    );
    let out = run(&["check", "caf-63/2024-2025.clas"], &dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The values of an enumeration carry their labels from the national layer,
/// and a Caf's `extend enum` adds values with theirs, each beside its own
/// value; what staff see (the explanation of a decision) uses the label.
#[test]
fn enumeration_labels_cross_layers_and_reach_what_staff_read() {
    let compiled = rulebook::for_caf_year(&real(), Some("63"), "2023-2024")
        .and_then(|found| rulebook::load(&real(), found))
        .unwrap();
    let program = compiled.program.unwrap();
    assert_eq!(program.input_value_label("niveau", "college"), Some("collège"));
    assert_eq!(program.input_value_place("niveau", "lycee"), Some(2));
    assert_eq!(program.input_value_label("niveau", "maternelle"), None);

    let dir = two_cafs("enum-labels", Some("caf_par_defaut = \"63\"\n"));
    let file = dir.join("caf-63/2023-2024.clas");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\nextend enum Niveau = maternelle | cp label \"cours préparatoire\"\n"),
    )
    .unwrap();
    let source = RulesSource::Dir(dir.clone());
    let compiled = rulebook::for_caf_year(&source, Some("63"), "2023-2024")
        .and_then(|found| rulebook::load(&source, found))
        .unwrap();
    assert!(compiled.diagnostics.is_empty(), "{:?}", compiled.diagnostics);
    let program = compiled.program.unwrap();
    let niveau = program.enums.iter().find(|e| e.name == "Niveau").unwrap();
    assert_eq!(
        niveau.variants,
        ["elementaire", "college", "lycee", "maternelle", "cp"]
    );
    assert_eq!(niveau.label(3), Some("maternelle"), "no label: the value's name");
    assert_eq!(niveau.label(4), Some("cours préparatoire"));
    assert_eq!(niveau.label(1), Some("collège"));

    // An application whose axes miss one: the explanation says the labels.
    let mut application: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/demande-eligible.json")).unwrap(),
    )
    .unwrap();
    application["axes"] = serde_json::json!(["enfants", "parents", "ecole"]);
    let path = dir.parent().unwrap().join("trois-axes.json");
    std::fs::write(&path, application.to_string()).unwrap();
    let out = run(
        &[
            "eval",
            "--explain",
            "--rules-dir",
            dir.to_str().unwrap(),
            path.to_str().unwrap(),
        ],
        &root(),
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("acteurs du territoire parmi axes : enfants et jeunes, parents et école"),
        "{shown}"
    );
}
