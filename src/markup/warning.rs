//! [`Warning`]: malformed markup, reported with its position while the text is kept.

/// A problem found in the input; the text is kept and conversion goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Byte offset in the input.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and what zhnorm did.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl Warning {
    /// Moves the warning by `bytes` and `lines`: from a piece's or chunk's coordinates to
    /// the input's.
    pub(crate) fn shift(&mut self, bytes: usize, lines: usize) {
        self.offset += bytes;
        self.line += lines;
    }
}
