//! Inlay hints: the value of each derived value and output that does not
//! depend on the application, beside its declaration (the 2 563 € maximum).

use super::server::View;
use crate::decision::render_in_sentence;
use crate::program::{GlobalKind, Symbol};
use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, Range};

/// The hints of the document within `range`.
pub fn inlay_hints(view: &View, range: Range) -> Option<Vec<InlayHint>> {
    let analysis = view.analysis;
    let program = analysis.compiled.program.as_ref()?;
    let text = &view.document.text;
    let mut hints = Vec::new();
    for (symbol, _, declaration) in &analysis.compiled.names.definitions {
        let Symbol::Global(name) = symbol else { continue };
        let Some(global) = program.globals.iter().find(|g| &g.name == name) else {
            continue;
        };
        if global.kind == GlobalKind::Param {
            continue; // its value is written right there
        }
        let (Some(value), Some(local)) = (&global.constant, analysis.local(*declaration)) else {
            continue;
        };
        // At the end of the declaration's first line.
        let line_end = text
            .get(local.start..)
            .and_then(|t| t.find('\n'))
            .map(|n| local.start + n)
            .unwrap_or(text.len());
        let position = view.document.lines.position(text, line_end.min(local.end));
        if position.line < range.start.line || position.line > range.end.line {
            continue;
        }
        hints.push(InlayHint {
            position,
            label: InlayHintLabel::String(format!(" = {}", render_in_sentence(value, &global.ty, program))),
            kind: Some(InlayHintKind::TYPE),
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    Some(hints)
}
