//! The edge where rulebooks are found: a rules directory on disk, or the
//! copy built into the binary; the rulebook of a school year; the chain of
//! rulebooks that one `extends`, which must stay inside the rules directory.

use super::{ChainFile, Compiled, caf_of_layer, compile_layers, layer_of_caf};
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
    /// The layer its header names (`national`, `caf-63`), if any.
    pub layer: Option<String>,
    /// The layer it is written over, if any.
    pub over: Option<String>,
    /// What its header says it extends, if anything.
    pub extends: Option<String>,
}

impl Found {
    /// A rulebook's text, with what its header says of its year and layer.
    pub fn new(name: String, id: String, text: String) -> Found {
        // The header is read once for the three fields.
        let header = crate::syntax::parser::parse_header(&text);
        let field = |key: &str| {
            header.as_ref().and_then(|h| {
                h.fields
                    .iter()
                    .find(|(k, _)| k.name == key)
                    .map(|(_, v)| v.value.clone())
            })
        };
        Found {
            name,
            id,
            year: field("year"),
            layer: field("layer"),
            over: field("over"),
            extends: field("extends"),
            text,
        }
    }

    /// The Caf it is for, when its layer is a Caf's.
    pub fn caf(&self) -> Option<&str> {
        self.layer.as_deref().and_then(caf_of_layer)
    }
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
    /// No rulebook of a layer for the school year: the layer, the year, the
    /// years the layer has.
    NoYearInLayer(String, String, Vec<String>),
    /// `over` names a layer that cannot be used: the rulebook, the layer,
    /// and why.
    Over(String, String, Code, Message),
    /// A Caf the folder has no layer for; the Cafs it has.
    UnknownCaf(String, Vec<String>),
    /// The folder has several Cafs and none is named or declared the default.
    WhichCaf(Vec<String>),
    /// The settings file cannot be read: its name and why.
    Settings(String, Message),
}

impl LoadError {
    /// Its code, which `clas-rules explain` explains.
    pub fn code(&self) -> Code {
        match self {
            LoadError::Read(..) | LoadError::NoYear(..) | LoadError::TwoForYear(..) => {
                codes::RULEBOOK_NOT_FOUND
            }
            LoadError::Extends(_, _, code, _) | LoadError::Over(_, _, code, _) => *code,
            LoadError::Cycle(_) => codes::EXTENDS_CYCLE,
            LoadError::NoYearInLayer(..) => codes::LAYER_NOT_FOUND,
            LoadError::UnknownCaf(..) | LoadError::WhichCaf(..) => codes::UNKNOWN_CAF,
            LoadError::Settings(..) => codes::RULEBOOK_NOT_FOUND,
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
            LoadError::NoYearInLayer(layer, year, years) => match caf_of_layer(layer) {
                Some(caf) => msg!(
                    "load-caf-no-year",
                    caf = caf,
                    year = year.as_str(),
                    years = years.join(", ")
                ),
                None => msg!(
                    "load-layer-no-year",
                    layer = layer.as_str(),
                    year = year.as_str(),
                    years = years.join(", ")
                ),
            },
            LoadError::Over(file, layer, _, why) => msg!(
                "load-over",
                file = file.as_str(),
                layer = layer.as_str(),
                why = why.clone()
            ),
            LoadError::UnknownCaf(caf, known) if known.is_empty() => {
                msg!("load-unknown-caf-none", caf = caf.as_str())
            }
            LoadError::UnknownCaf(caf, known) => {
                msg!("load-unknown-caf", caf = caf.as_str(), cafs = known.join(", "))
            }
            LoadError::WhichCaf(known) => msg!("load-which-caf", cafs = known.join(", ")),
            LoadError::Settings(file, why) => {
                msg!("load-settings", file = file.as_str(), why = why.clone())
            }
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
/// else the rules folder the current folder is in (as [`rules_dir_of`]
/// finds it: with its settings file, or named `rules`), else the copy built
/// into the binary.
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
    if let Ok(here) = std::env::current_dir()
        && let Some(root) = here.ancestors().find(|dir| is_rules_root(dir))
    {
        return RulesSource::Dir(root.to_path_buf());
    }
    RulesSource::Embedded
}

/// Whether a folder is the top of a rules folder: it has the settings file,
/// or it is named `rules`.
fn is_rules_root(dir: &Path) -> bool {
    dir.join(SETTINGS_FILE).is_file() || dir.file_name().is_some_and(|n| n == "rules")
}

/// The rules directory a rulebook file belongs to when none is given: the
/// nearest folder above it that has the folder's settings
/// ([`SETTINGS_FILE`]) or is named `rules`; else, for a file in a layer's
/// folder (`national/`, `caf-<code>/`), the folder that holds it; else its
/// own folder. So a rules folder keeps working under another name (copied
/// into `Documents/Règles CLAS/`, say), and a lone file only looks beside it.
pub fn rules_dir_of(file: &Path) -> PathBuf {
    // A bare file name (`2024-2025.clas`) is in the current folder.
    let parent = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let absolute = std::fs::canonicalize(&parent).unwrap_or(parent.clone());
    if let Some(root) = absolute.ancestors().find(|dir| is_rules_root(dir)) {
        return root.to_path_buf();
    }
    let layer_folder = absolute
        .file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name == super::NATIONAL || super::caf_of_layer(name).is_some());
    match absolute.parent() {
        Some(root) if layer_folder => root.to_path_buf(),
        _ => parent,
    }
}

/// Every rulebook (`*.clas`) of a source, sorted by name.
pub fn all_rulebooks(source: &RulesSource) -> Result<Vec<Found>, LoadError> {
    let mut found = Vec::new();
    match source {
        RulesSource::Embedded => {
            for (id, text) in embedded::EMBEDDED {
                found.push(Found::new(
                    format!("(intégré) rules/{id}"),
                    (*id).to_string(),
                    (*text).to_string(),
                ));
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
    Ok(Found::new(path.display().to_string(), id, text))
}

/// The `*.clas` files under `dir`, through its subfolders. A folder reached
/// twice (through a link back up, say) is read once; hidden folders
/// (`.git`, `.vscode`…) are not rules and are left out.
fn collect_rulebooks(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let mut seen = std::collections::HashSet::new();
    collect_rulebooks_in(dir, found, &mut seen)
}

fn collect_rulebooks_in(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> Result<(), LoadError> {
    if !seen.insert(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())) {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| LoadError::Read(dir.display().to_string(), io_problem(&e)))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                collect_rulebooks_in(&path, found, seen)?;
            }
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

/// The rulebook of a school year: the default Caf's, when the folder has
/// several layers (see [`for_caf_year`]).
pub fn for_year(source: &RulesSource, year: &str) -> Result<Found, LoadError> {
    for_caf_year(source, None, year)
}

/// The top rulebook that decides for a Caf and a school year: the Caf
/// named, else the default Caf of the folder's settings, else the only
/// layer no other is written over.
pub fn for_caf_year(source: &RulesSource, caf: Option<&str>, year: &str) -> Result<Found, LoadError> {
    let all = all_rulebooks(source)?;
    let layer = choose_layer(source, &all, caf)?;
    in_layer(&all, layer.as_deref(), year)
}

/// The Cafs of a set of rulebooks (their layers named `caf-…`), sorted.
pub fn cafs(all: &[Found]) -> Vec<String> {
    let mut cafs: Vec<String> = all.iter().filter_map(|f| f.caf().map(str::to_string)).collect();
    cafs.sort();
    cafs.dedup();
    cafs
}

/// The layers of a set of rulebooks, those written over others last.
pub fn layers(all: &[Found]) -> Vec<Option<String>> {
    let mut layers: Vec<Option<String>> = all.iter().map(|f| f.layer.clone()).collect();
    layers.sort();
    layers.dedup();
    let is_base =
        |layer: &Option<String>| layer.is_some() && all.iter().any(|f| f.over.is_some() && f.over == *layer);
    layers.sort_by_key(|layer| !is_base(layer));
    layers
}

/// The rulebooks that decide (those of the layers no other is written
/// over: each Caf's, or the only layer's), in order.
pub fn deciding(all: &[Found]) -> Vec<Found> {
    all.iter()
        .filter(|f| !all.iter().any(|g| g.over.is_some() && g.over == f.layer))
        .cloned()
        .collect()
}

/// The Caf of a record that names none: the one asked, else the folder's
/// default, else its only Caf.
pub fn default_caf(
    source: &RulesSource,
    all: &[Found],
    asked: Option<&str>,
) -> Result<Option<String>, LoadError> {
    if let Some(caf) = asked {
        return Ok(Some(caf.trim().to_string()));
    }
    if let Some(caf) = settings(source)?.default_caf {
        return Ok(Some(caf));
    }
    Ok(match cafs(all).as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    })
}

/// The layer that decides for `caf` (or for an application that names none).
pub fn choose_layer(
    source: &RulesSource,
    all: &[Found],
    caf: Option<&str>,
) -> Result<Option<String>, LoadError> {
    let known = cafs(all);
    let wanted = match caf {
        Some(caf) => Some(caf.trim().to_string()),
        None => settings(source)?.default_caf,
    };
    if let Some(caf) = wanted {
        let layer = layer_of_caf(&caf);
        if all.iter().any(|f| f.layer.as_deref() == Some(layer.as_str())) {
            return Ok(Some(layer));
        }
        return Err(LoadError::UnknownCaf(caf, known));
    }
    // The layers that no other is written over.
    let mut tops: Vec<Option<String>> = all
        .iter()
        .filter(|f| !all.iter().any(|g| g.over.is_some() && g.over == f.layer))
        .map(|f| f.layer.clone())
        .collect();
    tops.sort();
    tops.dedup();
    match tops.as_slice() {
        [] => Ok(None),
        [only] => Ok(only.clone()),
        _ => Err(LoadError::WhichCaf(known)),
    }
}

/// The rulebook of a layer for a school year.
pub fn in_layer(all: &[Found], layer: Option<&str>, year: &str) -> Result<Found, LoadError> {
    let of_layer = || all.iter().filter(|f| f.layer.as_deref() == layer);
    let mut matching = of_layer().filter(|f| f.year.as_deref() == Some(year));
    match (matching.next(), matching.next()) {
        (Some(first), None) => Ok(first.clone()),
        (Some(first), Some(second)) => Err(LoadError::TwoForYear(
            year.to_string(),
            first.name.clone(),
            second.name.clone(),
        )),
        (None, _) => {
            let mut years: Vec<String> = of_layer().filter_map(|f| f.year.clone()).collect();
            years.sort();
            years.dedup();
            match layer {
                Some(layer) => Err(LoadError::NoYearInLayer(
                    layer.to_string(),
                    year.to_string(),
                    years,
                )),
                None => Err(LoadError::NoYear(year.to_string(), years)),
            }
        }
    }
}

/// What the settings file of a rules folder (`clas-rules.toml`) says.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The Caf that decides for an application naming none.
    #[serde(rename = "caf_par_defaut")]
    pub default_caf: Option<String>,
}

/// The name of a rules folder's settings file.
pub const SETTINGS_FILE: &str = "clas-rules.toml";

/// The settings of a rules source (none when it has no settings file).
pub fn settings(source: &RulesSource) -> Result<Settings, LoadError> {
    let (name, text) = match source {
        RulesSource::Embedded => match embedded::SETTINGS {
            Some(text) => (format!("(intégré) rules/{SETTINGS_FILE}"), text.to_string()),
            None => return Ok(Settings::default()),
        },
        RulesSource::Dir(dir) | RulesSource::Open(dir, _) => {
            let path = dir.join(SETTINGS_FILE);
            if !path.exists() {
                return Ok(Settings::default());
            }
            (path.display().to_string(), source.read(&path)?)
        }
    };
    parse_settings(&text).map_err(|why| LoadError::Settings(name, why))
}

/// Reads a settings file's text.
pub fn parse_settings(text: &str) -> Result<Settings, Message> {
    toml::from_str::<Settings>(text).map_err(|error| {
        let (line, column) = match error.span() {
            Some(span) => {
                let before = text.get(..span.start).unwrap_or("");
                (
                    before.matches('\n').count() + 1,
                    before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
                )
            }
            None => (1, 1),
        };
        msg!("load-settings-problem", line = line, column = column)
    })
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
            Ok(Found::new(
                path.display().to_string(),
                id.unwrap_or_else(|| path.display().to_string()),
                text,
            ))
        }
        RulesSource::Embedded => {
            let text = read_text(path)?;
            Ok(Found::new(
                path.display().to_string(),
                path.display().to_string(),
                text,
            ))
        }
    }
}

/// The rulebook that `child` extends, if any.
fn parent_of(source: &RulesSource, all: &[Found], child: &Found) -> Result<Option<Found>, LoadError> {
    let Some(target) = child.extends.clone() else {
        return Ok(None);
    };
    let refuse = |code: Code, why: Message| LoadError::Extends(child.name.clone(), target.clone(), code, why);
    if is_school_year(&target) {
        if child.year.as_deref() == Some(target.as_str()) {
            return Err(refuse(codes::EXTENDS_CYCLE, msg!("load-extends-itself")));
        }

        return match in_layer(all, child.layer.as_deref(), &target) {
            Ok(found) => Ok(Some(found)),
            Err(LoadError::NoYear(_, years) | LoadError::NoYearInLayer(_, _, years)) if years.is_empty() => {
                Err(refuse(codes::EXTENDS_UNKNOWN_YEAR, msg!("load-extends-no-year")))
            }
            Err(LoadError::NoYear(_, years) | LoadError::NoYearInLayer(_, _, years)) => Err(refuse(
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
                Some(Found::new(
                    format!("(intégré) rules/{id}"),
                    (*id).to_string(),
                    (*text).to_string(),
                ))
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

/// The rulebooks from the first ancestor to `found` itself: the files of
/// the layer it is written over first (with theirs), then those of its own
/// layer, oldest first.
pub fn chain(source: &RulesSource, found: Found) -> Result<Vec<Found>, LoadError> {
    chain_in(source, &all_rulebooks(source)?, found)
}

/// [`chain`], with the rulebooks of the source already read (`all`), for
/// who loads many.
pub fn chain_in(source: &RulesSource, all: &[Found], found: Found) -> Result<Vec<Found>, LoadError> {
    let mut layers_seen: Vec<Option<String>> = Vec::new();
    chain_over(source, all, found, &mut layers_seen)
}

fn chain_over(
    source: &RulesSource,
    all: &[Found],
    found: Found,
    layers_seen: &mut Vec<Option<String>>,
) -> Result<Vec<Found>, LoadError> {
    layers_seen.push(found.layer.clone());
    let mut chain = vec![found];
    while let Some(parent) = match chain.last() {
        Some(child) => parent_of(source, all, child)?,
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
    // The layer under this one, for the same school year.
    let Some(top) = chain.last() else { return Ok(chain) };
    let Some(over) = top.over.clone() else {
        return Ok(chain);
    };
    let refuse = |code: Code, why: Message| LoadError::Over(top.name.clone(), over.clone(), code, why);
    if layers_seen.contains(&Some(over.clone())) {
        return Err(refuse(codes::EXTENDS_CYCLE, msg!("load-over-cycle")));
    }
    let year = top.year.clone().unwrap_or_default();
    let base = match in_layer(all, Some(&over), &year) {
        Ok(base) => base,
        Err(LoadError::NoYearInLayer(_, _, years)) if years.is_empty() => {
            let dir = match source {
                RulesSource::Dir(dir) | RulesSource::Open(dir, _) => std::fs::canonicalize(dir)
                    .unwrap_or_else(|_| dir.clone())
                    .display()
                    .to_string(),
                RulesSource::Embedded => "(intégré) rules".to_string(),
            };
            return Err(refuse(
                codes::LAYER_NOT_FOUND,
                msg!("load-over-no-layer", dir = dir),
            ));
        }
        Err(LoadError::NoYearInLayer(_, _, years)) => {
            return Err(refuse(
                codes::LAYER_NOT_FOUND,
                msg!(
                    "load-over-no-year",
                    year = year.as_str(),
                    years = years.join(", ")
                ),
            ));
        }
        Err(other) => return Err(other),
    };
    let mut below = chain_over(source, all, base, layers_seen)?;
    if below.len() + chain.len() > MAX_CHAIN {
        return Err(refuse(
            codes::EXTENDS_CYCLE,
            msg!("load-extends-too-long", limit = MAX_CHAIN),
        ));
    }
    below.extend(chain);
    Ok(below)
}

/// Loads and compiles a rulebook with the rulebooks it extends and those of
/// the layers it is written over.
pub fn load(source: &RulesSource, found: Found) -> Result<Compiled, LoadError> {
    Ok(compile_layers(&chain_files(source, found)?))
}

/// [`load`], with the rulebooks of the source already read (`all`): who
/// loads every rulebook of a folder reads the folder once.
pub fn load_in(source: &RulesSource, all: &[Found], found: Found) -> Result<Compiled, LoadError> {
    Ok(compile_layers(&to_files(chain_in(source, all, found)?)))
}

/// [`load_in`] for several rulebooks, each file parsed once for all.
pub fn load_many(source: &RulesSource, all: &[Found], found: Vec<Found>) -> Vec<Result<Compiled, LoadError>> {
    let mut cache = super::ParseCache::default();
    found
        .into_iter()
        .map(|f| {
            Ok(super::compile_layers_sharing(
                &to_files(chain_in(source, all, f)?),
                &mut cache,
            ))
        })
        .collect()
}

/// The texts [`load`] compiles, in order.
pub fn chain_files(source: &RulesSource, found: Found) -> Result<Vec<ChainFile>, LoadError> {
    Ok(to_files(chain(source, found)?))
}

fn to_files(chain: Vec<Found>) -> Vec<ChainFile> {
    chain
        .into_iter()
        .map(|f| ChainFile {
            name: f.name,
            text: f.text,
            layer: f.layer,
        })
        .collect()
}
