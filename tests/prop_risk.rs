//! Properties of the subscriber risk score: bounded, explained by its factors, levelled by the
//! thresholds, blind to input order, and never lowered by one more recent failure.

use chrono::{Days, NaiveDate};
use edgecore::risk::{
    Payment, RiskConfig, RiskLevel, RiskWeights, Subscriber, Subscription, risk_score,
    risk_score_batch, risk_summary,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Dates are days after this origin; the as-of date is day 911 (2024-06-30), and payments
/// and plans reach up to day 1100, beyond it.
fn origin() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
}
const AS_OF_DAY: u64 = 911;

fn date(offset: u64) -> NaiveDate {
    origin() + Days::new(offset)
}

fn as_of() -> NaiveDate {
    date(AS_OF_DAY)
}

fn payment() -> impl Strategy<Value = Payment> {
    (0..1100_u64, 0..5000_i64, any::<bool>()).prop_map(|(d, cents, succeeded)| Payment {
        date: date(d),
        amount: Decimal::new(cents, 2),
        succeeded,
    })
}

fn subscription() -> impl Strategy<Value = Subscription> {
    (0..1100_u64, 0..5000_i64).prop_map(|(d, cents)| Subscription {
        plan: "plan".into(),
        monthly_amount: Decimal::new(cents, 2),
        start: date(d),
        end: None,
    })
}

fn subscriber() -> impl Strategy<Value = Subscriber> {
    (
        0..=AS_OF_DAY,
        prop::collection::vec(subscription(), 0..4),
        prop::collection::vec(payment(), 0..20),
    )
        .prop_map(|(signup, subscriptions, payments)| Subscriber {
            id: "s".into(),
            signup: date(signup),
            subscriptions,
            payments,
        })
}

/// Valid configurations: normalised random weights, ordered thresholds, any window.
fn config() -> impl Strategy<Value = RiskConfig> {
    (
        prop::array::uniform5(0.0..1.0_f64),
        prop::array::uniform3(0.0..=1.0_f64),
        1..=8_usize,
        0..3000_i64,
        1..800_u32,
        0..100_u32,
    )
        .prop_map(|(w, mut t, recent_window, low_cost, horizon, new_days)| {
            let sum: f64 = w.iter().sum();
            let weights = if sum > 1e-3 {
                RiskWeights {
                    recent_failures: w[0] / sum,
                    amount: w[1] / sum,
                    failure_rate: w[2] / sum,
                    pays_once: w[3] / sum,
                    account_age: w[4] / sum,
                }
            } else {
                RiskWeights::default()
            };
            t.sort_by(f64::total_cmp);
            RiskConfig {
                weights,
                medium: t[0],
                high: t[1],
                critical: t[2],
                low_cost_amount: Decimal::new(low_cost, 2),
                recent_window,
                age_horizon_days: horizon,
                new_account_days: new_days,
            }
        })
}

fn any_config() -> impl Strategy<Value = RiskConfig> {
    prop_oneof![Just(RiskConfig::default()), config()]
}

proptest! {
    #[test]
    fn score_is_bounded_explained_and_levelled(s in subscriber(), c in any_config()) {
        let r = risk_score(&s, as_of(), &c).unwrap();
        prop_assert!((0.0..=1.0).contains(&r.score));
        let mut sum = 0.0;
        for f in &r.factors {
            prop_assert!((0.0..=1.0).contains(&f.value), "{:?}", f);
            prop_assert_eq!(f.weight, c.weights.get(f.factor));
            prop_assert_eq!(f.contribution, f.weight * f.value);
            sum += f.contribution;
        }
        prop_assert!((sum - r.score).abs() < 1e-12);
        let expected = if r.score >= c.critical {
            RiskLevel::Critical
        } else if r.score >= c.high {
            RiskLevel::High
        } else if r.score >= c.medium {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        };
        prop_assert_eq!(r.level, expected);
        prop_assert!(r.failed_payment_count <= r.payment_count);
    }

    #[test]
    fn input_order_does_not_matter(
        (s, payments, plans) in subscriber().prop_flat_map(|s| {
            let payments = Just(s.payments.clone()).prop_shuffle();
            let plans = Just(s.subscriptions.clone()).prop_shuffle();
            (Just(s), payments, plans)
        }),
        c in any_config(),
    ) {
        let shuffled = Subscriber { payments, subscriptions: plans, ..s.clone() };
        prop_assert_eq!(
            risk_score(&s, as_of(), &c).unwrap(),
            risk_score(&shuffled, as_of(), &c).unwrap()
        );
    }

    #[test]
    fn a_newer_failure_never_lowers_the_score(
        s in subscriber(),
        c in any_config(),
        at in 0.0..=1.0_f64,
    ) {
        // the new failure is dated between the newest payment on or before as_of and as_of
        let newest = s
            .payments
            .iter()
            .map(|p| p.date)
            .filter(|&d| d <= as_of())
            .max()
            .unwrap_or(s.signup);
        let span = (as_of() - newest).num_days() as f64;
        let failure = Payment {
            date: newest + Days::new((span * at) as u64),
            amount: Decimal::ONE,
            succeeded: false,
        };
        let before = risk_score(&s, as_of(), &c).unwrap();
        let mut worse = s.clone();
        worse.payments.push(failure);
        let after = risk_score(&worse, as_of(), &c).unwrap();
        prop_assert!(after.score >= before.score, "{} < {}", after.score, before.score);
        prop_assert_eq!(after.failed_payment_count, before.failed_payment_count + 1);
    }

    #[test]
    fn batch_and_summary_agree_with_single_scores(
        subscribers in prop::collection::vec(subscriber(), 0..20),
        c in any_config(),
    ) {
        let batch = risk_score_batch(&subscribers, as_of(), &c).unwrap();
        for (s, r) in subscribers.iter().zip(&batch) {
            prop_assert_eq!(r, &risk_score(s, as_of(), &c).unwrap());
        }
        let summary = risk_summary(&batch).unwrap();
        prop_assert_eq!(summary.total as usize, batch.len());
        prop_assert_eq!(summary.levels.iter().map(|l| l.count).sum::<u64>(), summary.total);
        prop_assert_eq!(summary.histogram.iter().map(|b| b.count).sum::<u64>(), summary.total);
        let high = batch.iter().filter(|r| r.level.is_high_risk()).count();
        prop_assert_eq!(summary.high_risk_count as usize, high);
        prop_assert!((0.0..=1.0).contains(&summary.failure_rate));
        prop_assert!((0.0..=1.0).contains(&summary.mean_score));
        for r in &batch {
            let b = &summary.histogram[((r.score * 10.0) as usize).min(9)];
            prop_assert!(r.score >= b.lower - 1e-12 && r.score <= b.upper + 1e-12);
        }
    }
}

/// Any representable date, from chrono's earliest to its latest.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    any::<i32>().prop_filter_map(
        "out of chrono's range",
        NaiveDate::from_num_days_from_ce_opt,
    )
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0..=28_u32).prop_map(|(m, scale)| Decimal::new(m, scale))
}

proptest! {
    /// Whatever the input, scoring returns a finite score in [0, 1] or an error; it never
    /// panics.
    #[test]
    fn any_input_scores_or_errors(
        weights in prop::array::uniform5(any::<f64>()),
        thresholds in prop::array::uniform3(any::<f64>()),
        (recent_window, horizon, new_days) in (any::<usize>(), any::<u32>(), any::<u32>()),
        low_cost in any_decimal(),
        signup in any_date(),
        as_of in any_date(),
        payments in prop::collection::vec((any_date(), any_decimal(), any::<bool>()), 0..6),
        plans in prop::collection::vec((any_date(), any_decimal()), 0..3),
    ) {
        let config = RiskConfig {
            weights: RiskWeights {
                recent_failures: weights[0],
                amount: weights[1],
                failure_rate: weights[2],
                pays_once: weights[3],
                account_age: weights[4],
            },
            medium: thresholds[0],
            high: thresholds[1],
            critical: thresholds[2],
            low_cost_amount: low_cost,
            recent_window,
            age_horizon_days: horizon,
            new_account_days: new_days,
        };
        let s = Subscriber {
            id: "x".into(),
            signup,
            subscriptions: plans
                .into_iter()
                .map(|(start, monthly_amount)| Subscription {
                    plan: "p".into(),
                    monthly_amount,
                    start,
                    end: None,
                })
                .collect(),
            payments: payments
                .into_iter()
                .map(|(date, amount, succeeded)| Payment { date, amount, succeeded })
                .collect(),
        };
        for c in [config, RiskConfig::default()] {
            if let Ok(r) = risk_score(&s, as_of, &c) {
                prop_assert!((0.0..=1.0).contains(&r.score));
                prop_assert!(r.factors.iter().all(|f| f.value.is_finite() && f.contribution.is_finite()));
            }
        }
    }
}
