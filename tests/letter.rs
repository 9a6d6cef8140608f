//! The printable decision (`clas-rules eval --format html`): the page of a
//! few cases of `tests/cases/2023-2024/` (each snapshot shows the application,
//! then the page's body), hostile names shown as text, and the binary as
//! staff run it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::decision::{Decision, Sentence};
use clas_rules::i18n::Lang;
use clas_rules::render::letter;
use clas_rules::rulebook::{self, RulesSource};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rules_dir() -> RulesSource {
    RulesSource::Dir(root().join("rules"))
}

/// Decides an application as `eval --format html` does (with its
/// explanation), by the rulebook of its year or the one given; the hash is
/// masked and the paths made relative, so that a snapshot only changes when
/// the page does.
fn decide(application: &Path, rules: Option<&Path>) -> Decision {
    let text = std::fs::read_to_string(application).unwrap();
    let found = match rules {
        Some(file) => rulebook::file_in(&rules_dir(), file).unwrap(),
        None => rulebook::for_year(&rules_dir(), "2023-2024").unwrap(),
    };
    let compiled = rulebook::load(&rules_dir(), found).unwrap();
    let program = compiled.program.as_ref().expect("the rulebook checks");
    let input = clas_rules::input::decode::decode(program, &text)
        .unwrap_or_else(|errors| panic!("{}: {errors:?}", application.display()));
    let mut decision = clas_rules::eval::decide(program, &input, Some(&compiled.sources)).unwrap();
    decision.rulebook = compiled.reference();
    let relative = |path: &str| {
        path.replace(env!("CARGO_MANIFEST_DIR"), "")
            .trim_start_matches('/')
            .to_string()
    };
    decision.rulebook.file = relative(&decision.rulebook.file);
    decision.rulebook.extends = decision.rulebook.extends.iter().map(|e| relative(e)).collect();
    decision.rulebook.sha256 = "[sha256]".into();
    for layer in &mut decision.rulebook.layers {
        layer.file = relative(&layer.file);
        layer.sha256 = "[sha256]".into();
    }
    decision
}

/// The page from `<body>` on: the head is the same on every page (see
/// `the_page_is_self_contained`).
fn body(page: &str) -> &str {
    let start = page.find("<body>").expect("a body");
    &page[start..]
}

fn snapshot(name: &str, application: &Path, page: &str) {
    let input = std::fs::read_to_string(application).unwrap();
    insta::with_settings!({ snapshot_suffix => name.to_string() }, {
        insta::assert_snapshot!("page", format!(
            "── application ──\n{}\n── page ──\n{}",
            input.trim_end(),
            body(page)
        ));
    });
}

/// The cases a carrier's file most often holds: eligible, one collectif
/// excluded, refused for several reasons, incomplete, with a warning.
const CASES: [&str; 5] = [
    "reference-eligible",
    "plusieurs-collectifs-un-exclu",
    "plusieurs-motifs-de-refus",
    "bilan-absent-incomplet",
    "bonus-proposes-sans-participation-avertissement",
];

#[test]
fn pages_of_the_cases() {
    for case in CASES {
        let application = root().join(format!("tests/cases/2023-2024/{case}.json"));
        let page = letter::html(&decide(&application, None), Lang::Fr).unwrap();
        snapshot(case, &application, &page);
    }
}

#[test]
fn the_status_is_said_in_words_and_in_colour() {
    let expected = [
        ("reference-eligible", "status-eligible", "Demande éligible"),
        (
            "plusieurs-motifs-de-refus",
            "status-ineligible",
            "Demande non éligible",
        ),
        (
            "bilan-absent-incomplet",
            "status-incomplete",
            "Demande incomplète",
        ),
    ];
    for (case, class, words) in expected {
        let application = root().join(format!("tests/cases/2023-2024/{case}.json"));
        let page = letter::html(&decide(&application, None), Lang::Fr).unwrap();
        let status = format!("<p class=\"status {class} letter-status\">{words}</p>");
        assert!(page.contains(&status), "{case}: no `{status}` in\n{page}");
    }
}

/// Applications under `tests/letter/`, decided with an output that names the
/// carrier: their names are hostile, and show as text.
#[test]
fn hostile_names_show_as_text() {
    insta::glob!("letter/*.json", |path| {
        let decision = decide(path, None);
        let page = letter::html(&decision, Lang::Fr).unwrap();
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        snapshot(&case, path, &page);
        let page_body = body(&page);
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page_body.contains("onerror=alert(1)>"), "{page}");
        assert!(
            page_body.contains("<dd>&#60;script&#62;alert(1)&#60;/script&#62;</dd>"),
            "the carrier's name, escaped, in the header: {page}"
        );
        assert!(
            page_body.contains("<td>&#34;&#62;&#60;img src=x onerror=alert(1)&#62;</td>"),
            "the collectif's name, escaped: {page}"
        );
    });
}

#[test]
fn sentences_of_the_explanation_are_shown_and_escaped() {
    let application = root().join("tests/cases/2023-2024/plusieurs-collectifs-un-exclu.json");
    let mut decision = decide(&application, None);
    let explanation = decision.explanation.as_mut().expect("an explanation");
    explanation.outputs_in_words.push(Sentence {
        subject: "Ps du collectif".into(),
        text: clas_rules::msg!(
            "words-plain",
            text = "6 500,00 € × 32,5 % = 2 112,50 €, arrondi à l'euro le plus proche : 2 113,00 € <b>"
        ),
        source: Some("§3 Modalités de financement".into()),
        item: Some(("collectifs".into(), 1)),
    });
    explanation.rules_in_words.push(Sentence {
        subject: "Effectif du collectif".into(),
        text: clas_rules::msg!("words-plain", text = "5 enfants, hors de 8 à 12"),
        source: None,
        item: Some(("collectifs".into(), 2)),
    });
    let page = letter::html(&decision, Lang::Fr).unwrap();
    assert!(
        page.contains(
            "<li><strong>Ps du collectif</strong> (Collectif n° 2 : CP-CE1 Les Couzes) : 6 500,00 € × 32,5 % \
             = 2 112,50 €, arrondi à l&#39;euro le plus proche : 2 113,00 € &#60;b&#62;<br>\
             <span class=\"source\">§3 Modalités de financement</span></li>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<li><strong>Effectif du collectif</strong> (Collectif n° 3 : CM2 La Chaîne des Dômes) : \
             5 enfants, hors de 8 à 12</li>"
        ),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"explanation\">Explication</h2>"), "{page}");
    // Without sentences there is no explanation section at all, and never
    // the formulas of the rules language.
    let bare = decide(&application, None);
    let has_sentences = bare
        .explanation
        .as_ref()
        .is_some_and(|e| !e.outputs_in_words.is_empty() || !e.rules_in_words.is_empty());
    let bare = letter::html(&bare, Lang::Fr).unwrap();
    assert_eq!(bare.contains("id=\"explanation\""), has_sentences, "{bare}");
    assert!(!page.contains("ps_collectif("), "{page}");
    assert!(!page.contains("round("), "{page}");
}

#[test]
fn the_page_is_self_contained_and_names_its_rulebook() {
    let application = root().join("tests/cases/2023-2024/reference-eligible.json");
    let mut decision = decide(&application, None);
    decision.rulebook.sha256 = "0123456789abcdef".repeat(4);
    let page = letter::html(&decision, Lang::Fr).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{page}");
    assert!(page.contains("Content-Security-Policy"), "{page}");
    for outside in ["<script", "<link", "src=", "href=", "url(", "@import"] {
        assert!(!page.contains(outside), "`{outside}` in {page}");
    }
    assert!(
        page.contains("<code>0123456789ab</code>"),
        "the short hash: {page}"
    );
    assert!(
        page.contains(&format!(
            "<code class=\"hash\">{}</code>",
            "0123456789abcdef".repeat(4)
        )),
        "the full hash: {page}"
    );
    assert!(page.contains("version 1"), "{page}");
    let headings: Vec<&str> = page.match_indices("<h1").map(|(_, h)| h).collect();
    assert_eq!(headings.len(), 1, "one h1: {page}");
}

#[test]
fn the_page_speaks_english_when_asked() {
    let application = root().join("tests/cases/2023-2024/plusieurs-collectifs-un-exclu.json");
    let page = letter::html(&decide(&application, None), Lang::En).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{page}");
    assert!(page.contains("Application eligible"), "{page}");
    assert!(page.contains(">excluded</span>"), "{page}");
    assert!(
        page.contains("Collectif no. 3: CM2 La Chaîne des Dômes"),
        "{page}"
    );
    assert!(!page.contains("Demande éligible"), "{page}");
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clas-rules"))
        .args(args)
        .current_dir(root())
        .env_remove("CLAS_RULES_DIR")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

#[test]
fn the_binary_writes_the_page_on_standard_output_and_the_same_bytes_each_time() {
    let args = [
        "eval",
        "--format",
        "html",
        "tests/cases/2023-2024/plusieurs-collectifs-un-exclu.json",
    ];
    let first = run(&args);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let page = String::from_utf8(first.stdout.clone()).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{page}");
    assert!(page.trim_end().ends_with("</html>"), "{page}");
    assert!(page.contains("Demande éligible"), "{page}");
    assert!(
        page.contains("<td class=\"num\">4\u{202f}388,00 €</td>"),
        "{page}"
    );
    // The explanation is computed even without `--explain` (its sentences
    // show when the rulebook's words are filled); its formulas never show.
    assert!(!page.contains("min("), "{page}");
    let hash = page
        .split("<code class=\"hash\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default();
    assert_eq!(hash.len(), 64, "{page}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
    let second = run(&args);
    assert_eq!(first.stdout, second.stdout, "the page is reproducible");
}

#[test]
fn a_campaign_is_not_written_as_a_page() {
    let out = run(&[
        "eval",
        "--batch",
        "tests/cases/2023-2024/reference-eligible.json",
        "--format",
        "html",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--format html"), "{stderr}");
    assert!(stderr.contains("--report"), "{stderr}");
}
