//! Parallel split and join: text is cut after line feeds (where no sentence, phrase or
//! grapheme cluster crosses), the pieces are converted on rayon's pool and joined in
//! order, byte for byte as the sequential result.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::mpsc;

use rayon::prelude::*;

use crate::engine::Engine;
use crate::rules::Rules;

/// Converts `text` on all threads of the current rayon pool (see
/// [`Converter::convert_parallel`](crate::Converter::convert_parallel)).
pub(crate) fn convert(engine: &Engine, user: &Rules, text: &str) -> String {
    let pieces = split_lines(text.as_bytes(), rayon::current_num_threads() * 4, 64 << 10);
    let parts: Vec<Cow<str>> = pieces
        .par_iter()
        // SAFETY: the pieces of a `str` cut after line feeds are `str`s.
        .map(|p| engine.convert(unsafe { std::str::from_utf8_unchecked(p) }, user))
        .collect();
    join(&parts)
}

/// Cuts `bytes` after line feeds into about `n` pieces of at least `min` bytes each. A
/// line feed never occurs inside a UTF-8 sequence, so the pieces of a `str` are `str`s.
pub(crate) fn split_lines(bytes: &[u8], n: usize, min: usize) -> Vec<&[u8]> {
    let size = (bytes.len() / n.max(1)).max(min);
    let mut pieces = Vec::new();
    let mut rest = bytes;
    while rest.len() > size {
        match memchr::memchr(b'\n', &rest[size..]) {
            Some(i) => {
                let (a, b) = rest.split_at(size + i + 1);
                pieces.push(a);
                rest = b;
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// The concatenation of `parts`, copied in parallel.
pub(crate) fn join(parts: &[Cow<str>]) -> String {
    // Join in parallel too: copying (and first touching) the output is a sizeable part
    // of the work once conversion itself is split.
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut out: Vec<u8> = Vec::with_capacity(total);
    let mut dest: Vec<&mut [std::mem::MaybeUninit<u8>]> = Vec::with_capacity(parts.len());
    let mut spare = &mut out.spare_capacity_mut()[..total];
    for p in parts {
        let (d, rest) = spare.split_at_mut(p.len());
        dest.push(d);
        spare = rest;
    }
    dest.into_par_iter()
        .zip(parts.par_iter())
        .for_each(|(d, p)| {
            for (d, s) in d.iter_mut().zip(p.as_bytes()) {
                d.write(*s);
            }
        });
    // SAFETY: the parts cover `out[..total]` exactly and every byte was written above.
    unsafe { out.set_len(total) };
    // SAFETY: the concatenation of `str`s is UTF-8.
    unsafe { String::from_utf8_unchecked(out) }
}

/// Jobs run on rayon's pool while the calling thread goes on (reading the next block),
/// their results handed back in the order the jobs were submitted: the reading, the
/// conversion and the writing of a stream overlap, with no barrier per block.
pub(crate) struct InOrder<T> {
    tx: mpsc::Sender<(usize, std::thread::Result<T>)>,
    rx: mpsc::Receiver<(usize, std::thread::Result<T>)>,
    /// Jobs submitted, and results handed back.
    submitted: usize,
    handed: usize,
    /// Finished results that wait for an earlier one.
    finished: BTreeMap<usize, T>,
}

impl<T: Send> InOrder<T> {
    pub(crate) fn new() -> InOrder<T> {
        let (tx, rx) = mpsc::channel();
        InOrder {
            tx,
            rx,
            submitted: 0,
            handed: 0,
            finished: BTreeMap::new(),
        }
    }

    /// Runs `job` on the pool, in `scope`.
    pub(crate) fn submit<'scope>(
        &mut self,
        scope: &rayon::Scope<'scope>,
        job: impl FnOnce() -> T + Send + 'scope,
    ) where
        T: 'scope,
    {
        let (tx, seq) = (self.tx.clone(), self.submitted);
        self.submitted += 1;
        scope.spawn(move |_| {
            // A panic is sent on and raised again on the calling thread, which would
            // otherwise wait for this result forever.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            // The receiver is gone only if the caller stopped (an error): nothing to do.
            let _ = tx.send((seq, result));
        });
    }

    /// The next finished job's result. A thread of the pool (a caller inside the pool,
    /// such as one of several conversions run with `par_iter`) runs pool jobs while it
    /// waits: blocking it could leave every thread waiting for jobs none of them runs.
    fn next_finished(&self) -> (usize, std::thread::Result<T>) {
        loop {
            match self.rx.try_recv() {
                Ok(m) => return m,
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => unreachable!("the sender is kept"),
            }
            match rayon::yield_now() {
                None => return self.rx.recv().expect("the sender is kept"),
                Some(rayon::Yield::Executed) => {}
                Some(rayon::Yield::Idle) => {
                    // The jobs run on other threads: wait for one a little.
                    let wait = std::time::Duration::from_micros(200);
                    if let Ok(m) = self.rx.recv_timeout(wait) {
                        return m;
                    }
                }
            }
        }
    }

    /// Hands the finished results to `f` in order, waiting for them while more than
    /// `in_flight` jobs are not handed back (0: waits for every job). Stops at the first
    /// error of `f`.
    pub(crate) fn hand<E>(
        &mut self,
        in_flight: usize,
        mut f: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        loop {
            while let Some(t) = self.finished.remove(&self.handed) {
                self.handed += 1;
                f(t)?;
            }
            if self.submitted - self.handed <= in_flight {
                return Ok(());
            }
            let (seq, result) = self.next_finished();
            match result {
                Ok(t) => {
                    self.finished.insert(seq, t);
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small inputs, so that Miri (see `.ci/run`) runs the unsafe code of this module.
    #[test]
    fn split_lines_cuts_after_line_feeds_and_join_restores() {
        let text = "汉字\n頭髮\n\nabc\n尾";
        for n in 1..6 {
            for min in [0, 1, 4, 100] {
                let pieces = split_lines(text.as_bytes(), n, min);
                assert_eq!(pieces.concat(), text.as_bytes(), "n {n} min {min}");
                for p in &pieces[..pieces.len() - 1] {
                    assert_eq!(p.last(), Some(&b'\n'), "n {n} min {min}");
                }
                let parts: Vec<Cow<str>> = pieces
                    .iter()
                    .map(|p| Cow::Borrowed(std::str::from_utf8(p).unwrap()))
                    .collect();
                assert_eq!(join(&parts), text);
            }
        }
    }

    #[test]
    fn join_copies_every_part_in_order() {
        let parts = [
            Cow::Borrowed(""),
            Cow::Owned("漢字".to_string()),
            Cow::Borrowed("a"),
            Cow::Borrowed(""),
            Cow::Borrowed("頭髮\n"),
        ];
        assert_eq!(join(&parts), "漢字a頭髮\n");
        assert_eq!(join(&[]), "");
    }

    /// Results come back in the order the jobs were submitted, however they finish, and
    /// at most `in_flight` stay unhanded after each call; a job's panic reaches the caller.
    #[test]
    fn in_order_hands_results_in_submission_order() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut got = Vec::new();
        pool.in_place_scope(|s| {
            let mut jobs = InOrder::new();
            for i in 0..12usize {
                // Later jobs are shorter: they tend to finish first.
                jobs.submit(s, move || {
                    let spin = (0..(12 - i) * 500).fold(0usize, |a, b| a.wrapping_add(b));
                    std::hint::black_box(spin);
                    i
                });
                jobs.hand(3, |r| {
                    got.push(r);
                    Ok::<(), ()>(())
                })
                .unwrap();
                assert!(i + 1 - got.len() <= 3);
            }
            jobs.hand(0, |r| {
                got.push(r);
                Ok::<(), ()>(())
            })
            .unwrap();
        });
        assert_eq!(got, (0..12).collect::<Vec<_>>());
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.in_place_scope(|s| {
                let mut jobs = InOrder::new();
                jobs.submit(s, || 1);
                jobs.submit(s, || -> i32 { panic!("job") });
                jobs.hand(0, |_| Ok::<(), ()>(())).unwrap();
            })
        }));
        assert!(panicked.is_err());
    }

    /// The Japanese config's tables are small enough for Miri to load.
    #[test]
    fn convert_equals_the_sequential_engine() {
        let engine = Engine::OpenCC(crate::engine::Pipeline::new(crate::Config::Jp2t));
        let user = Rules::default();
        let text = "国の世論\n学校\nabc";
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let got = pool.install(|| convert(&engine, &user, text));
        assert_eq!(got, engine.convert(text, &user));
        assert_eq!(got, "國の輿論\n學校\nabc");
    }
}
