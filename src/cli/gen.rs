//! `clas-rules gen --count N --seed S`: synthetic applications for a year's
//! rulebook, as JSON Lines or CSV, for benchmarks and tests of batch runs.
//! `--style autre-outil` writes the same applications as other tools write
//! JSON (keys in alphabetical order, spaces, amounts as numbers, escapes;
//! `--style melange`: keys shuffled in every object);
//! `--caf 15` follows that Caf's schema and adds a top-level `"caf"` member.

use super::RulesDirArg;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `gen`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, default_value_t = 1000)]
    count: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    year: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    format: super::DecisionFormat,
    #[arg(long, value_enum, default_value = "contrat")]
    style: StyleArg,
    #[arg(long)]
    caf: Option<String>,
    #[command(flatten)]
    rules_dir: RulesDirArg,
}

/// The values of `--style`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum StyleArg {
    Contrat,
    AutreOutil,
    Melange,
}

pub fn run(args: &Args) -> ExitCode {
    let form = crate::generate::Form {
        style: match args.style {
            StyleArg::Contrat => crate::generate::Style::Contract,
            StyleArg::AutreOutil => crate::generate::Style::OtherTool,
            StyleArg::Melange => crate::generate::Style::Shuffled,
        },
        caf: args.caf.clone(),
    };
    let compiled =
        match super::rulebook_of_caf_year(&args.rules_dir, args.caf.as_deref(), args.year.as_deref()) {
            Ok(compiled) => compiled,
            Err(code) => return code,
        };
    let Some(program) = compiled.program.as_ref() else {
        return ExitCode::from(1);
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = match args.format {
        super::DecisionFormat::Csv | super::DecisionFormat::CsvSemicolon => {
            let separator = if args.format == super::DecisionFormat::Csv {
                ','
            } else {
                ';'
            };
            let columns = crate::input::csv::columns(program, 3);
            let mut lines = Vec::new();
            let generated = crate::generate::applications(program, args.count, args.seed, &mut lines);
            generated.and_then(|()| {
                writeln!(out, "{}", columns.join(&separator.to_string()))?;
                for line in String::from_utf8_lossy(&lines).lines() {
                    let document: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                    writeln!(
                        out,
                        "{}",
                        crate::input::csv::row_of(&document, &columns, separator)
                    )?;
                }
                Ok(())
            })
        }
        _ => crate::generate::applications_in(program, args.count, args.seed, &form, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}
