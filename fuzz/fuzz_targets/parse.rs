//! The parser on arbitrary text: diagnostics, never a panic; and the
//! formatter, which must give back text that parses.
#![no_main]

use clas_rules::diagnostic::FileId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (_module, _diagnostics) = clas_rules::syntax::parse(FileId(0), text);
    let _ = clas_rules::syntax::parser::parse_header(text);
    let _ = clas_rules::syntax::format::format(text);
});
