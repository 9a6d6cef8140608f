//! Loading rulebooks: from text to a checked [`Program`] (pure), and, at the
//! edge, finding the rulebook of a school year in a rules directory or in the
//! copy built into the binary.

use crate::check;
use crate::decision::RulebookRef;
use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::program::Program;
use crate::syntax::{self, ast};
use sha2::{Digest, Sha256};

pub mod extend;
mod load;

/// A rulebook's text, parsed and checked, with the rulebooks it extends.
#[derive(Debug)]
pub struct Compiled {
    /// The program, when the rulebook has no error.
    pub program: Option<Program>,
    /// Every error and warning.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts of the rulebook and of those it extends, for rendering.
    pub sources: SourceMap,
    /// The rulebook's own file in `sources` (the last one).
    pub file: FileId,
    /// Where the rulebook came from, as shown to users.
    pub name: String,
    /// The rulebooks it extends, nearest first.
    pub extends: Vec<String>,
    /// SHA-256 of the texts it was compiled from, its ancestors' first.
    pub sha256: String,
    /// Every declaration and use of a name (kept when there are errors).
    pub names: crate::program::NameIndex,
}

impl Compiled {
    /// The rulebook's own text.
    pub fn text(&self) -> &str {
        self.sources.text(self.file)
    }

    /// How a decision names this rulebook.
    pub fn reference(&self) -> RulebookRef {
        let header = self
            .program
            .as_ref()
            .map(|p| p.header.clone())
            .unwrap_or_default();
        RulebookRef {
            file: self.name.clone(),
            title: header.title,
            year: header.year,
            version: header.version,
            extends: self.extends.clone(),
            sha256: self.sha256.clone(),
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks a rulebook that extends no other.
pub fn compile(name: &str, text: &str) -> Compiled {
    compile_chain(&[(name.to_string(), text.to_string())])
}

/// Parses and checks the last rulebook of `chain`, each extending the one
/// before it (the first extends none).
pub fn compile_chain(chain: &[(String, String)]) -> Compiled {
    // The checker recurses over expressions up to the parser's limits, which
    // a debug build cannot always do on an ordinary thread's 2 MiB: it runs
    // on a stack of its own, whoever calls (the binary, the language server,
    // a program using the library).
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(CHECK_STACK)
            .spawn_scoped(scope, || compile_chain_here(chain));
        match worker.map(|handle| handle.join()) {
            Ok(Ok(compiled)) => compiled,
            // No thread could be started (or it stopped): on this one, then.
            _ => compile_chain_here(chain),
        }
    })
}

/// The checker's stack (reserved, used only as deep as the rulebook needs).
const CHECK_STACK: usize = 64 * 1024 * 1024;

fn compile_chain_here(chain: &[(String, String)]) -> Compiled {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut merged: Option<(ast::Module, String)> = None;
    let mut file = FileId(0);
    let mut hasher = Sha256::new();
    for (index, (name, text)) in chain.iter().enumerate() {
        if index > 0 {
            hasher.update([0u8]);
        }
        hasher.update(text.as_bytes());
        file = sources.add(name.clone(), text.clone());
        let (module, parse_diagnostics) = syntax::parse_at(file, text, sources.base(file));
        diagnostics.extend(parse_diagnostics);
        merged = Some(match merged {
            None => (module, name.clone()),
            Some((parent, parent_name)) => {
                let (module, merge_diagnostics) = extend::merge(parent, module, &parent_name, file);
                diagnostics.extend(merge_diagnostics);
                (module, name.clone())
            }
        });
    }
    let module = merged.map(|(module, _)| module).unwrap_or_default();
    let (program, check_diagnostics, names) = check::check_full(file, &module, sources.base(file));
    diagnostics.extend(check_diagnostics);
    diagnostics.sort_by_key(|d| (d.span(), d.severity));
    let program = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        program
    };
    let name = chain.last().map(|(name, _)| name.clone()).unwrap_or_default();
    let extends = chain.iter().rev().skip(1).map(|(name, _)| name.clone()).collect();
    let sha256 = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Compiled {
        program,
        diagnostics,
        sources,
        file,
        name,
        extends,
        sha256,
        names,
    }
}

/// SHA-256 of a text, in lower-case hexadecimal.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A header field (`year`, `extends`…) of a rulebook, read without checking the rest.
pub fn header_field(text: &str, key: &str) -> Option<String> {
    let header = syntax::parser::parse_header(text)?;
    header
        .fields
        .iter()
        .find(|(k, _)| k.name == key)
        .map(|(_, v)| v.value.clone())
}

/// The school year a rulebook's header declares.
pub fn declared_year(text: &str) -> Option<String> {
    header_field(text, "year")
}

pub use load::*;
