//! Properties of Kelly staking: policy stakes stay within [0, cap] and never exceed the
//! bankroll, nothing is staked without edge, the Kelly fraction maximises log growth, and the
//! exclusive-outcomes allocation is non-negative, sums to at most 1 and is optimal.

use edgecore::kelly::{
    KellyPolicy, StakeReason, edge, expected_log_growth, expected_log_growth_exclusive,
    kelly_exclusive, kelly_exclusive_detail, kelly_fraction, kelly_stake_detail,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

fn policy() -> impl Strategy<Value = KellyPolicy> {
    (
        0.01f64..=1.0,
        0.001f64..=1.0,
        prop_oneof![Just(0.0), 0.0f64..0.2],
        prop_oneof![Just(0i64), 0i64..100_000],
        prop::sample::select(vec!["0.01", "0.1", "0.5", "1", "5", "10"]),
    )
        .prop_map(
            |(fraction, max_stake_share, min_edge, min_cents, unit)| KellyPolicy {
                fraction,
                max_stake_share,
                min_edge,
                min_stake: Decimal::new(min_cents, 2),
                unit: unit.parse().unwrap(),
            },
        )
}

/// Bankrolls from 0 to 10^12 in cents.
fn bankroll() -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(0i64), 0i64..100_000_000_000_000].prop_map(|c| Decimal::new(c, 2))
}

/// Probabilities summing to at most 1 (exactly 1 about a third of the time).
fn exclusive_market() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (1usize..8).prop_flat_map(|n| {
        (
            prop::collection::vec(1.01f64..20.0, n),
            prop::collection::vec(0.0f64..1.0, n),
            prop_oneof![Just(1.0), 0.01f64..1.0],
        )
            .prop_map(|(odds, weights, total)| {
                let sum: f64 = weights.iter().sum();
                let probs = if sum > 0.0 {
                    weights.iter().map(|w| w / sum * total).collect()
                } else {
                    weights
                };
                (odds, probs)
            })
    })
}

proptest! {
    #[test]
    fn stakes_stay_within_cap_and_bankroll(
        bank in bankroll(),
        odds in 1.01f64..20.0,
        p in 0.0f64..=1.0,
        policy in policy(),
    ) {
        let k = kelly_stake_detail(bank, odds, p, &policy).unwrap();
        let cap = Decimal::from_f64(policy.max_stake_share).unwrap();
        prop_assert!(k.stake >= Decimal::ZERO);
        prop_assert!(k.stake <= bank);
        prop_assert!(k.stake <= bank * cap);
        prop_assert!((k.stake / policy.unit).fract().is_zero());
        prop_assert!(k.target_fraction <= policy.max_stake_share);
        prop_assert!((0.0..=1.0).contains(&k.kelly_fraction));
        prop_assert!((0.0..=1.0).contains(&k.applied_fraction));
        if k.stake > Decimal::ZERO {
            prop_assert_eq!(k.reason, StakeReason::Staked);
            prop_assert!(k.stake >= policy.min_stake);
            prop_assert!(k.edge >= policy.min_edge && k.edge > 0.0);
        } else {
            prop_assert_ne!(k.reason, StakeReason::Staked);
        }
    }

    #[test]
    fn no_edge_no_stake(
        bank in bankroll(),
        odds in 1.01f64..20.0,
        p in 0.0f64..=1.0,
        policy in policy(),
    ) {
        let e = edge(odds, p).unwrap();
        let k = kelly_stake_detail(bank, odds, p, &policy).unwrap();
        if e <= 0.0 {
            prop_assert_eq!(kelly_fraction(odds, p).unwrap(), 0.0);
            prop_assert_eq!(k.stake, Decimal::ZERO);
        }
        if e < policy.min_edge {
            prop_assert_eq!(k.stake, Decimal::ZERO);
        }
    }

    #[test]
    fn kelly_fraction_maximises_log_growth(
        odds in 1.01f64..20.0,
        p in 0.0f64..=1.0,
        f in 0.0f64..0.999,
    ) {
        let k = kelly_fraction(odds, p).unwrap();
        prop_assert!((0.0..=1.0).contains(&k));
        if k < 1.0 {
            let best = expected_log_growth(odds, p, k).unwrap();
            let other = expected_log_growth(odds, p, f).unwrap();
            prop_assert!(other <= best + 1e-12, "G({f}) = {other} > G({k}) = {best}");
        }
    }

    #[test]
    fn exclusive_stakes_are_non_negative_and_sum_below_one((odds, probs) in exclusive_market()) {
        let k = kelly_exclusive_detail(&odds, &probs).unwrap();
        let total: f64 = k.fractions.iter().sum();
        prop_assert!(k.fractions.iter().all(|&f| (0.0..=1.0).contains(&f)));
        prop_assert!(total <= 1.0 + 1e-12);
        prop_assert!((1.0 - total - k.reserve_rate).abs() < 1e-9);
        let revenue: Vec<f64> = probs.iter().zip(&odds).map(|(p, o)| p * o).collect();
        for (&f, &e) in k.fractions.iter().zip(&revenue) {
            if f > 0.0 {
                // only outcomes whose expected revenue beats the reserve rate are backed
                prop_assert!(e > k.reserve_rate - 1e-12);
            }
        }
        if total > 0.0 {
            // something is backed only when some outcome has a positive edge
            prop_assert!(revenue.iter().any(|&e| e > 1.0));
        }
        if odds.len() == 1 {
            let single = kelly_fraction(odds[0], probs[0]).unwrap();
            prop_assert!((k.fractions[0] - single).abs() < 1e-9);
        }
    }

    #[test]
    fn exclusive_allocation_is_optimal(
        (odds, probs) in exclusive_market(),
        which in any::<prop::sample::Index>(),
        delta in -0.05f64..0.05,
    ) {
        let best = kelly_exclusive(&odds, &probs).unwrap();
        let g_best = expected_log_growth_exclusive(&odds, &probs, &best);
        prop_assume!(g_best.is_ok());
        let mut other = best.clone();
        let i = which.index(other.len());
        other[i] = (other[i] + delta).max(0.0);
        prop_assume!(other.iter().sum::<f64>() < 1.0 - 1e-9);
        // A perturbation that ruins the bettor is an error: it cannot beat the optimum.
        if let Ok(g) = expected_log_growth_exclusive(&odds, &probs, &other) {
            let g_best = g_best.unwrap();
            prop_assert!(g <= g_best + 1e-10, "perturbed {g} > optimum {g_best}");
        }
    }
}
