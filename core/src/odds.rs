//! Odds formats and what a price implies.
//!
//! Decimal odds are the reference format: every other format converts to and from decimal.
//! A decimal price `d` must be finite and greater than 1 (else `InvalidOdds`); it pays `d`
//! per unit staked, stake included, and implies the probability `1/d`.
//!
//! | format | value for decimal `d` | valid range |
//! |---|---|---|
//! | American | `+100 (d - 1)` if `d >= 2`, else `-100 / (d - 1)` | `>= +100` or `<= -100` |
//! | fractional | `d - 1` as a reduced fraction `n/m` | `n >= 1`, `m >= 1` |
//! | Hong Kong | `d - 1` | `> 0` |
//! | Malay | `d - 1` if `d <= 2`, else `-1 / (d - 1)` | `[-1, 0)` or `(0, 1]` |
//! | Indonesian | `d - 1` if `d >= 2`, else `-1 / (d - 1)` | `>= 1` or `<= -1` |
//!
//! Even money (decimal 2) is `+100` American, `1/1`, Hong Kong `1`, Malay `+1` and
//! Indonesian `+1`; on the way back, `-100`, Malay `-1` and Indonesian `-1` are accepted as
//! even money too. Conversions are IEEE-754 arithmetic: a round trip through any format
//! returns the decimal price within a relative `1e-12` (two roundings), and exactly for the
//! fractional format when numerator plus denominator stay below 2^53.
//!
//! Every error names the rejected value. A foreign price so long that its decimal odds round
//! to exactly 1 (American `-1e20`, Hong Kong `1e-20`) cannot be represented and is an
//! `InvalidParameter` error naming the input.

use crate::check;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A decimal price built from a foreign format; rejects a result that rounds to 1 or
/// overflows, naming the foreign input.
fn from_profit(name: &'static str, input: f64, profit: f64) -> Result<f64> {
    let decimal = 1.0 + profit;
    if decimal.is_finite() && decimal > 1.0 {
        Ok(decimal)
    } else {
        Err(Error::InvalidParameter {
            name,
            value: input.to_string(),
            reason: "the price is too long or too short for decimal odds in floating point",
        })
    }
}

/// A foreign price computed from valid decimal odds; an overflow to infinity (decimal odds
/// above about 1.8e306) is reported as `InvalidOdds` for the decimal price.
fn finite_price(decimal: f64, price: f64) -> Result<f64> {
    if price.is_finite() {
        Ok(price)
    } else {
        Err(Error::InvalidOdds { value: decimal })
    }
}

/// Checks a quoted decimal price held exactly, the way every calculation on a stored price
/// reads it (statistics, settlement, closing lines, agents), and returns it as a float.
///
/// The price is usable when its nearest `f64` is finite and strictly greater than 1. A
/// `Decimal` can be above 1 and still be exactly 1.0 as a float (`1.00000000000000001`):
/// such a price pays nothing that a float can show and is `InvalidOdds`. A record whose
/// prices pass this check is accepted by [`crate::stats::performance`],
/// [`crate::stats::breakdown`], [`crate::agents::compare_agents`] and
/// [`crate::settle::settle`], so validating input with it at the boundary means no stored
/// record can later break an aggregate.
///
/// ```
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(edgecore::odds::decimal_price(Decimal::new(205, 2)).unwrap(), 2.05);
/// let too_close = Decimal::from_str("1.00000000000000001").unwrap();
/// assert_eq!(edgecore::odds::decimal_price(too_close).unwrap_err().kind(), "InvalidOdds");
/// ```
pub fn decimal_price(value: rust_decimal::Decimal) -> Result<f64> {
    check::price(value)
}

/// American (moneyline) odds: `+100 (d - 1)` for `d >= 2` (the profit on a 100 stake),
/// `-100 / (d - 1)` below 2 (the stake needed to win 100). Decimal 2 gives `+100`.
///
/// Errors: `InvalidOdds` for decimal odds that are not finite and > 1, or so large that the
/// American price overflows.
///
/// ```
/// use edgecore::odds::decimal_to_american;
/// assert_eq!(decimal_to_american(2.5).unwrap(), 150.0);
/// assert_eq!(decimal_to_american(1.5).unwrap(), -200.0);
/// ```
pub fn decimal_to_american(decimal: f64) -> Result<f64> {
    let d = check::odds(decimal)?;
    let american = if d >= 2.0 {
        100.0 * (d - 1.0)
    } else {
        -100.0 / (d - 1.0)
    };
    finite_price(d, american)
}

/// Decimal odds of an American price: `1 + a/100` for `a >= +100`, `1 + 100/|a|` for
/// `a <= -100` (so `-100` and `+100` are both even money, decimal 2).
///
/// Errors: `InvalidAmericanOdds` for a price that is not finite or lies in (-100, +100);
/// `InvalidParameter` for a negative price so long that the decimal odds round to 1.
///
/// ```
/// use edgecore::odds::american_to_decimal;
/// assert_eq!(american_to_decimal(150.0).unwrap(), 2.5);
/// assert_eq!(american_to_decimal(-200.0).unwrap(), 1.5);
/// assert!(american_to_decimal(50.0).is_err());
/// ```
pub fn american_to_decimal(american: f64) -> Result<f64> {
    if american.is_finite() && american >= 100.0 {
        from_profit("american_odds", american, american / 100.0)
    } else if american.is_finite() && american <= -100.0 {
        from_profit("american_odds", american, -100.0 / american)
    } else {
        Err(Error::InvalidAmericanOdds { value: american })
    }
}

/// Fractional (British) odds `numerator/denominator`: the profit per unit staked, `d - 1`,
/// as a fraction. Built by [`decimal_to_fractional`] always reduced to lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fractional {
    /// Profit part, >= 1.
    pub numerator: u64,
    /// Stake part, >= 1.
    pub denominator: u64,
}

impl fmt::Display for Fractional {
    /// Writes `numerator/denominator`, e.g. `5/2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// Greatest common divisor (Euclid).
fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Fractional odds of a decimal price, exact and reduced: the shortest decimal expansion
/// that reads back as the same `f64` (the price as it was written, `1.909` for the float
/// nearest 1.909) minus 1, as a fraction in lowest terms. So 2.5 gives 3/2, 1.909 gives
/// 909/1000, 3.0 gives 2/1, 1.8 gives 4/5. No approximation is searched: a price written
/// with many digits gives a large denominator (1.333 gives 333/1000, not 1/3).
///
/// Errors: `InvalidOdds` for decimal odds that are not finite and > 1; `InvalidParameter`
/// when the exact fraction does not fit in `u64` (decimal odds above about 1.8e19).
///
/// ```
/// use edgecore::odds::{decimal_to_fractional, Fractional};
/// let f = decimal_to_fractional(2.5).unwrap();
/// assert_eq!(f, Fractional { numerator: 3, denominator: 2 });
/// assert_eq!(decimal_to_fractional(1.909).unwrap().to_string(), "909/1000");
/// ```
pub fn decimal_to_fractional(decimal: f64) -> Result<Fractional> {
    let d = check::odds(decimal)?;
    let too_large = || Error::InvalidParameter {
        name: "decimal_odds",
        value: d.to_string(),
        reason: "its exact fraction does not fit in 64-bit numerator and denominator",
    };
    // `Display` of an f64 is the shortest round-tripping expansion, never in exponent form.
    let text = d.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut scaled: u128 = 0;
    let mut denominator: u128 = 1;
    for (i, c) in whole.chars().chain(frac.chars()).enumerate() {
        let digit = u128::from(c.to_digit(10).ok_or_else(too_large)?);
        scaled = scaled
            .checked_mul(10)
            .and_then(|s| s.checked_add(digit))
            .ok_or_else(too_large)?;
        if i >= whole.len() {
            denominator = denominator.checked_mul(10).ok_or_else(too_large)?;
        }
    }
    // d > 1, so scaled > denominator.
    let numerator = scaled - denominator;
    let g = gcd(numerator, denominator);
    Ok(Fractional {
        numerator: u64::try_from(numerator / g).map_err(|_| too_large())?,
        denominator: u64::try_from(denominator / g).map_err(|_| too_large())?,
    })
}

/// Decimal odds of fractional odds: `(numerator + denominator) / denominator`, computed from
/// the exact integer sum so that `n + m < 2^53` gives the correctly rounded price.
///
/// Errors: `InvalidParameter` naming the fraction when the numerator or the denominator is 0.
///
/// ```
/// use edgecore::odds::{fractional_to_decimal, Fractional};
/// let d = fractional_to_decimal(Fractional { numerator: 5, denominator: 2 }).unwrap();
/// assert_eq!(d, 3.5);
/// ```
pub fn fractional_to_decimal(fraction: Fractional) -> Result<f64> {
    let Fractional {
        numerator,
        denominator,
    } = fraction;
    if numerator == 0 || denominator == 0 {
        return Err(Error::InvalidParameter {
            name: "fractional_odds",
            value: fraction.to_string(),
            reason: "numerator and denominator must both be at least 1",
        });
    }
    // u64 + u64 fits in u128; the two conversions round once each, the division once.
    let total = u128::from(numerator) + u128::from(denominator);
    let decimal = total as f64 / denominator as f64;
    if decimal > 1.0 {
        Ok(decimal)
    } else {
        Err(Error::InvalidParameter {
            name: "fractional_odds",
            value: fraction.to_string(),
            reason: "the price is too short for decimal odds in floating point",
        })
    }
}

/// Hong Kong odds: the profit per unit staked, `d - 1` (> 0).
///
/// Errors: `InvalidOdds` for decimal odds that are not finite and > 1.
///
/// ```
/// assert_eq!(edgecore::odds::decimal_to_hong_kong(2.5).unwrap(), 1.5);
/// assert_eq!(edgecore::odds::decimal_to_hong_kong(3.0).unwrap(), 2.0);
/// ```
pub fn decimal_to_hong_kong(decimal: f64) -> Result<f64> {
    Ok(check::odds(decimal)? - 1.0)
}

/// Decimal odds of a Hong Kong price: `1 + hk`.
///
/// Errors: `InvalidParameter` naming the price unless it is finite and > 0 (and large enough
/// that `1 + hk > 1` in floating point).
///
/// ```
/// assert_eq!(edgecore::odds::hong_kong_to_decimal(2.0).unwrap(), 3.0);
/// assert!(edgecore::odds::hong_kong_to_decimal(0.0).is_err());
/// ```
pub fn hong_kong_to_decimal(hong_kong: f64) -> Result<f64> {
    let hk = check::parameter("hong_kong_odds", hong_kong, |v| v > 0.0, "must be > 0")?;
    from_profit("hong_kong_odds", hk, hk)
}

/// Malay odds: `d - 1` for `d <= 2` (a positive price in (0, 1]), `-1 / (d - 1)` above 2
/// (a negative price in (-1, 0), the stake needed to win 1).
///
/// Errors: `InvalidOdds` for decimal odds that are not finite and > 1.
///
/// ```
/// use edgecore::odds::decimal_to_malay;
/// assert_eq!(decimal_to_malay(1.5).unwrap(), 0.5);
/// assert_eq!(decimal_to_malay(3.0).unwrap(), -0.5);
/// ```
pub fn decimal_to_malay(decimal: f64) -> Result<f64> {
    let hk = decimal_to_hong_kong(decimal)?;
    Ok(if decimal <= 2.0 { hk } else { -1.0 / hk })
}

/// Decimal odds of a Malay price: `1 + m` for `m` in (0, 1], `1 - 1/m` for `m` in [-1, 0)
/// (`-1` and `+1` are both even money).
///
/// Errors: `InvalidParameter` naming the price unless it is finite, non-zero and within
/// [-1, 1] (and, when positive, large enough that `1 + m > 1` in floating point).
///
/// ```
/// use edgecore::odds::malay_to_decimal;
/// assert_eq!(malay_to_decimal(0.5).unwrap(), 1.5);
/// assert_eq!(malay_to_decimal(-0.5).unwrap(), 3.0);
/// ```
pub fn malay_to_decimal(malay: f64) -> Result<f64> {
    let m = check::parameter(
        "malay_odds",
        malay,
        |v| v != 0.0 && (-1.0..=1.0).contains(&v),
        "must be within [-1, 0) or (0, 1]",
    )?;
    from_profit("malay_odds", m, if m > 0.0 { m } else { -1.0 / m })
}

/// Indonesian odds: `d - 1` for `d >= 2` (a price >= 1), `-1 / (d - 1)` below 2 (a price
/// < -1, the stake needed to win 1). They are American odds divided by 100.
///
/// Errors: `InvalidOdds` for decimal odds that are not finite and > 1.
///
/// ```
/// use edgecore::odds::decimal_to_indonesian;
/// assert_eq!(decimal_to_indonesian(3.0).unwrap(), 2.0);
/// assert_eq!(decimal_to_indonesian(1.5).unwrap(), -2.0);
/// ```
pub fn decimal_to_indonesian(decimal: f64) -> Result<f64> {
    let hk = decimal_to_hong_kong(decimal)?;
    finite_price(decimal, if decimal >= 2.0 { hk } else { -1.0 / hk })
}

/// Decimal odds of an Indonesian price: `1 + i` for `i >= 1`, `1 - 1/i` for `i <= -1`.
///
/// Errors: `InvalidParameter` naming the price unless it is finite and `>= 1` or `<= -1`
/// (and, when negative, short enough that `1 - 1/i > 1` in floating point).
///
/// ```
/// use edgecore::odds::indonesian_to_decimal;
/// assert_eq!(indonesian_to_decimal(2.0).unwrap(), 3.0);
/// assert_eq!(indonesian_to_decimal(-2.0).unwrap(), 1.5);
/// ```
pub fn indonesian_to_decimal(indonesian: f64) -> Result<f64> {
    let i = check::parameter(
        "indonesian_odds",
        indonesian,
        |v| v.abs() >= 1.0,
        "must be >= 1 or <= -1",
    )?;
    from_profit("indonesian_odds", i, if i > 0.0 { i } else { -1.0 / i })
}

/// The probability a decimal price implies, margin included: `1 / d`, in (0, 1).
///
/// Errors: `InvalidOdds` for decimal odds that are not finite and > 1.
///
/// ```
/// assert_eq!(edgecore::odds::implied_probability(4.0).unwrap(), 0.25);
/// ```
pub fn implied_probability(decimal: f64) -> Result<f64> {
    Ok(1.0 / check::odds(decimal)?)
}

/// The sum of the implied probabilities of a market's prices, `B = sum(1/d_i)`, after
/// checking the market: at least 2 prices (`EmptyMarket`), each valid decimal odds
/// (`InvalidOdds`).
pub(crate) fn booksum(what: &'static str, odds: &[f64]) -> Result<f64> {
    check::market(what, odds, 2)?;
    Ok(odds.iter().map(|o| 1.0 / o).sum())
}

/// The bookmaker's overround (margin) as a fraction: `sum(1/d_i) - 1` over the prices of all
/// outcomes of one market. 0 is a fair book; a negative value (best prices taken across
/// bookmakers) is an arbitrage.
///
/// Errors: `EmptyMarket` for fewer than 2 prices; `InvalidOdds` for any price that is not
/// finite and > 1.
///
/// ```
/// let m = edgecore::odds::overround(&[1.9, 1.9]).unwrap();
/// assert!((m - 0.052_631_578_947_368).abs() < 1e-12);
/// ```
pub fn overround(odds: &[f64]) -> Result<f64> {
    Ok(booksum("overround", odds)? - 1.0)
}

/// The bookmaker's hold (theoretical win) as a fraction of the money staked on a balanced
/// book: `1 - 1 / sum(1/d_i)`. 0 for a fair book, negative for an arbitrage.
///
/// Errors: `EmptyMarket` for fewer than 2 prices; `InvalidOdds` for any price that is not
/// finite and > 1.
///
/// ```
/// let h = edgecore::odds::hold(&[1.9, 1.9]).unwrap();
/// assert!((h - 0.05).abs() < 1e-12);
/// ```
pub fn hold(odds: &[f64]) -> Result<f64> {
    Ok(1.0 - 1.0 / booksum("hold", odds)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn american() {
        assert_eq!(decimal_to_american(2.0).unwrap(), 100.0);
        assert_eq!(decimal_to_american(1.25).unwrap(), -400.0);
        assert_eq!(american_to_decimal(-100.0).unwrap(), 2.0);
        assert_eq!(american_to_decimal(100.0).unwrap(), 2.0);
        assert_eq!(american_to_decimal(-400.0).unwrap(), 1.25);
        for bad in [99.0, -99.99, 0.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                american_to_decimal(bad).unwrap_err().kind(),
                "InvalidAmericanOdds"
            );
        }
        assert_eq!(
            american_to_decimal(-1e20).unwrap_err().kind(),
            "InvalidParameter"
        );
        assert_eq!(
            decimal_to_american(f64::MAX).unwrap_err().kind(),
            "InvalidOdds"
        );
    }

    #[test]
    fn fractional() {
        let f = |n, d| Fractional {
            numerator: n,
            denominator: d,
        };
        assert_eq!(decimal_to_fractional(2.5).unwrap(), f(3, 2));
        assert_eq!(decimal_to_fractional(1.909).unwrap(), f(909, 1000));
        assert_eq!(decimal_to_fractional(1.8).unwrap(), f(4, 5));
        assert_eq!(decimal_to_fractional(3.0).unwrap(), f(2, 1));
        assert_eq!(decimal_to_fractional(101.0).unwrap(), f(100, 1));
        assert_eq!(decimal_to_fractional(1.05).unwrap(), f(1, 20));
        for d in [1.909, 1.05, 2.375, 1.0000000000000002, 123.456] {
            let back = fractional_to_decimal(decimal_to_fractional(d).unwrap()).unwrap();
            assert_eq!(back, d);
        }
        assert_eq!(fractional_to_decimal(f(1, 3)).unwrap(), 4.0 / 3.0);
        assert_eq!(
            decimal_to_fractional(1e30).unwrap_err().kind(),
            "InvalidParameter"
        );
        let err = fractional_to_decimal(f(0, 3)).unwrap_err();
        assert_eq!(err.kind(), "InvalidParameter");
        assert!(err.to_string().contains("0/3"));
        assert_eq!(
            fractional_to_decimal(f(1, u64::MAX)).unwrap_err().kind(),
            "InvalidParameter"
        );
    }

    #[test]
    fn asian_formats() {
        assert_eq!(decimal_to_hong_kong(1.5).unwrap(), 0.5);
        assert_eq!(hong_kong_to_decimal(0.5).unwrap(), 1.5);
        assert_eq!(decimal_to_malay(2.0).unwrap(), 1.0);
        assert_eq!(malay_to_decimal(-1.0).unwrap(), 2.0);
        assert_eq!(malay_to_decimal(1.0).unwrap(), 2.0);
        assert_eq!(decimal_to_indonesian(2.0).unwrap(), 1.0);
        assert_eq!(indonesian_to_decimal(-1.0).unwrap(), 2.0);
        assert!(close(decimal_to_malay(5.0).unwrap(), -0.25));
        for bad in [0.0, 1.5, -1.5, f64::NAN] {
            assert_eq!(
                malay_to_decimal(bad).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
        for bad in [0.5, -0.5, 0.0, f64::INFINITY] {
            assert_eq!(
                indonesian_to_decimal(bad).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
        for bad in [0.0, -1.0, 1e-20, f64::NAN] {
            assert_eq!(
                hong_kong_to_decimal(bad).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
        assert_eq!(decimal_to_malay(1.0).unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn round_trips() {
        for d in [1.01, 1.5, 1.909, 2.0, 2.05, 3.7, 15.0, 1001.0] {
            let a = american_to_decimal(decimal_to_american(d).unwrap()).unwrap();
            let h = hong_kong_to_decimal(decimal_to_hong_kong(d).unwrap()).unwrap();
            let m = malay_to_decimal(decimal_to_malay(d).unwrap()).unwrap();
            let i = indonesian_to_decimal(decimal_to_indonesian(d).unwrap()).unwrap();
            for back in [a, h, m, i] {
                assert!(close(back, d), "{d} came back as {back}");
            }
        }
    }

    #[test]
    fn margins() {
        let odds = [4.2, 3.7, 1.95];
        let b = 1.0 / 4.2 + 1.0 / 3.7 + 1.0 / 1.95;
        assert!(close(overround(&odds).unwrap(), b - 1.0));
        assert!(close(hold(&odds).unwrap(), 1.0 - 1.0 / b));
        assert_eq!(implied_probability(2.0).unwrap(), 0.5);
        assert_eq!(implied_probability(0.9).unwrap_err().kind(), "InvalidOdds");
        assert_eq!(overround(&[2.0]).unwrap_err().kind(), "EmptyMarket");
        assert_eq!(hold(&[2.0, -3.0]).unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn a_price_is_checked_as_the_aggregates_read_it() {
        use crate::bet::{Bet, Outcome};
        use crate::market::{EventResult, Market, Selection};
        use rust_decimal::Decimal;
        use std::str::FromStr;
        let price = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(decimal_price(price("2.05")).unwrap(), 2.05);
        assert!(decimal_price(price("1.000000000000001")).unwrap() > 1.0);
        for bad in ["1.00000000000000001", "1", "0.5", "-2"] {
            assert_eq!(
                decimal_price(price(bad)).unwrap_err().kind(),
                "InvalidOdds",
                "{bad}"
            );
        }
        // A bet at a price that is 1 as a float is refused by settlement and statistics
        // alike (settlement used to accept it and statistics to refuse it).
        let at = chrono::DateTime::parse_from_rfc3339("2025-01-01T10:00:00Z")
            .unwrap()
            .to_utc();
        let bet = Bet {
            id: "b".into(),
            event_id: "e".into(),
            league: "l".into(),
            market: Market::H2h,
            line: None,
            selection: Selection::Home,
            bookmaker: "k".into(),
            odds: price("1.00000000000000001"),
            stake: Decimal::TEN,
            placed_at: at,
            source: "manual".into(),
            outcome: Some(Outcome::Won),
            closing_odds: None,
            closing_probability: None,
        };
        let result = EventResult::Final { home: 1, away: 0 };
        assert_eq!(
            crate::settle::settle(&bet, &result).unwrap_err().kind(),
            "InvalidOdds"
        );
        let perf = crate::stats::performance(std::slice::from_ref(&bet), Decimal::ONE_THOUSAND);
        assert_eq!(perf.unwrap_err().kind(), "InvalidOdds");
    }
}
