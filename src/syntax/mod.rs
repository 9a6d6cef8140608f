//! Syntax: the pest grammar in `grammar/clas.pest`, the syntax tree, and the
//! parser that recovers at each top-level declaration.

pub mod ast;
pub mod parser;

pub use parser::parse;
