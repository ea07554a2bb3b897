//! `edgecore::money`: rounding to the cent, exact splits of an amount, and floats.

use crate::convert::amount;
use crate::errors::OrRaise;
use pyo3::prelude::*;
use rust_decimal::Decimal;

/// Rounds an amount to the cent, half away from zero (2.345 -> 2.35, -2.345 -> -2.35),
/// as a Decimal. Errors: `InvalidRecordError` for a value that is not a finite number.
#[pyfunction]
fn round_cents(value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    Ok(edgecore::money::round_cents(amount("value", value)?))
}

/// Rounds an amount towards zero to a whole multiple of `unit` (12.37 with unit 0.5 gives
/// 12). Errors: `InvalidAmountError` for a zero or negative unit.
#[pyfunction]
fn floor_to_unit(value: &Bound<'_, PyAny>, unit: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    edgecore::money::floor_to_unit(amount("value", value)?, amount("unit", unit)?).or_raise()
}

/// The nearest float to an exact amount (a Decimal, int, str or float), for charts and
/// analytical kernels; never for arithmetic on money. Errors: `InvalidRecordError` for a
/// value that is not a finite number.
#[pyfunction]
fn to_f64(value: &Bound<'_, PyAny>) -> PyResult<f64> {
    Ok(edgecore::money::to_f64(amount("value", value)?))
}

/// The exact Decimal of a finite float, through its shortest representation (0.1 gives
/// Decimal("0.1"), not the binary expansion). Errors: `InvalidParameterError` for NaN, an
/// infinity or a magnitude beyond about 7.9e28.
#[pyfunction]
fn from_f64(value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    edgecore::money::from_f64("value", crate::convert::float("value", value)?).or_raise()
}

/// Splits `total` into parts proportional to `weights`, each with `dp` decimal places, that
/// add up exactly to `total` (largest remainder method, ties to the lowest index): a list
/// of Decimal. Errors: `InvalidAmountError` (total), `EmptyInputError` (no weight),
/// `InvalidParameterError` (a negative weight, a zero sum, dp above 28).
#[pyfunction]
#[pyo3(signature = (total, weights, dp = None), text_signature = "(total, weights, dp=2)")]
fn allocate_largest_remainder(
    total: &Bound<'_, PyAny>,
    weights: &Bound<'_, PyAny>,
    dp: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Decimal>> {
    let dp = crate::convert::opt_int("dp", dp)?.unwrap_or(2);
    let weights = crate::convert::amounts("weights", weights)?;
    edgecore::money::allocate_largest_remainder(amount("total", total)?, &weights, dp).or_raise()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(round_cents, m)?)?;
    m.add_function(wrap_pyfunction!(floor_to_unit, m)?)?;
    m.add_function(wrap_pyfunction!(allocate_largest_remainder, m)?)?;
    m.add_function(wrap_pyfunction!(to_f64, m)?)?;
    m.add_function(wrap_pyfunction!(from_f64, m)?)?;
    m.add("CENT_DP", edgecore::money::CENT_DP)?;
    Ok(())
}
