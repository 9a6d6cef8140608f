//! Malformed applications: each snapshot shows the application and every
//! error it gets, with the field path and the place in the file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::diagnostic::SourceMap;
use clas_rules::rulebook::{self, RulesSource};
use std::path::PathBuf;

#[test]
fn malformed_applications_get_clear_errors() {
    let dir = RulesSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"));
    let found = rulebook::for_year(&dir, "2023-2024").unwrap();
    let compiled = rulebook::load(&dir, found).unwrap();
    let program = compiled.program.as_ref().unwrap();
    insta::glob!("input-errors/*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let errors =
            clas_rules::input::decode::decode(program, &text).expect_err("the application is refused");
        let mut sources = SourceMap::new();
        let file = sources.add(path.file_name().unwrap().to_string_lossy(), text.clone());
        let diagnostics: Vec<_> = errors.iter().map(|e| e.to_diagnostic(file)).collect();
        let rendered = sources.render(&diagnostics, false, clas_rules::i18n::Lang::Fr);
        insta::assert_snapshot!(format!(
            "── application ──\n{}\n── errors ──\n{rendered}",
            text.trim_end()
        ));
    });
}
