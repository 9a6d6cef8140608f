//! `clas-rules explain CODE`: the explanation of a diagnostic code, in this
//! run's language (what it means, a wrong example, the corrected one); without
//! a code, the list of every code with its title.

use crate::i18n::{self, Code, codes};
use crate::msg;
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `explain`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_name = "CODE")]
    code: Option<String>,
}

pub fn run(args: &Args) -> ExitCode {
    let lang = super::lang();
    // A reader that stops early (`clas-rules explain | head`) is no error.
    let mut out = std::io::stdout().lock();
    let Some(written) = &args.code else {
        for code in codes::ALL {
            let title = i18n::explanation(lang, *code)
                .and_then(title_of)
                .unwrap_or_default();
            if writeln!(out, "{}  {title}", code.id()).is_err() {
                break;
            }
        }
        return ExitCode::SUCCESS;
    };
    let Some(code) = Code::parse(written) else {
        super::error(msg!("explain-unknown-code", code = written.as_str()));
        eprintln!("{}", super::say(&msg!("explain-list-hint")));
        return ExitCode::from(2);
    };
    match i18n::explanation(lang, code) {
        Some(text) => {
            let newline = if text.ends_with('\n') { "" } else { "\n" };
            let _ = write!(out, "{text}{newline}");
            ExitCode::SUCCESS
        }
        None => {
            super::error(msg!("explain-not-written", code = code.id()));
            ExitCode::from(1)
        }
    }
}

/// The title of an explanation: its first heading, without the code.
pub fn title_of(text: &str) -> Option<&str> {
    let heading = text.lines().find(|l| l.starts_with("# "))?;
    let title = heading.trim_start_matches("# ");
    Some(
        title
            .split_once(" — ")
            .map(|(_, rest)| rest)
            .unwrap_or(title)
            .trim(),
    )
}
