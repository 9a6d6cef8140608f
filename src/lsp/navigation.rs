//! Go to definition, find references and rename, across the rulebooks of
//! the rules directory: along `extends`, and across layers (a national name
//! used or overridden in a Caf's files).

use super::analysis::Analysis;
use super::position::LineIndex;
use super::server::View;
use crate::diagnostic::Span;
use crate::msg;
use crate::program::Symbol;
use crate::rulebook;
use crate::syntax::ast::{Declaration, DropKind};
use std::collections::{BTreeMap, HashMap};
use tower_lsp_server::ls_types::{
    GotoDefinitionResponse, Location, Position, PrepareRenameResponse, Range, TextEdit, Uri, WorkspaceEdit,
};

/// A span of an analysis as a protocol location (whichever file it is in).
pub fn location(analysis: &Analysis, span: Span) -> Option<Location> {
    analysis.location(span)
}

/// Where the name under the cursor is declared.
/// On the name of an `override` (which is its own definition once merged),
/// the declaration it replaces: the first one, in the files under the
/// document (a national parameter a Caf overrides).
pub fn definition(view: &View, position: Position) -> Option<GotoDefinitionResponse> {
    let offset = view.document.lines.offset(&view.document.text, position);
    let (at, symbol) = view.analysis.symbol_at(offset)?;
    let (name, _) = view.analysis.definition(&symbol)?;
    let name = if name == at {
        overridden(view.analysis, &symbol).unwrap_or(name)
    } else {
        name
    };
    location(view.analysis, name).map(GotoDefinitionResponse::Scalar)
}

/// Where a value, function, rule or type is first declared (not overridden)
/// in the files under the document, if it is.
fn overridden(analysis: &Analysis, symbol: &Symbol) -> Option<Span> {
    let wanted = match symbol {
        Symbol::Global(n) | Symbol::Def(n) | Symbol::Rule(n) | Symbol::Type(n) => n,
        _ => return None,
    };
    let sources = &analysis.compiled.sources;
    sources
        .ids()
        .take_while(|file| *file != analysis.file())
        .find_map(|file| {
            let (module, _) = crate::syntax::parse_at(file, sources.text(file), sources.base(file));
            module.declarations.iter().find_map(|declaration| {
                let name = match declaration {
                    Declaration::Param(d) | Declaration::Let(d) => &d.name,
                    Declaration::Def(d) => &d.name,
                    Declaration::Rule(d) => &d.name,
                    Declaration::Output(d) => &d.name,
                    Declaration::Assert(d) => &d.name,
                    Declaration::Enum(d) => &d.name,
                    Declaration::Record(d) => &d.name,
                    _ => return None,
                };
                (&name.name == wanted).then_some(name.span)
            })
        })
}

/// The analyses of the rulebooks of the rules directory (of every layer,
/// each loaded with the layers under it) whose own file writes one of
/// `names` (all of them when `names` is empty); none for a document that
/// is not a file. A rulebook whose file writes none of the names adds no
/// occurrence of its own: those of the files under it are found through
/// their own rulebooks, which are loaded. With 101 Cafs, a request checks
/// the few rulebooks that matter instead of every one.
fn rulebook_analyses(view: &View, names: &[&str]) -> Vec<Analysis> {
    let mut analyses = Vec::new();
    if view.analysis.path.is_none() {
        return analyses;
    }
    if let Ok(all) = rulebook::all_rulebooks(&view.analysis.source) {
        for found in all {
            if !names.is_empty() && !names.iter().any(|name| found.text.contains(name)) {
                continue;
            }
            if let Ok(analysis) = Analysis::load(&view.analysis.source, found) {
                analyses.push(analysis);
            }
        }
    }
    analyses
}

/// Every place a symbol is written, in every rulebook, by file and span.
fn all_occurrences(
    view: &View,
    analyses: &[Analysis],
    symbol: &Symbol,
    include_declaration: bool,
) -> BTreeMap<String, Vec<(Location, Span, String)>> {
    let mut found: BTreeMap<String, Vec<(Location, Span, String)>> = BTreeMap::new();
    let mut spans: Vec<(&Analysis, Span)> = Vec::new();
    // A name declared only in a Caf's own layer is that Caf's: another Caf's
    // parameter of the same name is another parameter. A name a layer of
    // one file's chain declares (the national layer, or a folder of one
    // layer) is every rulebook's.
    let top = |analysis: &Analysis| analysis.compiled.layers.last().map(|l| l.layer.clone());
    let declared_below = analyses.iter().any(|a| {
        a.compiled.layers.len() <= 1 && a.compiled.names.definitions.iter().any(|(s, _, _)| s == symbol)
    });
    let view_top = top(view.analysis);
    let builds_on_it = |analysis: &Analysis| {
        declared_below || analysis.compiled.layers.len() <= 1 || top(analysis) == view_top
    };
    for analysis in analyses
        .iter()
        .filter(|a| builds_on_it(a))
        .chain(std::iter::once(view.analysis))
    {
        let declarations: Vec<Span> = analysis
            .compiled
            .names
            .definitions
            .iter()
            .filter(|(s, _, _)| s == symbol)
            .map(|(_, span, _)| *span)
            .collect();
        for span in analysis.occurrences(symbol) {
            if include_declaration || !declarations.contains(&span) {
                spans.push((analysis, span));
            }
        }
    }
    for (analysis, span) in spans {
        let Some((file, local)) = analysis.compiled.sources.locate(span) else {
            continue;
        };
        let Some(location) = location(analysis, span) else {
            continue;
        };
        let text = analysis.compiled.sources.text(file);
        let written = local.slice(text).to_string();
        let key = location.uri.to_string();
        let entries = found.entry(key).or_default();
        if !entries.iter().any(|(l, _, _)| l.range == location.range) {
            entries.push((location, local, written));
        }
    }
    found
}

/// Every use of the name under the cursor, across the rulebooks.
pub fn references(view: &View, position: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let offset = view.document.lines.offset(&view.document.text, position);
    let (_, symbol) = view.analysis.symbol_at(offset)?;
    let analyses = rulebook_analyses(view, short_name(&symbol).as_slice());
    let locations: Vec<Location> = all_occurrences(view, &analyses, &symbol, include_declaration)
        .into_values()
        .flatten()
        .map(|(location, _, _)| location)
        .collect();
    Some(locations)
}

/// The name that a rename would change, if the cursor is on one that can be renamed.
pub fn prepare_rename(view: &View, position: Position) -> Option<PrepareRenameResponse> {
    let offset = view.document.lines.offset(&view.document.text, position);
    let (span, symbol) = view.analysis.symbol_at(offset)?;
    if symbol == Symbol::Input {
        return None;
    }
    let local = view.analysis.local(span)?;
    Some(PrepareRenameResponse::Range(
        view.document.lines.range(&view.document.text, local),
    ))
}

/// Whether the grammar reads `name` as a name (not a keyword, XID letters).
fn is_name(name: &str) -> bool {
    let probe = format!("let {name}: bool = true\n");
    let (module, diagnostics) = crate::syntax::parse(crate::diagnostic::FileId(0), &probe);
    diagnostics.is_empty()
        && matches!(module.declarations.first(), Some(Declaration::Let(decl)) if decl.name.name == name)
}

/// The last part of a symbol's name (what is written at each occurrence).
fn short_name(symbol: &Symbol) -> Option<&str> {
    Some(match symbol {
        Symbol::Global(n) | Symbol::Def(n) | Symbol::Rule(n) | Symbol::Type(n) => n,
        Symbol::Field(_, n) | Symbol::Variant(_, n) | Symbol::ItemOutput(_, n) => n,
        Symbol::Input => return None,
    })
}

/// Renames a parameter, value, function, rule, type, field or value of an
/// enumeration everywhere it is written, in every rulebook that uses it.
pub fn rename(view: &View, position: Position, new_name: &str) -> Result<Option<WorkspaceEdit>, String> {
    if !is_name(new_name) {
        return Err(msg!("rename-not-a-name", name = new_name).render(view.lang));
    }
    let offset = view.document.lines.offset(&view.document.text, position);
    let Some((_, symbol)) = view.analysis.symbol_at(offset) else {
        return Ok(None);
    };
    let Some(old) = short_name(&symbol) else {
        return Err(msg!("rename-application").render(view.lang));
    };
    // A clash in any rulebook: renaming a national name must not merge it
    // with a name a Caf declares.
    let analyses = rulebook_analyses(view, &[old, new_name]);
    let definitions = || {
        std::iter::once(view.analysis)
            .chain(analyses.iter())
            .flat_map(|analysis| analysis.compiled.names.definitions.iter())
    };
    let clash = definitions().any(|(other, _, _)| {
        short_name(other) == Some(new_name)
            && std::mem::discriminant(other) == std::mem::discriminant(&symbol)
            && match (other, &symbol) {
                (Symbol::Field(a, _), Symbol::Field(b, _))
                | (Symbol::Variant(a, _), Symbol::Variant(b, _)) => a == b,
                _ => true,
            }
    });
    let value_clash = matches!(symbol, Symbol::Global(_) | Symbol::Def(_))
        && definitions().any(|(other, _, _)| {
            matches!(other, Symbol::Global(_) | Symbol::Def(_)) && short_name(other) == Some(new_name)
        });
    if clash || value_clash {
        return Err(msg!("rename-clash", name = new_name).render(view.lang));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (_, entries) in all_occurrences(view, &analyses, &symbol, true) {
        for (location, _, written) in entries {
            // A name quoted in a message is only edited where it is exactly there.
            if written == old {
                changes
                    .entry(location.uri.clone())
                    .or_default()
                    .push(TextEdit::new(location.range, new_name.to_string()));
            }
        }
    }
    // `drop rule x`, `drop field R.x`, `extend record R` are merged away before
    // checking: find them in the files themselves.
    for (uri, edits) in drops_and_extensions(view, &symbol, new_name) {
        let list = changes.entry(uri).or_default();
        for edit in edits {
            if !list.iter().any(|e| e.range == edit.range) {
                list.push(edit);
            }
        }
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}

fn drops_and_extensions(view: &View, symbol: &Symbol, new_name: &str) -> Vec<(Uri, Vec<TextEdit>)> {
    let Ok(all) = rulebook::all_rulebooks(&view.analysis.source) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for found in all {
        let (module, _) = crate::syntax::parse(crate::diagnostic::FileId(0), &found.text);
        let lines = LineIndex::new(&found.text);
        let mut edits = Vec::new();
        let mut edit = |span: Span| {
            edits.push(TextEdit::new(
                lines.range(&found.text, span),
                new_name.to_string(),
            ))
        };
        for declaration in &module.declarations {
            match (declaration, symbol) {
                (Declaration::Drop(drop), Symbol::Field(record, field)) if drop.kind == DropKind::Field => {
                    if &drop.name.name == record
                        && let Some(f) = drop.field.as_ref().filter(|f| &f.name == field)
                    {
                        edit(f.span);
                    }
                }
                (Declaration::Drop(drop), Symbol::Rule(name))
                    if matches!(drop.kind, DropKind::Rule | DropKind::Assert) && &drop.name.name == name =>
                {
                    edit(drop.name.span);
                }
                (Declaration::Drop(drop), Symbol::Global(name) | Symbol::Def(name))
                    if !matches!(drop.kind, DropKind::Rule | DropKind::Assert | DropKind::Field)
                        && &drop.name.name == name =>
                {
                    edit(drop.name.span);
                }
                (Declaration::Drop(drop), Symbol::Type(name))
                    if drop.kind == DropKind::Field && &drop.name.name == name =>
                {
                    edit(drop.name.span);
                }
                (Declaration::Extend(extension), Symbol::Type(name)) if &extension.name.name == name => {
                    edit(extension.name.span);
                }
                _ => {}
            }
        }
        if let (false, Some(uri)) = (edits.is_empty(), Uri::from_file_path(&found.name)) {
            out.push((uri, edits));
        }
    }
    out
}

/// The protocol range of a span of the document (for features that edit it).
pub fn range_in(view: &View, span: Span) -> Option<Range> {
    let local = view.analysis.local(span)?;
    Some(view.document.lines.range(&view.document.text, local))
}
