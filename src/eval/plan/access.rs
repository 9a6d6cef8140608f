//! The pieces lowered codes are made of: paths read in place, operands
//! looked at without copies, the items an aggregate visits, and the
//! generic forms (reads, derived values, conditionals, calls, extremes).

use super::kind::{Num, Typed, code};
use super::{Code, Frame, Plan, Slot};
use crate::diagnostic::Span;
use crate::eval::follow;
use crate::value::Value;
use std::cmp::Ordering;

/// Where a path starts.
#[derive(Clone, Copy)]
pub(super) enum Root {
    Input,
    Local(u32),
    /// A constant of the plan, by index.
    Const(usize),
}

/// A path read in place: a root, then field positions.
#[derive(Clone)]
pub(super) struct Place {
    pub(super) root: Root,
    pub(super) path: Box<[u32]>,
    pub(super) span: Span,
}

impl Place {
    fn read<'s>(&self, f: &'s Frame<'_>) -> Option<&'s Value> {
        let root = match self.root {
            Root::Input => f.input,
            Root::Const(index) => f.plan.constants.get(index)?,
            Root::Local(slot) => f.locals.get(f.base + slot as usize)?.get(),
        };
        follow(root, &self.path)
    }

    /// The value, borrowed for the whole run when it lies in the
    /// application or the plan.
    fn read_long<'a>(&self, f: &Frame<'a>) -> Option<&'a Value> {
        let plan: &'a Plan = f.plan;
        let root: &'a Value = match self.root {
            Root::Input => f.input,
            Root::Const(index) => plan.constants.get(index)?,
            Root::Local(slot) => match f.locals.get(f.base + slot as usize)? {
                Slot::Ref(value) => value,
                Slot::Own(_) | Slot::Unbound => return None,
            },
        };
        follow(root, &self.path)
    }

    fn fetch<'a>(&self, f: &mut Frame<'a>) -> Slot<'a> {
        if let Some(value) = self.read_long(f) {
            return Slot::Ref(value);
        }
        match self.read(f).cloned() {
            Some(value) => Slot::Own(value),
            None => {
                f.fail("a path that leads nowhere", self.span);
                Slot::Own(Value::Absent)
            }
        }
    }
}

/// An operand whose value is only looked at: read in place when it is a
/// path or a constant, computed otherwise.
pub(super) enum Operand {
    Place(Place),
    Code(Code<Value>),
}

impl Operand {
    pub(super) fn fetch<'a>(&self, f: &mut Frame<'a>) -> Slot<'a> {
        match self {
            Operand::Place(place) => place.fetch(f),
            Operand::Code(code) => Slot::Own(code(f)),
        }
    }

    /// The value, computed now unless it can be read in place later.
    fn compute(&self, f: &mut Frame<'_>) -> Option<Value> {
        match self {
            Operand::Place(_) => None,
            Operand::Code(code) => Some(code(f)),
        }
    }

    /// The value: `computed` when [`Operand::compute`] gave one, otherwise
    /// read in place.
    fn value<'s>(&self, computed: &'s Option<Value>, f: &'s Frame<'_>) -> Option<&'s Value> {
        match (computed, self) {
            (Some(value), _) => Some(value),
            (None, Operand::Place(place)) => place.read(f),
            (None, Operand::Code(_)) => None,
        }
    }
}

/// Looks at two operands without copying them: `look` gets their values,
/// `None` comes back when a path led nowhere.
pub(super) fn look_at<R>(
    a: &Operand,
    b: &Operand,
    f: &mut Frame<'_>,
    look: impl FnOnce(&Value, &Value) -> R,
) -> Option<R> {
    let x = a.compute(f);
    let y = b.compute(f);
    Some(look(a.value(&x, f)?, b.value(&y, f)?))
}

/// The items an aggregate goes over.
pub(super) enum Source {
    /// The items of an item list that no item rule excluded.
    Kept(usize),
    /// Any list.
    List(Operand),
}

impl Source {
    /// Binds each item to the local `slot` in turn and runs `visit`, until
    /// it returns `false`.
    pub(super) fn each<'a>(
        &self,
        f: &mut Frame<'a>,
        slot: u32,
        span: Span,
        mut visit: impl FnMut(&mut Frame<'a>) -> bool,
    ) {
        match self {
            Source::Kept(list) => {
                f.ensure_list(*list);
                let items = f.kept(*list).map(|kept| kept.items).unwrap_or_default();
                for (index, item) in items.iter().enumerate() {
                    let excluded = f
                        .kept(*list)
                        .and_then(|kept| kept.excluded.get(index).copied())
                        .unwrap_or(true);
                    if !excluded && !f.with_local(slot, Slot::Ref(item), &mut visit) {
                        break;
                    }
                }
            }
            Source::List(operand) => match operand.fetch(f) {
                Slot::Ref(Value::List(items)) => {
                    for item in items.iter() {
                        if !f.with_local(slot, Slot::Ref(item), &mut visit) {
                            break;
                        }
                    }
                }
                Slot::Own(Value::List(items)) => {
                    for item in items.iter() {
                        if !f.with_local(slot, Slot::Own(item.clone()), &mut visit) {
                            break;
                        }
                    }
                }
                _ => f.fail("not a list", span),
            },
        }
    }
}

pub(super) fn read<T: Typed>(place: Place, num: Num) -> Code<T> {
    code(move |f| {
        let value = place.read(f).and_then(|v| T::unwrap(v, num));
        value.unwrap_or_else(|| {
            f.fail("a value of an unexpected kind", place.span);
            T::stand_in()
        })
    })
}

pub(super) fn global_access<T: Typed>(slot: usize, body: Code<Value>, num: Num, span: Span) -> Code<T> {
    code(move |f| {
        let value = f.global(slot, &body).and_then(|v| T::unwrap(v, num));
        value.unwrap_or_else(|| {
            f.fail("a value of an unexpected kind", span);
            T::stand_in()
        })
    })
}

pub(super) fn if_then<T: Typed>(condition: Code<bool>, then: Code<T>, otherwise: Code<T>) -> Code<T> {
    code(move |f| if condition(f) { then(f) } else { otherwise(f) })
}

pub(super) fn if_let<T: Typed>(slot: u32, value: Operand, then: Code<T>, otherwise: Code<T>) -> Code<T> {
    code(move |f| {
        let value = value.fetch(f);
        if matches!(value.get(), Value::Absent) {
            otherwise(f)
        } else {
            f.with_local(slot, value, |f| then(f))
        }
    })
}

/// A call of a function of the rulebook. On a value of the application (an
/// item), the result is kept: the same call on the same item gives it again.
pub(super) fn call<T: Typed>(def: usize, arguments: Vec<Operand>, body: Code<T>, num: Num) -> Code<T> {
    code(move |f| {
        if let [one] = arguments.as_slice() {
            let argument = one.fetch(f);
            if let Slot::Ref(value @ Value::Record(_)) = argument {
                let address = std::ptr::from_ref(value) as usize;
                let known = f
                    .memo
                    .iter()
                    .find(|(d, a, _)| *d == def && *a == address)
                    .and_then(|(_, _, v)| T::unwrap(v, num));
                if let Some(known) = known {
                    return known;
                }
                let result = f.call(std::iter::once(argument), |f| body(f));
                f.memo.push((def, address, result.clone().wrap(num)));
                return result;
            }
            return f.call(std::iter::once(argument), |f| body(f));
        }
        let values: Vec<Slot> = arguments.iter().map(|a| a.fetch(f)).collect();
        f.call(values.into_iter(), |f| body(f))
    })
}

/// The best of the arguments by `better` (the first of equals).
pub(super) fn extreme<T: Typed>(
    arguments: Vec<Code<T>>,
    better: Ordering,
    order: fn(&T, &T) -> Option<Ordering>,
    span: Span,
) -> Code<T> {
    code(move |f| {
        let Some((first, rest)) = arguments.split_first() else {
            f.fail("a built-in function without its arguments", span);
            return T::stand_in();
        };
        let mut best = first(f);
        for argument in rest {
            let value = argument(f);
            if order(&value, &best) == Some(better) {
                best = value;
            }
        }
        best
    })
}
