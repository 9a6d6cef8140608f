//! `clas-rules lsp`: serves the Language Server Protocol on standard input
//! and output, for VS Code, Neovim, Helix and other editors.

use std::process::ExitCode;

/// Arguments of `lsp` (the protocol needs none; `--stdio` is accepted, as
/// editors' clients often pass it).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: &Args) -> ExitCode {
    let _ = args.stdio;
    match crate::lsp::serve(super::asked_lang()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            super::error(crate::msg!("cli-lsp-stopped", why = error.to_string()));
            ExitCode::from(1)
        }
    }
}
