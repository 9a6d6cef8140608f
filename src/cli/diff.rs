//! `clas-rules diff --from Y1 --to Y2 [--caf CAF] [APPLICATIONS…]`: what the
//! second year's rulebook changes in the decisions on the same applications
//! (status, amounts, budget, the rules behind each change), or, with
//! `--rules`, in the rules themselves. `clas-rules diff --year Y --caf-from A
//! --caf-to B [APPLICATIONS…]`: the same between two Cafs' rulebooks of one
//! year, with the parameters and rules that differ.
//!
//! A comparison is about rulebooks: an application's own `caf` member does
//! not choose the rulebook here. Each application is decided with both
//! rulebooks compared, and the comparison says so among its assumptions when
//! an application names a Caf (another one than the year comparison's).

use super::{DiffFormat as Format, RulesDirArg};
use crate::compare::{self, ApplicationChange, Sides};
use crate::input::{decode, json};
use crate::msg;
use crate::render::comparison;
use crate::rulebook::{self, Compiled};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(
        long,
        value_name = "YEAR",
        required_unless_present = "year",
        conflicts_with = "year"
    )]
    from: Option<String>,
    #[arg(
        long,
        value_name = "YEAR",
        required_unless_present = "year",
        conflicts_with = "year"
    )]
    to: Option<String>,
    #[arg(long, value_name = "CAF", conflicts_with = "year")]
    caf: Option<String>,
    #[arg(long, value_name = "YEAR", requires_all = ["caf_from", "caf_to"])]
    year: Option<String>,
    #[arg(long, value_name = "CAF", requires = "year")]
    caf_from: Option<String>,
    #[arg(long, value_name = "CAF", requires = "year")]
    caf_to: Option<String>,
    #[arg(long)]
    rules: bool,
    #[arg(long)]
    keep_dates: bool,
    #[arg(value_name = "APPLICATIONS")]
    applications: Vec<PathBuf>,
    #[command(flatten)]
    rules_dir: RulesDirArg,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// The rulebook of a Caf (else the default Caf) for a year, or `None`
/// after saying why it cannot be had.
fn load(args: &Args, caf: Option<&str>, year: &str) -> Option<Compiled> {
    let source = args.rules_dir.source();
    let loaded = rulebook::for_caf_year(&source, caf, year).and_then(|found| rulebook::load(&source, found));
    let compiled = match loaded {
        Ok(compiled) => compiled,
        Err(error) => {
            super::load_error(&error);
            return None;
        }
    };
    if compiled.program.is_none() {
        eprint!("{}", super::render(&compiled.sources, &compiled.diagnostics));
        super::error(msg!("cli-rulebook-has-errors", name = compiled.name.as_str()));
        return None;
    }
    Some(compiled)
}

/// What is compared (two years, or two Cafs), the two rulebooks, and how
/// many years the applications' dates are moved to be read with the second.
struct Plan {
    sides: Sides,
    from: Compiled,
    to: Compiled,
    shift: i32,
}

/// Loads the two rulebooks the arguments name.
fn plan(args: &Args) -> Option<Plan> {
    match (&args.year, &args.caf_from, &args.caf_to, &args.from, &args.to) {
        (Some(year), Some(from_caf), Some(to_caf), _, _) => {
            let (from, to) = (load(args, Some(from_caf), year), load(args, Some(to_caf), year));
            Some(Plan {
                sides: Sides::Cafs {
                    from: from_caf.trim().to_string(),
                    to: to_caf.trim().to_string(),
                },
                from: from?,
                to: to?,
                shift: 0,
            })
        }
        (_, _, _, Some(from_year), Some(to_year)) => {
            let caf = args.caf.as_deref();
            let (from, to) = (load(args, caf, from_year), load(args, caf, to_year));
            Some(Plan {
                sides: Sides::Years {
                    caf: args.caf.as_ref().map(|c| c.trim().to_string()),
                },
                from: from?,
                to: to?,
                shift: if args.keep_dates {
                    0
                } else {
                    years_between(from_year, to_year)
                },
            })
        }
        // Clap requires one form or the other.
        _ => None,
    }
}

pub fn run(args: &Args) -> ExitCode {
    let Some(Plan {
        sides,
        from,
        to,
        shift,
    }) = plan(args)
    else {
        return ExitCode::from(1);
    };
    let (Some(old), Some(new)) = (from.program.as_ref(), to.program.as_ref()) else {
        return ExitCode::from(1);
    };
    if args.rules {
        let changes = compare::rulebook_changes(&from, &to);
        let lang = super::lang();
        let text = match (args.format, &sides) {
            (Format::Html, _) => {
                super::error(msg!("cli-diff-html-needs-applications"));
                return ExitCode::from(2);
            }
            (Format::Human, Sides::Cafs { from: a, to: b }) => {
                comparison::caf_changes_text(&old.header.year, a, b, &changes, lang)
            }
            (Format::Json, Sides::Cafs { from: a, to: b }) => {
                json_text(&comparison::caf_changes_json(&old.header.year, a, b, &changes))
            }
            (Format::Human, Sides::Years { .. }) => {
                comparison::changes_text(&old.header.year, &new.header.year, &changes, lang)
            }
            (Format::Json, Sides::Years { .. }) => json_text(&comparison::changes_json(
                &old.header.year,
                &new.header.year,
                &changes,
            )),
        };
        return emit(args, &text);
    }
    if args.applications.is_empty() {
        super::error(msg!("cli-diff-no-applications"));
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for path in &args.applications {
        files.extend(super::json_files(path));
    }
    files.sort();
    let applications = files
        .iter()
        .filter_map(|file| {
            let text = match std::fs::read_to_string(file) {
                Ok(text) => text,
                Err(error) => {
                    let why = msg!("cli-cannot-read-it", why = crate::rulebook::io_problem(&error));
                    return Some(failed(file, super::say(&why)));
                }
            };
            let document = match json::parse(&text) {
                Ok(document) => application_of(document)?,
                Err(error) => {
                    let problem = decode::malformed_json(&text, &error);
                    return Some(failed(file, problem.render(super::lang())));
                }
            };
            Some(decide_both(file, &document, (old, &from), (new, &to), shift))
        })
        .collect();
    let Some(compared) = compare::compare(sides, &from, &to, applications, shift) else {
        return ExitCode::from(1);
    };
    let text = match args.format {
        Format::Human => compared.to_human(super::lang()),
        Format::Json => json_text(&compared.to_json()),
        Format::Html => comparison::html(&compared, super::lang()),
    };
    emit(args, &text)
}

fn json_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the result to `--out` (replaced whole or not at all), else to
/// standard output.
fn emit(args: &Args, text: &str) -> ExitCode {
    match &args.out {
        Some(path) => match super::write::replace_file(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                super::error(error.message());
                ExitCode::from(1)
            }
        },
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error of the comparison.
            let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
            ExitCode::SUCCESS
        }
    }
}

/// The application in a file: the document itself, or the `demande` of a
/// staff test case. Other JSON files (an `EXPECTED` table…) are skipped.
fn application_of(document: json::JsonValue) -> Option<json::JsonValue> {
    Some(document.member("demande").cloned().unwrap_or(document))
}

fn failed(file: &Path, why: String) -> ApplicationChange {
    ApplicationChange {
        name: file.display().to_string(),
        from: Err(why.clone()),
        to: Err(why),
        assumed: Vec::new(),
        ignored: Vec::new(),
        caf: None,
    }
}

/// The years from one school year to another (`2023-2024` → `2024-2025`: 1).
fn years_between(from: &str, to: &str) -> i32 {
    let start = |year: &str| {
        year.split_once('-')
            .and_then(|(first, _)| first.parse::<i32>().ok())
    };
    match (start(from), start(to)) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    }
}

type Side<'a> = (&'a crate::program::Program, &'a Compiled);

fn decide_both(
    file: &Path,
    document: &json::JsonValue,
    from: Side,
    to: Side,
    shift: i32,
) -> ApplicationChange {
    let decide = |(program, compiled): Side, shift: i32| {
        let read = decode::decode_for_comparison(program, document).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.render(super::lang()))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let value = if shift == 0 {
            read.value
        } else {
            read.value.with_dates_shifted(shift)
        };
        let mut decision =
            crate::eval::decide(program, &value, None).map_err(|e| super::say(&e.message()))?;
        decision.rulebook = compiled.reference();
        Ok((decision, read.assumed, read.ignored))
    };
    let before = decide(from, 0);
    let after = decide(to, shift);
    let (assumed, ignored) = match &after {
        Ok((_, assumed, ignored)) => (assumed.clone(), ignored.clone()),
        Err(_) => (Vec::new(), Vec::new()),
    };
    ApplicationChange {
        name: file.display().to_string(),
        from: before.map(|(d, _, _)| d),
        to: after.map(|(d, _, _)| d),
        assumed,
        ignored,
        // Read here only to be told: the rulebooks compared do not depend on it.
        caf: document
            .member(crate::input::CAF_FIELD)
            .and_then(json::JsonValue::as_text)
            .map(|caf| caf.trim().to_string()),
    }
}
