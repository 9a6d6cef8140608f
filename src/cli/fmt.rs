//! `clas-rules fmt [--check] FILE|DIR…`: writes rulebooks in the canonical
//! layout of [`crate::syntax::format`] (folders are searched for `*.clas`).

use crate::diagnostic::SourceMap;
use crate::msg;
use crate::rulebook;
use crate::syntax::format::{FormatError, format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `fmt`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    check: bool,
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

/// Formats every rulebook given; exits 1 when one could not be formatted or,
/// with `--check`, when one is not formatted.
pub fn run(args: &Args) -> ExitCode {
    let mut paths = Vec::new();
    for path in &args.files {
        if path.is_dir() {
            collect(path, &mut paths);
        } else {
            paths.push(path.clone());
        }
    }
    let (mut changed, mut failed) = (0usize, 0usize);
    for path in &paths {
        match format_one(path, args.check) {
            Outcome::Unchanged => {}
            Outcome::Changed => {
                changed += 1;
                println!("{}", path.display());
            }
            Outcome::Failed => failed += 1,
        }
    }
    let summary = if args.check {
        msg!(
            "cli-fmt-check-summary",
            rulebooks = paths.len(),
            changed = changed,
            failed = failed
        )
    } else {
        msg!(
            "cli-fmt-summary",
            rulebooks = paths.len(),
            changed = changed,
            failed = failed
        )
    };
    eprintln!("{}", super::say(&summary));
    if failed > 0 || (args.check && changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn format_one(path: &Path, check: bool) -> Outcome {
    let text = match rulebook::read_text(path) {
        Ok(text) => text,
        Err(error) => {
            super::load_error(&error);
            return Outcome::Failed;
        }
    };
    match format(&text) {
        Ok(formatted) if formatted == text => Outcome::Unchanged,
        Ok(formatted) => {
            if check {
                return Outcome::Changed;
            }
            match super::write::replace_file(path, formatted.as_bytes()) {
                Ok(()) => Outcome::Changed,
                Err(error) => {
                    super::error(error.message());
                    Outcome::Failed
                }
            }
        }
        Err(error @ FormatError::Syntax(_)) => {
            let mut sources = SourceMap::new();
            let file = sources.add(path.display().to_string(), text.as_str());
            let (_, diagnostics) = crate::syntax::parse_at(file, &text, sources.base(file));
            eprint!("{}", super::render(&sources, &diagnostics));
            super::error(msg!(
                "cli-fmt-failed",
                path = path.display().to_string(),
                why = error.message()
            ));
            Outcome::Failed
        }
        Err(error) => {
            super::error(msg!(
                "cli-fmt-failed",
                path = path.display().to_string(),
                why = error.message()
            ));
            Outcome::Failed
        }
    }
}

/// The `*.clas` files under a folder, sorted.
fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut here = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            super::error(msg!("cli-cannot-read-folder", path = dir.display().to_string()));
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "clas") {
                here.push(path);
            }
        }
    }
    here.sort();
    found.extend(here);
}
