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

/// Warnings kept per input; the rest are counted (keeps malformed input linear).
pub(crate) const MAX_WARNINGS: usize = 100;

/// The warnings of one input, gathered from the resolvers of its chunks or pieces in input
/// order: the first [`MAX_WARNINGS`] are kept, the rest counted, and one last warning says
/// how many more there were, so a streamed input reports what the whole one does.
#[derive(Default)]
pub(crate) struct Warnings {
    kept: Vec<Warning>,
    more: usize,
}

impl Warnings {
    /// Adds the warnings of the next chunk (already in input coordinates) and the number it
    /// counted without keeping them.
    pub(crate) fn extend(&mut self, warnings: Vec<Warning>, suppressed: usize) {
        for w in warnings {
            if self.kept.len() < MAX_WARNINGS {
                self.kept.push(w);
            } else {
                self.more += 1;
            }
        }
        self.more += suppressed;
    }

    /// The warnings, with the count of those not kept as a last one.
    pub(crate) fn finish(mut self) -> Vec<Warning> {
        if self.more > 0 {
            let last = self.kept.last().cloned();
            self.kept.push(Warning {
                offset: last.as_ref().map_or(0, |w| w.offset),
                line: last.as_ref().map_or(1, |w| w.line),
                column: last.as_ref().map_or(1, |w| w.column),
                message: format!("{} more warnings not shown", self.more),
            });
        }
        self.kept
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
