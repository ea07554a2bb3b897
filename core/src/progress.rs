//! The progress report of the long batch forms (`risk_score_batch_with_progress`,
//! `devig_batch_with_progress`): one shape for all of them, so a binding forwards its
//! callback and never counts, splits or re-offsets anything itself.
//!
//! `progress(done, total)` counts the batch's items (subscribers, markets). It is called
//! after about every [`PROGRESS_CHUNK`] items and once more when the last item is done, with
//! `done` strictly increasing and the last call being `(total, total)`. Calls may come from
//! several threads but never at the same time. An empty batch makes no call. A panic in
//! `progress` propagates to the caller.

use std::sync::Mutex;

/// The progress callback is called about once per this many items done.
pub const PROGRESS_CHUNK: usize = 4096;

/// A progress callback: `(done, total)` items.
pub(crate) type ProgressFn<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// The shared progress state of one batch: calls are serialised by the lock, so `done` only
/// grows.
pub(crate) struct Progress<'a> {
    report: ProgressFn<'a>,
    done: Mutex<usize>,
    total: usize,
}

impl<'a> Progress<'a> {
    /// The state of a batch of `total` items reporting to `report`.
    pub fn new(report: ProgressFn<'a>, total: usize) -> Self {
        Progress {
            report,
            done: Mutex::new(0),
            total,
        }
    }

    /// Counts `count` more items done and reports.
    fn add(&self, count: usize) {
        let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
        *done += count;
        (self.report)(*done, self.total);
    }
}

/// A per-job counter: reports once at least [`PROGRESS_CHUNK`] items are pending and the rest
/// when the job ends (on drop). Without a callback it does nothing.
pub(crate) struct Ticker<'p, 'a> {
    progress: Option<&'p Progress<'a>>,
    pending: usize,
}

impl<'p, 'a> Ticker<'p, 'a> {
    /// A counter reporting to `progress`, if any.
    pub fn new(progress: Option<&'p Progress<'a>>) -> Self {
        Ticker {
            progress,
            pending: 0,
        }
    }

    /// Counts `count` more items done.
    #[inline]
    pub fn advance(&mut self, count: usize) {
        if let Some(progress) = self.progress {
            self.pending += count;
            if self.pending >= PROGRESS_CHUNK {
                progress.add(self.pending);
                self.pending = 0;
            }
        }
    }
}

impl Drop for Ticker<'_, '_> {
    fn drop(&mut self) {
        match self.progress {
            Some(progress) if self.pending > 0 => progress.add(self.pending),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_chunk_and_the_rest_at_the_end() {
        let calls = Mutex::new(Vec::new());
        let report = |done, total| calls.lock().unwrap().push((done, total));
        let total = 3 * PROGRESS_CHUNK + 5;
        let progress = Progress::new(&report, total);
        {
            let mut ticker = Ticker::new(Some(&progress));
            for _ in 0..total {
                ticker.advance(1);
            }
        }
        let calls = calls.into_inner().unwrap();
        assert_eq!(calls.len(), 4);
        assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(calls.last(), Some(&(total, total)));
        // Without a callback nothing is counted.
        let mut silent = Ticker::new(None);
        silent.advance(PROGRESS_CHUNK);
        assert_eq!(silent.pending, 0);
    }
}
