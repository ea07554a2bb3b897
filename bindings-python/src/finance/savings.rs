//! `edgecore::finance::savings`: progress towards an annual savings goal.

use crate::convert::amount;
use crate::errors::OrRaise;
use crate::record::record;
use chrono::NaiveDate;
use edgecore::finance::savings;
use pyo3::prelude::*;

record!(output PySavingsProgress(savings::SavingsProgress) as "SavingsProgress" {
    goal, saved, share, day_of_year, days_in_year, elapsed_share, expected, ahead, on_track,
    remaining, months_left, monthly_needed
});

/// Progress towards an annual savings `goal` (Decimal) with `saved` saved since 1 January of
/// the year of `as_of` (a date), against the real share of the year elapsed (day of year /
/// days in year): a `SavingsProgress` with `expected`, `ahead`, `on_track`, `remaining`,
/// `months_left` and `monthly_needed`. Errors: `InvalidAmountError`.
#[pyfunction]
fn savings_progress(
    goal: &Bound<'_, PyAny>,
    saved: &Bound<'_, PyAny>,
    as_of: NaiveDate,
) -> PyResult<PySavingsProgress> {
    savings::savings_progress(amount("goal", goal)?, amount("saved", saved)?, as_of)
        .or_raise()
        .map(PySavingsProgress)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySavingsProgress>()?;
    m.add_function(wrap_pyfunction!(savings_progress, m)?)?;
    Ok(())
}
