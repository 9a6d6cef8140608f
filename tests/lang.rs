//! Language fixtures: each snapshot shows a rulebook's source and the
//! diagnostics it gets, rendered as `clas-rules check` renders them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::rulebook;
use std::path::{Path, PathBuf};

fn check(path: &Path) -> (String, rulebook::Compiled) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("{}", path.file_name().unwrap().to_string_lossy());
    let compiled = rulebook::compile(&name, &text);
    (text, compiled)
}

/// The files of a folder with an extension, sorted. (Only one `insta::glob!`
/// may run at a time in a test binary, so the tests without snapshots walk
/// their folders themselves.)
fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no .{extension} file under {dir}");
    found
}

#[test]
fn good_rulebooks_check_without_any_diagnostic() {
    for path in files("tests/lang/ok", "clas") {
        let (_, compiled) = check(&path);
        assert!(
            compiled.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            compiled
                .sources
                .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr)
        );
        assert!(compiled.program.is_some());
    }
}

#[test]
fn bad_rulebooks_get_clear_diagnostics() {
    insta::glob!("lang/err/*.clas", |path| {
        let (text, compiled) = check(path);
        assert!(
            !compiled.diagnostics.is_empty(),
            "{} gets no diagnostic",
            path.display()
        );
        let rendered = compiled
            .sources
            .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr);
        insta::assert_snapshot!(format!(
            "── source ──\n{}\n── diagnostics ──\n{rendered}",
            text.trim_end()
        ));
    });
}

/// The same messages in English, for engineers (`--lang en`), on a sample
/// of the fixtures: one syntax error, one type error, one warning, one staff
/// mistake with its own message.
#[test]
fn a_sample_in_english() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/lang/err");
    let mut out = String::new();
    for name in [
        "three-syntax-errors-all-reported.clas",
        "rate-compared-with-money.clas",
        "unused-parameter-warning.clas",
        "declaration-indented-under-the-previous-one.clas",
        "date-written-with-slashes.clas",
    ] {
        let (_, compiled) = check(&root.join(name));
        out.push_str(&format!("── {name} ──\n"));
        out.push_str(
            &compiled
                .sources
                .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::En),
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn the_real_rulebooks_are_clean() {
    let source = rulebook::RulesSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"));
    for path in files("rules", "clas") {
        let found = rulebook::file_in(&source, &path).unwrap();
        let compiled = rulebook::load(&source, found).unwrap();
        assert!(
            compiled.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            compiled
                .sources
                .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr)
        );
    }
}

#[test]
fn messages_quote_the_values_of_parameters() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/lang/ok/message-quotes-parameters.clas");
    let (_, compiled) = check(&path);
    let program = compiled.program.unwrap();
    let messages: Vec<&str> = program.rules.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Dépôt hors période (du 12 juin 2023 au 24 juillet 2023) {sic}.",
            "Un groupe réunit de 8 à 12 enfants."
        ]
    );
}
