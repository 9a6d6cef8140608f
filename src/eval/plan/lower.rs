//! Lowering: each expression of a program becomes a closure, once. Where the
//! runtime kind of a value is certain (a yes/no, a whole number, an amount,
//! a rate, a decimal computed by arithmetic) the closure returns it plainly;
//! anything else goes through [`Value`], with exactly the tree walker's
//! semantics.

use super::access::{
    Operand, Place, Root, Source, call, extreme, global_access, if_let, if_then, look_at, read,
};
use super::kind::{
    Kind, Lowered, Num, arith_kind, broken, code, constant, kind_of_type, kind_of_value, per_kind, same,
    to_bool, to_int, to_num, to_val, type_of_kind,
};
use super::{Code, ListPlan, OutputPlan, Plan, RulePlan};
use crate::diagnostic::Span;
use crate::eval::EvalError;
use crate::eval::{arith, close_to, compare, holds, negate, round, same_text, zero};
use crate::program::{Aggregate, Arith, Builtin, Compare, Expr, ExprKind, Program, RuleDef, Type};
use crate::value::Value;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::sync::Arc;

/// The lowering of one program.
struct Lower<'p> {
    program: &'p Program,
    constants: Vec<Value>,
    /// Each global's accessor, once lowered.
    globals: Vec<Option<Lowered>>,
    /// How many globals are computed during a run (each has a slot).
    slots: usize,
    /// Each function's body, once lowered.
    defs: Vec<Option<Lowered>>,
    /// The types of the locals in scope, frame-relative.
    env: Vec<Type>,
}

impl<'p> Lower<'p> {
    /// Runs `f` with the locals `env`, then restores the current ones.
    fn within<R>(&mut self, env: Vec<Type>, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.env, env);
        let result = f(self);
        self.env = saved;
        result
    }

    /// Runs `f` with the local `slot` bound to a value of type `ty`.
    fn bound<R>(&mut self, slot: u32, ty: Type, f: impl FnOnce(&mut Self) -> R) -> R {
        let mut env: Vec<Type> = self.env.iter().take(slot as usize).cloned().collect();
        env.resize(slot as usize, Type::Error);
        env.push(ty);
        self.within(env, f)
    }

    fn constant_of(&self, e: &'p Expr) -> Option<&'p Value> {
        match &e.kind {
            ExprKind::Const(value) => Some(value),
            ExprKind::Global(id) => self.program.globals.get(*id)?.constant.as_ref(),
            _ => None,
        }
    }

    /// The declared type of an expression, as far as the lowering needs it
    /// (record types for paths, item types for bindings).
    fn ty(&mut self, e: &'p Expr) -> Type {
        let program = self.program;
        match &e.kind {
            ExprKind::Const(value) => match value {
                Value::Enum(id, _) => Type::Enum(*id as usize),
                Value::Text(_) => Type::Text,
                Value::Date(_) => Type::Date,
                other => type_of_kind(kind_of_value(other)),
            },
            ExprKind::Global(id) => program
                .globals
                .get(*id)
                .map(|g| g.ty.clone())
                .unwrap_or(Type::Error),
            ExprKind::Local(slot) => self.env.get(*slot as usize).cloned().unwrap_or(Type::Error),
            ExprKind::Input => Type::Record(program.input),
            ExprKind::Field(base, index) => match self.ty(base) {
                Type::Record(record) => program
                    .records
                    .get(record)
                    .and_then(|r| r.fields.get(*index as usize))
                    .map(|field| field.ty.clone())
                    .unwrap_or(Type::Error),
                _ => Type::Error,
            },
            ExprKind::Not(_)
            | ExprKind::And(..)
            | ExprKind::Or(..)
            | ExprKind::Compare(..)
            | ExprKind::InRange(..)
            | ExprKind::InList(..) => Type::Bool,
            ExprKind::Neg(x) | ExprKind::Eligible(_, x) => self.ty(x),
            ExprKind::Arith { .. } => type_of_kind(self.kind(e)),
            ExprKind::MakeRange(low, _) => Type::Range(Box::new(self.ty(low))),
            ExprKind::MakeList(items) => match items.first() {
                Some(first) => Type::List(Box::new(self.ty(first))),
                None => Type::EmptyList,
            },
            ExprKind::If(_, then, _) => self.ty(then),
            ExprKind::IfLet {
                slot, value, then, ..
            } => {
                let inner = optional_inner(self.ty(value));
                self.bound(*slot, inner, |s| s.ty(then))
            }
            ExprKind::Aggregate { aggregate, ty, .. } => match aggregate {
                Aggregate::Sum => ty.clone(),
                Aggregate::Count => Type::Integer,
                Aggregate::All | Aggregate::Any => Type::Bool,
            },
            ExprKind::Call(id, _) => program.defs.get(*id).map(|d| d.ty.clone()).unwrap_or(Type::Error),
            ExprKind::Builtin(builtin, args) => match (builtin, args.first()) {
                (Builtin::Min | Builtin::Max | Builtin::Abs, Some(first)) => self.ty(first),
                (Builtin::Count, _) => Type::Integer,
                _ => Type::Bool,
            },
            ExprKind::Round(..) => Type::Money,
        }
    }

    /// What an expression certainly evaluates to.
    fn kind(&mut self, e: &'p Expr) -> Kind {
        match &e.kind {
            ExprKind::Const(value) => kind_of_value(value),
            ExprKind::Global(id) => match self.program.globals.get(*id) {
                Some(global) => match &global.constant {
                    Some(value) => kind_of_value(value),
                    None => kind_of_type(&global.ty),
                },
                None => Kind::Other,
            },
            ExprKind::Neg(x) => self.kind(x),
            ExprKind::Arith { op, lhs, rhs, .. } => {
                let (a, b) = (self.kind(lhs), self.kind(rhs));
                arith_kind(*op, a, b)
            }
            ExprKind::If(_, then, otherwise) => {
                let a = self.kind(then);
                same(a, self.kind(otherwise))
            }
            ExprKind::IfLet {
                slot,
                value,
                then,
                otherwise,
            } => {
                let inner = optional_inner(self.ty(value));
                let a = self.bound(*slot, inner, |s| s.kind(then));
                same(a, self.kind(otherwise))
            }
            ExprKind::Aggregate { aggregate, ty, .. } => match aggregate {
                Aggregate::Sum => match ty {
                    Type::Integer => Kind::Int,
                    Type::Money => Kind::Num(Num::Money),
                    Type::Rate => Kind::Num(Num::Rate),
                    Type::Decimal => Kind::Num(Num::Decimal),
                    _ => Kind::Other,
                },
                Aggregate::Count => Kind::Int,
                Aggregate::All | Aggregate::Any => Kind::Bool,
            },
            ExprKind::Builtin(builtin, args) => match builtin {
                Builtin::Min | Builtin::Max => {
                    let kinds: Vec<Kind> = args.iter().map(|a| self.kind(a)).collect();
                    match kinds.split_first() {
                        Some((first, rest)) if rest.iter().all(|k| k == first) => *first,
                        _ => Kind::Other,
                    }
                }
                Builtin::Abs => args.first().map(|a| self.kind(a)).unwrap_or(Kind::Other),
                Builtin::Count => Kind::Int,
                Builtin::Present | Builtin::SameText | Builtin::CloseTo => Kind::Bool,
            },
            ExprKind::Round(..) => Kind::Num(Num::Money),
            ExprKind::Not(_)
            | ExprKind::And(..)
            | ExprKind::Or(..)
            | ExprKind::Compare(..)
            | ExprKind::InRange(..)
            | ExprKind::InList(..) => Kind::Bool,
            _ => {
                let ty = self.ty(e);
                kind_of_type(&ty)
            }
        }
    }

    /// The expression as a path read in place, when it is one.
    fn place_of(&mut self, e: &Expr) -> Option<Place> {
        let (root, path) = self.path_of(e)?;
        Some(Place {
            root,
            path: path.into_boxed_slice(),
            span: e.span,
        })
    }

    fn path_of(&mut self, e: &Expr) -> Option<(Root, Vec<u32>)> {
        let constant = |s: &mut Self, value: &Value| {
            s.constants.push(value.clone());
            Some((Root::Const(s.constants.len() - 1), Vec::new()))
        };
        match &e.kind {
            ExprKind::Input => Some((Root::Input, Vec::new())),
            ExprKind::Local(slot) => Some((Root::Local(*slot), Vec::new())),
            ExprKind::Const(value) => constant(self, value),
            ExprKind::Global(id) => {
                let value = self.program.globals.get(*id)?.constant.as_ref()?;
                constant(self, value)
            }
            ExprKind::Field(base, index) => {
                let (root, mut path) = self.path_of(base)?;
                path.push(*index);
                Some((root, path))
            }
            _ => None,
        }
    }

    fn operand(&mut self, e: &'p Expr) -> Operand {
        match self.place_of(e) {
            Some(place) => Operand::Place(place),
            None => Operand::Code(self.val(e)),
        }
    }

    /// The item list whose kept items an expression stands for: `eligible(…)`
    /// or a derived value that is exactly that.
    fn kept_list(&self, e: &Expr) -> Option<usize> {
        match &e.kind {
            ExprKind::Eligible(list, _) => Some(*list),
            ExprKind::Global(id) => {
                let global = self.program.globals.get(*id)?;
                match (&global.constant, &global.expr.kind) {
                    (None, ExprKind::Eligible(list, _)) => Some(*list),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn cond(&mut self, e: &'p Expr) -> Code<bool> {
        let lowered = self.lower(e);
        to_bool(lowered, e.span)
    }

    fn int(&mut self, e: &'p Expr) -> Code<i64> {
        let lowered = self.lower(e);
        to_int(lowered, e.span)
    }

    fn num(&mut self, e: &'p Expr) -> Code<Decimal> {
        let lowered = self.lower(e);
        to_num(lowered, e.span)
    }

    fn val(&mut self, e: &'p Expr) -> Code<Value> {
        let lowered = self.lower(e);
        to_val(lowered, e.span)
    }

    /// A global's accessor: its value, computed once per application.
    fn global(&mut self, id: usize, span: Span) -> Lowered {
        let program = self.program;
        let Some(global) = program.globals.get(id) else {
            return Lowered::Val(broken("unknown global", span));
        };
        if let Some(value) = &global.constant {
            return constant(value);
        }
        if let Some(Some(lowered)) = self.globals.get(id) {
            return lowered.clone();
        }
        let body = self.within(Vec::new(), |s| s.val(&global.expr));
        let slot = self.slots;
        self.slots += 1;
        let lowered = per_kind!(kind_of_type(&global.ty), |to, num| global_access(
            slot, body, num, span
        ));
        if let Some(slot) = self.globals.get_mut(id) {
            *slot = Some(lowered.clone());
        }
        lowered
    }

    /// A function's body, lowered once.
    fn def(&mut self, id: usize, span: Span) -> Lowered {
        let program = self.program;
        let Some(def) = program.defs.get(id) else {
            return Lowered::Val(broken("unknown function", span));
        };
        if let Some(Some(lowered)) = self.defs.get(id) {
            return lowered.clone();
        }
        let lowered = self.within(def.params.clone(), |s| s.lower(&def.body));
        if let Some(slot) = self.defs.get_mut(id) {
            *slot = Some(lowered.clone());
        }
        lowered
    }

    fn lower(&mut self, e: &'p Expr) -> Lowered {
        let span = e.span;
        match &e.kind {
            ExprKind::Const(value) => constant(value),
            ExprKind::Global(id) => self.global(*id, span),
            ExprKind::Local(_) | ExprKind::Input | ExprKind::Field(..) => {
                let kind = self.kind(e);
                if let Some(place) = self.place_of(e) {
                    return per_kind!(kind, |to, num| read(place, num));
                }
                let ExprKind::Field(base, index) = &e.kind else {
                    return Lowered::Val(broken("an unreadable path", span));
                };
                let (base, index) = (self.val(base), *index as usize);
                let field = code(move |f| match base(f) {
                    Value::Record(fields) => fields.get(index).cloned().unwrap_or_else(|| {
                        f.fail("unknown field", span);
                        Value::Absent
                    }),
                    _ => {
                        f.fail("not a record", span);
                        Value::Absent
                    }
                });
                per_kind!(kind, |to, num| to(Lowered::Val(field), span))
            }
            ExprKind::Not(x) => {
                let x = self.cond(x);
                Lowered::Bool(code(move |f| !x(f)))
            }
            ExprKind::And(a, b) => {
                let (a, b) = (self.cond(a), self.cond(b));
                Lowered::Bool(code(move |f| a(f) && b(f)))
            }
            ExprKind::Or(a, b) => {
                let (a, b) = (self.cond(a), self.cond(b));
                Lowered::Bool(code(move |f| a(f) || b(f)))
            }
            ExprKind::Compare(op, l, r) => Lowered::Bool(self.compare(*op, l, r, span)),
            ExprKind::InRange(x, range) => Lowered::Bool(self.in_range(x, range, span)),
            ExprKind::InList(x, list) => {
                let (x, list) = (self.operand(x), self.operand(list));
                Lowered::Bool(code(move |f| {
                    let found = look_at(&x, &list, f, |x, list| match list {
                        Value::List(items) => {
                            Some(items.iter().any(|item| compare(item, x) == Some(Ordering::Equal)))
                        }
                        _ => None,
                    });
                    found.flatten().unwrap_or_else(|| {
                        f.fail("not a list", span);
                        false
                    })
                }))
            }
            ExprKind::Neg(x) => match self.lower(x) {
                Lowered::Int(c) => Lowered::Int(code(move |f| {
                    let n = c(f);
                    n.checked_neg().unwrap_or_else(|| {
                        f.overflow(span);
                        0
                    })
                })),
                Lowered::Num(c, num) => Lowered::Num(code(move |f| -c(f)), num),
                Lowered::Val(c) => Lowered::Val(code(move |f| {
                    let value = c(f);
                    negate(value, span).unwrap_or_else(|error| {
                        f.raise(error);
                        Value::Absent
                    })
                })),
                Lowered::Bool(_) => Lowered::Val(broken("negating something that is not a number", span)),
            },
            ExprKind::Arith { op, lhs, rhs, .. } => self.arith(*op, lhs, rhs, span),
            ExprKind::MakeRange(low, high) => {
                let (low, high) = (self.val(low), self.val(high));
                Lowered::Val(code(move |f| {
                    let low = low(f);
                    Value::Range(Arc::new((low, high(f))))
                }))
            }
            ExprKind::MakeList(items) => {
                let items: Vec<Code<Value>> = items.iter().map(|item| self.val(item)).collect();
                Lowered::Val(code(move |f| {
                    Value::List(items.iter().map(|item| item(f)).collect())
                }))
            }
            ExprKind::If(condition, then, otherwise) => {
                let kind = self.kind(e);
                let condition = self.cond(condition);
                let (a, b) = (self.lower(then), self.lower(otherwise));
                per_kind!(kind, |to, num| if_then(condition, to(a, span), to(b, span)))
            }
            ExprKind::IfLet {
                slot,
                value,
                then,
                otherwise,
            } => {
                let kind = self.kind(e);
                let inner = optional_inner(self.ty(value));
                let operand = self.operand(value);
                let a = self.bound(*slot, inner, |s| s.lower(then));
                let b = self.lower(otherwise);
                per_kind!(kind, |to, num| if_let(*slot, operand, to(a, span), to(b, span)))
            }
            ExprKind::Aggregate {
                aggregate,
                slot,
                list,
                body,
                ty,
            } => self.aggregate(e, *aggregate, *slot, list, body, ty),
            ExprKind::Call(id, args) => {
                let body = self.def(*id, span);
                let arguments: Vec<Operand> = args.iter().map(|a| self.operand(a)).collect();
                let ty = self
                    .program
                    .defs
                    .get(*id)
                    .map(|d| d.ty.clone())
                    .unwrap_or(Type::Error);
                let id = *id;
                per_kind!(kind_of_type(&ty), |to, num| call(
                    id,
                    arguments,
                    to(body, span),
                    num
                ))
            }
            ExprKind::Builtin(builtin, args) => self.builtin(e, *builtin, args),
            ExprKind::Round(x, unit, mode) => {
                let (unit, mode) = (*unit, *mode);
                match self.lower(x) {
                    Lowered::Num(c, Num::Money) => {
                        Lowered::Num(code(move |f| round(c(f), unit, mode)), Num::Money)
                    }
                    other => {
                        let c = to_val(other, span);
                        Lowered::Num(
                            code(move |f| match c(f) {
                                Value::Money(amount) => round(amount, unit, mode),
                                _ => {
                                    f.fail("rounding something that is not money", span);
                                    Decimal::ZERO
                                }
                            }),
                            Num::Money,
                        )
                    }
                }
            }
            ExprKind::Eligible(list, _) => {
                let list = *list;
                Lowered::Val(code(move |f| {
                    f.ensure_list(list);
                    let kept = f.kept(list).map(|kept| {
                        kept.items
                            .iter()
                            .zip(&kept.excluded)
                            .filter(|(_, excluded)| !**excluded)
                            .map(|(item, _)| item.clone())
                            .collect::<Vec<_>>()
                    });
                    Value::List(Arc::from(kept.unwrap_or_default()))
                }))
            }
        }
    }

    fn compare(&mut self, op: Compare, l: &'p Expr, r: &'p Expr, span: Span) -> Code<bool> {
        let (a, b) = (self.kind(l), self.kind(r));
        let decimals = matches!(
            (a, b),
            (Kind::Num(Num::Money), Kind::Num(Num::Money))
                | (Kind::Num(Num::Rate), Kind::Num(Num::Rate))
                | (
                    Kind::Int | Kind::Num(Num::Decimal),
                    Kind::Int | Kind::Num(Num::Decimal)
                )
        );
        match (a, b) {
            (Kind::Int, Kind::Int) => {
                let (l, r) = (self.int(l), self.int(r));
                code(move |f| {
                    let x = l(f);
                    holds(op, x.cmp(&r(f)))
                })
            }
            _ if decimals => {
                let (l, r) = (self.num(l), self.num(r));
                code(move |f| {
                    let x = l(f);
                    holds(op, x.cmp(&r(f)))
                })
            }
            (Kind::Bool, Kind::Bool) => {
                let (l, r) = (self.cond(l), self.cond(r));
                code(move |f| {
                    let x = l(f);
                    holds(op, x.cmp(&r(f)))
                })
            }
            _ => {
                let (l, r) = (self.operand(l), self.operand(r));
                code(move |f| match look_at(&l, &r, f, compare).flatten() {
                    Some(ordering) => holds(op, ordering),
                    None => {
                        f.fail("values that cannot be compared", span);
                        false
                    }
                })
            }
        }
    }

    fn in_range(&mut self, x: &'p Expr, range: &'p Expr, span: Span) -> Code<bool> {
        if self.kind(x) == Kind::Int
            && let Some(Value::Range(bounds)) = self.constant_of(range)
            && let (Value::Integer(low), Value::Integer(high)) = &**bounds
        {
            let (low, high) = (*low, *high);
            let x = self.int(x);
            return code(move |f| {
                let n = x(f);
                low <= n && n <= high
            });
        }
        let (x, range) = (self.operand(x), self.operand(range));
        code(move |f| {
            let inside = look_at(&x, &range, f, |x, range| match range {
                Value::Range(bounds) => {
                    let (low, high) = &**bounds;
                    let above = compare(x, low).is_some_and(|o| o != Ordering::Less);
                    let below = compare(x, high).is_some_and(|o| o != Ordering::Greater);
                    Some(above && below)
                }
                _ => None,
            });
            inside.flatten().unwrap_or_else(|| {
                f.fail("not a range", span);
                false
            })
        })
    }

    fn arith(&mut self, op: Arith, l: &'p Expr, r: &'p Expr, span: Span) -> Lowered {
        let (a, b) = (self.kind(l), self.kind(r));
        match arith_kind(op, a, b) {
            Kind::Int => {
                let (l, r) = (self.int(l), self.int(r));
                Lowered::Int(code(move |f| {
                    let x = l(f);
                    let y = r(f);
                    let result = match op {
                        Arith::Add => x.checked_add(y),
                        Arith::Sub => x.checked_sub(y),
                        Arith::Mul => x.checked_mul(y),
                        Arith::Div => None,
                    };
                    result.unwrap_or_else(|| {
                        f.overflow(span);
                        0
                    })
                }))
            }
            Kind::Num(num) => {
                let (l, r) = (self.num(l), self.num(r));
                Lowered::Num(
                    code(move |f| {
                        let x = l(f);
                        let y = r(f);
                        let result = match op {
                            Arith::Add => x.checked_add(y),
                            Arith::Sub => x.checked_sub(y),
                            Arith::Mul => x.checked_mul(y),
                            Arith::Div if y.is_zero() => {
                                f.raise(EvalError::division_by_zero(span));
                                return Decimal::ZERO;
                            }
                            Arith::Div => x.checked_div(y),
                        };
                        result.unwrap_or_else(|| {
                            f.overflow(span);
                            Decimal::ZERO
                        })
                    }),
                    num,
                )
            }
            Kind::Bool | Kind::Other => {
                let (l, r) = (self.val(l), self.val(r));
                Lowered::Val(code(move |f| {
                    let x = l(f);
                    let y = r(f);
                    arith(op, &x, &y, span).unwrap_or_else(|error| {
                        f.raise(error);
                        Value::Absent
                    })
                }))
            }
        }
    }

    fn aggregate(
        &mut self,
        e: &'p Expr,
        aggregate: Aggregate,
        slot: u32,
        list: &'p Expr,
        body: &'p Expr,
        ty: &Type,
    ) -> Lowered {
        let span = e.span;
        let item = match self.ty(list) {
            Type::List(item) => *item,
            _ => Type::Error,
        };
        let source = match self.kept_list(list) {
            Some(kept) => Source::Kept(kept),
            None => Source::List(self.operand(list)),
        };
        let lowered = self.bound(slot, item, |s| s.lower(body));
        match (aggregate, self.kind(e)) {
            (Aggregate::Sum, Kind::Int) => Lowered::Int(sum(
                source,
                slot,
                span,
                to_int(lowered, span),
                0,
                i64::checked_add,
            )),
            (Aggregate::Sum, Kind::Num(num)) => Lowered::Num(
                sum(
                    source,
                    slot,
                    span,
                    to_num(lowered, span),
                    Decimal::ZERO,
                    Decimal::checked_add,
                ),
                num,
            ),
            (Aggregate::Sum, _) => {
                let body = to_val(lowered, span);
                let start = zero(ty);
                Lowered::Val(code(move |f| {
                    let mut total = start.clone();
                    source.each(f, slot, span, |f| {
                        let value = body(f);
                        match arith(Arith::Add, &total, &value, span) {
                            Ok(sum) => total = sum,
                            Err(error) => f.raise(error),
                        }
                        true
                    });
                    total
                }))
            }
            (Aggregate::Count, _) => {
                let body = to_bool(lowered, span);
                Lowered::Int(code(move |f| {
                    let mut count: i64 = 0;
                    source.each(f, slot, span, |f| {
                        if body(f) {
                            count = count.saturating_add(1);
                        }
                        true
                    });
                    count
                }))
            }
            (Aggregate::All, _) => {
                let body = to_bool(lowered, span);
                Lowered::Bool(code(move |f| {
                    let mut all = true;
                    source.each(f, slot, span, |f| {
                        all = body(f);
                        all
                    });
                    all
                }))
            }
            (Aggregate::Any, _) => {
                let body = to_bool(lowered, span);
                Lowered::Bool(code(move |f| {
                    let mut any = false;
                    source.each(f, slot, span, |f| {
                        any = body(f);
                        !any
                    });
                    any
                }))
            }
        }
    }

    fn builtin(&mut self, e: &'p Expr, builtin: Builtin, args: &'p [Expr]) -> Lowered {
        let span = e.span;
        match (builtin, args.first(), args.get(1)) {
            (Builtin::Min | Builtin::Max, Some(_), _) => {
                let better = if builtin == Builtin::Min {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let lowered: Vec<Lowered> = args.iter().map(|a| self.lower(a)).collect();
                match self.kind(e) {
                    Kind::Bool => Lowered::Bool(extreme(
                        lowered.into_iter().map(|l| to_bool(l, span)).collect(),
                        better,
                        |a, b| Some(a.cmp(b)),
                        span,
                    )),
                    Kind::Int => Lowered::Int(extreme(
                        lowered.into_iter().map(|l| to_int(l, span)).collect(),
                        better,
                        |a, b| Some(a.cmp(b)),
                        span,
                    )),
                    Kind::Num(num) => Lowered::Num(
                        extreme(
                            lowered.into_iter().map(|l| to_num(l, span)).collect(),
                            better,
                            |a, b| Some(a.cmp(b)),
                            span,
                        ),
                        num,
                    ),
                    Kind::Other => Lowered::Val(extreme(
                        lowered.into_iter().map(|l| to_val(l, span)).collect(),
                        better,
                        compare,
                        span,
                    )),
                }
            }
            (Builtin::Abs, Some(x), _) => match self.lower(x) {
                Lowered::Int(c) => Lowered::Int(code(move |f| {
                    let n = c(f);
                    n.checked_abs().unwrap_or_else(|| {
                        f.overflow(span);
                        0
                    })
                })),
                Lowered::Num(c, num) => Lowered::Num(code(move |f| c(f).abs()), num),
                Lowered::Val(c) => Lowered::Val(code(move |f| match c(f) {
                    Value::Integer(n) => Value::Integer(n.checked_abs().unwrap_or_else(|| {
                        f.overflow(span);
                        0
                    })),
                    Value::Decimal(d) => Value::Decimal(d.abs()),
                    Value::Money(d) => Value::Money(d.abs()),
                    Value::Rate(d) => Value::Rate(d.abs()),
                    _ => {
                        f.fail("`abs` of something that is not a number", span);
                        Value::Absent
                    }
                })),
                Lowered::Bool(_) => Lowered::Val(broken("`abs` of something that is not a number", span)),
            },
            (Builtin::Count, Some(list), _) => {
                if let Some(kept) = self.kept_list(list) {
                    return Lowered::Int(code(move |f| {
                        f.ensure_list(kept);
                        let count = f.kept(kept).map_or(0, |kept| {
                            kept.excluded.iter().filter(|excluded| !**excluded).count()
                        });
                        i64::try_from(count).unwrap_or(i64::MAX)
                    }));
                }
                let list = self.operand(list);
                Lowered::Int(code(move |f| {
                    let list = list.fetch(f);
                    let count = match list.get() {
                        Value::List(items) => i64::try_from(items.len()).ok(),
                        _ => None,
                    };
                    count.unwrap_or_else(|| {
                        f.fail("counting something that is not a list", span);
                        0
                    })
                }))
            }
            (Builtin::Present, Some(x), _) => {
                let x = self.operand(x);
                Lowered::Bool(code(move |f| !matches!(x.fetch(f).get(), Value::Absent)))
            }
            (Builtin::SameText | Builtin::CloseTo, Some(a), Some(b)) => {
                let (a, b) = (self.operand(a), self.operand(b));
                let test = if builtin == Builtin::SameText {
                    same_text
                } else {
                    close_to
                };
                Lowered::Bool(code(move |f| {
                    let holds = look_at(&a, &b, f, |a, b| match (a, b) {
                        (Value::Text(a), Value::Text(b)) => test(a, b),
                        _ => false,
                    });
                    holds.unwrap_or_else(|| {
                        f.fail("a path that leads nowhere", span);
                        false
                    })
                }))
            }
            _ => Lowered::Val(broken("a built-in function without its arguments", span)),
        }
    }

    fn rule(&mut self, index: usize, rule: &'p RuleDef, item: Option<Type>) -> RulePlan {
        let env = item.into_iter().collect();
        let condition = self.within(env, |s| s.cond(&rule.condition));
        RulePlan {
            index,
            refusal: false,
            severity: rule.severity,
            unless: rule.unless,
            condition,
        }
    }
}

/// The sum of `body` over the items, from `zero`; an overflow is a fault.
fn sum<T: Copy + Send + Sync + 'static>(
    source: Source,
    slot: u32,
    span: Span,
    body: Code<T>,
    zero: T,
    add: impl Fn(T, T) -> Option<T> + Send + Sync + 'static,
) -> Code<T> {
    code(move |f| {
        let mut total = zero;
        source.each(f, slot, span, |f| {
            let value = body(f);
            match add(total, value) {
                Some(sum) => total = sum,
                None => f.overflow(span),
            }
            true
        });
        total
    })
}

fn optional_inner(ty: Type) -> Type {
    match ty {
        Type::Optional(inner) => *inner,
        other => other,
    }
}

/// The type of the items of the list at `path` in the application.
fn item_type(program: &Program, path: &[u32]) -> Type {
    let mut ty = Type::Record(program.input);
    for index in path {
        ty = match ty {
            Type::Record(record) => program
                .records
                .get(record)
                .and_then(|r| r.fields.get(*index as usize))
                .map(|field| field.ty.clone())
                .unwrap_or(Type::Error),
            _ => Type::Error,
        };
    }
    match ty {
        Type::List(item) => *item,
        _ => Type::Error,
    }
}

/// Lowers a whole program.
pub(super) fn plan(program: &Program) -> Plan {
    let mut lower = Lower {
        program,
        constants: Vec::new(),
        globals: vec![None; program.globals.len()],
        slots: 0,
        defs: vec![None; program.defs.len()],
        env: Vec::new(),
    };
    let lists = program
        .item_lists
        .iter()
        .enumerate()
        .map(|(id, list)| {
            let item = item_type(program, &list.path);
            let rules: Vec<RulePlan> = program
                .rules
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.scope == Some(id))
                .map(|(index, rule)| lower.rule(index, rule, Some(item.clone())))
                .collect();
            let rules: Vec<RulePlan> = rules
                .into_iter()
                .map(|rule| RulePlan {
                    refusal: list.refusals.contains(&rule.index),
                    ..rule
                })
                .collect();
            let refusals = list
                .refusals
                .iter()
                .filter_map(|index| rules.iter().find(|rule| rule.index == *index).cloned())
                .collect();
            let outputs = list
                .outputs
                .iter()
                .map(|output| OutputPlan {
                    ty: output.ty.clone(),
                    code: lower.within(vec![item.clone()], |s| s.val(&output.expr)),
                })
                .collect();
            ListPlan {
                path: list.path.clone().into_boxed_slice(),
                refusals,
                rules,
                outputs,
            }
        })
        .collect();
    let rules = program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| rule.scope.is_none())
        .map(|(index, rule)| lower.rule(index, rule, None))
        .collect();
    let outputs = program
        .outputs
        .iter()
        .filter_map(|id| {
            let global = program.globals.get(*id)?;
            let lowered = lower.global(*id, global.span);
            Some(OutputPlan {
                ty: global.ty.clone(),
                code: to_val(lowered, global.span),
            })
        })
        .collect();
    Plan {
        globals: lower.slots,
        constants: lower.constants,
        lists,
        rules,
        outputs,
    }
}
