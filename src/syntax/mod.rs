//! Syntax: the pest grammar in `grammar/clas.pest`, the syntax tree, and the
//! parser that recovers at each top-level declaration.

pub mod ast;
pub mod format;
pub mod parser;

pub mod print;
pub mod scan;

pub use parser::{parse, parse_at};
