//! The campaign report (`eval --batch FILE --report report.html`): what it
//! says of a small campaign made of the cases under `tests/cases/` and of
//! hostile or broken records (`tests/report/`), that it escapes what the
//! applications say, marks a declared ceiling, stays the same size whatever
//! the number of applications, and is written by the binary beside the
//! decisions.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use clas_rules::batch::{self, InputFormat, OutputFormat, Rulebooks};
use clas_rules::decision::RulebookRef;
use clas_rules::i18n::Lang;
use clas_rules::program::Program;
use clas_rules::rulebook::{self, RulesSource};
use common::{clas_rules, root};
use std::path::PathBuf;

/// The real rulebooks, by year, with how the report names them.
fn rulebooks() -> Vec<(Program, RulebookRef)> {
    // Relative, as a user names it: the page names the rulebook's file.
    let source = RulesSource::Dir(PathBuf::from("rules"));
    ["2023-2024", "2024-2025"]
        .iter()
        .map(|year| {
            let found = rulebook::for_year(&source, year).unwrap();
            let compiled = rulebook::load(&source, found).unwrap();
            let reference = compiled.reference();
            (compiled.program.unwrap(), reference)
        })
        .collect()
}

/// Each case of a year's folder, one JSON line each, with their names.
fn cases(year: &str) -> (Vec<String>, String) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/cases").join(year))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut lines = String::new();
    let mut names = Vec::new();
    for file in files {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        lines.push_str(&serde_json::to_string(&value).unwrap());
        lines.push('\n');
        names.push(file.file_name().unwrap().to_string_lossy().into_owned());
    }
    (names, lines)
}

fn hostile() -> String {
    std::fs::read_to_string(root().join("tests/report/hostiles-et-erreurs.jsonl")).unwrap()
}

/// The report page of a campaign, decided with `programs`.
fn report_of(programs: &[(Program, RulebookRef)], campaign: &str, file: &str) -> String {
    let refs: Vec<&Program> = programs.iter().map(|(p, _)| p).collect();
    let rulebooks = Rulebooks::new(&refs, Some("63".to_string()), None);
    let (_, report) = batch::run_reporting(
        &rulebooks,
        &mut campaign.as_bytes(),
        InputFormat::JsonLines,
        &mut std::io::sink(),
        OutputFormat::JsonLines,
        Lang::Fr,
        true,
        |_, _| {},
    )
    .unwrap();
    let references: Vec<RulebookRef> = programs.iter().map(|(_, r)| r.clone()).collect();
    clas_rules::render::campaign::html(&report.unwrap(), file, &references, Lang::Fr).unwrap()
}

/// The page without its style sheet, each chart reduced to its title and
/// text alternative, one element per line: what a reviewer reads.
fn readable(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</svg>").unwrap() + start + "</svg>".len();
        let svg = &rest[start..end];
        let inner = |tag: &str| {
            let open = svg.find(&format!("<{tag} ")).unwrap();
            let from = svg[open..].find('>').unwrap() + open + 1;
            let to = svg[from..].find(&format!("</{tag}>")).unwrap() + from;
            svg[from..to].to_string()
        };
        out.push_str(&format!(
            "<svg …>\n  title: {}\n  desc: {}\n  bars drawn: {}\n  ceiling line: {}\n</svg>",
            inner("title"),
            inner("desc"),
            svg.matches("<rect").count(),
            svg.contains("stroke=\"#8A1111\"")
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    let style_start = out.find("<style>").unwrap();
    let style_end = out.find("</style>").unwrap() + "</style>".len();
    out.replace_range(style_start..style_end, "<style>…</style>");
    out.replace("><tr", ">\n<tr").replace("</td><td", "</td>\n  <td")
}

#[test]
fn the_report_of_the_cases_and_hostile_records() {
    let programs = rulebooks();
    let (names, mut campaign) = cases("2023-2024");
    campaign.push_str(&hostile());
    let page = report_of(&programs[..1], &campaign, "campagne-2023-2024.jsonl");

    // What an application says is text, never markup.
    assert!(!page.contains("<script"), "a script got through");
    assert!(!page.contains("<img"), "an image got through");
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "the hostile carrier is not shown"
    );
    assert!(
        page.contains("&#60;img src=x onerror=alert(2)&#62;"),
        "the hostile niveau's error is not shown"
    );

    insta::with_settings!({
        description => format!(
            "The cases of tests/cases/2023-2024 ({}), one per line, then tests/report/hostiles-et-erreurs.jsonl:\n{}",
            names.join(", "),
            hostile()
        ),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(readable(&page));
    });
}

#[test]
fn a_campaign_of_two_years_names_both_rulebooks_and_draws_each_years_amounts() {
    let programs = rulebooks();
    let (_, mut campaign) = cases("2023-2024");
    campaign.push_str(&cases("2024-2025").1);
    let page = report_of(&programs, &campaign, "deux-annees.jsonl");
    for (_, reference) in &programs {
        assert!(
            page.contains(&reference.sha256),
            "{} is not named",
            reference.file
        );
    }
    assert!(page.contains("Répartition des montants « Ps du collectif » par collectifs (règles 2023-2024)"));
    assert!(page.contains("Répartition des montants « Ps du collectif » par collectifs (règles 2024-2025)"));
    assert!(page.contains("2 fichiers de règles ont décidé"), "{page}");
}

#[test]
fn a_declared_ceiling_is_marked_on_the_histogram() {
    // The 2023-2024 rulebook declares `ceiling ps_maximale` on a collectif's Ps.
    let mut programs = rulebooks();
    programs.truncate(1);
    let page = report_of(&programs, &cases("2023-2024").1, "cas.jsonl");
    assert!(
        page.contains(
            "Le plafond déclaré par les règles, Ps maximale (`ps_maximale`), vaut 2\u{202f}563,00 €"
        ),
        "{}",
        readable(&page)
    );
    assert!(page.contains("stroke=\"#8A1111\""), "no ceiling line");
    assert!(page.contains("le plafond, 2\u{202f}563,00 €, est marqué"));

    // Without the clause, nothing is marked, and the page says so.
    let program = &mut programs[0].0;
    let montant = program.item_lists[0]
        .outputs
        .iter_mut()
        .find(|o| o.name == "montant")
        .unwrap();
    assert!(montant.ceiling.is_some());
    montant.ceiling = None;
    let page_without = report_of(&programs, &cases("2023-2024").1, "cas.jsonl");
    assert!(page_without.contains("Les règles ne déclarent pas de plafond pour ce montant"));
    assert!(!page_without.contains("stroke=\"#8A1111\""));
}

#[test]
fn the_page_does_not_grow_with_the_number_of_applications() {
    let programs = rulebooks();
    let sizes: Vec<usize> = [20_000u64, 200_000]
        .iter()
        .map(|count| {
            let mut campaign = Vec::new();
            clas_rules::generate::applications(&programs[0].0, *count, 7, &mut campaign).unwrap();
            let campaign = String::from_utf8(campaign).unwrap();
            report_of(&programs[..1], &campaign, "genere.jsonl").len()
        })
        .collect();
    let (small, large) = (sizes[0] as f64, sizes[1] as f64);
    assert!(
        (large - small).abs() / small < 0.05,
        "20 000 applications give {small} bytes, 200 000 give {large}"
    );
    assert!(large < 200_000.0, "the page weighs {large} bytes");
}

#[test]
fn the_binary_writes_the_report_beside_the_decisions() {
    let dir = std::env::temp_dir().join(format!("clas-rules-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("rapport.html");
    let input = root().join("tests/report/hostiles-et-erreurs.jsonl");
    let out = clas_rules(&[
        "eval",
        "--batch",
        input.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    // Records in error: exit code 2, as without the report.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decisions = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        decisions.lines().count(),
        6,
        "{decisions}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&report).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(page.contains("Rapport de campagne CLAS"));
    assert!(page.contains("hostiles-et-erreurs.jsonl"));
    assert!(!page.contains("<script") && !page.contains("<img"));
    // The same input gives the same bytes.
    let again = clas_rules(&[
        "eval",
        "--batch",
        input.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), page);

    // A report needs a campaign.
    let single = root().join("tests/cases/2023-2024/collectif-12-enfants-eligible.json");
    let refused = clas_rules(&[
        "eval",
        single.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--batch"));
}
