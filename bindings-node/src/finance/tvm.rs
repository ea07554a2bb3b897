//! Time value of money (`edgecore::finance::tvm`), with numpy-financial's argument order
//! and sign convention (money paid out is negative). Rates are fractions per period.
//! Batch forms take columns (`Float64Array` or `number[]`) or single numbers, broadcast to
//! the longest column, and return a `Float64Array`.

use crate::convert::{Column, day, name, names, whole};
use crate::errors::{OrThrow, Result};
use crate::js::Float64Array;
use crate::js::JsString;
use crate::js::{Date, Input};
use crate::task::{Background, Progress, Report, background};
use edgecore::finance::tvm::{self as core, When as CoreWhen};
use napi::bindgen_prelude::{AsyncTask, Either};
use napi_derive::napi;
use std::borrow::Cow;

names! {
    "When payments fall due within each period: `end` (ordinary annuity, the default; alias `0`) or `begin` (annuity due; alias `1`)."
    When = CoreWhen { End = "end", Begin = "begin" }

    "How the time between two dates becomes a fraction of a year: `act_365f` (the default, as spreadsheets' XIRR), `act_360`, `30_360` (ISDA bond basis), `act_act_isda`; pyxirr's names are accepted as aliases (`act/365f`, `30/360`...)."
    DayCount = core::DayCount {
        Act365F = "act_365f", Act360 = "act_360", Thirty360 = "30_360", ActActIsda = "act_act_isda"
    }
}

/// The `when` argument: `end` when absent.
fn when(value: Option<JsString>) -> Result<CoreWhen> {
    value.map_or(Ok(CoreWhen::End), |w| name(&w))
}

/// The `dayCount` argument: `act_365f` when absent.
fn day_count(value: Option<JsString>) -> Result<core::DayCount> {
    value.map_or(Ok(core::DayCount::Act365F), |d| name(&d))
}

/// A batch argument: one number for every row, or a column.
pub type Broadcast = Either<f64, Column>;

/// The columns of a batch call and the number of rows, the length of the longest column. A
/// single number becomes a column of one value, which the core applies to every row
/// (nothing is repeated here); columns are the copies made at conversion, and columns of another length
/// are left as they are: the core reports them as `LengthMismatch`.
fn columns<'a, const K: usize>(
    args: [(&'a Input<Broadcast>, &'static str); K],
) -> Result<(usize, [Cow<'a, [f64]>; K])> {
    let mut values: [Option<&'a Broadcast>; K] = [None; K];
    for (slot, (input, name)) in values.iter_mut().zip(args) {
        *slot = Some(input.get(name)?);
    }
    let column = |b: &'a Broadcast| match b {
        Either::A(_) => None,
        Either::B(numbers) => Some(numbers.as_slice()),
    };
    let rows = values
        .iter()
        .flatten()
        .filter_map(|b| column(b))
        .map(<[f64]>::len)
        .max();
    let rows = rows.unwrap_or(1);
    let out = values.map(|b| match b {
        Some(Either::A(x)) => Cow::Owned(vec![*x]),
        Some(other) => Cow::Borrowed(column(other).unwrap_or_default()),
        None => Cow::Borrowed(&[][..]),
    });
    Ok((rows, out))
}

/// Runs a core batch function writing into a fresh column of `rows` values.
fn batch(
    rows: usize,
    run: impl FnOnce(&mut [f64]) -> edgecore::Result<()>,
) -> Result<Float64Array> {
    let mut out = vec![0.0; rows];
    run(&mut out).or_throw()?;
    Ok(Float64Array(out))
}

/// The async form of a batch call: reads the columns of `args` and `when` as the synchronous
/// form does, then runs `run(columns, when, out, report)` on libuv's pool, over copies of the
/// columns owned by the task, into a new column (one value per row).
fn batch_call_async<const K: usize>(
    args: [(Input<Broadcast>, &'static str); K],
    when: Option<JsString>,
    on_progress: Option<Progress>,
    run: impl FnOnce([&[f64]; K], CoreWhen, &mut [f64], Report<'_>) -> edgecore::Result<()>
    + Send
    + 'static,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let (rows, columns) = columns(args.each_ref().map(|(input, name)| (input, *name)))?;
    let columns = columns.map(Cow::into_owned);
    let when = self::when(when)?;
    Ok(background(on_progress, move |report| {
        let mut out = vec![0.0; rows];
        let columns = columns.each_ref().map(Vec::as_slice);
        run(columns, when, &mut out, report).map(|()| Float64Array(out))
    }))
}

/// The periodic payment that takes `pv` to `fv` (default 0) in `nper` periods:
/// `-(fv + pv (1 + rate)^nper) rate / ((1 + rate when) ((1 + rate)^nper - 1))`, `-(pv + fv)
/// / nper` at a zero rate. Throws `InvalidParameter` for a non-finite input, `rate <= -1`,
/// `nper <= 0` or an overflow.
///
/// ```js
/// pmt(0.075 / 12, 180, 200000) // -1854.0247200054619
/// ```
#[napi(catch_unwind)]
pub fn pmt(
    rate: f64,
    nper: f64,
    pv: f64,
    fv: Option<f64>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    core::pmt(rate, nper, pv, fv.unwrap_or(0.0), self::when(when)?).or_throw()
}

/// The future value after `nper` periods of `pv` now and a payment `pmt` each period:
/// `-(pv (1 + rate)^nper + pmt (1 + rate when) ((1 + rate)^nper - 1) / rate)`. Errors as
/// `pmt`.
#[napi(catch_unwind)]
pub fn fv(
    rate: f64,
    nper: f64,
    pmt: f64,
    pv: f64,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    core::fv(rate, nper, pmt, pv, self::when(when)?).or_throw()
}

/// The present value of `fv` (default 0) after `nper` periods and a payment `pmt` each
/// period. Errors as `pmt`.
#[napi(catch_unwind)]
pub fn pv(
    rate: f64,
    nper: f64,
    pmt: f64,
    fv: Option<f64>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    core::pv(rate, nper, pmt, fv.unwrap_or(0.0), self::when(when)?).or_throw()
}

/// The interest part of the payment of period `per` (1-based) of the schedule of `pmt`.
/// Throws `InvalidParameter` as `pmt` does and for `per` outside [1, nper].
#[napi(catch_unwind)]
pub fn ipmt(
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: Option<f64>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    core::ipmt(rate, per, nper, pv, fv.unwrap_or(0.0), self::when(when)?).or_throw()
}

/// The principal part of the payment of period `per` (1-based); `ipmt + ppmt = pmt`.
/// Errors as `ipmt`.
#[napi(catch_unwind)]
pub fn ppmt(
    rate: f64,
    per: f64,
    nper: f64,
    pv: f64,
    fv: Option<f64>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    core::ppmt(rate, per, nper, pv, fv.unwrap_or(0.0), self::when(when)?).or_throw()
}

/// The number of periods for payments `pmt` to take `pv` to `fv` (default 0); negative when
/// `fv` lies in the past of `pv`. Throws `InvalidParameter` for a non-finite input, `rate <=
/// -1`, or when no number of periods solves the equation.
#[napi(catch_unwind)]
pub fn nper(
    rate: f64,
    pmt: f64,
    pv: f64,
    fv: Option<f64>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    core::nper(rate, pmt, pv, fv.unwrap_or(0.0), self::when(when)?).or_throw()
}

/// The rate per period at which payments `pmt` take `pv` to `fv` in `nper` periods (Newton
/// from `guess`, default 0.1, then the bracketed root nearest the guess; about 1e-13).
/// Throws `InvalidParameter`, or `NoConvergence` when no rate in (-1, inf) solves it.
#[napi(catch_unwind)]
pub fn rate(
    nper: f64,
    pmt: f64,
    pv: f64,
    fv: Option<f64>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    guess: Option<f64>,
) -> Result<f64> {
    core::rate(nper, pmt, pv, fv.unwrap_or(0.0), self::when(when)?, guess).or_throw()
}

/// Principal repaid over periods `start..=end` of a loan `pv` over `nper` periods (the
/// spreadsheet `CUMPRINC`; negative for a loan received). Throws `InvalidParameter` for a
/// non-finite input, `rate <= -1`, `nper == 0`, `start == 0`, `start > end`, `end > nper`.
#[napi(catch_unwind)]
pub fn cumprinc(
    rate: f64,
    nper: f64,
    pv: f64,
    start: f64,
    end: f64,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    let (n, s, e) = (
        whole("nper", nper)?,
        whole("start", start)?,
        whole("end", end)?,
    );
    core::cumprinc(rate, n, pv, s, e, self::when(when)?).or_throw()
}

/// Interest paid over periods `start..=end` (the spreadsheet `CUMIPMT`). Errors as
/// `cumprinc`.
#[napi(catch_unwind)]
pub fn cumipmt(
    rate: f64,
    nper: f64,
    pv: f64,
    start: f64,
    end: f64,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<f64> {
    let (n, s, e) = (
        whole("nper", nper)?,
        whole("start", start)?,
        whole("end", end)?,
    );
    core::cumipmt(rate, n, pv, s, e, self::when(when)?).or_throw()
}

/// The effective annual rate of a nominal rate compounded `periods` times a year:
/// `(1 + nominal / periods)^periods - 1` (the spreadsheet `EFFECT`).
#[napi(catch_unwind)]
pub fn effective_rate(nominal: f64, periods: f64) -> Result<f64> {
    core::effective_rate(nominal, whole("periods", periods)?).or_throw()
}

/// The nominal annual rate compounded `periods` times a year of an effective annual rate
/// (the spreadsheet `NOMINAL`).
#[napi(catch_unwind)]
pub fn nominal_rate(effective: f64, periods: f64) -> Result<f64> {
    core::nominal_rate(effective, whole("periods", periods)?).or_throw()
}

/// Net present value of flows one period apart, the first at t = 0 (numpy-financial).
/// Throws `EmptyInput` for no value, `InvalidParameter` otherwise.
#[napi(catch_unwind)]
pub fn npv(
    rate: f64,
    #[napi(ts_arg_type = "Float64Array | number[]")] values: Input<Column>,
) -> Result<f64> {
    core::npv(rate, crate::convert::column(&values, "values")?).or_throw()
}

/// Net present value with the first flow one period from now (the spreadsheet `NPV`).
#[napi(catch_unwind)]
pub fn npv_excel(
    rate: f64,
    #[napi(ts_arg_type = "Float64Array | number[]")] values: Input<Column>,
) -> Result<f64> {
    core::npv_excel(rate, crate::convert::column(&values, "values")?).or_throw()
}

/// Internal rate of return of flows one period apart. Throws `EmptyInput` (fewer than two
/// values), `InvalidParameter` (flows of one sign), `NoConvergence`.
#[napi(catch_unwind)]
pub fn irr(#[napi(ts_arg_type = "Float64Array | number[]")] values: Input<Column>) -> Result<f64> {
    core::irr(crate::convert::column(&values, "values")?).or_throw()
}

/// Modified internal rate of return: negative flows financed at `financeRate`, positive
/// ones reinvested at `reinvestRate`.
#[napi(catch_unwind)]
pub fn mirr(
    #[napi(ts_arg_type = "Float64Array | number[]")] values: Input<Column>,
    finance_rate: f64,
    reinvest_rate: f64,
) -> Result<f64> {
    core::mirr(
        crate::convert::column(&values, "values")?,
        finance_rate,
        reinvest_rate,
    )
    .or_throw()
}

/// The dates of a dated-flows argument (their UTC days).
fn dates(input: Input<Vec<Date>>) -> Result<Vec<chrono::NaiveDate>> {
    input
        .read("dates")?
        .into_iter()
        .map(|d| day("dates", d))
        .collect()
}

/// Net present value of dated flows at an annual `rate`: `sum amount_i / (1 + rate)^t_i`,
/// `t_i` the year fraction from the first date (`dayCount` default `act_365f`). Throws
/// `LengthMismatch`, `EmptyInput`, `InvalidParameter`.
#[napi(catch_unwind)]
pub fn xnpv(
    rate: f64,
    #[napi(ts_arg_type = "Date[]")] dates: Input<Vec<Date>>,
    #[napi(ts_arg_type = "Float64Array | number[]")] amounts: Input<Column>,
    #[napi(ts_arg_type = "DayCount")] day_count: Option<JsString>,
) -> Result<f64> {
    let dates = self::dates(dates)?;
    let amounts = crate::convert::column(&amounts, "amounts")?;
    core::xnpv(rate, &dates, amounts, self::day_count(day_count)?).or_throw()
}

/// The annual rate that zeroes the XNPV of dated flows (pyxirr's `xirr`). Throws
/// `LengthMismatch`, `EmptyInput`, `InvalidParameter`, `NoConvergence`.
#[napi(catch_unwind)]
pub fn xirr(
    #[napi(ts_arg_type = "Date[]")] dates: Input<Vec<Date>>,
    #[napi(ts_arg_type = "Float64Array | number[]")] amounts: Input<Column>,
    guess: Option<f64>,
    #[napi(ts_arg_type = "DayCount")] day_count: Option<JsString>,
) -> Result<f64> {
    let dates = self::dates(dates)?;
    let amounts = crate::convert::column(&amounts, "amounts")?;
    core::xirr(&dates, amounts, guess, self::day_count(day_count)?).or_throw()
}

/// The time from `start` to `end` in years under `dayCount` (default `act_365f`); negative
/// when `end` is before `start`.
#[napi(catch_unwind)]
pub fn year_fraction(
    start: Date,
    end: Date,
    #[napi(ts_arg_type = "DayCount")] day_count: Option<JsString>,
) -> Result<f64> {
    Ok(core::year_fraction(
        day("start", start)?,
        day("end", end)?,
        self::day_count(day_count)?,
    ))
}

/// `pmt` over rows: `out[i] = pmt(rate[i], nper[i], pv[i], fv[i], when)`; parallel from 4096
/// rows. Throws `LengthMismatch` for columns of different lengths, then the first failing
/// row's error.
#[napi(catch_unwind)]
pub fn pmt_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<Float64Array> {
    let fv = fv.unwrap_or_else(zero);
    let (rows, [r, n, p, f]) =
        columns([(&rate, "rate"), (&nper, "nper"), (&pv, "pv"), (&fv, "fv")])?;
    let when = self::when(when)?;
    batch(rows, |out| core::pmt_batch(&r, &n, &p, &f, when, out))
}

/// `fv` over rows. Errors as `pmtBatch`.
#[napi(catch_unwind)]
pub fn fv_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<Float64Array> {
    let (rows, [r, n, m, p]) =
        columns([(&rate, "rate"), (&nper, "nper"), (&pmt, "pmt"), (&pv, "pv")])?;
    let when = self::when(when)?;
    batch(rows, |out| core::fv_batch(&r, &n, &m, &p, when, out))
}

/// `pv` over rows. Errors as `pmtBatch`.
#[napi(catch_unwind)]
pub fn pv_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<Float64Array> {
    let fv = fv.unwrap_or_else(zero);
    let (rows, [r, n, m, f]) =
        columns([(&rate, "rate"), (&nper, "nper"), (&pmt, "pmt"), (&fv, "fv")])?;
    let when = self::when(when)?;
    batch(rows, |out| core::pv_batch(&r, &n, &m, &f, when, out))
}

/// `ipmt` over rows. Errors as `pmtBatch`.
#[napi(catch_unwind)]
pub fn ipmt_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] per: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<Float64Array> {
    let fv = fv.unwrap_or_else(zero);
    let args = [
        (&rate, "rate"),
        (&per, "per"),
        (&nper, "nper"),
        (&pv, "pv"),
        (&fv, "fv"),
    ];
    let (rows, [r, k, n, p, f]) = columns(args)?;
    let when = self::when(when)?;
    batch(rows, |out| core::ipmt_batch(&r, &k, &n, &p, &f, when, out))
}

/// `ppmt` over rows. Errors as `pmtBatch`.
#[napi(catch_unwind)]
pub fn ppmt_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] per: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<Float64Array> {
    let fv = fv.unwrap_or_else(zero);
    let args = [
        (&rate, "rate"),
        (&per, "per"),
        (&nper, "nper"),
        (&pv, "pv"),
        (&fv, "fv"),
    ];
    let (rows, [r, k, n, p, f]) = columns(args)?;
    let when = self::when(when)?;
    batch(rows, |out| core::ppmt_batch(&r, &k, &n, &p, &f, when, out))
}

/// `nper` over rows. Errors as `pmtBatch`.
#[napi(catch_unwind)]
pub fn nper_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
) -> Result<Float64Array> {
    let fv = fv.unwrap_or_else(zero);
    let (rows, [r, m, p, f]) = columns([(&rate, "rate"), (&pmt, "pmt"), (&pv, "pv"), (&fv, "fv")])?;
    let when = self::when(when)?;
    batch(rows, |out| core::nper_batch(&r, &m, &p, &f, when, out))
}

/// `rate` over rows. Errors as `pmtBatch`.
#[napi(catch_unwind)]
pub fn rate_batch(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    guess: Option<f64>,
) -> Result<Float64Array> {
    let fv = fv.unwrap_or_else(zero);
    let (rows, [n, m, p, f]) = columns([(&nper, "nper"), (&pmt, "pmt"), (&pv, "pv"), (&fv, "fv")])?;
    let when = self::when(when)?;
    batch(rows, |out| {
        core::rate_batch(&n, &m, &p, &f, when, guess, out)
    })
}

/// `pmtBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `pmt_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn pmt_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    batch_call_async(
        [
            (rate, "rate"),
            (nper, "nper"),
            (pv, "pv"),
            (fv.unwrap_or_else(zero), "fv"),
        ],
        when,
        on_progress,
        move |[r, n, p, f], when, out, report| {
            core::pmt_batch_with_progress(r, n, p, f, when, out, report)
        },
    )
}

/// `fvBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `fv_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn fv_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    batch_call_async(
        [(rate, "rate"), (nper, "nper"), (pmt, "pmt"), (pv, "pv")],
        when,
        on_progress,
        move |[r, n, m, p], when, out, report| {
            core::fv_batch_with_progress(r, n, m, p, when, out, report)
        },
    )
}

/// `pvBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `pv_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn pv_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    batch_call_async(
        [
            (rate, "rate"),
            (nper, "nper"),
            (pmt, "pmt"),
            (fv.unwrap_or_else(zero), "fv"),
        ],
        when,
        on_progress,
        move |[r, n, m, f], when, out, report| {
            core::pv_batch_with_progress(r, n, m, f, when, out, report)
        },
    )
}

/// `ipmtBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `ipmt_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn ipmt_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] per: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let columns = [rate, per, nper, pv, fv.unwrap_or_else(zero)];
    part_async(columns, when, on_progress, core::ipmt_batch_with_progress)
}

/// `ppmtBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `ppmt_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn ppmt_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] per: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let columns = [rate, per, nper, pv, fv.unwrap_or_else(zero)];
    part_async(columns, when, on_progress, core::ppmt_batch_with_progress)
}

/// `nperBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `nper_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn nper_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] rate: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    batch_call_async(
        [
            (rate, "rate"),
            (pmt, "pmt"),
            (pv, "pv"),
            (fv.unwrap_or_else(zero), "fv"),
        ],
        when,
        on_progress,
        move |[r, m, p, f], when, out, report| {
            core::nper_batch_with_progress(r, m, p, f, when, out, report)
        },
    )
}

/// `rateBatch` off the main thread: resolves to the same `Float64Array`, or rejects with the
/// same error. `onProgress(done, total)` counts rows, reported about every 4096 and once at
/// the end (the core's `rate_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<Float64Array>")]
pub fn rate_batch_async(
    #[napi(ts_arg_type = "number | Float64Array | number[]")] nper: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pmt: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] pv: Input<Broadcast>,
    #[napi(ts_arg_type = "number | Float64Array | number[]")] fv: Option<Input<Broadcast>>,
    #[napi(ts_arg_type = "When")] when: Option<JsString>,
    guess: Option<f64>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Float64Array>>> {
    batch_call_async(
        [
            (nper, "nper"),
            (pmt, "pmt"),
            (pv, "pv"),
            (fv.unwrap_or_else(zero), "fv"),
        ],
        when,
        on_progress,
        move |[n, m, p, f], when, out, report| {
            core::rate_batch_with_progress(n, m, p, f, when, guess, out, report)
        },
    )
}

/// A core batch of the interest or principal part of payments (`ipmt`, `ppmt`) with its
/// progress callback.
type PartBatch = fn(
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    &[f64],
    CoreWhen,
    &mut [f64],
    Report<'_>,
) -> edgecore::Result<()>;

/// `ipmtBatchAsync` and `ppmtBatchAsync`: the columns `rate, per, nper, pv, fv` through
/// `part`, off the main thread.
fn part_async(
    [rate, per, nper, pv, fv]: [Input<Broadcast>; 5],
    when: Option<JsString>,
    on_progress: Option<Progress>,
    part: PartBatch,
) -> Result<AsyncTask<Background<Float64Array>>> {
    let args = [
        (rate, "rate"),
        (per, "per"),
        (nper, "nper"),
        (pv, "pv"),
        (fv, "fv"),
    ];
    batch_call_async(
        args,
        when,
        on_progress,
        move |[r, k, n, p, f], when, out, report| part(r, k, n, p, f, when, out, report),
    )
}

/// The default `fv` column of the batch forms: 0 on every row.
fn zero() -> Input<Broadcast> {
    Input::of(Either::A(0.0))
}
