//! Seeded benchmark datasets (`edgecore::fixtures`): the same records for a seed in Rust,
//! Python and Node. Each function forwards `seed` and `size` to the core (without the GIL).

use crate::agents::PyGenerated;
use crate::convert::int;
use crate::errors::OrRaise;
use crate::record::{IntoPyRecord, into_py_list};
use edgecore::fixtures;
use pyo3::prelude::*;

/// Reads `seed` (0 to 2^64 - 1) and `size` (0 to the dataset's maximum, checked by the core).
fn args(seed: &Bound<'_, PyAny>, size: &Bound<'_, PyAny>) -> PyResult<(u64, usize)> {
    Ok((int("seed", seed)?, int("size", size)?))
}

/// The records of dataset `make` for `seed` and `size`, made without the GIL.
fn records<'py, T: IntoPyRecord + Send>(
    py: Python<'py>,
    seed: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
    make: fn(u64, usize) -> edgecore::Result<Vec<T>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (seed, size) = args(seed, size)?;
    let made = crate::parallel::detach(py, || make(seed, size))?;
    into_py_list(py, made.or_raise()?)
}

/// A season of `size` events (at most 100,000), five bookmakers quoting h2h and totals 2.5
/// at three polls (75 snapshots an event, in capture order) and the final scores: a
/// `Generated` (no injected cases). Errors: `InvalidParameterError` (`seed`, `size`).
#[pyfunction]
fn season_fixture(
    py: Python<'_>,
    seed: &Bound<'_, PyAny>,
    size: &Bound<'_, PyAny>,
) -> PyResult<PyGenerated> {
    let (seed, size) = args(seed, size)?;
    crate::parallel::detach(py, || fixtures::season_fixture(seed, size))?
        .or_raise()
        .map(PyGenerated)
}

/// A history of `size` settled bets (h2h, totals, spreads), in placed-at order: a list of
/// `Bet`. Errors: `InvalidParameterError` (`seed`, `size` above 1,000,000).
#[pyfunction]
fn bet_history_fixture<'py>(
    py: Python<'py>,
    seed: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    records(py, seed, size, fixtures::bet_history_fixture)
}

/// A table of `size` subscribers with plan and monthly payment histories as of
/// `FIXTURE_AS_OF` (2026-01-01): a list of `Subscriber`. Errors: `InvalidParameterError`
/// (`seed`, `size` above 1,000,000).
#[pyfunction]
fn subscribers_fixture<'py>(
    py: Python<'py>,
    seed: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    records(py, seed, size, fixtures::subscribers_fixture)
}

/// A batch of `size` loans (each kind, half insured, a quarter deferred), every one valid:
/// a list of `Loan`. Errors: `InvalidParameterError` (`seed`, `size` above 1,000,000).
#[pyfunction]
fn loans_fixture<'py>(
    py: Python<'py>,
    seed: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    records(py, seed, size, fixtures::loans_fixture)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(season_fixture, m)?)?;
    m.add_function(wrap_pyfunction!(bet_history_fixture, m)?)?;
    m.add_function(wrap_pyfunction!(subscribers_fixture, m)?)?;
    m.add_function(wrap_pyfunction!(loans_fixture, m)?)?;
    m.add("FIXTURE_AS_OF", fixtures::FIXTURE_AS_OF)?;
    Ok(())
}
