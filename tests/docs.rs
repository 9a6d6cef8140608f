//! The complete example of `docs/language.md` checks cleanly and decides its
//! sample application as the text says, so the guide cannot drift from the tool.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// The fenced blocks of a kind (`clas`, `json`) after a heading.
fn blocks<'a>(text: &'a str, after: &str, kind: &str) -> Vec<&'a str> {
    let start = text.find(after).expect("the heading exists");
    let fence = format!("```{kind}\n");
    text[start..]
        .split(fence.as_str())
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .collect()
}

#[test]
fn the_complete_example_checks_and_decides_as_documented() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/language.md")).unwrap();
    let rulebook = blocks(&docs, "## 10. A complete example", "clas")[0];
    let application = blocks(&docs, "## 10. A complete example", "json")[0];
    let compiled = clas_rules::rulebook::compile("exemple.clas", rulebook);
    assert!(
        compiled.diagnostics.is_empty(),
        "{}",
        compiled
            .sources
            .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr)
    );
    let program = compiled.program.unwrap();
    let input = clas_rules::input::decode::decode(&program, application).unwrap();
    let decision = clas_rules::eval::decide(&program, &input, None).unwrap();
    let json = decision.to_json();
    assert_eq!(json["status"], "eligible");
    assert_eq!(json["outputs"]["ps"], "2113.00");
    assert_eq!(json["collectifs"][1]["eligible"], false);
}

/// Every rulebook fragment of the guide is valid syntax, except the one that
/// shows a syntax error on purpose.
#[test]
fn every_fragment_of_the_guide_parses() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/language.md")).unwrap();
    let mut parsed = 0;
    for block in blocks(&docs, "# The CLAS rules language", "clas") {
        // A fragment that is a bare expression is read as the value of a `let`.
        let Some(first) = block
            .lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        else {
            continue; // only comments
        };
        let text = if clas_rules::syntax::parser::starts_declaration(first) {
            block.to_string()
        } else {
            format!(
                "let x: bool =\n{}",
                block.lines().map(|l| format!("  {l}\n")).collect::<String>()
            )
        };
        let (_, diagnostics) = clas_rules::syntax::parse(clas_rules::diagnostic::FileId(0), &text);
        if block.contains("32.5 %") {
            assert_eq!(diagnostics.len(), 1, "{block}");
            continue;
        }
        assert!(diagnostics.is_empty(), "{block}\n{diagnostics:?}");
        parsed += 1;
    }
    assert!(parsed > 20, "only {parsed} fragments found");
}

/// Every rulebook fragment of the staff guide is valid syntax.
#[test]
fn every_fragment_of_the_staff_guide_parses() {
    let guide = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/guide-annee-suivante.md"
    ))
    .unwrap();
    let mut parsed = 0;
    for block in guide.split("```").skip(1).step_by(2) {
        // Untagged blocks are rulebook text; `sh` and `json` blocks are not.
        let Some(text) = block.strip_prefix('\n') else {
            continue;
        };
        let (_, diagnostics) = clas_rules::syntax::parse(clas_rules::diagnostic::FileId(0), text);
        assert!(diagnostics.is_empty(), "{text}\n{diagnostics:?}");
        parsed += 1;
    }
    assert!(parsed >= 7, "only {parsed} fragments found");
}

#[test]
fn the_guide_lists_exactly_the_reserved_words() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/language.md")).unwrap();
    let start = text.find("These words are reserved").unwrap();
    let end = start + text[start..].find("For example").unwrap();
    let mut listed: Vec<&str> = text[start..end].split('`').skip(1).step_by(2).collect();
    let mut reserved = clas_rules::syntax::parser::RESERVED_WORDS.to_vec();
    listed.sort_unstable();
    reserved.sort_unstable();
    assert_eq!(listed, reserved);
}
