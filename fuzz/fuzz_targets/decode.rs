//! The JSON reader and the decoder of applications on arbitrary bytes:
//! a value or input errors with positions, never a panic. And the fast
//! reader of campaigns: whatever it accepts, the precise reader accepts
//! too, with the same value, also when it decodes into the value of the
//! input before (as campaigns do); the year and Caf hints never panic.
//!
//! Inputs that start with `#` are not read as they are: the eight bytes
//! after it choose a generated application and its style (the contract's,
//! another tool's, keys shuffled), and each pair of bytes after that edits
//! it (white space, an escape, or a character put in or taken out at a
//! place), so that the fuzzer explores what other tools write and the ways
//! it breaks, where arbitrary bytes rarely reach.
#![no_main]

use clas_rules::diagnostic::FileId;
use clas_rules::generate::{Form, Style};
use clas_rules::input::fast::{Prepared, Scratch};
use clas_rules::program::Program;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
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

fn prepared() -> &'static Prepared<'static> {
    static PREPARED: OnceLock<Prepared<'static>> = OnceLock::new();
    PREPARED.get_or_init(|| Prepared::new(program()))
}

thread_local! {
    /// Kept from one input to the next, as in a campaign (learned key orders).
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The text a `#` input stands for (see the module's comment).
fn generated(data: &[u8]) -> Option<String> {
    let seed = u64::from_le_bytes(data.get(..8)?.try_into().ok()?);
    let style = match seed % 3 {
        0 => Style::Contract,
        1 => Style::OtherTool,
        _ => Style::Shuffled,
    };
    // One in two names its Caf, where the style puts the member.
    let caf = (seed / 3 % 2 == 0).then(|| "63".to_string());
    let form = Form { style, caf };
    let mut out = Vec::new();
    clas_rules::generate::applications_in(program(), 1, seed, &form, &mut out).ok()?;
    let mut chars: Vec<char> = String::from_utf8(out).ok()?.trim_end().chars().collect();
    for edit in data.get(8..)?.chunks(2) {
        let [what, place] = edit else { break };
        let at = usize::from(*place) * chars.len().max(1) / 256;
        let at = at.min(chars.len());
        match what % 8 {
            0 => chars.insert(at, ' '),
            1 => chars.insert(at, ['\t', '\n', '\r'][usize::from(what / 8) % 3]),
            // An escape of the character there, as \uXXXX.
            2 => {
                if let Some(c) = chars.get(at).copied().filter(|c| (*c as u32) < 0x10000) {
                    chars.remove(at);
                    for (i, e) in format!("\\u{:04x}", c as u32).chars().enumerate() {
                        chars.insert(at + i, e);
                    }
                }
            }
            3 => {
                if at < chars.len() {
                    chars.remove(at);
                }
            }
            _ => {
                let set = [
                    '"', '\\', ',', ':', '{', '}', '[', ']', '-', '.', 'e', '0', 'u', 'é', '/',
                ];
                chars.insert(at, set[usize::from(what / 8) % set.len()]);
            }
        }
    }
    Some(chars.into_iter().collect())
}

fuzz_target!(|data: &[u8]| {
    let made;
    let text = match data.split_first() {
        Some((b'#', rest)) => match generated(rest) {
            Some(text) => {
                made = text;
                made.as_str()
            }
            None => return,
        },
        _ => match std::str::from_utf8(data) {
            Ok(text) => text,
            Err(_) => return,
        },
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
    let _ = clas_rules::input::fast::year_hint(text);
    let _ = clas_rules::input::fast::caf_hint(text);
    let _ = clas_rules::input::fast::quick_text(text, "annee_scolaire");
    if let Some(fast) = clas_rules::input::fast::decode(program(), text) {
        assert_eq!(
            Ok(fast),
            precise,
            "the fast reader accepted what the precise one reads otherwise"
        );
    }
    let kept = SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let value = prepared().decode(text, &mut scratch)?;
        let caf = scratch.caf_read(text).map(|caf| caf.map(str::to_string));
        Some((value, caf))
    });
    if let Some((fast, caf)) = kept {
        assert_eq!(
            Ok(&fast),
            precise.as_ref(),
            "the fast reader (with learned key orders, into the previous value) accepted what the precise one reads otherwise"
        );
        // Given back, as a campaign does: the next input is decoded into it.
        SCRATCH.with(|scratch| scratch.borrow_mut().recycle(fast));
        // The Caf a campaign checks its guess against is the top-level one.
        let top = clas_rules::input::fast::caf_hint(text);
        match caf {
            Some(caf) => assert_eq!(
                caf.as_deref(),
                top.as_deref(),
                "the Caf read is not the top-level one"
            ),
            None => assert!(
                top.is_some(),
                "the Caf read is not told, and the application names none"
            ),
        }
    }
});
