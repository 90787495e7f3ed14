//! The C++ OpenCC 1.4.2 library as a reference engine (cargo feature `opencc`).
//!
//! zhnorm's own engine reproduces OpenCC 1.4.2 byte for byte; this module runs the real
//! thing through the `opencc-rust` binding, so the two can be compared on any text
//! (`zhnorm --engine opencc --config s2t`, the differential test, the benchmarks).
//!
//! OpenCC reads its configs and compiled dictionaries (`.json`, `.ocd2`) from disk. They
//! are looked up in `$ZHNORM_OPENCC_DATA` at run time, else in the `share/opencc` folder
//! of the OpenCC that the crate was built against (`OPENCC_DIR`, as set by
//! `scripts/build-opencc.sh --env`).
//!
//! ```no_run
//! use zhnorm::{reference::OpenCc, Config};
//! let cc = OpenCc::new(Config::S2t)?;
//! assert_eq!(cc.convert("汉字")?, "漢字");
//! # Ok::<(), zhnorm::Error>(())
//! ```

use std::path::PathBuf;

use crate::{Config, Error};

/// An OpenCC 1.4.2 converter for one config, backed by the C++ library.
pub struct OpenCc {
    inner: opencc_rust::OpenCC,
    config: Config,
}

// OpenCC's converters are immutable once loaded; `opencc_convert_utf8` only reads them.
unsafe impl Sync for OpenCc {}

/// Where OpenCC's data files are: `$ZHNORM_OPENCC_DATA`, else `$OPENCC_DIR/share/opencc`
/// of the build.
///
/// ```no_run
/// assert!(zhnorm::reference::data_dir().join("s2t.json").exists());
/// ```
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ZHNORM_OPENCC_DATA") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = option_env!("ZHNORM_OPENCC_DATA") {
        return PathBuf::from(dir);
    }
    match option_env!("OPENCC_DIR") {
        Some(dir) => PathBuf::from(dir).join("share").join("opencc"),
        None => PathBuf::from("/usr/share/opencc"),
    }
}

impl OpenCc {
    /// Loads `config` from [`data_dir`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Backend`](crate::ErrorKind::Backend) when the config or its
    /// dictionaries cannot be loaded, with the path tried.
    ///
    /// ```no_run
    /// let cc = zhnorm::reference::OpenCc::new(zhnorm::Config::T2s)?;
    /// assert_eq!(cc.config(), zhnorm::Config::T2s);
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn new(config: Config) -> Result<OpenCc, Error> {
        let path = data_dir().join(format!("{}.json", config.name()));
        let inner = opencc_rust::OpenCC::new(&path).map_err(|e| {
            Error::backend(format!(
                "cannot load {}: {e}; set ZHNORM_OPENCC_DATA to OpenCC 1.4.2's share/opencc",
                path.display()
            ))
        })?;
        Ok(OpenCc { inner, config })
    }

    /// The config this converter was loaded with.
    ///
    /// ```no_run
    /// let cc = zhnorm::reference::OpenCc::new(zhnorm::Config::S2tw)?;
    /// assert_eq!(cc.config().name(), "s2tw");
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn config(&self) -> Config {
        self.config
    }

    /// Converts `text` through OpenCC.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Backend`](crate::ErrorKind::Backend) if OpenCC reports an error.
    ///
    /// ```no_run
    /// let cc = zhnorm::reference::OpenCc::new(zhnorm::Config::T2s)?;
    /// assert_eq!(cc.convert("漢字")?, "汉字");
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn convert(&self, text: &str) -> Result<String, Error> {
        self.inner
            .convert(text)
            .map_err(|e| Error::backend(e.to_string()))
    }
}
