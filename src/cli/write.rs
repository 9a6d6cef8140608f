//! Replacing a file whole or not at all. The new text goes to a temporary
//! file beside the original, reaches the disk, takes the original's
//! permissions and is renamed over it: a full disk or an interrupted run
//! leaves the old file or the new one, never a truncated one.

use crate::i18n::Message;
use crate::msg;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many names a temporary file tries before giving up (another run with
/// the same process id left files behind, or is writing there now).
const NAME_ATTEMPTS: u32 = 100;

/// Numbers the temporary files of this process, so two writes never share one.
static TEMPORARY_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A file that could not be replaced; the original is as it was.
#[derive(Debug)]
pub struct WriteError {
    /// The file as the user named it.
    path: PathBuf,
    /// What was being done when it failed.
    step: Step,
    /// Why it failed.
    source: io::Error,
    /// A temporary file that could not be removed after the failure.
    left_behind: Option<PathBuf>,
}

/// The steps of a replacement, named in the error of the one that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Following a symbolic link to the file it names.
    FollowLink,
    /// Reading the original's permissions.
    Inspect,
    /// Creating the temporary file.
    Create,
    /// Writing the new text.
    Write,
    /// Flushing the new text to the disk.
    Sync,
    /// Giving the temporary file the original's permissions.
    Permissions,
    /// Renaming the temporary file over the original.
    Rename,
    /// Writing straight into a device or a pipe (nothing there to replace).
    Direct,
}

impl WriteError {
    /// What went wrong, as a message of the catalogs.
    pub fn message(&self) -> Message {
        let doing = match self.step {
            Step::FollowLink => msg!("write-step-follow-link"),
            Step::Inspect => msg!("write-step-inspect"),
            Step::Create => msg!("write-step-create"),
            Step::Write => msg!("write-step-write"),
            Step::Sync => msg!("write-step-sync"),
            Step::Permissions => msg!("write-step-permissions"),
            Step::Rename => msg!("write-step-rename"),
            Step::Direct => msg!("write-step-direct"),
        };
        let path = self.path.display().to_string();
        let why = crate::rulebook::io_problem(&self.source);
        match (&self.left_behind, self.step) {
            (Some(temporary), _) => msg!(
                "write-failed-left-behind",
                path = path,
                why = why,
                doing = doing,
                temporary = temporary.display().to_string()
            ),
            (None, Step::Direct) => msg!("write-failed-direct", path = path, why = why, doing = doing),
            (None, _) => msg!("write-failed", path = path, why = why, doing = doing),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(crate::i18n::Lang::En))
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Replaces the file at `path` with `contents`, whole or not at all.
///
/// A symbolic link is followed: the file it names is replaced and the link
/// stays. The new file keeps the original's permissions (and, where the
/// system allows, its owner); a file that did not exist is created as
/// `std::fs::write` would create it. A device or a named pipe
/// (`/dev/stdout`) is written to directly, as there is no file to replace.
/// A hard link to the original keeps the old text.
pub fn replace_file(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    replace_with(path, |file| file.write_all(contents))
}

/// [`replace_file`], with the writing step given: the tests make it fail.
fn replace_with(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), WriteError> {
    let fail = |step, source| WriteError {
        path: path.to_path_buf(),
        step,
        source,
        left_behind: None,
    };
    // Through any link: `/dev/stdout` names a pipe by a link that cannot be
    // followed to a path, and a pipe is written to, not replaced.
    let original = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(fail(Step::Inspect, error)),
    };
    if original.as_ref().is_some_and(is_device_or_pipe) {
        let mut file = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .map_err(|e| fail(Step::Direct, e))?;
        return write(&mut file).map_err(|e| fail(Step::Direct, e));
    }
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| fail(Step::FollowLink, e))?
        }
        _ => path.to_path_buf(),
    };
    let (mut file, temporary) =
        create_temporary(&target, original.is_some()).map_err(|e| fail(Step::Create, e))?;
    let filled = write(&mut file)
        .map_err(|e| (Step::Write, e))
        .and_then(|()| file.sync_all().map_err(|e| (Step::Sync, e)))
        .and_then(|()| match &original {
            Some(meta) => copy_permissions(&file, meta).map_err(|e| (Step::Permissions, e)),
            None => Ok(()),
        });
    drop(file);
    let placed = filled.and_then(|()| fs::rename(&temporary, &target).map_err(|e| (Step::Rename, e)));
    match placed {
        Ok(()) => {
            sync_folder(&target);
            Ok(())
        }
        Err((step, source)) => Err(WriteError {
            left_behind: fs::remove_file(&temporary).err().map(|_| temporary),
            ..fail(step, source)
        }),
    }
}

/// A new, empty file beside `target`, with a name no other file has.
fn create_temporary(target: &Path, replacing: bool) -> io::Result<(File, PathBuf)> {
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not end in a file name",
        )
    })?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if replacing {
        // Readable by no one else until it has the original's permissions.
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = replacing;
    let mut last_error = None;
    for _ in 0..NAME_ATTEMPTS {
        let number = TEMPORARY_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut temporary_name = std::ffi::OsString::from(".");
        temporary_name.push(name);
        temporary_name.push(format!(".clas-rules-{}-{number}.tmp", std::process::id()));
        let temporary = folder.join(temporary_name);
        match options.open(&temporary) {
            Ok(file) => return Ok((file, temporary)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last_error = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::from(io::ErrorKind::AlreadyExists)))
}

/// Gives `file` the permissions of the original, and its owner where the
/// system lets this process (only the superuser may give a file away; a
/// refusal is no reason to keep the old text, so it is let go).
fn copy_permissions(file: &File, original: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Before the mode: changing the owner can clear set-user-id bits.
        let _ = std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
    }
    file.set_permissions(original.permissions())
}

/// Whether the file is a device or a pipe, which are written, not replaced.
fn is_device_or_pipe(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_char_device() || kind.is_block_device() || kind.is_fifo() || kind.is_socket()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Makes the rename itself durable. The new text is already in place, so a
/// failure here is not reported: the file is not "unchanged" any more.
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(folder) = target.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(folder) = File::open(folder) {
            let _ = folder.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};

    /// A fresh, empty folder.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("clas-rules-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The names in a folder, sorted.
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

    #[test]
    fn replaces_the_text_and_keeps_the_permissions() {
        let dir = scratch("replaces");
        let path = dir.join("a.clas");
        fs::write(&path, "old text, longer than the new one\n").unwrap();
        // A mode no usual umask gives a new file.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
        replace_file(&path, b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(mode(&path), 0o604);
        assert_eq!(names(&dir), ["a.clas"]);
    }

    #[test]
    fn a_file_that_did_not_exist_is_created() {
        let dir = scratch("creates");
        let path = dir.join("summary.json");
        replace_file(&path, b"{}").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
        assert_eq!(names(&dir), ["summary.json"]);
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_original_and_no_temporary_file() {
        let dir = scratch("disk-full");
        let path = dir.join("a.clas");
        fs::write(&path, "the original text\n").unwrap();
        let error = replace_with(&path, |file| {
            file.write_all(b"the new te")?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC: no space left on device
        })
        .unwrap_err();
        assert_eq!(error.step, Step::Write);
        assert_eq!(fs::read_to_string(&path).unwrap(), "the original text\n");
        assert_eq!(names(&dir), ["a.clas"]);
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("cannot write `{}`: ", path.display())),
            "{message}"
        );
        assert!(
            message.ends_with("(while writing the new text); the file is unchanged"),
            "{message}"
        );
    }

    #[test]
    fn a_rename_that_fails_leaves_the_original_and_no_temporary_file() {
        // Renaming a file over a folder fails, even for the superuser.
        let dir = scratch("rename-fails");
        let target = dir.join("a.clas");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "kept").unwrap();
        let error = replace_file(&target, b"new").unwrap_err();
        assert_eq!(error.step, Step::Rename);
        assert!(error.to_string().ends_with("; the file is unchanged"), "{error}");
        assert_eq!(fs::read_to_string(target.join("inside")).unwrap(), "kept");
        assert_eq!(names(&dir), ["a.clas"]);
    }

    #[test]
    fn a_path_through_a_file_is_refused_before_anything_is_created() {
        // The folder is a file: even the superuser cannot write there.
        let dir = scratch("no-folder");
        fs::write(dir.join("not-a-folder"), "").unwrap();
        let error = replace_file(&dir.join("not-a-folder/a.clas"), b"new").unwrap_err();
        assert_eq!(error.step, Step::Inspect);
        assert_eq!(names(&dir), ["not-a-folder"]);
        assert_eq!(fs::read(dir.join("not-a-folder")).unwrap(), b"");
    }

    #[test]
    fn a_symbolic_link_keeps_pointing_at_the_file_it_names_which_is_replaced() {
        let dir = scratch("link");
        fs::create_dir(dir.join("real")).unwrap();
        let real = dir.join("real/a.clas");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o604)).unwrap();
        let link = dir.join("link.clas");
        symlink("real/a.clas", &link).unwrap();
        replace_file(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/a.clas"));
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(mode(&real), 0o604);
        assert_eq!(names(&dir), ["link.clas", "real"]);
        assert_eq!(names(&dir.join("real")), ["a.clas"]);
    }

    #[test]
    fn a_pipe_named_by_a_link_that_leads_nowhere_is_written_to() {
        // What `/dev/stdout` is when the output goes to a pipe: a link to
        // `/proc/self/fd/1`, itself a link to `pipe:[…]`, no path at all.
        use std::io::Read;
        use std::os::fd::AsRawFd;
        let (mut reader, writer) = io::pipe().unwrap();
        let path = PathBuf::from(format!("/proc/self/fd/{}", writer.as_raw_fd()));
        assert!(fs::canonicalize(&path).is_err());
        replace_file(&path, b"to standard output").unwrap();
        drop(writer);
        let mut received = Vec::new();
        reader.read_to_end(&mut received).unwrap();
        assert_eq!(received, b"to standard output");
    }

    #[test]
    fn a_named_pipe_is_written_to_not_replaced() {
        let dir = scratch("pipe");
        let pipe = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap();
        assert!(made.success());
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || fs::read(pipe).unwrap())
        };
        replace_file(&pipe, b"through the pipe").unwrap();
        // Checked before joining: a replaced pipe would leave the reader waiting.
        assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert_eq!(names(&dir), ["pipe"]);
    }
}
