//! Fixed-point money: exact decimal amounts held as integers, the one implementation behind
//! every integer path of the crate (payouts and profits, the statistics' exact sums, loan
//! schedules in cents, largest-remainder allocation, exact comparisons of ratios).
//!
//! An amount is `units / 10^scale` ([`Fixed`]), exactly as `Decimal` holds it (a mantissa
//! below 2^96 in magnitude and a scale of 0 to 28), with `i64` units where the fast paths
//! want one machine word and `i128` units where a `Decimal` must always fit. Each operation
//! gives exactly the value and the number of decimal places that the same `Decimal`
//! operation gives, or `None` where the integers would overflow or `Decimal` would round:
//! the caller then takes `Decimal` arithmetic or reports an `InvalidAmount`. Nothing here
//! panics. Rounding always names its mode (`RoundingStrategy`): `MidpointAwayFromZero` for
//! money a person sees, as [`super::round_cents`].
//!
//! Beyond `i128`: [`Big`], an unbounded unsigned integer for the exact cross-multiplications
//! of [`cmp_ratios`] and the remainders of [`super::allocate_largest_remainder`].

use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;
use std::ops::{Div, Rem};

/// 10^0 ..= 10^38, the powers of ten of an `i128`: the one table of the crate.
pub(crate) const POW10: [i128; 39] = {
    let mut table = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// 10^0 ..= 10^22 as `f64`, taken from [`POW10`]: the powers of ten that an `f64` holds
/// exactly (10^22 = 2^22 x 5^22 with 5^22 < 2^53), so one division by them rounds correctly.
pub(crate) const POW10_F64: [f64; 23] = {
    let mut table = [1.0f64; 23];
    let mut i = 1;
    while i < 23 {
        table[i] = POW10[i] as f64;
        i += 1;
    }
    table
};

/// 10^`k` in the integer type `I`; `None` beyond its range.
#[inline]
pub(crate) fn pow10<I: Int>(k: u32) -> Option<I> {
    I::from_i128(*POW10.get(usize::try_from(k).ok()?)?)
}

/// The largest mantissa of a `Decimal`, 2^96 - 1.
pub(crate) const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// The signed integers that hold a [`Fixed`] amount's units: `i64` and `i128`.
pub(crate) trait Int:
    Copy + Ord + Default + std::fmt::Debug + Div<Output = Self> + Rem<Output = Self> + Into<i128>
{
    /// Zero.
    const ZERO: Self;
    /// Whether every value of the type is below 2^96 in magnitude (a valid `Decimal`
    /// mantissa), so that no result needs that check.
    const FITS_DECIMAL: bool;
    /// The value of an `i128`, if the type holds it.
    fn from_i128(value: i128) -> Option<Self>;
    /// Sum, `None` on overflow.
    fn checked_add(self, other: Self) -> Option<Self>;
    /// Product, `None` on overflow.
    fn checked_mul(self, other: Self) -> Option<Self>;
    /// Negation, `None` on overflow.
    fn checked_neg(self) -> Option<Self>;
}

macro_rules! int {
    ($t:ty, $fits:expr) => {
        impl Int for $t {
            const ZERO: Self = 0;
            const FITS_DECIMAL: bool = $fits;
            #[inline(always)]
            fn from_i128(value: i128) -> Option<Self> {
                <$t>::try_from(value).ok()
            }
            #[inline(always)]
            fn checked_add(self, other: Self) -> Option<Self> {
                <$t>::checked_add(self, other)
            }
            #[inline(always)]
            fn checked_mul(self, other: Self) -> Option<Self> {
                <$t>::checked_mul(self, other)
            }
            #[inline(always)]
            fn checked_neg(self) -> Option<Self> {
                <$t>::checked_neg(self)
            }
        }
    };
}

int!(i64, true);
int!(i128, false);

/// An exact amount `units / 10^scale`.
///
/// Operations follow `Decimal`'s arithmetic exactly, value and scale (a zero operand of a sum
/// gives the other operand unchanged, a zero product has scale 0, a product's scale is the
/// sum of the scales); a result that `Decimal` could only round (more than 28 decimal places,
/// a mantissa of 2^96 or more) or that overflows `I` is `None`. A zero is always a positive
/// zero (integers have no negative zero).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Fixed<I> {
    /// The signed count of 10^-`scale` units.
    pub units: I,
    /// Decimal places, 0 to 28.
    pub scale: u32,
}

impl<I: Int> Fixed<I> {
    /// Zero, with no decimal place (`Decimal::ZERO`).
    pub const ZERO: Self = Fixed {
        units: I::ZERO,
        scale: 0,
    };

    /// `units / 10^scale`; `None` unless it is a valid `Decimal` (scale at most 28,
    /// mantissa below 2^96).
    #[inline(always)]
    pub fn new(units: I, scale: u32) -> Option<Self> {
        let fixed = Fixed { units, scale };
        fixed.valid().then_some(fixed)
    }

    /// Whether the amount is a valid `Decimal`.
    #[inline(always)]
    fn valid(self) -> bool {
        self.scale <= Decimal::MAX_SCALE
            && (I::FITS_DECIMAL || self.units.into().unsigned_abs() <= MAX_MANTISSA)
    }

    /// The amount of `value`; `None` when its mantissa does not fit `I`.
    #[inline(always)]
    pub fn try_of(value: Decimal) -> Option<Self> {
        Some(Fixed {
            units: I::from_i128(value.mantissa())?,
            scale: value.scale(),
        })
    }

    /// The amount as a `Decimal`, exactly; `None` when it is not a valid one.
    #[inline(always)]
    pub fn decimal(self) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(self.units.into(), self.scale).ok()
    }

    /// The amount as a `Decimal`, or the largest (smallest, for a negative amount) `Decimal`
    /// when it is not a valid one.
    #[inline]
    pub fn saturating_decimal(self) -> Decimal {
        self.decimal().unwrap_or(if self.units < I::ZERO {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
    }

    /// Whether the amount is zero.
    #[inline(always)]
    pub fn is_zero(self) -> bool {
        self.units == I::ZERO
    }

    /// The same value written with `scale` decimal places, `scale >= self.scale` (units times
    /// 10^(scale - self.scale)); `None` when the units overflow `I` or for a smaller scale or
    /// one above 28. The units may pass 2^96 (an exact sum's running total may; [`Fixed::pad`]
    /// is the `Decimal`-valued form).
    #[inline(always)]
    pub fn rescale(self, scale: u32) -> Option<Self> {
        if scale == self.scale {
            return Some(self);
        }
        if scale > Decimal::MAX_SCALE {
            return None;
        }
        let factor = pow10::<I>(scale.checked_sub(self.scale)?)?;
        Some(Fixed {
            units: self.units.checked_mul(factor)?,
            scale,
        })
    }

    /// The same value with at least `dp` decimal places: fewer are padded with zeros
    /// (5 -> 5.00 for `dp` 2), more are kept; `None` where the padded amount is not a valid
    /// `Decimal`.
    #[inline(always)]
    pub fn pad(self, dp: u32) -> Option<Self> {
        if self.scale >= dp {
            Some(self)
        } else {
            let padded = self.rescale(dp)?;
            padded.valid().then_some(padded)
        }
    }

    /// Both amounts' units at the larger of their scales, and that scale.
    #[inline(always)]
    pub fn aligned(self, other: Self) -> Option<(I, I, u32)> {
        let scale = self.scale.max(other.scale);
        Some((
            self.rescale(scale)?.units,
            other.rescale(scale)?.units,
            scale,
        ))
    }

    /// The sum at the larger scale, as `Decimal` addition gives it (a zero operand gives the
    /// other one unchanged).
    #[inline(always)]
    pub fn checked_add(self, other: Self) -> Option<Self> {
        if self.is_zero() {
            return Some(other);
        }
        if other.is_zero() {
            return Some(self);
        }
        let (a, b, scale) = self.aligned(other)?;
        Fixed::new(a.checked_add(b)?, scale)
    }

    /// The negation (`-x` at `x`'s scale).
    #[inline(always)]
    pub fn checked_neg(self) -> Option<Self> {
        Some(Fixed {
            units: self.units.checked_neg()?,
            scale: self.scale,
        })
    }

    /// The difference, as `Decimal` subtraction gives it: `self + (-other)` (so `0 - x` is
    /// `-x` at `x`'s scale and `x - 0` is `x`). `None` for a negative `self`, where
    /// `Decimal` may give a negative zero.
    #[inline(always)]
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        if self.units < I::ZERO {
            return None;
        }
        self.checked_add(other.checked_neg()?)
    }

    /// The product with the sum of the scales (zero, at scale 0, when either is zero).
    #[inline(always)]
    pub fn checked_mul(self, other: Self) -> Option<Self> {
        if self.is_zero() || other.is_zero() {
            return Some(Fixed::ZERO);
        }
        Fixed::new(
            self.units.checked_mul(other.units)?,
            self.scale + other.scale,
        )
    }

    /// Half of a positive amount at the scale `Decimal` division by two gives it: an even
    /// mantissa is halved at the same scale (`3.0 / 2 = 1.5`); an odd one comes back with
    /// two more decimal places (`1.5 / 2 = 0.750`, `1 / 2 = 0.50`) up to 19 places. `None`
    /// for an amount that is not positive, beyond 19 places, or beyond a 64-bit mantissa
    /// (an odd one beyond `i64::MAX / 50`): larger amounts leave `Decimal`'s division less
    /// room for the two extra places (`107656483077795240622189860.9 / 2` is
    /// `53828241538897620311094930.45`, not `...930.450`), so they take `Decimal` arithmetic.
    #[inline(always)]
    pub fn half(self) -> Option<Self> {
        let wide = I::from_i128(i128::from(i64::MAX))?;
        if self.units <= I::ZERO || self.units > wide {
            return None;
        }
        let two = I::from_i128(2)?;
        if self.units % two == I::ZERO {
            return Some(Fixed {
                units: self.units / two,
                scale: self.scale,
            });
        }
        if self.scale > 19 || self.units > wide / I::from_i128(50)? {
            return None;
        }
        Fixed::new(self.units.checked_mul(I::from_i128(50)?)?, self.scale + 2)
    }

    /// The amount rounded to `dp` decimal places with `mode`, as
    /// `Decimal::round_dp_with_strategy` gives it: an amount with at most `dp` places is
    /// unchanged; otherwise the result has exactly `dp` places (a zero result is a positive
    /// zero). `None` for one of rust_decimal's deprecated aliases of a mode.
    #[inline(always)]
    pub fn round(self, dp: u32, mode: RoundingStrategy) -> Option<Self> {
        if self.scale <= dp {
            return Some(self);
        }
        let units = div_rounded(self.units.into(), pow10::<i128>(self.scale - dp)?, mode)?;
        Some(Fixed {
            units: I::from_i128(units)?,
            scale: dp,
        })
    }
}

impl Fixed<i128> {
    /// The amount of `value` (every `Decimal` mantissa fits an `i128`; a negative zero
    /// becomes zero).
    #[inline(always)]
    pub fn of(value: Decimal) -> Self {
        Fixed {
            units: value.mantissa(),
            scale: value.scale(),
        }
    }

    /// A whole number of cents as an amount with two decimal places.
    #[inline(always)]
    pub fn cents(units: i128) -> Self {
        Fixed { units, scale: 2 }
    }

    /// The nearest `f64`. Mantissas below 2^53 with at most 22 decimal places (every
    /// realistic stake, price and profit) take one exact division, which IEEE rounding makes
    /// the correctly rounded result; anything else goes through `Decimal`'s conversion.
    #[inline]
    pub fn to_f64(self) -> f64 {
        match quotient_f64(self.units.unsigned_abs(), self.scale) {
            Some(x) if self.units < 0 => -x,
            Some(x) => x,
            None => super::to_f64(self.saturating_decimal()),
        }
    }
}

/// `magnitude / 10^scale` as the correctly rounded `f64`, for a magnitude below 2^53 and at
/// most 22 decimal places: both operands are then exact floats, so one IEEE division gives
/// the correctly rounded quotient. `None` otherwise.
#[inline(always)]
pub(crate) fn quotient_f64(magnitude: u128, scale: u32) -> Option<f64> {
    let pow = *POW10_F64.get(scale as usize)?;
    // u64 -> f64 is one instruction, u128 -> f64 a library call
    (magnitude < 1 << 53).then(|| magnitude as u64 as f64 / pow)
}

/// `numerator / denominator` rounded to an integer with `mode` (the sign of the quotient
/// decides the direction of `ToNegativeInfinity` and `ToPositiveInfinity`); `None` for a
/// denominator that is not positive, a result beyond `i128` or a deprecated alias of a
/// mode. One hardware 64-bit division when both operands are non-negative and fit a `u64`
/// (every loan quoted in practice), 128-bit division otherwise.
#[inline(always)]
pub(crate) fn div_rounded(
    numerator: i128,
    denominator: i128,
    mode: RoundingStrategy,
) -> Option<i128> {
    if denominator <= 0 {
        return None;
    }
    if let (Ok(n), Ok(d)) = (u64::try_from(numerator), u64::try_from(denominator)) {
        let (q, r) = (n / d, n % d);
        let up = round_up(u128::from(q), u128::from(r), u128::from(d), false, mode)?;
        return Some(i128::from(q) + i128::from(up));
    }
    let negative = numerator < 0;
    let (n, d) = (numerator.unsigned_abs(), denominator.unsigned_abs());
    let (q, r) = (n / d, n % d);
    let magnitude = q + u128::from(round_up(q, r, d, negative, mode)?);
    if negative {
        0i128.checked_sub_unsigned(magnitude)
    } else {
        i128::try_from(magnitude).ok()
    }
}

/// Whether the magnitude `q` of a truncated quotient (remainder `r` of divisor `d > r`, the
/// quotient negative when `negative`) goes one unit away from zero under `mode`.
#[inline(always)]
fn round_up(q: u128, r: u128, d: u128, negative: bool, mode: RoundingStrategy) -> Option<bool> {
    // r < d: `d - r` never wraps, and `r` against `d - r` is 2r against d without overflow.
    let rest = d - r;
    Some(match mode {
        RoundingStrategy::MidpointAwayFromZero => r >= rest,
        RoundingStrategy::MidpointTowardZero => r > rest,
        RoundingStrategy::MidpointNearestEven => r > rest || (r == rest && q % 2 == 1),
        RoundingStrategy::ToZero => false,
        RoundingStrategy::AwayFromZero => r != 0,
        RoundingStrategy::ToNegativeInfinity => negative && r != 0,
        RoundingStrategy::ToPositiveInfinity => !negative && r != 0,
        // The deprecated aliases of the modes above: the caller names the mode itself.
        _ => return None,
    })
}

/// A fraction `f = num / den` in `[0, 1)` with `den <= 2^63`, as `F = ceil(2^128 f)`, so
/// that `round_half_up(a f) = floor((a F + 2^127) / 2^128)` for every `a < 2^64`: two
/// independent 64-bit multiplications where a multiplication and a division would
/// otherwise chain (the interest of each row of a loan schedule).
///
/// Exact: `a F + 2^127 = 2^128 (a f + 1/2) + a e` with `0 <= e < 1`, so the computed value
/// exceeds `a f + 1/2` by less than `a / 2^128 < 2^-64`. `a f + 1/2` is a multiple of
/// `1 / (2 den)`: it is an integer, or at least `1 / (2 den) >= 2^-64` below the next
/// integer, and the floor is unchanged either way.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FixedFraction {
    high: u64,
    low: u64,
}

impl FixedFraction {
    /// `ceil(2^128 num / den)`; `None` unless `num < den <= 2^63`.
    pub fn new(num: u64, den: u64) -> Option<FixedFraction> {
        if den == 0 || den > 1 << 63 || num >= den {
            return None;
        }
        // Long division in base 2^64; every partial dividend is below den 2^64 <= 2^127.
        let (num, den) = (u128::from(num), u128::from(den));
        let high = (num << 64) / den;
        let rest = (num << 64) % den;
        let low = (rest << 64) / den;
        let exact = (rest << 64) % den == 0;
        // At most 2^128 - 1: f < 1 leaves room for the rounding up.
        let f = (high << 64 | low) + u128::from(!exact);
        Some(FixedFraction {
            high: (f >> 64) as u64,
            low: f as u64,
        })
    }

    /// `a f` rounded half up (half away from zero, `a` being non-negative).
    #[inline(always)]
    pub fn round(self, a: u64) -> u64 {
        let a = u128::from(a);
        let low = (a * u128::from(self.low)) >> 64;
        let high = a * u128::from(self.high);
        ((high + low + (1 << 63)) >> 64) as u64
    }
}

/// A decimal taken apart: `units / 10^scale`.
pub(crate) type Parts = (i128, u32);

/// The parts of a decimal.
#[inline]
pub(crate) fn parts(value: Decimal) -> Parts {
    (value.mantissa(), value.scale())
}

/// Compares `a / b` with `c / d` exactly, for `b > 0` and `d > 0` (decimal parts as
/// [`parts`] gives them, scales at most 28): `a d` against `c b` by cross-multiplication,
/// in `i128` when the products fit and in [`Big`] otherwise, so no rounding ever enters a
/// decision.
#[inline]
pub(crate) fn cmp_ratios(a: Parts, b: Parts, c: Parts, d: Parts) -> Ordering {
    // a/b vs c/d  <=>  a.d vs c.b (b, d > 0); a.d = A D / 10^(sa + sd).
    let (left_scale, right_scale) = (a.1 + d.1, c.1 + b.1);
    let top = left_scale.max(right_scale);
    let fast = || -> Option<Ordering> {
        let left =
            a.0.checked_mul(d.0)?
                .checked_mul(*POW10.get((top - left_scale) as usize)?)?;
        let right =
            c.0.checked_mul(b.0)?
                .checked_mul(*POW10.get((top - right_scale) as usize)?)?;
        Some(left.cmp(&right))
    };
    if let Some(order) = fast() {
        return order;
    }
    let sign = |x: i128| x.signum();
    match sign(a.0).cmp(&sign(c.0)) {
        Ordering::Equal => {}
        other => return other,
    }
    // Same sign: compare magnitudes, reversed when both are negative.
    let magnitude = |x: Parts, y: Parts, scale: u32| {
        Big::from_u128(x.0.unsigned_abs())
            .mul(&Big::from_u128(y.0.unsigned_abs()))
            .mul_pow10(top - scale)
    };
    let order = magnitude(a, d, left_scale).cmp(&magnitude(c, b, right_scale));
    if a.0 < 0 { order.reverse() } else { order }
}

/// Whether `a / b` equals `c / d` exactly (`b`, `d` > 0).
#[inline]
pub(crate) fn ratios_equal(a: Parts, b: Parts, c: Parts, d: Parts) -> bool {
    cmp_ratios(a, b, c, d) == Ordering::Equal
}

/// An unbounded unsigned integer (little-endian 64-bit limbs, no trailing zero limb): just
/// enough arithmetic for exact cross-multiplications, sums of fractions and the quotients
/// of an allocation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Big(Vec<u64>);

impl Big {
    /// `x` as a `Big`.
    pub fn from_u128(x: u128) -> Big {
        Big(vec![x as u64, (x >> 64) as u64]).trimmed()
    }

    /// The value, if it fits a `u128`.
    pub fn to_u128(&self) -> Option<u128> {
        match self.0.as_slice() {
            [] => Some(0),
            [low] => Some(u128::from(*low)),
            [low, high] => Some(u128::from(*high) << 64 | u128::from(*low)),
            _ => None,
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn trimmed(mut self) -> Big {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    /// The sum.
    pub fn add(&self, other: &Big) -> Big {
        let (long, short) = if self.0.len() >= other.0.len() {
            (&self.0, &other.0)
        } else {
            (&other.0, &self.0)
        };
        let mut out = Vec::with_capacity(long.len() + 1);
        let mut carry = 0u128;
        for (i, &x) in long.iter().enumerate() {
            let t = u128::from(x) + u128::from(short.get(i).copied().unwrap_or(0)) + carry;
            out.push(t as u64);
            carry = t >> 64;
        }
        out.push(carry as u64);
        Big(out).trimmed()
    }

    /// The difference `self - other` for `self >= other` (0 otherwise).
    pub fn sub(&self, other: &Big) -> Big {
        if *self < *other {
            return Big::default();
        }
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = false;
        for (i, &x) in self.0.iter().enumerate() {
            let (d, b1) = x.overflowing_sub(other.0.get(i).copied().unwrap_or(0));
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            out.push(d);
            borrow = b1 || b2;
        }
        Big(out).trimmed()
    }

    /// The product (schoolbook).
    pub fn mul(&self, other: &Big) -> Big {
        if self.0.is_empty() || other.0.is_empty() {
            return Big::default();
        }
        let mut out = vec![0u64; self.0.len() + other.0.len()];
        for (i, &x) in self.0.iter().enumerate() {
            let mut carry = 0u128;
            for (j, &y) in other.0.iter().enumerate() {
                let slot = out.get(i + j).copied().unwrap_or(0);
                let t = u128::from(x) * u128::from(y) + u128::from(slot) + carry;
                if let Some(slot) = out.get_mut(i + j) {
                    *slot = t as u64;
                }
                carry = t >> 64;
            }
            if let Some(slot) = out.get_mut(i + other.0.len()) {
                *slot = carry as u64;
            }
        }
        Big(out).trimmed()
    }

    /// The product by 10^`k`.
    pub fn mul_pow10(&self, mut k: u32) -> Big {
        let mut out = self.clone();
        while k > 0 {
            let step = k.min(38);
            // `step <= 38`, within the table.
            if let Some(&power) = POW10.get(step as usize) {
                out = out.mul(&Big::from_u128(power as u128));
            }
            k -= step;
        }
        out
    }

    /// Number of significant bits.
    fn bits(&self) -> usize {
        self.0
            .last()
            .map_or(0, |top| 64 * self.0.len() - top.leading_zeros() as usize)
    }

    /// Bit `i` (0 beyond the top).
    fn bit(&self, i: usize) -> bool {
        self.0
            .get(i / 64)
            .is_some_and(|limb| (limb >> (i % 64)) & 1 == 1)
    }

    /// Quotient and remainder by a non-zero divisor (binary long division); `(0, self)` for
    /// a zero divisor.
    pub fn div_rem(&self, d: &Big) -> (Big, Big) {
        if d.is_zero() {
            return (Big::default(), self.clone());
        }
        let mut q = vec![0u64; self.0.len()];
        let mut r = Big::default();
        for i in (0..self.bits()).rev() {
            // r = 2 r + bit i
            r = r.add(&r);
            if self.bit(i) {
                r = r.add(&Big::from_u128(1));
            }
            if r >= *d {
                r = r.sub(d);
                if let Some(limb) = q.get_mut(i / 64) {
                    *limb |= 1 << (i % 64);
                }
            }
        }
        (Big(q).trimmed(), r)
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests;
