//! Dependencies between declarations: cycles are refused (evaluation must
//! end), parameters must not read the application, and everything that does
//! not depend on an application is computed once, when the rulebook loads.

use super::Checker;
use crate::diagnostic::{Diagnostic, Span};
use crate::eval::Machine;
use crate::i18n::{Arg, Message, codes};
use crate::msg;
use crate::program::*;

use crate::program::Reference as Node;

/// How deep evaluating a declaration may recurse: its expression's depth plus
/// that of the declarations it uses, along the longest chain of uses. Far
/// more than any rulebook needs (the real ones stay under 15), little
/// enough for the evaluator on an ordinary thread's 2 MiB stack, even in a
/// debug build.
const MAX_EVALUATION_DEPTH: usize = 200;

/// What the checker needs from the dependency analysis.
pub(super) struct Graph {
    /// Globals that do not depend on the application, dependencies first.
    pub constant_order: Vec<GlobalId>,
    /// For each global, whether it reads the application.
    pub depends_on_input: Vec<bool>,
}

struct Analysis<'p> {
    program: &'p Program,
    edges: Vec<Vec<usize>>,
    direct_input: Vec<bool>,
    globals: usize,
    defs: usize,
}

impl Analysis<'_> {
    fn index(&self, node: Node) -> usize {
        match node {
            Node::Global(id) => id,
            Node::Def(id) => self.globals + id,
            Node::List(id) => self.globals + self.defs + id,
        }
    }

    fn describe(&self, index: usize) -> (Message, Span) {
        if let Some(global) = self.program.globals.get(index) {
            return (
                msg!("syntax-token", token = global.name.as_str()),
                global.name_span,
            );
        }
        if let Some(def) = self.program.defs.get(index.wrapping_sub(self.globals)) {
            return (msg!("syntax-token", token = def.name.as_str()), def.name_span);
        }
        let list = index.wrapping_sub(self.globals + self.defs);
        let item_list = self.program.item_lists.get(list);
        let span = item_list
            .and_then(|l| l.refusals.first())
            .and_then(|r| self.program.rules.get(*r))
            .map(|r| r.name_span)
            .unwrap_or_default();
        (
            msg!(
                "check-items-kept-in",
                list = item_list.map(|l| l.path_text.as_str()).unwrap_or("?")
            ),
            span,
        )
    }
}

/// Builds the dependency graph, reports cycles and parameters that read the
/// application; `None` when there is a cycle.
pub(super) fn analyse(checker: &mut Checker, program: &Program) -> Option<Graph> {
    let globals = program.globals.len();
    let defs = program.defs.len();
    let total = globals + defs + program.item_lists.len();
    let mut analysis = Analysis {
        program,
        edges: vec![Vec::new(); total],
        direct_input: vec![false; total],
        globals,
        defs,
    };
    let add = |analysis: &mut Analysis, from: usize, refs: crate::program::References| {
        let targets: Vec<usize> = refs.declarations.iter().map(|n| analysis.index(*n)).collect();
        if let Some(edges) = analysis.edges.get_mut(from) {
            edges.extend(targets);
        }
        if let Some(flag) = analysis.direct_input.get_mut(from) {
            *flag |= refs.input;
        }
    };
    for (id, global) in program.globals.iter().enumerate() {
        add(&mut analysis, id, global.expr.references());
    }
    for (id, def) in program.defs.iter().enumerate() {
        add(&mut analysis, globals + id, def.body.references());
    }
    for (id, list) in program.item_lists.iter().enumerate() {
        let index = globals + defs + id;
        if let Some(flag) = analysis.direct_input.get_mut(index) {
            *flag = true;
        }
        for rule in list.refusals.iter().filter_map(|r| program.rules.get(*r)) {
            add(&mut analysis, index, rule.condition.references());
        }
    }

    // Depth-first search; a node met again while still open closes a cycle.
    let mut state = vec![0u8; total]; // 0 new, 1 open, 2 done
    let mut order = Vec::with_capacity(total);
    let mut path: Vec<usize> = Vec::new();
    for start in 0..total {
        if state.get(start).copied() != Some(0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        path.push(start);
        while let Some((node, next)) = stack.last().copied() {
            let target = analysis.edges.get(node).and_then(|e| e.get(next)).copied();
            match target {
                Some(target) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match state.get(target).copied() {
                        Some(0) => {
                            if let Some(s) = state.get_mut(target) {
                                *s = 1;
                            }
                            stack.push((target, 0));
                            path.push(target);
                        }
                        Some(1) => {
                            report_cycle(checker, &analysis, &path, target);
                            return None;
                        }
                        _ => {}
                    }
                }
                None => {
                    stack.pop();
                    path.pop();
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    order.push(node);
                }
            }
        }
    }

    // In dependency order, a node depends on the application when it reads it
    // or depends on something that does.
    let mut depends = analysis.direct_input.clone();
    for node in &order {
        let reads = analysis
            .edges
            .get(*node)
            .is_some_and(|edges| edges.iter().any(|t| depends.get(*t).copied().unwrap_or(false)));
        if let Some(flag) = depends.get_mut(*node) {
            *flag |= reads;
        }
    }
    // Evaluating a declaration evaluates those it uses as it meets them,
    // recursively: the recursion goes as deep as the expressions along the
    // longest chain of uses, which a file could make as long as it likes.
    let mut own = vec![1usize; total];
    for (id, global) in program.globals.iter().enumerate() {
        if let Some(depth) = own.get_mut(id) {
            *depth = global.expr.depth();
        }
    }
    for (id, def) in program.defs.iter().enumerate() {
        if let Some(depth) = own.get_mut(globals + id) {
            *depth = def.body.depth();
        }
    }
    for (id, list) in program.item_lists.iter().enumerate() {
        let deepest = list
            .refusals
            .iter()
            .filter_map(|r| program.rules.get(*r))
            .map(|rule| rule.condition.depth())
            .max()
            .unwrap_or(1);
        if let Some(depth) = own.get_mut(globals + defs + id) {
            *depth = deepest;
        }
    }
    let mut reach = vec![1usize; total];
    for node in &order {
        let longest = analysis
            .edges
            .get(*node)
            .and_then(|edges| edges.iter().filter_map(|t| reach.get(*t)).max().copied())
            .unwrap_or(0);
        let depth = longest + own.get(*node).copied().unwrap_or(1);
        if let Some(slot) = reach.get_mut(*node) {
            *slot = depth;
        }
        if depth > MAX_EVALUATION_DEPTH {
            let (name, span) = analysis.describe(*node);
            checker
                .report(
                    codes::EVALUATION_TOO_DEEP,
                    span,
                    msg!(
                        "check-evaluation-too-deep",
                        name = name,
                        limit = MAX_EVALUATION_DEPTH
                    ),
                    msg!("syntax-too-deep-label"),
                )
                .hint(msg!("check-evaluation-too-deep-hint"));
            return None;
        }
    }
    // A rule's condition is evaluated the same way, from the rule.
    for rule in &program.rules {
        let refs = rule.condition.references();
        let longest = refs
            .declarations
            .iter()
            .filter_map(|n| reach.get(analysis.index(*n)))
            .max()
            .copied()
            .unwrap_or(0);
        if longest + rule.condition.depth() > MAX_EVALUATION_DEPTH {
            checker
                .report(
                    codes::EVALUATION_TOO_DEEP,
                    rule.name_span,
                    msg!(
                        "check-rule-too-deep",
                        name = rule.name.as_str(),
                        limit = MAX_EVALUATION_DEPTH
                    ),
                    msg!("syntax-too-deep-label"),
                )
                .hint(msg!("check-evaluation-too-deep-hint"));
            return None;
        }
    }
    for (id, global) in program.globals.iter().enumerate() {
        if global.kind == GlobalKind::Param && depends.get(id).copied().unwrap_or(false) {
            checker
                .report(
                    codes::DEPENDS_ON_APPLICATION,
                    global.expr.span,
                    msg!("check-param-reads-application", name = global.name.as_str()),
                    msg!("check-reads-application"),
                )
                .hint(msg!("check-param-reads-application-hint"));
        }
    }
    let constant_order = order
        .iter()
        .copied()
        .filter(|n| *n < globals && !depends.get(*n).copied().unwrap_or(true))
        .collect();
    depends.truncate(globals);
    Some(Graph {
        constant_order,
        depends_on_input: depends,
    })
}

fn report_cycle(checker: &mut Checker, analysis: &Analysis, path: &[usize], target: usize) {
    let start = path.iter().position(|n| *n == target).unwrap_or(0);
    let cycle: Vec<usize> = path.get(start..).map(<[usize]>::to_vec).unwrap_or_default();
    let names: Vec<Message> = cycle
        .iter()
        .chain(cycle.first())
        .map(|n| analysis.describe(*n).0)
        .collect();
    let (_, span) = analysis.describe(target);
    let mut diagnostic = Diagnostic::new(
        codes::CYCLE,
        checker.file,
        span,
        msg!("check-cycle", chain = Arg::Chain(names)),
        msg!("check-cycle-label"),
    )
    .with_hint(msg!("check-cycle-hint"));
    for node in cycle.iter().skip(1) {
        let (name, other) = analysis.describe(*node);
        diagnostic = diagnostic.with_label(other, msg!("check-cycle-part", name = name));
    }
    checker.push(diagnostic);
}

/// Computes, once, the globals that do not depend on an application.
pub(super) fn compute_constants(
    checker: &mut Checker,
    program: &mut Program,
    order: &[GlobalId],
    depends: &[bool],
) {
    let _ = depends;
    // One machine for all of them (it keeps what it computed): a machine's
    // size is the rulebook's, so one per constant would cost its square.
    let results: Vec<_> = {
        let mut machine = Machine::new(program, None);
        order.iter().map(|id| (*id, machine.global(*id))).collect()
    };
    for (id, result) in results {
        match result {
            Ok(value) => {
                if let Some(global) = program.globals.get_mut(id) {
                    global.constant = Some(value);
                }
            }
            Err(error) => {
                let name = program
                    .globals
                    .get(id)
                    .map(|g| g.name.clone())
                    .unwrap_or_default();
                checker.report(
                    error.code,
                    error.span,
                    msg!("check-cannot-be-computed", name = name, why = error.message()),
                    msg!("check-fails-here"),
                );
            }
        }
    }
}

/// Checks an assertion: it must be about parameters only, and hold.
pub(super) fn check_assert(
    checker: &mut Checker,
    program: &Program,
    machine: &mut Machine,
    name: &str,
    condition: &Expr,
    message: Option<&str>,
    span: Span,
) {
    let refs = condition.references();
    let reads_input = refs.input
        || refs.declarations.iter().any(|n| match n {
            Node::Global(id) => program.globals.get(*id).is_some_and(|g| g.constant.is_none()),
            Node::List(_) => true,
            Node::Def(_) => false,
        });
    if reads_input {
        checker
            .report(
                codes::DEPENDS_ON_APPLICATION,
                condition.span,
                msg!("check-assert-reads-application", name = name),
                msg!("check-reads-application"),
            )
            .hint(msg!("check-assert-reads-application-hint"));
        return;
    }
    machine.start_trace();
    match machine.eval(condition) {
        Ok(value) if value.as_bool() => {}
        Ok(_) => {
            let values: Vec<Message> = machine
                .take_trace()
                .iter()
                .filter_map(|event| {
                    let global_name = event.name.as_ref()?;
                    let ty = program
                        .globals
                        .iter()
                        .find(|g| &g.name == global_name)
                        .map(|g| g.ty.clone());
                    Some(msg!(
                        "check-assert-value",
                        name = global_name.as_str(),
                        value = crate::decision::render_value(&event.value, ty.as_ref(), Some(program))
                    ))
                })
                .collect();
            // The assertion's own message is the rulebook's words, shown as written.
            let label = match message {
                Some(text) => msg!("check-assert-message", text = text),
                None => msg!("check-assert-fails-label"),
            };
            let pushed = checker.report(
                codes::ASSERTION_FAILS,
                span,
                msg!("check-assert-fails", name = name),
                label,
            );
            if !values.is_empty() {
                pushed.hint(msg!("check-assert-values", values = Arg::AllOf(values)));
            }
        }
        Err(error) => {
            checker.report(
                error.code,
                error.span,
                msg!(
                    "check-assert-cannot-be-computed",
                    name = name,
                    why = error.message()
                ),
                msg!("check-fails-here"),
            );
        }
    }
}
