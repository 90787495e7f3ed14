//! Replacing a file atomically, for `-o FILE` and `-w`: readers and an interrupted run see
//! either the old file or the whole new one, never a partial one.
//!
//! The new contents go to a temporary file created (`create_new`, unpredictable name) in
//! the target's directory, so that the final rename stays within one file system. On
//! [`AtomicFile::commit`] it is given the permissions of the existing target, synced, renamed
//! over the target, and the directory is synced so that the rename survives a crash.
//! Dropped without a commit (an error on the way), the temporary file is removed and the
//! target is left untouched.

use std::collections::hash_map::RandomState;
use std::fs::{self, File, OpenOptions, Permissions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A replacement for `target` being written; see the module docs.
pub struct AtomicFile {
    target: PathBuf,
    /// `Some` until committed or removed.
    tmp: Option<PathBuf>,
    w: BufWriter<File>,
}

impl AtomicFile {
    /// Creates the temporary file next to `target`.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
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
                    return Ok(AtomicFile {
                        target: target.to_path_buf(),
                        tmp: Some(tmp),
                        w: BufWriter::new(f),
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Makes the new contents the target's (see the module docs). On an error the target is
    /// untouched and the temporary file removed.
    pub fn commit(mut self) -> io::Result<()> {
        // Existing target: its permissions are kept; a new one gets the default mode.
        let perms: Option<Permissions> = fs::metadata(&self.target).ok().map(|m| m.permissions());
        let Some(tmp) = self.tmp.clone() else {
            return Ok(());
        };
        self.w.flush()?;
        self.w.get_ref().sync_all()?;
        if let Some(p) = perms {
            fs::set_permissions(&tmp, p)?;
        }
        fs::rename(&tmp, &self.target)?;
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
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Replaces `path` with `contents` (for `-w`).
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)?;
    f.commit()
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
    fn commit_replaces_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmpdir("commit");
        let target = d.join("t.txt");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, Permissions::from_mode(0o640)).unwrap();
        write(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(&d).unwrap();
    }
}
