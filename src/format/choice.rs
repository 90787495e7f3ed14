//! Which format an input is read as: given, or decided from its file name and content.
//! The CLI and the Python package both route inputs through [`FormatChoice::resolve`].

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::Format;

/// A format given by the user, or `Auto`: decided per input by its file name's extension
/// ([`Format::from_path`]), else by its content ([`Format::detect`]).
///
/// ```
/// use zhnorm::{Format, FormatChoice, FormatReason};
/// let auto: FormatChoice = "auto".parse().unwrap();
/// assert_eq!(auto.resolve(Some("po/zh_TW.po".as_ref()), ""), (Format::Po, FormatReason::Extension));
/// assert_eq!(auto.resolve(None, "普通文字"), (Format::Plain, FormatReason::Content));
/// let fixed: FormatChoice = "markdown".parse().unwrap();
/// assert_eq!(fixed.resolve(Some("a.txt".as_ref()), ""), (Format::Markdown, FormatReason::Given));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FormatChoice {
    /// By the file name's extension, else by content.
    #[default]
    Auto,
    /// Always this format.
    Fixed(Format),
}

/// Why an input was read as the format [`FormatChoice::resolve`] returned, for messages
/// such as the CLI's `--verbose` ("read as markdown (by its extension)").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatReason {
    /// The user named it.
    Given,
    /// The file name's extension.
    Extension,
    /// Sniffing the content (its first [`Format::SNIFF_BYTES`]).
    Content,
}

impl FormatChoice {
    /// The format of an input named `path` (if it has a name) whose text is, or starts
    /// with, `head`. Only the first [`Format::SNIFF_BYTES`] of `head` are read, so a
    /// caller streaming a file passes its start.
    pub fn resolve(self, path: Option<&Path>, head: &str) -> (Format, FormatReason) {
        match self {
            FormatChoice::Fixed(f) => (f, FormatReason::Given),
            FormatChoice::Auto => match path.and_then(Format::from_path) {
                Some(f) => (f, FormatReason::Extension),
                None => (Format::detect(head), FormatReason::Content),
            },
        }
    }

    /// Whether deciding needs the input's content: `Auto` and a path whose extension says
    /// nothing (or no path).
    pub fn needs_content(self, path: Option<&Path>) -> bool {
        self == FormatChoice::Auto && path.and_then(Format::from_path).is_none()
    }
}

impl FromStr for FormatChoice {
    type Err = String;

    /// `auto`, or any name [`Format`] parses.
    fn from_str(s: &str) -> Result<FormatChoice, String> {
        if s.eq_ignore_ascii_case("auto") {
            Ok(FormatChoice::Auto)
        } else {
            s.parse().map(FormatChoice::Fixed)
        }
    }
}

impl fmt::Display for FormatChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatChoice::Auto => f.write_str("auto"),
            FormatChoice::Fixed(format) => format.fmt(f),
        }
    }
}

impl fmt::Display for FormatReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FormatReason::Given => "given",
            FormatReason::Extension => "its extension",
            FormatReason::Content => "its content",
        })
    }
}
