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
    /// Normalization: whether the current sentence contains a variation selector (set by
    /// `Normalizer::decide` for the fragments of that sentence).
    pub(crate) selectors: bool,
    /// Normalization: the text (start and end address) marked by `Engine::begin_text`,
    /// in which a clause runs the pre-stage only if it holds one of `pre_at`.
    pub(crate) pre_text: Option<(usize, usize)>,
    /// The addresses of the characters that start the pre-stage's keys in `pre_text`,
    /// ascending.
    pub(crate) pre_at: Vec<usize>,
    /// Normalization: the pre-stage's output for a fragment, which the script stage reads
    /// (`Normalizer::convert_fragment`).
    pub(crate) pre_out: String,
    /// Normalization: the script stage's output, which the post-stage reads.
    pub(crate) script_out: String,
    /// Normalization: the pre-stage's output for the clause `Normalizer::decide` last
    /// judged, when its [`Decided`](super::normalize::Decided) says it
    /// [`Ran`](PreState::Ran) (the next `decide` replaces it).
    pub(crate) decided_pre_out: String,
    /// A sentence's output passed again (`Engine::normalize_settled`).
    pub(crate) settle: String,
    /// OpenCC pipeline: the sentence after the normalization tables (`Pipeline::
    /// convert_sentence`; the pass alternates between it and `stage_out`).
    pub(crate) normalized: String,
    /// OpenCC pipeline: the output of the stages run so far.
    pub(crate) stage_out: String,
    /// OpenCC pipeline: the output of the stage being run (then swapped into `stage_out`).
    pub(crate) next_stage_out: String,
    /// OpenCC pipeline: the segment ends of the text the next stage reads (see
    /// `Table::convert_segments`).
    pub(crate) stage_ends: Vec<usize>,
    /// OpenCC pipeline: the segment ends the stage being run pushes for its output (then
    /// swapped into `stage_ends`).
    pub(crate) next_stage_ends: Vec<usize>,
}

/// What `Normalizer::decide` did with the pre-stage for the clause it judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PreState {
    /// Nothing: the target has no pre-stage, or the clause is ASCII, or the pre-stage is
    /// left to the script stage (the regional vocabulary's).
    NotRun,
    /// It ran: its output for the clause is in [`Scratch::decided_pre_out`].
    Ran,
    /// It did not run: the clause holds none of the characters its keys start with, so it
    /// changes nothing in it.
    Skipped,
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
