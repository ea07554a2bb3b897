//! Performance statistics over a large settled history.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use chrono::{DateTime, Duration, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use edgecore::stats::{BreakdownKey, breakdown, performance};
use edgecore::{Bet, Market, Outcome, Selection};
use rust_decimal::Decimal;
use std::hint::black_box;

const BOOKMAKERS: [&str; 20] = [
    "pinnacle",
    "bet365",
    "unibet",
    "winamax",
    "betclic",
    "williamhill",
    "betfair",
    "bwin",
    "888sport",
    "marathonbet",
    "betway",
    "coral",
    "ladbrokes",
    "skybet",
    "paddypower",
    "betvictor",
    "sbobet",
    "matchbook",
    "parionssport",
    "zebet",
];

/// `n` settled bets in placed-at order, one every 10 minutes, with varied odds, stakes in
/// cents, outcomes and closing prices (a fixed linear congruential sequence, no randomness).
fn history(n: usize) -> Vec<Bet> {
    let start: DateTime<Utc> = "2024-01-01T00:00:00Z".parse().unwrap();
    let outcomes = [
        Outcome::Won,
        Outcome::Lost,
        Outcome::Lost,
        Outcome::Won,
        Outcome::HalfWon,
        Outcome::Push,
        Outcome::HalfLost,
        Outcome::Void,
    ];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|i| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let odds = Decimal::new(130 + (x >> 40) as i64 % 270, 2);
            let closing = odds - Decimal::new((x >> 20) as i64 % 15 - 5, 2);
            Bet {
                id: i.to_string(),
                event_id: (i / 3).to_string(),
                league: "epl".into(),
                market: Market::H2h,
                line: None,
                selection: Selection::Home,
                bookmaker: BOOKMAKERS[i % BOOKMAKERS.len()].into(),
                odds,
                stake: Decimal::new(500 + (x >> 33) as i64 % 5000, 2),
                placed_at: start + Duration::minutes(10 * i as i64),
                source: "manual".into(),
                outcome: Some(outcomes[(x >> 50) as usize % outcomes.len()]),
                closing_odds: (i % 4 != 0).then_some(closing),
                closing_probability: (i % 4 != 0).then(|| 0.97 / closing.try_into().unwrap_or(2.0)),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let n = 1_000_000;
    let bets = history(n);
    let mut group = c.benchmark_group("stats");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_with_input(BenchmarkId::new("performance", n), &bets, |b, bets| {
        b.iter(|| performance(black_box(bets), Decimal::new(1000, 0)).unwrap())
    });
    group.bench_with_input(
        BenchmarkId::new("breakdown_bookmaker", n),
        &bets,
        |b, bets| b.iter(|| breakdown(black_box(bets), BreakdownKey::Bookmaker).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
