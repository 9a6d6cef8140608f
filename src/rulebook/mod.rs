//! Loading rulebooks: from text to a checked [`Program`] (pure), and, at the
//! edge, finding the rulebook of a school year in a rules directory or in the
//! copy built into the binary.

use crate::check;
use crate::decision::RulebookRef;
use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::program::Program;
use crate::syntax::{self, ast::Declaration};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// A rulebook's text, parsed and checked.
#[derive(Debug)]
pub struct Compiled {
    /// The program, when the rulebook has no error.
    pub program: Option<Program>,
    /// Every error and warning.
    pub diagnostics: Vec<Diagnostic>,
    /// The rulebook's text and name, for rendering diagnostics.
    pub sources: SourceMap,
    /// The rulebook's id in `sources`.
    pub file: FileId,
    /// Where the text came from, as shown to users.
    pub name: String,
    /// SHA-256 of the text.
    pub sha256: String,
}

impl Compiled {
    /// The rulebook's text.
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
            sha256: self.sha256.clone(),
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks a rulebook's text.
pub fn compile(name: &str, text: &str) -> Compiled {
    let mut sources = SourceMap::new();
    let file = sources.add(name, text);
    let (module, mut diagnostics) = syntax::parse(file, text);
    let (program, check_diagnostics) = check::check(file, &module);
    diagnostics.extend(check_diagnostics);
    diagnostics.sort_by_key(|d| (d.span(), d.severity));
    let program = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        program
    };
    Compiled {
        program,
        diagnostics,
        sources,
        file,
        name: name.to_string(),
        sha256: sha256_hex(text),
    }
}

/// SHA-256 of a text, in lower-case hexadecimal.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The school year a rulebook's header declares, read without checking the rest.
pub fn declared_year(text: &str) -> Option<String> {
    let (module, _) = syntax::parse(FileId(0), text);
    module.declarations.iter().find_map(|d| match d {
        Declaration::Header(header) => header
            .fields
            .iter()
            .find(|(key, _)| key.name == "year")
            .map(|(_, value)| value.value.clone()),
        _ => None,
    })
}

/// Where rulebooks are looked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesSource {
    /// A folder on disk.
    Dir(PathBuf),
    /// The copy built into the binary.
    Embedded,
}

/// One rulebook found in a rules source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its name as shown to users (a path).
    pub name: String,
    /// Its text.
    pub text: String,
    /// The school year its header declares.
    pub year: Option<String>,
}

/// Why no rulebook could be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// A file could not be read.
    Read(String, String),
    /// No rulebook for the school year; the years available.
    NoYear(String, Vec<String>),
    /// Two rulebooks declare the same school year.
    TwoForYear(String, String, String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read(path, error) => write!(f, "cannot read `{path}`: {error}"),
            LoadError::NoYear(year, available) if available.is_empty() => {
                write!(
                    f,
                    "no rulebook for the school year `{year}`, and no rulebook at all in the rules directory"
                )
            }
            LoadError::NoYear(year, available) => write!(
                f,
                "no rulebook for the school year `{year}`; the years available are {}",
                available.join(", ")
            ),
            LoadError::TwoForYear(year, a, b) => {
                write!(
                    f,
                    "two rulebooks declare the school year `{year}`: `{a}` and `{b}`"
                )
            }
        }
    }
}

/// Where to look: the given folder, else `CLAS_RULES_DIR`, else `./rules`,
/// else the copy built into the binary.
pub fn rules_source(explicit: Option<&Path>, env_dir: Option<PathBuf>) -> RulesSource {
    if let Some(dir) = explicit {
        return RulesSource::Dir(dir.to_path_buf());
    }
    if let Some(dir) = env_dir.filter(|d| !d.as_os_str().is_empty()) {
        return RulesSource::Dir(dir);
    }
    let local = PathBuf::from("rules");
    if local.is_dir() {
        return RulesSource::Dir(local);
    }
    RulesSource::Embedded
}

/// Every rulebook (`*.clas`) of a source, sorted by name.
pub fn all_rulebooks(source: &RulesSource) -> Result<Vec<Found>, LoadError> {
    let mut found = Vec::new();
    match source {
        RulesSource::Embedded => {
            for (name, text) in embedded::EMBEDDED {
                found.push(Found {
                    name: format!("(intégré) rules/{name}"),
                    text: (*text).to_string(),
                    year: declared_year(text),
                });
            }
        }
        RulesSource::Dir(dir) => {
            let mut paths = Vec::new();
            collect_rulebooks(dir, &mut paths)?;
            paths.sort();
            for path in paths {
                let text = read_text(&path)?;
                found.push(Found {
                    name: path.display().to_string(),
                    year: declared_year(&text),
                    text,
                });
            }
        }
    }
    Ok(found)
}

fn collect_rulebooks(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| LoadError::Read(dir.display().to_string(), e.to_string()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rulebooks(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "clas") {
            found.push(path);
        }
    }
    Ok(())
}

/// Reads a file as UTF-8 text, with a clear error otherwise.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes =
        std::fs::read(path).map_err(|e| LoadError::Read(path.display().to_string(), e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        LoadError::Read(
            path.display().to_string(),
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// The rulebook of a school year.
pub fn for_year(source: &RulesSource, year: &str) -> Result<Found, LoadError> {
    let all = all_rulebooks(source)?;
    let mut matching = all.iter().filter(|f| f.year.as_deref() == Some(year));
    match (matching.next(), matching.next()) {
        (Some(first), None) => Ok(first.clone()),
        (Some(first), Some(second)) => Err(LoadError::TwoForYear(
            year.to_string(),
            first.name.clone(),
            second.name.clone(),
        )),
        (None, _) => {
            let mut years: Vec<String> = all.iter().filter_map(|f| f.year.clone()).collect();
            years.sort();
            years.dedup();
            Err(LoadError::NoYear(year.to_string(), years))
        }
    }
}
