//! Language fixtures: each snapshot shows a rulebook's source and the
//! diagnostics it gets, rendered as `clas-rules check` renders them.

use clas_rules::rulebook;
use std::path::Path;

fn check(path: &Path) -> (String, rulebook::Compiled) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = format!("{}", path.file_name().unwrap().to_string_lossy());
    let compiled = rulebook::compile(&name, &text);
    (text, compiled)
}

#[test]
fn good_rulebooks_check_without_any_diagnostic() {
    insta::glob!("lang/ok/*.clas", |path| {
        let (_, compiled) = check(path);
        assert!(
            compiled.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            compiled.sources.render(&compiled.diagnostics, false)
        );
        assert!(compiled.program.is_some());
    });
}

#[test]
fn bad_rulebooks_get_clear_diagnostics() {
    insta::glob!("lang/err/*.clas", |path| {
        let (text, compiled) = check(path);
        assert!(!compiled.diagnostics.is_empty(), "{} gets no diagnostic", path.display());
        let rendered = compiled.sources.render(&compiled.diagnostics, false);
        insta::assert_snapshot!(format!("── source ──\n{}\n── diagnostics ──\n{rendered}", text.trim_end()));
    });
}

#[test]
fn the_real_rulebooks_are_clean() {
    insta::glob!("../rules", "**/*.clas", |path| {
        let (_, compiled) = check(path);
        assert!(
            compiled.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            compiled.sources.render(&compiled.diagnostics, false)
        );
    });
}
