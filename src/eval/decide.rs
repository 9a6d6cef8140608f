//! From an application to a decision: fires the rules, derives the status,
//! computes the outputs (zero unless the application is eligible). The lean
//! [`Outcome`] is what batch runs write; [`decide`] dresses it for staff
//! and, on request, records how each amount was computed.

use super::{EvalError, Machine, Scratch, TraceEvent, zero};
use crate::decision::{
    Decision, Explanation, ExplanationBlock, ExplanationLine, ItemDecision, ItemGroup, OutputValue, Reason,
    Sentence, Status,
};
use crate::diagnostic::{SourceMap, Span};
use crate::msg;
use crate::program::{ListId, Program, Type};
use crate::render::words;
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;

/// A rule that fired, by index, and the item it fired on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fired {
    /// The rule's index in [`Program::rules`].
    pub rule: usize,
    /// The list and the item's position, for an item rule.
    pub item: Option<(ListId, usize)>,
}

/// The decision on one item of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemOutcome {
    /// Whether no item rule excluded it.
    pub eligible: bool,
    /// Its outputs, in the list's order (zero when excluded or refused).
    pub outputs: Vec<Value>,
}

/// A decision without words: what batch runs write.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Eligible, ineligible or incomplete.
    pub status: Status,
    /// The outputs, in [`Program::outputs`] order (zero unless eligible).
    pub outputs: Vec<Value>,
    /// For each item list, its items.
    pub items: Vec<Vec<ItemOutcome>>,
    /// Every rule that fired: item rules first, by list and item, then the
    /// application's, each in declaration order.
    pub fired: Vec<Fired>,
}

/// The value an output takes when the application (or the item) does not count.
fn zero_like(ty: &Type, value: Value) -> Value {
    match ty {
        Type::Money | Type::Integer | Type::Decimal | Type::Rate | Type::Bool => zero(ty),
        _ => value,
    }
}

/// Records, when asked, how each output was computed and why each rule fired.
struct Tracer<'s> {
    source: &'s SourceMap,
    explanation: Explanation,
}

/// Decides one application, recording the traces when `tracer` is given.
fn run(
    program: &Program,
    input: &Value,
    tracer: Option<&mut Tracer>,
    scratch: &mut Scratch,
) -> Result<Outcome, EvalError> {
    let mut machine = Machine::with_scratch(program, Some(input), std::mem::take(scratch));
    let outcome = run_on(&mut machine, program, tracer);
    *scratch = machine.into_scratch();
    outcome
}

fn run_on(
    machine: &mut Machine,
    program: &Program,
    mut tracer: Option<&mut Tracer>,
) -> Result<Outcome, EvalError> {
    let mut fired = Vec::new();
    let mut items = Vec::with_capacity(program.item_lists.len());
    for (list_id, item_list) in program.item_lists.iter().enumerate() {
        machine.ensure_list(list_id)?;
        let Some(list_items) = machine.list_items(list_id) else {
            return Err(EvalError::internal("unknown list", Span::default()));
        };
        let mut list = Vec::with_capacity(list_items.len());
        for (index, item) in list_items.iter().enumerate() {
            for (rule_index, rule) in program
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.scope == Some(list_id))
            {
                let fires = if tracer.is_none() && item_list.refusals.contains(&rule_index) {
                    machine.refusal_fired(list_id, index, rule_index)
                } else {
                    if tracer.is_some() {
                        machine.start_trace();
                    }
                    machine.fires(rule, std::slice::from_ref(item))?
                };
                if fires {
                    fired.push(Fired {
                        rule: rule_index,
                        item: Some((list_id, index)),
                    });
                    if let Some(tracer) = tracer.as_deref_mut() {
                        let title = format!("{} ({}[{}])", rule.name, item_list.key, index + 1);
                        let block = block(title, &machine.take_trace(), tracer.source, program);
                        tracer.explanation.rules.push(block);
                    }
                }
            }
            let outputs = item_list
                .outputs
                .iter()
                .map(|output| machine.eval_with(&output.expr, std::slice::from_ref(item)))
                .collect::<Result<Vec<_>, EvalError>>()?;
            list.push(ItemOutcome {
                eligible: !machine.excluded(list_id, index),
                outputs,
            });
        }
        items.push(list);
    }
    let mut refused = false;
    let mut incomplete = fired.iter().any(|f| {
        program
            .rules
            .get(f.rule)
            .is_some_and(|r| r.severity == RuleSeverity::Incomplete)
    });
    for (rule_index, rule) in program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.scope.is_none())
    {
        if tracer.is_some() {
            machine.start_trace();
        }
        if machine.fires(rule, &[])? {
            fired.push(Fired {
                rule: rule_index,
                item: None,
            });
            refused |= rule.severity == RuleSeverity::Refuse;
            incomplete |= rule.severity == RuleSeverity::Incomplete;
            if let Some(tracer) = tracer.as_deref_mut() {
                let block = block(rule.name.clone(), &machine.take_trace(), tracer.source, program);
                tracer.explanation.rules.push(block);
            }
        }
    }
    let status = if refused {
        Status::Ineligible
    } else if incomplete {
        Status::Incomplete
    } else {
        Status::Eligible
    };
    let mut outputs = Vec::with_capacity(program.outputs.len());
    for id in &program.outputs {
        let Some(global) = program.globals.get(*id) else {
            continue;
        };
        if tracer.is_some() {
            machine.start_trace();
        }
        let value = machine.eval(&global.expr)?;
        if let Some(tracer) = tracer.as_deref_mut() {
            let block = block(global.name.clone(), &machine.take_trace(), tracer.source, program);
            tracer.explanation.outputs.push(block);
        }
        outputs.push(if status == Status::Eligible {
            value
        } else {
            zero_like(&global.ty, value)
        });
    }
    for (list, item_list) in items.iter_mut().zip(&program.item_lists) {
        for item in list
            .iter_mut()
            .filter(|item| status != Status::Eligible || !item.eligible)
        {
            for (value, output) in item.outputs.iter_mut().zip(&item_list.outputs) {
                *value = zero_like(&output.ty, std::mem::replace(value, Value::Absent));
            }
        }
    }
    Ok(Outcome {
        status,
        outputs,
        items,
        fired,
    })
}

/// Decides one application, lean: for batch runs.
pub fn outcome(program: &Program, input: &Value) -> Result<Outcome, EvalError> {
    run(program, input, None, &mut Scratch::default())
}

/// [`outcome`], in buffers kept from one application to the next.
pub fn outcome_in(program: &Program, input: &Value, scratch: &mut Scratch) -> Result<Outcome, EvalError> {
    run(program, input, None, scratch)
}

/// Decides one application. With `explain`, the rulebook's texts, the
/// decision also says how each output was computed and why each rule fired.
pub fn decide(program: &Program, input: &Value, explain: Option<&SourceMap>) -> Result<Decision, EvalError> {
    let mut tracer = explain.map(|source| Tracer {
        source,
        explanation: Explanation::default(),
    });
    let outcome = run(program, input, tracer.as_mut(), &mut Scratch::default())?;
    let mut reasons: Vec<Reason> = outcome
        .fired
        .iter()
        .filter_map(|f| {
            let rule = program.rules.get(f.rule)?;
            let item = f
                .item
                .and_then(|(list, index)| Some((program.item_lists.get(list)?.key.clone(), index)));
            Some(Reason::of(rule, item))
        })
        .collect();
    // Refusals first, then what is missing, warnings, information; stable
    // within a severity (items first, declaration order).
    let mut order: Vec<usize> = (0..reasons.len()).collect();
    order.sort_by_key(|i| reasons.get(*i).map(|r| r.severity));
    let sorted: Vec<Reason> = order.iter().filter_map(|i| reasons.get(*i).cloned()).collect();
    let position = |original: usize| order.iter().position(|i| *i == original).unwrap_or(original);
    let groups = program
        .item_lists
        .iter()
        .zip(&outcome.items)
        .enumerate()
        .map(|(list_id, (item_list, items))| ItemGroup {
            key: item_list.key.clone(),
            path: item_list.path_text.clone(),
            items: items
                .iter()
                .enumerate()
                .map(|(index, item)| ItemDecision {
                    index,
                    eligible: item.eligible,
                    outputs: item_list
                        .outputs
                        .iter()
                        .zip(&item.outputs)
                        .map(|(o, v)| {
                            OutputValue::new(&o.name, o.label.as_deref(), v.clone(), &o.ty, program)
                        })
                        .collect(),
                    reasons: outcome
                        .fired
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| f.item == Some((list_id, index)))
                        .map(|(i, _)| position(i))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    reasons = sorted;
    let outputs = program
        .outputs
        .iter()
        .zip(&outcome.outputs)
        .filter_map(|(id, value)| {
            let global = program.globals.get(*id)?;
            Some(OutputValue::new(
                &global.name,
                global.label.as_deref(),
                value.clone(),
                &global.ty,
                program,
            ))
        })
        .collect();
    let explanation = match tracer {
        Some(tracer) => {
            let mut explanation = tracer.explanation;
            in_words(program, input, tracer.source, &outcome, &order, &mut explanation);
            Some(explanation)
        }
        None => None,
    };
    Ok(Decision {
        status: outcome.status,
        rulebook: Default::default(),
        outputs,
        groups,
        reasons,
        explanation,
    })
}

/// The figures of an explanation, from a machine of its own.
impl words::Values for Machine<'_> {
    fn value(&mut self, expr: &crate::program::Expr, locals: &[Value]) -> Option<Value> {
        self.eval_with(expr, locals).ok()
    }
}

/// Whether an output is a figure to explain (not a name such as a collectif's).
fn explained(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Money | Type::Integer | Type::Decimal | Type::Rate | Type::Bool
    )
}

/// Explains each output and each rule that fired in French words, with
/// their figures. `order` is the order of the reasons (refusals first).
fn in_words(
    program: &Program,
    input: &Value,
    source: &SourceMap,
    outcome: &Outcome,
    order: &[usize],
    explanation: &mut Explanation,
) {
    let mut machine = Machine::new(program, Some(input));
    let eligible = outcome.status == Status::Eligible;
    for (list_id, (item_list, items)) in program.item_lists.iter().zip(&outcome.items).enumerate() {
        if machine.ensure_list(list_id).is_err() {
            continue;
        }
        let Some(values) = machine.list_items(list_id) else {
            continue;
        };
        for (index, (item, value)) in items.iter().zip(values.iter()).enumerate() {
            for (output, result) in item_list.outputs.iter().zip(&item.outputs) {
                if !explained(&output.ty) {
                    continue;
                }
                let text = if !item.eligible {
                    msg!("words-item-excluded")
                } else if !eligible {
                    let value = crate::decision::render_value(result, Some(&output.ty), Some(program));
                    msg!("words-not-eligible", value = value)
                } else {
                    words::explain(
                        program,
                        source,
                        &mut machine,
                        &output.expr,
                        std::slice::from_ref(value),
                    )
                };
                explanation.outputs_in_words.push(Sentence {
                    subject: output.label.clone().unwrap_or_else(|| output.name.clone()),
                    text,
                    source: output.source.clone(),
                    item: Some((item_list.key.clone(), index)),
                });
            }
        }
    }
    for (id, value) in program.outputs.iter().zip(&outcome.outputs) {
        let Some(global) = program.globals.get(*id).filter(|g| explained(&g.ty)) else {
            continue;
        };
        let text = if eligible {
            words::explain(program, source, &mut machine, &global.expr, &[])
        } else {
            let value = crate::decision::render_value(value, Some(&global.ty), Some(program));
            msg!("words-not-eligible", value = value)
        };
        explanation.outputs_in_words.push(Sentence {
            subject: global.label.clone().unwrap_or_else(|| global.name.clone()),
            text,
            source: global.source.clone(),
            item: None,
        });
    }
    for fired in order.iter().filter_map(|i| outcome.fired.get(*i)) {
        let Some(rule) = program.rules.get(fired.rule) else {
            continue;
        };
        let (item, locals) = match fired.item {
            Some((list, index)) => {
                let value = machine
                    .list_items(list)
                    .and_then(|items| items.get(index).cloned());
                let key = program.item_lists.get(list).map(|l| l.key.clone());
                (key.map(|k| (k, index)), value.into_iter().collect::<Vec<_>>())
            }
            None => (None, Vec::new()),
        };
        let text = words::explain_rule(program, source, &mut machine, rule, &locals);
        explanation.rules_in_words.push(Sentence {
            subject: rule.message.clone(),
            text,
            source: rule.source.clone(),
            item,
        });
    }
}

/// One explanation block: each sub-expression as written, with its value.
fn block(title: String, trace: &[TraceEvent], source: &SourceMap, program: &Program) -> ExplanationBlock {
    let lines = trace
        .iter()
        .filter(|event| !matches!(event.value, Value::Record(_)))
        .map(|event| ExplanationLine {
            depth: event.depth,
            expression: source
                .slice(event.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            value: crate::decision::render_value(&event.value, None, Some(program)),
        })
        .collect();
    ExplanationBlock { title, lines }
}
