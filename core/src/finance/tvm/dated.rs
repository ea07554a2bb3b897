//! Dated cash flows: year fractions under a day count, `xnpv` and `xirr` with pyxirr's
//! (and the spreadsheets') conventions.

use super::elementary::{exp, ln_1p};
use super::flows::check_both_signs;
use super::solver::{self, Eval};
use super::{check_rate, finite_result};
use crate::check;
use crate::error::{Error, Result};
use crate::names::named_enum;
use chrono::{Datelike, NaiveDate};

named_enum! {
    /// How the time between two dates becomes a fraction of a year (pyxirr's names are
    /// accepted as aliases, in lower case).
    #[derive(Default)]
    pub enum DayCount ("day count") {
        /// Actual/365 Fixed: actual days / 365 (the default of pyxirr and the spreadsheet
        /// `XIRR`/`XNPV`).
        #[default]
        Act365F = "act_365f" | "act/365f" | "actual/365f" | "act/365 fixed" | "actual/365 fixed",
        /// Actual/360: actual days / 360.
        Act360 = "act_360" | "act/360" | "actual/360",
        /// 30/360 ISDA (bond basis): day 31 counts as 30 for the start date, and for the
        /// end date when the start day is 30 or 31; then
        /// `(360 (y2 - y1) + 30 (m2 - m1) + d2 - d1) / 360`.
        Thirty360 = "30_360" | "30/360" | "30/360 isda" | "bond basis",
        /// Actual/Actual ISDA: days falling in leap years / 366 plus days in other years
        /// / 365.
        ActActIsda = "act_act_isda" | "act/act" | "act/act isda" | "actual/actual" | "actual/actual isda",
    }
}

/// Days in the year of `date`'s calendar year (365 or 366).
fn year_days(year: i32) -> f64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366.0
    } else {
        365.0
    }
}

/// Year fraction from `start` to `end`, `end >= start`.
fn forward_fraction(start: NaiveDate, end: NaiveDate, day_count: DayCount) -> f64 {
    let days = f64::from(end.num_days_from_ce() - start.num_days_from_ce());
    match day_count {
        DayCount::Act365F => days / 365.0,
        DayCount::Act360 => days / 360.0,
        DayCount::Thirty360 => {
            let d1 = start.day().min(30);
            let d2 = if d1 == 30 {
                end.day().min(30)
            } else {
                end.day()
            };
            let years = f64::from(end.year() - start.year());
            let months = f64::from(end.month()) - f64::from(start.month());
            (360.0 * years + 30.0 * months + f64::from(d2) - f64::from(d1)) / 360.0
        }
        DayCount::ActActIsda => {
            let (y1, y2) = (start.year(), end.year());
            if y1 == y2 {
                return days / year_days(y1);
            }
            // Both years exist: chrono dates stay far inside i32 years.
            let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(start);
            let head = (jan1(y1 + 1) - start).num_days() as f64 / year_days(y1);
            let tail = (end - jan1(y2)).num_days() as f64 / year_days(y2);
            head + f64::from(y2 - y1 - 1) + tail
        }
    }
}

/// The time from `start` to `end` in years under `day_count`; negative when `end` is before
/// `start` (`year_fraction(a, b) = -year_fraction(b, a)`).
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::finance::tvm::{year_fraction, DayCount};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let t = year_fraction(d(2007, 12, 28), d(2008, 2, 28), DayCount::ActActIsda);
/// assert!((t - (4.0 / 365.0 + 58.0 / 366.0)).abs() < 1e-15);
/// ```
pub fn year_fraction(start: NaiveDate, end: NaiveDate, day_count: DayCount) -> f64 {
    if end >= start {
        forward_fraction(start, end, day_count)
    } else {
        -forward_fraction(end, start, day_count)
    }
}

/// Validated dated flows: every amount finite, equal lengths, at least one flow; returns
/// each flow's year fraction from the earliest date.
fn times(dates: &[NaiveDate], amounts: &[f64], day_count: DayCount) -> Result<Vec<f64>> {
    check::same_len("dates", dates.len(), "amounts", amounts.len())?;
    let Some(&first) = dates.iter().min() else {
        return Err(Error::EmptyInput {
            name: "amounts",
            min: 1,
            len: 0,
        });
    };
    amounts
        .iter()
        .try_for_each(|&a| check::finite("amounts", a).map(|_| ()))?;
    let basis = match day_count {
        DayCount::Act365F => 365.0,
        DayCount::Act360 => 360.0,
        DayCount::Thirty360 | DayCount::ActActIsda => {
            return Ok(dates
                .iter()
                .map(|&d| forward_fraction(first, d, day_count))
                .collect());
        }
    };
    // Actual days over a fixed basis (as `forward_fraction`), from day numbers.
    let first = first.num_days_from_ce();
    Ok(dates
        .iter()
        .map(|d| f64::from(d.num_days_from_ce() - first) / basis)
        .collect())
}

/// Flows discounted together in [`discounted_sum`]: one array of this many powers on the
/// stack, computed in one pass (independent calls the processor overlaps) before the sums.
const BLOCK: usize = 64;

/// `sum a_i (1 + r)^e_i`, `e_i = shift - t_i`, with its first and second derivatives in `r`:
/// `sum a_i e_i (1 + r)^(e_i - 1)` and `sum a_i e_i (e_i - 1) (1 + r)^(e_i - 2)`.
///
/// The powers of a block of flows are computed first, together, then summed in four
/// interleaved partial sums (so the additions do not wait on each other).
#[inline]
fn discounted_sum(amounts: &[f64], times: &[f64], shift: f64, r: f64) -> Eval {
    let l = ln_1p(r);
    let mut powers = [0.0; BLOCK];
    let (mut value, mut once, mut twice) = ([0.0; 4], [0.0; 4], [0.0; 4]);
    for (a, t) in amounts.chunks(BLOCK).zip(times.chunks(BLOCK)) {
        for (p, &t) in powers.iter_mut().zip(t) {
            *p = exp((shift - t) * l);
        }
        // The index is below 4, the partial sums' length, because it is `i % 4`.
        #[allow(clippy::indexing_slicing)]
        for (i, ((&a, &t), &p)) in a.iter().zip(t).zip(&powers).enumerate() {
            let e = shift - t;
            let term = a * p;
            value[i % 4] += term;
            once[i % 4] += e * term;
            twice[i % 4] += e * e * term;
        }
    }
    let total = |s: [f64; 4]| (s[0] + s[1]) + (s[2] + s[3]);
    let (once, twice) = (total(once), total(twice));
    Eval {
        value: total(value),
        slope: once / (1.0 + r),
        curvature: Some((twice - once) / ((1.0 + r) * (1.0 + r))),
    }
}

/// Net present value of dated flows at the earliest date (pyxirr and the spreadsheet
/// `XNPV`): `sum_i amounts[i] / (1 + rate)^t_i`, `t_i` the year fraction from the earliest
/// date to `dates[i]` under `day_count` (Actual/365 Fixed in pyxirr and spreadsheets). The
/// dates may come in any order; for a chronological schedule the earliest date is the first.
/// `rate` is an annual fraction.
///
/// Unlike pyxirr, flows of one sign are accepted (their value is well defined).
///
/// Errors: `LengthMismatch` when `dates` and `amounts` differ in length; `EmptyInput` for
/// no flow; `InvalidParameter` for a non-finite amount, `rate <= -1`, or a result that
/// overflows.
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::finance::tvm::{xnpv, DayCount};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let dates = [d(2020, 1, 1), d(2020, 3, 1), d(2020, 10, 30), d(2021, 2, 15)];
/// let amounts = [-10_000.0, 5750.0, 4250.0, 3250.0];
/// let v = xnpv(0.1, &dates, &amounts, DayCount::Act365F).unwrap();
/// assert!((v - 2506.579458169746).abs() < 1e-8);
/// ```
pub fn xnpv(rate: f64, dates: &[NaiveDate], amounts: &[f64], day_count: DayCount) -> Result<f64> {
    check_rate("rate", rate)?;
    let times = times(dates, amounts, day_count)?;
    finite_result("xnpv", discounted_sum(amounts, &times, 0.0, rate).value)
}

/// Internal rate of return of dated flows (pyxirr and the spreadsheet `XIRR`): the annual
/// rate `r > -1` with `xnpv(r, dates, amounts, day_count) = 0`.
///
/// The year fractions are computed once; the shared solver then runs Halley's method (the
/// analytic first and second derivatives come with each evaluation) from `guess` (0.1 when
/// `None`, as pyxirr and spreadsheets) and, if that fails, refines the bracketed root nearest
/// the guess. The root is unique when the
/// flows, in date order, change sign once.
///
/// Errors: `LengthMismatch` when `dates` and `amounts` differ in length; `EmptyInput` for
/// no flow; `InvalidParameter` for a non-finite amount, `guess <= -1`, flows without both a
/// positive and a negative amount (pyxirr's `InvalidPaymentsError`) or all on one date;
/// `NoConvergence { method: "xirr" }` when no rate zeroes the XNPV (or the only one lies
/// between -1 and the first double above it, for flows that lose nearly everything within
/// days).
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::finance::tvm::{xirr, DayCount};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let dates = [d(2008, 1, 1), d(2008, 3, 1), d(2008, 10, 30), d(2009, 2, 15), d(2009, 4, 1)];
/// let amounts = [-10_000.0, 2750.0, 4250.0, 3250.0, 2750.0];
/// let r = xirr(&dates, &amounts, None, DayCount::Act365F).unwrap();
/// assert!((r - 0.3733625335).abs() < 1e-9);
/// ```
pub fn xirr(
    dates: &[NaiveDate],
    amounts: &[f64],
    guess: Option<f64>,
    day_count: DayCount,
) -> Result<f64> {
    // Signature order: the dates and amounts first, then the guess.
    let times = times(dates, amounts, day_count)?;
    check_both_signs("amounts", amounts)?;
    let guess = check_rate("guess", guess.unwrap_or(0.1))?;
    let last = times.iter().copied().fold(0.0, f64::max);
    if last <= 0.0 {
        return Err(Error::InvalidParameter {
            name: "dates",
            value: format!("{} flows on one date", dates.len()),
            reason: "needs at least two distinct dates",
        });
    }
    // Present-value form for r >= 0, value at the last date for r < 0: same sign, no overflow.
    let f = |r: f64| {
        let shift = if r >= 0.0 { 0.0 } else { last };
        discounted_sum(amounts, &times, shift, r)
    };
    solver::solve("xirr", f, guess)
}
