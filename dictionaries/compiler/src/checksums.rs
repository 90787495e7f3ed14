//! The SHA-256 of every input file, listed in `dictionaries/CHECKSUMS.sha256` (the format of
//! `sha256sum`, paths relative to `dictionaries/`) and checked on every build, so that an
//! edited or added dictionary never goes unnoticed.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The list's file name, in the dictionaries folder.
pub const LIST: &str = "CHECKSUMS.sha256";

/// What to do about a difference, for error messages.
const FIX: &str = "if the change is intended, rewrite the list with `dictionaries/update.sh --checksums` \
     (or `cd dictionaries && sha256sum opencc/*.txt opencc/config/*.json zhnorm/*.txt > CHECKSUMS.sha256`) \
     and commit it with the change; otherwise restore the file (`git checkout -- dictionaries/`)";

/// Why the input files do not match the list.
#[derive(Debug)]
pub enum ChecksumError {
    /// A file (or the list) could not be read.
    Io(PathBuf, io::Error),
    /// A line of the list is not `<64 hex digits>  <path>`.
    Malformed(usize),
    /// The file's content differs from the list.
    Differs(String),
    /// The file is an input but not in the list.
    Unlisted(String),
    /// The list names a file that is not there.
    Missing(String),
}

impl fmt::Display for ChecksumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChecksumError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            ChecksumError::Malformed(line) => write!(
                f,
                "dictionaries/{LIST}:{line}: expected `<sha256>  <path>`; {FIX}"
            ),
            ChecksumError::Differs(file) => write!(
                f,
                "dictionaries/{file} differs from its checksum in dictionaries/{LIST}; {FIX}"
            ),
            ChecksumError::Unlisted(file) => write!(
                f,
                "dictionaries/{file} is not listed in dictionaries/{LIST}; {FIX}"
            ),
            ChecksumError::Missing(file) => write!(
                f,
                "dictionaries/{file} is listed in dictionaries/{LIST} but missing; {FIX}"
            ),
        }
    }
}

impl std::error::Error for ChecksumError {}

/// The input files of the build, relative to `dir` (the dictionaries folder), sorted:
/// OpenCC's text dictionaries and configs, and zhnorm's own corrections.
pub fn inputs(dir: &Path) -> Result<Vec<String>, ChecksumError> {
    let mut files = Vec::new();
    for (sub, ext) in [
        ("opencc", "txt"),
        ("opencc/config", "json"),
        ("zhnorm", "txt"),
        ("frequency", "tsv"),
    ] {
        let path = dir.join(sub);
        let entries = fs::read_dir(&path).map_err(|e| ChecksumError::Io(path.clone(), e))?;
        for entry in entries {
            let p = entry
                .map_err(|e| ChecksumError::Io(path.clone(), e))?
                .path();
            if p.is_file() && p.extension().is_some_and(|e| e == ext) {
                let name = p.file_name().unwrap().to_string_lossy();
                files.push(format!("{sub}/{name}"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The SHA-256 of a file, in lowercase hex.
pub fn digest(path: &Path) -> Result<String, ChecksumError> {
    let bytes = fs::read(path).map_err(|e| ChecksumError::Io(path.to_path_buf(), e))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The list as `sha256sum` writes it for the inputs of `dir`.
pub fn render(dir: &Path) -> Result<String, ChecksumError> {
    let mut out = String::new();
    for file in inputs(dir)? {
        out += &format!("{}  {file}\n", digest(&dir.join(&file))?);
    }
    Ok(out)
}

/// Checks every input of `dir` against the list: each must be listed with its current
/// checksum, and each listed file must exist. Returns the inputs' paths.
pub fn verify(dir: &Path) -> Result<Vec<PathBuf>, ChecksumError> {
    let list_path = dir.join(LIST);
    let text = fs::read_to_string(&list_path).map_err(|e| ChecksumError::Io(list_path, e))?;
    let mut listed = BTreeMap::new();
    for (no, line) in text.lines().enumerate() {
        let (sum, file) = line
            .split_once("  ")
            .filter(|(s, _)| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or(ChecksumError::Malformed(no + 1))?;
        listed.insert(file.to_string(), sum.to_ascii_lowercase());
    }
    let files = inputs(dir)?;
    for file in &files {
        let want = listed
            .remove(file)
            .ok_or_else(|| ChecksumError::Unlisted(file.clone()))?;
        if digest(&dir.join(file))? != want {
            return Err(ChecksumError::Differs(file.clone()));
        }
    }
    if let Some(file) = listed.into_keys().next() {
        return Err(ChecksumError::Missing(file));
    }
    Ok(files.iter().map(|f| dir.join(f)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::dictionaries;

    #[test]
    fn the_committed_list_matches_the_files() {
        let dir = dictionaries();
        let lines = |text: &str| {
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            lines.sort();
            lines
        };
        let committed = fs::read_to_string(dir.join(LIST)).unwrap();
        assert_eq!(lines(&committed), lines(&render(&dir).unwrap()), "{FIX}");
        assert!(verify(&dir).is_ok());
    }

    #[test]
    fn the_list_covers_every_config_and_the_corrections() {
        let files = inputs(&dictionaries()).unwrap();
        assert!(files.contains(&"opencc/config/s2twp.json".to_string()));
        assert!(files.contains(&"opencc/STPhrases.txt".to_string()));
        assert!(files.contains(&"zhnorm/hant.txt".to_string()));
        assert!(!files
            .iter()
            .any(|f| f.ends_with("LICENSE") || f.ends_with("VERSION")));
    }

    /// A copy of a small dictionaries folder in the temporary directory.
    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("zhnorm-checksums-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for sub in ["opencc/config", "zhnorm", "frequency"] {
            fs::create_dir_all(dir.join(sub)).unwrap();
        }
        fs::write(dir.join("frequency/chars.tsv"), "").unwrap();
        fs::write(dir.join("opencc/A.txt"), "a\tb\n").unwrap();
        fs::write(dir.join("opencc/config/x.json"), "{}").unwrap();
        fs::write(dir.join("zhnorm/hant.txt"), "").unwrap();
        fs::write(dir.join(LIST), render(&dir).unwrap()).unwrap();
        dir
    }

    #[test]
    fn an_edited_an_added_or_a_removed_file_is_named() {
        let dir = scratch("edit");
        assert_eq!(verify(&dir).unwrap().len(), 4);
        fs::write(dir.join("opencc/A.txt"), "a\tc\n").unwrap();
        let e = verify(&dir).unwrap_err();
        assert!(matches!(&e, ChecksumError::Differs(f) if f == "opencc/A.txt"));
        assert!(
            e.to_string().contains("dictionaries/update.sh --checksums"),
            "{e}"
        );
        fs::write(dir.join(LIST), render(&dir).unwrap()).unwrap();
        fs::write(dir.join("zhnorm/hans.txt"), "").unwrap();
        assert!(matches!(verify(&dir), Err(ChecksumError::Unlisted(f)) if f == "zhnorm/hans.txt"));
        fs::remove_file(dir.join("zhnorm/hans.txt")).unwrap();
        fs::remove_file(dir.join("opencc/A.txt")).unwrap();
        assert!(matches!(verify(&dir), Err(ChecksumError::Missing(f)) if f == "opencc/A.txt"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
