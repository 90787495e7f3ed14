//! [`Scratch`]: the state a conversion carries from sentence to sentence (the previous
//! script decision of the line) and its reusable buffers, one per thread for the calls
//! that have no place to keep it.

use std::cell::RefCell;

/// Reusable buffers for conversion.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Normalization: whether the last decided clause of the current line was judged to be
    /// in the other script (`None` before any; see `Normalizer::decide`).
    pub(crate) prior: Option<bool>,
    /// Normalization: `prior` as a second pass over the output so far would have it
    /// (see `Engine::normalize_settled`).
    pub(crate) settled_prior: Option<bool>,
    /// Normalization: the clause (address, length) `Normalizer::decide` last judged and
    /// whether it ran the pre-stage on it (its output is then in `c`) or found that the
    /// stage changes nothing in it, so the script stage neither runs nor checks it again.
    pub(crate) pre_of: Option<(usize, usize, bool)>,
    /// Normalization: whether the current sentence contains a variation selector (set by
    /// `Normalizer::decide` for the fragments of that sentence).
    pub(crate) selectors: bool,
    /// Normalization: the text (start and end address) marked by `Engine::begin_text`,
    /// in which a clause runs the pre-stage only if it holds one of `pre_at`.
    pub(crate) pre_text: Option<(usize, usize)>,
    /// The addresses of the characters that start the pre-stage's keys in `pre_text`,
    /// ascending.
    pub(crate) pre_at: Vec<usize>,
    pub(crate) a: String,
    pub(crate) b: String,
    pub(crate) c: String,
    /// A sentence's output passed again (`Engine::normalize_settled`).
    pub(crate) settle: String,
    /// Segment ends (see `Table::convert_segments`).
    pub(crate) ends: Vec<usize>,
    pub(crate) ends_b: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    /// Whether `clause` lies in the text marked by `Engine::begin_text` and holds none of
    /// the characters the pre-stage's keys start with (the stage then changes nothing).
    pub(crate) fn skips_pre(&self, clause: &str) -> bool {
        let (start, end) = (
            clause.as_ptr() as usize,
            clause.as_ptr() as usize + clause.len(),
        );
        self.pre_text.is_some_and(|(a, b)| a <= start && end <= b) && {
            let i = self.pre_at.partition_point(|&p| p < start);
            self.pre_at.get(i).is_none_or(|&p| p >= end)
        }
    }

    /// Calls `f` with this thread's scratch, starting a new line (or with a fresh one when
    /// the thread's is in use, in a nested call).
    pub(crate) fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                s.prior = None;
                s.settled_prior = None;
                // A conversion that panicked may have left its text marked.
                s.pre_text = None;
                f(&mut s)
            }
            Err(_) => f(&mut Scratch::default()),
        })
    }
}
