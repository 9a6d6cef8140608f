//! The `clas-rules` command: one file per subcommand. This is the edge where
//! files, standard input, the terminal and the environment are touched.

mod batch;
mod check;
mod diff;
mod doc;
mod eval;
mod explain;
mod fmt;
mod r#gen;
mod help;
mod lsp;
mod schema;
mod test;
mod write;
mod years;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::i18n::{Code, Lang, Message};
use crate::msg;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

/// Decides CLAS funding applications with a versioned rulebook. The help
/// of every command and option is in the catalogs (`locales/<lang>/help.ftl`,
/// see [`help`]), not in doc comments here.
#[derive(Parser, Debug)]
#[command(name = "clas-rules", version)]
struct Cli {
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Check(check::Args),
    Eval(eval::Args),
    Diff(diff::Args),
    Test(test::Args),
    Lsp(lsp::Args),
    Gen(r#gen::Args),
    Schema(schema::Args),
    Years(years::Args),
    Fmt(fmt::Args),
    Explain(explain::Args),
    Doc(doc::Args),
}

/// How a decision is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// How decisions are written by `eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DecisionFormat {
    Human,
    Json,
    Csv,
    CsvSemicolon,
    Html,
}

/// How `diff` writes a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    Html,
}

/// Where rulebooks are looked for.
#[derive(clap::Args, Debug, Clone)]
pub struct RulesDirArg {
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

/// The rulebook of a Caf (else the default one) and a school year (else
/// the Caf's latest), checked; the error is already reported when there is none.
fn rulebook_of_caf_year(
    rules_dir: &RulesDirArg,
    caf: Option<&str>,
    year: Option<&str>,
) -> Result<crate::rulebook::Compiled, ExitCode> {
    use crate::rulebook;
    let source = rules_dir.source();
    let found = match year {
        Some(year) => rulebook::for_caf_year(&source, caf, year),
        None => rulebook::all_rulebooks(&source).and_then(|all| {
            let layer = rulebook::choose_layer(&source, &all, caf)?;
            all.into_iter()
                .filter(|f| f.layer == layer)
                .max_by(|a, b| a.year.cmp(&b.year))
                .ok_or(rulebook::LoadError::NoYear("?".into(), Vec::new()))
        }),
    };
    let compiled = found.and_then(|f| rulebook::load(&source, f)).map_err(|error| {
        load_error(&error);
        ExitCode::from(1)
    })?;
    if compiled.program.is_none() {
        eprint!("{}", render(&compiled.sources, &compiled.diagnostics));
        error(msg!("cli-rulebook-has-errors", name = compiled.name.as_str()));
        return Err(ExitCode::from(1));
    }
    Ok(compiled)
}

/// The language of this run: `--lang`, else `CLAS_LANG`, else French.
pub(crate) fn lang() -> Lang {
    asked_lang().unwrap_or_default()
}

/// The language asked for with `--lang` or `CLAS_LANG`, if any.
pub(crate) fn asked_lang() -> Option<Lang> {
    ASKED.get().copied().flatten()
}

/// What `--lang` or `CLAS_LANG` asks for, if anything; an unknown language
/// is refused with a warning, and French is used.
static ASKED: OnceLock<Option<Lang>> = OnceLock::new();

fn choose_lang(flag: Option<&str>) -> Option<Lang> {
    let env = std::env::var("CLAS_LANG").ok();
    let asked = flag.or(env.as_deref()).filter(|tag| !tag.trim().is_empty())?;
    let lang = Lang::from_tag(asked);
    if lang.is_none() {
        eprintln!("{}", msg!("cli-unknown-language", tag = asked).render(Lang::Fr));
    }
    lang
}

/// `--lang X` or `--lang=X` among the arguments, read before clap parses
/// them, so that clap's own errors are told in that language.
fn lang_in_arguments(args: &[String]) -> Option<String> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            return iter.next().cloned();
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}

/// Diagnostics as the terminal shows them, in this run's language.
pub(crate) fn render(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    sources.render(diagnostics, colour(), lang())
}

/// A message, in this run's language.
pub(crate) fn say(message: &Message) -> String {
    message.render(lang())
}

/// Prints an error on standard error: `erreur : …`.
pub(crate) fn error(message: Message) {
    let line = msg!(
        "diagnostic-header",
        kind = crate::diagnostic::severity_word(crate::diagnostic::Severity::Error, lang()),
        message = message
    );
    eprintln!("{}", say(&line));
}

/// Prints an error that has a code: `erreur[E0118] : …`.
pub(crate) fn error_with_code(code: Code, message: Message) {
    let kind = format!(
        "{}[{}]",
        crate::diagnostic::severity_word(code.severity(), lang()),
        code.id()
    );
    eprintln!(
        "{}",
        say(&msg!("diagnostic-header", kind = kind, message = message))
    );
}

/// Prints why no rulebook could be had.
pub(crate) fn load_error(error: &crate::rulebook::LoadError) {
    error_with_code(error.code(), error.message());
}

/// Clap's own errors (an unknown option, a missing argument), told in this
/// run's language; help and version go through as clap writes them.
fn argument_error(problem: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match problem.get(kind) {
        Some(ContextValue::String(text)) => Some(text.clone()),
        Some(ContextValue::Strings(texts)) => Some(texts.join(", ")),
        _ => None,
    };
    let message = match problem.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = problem.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = problem.print();
            error_line(msg!("cli-missing-command"));
            return ExitCode::from(2);
        }
        ErrorKind::UnknownArgument => msg!(
            "cli-unknown-argument",
            argument = context(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::InvalidSubcommand => msg!(
            "cli-unknown-command",
            command = context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => match context(ContextKind::ValidValue) {
            Some(valid) => msg!(
                "cli-invalid-value-among",
                value = context(ContextKind::InvalidValue).unwrap_or_default(),
                argument = context(ContextKind::InvalidArg).unwrap_or_default(),
                valid = valid
            ),
            None => msg!(
                "cli-invalid-value",
                value = context(ContextKind::InvalidValue).unwrap_or_default(),
                argument = context(ContextKind::InvalidArg).unwrap_or_default()
            ),
        },
        ErrorKind::MissingRequiredArgument => msg!(
            "cli-missing-argument",
            argument = context(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => msg!(
            "cli-argument-conflict",
            argument = context(ContextKind::InvalidArg).unwrap_or_default(),
            other = context(ContextKind::PriorArg).unwrap_or_default()
        ),
        _ => msg!("cli-bad-arguments", detail = problem.kind().to_string()),
    };
    error(message);
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .find_map(|kind| match problem.get(kind) {
            Some(ContextValue::String(one)) => Some(vec![one.clone()]),
            Some(ContextValue::Strings(many)) => Some(many.clone()),
            _ => None,
        })
        .unwrap_or_default();
    // `help` is suggested for anything short; the real command is the one meant.
    let best = suggested
        .iter()
        .rev()
        .find(|s| s.as_str() != "help")
        .or(suggested.first());
    if let Some(best) = best {
        error_line(msg!("did-you-mean", name = best.as_str()));
    }
    error_line(msg!("cli-see-help"));
    ExitCode::from(2)
}

/// Prints a line on standard error, in this run's language.
fn error_line(message: Message) {
    eprintln!("{}", say(&message));
}

/// Whether to colour what goes to standard error.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Runs the command line and gives the process's exit code.
pub fn run() -> ExitCode {
    let arguments: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let asked = choose_lang(lang_in_arguments(&arguments).as_deref());
    let _ = ASKED.set(asked);
    let command = help::localized(<Cli as clap::CommandFactory>::command(), lang());
    let parsed = command
        .try_get_matches_from(&arguments)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return argument_error(&error),
    };
    // The language was taken from the arguments before clap read them.
    let _ = cli.lang;
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
        Command::Explain(args) => explain::run(&args),
        Command::Doc(args) => doc::run(&args),
    }
}
