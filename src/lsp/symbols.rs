//! The outline of a rulebook, the symbols of every rulebook of the rules
//! directory, and folding of multi-line declarations.

use super::analysis::Analysis;
use super::navigation::location;
use super::server::View;
use crate::diagnostic::Span;
use crate::program::{GlobalKind, Program, Symbol};
use crate::rulebook::{self, RulesSource};
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, FoldingRange, FoldingRangeKind, OneOf, SymbolKind,
    WorkspaceSymbol, WorkspaceSymbolResponse,
};

fn kind(program: Option<&Program>, symbol: &Symbol) -> SymbolKind {
    match symbol {
        Symbol::Global(name) => match program
            .and_then(|p| p.globals.iter().find(|g| &g.name == name))
            .map(|g| g.kind)
        {
            Some(GlobalKind::Param) => SymbolKind::CONSTANT,
            Some(GlobalKind::Output) => SymbolKind::PROPERTY,
            _ => SymbolKind::VARIABLE,
        },
        Symbol::Def(_) => SymbolKind::FUNCTION,
        Symbol::Rule(_) => SymbolKind::EVENT,
        Symbol::Type(name) => {
            if program.is_some_and(|p| p.enums.iter().any(|e| &e.name == name)) {
                SymbolKind::ENUM
            } else {
                SymbolKind::STRUCT
            }
        }
        Symbol::Input => SymbolKind::STRUCT,
        Symbol::Field(..) | Symbol::ItemOutput(..) => SymbolKind::FIELD,
        Symbol::Variant(..) => SymbolKind::ENUM_MEMBER,
    }
}

fn label(symbol: &Symbol, program: Option<&Program>) -> String {
    match symbol {
        Symbol::Global(n) | Symbol::Def(n) | Symbol::Rule(n) | Symbol::Type(n) => n.clone(),
        Symbol::Input => program
            .map(|p| p.input_name.clone())
            .unwrap_or_else(|| "demande".into()),
        Symbol::Field(_, n) | Symbol::Variant(_, n) | Symbol::ItemOutput(_, n) => n.clone(),
    }
}

fn is_member(symbol: &Symbol) -> bool {
    matches!(symbol, Symbol::Field(..) | Symbol::Variant(..))
}

/// The outline of the document: its declarations, with fields and values
/// inside their types.
pub fn document_symbols(view: &View) -> Option<DocumentSymbolResponse> {
    let analysis = view.analysis;
    let program = view.program();
    let lines = &view.document.lines;
    let text = &view.document.text;
    let mine: Vec<(&Symbol, Span, Span)> = analysis
        .compiled
        .names
        .definitions
        .iter()
        .filter_map(|(symbol, name, declaration)| {
            Some((symbol, analysis.local(*name)?, analysis.local(*declaration)?))
        })
        .collect();
    #[allow(deprecated)] // `deprecated` is a required field of the protocol's type.
    let make = |symbol: &Symbol, name: Span, declaration: Span, children: Option<Vec<DocumentSymbol>>| {
        DocumentSymbol {
            name: label(symbol, program),
            detail: None,
            kind: kind(program, symbol),
            tags: None,
            deprecated: None,
            range: lines.range(text, declaration.to(name)),
            selection_range: lines.range(text, name),
            children,
        }
    };
    let mut out = Vec::new();
    for (symbol, name, declaration) in mine.iter().filter(|(s, _, _)| !is_member(s)) {
        let children: Vec<DocumentSymbol> = mine
            .iter()
            .filter(|(s, _, d)| is_member(s) && *d == *declaration)
            .map(|(s, n, _)| make(s, *n, *n, None))
            .collect();
        out.push(make(
            symbol,
            *name,
            *declaration,
            (!children.is_empty()).then_some(children),
        ));
    }
    Some(DocumentSymbolResponse::Nested(out))
}

/// The declarations of every rulebook, each in the file that declares it.
pub fn workspace_symbols(sources: &[RulesSource], query: &str) -> WorkspaceSymbolResponse {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for source in sources {
        let Ok(all) = rulebook::all_rulebooks(source) else {
            continue;
        };
        for found in all {
            let Ok(analysis) = Analysis::load(source, found) else {
                continue;
            };
            let program = analysis.compiled.program.as_ref();
            for (symbol, name, _) in &analysis.compiled.names.definitions {
                // Each declaration once: in the file that writes it.
                if analysis.local(*name).is_none() {
                    continue;
                }
                let label = label(symbol, program);
                if !query.is_empty() && !label.to_lowercase().contains(&query) {
                    continue;
                }
                let Some(location) = location(&analysis, *name) else {
                    continue;
                };
                let year = program.map(|p| p.header.year.clone());
                out.push(WorkspaceSymbol {
                    name: label,
                    kind: kind(program, symbol),
                    tags: None,
                    container_name: year,
                    location: OneOf::Left(location),
                    data: None,
                });
            }
        }
    }
    WorkspaceSymbolResponse::Nested(out)
}

/// Declarations that span several lines, and runs of comment lines.
pub fn folding(view: &View) -> Option<Vec<FoldingRange>> {
    let analysis = view.analysis;
    let text = &view.document.text;
    let lines = &view.document.lines;
    let mut ranges: Vec<FoldingRange> = Vec::new();
    let mut seen = Vec::new();
    // `extend record …` is merged away before checking: find it in the text.
    let (module, _) = crate::syntax::parse(crate::diagnostic::FileId(0), text);
    let extensions = module.declarations.iter().filter_map(|d| match d {
        crate::syntax::ast::Declaration::Extend(extension) => Some(extension.span),
        _ => None,
    });
    let declarations: Vec<Span> = analysis
        .compiled
        .names
        .definitions
        .iter()
        .filter_map(|(_, _, declaration)| analysis.local(*declaration))
        .chain(extensions)
        .collect();
    for local in declarations {
        if seen.contains(&local) {
            continue;
        }
        seen.push(local);
        let range = lines.range(text, local);
        if range.end.line > range.start.line {
            ranges.push(FoldingRange {
                start_line: range.start.line,
                end_line: range.end.line,
                kind: Some(FoldingRangeKind::Region),
                ..FoldingRange::default()
            });
        }
    }
    let mut comment_start: Option<u32> = None;
    let count = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
    for (number, line) in text
        .lines()
        .enumerate()
        .map(|(n, l)| (u32::try_from(n).unwrap_or(u32::MAX), l))
    {
        let is_comment = line.trim_start().starts_with('#');
        match (is_comment, comment_start) {
            (true, None) => comment_start = Some(number),
            (false, Some(start)) => {
                if number > start + 1 {
                    ranges.push(FoldingRange {
                        start_line: start,
                        end_line: number - 1,
                        kind: Some(FoldingRangeKind::Comment),
                        ..FoldingRange::default()
                    });
                }
                comment_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = comment_start.filter(|s| count > s + 1) {
        ranges.push(FoldingRange {
            start_line: start,
            end_line: count - 1,
            kind: Some(FoldingRangeKind::Comment),
            ..FoldingRange::default()
        });
    }
    Some(ranges)
}
