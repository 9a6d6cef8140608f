//! `clas-rules doc [RULES_DIR] --out DIR`: the rulebooks of a folder as a
//! static site for reviewers (an index of the years, a page per year),
//! opened from disk, offline. This file loads and writes; the pages are
//! made by `render::doc`.

use super::RulesDirArg;
use crate::msg;
use crate::render::doc::{self, YearBook};
use crate::rulebook::{self, Compiled, RulesSource};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `doc`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_name = "RULES_DIR")]
    rules: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[arg(long, value_name = "CAF")]
    caf: Option<String>,
    #[command(flatten)]
    rules_dir: RulesDirArg,
}

pub fn run(args: &Args) -> ExitCode {
    let source = match &args.rules {
        Some(dir) => RulesSource::Dir(dir.clone()),
        None => args.rules_dir.source(),
    };
    let all = match rulebook::all_rulebooks(&source) {
        Ok(all) => all,
        Err(error) => {
            super::load_error(&error);
            return ExitCode::from(1);
        }
    };
    // The layer shown: a Caf's (its rulebooks hold the national layer
    // under them), or the only layer of a folder of one.
    let layer = match rulebook::choose_layer(&source, &all, args.caf.as_deref()) {
        Ok(layer) => layer,
        Err(error) => {
            super::load_error(&error);
            return ExitCode::from(1);
        }
    };
    let shown: Vec<rulebook::Found> = all.into_iter().filter(|f| f.layer == layer).collect();
    // Every rulebook that declares a year, checked; one with errors stops
    // the site (a document of rules that do not load would mislead).
    let mut loaded: Vec<(String, Compiled)> = Vec::new();
    for found in shown {
        let Some(year) = found.year.clone() else {
            continue;
        };
        match rulebook::load(&source, found) {
            Ok(compiled) if compiled.program.is_some() => loaded.push((year, compiled)),
            Ok(compiled) => {
                eprint!("{}", super::render(&compiled.sources, &compiled.diagnostics));
                super::error(msg!("cli-rulebook-has-errors", name = compiled.name.as_str()));
                return ExitCode::from(1);
            }
            Err(error) => {
                super::load_error(&error);
                return ExitCode::from(1);
            }
        }
    }
    if loaded.is_empty() {
        super::error(msg!("doc-no-year"));
        return ExitCode::from(1);
    }
    loaded.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
    let books: Vec<YearBook> = loaded
        .iter()
        .filter_map(|(year, compiled)| {
            compiled.program.as_ref().map(|program| YearBook {
                year,
                compiled,
                program,
            })
        })
        .collect();
    let pages = match doc::site(&books, super::lang()) {
        Ok(pages) => pages,
        Err(error) => {
            super::error(msg!("doc-render-failed", detail = error.to_string()));
            return ExitCode::from(1);
        }
    };
    if let Err(error) = std::fs::create_dir_all(&args.out) {
        super::error(msg!(
            "doc-cannot-create",
            dir = args.out.display().to_string(),
            problem = rulebook::io_problem(&error)
        ));
        return ExitCode::from(1);
    }
    for page in &pages {
        if let Err(error) = super::write::replace_file(&args.out.join(&page.file), page.html.as_bytes()) {
            super::error(error.message());
            return ExitCode::from(1);
        }
    }
    eprintln!(
        "{}",
        super::say(&msg!(
            "doc-written",
            pages = pages.len(),
            index = args.out.join("index.html").display().to_string()
        ))
    );
    ExitCode::SUCCESS
}
