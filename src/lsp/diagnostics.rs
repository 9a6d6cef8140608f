//! The one adapter from the project's diagnostics to the protocol's: the
//! same values the CLI renders with codespan-reporting. A diagnostic in a
//! rulebook under the document (one it extends, or one of the layer it is
//! written over) is shown in that file, and summed up at the document's
//! header.

use super::analysis::{Analysis, Document};
use super::position::LineIndex;
use crate::diagnostic::{Diagnostic, FileId, Severity, Span};
use crate::i18n::{Code, Lang, codes};
use crate::msg;
use crate::rulebook;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Uri,
};

/// The source name shown beside each diagnostic.
const SOURCE: &str = "clas-rules";

/// The address of a code's explanation; the VS Code extension opens it
/// (`clas-rules explain CODE` in its language) in a tab.
pub fn explanation_uri(code: Code) -> Option<Uri> {
    format!("clas-rules-explain:{}", code.id()).parse().ok()
}

/// The protocol diagnostics of a document, in `lang`: its own, one at its
/// header for each file under it that has errors (a file of its own layer
/// it extends, or a file of the layer it is written over), and why the
/// rulebooks under it could not be loaded, if so.
pub fn of_document(analysis: &Analysis, document: &Document, lang: Lang) -> Vec<lsp::Diagnostic> {
    let mut out = Vec::new();
    // The errors of each file under the document, in the order of the chain.
    let mut inherited: Vec<(FileId, Vec<&Diagnostic>)> = Vec::new();
    let sources = &analysis.compiled.sources;
    for diagnostic in &analysis.compiled.diagnostics {
        if analysis.local(diagnostic.span()).is_some() {
            out.push(convert(diagnostic, analysis, document, lang));
            continue;
        }
        let Some((file, _)) = sources.locate(diagnostic.span()) else {
            continue;
        };
        if !diagnostic.is_error() {
            continue;
        }
        match inherited.iter_mut().find(|(f, _)| *f == file) {
            Some((_, list)) => list.push(diagnostic),
            None => inherited.push((file, vec![diagnostic])),
        }
    }
    if let Some(error) = &analysis.load_error {
        let key = match error {
            rulebook::LoadError::Over(..) | rulebook::LoadError::NoYearInLayer(..) => "over",
            _ => "extends",
        };
        out.push(plain(
            document,
            header_span(&document.text, key),
            error.code(),
            error.message().render(lang),
        ));
    }
    for (file, errors) in inherited {
        let Some(first) = errors.first() else { continue };
        let label = analysis.file_label(file);
        let other_layer = analysis.layer_of(file) != analysis.layer();
        let (message, key) = match analysis.layer_of(file) {
            Some(layer) if other_layer => (
                msg!(
                    "lsp-layer-errors",
                    count = errors.len(),
                    file = label,
                    layer = super::analysis::layer_words(layer),
                    first = first.message.clone()
                ),
                "over",
            ),
            _ => (
                msg!(
                    "lsp-inherited-errors",
                    count = errors.len(),
                    file = label,
                    first = first.message.clone()
                ),
                "extends",
            ),
        };
        let mut diagnostic = plain(
            document,
            header_span(&document.text, key),
            first.code,
            message.render(lang),
        );
        let related: Vec<DiagnosticRelatedInformation> = errors
            .iter()
            .take(MAX_RELATED)
            .filter_map(|error| {
                Some(DiagnosticRelatedInformation {
                    location: analysis.location(error.span())?,
                    message: error.message.render(lang),
                })
            })
            .collect();
        diagnostic.related_information = (!related.is_empty()).then_some(related);
        out.push(diagnostic);
    }
    out
}

/// How many errors of a file under the document its header diagnostic lists.
const MAX_RELATED: usize = 20;

/// The diagnostics of the analysis that are in other files than the
/// document's (the files under it), each converted in its own file, by the
/// address of that file: the editor shows them there, opened or not.
pub fn elsewhere(analysis: &Analysis, lang: Lang) -> Vec<(Uri, lsp::Diagnostic)> {
    let sources = &analysis.compiled.sources;
    let mut out = Vec::new();
    let mut lines: Vec<(FileId, LineIndex)> = Vec::new();
    for diagnostic in &analysis.compiled.diagnostics {
        let Some((file, local)) = sources.locate(diagnostic.span()) else {
            continue;
        };
        if file == analysis.file() {
            continue;
        }
        let Some(uri) = Uri::from_file_path(sources.name(file)) else {
            continue;
        };
        let text = sources.text(file);
        let index = match lines.iter().position(|(f, _)| *f == file) {
            Some(at) => at,
            None => {
                lines.push((file, LineIndex::new(text)));
                lines.len() - 1
            }
        };
        let Some((_, line_index)) = lines.get(index) else {
            continue;
        };
        let range = line_index.range(text, local);
        out.push((uri, converted(diagnostic, analysis, range, lang)));
    }
    out
}

/// Where the header says `key "…"` (`extends`, `over`), else where it says
/// `extends`, else the start of the file.
fn header_span(text: &str, key: &str) -> Span {
    let header = crate::syntax::parser::parse_header(text);
    let find = |wanted: &str| {
        header.as_ref().and_then(|header| {
            header
                .fields
                .iter()
                .find(|(k, _)| k.name == wanted)
                .map(|(_, value)| value.span)
        })
    };
    find(key).or_else(|| find("extends")).unwrap_or_default()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

fn plain(document: &Document, span: Span, code: Code, message: String) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: document.lines.range(&document.text, span),
        severity: Some(severity(code.severity())),
        code: Some(NumberOrString::String(code.id().into())),
        code_description: explanation_uri(code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        ..lsp::Diagnostic::default()
    }
}

/// The secondary labels, wherever they are (this file or one under it).
fn related(diagnostic: &Diagnostic, analysis: &Analysis, lang: Lang) -> Vec<DiagnosticRelatedInformation> {
    let primary_file = analysis
        .compiled
        .sources
        .locate(diagnostic.span())
        .map(|(file, _)| file);
    diagnostic
        .labels
        .iter()
        .filter(|label| {
            // The primary label is in the message already, when it is where
            // the diagnostic is shown.
            !label.primary
                || analysis.compiled.sources.locate(label.span).map(|(file, _)| file) != primary_file
        })
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: analysis.location(label.span)?,
                message: label.message.render(lang),
            })
        })
        .collect()
}

/// One diagnostic of the document, converted.
pub fn convert(
    diagnostic: &Diagnostic,
    analysis: &Analysis,
    document: &Document,
    lang: Lang,
) -> lsp::Diagnostic {
    let span = analysis.local(diagnostic.span()).unwrap_or_default();
    let range = document.lines.range(&document.text, span);
    converted(diagnostic, analysis, range, lang)
}

/// One diagnostic, converted, at a range of its file.
fn converted(diagnostic: &Diagnostic, analysis: &Analysis, range: lsp::Range, lang: Lang) -> lsp::Diagnostic {
    let primary_label = diagnostic
        .primary_label()
        .map(|l| l.render(lang))
        .unwrap_or_default();
    let mut message = diagnostic.message.render(lang);
    if !primary_label.is_empty() {
        message.push_str(&format!(" ({primary_label})"));
    }
    if let Some(hint) = &diagnostic.hint {
        message.push('\n');
        message.push_str(&msg!("diagnostic-hint", hint = hint.clone()).render(lang));
    }
    let related = related(diagnostic, analysis, lang);
    lsp::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.id().into())),
        code_description: explanation_uri(diagnostic.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: fix_data(diagnostic),
        ..lsp::Diagnostic::default()
    }
}

/// What a quick fix needs to know, sent with the diagnostic and given back
/// by the editor with a code action request: the name a "did you mean"
/// suggests, or that the declaration must start its line.
fn fix_data(diagnostic: &Diagnostic) -> Option<serde_json::Value> {
    if let Some(name) = diagnostic
        .hint
        .as_ref()
        .and_then(crate::check::suggest::suggestion)
    {
        return Some(serde_json::json!({ "suggestion": name }));
    }
    if diagnostic.code == codes::INDENTED_DECLARATION {
        return Some(serde_json::json!({ "outdent": true }));
    }
    if diagnostic.code == codes::MISSING_SOURCE {
        return Some(serde_json::json!({ "add_source": true }));
    }
    None
}
