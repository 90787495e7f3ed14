//! Replacing a file atomically, for the CLI's `-o FILE` and `-w` and the Python package's
//! `convert_file`: readers and an interrupted run see either the old file or the whole new
//! one, never a partial one, and two writers of one file leave one whole result, never a mix.
//!
//! The new contents go to a temporary file created (`create_new`, which follows no symbolic
//! link, under an unpredictable name) in the target's directory, so that the final rename
//! stays within one file system. The temporary file has the target's permissions, owner and
//! group from its creation, before a byte is written to it (a new target: the default 0o666
//! under the umask), so contents meant for a 0600 file are never readable by others. On
//! [`AtomicFile::commit`] it is synced, renamed over the target, and the directory is synced
//! so that the rename survives a crash. Dropped without a commit (an error on the way), the
//! temporary file is removed and the target is left untouched.
//!
//! A target that is a symbolic link is resolved first: the file it points to is replaced
//! and the link stays. An existing target keeps its owner and group (when that is not
//! permitted, nothing is replaced). A target with several hard links is refused: a new file
//! would split them (the other names would keep the old contents). A device or FIFO is not
//! a file to replace: [`Destination::open`] writes to it directly, as a shell redirection
//! does. [`check`] (for `-w`) also refuses what cannot be rewritten in place: anything but a
//! regular file and a read-only file.
//!
//! A file rewritten in place ([`AtomicFile::replacing`], [`rewrite`]) is checked against its
//! [`Stamp`] when it was read at the last moment: after the new contents are written and
//! synced, just before the rename. A write made to it meanwhile is detected and the file is
//! left with it (never lost); only a write in the instant between that check and the rename
//! can escape it.
//!
//! Temporary files being written are registered: on SIGINT, SIGTERM or SIGHUP, the CLI's
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
    /// For a rewrite in place: the target's stamp when it was read, checked before the
    /// rename.
    read: Option<Stamp>,
}

impl AtomicFile {
    /// Creates the temporary file next to `target` (next to the file it points to, for a
    /// symbolic link), with the target's permissions, owner and group. Refuses a target
    /// with several hard links.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let target = resolve(target)?;
        let existing = match fs::metadata(&target) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if let Some(m) = &existing {
            let links = hard_links(m);
            if links > 1 {
                return Err(refused(&format!(
                    "it has {links} hard links, which a new file would split (write to \
                     another file and copy it over, or break the links first)"
                )));
            }
        }
        let dir = parent(&target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut attempt = 0u32;
        loop {
            let tmp = dir.join(format!(".{name}.zhnorm-{:016x}.tmp", random()));
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            set_mode(&mut options, existing.as_ref());
            match options.open(&tmp) {
                Ok(f) => {
                    register(&tmp);
                    let file = AtomicFile {
                        target,
                        tmp: Some(tmp),
                        w: BufWriter::new(f),
                        read: None,
                    };
                    // Dropped on an error: the temporary file goes.
                    if let Some(m) = &existing {
                        keep_owner(file.w.get_ref(), m)?;
                        keep_mode(file.w.get_ref(), m)?;
                    }
                    return Ok(file);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// A replacement for the file `path` read when its stamp was `read` (from [`check`]):
    /// [`AtomicFile::commit`] refuses, leaving the file as it is then, when the file no
    /// longer passes [`check`] or its stamp changed.
    pub fn replacing(path: &Path, read: Stamp) -> io::Result<AtomicFile> {
        check(path)?;
        Ok(AtomicFile::create(path)?.with_read(Some(read)))
    }

    fn with_read(mut self, read: Option<Stamp>) -> AtomicFile {
        self.read = read;
        self
    }

    /// The temporary file being written (until committed).
    pub fn temporary(&self) -> Option<&Path> {
        self.tmp.as_deref()
    }

    /// Makes the new contents the target's (see the module docs). On an error the target is
    /// untouched and the temporary file removed.
    pub fn commit(mut self) -> io::Result<()> {
        let Some(tmp) = self.tmp.clone() else {
            return Ok(());
        };
        self.w.flush()?;
        self.w.get_ref().sync_all()?;
        match self.read {
            // A rewrite: the file must be as it was read, now that only the rename is left.
            Some(read) => {
                if check(&self.target)? != read {
                    return Err(refused(
                        "it changed while zhnorm was converting it (run zhnorm again)",
                    ));
                }
            }
            // The target's permissions, owner and group as they are now (they were copied
            // when the temporary file was created; a new target gets the defaults).
            None => {
                if let Ok(m) = fs::metadata(&self.target) {
                    keep_owner(self.w.get_ref(), &m)?;
                    keep_mode(self.w.get_ref(), &m)?;
                }
            }
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

/// Where output to a path goes (the CLI's `-o FILE`, Python's `convert_file`): a regular
/// file (or a new one) is replaced atomically; a device or FIFO (/dev/null, a named pipe)
/// is written directly, as a shell redirection does; replacing it with a regular file
/// would be wrong.
pub enum Destination {
    Replace(AtomicFile),
    Direct(BufWriter<File>),
}

impl Destination {
    /// Opens `path` for writing (see [`Destination`] and [`AtomicFile::create`]).
    pub fn open(path: &Path) -> io::Result<Destination> {
        if is_special(path) {
            OpenOptions::new()
                .write(true)
                .open(path)
                .map(|f| Destination::Direct(BufWriter::with_capacity(1 << 16, f)))
        } else {
            AtomicFile::create(path).map(Destination::Replace)
        }
    }

    /// Commits the replacement, or flushes what is written directly.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Destination::Replace(f) => f.commit(),
            Destination::Direct(mut w) => w.flush(),
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Replace(f) => f.write(buf),
            Destination::Direct(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Replace(f) => f.write_all(buf),
            Destination::Direct(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Replace(f) => f.flush(),
            Destination::Direct(w) => w.flush(),
        }
    }
}

/// What a rewrite checks the file against: its size, modification and change times when it
/// was read, and its inode (a file put in its place has another one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Device, inode, change time (seconds, nanoseconds); zeros where not known.
    id: (u64, u64, i64, i64),
}

/// Whether `-w` may replace `path` (see the module docs), and if so its stamp, to be
/// taken before the file is read and given to [`rewrite`] or [`AtomicFile::replacing`].
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
        id: identity(&m),
    })
}

/// Replaces the file `path` with `contents` (for `-w`), if [`check`] still passes and the
/// file is still as `read` (its stamp when it was read) says just before the rename.
pub fn rewrite(path: &Path, contents: &[u8], read: Stamp) -> io::Result<()> {
    let mut f = AtomicFile::replacing(path, read)?;
    f.write_all(contents)?;
    f.commit()
}

/// Whether `path` exists and is something other than a regular file (a device such as
/// /dev/null, a FIFO): output to it is written directly, as a shell redirection does.
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

#[cfg(unix)]
fn identity(m: &fs::Metadata) -> (u64, u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino(), m.ctime(), m.ctime_nsec())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64, i64, i64) {
    (0, 0, 0, 0)
}

/// The temporary file is created with the target's permission bits (a new target: 0o666,
/// which the umask narrows, as for any new file). The umask may narrow the existing
/// target's bits too; [`keep_mode`] then sets them exactly, before anything is written.
#[cfg(unix)]
fn set_mode(options: &mut OpenOptions, existing: Option<&fs::Metadata>) {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mode = existing.map_or(0o666, |m| m.permissions().mode() & 0o777);
    options.mode(mode);
}

#[cfg(not(unix))]
fn set_mode(_: &mut OpenOptions, _: Option<&fs::Metadata>) {}

/// Gives the new file exactly the permissions of the file it replaces (after
/// [`keep_owner`], as a change of owner may clear the set-user-ID bit).
fn keep_mode(f: &File, old: &fs::Metadata) -> io::Result<()> {
    if f.metadata()?.permissions() != old.permissions() {
        f.set_permissions(old.permissions())?;
    }
    Ok(())
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

    #[cfg(unix)]
    #[test]
    fn a_write_made_after_the_new_contents_are_written_is_kept() {
        let d = tmpdir("late-write");
        let file = d.join("f.txt");
        fs::write(&file, "old\n").unwrap();
        let stamp = check(&file).unwrap();
        let mut f = AtomicFile::replacing(&file, stamp).unwrap();
        f.write_all(b"new\n").unwrap();
        f.flush().unwrap();
        // Another program appends while the temporary file is complete and only the
        // commit (sync, check, rename) is left.
        let mut other = OpenOptions::new().append(true).open(&file).unwrap();
        other.write_all(b"appended meanwhile\n").unwrap();
        drop(other);
        let e = f.commit().unwrap_err();
        assert!(e.to_string().contains("changed while"), "{e}");
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "old\nappended meanwhile\n"
        );
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "temporary file left");
        fs::remove_dir_all(&d).unwrap();
    }

    /// The temporary file's permission bits, read while it is being written.
    #[cfg(unix)]
    fn temporary_mode(f: &AtomicFile) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        let tmp = f.temporary().expect("not committed yet");
        fs::metadata(tmp).unwrap().permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn the_temporary_file_has_the_final_mode_from_its_creation() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmpdir("mode");
        let file = d.join("secret.txt");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, Permissions::from_mode(0o600)).unwrap();
        let mut f = AtomicFile::replacing(&file, check(&file).unwrap()).unwrap();
        assert_eq!(temporary_mode(&f), 0o600);
        f.write_all(b"new secret").unwrap();
        f.flush().unwrap();
        assert_eq!(temporary_mode(&f), 0o600);
        f.commit().unwrap();
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // Wider than the umask allows (0o666 with a umask of 022 would give 0o644): still
        // exactly the target's bits.
        let shared = d.join("shared.txt");
        fs::write(&shared, "old").unwrap();
        fs::set_permissions(&shared, Permissions::from_mode(0o666)).unwrap();
        let f = AtomicFile::create(&shared).unwrap();
        assert_eq!(temporary_mode(&f), 0o666);
        drop(f);
        // A new file: what any new file gets under the umask.
        let reference = d.join("reference.txt");
        File::create(&reference).unwrap();
        let expected = fs::metadata(&reference).unwrap().permissions().mode() & 0o7777;
        let f = AtomicFile::create(&d.join("new.txt")).unwrap();
        assert_eq!(temporary_mode(&f), expected);
        f.commit().unwrap();
        assert_eq!(
            fs::metadata(d.join("new.txt"))
                .unwrap()
                .permissions()
                .mode()
                & 0o7777,
            expected
        );
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_target_is_refused_and_both_names_kept() {
        let d = tmpdir("hard");
        let file = d.join("a.txt");
        let link = d.join("b.txt");
        fs::write(&file, "old").unwrap();
        fs::hard_link(&file, &link).unwrap();
        for e in [
            AtomicFile::create(&file).err().unwrap(),
            Destination::open(&link).err().unwrap(),
        ] {
            assert!(e.to_string().contains("2 hard links"), "{e}");
        }
        assert_eq!(fs::read_to_string(&file).unwrap(), "old");
        assert_eq!(fs::read_to_string(&link).unwrap(), "old");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 2);
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_destination_is_written_directly_and_stays_a_fifo() {
        let d = tmpdir("fifo");
        let fifo = d.join("out.fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        let mut out = Destination::open(&fifo).unwrap();
        assert!(matches!(out, Destination::Direct(_)));
        out.write_all("頭髮\n".as_bytes()).unwrap();
        out.commit().unwrap();
        assert_eq!(reader.join().unwrap(), "頭髮\n".as_bytes());
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_destination_keeps_the_link_and_a_planted_name_is_not_followed() {
        let d = tmpdir("plant");
        let real = d.join("real.txt");
        let link = d.join("link.txt");
        let victim = d.join("victim.txt");
        fs::write(&real, "old").unwrap();
        fs::write(&victim, "victim").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut out = Destination::open(&link).unwrap();
        let tmp = match &out {
            Destination::Replace(f) => f.temporary().unwrap().to_path_buf(),
            Destination::Direct(_) => panic!("a symlink to a file is replaced"),
        };
        // The temporary file is a new file beside the link's target, not a symlink.
        assert_eq!(tmp.parent(), real.parent());
        assert!(!fs::symlink_metadata(&tmp).unwrap().file_type().is_symlink());
        out.write_all(b"new").unwrap();
        out.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "victim");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 3);
        fs::remove_dir_all(&d).unwrap();
    }
}
