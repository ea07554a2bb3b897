//! Odds formats, implied probability, overround and hold (`edgecore::odds`). Prices are
//! `number`s (decimal odds unless the name says otherwise).

use crate::convert::{At, FromJs, column, read};
use crate::errors::{OrThrow, Result};
use crate::js::Input;
use crate::js::JsString;
use napi_derive::napi;

/// Fractional (British) odds `numerator/denominator`: the profit per unit staked, `d - 1`,
/// as a fraction in lowest terms. Numbers are exact up to 2^53; `text` ("909/1000") is
/// always exact.
#[napi(object)]
pub struct Fractional {
    /// Profit part, >= 1.
    pub numerator: f64,
    /// Stake part, >= 1.
    pub denominator: f64,
    /// The fraction as written, "numerator/denominator" (ignored on input).
    pub text: Option<Option<JsString>>,
}

impl crate::js::Extra for Fractional {
    const CHECKED: bool = true;
    fn fields(&self) -> Option<(usize, &'static [&'static str])> {
        use crate::js::Present;
        let present = 2 + usize::from(self.text.present());
        Some((present, &["numerator", "denominator", "text"]))
    }
}

impl crate::convert::ToJs for edgecore::odds::Fractional {
    type Js = Fractional;
    fn to_js(self) -> Fractional {
        Fractional {
            text: Some(Some(JsString(self.to_string()))),
            numerator: self.numerator as f64,
            denominator: self.denominator as f64,
        }
    }
}

impl FromJs for edgecore::odds::Fractional {
    type Js = Fractional;
    fn from_js(js: Fractional, at: &At<'_>) -> edgecore::Result<Self> {
        Ok(edgecore::odds::Fractional {
            numerator: u64::from_js(js.numerator, &at.field("numerator"))?,
            denominator: u64::from_js(js.denominator, &at.field("denominator"))?,
        })
    }
}

/// American (moneyline) odds: `+100 (d - 1)` for `d >= 2`, `-100 / (d - 1)` below 2. Decimal
/// 2 gives +100. Throws `InvalidOdds` for decimal odds that are not finite and > 1.
///
/// ```js
/// decimalToAmerican(2.5) // 150
/// ```
#[napi(catch_unwind)]
pub fn decimal_to_american(decimal: f64) -> Result<f64> {
    edgecore::odds::decimal_to_american(decimal).or_throw()
}

/// Decimal odds of an American price: `1 + a/100` for `a >= +100`, `1 + 100/|a|` for
/// `a <= -100`. Throws `InvalidAmericanOdds` for a price in (-100, +100) or not finite.
#[napi(catch_unwind)]
pub fn american_to_decimal(american: f64) -> Result<f64> {
    edgecore::odds::american_to_decimal(american).or_throw()
}

/// Hong Kong odds: the profit per unit staked, `d - 1`. Throws `InvalidOdds`.
#[napi(catch_unwind)]
pub fn decimal_to_hong_kong(decimal: f64) -> Result<f64> {
    edgecore::odds::decimal_to_hong_kong(decimal).or_throw()
}

/// Decimal odds of a Hong Kong price: `1 + hk`. Throws `InvalidParameter` unless the price
/// is finite and > 0.
#[napi(catch_unwind)]
pub fn hong_kong_to_decimal(hong_kong: f64) -> Result<f64> {
    edgecore::odds::hong_kong_to_decimal(hong_kong).or_throw()
}

/// Malay odds: `d - 1` for `d <= 2`, `-1 / (d - 1)` above 2. Throws `InvalidOdds`.
#[napi(catch_unwind)]
pub fn decimal_to_malay(decimal: f64) -> Result<f64> {
    edgecore::odds::decimal_to_malay(decimal).or_throw()
}

/// Decimal odds of a Malay price: `1 + m` for `m` in (0, 1], `1 - 1/m` for `m` in [-1, 0).
/// Throws `InvalidParameter` for a price that is 0, outside [-1, 1] or not finite.
#[napi(catch_unwind)]
pub fn malay_to_decimal(malay: f64) -> Result<f64> {
    edgecore::odds::malay_to_decimal(malay).or_throw()
}

/// Indonesian odds: `d - 1` for `d >= 2`, `-1 / (d - 1)` below 2. Throws `InvalidOdds`.
#[napi(catch_unwind)]
pub fn decimal_to_indonesian(decimal: f64) -> Result<f64> {
    edgecore::odds::decimal_to_indonesian(decimal).or_throw()
}

/// Decimal odds of an Indonesian price: `1 + i` for `i >= 1`, `1 - 1/i` for `i <= -1`.
/// Throws `InvalidParameter` for a price in (-1, 1) or not finite.
#[napi(catch_unwind)]
pub fn indonesian_to_decimal(indonesian: f64) -> Result<f64> {
    edgecore::odds::indonesian_to_decimal(indonesian).or_throw()
}

/// Implied probability of decimal odds, `1 / d` (margin included). Throws `InvalidOdds`.
#[napi(catch_unwind)]
pub fn implied_probability(decimal: f64) -> Result<f64> {
    edgecore::odds::implied_probability(decimal).or_throw()
}

/// Fractional odds of a decimal price, exact and reduced: 2.5 gives 3/2, 1.909 gives
/// 909/1000. Throws `InvalidOdds`, or `InvalidParameter` when the fraction does not fit in
/// 64 bits.
#[napi(catch_unwind)]
pub fn decimal_to_fractional(decimal: f64) -> Result<Fractional> {
    edgecore::odds::decimal_to_fractional(decimal)
        .map(crate::convert::ToJs::to_js)
        .or_throw()
}

/// Decimal odds of fractional odds: `(numerator + denominator) / denominator`. Throws
/// `InvalidParameter` when a part is 0, `InvalidRecord` when a part is not a whole number.
#[napi(catch_unwind)]
pub fn fractional_to_decimal(
    #[napi(ts_arg_type = "Fractional")] fraction: Input<Fractional>,
) -> Result<f64> {
    edgecore::odds::fractional_to_decimal(read(fraction, "fraction", "fraction")?).or_throw()
}

/// Overround of a market, `sum(1/d) - 1` (0.05 is a 5% book). Throws `EmptyMarket` for
/// fewer than 2 prices, `InvalidOdds` for a bad price.
#[napi(catch_unwind)]
pub fn overround(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<crate::convert::Column>,
) -> Result<f64> {
    edgecore::odds::overround(column(&odds, "odds")?).or_throw()
}

/// Bookmaker's hold (theoretical margin on a balanced book), `1 - 1/sum(1/d)`. Same errors
/// as `overround`.
#[napi(catch_unwind)]
pub fn hold(
    #[napi(ts_arg_type = "Float64Array | number[]")] odds: Input<crate::convert::Column>,
) -> Result<f64> {
    edgecore::odds::hold(column(&odds, "odds")?).or_throw()
}
