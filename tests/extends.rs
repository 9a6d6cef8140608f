//! Inheritance between rulebooks: each fixture of `tests/extends/` is a
//! rulebook extending `tests/extends/base.clas` (its year, 2023-2024). Each
//! snapshot shows the fixture and what checking it reports, diagnostics in
//! the base file included.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::rulebook::{self, RulesSource};
use std::path::{Path, PathBuf};

/// A rules directory holding the base, the fixture as `clas/child.clas`, and
/// the fixture's companion (`NAME.other.clas`) as `clas/other.clas`.
fn rules_dir_for(fixture: &Path) -> PathBuf {
    let name = fixture.file_stem().unwrap().to_string_lossy().to_string();
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-extends-{}-{name}", std::process::id()))
        .join("rules");
    std::fs::create_dir_all(dir.join("clas")).unwrap();
    let here = fixture.parent().unwrap();
    std::fs::copy(here.join("base.clas"), dir.join("clas/2023-2024.clas")).unwrap();
    std::fs::copy(fixture, dir.join("clas/child.clas")).unwrap();
    let other = here.join(format!("{name}.other.clas"));
    if other.exists() {
        std::fs::copy(other, dir.join("clas/other.clas")).unwrap();
    }
    dir
}

fn report(fixture: &Path) -> String {
    let dir = rules_dir_for(fixture);
    let source = RulesSource::Dir(dir.clone());
    let found = rulebook::file_in(&source, &dir.join("clas/child.clas")).unwrap();
    let shown = |text: String| text.replace(&dir.display().to_string(), "rules");
    match rulebook::load(&source, found) {
        Ok(compiled) => shown(compiled.sources.render(
            &compiled.diagnostics,
            false,
            clas_rules::i18n::Lang::Fr,
        )),
        Err(error) => shown(format!(
            "erreur[{}] : {}\n",
            error.code().id(),
            error.message().render(clas_rules::i18n::Lang::Fr)
        )),
    }
}

#[test]
fn inheritance_mistakes_are_reported_clearly() {
    insta::glob!("extends/*.clas", |path| {
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "base.clas" || name.ends_with(".other.clas") {
            return;
        }
        let source = std::fs::read_to_string(path).unwrap();
        let report = report(path);
        assert!(!report.trim().is_empty(), "{name} reports nothing");
        insta::assert_snapshot!(format!(
            "── rulebook ──\n{}\n── check ──\n{report}",
            source.trim_end()
        ));
    });
}

#[test]
fn a_child_states_only_its_changes() {
    let dir = std::env::temp_dir()
        .join(format!("clas-rules-extends-ok-{}", std::process::id()))
        .join("rules");
    std::fs::create_dir_all(dir.join("clas")).unwrap();
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/extends");
    std::fs::copy(here.join("base.clas"), dir.join("clas/2023-2024.clas")).unwrap();
    std::fs::write(
        dir.join("clas/2024-2025.clas"),
        "rulebook \"Suivante\" year \"2024-2025\" extends \"2023-2024\" source \"Note\"\n\
         override param taux_ps: rate = 40 %\n  source \"§3\"\n\
         drop rule depot_dans_la_periode\n\
         drop param periode_depot\n\
         extend record Collectif {\n  adultes: integer default 2\n}\n",
    )
    .unwrap();
    let source = RulesSource::Dir(dir.clone());
    let found = rulebook::for_year(&source, "2024-2025").unwrap();
    let compiled = rulebook::load(&source, found).unwrap();
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        compiled
            .sources
            .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr)
    );
    let program = compiled.program.unwrap();
    assert_eq!(program.header.year, "2024-2025");
    assert!(program.rules.is_empty());
    let collectif = program.records.iter().find(|r| r.name == "Collectif").unwrap();
    assert_eq!(
        collectif
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["enfants", "depenses", "adultes"]
    );
    let application =
        r#"{"depose_le": "2030-01-01", "collectifs": [{"enfants": 9, "depenses": "1000.00", "adultes": 2}]}"#;
    let input = clas_rules::input::decode::decode(&program, application).unwrap();
    let decision = clas_rules::eval::decide(&program, &input, None).unwrap();
    assert_eq!(decision.to_json()["outputs"]["ps"], "400.00");
    assert_eq!(compiled.extends.len(), 1);
}
