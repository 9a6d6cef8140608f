//! The message catalogs are whole: every `.ftl` file parses, each language
//! has the same messages with the same variables, and every message the code
//! builds (`msg!("id", name = …)`) exists in both, with exactly the
//! variables the code gives it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every message of a language: id → (file, variables).
fn catalog(lang: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let dir = Path::new(ROOT).join("locales").join(lang);
    let mut messages = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no catalog in {}", dir.display());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{}: {errors:?}", file.display()),
        };
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    let pattern = message
                        .value
                        .as_ref()
                        .unwrap_or_else(|| panic!("{name}: `{}` has no value", message.id.name));
                    pattern_variables(pattern, &mut variables);
                    let id = message.id.name.to_string();
                    if let Some((other, _)) = messages.insert(id.clone(), (name.clone(), variables)) {
                        panic!("`{id}` is defined twice in {lang}: in {other} and {name}");
                    }
                }
                ast::Entry::Junk { content } => panic!("{name}: not Fluent: {content}"),
                _ => {}
            }
        }
    }
    messages
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::MessageReference { id, .. } => {
            panic!(
                "`{}`: catalogs do not reference other messages; the code composes them",
                id.name
            )
        }
        _ => {}
    }
}

/// Every `msg!(…)` of the sources: (file and line, id, variables given).
fn uses_in_code() -> Vec<(String, String, BTreeSet<String>)> {
    let mut found = uses_in_templates();
    let mut stack = vec![Path::new(ROOT).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, id, variables) in macro_calls(&text) {
                    let line = text[..at].matches('\n').count() + 1;
                    let place = format!("{}:{line}", path.strip_prefix(ROOT).unwrap().display());
                    found.push((place, id, variables));
                }
            }
        }
    }
    found
}

/// Every `t.s("id")` of the HTML templates (words without variables):
/// (file and line, id, no variables).
fn uses_in_templates() -> Vec<(String, String, BTreeSet<String>)> {
    let mut found = Vec::new();
    let mut stack = vec![Path::new(ROOT).join("templates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("t.s(\"") {
                    let id: String = text[at + 5..].chars().take_while(|c| *c != '"').collect();
                    let line = text[..at].matches('\n').count() + 1;
                    let place = format!("{}:{line}", path.strip_prefix(ROOT).unwrap().display());
                    found.push((place, id, BTreeSet::new()));
                }
            }
        }
    }
    found
}

/// The `msg!("id", a = …, b = …)` calls of a Rust text: where, the id, the
/// names of the variables (the identifiers before `=` at the top level).
fn macro_calls(text: &str) -> Vec<(usize, String, BTreeSet<String>)> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("msg!(") {
        let start = from + found;
        from = start + 5;
        // `macro_rules! msg` itself and its documentation are not calls.
        let rest = &text[from..];
        let Some(after_quote) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let id: String = after_quote.chars().take_while(|c| *c != '"').collect();
        // The arguments: up to the closing bracket, skipping strings and nested brackets.
        let mut depth = 1;
        let mut in_string = false;
        let mut escaped = false;
        let mut end = from;
        for (i, c) in rest.char_indices() {
            if inside_string(c, &mut in_string, &mut escaped) {
                continue;
            }
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = from + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let arguments = &text[from..end];
        let mut variables = BTreeSet::new();
        for part in top_level_parts(arguments).into_iter().skip(1) {
            if let Some((name, _)) = part.split_once('=') {
                variables.insert(name.trim().to_string());
            }
        }
        calls.push((start, id, variables));
    }
    calls
}

/// Follows a Rust string literal through `c`: whether `c` is inside one
/// (its closing quote included), updating the state.
fn inside_string(c: char, in_string: &mut bool, escaped: &mut bool) -> bool {
    if !*in_string {
        return false;
    }
    match c {
        _ if *escaped => *escaped = false,
        '\\' => *escaped = true,
        '"' => *in_string = false,
        _ => {}
    }
    true
}

/// The comma-separated parts of an argument list, not counting commas inside
/// strings or brackets.
fn top_level_parts(arguments: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for c in arguments.chars() {
        if !inside_string(c, &mut in_string, &mut escaped) {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(String::new());
                    continue;
                }
                _ => {}
            }
        }
        parts.last_mut().unwrap().push(c);
    }
    parts.retain(|p| !p.trim().is_empty());
    parts
}

#[test]
fn french_and_english_have_the_same_messages_with_the_same_variables() {
    let fr = catalog("fr");
    let en = catalog("en");
    let mut problems = Vec::new();
    for (id, (file, variables)) in &fr {
        match en.get(id) {
            None => problems.push(format!("`{id}` ({file}) is missing in English")),
            Some((en_file, en_variables)) => {
                if en_file != file {
                    problems.push(format!("`{id}` is in fr/{file} but en/{en_file}"));
                }
                if en_variables != variables {
                    problems.push(format!(
                        "`{id}`: French uses {variables:?}, English {en_variables:?}"
                    ));
                }
            }
        }
    }
    for (id, (file, _)) in &en {
        if !fr.contains_key(id) {
            problems.push(format!("`{id}` ({file}) is missing in French"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(fr.len() > 300, "only {} messages", fr.len());
}

#[test]
fn every_message_the_code_builds_is_in_the_catalogs_with_its_variables() {
    let fr = catalog("fr");
    let en = catalog("en");
    let uses = uses_in_code();
    assert!(uses.len() > 300, "only {} uses of msg! found", uses.len());
    let mut problems = Vec::new();
    for (place, id, given) in &uses {
        for (lang, catalog) in [("fr", &fr), ("en", &en)] {
            match catalog.get(id) {
                None => problems.push(format!("{place}: `{id}` is not in the {lang} catalog")),
                Some((_, wanted)) if wanted != given => problems.push(format!(
                    "{place}: `{id}` is given {given:?}, the {lang} catalog uses {wanted:?}"
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_message_is_left_unused() {
    let fr = catalog("fr");
    let used: BTreeSet<String> = uses_in_code().into_iter().map(|(_, id, _)| id).collect();
    // Built by the catalog itself (lists) rather than by `msg!`.
    let internal = ["list-or", "list-and"];
    let unused: Vec<&String> = fr
        .keys()
        .filter(|id| !used.contains(*id) && !internal.contains(&id.as_str()))
        .collect();
    assert!(unused.is_empty(), "messages no code builds: {unused:?}");
}

#[test]
fn the_scanner_reads_nested_arguments() {
    let calls = macro_calls(r#"x(msg!("a-b", name = f(1, 2), text = "x, y)"), msg!("c"))"#);
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].1, "a-b");
    assert_eq!(
        calls[0].2,
        ["name", "text"].iter().map(|s| s.to_string()).collect()
    );
    assert!(calls[1].2.is_empty());
}
