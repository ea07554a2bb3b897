use super::*;
use rust_decimal_macros::dec;

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn pay(date: NaiveDate, succeeded: bool) -> Payment {
    Payment {
        date,
        amount: dec!(19.99),
        succeeded,
    }
}

fn plan(amount: Decimal, start: NaiveDate) -> Subscription {
    Subscription {
        plan: "plan".into(),
        monthly_amount: amount,
        start,
        end: None,
    }
}

pub(crate) fn subscriber(
    signup: NaiveDate,
    plans: Vec<Subscription>,
    payments: Vec<Payment>,
) -> Subscriber {
    Subscriber {
        id: "u1".into(),
        signup,
        subscriptions: plans,
        payments,
    }
}

const AS_OF: (i32, u32, u32) = (2024, 6, 30);

fn as_of() -> NaiveDate {
    day(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn score(s: &Subscriber) -> RiskScore {
    risk_score(s, as_of(), &RiskConfig::default()).unwrap()
}

fn values(r: &RiskScore) -> [f64; 5] {
    r.factors.map(|f| f.value)
}

#[test]
fn good_payer_scores_zero() {
    let payments = (1..=12).map(|m| pay(day(2023, m, 15), true)).collect();
    let s = subscriber(
        day(2022, 1, 1),
        vec![plan(dec!(29.99), day(2022, 1, 1))],
        payments,
    );
    let r = score(&s);
    assert_eq!(r.score, 0.0);
    assert_eq!(r.level, RiskLevel::Low);
    assert!(r.flags.is_empty());
    assert_eq!((r.payment_count, r.failed_payment_count), (12, 0));
}

#[test]
fn pays_once_then_declines() {
    let payments = vec![
        pay(day(2024, 3, 1), true),
        pay(day(2024, 4, 1), false),
        pay(day(2024, 5, 1), false),
        pay(day(2024, 6, 1), false),
    ];
    let s = subscriber(
        day(2024, 3, 1),
        vec![plan(dec!(19.99), day(2024, 3, 1))],
        payments,
    );
    let r = score(&s);
    // 121 days from 1 March to 30 June 2024
    assert_eq!(values(&r), [1.0, 0.0, 0.75, 1.0, 244.0 / 365.0]);
    let expected = 0.5 + 0.15 * 0.75 + 0.1 + 0.05 * 244.0 / 365.0;
    assert!((r.score - expected).abs() < 1e-15);
    assert_eq!(r.level, RiskLevel::Critical);
    assert_eq!(
        r.flags,
        [
            RiskFlag::RecentFailuresOver40Pct,
            RiskFlag::PaysOnceThenDeclines
        ]
    );
    let sum: f64 = r.factors.iter().map(|f| f.contribution).sum();
    assert!((sum - r.score).abs() < 1e-15);
}

#[test]
fn pattern_needs_one_leading_success_and_only_failures_after() {
    let p = |ok: &[bool]| {
        let payments = ok
            .iter()
            .enumerate()
            .map(|(i, &o)| pay(day(2024, 1, 1 + i as u32), o))
            .collect();
        score(&subscriber(day(2023, 1, 1), vec![], payments))
            .flags
            .contains(&RiskFlag::PaysOnceThenDeclines)
    };
    assert!(p(&[true, false]));
    assert!(p(&[true, false, false, false, false]));
    assert!(!p(&[true]));
    assert!(!p(&[false, true, false]));
    assert!(!p(&[true, false, true]));
    assert!(!p(&[true, true, false]));
}

#[test]
fn downgrade_and_low_cost() {
    let payments = (1..=6).map(|m| pay(day(2024, m, 1), m != 6)).collect();
    let plans = vec![
        plan(dec!(29.99), day(2023, 1, 1)),
        plan(dec!(14.99), day(2024, 4, 1)),
    ];
    let r = score(&subscriber(day(2023, 1, 1), plans, payments));
    assert_eq!(values(&r), [1.0 / 3.0, 1.0, 1.0 / 6.0, 0.0, 0.0]);
    assert!((r.score - (0.5 / 3.0 + 0.2 + 0.025)).abs() < 1e-15);
    assert_eq!(r.level, RiskLevel::Medium);
    assert_eq!(r.flags, [RiskFlag::Downgrade]);

    let cheap = subscriber(
        day(2023, 1, 1),
        vec![plan(dec!(4), day(2023, 1, 1))],
        vec![],
    );
    let r = score(&cheap);
    assert!((r.factors[1].value - 0.6).abs() < 1e-15);
    assert_eq!(r.flags, [RiskFlag::LowCost, RiskFlag::NoPayments]);

    // a downgrade to a low-cost plan: the factor is 1, both flags are raised
    let plans = vec![
        plan(dec!(9), day(2024, 2, 1)),
        plan(dec!(20), day(2023, 1, 1)),
    ];
    let r = score(&subscriber(day(2023, 1, 1), plans, vec![]));
    assert_eq!(r.factors[1].value, 1.0);
    assert_eq!(&r.flags[..2], [RiskFlag::Downgrade, RiskFlag::LowCost]);

    // free plan: maximal low-cost value; exactly the threshold: not low-cost
    let free = subscriber(
        day(2023, 1, 1),
        vec![plan(dec!(0), day(2023, 1, 1))],
        vec![],
    );
    assert_eq!(score(&free).factors[1].value, 1.0);
    let ten = subscriber(
        day(2023, 1, 1),
        vec![plan(dec!(10.00), day(2023, 1, 1))],
        vec![],
    );
    assert_eq!(score(&ten).factors[1].value, 0.0);
    // a zero threshold disables the low-cost scale
    let config = RiskConfig {
        low_cost_amount: Decimal::ZERO,
        ..RiskConfig::default()
    };
    let r = risk_score(&free, as_of(), &config).unwrap();
    assert_eq!(r.factors[1].value, 0.0);
}

#[test]
fn plan_order_rules() {
    // an upgrade is not a downgrade; a plan starting after as_of is ignored
    let plans = vec![
        plan(dec!(30), day(2024, 7, 1)),
        plan(dec!(20), day(2024, 2, 1)),
        plan(dec!(15), day(2023, 1, 1)),
    ];
    let r = score(&subscriber(day(2023, 1, 1), plans, vec![]));
    assert!(!r.flags.contains(&RiskFlag::Downgrade));
    for plans in [
        vec![
            plan(dec!(5), day(2024, 7, 1)),
            plan(dec!(20), day(2023, 1, 1)),
        ],
        // two plans started the same day: the dearer counts as the later one
        vec![
            plan(dec!(20), day(2024, 2, 1)),
            plan(dec!(15), day(2024, 2, 1)),
        ],
        // identical plans are no downgrade
        vec![
            plan(dec!(20), day(2024, 2, 1)),
            plan(dec!(20.00), day(2024, 2, 1)),
        ],
    ] {
        assert_eq!(
            score(&subscriber(day(2023, 1, 1), plans, vec![])).score,
            0.0
        );
    }
}

#[test]
fn new_account_without_payments() {
    let s = subscriber(
        day(2024, 6, 20),
        vec![plan(dec!(19.99), day(2024, 6, 20))],
        vec![],
    );
    let r = score(&s);
    assert_eq!(values(&r), [0.0, 0.0, 0.0, 0.0, 355.0 / 365.0]);
    assert!((r.score - 0.05 * 355.0 / 365.0).abs() < 1e-15);
    assert_eq!(r.flags, [RiskFlag::NewAccount, RiskFlag::NoPayments]);
    // signed up on the as-of date: age factor 1; 30 days old: no longer new
    let r = score(&subscriber(as_of(), vec![], vec![]));
    assert_eq!(r.factors[4].value, 1.0);
    let r = score(&subscriber(day(2024, 5, 31), vec![], vec![]));
    assert!(!r.flags.contains(&RiskFlag::NewAccount));
    let r = score(&subscriber(day(2024, 6, 1), vec![], vec![]));
    assert!(r.flags.contains(&RiskFlag::NewAccount));
}

#[test]
fn future_payments_are_ignored_and_order_does_not_matter() {
    let payments = vec![
        pay(day(2024, 4, 1), true),
        pay(day(2024, 5, 1), true),
        pay(day(2024, 6, 1), false),
        pay(day(2024, 7, 1), false),
        pay(day(2024, 8, 1), false),
    ];
    let s = subscriber(day(2023, 1, 1), vec![], payments.clone());
    let r = score(&s);
    assert_eq!((r.payment_count, r.failed_payment_count), (3, 1));
    assert_eq!(values(&r), [1.0 / 3.0, 0.0, 1.0 / 3.0, 0.0, 0.0]);
    let mut reversed = payments;
    reversed.reverse();
    assert_eq!(score(&subscriber(day(2023, 1, 1), vec![], reversed)), r);
    // a payment on the as-of date counts
    let s = subscriber(day(2023, 1, 1), vec![], vec![pay(as_of(), false)]);
    assert_eq!(score(&s).payment_count, 1);
}

#[test]
fn same_day_failure_comes_before_its_retry() {
    let payments = vec![
        pay(day(2024, 4, 1), true),
        pay(day(2024, 5, 1), false),
        pay(day(2024, 6, 1), true),
        pay(day(2024, 6, 1), false),
    ];
    let r = score(&subscriber(day(2023, 1, 1), vec![], payments));
    // ordered: 04-01 ok, 05-01 failed, 06-01 failed, 06-01 ok: last three hold 2 failures
    assert_eq!(values(&r)[0], 2.0 / 3.0);
    assert!(r.flags.contains(&RiskFlag::RecentFailuresOver40Pct));
}

#[test]
fn main_rule_is_strictly_more_than_40_percent() {
    let flagged = |ok: &[bool]| {
        let payments = ok
            .iter()
            .enumerate()
            .map(|(i, &o)| pay(day(2024, 1, 1 + i as u32), o))
            .collect();
        score(&subscriber(day(2023, 1, 1), vec![], payments))
            .flags
            .contains(&RiskFlag::RecentFailuresOver40Pct)
    };
    assert!(!flagged(&[false, true, true])); // 1/3
    assert!(flagged(&[true, false, false])); // 2/3
    assert!(flagged(&[true, false])); // 1/2
    assert!(flagged(&[false])); // 1/1
    assert!(!flagged(&[false, false, true, true, true])); // last three: 0/3
    assert!(!flagged(&[]));
}

#[test]
fn window_keeps_the_latest_payments() {
    // a wider window over shuffled dates agrees with sorting
    let outcomes = [
        true, false, false, true, true, false, true, false, true, true,
    ];
    let mut payments: Vec<Payment> = outcomes
        .iter()
        .enumerate()
        .map(|(i, &o)| pay(day(2024, 1, 1) + chrono::Days::new(i as u64 * 7), o))
        .collect();
    payments.swap(0, 9);
    payments.swap(2, 7);
    payments.swap(4, 5);
    for window in 1..=12 {
        let config = RiskConfig {
            recent_window: window,
            ..RiskConfig::default()
        };
        let s = subscriber(day(2023, 1, 1), vec![], payments.clone());
        let r = risk_score(&s, as_of(), &config).unwrap();
        let last = &outcomes[outcomes.len().saturating_sub(window)..];
        let failed = last.iter().filter(|&&o| !o).count();
        assert_eq!(r.factors[0].value, failed as f64 / last.len() as f64);
    }
}

#[test]
fn levels_follow_the_thresholds() {
    let c = RiskConfig::default();
    assert_eq!(c.level(0.0), RiskLevel::Low);
    assert_eq!(c.level(0.199_999), RiskLevel::Low);
    assert_eq!(c.level(0.2), RiskLevel::Medium);
    assert_eq!(c.level(0.4), RiskLevel::High);
    assert_eq!(c.level(0.699_999), RiskLevel::High);
    assert_eq!(c.level(0.7), RiskLevel::Critical);
    assert_eq!(c.level(1.0), RiskLevel::Critical);
    assert!(RiskLevel::High.is_high_risk() && !RiskLevel::Medium.is_high_risk());
}

#[test]
fn custom_weights() {
    let weights = RiskWeights {
        recent_failures: 0.2,
        amount: 0.2,
        failure_rate: 0.2,
        pays_once: 0.2,
        account_age: 0.2,
    };
    let config = RiskConfig {
        weights,
        ..RiskConfig::default()
    };
    let s = subscriber(day(2024, 6, 30), vec![], vec![]);
    let r = risk_score(&s, as_of(), &config).unwrap();
    assert_eq!(r.score, 0.2);
    assert_eq!(r.level, RiskLevel::Medium);
    assert_eq!(r.factors[4].weight, 0.2);
}

#[test]
fn invalid_parameter_errors() {
    let bad = |config: RiskConfig| config.validate().unwrap_err();
    let base = RiskConfig::default;
    let weights = RiskWeights {
        amount: 0.5,
        ..RiskWeights::default()
    };
    let e = bad(RiskConfig { weights, ..base() });
    assert_eq!(e.kind(), "InvalidParameter");
    assert!(e.to_string().contains("weights = 1.3"), "{e}");
    let mut weights = RiskWeights {
        recent_failures: -0.1,
        amount: 0.8,
        ..RiskWeights::default()
    };
    assert!(
        bad(RiskConfig { weights, ..base() })
            .to_string()
            .contains("weights.recent_failures")
    );
    weights.recent_failures = f64::NAN;
    assert_eq!(
        bad(RiskConfig { weights, ..base() }).kind(),
        "InvalidParameter"
    );
    for config in [
        RiskConfig {
            high: 0.8,
            ..base()
        },
        RiskConfig {
            medium: 0.5,
            ..base()
        },
        RiskConfig {
            critical: 1.5,
            ..base()
        },
        RiskConfig {
            medium: -0.1,
            ..base()
        },
        RiskConfig {
            critical: f64::INFINITY,
            ..base()
        },
        RiskConfig {
            recent_window: 0,
            ..base()
        },
        RiskConfig {
            recent_window: MAX_RECENT_WINDOW + 1,
            ..base()
        },
        RiskConfig {
            age_horizon_days: 0,
            ..base()
        },
    ] {
        assert_eq!(bad(config).kind(), "InvalidParameter");
    }
    let s = subscriber(day(2024, 7, 1), vec![], vec![]);
    let e = risk_score(&s, as_of(), &base()).unwrap_err();
    assert_eq!(e.kind(), "InvalidParameter");
    assert!(
        e.to_string().contains("2024-07-01 (subscriber \"u1\")"),
        "{e}"
    );
}

#[test]
fn invalid_amount_errors() {
    let config = RiskConfig {
        low_cost_amount: dec!(-1),
        ..RiskConfig::default()
    };
    assert_eq!(config.validate().unwrap_err().kind(), "InvalidAmount");
    let mut negative = pay(day(2024, 1, 1), true);
    negative.amount = dec!(-5);
    let s = subscriber(day(2023, 1, 1), vec![], vec![negative]);
    assert_eq!(score_err(&s), "InvalidAmount");
    let s = subscriber(
        day(2023, 1, 1),
        vec![plan(dec!(-1), day(2023, 1, 1))],
        vec![],
    );
    assert_eq!(score_err(&s), "InvalidAmount");
}

fn score_err(s: &Subscriber) -> &'static str {
    risk_score(s, as_of(), &RiskConfig::default())
        .unwrap_err()
        .kind()
}

#[test]
fn names_and_serde() {
    for f in RiskFlag::ALL {
        assert_eq!(f.as_str().parse::<RiskFlag>().unwrap(), *f);
    }
    assert_eq!(
        RiskFactor::NAMES,
        "recent_failures, amount, failure_rate, pays_once, account_age"
    );
    assert_eq!(
        "severe".parse::<RiskLevel>().unwrap_err().kind(),
        "UnknownName"
    );
    let s: Subscriber = serde_json::from_str(r#"{"id":"a","signup":"2024-01-01"}"#).unwrap();
    assert!(s.payments.is_empty() && s.subscriptions.is_empty());
    let c: RiskConfig = serde_json::from_str(r#"{"high":0.5}"#).unwrap();
    assert_eq!(
        c,
        RiskConfig {
            high: 0.5,
            ..RiskConfig::default()
        }
    );
    let r = score(&subscriber(day(2024, 6, 20), vec![], vec![]));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["flags"][0], "new_account");
    assert_eq!(json["factors"][4]["factor"], "account_age");
    let back: RiskScore = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}
