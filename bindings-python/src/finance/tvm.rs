//! `edgecore::finance::tvm`: time value of money with numpy-financial's signatures (scalars
//! or broadcasting arrays in, same shape out) and pyxirr's `xnpv`/`xirr`. The periodic
//! functions (`pmt`, `ipmt`, `ppmt`, `pv`, `fv`, `nper`, `rate`) take `progress=` for their
//! array form: True for a tqdm bar, or a callable receiving `(done, total)` output values
//! after about every 4096 and at the end (scalars make no report).

use crate::arrays::{elementwise_rows, f64_array, f64_vec, is_scalar, rows};
use crate::convert::Text;
use crate::convert::{float, int, name, opt_float, to_py_named};
use crate::errors::{OrRaise, to_py_err};
use crate::raw::exact_dates;
use chrono::NaiveDate;
use edgecore::finance::tvm::{self, DayCount, When};
use numpy::{PyArrayMethods, PyUntypedArrayMethods};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyList, PyString, PyTuple};
use std::str::FromStr;

to_py_named!(When, DayCount);

/// `when`: "end"/"begin" or 0/1, as numpy-financial takes it.
fn when(value: &Bound<'_, PyAny>) -> PyResult<When> {
    if value.is_instance_of::<PyInt>() {
        // 0 and 1 are names; any other int is an unknown one, however large (an int
        // subclass's `__str__` is the caller's code: through `raw::str`)
        let digits = crate::raw::str(value)
            .map_or_else(|_| "a very large integer".into(), |s| s.to_string());
        return name(&digits);
    }
    name(&value.extract::<Text>()?)
}

/// An output column of zeros for the core's `*_batch(..., out)` forms, one per row of
/// `columns` (see [`rows`]).
fn column(columns: &[&[f64]]) -> Vec<f64> {
    vec![0.0; rows(columns)]
}

/// The payment per period of an annuity (numpy-financial's `pmt`): negative for a loan
/// received (`pv > 0`). `rate` per period as a fraction; `when` "end"/"begin" or 0/1.
/// Scalars give a float; arrays broadcast and give a numpy array (in parallel, without the
/// GIL). Errors: `InvalidParameterError` (a rate <= -1, nper <= 0, non-finite values, an
/// overflowing result), `UnknownNameError` (when).
#[pyfunction]
#[pyo3(signature = (rate, nper, pv, fv = None, when = None, progress = None))]
fn pmt<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    nper: &Bound<'py, PyAny>,
    pv: &Bound<'py, PyAny>,
    fv: Option<&Bound<'py, PyAny>>,
    when: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (fv, w) = (zero_or(py, fv), when_or_end(when)?);
    elementwise_rows(
        py,
        [rate, nper, pv, &fv],
        ["rate", "nper", "pv", "fv"],
        progress,
        |[r, n, p, f]| tvm::pmt(r, n, p, f, w),
        |[r, n, p, f], report| {
            let mut out = column(&[r, n, p, f]);
            match report {
                Some(report) => tvm::pmt_batch_with_progress(r, n, p, f, w, &mut out, report),
                None => tvm::pmt_batch(r, n, p, f, w, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// The interest part of payment number `per` (1-based) of an annuity (numpy-financial's
/// `ipmt`). Scalars give a float; arrays broadcast. Errors: `InvalidParameterError`
/// (including `per` outside 1..=nper), `UnknownNameError`.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // numpy-financial's arguments, and `progress`
#[pyo3(signature = (rate, per, nper, pv, fv = None, when = None, progress = None))]
fn ipmt<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    per: &Bound<'py, PyAny>,
    nper: &Bound<'py, PyAny>,
    pv: &Bound<'py, PyAny>,
    fv: Option<&Bound<'py, PyAny>>,
    when: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (fv, w) = (zero_or(py, fv), when_or_end(when)?);
    elementwise_rows(
        py,
        [rate, per, nper, pv, &fv],
        ["rate", "per", "nper", "pv", "fv"],
        progress,
        |[r, k, n, p, f]| tvm::ipmt(r, k, n, p, f, w),
        |[r, k, n, p, f], report| {
            let mut out = column(&[r, k, n, p, f]);
            match report {
                Some(report) => tvm::ipmt_batch_with_progress(r, k, n, p, f, w, &mut out, report),
                None => tvm::ipmt_batch(r, k, n, p, f, w, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// The principal part of payment number `per` (1-based) of an annuity (numpy-financial's
/// `ppmt`). Scalars give a float; arrays broadcast. Errors: as `ipmt`.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // numpy-financial's arguments, and `progress`
#[pyo3(signature = (rate, per, nper, pv, fv = None, when = None, progress = None))]
fn ppmt<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    per: &Bound<'py, PyAny>,
    nper: &Bound<'py, PyAny>,
    pv: &Bound<'py, PyAny>,
    fv: Option<&Bound<'py, PyAny>>,
    when: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (fv, w) = (zero_or(py, fv), when_or_end(when)?);
    elementwise_rows(
        py,
        [rate, per, nper, pv, &fv],
        ["rate", "per", "nper", "pv", "fv"],
        progress,
        |[r, k, n, p, f]| tvm::ppmt(r, k, n, p, f, w),
        |[r, k, n, p, f], report| {
            let mut out = column(&[r, k, n, p, f]);
            match report {
                Some(report) => tvm::ppmt_batch_with_progress(r, k, n, p, f, w, &mut out, report),
                None => tvm::ppmt_batch(r, k, n, p, f, w, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// Present value of an annuity (numpy-financial's `pv`). Scalars give a float; arrays
/// broadcast. Errors: `InvalidParameterError`, `UnknownNameError`.
#[pyfunction]
#[pyo3(signature = (rate, nper, pmt, fv = None, when = None, progress = None))]
fn pv<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    nper: &Bound<'py, PyAny>,
    pmt: &Bound<'py, PyAny>,
    fv: Option<&Bound<'py, PyAny>>,
    when: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (fv, w) = (zero_or(py, fv), when_or_end(when)?);
    elementwise_rows(
        py,
        [rate, nper, pmt, &fv],
        ["rate", "nper", "pmt", "fv"],
        progress,
        |[r, n, m, f]| tvm::pv(r, n, m, f, w),
        |[r, n, m, f], report| {
            let mut out = column(&[r, n, m, f]);
            match report {
                Some(report) => tvm::pv_batch_with_progress(r, n, m, f, w, &mut out, report),
                None => tvm::pv_batch(r, n, m, f, w, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// Future value of an annuity (numpy-financial's `fv`). Scalars give a float; arrays
/// broadcast. Errors: `InvalidParameterError`, `UnknownNameError`.
#[pyfunction]
#[pyo3(signature = (rate, nper, pmt, pv, when = None, progress = None))]
fn fv<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    nper: &Bound<'py, PyAny>,
    pmt: &Bound<'py, PyAny>,
    pv: &Bound<'py, PyAny>,
    when: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let w = when_or_end(when)?;
    elementwise_rows(
        py,
        [rate, nper, pmt, pv],
        ["rate", "nper", "pmt", "pv"],
        progress,
        |[r, n, m, p]| tvm::fv(r, n, m, p, w),
        |[r, n, m, p], report| {
            let mut out = column(&[r, n, m, p]);
            match report {
                Some(report) => tvm::fv_batch_with_progress(r, n, m, p, w, &mut out, report),
                None => tvm::fv_batch(r, n, m, p, w, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// Number of periods an annuity needs (numpy-financial's `nper`). Scalars give a float;
/// arrays broadcast. Errors: `InvalidParameterError` (including payments that never repay
/// the loan), `UnknownNameError`.
#[pyfunction]
#[pyo3(signature = (rate, pmt, pv, fv = None, when = None, progress = None))]
fn nper<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    pmt: &Bound<'py, PyAny>,
    pv: &Bound<'py, PyAny>,
    fv: Option<&Bound<'py, PyAny>>,
    when: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (fv, w) = (zero_or(py, fv), when_or_end(when)?);
    elementwise_rows(
        py,
        [rate, pmt, pv, &fv],
        ["rate", "pmt", "pv", "fv"],
        progress,
        |[r, m, p, f]| tvm::nper(r, m, p, f, w),
        |[r, m, p, f], report| {
            let mut out = column(&[r, m, p, f]);
            match report {
                Some(report) => tvm::nper_batch_with_progress(r, m, p, f, w, &mut out, report),
                None => tvm::nper_batch(r, m, p, f, w, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// The rate per period of an annuity (numpy-financial's `rate`), solved from `guess` (0.1
/// when None). Scalars give a float; arrays broadcast. Errors: `InvalidParameterError`,
/// `NoConvergenceError` (no rate solves the annuity equation; numpy-financial returns
/// nan), `UnknownNameError`.
#[pyfunction]
#[allow(clippy::too_many_arguments)] // numpy-financial's arguments, and `progress`
#[pyo3(signature = (nper, pmt, pv, fv = None, when = None, guess = None, progress = None))]
fn rate<'py>(
    py: Python<'py>,
    nper: &Bound<'py, PyAny>,
    pmt: &Bound<'py, PyAny>,
    pv: &Bound<'py, PyAny>,
    fv: Option<&Bound<'py, PyAny>>,
    when: Option<&Bound<'py, PyAny>>,
    guess: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (fv, w) = (zero_or(py, fv), when_or_end(when)?);
    let guess = opt_float("guess", guess)?;
    elementwise_rows(
        py,
        [nper, pmt, pv, &fv],
        ["nper", "pmt", "pv", "fv"],
        progress,
        |[n, m, p, f]| tvm::rate(n, m, p, f, w, guess),
        |[n, m, p, f], report| {
            let mut out = column(&[n, m, p, f]);
            match report {
                Some(report) => {
                    tvm::rate_batch_with_progress(n, m, p, f, w, guess, &mut out, report)
                }
                None => tvm::rate_batch(n, m, p, f, w, guess, &mut out),
            }
            .map(|()| out)
        },
    )
}

/// `fv=None` as numpy-financial's default 0.
fn zero_or<'py>(py: Python<'py>, value: Option<&Bound<'py, PyAny>>) -> Bound<'py, PyAny> {
    match value {
        Some(v) if !v.is_none() => v.clone(),
        _ => pyo3::types::PyFloat::new(py, 0.0).into_any(),
    }
}

/// `when=None` as numpy-financial's default "end".
fn when_or_end(value: Option<&Bound<'_, PyAny>>) -> PyResult<When> {
    match value {
        Some(v) if !v.is_none() => when(v),
        _ => Ok(When::End),
    }
}

/// Interest paid over periods `start..=end` (1-based) of a loan `pv` over `nper` periods
/// (the spreadsheet `CUMIPMT`); negative for a loan received. Errors:
/// `InvalidParameterError`, `UnknownNameError`.
#[pyfunction]
#[pyo3(signature = (rate, nper, pv, start, end, when = None))]
fn cumipmt(
    rate: &Bound<'_, PyAny>,
    nper: &Bound<'_, PyAny>,
    pv: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    when: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let (rate, nper, pv, start, end) = cumulative_args(rate, nper, pv, start, end)?;
    tvm::cumipmt(rate, nper, pv, start, end, when_or_end(when)?).or_raise()
}

/// Principal repaid over periods `start..=end` (1-based) of a loan `pv` over `nper` periods
/// (the spreadsheet `CUMPRINC`). Errors: `InvalidParameterError`, `UnknownNameError`.
#[pyfunction]
#[pyo3(signature = (rate, nper, pv, start, end, when = None))]
fn cumprinc(
    rate: &Bound<'_, PyAny>,
    nper: &Bound<'_, PyAny>,
    pv: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
    when: Option<&Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let (rate, nper, pv, start, end) = cumulative_args(rate, nper, pv, start, end)?;
    tvm::cumprinc(rate, nper, pv, start, end, when_or_end(when)?).or_raise()
}

/// The numeric arguments of `cumipmt` and `cumprinc`.
fn cumulative_args(
    rate: &Bound<'_, PyAny>,
    nper: &Bound<'_, PyAny>,
    pv: &Bound<'_, PyAny>,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
) -> PyResult<(f64, u32, f64, u32, u32)> {
    Ok((
        float("rate", rate)?,
        int("nper", nper)?,
        float("pv", pv)?,
        int("start", start)?,
        int("end", end)?,
    ))
}

/// The effective annual rate of a nominal rate compounded `periods` times a year,
/// `(1 + nominal / periods)^periods - 1` (the spreadsheet `EFFECT`). Rates are fractions.
#[pyfunction]
fn effective_rate(nominal: &Bound<'_, PyAny>, periods: &Bound<'_, PyAny>) -> PyResult<f64> {
    tvm::effective_rate(float("nominal", nominal)?, int("periods", periods)?).or_raise()
}

/// The nominal annual rate compounded `periods` times a year that gives `effective` (the
/// spreadsheet `NOMINAL`). Rates are fractions.
#[pyfunction]
fn nominal_rate(effective: &Bound<'_, PyAny>, periods: &Bound<'_, PyAny>) -> PyResult<f64> {
    tvm::nominal_rate(float("effective", effective)?, int("periods", periods)?).or_raise()
}

/// `f(rate, values)` for a scalar rate (a float) or each rate of an array (same shape).
fn over_rates<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    values: &Bound<'py, PyAny>,
    f: fn(f64, &[f64]) -> edgecore::Result<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let values = f64_vec("values", values)?;
    if is_scalar(rate) {
        return Ok(
            pyo3::types::PyFloat::new(py, f(float("rate", rate)?, &values).or_raise()?).into_any(),
        );
    }
    let rates = f64_array("rate", rate)?;
    let shape = rates.shape().to_vec();
    let rates = rates.as_slice()?;
    let out = crate::parallel::detach(py, || {
        rates
            .iter()
            .map(|&r| f(r, &values))
            .collect::<edgecore::Result<Vec<_>>>()
    })?
    .or_raise()?;
    crate::arrays::to_numpy(py, out, &shape)
}

/// Net present value of flows one period apart, the first at t = 0 (numpy-financial's
/// `npv`). A rate array gives an array of values, one per rate. Errors:
/// `EmptyInputError` (no value), `InvalidParameterError`.
#[pyfunction]
fn npv<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    values: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    over_rates(py, rate, values, tvm::npv)
}

/// Net present value with the first flow one period from now (the spreadsheet `NPV`).
/// A rate array gives an array of values. Errors: as `npv`.
#[pyfunction]
fn npv_excel<'py>(
    py: Python<'py>,
    rate: &Bound<'py, PyAny>,
    values: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    over_rates(py, rate, values, tvm::npv_excel)
}

/// Internal rate of return of flows one period apart (numpy-financial's `irr`): the rate
/// with `npv(rate, values) = 0`. Errors: `EmptyInputError`, `InvalidParameterError`
/// (flows without both signs), `NoConvergenceError` (numpy-financial returns nan).
#[pyfunction]
fn irr(values: &Bound<'_, PyAny>) -> PyResult<f64> {
    tvm::irr(&f64_vec("values", values)?).or_raise()
}

/// Modified internal rate of return (numpy-financial's `mirr`): negative flows financed at
/// `finance_rate`, positive ones reinvested at `reinvest_rate`. Errors:
/// `EmptyInputError`, `InvalidParameterError`.
#[pyfunction]
fn mirr(
    values: &Bound<'_, PyAny>,
    finance_rate: &Bound<'_, PyAny>,
    reinvest_rate: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let values = f64_vec("values", values)?;
    let (finance, reinvest) = (
        float("finance_rate", finance_rate)?,
        float("reinvest_rate", reinvest_rate)?,
    );
    tvm::mirr(&values, finance, reinvest).or_raise()
}

/// The error for dates that cannot be read.
fn bad_dates(what: impl std::fmt::Display) -> PyErr {
    to_py_err(edgecore::Error::InvalidParameter {
        name: "dates",
        value: what.to_string(),
        reason: "must be dates (datetime.date, ISO strings, numpy datetime64)",
    })
}

/// One date: a `date`/`datetime` or an ISO "YYYY-MM-DD" string.
fn one_date(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow()?;
        let day = text.get(..10).unwrap_or(&text);
        return NaiveDate::from_str(day).map_err(|_| bad_dates(format!("{text:?}")));
    }
    // One `toordinal()` call per date (fewer calls than reading year, month and day). A
    // date subclass's `toordinal`, the value's `__repr__` and the `__index__` of what
    // `toordinal` returns are the caller's code: through `crate::raw`.
    let describe =
        || bad_dates(crate::raw::repr(value).map_or_else(|_| "a value".into(), |r| r.to_string()));
    if !value.is_instance_of::<pyo3::types::PyDate>() {
        return Err(describe());
    }
    let ordinal = crate::raw::call_method0(value, intern!(value.py(), "toordinal"))?;
    crate::raw::index(&ordinal)
        .and_then(|day| day.extract::<i32>())
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(describe)
}

static DATE_TOORDINAL: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
static MAP: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// The dates of a list or tuple of `date`/`datetime` objects, read through
/// `map(date.toordinal, dates)`: the C loop of `map` calls the method without an attribute
/// lookup per date, and the ordinals are read as they come (no intermediate list). `None`
/// when an item is not a date (or its ordinal not a valid date), for the caller to read the
/// items one by one and report the bad one.
///
/// A subclass of list or tuple may define `__iter__` and `__len__`: the caller's code, so
/// `map` is made and advanced through `crate::raw`, and the length is read from exact lists
/// and tuples only.
fn date_ordinals(value: &Bound<'_, PyAny>) -> PyResult<Option<Vec<NaiveDate>>> {
    let py = value.py();
    let toordinal = DATE_TOORDINAL.get_or_try_init(py, || {
        py.import("datetime")?
            .getattr("date")?
            .getattr("toordinal")
            .map(Bound::unbind)
    })?;
    let map = MAP.get_or_try_init(py, || {
        py.import("builtins")?.getattr("map").map(Bound::unbind)
    })?;
    let args = PyTuple::new(py, [toordinal.bind(py), value])?;
    let Ok(ordinals) = crate::raw::call(map.bind(py), &args, None) else {
        return Ok(None);
    };
    let exact = value.is_exact_instance_of::<PyList>() || value.is_exact_instance_of::<PyTuple>();
    let mut out = Vec::with_capacity(if exact { value.len()? } else { 0 });
    let ordinals = crate::raw::iter(&ordinals)?;
    loop {
        // `date.toordinal` returns an exact `int`: reading it runs no Python code
        match crate::raw::next(&ordinals).map(|day| day.map(|d| d.extract::<i32>())) {
            Ok(None) => return Ok(Some(out)),
            Ok(Some(Ok(day))) => match NaiveDate::from_num_days_from_ce_opt(day) {
                Some(date) => out.push(date),
                None => return Ok(None),
            },
            _ => return Ok(None),
        }
    }
}

/// Dates from a list/tuple of dates or ISO strings, or from any array-like of datetimes
/// (numpy `datetime64`, pandas and polars Series) read once through numpy as days.
///
/// A list of dates is read in one pass, from the objects' fields (see [`exact_dates`]) or else
/// through `toordinal` (see [`date_ordinals`]); anything neither can read (ISO strings) date
/// by date.
fn dates(value: &Bound<'_, PyAny>) -> PyResult<Vec<NaiveDate>> {
    let py = value.py();
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        if let Some(dates) = exact_dates(value)? {
            return Ok(dates);
        }
        if let Some(dates) = date_ordinals(value)? {
            return Ok(dates);
        }
        return crate::raw::items(value)?.iter().map(one_date).collect();
    }
    // numpy reads the caller's sequence (`__len__`, `__getitem__`, `__array__`): through
    // `raw::call`; the array it returns is numpy's own.
    let np = crate::arrays::numpy(py)?;
    let args = PyTuple::new(
        py,
        [value.clone(), "datetime64[D]".into_pyobject(py)?.into_any()],
    )?;
    let days = crate::raw::call(&np.getattr(intern!(py, "asarray"))?, &args, None)
        .and_then(|a| a.call_method1("view", ("int64",)))
        .and_then(|a| a.call_method1("ravel", ()))
        .map_err(bad_dates)?
        .cast_into::<numpy::PyArray1<i64>>()?
        .readonly();
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).ok_or_else(|| bad_dates("epoch"))?;
    days.as_slice()?
        .iter()
        .map(|&d| {
            chrono::TimeDelta::try_days(d)
                .and_then(|delta| epoch.checked_add_signed(delta))
                .ok_or_else(|| bad_dates(format!("{d} days from 1970-01-01")))
        })
        .collect()
}

/// pyxirr's flows: `(dates, amounts)`, or `amounts=None` with a dict `{date: amount}` or an
/// iterable of `(date, amount)` pairs.
fn flows(
    dates_arg: &Bound<'_, PyAny>,
    amounts: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Vec<NaiveDate>, Vec<f64>)> {
    match amounts {
        Some(a) if !a.is_none() => Ok((dates(dates_arg)?, f64_vec("amounts", a)?)),
        _ => {
            let pairs = match dates_arg.cast::<PyDict>() {
                Ok(d) => d.items().into_any(),
                Err(_) => dates_arg.clone(),
            };
            let pairs = crate::record::each("flow", "dates", &pairs, |_, pair| {
                let (d, a): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
                Ok((one_date(&d)?, float("amounts", &a)?))
            })?;
            Ok(pairs.into_iter().unzip())
        }
    }
}

/// Net present value of dated flows at the annual `rate` (pyxirr's `xnpv`): each amount
/// discounted by `(1 + rate)^t`, `t` in years from the first date under `day_count`
/// ("act_365f", "act_360", "30_360", "act_act_isda"; pyxirr's names accepted in lower
/// case). `dates` are dates, datetimes, ISO strings or a datetime64 array/Series; with
/// `amounts=None`, `dates` may be a dict `{date: amount}` or `(date, amount)` pairs.
/// Errors: `LengthMismatchError`, `EmptyInputError`, `InvalidParameterError`.
#[pyfunction]
#[pyo3(
    signature = (rate, dates, amounts = None, *, day_count = Text::from("act_365f")),
    text_signature = "(rate, dates, amounts=None, *, day_count='act_365f')"
)]
fn xnpv(
    py: Python<'_>,
    rate: &Bound<'_, PyAny>,
    dates: &Bound<'_, PyAny>,
    amounts: Option<&Bound<'_, PyAny>>,
    day_count: Text,
) -> PyResult<f64> {
    let rate = float("rate", rate)?;
    let day_count: DayCount = name(&day_count)?;
    let (dates, amounts) = flows(dates, amounts)?;
    crate::parallel::detach(py, || tvm::xnpv(rate, &dates, &amounts, day_count))?.or_raise()
}

/// Internal rate of return of dated flows (pyxirr's `xirr`): the annual rate with
/// `xnpv(rate, dates, amounts) = 0`, solved from `guess` (0.1 when None). Arguments as
/// `xnpv`. Errors: `LengthMismatchError`, `EmptyInputError`, `InvalidParameterError`
/// (flows without both signs, all on one date), `NoConvergenceError`.
#[pyfunction]
#[pyo3(
    signature = (dates, amounts = None, guess = None, *, day_count = Text::from("act_365f")),
    text_signature = "(dates, amounts=None, guess=None, *, day_count='act_365f')"
)]
fn xirr(
    py: Python<'_>,
    dates: &Bound<'_, PyAny>,
    amounts: Option<&Bound<'_, PyAny>>,
    guess: Option<&Bound<'_, PyAny>>,
    day_count: Text,
) -> PyResult<f64> {
    let guess = opt_float("guess", guess)?;
    let day_count: DayCount = name(&day_count)?;
    let (dates, amounts) = flows(dates, amounts)?;
    crate::parallel::detach(py, || tvm::xirr(&dates, &amounts, guess, day_count))?.or_raise()
}

/// The time from `start` to `end` (dates) in years under `day_count`; negative when `end`
/// is before `start`. Errors: `UnknownNameError`.
#[pyfunction]
#[pyo3(
    signature = (start, end, day_count = Text::from("act_365f")),
    text_signature = "(start, end, day_count='act_365f')"
)]
fn year_fraction(start: NaiveDate, end: NaiveDate, day_count: Text) -> PyResult<f64> {
    Ok(tvm::year_fraction(start, end, name(&day_count)?))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pmt, m)?)?;
    m.add_function(wrap_pyfunction!(ipmt, m)?)?;
    m.add_function(wrap_pyfunction!(ppmt, m)?)?;
    m.add_function(wrap_pyfunction!(pv, m)?)?;
    m.add_function(wrap_pyfunction!(fv, m)?)?;
    m.add_function(wrap_pyfunction!(nper, m)?)?;
    m.add_function(wrap_pyfunction!(rate, m)?)?;
    m.add_function(wrap_pyfunction!(cumipmt, m)?)?;
    m.add_function(wrap_pyfunction!(cumprinc, m)?)?;
    m.add_function(wrap_pyfunction!(effective_rate, m)?)?;
    m.add_function(wrap_pyfunction!(nominal_rate, m)?)?;
    m.add_function(wrap_pyfunction!(npv, m)?)?;
    m.add_function(wrap_pyfunction!(npv_excel, m)?)?;
    m.add_function(wrap_pyfunction!(irr, m)?)?;
    m.add_function(wrap_pyfunction!(mirr, m)?)?;
    m.add_function(wrap_pyfunction!(xnpv, m)?)?;
    m.add_function(wrap_pyfunction!(xirr, m)?)?;
    m.add_function(wrap_pyfunction!(year_fraction, m)?)?;
    Ok(())
}
