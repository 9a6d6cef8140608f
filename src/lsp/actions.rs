//! Code actions: apply a "did you mean", add the missing `source` of a
//! parameter or a rule, and override for this year a parameter inherited
//! from the rulebook this one extends.

use super::navigation::range_in;
use super::server::View;
use crate::msg;
use crate::program::{GlobalKind, Symbol, TypeName};
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Position, Range,
    TextEdit, WorkspaceEdit,
};

fn edit_action(
    view: &View,
    title: String,
    edits: Vec<TextEdit>,
    diagnostic: Option<tower_lsp_server::ls_types::Diagnostic>,
) -> CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(view.uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// The actions available at a range, for the diagnostics the editor sends.
pub fn code_actions(view: &View, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let mut actions = Vec::new();
    for diagnostic in &params.context.diagnostics {
        let data = diagnostic.data.as_ref();
        let flag =
            |key: &str| data.and_then(|d| d.get(key)).and_then(serde_json::Value::as_bool) == Some(true);
        // "did you mean `taux_ps`?": replace the unknown name.
        if let Some(suggestion) = data
            .and_then(|d| d.get("suggestion"))
            .and_then(serde_json::Value::as_str)
        {
            actions.push(edit_action(
                view,
                msg!("lsp-action-replace", name = suggestion).render(view.lang),
                vec![TextEdit::new(diagnostic.range, suggestion.to_string())],
                Some(diagnostic.clone()),
            ));
        }
        // A parameter or a rule that does not cite the note: add a `source`
        // clause after the declaration.
        if flag("add_source")
            && let Some(end) = declaration_end(view, diagnostic.range)
        {
            actions.push(edit_action(
                view,
                msg!("lsp-action-add-source").render(view.lang),
                vec![TextEdit::new(Range::new(end, end), "\n  source \"§\"".into())],
                Some(diagnostic.clone()),
            ));
        }
        // A declaration indented under the one above: start it at column 0.
        if flag("outdent") && diagnostic.range.start.character > 0 {
            let line = diagnostic.range.start.line;
            let indent = Range::new(
                Position::new(line, 0),
                Position::new(line, diagnostic.range.start.character),
            );
            actions.push(edit_action(
                view,
                msg!("lsp-action-outdent").render(view.lang),
                vec![TextEdit::new(indent, String::new())],
                Some(diagnostic.clone()),
            ));
        }
    }
    if let Some(action) = override_inherited(view, params.range.start) {
        actions.push(action);
    }
    Some(actions)
}

/// Where the declaration whose name is at `range` ends.
fn declaration_end(view: &View, range: Range) -> Option<Position> {
    let text = &view.document.text;
    let offset = view.document.lines.offset(text, range.start);
    let at = view.analysis.global(offset);
    let (_, _, declaration) = view
        .analysis
        .compiled
        .names
        .definitions
        .iter()
        .find(|(_, name, _)| name.start <= at && at <= name.end)?;
    let local = view.analysis.local(*declaration)?;
    Some(view.document.lines.position(text, local.end))
}

/// "Override for this year": on a parameter this rulebook inherits, add an
/// `override` with last year's value, to be edited.
fn override_inherited(view: &View, position: Position) -> Option<CodeActionOrCommand> {
    let text = &view.document.text;
    let offset = view.document.lines.offset(text, position);
    let (_, symbol) = view.analysis.symbol_at(offset)?;
    let Symbol::Global(name) = &symbol else {
        return None;
    };
    let (definition, _) = view.analysis.definition(&symbol)?;
    if view.analysis.local(definition).is_some() {
        return None; // declared here already
    }
    let program = view.program()?;
    let global = program
        .globals
        .iter()
        .find(|g| &g.name == name && g.kind == GlobalKind::Param)?;
    let value = view
        .analysis
        .compiled
        .sources
        .slice(global.expr.span)
        .trim()
        .to_string();
    let source = global.source.clone().unwrap_or_else(|| "§".into());
    let end = view.document.lines.position(text, text.len());
    let separator = if text.ends_with('\n') { "\n" } else { "\n\n" };
    let insertion = format!(
        "{separator}override param {name}: {} = {value}\n  source \"{}\"\n",
        TypeName(&global.ty, program),
        source.replace('"', "\\\"")
    );
    let _ = range_in;
    Some(edit_action(
        view,
        msg!("lsp-action-override", name = name, value = value).render(view.lang),
        vec![TextEdit::new(Range::new(end, end), insertion)],
        None,
    ))
}
