//! Money rounding and the bridge between exact amounts and analytical floats.
//!
//! Amounts are `rust_decimal::Decimal`. They are rounded only where a person sees or pays
//! them, to the currency's minor unit (cents: 2 decimal places), with the rounding mode
//! written out: half away from zero (`MidpointAwayFromZero`), as people round by hand.
//! `Decimal::round_dp` alone would round half to even, which is why it is never used here.

use crate::error::{Error, Result};
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places of the minor currency unit (cents).
pub const CENT_DP: u32 = 2;

/// Rounds an amount to the cent, half away from zero: 2.345 -> 2.35, -2.345 -> -2.35.
#[inline]
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(CENT_DP, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds an amount towards zero to a whole multiple of `unit` (e.g. 0.01, 0.5, 1):
/// trunc(value / unit) x unit, so 12.37 with unit 0.5 gives 12 and with unit 0.01 gives
/// 12.37. Used for stakes, which must never exceed what a policy allows. A zero or negative
/// unit is an `InvalidAmount` error.
pub fn floor_to_unit(value: Decimal, unit: Decimal) -> Result<Decimal> {
    if unit <= Decimal::ZERO {
        return Err(Error::InvalidAmount {
            name: "unit",
            value: unit,
            reason: "must be greater than zero",
        });
    }
    // value - value % unit is trunc(value / unit) x unit without a quotient that could
    // overflow; the remainder of a finite amount by a positive unit always exists.
    let rest = value.checked_rem(unit).unwrap_or(Decimal::ZERO);
    Ok((value - rest).normalize())
}

/// An exact amount as a float for analytical kernels (always finite for a `Decimal`).
#[inline]
pub fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A finite float as an exact amount; `name` is reported when the value is not finite or out
/// of `Decimal`'s range (about 7.9e28).
#[inline]
pub fn from_f64(name: &'static str, value: f64) -> Result<Decimal> {
    Decimal::from_f64(value).ok_or_else(|| Error::InvalidParameter {
        name,
        value: value.to_string(),
        reason: "must be finite and within the range of an exact amount",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cents_round_half_away_from_zero() {
        assert_eq!(round_cents(dec!(2.345)), dec!(2.35));
        assert_eq!(round_cents(dec!(-2.345)), dec!(-2.35));
        assert_eq!(round_cents(dec!(2.344)), dec!(2.34));
        // banker's rounding would give 2.34 here
        assert_eq!(round_cents(dec!(2.345)), dec!(2.35));
    }

    #[test]
    fn floor_to_units() {
        assert_eq!(floor_to_unit(dec!(12.37), dec!(0.5)).unwrap(), dec!(12));
        assert_eq!(
            floor_to_unit(dec!(12.379), dec!(0.01)).unwrap(),
            dec!(12.37)
        );
        assert_eq!(floor_to_unit(dec!(-12.37), dec!(0.5)).unwrap(), dec!(-12));
        assert_eq!(
            floor_to_unit(Decimal::MAX, dec!(0.01)).unwrap(),
            Decimal::MAX
        );
        assert_eq!(
            floor_to_unit(dec!(1), Decimal::ZERO).unwrap_err().kind(),
            "InvalidAmount"
        );
    }

    #[test]
    fn float_bridge() {
        assert_eq!(to_f64(dec!(1.5)), 1.5);
        assert_eq!(from_f64("x", 1.25).unwrap(), dec!(1.25));
        assert_eq!(
            from_f64("x", f64::NAN).unwrap_err().kind(),
            "InvalidParameter"
        );
    }
}
