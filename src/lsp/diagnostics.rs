//! The one adapter from the project's diagnostics to the protocol's: the
//! same values the CLI renders with codespan-reporting. A diagnostic in a
//! rulebook the document extends is shown where the document extends it.

use super::analysis::{Analysis, Document};
use crate::diagnostic::{Diagnostic, Severity, Span};
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

/// The source name shown beside each diagnostic.
const SOURCE: &str = "clas-rules";

/// The protocol diagnostics of a document.
pub fn of_document(analysis: &Analysis, document: &Document) -> Vec<lsp::Diagnostic> {
    let mut out = Vec::new();
    let mut inherited = Vec::new();
    for diagnostic in &analysis.compiled.diagnostics {
        match analysis.local(diagnostic.span()) {
            Some(_) => out.push(convert(diagnostic, analysis, document)),
            None => inherited.push(diagnostic),
        }
    }
    let extends = extends_span(&document.text);
    if let Some(error) = &analysis.load_error {
        out.push(plain(document, extends, Severity::Error, error.clone()));
    }
    let errors: Vec<&&Diagnostic> = inherited.iter().filter(|d| d.is_error()).collect();
    if let Some(first) = errors.first() {
        let file = analysis
            .compiled
            .sources
            .locate(first.span())
            .map(|(file, _)| analysis.compiled.sources.name(file).to_string())
            .unwrap_or_default();
        let message = format!(
            "{} error{} in what this rulebook inherits, first in `{file}`: {}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            first.message
        );
        let mut diagnostic = plain(document, extends, Severity::Error, message);
        diagnostic.related_information = Some(related(first, analysis, document));
        out.push(diagnostic);
    }
    out
}

/// Where the header says `extends "…"`, else the start of the file.
fn extends_span(text: &str) -> Span {
    crate::syntax::parser::parse_header(text)
        .and_then(|header| {
            header
                .fields
                .into_iter()
                .find(|(key, _)| key.name == "extends")
                .map(|(_, value)| value.span)
        })
        .unwrap_or_default()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

fn plain(document: &Document, span: Span, level: Severity, message: String) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: document.lines.range(&document.text, span),
        severity: Some(severity(level)),
        source: Some(SOURCE.into()),
        message,
        ..lsp::Diagnostic::default()
    }
}

/// The secondary labels, wherever they are (this file or one it extends).
fn related(
    diagnostic: &Diagnostic,
    analysis: &Analysis,
    document: &Document,
) -> Vec<DiagnosticRelatedInformation> {
    let sources = &analysis.compiled.sources;
    diagnostic
        .labels
        .iter()
        .filter(|label| !label.primary || analysis.local(label.span).is_none())
        .filter_map(|label| {
            let (file, local) = sources.locate(label.span)?;
            let (uri, range) = if file == analysis.file() {
                (
                    document_uri(analysis)?,
                    document.lines.range(&document.text, local),
                )
            } else {
                let text = sources.text(file);
                let lines = super::position::LineIndex::new(text);
                (Uri::from_file_path(sources.name(file))?, lines.range(text, local))
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: label.message.clone(),
            })
        })
        .collect()
}

fn document_uri(analysis: &Analysis) -> Option<Uri> {
    analysis.path.as_ref().and_then(Uri::from_file_path)
}

/// One diagnostic of the document, converted.
pub fn convert(diagnostic: &Diagnostic, analysis: &Analysis, document: &Document) -> lsp::Diagnostic {
    let span = analysis.local(diagnostic.span()).unwrap_or_default();
    let primary_label = diagnostic
        .labels
        .iter()
        .find(|l| l.primary)
        .map(|l| l.message.as_str())
        .unwrap_or("");
    let mut message = diagnostic.message.clone();
    if !primary_label.is_empty() {
        message.push_str(&format!(" ({primary_label})"));
    }
    if let Some(hint) = &diagnostic.hint {
        message.push_str(&format!("\nhint: {hint}"));
    }
    let related = related(diagnostic, analysis, document);
    lsp::Diagnostic {
        range: document.lines.range(&document.text, span),
        severity: Some(severity(diagnostic.severity)),
        code: diagnostic
            .hint
            .as_ref()
            .filter(|h| h.starts_with("did you mean"))
            .map(|_| NumberOrString::String("did-you-mean".into())),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: diagnostic
            .hint
            .as_ref()
            .map(|h| serde_json::Value::String(h.clone())),
        ..lsp::Diagnostic::default()
    }
}
