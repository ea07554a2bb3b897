//! Exact sums and comparisons of amounts as integers, without `Decimal` arithmetic in the
//! per-bet loop.
//!
//! A [`Ledger`] holds a few amounts as `i128` counts of 10^-scale units sharing one scale. The
//! scale starts at that of the first amount and only grows (to the largest number of decimal
//! places seen), so every amount is exactly `units / 10^scale`, and adding or comparing two of
//! them is one integer operation. Amounts leave as `Decimal` with that scale, exactly what
//! `Decimal` addition would have produced.

use crate::error::{Error, Result};
use crate::money;
use crate::money::fixed::{Fixed, pow10};
use rust_decimal::Decimal;

/// The error of a total outside the range of an exact amount.
fn out_of_range(name: &'static str, value: Decimal) -> Error {
    Error::InvalidAmount {
        name,
        value,
        reason: "the total exceeds the range of an exact amount",
    }
}

/// An exact amount taken apart: `units / 10^scale`, as `Decimal` holds it (see
/// [`Fixed`]). Amounts travel this way from a bet's reading to the sums, as plain integers.
pub(super) type Amount = Fixed<i128>;

/// `N` exact amounts sharing one scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ledger<const N: usize> {
    scale: u32,
    units: [i128; N],
}

impl<const N: usize> Default for Ledger<N> {
    fn default() -> Self {
        Ledger {
            scale: 0,
            units: [0; N],
        }
    }
}

impl<const N: usize> Ledger<N> {
    /// A ledger whose every amount is `value`.
    pub fn filled(value: Decimal) -> Self {
        Ledger {
            scale: value.scale(),
            units: [value.mantissa(); N],
        }
    }

    /// Grows the scale to `scale` (no-op when already at least that).
    fn widen(&mut self, name: &'static str, scale: u32) -> Result<()> {
        if scale > self.scale {
            let factor = pow10::<i128>(scale - self.scale)
                .ok_or_else(|| out_of_range(name, Decimal::MAX))?;
            for u in &mut self.units {
                *u = u
                    .checked_mul(factor)
                    .ok_or_else(|| out_of_range(name, Decimal::MAX))?;
            }
            self.scale = scale;
        }
        Ok(())
    }

    /// `value` in units of this ledger, after widening the scale to `value`'s if needed.
    #[inline(always)]
    pub fn units_of(&mut self, name: &'static str, value: Amount) -> Result<i128> {
        if value.scale == self.scale {
            // The usual case once the finest scale has been seen: no multiplication.
            return Ok(value.units);
        }
        self.widen(name, value.scale)?;
        value
            .rescale(self.scale)
            .map(|v| v.units)
            .ok_or_else(|| out_of_range(name, value.saturating_decimal()))
    }

    /// Amount `slot` in units.
    #[inline]
    pub fn get(&self, slot: usize) -> i128 {
        self.units.get(slot).copied().unwrap_or(0)
    }

    /// Sets amount `slot` to `units` (already in this ledger's scale).
    #[inline]
    pub fn set(&mut self, slot: usize, units: i128) {
        if let Some(u) = self.units.get_mut(slot) {
            *u = units;
        }
    }

    /// Adds `value` to amount `slot`.
    #[inline(always)]
    pub fn add(&mut self, slot: usize, name: &'static str, value: Amount) -> Result<()> {
        let units = self.units_of(name, value)?;
        let sum = self
            .get(slot)
            .checked_add(units)
            .ok_or_else(|| out_of_range(name, value.saturating_decimal()))?;
        self.set(slot, sum);
        Ok(())
    }

    /// Adds every amount of `other`, slot by slot.
    pub fn merge(&mut self, name: &'static str, other: &Ledger<N>) -> Result<()> {
        let mut other = *other;
        other.widen(name, self.scale)?;
        self.widen(name, other.scale)?;
        for (mine, theirs) in self.units.iter_mut().zip(other.units) {
            *mine = mine
                .checked_add(theirs)
                .ok_or_else(|| out_of_range(name, Decimal::MAX))?;
        }
        Ok(())
    }

    /// `units` of this ledger as an exact amount, written with at least two decimal places
    /// ([`money::with_cents`]: money leaves the statistics with its cents); `InvalidAmount`
    /// beyond `Decimal`'s range.
    #[inline]
    pub fn decimal(&self, name: &'static str, units: i128) -> Result<Decimal> {
        Amount {
            units,
            scale: self.scale,
        }
        .decimal()
        .map(money::with_cents)
        .ok_or_else(|| out_of_range(name, Decimal::MAX))
    }

    /// Amount `slot` as an exact amount.
    pub fn amount(&self, slot: usize, name: &'static str) -> Result<Decimal> {
        self.decimal(name, self.get(slot))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sums_are_exact_and_keep_the_largest_scale() {
        let mut l = Ledger::<2>::filled(dec!(1000));
        l.add(0, "x", Amount::of(dec!(55.00))).unwrap();
        assert_eq!(l.amount(0, "x").unwrap().to_string(), "1055.00");
        l.add(0, "x", Amount::of(dec!(-0.125))).unwrap();
        assert_eq!(l.amount(0, "x").unwrap().to_string(), "1054.875");
        assert_eq!(l.amount(1, "x").unwrap().to_string(), "1000.000");
        // fewer than two places are padded: money keeps its cents
        assert_eq!(
            Ledger::<1>::filled(dec!(5))
                .amount(0, "x")
                .unwrap()
                .to_string(),
            "5.00"
        );
        let mut m = Ledger::<2>::default();
        m.add(1, "x", Amount::of(dec!(0.0000001))).unwrap();
        l.merge("x", &m).unwrap();
        assert_eq!(l.amount(1, "x").unwrap(), dec!(1000.0000001));
    }

    #[test]
    fn out_of_range_totals_are_invalid_amount() {
        let mut l = Ledger::<1>::default();
        l.add(0, "profit", Amount::of(Decimal::MAX)).unwrap();
        l.add(0, "profit", Amount::of(Decimal::MAX)).unwrap();
        assert_eq!(l.amount(0, "profit").unwrap_err().kind(), "InvalidAmount");
        let mut l = Ledger::<1>::filled(Decimal::MAX);
        assert_eq!(
            l.add(0, "profit", Amount::of(dec!(0.0000000001)))
                .unwrap_err()
                .kind(),
            "InvalidAmount"
        );
    }
}
