//! Loan schedules (rows and columns), capital remaining at a date, and the net worth of a
//! realistic profile.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use edgecore::finance::amortization::{
    Loan, LoanKind, amortization_schedule, amortization_schedule_columns, remaining_capital,
    remaining_capital_batch,
};
use edgecore::finance::patrimony::{
    CashAccount, CryptoHolding, Debt, Envelope, Investment, NetWorthOptions, OtherAsset, Price,
    PriceBook, Profile, RealEstate, net_worth,
};
use rust_decimal::Decimal;
use std::hint::black_box;

fn mortgage() -> Loan {
    Loan::new(
        Decimal::new(200_000, 0),
        Decimal::new(35, 1),
        360,
        NaiveDate::from_ymd_opt(2024, 1, 5).unwrap(),
        LoanKind::Annuity,
    )
}

fn schedule(c: &mut Criterion) {
    let loan = mortgage();
    let mut group = c.benchmark_group("amortization_schedule");
    group.throughput(Throughput::Elements(u64::from(loan.months)));
    group.bench_function("annuity_360_rows", |b| {
        b.iter(|| amortization_schedule(black_box(&loan)).unwrap())
    });
    group.bench_function("annuity_360_rows_columns", |b| {
        b.iter(|| amortization_schedule_columns(black_box(&loan)).unwrap())
    });
    // The loan of the Node package's benchmark against loanjs: 200,000 at 6% over 360 months.
    let node_loan = Loan::new(
        Decimal::new(200_000, 0),
        Decimal::new(6, 0),
        360,
        NaiveDate::from_ymd_opt(2025, 1, 5).unwrap(),
        LoanKind::Annuity,
    );
    group.bench_function("annuity_6pct_360_rows_columns", |b| {
        b.iter(|| amortization_schedule_columns(black_box(&node_loan)).unwrap())
    });
    group.finish();
}

fn remaining(c: &mut Criterion) {
    let loan = mortgage();
    // Half-way through the loan: 180 payments made.
    let as_of = NaiveDate::from_ymd_opt(2038, 12, 5).unwrap();
    let mut group = c.benchmark_group("remaining_capital");
    group.throughput(Throughput::Elements(1));
    group.bench_function("annuity_360_after_180", |b| {
        b.iter(|| remaining_capital(black_box(&loan), black_box(as_of)).unwrap())
    });
    group.finish();
}

fn remaining_batch(c: &mut Criterion) {
    let loans: Vec<Loan> = (0..10_000).map(|_| mortgage()).collect();
    let as_of = NaiveDate::from_ymd_opt(2038, 12, 5).unwrap();
    let mut group = c.benchmark_group("remaining_capital_batch");
    group.throughput(Throughput::Elements(loans.len() as u64));
    group.bench_function("10k_annuities_after_180", |b| {
        b.iter(|| remaining_capital_batch(black_box(&loans), black_box(as_of)).unwrap())
    });
    group.finish();
}

fn profile() -> (Profile, PriceBook, NetWorthOptions) {
    let now = Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
    let named = |s: &str| s.to_string();
    let profile = Profile {
        cash: vec![
            CashAccount {
                name: named("current"),
                amount: Decimal::new(250_000, 2),
            },
            CashAccount {
                name: named("livret a"),
                amount: Decimal::new(2_295_000, 2),
            },
        ],
        investments: Envelope::ALL
            .iter()
            .map(|&envelope| Investment {
                name: envelope.to_string(),
                envelope,
                value: Decimal::new(1_234_567, 2),
            })
            .collect(),
        real_estate: vec![
            RealEstate {
                name: named("home"),
                value: Decimal::new(320_000, 0),
                loan: Some(mortgage()),
            },
            RealEstate {
                name: named("rental"),
                value: Decimal::new(180_000, 0),
                loan: Some(Loan::new(
                    Decimal::new(150_000, 0),
                    Decimal::new(41, 1),
                    240,
                    NaiveDate::from_ymd_opt(2022, 9, 10).unwrap(),
                    LoanKind::Annuity,
                )),
            },
        ],
        crypto: ["BTC", "ETH", "SOL"]
            .iter()
            .map(|s| CryptoHolding {
                symbol: named(s),
                quantity: Decimal::new(15, 1),
            })
            .collect(),
        other_assets: vec![OtherAsset {
            name: named("car"),
            value: Decimal::new(12_000, 0),
        }],
        other_debts: vec![Debt {
            name: named("consumer"),
            amount: Decimal::new(4_500, 0),
        }],
    };
    let mut prices = PriceBook::default();
    for (symbol, price) in [("BTC", 6_000_000), ("ETH", 300_000), ("SOL", 15_000)] {
        prices.prices.insert(
            named(symbol),
            Price {
                price: Decimal::new(price, 2),
                as_of: now,
            },
        );
    }
    (
        profile,
        prices,
        NetWorthOptions::new(now, TimeDelta::hours(1)),
    )
}

fn worth(c: &mut Criterion) {
    let (profile, prices, options) = profile();
    let mut group = c.benchmark_group("net_worth");
    group.throughput(Throughput::Elements(1));
    group.bench_function("realistic_profile_two_loans", |b| {
        b.iter(|| net_worth(black_box(&profile), black_box(&prices), black_box(&options)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, schedule, remaining, remaining_batch, worth);
criterion_main!(benches);
