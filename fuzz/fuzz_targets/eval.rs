//! The real 2023-2024 rulebook, compiled once, applied to arbitrary
//! applications: an input error or a decision, never a panic; and the same
//! decision (or error) from the compiled plan as from the tree walker.
#![no_main]

use clas_rules::eval::{Plan, PlanScratch};
use clas_rules::program::Program;
use clas_rules::rulebook::Compiled;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;


fn compiled() -> &'static (Compiled, Program, Plan) {
    static COMPILED: OnceLock<(Compiled, Program, Plan)> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let mut compiled = {
            // The built-in 2023-2024 rulebook: the national layer and the Puy-de-Dôme's.
            let source = clas_rules::rulebook::RulesSource::Embedded;
            let found = clas_rules::rulebook::for_year(&source, "2023-2024").expect("a 2023-2024 rulebook");
            let files = clas_rules::rulebook::chain_files(&source, found).expect("its layers load");
            clas_rules::rulebook::compile_layers(&files)
        };
        let program = compiled.program.take().expect("the 2023-2024 rulebook compiles");
        let plan = Plan::new(&program);
        (compiled, program, plan)
    })
}

fuzz_target!(|data: &[u8]| {
    let (compiled, program, plan) = compiled();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(application) = clas_rules::input::decode::decode(program, text) else {
        return;
    };
    let walked = clas_rules::eval::outcome(program, &application);
    let planned = plan.outcome(&application, &mut PlanScratch::default());
    assert_eq!(planned, walked, "the plan and the tree walker disagree");
    if let Ok(decision) = clas_rules::eval::decide(program, &application, Some(&compiled.sources)) {
        let _ = decision.to_json();
        let _ = decision.to_human();
    }
});
