//! `edgecore::odds`: price formats, implied probability, overround and hold.

use crate::arrays::{elementwise, f64_vec};
use crate::errors::OrRaise;
use crate::record::{FromPy, record};
use edgecore::odds::{self, Fractional};
use pyo3::prelude::*;

record!(input PyFractional(odds::Fractional) as "Fractional", "fractional odds" {
    numerator, denominator
});

/// Element-wise conversions `f64 -> f64`: floats give a float, arrays broadcast and give a
/// numpy array of the same shape.
macro_rules! conversions {
    ($($(#[$doc:meta])* fn $name:ident($arg:ident) => $core:path;)*) => {
        $(
            $(#[$doc])*
            #[pyfunction]
            fn $name<'py>(py: Python<'py>, $arg: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
                elementwise(
        py, [$arg], [stringify!($arg)], |[x]| $core(x), |[xs]| xs.iter().map(|&x| $core(x)).collect())
            }
        )*

        fn register_conversions(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}

conversions! {
    /// American (moneyline) odds: `+100 (d - 1)` for `d >= 2`, `-100 / (d - 1)` below 2
    /// (2.5 gives 150, 1.5 gives -200). Arrays broadcast. Errors: `InvalidOddsError`.
    fn decimal_to_american(decimal) => odds::decimal_to_american;
    /// Decimal odds of an American price: `1 + a/100` for `a >= 100`, `1 + 100/|a|` for
    /// `a <= -100`. Arrays broadcast. Errors: `InvalidAmericanOddsError` for a price in
    /// (-100, 100) or not finite, `InvalidParameterError` for a price so long that the
    /// decimal odds round to 1.
    fn american_to_decimal(american) => odds::american_to_decimal;
    /// Hong Kong odds: the profit per unit staked, `d - 1`. Arrays broadcast.
    /// Errors: `InvalidOddsError`.
    fn decimal_to_hong_kong(decimal) => odds::decimal_to_hong_kong;
    /// Decimal odds of a Hong Kong price: `1 + hk`. Arrays broadcast.
    /// Errors: `InvalidParameterError` unless the price is finite and > 0.
    fn hong_kong_to_decimal(hong_kong) => odds::hong_kong_to_decimal;
    /// Malay odds: `d - 1` for `d <= 2`, `-1 / (d - 1)` above 2. Arrays broadcast.
    /// Errors: `InvalidOddsError`.
    fn decimal_to_malay(decimal) => odds::decimal_to_malay;
    /// Decimal odds of a Malay price: `1 + m` for `m` in (0, 1], `1 - 1/m` for `m` in
    /// [-1, 0). Arrays broadcast. Errors: `InvalidParameterError` for a price outside
    /// [-1, 1], zero or not finite.
    fn malay_to_decimal(malay) => odds::malay_to_decimal;
    /// Indonesian odds: `d - 1` for `d >= 2`, `-1 / (d - 1)` below 2 (American / 100).
    /// Arrays broadcast. Errors: `InvalidOddsError`.
    fn decimal_to_indonesian(decimal) => odds::decimal_to_indonesian;
    /// Decimal odds of an Indonesian price: `1 + i` for `i >= 1`, `1 - 1/i` for `i <= -1`.
    /// Arrays broadcast. Errors: `InvalidParameterError` for a price in (-1, 1).
    fn indonesian_to_decimal(indonesian) => odds::indonesian_to_decimal;
    /// The probability a decimal price implies, `1 / d` (margin included). Arrays
    /// broadcast. Errors: `InvalidOddsError`.
    fn implied_probability(decimal) => odds::implied_probability;
}

/// Fractional (British) odds of a decimal price, exact and reduced: a `Fractional` with
/// `numerator` and `denominator` (2.5 gives 3/2, 1.909 gives 909/1000).
/// Errors: `InvalidOddsError`, `InvalidParameterError` (a fraction beyond 64 bits).
#[pyfunction]
fn decimal_to_fractional(decimal: &Bound<'_, PyAny>) -> PyResult<PyFractional> {
    odds::decimal_to_fractional(crate::convert::float("decimal", decimal)?)
        .or_raise()
        .map(PyFractional)
}

/// Decimal odds of fractional odds `1 + numerator / denominator`; `fraction` is a
/// `Fractional`, a dict `{"numerator", "denominator"}` or a `(numerator, denominator)`
/// tuple. Errors: `InvalidParameterError` for a zero numerator or denominator.
#[pyfunction]
fn fractional_to_decimal(fraction: &Bound<'_, PyAny>) -> PyResult<f64> {
    let fraction = match crate::convert::int_pair::<u64>(fraction) {
        Ok((numerator, denominator)) => Fractional {
            numerator,
            denominator,
        },
        Err(_) => Fractional::from_py("fraction", fraction)?,
    };
    odds::fractional_to_decimal(fraction).or_raise()
}

/// The booksum minus one, `sum(1 / o_i) - 1`, of a market's decimal prices (0.05 is a 5%
/// overround). Errors: `EmptyMarketError`, `InvalidOddsError`.
#[pyfunction]
fn overround(odds: &Bound<'_, PyAny>) -> PyResult<f64> {
    odds::overround(&f64_vec("odds", odds)?).or_raise()
}

/// The bookmaker's theoretical hold, `1 - 1 / sum(1 / o_i)`: the share of a balanced book's
/// stakes it keeps. Errors: `EmptyMarketError`, `InvalidOddsError`.
#[pyfunction]
fn hold(odds: &Bound<'_, PyAny>) -> PyResult<f64> {
    odds::hold(&f64_vec("odds", odds)?).or_raise()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyFractional>()?;
    register_conversions(m)?;
    m.add_function(wrap_pyfunction!(decimal_to_fractional, m)?)?;
    m.add_function(wrap_pyfunction!(fractional_to_decimal, m)?)?;
    m.add_function(wrap_pyfunction!(overround, m)?)?;
    m.add_function(wrap_pyfunction!(hold, m)?)?;
    Ok(())
}
