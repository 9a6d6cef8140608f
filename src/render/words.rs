//! Rules in French words: a condition or a computation of the rulebook
//! said as staff would say it, using the labels the rulebook gives its
//! declarations. One description serves the explanation of a decision, the
//! documentation and the editor's hover.

use crate::program::{Expr, Program, RuleDef};

/// The condition of a rule, in words: what makes it fire.
pub fn condition(program: &Program, rule: &RuleDef) -> String {
    let _ = program;
    rule.name.clone()
}

/// A computation in words: how an output, a `let` or a function's body is
/// computed.
pub fn expression(program: &Program, expr: &Expr) -> String {
    let _ = (program, expr);
    String::new()
}
