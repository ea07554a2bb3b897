//! Money helpers (`edgecore::money`): cents rounding, units and the largest-remainder split.
//! Amounts are decimal strings.

use crate::convert::{ToJs, amount, whole};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use napi_derive::napi;

/// Rounds an amount to the cent, half away from zero ("0.125" gives "0.13", "-0.125" gives
/// "-0.13").
#[napi(catch_unwind)]
pub fn round_cents(value: JsString) -> Result<JsString> {
    Ok(edgecore::money::round_cents(amount("value", value)?).to_js())
}

/// Rounds an amount down (towards zero) to a multiple of `unit` (> 0, else `InvalidAmount`).
#[napi(catch_unwind)]
pub fn floor_to_unit(value: JsString, unit: JsString) -> Result<JsString> {
    edgecore::money::floor_to_unit(amount("value", value)?, amount("unit", unit)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// The nearest `number` to an exact amount (for charts; never for arithmetic on money).
#[napi(catch_unwind)]
pub fn to_f64(value: JsString) -> Result<f64> {
    Ok(edgecore::money::to_f64(amount("value", value)?))
}

/// The exact decimal of a finite `number`, through its shortest representation (0.1 gives
/// "0.1"). Throws `InvalidParameter` for NaN, an infinity or a number beyond about 7.9e28.
#[napi(catch_unwind)]
pub fn from_f64(value: f64) -> Result<JsString> {
    edgecore::money::from_f64("value", value)
        .map(ToJs::to_js)
        .or_throw()
}

/// Splits `total` in proportion to `weights` (decimal strings) into parts with `dp` decimal
/// places that add up exactly to `total` (largest remainder: rounded down, then the missing
/// units to the largest remainders, ties to the earliest); a zero weight gets zero. Throws
/// `InvalidAmount` (a negative total, or one not a whole number of units), `EmptyInput` (no
/// weight), `InvalidParameter` (a negative weight, weights summing to 0, `dp` above 28).
#[napi(catch_unwind)]
pub fn allocate_largest_remainder(
    total: JsString,
    weights: Vec<JsString>,
    dp: f64,
) -> Result<Vec<JsString>> {
    let weights = crate::convert::amounts("weights", weights)?;
    edgecore::money::allocate_largest_remainder(amount("total", total)?, &weights, whole("dp", dp)?)
        .map(ToJs::to_js)
        .or_throw()
}
