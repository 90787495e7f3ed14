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
    /// Normalization: the clause (address, length) whose pre-stage output `c` holds, set
    /// by `Normalizer::decide` so the script stage does not run the pre-stage again.
    pub(crate) pre_of: Option<(usize, usize)>,
    /// Normalization: whether the current sentence contains a variation selector (set by
    /// `Normalizer::decide` for the fragments of that sentence).
    pub(crate) selectors: bool,
    pub(crate) a: String,
    pub(crate) b: String,
    pub(crate) c: String,
    /// Segment ends (see `Table::convert_segments`).
    pub(crate) ends: Vec<usize>,
    pub(crate) ends_b: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    /// Calls `f` with this thread's scratch, starting a new line (or with a fresh one when
    /// the thread's is in use, in a nested call).
    pub(crate) fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                s.prior = None;
                f(&mut s)
            }
            Err(_) => f(&mut Scratch::default()),
        })
    }
}
