//! The analysis of one open rulebook: loaded with the rulebooks it extends
//! (the editor's unsaved texts standing for the files), parsed and checked
//! exactly as the CLI does, with the index of every name.

use super::position::LineIndex;
use crate::diagnostic::{FileId, Span};
use crate::program::{Symbol, Type};
use crate::rulebook::{self, Compiled, Overlay, RulesSource};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A rulebook open in the editor.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its text, as the editor has it.
    pub text: String,
    /// The editor's version of that text.
    pub version: i32,
    /// Its line index.
    pub lines: LineIndex,
}

impl Document {
    /// A document with its line index.
    pub fn new(text: String, version: i32) -> Document {
        let lines = LineIndex::new(&text);
        Document { text, version, lines }
    }
}

/// The analysis of one document.
#[derive(Debug)]
pub struct Analysis {
    /// The rulebook with the ones it extends, checked.
    pub compiled: Compiled,
    /// Why the rulebooks it extends could not be loaded, if so.
    pub load_error: Option<rulebook::LoadError>,
    /// Where rulebooks are looked for (for other years, and other files).
    pub source: RulesSource,
    /// The document's path, when it is a file.
    pub path: Option<PathBuf>,
}

/// Analyses a document; `open` holds every open document's text by canonical path.
pub fn analyse(path: Option<&Path>, name: &str, text: &str, open: Arc<Overlay>) -> Analysis {
    let Some(path) = path else {
        return Analysis {
            compiled: rulebook::compile(name, text),
            load_error: None,
            source: RulesSource::Embedded,
            path: None,
        };
    };
    let source = RulesSource::Open(rulebook::rules_dir_of(path), open);
    let loaded = rulebook::file_in(&source, path).and_then(|found| rulebook::load(&source, found));
    match loaded {
        Ok(compiled) => Analysis {
            compiled,
            load_error: None,
            source,
            path: Some(path.to_path_buf()),
        },
        Err(error) => Analysis {
            // Still check the file alone, so that its own mistakes show.
            compiled: rulebook::compile(name, text),
            load_error: Some(error),
            source,
            path: Some(path.to_path_buf()),
        },
    }
}

impl Analysis {
    /// The document's own file among the analysed texts.
    pub fn file(&self) -> FileId {
        self.compiled.file
    }

    /// The offset, in the analysis, of a byte offset of the document.
    pub fn global(&self, offset: usize) -> usize {
        self.compiled.sources.base(self.file()) + offset
    }

    /// A span of the analysis as a span of the document, if it is in it.
    pub fn local(&self, span: Span) -> Option<Span> {
        match self.compiled.sources.locate(span) {
            Some((file, local)) if file == self.file() => Some(local),
            _ => None,
        }
    }

    /// The name under a byte offset of the document, and what it stands for.
    pub fn symbol_at(&self, offset: usize) -> Option<(Span, Symbol)> {
        let at = self.global(offset);
        let names = &self.compiled.names;
        let contains = |span: &Span| span.start <= at && at <= span.end && span.start < span.end;
        names
            .uses
            .iter()
            .find(|(span, _)| contains(span))
            .map(|(span, symbol)| (*span, symbol.clone()))
            .or_else(|| {
                names
                    .definitions
                    .iter()
                    .find(|(_, span, _)| contains(span))
                    .map(|(symbol, span, _)| (*span, symbol.clone()))
            })
    }

    /// Where a symbol is declared: its name and the whole declaration.
    pub fn definition(&self, symbol: &Symbol) -> Option<(Span, Span)> {
        self.compiled
            .names
            .definitions
            .iter()
            .find(|(s, _, _)| s == symbol)
            .map(|(_, name, declaration)| (*name, *declaration))
    }

    /// Every place a symbol's name is written: its declaration and its uses.
    pub fn occurrences(&self, symbol: &Symbol) -> Vec<Span> {
        let names = &self.compiled.names;
        let mut spans: Vec<Span> = names
            .definitions
            .iter()
            .filter(|(s, _, _)| s == symbol)
            .map(|(_, span, _)| *span)
            .chain(
                names
                    .uses
                    .iter()
                    .filter(|(_, s)| s == symbol)
                    .map(|(span, _)| *span),
            )
            .collect();
        spans.sort();
        spans.dedup();
        spans
    }

    /// The type of a local name visible at a byte offset of the document.
    pub fn local_type(&self, name: &str, offset: usize) -> Option<Type> {
        let at = self.global(offset);
        self.compiled
            .names
            .locals
            .iter()
            .filter(|l| l.name == name && l.scope.start <= at && at <= l.scope.end)
            .min_by_key(|l| l.scope.end - l.scope.start)
            .map(|l| l.ty.clone())
    }
}
