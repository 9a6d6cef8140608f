//! Inputs that once crashed or hung a fuzz target (`tests/fuzz-regressions/`,
//! one folder per target of `fuzz/`), run the way the target runs them, on
//! an ordinary thread's stack and within a time limit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::diagnostic::FileId;
use clas_rules::input::{csv, decode};
use clas_rules::program::Program;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// Generous for a debug build on a busy machine; each input takes far less.
const TIME_LIMIT: Duration = Duration::from_secs(20);

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut found: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    found.sort();
    found
}

/// The files of the built-in 2023-2024 rulebook (national and Puy-de-Dôme).
fn real_2023_2024() -> Vec<clas_rules::rulebook::ChainFile> {
    let source = clas_rules::rulebook::RulesSource::Embedded;
    let found = clas_rules::rulebook::for_year(&source, "2023-2024").unwrap();
    clas_rules::rulebook::chain_files(&source, found).unwrap()
}

/// The 2023-2024 rulebook, the one the `eval`, `decode` and `csv` targets use.
fn program() -> Arc<(Program, clas_rules::rulebook::Compiled)> {
    let mut compiled = clas_rules::rulebook::compile_layers(&real_2023_2024());
    let program = compiled.program.take().expect("the 2023-2024 rulebook compiles");
    Arc::new((program, compiled))
}

/// Runs `work` on every input of `target`, each on a 2 MiB thread, within the limit.
fn run_all(target: &str, work: impl Fn(&[u8]) + Send + Sync + 'static) {
    let work = Arc::new(work);
    for path in inputs(target) {
        let bytes = std::fs::read(&path).unwrap();
        let (send, receive) = mpsc::channel();
        let work = Arc::clone(&work);
        std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || {
                work(&bytes);
                let _ = send.send(());
            })
            .unwrap();
        match receive.recv_timeout(TIME_LIMIT) {
            Ok(()) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("{}: took longer than {TIME_LIMIT:?}", path.display())
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{}: panicked", path.display()),
        }
    }
}

#[test]
fn parse() {
    run_all("parse", |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        let _ = clas_rules::syntax::parse(FileId(0), text);
        let _ = clas_rules::syntax::parser::parse_header(text);
        let _ = clas_rules::syntax::format::format(text);
    });
}

#[test]
fn check() {
    run_all("check", |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        let compiled = clas_rules::rulebook::compile("fuzz.clas", text);
        // Rendering reads the spans back from the text.
        let _ = compiled
            .sources
            .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr);
    });
}

#[test]
fn eval() {
    let rulebook = program();
    run_all("eval", move |bytes| {
        let (program, compiled) = &*rulebook;
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        let Ok(application) = decode::decode(program, text) else {
            return;
        };
        let _ = clas_rules::eval::outcome(program, &application);
        if let Ok(decision) = clas_rules::eval::decide(program, &application, Some(&compiled.sources)) {
            let _ = decision.to_json();
            let _ = decision.to_human();
        }
    });
}

#[test]
fn decode() {
    let rulebook = program();
    run_all("decode", move |bytes| {
        let (program, _) = &*rulebook;
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        if let Err(errors) = decode::decode(program, text) {
            for error in &errors {
                let _ = error.to_diagnostic(FileId(0));
            }
        }
    });
}

#[test]
fn csv() {
    let rulebook = program();
    run_all("csv", move |bytes| {
        let (program, _) = &*rulebook;
        let Some((&mode, rest)) = bytes.split_first() else {
            return;
        };
        let Ok(rest) = std::str::from_utf8(rest) else {
            return;
        };
        let columns = csv::columns(program, 3);
        let separator = if mode & 2 == 0 { ',' } else { ';' };
        let text = if mode == b'{' {
            let Ok(document) = serde_json::from_slice::<serde_json::Value>(bytes) else {
                return;
            };
            format!(
                "{}\n{}\n",
                columns.join(","),
                csv::row_of(&document, &columns, ',')
            )
        } else if mode & 1 == 0 {
            format!("{}\n{rest}", columns.join(&separator.to_string()))
        } else {
            rest.to_string()
        };
        let separator = if mode == b'{' { b',' } else { separator as u8 };
        let mut input = std::io::Cursor::new(text.as_bytes());
        let mut raw = String::new();
        let Ok(Some(header)) = csv::read_record(&mut input, separator, &mut raw) else {
            return;
        };
        let Ok(layout) = csv::Layout::new(program, &header) else {
            return;
        };
        while let Ok(Some(cells)) = csv::read_record(&mut input, separator, &mut raw) {
            let Ok(document) = layout.row(program, &cells) else {
                continue;
            };
            if let Ok(application) = decode::decode_value(program, &document) {
                let _ = clas_rules::eval::outcome(program, &application);
            }
        }
    });
}
