//! Evaluation: applies a compiled [`Program`] to an application. Pure and
//! total: no I/O, no recursion in the rules (the checker refuses cycles), and
//! every loop goes over a finite list. Globals are computed on first use and
//! kept, so each is computed at most once per application.

mod decide;
mod plan;
mod text;

pub use decide::{Fired, ItemOutcome, Outcome, decide, outcome, outcome_in};
pub use plan::{Plan, PlanScratch};
pub use text::{close_to, same_text};

use crate::diagnostic::Span;
use crate::i18n::{Code, Message, codes};
use crate::msg;
use crate::program::*;
use crate::value::Value;
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;
use std::sync::Arc;

/// Why an evaluation could not finish: an overflow, a division by zero.
/// Small (a code, a static detail, a span) because every step of the
/// evaluator returns it: the message is built only when it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// Its code: overflow, division by zero, or a fault of the tool.
    pub code: Code,
    /// For a fault of the tool, what the engineer who reads it needs.
    pub detail: &'static str,
    /// The expression that failed.
    pub span: Span,
}

impl EvalError {
    /// A fault of the tool itself, which the checker should have made
    /// impossible; `detail` is for the engineer who reads the report.
    pub fn internal(detail: &'static str, span: Span) -> EvalError {
        EvalError {
            code: codes::INTERNAL,
            detail,
            span,
        }
    }

    /// A division by zero at `span`.
    pub fn division_by_zero(span: Span) -> EvalError {
        EvalError {
            code: codes::DIVISION_BY_ZERO,
            detail: "",
            span,
        }
    }

    /// What went wrong, in plain words.
    pub fn message(&self) -> Message {
        match self.code {
            codes::OVERFLOW => msg!("eval-overflow"),
            codes::DIVISION_BY_ZERO => msg!("eval-division-by-zero"),
            codes::DEPENDS_ON_APPLICATION => msg!("eval-reads-application"),
            _ => msg!("eval-internal", detail = self.detail),
        }
    }
}

fn fail<T>(detail: &'static str, span: Span) -> Result<T, EvalError> {
    Err(EvalError::internal(detail, span))
}

/// What the item rules of one list decided, computed once per application.
#[derive(Clone, Debug, Default)]
pub(crate) struct ListState {
    /// The items of the list.
    pub items: Arc<[Value]>,
    /// Whether each item is excluded.
    pub excluded: Vec<bool>,
    /// The refusals that fired: (item, rule), in order.
    pub fired: Vec<(usize, usize)>,
}

/// One evaluated sub-expression, for `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEvent {
    /// How deep in the expression it is.
    pub depth: usize,
    /// The sub-expression.
    pub span: Span,
    /// Its value.
    pub value: Value,
    /// The name of the global or local it reads, if it is one.
    pub name: Option<String>,
}

/// The buffers of an evaluation, kept from one application to the next so
/// that a campaign does not allocate them again for each.
#[derive(Default)]
pub struct Scratch {
    globals: Vec<Option<Value>>,
    lists: Vec<Option<ListState>>,
    locals: Vec<Value>,
    calls: Vec<Memo>,
}

/// A function's result on one record of the application: functions are
/// pure, so the same call on the same record gives the same value.
struct Memo {
    def: DefId,
    /// The record, kept alive so that its address names it.
    record: Arc<[Value]>,
    value: Value,
}

/// The state of one evaluation.
pub struct Machine<'p> {
    program: &'p Program,
    input: Option<&'p Value>,
    globals: Vec<Option<Value>>,
    lists: Vec<Option<ListState>>,
    locals: Vec<Value>,
    calls: Vec<Memo>,
    base: usize,
    trace: Option<Vec<TraceEvent>>,
    depth: usize,
}

impl<'p> Machine<'p> {
    /// A machine for one application; `input` is `None` when computing
    /// constants as a rulebook loads.
    pub fn new(program: &'p Program, input: Option<&'p Value>) -> Machine<'p> {
        Machine::with_scratch(program, input, Scratch::default())
    }

    /// A machine for one application, in buffers left by an earlier one.
    pub fn with_scratch(program: &'p Program, input: Option<&'p Value>, scratch: Scratch) -> Machine<'p> {
        let Scratch {
            mut globals,
            mut lists,
            mut locals,
            mut calls,
        } = scratch;
        globals.clear();
        globals.resize(program.globals.len(), None);
        lists.clear();
        lists.resize(program.item_lists.len(), None);
        locals.clear();
        calls.clear();
        Machine {
            program,
            input,
            globals,
            lists,
            locals,
            calls,
            base: 0,
            trace: None,
            depth: 0,
        }
    }

    /// The buffers, for the next application.
    pub fn into_scratch(self) -> Scratch {
        Scratch {
            globals: self.globals,
            lists: self.lists,
            locals: self.locals,
            calls: self.calls,
        }
    }

    /// Starts recording every sub-expression evaluated (for `--explain`).
    pub fn start_trace(&mut self) {
        self.trace = Some(Vec::new());
    }

    /// The recorded sub-expressions since the last call.
    pub fn take_trace(&mut self) -> Vec<TraceEvent> {
        self.trace.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The value of a global.
    pub fn global(&mut self, id: GlobalId) -> Result<Value, EvalError> {
        self.ensure_global(id)?;
        match self.known_global(id) {
            Some(value) => Ok(value.clone()),
            None => fail("unknown global", Span::default()),
        }
    }

    /// A global already computed, or a constant.
    fn known_global(&self, id: GlobalId) -> Option<&Value> {
        self.globals
            .get(id)
            .and_then(Option::as_ref)
            .or_else(|| self.program.globals.get(id).and_then(|g| g.constant.as_ref()))
    }

    /// Computes a global unless it is known already.
    fn ensure_global(&mut self, id: GlobalId) -> Result<(), EvalError> {
        if let Some(Some(_)) = self.globals.get(id) {
            return Ok(());
        }
        let Some(global) = self.program.globals.get(id) else {
            return fail("unknown global", Span::default());
        };
        if global.constant.is_some() {
            return Ok(());
        }
        // A global's expression has no locals of its own: give it a fresh frame.
        let saved = (self.base, self.trace.take());
        self.base = self.locals.len();
        let result = self.eval(&global.expr);
        self.base = saved.0;
        self.trace = saved.1;
        let value = result?;
        if let Some(slot) = self.globals.get_mut(id) {
            *slot = Some(value);
        }
        Ok(())
    }

    /// Evaluates an expression whose locals are `locals` (an item, a function's arguments).
    pub fn eval_with(&mut self, expr: &Expr, locals: &[Value]) -> Result<Value, EvalError> {
        let saved_base = self.base;
        self.base = self.locals.len();
        self.locals.extend_from_slice(locals);
        let result = self.eval(expr);
        self.locals.truncate(self.base);
        self.base = saved_base;
        result
    }

    /// Evaluates an expression.
    #[inline]
    pub fn eval(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        if self.trace.is_none() {
            self.eval_inner(expr)
        } else {
            self.eval_traced(expr)
        }
    }

    /// [`Machine::eval`], recording the value for `--explain`.
    #[cold]
    #[inline(never)]
    fn eval_traced(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        let position = self.trace.as_ref().map(Vec::len).unwrap_or(0);
        self.depth += 1;
        let result = self.eval_inner(expr);
        self.depth -= 1;
        if let Ok(value) = &result
            && !matches!(
                expr.kind,
                ExprKind::Const(_) | ExprKind::Input | ExprKind::MakeList(_)
            )
        {
            // Record the parent before the children it computed from.
            let depth = self.depth;
            let program = self.program;
            if let Some(trace) = self.trace.as_mut() {
                let name = match &expr.kind {
                    ExprKind::Global(id) => program.globals.get(*id).map(|g| g.name.clone()),
                    _ => None,
                };
                let event = TraceEvent {
                    depth,
                    span: expr.span,
                    value: value.clone(),
                    name,
                };
                if position <= trace.len() {
                    trace.insert(position, event);
                }
            }
        }
        result
    }

    /// The value a path (the application, a local, their fields) stands
    /// for, borrowed; `None` for any other expression. Not traced, so only
    /// used when no trace is recorded.
    fn place<'s>(&'s self, expr: &'s Expr) -> Option<&'s Value> {
        if self.trace.is_some() {
            return None;
        }
        match &expr.kind {
            ExprKind::Input => self.input,
            ExprKind::Local(slot) => self.locals.get(self.base + *slot as usize),
            ExprKind::Field(base, index) => match self.place(base)? {
                Value::Record(fields) => fields.get(*index as usize),
                _ => None,
            },
            ExprKind::Global(id) => self.known_global(*id),
            ExprKind::Const(value) => Some(value),
            _ => None,
        }
    }

    /// Evaluates two operands, reading them in place when they are paths
    /// or known values, and applies `f` to them.
    fn pair<T>(&mut self, l: &Expr, r: &Expr, f: impl FnOnce(&Value, &Value) -> T) -> Result<T, EvalError> {
        let left = self.operand(l)?;
        let right = self.operand(r)?;
        let (Some(a), Some(b)) = (
            left.as_ref().or_else(|| self.place(l)),
            right.as_ref().or_else(|| self.place(r)),
        ) else {
            return fail("an operand vanished", l.span.to(r.span));
        };
        Ok(f(a, b))
    }

    /// Readies an operand: `None` when [`Machine::place`] can read it in
    /// place (a path, a constant, a global already computed), otherwise
    /// its value.
    fn operand(&mut self, expr: &Expr) -> Result<Option<Value>, EvalError> {
        if self.place(expr).is_some() {
            Ok(None)
        } else {
            self.eval(expr).map(Some)
        }
    }

    /// Evaluates a condition. Without a trace, conditions are computed as
    /// plain booleans, without building values.
    pub fn eval_bool(&mut self, expr: &Expr) -> Result<bool, EvalError> {
        if self.trace.is_some() {
            return Ok(self.eval(expr)?.as_bool());
        }
        match &expr.kind {
            ExprKind::Not(_)
            | ExprKind::And(..)
            | ExprKind::Or(..)
            | ExprKind::Compare(..)
            | ExprKind::InRange(..)
            | ExprKind::InList(..) => self.test(expr),
            ExprKind::If(condition, then, otherwise) => {
                if self.eval_bool(condition)? {
                    self.eval_bool(then)
                } else {
                    self.eval_bool(otherwise)
                }
            }
            _ => match self.place(expr) {
                Some(value) => Ok(value.as_bool()),
                None => Ok(self.eval(expr)?.as_bool()),
            },
        }
    }

    /// The boolean operators, comparisons and membership tests.
    fn test(&mut self, expr: &Expr) -> Result<bool, EvalError> {
        let span = expr.span;
        Ok(match &expr.kind {
            ExprKind::Not(operand) => !self.eval_bool(operand)?,
            ExprKind::And(l, r) => self.eval_bool(l)? && self.eval_bool(r)?,
            ExprKind::Or(l, r) => self.eval_bool(l)? || self.eval_bool(r)?,
            ExprKind::Compare(op, l, r) => {
                let ordering = self.pair(l, r, compare)?;
                let ordering =
                    ordering.ok_or_else(|| EvalError::internal("values that cannot be compared", span))?;
                holds(*op, ordering)
            }
            ExprKind::InRange(x, range) => self.pair(x, range, |x, range| match range {
                Value::Range(bounds) => {
                    let (low, high) = &**bounds;
                    let above = compare(x, low).is_some_and(|o| o != Ordering::Less);
                    let below = compare(x, high).is_some_and(|o| o != Ordering::Greater);
                    Ok(above && below)
                }
                _ => fail("not a range", span),
            })??,
            ExprKind::InList(x, list) => self.pair(x, list, |x, list| match list {
                Value::List(items) => Ok(items.iter().any(|item| compare(item, x) == Some(Ordering::Equal))),
                _ => fail("not a list", span),
            })??,
            _ => return fail("not a condition", span),
        })
    }

    fn eval_inner(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        let span = expr.span;
        Ok(match &expr.kind {
            ExprKind::Const(value) => value.clone(),
            ExprKind::Global(id) => self.global(*id)?,
            ExprKind::Local(slot) => match self.locals.get(self.base + *slot as usize) {
                Some(value) => value.clone(),
                None => return fail("unknown local", span),
            },
            ExprKind::Input => match self.input {
                Some(input) => input.clone(),
                None => {
                    return Err(EvalError {
                        code: codes::DEPENDS_ON_APPLICATION,
                        detail: "",
                        span,
                    });
                }
            },
            ExprKind::Field(base, index) => match self.place(expr) {
                // A path into the application or an item: read in place.
                Some(value) => value.clone(),
                None => match self.eval(base)? {
                    Value::Record(fields) => match fields.get(*index as usize) {
                        Some(value) => value.clone(),
                        None => return fail("unknown field", span),
                    },
                    _ => return fail("not a record", span),
                },
            },
            ExprKind::Not(_)
            | ExprKind::And(..)
            | ExprKind::Or(..)
            | ExprKind::Compare(..)
            | ExprKind::InRange(..)
            | ExprKind::InList(..) => Value::Bool(self.test(expr)?),
            ExprKind::Neg(operand) => negate(self.eval(operand)?, span)?,
            ExprKind::Arith { op, lhs, rhs, .. } => self.pair(lhs, rhs, |a, b| arith(*op, a, b, span))??,
            ExprKind::MakeRange(low, high) => Value::Range(Arc::new((self.eval(low)?, self.eval(high)?))),
            ExprKind::MakeList(items) => {
                let values = items
                    .iter()
                    .map(|item| self.eval(item))
                    .collect::<Result<Vec<_>, _>>()?;
                Value::List(Arc::from(values))
            }
            ExprKind::If(condition, then, otherwise) => {
                if self.eval(condition)?.as_bool() {
                    self.eval(then)?
                } else {
                    self.eval(otherwise)?
                }
            }
            ExprKind::IfLet {
                slot,
                value,
                then,
                otherwise,
            } => match self.eval(value)? {
                Value::Absent => self.eval(otherwise)?,
                present => {
                    let index = self.base + *slot as usize;
                    self.locals.truncate(index);
                    self.locals.push(present);
                    let result = self.eval(then);
                    self.locals.truncate(index);
                    result?
                }
            },
            ExprKind::Aggregate {
                aggregate,
                slot,
                list,
                body,
                ty,
            } => {
                let Value::List(items) = self.eval(list)? else {
                    return fail("not a list", span);
                };
                self.aggregate(*aggregate, *slot, &items, body, ty, span)?
            }
            ExprKind::Call(id, args) => {
                let Some(def) = self.program.defs.get(*id) else {
                    return fail("unknown function", span);
                };
                if let [one] = args.as_slice() {
                    let value = self.eval(one)?;
                    self.call_on(*id, &def.body, value)?
                } else {
                    let values = args
                        .iter()
                        .map(|arg| self.eval(arg))
                        .collect::<Result<Vec<_>, _>>()?;
                    self.eval_with(&def.body, &values)?
                }
            }
            ExprKind::Builtin(builtin, args) => self.builtin(*builtin, args, span)?,
            ExprKind::Round(value, unit, mode) => match self.eval(value)? {
                Value::Money(amount) => Value::Money(round(amount, *unit, *mode)),
                _ => return fail("rounding something that is not money", span),
            },
            ExprKind::Eligible(list, _) => {
                self.ensure_list(*list)?;
                let Some(Some(state)) = self.lists.get(*list) else {
                    return fail("unknown list", span);
                };
                let kept: Vec<Value> = state
                    .items
                    .iter()
                    .zip(&state.excluded)
                    .filter(|(_, excluded)| !**excluded)
                    .map(|(item, _)| item.clone())
                    .collect();
                Value::List(Arc::from(kept))
            }
        })
    }

    fn aggregate(
        &mut self,
        aggregate: Aggregate,
        slot: u32,
        items: &[Value],
        body: &Expr,
        ty: &Type,
        span: Span,
    ) -> Result<Value, EvalError> {
        let index = self.base + slot as usize;
        let mut total = match aggregate {
            Aggregate::Sum => zero(ty),
            Aggregate::Count => Value::Integer(0),
            Aggregate::All => Value::Bool(true),
            Aggregate::Any => Value::Bool(false),
        };
        for item in items {
            self.locals.truncate(index);
            self.locals.push(item.clone());
            let value = self.eval(body);
            self.locals.truncate(index);
            let value = value?;
            total = match aggregate {
                Aggregate::Sum => arith(Arith::Add, &total, &value, span)?,
                Aggregate::Count if value.as_bool() => arith(Arith::Add, &total, &Value::Integer(1), span)?,
                Aggregate::Count => total,
                Aggregate::All if !value.as_bool() => return Ok(Value::Bool(false)),
                Aggregate::Any if value.as_bool() => return Ok(Value::Bool(true)),
                Aggregate::All | Aggregate::Any => total,
            };
        }
        Ok(total)
    }

    fn builtin(&mut self, builtin: Builtin, args: &[Expr], span: Span) -> Result<Value, EvalError> {
        let (first, second) = (args.first(), args.get(1));
        Ok(match (builtin, first, second) {
            (Builtin::Min | Builtin::Max, Some(first), _) => {
                let better = if builtin == Builtin::Min {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let mut best = self.eval(first)?;
                for arg in args.iter().skip(1) {
                    let value = self.eval(arg)?;
                    if compare(&value, &best) == Some(better) {
                        best = value;
                    }
                }
                best
            }
            (Builtin::Abs, Some(first), _) => match self.eval(first)? {
                Value::Integer(n) => Value::Integer(n.checked_abs().ok_or_else(|| overflow(span))?),
                Value::Decimal(d) => Value::Decimal(d.abs()),
                Value::Money(d) => Value::Money(d.abs()),
                Value::Rate(d) => Value::Rate(d.abs()),
                _ => return fail("`abs` of something that is not a number", span),
            },
            (Builtin::Count, Some(first), _) => self.pair(first, first, |list, _| match list {
                Value::List(items) => i64::try_from(items.len())
                    .map(Value::Integer)
                    .map_err(|_| overflow(span)),
                _ => fail("counting something that is not a list", span),
            })??,
            (Builtin::Present, Some(first), _) => {
                self.pair(first, first, |value, _| Value::Bool(*value != Value::Absent))?
            }
            (Builtin::SameText | Builtin::CloseTo, Some(first), Some(second)) => {
                self.pair(first, second, |a, b| {
                    let (Value::Text(a), Value::Text(b)) = (a, b) else {
                        return Value::Bool(false);
                    };
                    Value::Bool(if builtin == Builtin::SameText {
                        same_text(a, b)
                    } else {
                        close_to(a, b)
                    })
                })?
            }
            _ => return fail("a built-in function without its arguments", span),
        })
    }

    /// A function of one argument; on a record, computed once per record.
    fn call_on(&mut self, id: DefId, body: &Expr, argument: Value) -> Result<Value, EvalError> {
        let record = match (&argument, &self.trace) {
            (Value::Record(fields), None) => fields.clone(),
            _ => return self.eval_with(body, std::slice::from_ref(&argument)),
        };
        if let Some(memo) = self
            .calls
            .iter()
            .find(|memo| memo.def == id && Arc::ptr_eq(&memo.record, &record))
        {
            return Ok(memo.value.clone());
        }
        let value = self.eval_with(body, std::slice::from_ref(&argument))?;
        self.calls.push(Memo {
            def: id,
            record,
            value: value.clone(),
        });
        Ok(value)
    }

    /// Decides, once per application, which items of a list the item
    /// rules exclude.
    pub(crate) fn ensure_list(&mut self, list: ListId) -> Result<(), EvalError> {
        if let Some(Some(_)) = self.lists.get(list) {
            return Ok(());
        }
        let program = self.program;
        let Some(item_list) = program.item_lists.get(list) else {
            return fail("unknown list", Span::default());
        };
        let items = match self.input.map(|input| follow(input, &item_list.path)) {
            Some(Some(Value::List(items))) => items.clone(),
            _ => {
                return fail("the application has no such list", Span::default());
            }
        };
        let saved_trace = self.trace.take();
        let mut excluded = vec![false; items.len()];
        let mut fired = Vec::new();
        for (index, (item, flag)) in items.iter().zip(excluded.iter_mut()).enumerate() {
            for rule_index in &item_list.refusals {
                let Some(rule) = program.rules.get(*rule_index) else {
                    continue;
                };
                if self.fires(rule, std::slice::from_ref(item))? {
                    *flag = true;
                    fired.push((index, *rule_index));
                }
            }
        }
        self.trace = saved_trace;
        if let Some(slot) = self.lists.get_mut(list) {
            *slot = Some(ListState {
                items,
                excluded,
                fired,
            });
        }
        Ok(())
    }

    /// The items of a list of the application (after [`Machine::ensure_list`]).
    pub(crate) fn list_items(&self, list: ListId) -> Option<Arc<[Value]>> {
        self.lists.get(list)?.as_ref().map(|state| state.items.clone())
    }

    /// Whether the refusal `rule` fired on an item of a list (after
    /// [`Machine::ensure_list`], which evaluated every refusal).
    pub(crate) fn refusal_fired(&self, list: ListId, index: usize, rule: usize) -> bool {
        self.lists
            .get(list)
            .and_then(Option::as_ref)
            .is_some_and(|state| state.fired.contains(&(index, rule)))
    }

    /// Whether an item rule excluded an item of a list.
    pub(crate) fn excluded(&self, list: ListId, index: usize) -> bool {
        self.lists
            .get(list)
            .and_then(Option::as_ref)
            .and_then(|state| state.excluded.get(index).copied())
            .unwrap_or(false)
    }

    /// Whether a rule fires, with `locals` bound (the item, for an item rule).
    pub fn fires(&mut self, rule: &RuleDef, locals: &[Value]) -> Result<bool, EvalError> {
        let saved_base = self.base;
        self.base = self.locals.len();
        if !locals.is_empty() {
            self.locals.extend_from_slice(locals);
        }
        let holds = self.eval_bool(&rule.condition);
        self.locals.truncate(self.base);
        self.base = saved_base;
        let holds = holds?;
        Ok(holds != rule.unless)
    }
}

/// The value at a field path of a record.
pub(crate) fn follow<'v>(value: &'v Value, path: &[u32]) -> Option<&'v Value> {
    let mut current = value;
    for index in path {
        match current {
            Value::Record(fields) => current = fields.get(*index as usize)?,
            _ => return None,
        }
    }
    Some(current)
}

fn overflow(span: Span) -> EvalError {
    EvalError {
        code: codes::OVERFLOW,
        detail: "",
        span,
    }
}

/// The zero of a numeric type, for an empty sum or a refused application.
pub fn zero(ty: &Type) -> Value {
    match ty {
        Type::Integer => Value::Integer(0),
        Type::Decimal => Value::Decimal(Decimal::ZERO),
        Type::Rate => Value::Rate(Decimal::ZERO),
        Type::Bool => Value::Bool(false),
        _ => Value::Money(Decimal::ZERO),
    }
}

/// Rounds an amount to the euro or the cent.
pub fn round(amount: Decimal, unit: RoundUnit, mode: RoundMode) -> Decimal {
    let places = match unit {
        RoundUnit::Euro => 0,
        RoundUnit::Cent => 2,
    };
    if let Some(rounded) = round_quickly(amount, places, mode) {
        return rounded;
    }
    let strategy = match mode {
        RoundMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        RoundMode::Down => RoundingStrategy::ToZero,
        RoundMode::Up => RoundingStrategy::AwayFromZero,
    };
    amount.round_dp_with_strategy(places, strategy)
}

/// [`round`] by integer division of the mantissa, for the amounts a
/// rulebook computes (a product of cents and a rate): the same result as
/// rust_decimal's, several times faster. `None` leaves the case to it.
fn round_quickly(amount: Decimal, places: u32, mode: RoundMode) -> Option<Decimal> {
    let drop = amount
        .scale()
        .checked_sub(places)
        .filter(|d| (1..=18).contains(d))?;
    let mantissa = i64::try_from(amount.mantissa()).ok()?;
    let unit = 10i64.checked_pow(drop)?;
    let (quotient, rest) = (mantissa / unit, (mantissa % unit).unsigned_abs());
    let away = match mode {
        RoundMode::HalfUp => rest * 2 >= unit.unsigned_abs(),
        RoundMode::Down => false,
        RoundMode::Up => rest > 0,
    };
    let rounded = if away {
        quotient + mantissa.signum()
    } else {
        quotient
    };
    if rounded == 0 && mantissa < 0 {
        return None; // a negative zero: rust_decimal decides its sign
    }
    Decimal::try_new(rounded, places).ok()
}

fn as_decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::Integer(n) => Some(Decimal::from(*n)),
        Value::Decimal(d) | Value::Money(d) | Value::Rate(d) => Some(*d),
        _ => None,
    }
}

/// Whether a comparison holds for two values in this order.
fn holds(op: Compare, ordering: Ordering) -> bool {
    match op {
        Compare::Eq => ordering == Ordering::Equal,
        Compare::Ne => ordering != Ordering::Equal,
        Compare::Lt => ordering == Ordering::Less,
        Compare::Le => ordering != Ordering::Greater,
        Compare::Gt => ordering == Ordering::Greater,
        Compare::Ge => ordering != Ordering::Less,
    }
}

/// Orders two values of one kind; `None` when they cannot be compared.
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Some(x.cmp(y)),
        (Value::Integer(_) | Value::Decimal(_), Value::Integer(_) | Value::Decimal(_))
        | (Value::Money(_), Value::Money(_))
        | (Value::Rate(_), Value::Rate(_)) => Some(as_decimal(a)?.cmp(&as_decimal(b)?)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        (Value::Enum(a, x), Value::Enum(b, y)) if a == b => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Absent, Value::Absent) => Some(Ordering::Equal),
        _ => None,
    }
}

fn negate(value: Value, span: Span) -> Result<Value, EvalError> {
    Ok(match value {
        Value::Integer(n) => Value::Integer(n.checked_neg().ok_or_else(|| overflow(span))?),
        Value::Decimal(d) => Value::Decimal(-d),
        Value::Money(d) => Value::Money(-d),
        Value::Rate(d) => Value::Rate(-d),
        _ => return fail("negating something that is not a number", span),
    })
}

/// Arithmetic on two values; the checker has already matched their units.
pub fn arith(op: Arith, a: &Value, b: &Value, span: Span) -> Result<Value, EvalError> {
    if let (Value::Integer(x), Value::Integer(y)) = (a, b) {
        let result = match op {
            Arith::Add => x.checked_add(*y),
            Arith::Sub => x.checked_sub(*y),
            Arith::Mul => x.checked_mul(*y),
            Arith::Div => None,
        };
        if op != Arith::Div {
            return result.map(Value::Integer).ok_or_else(|| overflow(span));
        }
    }
    let (Some(x), Some(y)) = (as_decimal(a), as_decimal(b)) else {
        return fail("arithmetic on something that is not a number", span);
    };
    let result = match op {
        Arith::Add => x.checked_add(y),
        Arith::Sub => x.checked_sub(y),
        Arith::Mul => x.checked_mul(y),
        Arith::Div => {
            if y.is_zero() {
                return Err(EvalError::division_by_zero(span));
            }
            x.checked_div(y)
        }
    }
    .ok_or_else(|| overflow(span))?;
    use Value::*;
    Ok(match (op, a, b) {
        (_, Money(_), Money(_)) if op == Arith::Div => Decimal(result),
        (_, Rate(_), Rate(_)) if op == Arith::Div => Decimal(result),
        (_, Money(_), _) | (_, _, Money(_)) => Money(result),
        (_, Rate(_), _) | (_, _, Rate(_)) => Rate(result),
        _ => Decimal(result),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick rounding gives rust_decimal's result to the bit (mantissa,
    /// scale and sign), on amounts of every scale and sign, at every mode.
    #[test]
    fn quick_rounding_is_rust_decimals_rounding() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut amounts: Vec<Decimal> = Vec::new();
        for scale in 0..=20 {
            for m in [
                0i64,
                1,
                -1,
                4,
                5,
                6,
                -5,
                49,
                50,
                51,
                -50,
                99_999,
                125,
                -125,
                i64::MAX,
                i64::MIN,
            ] {
                amounts.push(Decimal::new(m, scale));
            }
            for _ in 0..200 {
                let m = (next() as i64) >> (next() % 60);
                amounts.push(Decimal::new(m, scale));
            }
        }
        // Products of cents and rates, as rulebooks compute them.
        for _ in 0..2000 {
            let cents = Decimal::new((next() % 2_000_000) as i64 - 1_000_000, 2);
            let rate = Decimal::new((next() % 1000) as i64, 3);
            amounts.push(cents * rate);
        }
        let mut quick = 0;
        for amount in amounts {
            for unit in [RoundUnit::Euro, RoundUnit::Cent] {
                for mode in [RoundMode::HalfUp, RoundMode::Down, RoundMode::Up] {
                    let places = if unit == RoundUnit::Euro { 0 } else { 2 };
                    let strategy = match mode {
                        RoundMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
                        RoundMode::Down => RoundingStrategy::ToZero,
                        RoundMode::Up => RoundingStrategy::AwayFromZero,
                    };
                    let expected = amount.round_dp_with_strategy(places, strategy);
                    if round_quickly(amount, places, mode).is_some() {
                        quick += 1;
                    }
                    let got = round(amount, unit, mode);
                    assert_eq!(
                        got.serialize(),
                        expected.serialize(),
                        "{amount} {unit:?} {mode:?}: {got} vs {expected}"
                    );
                }
            }
        }
        assert!(quick > 20_000, "the quick path was taken only {quick} times");
    }
}
