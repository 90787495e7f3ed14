//! Replacing a file atomically, for `-o FILE` and `-w`: readers and an interrupted run see
//! either the old file or the whole new one, never a partial one.
//!
//! The new contents go to a temporary file created (`create_new`, unpredictable name) in
//! the target's directory, so that the final rename stays within one file system. On
//! [`AtomicFile::commit`] it is given the permissions of the existing target, synced, renamed
//! over the target, and the directory is synced so that the rename survives a crash.
//! Dropped without a commit (an error on the way), the temporary file is removed and the
//! target is left untouched.
//!
//! A target that is a symbolic link is resolved first: the file it points to is replaced
//! and the link stays. An existing target keeps its owner and group (the temporary file is
//! given them before the rename; when that is not permitted, nothing is replaced).
//! [`rewrite`] (`-w`) also refuses what it cannot replace without changing what the path
//! is: anything but a regular file, a read-only file, a file with several hard links (a
//! new file would split them), and a file that changed since it was read.
//!
//! Temporary files being written are registered: on SIGINT, SIGTERM or SIGHUP, `main`'s
//! handler removes them ([`remove_temporaries`]) before the process exits. A SIGKILL (or a
//! power cut) cannot be caught: it may leave a hidden `.NAME.zhnorm-….tmp` next to the
//! file, never a partial file under the file's own name.

use std::collections::hash_map::RandomState;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written, for [`remove_temporaries`].
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written (called on a termination signal;
/// afterwards the process exits, so nothing writes to them again).
pub fn remove_temporaries() {
    let temps = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
    for t in temps.iter() {
        let _ = fs::remove_file(t);
    }
}

fn register(tmp: &Path) {
    TEMPORARIES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(tmp.to_path_buf());
}

fn unregister(tmp: &Path) {
    TEMPORARIES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|t| t != tmp);
}

/// A replacement for `target` being written; see the module docs.
pub struct AtomicFile {
    /// The file replaced: the path given, with symbolic links resolved.
    target: PathBuf,
    /// `Some` until committed or removed.
    tmp: Option<PathBuf>,
    w: BufWriter<File>,
}

impl AtomicFile {
    /// Creates the temporary file next to `target` (next to the file it points to, for a
    /// symbolic link).
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let target = &resolve(target)?;
        let dir = parent(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut attempt = 0u32;
        loop {
            let tmp = dir.join(format!(".{name}.zhnorm-{:016x}.tmp", random()));
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(f) => {
                    register(&tmp);
                    return Ok(AtomicFile {
                        target: target.to_path_buf(),
                        tmp: Some(tmp),
                        w: BufWriter::new(f),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Makes the new contents the target's (see the module docs). On an error the target is
    /// untouched and the temporary file removed.
    pub fn commit(mut self) -> io::Result<()> {
        // Existing target: its permissions, owner and group are kept; a new one gets the
        // defaults.
        let existing = fs::metadata(&self.target).ok();
        let Some(tmp) = self.tmp.clone() else {
            return Ok(());
        };
        self.w.flush()?;
        self.w.get_ref().sync_all()?;
        if let Some(m) = &existing {
            keep_owner(self.w.get_ref(), m)?;
            fs::set_permissions(&tmp, m.permissions())?;
        }
        fs::rename(&tmp, &self.target)?;
        unregister(&tmp);
        self.tmp = None;
        if let Ok(d) = File::open(parent(&self.target)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.w.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = fs::remove_file(&tmp);
            unregister(&tmp);
        }
    }
}

/// What [`rewrite`] checks the file against: its size and modification time when it was
/// read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// Whether `-w` may replace `path` (see the module docs), and if so its stamp, to be
/// taken before the file is read and given to [`rewrite`].
pub fn check(path: &Path) -> io::Result<Stamp> {
    let target = resolve(path)?;
    let m = fs::metadata(&target)?;
    if !m.is_file() {
        return Err(refused(
            "not a regular file; -w rewrites regular files only",
        ));
    }
    if m.permissions().readonly() {
        return Err(refused(
            "read-only; -w does not rewrite read-only files (make it writable first)",
        ));
    }
    let links = hard_links(&m);
    if links > 1 {
        return Err(refused(&format!(
            "it has {links} hard links, which a new file would split (write it with -o and \
             copy it over, or break the links first)"
        )));
    }
    Ok(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

/// Replaces the file `path` with `contents` (for `-w`), if [`check`] still passes and the
/// file is still as `read` (its stamp when it was read) says.
pub fn rewrite(path: &Path, contents: &[u8], read: Stamp) -> io::Result<()> {
    if check(path)? != read {
        return Err(refused(
            "it changed while zhnorm was converting it (run zhnorm again)",
        ));
    }
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)?;
    f.commit()
}

/// Whether `path` exists and is something other than a regular file (a device such as
/// /dev/null, a FIFO): `-o` writes to it directly, as a shell redirection does.
pub fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file())
}

fn refused(why: &str) -> io::Error {
    io::Error::other(why.to_string())
}

/// `path` with symbolic links resolved (itself when it does not exist yet).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

#[cfg(unix)]
fn hard_links(m: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(m)
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> u64 {
    1
}

/// Gives the new file the owner and group of the file it replaces (a no-op when they are
/// already the same; an error when the system does not permit it, so that the file is not
/// replaced by one with another owner).
#[cfg(unix)]
fn keep_owner(f: &File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = f.metadata()?;
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid())).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "cannot give the new file the owner {}:{} of the old one ({e})",
                old.uid(),
                old.gid()
            ),
        )
    })
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// The directory holding `path` (`.` for a bare file name).
fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// 64 unpredictable bits from the standard library's randomly keyed hasher (no extra crate).
fn random() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::Permissions;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("zhnorm-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn dropped_without_commit_leaves_target_and_no_temporary() {
        let d = tmpdir("drop");
        let target = d.join("t.txt");
        fs::write(&target, "old").unwrap();
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"new").unwrap();
        drop(f);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn rewrite_refuses_what_it_cannot_replace_in_place() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmpdir("refuse");
        let file = d.join("f.txt");
        fs::write(&file, "old").unwrap();
        let stamp = check(&file).unwrap();
        // Changed since it was read (D10): not overwritten.
        fs::write(&file, "old, and a line added meanwhile").unwrap();
        let e = rewrite(&file, b"new", stamp).unwrap_err();
        assert!(e.to_string().contains("changed"), "{e}");
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "old, and a line added meanwhile"
        );
        // Hard links (D9): refused, both names keep the old contents.
        let link = d.join("hard.txt");
        fs::hard_link(&file, &link).unwrap();
        let e = check(&file).unwrap_err();
        assert!(e.to_string().contains("2 hard links"), "{e}");
        fs::remove_file(&link).unwrap();
        // Read-only (D9): refused.
        fs::set_permissions(&file, Permissions::from_mode(0o444)).unwrap();
        let e = check(&file).unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        fs::set_permissions(&file, Permissions::from_mode(0o644)).unwrap();
        // A FIFO (D2): refused, and left a FIFO.
        let fifo = d.join("p.fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let e = check(&fifo).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn rewrite_through_a_symlink_replaces_its_target_and_keeps_the_link() {
        let d = tmpdir("symlink");
        let file = d.join("real.txt");
        let link = d.join("link.txt");
        fs::write(&file, "old").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        rewrite(&link, b"new", check(&link).unwrap()).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 2);
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn commit_replaces_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmpdir("commit");
        let target = d.join("t.txt");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, Permissions::from_mode(0o640)).unwrap();
        rewrite(&target, b"new", check(&target).unwrap()).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(&d).unwrap();
    }
}
