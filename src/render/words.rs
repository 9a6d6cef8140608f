//! Rules in French words: a condition or a computation of the rulebook said
//! as staff would say it, with the labels the rulebook gives its
//! declarations (`label "dépenses retenues"`) and, when a decision is
//! explained, each figure in place: « dépenses retenues : 6 500,00 € (sous
//! le plafond de 7 885,00 €) × 32,5 % = 2 112,50 €, arrondi à l'euro le plus
//! proche : 2 113,00 € ». One description serves the explanation of a
//! decision, the documentation and the editor.
//!
//! The words are catalog messages (`locales/*/words.ftl`); the figures are
//! written the French way. Pure: the values come from a [`Values`] the
//! caller gives (the evaluator), or from nowhere for the static form.

use crate::decision::render_value;
use crate::diagnostic::SourceMap;
use crate::i18n::Message;
use crate::msg;
use crate::program::{
    Aggregate, Arith, Builtin, Compare, Expr, ExprKind, GlobalKind, Program, RoundMode, RoundUnit, RuleDef,
    Type,
};
use crate::value::Value;

/// Where the figures of an explanation come from: the value of an
/// expression whose locals are `locals` (an item, a function's arguments).
pub trait Values {
    /// The value, or `None` when it cannot be had (the explanation then
    /// says the expression without its figure).
    fn value(&mut self, expr: &Expr, locals: &[Value]) -> Option<Value>;
}

/// The static form: no figures.
struct NoValues;

impl Values for NoValues {
    fn value(&mut self, _: &Expr, _: &[Value]) -> Option<Value> {
        None
    }
}

/// A name of the rulebook as words: its label, or its identifier with
/// spaces for underscores (`collectifs_retenus` → `collectifs retenus`).
fn name_words(label: Option<&str>, name: &str) -> String {
    match label {
        Some(label) => label.to_string(),
        None => name.replace('_', " "),
    }
}

/// A value inside a sentence.
fn figure(value: &Value, program: &Program) -> String {
    match value {
        Value::Range(_) | Value::Date(_) | Value::List(_) => {
            crate::decision::render_in_sentence(value, &Type::Error, program)
        }
        other => render_value(other, None, Some(program)),
    }
}

/// The condition of a rule, in words: what makes it fire.
pub fn condition(program: &Program, sources: &SourceMap, rule: &RuleDef) -> Message {
    let mut none = NoValues;
    let mut words = Words::new(program, sources, &mut none);
    let condition = words.say(&rule.condition, &[]);
    if rule.unless {
        msg!("words-rule-unless", condition = condition)
    } else {
        msg!("words-rule-when", condition = condition)
    }
}

/// A computation in words: how an output, a `let` or a function's body is
/// computed.
pub fn expression(program: &Program, sources: &SourceMap, expr: &Expr) -> Message {
    let mut none = NoValues;
    Words::new(program, sources, &mut none).say(expr, &[])
}

/// How a value was computed, with its figures: the expression with `locals`
/// (the item of an item output), and the value it gave.
pub fn explain(
    program: &Program,
    sources: &SourceMap,
    values: &mut dyn Values,
    expr: &Expr,
    locals: &[Value],
) -> Message {
    let mut words = Words::new(program, sources, values);
    words.top(expr, locals)
}

/// Why a rule fired, with its figures.
pub fn explain_rule(
    program: &Program,
    sources: &SourceMap,
    values: &mut dyn Values,
    rule: &RuleDef,
    locals: &[Value],
) -> Message {
    let mut words = Words::new(program, sources, values);
    let condition = words.condition(&rule.condition, locals);
    // It fired: its condition held (`when`) or did not (`unless`).
    if rule.unless {
        msg!("words-does-not-hold", condition = condition)
    } else {
        msg!("words-holds", condition = condition)
    }
}

struct Words<'a> {
    program: &'a Program,
    sources: &'a SourceMap,
    values: &'a mut dyn Values,
    /// Functions being expanded, so that a body is not expanded within itself.
    depth: usize,
}

impl<'a> Words<'a> {
    fn new(program: &'a Program, sources: &'a SourceMap, values: &'a mut dyn Values) -> Words<'a> {
        Words {
            program,
            sources,
            values,
            depth: 0,
        }
    }

    fn value(&mut self, expr: &Expr, locals: &[Value]) -> Option<Value> {
        self.values.value(expr, locals)
    }

    fn figure_of(&mut self, expr: &Expr, locals: &[Value]) -> Option<String> {
        let value = self.value(expr, locals)?;
        Some(figure(&value, self.program))
    }

    /// `words : figure` when the figure is known, the words alone otherwise.
    fn named(&mut self, words: String, expr: &Expr, locals: &[Value]) -> Message {
        match self.figure_of(expr, locals) {
            Some(value) => msg!("words-named", name = words, value = value),
            None => msg!("words-plain", text = words),
        }
    }

    /// The whole computation of a value, ending with its result.
    fn top(&mut self, expr: &Expr, locals: &[Value]) -> Message {
        match &expr.kind {
            // A function's body said with its arguments' figures.
            ExprKind::Call(id, arguments) if self.depth < 4 => {
                let Some(def) = self.program.defs.get(*id) else {
                    return self.say(expr, locals);
                };
                let Some(arguments) = arguments
                    .iter()
                    .map(|a| self.value(a, locals))
                    .collect::<Option<Vec<Value>>>()
                else {
                    return self.say(expr, locals);
                };
                self.depth += 1;
                let said = self.top(&def.body, &arguments);
                self.depth -= 1;
                said
            }
            ExprKind::Arith { .. } => {
                let computation = self.say(expr, locals);
                match self.figure_of(expr, locals) {
                    Some(value) => msg!("words-computed", computation = computation, value = value),
                    None => computation,
                }
            }
            _ => self.say(expr, locals),
        }
    }

    /// An expression in words, with its figures when they are known.
    fn say(&mut self, expr: &Expr, locals: &[Value]) -> Message {
        let program = self.program;
        match &expr.kind {
            ExprKind::Const(value) => msg!("words-plain", text = figure(value, program)),
            ExprKind::Global(id) => {
                let Some(global) = program.globals.get(*id) else {
                    return msg!("words-plain", text = "?");
                };
                let words = name_words(global.label.as_deref(), &global.name);
                if global.kind == GlobalKind::Param {
                    // A parameter in a computation is its figure; alone, its name.
                    return match self.figure_of(expr, locals) {
                        Some(value) => msg!("words-plain", text = value),
                        None => msg!("words-plain", text = words),
                    };
                }
                self.named(words, expr, locals)
            }
            ExprKind::Local(_) | ExprKind::Input => {
                msg!(
                    "words-plain",
                    text = self.sources.slice(expr.span).trim().to_string()
                )
            }
            ExprKind::Field(base, _) => {
                let words = self.field_words(expr, base);
                self.named(words, expr, locals)
            }
            ExprKind::Not(operand) => {
                let operand = self.say(operand, locals);
                msg!("words-not", operand = operand)
            }
            ExprKind::Neg(operand) => {
                let operand = self.say(operand, locals);
                msg!("words-neg", operand = operand)
            }
            ExprKind::And(left, right) => {
                // `a or b` inside `and` is bracketed: the words have no precedence.
                let side = |words: &mut Self, expr: &Expr| {
                    let said = words.say(expr, locals);
                    if matches!(expr.kind, ExprKind::Or(..)) {
                        msg!("words-bracketed", inner = said)
                    } else {
                        said
                    }
                };
                let (left, right) = (side(self, left), side(self, right));
                msg!("words-and", left = left, right = right)
            }
            ExprKind::Or(left, right) => {
                let (left, right) = (self.say(left, locals), self.say(right, locals));
                msg!("words-or", left = left, right = right)
            }
            ExprKind::Compare(op, left, right) => {
                let (left, right) = (self.say(left, locals), self.say(right, locals));
                let op = match op {
                    Compare::Eq => "eq",
                    Compare::Ne => "ne",
                    Compare::Lt => "lt",
                    Compare::Le => "le",
                    Compare::Gt => "gt",
                    Compare::Ge => "ge",
                };
                msg!("words-compare", op = op, left = left, right = right)
            }
            ExprKind::Arith { op, lhs, rhs, .. } => {
                let (left, right) = (
                    self.operand(*op, false, lhs, locals),
                    self.operand(*op, true, rhs, locals),
                );
                let op = match op {
                    Arith::Add => "+",
                    Arith::Sub => "−",
                    Arith::Mul => "×",
                    Arith::Div => "÷",
                };
                msg!("words-arith", left = left, op = op, right = right)
            }
            ExprKind::InRange(item, range) => {
                let (item, range) = (self.say(item, locals), self.say(range, locals));
                msg!("words-in-range", item = item, range = range)
            }
            ExprKind::InList(item, list) => {
                let (item, list) = (self.say(item, locals), self.say(list, locals));
                msg!("words-in-list", item = item, list = list)
            }
            ExprKind::MakeRange(low, high) => {
                let (low, high) = (self.say(low, locals), self.say(high, locals));
                msg!("words-range", low = low, high = high)
            }
            ExprKind::MakeList(items) => {
                let items: Vec<Message> = items.iter().map(|i| self.say(i, locals)).collect();
                msg!("words-list", items = crate::i18n::Arg::AllOf(items))
            }
            ExprKind::If(condition, then, otherwise) => {
                let test = self.value(condition, locals);
                let said = self.condition(condition, locals);
                match test {
                    Some(Value::Bool(true)) => {
                        let then = self.top(then, locals);
                        msg!("words-if-yes", condition = said, then = then)
                    }
                    Some(Value::Bool(false)) => {
                        let otherwise = self.top(otherwise, locals);
                        msg!("words-if-no", condition = said, otherwise = otherwise)
                    }
                    _ => {
                        let (then, otherwise) = (self.say(then, locals), self.say(otherwise, locals));
                        msg!("words-if", condition = said, then = then, otherwise = otherwise)
                    }
                }
            }
            ExprKind::IfLet {
                slot,
                value,
                then,
                otherwise,
            } => {
                // With its figures: the branch taken, the value bound.
                match self.value(value, locals) {
                    Some(Value::Absent) => {
                        let missing = self.say_static(value);
                        return msg!("words-absent", value = missing);
                    }
                    Some(present) if *slot as usize == locals.len() => {
                        let mut bound = locals.to_vec();
                        bound.push(present);
                        return self.condition(then, &bound);
                    }
                    _ => {}
                }
                let present = self.say(value, locals);
                let otherwise = self.say(otherwise, locals);
                let said = msg!("words-if-let", value = present, otherwise = otherwise);
                self.valued(said, expr, locals)
            }
            ExprKind::Aggregate {
                aggregate,
                list,
                body,
                ..
            } => {
                // The body is said without figures: it has one per item.
                let list_words = self.say_static(list);
                let body_words = self.say_static(body);
                let count = match self.value(list, locals) {
                    Some(Value::List(items)) => Some(items.len()),
                    _ => None,
                };
                let said = match aggregate {
                    Aggregate::Sum => match count {
                        Some(count) => msg!(
                            "words-sum-counted",
                            body = body_words,
                            list = list_words,
                            count = count
                        ),
                        None => msg!("words-sum", body = body_words, list = list_words),
                    },
                    Aggregate::Count => msg!("words-count", list = list_words),
                    Aggregate::All => msg!("words-all", body = body_words, list = list_words),
                    Aggregate::Any => msg!("words-any", body = body_words, list = list_words),
                };
                self.valued(said, expr, locals)
            }
            ExprKind::Call(id, _) => {
                let Some(def) = program.defs.get(*id) else {
                    return msg!("words-plain", text = "?");
                };
                let words = name_words(def.label.as_deref(), &def.name);
                // A ceiling or a floor says whether it applied.
                if let ExprKind::Builtin(Builtin::Min | Builtin::Max, _) = &def.body.kind
                    && let ExprKind::Call(_, arguments) = &expr.kind
                    && let Some(arguments) = arguments
                        .iter()
                        .map(|a| self.value(a, locals))
                        .collect::<Option<Vec<Value>>>()
                    && let Some(bound) = self.bound(&def.body, &arguments)
                {
                    return msg!("words-named", name = words, value = bound);
                }
                self.named(words, expr, locals)
            }
            ExprKind::Builtin(builtin, arguments) => match builtin {
                Builtin::Min | Builtin::Max => {
                    if let Some(bound) = self.bound(expr, locals) {
                        return bound;
                    }
                    let items: Vec<Message> = arguments.iter().map(|a| self.say(a, locals)).collect();
                    let items = crate::i18n::Arg::AllOf(items);
                    let said = if *builtin == Builtin::Min {
                        msg!("words-smallest", items = items)
                    } else {
                        msg!("words-largest", items = items)
                    };
                    self.valued(said, expr, locals)
                }
                Builtin::Count => {
                    let list = arguments
                        .first()
                        .map(|a| self.say_static(a))
                        .unwrap_or_else(|| msg!("words-plain", text = "?"));
                    self.valued(msg!("words-count", list = list), expr, locals)
                }
                Builtin::Abs => {
                    let operand = arguments
                        .first()
                        .map(|a| self.say(a, locals))
                        .unwrap_or_else(|| msg!("words-plain", text = "?"));
                    self.valued(msg!("words-abs", operand = operand), expr, locals)
                }
                Builtin::Present => {
                    let operand = arguments
                        .first()
                        .map(|a| self.say(a, locals))
                        .unwrap_or_else(|| msg!("words-plain", text = "?"));
                    msg!("words-present", operand = operand)
                }
                Builtin::SameText | Builtin::CloseTo => {
                    let mut said = arguments.iter().map(|a| self.say(a, locals));
                    let left = said.next().unwrap_or_else(|| msg!("words-plain", text = "?"));
                    let right = said.next().unwrap_or_else(|| msg!("words-plain", text = "?"));
                    if *builtin == Builtin::SameText {
                        msg!("words-same-text", left = left, right = right)
                    } else {
                        msg!("words-close-to", left = left, right = right)
                    }
                }
            },
            ExprKind::Round(inner, unit, mode) => {
                let computation = self.say(inner, locals);
                let unit = match unit {
                    RoundUnit::Euro => "euro",
                    RoundUnit::Cent => "cent",
                };
                let mode = match mode {
                    RoundMode::HalfUp => "half-up",
                    RoundMode::Down => "down",
                    RoundMode::Up => "up",
                };
                match (self.figure_of(inner, locals), self.figure_of(expr, locals)) {
                    (Some(exact), Some(value)) => msg!(
                        "words-rounded",
                        computation = computation,
                        exact = exact,
                        unit = unit,
                        mode = mode,
                        value = value
                    ),
                    _ => msg!("words-round", computation = computation, unit = unit, mode = mode),
                }
            }
            ExprKind::Eligible(_, list) => {
                let list = self.say_static(list);
                self.valued(msg!("words-retained", list = list), expr, locals)
            }
        }
    }

    /// A condition followed by « oui » or « non »: a yes/no value of the
    /// rulebook is said by its name alone, anything else with its figures.
    fn condition(&mut self, expr: &Expr, locals: &[Value]) -> Message {
        match &expr.kind {
            ExprKind::Global(_)
            | ExprKind::Call(..)
            | ExprKind::Field(..)
            | ExprKind::Aggregate { .. }
            | ExprKind::Builtin(Builtin::SameText | Builtin::CloseTo | Builtin::Present, _) => {
                self.say_static(expr)
            }
            _ => self.say(expr, locals),
        }
    }

    /// An operand of `+ − × ÷`: a sum is bracketed inside a product or a
    /// quotient, and on the right of a difference.
    fn operand(&mut self, parent: Arith, right: bool, expr: &Expr, locals: &[Value]) -> Message {
        let said = self.say(expr, locals);
        let bracket = match &expr.kind {
            ExprKind::Arith {
                op: Arith::Add | Arith::Sub,
                ..
            } => matches!(parent, Arith::Mul | Arith::Div) || (parent == Arith::Sub && right),
            ExprKind::Arith { .. } => parent == Arith::Div && right,
            // « le plus petit de a et b » inside a product, said without its figure.
            ExprKind::Builtin(Builtin::Min | Builtin::Max, _) => {
                matches!(parent, Arith::Mul | Arith::Div) && self.value(expr, locals).is_none()
            }
            _ => false,
        };
        if bracket {
            msg!("words-bracketed", inner = said)
        } else {
            said
        }
    }

    /// The words of an expression followed by its figure, when known.
    fn valued(&mut self, said: Message, expr: &Expr, locals: &[Value]) -> Message {
        match self.figure_of(expr, locals) {
            Some(value) => msg!("words-valued", words = said, value = value),
            None => said,
        }
    }

    /// An expression said without figures (the body of a sum, a list).
    fn say_static(&mut self, expr: &Expr) -> Message {
        let mut none = NoValues;
        let mut words = Words {
            program: self.program,
            sources: self.sources,
            values: &mut none,
            depth: self.depth,
        };
        words.say(expr, &[])
    }

    /// `min(x, plafond)` with its figures: whether the ceiling applied
    /// (`max`: the floor), as « 6 500,00 € (sous le plafond de 7 885,00 €) ».
    fn bound(&mut self, expr: &Expr, locals: &[Value]) -> Option<Message> {
        let ExprKind::Builtin(builtin, arguments) = &expr.kind else {
            return None;
        };
        let [asked, limit] = arguments.as_slice() else {
            return None;
        };
        let (asked, limit, result) = (
            self.value(asked, locals)?,
            self.value(limit, locals)?,
            self.value(expr, locals)?,
        );
        let program = self.program;
        let kept = result == asked;
        let at_limit = asked == limit;
        let (asked, limit, value) = (
            figure(&asked, program),
            figure(&limit, program),
            figure(&result, program),
        );
        Some(match (builtin, kept) {
            (Builtin::Min, true) if at_limit => msg!("words-at-ceiling", value = value),
            (Builtin::Max, true) if at_limit => msg!("words-at-floor", value = value),
            (Builtin::Min, true) => msg!("words-under-ceiling", value = value, ceiling = limit),
            (Builtin::Min, false) => msg!("words-ceiling-reached", value = value, asked = asked),
            (_, true) => msg!("words-above-floor", value = value, floor = limit),
            (_, false) => msg!("words-floor-applied", value = value, asked = asked),
        })
    }

    /// A field as words: its name, and the record it belongs to when that
    /// is itself a field (`statut (porteur)`).
    fn field_words(&self, expr: &Expr, base: &Expr) -> String {
        let text = self.sources.slice(expr.span);
        let name = text.rsplit('.').next().unwrap_or(text).trim().replace('_', " ");
        match &base.kind {
            ExprKind::Field(..) => {
                let parent = self.sources.slice(base.span);
                let parent = parent
                    .rsplit('.')
                    .next()
                    .unwrap_or(parent)
                    .trim()
                    .replace('_', " ");
                format!("{name} ({parent})")
            }
            _ => name,
        }
    }
}
