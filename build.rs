//! Embeds into the binary every rulebook under `rules/`, so that
//! `clas-rules eval` works from any folder, and a new year's rulebook is
//! picked up by a rebuild without any change to the Rust code; and the
//! message catalogs (`locales/<lang>/<area>.ftl`) and the explanations of the
//! diagnostic codes (`docs/codes/<lang>/<CODE>.md`), so that a translator's
//! edit needs no change to the Rust code either.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, "clas", &mut files);
    files.sort();
    let mut code = String::from(
        "/// Every rulebook of `rules/` at build time: (path inside `rules/`, text).\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = file
            .strip_prefix(&rules)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            code,
            "    ({relative:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    code.push_str("];\n");
    // The rules folder's settings (the default Caf), if it has them.
    let settings = rules.join("clas-rules.toml");
    println!("cargo:rerun-if-changed={}", settings.display());
    if settings.is_file() {
        let _ = writeln!(
            code,
            "/// The settings of `rules/` at build time.\npub static SETTINGS: Option<&str> = Some(include_str!({:?}));",
            settings.display().to_string()
        );
    } else {
        code.push_str(
            "/// The settings of `rules/` at build time (none).\npub static SETTINGS: Option<&str> = None;\n",
        );
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    if let Err(error) = std::fs::write(out.join("embedded_rules.rs"), code) {
        println!("cargo:warning=could not write the embedded rulebooks: {error}");
    }
    let mut code = String::new();
    code.push_str(&by_language(
        &root.join("locales"),
        "ftl",
        "CATALOGS",
        "Every message catalog: (language, area, text).",
    ));
    code.push_str(&by_language(
        &root.join("docs").join("codes"),
        "md",
        "EXPLANATIONS",
        "Every explanation of a code: (language, code, text).",
    ));
    if let Err(error) = std::fs::write(out.join("embedded_catalogs.rs"), code) {
        println!("cargo:warning=could not write the embedded catalogs: {error}");
    }
}

/// A static of (language folder, file stem, text) for the files of `dir/<lang>/`.
fn by_language(dir: &Path, extension: &str, name: &str, doc: &str) -> String {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(dir, extension, &mut files);
    files.sort();
    let mut code = format!("/// {doc}\nstatic {name}: &[(&str, &str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let lang = file
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = file
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({lang:?}, {stem:?}, include_str!({:?})),",
            file.display().to_string()
        );
    }
    code.push_str("];\n");
    code
}
