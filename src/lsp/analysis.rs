//! The analysis of one open rulebook: loaded with the rulebooks it extends
//! (the editor's unsaved texts standing for the files), parsed and checked
//! exactly as the CLI does, with the index of every name.

use super::position::LineIndex;
use crate::diagnostic::{FileId, Span};
use crate::program::{Symbol, Type};
use crate::rulebook::{self, Compiled, Found, Overlay, RulesSource};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Location, Uri};

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
    /// The layer of each analysed text, in the order of `compiled.sources`
    /// (`national`, `caf-63`; `None` in a folder of a single layer).
    pub file_layers: Vec<Option<String>>,
}

/// Analyses a document; `open` holds every open document's text by canonical path.
pub fn analyse(path: Option<&Path>, name: &str, text: &str, open: Arc<Overlay>) -> Analysis {
    let Some(path) = path else {
        return Analysis {
            compiled: rulebook::compile(name, text),
            load_error: None,
            source: RulesSource::Embedded,
            path: None,
            file_layers: vec![rulebook::header_field(text, "layer")],
        };
    };
    let source = RulesSource::Open(rulebook::rules_dir_of(path), open);
    match rulebook::file_in(&source, path).and_then(|found| Analysis::load(&source, found)) {
        Ok(analysis) => analysis,
        Err(error) => Analysis {
            // Still check the file alone, so that its own mistakes show.
            compiled: rulebook::compile(name, text),
            load_error: Some(error),
            source,
            path: Some(path.to_path_buf()),
            file_layers: vec![rulebook::header_field(text, "layer")],
        },
    }
}

impl Analysis {
    /// A rulebook of a rules source, loaded with the rulebooks under it (the
    /// files of its own layer it extends, and those of the layers it is
    /// written over), as the CLI loads it.
    pub fn load(source: &RulesSource, found: Found) -> Result<Analysis, rulebook::LoadError> {
        let path = PathBuf::from(&found.name);
        let files = rulebook::chain_files(source, found)?;
        let file_layers = files.iter().map(|f| f.layer.clone()).collect();
        Ok(Analysis {
            compiled: rulebook::compile_layers(&files),
            load_error: None,
            source: source.clone(),
            path: Some(path),
            file_layers,
        })
    }

    /// A span of the analysis as a protocol location (whichever file it is in).
    pub fn location(&self, span: Span) -> Option<Location> {
        let sources = &self.compiled.sources;
        let (file, local) = sources.locate(span)?;
        let text = sources.text(file);
        let uri = if file == self.file() {
            self.path.as_ref().and_then(Uri::from_file_path)?
        } else {
            Uri::from_file_path(sources.name(file))?
        };
        Some(Location::new(uri, LineIndex::new(text).range(text, local)))
    }

    /// The layer of one of the analysed texts.
    pub fn layer_of(&self, file: FileId) -> Option<&str> {
        self.file_layers.get(file.0 as usize).and_then(Option::as_deref)
    }

    /// The layer of the document's own file.
    pub fn layer(&self) -> Option<&str> {
        self.layer_of(self.file())
    }

    /// How staff know one of the analysed texts: its path inside the rules
    /// folder (`national/2023-2024.clas`), else its name.
    pub fn file_label(&self, file: FileId) -> String {
        let name = self.compiled.sources.name(file);
        file_label(&self.source, name)
    }

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
            .or_else(|| self.extended_at(offset))
    }

    /// The type named by `extend record X` (or `extend input`, `extend
    /// enum`) under a byte offset of the document: merged away before
    /// checking, so not in the index of names, yet what it names is a
    /// declaration of this file or of a file under it (a national record a
    /// Caf extends).
    fn extended_at(&self, offset: usize) -> Option<(Span, Symbol)> {
        let text = self.compiled.sources.text(self.file());
        let (module, _) = crate::syntax::parse(FileId(0), text);
        module.declarations.iter().find_map(|declaration| {
            let crate::syntax::ast::Declaration::Extend(extension) = declaration else {
                return None;
            };
            let span = extension.name.span;
            if !(span.start <= offset && offset <= span.end) {
                return None;
            }
            let symbol = match extension.target {
                crate::syntax::ast::ExtendTarget::Input => Symbol::Input,
                _ => Symbol::Type(extension.name.name.clone()),
            };
            let global = Span::new(self.global(span.start), self.global(span.end));
            Some((global, symbol))
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

/// The path of a rulebook inside its rules folder (`national/2023-2024.clas`),
/// else the name it was given.
pub fn file_label(source: &RulesSource, name: &str) -> String {
    let dir = match source {
        RulesSource::Dir(dir) | RulesSource::Open(dir, _) => dir,
        RulesSource::Embedded => return name.to_string(),
    };
    let path = Path::new(name);
    let real_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
    let real_path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    real_path
        .strip_prefix(&real_dir)
        .or_else(|_| path.strip_prefix(dir))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| name.to_string())
}

/// How staff name a layer: « cadre national », « Caf 63 », « couche x ».
pub fn layer_words(layer: &str) -> crate::i18n::Message {
    if layer == "national" {
        return crate::msg!("lsp-layer-national");
    }
    match rulebook::caf_of_layer(layer) {
        Some(caf) => crate::msg!("lsp-layer-caf", caf = caf.to_uppercase()),
        None => crate::msg!("lsp-layer-named", layer = layer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn layers_are_named_as_staff_say_them() {
        assert_eq!(layer_words("national").render(Lang::Fr), "cadre national");
        assert_eq!(layer_words("caf-63").render(Lang::Fr), "Caf 63");
        assert_eq!(layer_words("caf-2a").render(Lang::Fr), "Caf 2A");
        assert_eq!(layer_words("essai").render(Lang::Fr), "couche essai");
        assert_eq!(layer_words("national").render(Lang::En), "national framework");
    }

    #[test]
    fn a_file_is_named_by_its_path_inside_the_rules_folder() {
        let source = RulesSource::Dir(PathBuf::from("/nowhere/rules"));
        assert_eq!(
            file_label(&source, "/nowhere/rules/national/2023-2024.clas"),
            "national/2023-2024.clas"
        );
        assert_eq!(file_label(&source, "/elsewhere/x.clas"), "/elsewhere/x.clas");
        assert_eq!(file_label(&RulesSource::Embedded, "a.clas"), "a.clas");
    }

    #[test]
    fn the_name_of_an_extended_type_is_a_symbol() {
        let national = "rulebook \"n\"\n  layer \"national\"\n  year \"2023-2024\"\n  source \"s\"\n\nrecord Porteur {\n  nom: text\n}\n\ninput demande {\n  porteur: Porteur\n}\n";
        let caf = "rulebook \"c\"\n  layer \"caf-63\"\n  over \"national\"\n  year \"2023-2024\"\n  source \"s\"\n\nextend record Porteur {\n  agree: bool\n}\n";
        let files = [
            rulebook::ChainFile {
                name: "n.clas".into(),
                text: national.into(),
                layer: Some("national".into()),
            },
            rulebook::ChainFile {
                name: "c.clas".into(),
                text: caf.into(),
                layer: Some("caf-63".into()),
            },
        ];
        let analysis = Analysis {
            compiled: rulebook::compile_layers(&files),
            load_error: None,
            source: RulesSource::Embedded,
            path: None,
            file_layers: files.iter().map(|f| f.layer.clone()).collect(),
        };
        assert_eq!(analysis.layer(), Some("caf-63"));
        assert_eq!(analysis.layer_of(FileId(0)), Some("national"));
        let at = caf.find("Porteur").unwrap() + 2;
        let (span, symbol) = analysis.symbol_at(at).unwrap();
        assert_eq!(symbol, Symbol::Type("Porteur".into()));
        assert_eq!(analysis.local(span).map(|s| s.slice(caf)), Some("Porteur"));
        // Its declaration is in the national file.
        let (name, _) = analysis.definition(&symbol).unwrap();
        assert_eq!(
            analysis.compiled.sources.locate(name).map(|(f, _)| f),
            Some(FileId(0))
        );
    }
}
