//! The one diagnostic type of the project: every stage (syntax, check, input,
//! loading) reports through it, the CLI renders it with codespan-reporting and
//! the language server converts the same value to LSP diagnostics.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

/// A byte range in one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span shifted right by `offset` bytes.
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The text under the span, or an empty string when it is out of range.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Identifies a source text among those a run has loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the rulebook or the application from being used.
    Error,
    /// Worth a look; does not stop anything.
    Warning,
}

/// A span with a short text, underlined in the rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there.
    pub message: String,
    /// Whether this is the main place of the diagnostic.
    pub primary: bool,
}

/// One message about one place (or a few places) of a source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The text the spans point into.
    pub file: FileId,
    /// Error or warning.
    pub severity: Severity,
    /// A short title in lower case.
    pub message: String,
    /// The places, the primary one first.
    pub labels: Vec<Label>,
    /// Something to do about it, when there is something.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span` with `message` as title and `label` under the span.
    pub fn error(
        file: FileId,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, span, message, label)
    }

    /// A warning at `span`.
    pub fn warning(
        file: FileId,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file, span, message, label)
    }

    fn new(
        severity: Severity,
        file: FileId,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file,
            severity,
            message: message.into(),
            labels: vec![Label {
                span,
                message: label.into(),
                primary: true,
            }],
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    /// The main span.
    pub fn span(&self) -> Span {
        self.labels
            .iter()
            .find(|label| label.primary)
            .map(|label| label.span)
            .unwrap_or_default()
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The source texts that diagnostics point into.
///
/// The files of one rulebook and of the rulebooks it extends share one offset
/// space: each file starts one byte after the previous one ends, so that a
/// span says by itself which file it is in, and declarations merged from
/// several files keep spans that can be traced back.
#[derive(Default, Debug, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    text: String,
    base: usize,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a text under a display name and returns its id; its offsets start
    /// at [`SourceMap::base`].
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let base = self.files.last().map(|f| f.base + f.text.len() + 1).unwrap_or(0);
        self.files.push(SourceFile {
            name: name.into(),
            text: text.into(),
            base,
        });
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    fn file(&self, file: FileId) -> Option<&SourceFile> {
        self.files.get(file.0 as usize)
    }

    /// The display name of a file.
    pub fn name(&self, file: FileId) -> &str {
        self.file(file).map(|f| f.name.as_str()).unwrap_or("")
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        self.file(file).map(|f| f.text.as_str()).unwrap_or("")
    }

    /// The offset at which a file's text starts.
    pub fn base(&self, file: FileId) -> usize {
        self.file(file).map(|f| f.base).unwrap_or(0)
    }

    /// The ids of the files, in the order they were added.
    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len()).map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    /// The file a span is in, and the span counted from that file's start.
    pub fn locate(&self, span: Span) -> Option<(FileId, Span)> {
        let index = self.files.iter().rposition(|f| f.base <= span.start)?;
        let file = self.files.get(index)?;
        let local = Span::new(
            span.start - file.base,
            span.end.saturating_sub(file.base).min(file.text.len()),
        );
        Some((FileId(u32::try_from(index).unwrap_or(u32::MAX)), local))
    }

    /// The text under a span, whichever file it is in.
    pub fn slice(&self, span: Span) -> &str {
        self.locate(span)
            .and_then(|(file, local)| self.file(file).map(|f| local.slice(&f.text)))
            .unwrap_or("")
    }

    /// A diagnostic whose file and spans are those of the file it points into
    /// (for a client that wants one file at a time, such as an editor).
    pub fn localize(&self, diagnostic: &Diagnostic) -> Diagnostic {
        let mut local = diagnostic.clone();
        if let Some((file, _)) = self.locate(diagnostic.span()) {
            local.file = file;
        }
        for label in &mut local.labels {
            if let Some((_, span)) = self.locate(label.span) {
                label.span = span;
            }
        }
        local
    }

    /// Renders diagnostics the way a terminal shows them, with or without colours.
    pub fn render(&self, diagnostics: &[Diagnostic], colour: bool) -> String {
        let mut files = SimpleFiles::new();
        for file in &self.files {
            files.add(file.name.as_str(), file.text.as_str());
        }
        let config = term::Config::default();
        let mut out = String::new();
        for diagnostic in diagnostics {
            if let Some(compact) = self.render_long_line(diagnostic) {
                out.push_str(&compact);
                continue;
            }
            let rendered = to_codespan(diagnostic, self);
            let mut buffer = if colour {
                term::termcolor::Buffer::ansi()
            } else {
                term::termcolor::Buffer::no_color()
            };
            if term::emit_to_write_style(&mut buffer, &config, &files, &rendered).is_ok() {
                out.push_str(&String::from_utf8_lossy(buffer.as_slice()));
            } else {
                out.push_str(&format!(
                    "{}: {}\n",
                    self.name(diagnostic.file),
                    diagnostic.message
                ));
            }
        }
        out
    }
}

/// Longest line (in bytes) shown whole under a diagnostic; a longer one (a
/// minified JSON file, a file of 100 000 `[`) is shown as an excerpt around
/// the place, so that an error never prints megabytes.
const LONGEST_LINE_SHOWN: usize = 300;

/// How many characters of a long line are shown on each side of the place.
const EXCERPT_SIDE: usize = 40;

impl SourceMap {
    /// The rendering of a diagnostic whose primary place is on a line too
    /// long to show whole: the message, the place, an excerpt of the line
    /// around it with a caret, and the hint. `None` when the line is short.
    fn render_long_line(&self, diagnostic: &Diagnostic) -> Option<String> {
        let (file, span) = self.locate(diagnostic.span())?;
        let text = self.text(file);
        let start = span.start.min(text.len());
        let line_start = text.get(..start)?.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let line_end = text
            .get(start..)?
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(text.len());
        if line_end - line_start <= LONGEST_LINE_SHOWN {
            return None;
        }
        let line_number = text.get(..line_start)?.matches('\n').count() + 1;
        let before: Vec<char> = text.get(line_start..start)?.chars().collect();
        let column = before.len() + 1;
        let shown_before: String = before
            .get(before.len().saturating_sub(EXCERPT_SIDE)..)?
            .iter()
            .collect();
        let after = text.get(start..line_end)?;
        let shown_after: String = after.chars().take(EXCERPT_SIDE).collect();
        let cut_before = before.len() > EXCERPT_SIDE;
        let cut_after = after.chars().nth(EXCERPT_SIDE).is_some();
        let lead = if cut_before { "…" } else { "" };
        let excerpt = format!(
            "{lead}{shown_before}{shown_after}{}",
            if cut_after { "…" } else { "" }
        );
        let caret_at = shown_before.chars().count() + lead.chars().count();
        let line_chars = text.get(line_start..line_end)?.chars().count();
        let kind = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let gutter = " ".repeat(line_number.to_string().len());
        let mut out = format!(
            "{kind}: {}\n{gutter} ┌─ {}:{line_number}:{column}\n{gutter} │\n{line_number} │ {excerpt}\n{gutter} │ {}^ {}\n",
            diagnostic.message,
            self.name(file),
            " ".repeat(caret_at),
            diagnostic
                .labels
                .iter()
                .find(|l| l.primary)
                .map(|l| l.message.as_str())
                .unwrap_or(""),
        );
        out.push_str(&format!(
            "{gutter} = line {line_number} has {line_chars} characters: only an excerpt is shown\n"
        ));
        if let Some(hint) = &diagnostic.hint {
            out.push_str(&format!("{gutter} = hint: {hint}\n"));
        }
        out.push('\n');
        Some(out)
    }
}

fn to_codespan(diagnostic: &Diagnostic, sources: &SourceMap) -> cs::Diagnostic<usize> {
    let base = match diagnostic.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    };
    let labels = diagnostic
        .labels
        .iter()
        .map(|label| {
            let (file, span) = sources
                .locate(label.span)
                .map(|(file, span)| (file.0 as usize, span))
                .unwrap_or((diagnostic.file.0 as usize, label.span));
            let range = span.start..span.end;
            let made = if label.primary {
                cs::Label::primary(file, range)
            } else {
                cs::Label::secondary(file, range)
            };
            made.with_message(label.message.clone())
        })
        .collect();
    let notes = diagnostic
        .hint
        .iter()
        .map(|hint| format!("hint: {hint}"))
        .collect();
    base.with_message(diagnostic.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_as_an_excerpt() {
        let mut sources = SourceMap::new();
        let text = format!("{}x{}", "[".repeat(5000), "]".repeat(5000));
        let file = sources.add("deep.json", text);
        let d = Diagnostic::error(file, Span::new(5000, 5001), "too deep", "here");
        let out = sources.render(&[d], false);
        assert!(out.len() < 600, "{out}");
        assert!(out.contains("deep.json:1:5001"), "{out}");
        assert!(
            out.contains(&format!("…{}x{}…", "[".repeat(40), "]".repeat(39))),
            "{out}"
        );
        assert!(out.contains("line 1 has 10001 characters"), "{out}");
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let mut sources = SourceMap::new();
        let file = sources.add("a.json", "{\"a\": 1}\n".to_string());
        let d = Diagnostic::error(file, Span::new(6, 7), "bad", "here");
        let out = sources.render(&[d], false);
        assert!(out.contains("{\"a\": 1}"), "{out}");
        assert!(!out.contains("excerpt"), "{out}");
    }
}
