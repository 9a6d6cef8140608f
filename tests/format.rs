//! The formatter (`clas-rules fmt`): snapshots of badly laid out rulebooks
//! with their canonical layout, and checks that formatting never changes what
//! a rulebook means and that formatting twice changes nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::diagnostic::FileId;
use clas_rules::syntax::format::{FormatError, WIDTH, format};
use clas_rules::syntax::parse;
use std::path::PathBuf;

/// The declarations of a text, written without where they are: the syntax
/// tree's `Debug` with every span cut out, so that two texts compare equal
/// when they declare the same things (numbers keep the decimals written).
fn meaning(text: &str) -> String {
    let (module, diagnostics) = parse(FileId(0), text);
    assert!(diagnostics.is_empty(), "does not parse:\n{text}\n{diagnostics:?}");
    let debug = format!("{:#?}", module.declarations);
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    // `span: Span {\n start: 1,\n end: 2,\n },` and `Span {…}` inside tuples.
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let close = after.find('}').unwrap();
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Formats, and checks that the result means the same, is a fixed point and
/// ends with one newline.
fn check_format(name: &str, text: &str) -> String {
    let once = format(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(meaning(text), meaning(&once), "{name}: meaning changed:\n{once}");
    let twice = format(&once).unwrap_or_else(|e| panic!("{name} (second time): {e}"));
    assert_eq!(once, twice, "{name}: formatting twice changes the text");
    assert!(
        once.is_empty() || (once.ends_with('\n') && !once.ends_with("\n\n")),
        "{name}: must end with exactly one newline"
    );
    assert!(!once.contains('\r'), "{name}: CR left");
    for line in once.lines() {
        assert_eq!(line, line.trim_end(), "{name}: trailing white space");
    }
    once
}

/// The files of a folder with an extension, sorted. (Only one `insta::glob!`
/// may run at a time in a test binary, so the tests without snapshots walk
/// their folders themselves.)
fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(!found.is_empty(), "no .{extension} file under {dir}");
    found
}

#[test]
fn badly_laid_out_rulebooks_get_the_canonical_layout() {
    insta::glob!("format/*.clas", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let output = match format(&input) {
            Ok(_) => check_format(&name, &input),
            Err(error) => format!("error: {error}\n"),
        };
        // Carriage returns shown, so that the snapshot says they were there.
        let shown = input.replace('\r', "␍");
        insta::assert_snapshot!(format!("---- input\n{shown}---- output\n{output}"));
    });
}

#[test]
fn every_rulebook_under_rules_is_a_fixed_point_and_keeps_its_meaning() {
    for path in files("rules", "clas") {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = check_format(&path.display().to_string(), &text);
        // Lines only go beyond the width for a clause's text, which cannot break.
        for line in formatted.lines() {
            let trimmed = line.trim_start();
            let clause = ["message ", "source ", "label ", "rulebook ", "year "]
                .iter()
                .any(|k| trimmed.starts_with(k));
            assert!(
                clause || trimmed.starts_with('#') || line.chars().count() <= WIDTH,
                "{}: line too long: {line}",
                path.display()
            );
        }
    }
}

#[test]
fn every_good_language_fixture_is_a_fixed_point_and_keeps_its_meaning() {
    for path in files("tests/lang/ok", "clas") {
        let text = std::fs::read_to_string(&path).unwrap();
        check_format(&path.display().to_string(), &text);
    }
}

#[test]
fn rulebooks_that_extend_others_keep_their_meaning_when_they_parse() {
    for path in files("tests/extends", "clas") {
        let text = std::fs::read_to_string(&path).unwrap();
        if parse(FileId(0), &text).1.is_empty() {
            check_format(&path.display().to_string(), &text);
        }
    }
}

#[test]
fn the_real_rulebooks_keep_their_layout_apart_from_blank_lines() {
    // Formatting only adds blank lines between `let`s and `output`s there.
    for path in files("rules", "clas") {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = format(&text).unwrap();
        let without_blanks = |t: &str| t.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        assert_eq!(
            without_blanks(&text),
            without_blanks(&formatted),
            "{}",
            path.display()
        );
    }
}

#[test]
fn crlf_line_endings_format_like_lf() {
    for path in files("tests/lang/ok", "clas") {
        let text = std::fs::read_to_string(&path).unwrap();
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(
            format(&crlf).unwrap(),
            format(&text).unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_syntax_error_is_reported_not_formatted() {
    let text = "rulebook \"x\"\n  year \"2023-2024\"\nparam a: rate = 32.5 %\nparam b: integer = (1\n";
    assert_eq!(format(text), Err(FormatError::Syntax(2)));
    assert!(format(text).unwrap_err().to_string().contains("2 syntax errors"));
}

#[test]
fn comments_are_never_lost() {
    for path in files("tests/format", "clas") {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(formatted) = format(&text) else { continue };
        for line in text.lines() {
            if let Some(at) = line.find("# ") {
                let comment = line[at..].trim_end();
                // Only real comments: `#` outside texts starts one of these fixtures' comments.
                if line[..at].matches('"').count() % 2 == 0 {
                    assert!(
                        formatted.contains(comment),
                        "{}: lost {comment:?}",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(format("").unwrap(), "");
    assert_eq!(format("\n\n  \n").unwrap(), "");
    assert_eq!(format("\n# a\n\n\n  # b  \n\n").unwrap(), "# a\n\n# b\n");
}

// ---------------------------------------------------------------- generated expressions

/// A small deterministic generator (a linear congruential one: no crate needed).
struct Gen(u64);

impl Gen {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }

    /// White space between tokens: usually a space, sometimes more, or a
    /// new line with an indentation (continuation lines are indented).
    fn space(&mut self) -> &'static str {
        match self.next(12) {
            0 => "\n      ",
            1 => "\n  ",
            2 => "   ",
            3 => "\t",
            _ => " ",
        }
    }

    fn atom(&mut self) -> String {
        match self.next(9) {
            0 => self
                .pick(&["7 885 €", "7885€", "499,90 €", "32,5 %", "33%", "0 €"])
                .to_string(),
            1 => self.pick(&["12", "1 000", "5,0", "0,25", "3"]).to_string(),
            2 => self.pick(&["2023-06-12", "2024-02-29"]).to_string(),
            3 => self
                .pick(&["\"ELAN\"", "\"a \\\"b\\\" # c\"", "\"\\\\n\\n\""])
                .to_string(),
            4 => self.pick(&["true", "false"]).to_string(),
            5 => format!("demande.{}", self.pick(&["porteur.statut", "depose_le", "msa"])),
            _ => self
                .pick(&[
                    "taux_ps",
                    "prix_plafond",
                    "c",
                    "périodes",
                    "association",
                    "a_rather_long_parameter_name",
                ])
                .to_string(),
        }
    }

    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self.atom();
        }
        let d = depth - 1;
        match self.next(14) {
            0 | 1 => {
                let op = self.pick(&["and", "or"]);
                let n = 2 + self.next(4);
                let parts: Vec<String> = (0..n).map(|_| self.expr(d)).collect();
                let sep = format!("{}{op}{}", self.space(), self.space());
                parts.join(&sep)
            }
            2 => match self.next(2) {
                0 => format!("not {}", self.expr(d)),
                _ => format!("not({})", self.expr(d)),
            },
            3 => {
                let op = self.pick(&["+", "-", "*", "/", "×"]);
                format!(
                    "{}{}{op}{}{}",
                    self.expr(d),
                    self.space(),
                    self.space(),
                    self.expr(d)
                )
            }
            4 => {
                let op = self.pick(&["==", "!=", "<", "<=", ">", ">=", "in", "..="]);
                format!("{} {op} {}", self.expr(d), self.expr(d))
            }
            5 => format!("({})", self.expr(d)),
            6 => format!("-{}", self.expr(d)),
            7 => {
                let n = self.next(4);
                let args: Vec<String> = (0..n).map(|_| self.expr(d)).collect();
                format!(
                    "{}({})",
                    self.pick(&["round", "min", "count", "same_text"]),
                    args.join(", ")
                )
            }
            8 => format!(
                "{}(x in {}: {})",
                self.pick(&["sum", "count", "all", "any"]),
                self.expr(d),
                self.expr(d)
            ),
            9 => format!(
                "if{}{}{}then {}{}else {}",
                self.space(),
                self.expr(d),
                self.space(),
                self.expr(d),
                self.space(),
                self.expr(d)
            ),
            10 => format!(
                "if let m = {} then {} else {}",
                self.expr(d),
                self.expr(d),
                self.expr(d)
            ),
            11 => {
                let n = self.next(5);
                let items: Vec<String> = (0..n).map(|_| self.expr(d)).collect();
                format!("[{}]", items.join(",\n    "))
            }
            12 => format!("({}).{}", self.expr(d), self.pick(&["x", "montant"])),
            _ => self.atom(),
        }
    }
}

#[test]
fn generated_expressions_keep_their_meaning_and_format_to_a_fixed_point() {
    let mut generator = Gen(2023_2024);
    let mut checked = 0;
    for round in 0..300 {
        let depth = 1 + round % 4;
        let mut text = String::from("rulebook \"généré\"\n  year \"2023-2024\"\n");
        for i in 0..4 {
            let e = generator.expr(depth);
            match i {
                0 => text.push_str(&format!("let v{round}: bool = {e}\n  source \"s\"\n")),
                1 => text.push_str(&format!("rule r{round}:\n  refuse when {e}\n  message \"m\"\n")),
                2 => text.push_str(&format!("output o{round}: money =\n  {e}\n")),
                _ => text.push_str(&format!("record R{round} {{ f: integer default {e} }}\n")),
            }
        }
        // The generator may write something the parser refuses (a nesting
        // limit, `not` in an odd place): only what parses is checked.
        if parse(FileId(0), &text).1.is_empty() {
            check_format(&format!("generated #{round}:\n{text}"), &text);
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} generated rulebooks parsed");
}

// ---------------------------------------------------------------- the command

fn clas_rules(args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_clas-rules"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    dir
}

#[test]
fn fmt_rewrites_files_and_folders_and_check_only_lists_them() {
    let dir = scratch("fmt-command");
    let ugly = "rulebook \"x\" year \"2023-2024\"\nparam a: integer = 1 source \"s\"\n";
    let pretty = format(ugly).unwrap();
    std::fs::write(dir.join("ugly.clas"), ugly).unwrap();
    std::fs::write(dir.join("sub/pretty.clas"), &pretty).unwrap();
    std::fs::write(dir.join("sub/notes.txt"), ugly).unwrap();
    let dir_arg = dir.display().to_string();

    let (code, stdout, _) = clas_rules(&["fmt", "--check", &dir_arg]);
    assert_eq!(code, 1);
    assert_eq!(stdout.trim(), dir.join("ugly.clas").display().to_string());
    assert_eq!(std::fs::read_to_string(dir.join("ugly.clas")).unwrap(), ugly);

    let (code, stdout, _) = clas_rules(&["fmt", &dir_arg]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim(), dir.join("ugly.clas").display().to_string());
    assert_eq!(std::fs::read_to_string(dir.join("ugly.clas")).unwrap(), pretty);
    assert_eq!(std::fs::read_to_string(dir.join("sub/notes.txt")).unwrap(), ugly);

    let (code, stdout, _) = clas_rules(&["fmt", "--check", &dir_arg]);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn fmt_reports_a_syntax_error_and_leaves_the_file_alone() {
    let dir = scratch("fmt-syntax-error");
    let broken = "rulebook \"x\"\n  year \"2023-2024\"\nparam taux: rate = 32.5 %\n";
    let path = dir.join("broken.clas");
    std::fs::write(&path, broken).unwrap();
    let (code, stdout, stderr) = clas_rules(&["fmt", &path.display().to_string()]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.contains("un point décimal dans un nombre"), "{stderr}");
    assert!(stderr.contains("broken.clas:3:"), "{stderr}");
    assert!(stderr.contains("pas mis en forme"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}
