//! The one adapter from the project's diagnostics to the protocol's: the
//! same values the CLI renders with codespan-reporting. A diagnostic in a
//! rulebook the document extends is shown where the document extends it.

use super::analysis::{Analysis, Document};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::i18n::{Code, Lang, codes};
use crate::msg;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

/// The source name shown beside each diagnostic.
const SOURCE: &str = "clas-rules";

/// The address of a code's explanation; the VS Code extension opens it
/// (`clas-rules explain CODE` in its language) in a tab.
pub fn explanation_uri(code: Code) -> Option<Uri> {
    format!("clas-rules-explain:{}", code.id()).parse().ok()
}

/// The protocol diagnostics of a document, in `lang`.
pub fn of_document(analysis: &Analysis, document: &Document, lang: Lang) -> Vec<lsp::Diagnostic> {
    let mut out = Vec::new();
    let mut inherited = Vec::new();
    for diagnostic in &analysis.compiled.diagnostics {
        match analysis.local(diagnostic.span()) {
            Some(_) => out.push(convert(diagnostic, analysis, document, lang)),
            None => inherited.push(diagnostic),
        }
    }
    let extends = extends_span(&document.text);
    if let Some(error) = &analysis.load_error {
        out.push(plain(
            document,
            extends,
            error.code(),
            error.message().render(lang),
        ));
    }
    let errors: Vec<&&Diagnostic> = inherited.iter().filter(|d| d.is_error()).collect();
    if let Some(first) = errors.first() {
        let file = analysis
            .compiled
            .sources
            .locate(first.span())
            .map(|(file, _)| analysis.compiled.sources.name(file).to_string())
            .unwrap_or_default();
        let message = msg!(
            "lsp-inherited-errors",
            count = errors.len(),
            file = file,
            first = first.message.clone()
        )
        .render(lang);
        let mut diagnostic = plain(document, extends, first.code, message);
        diagnostic.related_information = Some(related(first, analysis, document, lang));
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

/// The secondary labels, wherever they are (this file or one it extends).
fn related(
    diagnostic: &Diagnostic,
    analysis: &Analysis,
    document: &Document,
    lang: Lang,
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
                message: label.message.render(lang),
            })
        })
        .collect()
}

fn document_uri(analysis: &Analysis) -> Option<Uri> {
    analysis.path.as_ref().and_then(Uri::from_file_path)
}

/// One diagnostic of the document, converted.
pub fn convert(
    diagnostic: &Diagnostic,
    analysis: &Analysis,
    document: &Document,
    lang: Lang,
) -> lsp::Diagnostic {
    let span = analysis.local(diagnostic.span()).unwrap_or_default();
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
    let related = related(diagnostic, analysis, document, lang);
    lsp::Diagnostic {
        range: document.lines.range(&document.text, span),
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
