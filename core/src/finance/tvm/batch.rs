//! Batch forms of the periodic functions over equal-length columns, for the bindings
//! (numpy arrays, `Float64Array`s after broadcasting). One generic driver applies a scalar
//! function row by row, in parallel above [`PARALLEL_MIN`] rows.

use super::{When, fv, ipmt, nper, pmt, ppmt, pv, rate};
use crate::check;
use crate::error::Result;
use rayon::prelude::*;

/// Rows from which the batch functions run on the rayon pool.
pub const PARALLEL_MIN: usize = 4096;
/// Rows per parallel task.
const CHUNK: usize = 4096;

/// Applies `row` to every row of `columns` (all as long as `out`) and writes the results to
/// `out`. On failure returns the error of the first failing row (in row order); `out` is
/// then partly written.
fn map_rows<const K: usize>(
    names: [&'static str; K],
    columns: [&[f64]; K],
    out: &mut [f64],
    row: impl Fn([f64; K]) -> Result<f64> + Sync,
) -> Result<()> {
    for (name, column) in names.iter().zip(&columns) {
        check::same_len(name, column.len(), "out", out.len())?;
    }
    let run = |start: usize, chunk: &mut [f64]| -> Result<()> {
        for (i, slot) in (start..).zip(chunk.iter_mut()) {
            // `i < out.len()`, the length of every column (checked above).
            *slot = row(std::array::from_fn(|k| columns[k][i]))?;
        }
        Ok(())
    };
    if out.len() < PARALLEL_MIN {
        return run(0, out);
    }
    out.par_chunks_mut(CHUNK)
        .enumerate()
        .find_map_first(|(c, chunk)| run(c * CHUNK, chunk).err())
        .map_or(Ok(()), Err)
}

/// [`pmt`] over rows: `out[i] = pmt(rate[i], nper[i], pv[i], fv[i], when)`.
///
/// Errors: `LengthMismatch` when a column's length differs from `out`'s; otherwise the
/// error of the first failing row (see [`pmt`]).
///
/// ```
/// use edgecore::finance::tvm::{pmt_batch, When};
/// let mut out = [0.0; 2];
/// pmt_batch(&[0.0, 0.8], &[12.0, 3.0], &[2000.0, 20000.0], &[0.0, 0.0], When::End, &mut out)
///     .unwrap();
/// assert!((out[0] + 166.66666666666666).abs() < 1e-9);
/// assert!((out[1] + 19311.258278145696).abs() < 1e-8);
/// ```
pub fn pmt_batch(
    rate: &[f64],
    nper: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["rate", "nper", "pv", "fv"],
        [rate, nper, pv, fv],
        out,
        |[r, n, p, f]| pmt(r, n, p, f, when),
    )
}

/// [`ipmt`] over rows: `out[i] = ipmt(rate[i], per[i], nper[i], pv[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`ipmt`]).
pub fn ipmt_batch(
    rate: &[f64],
    per: &[f64],
    nper: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["rate", "per", "nper", "pv", "fv"],
        [rate, per, nper, pv, fv],
        out,
        |[r, k, n, p, f]| ipmt(r, k, n, p, f, when),
    )
}

/// [`ppmt`] over rows: `out[i] = ppmt(rate[i], per[i], nper[i], pv[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`ppmt`]).
pub fn ppmt_batch(
    rate: &[f64],
    per: &[f64],
    nper: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["rate", "per", "nper", "pv", "fv"],
        [rate, per, nper, pv, fv],
        out,
        |[r, k, n, p, f]| ppmt(r, k, n, p, f, when),
    )
}

/// [`pv`] over rows: `out[i] = pv(rate[i], nper[i], pmt[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`pv`]).
pub fn pv_batch(
    rate: &[f64],
    nper: &[f64],
    pmt: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["rate", "nper", "pmt", "fv"],
        [rate, nper, pmt, fv],
        out,
        |[r, n, m, f]| pv(r, n, m, f, when),
    )
}

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
pub fn fv_batch(
    rate: &[f64],
    nper: &[f64],
    pmt: &[f64],
    pv: &[f64],
    when: When,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["rate", "nper", "pmt", "pv"],
        [rate, nper, pmt, pv],
        out,
        |[r, n, m, p]| fv(r, n, m, p, when),
    )
}

/// [`nper`] over rows: `out[i] = nper(rate[i], pmt[i], pv[i], fv[i], when)`.
///
/// Errors: as [`pmt_batch`] (see [`nper`]).
pub fn nper_batch(
    rate: &[f64],
    pmt: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["rate", "pmt", "pv", "fv"],
        [rate, pmt, pv, fv],
        out,
        |[r, m, p, f]| nper(r, m, p, f, when),
    )
}

/// [`rate`] over rows: `out[i] = rate(nper[i], pmt[i], pv[i], fv[i], when, guess)`.
///
/// Errors: as [`pmt_batch`] (see [`rate`]).
pub fn rate_batch(
    nper: &[f64],
    pmt: &[f64],
    pv: &[f64],
    fv: &[f64],
    when: When,
    guess: Option<f64>,
    out: &mut [f64],
) -> Result<()> {
    map_rows(
        ["nper", "pmt", "pv", "fv"],
        [nper, pmt, pv, fv],
        out,
        |[n, m, p, f]| rate(n, m, p, f, when, guess),
    )
}
