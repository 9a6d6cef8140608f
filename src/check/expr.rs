//! Typing and compiling expressions: names become slots, operators are
//! checked against the units of their operands.

use super::{Checker, ValueName, suggest};
use crate::diagnostic::Span;
use crate::i18n::{Arg, Message, codes};
use crate::msg;
use crate::program::*;
use crate::syntax::ast::{self, BinaryOp, ExprKind as Ast, NumberUnit, UnaryOp};
use crate::value::Value;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The local names in scope, innermost last; a local's slot is its position.
#[derive(Default, Clone)]
pub(crate) struct Scope {
    locals: Vec<(String, Type)>,
}

impl Scope {
    pub(crate) fn push(&mut self, name: &str, ty: Type) -> u32 {
        self.locals.push((name.to_string(), ty));
        u32::try_from(self.locals.len() - 1).unwrap_or(u32::MAX)
    }

    fn pop(&mut self) {
        self.locals.pop();
    }

    pub(crate) fn find(&self, name: &str) -> Option<(u32, Type)> {
        self.locals
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (local, _))| local == name)
            .map(|(slot, (_, ty))| (u32::try_from(slot).unwrap_or(u32::MAX), ty.clone()))
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.locals.iter().map(|(name, _)| name.as_str())
    }
}

const BUILTINS: [&str; 13] = [
    "min",
    "max",
    "abs",
    "count",
    "present",
    "same_text",
    "close_to",
    "eligible",
    "round",
    "sum",
    "all",
    "any",
    "count",
];

fn compiled(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn error_expr(span: Span) -> (Expr, Type) {
    (compiled(ExprKind::Const(Value::Bool(false)), span), Type::Error)
}

/// The common type of two branches or list items, if they have one.
fn unify(a: &Type, b: &Type) -> Option<Type> {
    match (a, b) {
        (Type::Error, other) | (other, Type::Error) => Some(other.clone()),
        (Type::EmptyList, Type::List(t)) | (Type::List(t), Type::EmptyList) => Some(Type::List(t.clone())),
        (Type::Integer, Type::Decimal) | (Type::Decimal, Type::Integer) => Some(Type::Decimal),
        (Type::Optional(x), y) | (y, Type::Optional(x)) if **x == *y => Some(Type::Optional(x.clone())),
        _ if a == b => Some(a.clone()),
        _ => None,
    }
}

/// Whether a value of type `actual` can stand where `expected` is declared.
fn assignable(actual: &Type, expected: &Type) -> bool {
    match (actual, expected) {
        (Type::Error, _) | (_, Type::Error) => true,
        (Type::EmptyList, Type::List(_)) => true,
        (Type::Integer, Type::Decimal) => true,
        (actual, Type::Optional(inner)) => {
            actual == &Type::Optional(inner.clone()) || assignable(actual, inner)
        }
        (Type::List(a), Type::List(b)) => assignable(a, b),
        _ => actual == expected,
    }
}

impl Checker {
    /// Compiles `e`, reporting an error unless its type fits `expected`.
    pub(crate) fn expect(
        &mut self,
        e: &ast::Expr,
        expected: &Type,
        scope: &mut Scope,
        what: Message,
    ) -> Expr {
        let (mut compiled, actual) = self.expr(e, scope);
        if !assignable(&actual, expected) {
            let message = msg!(
                "check-expected-found",
                expected = self.words(expected),
                found = self.words(&actual)
            );
            let label = msg!("check-expected-label", what = what, type = self.type_name(expected));
            let hint = unit_hint(expected, &actual);
            // A bare figure where an amount or a rate is declared: the unit
            // was forgotten (`32,5` for `32,5 %`).
            let unit_forgotten = matches!(expected, Type::Money | Type::Rate)
                && matches!(actual, Type::Integer | Type::Decimal)
                && matches!(e.kind, Ast::Number { .. });
            let code = if unit_forgotten {
                codes::MISSING_UNIT
            } else {
                codes::TYPE_MISMATCH
            };
            let pushed = self.report(code, e.span, message, label);
            if let Some(hint) = hint {
                pushed.hint(hint);
            }
        }
        // An integer literal where a decimal is declared is stored as a decimal.
        if *expected == Type::Decimal
            && let ExprKind::Const(Value::Integer(n)) = compiled.kind
        {
            compiled.kind = ExprKind::Const(Value::Decimal(Decimal::from(n)));
        }
        compiled
    }

    /// Compiles an expression and gives its type.
    pub(crate) fn expr(&mut self, e: &ast::Expr, scope: &mut Scope) -> (Expr, Type) {
        let span = e.span;
        match &e.kind {
            Ast::Bool(b) => (compiled(ExprKind::Const(Value::Bool(*b)), span), Type::Bool),
            Ast::Text(t) => (
                compiled(ExprKind::Const(Value::Text(Arc::from(t.as_str()))), span),
                Type::Text,
            ),
            Ast::Date(d) => (compiled(ExprKind::Const(Value::Date(*d)), span), Type::Date),
            Ast::Number {
                value,
                fractional,
                unit,
            } => self.number(*value, *fractional, *unit, span),
            Ast::Name(ident) => self.name(ident, scope),
            Ast::Field(base, field) => self.field(base, field, scope, span),
            Ast::Call(function, args) => self.call(function, args, scope, span),
            Ast::Aggregate {
                function,
                binder,
                list,
                body,
            } => self.aggregate(function, binder, list, body, scope, span),
            Ast::Unary(UnaryOp::Not, operand) => {
                let operand = self.expect(
                    operand,
                    &Type::Bool,
                    scope,
                    msg!("check-what-keyword", keyword = "not"),
                );
                (compiled(ExprKind::Not(Box::new(operand)), span), Type::Bool)
            }
            Ast::Unary(UnaryOp::Neg, operand) => {
                let (operand, ty) = self.expr(operand, scope);
                if !ty.is_numeric() && ty != Type::Error {
                    let found = self.words(&ty);
                    self.report(
                        codes::BAD_OPERATION,
                        span,
                        msg!("check-cannot-negate", found = found),
                        msg!("check-cannot-negate-label"),
                    );
                    return error_expr(span);
                }
                (compiled(ExprKind::Neg(Box::new(operand)), span), ty)
            }
            Ast::Binary(op, lhs, rhs) => self.binary(*op, lhs, rhs, scope, span),
            Ast::If(condition, then, otherwise) => {
                let condition = self.expect(condition, &Type::Bool, scope, msg!("check-what-if-condition"));
                let (then, then_ty) = self.expr(then, scope);
                let (otherwise, else_ty) = self.expr(otherwise, scope);
                let ty = self.branches(&then_ty, &else_ty, then.span, otherwise.span);
                (
                    compiled(
                        ExprKind::If(Box::new(condition), Box::new(then), Box::new(otherwise)),
                        span,
                    ),
                    ty,
                )
            }
            Ast::IfLet {
                binder,
                value,
                then,
                otherwise,
            } => {
                let (value, value_ty) = self.expr(value, scope);
                let inner = match value_ty {
                    Type::Optional(inner) => *inner,
                    Type::Error => Type::Error,
                    other => {
                        let found = self.words(&other);
                        self.report(
                            codes::NEVER_ABSENT,
                            value.span,
                            msg!("check-if-let-never-absent"),
                            msg!("check-if-let-never-absent-label", found = found),
                        )
                        .hint(msg!("check-if-let-never-absent-hint"));
                        Type::Error
                    }
                };
                let (otherwise, else_ty) = self.expr(otherwise, scope);
                self.bind(&binder.name, binder.span, then.span, &inner);
                let slot = scope.push(&binder.name, inner);
                let (then, then_ty) = self.expr(then, scope);
                scope.pop();
                let ty = self.branches(&then_ty, &else_ty, then.span, otherwise.span);
                let kind = ExprKind::IfLet {
                    slot,
                    value: Box::new(value),
                    then: Box::new(then),
                    otherwise: Box::new(otherwise),
                };
                (compiled(kind, span), ty)
            }
            Ast::List(items) => {
                let mut item_ty = Type::EmptyList;
                let mut compiled_items = Vec::with_capacity(items.len());
                for item in items {
                    let (c, ty) = self.expr(item, scope);
                    if item_ty == Type::EmptyList {
                        item_ty = ty;
                    } else if let Some(common) = unify(&item_ty, &ty) {
                        item_ty = common;
                    } else {
                        let (expected, found) = (self.words(&item_ty), self.words(&ty));
                        self.report(
                            codes::TYPE_MISMATCH,
                            item.span,
                            msg!("check-list-of-one-type", expected = expected, found = found),
                            msg!("check-different-type"),
                        );
                    }
                    compiled_items.push(c);
                }
                let ty = if item_ty == Type::EmptyList {
                    Type::EmptyList
                } else {
                    Type::List(Box::new(item_ty))
                };
                (compiled(ExprKind::MakeList(compiled_items), span), ty)
            }
        }
    }

    fn branches(&mut self, a: &Type, b: &Type, a_span: Span, b_span: Span) -> Type {
        match unify(a, b) {
            Some(ty) => ty,
            None => {
                let (wa, wb) = (self.words(a), self.words(b));
                self.push(
                    crate::diagnostic::Diagnostic::new(
                        codes::TYPE_MISMATCH,
                        self.file,
                        b_span,
                        msg!("check-branches-differ", first = wa.clone(), second = wb.clone()),
                        msg!("check-this-is", what = wb),
                    )
                    .with_label(a_span, msg!("check-this-is", what = wa)),
                );
                Type::Error
            }
        }
    }

    fn number(&mut self, value: Decimal, fractional: bool, unit: NumberUnit, span: Span) -> (Expr, Type) {
        let (value, ty) = match unit {
            NumberUnit::Euro => (Value::Money(value), Type::Money),
            NumberUnit::Percent => match value.checked_div(Decimal::ONE_HUNDRED) {
                Some(rate) => (Value::Rate(rate), Type::Rate),
                None => {
                    self.report(
                        codes::LITERAL_TOO_LARGE,
                        span,
                        msg!("check-rate-too-large"),
                        msg!("syntax-number-too-large-label"),
                    );
                    return error_expr(span);
                }
            },
            NumberUnit::None if fractional => (Value::Decimal(value), Type::Decimal),
            NumberUnit::None => match i64::try_from(value) {
                Ok(n) => (Value::Integer(n), Type::Integer),
                Err(_) => {
                    self.report(
                        codes::LITERAL_TOO_LARGE,
                        span,
                        msg!("check-integer-too-large"),
                        msg!("check-integer-too-large-label"),
                    );
                    return error_expr(span);
                }
            },
        };
        (compiled(ExprKind::Const(value), span), ty)
    }

    fn name(&mut self, ident: &ast::Ident, scope: &Scope) -> (Expr, Type) {
        let span = ident.span;
        if let Some((slot, ty)) = scope.find(&ident.name) {
            return (compiled(ExprKind::Local(slot), span), ty);
        }
        match self.values.get(&ident.name).map(|(what, _)| *what) {
            Some(ValueName::Global(id)) => {
                if let Some(uses) = self.global_uses.get_mut(id) {
                    *uses += 1;
                }
                self.names.uses.push((span, Symbol::Global(ident.name.clone())));
                let ty = self.globals.get(id).map(|g| g.ty.clone()).unwrap_or(Type::Error);
                return (compiled(ExprKind::Global(id), span), ty);
            }
            Some(ValueName::Def(_)) => {
                self.report(
                    codes::NOT_A_VALUE,
                    span,
                    msg!("check-is-a-function", name = ident.name.as_str()),
                    msg!("check-is-a-function-label"),
                )
                .hint(msg!("check-is-a-function-hint", name = ident.name.as_str()));
                return error_expr(span);
            }
            Some(ValueName::Input) => {
                self.names.uses.push((span, Symbol::Input));
                let ty = self.input.map(Type::Record).unwrap_or(Type::Error);
                return (compiled(ExprKind::Input, span), ty);
            }
            None => {}
        }
        if let Some(found) = self.variants.get(&ident.name).cloned() {
            if let [(enum_id, _)] = found.as_slice() {
                let owner = self.enum_name(*enum_id).to_string();
                self.names
                    .uses
                    .push((span, Symbol::Variant(owner, ident.name.clone())));
            }
            return match found.as_slice() {
                [(enum_id, index)] => (
                    compiled(
                        ExprKind::Const(Value::Enum(u32::try_from(*enum_id).unwrap_or(u32::MAX), *index)),
                        span,
                    ),
                    Type::Enum(*enum_id),
                ),
                _ => {
                    let owners: Vec<Message> = found
                        .iter()
                        .map(|(e, _)| {
                            msg!(
                                "syntax-token",
                                token = format!("{}.{}", self.enum_name(*e), ident.name)
                            )
                        })
                        .collect();
                    self.report(
                        codes::AMBIGUOUS_VALUE,
                        span,
                        msg!("check-ambiguous-value", name = ident.name.as_str()),
                        msg!("check-ambiguous-value-label"),
                    )
                    .hint(msg!("check-ambiguous-value-hint", choices = Arg::AnyOf(owners)));
                    error_expr(span)
                }
            };
        }
        if self.type_names.contains_key(&ident.name) {
            self.report(
                codes::NOT_A_VALUE,
                span,
                msg!("check-type-not-value", name = ident.name.as_str()),
                msg!("check-type-not-value-label"),
            );
            return error_expr(span);
        }
        if self.is_broken_name(&ident.name) {
            return error_expr(span);
        }
        let mut candidates: Vec<String> = scope.names().map(str::to_string).collect();
        candidates.extend(self.values.keys().cloned());
        candidates.extend(self.variants.keys().cloned());
        let hint = suggest::did_you_mean(&ident.name, candidates.iter().map(String::as_str));
        let pushed = self.report(
            codes::UNKNOWN_NAME,
            span,
            msg!("check-unknown-name", name = ident.name.as_str()),
            msg!("check-unknown-name-label"),
        );
        if let Some(hint) = hint {
            pushed.hint(hint);
        }
        error_expr(span)
    }

    fn field(&mut self, base: &ast::Expr, field: &ast::Ident, scope: &mut Scope, span: Span) -> (Expr, Type) {
        // `Statut.association`: a value of an enumeration, by its full name.
        if let Ast::Name(type_name) = &base.kind
            && scope.find(&type_name.name).is_none()
            && !self.values.contains_key(&type_name.name)
            && let Some(Type::Enum(id)) = self.type_names.get(&type_name.name).cloned()
        {
            let position = self
                .enums
                .get(id)
                .and_then(|e| e.variants.iter().position(|v| *v == field.name));
            self.names
                .uses
                .push((type_name.span, Symbol::Type(type_name.name.clone())));
            if position.is_some() {
                self.names.uses.push((
                    field.span,
                    Symbol::Variant(type_name.name.clone(), field.name.clone()),
                ));
            }
            return match position {
                Some(index) => (
                    compiled(
                        ExprKind::Const(Value::Enum(
                            u32::try_from(id).unwrap_or(u32::MAX),
                            u32::try_from(index).unwrap_or(u32::MAX),
                        )),
                        span,
                    ),
                    Type::Enum(id),
                ),
                None => {
                    let variants = self
                        .enums
                        .get(id)
                        .map(|e| e.variants.join(", "))
                        .unwrap_or_default();
                    self.report(
                        codes::UNKNOWN_ENUM_VALUE,
                        field.span,
                        msg!(
                            "check-not-a-value-of",
                            name = field.name.as_str(),
                            enumeration = type_name.name.as_str()
                        ),
                        msg!("check-unknown-value-label"),
                    )
                    .hint(msg!("check-the-values-are", values = variants));
                    error_expr(span)
                }
            };
        }
        let (base_compiled, base_ty) = self.expr(base, scope);
        let record_id = match base_ty {
            Type::Record(id) => id,
            Type::Error => return error_expr(span),
            Type::Optional(inner) if matches!(*inner, Type::Record(_)) => {
                let written = written(base);
                self.report(
                    codes::MAYBE_ABSENT,
                    base.span,
                    msg!("check-maybe-absent"),
                    msg!("check-maybe-absent-label"),
                )
                .hint(msg!(
                    "check-maybe-absent-hint",
                    written = written,
                    field = field.name.as_str()
                ));
                return error_expr(span);
            }
            other => {
                let found = self.words(&other);
                self.report(
                    codes::UNKNOWN_FIELD,
                    field.span,
                    msg!("check-has-no-field", found = found, field = field.name.as_str()),
                    msg!("check-no-such-field"),
                );
                return error_expr(span);
            }
        };
        let Some(record) = self.records.get(record_id) else {
            return error_expr(span);
        };
        match record.fields.iter().position(|f| f.name == field.name) {
            Some(index) => {
                let owner = record.name.clone();
                self.names
                    .uses
                    .push((field.span, Symbol::Field(owner, field.name.clone())));
                let ty = record
                    .fields
                    .get(index)
                    .map(|f| f.ty.clone())
                    .unwrap_or(Type::Error);
                let kind = ExprKind::Field(Box::new(base_compiled), u32::try_from(index).unwrap_or(u32::MAX));
                (compiled(kind, span), ty)
            }
            None => {
                let record_name = record.name.clone();
                let fields: Vec<String> = record.fields.iter().map(|f| f.name.clone()).collect();
                let hint = suggest::did_you_mean(&field.name, fields.iter().map(String::as_str))
                    .unwrap_or_else(|| {
                        msg!(
                            "check-the-fields-are",
                            record = record_name.as_str(),
                            fields = fields.join(", ")
                        )
                    });
                self.report(
                    codes::UNKNOWN_FIELD,
                    field.span,
                    msg!("check-unknown-field", name = field.name.as_str()),
                    msg!("check-not-a-field-of", record = record_name),
                )
                .hint(hint);
                error_expr(span)
            }
        }
    }

    fn aggregate(
        &mut self,
        function: &ast::Ident,
        binder: &ast::Ident,
        list: &ast::Expr,
        body: &ast::Expr,
        scope: &mut Scope,
        span: Span,
    ) -> (Expr, Type) {
        let aggregate = match function.name.as_str() {
            "sum" => Aggregate::Sum,
            "count" => Aggregate::Count,
            "all" => Aggregate::All,
            "any" => Aggregate::Any,
            other => {
                self.report(
                    codes::BAD_AGGREGATE,
                    function.span,
                    msg!("check-not-an-aggregate", name = other),
                    msg!("check-not-an-aggregate-label"),
                )
                .hint(msg!("check-not-an-aggregate-hint"));
                return error_expr(span);
            }
        };
        let (list_compiled, list_ty) = self.expr(list, scope);
        let item_ty = match list_ty {
            Type::List(item) => *item,
            Type::EmptyList | Type::Error => Type::Error,
            other => {
                let found = self.words(&other);
                self.report(
                    codes::BAD_AGGREGATE,
                    list.span,
                    msg!(
                        "check-aggregate-needs-list",
                        name = function.name.as_str(),
                        found = found
                    ),
                    msg!("check-not-a-list"),
                );
                Type::Error
            }
        };
        self.bind(&binder.name, binder.span, span, &item_ty);
        let slot = scope.push(&binder.name, item_ty);
        let (body_compiled, ty) = match aggregate {
            Aggregate::Sum => {
                let (body_compiled, body_ty) = self.expr(body, scope);
                if !body_ty.is_numeric() && body_ty != Type::Error {
                    let found = self.words(&body_ty);
                    self.report(
                        codes::BAD_AGGREGATE,
                        body.span,
                        msg!("check-sum-of-non-numbers", found = found),
                        msg!("check-cannot-be-added"),
                    );
                }
                (body_compiled, body_ty)
            }
            Aggregate::Count => (
                self.expect(body, &Type::Bool, scope, msg!("check-what-the-condition")),
                Type::Integer,
            ),
            Aggregate::All | Aggregate::Any => (
                self.expect(body, &Type::Bool, scope, msg!("check-what-the-condition")),
                Type::Bool,
            ),
        };
        scope.pop();
        let kind = ExprKind::Aggregate {
            aggregate,
            slot,
            list: Box::new(list_compiled),
            body: Box::new(body_compiled),
            ty: ty.clone(),
        };
        (compiled(kind, span), ty)
    }

    fn call(
        &mut self,
        function: &ast::Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> (Expr, Type) {
        let name = function.name.as_str();
        if let Some(reported) = self.aggregate_without_condition(name, args, scope, span) {
            return reported;
        }
        if let Some((ValueName::Def(id), _)) = self.values.get(name).copied() {
            return self.call_def(id, function, args, scope, span);
        }
        let arity = |checker: &mut Checker, expected: usize, usage: &str| -> bool {
            if args.len() == expected {
                return true;
            }
            checker
                .report(
                    codes::WRONG_ARGUMENT_COUNT,
                    span,
                    msg!(
                        "check-argument-count",
                        name = name,
                        expected = expected,
                        found = args.len()
                    ),
                    msg!("check-argument-count-label"),
                )
                .hint(msg!("check-write", usage = usage));
            false
        };
        match name {
            "round" => self.round(args, scope, span),
            "min" | "max" => {
                if args.len() < 2 {
                    self.report(
                        codes::WRONG_ARGUMENT_COUNT,
                        span,
                        msg!("check-needs-two-values", name = name),
                        msg!("check-too-few-arguments"),
                    );
                    return error_expr(span);
                }
                let mut ty = Type::Error;
                let mut compiled_args = Vec::new();
                for arg in args {
                    let (c, arg_ty) = self.expr(arg, scope);
                    if !arg_ty.is_ordered() {
                        let found = self.words(&arg_ty);
                        self.report(
                            codes::BAD_ARGUMENT,
                            arg.span,
                            msg!("check-min-max-unordered", name = name, found = found),
                            msg!("check-cannot-be-compared"),
                        );
                    } else if let Some(common) = unify(&ty, &arg_ty) {
                        ty = common;
                    } else {
                        let (expected, found) = (self.words(&ty), self.words(&arg_ty));
                        let hint = unit_hint(&ty, &arg_ty).unwrap_or_else(|| msg!("check-same-unit-hint"));
                        self.report(
                            codes::BAD_ARGUMENT,
                            arg.span,
                            msg!(
                                "check-min-max-kinds",
                                name = name,
                                expected = expected,
                                found = found.clone()
                            ),
                            msg!("check-this-is", what = found),
                        )
                        .hint(hint);
                    }
                    compiled_args.push(c);
                }
                let builtin = if name == "min" { Builtin::Min } else { Builtin::Max };
                (compiled(ExprKind::Builtin(builtin, compiled_args), span), ty)
            }
            "abs" => {
                if !arity(self, 1, "abs(x)") {
                    return error_expr(span);
                }
                let Some(arg) = args.first() else {
                    return error_expr(span);
                };
                let (c, ty) = self.expr(arg, scope);
                if !ty.is_numeric() && ty != Type::Error {
                    let found = self.words(&ty);
                    self.report(
                        codes::BAD_ARGUMENT,
                        arg.span,
                        msg!("check-abs-of-non-number", found = found),
                        msg!("check-no-sign"),
                    );
                }
                (compiled(ExprKind::Builtin(Builtin::Abs, vec![c]), span), ty)
            }
            "count" => {
                if !arity(self, 1, "count(…)") {
                    return error_expr(span);
                }
                let Some(arg) = args.first() else {
                    return error_expr(span);
                };
                let (c, ty) = self.expr(arg, scope);
                if !matches!(ty, Type::List(_) | Type::EmptyList | Type::Error) {
                    let found = self.words(&ty);
                    self.report(
                        codes::BAD_ARGUMENT,
                        arg.span,
                        msg!("check-count-of-non-list", found = found),
                        msg!("check-not-a-list"),
                    );
                }
                (
                    compiled(ExprKind::Builtin(Builtin::Count, vec![c]), span),
                    Type::Integer,
                )
            }
            "present" => {
                if !arity(self, 1, "present(x)") {
                    return error_expr(span);
                }
                let Some(arg) = args.first() else {
                    return error_expr(span);
                };
                let (c, ty) = self.expr(arg, scope);
                if !matches!(ty, Type::Optional(_) | Type::Error) {
                    let found = self.words(&ty);
                    self.report(
                        codes::NEVER_ABSENT,
                        arg.span,
                        msg!("check-present-of-non-optional", found = found),
                        msg!("check-always-present"),
                    );
                }
                (
                    compiled(ExprKind::Builtin(Builtin::Present, vec![c]), span),
                    Type::Bool,
                )
            }
            "same_text" | "close_to" => {
                if !arity(self, 2, &format!("{name}(a, b)")) {
                    return error_expr(span);
                }
                let compiled_args = args
                    .iter()
                    .map(|a| self.expect(a, &Type::Text, scope, msg!("check-what-a-text")))
                    .collect();
                let builtin = if name == "same_text" {
                    Builtin::SameText
                } else {
                    Builtin::CloseTo
                };
                (
                    compiled(ExprKind::Builtin(builtin, compiled_args), span),
                    Type::Bool,
                )
            }
            "eligible" => {
                if !arity(self, 1, "eligible(demande.collectifs)") {
                    return error_expr(span);
                }
                let Some(arg) = args.first() else {
                    return error_expr(span);
                };
                let (c, ty) = self.expr(arg, scope);
                if ty == Type::Error {
                    return error_expr(span);
                }
                match (&ty, self.item_list(&c, arg.span)) {
                    (Type::List(_), Some(list)) => {
                        (compiled(ExprKind::Eligible(list, Box::new(c)), span), ty)
                    }
                    _ => {
                        let example = self.example_list();
                        self.report(
                            codes::NOT_AN_APPLICATION_LIST,
                            arg.span,
                            msg!("check-eligible-application-list"),
                            msg!("check-not-an-application-list"),
                        )
                        .hint(msg!(
                            "check-application-list-hint",
                            example = format!("eligible({example})")
                        ));
                        error_expr(span)
                    }
                }
            }
            "sum" | "all" | "any" => {
                self.report(
                    codes::BAD_AGGREGATE,
                    span,
                    msg!("check-aggregate-needs-binder", name = name),
                    msg!("check-aggregate-needs-binder-label"),
                )
                .hint(msg!(
                    "check-write",
                    usage = msg!("check-usage-aggregate", name = name, binder = "c")
                ));
                error_expr(span)
            }
            _ if self.is_broken_name(name) => error_expr(span),
            _ => {
                // Check the arguments anyway: their own mistakes are worth reporting.
                for arg in args {
                    let _ = self.expr(arg, scope);
                }
                let mut candidates: Vec<&str> = BUILTINS.to_vec();
                let defs: Vec<String> = self.defs.iter().map(|d| d.name.clone()).collect();
                candidates.extend(defs.iter().map(String::as_str));
                let hint = suggest::did_you_mean(name, candidates);
                let is_value = self.values.contains_key(name);
                let pushed = if is_value {
                    self.report(
                        codes::UNKNOWN_FUNCTION,
                        function.span,
                        msg!("check-not-a-function", name = name),
                        msg!("check-not-a-function-label"),
                    )
                } else {
                    self.report(
                        codes::UNKNOWN_FUNCTION,
                        function.span,
                        msg!("check-unknown-function", name = name),
                        msg!("check-unknown-name-label"),
                    )
                };
                if let Some(hint) = hint {
                    pushed.hint(hint);
                }
                error_expr(span)
            }
        }
    }

    /// `count(c in list)`: an aggregate whose `: …` was forgotten parses as a
    /// call with `c in list` as argument; say so rather than "unknown `c`".
    fn aggregate_without_condition(
        &mut self,
        name: &str,
        args: &[ast::Expr],
        scope: &Scope,
        span: Span,
    ) -> Option<(Expr, Type)> {
        if !matches!(name, "count" | "sum" | "all" | "any") {
            return None;
        }
        let [arg] = args else { return None };
        let Ast::Binary(BinaryOp::In, binder, _) = &arg.kind else {
            return None;
        };
        let Ast::Name(binder) = &binder.kind else {
            return None;
        };
        let known = scope.find(&binder.name).is_some()
            || self.values.contains_key(&binder.name)
            || self.variants.contains_key(&binder.name);
        if known {
            return None;
        }
        let usage = msg!(
            "check-usage-aggregate",
            name = name,
            binder = binder.name.as_str()
        );
        let hint = if name == "count" {
            msg!("check-count-without-condition-hint", usage = usage)
        } else {
            msg!("check-write", usage = usage)
        };
        self.report(
            codes::BAD_AGGREGATE,
            arg.span,
            msg!(
                "check-aggregate-without-condition",
                name = name,
                binder = binder.name.as_str()
            ),
            msg!("check-aggregate-without-condition-label"),
        )
        .hint(hint);
        Some(error_expr(span))
    }

    fn call_def(
        &mut self,
        id: DefId,
        function: &ast::Ident,
        args: &[ast::Expr],
        scope: &mut Scope,
        span: Span,
    ) -> (Expr, Type) {
        let Some(def) = self.defs.get(id) else {
            return error_expr(span);
        };
        let (params, ty) = (def.params.clone(), def.ty.clone());
        self.names
            .uses
            .push((function.span, Symbol::Def(function.name.clone())));
        if let Some(uses) = self.def_uses.get_mut(id) {
            *uses += 1;
        }
        if params.len() != args.len() {
            self.report(
                codes::WRONG_ARGUMENT_COUNT,
                span,
                msg!(
                    "check-argument-count",
                    name = function.name.as_str(),
                    expected = params.len(),
                    found = args.len()
                ),
                msg!("check-argument-count-label"),
            );
            return error_expr(span);
        }
        let compiled_args = args
            .iter()
            .zip(&params)
            .map(|(arg, param_ty)| self.expect(arg, param_ty, scope, msg!("check-what-the-argument")))
            .collect();
        (compiled(ExprKind::Call(id, compiled_args), span), ty)
    }

    fn round(&mut self, args: &[ast::Expr], scope: &mut Scope, span: Span) -> (Expr, Type) {
        let usage = msg!("check-usage-round");
        let [value, unit, mode] = args else {
            if let Some(value) = args.first() {
                let _ = self.expr(value, scope);
            }
            self.report(
                codes::WRONG_ARGUMENT_COUNT,
                span,
                msg!(
                    "check-argument-count",
                    name = "round",
                    expected = 3usize,
                    found = args.len()
                ),
                msg!("check-round-arguments-label"),
            )
            .hint(msg!("check-write", usage = usage.clone()));
            return error_expr(span);
        };
        let value = Some(self.expect(value, &Type::Money, scope, msg!("check-what-round-rounds")));
        let unit = match name_of(unit) {
            Some("euro") => Some(RoundUnit::Euro),
            Some("cent") => Some(RoundUnit::Cent),
            other => {
                let message = match other {
                    Some(name) => msg!("check-unknown-rounding-unit", name = name),
                    None => msg!("check-rounding-unit-needed"),
                };
                self.report(
                    codes::BAD_ROUNDING,
                    unit.span,
                    message,
                    msg!("check-rounding-unit-label"),
                )
                .hint(msg!("check-write", usage = usage));
                None
            }
        };
        let mode = match name_of(mode) {
            Some("half_up") => Some(RoundMode::HalfUp),
            Some("down") => Some(RoundMode::Down),
            Some("up") => Some(RoundMode::Up),
            other => {
                let message = match other {
                    Some(name) => msg!("check-unknown-rounding-mode", name = name),
                    None => msg!("check-rounding-mode-needed"),
                };
                self.report(
                    codes::BAD_ROUNDING,
                    mode.span,
                    message,
                    msg!("check-rounding-mode-label"),
                )
                .hint(msg!("check-rounding-mode-hint"));
                None
            }
        };
        match (value, unit, mode) {
            (Some(value), Some(unit), Some(mode)) => (
                compiled(ExprKind::Round(Box::new(value), unit, mode), span),
                Type::Money,
            ),
            _ => error_expr(span),
        }
    }
}

fn name_of(e: &ast::Expr) -> Option<&str> {
    match &e.kind {
        Ast::Name(ident) => Some(ident.name.as_str()),
        _ => None,
    }
}

/// A hint for a unit mismatch, in the user's terms.
pub(crate) fn unit_hint(expected: &Type, actual: &Type) -> Option<Message> {
    match (expected, actual) {
        (Type::Money, Type::Integer | Type::Decimal) => Some(msg!("check-unit-hint-euro")),
        (Type::Rate, Type::Integer | Type::Decimal) => Some(msg!("check-unit-hint-percent")),
        (Type::Money, Type::Rate) => Some(msg!("check-unit-hint-rate-not-money")),
        (Type::Decimal | Type::Integer, Type::Money) => Some(msg!("check-unit-hint-money-keeps-unit")),
        _ => None,
    }
}

/// A name or a field path as written (`demande.msa`), for hints.
fn written(e: &ast::Expr) -> String {
    match &e.kind {
        Ast::Name(ident) => ident.name.clone(),
        Ast::Field(base, field) => format!("{}.{}", written(base), field.name),
        _ => "…".to_string(),
    }
}

/// Binary operators, in their own impl block for readability.
impl Checker {
    fn binary(
        &mut self,
        op: BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        scope: &mut Scope,
        span: Span,
    ) -> (Expr, Type) {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let keyword = if op == BinaryOp::And { "and" } else { "or" };
                let l = self.expect(
                    lhs,
                    &Type::Bool,
                    scope,
                    msg!("check-what-keyword", keyword = keyword),
                );
                let r = self.expect(
                    rhs,
                    &Type::Bool,
                    scope,
                    msg!("check-what-keyword", keyword = keyword),
                );
                let kind = if op == BinaryOp::And {
                    ExprKind::And(Box::new(l), Box::new(r))
                } else {
                    ExprKind::Or(Box::new(l), Box::new(r))
                };
                (compiled(kind, span), Type::Bool)
            }
            _ => {
                let (l, lt) = self.expr(lhs, scope);
                let (r, rt) = self.expr(rhs, scope);
                if lt == Type::Error || rt == Type::Error {
                    return error_expr(span);
                }
                match op {
                    BinaryOp::Eq
                    | BinaryOp::Ne
                    | BinaryOp::Lt
                    | BinaryOp::Le
                    | BinaryOp::Gt
                    | BinaryOp::Ge => self.comparison(op, l, &lt, r, &rt, span),
                    BinaryOp::In => self.membership(l, &lt, r, &rt, span),
                    BinaryOp::Range => match unify(&lt, &rt) {
                        Some(ty) if ty.is_ordered() => (
                            compiled(ExprKind::MakeRange(Box::new(l), Box::new(r)), span),
                            Type::Range(Box::new(ty)),
                        ),
                        _ => {
                            let (a, b) = (self.words(&lt), self.words(&rt));
                            self.report(
                                codes::BAD_RANGE,
                                span,
                                msg!("check-range-kinds", first = a, second = b),
                                msg!("check-not-a-range"),
                            );
                            error_expr(span)
                        }
                    },
                    _ => self.arithmetic(op, l, &lt, r, &rt, span),
                }
            }
        }
    }

    fn comparison(
        &mut self,
        op: BinaryOp,
        l: Expr,
        lt: &Type,
        r: Expr,
        rt: &Type,
        span: Span,
    ) -> (Expr, Type) {
        let ordering = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
        let comparable = match unify(lt, rt) {
            Some(ty) => {
                if ordering {
                    ty.is_ordered()
                } else {
                    !matches!(
                        ty,
                        Type::Record(_)
                            | Type::List(_)
                            | Type::Range(_)
                            | Type::Optional(_)
                            | Type::EmptyList
                    )
                }
            }
            None => false,
        };
        if !comparable {
            let (a, b) = (self.words(lt), self.words(rt));
            let message = if unify(lt, rt).is_some() {
                msg!("check-cannot-order", operator = op.symbol(), what = a)
            } else {
                msg!("check-cannot-compare", first = a, second = b)
            };
            let hint = unit_hint(lt, rt);
            let pushed = self.report(
                codes::BAD_OPERATION,
                span,
                message,
                msg!("check-compare-label", operator = op.symbol()),
            );
            if let Some(hint) = hint {
                pushed.hint(hint);
            }
            return error_expr(span);
        }
        let compare = match op {
            BinaryOp::Eq => Compare::Eq,
            BinaryOp::Ne => Compare::Ne,
            BinaryOp::Lt => Compare::Lt,
            BinaryOp::Le => Compare::Le,
            BinaryOp::Gt => Compare::Gt,
            _ => Compare::Ge,
        };
        (
            compiled(ExprKind::Compare(compare, Box::new(l), Box::new(r)), span),
            Type::Bool,
        )
    }

    fn membership(&mut self, l: Expr, lt: &Type, r: Expr, rt: &Type, span: Span) -> (Expr, Type) {
        match rt {
            Type::Range(item) if unify(lt, item).is_some() => (
                compiled(ExprKind::InRange(Box::new(l), Box::new(r)), span),
                Type::Bool,
            ),
            Type::List(item) if unify(lt, item).is_some() => (
                compiled(ExprKind::InList(Box::new(l), Box::new(r)), span),
                Type::Bool,
            ),
            Type::EmptyList => (
                compiled(ExprKind::InList(Box::new(l), Box::new(r)), span),
                Type::Bool,
            ),
            Type::Range(item) | Type::List(item) => {
                let (a, b) = (self.words(lt), self.words(item));
                self.report(
                    codes::BAD_OPERATION,
                    span,
                    msg!("check-in-kinds", item = a, among = b),
                    msg!("check-in-kinds-label"),
                );
                error_expr(span)
            }
            other => {
                let found = self.words(other);
                self.report(
                    codes::BAD_OPERATION,
                    r.span,
                    msg!("check-in-needs-range", found = found),
                    msg!("check-in-needs-range-label"),
                )
                .hint(msg!("check-in-needs-range-hint"));
                error_expr(span)
            }
        }
    }

    fn arithmetic(
        &mut self,
        op: BinaryOp,
        l: Expr,
        lt: &Type,
        r: Expr,
        rt: &Type,
        span: Span,
    ) -> (Expr, Type) {
        use Type::*;
        let result = match (op, lt, rt) {
            (BinaryOp::Add | BinaryOp::Sub, Money, Money) => Some(Money),
            (BinaryOp::Add | BinaryOp::Sub, Rate, Rate) => Some(Rate),
            (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul, Integer, Integer) => Some(Integer),
            (
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div,
                Integer | Decimal,
                Integer | Decimal,
            ) => Some(Decimal),
            (BinaryOp::Mul, Money, Rate | Integer | Decimal)
            | (BinaryOp::Mul, Rate | Integer | Decimal, Money) => Some(Money),
            (BinaryOp::Mul, Rate, Rate | Integer | Decimal) | (BinaryOp::Mul, Integer | Decimal, Rate) => {
                Some(Rate)
            }
            (BinaryOp::Div, Money, Integer | Decimal) => Some(Money),
            (BinaryOp::Div, Money, Money) | (BinaryOp::Div, Rate, Rate) => Some(Decimal),
            (BinaryOp::Div, Rate, Integer | Decimal) => Some(Rate),
            _ => None,
        };
        let Some(ty) = result else {
            let (a, b) = (self.words(lt), self.words(rt));
            let (message, hint) = match (op, lt, rt) {
                (BinaryOp::Mul, Money, Money) => (
                    msg!("check-money-times-money"),
                    Some(msg!("check-money-times-money-hint")),
                ),
                (_, Date, _) | (_, _, Date) => (
                    msg!("check-date-arithmetic", operator = op.symbol()),
                    Some(msg!("check-date-arithmetic-hint")),
                ),
                _ => (
                    msg!(
                        "check-cannot-compute",
                        first = a.clone(),
                        operator = op.symbol(),
                        second = b.clone()
                    ),
                    unit_hint(lt, rt),
                ),
            };
            let label = msg!(
                "check-operation-label",
                first = a,
                operator = op.symbol(),
                second = b
            );
            let pushed = self.report(codes::BAD_OPERATION, span, message, label);
            if let Some(hint) = hint {
                pushed.hint(hint);
            }
            return error_expr(span);
        };
        let arith = match op {
            BinaryOp::Add => Arith::Add,
            BinaryOp::Sub => Arith::Sub,
            BinaryOp::Mul => Arith::Mul,
            _ => Arith::Div,
        };
        let exact = match op {
            BinaryOp::Mul => !matches!(lt, Rate | Decimal) && !matches!(rt, Rate | Decimal),
            BinaryOp::Div => false,
            _ => true,
        };
        (
            compiled(
                ExprKind::Arith {
                    op: arith,
                    lhs: Box::new(l),
                    rhs: Box::new(r),
                    exact,
                },
                span,
            ),
            ty,
        )
    }
}
