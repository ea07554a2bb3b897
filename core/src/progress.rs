//! The progress report of the long batch forms (`risk_score_batch_with_progress`,
//! `devig_batch_with_progress`, `settle_batch_with_progress`, `clv_batch_with_progress`, the
//! time-value batches' `..._with_progress` ...): one shape for all of them, so a binding
//! forwards its callback and never counts, splits or re-offsets anything itself. The item
//! batches run through one of two drivers, [`fill_chunks`] (into a caller's buffer) and
//! [`map_chunks`] (into a new vector): the plain form passes no callback, the progress form
//! its callback, and the work is the same code.
//!
//! `progress(done, total)` counts the batch's items (subscribers, markets). It is called
//! after about every [`PROGRESS_CHUNK`] items and once more when the last item is done, with
//! `done` strictly increasing and the last call being `(total, total)`. Calls may come from
//! several threads but never at the same time. An empty batch makes no call. A panic in
//! `progress` propagates to the caller.

use crate::error::Result;
use crate::par::*;
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

/// Runs `run(start, chunk)` over consecutive chunks of `out` (`start` being the index of the
/// chunk's first item), on the rayon pool in chunks of `chunk` items when `parallel`, else on
/// the caller's thread, and reports each chunk done to `progress` (if any; a batch of
/// `out.len()` items).
///
/// Without a callback and not `parallel`, `run` gets the whole of `out` at once, so the plain
/// forms keep their single loop; with one, the sequential run goes [`PROGRESS_CHUNK`] items
/// at a time. Returns the error of the first failing chunk in order (a chunk stops at its own
/// first error), so the error does not depend on scheduling; `out` is then partly written.
/// Only the chunks that succeed are counted done, so a failed batch never reports
/// `(total, total)`. An empty `out` makes no call to `run` or `progress`.
pub(crate) fn fill_chunks<T: Send>(
    out: &mut [T],
    chunk: usize,
    parallel: bool,
    progress: Option<ProgressFn<'_>>,
    run: impl Fn(usize, &mut [T]) -> Result<()> + Sync,
) -> Result<()> {
    let shared = progress.map(|report| Progress::new(report, out.len()));
    // Chunk `k` of `size` items: run, and count its items done once they are.
    let one = |ticker: &mut Ticker<'_, '_>, size: usize, (k, part): (usize, &mut [T])| {
        let len = part.len();
        let result = run(k.saturating_mul(size), part);
        if result.is_ok() {
            ticker.advance(len);
        }
        result.err()
    };
    let error = if parallel {
        let chunk = chunk.max(1);
        out.par_chunks_mut(chunk)
            .enumerate()
            .map_init(
                || Ticker::new(shared.as_ref()),
                |t, item| one(t, chunk, item),
            )
            .find_map_first(|error| error)
    } else if shared.is_some() {
        let mut ticker = Ticker::new(shared.as_ref());
        out.chunks_mut(PROGRESS_CHUNK)
            .enumerate()
            .find_map(|item| one(&mut ticker, PROGRESS_CHUNK, item))
    } else {
        return if out.is_empty() { Ok(()) } else { run(0, out) };
    };
    error.map_or(Ok(()), Err)
}

/// `map(index, item)` of every item in order, into a new vector, chunked and reported as
/// [`fill_chunks`] does: on the rayon pool in chunks of `chunk` items when `parallel` (each
/// chunk collected on its own, the chunks then joined in order), else on the caller's
/// thread, [`PROGRESS_CHUNK`] items at a time when there is a callback. Errors: the error of
/// the first failing item in order (with `parallel`, the other chunks still run); only the
/// chunks that succeed are counted done.
pub(crate) fn map_chunks<I: Sync, T: Send>(
    items: &[I],
    chunk: usize,
    parallel: bool,
    progress: Option<ProgressFn<'_>>,
    map: impl Fn(usize, &I) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let shared = progress.map(|report| Progress::new(report, items.len()));
    // Chunk `k` of `size` items: mapped, and its items counted done once they are.
    let one = |ticker: &mut Ticker<'_, '_>, size: usize, (k, part): (usize, &[I])| {
        let start = k.saturating_mul(size);
        let mapped: Result<Vec<T>> = part
            .iter()
            .enumerate()
            .map(|(i, item)| map(start + i, item))
            .collect();
        if mapped.is_ok() {
            ticker.advance(part.len());
        }
        mapped
    };
    let parts: Vec<Result<Vec<T>>> = if parallel {
        let chunk = chunk.max(1);
        items
            .par_chunks(chunk)
            .enumerate()
            .map_init(
                || Ticker::new(shared.as_ref()),
                |t, item| one(t, chunk, item),
            )
            .collect()
    } else if shared.is_some() {
        let mut ticker = Ticker::new(shared.as_ref());
        let mut parts = Vec::new();
        for item in items.chunks(PROGRESS_CHUNK).enumerate() {
            let part = one(&mut ticker, PROGRESS_CHUNK, item);
            let failed = part.is_err();
            parts.push(part);
            if failed {
                break;
            }
        }
        parts
    } else {
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| map(i, item))
            .collect();
    };
    let mut out = Vec::with_capacity(items.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    /// Runs `fill_chunks` over `n` items whose value is their index, failing at `fail` (if
    /// any) and reporting to a recorder; returns the result and the calls.
    fn recorded(
        n: usize,
        parallel: bool,
        fail: Option<usize>,
    ) -> (Result<Vec<usize>>, Vec<(usize, usize)>) {
        let calls = Mutex::new(Vec::new());
        let report = |done, total| calls.lock().unwrap().push((done, total));
        let items: Vec<usize> = (0..n).collect();
        let result = map_chunks(&items, 1000, parallel, Some(&report), |i, &item| {
            assert_eq!(i, item);
            match fail {
                Some(f) if f == i => Err(Error::InvalidParameter {
                    name: "item",
                    value: i.to_string(),
                    reason: "fails",
                }),
                _ => Ok(item),
            }
        });
        (result, calls.into_inner().unwrap())
    }

    #[test]
    fn the_drivers_report_every_item_once_in_increasing_order() {
        for parallel in [false, true] {
            for n in [1, 999, 1000, 4096, 4097, 3 * PROGRESS_CHUNK + 17] {
                let (result, calls) = recorded(n, parallel, None);
                assert_eq!(result.unwrap(), (0..n).collect::<Vec<_>>());
                assert!(calls.windows(2).all(|w| w[0].0 < w[1].0), "{calls:?}");
                assert!(calls.iter().all(|&(_, total)| total == n));
                assert_eq!(calls.last(), Some(&(n, n)));
            }
            let (result, calls) = recorded(0, parallel, None);
            assert_eq!(result.unwrap(), Vec::<usize>::new());
            assert!(calls.is_empty());
        }
    }

    #[test]
    fn the_drivers_give_the_first_error_in_order() {
        for parallel in [false, true] {
            let (result, calls) = recorded(20_000, parallel, Some(12_345));
            match result {
                Err(Error::InvalidParameter { value, .. }) => assert_eq!(value, "12345"),
                other => panic!("{other:?}"),
            }
            assert!(calls.windows(2).all(|w| w[0].0 < w[1].0), "{calls:?}");
            assert!(calls.last().is_none_or(|&(done, _)| done < 20_000));
        }
    }

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
