//! Loading rulebooks: from text to a checked [`Program`] (pure), and, at the
//! edge, finding the rulebook of a school year in a rules directory or in the
//! copy built into the binary.

use crate::check;
use crate::decision::{LayerFile, RulebookRef};
use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::i18n::codes;
use crate::msg;
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
    /// The top file of each layer it was built from, lowest layer first
    /// (one, without a layer name, for a folder of a single layer).
    pub layers: Vec<LayerFile>,
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
            caf: self.caf().map(str::to_string),
            layers: self.layers.clone(),
        }
    }

    /// The Caf whose rulebook this is, when its top layer is a Caf's.
    pub fn caf(&self) -> Option<&str> {
        self.layers.last()?.layer.as_deref().and_then(caf_of_layer)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The layer of the national framework, under every Caf's.
pub const NATIONAL: &str = "national";

/// The Caf a layer is for: `caf-63` is the Caf of department `63`.
pub fn caf_of_layer(layer: &str) -> Option<&str> {
    layer.strip_prefix("caf-").filter(|code| !code.is_empty())
}

/// The layer of a Caf: `63` → `caf-63` (department codes such as `2A` in
/// lower case).
pub fn layer_of_caf(caf: &str) -> String {
    format!("caf-{}", caf.trim().to_lowercase())
}

/// Whether two Caf codes name the same Caf (the same [`layer_of_caf`]),
/// compared without allocating: campaigns ask it for every record.
pub fn same_caf(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// One file of a chain of rulebooks: its name, its text, and its layer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainFile {
    /// Its name as shown to users.
    pub name: String,
    /// Its text.
    pub text: String,
    /// The layer its header names, if any.
    pub layer: Option<String>,
}

/// Parses and checks a rulebook that extends no other.
pub fn compile(name: &str, text: &str) -> Compiled {
    compile_chain(&[(name.to_string(), text.to_string())])
}

/// Parses and checks the last rulebook of `chain`, each extending the one
/// before it (the first extends none), all of one layer.
pub fn compile_chain(chain: &[(String, String)]) -> Compiled {
    let files: Vec<ChainFile> = chain
        .iter()
        .map(|(name, text)| ChainFile {
            name: name.clone(),
            text: text.clone(),
            layer: None,
        })
        .collect();
    compile_layers(&files)
}

/// Parses and checks the last rulebook of `chain`, each extending the one
/// before it: the files of the lowest layer first (`national`, oldest year
/// first), then those of each layer written over it.
pub fn compile_layers(chain: &[ChainFile]) -> Compiled {
    compile_layers_sharing(chain, &mut ParseCache::default())
}

/// Files parsed once for several compilations: every Caf's rulebook of a
/// year starts with the same national files, at the same place.
#[derive(Debug, Default)]
pub struct ParseCache {
    /// By the file's place in its chain, where its text starts, its text.
    parsed: std::collections::HashMap<(FileId, usize, String), (ast::Module, Vec<Diagnostic>)>,
}

impl ParseCache {
    fn parse(&mut self, file: FileId, text: &str, base: usize) -> (ast::Module, Vec<Diagnostic>) {
        let key = (file, base, text.to_string());
        if let Some(parsed) = self.parsed.get(&key) {
            return parsed.clone();
        }
        let parsed = syntax::parse_at(file, text, base);
        self.parsed.insert(key, parsed.clone());
        parsed
    }
}

/// [`compile_layers`], keeping the files it parses in `cache` for the
/// next compilation (a campaign compiles each Caf's rulebooks in turn).
pub fn compile_layers_sharing(chain: &[ChainFile], cache: &mut ParseCache) -> Compiled {
    // The checker recurses over expressions up to the parser's limits, which
    // a debug build cannot always do on an ordinary thread's 2 MiB: it runs
    // on a stack of its own, whoever calls (the binary, the language server,
    // a program using the library).
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(CHECK_STACK)
            .spawn_scoped(scope, || compile_chain_here(chain, cache));
        match worker.map(|handle| handle.join()) {
            Ok(Ok(compiled)) => compiled,
            // No thread could be started (or it stopped): on this one, then.
            _ => compile_chain_here(chain, &mut ParseCache::default()),
        }
    })
}

/// The checker's stack (reserved, used only as deep as the rulebook needs).
const CHECK_STACK: usize = 64 * 1024 * 1024;

fn compile_chain_here(chain: &[ChainFile], cache: &mut ParseCache) -> Compiled {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut merged: Option<(ast::Module, String)> = None;
    let mut file = FileId(0);
    let mut hasher = Sha256::new();
    let mut under = Under::default();
    for (index, entry) in chain.iter().enumerate() {
        if index > 0 {
            hasher.update([0u8]);
        }
        hasher.update(entry.text.as_bytes());
        file = sources.add(entry.name.clone(), entry.text.clone());
        let (module, parse_diagnostics) = cache.parse(file, &entry.text, sources.base(file));
        diagnostics.extend(parse_diagnostics);
        let next_layer = chain.get(index + 1).map(|next| &next.layer);
        let previous_layer = index.checked_sub(1).and_then(|i| chain.get(i)).map(|p| &p.layer);
        // The last file of a layer under another: keep the layer as it was
        // the year before (when this file extends one of its own layer) and
        // as it is, to warn of a change hidden by an override above.
        let last_of_lower = next_layer.is_some_and(|next| *next != entry.layer);
        if last_of_lower && previous_layer == Some(&entry.layer) && under.now.is_none() {
            under.before = merged.as_ref().map(|(m, _)| m.clone());
        }
        if previous_layer.is_some_and(|previous| *previous != entry.layer) && under.now.is_none() {
            under.now = merged.as_ref().map(|(m, _)| m.clone());
        }
        if under.now.is_some() {
            under.above.push((file, module.clone()));
        }
        merged = Some(match merged {
            None => (module, entry.name.clone()),
            Some((parent, parent_name)) => {
                let (module, merge_diagnostics) = extend::merge(parent, module, &parent_name, file);
                diagnostics.extend(merge_diagnostics);
                (module, entry.name.clone())
            }
        });
    }
    diagnostics.extend(under.changes_hidden());
    let module = merged.map(|(module, _)| module).unwrap_or_default();
    let (program, check_diagnostics, names) = check::check_full(file, &module, sources.base(file));
    diagnostics.extend(check_diagnostics);
    diagnostics.sort_by_key(|d| (d.span(), d.severity));
    let program = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        program
    };
    let name = chain.last().map(|entry| entry.name.clone()).unwrap_or_default();
    let extends = chain
        .iter()
        .rev()
        .skip(1)
        .map(|entry| entry.name.clone())
        .collect();
    let sha256 = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let mut layers: Vec<LayerFile> = Vec::new();
    for entry in chain {
        let top = LayerFile {
            layer: entry.layer.clone(),
            file: entry.name.clone(),
            sha256: sha256_hex(&entry.text),
        };
        match layers.last_mut() {
            Some(last) if last.layer == entry.layer => *last = top,
            _ => layers.push(top),
        }
    }
    Compiled {
        program,
        diagnostics,
        sources,
        file,
        name,
        extends,
        sha256,
        names,
        layers,
    }
}

/// The layer under the first layer written over another, as it is and as
/// it was the year before, and the files of the layers above.
#[derive(Default)]
struct Under {
    now: Option<ast::Module>,
    before: Option<ast::Module>,
    above: Vec<(FileId, ast::Module)>,
}

impl Under {
    /// A warning on each `override param` (or `let`) of the layers above
    /// whose value under it changed from the year before: the override
    /// still replaces it, which may no longer be what its author meant.
    fn changes_hidden(&self) -> Vec<Diagnostic> {
        let (Some(now), Some(before)) = (&self.now, &self.before) else {
            return Vec::new();
        };
        let year = |module: &ast::Module| {
            module
                .declarations
                .iter()
                .find_map(|d| match d {
                    ast::Declaration::Header(h) => h
                        .fields
                        .iter()
                        .find(|(k, _)| k.name == "year")
                        .map(|(_, v)| v.value.clone()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        let value = |module: &ast::Module, name: &str| {
            module.declarations.iter().find_map(|d| match d {
                ast::Declaration::Param(v) | ast::Declaration::Let(v) if v.name.name == name => {
                    Some(syntax::print::expr(&v.value))
                }
                _ => None,
            })
        };
        let (year_now, year_before) = (year(now), year(before));
        let mut seen: Vec<&str> = Vec::new();
        let mut warnings = Vec::new();
        // The last override of a name is the one that decides.
        for (file, module) in self.above.iter().rev() {
            for declaration in module.declarations.iter().rev() {
                let ast::Declaration::Override(inner, _) = declaration else {
                    continue;
                };
                let (ast::Declaration::Param(decl) | ast::Declaration::Let(decl)) = inner.as_ref() else {
                    continue;
                };
                let name = decl.name.name.as_str();
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name);
                let (Some(old), Some(new)) = (value(before, name), value(now, name)) else {
                    continue;
                };
                if old != new {
                    warnings.push(
                        Diagnostic::new(
                            codes::NATIONAL_CHANGED_UNDER_OVERRIDE,
                            *file,
                            decl.name.span,
                            msg!(
                                "layer-changed-under-override",
                                name = name,
                                old = old.as_str(),
                                new = new.as_str(),
                                year_before = year_before.as_str(),
                                year_now = year_now.as_str()
                            ),
                            msg!("layer-changed-under-override-label", value = new.as_str()),
                        )
                        .with_hint(msg!("layer-changed-under-override-hint")),
                    );
                }
            }
        }
        warnings
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_caf_is_the_same_layer() {
        for (a, b) in [
            ("63", "63"),
            ("2A", "2a"),
            (" 63", "63 "),
            ("Éa", "éA"),
            ("15", "63"),
            ("6", "63"),
        ] {
            assert_eq!(same_caf(a, b), layer_of_caf(a) == layer_of_caf(b), "{a} {b}");
        }
    }
}
