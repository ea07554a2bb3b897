//! A property test of a service's own stake-sizing rule, on top of edgecore's testing kit.
//!
//! The rule: bet a quarter Kelly on the best-priced selection of a market whose fair
//! probabilities the service knows, never more than 2% of the bankroll, in whole cents. The
//! property: over any market the kit generates (2 to 6 outcomes, a margin of -10% to 10%: a
//! negative margin prices every selection above its fair odds, so the rule sees an edge) and
//! any bankroll from 1.00 to 1,000,000.00, the stake is never negative and never above the
//! cap. proptest runs it on 1,000 markets; a broken rule would be reported with the smallest
//! market that breaks it.
//!
//! Run with `cargo run -p edgecore-suite --example stake_cap`.

use edgecore::kelly::kelly_fraction;
use edgecore::strategies::{PricedMarket, markets};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::{Decimal, RoundingStrategy};

/// The share of the bankroll the rule never exceeds.
const CAP_SHARE: Decimal = Decimal::from_parts(2, 0, 0, false, 2);

/// The service's rule: a quarter Kelly on the selection with the largest fraction, capped at
/// 2% of the bankroll, rounded down to the cent; 0 when no selection has an edge.
fn stake(bankroll: Decimal, m: &PricedMarket) -> Decimal {
    let best = m
        .odds
        .iter()
        .zip(&m.probabilities)
        .filter_map(|(&odds, &p)| kelly_fraction(odds, p).ok())
        .fold(0.0_f64, f64::max);
    let quarter = Decimal::from_f64_retain(best / 4.0).unwrap_or_default();
    (bankroll * quarter.min(CAP_SHARE)).round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

fn main() {
    let bankrolls = (100i64..=100_000_000).prop_map(|cents| Decimal::new(cents, 2));
    let config = Config {
        cases: 1_000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(
        &(bankrolls, markets(2..=6, -0.10..=0.10)),
        |(bankroll, m)| {
            let s = stake(bankroll, &m);
            prop_assert!(s >= Decimal::ZERO, "negative stake {s}");
            prop_assert!(
                s <= bankroll * CAP_SHARE,
                "stake {s} above the cap of {bankroll}"
            );
            Ok(())
        },
    );
    match result {
        Ok(()) => println!("the stake never exceeds 2% of the bankroll (1000 markets)"),
        Err(failure) => {
            eprintln!("the stake rule is broken: {failure}");
            std::process::exit(1);
        }
    }
}
