//! Subscriber risk scoring: one subscriber, and a batch of one million subscribers with
//! twelve monthly payments each (the monitor's nightly run).

use chrono::{Months, NaiveDate};
use criterion::{Criterion, Throughput};
use edgecore::risk::{Payment, RiskConfig, Subscriber, Subscription, risk_score, risk_score_batch};
use rust_decimal::Decimal;
use std::hint::black_box;

const SUBSCRIBERS: usize = 1_000_000;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).unwrap()
}

/// A deterministic population: twelve monthly payments up to the as-of date, about one in
/// eight failed, one or two plans (a third of them downgraded), signups over two years.
fn population(n: usize) -> Vec<Subscriber> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let first_payment = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
    (0..n)
        .map(|i| {
            let r = next();
            let signup = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap() + chrono::Days::new(r % 730);
            let price = Decimal::new(499 + (r >> 12) as i64 % 2500, 2);
            let mut subscriptions = vec![Subscription {
                plan: "standard".into(),
                monthly_amount: price,
                start: signup,
                end: None,
            }];
            if r % 3 == 0 {
                subscriptions.push(Subscription {
                    plan: "lite".into(),
                    monthly_amount: Decimal::new(499, 2),
                    start: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
                    end: None,
                });
            }
            let payments = (0..12)
                .map(|m| Payment {
                    date: first_payment + Months::new(m),
                    amount: price,
                    succeeded: next() % 8 != 0,
                })
                .collect();
            Subscriber {
                id: format!("sub-{i}"),
                signup,
                subscriptions,
                payments,
            }
        })
        .collect()
}

fn single(c: &mut Criterion) {
    let subscriber = population(1).remove(0);
    let (config, day) = (RiskConfig::default(), as_of());
    let mut group = c.benchmark_group("risk_score");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one_subscriber_12_payments", |b| {
        b.iter(|| risk_score(black_box(&subscriber), day, &config).unwrap())
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let subscribers = population(SUBSCRIBERS);
    let (config, day) = (RiskConfig::default(), as_of());
    let mut group = c.benchmark_group("risk_score_batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(SUBSCRIBERS as u64));
    group.bench_function("1m_subscribers_12_payments", |b| {
        b.iter_with_large_drop(|| risk_score_batch(black_box(&subscribers), day, &config).unwrap())
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    single(&mut criterion);
    batch(&mut criterion);
    criterion.final_summary();
}
