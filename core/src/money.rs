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
    Ok(((value / unit).trunc() * unit).normalize())
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

/// Largest number of units `allocate_largest_remainder` splits: 2^95.
const MAX_SPLIT_UNITS: u128 = 1 << 95;

/// Splits `total` into parts proportional to `weights`, each a whole number of units
/// `10^-dp`, adding up exactly to `total` (largest-remainder method, also called Hamilton's).
///
/// Each part starts as `total x weight / sum(weights)` rounded down (towards negative
/// infinity) to `dp` decimals; the units still missing are then handed out one unit
/// (`10^-dp`) at a time to the parts with the largest remainders, ties going to the lowest
/// index. A zero weight gets a zero part. A negative `total` works the same way (its parts
/// are negative and still add up to it).
///
/// Errors: `dp` above 28 or weights that are negative, empty, all zero or whose sum exceeds
/// the range of `Decimal` are `InvalidParameter`; a `total` with more than `dp` decimals, or
/// of more than 2^95 units (`|total| x 10^dp`, about 4 x 10^28, beyond which `Decimal` cannot
/// hold every part exactly), is `InvalidAmount` (round it first, e.g. with [`round_cents`]).
///
/// ```
/// use edgecore::money::allocate_largest_remainder;
/// use rust_decimal::Decimal;
/// let one = Decimal::ONE;
/// let parts = allocate_largest_remainder(Decimal::new(10000, 2), &[one, one, one], 2).unwrap();
/// assert_eq!(parts, [Decimal::new(3334, 2), Decimal::new(3333, 2), Decimal::new(3333, 2)]);
/// ```
pub fn allocate_largest_remainder(
    total: Decimal,
    weights: &[Decimal],
    dp: u32,
) -> Result<Vec<Decimal>> {
    if dp > Decimal::MAX_SCALE {
        return Err(Error::InvalidParameter {
            name: "dp",
            value: dp.to_string(),
            reason: "must be at most 28 decimal places",
        });
    }
    if total.round_dp_with_strategy(dp, RoundingStrategy::ToZero) != total {
        return Err(Error::InvalidAmount {
            name: "total",
            value: total,
            reason: "must have at most `dp` decimal places",
        });
    }
    // Every part must be a whole number of units that Decimal holds exactly, with headroom
    // for the partial sums.
    let normalized = total.normalize();
    let units = 10i128
        .checked_pow(dp.saturating_sub(normalized.scale()))
        .and_then(|factor| normalized.mantissa().checked_mul(factor));
    if units.is_none_or(|u| u.unsigned_abs() > MAX_SPLIT_UNITS) {
        return Err(Error::InvalidAmount {
            name: "total",
            value: total,
            reason: "too large to split into units of 10^-dp (at most 2^95 units)",
        });
    }
    let weights_error = |value: String, reason| Error::InvalidParameter {
        name: "weights",
        value,
        reason,
    };
    let mut sum = Decimal::ZERO;
    for &w in weights {
        if w.is_sign_negative() && !w.is_zero() {
            return Err(weights_error(w.to_string(), "must not be negative"));
        }
        sum = sum
            .checked_add(w)
            .ok_or_else(|| weights_error(w.to_string(), "sum exceeds the range of Decimal"))?;
    }
    if sum.is_zero() {
        return Err(weights_error(
            format!("{} weights summing to 0", weights.len()),
            "must have a positive sum",
        ));
    }

    let unit = Decimal::new(1, dp);
    let range_error = || Error::InvalidAmount {
        name: "total",
        value: total,
        reason: "its parts exceed the range of Decimal",
    };
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut allocated = Decimal::ZERO;
    for &w in weights {
        // Multiply first (exact when it fits), divide once; else scale the weight first.
        let exact = match total.checked_mul(w).and_then(|p| p.checked_div(sum)) {
            Some(exact) => exact,
            None => w
                .checked_div(sum)
                .and_then(|fraction| total.checked_mul(fraction))
                .ok_or_else(range_error)?,
        };
        let floor = exact.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity);
        allocated = allocated.checked_add(floor).ok_or_else(range_error)?;
        parts.push(floor);
        remainders.push(exact - floor);
    }

    // Whole units still to hand out. Exact arithmetic makes it 0..len; the general case also
    // covers a division rounded across a unit boundary (then units are taken back).
    let missing = total
        .checked_sub(allocated)
        .and_then(|left| left.checked_div(unit))
        .and_then(|units| units.trunc().to_i128())
        .ok_or_else(range_error)?;
    if missing != 0 {
        let mut order: Vec<usize> = if missing > 0 {
            (0..weights.len()).collect()
        } else {
            (0..weights.len())
                .filter(|&i| weights[i] > Decimal::ZERO)
                .collect()
        };
        if missing > 0 {
            order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a]).then(a.cmp(&b)));
        } else {
            order.sort_by(|&a, &b| remainders[a].cmp(&remainders[b]).then(a.cmp(&b)));
        }
        let n = order.len() as i128;
        let step = if missing > 0 { unit } else { -unit };
        let (each, extra) = (missing.abs() / n, missing.abs() % n);
        for (rank, &i) in order.iter().enumerate() {
            let units = each + i128::from((rank as i128) < extra);
            if units > 0 {
                let delta = Decimal::try_from_i128_with_scale(units, 0)
                    .ok()
                    .and_then(|units| units.checked_mul(step))
                    .ok_or_else(range_error)?;
                parts[i] = parts[i].checked_add(delta).ok_or_else(range_error)?;
            }
        }
    }
    Ok(parts)
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

    #[test]
    fn largest_remainder_hands_leftover_units_to_largest_remainders() {
        let w = [dec!(1), dec!(1), dec!(1)];
        assert_eq!(
            allocate_largest_remainder(dec!(100), &w, 2).unwrap(),
            [dec!(33.34), dec!(33.33), dec!(33.33)]
        );
        // 10 split 1:2:3:4 at 0 dp: exact 1, 2, 3, 4.
        let w = [dec!(1), dec!(2), dec!(3), dec!(4)];
        assert_eq!(
            allocate_largest_remainder(dec!(10), &w, 0).unwrap(),
            [dec!(1), dec!(2), dec!(3), dec!(4)]
        );
        // 100 split 0.5:0.3:0.2 of 7 units: 3.5, 2.1, 1.4 -> floors 3, 2, 1, leftover 1 to
        // the largest remainder (0.5, index 0).
        let w = [dec!(0.5), dec!(0.3), dec!(0.2)];
        assert_eq!(
            allocate_largest_remainder(dec!(7), &w, 0).unwrap(),
            [dec!(4), dec!(2), dec!(1)]
        );
        // Zero weights get nothing; ties go to the lowest index.
        let w = [dec!(0), dec!(2), dec!(2), dec!(2)];
        assert_eq!(
            allocate_largest_remainder(dec!(0.05), &w, 2).unwrap(),
            [dec!(0), dec!(0.02), dec!(0.02), dec!(0.01)]
        );
    }

    #[test]
    fn largest_remainder_negative_and_zero_totals() {
        let w = [dec!(1), dec!(1), dec!(1)];
        let parts = allocate_largest_remainder(dec!(-1), &w, 2).unwrap();
        assert_eq!(parts, [dec!(-0.33), dec!(-0.33), dec!(-0.34)]);
        assert_eq!(
            allocate_largest_remainder(Decimal::ZERO, &w, 2).unwrap(),
            [Decimal::ZERO; 3]
        );
    }

    #[test]
    fn largest_remainder_exact_sum_with_awkward_weights() {
        let w = [
            dec!(3.3333333333333333333333333),
            dec!(7),
            dec!(1e-20),
            dec!(11.11),
        ];
        for total in [
            dec!(1234.56),
            dec!(0.01),
            dec!(-99.99),
            dec!(79228162514264.33),
        ] {
            let parts = allocate_largest_remainder(total, &w, 2).unwrap();
            assert_eq!(parts.iter().sum::<Decimal>(), total);
        }
    }

    #[test]
    fn largest_remainder_errors() {
        let w = [dec!(1), dec!(2)];
        let kind = |r: Result<Vec<Decimal>>| r.unwrap_err().kind();
        assert_eq!(
            kind(allocate_largest_remainder(dec!(1.234), &w, 2)),
            "InvalidAmount"
        );
        assert_eq!(
            kind(allocate_largest_remainder(dec!(1), &w, 29)),
            "InvalidParameter"
        );
        assert_eq!(
            kind(allocate_largest_remainder(dec!(1), &[], 2)),
            "InvalidParameter"
        );
        assert_eq!(
            kind(allocate_largest_remainder(dec!(1), &[dec!(0), dec!(0)], 2)),
            "InvalidParameter"
        );
        assert_eq!(
            kind(allocate_largest_remainder(dec!(1), &[dec!(-1), dec!(2)], 2)),
            "InvalidParameter"
        );
        assert_eq!(
            kind(allocate_largest_remainder(
                dec!(1),
                &[Decimal::MAX, Decimal::MAX],
                2
            )),
            "InvalidParameter"
        );
    }
}
