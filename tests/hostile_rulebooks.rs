//! Hostile rulebooks: inputs built to break the parser, the checker or the
//! evaluator (deep nesting, huge lines, huge numbers, overflow, megabytes of
//! text, bytes that are not UTF-8, `extends` that try to leave the rules
//! folder). Each must end with a clear diagnostic that points somewhere,
//! quickly, on an ordinary thread's stack (as a library caller or the
//! language server would call it), never with a panic, an overflowed stack
//! or a hang.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use clas_rules::diagnostic::{Diagnostic, FileId};
use clas_rules::rulebook::{self, Compiled};
use std::sync::mpsc;
use std::time::Duration;

/// The most any of these may take, in a debug build. Alone, each takes a few
/// seconds at most; the bound leaves room for a busy two-core machine running
/// the whole suite, while the hangs it catches (work in the square of the
/// input's size) take minutes.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// Runs `work` on a thread with the default stack (2 MiB, what a library
/// caller gets) and fails the test if it takes longer than `TIME_LIMIT`.
fn within_limit<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    within(TIME_LIMIT, work)
}

/// The same with another limit.
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let _ = send.send(work());
        })
        .unwrap();
    match receive.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("took longer than {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the work panicked"),
    }
}

/// Compiles `text` within the limits.
fn compile(text: String) -> (String, Compiled) {
    within_limit(move || {
        let compiled = rulebook::compile("hostile.clas", &text);
        (text, compiled)
    })
}

const HEADER: &str = "rulebook \"Hostile\"\n  year \"2023-2024\"\n  source \"Note\"\n\n\
input demande {\n  depenses: money\n  enfants: integer\n}\n\n";

/// The first error whose message contains `needle`; it must have a span
/// inside the text (the language server and `check` point at it).
fn error_with<'c>(text: &str, compiled: &'c Compiled, needle: &str) -> &'c Diagnostic {
    let found = compiled
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.render(clas_rules::i18n::Lang::En).contains(needle));
    let Some(diagnostic) = found else {
        let messages: Vec<String> = compiled
            .diagnostics
            .iter()
            .map(|d| d.message.render(clas_rules::i18n::Lang::En))
            .collect();
        panic!("no error containing {needle:?}; got {messages:?}");
    };
    let span = diagnostic.span();
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "span {span:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        compiled.program.is_none(),
        "a rulebook with an error has no program"
    );
    // Rendering reads the span back from the text.
    let rendered = compiled
        .sources
        .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::En);
    assert!(rendered.contains(needle), "{rendered}");
    diagnostic
}

#[test]
fn one_hundred_thousand_parentheses() {
    let depth = 100_000;
    let text = format!(
        "{HEADER}let x: integer = {}1{}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let (text, compiled) = compile(text);
    let diagnostic = error_with(&text, &compiled, "nested more than 64 deep");
    assert_eq!(
        text.get(diagnostic.span().start..diagnostic.span().end),
        Some("(")
    );
}

#[test]
fn unclosed_brackets_of_every_kind() {
    let text = format!("{HEADER}let x: list integer = {}\n", "([{".repeat(30_000));
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "nested more than 64 deep");
}

#[test]
fn a_hundred_thousand_nots_and_minus_signs() {
    for prefix in ["not ", "-", "- "] {
        let text = format!("{HEADER}let x: integer = {}1\n", prefix.repeat(100_000));
        let (text, compiled) = compile(text);
        error_with(&text, &compiled, "longer than 400 operations");
    }
}

#[test]
fn nested_ifs_and_field_accesses() {
    let ifs = "if true then ".repeat(50_000);
    let text = format!("{HEADER}let x: integer = {ifs}1{}\n", " else 2".repeat(50_000));
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "longer than 400 operations");
    let text = format!("{HEADER}let x: integer = demande{}\n", ".enfants".repeat(100_000));
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "longer than 400 operations");
}

#[test]
fn types_nested_a_hundred_thousand_deep() {
    for word in ["list ", "optional ", "range "] {
        let text = format!(
            "{HEADER}param x: {}integer = 1\n  source \"Note\"\n",
            word.repeat(100_000)
        );
        let (text, compiled) = compile(text);
        error_with(&text, &compiled, "nested more than");
    }
}

#[test]
fn a_sum_of_a_million_terms_on_one_line() {
    // Several megabytes on one line.
    let text = format!("{HEADER}let x: integer = 1{}\n", " + 1".repeat(1_000_000));
    assert!(text.len() > 4_000_000);
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "longer than 400 operations");
}

#[test]
fn a_message_of_five_megabytes_on_one_line() {
    let message = "é".repeat(2_500_000);
    let text = format!(
        "{HEADER}param plafond: money = 100 €\n  source \"Note\"\n\n\
         rule trop_cher:\n  refuse when demande.depenses > plafond\n  message \"{message}\n  source \"Note\"\n"
    );
    let (text, compiled) = compile(text);
    // The text is never closed on its line.
    let diagnostic = error_with(&text, &compiled, "");
    assert!(diagnostic.span().start > HEADER.len());
}

#[test]
fn a_comment_and_a_name_of_several_megabytes() {
    let comment = format!("# {}\n", "x".repeat(3_000_000));
    let name = "n".repeat(1_000_000);
    let text = format!(
        "{HEADER}{comment}param {name}: money = 100 €\n  source \"Note\"\n\n\
         let plafond: money = {name}x\n"
    );
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "unknown");
}

#[test]
fn a_number_of_ten_thousand_digits() {
    let digits = "9".repeat(10_000);
    for literal in [
        digits.clone(),
        format!("{digits} €"),
        format!("{digits} %"),
        format!("0,{digits}"),
    ] {
        let text = format!("{HEADER}param x: decimal = {literal}\n  source \"Note\"\n");
        let (text, compiled) = compile(text);
        let expected = if literal.starts_with('0') {
            "too many digits"
        } else {
            "too large"
        };
        let diagnostic = error_with(&text, &compiled, expected);
        // The message names the number without repeating ten thousand digits.
        assert!(
            diagnostic.message.render(clas_rules::i18n::Lang::En).len() < 200,
            "{}",
            diagnostic.message.render(clas_rules::i18n::Lang::En)
        );
        let at = diagnostic.span().start;
        assert_eq!(text.get(at..at + 1), literal.get(..1));
    }
}

#[test]
fn more_digits_than_exact_arithmetic_keeps() {
    let text = format!("{HEADER}param x: rate = 0,12345678901234567890123456789 %\n  source \"Note\"\n");
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "too many digits");
}

#[test]
fn money_beyond_the_range_of_decimal() {
    // 2^96 is one more than the largest amount a Decimal holds.
    let text =
        format!("{HEADER}param x: money = 79 228 162 514 264 337 593 543 950 336 €\n  source \"Note\"\n");
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "too large");
}

#[test]
fn integer_beyond_the_range_of_integers() {
    let text = format!("{HEADER}param x: integer = 9 223 372 036 854 775 808\n  source \"Note\"\n");
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "");
}

/// A rulebook whose constant `x` overflows, with the span of the operation.
fn overflowing_constant(ty: &str, value: &str, expression: &str) {
    let text = format!(
        "{HEADER}param grand: {ty} = {value}\n  source \"Note\"\n\n\
         let x: {ty} = {expression}\n"
    );
    let (text, compiled) = compile(text);
    let diagnostic = error_with(&text, &compiled, "too large");
    assert!(
        diagnostic
            .message
            .render(clas_rules::i18n::Lang::En)
            .contains("`x`"),
        "{}",
        diagnostic.message.render(clas_rules::i18n::Lang::En)
    );
    let at = text.find(&format!("= {expression}")).unwrap() + 2;
    assert_eq!(
        diagnostic.span().start,
        at,
        "the span points at the operation: {:?}",
        text.get(diagnostic.span().start..diagnostic.span().end)
    );
}

#[test]
fn decimal_overflow_in_constant_arithmetic() {
    let largest = "79 228 162 514 264 337 593 543 950 335 €";
    overflowing_constant("money", largest, "grand + grand");
    overflowing_constant("money", largest, "grand * 2");
    overflowing_constant("money", largest, "grand - grand - grand - grand");
    overflowing_constant("money", largest, "grand / 0,1");
    overflowing_constant("integer", "9 223 372 036 854 775 807", "grand + 1");
    overflowing_constant("integer", "9 223 372 036 854 775 807", "grand * grand");
    overflowing_constant("integer", "9 223 372 036 854 775 807", "- grand - 2");
}

#[test]
fn decimal_overflow_in_an_assertion() {
    let text = format!(
        "{HEADER}param grand: money = 79 228 162 514 264 337 593 543 950 335 €\n  source \"Note\"\n\n\
         assert pas_trop: grand + grand > 0 €\n  message \"Trop grand.\"\n"
    );
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "too large");
}

#[test]
fn decimal_overflow_at_run_time_is_an_error_with_a_span() {
    let text = format!(
        "{HEADER}param grand: money = 79 228 162 514 264 337 593 543 950 335 €\n  source \"Note\"\n\n\
         output total: money = round(demande.depenses + grand, euro, half_up)\n  label \"Total\"\n  source \"Note\"\n\n\
         output enfants: integer = demande.enfants * demande.enfants\n  label \"Enfants\"\n  source \"Note\"\n"
    );
    let (text, compiled) = compile(text);
    let names: Vec<String> = compiled
        .diagnostics
        .iter()
        .map(|d| d.message.render(clas_rules::i18n::Lang::En))
        .collect();
    let program = compiled.program.as_ref().unwrap_or_else(|| panic!("{names:?}"));
    for (depenses, enfants, operation) in [
        ("1", "1", "demande.depenses + grand"),
        ("0.01", "4000000000", "demande.enfants * demande.enfants"),
    ] {
        let application = format!("{{\"depenses\": {depenses}, \"enfants\": {enfants}}}");
        let value = clas_rules::input::decode::decode(program, &application).unwrap();
        let error = clas_rules::eval::outcome(program, &value).unwrap_err();
        assert!(
            error
                .message()
                .render(clas_rules::i18n::Lang::En)
                .contains("too large"),
            "{}",
            error.message().render(clas_rules::i18n::Lang::En)
        );
        assert_eq!(text.get(error.span.start..error.span.end), Some(operation));
        let error = clas_rules::eval::decide(program, &value, Some(&compiled.sources)).unwrap_err();
        assert!(
            error
                .message()
                .render(clas_rules::i18n::Lang::En)
                .contains("too large"),
            "{}",
            error.message().render(clas_rules::i18n::Lang::En)
        );
    }
}

#[test]
fn five_megabytes_of_declarations() {
    let mut text = HEADER.to_string();
    let mut n = 0;
    while text.len() < 5_000_000 {
        text.push_str(&format!(
            "param plafond_{n}: money = {n} €\n  source \"Note\"\n\n\
             let double_{n}: money = plafond_{n} * 2\n\n\
             assert positif_{n}: plafond_{n} >= 0 €\n  message \"Le plafond {n} est négatif.\"\n\n"
        ));
        n += 1;
    }
    // A debug build parses about 3 s a megabyte on a busy machine. The checker
    // used to take time in the square of the number of constants (38 s for
    // 4 MB of them, a minute for 5 MB, twice that on a busy machine).
    let compiled = within(Duration::from_secs(60), move || {
        rulebook::compile("hostile.clas", &text)
    });
    let errors: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.render(clas_rules::i18n::Lang::En))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(compiled.program.is_some());
}

#[test]
fn an_error_at_the_end_of_two_megabytes() {
    let mut text = HEADER.to_string();
    let mut n = 0;
    while text.len() < 2_000_000 {
        text.push_str(&format!(
            "param plafond_{n}: money = {n} €\n  source \"Note\"\n\n"
        ));
        n += 1;
    }
    text.push_str("let fin: money = plafond_0 + plafond_inconnu\n");
    let (text, compiled) = compile(text);
    let diagnostic = error_with(&text, &compiled, "plafond_inconnu");
    assert!(diagnostic.span().start > 1_900_000);
}

#[test]
fn five_megabytes_of_garbage() {
    let mut text = String::new();
    let mut state = 0x2545_f491_u32;
    let alphabet = "param let rule (){}[]=+-*/<>\"#\n ,.:€%0123456789abc_é\u{a0}";
    let chars: Vec<char> = alphabet.chars().collect();
    while text.len() < 5_000_000 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        text.push(chars[state as usize % chars.len()]);
    }
    let (text, compiled) = compile(text);
    error_with(&text, &compiled, "");
}

#[test]
fn parsing_and_formatting_survive_deep_nesting() {
    // As the language server does on each change, on an ordinary thread.
    let text = format!("{HEADER}let x: integer = {}1\n", "(".repeat(100_000));
    within_limit(move || {
        let (_, diagnostics) = clas_rules::syntax::parse(FileId(0), &text);
        assert!(!diagnostics.is_empty());
        let formatted = clas_rules::syntax::format::format(&text);
        assert!(formatted.is_err());
    });
}

mod cli {
    use super::common::run;
    use std::path::Path;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        std::fs::write(dir.join(name), bytes).unwrap();
    }

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("clas-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn invalid_utf8_in_a_rules_file() {
        let dir = temp_dir("utf8");
        let mut bytes = super::HEADER.as_bytes().to_vec();
        let offset = bytes.len() + "param plafond: money = 100 ".len();
        bytes.extend_from_slice(b"param plafond: money = 100 \xe2\x82 \xff\xfe\n  source \"Note\"\n");
        assert_eq!(bytes[offset], 0xe2);
        write(&dir, "2023-2024.clas", &bytes);
        let output = run(&["check", "2023-2024.clas"], &dir);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(matches!(output.status.code(), Some(1 | 2)), "{stderr}");
        assert!(stderr.contains("ce n'est pas du texte UTF-8"), "{stderr}");
        // Where: the line and the column of the first bad byte.
        assert!(stderr.contains("ligne 10, colonne 28"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn extends_by_absolute_path_or_through_a_link() {
        let dir = temp_dir("extends");
        let outside = temp_dir("extends-outside");
        let base = std::fs::read(super::common::root().join("tests/extends/base.clas")).unwrap();
        write(&outside, "base.clas", &base);
        let rules = dir.join("rules");
        std::fs::create_dir_all(&rules).unwrap();
        let absolute = outside.join("base.clas");
        let cases = [
            (
                "absolute.clas",
                format!(
                    "rulebook \"A\" year \"2024-2025\" extends \"{}\" source \"Note\"\n",
                    absolute.display()
                ),
            ),
            (
                "link.clas",
                "rulebook \"B\" year \"2025-2026\" extends \"dehors/base\" source \"Note\"\n".to_string(),
            ),
            (
                "self.clas",
                "rulebook \"C\" year \"2026-2027\" extends \"self\" source \"Note\"\n".to_string(),
            ),
        ];
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, rules.join("dehors")).unwrap();
        for (name, text) in &cases {
            write(&rules, name, text.as_bytes());
        }
        for (name, expected) in [
            ("absolute.clas", "du dossier des règles"),
            #[cfg(unix)]
            ("link.clas", "du dossier des règles"),
            ("self.clas", "en cercle"),
        ] {
            let output = run(&["check", "--rules-dir", "rules", &format!("rules/{name}")], &dir);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_ne!(output.status.code(), Some(0), "{name}: {stderr}");
            assert!(stderr.contains(expected), "{name}: {stderr}");
            assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        }
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(&outside);
    }
}

#[test]
fn at_the_limits_on_a_small_stack() {
    // 64 brackets deep and nearly 400 operations: accepted, and checked,
    // evaluated, formatted and explained on an ordinary thread's stack.
    let nested = format!("{}demande.enfants{}", "(".repeat(64), ")".repeat(64));
    let sum = vec!["demande.enfants"; 190].join(" + ");
    let conditions = vec!["demande.enfants > 1"; 130].join(" and ");
    let text = format!(
        "{HEADER}let profond: integer = {nested}\n\n\
         let somme: integer = {sum}\n\n\
         output total: integer = profond + somme\n  label \"Total\"\n  source \"Note\"\n\n\
         rule beaucoup:\n  warn when {conditions}\n  message \"Beaucoup d'enfants.\"\n  source \"Note\"\n"
    );
    within_limit(move || {
        let compiled = rulebook::compile("hostile.clas", &text);
        let errors: Vec<String> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.render(clas_rules::i18n::Lang::En))
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let program = compiled.program.as_ref().unwrap();
        let value = clas_rules::input::decode::decode(program, "{\"depenses\": 1, \"enfants\": 2}").unwrap();
        let decision = clas_rules::eval::decide(program, &value, Some(&compiled.sources)).unwrap();
        assert!(decision.to_human().contains("Beaucoup"));
        plan_agrees(program, &value);
        clas_rules::syntax::format::format(&text).unwrap();
    });
}

/// Decides `value` with the compiled plan too (what campaigns use, on
/// rayon's threads of 2 MiB): the same outcome as the tree walker.
fn plan_agrees(program: &clas_rules::program::Program, value: &clas_rules::value::Value) {
    let plan = clas_rules::eval::Plan::new(program);
    let planned = plan.outcome(value, &mut clas_rules::eval::PlanScratch::default());
    assert_eq!(planned, clas_rules::eval::outcome(program, value));
}

/// `n` declarations, each using the one before; `def`s when `defs`.
fn chain(n: usize, defs: bool) -> String {
    let mut text = HEADER.to_string();
    for i in 0..n {
        let line = match (defs, i) {
            (false, 0) => "let a0: integer = demande.enfants\n\n".to_string(),
            (false, _) => format!("let a{i}: integer = a{} + 1\n\n", i - 1),
            (true, 0) => "def f0(x: integer): integer = x\n\n".to_string(),
            (true, _) => format!("def f{i}(x: integer): integer = f{}(x) + 1\n\n", i - 1),
        };
        text.push_str(&line);
    }
    let last = if defs {
        format!("f{}(demande.enfants)", n - 1)
    } else {
        format!("a{}", n - 1)
    };
    text.push_str(&format!(
        "output total: integer = {last}\n  label \"Total\"\n  source \"Note\"\n"
    ));
    text
}

#[test]
fn twenty_thousand_declarations_in_a_chain() {
    // Each uses the one before: evaluating the last one recursed through all
    // of them; 100 000 overflowed the stack, even the binary's 64 MiB.
    for defs in [false, true] {
        let (text, compiled) = compile(chain(20_000, defs));
        error_with(&text, &compiled, "nests more than 200 operations deep");
    }
}

#[test]
fn the_longest_chain_allowed_runs_on_a_small_stack() {
    // 66 declarations and the output that uses the last one: about 130
    // (lets) and 200 (defs) operations deep.
    for defs in [false, true] {
        let text = chain(66, defs);
        within_limit(move || {
            let compiled = rulebook::compile("hostile.clas", &text);
            let program = compiled.program.as_ref().expect("a chain of 100 is allowed");
            assert!(compiled.diagnostics.iter().all(|d| !d.is_error()));
            let value =
                clas_rules::input::decode::decode(program, "{\"depenses\": 1, \"enfants\": 2}").unwrap();
            let decision = clas_rules::eval::decide(program, &value, Some(&compiled.sources)).unwrap();
            assert!(decision.to_human().contains("67"), "{}", decision.to_human());
            plan_agrees(program, &value);
        });
    }
}

#[test]
fn a_csv_quote_never_closed_before_two_hundred_thousand_lines() {
    // Hostile input rather than rulebook: the record reader counted the
    // quotes of the whole record again at each line it added.
    let mut text = String::from("nom,depenses\n\"jamais fermé,1\n");
    for i in 0..200_000 {
        text.push_str(&format!("ligne {i},{i}\n"));
    }
    let cells = within_limit(move || {
        let mut input = std::io::Cursor::new(text.into_bytes());
        let mut raw = String::new();
        let header = clas_rules::input::csv::read_record(&mut input, b',', &mut raw)
            .unwrap()
            .unwrap();
        assert_eq!(header.len(), 2);
        let record = clas_rules::input::csv::read_record(&mut input, b',', &mut raw)
            .unwrap()
            .unwrap();
        assert!(raw.len() > 2_000_000);
        record.len()
    });
    // The open quote takes everything to the end into one cell.
    assert_eq!(cells, 1);
}

/// `n` declarations in a chain, each 65 operations deep:
/// `(1 + (1 + (… a(i-1) …)))`, each bracket a node of the tree.
fn deep_chain(n: usize) -> String {
    let mut text = HEADER.to_string();
    text.push_str("let a0: integer = demande.enfants\n\n");
    for i in 1..n {
        text.push_str(&format!(
            "let a{i}: integer = {}a{}{}\n\n",
            "(1 + ".repeat(64),
            i - 1,
            ")".repeat(64)
        ));
    }
    text.push_str(&format!(
        "output total: integer = a{}\n  label \"Total\"\n  source \"Note\"\n",
        n - 1
    ));
    text
}

#[test]
fn the_deepest_evaluation_allowed_on_a_small_stack() {
    // 7 declarations of 65 operations and the output: 456 deep, under 500.
    let text = deep_chain(4);
    within_limit(move || {
        let compiled = rulebook::compile("hostile.clas", &text);
        let errors: Vec<String> = compiled
            .diagnostics
            .iter()
            .map(|d| d.message.render(clas_rules::i18n::Lang::En))
            .collect();
        let program = compiled.program.as_ref().unwrap_or_else(|| panic!("{errors:?}"));
        let value = clas_rules::input::decode::decode(program, "{\"depenses\": 1, \"enfants\": 2}").unwrap();
        let decision = clas_rules::eval::decide(program, &value, Some(&compiled.sources)).unwrap();
        assert!(decision.to_human().contains("194"), "{}", decision.to_human());
        plan_agrees(program, &value);
    });
    // A hundred of them: refused, it would overflow that stack.
    let (text, compiled) = compile(deep_chain(100));
    error_with(&text, &compiled, "nests more than 200 operations deep");
}

#[test]
fn four_hundred_operations_in_one_declaration_on_a_small_stack() {
    // The parser takes up to 400 operations; the checker, the formatter and
    // the dependency analysis must get through them on a 2 MiB stack.
    for expression in [
        vec!["demande.enfants"; 390].join(" + "),
        format!("{}demande.enfants > 1", "not ".repeat(390)),
        format!("{}demande.enfants", "- ".repeat(390)),
    ] {
        let text = format!("{HEADER}let x: integer = {expression}\n");
        let (text, compiled) = compile(text);
        error_with(&text, &compiled, "");
        // Formatted or refused (`- -` does not parse), without a crash.
        within_limit(move || {
            let _ = clas_rules::syntax::format::format(&text);
        });
    }
}
