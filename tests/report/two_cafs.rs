//! A rules folder of two Cafs, for the tests of national campaigns: the
//! repository's national framework and Caf 63 (`rules/`), and the invented
//! Caf 15 of `tests/report/caf-15/` (a fixture: the real folder's other
//! Cafs, if any, are left out, so that the figures do not move with them).

use std::path::{Path, PathBuf};

/// Makes the folder under `parent` (a folder of the test's own) and gives
/// its path.
pub fn rules_of_two_cafs(parent: &Path) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = parent.join("regles-deux-caf");
    let _ = std::fs::remove_dir_all(&dir);
    for (from, to) in [
        (root.join("rules/national"), "national"),
        (root.join("rules/caf-63"), "caf-63"),
        (root.join("tests/report/caf-15"), "caf-15"),
    ] {
        std::fs::create_dir_all(dir.join(to)).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "clas") {
                std::fs::copy(&path, dir.join(to).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    std::fs::copy(root.join("rules/clas-rules.toml"), dir.join("clas-rules.toml")).unwrap();
    dir
}
