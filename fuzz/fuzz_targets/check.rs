//! Parse and check a whole rulebook: a program or diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let compiled = clas_rules::rulebook::compile("fuzz.clas", text);
    // Rendering reads the spans back from the text: they must stay in bounds.
    let _ = compiled.sources.render(&compiled.diagnostics, false);
});
