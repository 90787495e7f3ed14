//! The library's [`Converter`] built from the settings: target, user dictionaries, protected
//! words, engine.

use zhnorm::{Converter, ErrorKind};

use crate::error::Error;
use crate::settings::{Conversion, Engine, Target};

/// The most a dictionary or word list file may hold: eight times OpenCC's largest table
/// (STPhrases, 1 MB). Compiling a dictionary takes about 28 times its size in memory (a
/// 100 MB one named by an untrusted `zhnorm.toml` took 60 s and 2.8 GB, issue 27), and
/// `/dev/zero` given as one is an error, not memory exhausted.
const DICT_LIMIT: u64 = 8 << 20;

/// Builds the converter; a dictionary or word list that cannot be read or parsed is an
/// [`Error::Usage`] naming the file (and line).
pub fn build(c: &Conversion) -> Result<Converter, Error> {
    let mut builder = match c.target {
        Target::Config { config, .. } => Converter::opencc_builder(config),
        Target::Variant {
            variant,
            vocabulary,
            forms,
        } => Converter::builder(variant)
            .vocabulary(vocabulary)
            .forms(forms),
    };
    for path in &c.dicts {
        let text = crate::input::read_text(path, DICT_LIMIT).map_err(|e| {
            Error::Usage(format!(
                "{}: cannot read dictionary: {e}",
                crate::show::path(path)
            ))
        })?;
        builder = builder.dictionary(&text).map_err(|e| {
            Error::Usage(match e.kind() {
                ErrorKind::Dictionary { line, message } => {
                    format!("{}:{line}: {message}", crate::show::path(path))
                }
                _ => format!("{}: {e}", crate::show::path(path)),
            })
        })?;
    }
    for path in &c.keep_files {
        let text = crate::input::read_text(path, DICT_LIMIT).map_err(|e| {
            Error::Usage(format!(
                "{}: cannot read word list: {e}",
                crate::show::path(path)
            ))
        })?;
        for w in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            builder = builder.keep(w);
        }
    }
    for w in &c.keep {
        builder = builder.keep(w.as_str());
    }
    if let Target::Config {
        engine: Engine::Opencc,
        ..
    } = c.target
    {
        return reference_converter(&builder);
    }
    Ok(builder.build())
}

#[cfg(feature = "opencc")]
fn reference_converter(builder: &zhnorm::ConverterBuilder) -> Result<Converter, Error> {
    builder
        .build_reference()
        .map_err(|e| Error::Usage(e.to_string()))
}

#[cfg(not(feature = "opencc"))]
fn reference_converter(_: &zhnorm::ConverterBuilder) -> Result<Converter, Error> {
    Err(Error::Usage(
        "--engine opencc: this zhnorm was built without the C++ OpenCC engine; run \
         scripts/build-opencc.sh, then build with `cargo build --release --features opencc`"
            .into(),
    ))
}
