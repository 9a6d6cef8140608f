//! The rulebook compiled for campaigns. Each expression is lowered once,
//! when the plan is built, to a closure that returns a plain `bool`, `i64`
//! or `Decimal` where its type allows, reads fields through precomputed index
//! chains, and binds items by reference. The tree walker of [`super::Machine`]
//! stays the reference (and the only one that explains); both must give the
//! same [`Outcome`], which tests check.

mod access;
mod kind;
mod lower;

use super::decide::{Fired, ItemOutcome, Outcome};
use super::{EvalError, zero};
use crate::decision::Status;
use crate::diagnostic::Span;
use crate::program::{Program, Type};
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;
use std::sync::Arc;

/// A lowered expression: what it computes from a frame. On a fault (an
/// overflow, a division by zero) it records the first one in the frame and
/// returns a stand-in value; the run then ends in that error.
type Code<T> = Arc<dyn for<'a> Fn(&mut Frame<'a>) -> T + Send + Sync>;

/// A rule, lowered.
#[derive(Clone)]
struct RulePlan {
    /// Its index in [`Program::rules`].
    index: usize,
    /// An item rule that can exclude an item (evaluated once, by [`Frame::ensure_list`]).
    refusal: bool,
    severity: RuleSeverity,
    unless: bool,
    condition: Code<bool>,
}

impl RulePlan {
    fn fires(&self, frame: &mut Frame<'_>) -> bool {
        (self.condition)(frame) != self.unless
    }
}

/// An output, lowered, with its type (for the zero it takes when the
/// application or the item does not count).
struct OutputPlan {
    ty: Type,
    code: Code<Value>,
}

/// An item list: where it is in the application, and its rules and outputs.
struct ListPlan {
    path: Box<[u32]>,
    /// The item rules that can exclude an item.
    refusals: Vec<RulePlan>,
    /// Every item rule, in declaration order.
    rules: Vec<RulePlan>,
    outputs: Vec<OutputPlan>,
}

/// A rulebook compiled to closures: built once, shared by every thread of
/// a campaign.
pub struct Plan {
    /// How many globals a run computes.
    globals: usize,
    /// The constants that paths and bindings read in place.
    constants: Vec<Value>,
    lists: Vec<ListPlan>,
    /// The application's rules, in declaration order.
    rules: Vec<RulePlan>,
    outputs: Vec<OutputPlan>,
}

impl Plan {
    /// Compiles a checked program.
    pub fn new(program: &Program) -> Plan {
        lower::plan(program)
    }

    /// Decides one application, as [`super::outcome`] does. The outcome is
    /// built in the buffers of one given back by [`PlanScratch::recycle`].
    pub fn outcome(&self, input: &Value, scratch: &mut PlanScratch) -> Result<Outcome, EvalError> {
        let mut outcome = scratch.outcome.take().unwrap_or_else(|| Outcome {
            status: Status::Eligible,
            outputs: Vec::new(),
            items: Vec::new(),
            fired: Vec::new(),
        });
        let mut frame = Frame::new(self, input, scratch);
        run(self, &mut frame, &mut outcome);
        let fault = frame.fault.take();
        frame.into_scratch(scratch);
        match fault {
            Some(error) => {
                scratch.outcome = Some(outcome);
                Err(error)
            }
            None => Ok(outcome),
        }
    }
}

/// The buffers of a run, kept from one application to the next (of any
/// plan: a campaign may mix years).
#[derive(Default)]
pub struct PlanScratch {
    globals: Vec<Option<Value>>,
    locals: Vec<Slot<'static>>,
    memo: Vec<(usize, usize, Value)>,
    lists: Vec<Option<Kept<'static>>>,
    /// Buffers for [`Kept`]: exclusions and refusals fired.
    spare: Vec<KeptBuffers>,
    /// An outcome whose buffers the next one reuses.
    outcome: Option<Outcome>,
}

impl PlanScratch {
    /// Gives back an outcome once read, so that the next application's is
    /// built in its buffers.
    pub fn recycle(&mut self, outcome: Outcome) {
        self.outcome = Some(outcome);
    }
}

/// A local: a value of the application or of the rulebook, borrowed, or one
/// computed during the run.
#[derive(Default)]
enum Slot<'a> {
    Ref(&'a Value),
    Own(Value),
    /// Not bound (a buffer's filler, never read).
    #[default]
    Unbound,
}

impl Slot<'_> {
    fn get(&self) -> &Value {
        match self {
            Slot::Ref(value) => value,
            Slot::Own(value) => value,
            Slot::Unbound => &Value::Absent,
        }
    }
}

/// The buffers of a [`Kept`]: exclusions, and refusals fired.
type KeptBuffers = (Vec<bool>, Vec<(usize, usize)>);

/// Which items of a list the item rules exclude, and which refusals fired.
struct Kept<'a> {
    items: &'a [Value],
    excluded: Vec<bool>,
    fired: Vec<(usize, usize)>,
}

/// The state of one run.
struct Frame<'a> {
    plan: &'a Plan,
    input: &'a Value,
    locals: Vec<Slot<'a>>,
    /// Where the current frame's locals start.
    base: usize,
    /// The globals computed so far.
    globals: Vec<Option<Value>>,
    lists: Vec<Option<Kept<'a>>>,
    /// Calls of a function on one value of the application: function,
    /// address of the value, result.
    memo: Vec<(usize, usize, Value)>,
    spare: Vec<KeptBuffers>,
    fault: Option<EvalError>,
}

impl<'a> Frame<'a> {
    fn new(plan: &'a Plan, input: &'a Value, scratch: &mut PlanScratch) -> Frame<'a> {
        let mut globals = std::mem::take(&mut scratch.globals);
        globals.clear();
        globals.resize(plan.globals, None);
        let mut memo = std::mem::take(&mut scratch.memo);
        memo.clear();
        let mut lists = relabel(std::mem::take(&mut scratch.lists));
        lists.resize_with(plan.lists.len(), || None);
        Frame {
            plan,
            input,
            locals: relabel(std::mem::take(&mut scratch.locals)),
            base: 0,
            globals,
            lists,
            memo,
            spare: std::mem::take(&mut scratch.spare),
            fault: None,
        }
    }

    fn into_scratch(mut self, scratch: &mut PlanScratch) {
        for kept in self.lists.drain(..).flatten() {
            self.spare.push((kept.excluded, kept.fired));
        }
        scratch.globals = self.globals;
        scratch.locals = relabel(self.locals);
        scratch.lists = relabel(self.lists);
        scratch.memo = self.memo;
        scratch.spare = self.spare;
    }

    /// Records a fault, unless an earlier one is already recorded.
    /// Records a fault of the tool itself (see [`EvalError::internal`]).
    fn fail(&mut self, detail: &'static str, span: Span) {
        if self.fault.is_none() {
            self.fault = Some(EvalError::internal(detail, span));
        }
    }

    /// Records an error, unless an earlier one is already recorded.
    fn raise(&mut self, error: EvalError) {
        if self.fault.is_none() {
            self.fault = Some(error);
        }
    }

    fn overflow(&mut self, span: Span) {
        if self.fault.is_none() {
            self.fault = Some(super::overflow(span));
        }
    }

    /// A global's value (by its slot), computed by `code` on first use.
    fn global(&mut self, slot: usize, code: &Code<Value>) -> Option<&Value> {
        if let Some(None) = self.globals.get(slot) {
            // A global's expression has no locals of its own: a fresh frame.
            let saved = self.base;
            self.base = self.locals.len();
            let value = code(self);
            self.base = saved;
            if let Some(cell) = self.globals.get_mut(slot) {
                *cell = Some(value);
            }
        }
        self.globals.get(slot)?.as_ref()
    }

    /// Binds the local `slot` of the current frame, runs `body`, unbinds.
    fn with_local<T>(&mut self, slot: u32, value: Slot<'a>, body: impl FnOnce(&mut Frame<'a>) -> T) -> T {
        let index = self.base + slot as usize;
        self.locals.truncate(index);
        self.locals.push(value);
        let result = body(self);
        self.locals.truncate(index);
        result
    }

    /// Runs `body` in a new frame whose locals are `arguments`.
    fn call<T>(
        &mut self,
        arguments: impl Iterator<Item = Slot<'a>>,
        body: impl FnOnce(&mut Frame<'a>) -> T,
    ) -> T {
        let saved = self.base;
        let base = self.locals.len();
        self.locals.extend(arguments);
        self.base = base;
        let result = body(self);
        self.locals.truncate(base);
        self.base = saved;
        result
    }

    /// Decides, once per application, which items of a list the item rules
    /// exclude.
    fn ensure_list(&mut self, list: usize) {
        if matches!(self.lists.get(list), Some(Some(_))) {
            return;
        }
        let plan = self.plan;
        let Some(list_plan) = plan.lists.get(list) else {
            self.fail("unknown list", Span::default());
            return;
        };
        let items: &'a [Value] = match super::follow(self.input, &list_plan.path) {
            Some(Value::List(items)) => items,
            _ => {
                self.fail("the application has no such list", Span::default());
                &[]
            }
        };
        let (mut excluded, mut fired) = self.spare.pop().unwrap_or_default();
        excluded.clear();
        excluded.resize(items.len(), false);
        fired.clear();
        for (index, (item, flag)) in items.iter().zip(excluded.iter_mut()).enumerate() {
            for rule in &list_plan.refusals {
                if self.call(std::iter::once(Slot::Ref(item)), |frame| rule.fires(frame)) {
                    *flag = true;
                    fired.push((index, rule.index));
                }
            }
        }
        if let Some(slot) = self.lists.get_mut(list) {
            *slot = Some(Kept {
                items,
                excluded,
                fired,
            });
        }
    }

    /// The items of a list and whether each is excluded (after [`Frame::ensure_list`]).
    fn kept(&self, list: usize) -> Option<&Kept<'a>> {
        self.lists.get(list)?.as_ref()
    }
}

/// The same buffer, for borrows of another lifetime: emptied, so nothing
/// is carried over, and its allocation reused (collecting in place).
fn relabel<T, U>(mut buffer: Vec<T>) -> Vec<U>
where
    U: Default,
{
    buffer.clear();
    buffer.into_iter().map(|_| U::default()).collect()
}

/// The value an output takes when the application (or the item) does not count.
fn zero_like(ty: &Type, value: Value) -> Value {
    match ty {
        Type::Money | Type::Integer | Type::Decimal | Type::Rate | Type::Bool => zero(ty),
        _ => value,
    }
}

/// The steps of [`super::decide`]'s run, in the same order, so that the
/// first fault is the one the tree walker meets. Fills `out`, whose buffers
/// an earlier application may have left.
fn run<'a>(plan: &'a Plan, frame: &mut Frame<'a>, out: &mut Outcome) {
    out.fired.clear();
    out.outputs.clear();
    out.items.resize_with(plan.lists.len(), Vec::new);
    out.items.truncate(plan.lists.len());
    let mut incomplete = false;
    for ((list_id, list_plan), list) in plan.lists.iter().enumerate().zip(out.items.iter_mut()) {
        frame.ensure_list(list_id);
        let list_items = frame.kept(list_id).map(|kept| kept.items).unwrap_or_default();
        list.truncate(list_items.len());
        for (index, item) in list_items.iter().enumerate() {
            for rule in &list_plan.rules {
                let fires = if rule.refusal {
                    frame
                        .kept(list_id)
                        .is_some_and(|kept| kept.fired.contains(&(index, rule.index)))
                } else {
                    frame.call(std::iter::once(Slot::Ref(item)), |frame| rule.fires(frame))
                };
                if fires {
                    out.fired.push(Fired {
                        rule: rule.index,
                        item: Some((list_id, index)),
                    });
                    incomplete |= rule.severity == RuleSeverity::Incomplete;
                }
            }
            if list.len() <= index {
                list.push(ItemOutcome {
                    eligible: true,
                    outputs: Vec::with_capacity(list_plan.outputs.len()),
                });
            }
            let Some(decided) = list.get_mut(index) else {
                continue;
            };
            decided.outputs.clear();
            for output in &list_plan.outputs {
                let value = frame.call(std::iter::once(Slot::Ref(item)), |frame| (output.code)(frame));
                decided.outputs.push(value);
            }
            decided.eligible = !frame
                .kept(list_id)
                .and_then(|kept| kept.excluded.get(index).copied())
                .unwrap_or(false);
        }
    }
    let mut refused = false;
    for rule in &plan.rules {
        if rule.fires(frame) {
            out.fired.push(Fired {
                rule: rule.index,
                item: None,
            });
            refused |= rule.severity == RuleSeverity::Refuse;
            incomplete |= rule.severity == RuleSeverity::Incomplete;
        }
    }
    out.status = if refused {
        Status::Ineligible
    } else if incomplete {
        Status::Incomplete
    } else {
        Status::Eligible
    };
    let eligible = out.status == Status::Eligible;
    for output in &plan.outputs {
        let value = (output.code)(frame);
        out.outputs.push(if eligible {
            value
        } else {
            zero_like(&output.ty, value)
        });
    }
    for (list, list_plan) in out.items.iter_mut().zip(&plan.lists) {
        for item in list.iter_mut().filter(|item| !eligible || !item.eligible) {
            for (value, output) in item.outputs.iter_mut().zip(&list_plan.outputs) {
                *value = zero_like(&output.ty, std::mem::replace(value, Value::Absent));
            }
        }
    }
}
