//! What a lowered expression returns: the kinds of value that are certain
//! at run time, the plain types that carry them, and the conversions
//! between a code of one kind and another.

use super::{Code, Frame};
use crate::diagnostic::Span;
use crate::eval::as_decimal;
use crate::program::{Arith, Type};
use crate::value::Value;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Which decimal value an amount-like code stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Num {
    Money,
    Rate,
    Decimal,
}

/// What an expression certainly evaluates to at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Bool,
    Int,
    Num(Num),
    /// Anything else, or a number that may be whole or decimal.
    Other,
}

/// A lowered expression, by what it returns.
#[derive(Clone)]
pub(super) enum Lowered {
    Bool(Code<bool>),
    Int(Code<i64>),
    Num(Code<Decimal>, Num),
    Val(Code<Value>),
}

/// The plain types codes return, and how they sit in a [`Value`].
pub(super) trait Typed: Clone + Send + Sync + 'static {
    fn wrap(self, num: Num) -> Value;
    fn unwrap(value: &Value, num: Num) -> Option<Self>;
    /// What a code returns after a fault (the run ends in that fault).
    fn stand_in() -> Self;
}

impl Typed for bool {
    fn wrap(self, _: Num) -> Value {
        Value::Bool(self)
    }
    fn unwrap(value: &Value, _: Num) -> Option<bool> {
        Some(value.as_bool())
    }
    fn stand_in() -> bool {
        false
    }
}

impl Typed for i64 {
    fn wrap(self, _: Num) -> Value {
        Value::Integer(self)
    }
    fn unwrap(value: &Value, _: Num) -> Option<i64> {
        match value {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }
    fn stand_in() -> i64 {
        0
    }
}

impl Typed for Decimal {
    fn wrap(self, num: Num) -> Value {
        match num {
            Num::Money => Value::Money(self),
            Num::Rate => Value::Rate(self),
            Num::Decimal => Value::Decimal(self),
        }
    }
    fn unwrap(value: &Value, num: Num) -> Option<Decimal> {
        match (value, num) {
            (Value::Money(d), Num::Money)
            | (Value::Rate(d), Num::Rate)
            | (Value::Decimal(d), Num::Decimal) => Some(*d),
            _ => None,
        }
    }
    fn stand_in() -> Decimal {
        Decimal::ZERO
    }
}

impl Typed for Value {
    fn wrap(self, _: Num) -> Value {
        self
    }
    fn unwrap(value: &Value, _: Num) -> Option<Value> {
        Some(value.clone())
    }
    fn stand_in() -> Value {
        Value::Absent
    }
}

/// Builds the [`Lowered`] of a kind: in each arm, `$to` converts a lowered
/// operand to the arm's plain type and `$num` is the arm's amount kind.
macro_rules! per_kind {
    ($kind:expr, |$to:ident, $num:ident| $body:expr) => {
        match $kind {
            Kind::Bool => {
                #[allow(unused_variables)]
                let ($to, $num) = (to_bool as fn(Lowered, Span) -> Code<bool>, Num::Decimal);
                Lowered::Bool($body)
            }
            Kind::Int => {
                #[allow(unused_variables)]
                let ($to, $num) = (to_int as fn(Lowered, Span) -> Code<i64>, Num::Decimal);
                Lowered::Int($body)
            }
            Kind::Num(num) => {
                #[allow(unused_variables)]
                let ($to, $num) = (to_num as fn(Lowered, Span) -> Code<Decimal>, num);
                Lowered::Num($body, num)
            }
            Kind::Other => {
                #[allow(unused_variables)]
                let ($to, $num) = (to_val as fn(Lowered, Span) -> Code<Value>, Num::Decimal);
                Lowered::Val($body)
            }
        }
    };
}

pub(super) fn code<T>(f: impl for<'a> Fn(&mut Frame<'a>) -> T + Send + Sync + 'static) -> Code<T> {
    Arc::new(f)
}

/// A code that can only fault: for forms the checker never lets through.
pub(super) fn broken<T: Typed>(message: &'static str, span: Span) -> Code<T> {
    code(move |f| {
        f.fail(message, span);
        T::stand_in()
    })
}

pub(super) fn to_bool(lowered: Lowered, span: Span) -> Code<bool> {
    match lowered {
        Lowered::Bool(c) => c,
        Lowered::Val(c) => code(move |f| c(f).as_bool()),
        Lowered::Int(_) | Lowered::Num(..) => broken("a number where a yes/no is expected", span),
    }
}

pub(super) fn to_int(lowered: Lowered, span: Span) -> Code<i64> {
    match lowered {
        Lowered::Int(c) => c,
        Lowered::Val(c) => code(move |f| match c(f) {
            Value::Integer(n) => n,
            _ => {
                f.fail("not a whole number", span);
                0
            }
        }),
        Lowered::Bool(_) | Lowered::Num(..) => broken("not a whole number", span),
    }
}

pub(super) fn to_num(lowered: Lowered, span: Span) -> Code<Decimal> {
    match lowered {
        Lowered::Num(c, _) => c,
        Lowered::Int(c) => code(move |f| Decimal::from(c(f))),
        Lowered::Val(c) => code(move |f| match as_decimal(&c(f)) {
            Some(d) => d,
            None => {
                f.fail("not a number", span);
                Decimal::ZERO
            }
        }),
        Lowered::Bool(_) => broken("a yes/no where a number is expected", span),
    }
}

pub(super) fn to_val(lowered: Lowered, _: Span) -> Code<Value> {
    match lowered {
        Lowered::Val(c) => c,
        Lowered::Bool(c) => code(move |f| Value::Bool(c(f))),
        Lowered::Int(c) => code(move |f| Value::Integer(c(f))),
        Lowered::Num(c, num) => code(move |f| c(f).wrap(num)),
    }
}

pub(super) fn constant(value: &Value) -> Lowered {
    match value {
        Value::Bool(b) => {
            let b = *b;
            Lowered::Bool(code(move |_| b))
        }
        Value::Integer(n) => {
            let n = *n;
            Lowered::Int(code(move |_| n))
        }
        Value::Money(d) => {
            let d = *d;
            Lowered::Num(code(move |_| d), Num::Money)
        }
        Value::Rate(d) => {
            let d = *d;
            Lowered::Num(code(move |_| d), Num::Rate)
        }
        Value::Decimal(d) => {
            let d = *d;
            Lowered::Num(code(move |_| d), Num::Decimal)
        }
        other => {
            let other = other.clone();
            Lowered::Val(code(move |_| other.clone()))
        }
    }
}

pub(super) fn kind_of_value(value: &Value) -> Kind {
    match value {
        Value::Bool(_) => Kind::Bool,
        Value::Integer(_) => Kind::Int,
        Value::Money(_) => Kind::Num(Num::Money),
        Value::Rate(_) => Kind::Num(Num::Rate),
        Value::Decimal(_) => Kind::Num(Num::Decimal),
        _ => Kind::Other,
    }
}

/// The kind a declared type guarantees: a `decimal` may hold a whole
/// number (an integer is accepted where a decimal is declared).
pub(super) fn kind_of_type(ty: &Type) -> Kind {
    match ty {
        Type::Bool => Kind::Bool,
        Type::Integer => Kind::Int,
        Type::Money => Kind::Num(Num::Money),
        Type::Rate => Kind::Num(Num::Rate),
        _ => Kind::Other,
    }
}

pub(super) fn type_of_kind(kind: Kind) -> Type {
    match kind {
        Kind::Bool => Type::Bool,
        Kind::Int => Type::Integer,
        Kind::Num(Num::Money) => Type::Money,
        Kind::Num(Num::Rate) => Type::Rate,
        Kind::Num(Num::Decimal) | Kind::Other => Type::Decimal,
    }
}

/// The kind of an arithmetic result, following [`arith`]: whole numbers
/// stay whole except in a division; otherwise the unit decides.
pub(super) fn arith_kind(op: Arith, a: Kind, b: Kind) -> Kind {
    let maybe_whole = |k: Kind| matches!(k, Kind::Int | Kind::Other);
    match (a, b) {
        (Kind::Int, Kind::Int) if op != Arith::Div => Kind::Int,
        (a, b) if op != Arith::Div && maybe_whole(a) && maybe_whole(b) => Kind::Other,
        (Kind::Num(Num::Money), Kind::Num(Num::Money)) | (Kind::Num(Num::Rate), Kind::Num(Num::Rate))
            if op == Arith::Div =>
        {
            Kind::Num(Num::Decimal)
        }
        (Kind::Num(Num::Money), _) | (_, Kind::Num(Num::Money)) => Kind::Num(Num::Money),
        (Kind::Num(Num::Rate), _) | (_, Kind::Num(Num::Rate)) => Kind::Num(Num::Rate),
        _ => Kind::Num(Num::Decimal),
    }
}

pub(super) fn same(a: Kind, b: Kind) -> Kind {
    if a == b { a } else { Kind::Other }
}

pub(super) use per_kind;
