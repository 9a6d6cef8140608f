//! The `clas-rules` binary: everything lives in the library's `cli` module.

/// The checker and the evaluator recurse over expressions, whose depth the
/// parser bounds; a roomy stack keeps that bound far from the limit.
const STACK_SIZE: usize = 64 * 1024 * 1024;

fn main() -> std::process::ExitCode {
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(clas_rules::cli::run);
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("error: clas-rules stopped unexpectedly");
            std::process::ExitCode::from(70)
        }
    }
}
