//! Batch forms of the periodic functions over equal-length columns, for the bindings
//! (numpy arrays, `Float64Array`s). A column of one value stands for that value on every
//! row (broadcast, as numpy does), so a binding passes a single number without repeating
//! it. One generic driver runs a row function over chunks of rows, in parallel above
//! [`PARALLEL_MIN`] rows.
//!
//! The hot loop carries no error: each row function returns its scalar function's value, or
//! NaN where the scalar function fails, and a chunk only checks that every value it wrote is
//! finite. A chunk holding a failing row is run again through the scalar function, row by
//! row, to report the first failure with its exact error.
//!
//! The functions built on the growth factor `(1 + rate)^nper` ([`pmt_batch`], [`fv_batch`],
//! [`pv_batch`], [`ipmt_batch`], [`ppmt_batch`]) compute it for a block of rows in two
//! passes, every `ln_1p(rate)` and then every `exp_m1(nper ln_1p(rate))`: independent calls
//! that the processor overlaps, where one row at a time waits for each call's result. The
//! values are those of the scalar functions, bit for bit.

use super::elementary::{exp_m1, ln_1p};
use super::{
    Growth, When, fv, fv_or_nan, ipmt, ipmt_or_nan, nper, pmt, pmt_or_nan, ppmt, ppmt_or_nan, pv,
    pv_or_nan, rate,
};
use crate::check;
use crate::error::Result;
use crate::progress::{ProgressFn, fill_chunks};

/// Rows from which the batch functions run on the rayon pool.
pub const PARALLEL_MIN: usize = 4096;
/// Rows per parallel task: tens of microseconds of work, so rayon's cost per task stays
/// small while a million rows still split into enough tasks to balance the threads.
const CHUNK: usize = 4096;
/// Rows whose growth factors are computed together (two arrays of this many `f64` on the
/// stack).
const BLOCK: usize = 128;

/// The rows of one column within a chunk: its own values, or one value for every row (a
/// column of length 1, broadcast).
#[derive(Clone, Copy)]
enum Rows<'a> {
    Each(&'a [f64]),
    All(f64),
}

impl Rows<'_> {
    /// The value of row `i` of the chunk; NaN past the chunk's end (never: `i` counts the
    /// chunk's rows), which the scalar function then reports as a bad value.
    #[inline]
    fn at(self, i: usize) -> f64 {
        match self {
            Rows::Each(values) => values.get(i).copied().unwrap_or(f64::NAN),
            Rows::All(value) => value,
        }
    }
}

/// Runs `fill` over `out` and the matching rows of `columns`, chunk by chunk. A column is
/// as long as `out`, or has one value, used for every row (broadcast, as numpy does).
///
/// `fill(rows, out)` writes for each row its scalar function's value or NaN (`exact` is the
/// scalar function: `fill`'s value must be finite exactly where `exact` is `Ok`, with the
/// same value). On failure returns the error `exact` gives for the first failing row (in
/// row order); `out` is then partly written, with finite values only (0 from a failing row
/// on within its chunk). Each chunk done is reported to `progress`, if any.
fn map_rows<const K: usize>(
    names: [&'static str; K],
    columns: [&[f64]; K],
    out: &mut [f64],
    fill: impl Fn([Rows<'_>; K], &mut [f64]) + Sync,
    exact: impl Fn([f64; K]) -> Result<f64> + Sync,
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    for (name, column) in names.iter().zip(&columns) {
        if column.len() != 1 {
            check::same_len(name, column.len(), "out", out.len())?;
        }
    }
    let run = |start: usize, chunk: &mut [f64]| -> Result<()> {
        // In range: every column of more than one value is as long as `out` (checked above);
        // were it not, the rows would be NaN, reported as such by the scalar function.
        let rows = start..start + chunk.len();
        let cols = columns.map(|column| match column {
            [value] => Rows::All(*value),
            _ => Rows::Each(column.get(rows.clone()).unwrap_or_default()),
        });
        fill(cols, chunk);
        if chunk.iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        // The chunk's rows again, through the scalar function, up to the first failure;
        // that row and the later ones get 0 rather than the NaN `fill` wrote.
        let mut failure = None;
        for (i, slot) in chunk.iter_mut().enumerate() {
            *slot = match failure {
                Some(_) => 0.0,
                None => exact(cols.map(|c| c.at(i))).unwrap_or_else(|e| {
                    failure = Some(e);
                    0.0
                }),
            };
        }
        failure.map_or(Ok(()), Err)
    };
    let parallel = out.len() >= PARALLEL_MIN;
    fill_chunks(out, CHUNK, parallel, progress, run)
}

/// A `fill` of [`map_rows`] applying `row` to each row.
fn each_row<const K: usize>(
    row: impl Fn([f64; K]) -> f64 + Sync,
) -> impl Fn([Rows<'_>; K], &mut [f64]) + Sync {
    move |cols, out| {
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = row(cols.map(|c| c.at(i)));
        }
    }
}

/// A `fill` of [`map_rows`] applying `row` to each row and its growth factor
/// `Growth::new(rate, nper)`, the rate in column 0 and the number of periods in column
/// `NPER` (below `K`: checked when compiled), computed a block of rows at a time (see the
/// module docs).
fn growth_rows<const K: usize, const NPER: usize>(
    row_fn: impl Fn([f64; K], Option<Growth>) -> f64 + Sync,
) -> impl Fn([Rows<'_>; K], &mut [f64]) + Sync {
    const { assert!(NPER < K, "the number of periods is one of the columns") };
    move |cols, out| {
        // A broadcast column is a block of its value, made once.
        let columns = cols.map(|column| match column {
            Rows::Each(all) => Column::Each(all),
            Rows::All(value) => Column::All([value; BLOCK]),
        });
        let (mut logs, mut growths) = ([0.0; BLOCK], [0.0; BLOCK]);
        for (b, block) in out.chunks_mut(BLOCK).enumerate() {
            let (first, len) = (b * BLOCK, block.len());
            // The block's rows of every column (`len <= BLOCK`; each column of more than one
            // value is as long as the chunk). Were one shorter, the block would be NaN,
            // which the scalar function then reports.
            let x = columns.each_ref().map(|column| column.rows(first, len));
            let (Some(&rates), Some(&nper)) = (x.first(), x.get(NPER)) else {
                block.fill(f64::NAN);
                continue;
            };
            if x.iter().any(|column| column.len() != len) {
                block.fill(f64::NAN);
                continue;
            }
            for (l, &rate) in logs.iter_mut().zip(rates) {
                *l = ln_1p(rate);
            }
            for ((e, &l), &n) in growths.iter_mut().zip(&logs).zip(nper) {
                *e = exp_m1((n * l).abs());
            }
            for (i, ((slot, &log), &grown)) in block.iter_mut().zip(&logs).zip(&growths).enumerate()
            {
                let row: [f64; K] = x.map(|column| column.get(i).copied().unwrap_or(f64::NAN));
                // The rate is column 0, the number of periods column `NPER < K`.
                let (rate, n) = (row[0], row.get(NPER).copied().unwrap_or(f64::NAN));
                let growth = Growth::from_parts(rate, n, log, grown);
                *slot = row_fn(row, growth);
            }
        }
    }
}

/// A column's rows within a chunk, for [`growth_rows`]: its own values, or a block of its
/// one value.
#[allow(clippy::large_enum_variant)] // One per column on the stack, as the block it replaces.
enum Column<'a> {
    Each(&'a [f64]),
    All([f64; BLOCK]),
}

impl Column<'_> {
    /// Rows `first..first + len` of the chunk (`len <= BLOCK`); empty past its end.
    #[inline]
    fn rows(&self, first: usize, len: usize) -> &[f64] {
        match self {
            Column::Each(all) => all.get(first..first + len).unwrap_or_default(),
            Column::All(repeated) => repeated.get(..len).unwrap_or_default(),
        }
    }
}

/// The two public forms of a batch function from its kernel `$kernel(columns.., out,
/// progress)`: `$plain(columns.., out)`, with the given docs, and `$with(columns.., out,
/// progress)`, which reports its progress in rows.
macro_rules! batch_forms {
    ($(#[$doc:meta])* $plain:ident, $with:ident, $kernel:ident($($arg:ident: $ty:ty),*)) => {
        $(#[$doc])*
        pub fn $plain($($arg: $ty,)* out: &mut [f64]) -> Result<()> {
            $kernel($($arg,)* out, None)
        }

        #[doc = concat!("[`", stringify!($plain), "`] that reports its progress in rows: ")]
        /// `progress(done, total)` is called after about every
        /// [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) rows and once more when the last
        /// one is done, with `done` strictly increasing and the last call being
        /// `(total, total)` (`total` is `out.len()`). Calls may come from several threads but
        /// never at the same time. Results and errors are the plain form's; a
        /// `LengthMismatch` or an empty `out` makes no call, and a failed batch never
        /// reports `(total, total)`. A panic in `progress` propagates to the caller.
        #[allow(clippy::too_many_arguments)] // One argument per column, as in numpy's.
        pub fn $with(
            $($arg: $ty,)*
            out: &mut [f64],
            progress: &(dyn Fn(usize, usize) + Sync),
        ) -> Result<()> {
            $kernel($($arg,)* out, Some(progress))
        }
    };
}

batch_forms! {
/// [`pmt`] over rows: `out[i] = pmt(rate[i], nper[i], pv[i], fv[i], when)`.
///
/// A column of one value is used for every row (broadcast). Errors: `LengthMismatch` when
/// a column of more than one value is not as long as `out`; otherwise the error of the
/// first failing row (see [`pmt`]).
///
/// ```
/// use edgecore::finance::tvm::{pmt_batch, When};
/// let mut out = [0.0; 2];
/// // `fv` is 0 on every row: a column of one value is broadcast.
/// pmt_batch(&[0.0, 0.8], &[12.0, 3.0], &[2000.0, 20000.0], &[0.0], When::End, &mut out)
///     .unwrap();
/// assert!((out[0] + 166.66666666666666).abs() < 1e-9);
/// assert!((out[1] + 19311.258278145696).abs() < 1e-8);
/// ```
    pmt_batch, pmt_batch_with_progress, pmt_rows(rate: &[f64], nper: &[f64], pv: &[f64], fv: &[f64], when: When)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`pmt_batch`] and [`pmt_batch_with_progress`].
fn pmt_rows(
    rate: &[f64],
    nper: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["rate", "nper", "pv", "fv"],
        [rate, nper, pv, fv],
        out,
        growth_rows::<_, 1>(|[r, n, p, f], g| pmt_or_nan(g, r, n, p, f, when)),
        |[r, n, p, f]| pmt(r, n, p, f, when),
        progress,
    )
}

batch_forms! {
/// [`ipmt`] over rows: `out[i] = ipmt(rate[i], per[i], nper[i], pv[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`ipmt`]).
    ipmt_batch, ipmt_batch_with_progress, ipmt_rows(rate: &[f64], per: &[f64], nper: &[f64], pv: &[f64], fv: &[f64], when: When)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`ipmt_batch`] and [`ipmt_batch_with_progress`].
fn ipmt_rows(
    rate: &[f64],
    per: &[f64],
    nper: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["rate", "per", "nper", "pv", "fv"],
        [rate, per, nper, pv, fv],
        out,
        growth_rows::<_, 2>(|[r, k, n, p, f], g| ipmt_or_nan(g, r, k, n, p, f, when)),
        |[r, k, n, p, f]| ipmt(r, k, n, p, f, when),
        progress,
    )
}

batch_forms! {
/// [`ppmt`] over rows: `out[i] = ppmt(rate[i], per[i], nper[i], pv[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`ppmt`]).
    ppmt_batch, ppmt_batch_with_progress, ppmt_rows(rate: &[f64], per: &[f64], nper: &[f64], pv: &[f64], fv: &[f64], when: When)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`ppmt_batch`] and [`ppmt_batch_with_progress`].
fn ppmt_rows(
    rate: &[f64],
    per: &[f64],
    nper: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["rate", "per", "nper", "pv", "fv"],
        [rate, per, nper, pv, fv],
        out,
        growth_rows::<_, 2>(|[r, k, n, p, f], g| ppmt_or_nan(g, r, k, n, p, f, when)),
        |[r, k, n, p, f]| ppmt(r, k, n, p, f, when),
        progress,
    )
}

batch_forms! {
/// [`pv`] over rows: `out[i] = pv(rate[i], nper[i], pmt[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`pv`]).
    pv_batch, pv_batch_with_progress, pv_rows(rate: &[f64], nper: &[f64], pmt: &[f64], fv: &[f64], when: When)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`pv_batch`] and [`pv_batch_with_progress`].
fn pv_rows(
    rate: &[f64],
    nper: &[f64],
    pmt: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["rate", "nper", "pmt", "fv"],
        [rate, nper, pmt, fv],
        out,
        growth_rows::<_, 1>(|[r, n, m, f], g| pv_or_nan(g, r, n, m, f, when)),
        |[r, n, m, f]| pv(r, n, m, f, when),
        progress,
    )
}

batch_forms! {
/// [`fv`] over rows: `out[i] = fv(rate[i], nper[i], pmt[i], pv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`fv`]).
///
/// ```
/// use edgecore::finance::tvm::{fv_batch, When};
/// let mut out = [0.0; 2];
/// fv_batch(&[0.0, 0.1], &[5.0, 5.0], &[100.0, 100.0], &[0.0, 0.0], When::End, &mut out)
///     .unwrap();
/// assert!((out[0] + 500.0).abs() < 1e-12 && (out[1] + 610.51).abs() < 1e-9);
/// ```
    fv_batch, fv_batch_with_progress, fv_rows(rate: &[f64], nper: &[f64], pmt: &[f64], pv: &[f64], when: When)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`fv_batch`] and [`fv_batch_with_progress`].
fn fv_rows(
    rate: &[f64],
    nper: &[f64],
    pmt: &[f64],
    pv: &[f64],
    when: When,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["rate", "nper", "pmt", "pv"],
        [rate, nper, pmt, pv],
        out,
        growth_rows::<_, 1>(|[r, n, m, p], g| fv_or_nan(g, r, n, m, p, when)),
        |[r, n, m, p]| fv(r, n, m, p, when),
        progress,
    )
}

batch_forms! {
/// [`nper`] over rows: `out[i] = nper(rate[i], pmt[i], pv[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`nper`]).
    nper_batch, nper_batch_with_progress, nper_rows(rate: &[f64], pmt: &[f64], pv: &[f64], fv: &[f64], when: When)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`nper_batch`] and [`nper_batch_with_progress`].
fn nper_rows(
    rate: &[f64],
    pmt: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["rate", "pmt", "pv", "fv"],
        [rate, pmt, pv, fv],
        out,
        each_row(|[r, m, p, f]| nper(r, m, p, f, when).unwrap_or(f64::NAN)),
        |[r, m, p, f]| nper(r, m, p, f, when),
        progress,
    )
}

batch_forms! {
/// [`rate`] over rows: `out[i] = rate(nper[i], pmt[i], pv[i], fv[i], when, guess)`.
///
/// Errors: as [`pmt_batch`] (see [`rate`]).
    rate_batch, rate_batch_with_progress, rate_rows(nper: &[f64], pmt: &[f64], pv: &[f64], fv: &[f64], when: When, guess: Option<f64>)
}

// One argument per column, as in numpy's signatures.
#[allow(clippy::too_many_arguments)]
/// The one kernel of [`rate_batch`] and [`rate_batch_with_progress`].
fn rate_rows(
    nper: &[f64],
    pmt: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    guess: Option<f64>,
    out: &mut [f64],
    progress: Option<ProgressFn<'_>>,
) -> Result<()> {
    map_rows(
        ["nper", "pmt", "pv", "fv"],
        [nper, pmt, pv, fv],
        out,
        each_row(|[n, m, p, f]| rate(n, m, p, f, when, guess).unwrap_or(f64::NAN)),
        |[n, m, p, f]| rate(n, m, p, f, when, guess),
        progress,
    )
}
