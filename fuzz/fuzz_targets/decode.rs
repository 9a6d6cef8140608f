//! The JSON reader and the decoder of applications on arbitrary bytes:
//! a value or input errors with positions, never a panic. And the fast
//! reader of campaigns: whatever it accepts, the precise reader accepts
//! too, with the same value.
#![no_main]

use clas_rules::diagnostic::FileId;
use clas_rules::program::Program;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;


fn program() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        {
            // The built-in 2023-2024 rulebook: the national layer and the Puy-de-Dôme's.
            let source = clas_rules::rulebook::RulesSource::Embedded;
            let found = clas_rules::rulebook::for_year(&source, "2023-2024").expect("a 2023-2024 rulebook");
            let files = clas_rules::rulebook::chain_files(&source, found).expect("its layers load");
            clas_rules::rulebook::compile_layers(&files)
        }
            .program
            .expect("the 2023-2024 rulebook compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = clas_rules::input::json::parse(text) {
        let _ = clas_rules::input::json::line_column(text, error.span.start);
    }
    let precise = clas_rules::input::decode::decode(program(), text);
    if let Err(errors) = &precise {
        for error in errors {
            let _ = error.to_diagnostic(FileId(0));
            let _ = error.span.slice(text);
        }
    }
    if let Some(fast) = clas_rules::input::fast::decode(program(), text) {
        assert_eq!(
            Ok(fast),
            precise,
            "the fast reader accepted what the precise one reads otherwise"
        );
    }
});
