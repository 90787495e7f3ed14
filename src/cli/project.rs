//! `zhnorm.toml`: project defaults for CI, found by walking up from the current directory.
//!
//! ```toml
//! to = "zh-hant"            # or: opencc = "s2twp"
//! format = "markdown"       # auto | plain | wikitext | markdown
//! idioms = true             # regional vocabulary for cn/tw/hk/mo
//! forms = "common"           # hant: common (為 裡 才) or opencc (爲 裏 纔)
//! markup = true             # resolve -{…}- in plain text
//! dict = ["terms.txt"]      # user dictionaries, relative to this file
//! keep = ["台湾"]           # words never converted
//! include = ["docs/**/*.md"]
//! exclude = ["docs/vendor/**"]
//! ```
//!
//! Command-line flags override these values (merged in [`crate::settings`]); unknown keys
//! are errors.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

pub const FILE_NAME: &str = "zhnorm.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub to: Option<String>,
    pub opencc: Option<String>,
    pub format: Option<String>,
    pub idioms: Option<bool>,
    pub forms: Option<String>,
    pub markup: Option<bool>,
    #[serde(default)]
    pub dict: Vec<PathBuf>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// The nearest `zhnorm.toml` in `start` or one of its ancestors.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and validates a project file; dictionary paths become relative to its directory.
pub fn load(path: &Path) -> Result<Project, Error> {
    let text = crate::input::read_text(path, 1 << 20).map_err(|e| {
        Error::Usage(format!(
            "{}: cannot read project config: {e}",
            path.display()
        ))
    })?;
    let mut p: Project = toml::from_str(&text)
        .map_err(|e| Error::Usage(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
    if p.to.is_some() && p.opencc.is_some() {
        return Err(Error::Usage(format!(
            "{}: set either `to` or `opencc`, not both",
            path.display()
        )));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    p.dict = p
        .dict
        .iter()
        .map(|d| {
            if d.is_absolute() {
                d.clone()
            } else {
                dir.join(d)
            }
        })
        .collect();
    Ok(p)
}
