//! Every code the tool can emit has an explanation in French and in English
//! (`docs/codes/<lang>/<CODE>.md`, what `clas-rules explain CODE` prints),
//! and the examples of each really give that code (the wrong one) and really
//! clear it (the corrected one).
//!
//! An explanation is Markdown: a title `# E0203 — …`, prose, then a section
//! with the wrong example and a section with the corrected one
//! (`## Exemple fautif` / `## Correction` in French, `## Wrong` /
//! `## Corrected` in English). An example is one or more fenced blocks:
//! - ```` ```clas ````: a rulebook, checked alone;
//! - ```` ```clas rules/clas/child.clas ````: rulebooks written into a rules
//!   folder at those paths; the last one is loaded with what it extends;
//! - ```` ```json ````: an application, read as `clas-rules eval` reads it
//!   and decided with the built-in rulebook of its `annee_scolaire`;
//! - ```` ```csv ````: a campaign, read as `clas-rules eval --batch` reads it
//!   with every built-in rulebook: the codes of its error records, or of the
//!   error that stops it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::i18n::{Code, Lang, codes, explanation};
use clas_rules::rulebook::{self, RulesSource};
use std::path::{Path, PathBuf};

/// Codes whose examples cannot be written as a file, and why.
const WITHOUT_EXAMPLE: &[(&str, &str)] = &[
    (
        "E0699",
        "a fault of the tool itself: no input is meant to give it",
    ),
    (
        "E0010",
        "a guard of the parser: it is given only when the grammar accepts a declaration that its \
         reading into the syntax tree does not expect, and every form the grammar accepts is read",
    ),
    (
        "E0513",
        "bytes that are not UTF-8 cannot be written in a Markdown code block, which is UTF-8 text",
    ),
];

/// The codes an application gives, read and decided as `clas-rules eval`
/// does with the built-in rulebook of its `annee_scolaire`.
fn application_codes(text: &str) -> Vec<Code> {
    use clas_rules::input::{decode, json};
    let document = match json::parse(text) {
        Ok(document) => document,
        Err(error) => return vec![error.code],
    };
    if !matches!(document.kind, json::JsonKind::Object(_)) {
        return vec![decode::not_an_object(&document).code];
    }
    let Some(year) = document
        .member("annee_scolaire")
        .and_then(json::JsonValue::as_text)
    else {
        return vec![codes::MISSING_FIELD];
    };
    let caf = document
        .member(clas_rules::input::CAF_FIELD)
        .and_then(json::JsonValue::as_text);
    let compiled = match rulebook::for_caf_year(&RulesSource::Embedded, caf, year)
        .and_then(|found| rulebook::load(&RulesSource::Embedded, found))
    {
        Ok(compiled) => compiled,
        Err(error) => return vec![error.code()],
    };
    let Some(program) = compiled.program.as_ref() else {
        return compiled.diagnostics.iter().map(|d| d.code).collect();
    };
    match decode::decode_value(program, &document) {
        Err(errors) => errors.iter().map(|e| e.code).collect(),
        Ok(value) => match clas_rules::eval::decide(program, &value, None) {
            Ok(_) => Vec::new(),
            Err(error) => vec![error.code],
        },
    }
}

/// The codes a campaign gives, read as `clas-rules eval --batch` reads a
/// CSV file with every built-in rulebook: those of its error records, or
/// the code of the error that stops it.
fn campaign_codes(text: &str) -> Vec<Code> {
    use clas_rules::batch::{self, InputFormat, OutputFormat, Rulebooks};
    let source = RulesSource::Embedded;
    let all = rulebook::all_rulebooks(&source).unwrap();
    let compiled: Vec<_> = rulebook::deciding(&all)
        .into_iter()
        .map(|found| rulebook::load(&source, found).unwrap())
        .collect();
    let programs: Vec<&clas_rules::program::Program> =
        compiled.iter().filter_map(|c| c.program.as_ref()).collect();
    let default_caf = rulebook::default_caf(&source, &all, None).unwrap();
    let rulebooks = Rulebooks::new(&programs, default_caf, None);
    let mut output = Vec::new();
    let run = batch::run(
        &rulebooks,
        &mut std::io::Cursor::new(text.as_bytes()),
        InputFormat::Csv(b','),
        &mut output,
        OutputFormat::JsonLines,
        Lang::Fr,
        |_, _| {},
    );
    if let Err(error) = run {
        return error.code.into_iter().collect();
    }
    String::from_utf8(output)
        .unwrap()
        .lines()
        .filter_map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            Code::parse(record.get("code")?.as_str()?)
        })
        .collect()
}

/// The headings of the two examples, by language.
fn headings(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fr => ("## Exemple fautif", "## Correction"),
        Lang::En => ("## Wrong", "## Corrected"),
    }
}

/// A fenced block: its info string (after the language) and its text.
struct Block {
    kind: String,
    path: Option<String>,
    text: String,
}

/// The fenced blocks between a heading and the next `## ` heading.
fn blocks_under(text: &str, heading: &str) -> Vec<Block> {
    let Some(start) = text.find(&format!("\n{heading}\n")) else {
        return Vec::new();
    };
    let section = &text[start + heading.len() + 2..];
    let section = section.find("\n## ").map_or(section, |end| &section[..end]);
    let mut found = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let mut words = info.split_whitespace();
        let kind = words.next().unwrap_or("").to_string();
        let path = words.next().map(str::to_string);
        let mut body = String::new();
        for line in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        found.push(Block {
            kind,
            path,
            text: body,
        });
    }
    found
}

/// The codes an example gives.
fn codes_of(blocks: &[Block], place: &str) -> Vec<Code> {
    assert!(!blocks.is_empty(), "{place}: no example");
    let last = blocks.last().unwrap();
    match last.kind.as_str() {
        "clas" if last.path.is_none() => {
            assert_eq!(blocks.len(), 1, "{place}: a rulebook checked alone is one block");
            let compiled = rulebook::compile("exemple.clas", &last.text);
            compiled.diagnostics.iter().map(|d| d.code).collect()
        }
        "clas" => {
            let dir = scratch(place);
            for block in blocks {
                let path = dir.join(block.path.as_deref().unwrap_or("rules/sans-nom.clas"));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &block.text).unwrap();
            }
            let path = dir.join(last.path.as_deref().unwrap());
            let source = rulebook::RulesSource::Dir(rulebook::rules_dir_of(&path));
            let loaded = rulebook::file_in(&source, &path).and_then(|found| rulebook::load(&source, found));
            let _ = std::fs::remove_dir_all(&dir);
            match loaded {
                Ok(compiled) => compiled.diagnostics.iter().map(|d| d.code).collect(),
                Err(error) => vec![error.code()],
            }
        }
        "json" => {
            assert_eq!(blocks.len(), 1, "{place}: an application is one block");
            application_codes(&last.text)
        }
        "csv" => {
            assert_eq!(blocks.len(), 1, "{place}: a campaign is one block");
            campaign_codes(&last.text)
        }
        other => panic!("{place}: an example in `{other}` is not run by this test"),
    }
}

fn scratch(place: &str) -> PathBuf {
    let name: String = place
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let dir = std::env::temp_dir().join(format!("clas-rules-explain-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_code_has_an_explanation_whose_examples_give_and_clear_it() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for code in codes::ALL {
        for lang in Lang::ALL {
            let place = format!("docs/codes/{}/{}.md", lang.tag(), code.id());
            let Some(text) = explanation(lang, *code) else {
                problems.push(format!("{place}: missing"));
                continue;
            };
            if !text.starts_with(&format!("# {} — ", code.id())) {
                problems.push(format!(
                    "{place}: the first line is not `# {} — title`",
                    code.id()
                ));
            }
            if WITHOUT_EXAMPLE.iter().any(|(id, _)| *id == code.id()) {
                continue;
            }
            let (wrong, right) = headings(lang);
            let given = codes_of(&blocks_under(text, wrong), &format!("{place} {wrong}"));
            if !given.contains(code) {
                problems.push(format!(
                    "{place}: the wrong example gives {:?}, not {}",
                    given.iter().map(|c| c.id()).collect::<Vec<_>>(),
                    code.id()
                ));
            }
            let after = codes_of(&blocks_under(text, right), &format!("{place} {right}"));
            if after.contains(code) {
                problems.push(format!(
                    "{place}: the corrected example still gives {}",
                    code.id()
                ));
            }
            if let Some(error) = after
                .iter()
                .find(|c| c.severity() == clas_rules::diagnostic::Severity::Error)
            {
                problems.push(format!(
                    "{place}: the corrected example gives the error {}",
                    error.id()
                ));
            }
            checked += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 100, "only {checked} explanations checked");
}

#[test]
fn no_explanation_is_left_for_a_code_that_does_not_exist() {
    for lang in Lang::ALL {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/codes")
            .join(lang.tag());
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(Code::parse(&stem).is_some(), "{}: no such code", path.display());
        }
    }
}

#[test]
fn explain_prints_the_explanation_in_the_language_asked() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_clas-rules"))
            .args(args)
            .env_remove("CLAS_LANG")
            .output()
            .unwrap()
    };
    let out = run(&["explain", "E0203"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# E0203 — "), "{text}");
    assert!(text.contains("## Exemple fautif"), "{text}");
    let out = run(&["explain", "e0203", "--lang", "en"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## Wrong"), "{text}");
    let out = run(&["explain", "E9999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("n'est pas un code de clas-rules"));
    let out = run(&["explain"]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert_eq!(list.lines().count(), codes::ALL.len(), "{list}");
    assert!(list.lines().any(|l| l.starts_with("E0203  ")), "{list}");
}

/// Every code of the list is used somewhere in the sources (so the list is
/// the codes the tool can emit), and every code the sources use is listed.
#[test]
fn every_listed_code_is_used_by_the_code() {
    let mut sources = String::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("codes.rs") {
                sources.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let declared =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/codes.rs")).unwrap();
    let names: Vec<&str> = declared
        .lines()
        .filter_map(|l| l.trim().split_once(" = \"").map(|(name, _)| name))
        .filter(|name| {
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        })
        .collect();
    assert_eq!(names.len(), codes::ALL.len(), "{names:?}");
    let unused: Vec<&&str> = names
        .iter()
        .filter(|name| !sources.contains(&format!("codes::{name}")))
        .collect();
    assert!(unused.is_empty(), "codes the tool never emits: {unused:?}");
}
