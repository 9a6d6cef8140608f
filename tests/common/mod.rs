//! What the tests that run the binary share: where the repository is, and
//! running `clas-rules` as a user would (no `CLAS_RULES_DIR` from outside).

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the built `clas-rules` with `args` in `dir`.
pub fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clas-rules"))
        .args(args)
        .current_dir(dir)
        .env_remove("CLAS_RULES_DIR")
        .output()
        .unwrap()
}

/// Runs the built `clas-rules` with `args` at the repository's root.
pub fn clas_rules(args: &[&str]) -> Output {
    run(args, &root())
}

/// What a run wrote on standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
