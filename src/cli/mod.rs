//! The `clas-rules` command: one file per subcommand. This is the edge where
//! files, standard input, the terminal and the environment are touched.

mod batch;
mod check;
mod diff;
mod eval;
mod fmt;
mod r#gen;
mod lsp;
mod schema;
mod test;
mod write;
mod years;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Decides CLAS funding applications with a versioned rulebook.
#[derive(Parser, Debug)]
#[command(name = "clas-rules", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Checks rulebooks and reports every error and warning; exits 1 on any error.
    Check(check::Args),
    /// Decides one application (exit 2 when the application is invalid).
    Eval(eval::Args),
    /// Compares two years: decisions on the same applications, or the rulebooks themselves (`--rules`).
    Diff(diff::Args),
    /// Runs the test cases written beside the rulebooks, and lists the rules no case exercises.
    Test(test::Args),
    /// Serves the Language Server Protocol on standard input and output (for editors).
    Lsp(lsp::Args),
    /// Writes synthetic applications for a year (JSON Lines or CSV), for benchmarks and tests.
    Gen(r#gen::Args),
    /// Prints the JSON Schema of an application for a year.
    Schema(schema::Args),
    /// Lists the rulebooks by school year, what each extends, and checks that the years follow one another.
    Years(years::Args),
    /// Rewrites rulebooks in the canonical layout (`--check` only lists those that would change).
    Fmt(fmt::Args),
}

/// How a decision is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// French text for staff.
    Human,
    /// The stable JSON contract.
    Json,
}

/// How decisions are written by `eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DecisionFormat {
    /// French text for staff (one application).
    Human,
    /// The stable JSON contract (JSON Lines with `--batch`).
    Json,
    /// CSV, for spreadsheets (with `--batch`).
    Csv,
}

/// Where rulebooks are looked for.
#[derive(clap::Args, Debug, Clone)]
pub struct RulesDirArg {
    /// The folder of rulebooks (default: `CLAS_RULES_DIR`, else `./rules`, else the built-in copy).
    #[arg(long, value_name = "DIR")]
    pub rules_dir: Option<PathBuf>,
}

impl RulesDirArg {
    fn source(&self) -> crate::rulebook::RulesSource {
        crate::rulebook::rules_source(
            self.rules_dir.as_deref(),
            std::env::var_os("CLAS_RULES_DIR").map(PathBuf::from),
        )
    }

    /// Where the rulebooks that `file` extends are looked for: the folder
    /// given, else `CLAS_RULES_DIR`, else the `rules` folder `file` is in.
    fn source_for_file(&self, file: &std::path::Path) -> crate::rulebook::RulesSource {
        let explicit = self
            .rules_dir
            .clone()
            .or_else(|| std::env::var_os("CLAS_RULES_DIR").map(PathBuf::from));
        crate::rulebook::RulesSource::Dir(explicit.unwrap_or_else(|| crate::rulebook::rules_dir_of(file)))
    }
}

/// The JSON files of a folder, searched recursively, or the file itself.
fn json_files(path: &std::path::Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The rulebook of a school year, else the latest one, checked; the error
/// is already reported when there is none.
fn rulebook_of_year(
    rules_dir: &RulesDirArg,
    year: Option<&str>,
) -> Result<crate::rulebook::Compiled, ExitCode> {
    use crate::rulebook;
    let source = rules_dir.source();
    let found = match year {
        Some(year) => rulebook::for_year(&source, year),
        None => rulebook::all_rulebooks(&source).and_then(|all| {
            all.into_iter()
                .max_by(|a, b| a.year.cmp(&b.year))
                .ok_or(rulebook::LoadError::NoYear("?".into(), Vec::new()))
        }),
    };
    let compiled = found.and_then(|f| rulebook::load(&source, f)).map_err(|error| {
        eprintln!("error: {error}");
        ExitCode::from(1)
    })?;
    if compiled.program.is_none() {
        eprint!("{}", compiled.sources.render(&compiled.diagnostics, colour()));
        eprintln!("error: the rulebook `{}` has errors", compiled.name);
        return Err(ExitCode::from(1));
    }
    Ok(compiled)
}

/// Whether to colour what goes to standard error.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Runs the command line and gives the process's exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Years(args) => years::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Gen(args) => r#gen::run(&args),
        Command::Schema(args) => schema::run(&args),
    }
}
