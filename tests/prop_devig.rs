//! Properties of odds conversions and de-vig: probabilities sum to the target and keep the
//! order of the prices, fair books come back unchanged, conversions round-trip and the batch
//! path gives exactly what the single-market path gives.

use edgecore::devig::{DevigMethod, devig, devig_batch};
use edgecore::odds;
use edgecore::strategies;
use proptest::prelude::*;

/// A market of `n` outcomes whose probabilities add up to `target` (several winners): true
/// probabilities `target * w_i / sum(w)` inflated by a multiplicative margin; `None` when some
/// price would not exceed 1. (Markets of one winner come from `strategies::markets`.)
fn market(weights: &[f64], margin: f64, target: f64) -> Option<Vec<f64>> {
    let total: f64 = weights.iter().sum();
    let odds: Vec<f64> = weights
        .iter()
        .map(|w| 1.0 / (target * w / total * (1.0 + margin)))
        .collect();
    odds.iter()
        .all(|&o| o > 1.0 && o.is_finite())
        .then_some(odds)
}

/// Methods that must succeed on a positive margin, and those allowed to refuse a long shot.
const ALWAYS: [DevigMethod; 4] = [
    DevigMethod::Multiplicative,
    DevigMethod::Power,
    DevigMethod::OddsRatio,
    DevigMethod::Shin,
];

fn check_result(odds: &[f64], method: DevigMethod, target: f64) -> Result<(), TestCaseError> {
    match devig(odds, method, target) {
        Ok(d) => {
            let sum: f64 = d.probabilities.iter().sum();
            prop_assert!(
                (sum - target).abs() <= 1e-12,
                "{method}: sum {sum} for target {target}, odds {odds:?}"
            );
            for i in 0..odds.len() {
                for j in 0..odds.len() {
                    if odds[i] < odds[j] {
                        prop_assert!(
                            d.probabilities[i] >= d.probabilities[j],
                            "{method}: order broken for {odds:?}: {:?}",
                            d.probabilities
                        );
                    }
                }
            }
            prop_assert!(d.probabilities.iter().all(|&p| p > 0.0 && p <= 1.0));
            prop_assert!(d.fair_odds.iter().all(|o| o.is_finite()));
        }
        Err(e) => {
            let allowed = !ALWAYS.contains(&method) && e.kind() == "NegativeProbability";
            prop_assert!(
                allowed,
                "{method} failed on {odds:?} (target {target}): {e}"
            );
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn probabilities_sum_to_one_and_keep_order(m in strategies::markets(2..=8, 0.001..=0.25)) {
        for &method in DevigMethod::ALL {
            check_result(&m.odds, method, 1.0)?;
        }
    }

    #[test]
    fn several_winners(
        weights in prop::collection::vec(0.2f64..1.0, 4..9),
        margin in 0.001f64..0.15,
        winners in 2usize..4,
    ) {
        let target = winners as f64;
        let Some(odds) = market(&weights, margin, target) else { return Ok(()) };
        for &method in DevigMethod::ALL {
            check_result(&odds, method, target)?;
        }
    }

    #[test]
    fn negative_margins_where_defined(m in strategies::markets(2..=8, -0.08..=-0.001)) {
        let odds = m.odds;
        for method in [
            DevigMethod::Multiplicative,
            DevigMethod::Additive,
            DevigMethod::Power,
            DevigMethod::OddsRatio,
        ] {
            check_result(&odds, method, 1.0)?;
        }
        for method in [DevigMethod::Shin, DevigMethod::BalancedBook, DevigMethod::JensenShannon] {
            prop_assert_eq!(devig(&odds, method, 1.0).unwrap_err().kind(), "NegativeMargin");
        }
    }

    #[test]
    fn fair_book_comes_back_unchanged(m in strategies::markets(2..=8, 0.0..=0.0)) {
        let odds = m.odds;
        for &method in DevigMethod::ALL {
            let d = devig(&odds, method, 1.0).unwrap();
            for (p, o) in d.probabilities.iter().zip(&odds) {
                prop_assert_eq!(*p, 1.0 / o, "{}", method);
            }
            prop_assert_eq!(d.iterations, 0);
        }
    }

    #[test]
    fn batch_equals_single(
        rows in prop::collection::vec(prop::collection::vec(1.01f64..15.0, 3), 1..40),
        method in prop::sample::select(DevigMethod::ALL),
    ) {
        let flat: Vec<f64> = rows.concat();
        let batch = devig_batch(&flat, 3, method, 1.0);
        let singles: Vec<_> = rows.iter().map(|r| devig(r, method, 1.0)).collect();
        match batch {
            Ok(p) => {
                for (row, single) in p.chunks(3).zip(singles) {
                    let single = single.unwrap().probabilities;
                    prop_assert_eq!(row, single.as_slice());
                }
            }
            Err(e) => {
                let first = singles.into_iter().find_map(|s| s.err()).unwrap();
                prop_assert_eq!(e.kind(), first.kind());
            }
        }
    }

    #[test]
    fn conversions_round_trip(decimal in 1.0001f64..1000.0) {
        let close = |back: f64| (back - decimal).abs() <= 1e-12 * decimal;
        let a = odds::american_to_decimal(odds::decimal_to_american(decimal).unwrap()).unwrap();
        let h = odds::hong_kong_to_decimal(odds::decimal_to_hong_kong(decimal).unwrap()).unwrap();
        let m = odds::malay_to_decimal(odds::decimal_to_malay(decimal).unwrap()).unwrap();
        let i = odds::indonesian_to_decimal(odds::decimal_to_indonesian(decimal).unwrap())
            .unwrap();
        for back in [a, h, m, i] {
            prop_assert!(close(back), "{} came back as {}", decimal, back);
        }
        // Exact while numerator + denominator stay below 2^53 (a float's integer range).
        let f = odds::decimal_to_fractional(decimal).unwrap();
        let back = odds::fractional_to_decimal(f).unwrap();
        if u128::from(f.numerator) + u128::from(f.denominator) < 1 << 53 {
            prop_assert_eq!(back, decimal);
        } else {
            prop_assert!((back - decimal).abs() <= 2.0 * f64::EPSILON * decimal);
        }
    }

    #[test]
    fn quoted_prices_have_small_fractions(hundredths in 101u64..100_000) {
        // A price quoted to the cent, e.g. 2.37, is exactly (hundredths - 100) / 100 reduced.
        let decimal = hundredths as f64 / 100.0;
        let f = odds::decimal_to_fractional(decimal).unwrap();
        prop_assert_eq!(f.numerator * 100, (hundredths - 100) * f.denominator);
        prop_assert!(f.denominator <= 100);
    }
}
