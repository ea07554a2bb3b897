//! Exact comparisons of ratios of decimals: the decisions (zero deviation, CLV tiers) that a
//! float would get wrong at a boundary.
//!
//! A per-bet return `profit / stake` and a CLV `(odds - close) / close` are ratios of exact
//! decimals. Two such ratios are compared by cross-multiplication of the integers behind the
//! decimals (`a / b` against `c / d` is `a x d` against `c x b` for positive `b`, `d`), in
//! `i128` when the products fit and in unbounded integers ([`Big`]) otherwise, so no
//! rounding ever enters a decision.

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// 10^0 ..= 10^38, the powers of ten of an `i128` (also the scales of [`crate::stats`]'s
/// exact sums).
pub(crate) const POW10: [i128; 39] = {
    let mut table = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// A decimal taken apart: `units / 10^scale`.
pub(crate) type Parts = (i128, u32);

/// The parts of a decimal.
#[inline]
pub(crate) fn parts(value: Decimal) -> Parts {
    (value.mantissa(), value.scale())
}

/// Compares `a / b` with `c / d` exactly, for `b > 0` and `d > 0` (decimal parts as
/// [`parts`] gives them, scales at most 28).
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

/// The exact sum of `taken_i / close_i` over price pairs (every price > 0), compared with
/// thresholds: what the tier of an average CLV needs, since the mean CLV is
/// `sum(taken_i / close_i) / n - 1`.
///
/// Pairs are grouped by closing price (normalised, so 2.0 and 2.00 are one group) with the
/// taken prices of a group summed at the finest scale of all taken prices; the groups are
/// then added as one fraction over the product of their closing prices. Exact whatever the
/// inputs, at a cost that grows with the number of distinct closing prices.
#[derive(Debug, Default)]
pub(crate) struct PriceRatioSum {
    /// The pairs (taken, normalised close).
    pairs: Vec<(Decimal, Decimal)>,
}

impl PriceRatioSum {
    /// Adds one pair (both prices > 0).
    pub fn push(&mut self, taken: Decimal, close: Decimal) {
        self.pairs.push((taken, close.normalize()));
    }

    /// Compares the mean of `taken_i / close_i - 1` (the mean CLV) with `num / den`
    /// (`den > 0`); `None` without a pair.
    pub fn cmp_mean_clv(&self, num: i64, den: u64) -> Option<Ordering> {
        if self.pairs.is_empty() {
            return None;
        }
        let scale = self.pairs.iter().map(|(t, _)| t.scale()).max().unwrap_or(0);
        let mut groups: BTreeMap<Decimal, Big> = BTreeMap::new();
        for &(t, close) in &self.pairs {
            let units = Big::from_u128(t.mantissa().unsigned_abs()).mul_pow10(scale - t.scale());
            let sum = groups.entry(close).or_default();
            *sum = sum.add(&units);
        }
        let (mut a, mut b) = (Big::default(), Big::from_u128(1));
        for (close, taken) in &groups {
            // sum_g T_g 10^(s_g) / K_g / 10^scale, with close_g = K_g / 10^(s_g): A / B.
            let k = Big::from_u128(close.mantissa().unsigned_abs());
            let n = taken.mul_pow10(close.scale());
            a = a.mul(&k).add(&n.mul(&b));
            b = b.mul(&k);
        }
        // mean - 1 vs num/den  <=>  A / (B 10^scale n) vs (den + num) / den
        //                      <=>  A den vs (den + num) n B 10^scale.
        let target = i128::from(den) + i128::from(num);
        if target < 0 {
            return Some(Ordering::Greater);
        }
        let left = a.mul(&Big::from_u128(u128::from(den)));
        let right = b
            .mul(&Big::from_u128(target.unsigned_abs()))
            .mul(&Big::from_u128(self.pairs.len() as u128))
            .mul_pow10(scale);
        Some(left.cmp(&right))
    }
}

/// An unbounded unsigned integer (little-endian 64-bit limbs, no trailing zero limb): just
/// enough arithmetic for exact cross-multiplications and sums of fractions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Big(Vec<u64>);

impl Big {
    /// `x` as a `Big`.
    pub fn from_u128(x: u128) -> Big {
        Big(vec![x as u64, (x >> 64) as u64]).trimmed()
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

    /// The product (schoolbook).
    pub fn mul(&self, other: &Big) -> Big {
        if self.0.is_empty() || other.0.is_empty() {
            return Big::default();
        }
        let mut out = vec![0u64; self.0.len() + other.0.len()];
        for (i, &x) in self.0.iter().enumerate() {
            let mut carry = 0u128;
            for (j, &y) in other.0.iter().enumerate() {
                let t = u128::from(x) * u128::from(y) + u128::from(out[i + j]) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
            out[i + other.0.len()] = carry as u64;
        }
        Big(out).trimmed()
    }

    /// The product by 10^`k`.
    pub fn mul_pow10(&self, mut k: u32) -> Big {
        let mut out = self.clone();
        while k > 0 {
            let step = k.min(38);
            out = out.mul(&Big::from_u128(POW10[step as usize] as u128));
            k -= step;
        }
        out
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
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cmp(a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> Ordering {
        cmp_ratios(parts(a), parts(b), parts(c), parts(d))
    }

    #[test]
    fn ratios_compare_exactly() {
        // 0.01 / 0.1 and 0.03 / 0.3 are both 0.1 (their floats differ by one ulp)
        assert_eq!(
            cmp(dec!(0.01), dec!(0.1), dec!(0.03), dec!(0.3)),
            Ordering::Equal
        );
        assert_eq!(
            cmp(dec!(2.02), dec!(2.00), dec!(1.01), dec!(1)),
            Ordering::Equal
        );
        assert_eq!(
            cmp(dec!(2.06), dec!(2), dec!(1.03), dec!(1)),
            Ordering::Equal
        );
        assert_eq!(cmp(dec!(-1), dec!(3), dec!(-2), dec!(6)), Ordering::Equal);
        assert_eq!(cmp(dec!(-1), dec!(3), dec!(1), dec!(3)), Ordering::Less);
        assert_eq!(
            cmp(dec!(1), dec!(3), dec!(0.333), dec!(1)),
            Ordering::Greater
        );
        // products beyond i128 take the unbounded path
        let big = Decimal::MAX;
        let tiny = dec!(0.0000000000000000000000000001);
        assert_eq!(cmp(big, big, tiny, tiny), Ordering::Equal);
        assert_eq!(cmp(big, tiny, big, dec!(1)), Ordering::Greater);
        assert_eq!(cmp(-big, tiny, -big, dec!(1)), Ordering::Less);
        assert_eq!(cmp(big, dec!(1), -big, dec!(1)), Ordering::Greater);
    }

    #[test]
    fn mean_clv_is_exact() {
        let mean_vs = |pairs: &[(Decimal, Decimal)], num, den| {
            let mut s = PriceRatioSum::default();
            for &(t, c) in pairs {
                s.push(t, c);
            }
            s.cmp_mean_clv(num, den)
        };
        // one bet at 2.02 against 2.00: exactly 1%
        assert_eq!(
            mean_vs(&[(dec!(2.02), dec!(2.00))], 1, 100),
            Some(Ordering::Equal)
        );
        assert_eq!(
            mean_vs(&[(dec!(2.06), dec!(2))], 3, 100),
            Some(Ordering::Equal)
        );
        // 0.01/3 and 0.17/3 average to exactly 3%
        let pairs = [(dec!(3.01), dec!(3)), (dec!(3.17), dec!(3.0))];
        assert_eq!(mean_vs(&pairs, 3, 100), Some(Ordering::Equal));
        // different closes: 2.2/2 - 1 = 0.1 and 1.47/1.5 - 1 = -0.02 average 0.04
        let pairs = [(dec!(2.2), dec!(2)), (dec!(1.47), dec!(1.5))];
        assert_eq!(mean_vs(&pairs, 4, 100), Some(Ordering::Equal));
        assert_eq!(mean_vs(&pairs, 3, 100), Some(Ordering::Greater));
        assert_eq!(mean_vs(&pairs, 0, 1), Some(Ordering::Greater));
        assert_eq!(mean_vs(&[(dec!(1.5), dec!(2))], 0, 1), Some(Ordering::Less));
        assert_eq!(mean_vs(&[], 0, 1), None);
    }

    #[test]
    fn big_arithmetic() {
        let x = Big::from_u128(u128::MAX);
        assert_eq!(x.add(&Big::from_u128(1)), Big(vec![0, 0, 1]));
        assert_eq!(x.mul(&Big::default()), Big::default());
        assert!(x.mul(&x) > x);
        assert_eq!(Big::from_u128(7).mul_pow10(2), Big::from_u128(700));
        assert_eq!(
            Big::from_u128(1).mul_pow10(40),
            Big::from_u128(10u128.pow(38)).mul_pow10(2)
        );
    }
}
