//! The one diagnostic type of the project: every stage (syntax, check, input,
//! loading) reports through it, the CLI renders it with codespan-reporting and
//! the language server converts the same value to LSP diagnostics.

use crate::i18n::{Code, Lang, Message};
use crate::msg;
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
    pub message: Message,
    /// Whether this is the main place of the diagnostic.
    pub primary: bool,
}

/// One message about one place (or a few places) of a source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The text the spans point into.
    pub file: FileId,
    /// Error or warning, as its code says.
    pub severity: Severity,
    /// The stable code (`E0203`), which `clas-rules explain` explains.
    pub code: Code,
    /// A short title in lower case.
    pub message: Message,
    /// The places, the primary one first.
    pub labels: Vec<Label>,
    /// Something to do about it, when there is something.
    pub hint: Option<Message>,
}

impl Diagnostic {
    /// A diagnostic of `code` at `span`, with `message` as title and `label`
    /// under the span; an error or a warning as the code is.
    pub fn new(code: Code, file: FileId, span: Span, message: Message, label: Message) -> Diagnostic {
        Diagnostic {
            file,
            severity: code.severity(),
            code,
            message,
            labels: vec![Label {
                span,
                message: label,
                primary: true,
            }],
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: Message) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: Message) -> Diagnostic {
        self.labels.push(Label {
            span,
            message,
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

    /// The text under the main span.
    pub fn primary_label(&self) -> Option<&Message> {
        self.labels.iter().find(|l| l.primary).map(|l| &l.message)
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The word for a severity, in a language: « erreur », « avertissement ».
pub fn severity_word(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => msg!("severity-error").render(lang),
        Severity::Warning => msg!("severity-warning").render(lang),
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

    /// Renders diagnostics the way a terminal shows them, in a language,
    /// with or without colours.
    pub fn render(&self, diagnostics: &[Diagnostic], colour: bool, lang: Lang) -> String {
        let mut files = SimpleFiles::new();
        for file in &self.files {
            files.add(file.name.as_str(), file.text.as_str());
        }
        let config = term::Config::default();
        let mut out = String::new();
        for diagnostic in diagnostics {
            let header = header(diagnostic, colour, lang);
            if let Some(compact) = self.render_long_line(diagnostic, lang) {
                out.push_str(&header);
                out.push_str(&compact);
                continue;
            }
            let rendered = to_codespan(diagnostic, self, lang);
            let mut buffer = if colour {
                term::termcolor::Buffer::ansi()
            } else {
                term::termcolor::Buffer::no_color()
            };
            out.push_str(&header);
            if term::emit_to_write_style(&mut buffer, &config, &files, &rendered).is_ok() {
                // codespan-reporting writes its own header (`error: …`) in
                // English: the first line is replaced by the one above.
                let text = String::from_utf8_lossy(buffer.as_slice());
                out.push_str(text.split_once('\n').map(|(_, rest)| rest).unwrap_or(""));
            } else {
                out.push_str(&format!("{}\n", self.name(diagnostic.file)));
            }
        }
        out
    }
}

/// The first line of a rendered diagnostic: `erreur[E0203] : nom inconnu …`.
fn header(diagnostic: &Diagnostic, colour: bool, lang: Lang) -> String {
    let kind = format!(
        "{}[{}]",
        severity_word(diagnostic.severity, lang),
        diagnostic.code.id()
    );
    let kind = match (colour, diagnostic.severity) {
        (false, _) => kind,
        (true, Severity::Error) => format!("\x1b[1;31m{kind}\x1b[0m"),
        (true, Severity::Warning) => format!("\x1b[1;33m{kind}\x1b[0m"),
    };
    let message = diagnostic.message.render(lang);
    let message = if colour {
        format!("\x1b[1m{message}\x1b[0m")
    } else {
        message
    };
    let mut line = msg!("diagnostic-header", kind = kind, message = message).render(lang);
    line.push('\n');
    line
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
    fn render_long_line(&self, diagnostic: &Diagnostic, lang: Lang) -> Option<String> {
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
        let gutter = " ".repeat(line_number.to_string().len());
        let mut out = format!(
            "{gutter} ┌─ {}:{line_number}:{column}\n{gutter} │\n{line_number} │ {excerpt}\n{gutter} │ {}^ {}\n",
            self.name(file),
            " ".repeat(caret_at),
            diagnostic
                .primary_label()
                .map(|l| l.render(lang))
                .unwrap_or_default(),
        );
        let note = msg!("diagnostic-excerpt", line = line_number, characters = line_chars);
        out.push_str(&format!("{gutter} = {}\n", note.render(lang)));
        if let Some(hint) = &diagnostic.hint {
            let hint = msg!("diagnostic-hint", hint = hint.render(lang));
            out.push_str(&format!("{gutter} = {}\n", hint.render(lang)));
        }
        out.push('\n');
        Some(out)
    }
}

fn to_codespan(diagnostic: &Diagnostic, sources: &SourceMap, lang: Lang) -> cs::Diagnostic<usize> {
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
            made.with_message(label.message.render(lang))
        })
        .collect();
    let notes = diagnostic
        .hint
        .iter()
        .map(|hint| msg!("diagnostic-hint", hint = hint.render(lang)).render(lang))
        .collect();
    base.with_labels(labels).with_notes(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_as_an_excerpt() {
        let mut sources = SourceMap::new();
        let text = format!("{}x{}", "[".repeat(5000), "]".repeat(5000));
        let file = sources.add("deep.json", text);
        let d = Diagnostic::new(
            crate::i18n::codes::TOO_DEEP,
            file,
            Span::new(5000, 5001),
            msg!("syntax-brackets-too-deep", limit = 64usize),
            msg!("label-here"),
        );
        let out = sources.render(&[d], false, Lang::En);
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
        let d = Diagnostic::new(
            crate::i18n::codes::SYNTAX,
            file,
            Span::new(6, 7),
            msg!("syntax-unexpected", found = "1"),
            msg!("label-here"),
        );
        let out = sources.render(&[d], false, Lang::Fr);
        assert!(out.contains("{\"a\": 1}"), "{out}");
        assert!(!out.contains("extrait"), "{out}");
    }
}
