//! The conversion that applies to a document: the server's flags merged with the nearest
//! `zhnorm.toml` above the document (or `--config-file`), as the command line merges them,
//! built once per project file and built again when that file, or a dictionary or word
//! list it or the flags name, changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::SystemTime;

use zhnorm::Converter;

use super::LspArgs;
use crate::error::Error;
use crate::project;
use crate::settings::{Conversion, Mode, Settings, Walk};

/// What applies to a document.
pub enum Applies {
    /// A conversion, with its project's globs.
    Convert(Rc<Resolved>),
    /// No target: neither a flag nor the project file sets one.
    NoTarget { project: Option<PathBuf> },
}

/// A conversion ready to run.
pub struct Resolved {
    pub conversion: Conversion,
    pub walk: Walk,
    pub converter: Converter,
}

/// A file's identity when it was read (modification time and length): a change of
/// either is a new file.
type Stamp = Option<(SystemTime, u64)>;

/// Conversions by project file (`None`: the flags alone).
#[derive(Default)]
pub struct Cache {
    /// With the stamps of the project file and of the files it and the flags name
    /// (dictionaries, word lists) when it was built.
    built: HashMap<Option<PathBuf>, (Vec<Stamp>, Rc<Resolved>)>,
}

impl Cache {
    /// Forgets every conversion (a project file or a dictionary was saved).
    pub fn clear(&mut self) {
        self.built.clear();
    }

    /// Whether `path` configures a conversion built here (a project file or one of its
    /// dictionaries or word lists), or is named like a project file.
    pub fn configures(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == project::FILE_NAME)
            || self.built.values().any(|(_, r)| {
                r.walk.configuration.iter().any(|c| {
                    c == path
                        || std::fs::canonicalize(c)
                            .is_ok_and(|c| std::fs::canonicalize(path).is_ok_and(|p| p == c))
                })
            })
    }

    /// What applies to the document at `path` (`None`: a document that is no file, such as
    /// an unsaved buffer: the flags alone).
    pub fn applies(&mut self, flags: &LspArgs, path: Option<&Path>) -> Result<Applies, Error> {
        let project = project_for(flags, path)?;
        if let Some((stamps, r)) = self.built.get(&project) {
            if *stamps == stamps_of(project.as_deref(), &r.walk) {
                return Ok(Applies::Convert(r.clone()));
            }
        }
        if flags.conversion.to.is_none() && flags.conversion.config.is_none() {
            let targeted = match &project {
                Some(p) => {
                    let p = project::load(p)?;
                    p.to.is_some() || p.opencc.is_some()
                }
                None => false,
            };
            if !targeted {
                return Ok(Applies::NoTarget { project });
            }
        }
        let resolved = Rc::new(resolve(flags, project.as_deref())?);
        let stamps = stamps_of(project.as_deref(), &resolved.walk);
        self.built.insert(project, (stamps, resolved.clone()));
        Ok(Applies::Convert(resolved))
    }
}

/// The project file for a document: `--config-file`, none with `--no-config-file`, else
/// the nearest `zhnorm.toml` in the document's directory or above it (checked as the
/// command line checks it).
fn project_for(flags: &LspArgs, path: Option<&Path>) -> Result<Option<PathBuf>, Error> {
    if flags.conversion.no_config_file {
        return Ok(None);
    }
    if let Some(p) = &flags.conversion.config_file {
        return Ok(Some(p.clone()));
    }
    match path.and_then(Path::parent) {
        Some(dir) => project::find(dir),
        None => Ok(None),
    }
}

/// The stamps of the project file and of the files that configure a conversion.
fn stamps_of(project: Option<&Path>, walk: &Walk) -> Vec<Stamp> {
    project
        .into_iter()
        .chain(walk.configuration.iter().map(PathBuf::as_path))
        .map(stamp)
        .collect()
}

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The settings of the command line's `--check` (markup kept as written and honoured) with
/// the server's flags and `project`.
fn resolve(flags: &LspArgs, project: Option<&Path>) -> Result<Resolved, Error> {
    let mut args = flags.conversion.args();
    args.format = flags.format.clone();
    args.no_markup = flags.no_markup;
    match project {
        Some(p) => {
            args.config_file = Some(p.to_path_buf());
            args.no_config_file = false;
        }
        None => {
            args.config_file = None;
            args.no_config_file = true;
        }
    }
    args.check = true;
    let settings = Settings::new(args)?;
    let walk = settings.walk;
    match settings.mode {
        Mode::Batch { conversion, .. } | Mode::Convert { conversion, .. } => {
            let converter = crate::converter::build(&conversion)?;
            Ok(Resolved {
                conversion,
                walk,
                converter,
            })
        }
        Mode::Stats { .. } => Err(Error::Usage("no conversion".into())),
    }
}
