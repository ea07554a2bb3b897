//! `edgecore::devig`: fair probabilities from a bookmaker's prices, one market or many.

use crate::arrays::{f64_array, f64_vec, to_numpy};
use crate::convert::Text;
use crate::convert::{name, opt_float, opt_int, to_py_named};
use crate::errors::OrRaise;
use crate::record::record;
use edgecore::devig::{self as core_devig, DevigMethod};
use numpy::PyUntypedArrayMethods;
use pyo3::prelude::*;

to_py_named!(DevigMethod);

record!(output PyDevig(core_devig::Devig) as "Devig" {
    method, probabilities, fair_odds, margin, parameter, iterations
});

/// Removes the bookmaker's margin from one market's decimal prices: a `Devig` with the fair
/// `probabilities` (summing to `target`), `fair_odds`, the `margin` (`sum(1/o) - target`),
/// the method's `parameter` and the solver's `iterations`. Methods: "multiplicative",
/// "additive" (also "wpo", "differential_margin_weighting"), "power", "shin",
/// "odds_ratio", "balanced_book", "jensen_shannon". Errors: `EmptyMarketError`,
/// `InvalidOddsError`, `InvalidParameterError` (target), `NegativeMarginError`,
/// `NegativeProbabilityError`, `NoConvergenceError`, `UnknownNameError`.
#[pyfunction]
#[pyo3(
    signature = (odds, method = Text::from("multiplicative"), target = None),
    text_signature = "(odds, method='multiplicative', target=1.0)"
)]
fn devig(
    odds: &Bound<'_, PyAny>,
    method: Text,
    target: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyDevig> {
    let method: DevigMethod = name(&method)?;
    let target = opt_float("target", target)?.unwrap_or(1.0);
    core_devig::devig(&f64_vec("odds", odds)?, method, target)
        .or_raise()
        .map(PyDevig)
}

/// De-vigs many markets at once: `odds` is 2-D, one market per row (a numpy array, a list
/// of lists, a DataFrame's values), and the fair probabilities come back as a numpy array
/// of the same shape, computed in parallel without the GIL. A flat 1-D array with `width`
/// prices per market is accepted too (same shape back). Errors: those of `devig` for the
/// first failing market; `InvalidParameterError` for a width that does not divide the
/// number of prices or an array that is neither 2-D nor 1-D with a width. `progress`: True
/// for a tqdm bar (when tqdm is installed), or a callable receiving `(done, total)` markets
/// after about every 4096 markets and at the end; an exception it raises is raised after
/// the run.
#[pyfunction]
#[pyo3(
    signature = (odds, method = Text::from("multiplicative"), target = None, width = None, progress = None),
    text_signature = "(odds, method='multiplicative', target=1.0, width=None, progress=None)"
)]
fn devig_batch<'py>(
    py: Python<'py>,
    odds: &Bound<'py, PyAny>,
    method: Text,
    target: Option<&Bound<'py, PyAny>>,
    width: Option<&Bound<'py, PyAny>>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let method: DevigMethod = name(&method)?;
    let target = opt_float("target", target)?.unwrap_or(1.0);
    let width = opt_int::<usize>("width", width)?;
    let array = f64_array("odds", odds)?;
    let shape = array.shape().to_vec();
    let width = match (shape.as_slice(), width) {
        ([_, columns], None) => *columns,
        ([_], Some(width)) => width,
        _ => {
            return Err(crate::errors::to_py_err(
                edgecore::Error::InvalidParameter {
                    name: "odds",
                    value: format!("an array of shape {shape:?}"),
                    reason: "must be 2-D (one market per row), or 1-D with a width",
                },
            ));
        }
    };
    let flat = array.as_slice()?;
    let markets = flat.len().checked_div(width).unwrap_or(0);
    let out = crate::progress::detach_reporting(py, progress, markets, |report| match report {
        Some(report) => core_devig::devig_batch_with_progress(flat, width, method, target, report),
        None => core_devig::devig_batch(flat, width, method, target),
    })?
    .or_raise()?;
    to_numpy(py, out, &shape)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDevig>()?;
    m.add_function(wrap_pyfunction!(devig, m)?)?;
    m.add_function(wrap_pyfunction!(devig_batch, m)?)?;
    Ok(())
}
