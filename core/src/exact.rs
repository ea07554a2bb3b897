//! Exact comparisons of ratios of decimals: the decisions (zero deviation, CLV tiers) that a
//! float would get wrong at a boundary.
//!
//! A per-bet return `profit / stake` and a CLV `(odds - close) / close` are ratios of exact
//! decimals. Two such ratios are compared by cross-multiplication of the integers behind the
//! decimals (`money::fixed::cmp_ratios`); the mean CLV of many bets is an exact
//! sum of fractions ([`PriceRatioSum`]), so no rounding ever enters a decision.

use crate::money::fixed::Big;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::BTreeMap;

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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

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
}
