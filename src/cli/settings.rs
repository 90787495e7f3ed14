//! Validated, typed settings: the flags of [`Args`] merged with `zhnorm.toml` (flags win),
//! option values parsed once into the library's types, and the mode decided.
//!
//! Nothing here reads an input or a dictionary; a bad value is an [`Error::Usage`] before
//! any file is touched.

use std::path::{Path, PathBuf};

use zhnorm::{Config, Format, FormatChoice, Forms, Variant, Vocabulary};

use crate::args::Args;
use crate::encoding::Encoding;
use crate::error::Error;
use crate::project::{self, Project};

/// Everything a run needs.
#[derive(Debug)]
pub struct Settings {
    pub mode: Mode,
    /// Paths as given (`-` is standard input; none means `-`).
    pub paths: Vec<PathBuf>,
    pub walk: Walk,
    /// No warnings about malformed markup or skipped files.
    pub quiet: bool,
}

/// What to do with the inputs.
#[derive(Debug)]
pub enum Mode {
    /// Converted inputs, in order, to standard output or `-o FILE`.
    Convert {
        conversion: Conversion,
        output: Option<PathBuf>,
    },
    /// `--check`, `--diff`, `-w`: every file converted, then reported or rewritten.
    Batch {
        conversion: Conversion,
        action: Action,
        report: Report,
        /// The changes listed per file (`--max-changes`; `usize::MAX`: all).
        max_changes: usize,
    },
    /// `--stats`, `--expect`: script statistics, nothing converted.
    Stats {
        expect: Option<Variant>,
        report: Report,
        /// `--encoding`: every input's encoding (`None`: UTF-8 or UTF-16 by its mark).
        encoding: Option<Encoding>,
    },
}

/// What a batch does with each converted file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Change nothing: list the changes (`--check`) and/or print a diff (`--diff`); finding
    /// a change is exit status 1.
    Review { list: bool, diff: bool },
    /// `-w`: replace changed files.
    Rewrite,
}

/// How results are reported on standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// Lines for people (the default).
    Text,
    /// One JSON document (`--report json`).
    Json,
    /// GitHub workflow commands, one annotation per finding (`--report github`).
    Github,
    /// One SARIF 2.1.0 log (`--report sarif`).
    Sarif,
    /// One reviewdog diagnostic result (`--report rdjson`).
    Rdjson,
}

impl Report {
    /// Whether the report lists findings of `--check` only (not JSON, which every mode
    /// writes).
    pub fn findings_only(self) -> bool {
        matches!(self, Report::Github | Report::Sarif | Report::Rdjson)
    }
}

/// How to convert.
#[derive(Debug)]
pub struct Conversion {
    pub target: Target,
    pub format: FormatChoice,
    /// Read `-{…}-` markup in plain text (`--no-markup` turns it off).
    pub markup: bool,
    /// Source mode (`-w`, `--check`, `--diff`): markup is kept as written and honoured,
    /// not rendered ([`zhnorm::Markup::Source`]).
    pub source: bool,
    /// User dictionaries, `zhnorm.toml`'s first.
    pub dicts: Vec<PathBuf>,
    /// Files of words never converted.
    pub keep_files: Vec<PathBuf>,
    /// Words never converted.
    pub keep: Vec<String>,
    /// Threads for batches (`-j`).
    pub jobs: Option<usize>,
    /// `--verbose`: name each input's format on standard error.
    pub verbose: bool,
    /// `--encoding`: every input's encoding, in which it is written back (`None`: UTF-8,
    /// or UTF-16 by its byte order mark).
    pub encoding: Option<Encoding>,
}

/// The conversion asked for: a variant (zhnorm's normalization) or an OpenCC config.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Variant {
        variant: Variant,
        vocabulary: Vocabulary,
        forms: Forms,
    },
    Config {
        config: Config,
        engine: Engine,
    },
}

/// The engine for `--config`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Built in.
    Zhnorm,
    /// The C++ OpenCC 1.4.2 library (cargo feature `opencc`).
    Opencc,
}

/// Which files are inputs.
#[derive(Debug, Default)]
pub struct Walk {
    /// `--glob`, rooted at each walked directory; it replaces the project's `include`.
    pub globs: Vec<String>,
    /// `--exclude`, rooted at each walked directory (and at the current directory for
    /// files named).
    pub excludes: Vec<String>,
    pub follow: bool,
    /// The project file's `include` and `exclude`.
    pub project: Option<ProjectGlobs>,
    /// The files that configure the run (`zhnorm.toml`, dictionaries, word lists): never
    /// inputs, even when a walk or a name reaches them.
    pub configuration: Vec<PathBuf>,
    /// `--stdin-filename`: the path standard input stands for (its format, the globs that
    /// apply to it, its name in messages).
    pub stdin_name: Option<PathBuf>,
}

/// `include` and `exclude` of `zhnorm.toml`: relative to the directory holding it,
/// whatever path is given and wherever zhnorm runs.
#[derive(Debug, Default)]
pub struct ProjectGlobs {
    pub root: PathBuf,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Settings {
    /// Merges `zhnorm.toml` (unless `--no-config-file`) into the flags and validates them.
    pub fn new(args: Args) -> Result<Settings, Error> {
        let project = project_file(&args)?;
        let project_path = project.as_ref().map(|(path, _)| path.clone());
        let Project {
            to: p_to,
            opencc: p_opencc,
            format: p_format,
            idioms: p_idioms,
            vocabulary: p_vocabulary,
            forms: p_forms,
            markup: p_markup,
            encoding: p_encoding,
            dict: p_dict,
            keep: p_keep,
            include: p_include,
            exclude: p_exclude,
        } = project.map(|(_, p)| p).unwrap_or_default();
        let (to, config) = if args.to.is_none() && args.config.is_none() {
            (p_to, p_opencc)
        } else {
            (args.to, args.config)
        };
        // The flags given on the command line, before their values are taken.
        let given = Given {
            forms: args.forms.is_some(),
            vocabulary: args.vocabulary.is_some(),
            no_idioms: args.no_idioms,
            format: args.format != "auto",
            no_markup: args.no_markup,
        };
        let format = match p_format {
            Some(f) if args.format == "auto" => f,
            _ => args.format,
        };
        let vocabulary = if args.no_idioms {
            Vocabulary::None
        } else {
            match args.vocabulary.or(p_vocabulary) {
                Some(v) => v
                    .parse::<Vocabulary>()
                    .map_err(|e| Error::Usage(e.to_string()))?,
                None if p_idioms == Some(false) => Vocabulary::None,
                None => Vocabulary::Common,
            }
        };
        let forms = match args.forms.or(p_forms) {
            Some(f) => f
                .parse::<Forms>()
                .map_err(|e| Error::Usage(e.to_string()))?,
            None => Forms::Common,
        };
        let markup = !args.no_markup && p_markup != Some(false);
        // The project file's label is not repeated in the message (it is a repository's
        // data, see `project::load`).
        let encoding = match (args.encoding, p_encoding) {
            (Some(label), _) => Some(Encoding::from_label(&label).map_err(|why| {
                Error::Usage(format!("--encoding `{}`: {why}", crate::show::text(&label)))
            })?),
            (None, Some(label)) => Some(Encoding::from_label(&label).map_err(|why| {
                Error::Usage(format!(
                    "{}: `encoding`: {why}",
                    project_path
                        .as_deref()
                        .map_or_else(|| project::FILE_NAME.to_string(), crate::show::path)
                ))
            })?),
            (None, None) => None,
        };
        let mut dicts = p_dict;
        dicts.extend(args.dict);
        let mut keep = args.keep;
        keep.extend(p_keep);
        let configuration = project_path
            .iter()
            .chain(&dicts)
            .chain(&args.keep_file)
            .cloned()
            .collect();
        let walk = Walk {
            globs: args.glob,
            excludes: args.exclude,
            follow: args.follow,
            project: project_path.map(|path| ProjectGlobs {
                root: path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_path_buf(),
                include: p_include,
                exclude: p_exclude,
            }),
            configuration,
            stdin_name: args.stdin_filename,
        };
        let report = match args.report.as_deref() {
            Some("github") => Report::Github,
            Some("sarif") => Report::Sarif,
            Some("rdjson") => Report::Rdjson,
            Some(_) => Report::Json,
            None => Report::Text,
        };
        if report.findings_only() && !args.check {
            return Err(Error::Usage(format!(
                "--report {} lists the findings of --check: add --check",
                args.report.as_deref().unwrap_or_default()
            )));
        }
        let paths = if args.files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.files
        };
        if walk.stdin_name.is_some() && paths.iter().any(|p| p.as_os_str() != "-") {
            return Err(Error::Usage(
                "--stdin-filename names standard input, the only input: give no PATH (or `-`)"
                    .into(),
            ));
        }

        let mode = if args.stats || args.expect.is_some() {
            Mode::Stats {
                expect: args.expect.as_deref().map(parse_variant).transpose()?,
                report,
                encoding,
            }
        } else {
            let target = match (config, to) {
                (Some(name), _) => Target::Config {
                    config: name
                        .parse::<Config>()
                        .map_err(|e| Error::Usage(e.to_string()))?,
                    engine: if args.engine == "opencc" {
                        Engine::Opencc
                    } else {
                        Engine::Zhnorm
                    },
                },
                (None, Some(_)) if args.engine == "opencc" => {
                    return Err(Error::Usage(
                        "--engine opencc: the OpenCC engine converts by config (--config NAME), not by variant".into(),
                    ))
                }
                (None, Some(to)) => Target::Variant {
                    variant: parse_variant(&to)?,
                    vocabulary,
                    forms,
                },
                (None, None) => {
                    return Err(Error::Usage(
                        "no target: give --to VARIANT (e.g. --to hant) or --config NAME, or set `to` in zhnorm.toml".into(),
                    ))
                }
            };
            no_effect(&target, given)?;
            let review = args.check || args.diff;
            if report == Report::Json && !(review || args.in_place) {
                return Err(Error::Usage(
                    "--report json needs --check, --diff, --in-place, --stats or --expect".into(),
                ));
            }
            let format = match target {
                // OpenCC configs convert text as it is: no format.
                Target::Config { .. } => FormatChoice::Fixed(Format::Plain),
                Target::Variant { .. } => format.parse::<FormatChoice>().map_err(Error::Usage)?,
            };
            let conversion = Conversion {
                target,
                format,
                markup,
                source: match args.markup.as_deref() {
                    Some("render") => false,
                    Some(_) => true,
                    None => review || args.in_place,
                },
                dicts,
                keep_files: args.keep_file,
                keep,
                jobs: args.jobs,
                verbose: args.verbose,
                encoding,
            };
            let max_changes = match args.max_changes {
                0 => usize::MAX,
                n => n,
            };
            if review {
                Mode::Batch {
                    conversion,
                    action: Action::Review {
                        list: args.check,
                        diff: args.diff,
                    },
                    report,
                    max_changes,
                }
            } else if args.in_place {
                Mode::Batch {
                    conversion,
                    action: Action::Rewrite,
                    report,
                    max_changes,
                }
            } else {
                Mode::Convert {
                    conversion,
                    output: args.output,
                }
            }
        };
        Ok(Settings {
            mode,
            paths,
            walk,
            quiet: args.quiet,
        })
    }
}

fn parse_variant(s: &str) -> Result<Variant, Error> {
    s.parse()
        .map_err(|e: zhnorm::Error| Error::Usage(e.to_string()))
}

/// The project file that applies: `--config-file`, else the nearest `zhnorm.toml` above the
/// current directory; none with `--no-config-file`.
fn project_file(args: &Args) -> Result<Option<(PathBuf, Project)>, Error> {
    if args.no_config_file {
        return Ok(None);
    }
    let path = match &args.config_file {
        Some(p) => p.clone(),
        None => match std::env::current_dir().ok() {
            Some(d) => match project::find(&d)? {
                Some(p) => p,
                None => return Ok(None),
            },
            None => return Ok(None),
        },
    };
    project::load(&path).map(|p| Some((path, p)))
}

/// The command-line flags [`no_effect`] looks at: whether each was given.
struct Given {
    forms: bool,
    vocabulary: bool,
    no_idioms: bool,
    format: bool,
    no_markup: bool,
}

/// Refuses a flag that would change nothing with the chosen target, saying why (a run
/// that silently ignores `--forms opencc` looks like one that applied it).
fn no_effect(target: &Target, args: Given) -> Result<(), Error> {
    let vocabulary = args.vocabulary || args.no_idioms;
    let vocabulary_flag = if args.no_idioms {
        "--no-idioms"
    } else {
        "--vocabulary"
    };
    let refused = match *target {
        Target::Config { .. } => [
            (args.forms, "--forms"),
            (vocabulary, vocabulary_flag),
            (args.format, "--format"),
            (args.no_markup, "--no-markup"),
        ]
        .into_iter()
        .find(|(given, _)| *given)
        .map(|(_, flag)| {
            format!(
                "{flag} has no effect with --config: an OpenCC config converts the text as \
                 it is (its own forms and vocabulary, no formats, no markup); use --to \
                 VARIANT for those"
            )
        }),
        Target::Variant { variant, .. } => {
            if args.forms && variant != Variant::Hant {
                Some(format!(
                    "--forms has no effect with --to {variant}: only hant has a choice of \
                     character forms ({})",
                    if variant.is_traditional() {
                        "a regional target writes its region's forms"
                    } else {
                        "Simplified has one set of forms"
                    }
                ))
            } else if vocabulary
                && !matches!(
                    variant,
                    Variant::Cn | Variant::Tw | Variant::Hk | Variant::Mo
                )
            {
                Some(format!(
                    "{vocabulary_flag} has no effect with --to {variant}: regional vocabulary \
                     belongs to the cn, tw, hk and mo targets"
                ))
            } else {
                None
            }
        }
    };
    match refused {
        Some(m) => Err(Error::Usage(m)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn settings(args: &[&str]) -> Result<Settings, Error> {
        Settings::new(Args::try_parse_from([&["zhnorm"], args].concat()).unwrap())
    }

    #[test]
    fn flags_override_the_project_file() {
        let d = std::env::temp_dir().join(format!("zhnorm-settings-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let file = d.join("zhnorm.toml");
        std::fs::write(d.join("terms.txt"), "软件\t軟體\n").unwrap();
        std::fs::write(
            &file,
            "to = \"hans\"\nformat = \"markdown\"\nidioms = false\nkeep = [\"甲\"]\n\
             dict = [\"terms.txt\"]\ninclude = [\"*.md\"]\nexclude = [\"vendor/**\"]\n",
        )
        .unwrap();
        let file = file.to_str().unwrap();
        let s = settings(&["--config-file", file, "--to", "tw", "--keep", "乙"]).unwrap();
        let Mode::Convert { conversion: c, .. } = s.mode else {
            panic!("{:?}", s.mode)
        };
        assert_eq!(
            c.target,
            Target::Variant {
                variant: Variant::Tw,
                vocabulary: Vocabulary::None,
                forms: Forms::Common,
            }
        );
        assert_eq!(c.format, FormatChoice::Fixed(Format::Markdown));
        assert_eq!(c.keep, ["乙", "甲"]);
        assert_eq!(c.dicts, [d.join("terms.txt")]);
        let project = s.walk.project.as_ref().unwrap();
        assert_eq!(
            (project.root.as_path(), &project.include[..]),
            (d.as_path(), &["*.md".to_string()][..])
        );
        assert!(s.walk.globs.is_empty());
        assert_eq!(
            s.walk.configuration,
            [d.join("zhnorm.toml"), d.join("terms.txt")]
        );
        let s = settings(&[
            "--config-file",
            file,
            "--glob",
            "*.txt",
            "--format",
            "plain",
        ])
        .unwrap();
        let Mode::Convert { conversion: c, .. } = s.mode else {
            panic!("{:?}", s.mode)
        };
        assert_eq!(c.format, FormatChoice::Fixed(Format::Plain));
        assert_eq!(s.walk.globs, ["*.txt"]);
        assert_eq!(s.walk.project.unwrap().exclude, ["vendor/**"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn modes_and_validation() {
        let s = settings(&["--no-config-file", "--to", "hant", "--check", "--diff"]).unwrap();
        assert!(matches!(
            s.mode,
            Mode::Batch {
                action: Action::Review {
                    list: true,
                    diff: true
                },
                report: Report::Text,
                ..
            }
        ));
        assert_eq!(s.paths, [PathBuf::from("-")]);
        // Statistics need no target and ignore it.
        let s = settings(&["--no-config-file", "--stats", "--to", "zh-xx"]).unwrap();
        assert!(matches!(s.mode, Mode::Stats { expect: None, .. }));
        let e = settings(&["--no-config-file", "--expect", "zh-xx"]).unwrap_err();
        assert!(e.to_string().contains("unknown variant `zh-xx`"), "{e}");
        // A format is checked once, and only where it is used.
        let e = settings(&["--no-config-file", "--to", "hant", "--format", "rst"]).unwrap_err();
        assert!(e.to_string().starts_with("unknown format `rst`"), "{e}");
        // Flags that would change nothing with the target are refused, with the reason.
        for (args, flag) in [
            (
                &["--to", "tw", "--forms", "opencc"][..],
                "--forms has no effect with --to zh-tw",
            ),
            (
                &["--to", "hans", "--forms", "opencc"][..],
                "--forms has no effect with --to zh-hans",
            ),
            (
                &["--to", "hant", "--no-idioms"][..],
                "--no-idioms has no effect with --to zh-hant",
            ),
            (
                &["--to", "sg", "--vocabulary", "full"][..],
                "--vocabulary has no effect",
            ),
            (
                &["--config", "s2t", "--forms", "opencc"][..],
                "--forms has no effect with --config",
            ),
        ] {
            let mut all = vec!["--no-config-file"];
            all.extend(args);
            let e = settings(&all).unwrap_err();
            assert!(e.to_string().starts_with(flag), "{args:?}: {e}");
        }
        for args in [
            &["--to", "hant", "--forms", "opencc"][..],
            &["--to", "cn", "--no-idioms"][..],
            &["--to", "hk", "--vocabulary", "full"][..],
        ] {
            let mut all = vec!["--no-config-file"];
            all.extend(args);
            assert!(settings(&all).is_ok(), "{args:?}");
        }
        // A format means nothing to an OpenCC config: said, not ignored.
        let e = settings(&["--no-config-file", "--config", "s2t", "--format", "rst"]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("--format has no effect with --config"),
            "{e}"
        );
        let e = settings(&["--no-config-file", "--to", "hant", "--report", "json"]).unwrap_err();
        assert!(e.to_string().starts_with("--report json needs"), "{e}");
        let e = settings(&["--no-config-file"]).unwrap_err();
        assert!(e.to_string().starts_with("no target"), "{e}");
    }
}
