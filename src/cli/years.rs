//! `clas-rules years`: the rulebooks of the rules directory, the year each
//! applies to and the one it extends, and whether the years follow one
//! another without overlap or gap.

use super::{Format, RulesDirArg};
use crate::rulebook::{self, Found};
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `years`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    rules_dir: RulesDirArg,
    /// French text for staff, or JSON.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// One rulebook as `years` reports it.
struct Row {
    found: Found,
    extends: Option<String>,
    errors: usize,
    problem: Option<String>,
}

pub fn run(args: &Args) -> ExitCode {
    let source = args.rules_dir.source();
    let all = match rulebook::all_rulebooks(&source) {
        Ok(all) => all,
        Err(error) => {
            super::load_error(&error);
            return ExitCode::from(1);
        }
    };
    let mut rows: Vec<Row> = all
        .into_iter()
        .map(|found| {
            let extends = rulebook::header_field(&found.text, "extends");
            let (errors, problem) = match rulebook::load(&source, found.clone()) {
                Ok(compiled) => (compiled.diagnostics.iter().filter(|d| d.is_error()).count(), None),
                Err(error) => (1, Some(super::say(&error.message()))),
            };
            Row {
                found,
                extends,
                errors,
                problem,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        a.found
            .year
            .cmp(&b.found.year)
            .then(a.found.name.cmp(&b.found.name))
    });
    let continuity = continuity(&rows);
    let failed = rows.iter().any(|r| r.errors > 0) || !continuity.is_empty();
    match args.format {
        Format::Human => print!("{}", human(&rows, &continuity)),
        Format::Json => {
            let value = json!({
                "rulebooks": rows.iter().map(|r| json!({
                    "year": r.found.year,
                    "file": r.found.name,
                    "extends": r.extends,
                    "errors": r.errors,
                    "problem": r.problem,
                })).collect::<Vec<_>>(),
                "continuity": continuity,
            });
            println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The first year of `2023-2024`.
fn start(year: &str) -> Option<u32> {
    year.split_once('-').and_then(|(first, _)| first.parse().ok())
}

/// Overlaps, gaps and files without a year, in French.
fn continuity(rows: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    for row in rows.iter().filter(|r| r.found.year.is_none()) {
        problems.push(format!("{} ne déclare pas d'année scolaire", row.found.name));
    }
    // Years follow one another within each layer.
    let mut layers: Vec<Option<&str>> = rows.iter().map(|r| r.found.layer.as_deref()).collect();
    layers.sort();
    layers.dedup();
    for layer in layers {
        let years: Vec<(u32, &Row)> = rows
            .iter()
            .filter(|r| r.found.layer.as_deref() == layer)
            .filter_map(|r| r.found.year.as_deref().and_then(start).map(|s| (s, r)))
            .collect();
        for pair in years.windows(2) {
            let [(a, first), (b, second)] = pair else { continue };
            if a == b {
                problems.push(format!(
                    "chevauchement : {} et {} couvrent tous deux {}",
                    first.found.name,
                    second.found.name,
                    first.found.year.as_deref().unwrap_or("?")
                ));
            } else if *b > a + 1 {
                problems.push(format!(
                    "trou : aucune règle entre {} et {}",
                    first.found.year.as_deref().unwrap_or("?"),
                    second.found.year.as_deref().unwrap_or("?")
                ));
            }
        }
    }
    problems
}

fn human(rows: &[Row], continuity: &[String]) -> String {
    let mut out = String::from("Année      Fichier                                  Étend       État\n");
    for row in rows {
        let state = match (&row.problem, row.errors) {
            (Some(problem), _) => format!("erreur : {problem}"),
            (None, 0) => "valide".to_string(),
            (None, n) => format!("{n} erreur{}", if n > 1 { "s" } else { "" }),
        };
        out.push_str(&format!(
            "{:<10} {:<40} {:<11} {state}\n",
            row.found.year.as_deref().unwrap_or("?"),
            row.found.name,
            row.extends.as_deref().unwrap_or("—"),
        ));
    }
    if continuity.is_empty() {
        let mut years: Vec<&str> = rows.iter().filter_map(|r| r.found.year.as_deref()).collect();
        years.dedup();
        out.push_str(&format!(
            "\nLes années se suivent sans chevauchement ni trou : {}.\n",
            years.join(" → ")
        ));
    } else {
        out.push('\n');
        for problem in continuity {
            out.push_str(&format!("Problème : {problem}\n"));
        }
    }
    out
}
