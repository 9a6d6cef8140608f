//! Parse and check a whole rulebook: a program or diagnostics, never a
//! panic. When it compiles, a few generated applications are decided by the
//! compiled plan and by the tree walker, which must agree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let compiled = clas_rules::rulebook::compile("fuzz.clas", text);
    // Rendering reads the spans back from the text: they must stay in bounds.
    let _ = compiled.sources.render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr);
    let Some(program) = &compiled.program else {
        return;
    };
    let plan = clas_rules::eval::Plan::new(program);
    let mut scratch = clas_rules::eval::PlanScratch::default();
    let mut out = Vec::new();
    if clas_rules::generate::applications(program, 3, data.len() as u64, &mut out).is_err() {
        return;
    }
    for line in String::from_utf8_lossy(&out).lines() {
        let Ok(application) = clas_rules::input::decode::decode(program, line) else {
            continue;
        };
        let walked = clas_rules::eval::outcome(program, &application);
        let planned = plan.outcome(&application, &mut scratch);
        assert_eq!(planned, walked, "the plan and the tree walker disagree on {line}");
    }
});
