//! `clas-rules eval APPLICATION`: decides one application with the rulebook
//! of its school year (or the one given), in French or as JSON.

use super::{DecisionFormat as Format, RulesDirArg};
use crate::diagnostic::SourceMap;
use crate::i18n::{Code, Message};
use crate::input::{decode, json};
use crate::msg;
use crate::rulebook::{self, Compiled};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_name = "APPLICATION", required_unless_present = "batch")]
    application: Option<PathBuf>,
    #[arg(long, value_name = "FILE", conflicts_with = "application")]
    batch: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub(super) input_format: Option<InputFormatArg>,
    #[arg(long, value_name = "FILE")]
    pub(super) summary: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub(super) report: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub(super) rules: Option<PathBuf>,
    #[arg(long, value_name = "CAF")]
    pub(super) caf: Option<String>,
    #[command(flatten)]
    pub(super) rules_dir: RulesDirArg,
    #[arg(long, value_enum)]
    pub(super) format: Option<Format>,
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "phrases", value_name = "FORME")]
    explain: Option<ExplainArg>,
}

/// Exit code when the rulebook cannot be had or has errors.
const RULEBOOK_ERROR: u8 = 1;
/// Exit code when the application is invalid.
const INPUT_ERROR: u8 = 2;

/// How `--explain` shows a computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainArg {
    Phrases,
    Formules,
}

/// The format of a batch's applications.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormatArg {
    Jsonl,
    Csv,
    CsvSemicolon,
}

pub fn run(args: &Args) -> ExitCode {
    if let Some(batch) = &args.batch {
        return super::batch::run(args, batch);
    }
    if args.report.is_some() {
        super::error(msg!("cli-report-needs-batch"));
        return ExitCode::from(2);
    }
    if matches!(args.format, Some(Format::Csv | Format::CsvSemicolon)) {
        super::error(msg!("cli-eval-csv-needs-batch"));
        return ExitCode::from(2);
    }
    let Some(application) = &args.application else {
        super::error(msg!("cli-eval-no-application"));
        return ExitCode::from(2);
    };
    let (name, text) = match read_application(application) {
        Ok(read) => read,
        Err((message, code)) => {
            match code {
                Some(code) => super::error_with_code(code, message),
                None => super::error(message),
            }
            return ExitCode::from(INPUT_ERROR);
        }
    };
    let mut sources = SourceMap::new();
    let file = sources.add(name.clone(), text.clone());
    let document = match json::parse(&text) {
        Ok(document) => document,
        Err(error) => {
            let diagnostic = decode::malformed_json(&text, &error).to_diagnostic(file);
            eprint!("{}", super::render(&sources, &[diagnostic]));
            return ExitCode::from(INPUT_ERROR);
        }
    };
    if !matches!(document.kind, json::JsonKind::Object(_)) {
        // Not an application at all: say so, rather than that its year is missing.
        let diagnostic = decode::not_an_object(&document).to_diagnostic(file);
        eprint!("{}", super::render(&sources, &[diagnostic]));
        return ExitCode::from(INPUT_ERROR);
    }
    let declared_year = year_of(&document);
    let declared_caf = caf_of(&document);

    let compiled = match choose_rulebook(args, declared_year.as_deref(), declared_caf.as_deref()) {
        Ok(compiled) => compiled,
        Err((error, code)) => {
            match error {
                Refusal::Load(error) => super::load_error(&error),
                Refusal::Plain(message) => super::error(message),
            }
            return ExitCode::from(code);
        }
    };
    eprint!("{}", super::render(&compiled.sources, &compiled.diagnostics));
    let Some(program) = compiled.program.as_ref() else {
        super::error(msg!(
            "cli-eval-rulebook-has-errors",
            name = compiled.name.as_str()
        ));
        return ExitCode::from(RULEBOOK_ERROR);
    };
    if let Some(year) = &declared_year
        && *year != program.header.year
    {
        super::error(msg!(
            "cli-eval-wrong-year",
            year = year.as_str(),
            name = compiled.name.as_str(),
            rulebook_year = program.header.year.as_str()
        ));
        return ExitCode::from(INPUT_ERROR);
    }
    if let (Some(caf), Some(rulebook_caf)) = (&declared_caf, compiled.caf())
        && rulebook::layer_of_caf(caf) != rulebook::layer_of_caf(rulebook_caf)
    {
        super::error(msg!(
            "cli-eval-wrong-caf",
            caf = caf.as_str(),
            name = compiled.name.as_str(),
            rulebook_caf = rulebook_caf
        ));
        return ExitCode::from(INPUT_ERROR);
    }

    let input = match decode::decode_value(program, &document) {
        Ok(input) => input,
        Err(errors) => {
            let diagnostics: Vec<_> = errors.iter().map(|e| e.to_diagnostic(file)).collect();
            eprint!("{}", super::render(&sources, &diagnostics));
            super::error(msg!("cli-eval-invalid-application", count = errors.len()));
            return ExitCode::from(INPUT_ERROR);
        }
    };
    // The printable decision always explains itself.
    let explain = (args.explain.is_some() || args.format == Some(Format::Html)).then_some(&compiled.sources);
    let mut decision = match crate::eval::decide(program, &input, explain) {
        Ok(decision) => decision,
        Err(error) => {
            let diagnostic = crate::diagnostic::Diagnostic::new(
                error.code,
                compiled.file,
                error.span,
                msg!("cli-eval-cannot-decide", why = error.message()),
                msg!("check-fails-here"),
            );
            eprint!("{}", super::render(&compiled.sources, &[diagnostic]));
            return ExitCode::from(RULEBOOK_ERROR);
        }
    };
    decision.rulebook = compiled.reference();
    match args.format.unwrap_or(Format::Human) {
        Format::Human => {
            let form = match args.explain {
                Some(ExplainArg::Formules) => crate::render::decision::ExplainForm::Formulas,
                _ => crate::render::decision::ExplainForm::Words,
            };
            print!(
                "{}",
                crate::render::decision::text_in(&decision, super::lang(), form)
            );
        }
        Format::Html => match crate::render::letter::html(&decision, super::lang()) {
            Ok(page) => print!("{page}"),
            Err(error) => {
                super::error(msg!("cli-cannot-write-html", why = error.to_string()));
                return ExitCode::from(RULEBOOK_ERROR);
            }
        },
        Format::Json | Format::Csv | Format::CsvSemicolon => {
            match serde_json::to_string_pretty(&decision.to_json()) {
                Ok(text) => println!("{text}"),
                Err(error) => {
                    super::error(msg!("cli-cannot-write-json", why = error.to_string()));
                    return ExitCode::from(RULEBOOK_ERROR);
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// The name and text of an application file, or why it cannot be had (with
/// the code, when the file is there but is not text).
fn read_application(path: &PathBuf) -> Result<(String, String), (Message, Option<Code>)> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            let why = crate::rulebook::io_problem(&e);
            (msg!("cli-cannot-read-stdin", why = why), None)
        })?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes = std::fs::read(path).map_err(|e| {
            let why = crate::rulebook::io_problem(&e);
            (
                msg!("cli-cannot-read", path = path.display().to_string(), why = why),
                None,
            )
        })?;
        (path.display().to_string(), bytes)
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let why = crate::input::not_utf8(e.as_bytes(), valid);
        (
            msg!("cli-file-problem", path = name.as_str(), why = why),
            Some(crate::i18n::codes::NOT_UTF8),
        )
    })?;
    Ok((name, text))
}

/// Why no rulebook could be chosen.
enum Refusal {
    Load(rulebook::LoadError),
    Plain(Message),
}

/// The `annee_scolaire` of an application, when it is a text.
fn year_of(document: &json::JsonValue) -> Option<String> {
    document
        .member("annee_scolaire")
        .and_then(json::JsonValue::as_text)
        .map(str::to_string)
}

/// The `caf` an application names, when it is a text.
pub(super) fn caf_of(document: &json::JsonValue) -> Option<String> {
    document
        .member(crate::input::CAF_FIELD)
        .and_then(json::JsonValue::as_text)
        .map(str::to_string)
}

fn choose_rulebook(args: &Args, year: Option<&str>, caf: Option<&str>) -> Result<Compiled, (Refusal, u8)> {
    if let Some(path) = &args.rules {
        let source = args.rules_dir.source_for_file(path);
        let found = rulebook::file_in(&source, path).map_err(|e| (Refusal::Load(e), RULEBOOK_ERROR))?;
        return rulebook::load(&source, found).map_err(|e| (Refusal::Load(e), RULEBOOK_ERROR));
    }
    let Some(year) = year else {
        return Err((Refusal::Plain(msg!("cli-eval-no-year")), INPUT_ERROR));
    };
    let source = args.rules_dir.source();
    let caf = caf.or(args.caf.as_deref());
    let found = rulebook::for_caf_year(&source, caf, year).map_err(|e| {
        let code = if matches!(
            e,
            rulebook::LoadError::NoYear(..)
                | rulebook::LoadError::NoYearInLayer(..)
                | rulebook::LoadError::UnknownCaf(..)
                | rulebook::LoadError::WhichCaf(..)
        ) {
            INPUT_ERROR
        } else {
            RULEBOOK_ERROR
        };
        (Refusal::Load(e), code)
    })?;
    rulebook::load(&source, found).map_err(|e| (Refusal::Load(e), RULEBOOK_ERROR))
}
