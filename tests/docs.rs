//! The language reference, in English (`docs/language.md`) and in French
//! (`docs/langage.md`), and the staff guide cannot drift from the tool: their
//! rulebook fragments parse, the complete example checks cleanly and decides
//! its sample application as the text says, the words they list are the
//! grammar's. Nor can the two references drift from each other: the same
//! numbered sections, the same code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// One language reference, and the words that mark the parts the tests read.
struct Reference {
    /// The file, from the crate's root.
    path: &'static str,
    /// Where the list of reserved words starts, and the words that follow it.
    reserved_words: (&'static str, &'static str),
    /// Where the list of the keywords that open a declaration starts, and
    /// what follows it.
    declaration_keywords: (&'static str, &'static str),
    /// The heading of the complete example.
    example: &'static str,
}

const ENGLISH: Reference = Reference {
    path: "docs/language.md",
    reserved_words: ("These words are reserved", "For example"),
    declaration_keywords: ("**starts at the very beginning of a line**", "\n2. "),
    example: "## 10. A complete example",
};

const FRENCH: Reference = Reference {
    path: "docs/langage.md",
    reserved_words: ("Les mots suivants sont réservés", "Par exemple"),
    declaration_keywords: ("**commence tout au début d'une ligne**", "\n2. "),
    example: "## 10. Un exemple complet",
};

const REFERENCES: [Reference; 2] = [ENGLISH, FRENCH];

impl Reference {
    fn text(&self) -> String {
        std::fs::read_to_string(format!("{}/{}", env!("CARGO_MANIFEST_DIR"), self.path)).unwrap()
    }
}

/// A fenced block: the number of the `## N.` section it is in (empty before
/// the first), its tag (`clas`, `json`, `sh`, or empty) and its text.
#[derive(Debug)]
struct Block<'a> {
    section: &'a str,
    kind: &'a str,
    code: &'a str,
}

/// The number of a `## N. …` heading.
fn section_number(line: &str) -> Option<&str> {
    let (number, _) = line.strip_prefix("## ")?.split_once(". ")?;
    number.chars().all(|c| c.is_ascii_digit()).then_some(number)
}

/// The fenced blocks of a text, in order.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut found = Vec::new();
    let mut section = "";
    let mut open: Option<(&str, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        match open {
            None => {
                if let Some(kind) = line.strip_prefix("```") {
                    open = Some((kind.trim_end(), offset + line.len()));
                } else if let Some(number) = section_number(line) {
                    section = number;
                }
            }
            Some((kind, start)) => {
                if line.starts_with("```") {
                    found.push(Block {
                        section,
                        kind,
                        code: &text[start..offset],
                    });
                    open = None;
                }
            }
        }
        offset += line.len();
    }
    assert!(open.is_none(), "a fenced block is never closed");
    found
}

/// The lines of a text outside its fenced blocks.
fn prose(text: &str) -> impl Iterator<Item = &str> {
    let mut fenced = false;
    text.lines().filter(move |line| {
        if line.starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

/// The words in backquotes between two markers of a text.
fn quoted_between<'a>(text: &'a str, (start, end): (&str, &str)) -> Vec<&'a str> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` is not in the text"));
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("`{end}` does not follow `{start}`"));
    let mut words: Vec<&str> = text[from..to].split('`').skip(1).step_by(2).collect();
    words.sort_unstable();
    words
}

#[test]
fn the_complete_example_checks_and_decides_as_documented() {
    for reference in REFERENCES {
        let text = reference.text();
        let number = section_number(reference.example).unwrap();
        assert!(
            text.contains(&format!("\n{}\n", reference.example)),
            "{}",
            reference.path
        );
        let example: Vec<Block> = blocks(&text)
            .into_iter()
            .filter(|b| b.section == number)
            .collect();
        let rulebook = example.iter().find(|b| b.kind == "clas").unwrap().code;
        let application = example.iter().find(|b| b.kind == "json").unwrap().code;
        let compiled = clas_rules::rulebook::compile("exemple.clas", rulebook);
        assert!(
            compiled.diagnostics.is_empty(),
            "{}: {}",
            reference.path,
            compiled
                .sources
                .render(&compiled.diagnostics, false, clas_rules::i18n::Lang::Fr)
        );
        let program = compiled.program.unwrap();
        let input = clas_rules::input::decode::decode(&program, application).unwrap();
        let decision = clas_rules::eval::decide(&program, &input, None).unwrap();
        let json = decision.to_json();
        assert_eq!(json["status"], "eligible", "{}", reference.path);
        assert_eq!(json["outputs"]["ps"], "2113.00", "{}", reference.path);
        assert_eq!(json["collectifs"][1]["eligible"], false, "{}", reference.path);
    }
}

/// Every rulebook fragment of a reference is valid syntax, except the one
/// that shows a syntax error on purpose. Returns how many parsed.
fn fragments_parse(reference: &Reference) -> usize {
    let text = reference.text();
    let mut parsed = 0;
    for block in blocks(&text).into_iter().filter(|b| b.kind == "clas") {
        let block = block.code;
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
            assert_eq!(diagnostics.len(), 1, "{}: {block}", reference.path);
            continue;
        }
        assert!(
            diagnostics.is_empty(),
            "{}: {block}\n{diagnostics:?}",
            reference.path
        );
        parsed += 1;
    }
    parsed
}

#[test]
fn every_fragment_of_both_references_parses() {
    let english = fragments_parse(&ENGLISH);
    let french = fragments_parse(&FRENCH);
    assert!(english > 20, "only {english} fragments found");
    assert_eq!(
        english, french,
        "fragments that parse in {} and {}",
        ENGLISH.path, FRENCH.path
    );
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
fn both_references_list_exactly_the_reserved_words() {
    let mut reserved = clas_rules::syntax::parser::RESERVED_WORDS.to_vec();
    reserved.sort_unstable();
    for reference in REFERENCES {
        let text = reference.text();
        let listed = quoted_between(&text, reference.reserved_words);
        assert_eq!(listed, reserved, "{}", reference.path);
    }
}

#[test]
fn both_references_list_exactly_the_keywords_that_open_a_declaration() {
    let mut keywords = clas_rules::syntax::parser::DECLARATION_KEYWORDS.to_vec();
    keywords.sort_unstable();
    for reference in REFERENCES {
        let text = reference.text();
        let listed = quoted_between(&text, reference.declaration_keywords);
        assert_eq!(listed, keywords, "{}", reference.path);
    }
}

/// The numbered sections of a reference, each with how many `###` headings
/// it holds.
fn sections(text: &str) -> Vec<(&str, usize)> {
    let mut found: Vec<(&str, usize)> = Vec::new();
    for line in prose(text) {
        if let Some(number) = section_number(line) {
            found.push((number, 0));
        } else if line.starts_with("### ")
            && let Some((_, subheadings)) = found.last_mut()
        {
            *subheadings += 1;
        }
    }
    found
}

#[test]
fn both_references_have_the_same_numbered_sections() {
    let (english, french) = (ENGLISH.text(), FRENCH.text());
    let (english, french) = (sections(&english), sections(&french));
    assert!(english.len() >= 11, "{english:?}");
    for (i, (number, _)) in english.iter().enumerate() {
        assert_eq!(
            *number,
            (i + 1).to_string(),
            "{}: sections numbered in order",
            ENGLISH.path
        );
    }
    assert_eq!(
        english, french,
        "the sections (`## N.`) and how many `###` headings each holds, in {} and in {}",
        ENGLISH.path, FRENCH.path
    );
}

/// A `clas` block as the tool reads it: without its comments, blank lines
/// and trailing spaces.
fn without_comments(code: &str) -> String {
    use clas_rules::syntax::scan::{Region, regions};
    let code: String = regions(code)
        .filter(|(_, _, region)| *region != Region::Comment)
        .map(|(_, c, _)| c)
        .collect();
    code.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The examples are the same in both references: only their comments are
/// translated. (None differs on purpose; one that had to would be listed here
/// with its reason.)
#[test]
fn both_references_show_the_same_code() {
    let (english, french) = (ENGLISH.text(), FRENCH.text());
    let code = |text| -> Vec<(&str, &str, String)> {
        blocks(text)
            .into_iter()
            .filter_map(|b| match b.kind {
                "clas" => Some((b.section, b.kind, without_comments(b.code))),
                "json" => Some((b.section, b.kind, b.code.to_string())),
                _ => None,
            })
            .collect()
    };
    let (english, french) = (code(&english), code(&french));
    assert!(english.len() > 20, "only {} blocks found", english.len());
    for (i, (in_english, in_french)) in english.iter().zip(&french).enumerate() {
        assert_eq!(
            in_english,
            in_french,
            "block {} of {} (§{}) and of {}",
            i + 1,
            ENGLISH.path,
            in_english.0,
            FRENCH.path
        );
    }
    assert_eq!(
        english.len(),
        french.len(),
        "`clas` and `json` blocks in {} and {}",
        ENGLISH.path,
        FRENCH.path
    );
}

/// GitHub's anchor for a heading: lower case, spaces as `-`, other marks
/// dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            _ if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_link_inside_a_reference_names_one_of_its_headings() {
    for reference in REFERENCES {
        let text = reference.text();
        let anchors: Vec<String> = prose(&text)
            .filter(|line| line.starts_with('#'))
            .map(|line| anchor(line.trim_start_matches('#')))
            .collect();
        let links: Vec<&str> = text
            .split("](#")
            .skip(1)
            .map(|rest| rest.split(')').next().unwrap())
            .collect();
        assert!(!links.is_empty(), "{}", reference.path);
        for link in links {
            assert!(
                anchors.iter().any(|a| a == link),
                "{}: no heading for #{link}",
                reference.path
            );
        }
    }
}

/// French typography, the staff guide's way: a plain space before `:`, `;`,
/// `?`, `!` and `»`, and after `«`, outside code.
#[test]
fn the_french_reference_spaces_its_punctuation_one_way() {
    let text = FRENCH.text();
    for line in prose(&text) {
        let words: String = line.split('`').step_by(2).collect::<Vec<_>>().join("`…`");
        let chars: Vec<char> = words.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let spaced = match c {
                // A line break is a space too.
                ':' | ';' | '?' | '!' | '»' => i == 0 || chars[i - 1] == ' ',
                '«' => chars.get(i + 1).is_none_or(|next| *next == ' '),
                _ => true,
            };
            assert!(spaced, "{}: `{c}` without a plain space in: {line}", FRENCH.path);
        }
    }
}
