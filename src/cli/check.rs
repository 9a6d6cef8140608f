//! `clas-rules check FILE…`: every diagnostic of each rulebook (folders are
//! searched for `*.clas`).

use crate::msg;
use crate::rulebook::{self, LoadError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    rules_dir: super::RulesDirArg,
}

pub fn run(args: &Args) -> ExitCode {
    let mut paths = Vec::new();
    for path in &args.files {
        if path.is_dir() {
            match rulebook::all_rulebooks(&rulebook::RulesSource::Dir(path.clone())) {
                Ok(found) => paths.extend(found.into_iter().map(|f| PathBuf::from(f.name))),
                Err(error) => return fail(&error),
            }
        } else {
            paths.push(path.clone());
        }
    }
    let (mut errors, mut warnings) = (0usize, 0usize);
    // Each rules folder is read once, however many of its files are checked.
    let mut folders: Vec<(rulebook::RulesSource, Vec<rulebook::Found>)> = Vec::new();
    for path in &paths {
        match check_one(path, &args.rules_dir, &mut folders) {
            Ok((e, w)) => {
                errors += e;
                warnings += w;
            }
            Err(error) => {
                super::load_error(&error);
                errors += 1;
            }
        }
    }
    eprintln!(
        "{}",
        super::say(&msg!(
            "cli-check-summary",
            rulebooks = paths.len(),
            errors = errors,
            warnings = warnings
        ))
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check_one(
    path: &Path,
    rules_dir: &super::RulesDirArg,
    folders: &mut Vec<(rulebook::RulesSource, Vec<rulebook::Found>)>,
) -> Result<(usize, usize), LoadError> {
    let source = rules_dir.source_for_file(path);
    let found = rulebook::file_in(&source, path)?;
    let at = match folders.iter().position(|(s, _)| *s == source) {
        Some(at) => at,
        None => {
            folders.push((source.clone(), rulebook::all_rulebooks(&source)?));
            folders.len() - 1
        }
    };
    let all = folders.get(at).map(|(_, all)| all.as_slice()).unwrap_or_default();
    let compiled = rulebook::load_in(&source, all, found)?;
    eprint!("{}", super::render(&compiled.sources, &compiled.diagnostics));
    let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
    Ok((errors, compiled.diagnostics.len() - errors))
}

fn fail(error: &LoadError) -> ExitCode {
    super::load_error(error);
    ExitCode::from(1)
}
