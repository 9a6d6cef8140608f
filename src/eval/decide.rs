//! From an application to a [`Decision`]: fires the rules, derives the
//! status, computes the outputs (zero unless the application is eligible),
//! and, on request, records how each amount was computed.

use super::{EvalError, Machine, TraceEvent, zero};
use crate::decision::{
    Decision, Explanation, ExplanationLine, ItemDecision, ItemGroup, OutputValue, Reason, Status,
};
use crate::diagnostic::SourceMap;
use crate::program::{Program, Type};
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;

/// Decides one application. With `explain`, the rulebook's text, the
/// decision also says how each output was computed and why each rule fired.
pub fn decide(program: &Program, input: &Value, explain: Option<&SourceMap>) -> Result<Decision, EvalError> {
    let mut machine = Machine::new(program, Some(input));
    let mut reasons = Vec::new();
    let mut explanation = explain.map(|_| Explanation::default());

    // Item rules, list by list, in declaration order within each item.
    let mut groups = Vec::new();
    for (list_id, item_list) in program.item_lists.iter().enumerate() {
        let state = machine.list_state(list_id)?;
        let mut items = Vec::with_capacity(state.items.len());
        for (index, item) in state.items.iter().enumerate() {
            let mut item_reasons = Vec::new();
            for rule in program.rules.iter().filter(|r| r.scope == Some(list_id)) {
                if explain.is_some() {
                    machine.start_trace();
                }
                let fired = machine.fires(rule, std::slice::from_ref(item))?;
                let trace = machine.take_trace();
                if fired {
                    item_reasons.push(reasons.len());
                    reasons.push(Reason::of(rule, Some((item_list.key.clone(), index))));
                    if let (Some(explanation), Some(source)) = (explanation.as_mut(), explain) {
                        explanation.rules.push(block(
                            format!("{} ({}[{}])", rule.name, item_list.key, index + 1),
                            &trace,
                            source,
                            program,
                        ));
                    }
                }
            }
            let outputs = item_list
                .outputs
                .iter()
                .map(|output| {
                    let value = machine.eval_with(&output.expr, std::slice::from_ref(item))?;
                    Ok(OutputValue::new(
                        &output.name,
                        output.label.as_deref(),
                        value,
                        &output.ty,
                        program,
                    ))
                })
                .collect::<Result<Vec<_>, EvalError>>()?;
            items.push(ItemDecision {
                index,
                eligible: !state.excluded.get(index).copied().unwrap_or(false),
                outputs,
                reasons: item_reasons,
            });
        }
        groups.push(ItemGroup {
            key: item_list.key.clone(),
            path: item_list.path_text.clone(),
            items,
        });
    }

    // Rules of the whole application.
    for rule in program.rules.iter().filter(|r| r.scope.is_none()) {
        if explain.is_some() {
            machine.start_trace();
        }
        let fired = machine.fires(rule, &[])?;
        let trace = machine.take_trace();
        if fired {
            reasons.push(Reason::of(rule, None));
            if let (Some(explanation), Some(source)) = (explanation.as_mut(), explain) {
                explanation
                    .rules
                    .push(block(rule.name.clone(), &trace, source, program));
            }
        }
    }
    reasons.sort_by_key(|r| r.severity);

    let refused = reasons
        .iter()
        .any(|r| r.severity == RuleSeverity::Refuse && r.item.is_none());
    let incomplete = reasons.iter().any(|r| r.severity == RuleSeverity::Incomplete);
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
        if explain.is_some() {
            machine.start_trace();
        }
        let value = machine.eval(&global.expr)?;
        let trace = machine.take_trace();
        if let (Some(explanation), Some(source)) = (explanation.as_mut(), explain) {
            explanation
                .outputs
                .push(block(global.name.clone(), &trace, source, program));
        }
        let value = if status == Status::Eligible {
            value
        } else {
            zero_like(&global.ty, value)
        };
        outputs.push(OutputValue::new(
            &global.name,
            global.label.as_deref(),
            value,
            &global.ty,
            program,
        ));
    }
    if status != Status::Eligible {
        for group in &mut groups {
            for item in &mut group.items {
                for output in &mut item.outputs {
                    output.zero_if_amount();
                }
            }
        }
    } else {
        for group in &mut groups {
            for item in group.items.iter_mut().filter(|item| !item.eligible) {
                for output in &mut item.outputs {
                    output.zero_if_amount();
                }
            }
        }
    }

    Ok(Decision {
        status,
        rulebook: Default::default(),
        outputs,
        groups,
        reasons,
        explanation,
    })
}

/// The value an output takes when the application is not eligible.
fn zero_like(ty: &Type, value: Value) -> Value {
    match ty {
        Type::Money | Type::Integer | Type::Decimal | Type::Rate | Type::Bool => zero(ty),
        _ => value,
    }
}

/// One explanation block: each sub-expression as written, with its value.
fn block(
    title: String,
    trace: &[TraceEvent],
    source: &SourceMap,
    program: &Program,
) -> crate::decision::ExplanationBlock {
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
    crate::decision::ExplanationBlock { title, lines }
}
