//! Odds in each format, every one accepted by its conversion to decimal odds.

use crate::odds::Fractional;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Decimal odds from 1.01 to 100.00, in steps of 0.01, as `f64`: every value is finite and
/// above 1, so [`crate::odds::implied_probability`] accepts it. Shrinks towards 1.01.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(d in edgecore::strategies::decimal_odds())| {
///     prop_assert!(edgecore::odds::implied_probability(d).is_ok());
/// });
/// ```
pub fn decimal_odds() -> impl Strategy<Value = f64> {
    (101i64..=10_000).prop_map(|cents| cents as f64 / 100.0)
}

/// A quoted decimal price from 1.01 to 100.00, a whole number of cents (as stored in
/// snapshots and bets): every value passes [`crate::odds::decimal_price`]. Shrinks towards
/// 1.01.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(p in edgecore::strategies::decimal_price())| {
///     prop_assert!(edgecore::odds::decimal_price(p).is_ok());
/// });
/// ```
pub fn decimal_price() -> impl Strategy<Value = Decimal> {
    (101i64..=10_000).prop_map(|cents| Decimal::new(cents, 2))
}

/// American odds: whole numbers from +100 to +10000 or from -10000 to -100; every value
/// converts with [`crate::odds::american_to_decimal`]. Shrinks towards +100 (even money).
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(a in edgecore::strategies::american_odds())| {
///     prop_assert!(edgecore::odds::american_to_decimal(a).is_ok());
/// });
/// ```
pub fn american_odds() -> impl Strategy<Value = f64> {
    prop_oneof![100i32..=10_000, -10_000i32..=-100].prop_map(f64::from)
}

/// Fractional odds with numerator and denominator from 1 to 100 (not necessarily reduced);
/// every value converts with [`crate::odds::fractional_to_decimal`]. Shrinks towards 1/1.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(f in edgecore::strategies::fractional_odds())| {
///     prop_assert!(edgecore::odds::fractional_to_decimal(f).is_ok());
/// });
/// ```
pub fn fractional_odds() -> impl Strategy<Value = Fractional> {
    (1u64..=100, 1u64..=100).prop_map(|(numerator, denominator)| Fractional {
        numerator,
        denominator,
    })
}

/// Hong Kong odds (the profit per unit) from 0.01 to 99.00 in cents; every value converts
/// with [`crate::odds::hong_kong_to_decimal`]. Shrinks towards 0.01.
pub fn hong_kong_odds() -> impl Strategy<Value = f64> {
    (1i64..=9_900).prop_map(|cents| cents as f64 / 100.0)
}

/// Malay odds in [-1, -0.01] or [0.01, 1] in cents; every value converts with
/// [`crate::odds::malay_to_decimal`]. Shrinks towards 0.01.
pub fn malay_odds() -> impl Strategy<Value = f64> {
    prop_oneof![1i64..=100, -100i64..=-1].prop_map(|cents| cents as f64 / 100.0)
}

/// Indonesian odds in [1, 99] or [-99, -1] in cents; every value converts with
/// [`crate::odds::indonesian_to_decimal`]. Shrinks towards 1 (even money).
pub fn indonesian_odds() -> impl Strategy<Value = f64> {
    prop_oneof![100i64..=9_900, -9_900i64..=-100].prop_map(|cents| cents as f64 / 100.0)
}
