//! `clas-rules eval --batch FILE`: a whole campaign, streamed. Decisions go
//! to standard output (JSON Lines or CSV), the summary and the progress bar
//! to standard error (the bar only on a terminal).

use super::DecisionFormat as Format;
use super::eval::{Args, InputFormatArg};
use crate::batch::{self, InputFormat, OutputFormat, Rulebooks};
use crate::msg;
use crate::rulebook;
use std::io::{BufReader, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: &Args, file: &Path) -> ExitCode {
    let source = args.rules_dir.source();
    // Every rulebook that checks, by year; or the one given.
    let compiled = match &args.rules {
        Some(path) => {
            let source = args.rules_dir.source_for_file(path);
            match rulebook::file_in(&source, path).and_then(|f| rulebook::load(&source, f)) {
                Ok(compiled) => vec![compiled],
                Err(error) => {
                    super::load_error(&error);
                    return ExitCode::from(1);
                }
            }
        }
        None => match rulebook::all_rulebooks(&source) {
            Ok(all) => rulebook::load_many(&source, &all, rulebook::deciding(&all))
                .into_iter()
                .filter_map(Result::ok)
                .collect(),
            Err(error) => {
                super::load_error(&error);
                return ExitCode::from(1);
            }
        },
    };
    let default_caf = match rulebook::all_rulebooks(&source)
        .and_then(|all| rulebook::default_caf(&source, &all, args.caf.as_deref()))
    {
        Ok(caf) => caf,
        Err(error) => {
            super::load_error(&error);
            return ExitCode::from(1);
        }
    };
    if let Some(broken) = compiled
        .iter()
        .find(|c| c.program.is_none() && args.rules.is_some())
    {
        eprint!("{}", super::render(&broken.sources, &broken.diagnostics));
        return fail(msg!("cli-rulebook-has-errors", name = broken.name.as_str()), 1);
    }
    let programs: Vec<&crate::program::Program> =
        compiled.iter().filter_map(|c| c.program.as_ref()).collect();
    let only = if args.rules.is_some() {
        programs.first().copied()
    } else {
        None
    };
    let rulebooks = Rulebooks::new(&programs, default_caf, only);
    if rulebooks.by_year.is_empty() {
        return fail(msg!("cli-batch-no-rulebook"), 1);
    }
    let csv_input = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let input_format = match args.input_format {
        Some(InputFormatArg::Jsonl) => InputFormat::JsonLines,
        Some(InputFormatArg::Csv) => InputFormat::Csv(b','),
        Some(InputFormatArg::CsvSemicolon) => InputFormat::Csv(b';'),
        None if csv_input => InputFormat::Csv(b','),
        None => InputFormat::JsonLines,
    };
    let output_format = match args.format.unwrap_or(Format::Json) {
        Format::Csv => OutputFormat::Csv,
        Format::CsvSemicolon => OutputFormat::CsvSemicolon,
        Format::Json => OutputFormat::JsonLines,
        Format::Human => {
            return fail(msg!("cli-batch-format"), 2);
        }
        Format::Html => {
            return fail(msg!("cli-batch-format-html"), 2);
        }
    };
    let total_bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let reader: Box<dyn std::io::Read> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(file) {
            Ok(f) => Box::new(f),
            Err(error) => {
                let why = crate::rulebook::io_problem(&error);
                return fail(
                    msg!("cli-cannot-read", path = file.display().to_string(), why = why),
                    2,
                );
            }
        }
    };
    let mut input = BufReader::with_capacity(1 << 20, reader);
    let stdout = std::io::stdout();
    let mut output = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let started = Instant::now();
    let show = std::io::stderr().is_terminal();
    let progress = |records: u64, bytes: u64| {
        if !show {
            return;
        }
        let seconds = started.elapsed().as_secs_f64().max(1e-3);
        let rate = records as f64 / seconds;
        let left = if bytes > 0 && total_bytes > bytes {
            let remaining = seconds * (total_bytes - bytes) as f64 / bytes as f64;
            super::say(&msg!("batch-progress-left", seconds = format!("{remaining:.0}")))
        } else {
            String::new()
        };
        let percent = (100 * bytes).checked_div(total_bytes).unwrap_or(0);
        let line = msg!(
            "batch-progress",
            count = i64::try_from(records).unwrap_or(i64::MAX),
            percent = percent.to_string(),
            rate = format!("{rate:.0}"),
            left = left.clone()
        );
        eprint!("\r{}   ", super::say(&line));
    };
    let result = batch::run_reporting(
        &rulebooks,
        &mut input,
        input_format,
        &mut output,
        output_format,
        super::lang(),
        args.report.is_some(),
        progress,
    );
    if show {
        eprintln!();
    }
    let (summary, report) = match result {
        Ok(done) => done,
        Err(error) => {
            match error.code {
                Some(code) => super::error_with_code(code, error.message),
                None => super::error(error.message),
            }
            return ExitCode::from(2);
        }
    };
    eprint!("{}", summary.to_human(super::lang()));
    eprintln!("({:.2} s)", started.elapsed().as_secs_f64());
    if let Some(path) = &args.summary {
        let text = serde_json::to_string_pretty(&summary.to_json()).unwrap_or_default();
        if let Err(error) = super::write::replace_file(path, text.as_bytes()) {
            return fail(error.message(), 1);
        }
    }
    if let (Some(path), Some(report)) = (&args.report, &report) {
        let references: Vec<_> = compiled
            .iter()
            .filter(|c| c.program.is_some())
            .map(rulebook::Compiled::reference)
            .collect();
        let name = file.display().to_string();
        let page = match crate::render::campaign::html(report, &name, &references, super::lang()) {
            Ok(page) => page,
            Err(error) => return fail(msg!("cli-report-cannot-render", why = error.to_string()), 1),
        };
        if let Err(error) = super::write::replace_file(path, page.as_bytes()) {
            return fail(error.message(), 1);
        }
    }
    let _ = std::io::stderr().flush();
    if summary.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn fail(message: crate::i18n::Message, code: u8) -> ExitCode {
    super::error(message);
    ExitCode::from(code)
}
