//! clas-rules: versioned, typed rulebooks for the CLAS funding programme, and
//! the interpreter that applies them to applications.
//!
//! The core (`syntax`, `check`, `eval`, `input`, `decision`) does no I/O; files,
//! terminals and the environment belong to `rulebook` loading and `cli`.

pub mod batch;
pub mod cases;
pub mod check;
pub mod cli;
pub mod compare;
pub mod decision;
pub mod diagnostic;
pub mod eval;
pub mod generate;
pub mod i18n;
pub mod input;
pub mod lsp;
pub mod program;
pub mod render;
pub mod rulebook;
pub mod syntax;
pub mod value;
