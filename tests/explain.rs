//! `--explain` in words: for the cases that show a computation (the
//! ceiling, the rounding, a bonus, an excluded collectif, a refusal, the
//! MSA), each snapshot shows the application's name and the explanation
//! staff read, in French, with its figures in place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::i18n::Lang;
use clas_rules::render::decision::{ExplainForm, text_in};
use clas_rules::rulebook::{self, RulesSource};
use std::path::PathBuf;

#[test]
fn explanations_in_words() {
    let rules = RulesSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"));
    insta::glob!(
        "cases/*/{depenses-*,collectif-7-*,bonus-*,msa-499*,plusieurs-motifs*,encadrement-un-adulte-second*}.json",
        |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let year = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
            let found = rulebook::for_year(&rules, year).unwrap();
            let compiled = rulebook::load(&rules, found).unwrap();
            let program = compiled.program.as_ref().expect("the rulebook checks");
            let input = clas_rules::input::decode::decode(program, &text).unwrap();
            let decision = clas_rules::eval::decide(program, &input, Some(&compiled.sources)).unwrap();
            let explanation = decision.explanation.as_ref().unwrap();
            assert!(!explanation.outputs_in_words.is_empty());
            let shown = text_in(&decision, Lang::Fr, ExplainForm::Words);
            let words = &shown[shown.find("Comment les montants").unwrap()..];
            assert!(!words.contains("round("), "{words}");
            let case = path.file_stem().unwrap().to_string_lossy();
            insta::with_settings!({ snapshot_suffix => format!("{year}__{case}") }, {
                insta::assert_snapshot!(format!("── {year}/{case} ──\n{words}"));
            });
        }
    );
}
