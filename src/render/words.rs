//! Rules in French words: a condition or a computation of the rulebook
//! said as staff would say it, using the labels the rulebook gives its
//! declarations. One description serves the explanation of a decision, the
//! documentation and the editor's hover.

use crate::program::{Program, RuleDef};

/// The condition of a rule, in words: what makes it fire.
pub fn condition(program: &Program, rule: &RuleDef) -> String {
    let _ = program;
    rule.name.clone()
}
