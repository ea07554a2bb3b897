//! Wealth platform figures: splitting a monthly capacity into an investment plan, projecting
//! it, and MRR over a large subscription book.
#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented public function"
)]

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use edgecore::finance::mrr::{BillingPeriod, Subscription, mrr};
use edgecore::finance::plan::{
    ContributionTiming, MonthlyRate, PlanLine, investment_plan, project_plan,
};
use rust_decimal::Decimal;
use std::hint::black_box;

fn plan_lines() -> Vec<PlanLine> {
    [
        ("pea", 30_0000),
        ("cto", 14_2857),
        ("assurance_vie", 25_7143),
        ("per", 10_0000),
        ("savings_book", 15_0000),
        ("other", 5_0000),
    ]
    .iter()
    .map(|&(name, p)| PlanLine {
        name: name.into(),
        percent: Decimal::new(p, 4),
    })
    .collect()
}

fn investment_plans(c: &mut Criterion) {
    let lines = plan_lines();
    let capacity = Decimal::new(123_457, 2);
    let mut group = c.benchmark_group("investment_plan");
    group.throughput(Throughput::Elements(1));
    group.bench_function("split_6_lines", |b| {
        b.iter(|| investment_plan(black_box(capacity), black_box(&lines)).unwrap())
    });
    let plan = investment_plan(capacity, &lines).unwrap();
    let returns = [7.0, 6.0, 4.0, 5.0, 3.0, 2.0];
    group.bench_function("project_6_lines_30_years", |b| {
        b.iter(|| {
            project_plan(
                black_box(&plan),
                &returns,
                30,
                MonthlyRate::Equivalent,
                ContributionTiming::End,
            )
            .unwrap()
        })
    });
    group.finish();
}

fn subscription_book(n: usize) -> Vec<Subscription> {
    let day0 = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    (0..n)
        .map(|i| {
            let start = day0 + chrono::Days::new((i * 7919 % 1800) as u64);
            Subscription {
                customer: format!("customer{}", i % (n / 2 + 1)),
                plan: if i % 3 == 0 { "premium" } else { "essential" }.into(),
                price: if i % 3 == 0 {
                    Decimal::new(2990, 2)
                } else {
                    Decimal::new(990, 2)
                },
                period: if i % 5 == 0 {
                    BillingPeriod::Yearly
                } else {
                    BillingPeriod::Monthly
                },
                start,
                end: (i % 4 == 0).then(|| start + chrono::Days::new((i % 700) as u64 + 30)),
            }
        })
        .collect()
}

fn mrr_book(c: &mut Criterion) {
    let n = 100_000;
    let book = subscription_book(n);
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let mut group = c.benchmark_group("mrr");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("subscriptions_100k", |b| {
        b.iter(|| mrr(black_box(&book), as_of).unwrap())
    });
    group.finish();
}

criterion_group!(benches, investment_plans, mrr_book);
criterion_main!(benches);
