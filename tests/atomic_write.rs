//! The files `clas-rules fmt` and `clas-rules test --update` rewrite are
//! replaced whole or not at all: the binary run as users run it keeps a
//! file's permissions, follows a symbolic link to the file it names, and
//! when the new text cannot be written (a file-size limit stands in for a
//! full disk, and holds even for the superuser) leaves the original
//! byte for byte, says so and exits 1. No temporary file is left behind.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{root, run, stdout};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A mode no usual umask gives a new file, so a file created afresh shows.
const MODE: u32 = 0o604;

/// A fresh, empty folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("atomic-write")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in a folder, sorted: a temporary file left there shows.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// The 2023-2024 rulebook (formatted, as `tests/cli.rs` checks), and the
/// same indented by one space instead of two, which `fmt` rewrites to it.
fn rulebook_and_misformatted() -> (String, String) {
    let formatted = fs::read_to_string(root().join("rules/national/2023-2024.clas")).unwrap();
    let misformatted = formatted.replace("\n  ", "\n ");
    assert_ne!(misformatted, formatted);
    (formatted, misformatted)
}

/// A folder holding one staff case whose expected `ps` is wrong by a euro,
/// with the case's path and the arguments of `test` on that folder.
fn folder_with_a_wrong_case(name: &str) -> (PathBuf, PathBuf, String, Vec<String>) {
    let dir = scratch(name);
    let original = fs::read_to_string(
        root().join("rules/caf-63/tests/2023-2024/depenses-9000-au-dessus-du-plafond.json"),
    )
    .unwrap();
    let wrong = original.replace("\"ps\": \"2563.00\"", "\"ps\": \"2562.00\"");
    assert_ne!(wrong, original);
    let case = dir.join("cas.json");
    fs::write(&case, &wrong).unwrap();
    let args = vec![
        "test".to_string(),
        dir.display().to_string(),
        "--rules-dir".to_string(),
        root().join("rules").display().to_string(),
        "--update".to_string(),
    ];
    (dir, case, wrong, args)
}

/// Runs `clas-rules` in a shell where no file may grow past 1 KiB (in
/// `sh`'s blocks of 512 or 1 024 bytes), as on a disk that fills up part way
/// through; `SIGXFSZ` ignored, so that the write fails instead of the process.
fn run_with_files_limited_to_one_block(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_clas-rules"))
        .args(args)
        .current_dir(root())
        .env_remove("CLAS_RULES_DIR")
        .output()
        .unwrap()
}

#[test]
fn fmt_keeps_the_permissions_and_the_owner_of_the_file_it_rewrites() {
    let dir = scratch("fmt-permissions");
    let (formatted, misformatted) = rulebook_and_misformatted();
    let path = dir.join("a.clas");
    fs::write(&path, &misformatted).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(MODE)).unwrap();
    let superuser = fs::metadata(&dir).unwrap().uid() == 0
        && std::os::unix::fs::chown(&path, Some(4242), Some(4343)).is_ok();

    let out = run(&["fmt", path.to_str().unwrap()], &root());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), formatted);
    assert_eq!(mode(&path), MODE);
    if superuser {
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    }
    assert_eq!(names(&dir), ["a.clas"]);
}

#[test]
fn test_update_keeps_the_permissions_of_the_case_it_rewrites() {
    let (dir, case, wrong, args) = folder_with_a_wrong_case("update-permissions");
    fs::set_permissions(&case, fs::Permissions::from_mode(MODE)).unwrap();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let out = run(&args, &root());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("MIS À JOUR"), "{}", stdout(&out));
    let rewritten = fs::read_to_string(&case).unwrap();
    assert_ne!(rewritten, wrong);
    assert!(rewritten.contains("\"ps\": \"2563.00\""), "{rewritten}");
    assert_eq!(mode(&case), MODE);
    assert_eq!(names(&dir), ["cas.json"]);
}

#[test]
fn fmt_through_a_symbolic_link_rewrites_the_file_it_names_and_keeps_the_link() {
    let dir = scratch("fmt-link");
    let (formatted, misformatted) = rulebook_and_misformatted();
    fs::create_dir(dir.join("real")).unwrap();
    let real = dir.join("real/a.clas");
    fs::write(&real, &misformatted).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(MODE)).unwrap();
    let link = dir.join("link.clas");
    symlink("real/a.clas", &link).unwrap();

    let out = run(&["fmt", link.to_str().unwrap()], &root());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/a.clas"));
    assert_eq!(fs::read_to_string(&real).unwrap(), formatted);
    assert_eq!(mode(&real), MODE);
    assert_eq!(names(&dir), ["link.clas", "real"]);
    assert_eq!(names(&dir.join("real")), ["a.clas"]);
}

#[test]
fn fmt_that_cannot_write_leaves_the_rulebook_byte_for_byte_and_exits_1() {
    let dir = scratch("fmt-full");
    let (_, misformatted) = rulebook_and_misformatted();
    let path = dir.join("a.clas");
    fs::write(&path, &misformatted).unwrap();

    let out = run_with_files_limited_to_one_block(&["fmt", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("erreur : impossible d'écrire `{}` : ", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("(en écrivant le nouveau texte) ; le fichier n'a pas changé"),
        "{stderr}"
    );
    assert!(
        stderr.contains("0 remis en forme, 1 non mis en forme"),
        "{stderr}"
    );
    assert_eq!(stdout(&out), "");
    assert_eq!(fs::read(&path).unwrap(), misformatted.as_bytes());
    assert_eq!(names(&dir), ["a.clas"]);
}

#[test]
fn test_update_that_cannot_write_leaves_the_case_byte_for_byte_and_exits_1() {
    let (dir, case, wrong, args) = folder_with_a_wrong_case("update-full");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let out = run_with_files_limited_to_one_block(&args);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("ÉCHEC  {}", case.display())), "{text}");
    assert!(
        text.contains(&format!("impossible d'écrire `{}` : ", case.display())),
        "{text}"
    );
    assert!(text.contains("le fichier n'a pas changé"), "{text}");
    assert!(!text.contains("MIS À JOUR"), "{text}");
    assert_eq!(fs::read(&case).unwrap(), wrong.as_bytes());
    assert_eq!(names(&dir), ["cas.json"]);
}
