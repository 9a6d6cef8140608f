//! Applications as CSV: the record reader, the header's layout, a row as an
//! application's JSON tree, its decoding and its decision, never a panic.
//!
//! The first byte picks how the rest is read: `{` — a JSON application,
//! written as a CSV row under the full header (so JSON seeds reach the row
//! reader); otherwise bit 0 set — raw CSV text (header included), clear —
//! rows under the full header; bit 1 picks `;` rather than `,`. Before that,
//! the bytes as they are (not UTF-8 included) go through the records reader,
//! which reads a line that is not UTF-8 as Windows-1252 when it can: the
//! records come in the order of their lines, none past the last.
#![no_main]

use clas_rules::input::csv;
use clas_rules::program::Program;
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use std::sync::OnceLock;


fn program() -> &'static (Program, Vec<String>) {
    static PROGRAM: OnceLock<(Program, Vec<String>)> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let program = {
            // The built-in 2023-2024 rulebook: the national layer and the Puy-de-Dôme's.
            let source = clas_rules::rulebook::RulesSource::Embedded;
            let found = clas_rules::rulebook::for_year(&source, "2023-2024").expect("a 2023-2024 rulebook");
            let files = clas_rules::rulebook::chain_files(&source, found).expect("its layers load");
            clas_rules::rulebook::compile_layers(&files)
        }
            .program
            .expect("the 2023-2024 rulebook compiles");
        let columns = csv::columns(&program, 3);
        (program, columns)
    })
}

fn header(columns: &[String], separator: char) -> String {
    columns.join(&separator.to_string())
}

fuzz_target!(|data: &[u8]| {
    let (program, columns) = program();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut records = csv::Records::new(Cursor::new(rest));
    let mut last = 0;
    while let Ok(Some(record)) = records.next_record() {
        assert!(record.line > last, "record of line {} after line {last}", record.line);
        last = record.line;
    }
    let breaks = rest.iter().filter(|b| **b == b'\n').count() as u64;
    let lines = breaks + u64::from(rest.last().is_some_and(|b| *b != b'\n'));
    assert!(last <= lines, "a record at line {last} of {lines}");
    assert!(records.windows_1252_lines() <= lines);
    let Ok(rest) = std::str::from_utf8(rest) else {
        return;
    };
    let separator = if mode & 2 == 0 { ',' } else { ';' };
    let text = if mode == b'{' {
        let Ok(document) = serde_json::from_slice::<serde_json::Value>(data) else {
            return;
        };
        let separator = ',';
        format!(
            "{}\n{}\n",
            header(columns, separator),
            csv::row_of(&document, columns, separator)
        )
    } else if mode & 1 == 0 {
        format!("{}\n{rest}", header(columns, separator))
    } else {
        rest.to_string()
    };
    let separator = if mode == b'{' { b',' } else { separator as u8 };
    let mut input = Cursor::new(text.as_bytes());
    let mut raw = String::new();
    let Ok(Some(header)) = csv::read_record(&mut input, separator, &mut raw) else {
        return;
    };
    let Ok(layout) = csv::Layout::new(program, &header) else {
        return;
    };
    for _ in 0..16 {
        let Ok(Some(cells)) = csv::read_record(&mut input, separator, &mut raw) else {
            break;
        };
        for cell in &cells {
            let _ = cell.span.slice(&raw);
        }
        let Ok(document) = layout.row(program, &cells) else {
            continue;
        };
        if let Ok(application) = clas_rules::input::decode::decode_value(program, &document) {
            let _ = clas_rules::eval::outcome(program, &application);
        }
        let _ = clas_rules::input::decode::decode_for_comparison(program, &document);
    }
});
