//! Money rounding and the bridge between exact amounts and analytical floats.
//!
//! Amounts are `rust_decimal::Decimal`. They are rounded only where a person sees or pays
//! them, to the currency's minor unit (cents: 2 decimal places), with the rounding mode
//! written out: half away from zero (`MidpointAwayFromZero`), as people round by hand.
//! `Decimal::round_dp` alone would round half to even, which is why it is never used here.

use crate::error::{Error, Result};
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

pub(crate) mod fixed;

use fixed::{Big, MAX_MANTISSA, POW10};

/// Decimal places of the minor currency unit (cents).
pub const CENT_DP: u32 = 2;

/// Rounds an amount to the cent, half away from zero, and writes it with exactly two decimal
/// places: 2.345 -> 2.35, -2.345 -> -2.35, 21.7 -> 21.70, 5 -> 5.00. The value is that of
/// the rounding; only the written form gains the cents, so a displayed amount never loses
/// them. (An amount beyond about 7.9e26, which cannot carry two decimal places within a
/// `Decimal`, keeps the places it has.)
#[inline]
pub fn round_cents(value: Decimal) -> Decimal {
    with_cents(value.round_dp_with_strategy(CENT_DP, RoundingStrategy::MidpointAwayFromZero))
}

/// An amount written with at least two decimal places: 5 -> 5.00, 21.7 -> 21.70; an amount
/// that already has two or more keeps them (10.005 stays 10.005). The value never changes.
/// Every money figure the crate returns goes through it (or [`round_cents`]), so money leaves
/// the core with its cents in every language. An amount too large to carry two decimal places
/// (beyond about 7.9e26) keeps the places it has.
#[inline]
pub fn with_cents(mut value: Decimal) -> Decimal {
    if value.scale() < CENT_DP {
        let before = value;
        value.rescale(CENT_DP);
        if value != before {
            return before;
        }
    }
    value
}

/// Rounds an amount towards zero to a whole multiple of `unit` (e.g. 0.01, 0.5, 1):
/// trunc(value / unit) x unit, so 12.37 with unit 0.5 gives 12 and with unit 0.01 gives
/// 12.37. Used for stakes, which must never exceed what a policy allows. The result is
/// written with at least two decimal places ([`with_cents`]: 12 -> 12.00). A zero or negative
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
    Ok(with_cents((value - rest).normalize()))
}

/// An exact amount as a float for analytical kernels (always finite for a `Decimal`): the
/// float `Decimal::to_f64` gives, bit for bit.
///
/// A mantissa `m` below 2^50 with at most 22 decimal places (every price and stake in
/// practice) takes one division, `m / 10^scale` with both operands exact, which IEEE
/// rounding makes the correctly rounded quotient. That is `Decimal`'s own result there:
/// its conversion rounds `(integral + fraction) x 10^scale` back to an integer, within
/// `3 m 2^-53 < 0.5` of `m`, so it also divides `m` by `10^scale` once. Signs and zeros
/// follow `Decimal`'s (a negative zero with decimal places gives -0.0, one without gives
/// 0.0). Anything else goes through `Decimal`'s conversion.
#[inline]
pub fn to_f64(value: Decimal) -> f64 {
    let magnitude = value.mantissa().unsigned_abs();
    match fixed::quotient_f64(magnitude, value.scale()) {
        Some(x) if magnitude < 1 << 50 => {
            let negative = value.is_sign_negative() && (magnitude != 0 || value.scale() > 0);
            if negative { -x } else { x }
        }
        _ => value.to_f64().unwrap_or(0.0),
    }
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
    fn money_keeps_its_cents() {
        for (value, text) in [
            (dec!(21.7), "21.70"),
            (dec!(5), "5.00"),
            (dec!(-3), "-3.00"),
            (dec!(0), "0.00"),
            (dec!(2.345), "2.35"),
        ] {
            assert_eq!(round_cents(value).to_string(), text);
        }
        assert_eq!(with_cents(dec!(10.005)).to_string(), "10.005");
        assert_eq!(with_cents(dec!(12.5)).to_string(), "12.50");
        // Too large for two decimal places: the value is kept as it is.
        assert_eq!(with_cents(Decimal::MAX), Decimal::MAX);
        assert_eq!(round_cents(Decimal::MAX), Decimal::MAX);
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

    /// The float `Decimal` itself gives for `value`.
    fn decimal_f64(value: Decimal) -> u64 {
        value.to_f64().unwrap_or(f64::NAN).to_bits()
    }

    #[test]
    fn floats_are_decimals_own_at_the_edges() {
        let edges = [
            0,
            1,
            5,
            (1 << 50) - 1,
            1 << 50,
            (1 << 53) - 1,
            1 << 53,
            i64::MAX as i128,
            (1 << 96) - 1,
        ];
        for m in edges {
            for scale in 0..=28 {
                for negative in [false, true] {
                    let mut value = Decimal::from_i128_with_scale(m, scale);
                    value.set_sign_negative(negative);
                    assert_eq!(
                        to_f64(value).to_bits(),
                        decimal_f64(value),
                        "{value} (scale {scale}, negative {negative})"
                    );
                }
            }
        }
        // Negative zeros keep Decimal's signs: -0.0 with decimal places, 0.0 without.
        let mut zero = dec!(0.00);
        zero.set_sign_negative(true);
        assert_eq!(to_f64(zero).to_bits(), (-0.0f64).to_bits());
        zero.rescale(0);
        zero.set_sign_negative(true);
        assert_eq!(to_f64(zero).to_bits(), 0.0f64.to_bits());
    }

    proptest::proptest! {
        #[test]
        fn floats_are_decimals_own(
            m in proptest::prop_oneof![
                0i128..1_000_000,
                0i128..(1 << 50),
                (1i128 << 49)..(1 << 51),
                0i128..(1 << 96),
            ],
            scale in 0u32..=28,
            negative: bool,
        ) {
            let mut value = Decimal::from_i128_with_scale(m, scale);
            value.set_sign_negative(negative);
            proptest::prop_assert_eq!(to_f64(value).to_bits(), decimal_f64(value), "{}", value);
        }
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

// ----------------------------------------------------------------------------------------
// Largest remainder allocation: splitting an amount into parts that add up exactly.
// ----------------------------------------------------------------------------------------

/// Splits `total` into parts proportional to `weights`, each a whole number of units of
/// 10^-`dp`, that add up exactly to `total` (largest remainder, or Hamilton, method).
///
/// The exact share of part `i` is `total x w_i / sum(w)`. Each part starts as its share
/// rounded down to `dp` decimal places; the units of 10^-`dp` still missing are then given
/// one at a time to the parts with the largest remainders (exact share minus its rounded
/// down value), ties going to the lowest index first. Every part is therefore its share
/// rounded down or up by one unit, and a zero weight always gets zero. The arithmetic is
/// exact integer arithmetic (no division of `Decimal`s), so remainders compare exactly.
/// Parts are returned with exactly `dp` decimal places ("333.34", "0.00").
///
/// Errors: `dp` above 28 is `InvalidParameter` ("dp"); a negative `total`, a `total` with
/// more than `dp` decimal places (it could not be split into whole units) or one too large
/// to be written with `dp` decimal places is `InvalidAmount` ("total"); no weight is
/// `EmptyInput` ("weights"); a negative weight, or weights that add up to zero, is `InvalidParameter`
/// ("weights").
///
/// ```
/// use edgecore::money::allocate_largest_remainder;
/// use rust_decimal_macros::dec;
/// // 100 / 3 = 33.333...: every part gets 33.33, the one cent left goes to the first.
/// let parts = allocate_largest_remainder(dec!(100), &[dec!(1), dec!(1), dec!(1)], 2).unwrap();
/// assert_eq!(parts, vec![dec!(33.34), dec!(33.33), dec!(33.33)]);
/// ```
pub fn allocate_largest_remainder(
    total: Decimal,
    weights: &[Decimal],
    dp: u32,
) -> Result<Vec<Decimal>> {
    if dp > 28 {
        return Err(Error::InvalidParameter {
            name: "dp",
            value: dp.to_string(),
            reason: "must be at most 28",
        });
    }
    let units = total_units(total, dp)?;
    if weights.is_empty() {
        return Err(Error::EmptyInput {
            name: "weights",
            min: 1,
            len: 0,
        });
    }
    let weights = integer_weights(weights)?;
    let parts = match shares_u128(units, &weights) {
        Some((parts, remainders)) => distribute(units, parts, &remainders),
        None => {
            let (parts, remainders) = shares_big(units, &weights);
            distribute(units, parts, &remainders)
        }
    };
    Ok(parts
        .into_iter()
        .map(|q| Decimal::from_i128_with_scale(q as i128, dp))
        .collect())
}

/// Adds the units still missing from the rounded-down `parts` of `units`, one at a time,
/// to the parts with the largest remainders, ties to the lowest index.
fn distribute<R: Ord>(units: u128, mut parts: Vec<u128>, remainders: &[R]) -> Vec<u128> {
    // q_i = floor(units x w_i / sum) <= units < 2^96, so the sum of the q_i fits in u128
    // and so does the leftover (fewer units than there are weights).
    let leftover = units.saturating_sub(parts.iter().sum::<u128>());
    if leftover > 0 {
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_unstable_by(|&a, &b| remainders.get(b).cmp(&remainders.get(a)).then(a.cmp(&b)));
        // leftover < number of parts with a non-zero remainder: zero weights get nothing.
        let leftover = usize::try_from(leftover).unwrap_or(usize::MAX);
        for &i in order.iter().take(leftover) {
            if let Some(part) = parts.get_mut(i) {
                *part += 1;
            }
        }
    }
    parts
}

/// `total` as a whole number of units of 10^-`dp`, within a `Decimal` mantissa.
fn total_units(total: Decimal, dp: u32) -> Result<u128> {
    let total = crate::check::non_negative_amount("total", total)?.normalize();
    let invalid = |reason| Error::InvalidAmount {
        name: "total",
        value: total,
        reason,
    };
    if total.scale() > dp {
        return Err(invalid(
            "has more decimal places than the unit it is split into",
        ));
    }
    POW10
        .get((dp - total.scale()) as usize)
        .and_then(|&p| {
            total
                .mantissa()
                .unsigned_abs()
                .checked_mul(p.unsigned_abs())
        })
        .filter(|&u| u <= MAX_MANTISSA)
        .ok_or_else(|| invalid("too large to be written with that many decimal places"))
}

/// The weights as integers at their common (largest) scale, `w_i x 10^(scale - s_i)`:
/// each weight as its normalised mantissa and the power of ten it is multiplied by.
fn integer_weights(weights: &[Decimal]) -> Result<Vec<(u128, u32)>> {
    let mut normalized = Vec::with_capacity(weights.len());
    for &w in weights {
        if w.is_sign_negative() && !w.is_zero() {
            return Err(Error::InvalidParameter {
                name: "weights",
                value: w.to_string(),
                reason: "must not be negative",
            });
        }
        normalized.push(w.normalize());
    }
    let scale = normalized.iter().map(Decimal::scale).max().unwrap_or(0);
    let weights: Vec<(u128, u32)> = normalized
        .iter()
        .map(|w| (w.mantissa().unsigned_abs(), scale - w.scale()))
        .collect();
    if weights.iter().all(|&(m, _)| m == 0) {
        return Err(Error::InvalidParameter {
            name: "weights",
            value: "0".into(),
            reason: "must add up to more than zero",
        });
    }
    Ok(weights)
}

/// floor(units x w_i / sum) and its remainder for every weight, in `u128` (the usual case);
/// `None` when a weight, their sum or a product does not fit.
fn shares_u128(units: u128, weights: &[(u128, u32)]) -> Option<(Vec<u128>, Vec<u128>)> {
    let weights: Vec<u128> = weights
        .iter()
        .map(|&(m, k)| m.checked_mul(u128::try_from(*POW10.get(k as usize)?).ok()?))
        .collect::<Option<_>>()?;
    let sum = weights
        .iter()
        .try_fold(0u128, |acc, &w| acc.checked_add(w))?;
    // `integer_weights` refused weights adding up to zero.
    (sum > 0).then_some(())?;
    weights
        .iter()
        .map(|&w| {
            let p = units.checked_mul(w)?;
            Some((p / sum, p % sum))
        })
        .collect::<Option<Vec<_>>>()
        .map(|shares| shares.into_iter().unzip())
}

/// [`shares_u128`] in unbounded integers, for weights and products beyond `u128`: mantissas
/// below 2^96 times 10^28 at most; the quotient is at most `units`.
fn shares_big(units: u128, weights: &[(u128, u32)]) -> (Vec<u128>, Vec<Big>) {
    let weights: Vec<Big> = weights
        .iter()
        .map(|&(m, k)| Big::from_u128(m).mul_pow10(k))
        .collect();
    let sum = weights.iter().fold(Big::default(), |acc, w| acc.add(w));
    let units_big = Big::from_u128(units);
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for w in &weights {
        let (q, r) = units_big.mul(w).div_rem(&sum);
        parts.push(q.to_u128().unwrap_or(u128::MAX));
        remainders.push(r);
    }
    (parts, remainders)
}

#[cfg(test)]
mod largest_remainder_tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn alloc(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
        allocate_largest_remainder(total, weights, 2).unwrap()
    }

    #[test]
    fn leftover_cents_go_to_largest_remainders() {
        // 1000 x 33.33% = 333.30, 1000 x 33.34% = 333.40: no leftover.
        assert_eq!(
            alloc(dec!(1000), &[dec!(33.33), dec!(33.33), dec!(33.34)]),
            vec![dec!(333.30), dec!(333.30), dec!(333.40)]
        );
        // 10 x 1/6 = 1.666.., 10 x 2/6 = 3.333.., 10 x 3/6 = 5: floors 1.66 + 3.33 + 5.00 =
        // 9.99; remainders 0.00666.., 0.00333.., 0: the cent goes to the first.
        assert_eq!(
            alloc(dec!(10), &[dec!(1), dec!(2), dec!(3)]),
            vec![dec!(1.67), dec!(3.33), dec!(5.00)]
        );
        // ties go to the lowest index: 0.02 over three equal weights.
        assert_eq!(
            alloc(dec!(0.02), &[dec!(1), dec!(1), dec!(1)]),
            vec![dec!(0.01), dec!(0.01), dec!(0)]
        );
    }

    #[test]
    fn parts_have_dp_places_and_zero_weights_get_zero() {
        let parts = alloc(dec!(5), &[dec!(0), dec!(1), dec!(0)]);
        assert_eq!(parts, vec![dec!(0), dec!(5), dec!(0)]);
        assert!(parts.iter().all(|p| p.scale() == 2));
        assert_eq!(
            allocate_largest_remainder(dec!(7), &[dec!(1), dec!(1)], 0).unwrap(),
            vec![dec!(4), dec!(3)]
        );
    }

    #[test]
    fn exact_with_many_digit_weights() {
        // Weights with 28 decimals and a total near the Decimal range take the wide path.
        let w = [
            dec!(0.3333333333333333333333333333),
            dec!(0.3333333333333333333333333333),
            dec!(0.3333333333333333333333333334),
        ];
        let total = dec!(79228162514264337593543950.33);
        let parts = allocate_largest_remainder(total, &w, 2).unwrap();
        assert_eq!(parts.iter().sum::<Decimal>(), total);
        // The exact shares differ from total / 3 by less than a cent.
        for p in &parts {
            assert!((*p - total / dec!(3)).abs() <= dec!(0.01));
        }
        // Equal remainders of different shares compare equal exactly: 3 cents over
        // 1/6, 4/6, 1/6 are 0.5, 2 and 0.5 cents; the leftover cent goes to the lower index.
        assert_eq!(
            alloc(dec!(0.03), &[dec!(1), dec!(4), dec!(1)]),
            vec![dec!(0.01), dec!(0.02), dec!(0)]
        );
        assert_eq!(
            alloc(dec!(0.03), &[dec!(4), dec!(0.5), dec!(0.5), dec!(1)]),
            vec![dec!(0.02), dec!(0), dec!(0), dec!(0.01)]
        );
    }

    #[test]
    fn error_invalid_parameter() {
        for (weights, dp) in [
            (vec![dec!(1), dec!(-1)], 2),
            (vec![dec!(0), dec!(0)], 2),
            (vec![dec!(1)], 29),
        ] {
            assert_eq!(
                allocate_largest_remainder(dec!(1), &weights, dp)
                    .unwrap_err()
                    .kind(),
                "InvalidParameter"
            );
        }
    }

    #[test]
    fn error_invalid_amount() {
        for total in [dec!(-1), dec!(1.001), Decimal::MAX] {
            assert_eq!(
                allocate_largest_remainder(total, &[dec!(1)], 2)
                    .unwrap_err()
                    .kind(),
                "InvalidAmount"
            );
        }
    }

    #[test]
    fn error_empty_weights() {
        let e = allocate_largest_remainder(dec!(1), &[], 2).unwrap_err();
        assert_eq!(e.kind(), "EmptyInput");
        assert_eq!(
            e.to_string(),
            "empty input: weights needs at least 1 (got 0)"
        );
    }
}
