//! Input validation shared by every module: one place decides what a valid price,
//! probability or amount is, so the same bad input gets the same error everywhere.

use crate::error::{Error, Result};
use rust_decimal::Decimal;

/// Decimal odds: finite and strictly greater than 1.
#[inline]
pub(crate) fn odds(value: f64) -> Result<f64> {
    if value.is_finite() && value > 1.0 {
        Ok(value)
    } else {
        Err(Error::InvalidOdds { value })
    }
}

/// A quoted decimal price held exactly (`Decimal`), as every calculation reads it: its
/// nearest `f64` ([`crate::money::to_f64`]) must be finite and strictly greater than 1. A
/// price such as `1.00000000000000001` is above 1 as a `Decimal` but exactly 1 as a float,
/// so it is `InvalidOdds`. Returns the float.
#[inline]
pub(crate) fn price(value: Decimal) -> Result<f64> {
    odds(crate::money::to_f64(value))
}

/// Every price of a market is valid decimal odds; the market has at least `min` prices.
pub(crate) fn market(what: &'static str, prices: &[f64], min: usize) -> Result<()> {
    if prices.len() < min {
        return Err(Error::EmptyMarket {
            what,
            min,
            len: prices.len(),
        });
    }
    prices.iter().try_for_each(|&o| odds(o).map(|_| ()))
}

/// A probability in the closed interval [0, 1].
#[inline]
pub(crate) fn probability(value: f64) -> Result<f64> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidProbability { value })
    }
}

/// A finite number; `reason` says what else is allowed when the caller adds a range.
#[inline]
pub(crate) fn finite(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(invalid_parameter(name, value, "must be finite"))
    }
}

/// A number accepted by `ok`; otherwise an `InvalidParameter` carrying `reason`.
#[inline]
pub(crate) fn parameter(
    name: &'static str,
    value: f64,
    ok: impl FnOnce(f64) -> bool,
    reason: &'static str,
) -> Result<f64> {
    if value.is_finite() && ok(value) {
        Ok(value)
    } else {
        Err(invalid_parameter(name, value, reason))
    }
}

/// The error of [`parameter`], out of line so that the check itself inlines into hot loops.
#[cold]
#[inline(never)]
fn invalid_parameter(name: &'static str, value: f64, reason: &'static str) -> Error {
    Error::InvalidParameter {
        name,
        value: value.to_string(),
        reason,
    }
}

/// An amount that is zero or more.
#[inline]
pub(crate) fn non_negative_amount(name: &'static str, value: Decimal) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(Error::InvalidAmount {
            name,
            value,
            reason: "must not be negative",
        })
    } else {
        Ok(value)
    }
}

/// An amount strictly greater than zero.
#[inline]
pub(crate) fn positive_amount(name: &'static str, value: Decimal) -> Result<Decimal> {
    if value > Decimal::ZERO {
        Ok(value)
    } else {
        Err(Error::InvalidAmount {
            name,
            value,
            reason: "must be greater than zero",
        })
    }
}

/// Two inputs of equal length.
#[inline]
pub(crate) fn same_len(
    left: &'static str,
    left_len: usize,
    right: &'static str,
    right_len: usize,
) -> Result<()> {
    if left_len == right_len {
        Ok(())
    } else {
        Err(Error::LengthMismatch {
            left,
            left_len,
            right,
            right_len,
        })
    }
}

/// An exact number (a rate in percent, a count held as `Decimal`...) accepted by `ok`;
/// otherwise an `InvalidParameter` carrying `reason`.
#[inline]
pub(crate) fn decimal_parameter(
    name: &'static str,
    value: Decimal,
    ok: impl FnOnce(Decimal) -> bool,
    reason: &'static str,
) -> Result<Decimal> {
    if ok(value) {
        Ok(value)
    } else {
        Err(Error::InvalidParameter {
            name,
            value: value.to_string(),
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odds_bounds() {
        assert!(odds(1.01).is_ok());
        for bad in [1.0, 0.5, -2.0, f64::NAN, f64::INFINITY] {
            assert_eq!(odds(bad).unwrap_err().kind(), "InvalidOdds");
        }
    }

    #[test]
    fn probability_bounds() {
        assert!(probability(0.0).is_ok() && probability(1.0).is_ok());
        for bad in [-0.1, 1.1, f64::NAN] {
            assert_eq!(probability(bad).unwrap_err().kind(), "InvalidProbability");
        }
    }

    #[test]
    fn market_needs_min_prices() {
        assert_eq!(
            market("devig", &[2.0], 2).unwrap_err(),
            Error::EmptyMarket {
                what: "devig",
                min: 2,
                len: 1
            }
        );
        assert!(market("devig", &[2.0, 2.0], 2).is_ok());
    }

    #[test]
    fn amounts() {
        assert!(non_negative_amount("stake", Decimal::ZERO).is_ok());
        assert_eq!(
            positive_amount("stake", Decimal::ZERO).unwrap_err().kind(),
            "InvalidAmount"
        );
        assert_eq!(
            non_negative_amount("stake", Decimal::NEGATIVE_ONE)
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
    }

    #[test]
    fn parameters_and_lengths() {
        assert_eq!(
            parameter("fraction", 2.0, |f| f <= 1.0, "must be at most 1")
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
        assert!(finite("x", f64::NAN).is_err());
        assert_eq!(
            same_len("a", 1, "b", 2).unwrap_err().kind(),
            "LengthMismatch"
        );
    }

    #[test]
    fn decimal_parameters() {
        assert!(decimal_parameter("rate", Decimal::ONE, |r| r >= Decimal::ZERO, "x").is_ok());
        assert_eq!(
            decimal_parameter("rate", Decimal::NEGATIVE_ONE, |r| r >= Decimal::ZERO, "x")
                .unwrap_err()
                .kind(),
            "InvalidParameter"
        );
    }
}
