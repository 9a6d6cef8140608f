//! The `clas-rules` binary: everything lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    clas_rules::cli::run()
}
