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
#[path = "report/two_cafs.rs"]
mod two_cafs;
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
    if let (Some(style_start), Some(end)) = (out.find("<style>"), out.find("</style>")) {
        out.replace_range(style_start..end + "</style>".len(), "<style>…</style>");
    }
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

/// Every rulebook of a folder that decides (one per Caf and year).
fn rulebooks_of(dir: &std::path::Path) -> Vec<(Program, RulebookRef)> {
    let source = RulesSource::Dir(dir.to_path_buf());
    let all = rulebook::all_rulebooks(&source).unwrap();
    rulebook::deciding(&all)
        .into_iter()
        .map(|found| {
            let compiled = rulebook::load(&source, found).unwrap();
            let reference = compiled.reference();
            (compiled.program.unwrap(), reference)
        })
        .collect()
}

/// The cases of both years, one JSON line each, addressed in turn to Caf
/// 63, Caf 15 and no Caf (the default, 63), then one to Caf 99.
fn national_cases() -> String {
    let (_, older) = cases("2023-2024");
    let (_, newer) = cases("2024-2025");
    let mut out = String::new();
    for (i, line) in older.lines().chain(newer.lines()).enumerate() {
        match [Some("63"), Some("15"), None][i % 3] {
            Some(caf) => out.push_str(&format!("{{\"caf\":\"{caf}\",{}", &line[1..])),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    let first = older.lines().next().unwrap();
    out.push_str(&format!("{{\"caf\":\"99\",{}\n", &first[1..]));
    out
}

/// The text of the page from `start` to the end of the section it is in
/// (or opens), sections inside it included.
fn section<'p>(page: &'p str, start: &str) -> &'p str {
    let from = page.find(start).unwrap();
    let mut depth = i32::from(start.starts_with("<section"));
    let mut at = from + start.len();
    loop {
        let open = page[at..].find("<section").map(|i| i + at);
        let close = page[at..].find("</section>").unwrap() + at;
        match open {
            Some(open) if open < close => {
                depth += 1;
                at = open + 1;
            }
            _ if depth <= 1 => return &page[from..close + "</section>".len()],
            _ => {
                depth -= 1;
                at = close + 1;
            }
        }
    }
}

#[test]
fn a_national_campaign_report_compares_the_cafs_and_gives_each_its_own() {
    let scratch = std::env::temp_dir().join(format!("clas-rules-report-cafs-{}", std::process::id()));
    let dir = two_cafs::rules_of_two_cafs(&scratch);
    let programs = rulebooks_of(&dir);
    let refs: Vec<&Program> = programs.iter().map(|(p, _)| p).collect();
    let rulebooks = Rulebooks::new(&refs, Some("63".to_string()), None);
    // Each (Caf, year) rulebook compiled once: one each.
    assert_eq!(rulebooks.by_year.len(), 4);
    let campaign = national_cases();
    let (summary, report) = batch::run_reporting(
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
    let report = report.unwrap();

    // The parts: Caf 15, Caf 63, the unknown Caf; they add up to the whole.
    let cafs: Vec<Option<&str>> = report.by_caf.iter().map(|p| p.caf.as_deref()).collect();
    assert_eq!(cafs, [Some("15"), Some("63"), None]);
    let records: u64 = report.by_caf.iter().map(|p| p.report.records).sum();
    assert_eq!(records, report.records);
    assert_eq!(report.records, campaign.lines().count() as u64);
    let unknown = &report.by_caf[2].report;
    assert_eq!((unknown.records, unknown.errors), (1, 1));
    assert_eq!(unknown.errors_listed[0].1.code.id(), "E0514");
    for (column, total) in report.columns.iter().zip(&report.totals) {
        let parts: rust_decimal::Decimal = report
            .by_caf
            .iter()
            .map(|p| p.report.totals[report.columns.iter().position(|c| c == column).unwrap()])
            .sum();
        assert_eq!(parts, *total, "{}", column.name);
    }
    // One rulebook per Caf and year decided, each its own records.
    let used: Vec<(Option<&str>, &str)> = report
        .rulebooks
        .iter()
        .map(|b| (b.caf.as_deref(), b.year.as_str()))
        .collect();
    assert_eq!(
        used,
        [
            (Some("15"), "2023-2024"),
            (Some("15"), "2024-2025"),
            (Some("63"), "2023-2024"),
            (Some("63"), "2024-2025")
        ]
    );
    let decided: u64 = report.rulebooks.iter().map(|b| b.decided).sum();
    assert_eq!(decided, summary.records - summary.errors);
    assert_eq!(report.by_caf_year.len(), 4);
    for (year, part) in report.by_caf_year.iter().zip(&report.rulebooks) {
        assert_eq!((&year.caf, year.decided), (&part.caf, part.decided));
    }

    let references: Vec<RulebookRef> = programs.iter().map(|(_, r)| r.clone()).collect();
    let page = clas_rules::render::campaign::html(&report, "national.jsonl", &references, Lang::Fr).unwrap();
    for id in ["ensemble", "comparaison", "caf-15", "caf-63", "caf-inconnue"] {
        assert!(page.contains(&format!("<section id=\"{id}\"")), "no section {id}");
        assert!(page.contains(&format!("<a href=\"#{id}\">")), "no link to {id}");
    }
    // Every id once: the charts of each Caf have their own.
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "an id is used twice");
    // Each rulebook's files, with the hash of each.
    for (_, reference) in &programs {
        for layer in &reference.layers {
            assert!(page.contains(&layer.sha256), "{} is not named", layer.file);
        }
    }
    // Each Caf's section has the histograms of its rulebooks.
    let caf_15 = section(&page, "<section id=\"caf-15\"");
    assert!(
        caf_15.contains(
            "Répartition des montants « Ps du collectif » par collectifs (règles 2024-2025) — Caf 15"
        )
    );

    let shown = |text: &str| readable(text).replace(&format!("{}/", dir.display()), "<dossier>/");
    let rulebooks_table = section(&page, "<h3>Les règles qui ont décidé</h3>");
    insta::with_settings!({
        description => format!(
            "rules: rules/national, rules/caf-63 and tests/report/caf-15 (default Caf 63); the cases of tests/cases/2023-2024 then tests/cases/2024-2025, one per line, addressed in turn to Caf 63, Caf 15 and none, then the first addressed to Caf 99. The comparison of the Cafs, then the whole's rulebooks:"
        ),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!(
            "{}\n…\n{}",
            shown(section(&page, "<section id=\"comparaison\"")),
            shown(rulebooks_table)
        ));
    });
}
