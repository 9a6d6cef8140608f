//! Warnings that keep a rulebook maintainable from year to year: unused
//! declarations, figures written in rules instead of parameters, missing
//! citations of the note, and amounts that are never rounded.

use super::Checker;
use crate::i18n::codes;
use crate::msg;
use crate::program::*;
use crate::syntax::ast::{self, Declaration, ExprKind as Ast, NumberUnit};
use rust_decimal::Decimal;

/// Parameters, derived values and functions that nothing uses.
pub(super) fn unused(checker: &mut Checker, module: &ast::Module, program: &Program) {
    let _ = module;
    for (id, global) in program.globals.iter().enumerate() {
        if checker.global_uses.get(id).copied().unwrap_or(1) > 0 {
            continue;
        }
        match global.kind {
            GlobalKind::Param => {
                checker
                    .report(
                        codes::UNUSED,
                        global.name_span,
                        msg!("lint-unused-param", name = global.name.as_str()),
                        msg!("lint-unused-label"),
                    )
                    .hint(msg!("lint-unused-param-hint"));
            }
            GlobalKind::Let => {
                checker
                    .report(
                        codes::UNUSED,
                        global.name_span,
                        msg!("lint-unused-let", name = global.name.as_str()),
                        msg!("lint-unused-label"),
                    )
                    .hint(msg!("lint-unused-let-hint"));
            }
            GlobalKind::Output => {}
        }
    }
    for (id, def) in program.defs.iter().enumerate() {
        if checker.def_uses.get(id).copied().unwrap_or(1) == 0 {
            checker.report(
                codes::UNUSED,
                def.name_span,
                msg!("lint-unused-def", name = def.name.as_str()),
                msg!("lint-unused-def-label"),
            );
        }
    }
}

/// Figures written in rules and values instead of named parameters.
pub(super) fn bare_figures(checker: &mut Checker, module: &ast::Module) {
    for declaration in &module.declarations {
        let (what, exprs): (&str, Vec<&ast::Expr>) = match declaration {
            Declaration::Let(d) => ("let", vec![&d.value]),
            Declaration::Def(d) => ("def", vec![&d.body]),
            Declaration::Rule(d) => (
                "rule",
                std::iter::once(&d.condition)
                    .chain(d.for_each.as_ref().map(|f| &f.list))
                    .collect(),
            ),
            Declaration::Output(d) => ("output", vec![&d.value]),
            _ => continue,
        };
        for expr in exprs {
            let mut found = Vec::new();
            figures(expr, &mut found);
            for (span, shown) in found {
                checker
                    .report(
                        codes::BARE_FIGURE,
                        span,
                        msg!("lint-bare-figure", figure = shown, kind = what),
                        msg!("lint-bare-figure-label"),
                    )
                    .hint(msg!("lint-bare-figure-hint"));
            }
        }
    }
}

fn figures(expr: &ast::Expr, found: &mut Vec<(crate::diagnostic::Span, String)>) {
    match &expr.kind {
        Ast::Number { value, unit, .. } => {
            let trivial = value.is_zero() || (*value == Decimal::ONE && *unit == NumberUnit::None);
            if !trivial {
                let suffix = match unit {
                    NumberUnit::None => "",
                    NumberUnit::Euro => " €",
                    NumberUnit::Percent => " %",
                };
                found.push((
                    expr.span,
                    format!("{}{suffix}", value.to_string().replace('.', ",")),
                ));
            }
        }
        Ast::Date(date) => found.push((expr.span, date.to_string())),
        Ast::Text(text) => found.push((expr.span, format!("\"{text}\""))),
        Ast::Bool(_) | Ast::Name(_) => {}
        Ast::Field(base, _) | Ast::Unary(_, base) => figures(base, found),
        Ast::Call(_, args) | Ast::List(args) => args.iter().for_each(|a| figures(a, found)),
        Ast::Aggregate { list, body, .. } => {
            figures(list, found);
            figures(body, found);
        }
        Ast::Binary(_, a, b) => {
            figures(a, found);
            figures(b, found);
        }
        Ast::If(a, b, c) => {
            figures(a, found);
            figures(b, found);
            figures(c, found);
        }
        Ast::IfLet {
            value,
            then,
            otherwise,
            ..
        } => {
            figures(value, found);
            figures(then, found);
            figures(otherwise, found);
        }
    }
}

/// Parameters and rules that do not cite the note.
pub(super) fn sources(checker: &mut Checker, module: &ast::Module) {
    for declaration in &module.declarations {
        let (name, clauses, what) = match declaration {
            Declaration::Param(d) => (&d.name, &d.clauses, "param"),
            Declaration::Rule(d) => (&d.name, &d.clauses, "rule"),
            _ => continue,
        };
        if clauses.source.is_none() {
            checker
                .report(
                    codes::MISSING_SOURCE,
                    name.span,
                    msg!("lint-missing-source", kind = what, name = name.name.as_str()),
                    msg!("lint-missing-source-label"),
                )
                .hint(msg!("lint-missing-source-hint"));
        }
    }
}

/// Money outputs whose computation may leave fractions of a cent.
pub(super) fn unrounded_outputs(checker: &mut Checker, program: &Program) {
    let mut rounding = Rounding {
        program,
        global_memo: vec![None; program.globals.len()],
        def_memo: vec![None; program.defs.len()],
    };
    let mut warnings = Vec::new();
    for global in program
        .globals
        .iter()
        .filter(|g| g.kind == GlobalKind::Output && g.ty == Type::Money)
    {
        if !rounding.rounded(&global.expr) {
            warnings.push((global.name.clone(), global.name_span));
        }
    }
    for output in program
        .item_lists
        .iter()
        .flat_map(|l| &l.outputs)
        .filter(|o| o.ty == Type::Money)
    {
        if !rounding.rounded(&output.expr) {
            warnings.push((output.name.clone(), output.name_span));
        }
    }
    for (name, span) in warnings {
        checker
            .report(
                codes::NEVER_ROUNDED,
                span,
                msg!("lint-never-rounded", name = name),
                msg!("lint-never-rounded-label"),
            )
            .hint(msg!("lint-never-rounded-hint"));
    }
}

struct Rounding<'p> {
    program: &'p Program,
    global_memo: Vec<Option<bool>>,
    def_memo: Vec<Option<bool>>,
}

impl Rounding<'_> {
    /// Whether an amount is rounded, or made only of given amounts and sums of them.
    fn rounded(&mut self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Round(..) => true,
            ExprKind::Const(_) | ExprKind::Local(_) | ExprKind::Input | ExprKind::Field(..) => true,
            ExprKind::Global(id) => {
                if let Some(Some(known)) = self.global_memo.get(*id) {
                    return *known;
                }
                let program = self.program;
                let Some(global) = program.globals.get(*id) else {
                    return true;
                };
                if global.kind == GlobalKind::Param {
                    return true;
                }
                // Assume rounded while computing, so that a cycle cannot loop.
                if let Some(slot) = self.global_memo.get_mut(*id) {
                    *slot = Some(true);
                }
                let result = self.rounded(&global.expr);
                if let Some(slot) = self.global_memo.get_mut(*id) {
                    *slot = Some(result);
                }
                result
            }
            ExprKind::Call(id, _) => {
                if let Some(Some(known)) = self.def_memo.get(*id) {
                    return *known;
                }
                let program = self.program;
                let Some(def) = program.defs.get(*id) else {
                    return true;
                };
                if let Some(slot) = self.def_memo.get_mut(*id) {
                    *slot = Some(true);
                }
                let result = self.rounded(&def.body);
                if let Some(slot) = self.def_memo.get_mut(*id) {
                    *slot = Some(result);
                }
                result
            }
            ExprKind::Arith { lhs, rhs, exact, .. } => *exact && self.rounded(lhs) && self.rounded(rhs),
            ExprKind::Neg(e) => self.rounded(e),
            ExprKind::If(_, a, b) => self.rounded(a) && self.rounded(b),
            ExprKind::IfLet { then, otherwise, .. } => self.rounded(then) && self.rounded(otherwise),
            ExprKind::Aggregate { body, .. } => self.rounded(body),
            ExprKind::Builtin(_, args) => args.iter().all(|a| self.rounded(a)),
            _ => true,
        }
    }
}
