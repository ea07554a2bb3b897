//! `edgecore.clv`, `edgecore.ClvTier` helpers: closing line value.

use crate::arrays::elementwise;
use crate::convert::to_py_named;
use crate::errors::OrRaise;
use pyo3::prelude::*;

to_py_named!(edgecore::clv::ClvTier);

/// clv(odds_taken, closing_odds)
/// --
///
/// Closing line value as a fraction: (odds_taken - closing_odds) / closing_odds.
/// 2.05 taken against a 1.94 close gives 0.0567 (+5.67%). Floats give a float; arrays,
/// lists and Series broadcast (numpy rules) and give a numpy array. Decimal odds must be
/// finite and > 1, else `InvalidOddsError`.
#[pyfunction]
fn clv<'py>(
    py: Python<'py>,
    odds_taken: &Bound<'py, PyAny>,
    closing_odds: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    elementwise(
        py,
        [odds_taken, closing_odds],
        |[taken, close]| edgecore::clv::clv(taken, close),
        |[taken, close]| {
            taken
                .iter()
                .zip(close)
                .map(|(&t, &c)| edgecore::clv::clv(t, c))
                .collect()
        },
    )
}

/// clv_tier(clv)
/// --
///
/// The interpretation tier of an average CLV given as a fraction: "excellent" above 3%,
/// "very_good" above 1% up to 3%, "correct" from 0 to 1%, "warning" below 0.
#[pyfunction]
fn clv_tier(clv: f64) -> PyResult<&'static str> {
    edgecore::clv::ClvTier::from_clv(clv)
        .or_raise()
        .map(|t| t.as_str())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(clv, m)?)?;
    m.add_function(wrap_pyfunction!(clv_tier, m)?)?;
    Ok(())
}
