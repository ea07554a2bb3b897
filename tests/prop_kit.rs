//! The guarantees of `edgecore::strategies`, each checked on many generated values, and the
//! shrinking that makes a failing user property end on a small counterexample.

use chrono::NaiveDate;
use edgecore::agents::{Board, BoardConfig};
use edgecore::finance::amortization::amortization_schedule;
use edgecore::finance::patrimony::{NetWorthOptions, PriceBook, net_worth};
use edgecore::finance::tvm::{irr, npv};
use edgecore::odds;
use edgecore::risk::{RiskConfig, risk_score};
use edgecore::settle::settle;
use edgecore::strategies::{self, PricedMarket};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestError, TestRunner};
use rust_decimal::Decimal;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

proptest! {
    #[test]
    fn every_format_converts(
        d in strategies::decimal_odds(),
        p in strategies::decimal_price(),
        a in strategies::american_odds(),
        f in strategies::fractional_odds(),
        h in strategies::hong_kong_odds(),
        m in strategies::malay_odds(),
        i in strategies::indonesian_odds(),
    ) {
        prop_assert!(odds::implied_probability(d).is_ok());
        prop_assert!(odds::decimal_price(p).is_ok());
        prop_assert!(odds::american_to_decimal(a).is_ok());
        prop_assert!(odds::fractional_to_decimal(f).is_ok());
        prop_assert!(odds::hong_kong_to_decimal(h).is_ok());
        prop_assert!(odds::malay_to_decimal(m).is_ok());
        prop_assert!(odds::indonesian_to_decimal(i).is_ok());
    }

    #[test]
    fn every_market_has_its_margin_in_range(m in strategies::markets(2..=8, 0.01..=0.12)) {
        prop_assert!((2..=8).contains(&m.odds.len()));
        prop_assert!((0.01..=0.12).contains(&m.margin));
        let overround = odds::overround(&m.odds).unwrap();
        prop_assert!((overround - m.margin).abs() < 1e-9, "{overround} vs {}", m.margin);
        prop_assert!((m.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn every_board_prices_each_bookmaker_within_its_margin(
        b in strategies::boards(1..=8, 0.02..=0.10)
    ) {
        prop_assert_eq!(b.snapshots.len(), 3 * b.margins.len());
        for (quotes, margin) in b.snapshots.chunks(3).zip(&b.margins) {
            let prices: Vec<f64> = quotes.iter().map(|q| odds::decimal_price(q.price).unwrap()).collect();
            let overround = odds::overround(&prices).unwrap();
            prop_assert!(overround >= margin - 1e-12 && overround <= margin + 0.03);
            for q in quotes {
                prop_assert!(q.market.check(q.selection, q.line).is_ok());
            }
        }
        let at = b.snapshots[0].captured_at;
        prop_assert!(Board::new(&b.snapshots, at, &BoardConfig::default()).is_ok());
    }

    #[test]
    fn every_bet_settles((bet, result) in strategies::scored_bets()) {
        let settled = settle(&bet, &result).unwrap();
        prop_assert!(settled.payout >= Decimal::ZERO);
        prop_assert_eq!(settled.profit, settled.payout - bet.stake);
    }

    #[test]
    fn every_settled_history_has_figures(bets in strategies::settled_bets(0..=30)) {
        prop_assert!(bets.iter().all(|b| matches!(b.profit(), Ok(Some(_)))));
        prop_assert!(edgecore::stats::performance(&bets, Decimal::ONE_HUNDRED).is_ok());
    }

    #[test]
    fn every_loan_validates_and_repays_its_principal(loan in strategies::loans()) {
        prop_assert!(loan.validate().is_ok());
        let schedule = amortization_schedule(&loan).unwrap();
        prop_assert_eq!(schedule.rows.len() as u32, loan.months);
        prop_assert_eq!(schedule.rows.last().unwrap().remaining, Decimal::ZERO);
    }

    #[test]
    fn cash_flows_change_sign_once_and_have_their_irr(flows in strategies::cash_flows()) {
        let changes = flows.values.windows(2).filter(|w| (w[0] < 0.0) != (w[1] < 0.0)).count();
        prop_assert_eq!(changes, 1);
        let rate = irr(&flows.values).unwrap();
        prop_assert!((rate - flows.rate).abs() < 1e-6, "{rate} vs {}", flows.rate);
        prop_assert!(npv(flows.rate, &flows.values).unwrap().abs() <= 1e-6 * -flows.values[0]);
    }

    #[test]
    fn every_profile_is_valued(profile in strategies::profiles()) {
        let options = NetWorthOptions::new(
            as_of().and_hms_opt(0, 0, 0).unwrap().and_utc(),
            chrono::TimeDelta::days(1),
        );
        prop_assert!(net_worth(&profile, &PriceBook::default(), &options).is_ok());
    }

    #[test]
    fn every_subscriber_is_scored(s in strategies::subscribers(as_of())) {
        let score = risk_score(&s, as_of(), &RiskConfig::default()).unwrap();
        prop_assert!((0.0..=1.0).contains(&score.score));
        prop_assert_eq!(score.payment_count as usize, s.payments.len());
    }
}

/// A user's deliberately wrong function: fair probabilities as `1 / odds`, forgetting the
/// margin. It fails on every market with a margin; the counterexample shrinks to the smallest
/// one: two outcomes at equal probabilities and a margin of one basis point.
#[test]
fn a_wrong_function_fails_on_a_minimal_market() {
    let naive_fair = |odds: &[f64]| odds.iter().map(|d| 1.0 / d).collect::<Vec<f64>>();
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let result = runner.run(&strategies::markets(2..=6, 0.0..=0.10), |m| {
        let total: f64 = naive_fair(&m.odds).iter().sum();
        prop_assert!((total - 1.0).abs() < 1e-9);
        Ok(())
    });
    let Err(TestError::Fail(_, shrunk)) = result else {
        panic!("the wrong function passed: {result:?}");
    };
    let PricedMarket {
        probabilities,
        margin,
        odds,
    } = shrunk;
    assert_eq!(odds.len(), 2);
    assert_eq!(probabilities, vec![0.5, 0.5]);
    assert_eq!(margin, 0.0001);
}
