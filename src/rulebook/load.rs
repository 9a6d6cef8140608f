//! The edge where rulebooks are found: a rules directory on disk, or the
//! copy built into the binary; the rulebook of a school year; the chain of
//! rulebooks that one `extends`, which must stay inside the rules directory.

use super::{Compiled, compile_chain, declared_year, header_field};
use crate::check::is_school_year;
use crate::i18n::{Code, Message, codes};
use crate::msg;
use std::path::{Component, Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// How deep a chain of `extends` may go.
const MAX_CHAIN: usize = 32;

/// Texts being edited, by canonical path: they stand for the files on disk.
pub type Overlay = std::collections::BTreeMap<PathBuf, String>;

/// Where rulebooks are looked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesSource {
    /// A folder on disk.
    Dir(PathBuf),
    /// A folder on disk, some of whose files are open in an editor with
    /// unsaved changes.
    Open(PathBuf, std::sync::Arc<Overlay>),
    /// The copy built into the binary.
    Embedded,
}

impl RulesSource {
    /// The text of a file of this source: the editor's, else the disk's.
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        if let RulesSource::Open(_, open) = self {
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if let Some(text) = open.get(&key) {
                return Ok(text.clone());
            }
        }
        read_text(path)
    }
}

/// One rulebook found in a rules source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its name as shown to users (a path).
    pub name: String,
    /// Its path inside the rules source, `/`-separated (`clas/2023-2024.clas`).
    pub id: String,
    /// Its text.
    pub text: String,
    /// The school year its header declares.
    pub year: Option<String>,
}

/// Why no rulebook could be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// A file could not be read: its path and why.
    Read(String, Message),
    /// No rulebook for the school year; the years available.
    NoYear(String, Vec<String>),
    /// Two rulebooks declare the same school year.
    TwoForYear(String, String, String),
    /// `extends` names something that cannot be used: the rulebook, what it
    /// names, and why.
    Extends(String, String, Code, Message),
    /// Rulebooks that extend each other in a circle, in order.
    Cycle(Vec<String>),
}

impl LoadError {
    /// Its code, which `clas-rules explain` explains.
    pub fn code(&self) -> Code {
        match self {
            LoadError::Read(..) | LoadError::NoYear(..) | LoadError::TwoForYear(..) => {
                codes::RULEBOOK_NOT_FOUND
            }
            LoadError::Extends(_, _, code, _) => *code,
            LoadError::Cycle(_) => codes::EXTENDS_CYCLE,
        }
    }

    /// What went wrong, as a message of the catalogs.
    pub fn message(&self) -> Message {
        match self {
            LoadError::Read(path, why) => msg!("load-cannot-read", path = path.as_str(), why = why.clone()),
            LoadError::NoYear(year, available) if available.is_empty() => {
                msg!("load-no-rulebook-at-all", year = year.as_str())
            }
            LoadError::NoYear(year, available) => msg!(
                "load-no-rulebook-for-year",
                year = year.as_str(),
                years = available.join(", ")
            ),
            LoadError::TwoForYear(year, a, b) => {
                msg!(
                    "load-two-for-year",
                    year = year.as_str(),
                    first = a.as_str(),
                    second = b.as_str()
                )
            }
            LoadError::Extends(file, target, _, why) => {
                msg!(
                    "load-extends",
                    file = file.as_str(),
                    target = target.as_str(),
                    why = why.clone()
                )
            }
            LoadError::Cycle(names) => msg!("load-cycle", chain = names.join(" → ")),
        }
    }

    /// The message in a language.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        self.message().render(lang)
    }
}

/// Why a file could not be read, in the user's words.
pub fn io_problem(error: &std::io::Error) -> Message {
    match error.kind() {
        std::io::ErrorKind::NotFound => msg!("io-not-found"),
        std::io::ErrorKind::PermissionDenied => msg!("io-permission-denied"),
        std::io::ErrorKind::IsADirectory => msg!("io-is-a-directory"),
        std::io::ErrorKind::FileTooLarge => msg!("io-file-too-large"),
        std::io::ErrorKind::StorageFull => msg!("io-storage-full"),
        std::io::ErrorKind::ReadOnlyFilesystem => msg!("io-read-only"),
        _ => msg!("io-other", detail = error.to_string()),
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

/// The rules directory a rulebook file belongs to when none is given: the
/// nearest folder named `rules` above it, else its own folder.
pub fn rules_dir_of(file: &Path) -> PathBuf {
    // A bare file name (`2024-2025.clas`) is in the current folder.
    let parent = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let absolute = std::fs::canonicalize(&parent).unwrap_or(parent.clone());
    absolute
        .ancestors()
        .find(|dir| dir.file_name().is_some_and(|n| n == "rules"))
        .map(Path::to_path_buf)
        .unwrap_or(parent)
}

/// Every rulebook (`*.clas`) of a source, sorted by name.
pub fn all_rulebooks(source: &RulesSource) -> Result<Vec<Found>, LoadError> {
    let mut found = Vec::new();
    match source {
        RulesSource::Embedded => {
            for (id, text) in embedded::EMBEDDED {
                found.push(Found {
                    name: format!("(intégré) rules/{id}"),
                    id: (*id).to_string(),
                    text: (*text).to_string(),
                    year: declared_year(text),
                });
            }
        }
        RulesSource::Dir(dir) | RulesSource::Open(dir, _) => {
            let mut paths = Vec::new();
            collect_rulebooks(dir, &mut paths)?;
            if let RulesSource::Open(_, open) = source {
                // A rulebook created in the editor and not saved yet.
                let real_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
                for path in open.keys().filter(|p| p.starts_with(&real_dir)) {
                    let known = paths
                        .iter()
                        .any(|p| std::fs::canonicalize(p).is_ok_and(|p| &p == path));
                    if !known && path.extension().is_some_and(|e| e == "clas") {
                        paths.push(path.clone());
                    }
                }
            }
            paths.sort();
            for path in paths {
                found.push(read_found(source, dir, &path)?);
            }
        }
    }
    Ok(found)
}

fn read_found(source: &RulesSource, dir: &Path, path: &Path) -> Result<Found, LoadError> {
    let text = source.read(path)?;
    let id = path
        .strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    Ok(Found {
        name: path.display().to_string(),
        id,
        year: declared_year(&text),
        text,
    })
}

fn collect_rulebooks(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| LoadError::Read(dir.display().to_string(), io_problem(&e)))?;
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
        std::fs::read(path).map_err(|e| LoadError::Read(path.display().to_string(), io_problem(&e)))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // The text before the bad byte is valid: count lines and characters there.
        let before = e
            .as_bytes()
            .get(..offset)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        LoadError::Read(
            path.display().to_string(),
            msg!("io-not-utf8", line = line, column = column, offset = offset),
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

/// A rulebook file given by path, as a member of the rules source.
pub fn file_in(source: &RulesSource, path: &Path) -> Result<Found, LoadError> {
    match source {
        RulesSource::Dir(dir) | RulesSource::Open(dir, _) => {
            let text = source.read(path)?;
            let id = match (std::fs::canonicalize(dir), std::fs::canonicalize(path)) {
                (Ok(dir), Ok(path)) => path
                    .strip_prefix(&dir)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .ok(),
                _ => None,
            };
            Ok(Found {
                name: path.display().to_string(),
                id: id.unwrap_or_else(|| path.display().to_string()),
                year: declared_year(&text),
                text,
            })
        }
        RulesSource::Embedded => {
            let text = read_text(path)?;
            Ok(Found {
                name: path.display().to_string(),
                id: path.display().to_string(),
                year: declared_year(&text),
                text,
            })
        }
    }
}

/// The rulebook that `child` extends, if any.
fn parent_of(source: &RulesSource, child: &Found) -> Result<Option<Found>, LoadError> {
    let Some(target) = header_field(&child.text, "extends") else {
        return Ok(None);
    };
    let refuse = |code: Code, why: Message| LoadError::Extends(child.name.clone(), target.clone(), code, why);
    if is_school_year(&target) {
        if child.year.as_deref() == Some(target.as_str()) {
            return Err(refuse(codes::EXTENDS_CYCLE, msg!("load-extends-itself")));
        }
        return match for_year(source, &target) {
            Ok(found) => Ok(Some(found)),
            Err(LoadError::NoYear(_, years)) if years.is_empty() => {
                Err(refuse(codes::EXTENDS_UNKNOWN_YEAR, msg!("load-extends-no-year")))
            }
            Err(LoadError::NoYear(_, years)) => Err(refuse(
                codes::EXTENDS_UNKNOWN_YEAR,
                msg!("load-extends-no-year-among", years = years.join(", ")),
            )),
            Err(other) => Err(other),
        };
    }
    // A path inside the rules directory, `/`-separated, without `..`.
    let relative = Path::new(&target);
    let inside = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err(refuse(codes::EXTENDS_OUTSIDE, msg!("load-extends-outside")));
    }
    let wanted = target.trim_start_matches("./").to_string();
    let wanted = if wanted.ends_with(".clas") {
        wanted
    } else {
        format!("{wanted}.clas")
    };
    match source {
        RulesSource::Embedded => embedded::EMBEDDED
            .iter()
            .find(|(id, _)| *id == wanted)
            .map(|(id, text)| {
                Some(Found {
                    name: format!("(intégré) rules/{id}"),
                    id: (*id).to_string(),
                    text: (*text).to_string(),
                    year: declared_year(text),
                })
            })
            .ok_or_else(|| refuse(codes::EXTENDS_UNKNOWN_YEAR, msg!("load-extends-no-such-file"))),
        RulesSource::Dir(dir) | RulesSource::Open(dir, _) => {
            let path = dir.join(&wanted);
            // Links could still lead out: compare the real paths.
            let (Ok(real_dir), Ok(real_path)) = (std::fs::canonicalize(dir), std::fs::canonicalize(&path))
            else {
                return Err(refuse(
                    codes::EXTENDS_UNKNOWN_YEAR,
                    msg!("load-extends-no-such-file"),
                ));
            };
            if !real_path.starts_with(&real_dir) {
                return Err(refuse(codes::EXTENDS_OUTSIDE, msg!("load-extends-outside")));
            }
            read_found(source, dir, &path).map(Some)
        }
    }
}

/// The rulebooks from the first ancestor to `found` itself.
pub fn chain(source: &RulesSource, found: Found) -> Result<Vec<Found>, LoadError> {
    let mut chain = vec![found];
    while let Some(parent) = match chain.last() {
        Some(child) => parent_of(source, child)?,
        None => None,
    } {
        if let Some(position) = chain.iter().position(|f| f.id == parent.id) {
            let mut names: Vec<String> = chain.iter().skip(position).map(|f| f.name.clone()).collect();
            names.push(parent.name.clone());
            return Err(LoadError::Cycle(names));
        }
        if chain.len() >= MAX_CHAIN {
            return Err(LoadError::Extends(
                chain.first().map(|f| f.name.clone()).unwrap_or_default(),
                parent.name,
                codes::EXTENDS_CYCLE,
                msg!("load-extends-too-long", limit = MAX_CHAIN),
            ));
        }
        chain.push(parent);
    }
    chain.reverse();
    Ok(chain)
}

/// Loads and compiles a rulebook with the rulebooks it extends.
pub fn load(source: &RulesSource, found: Found) -> Result<Compiled, LoadError> {
    let chain = chain(source, found)?;
    let texts: Vec<(String, String)> = chain.into_iter().map(|f| (f.name, f.text)).collect();
    Ok(compile_chain(&texts))
}
