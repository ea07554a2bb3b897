//! Workloads built from the seeded benchmark fixtures (`edgecore::fixtures`), the datasets
//! the Python and Node benchmarks can build too: performance figures of 100,000 bets, the
//! risk scores of 100,000 subscribers, the schedules of 1,000 loans, and a season's board.

use criterion::{Criterion, Throughput};
use edgecore::agents::{Board, BoardConfig};
use edgecore::finance::amortization::amortization_schedule;
use edgecore::fixtures::{
    FIXTURE_AS_OF, bet_history_fixture, loans_fixture, season_fixture, subscribers_fixture,
};
use edgecore::risk::{RiskConfig, risk_score_batch};
use edgecore::stats::performance;
use rust_decimal::Decimal;
use std::hint::black_box;

const SEED: u64 = 1;

fn main() {
    let mut c = Criterion::default().configure_from_args();

    let bets = bet_history_fixture(SEED, 100_000).unwrap();
    let mut group = c.benchmark_group("fixtures");
    group.sample_size(10);
    group.throughput(Throughput::Elements(bets.len() as u64));
    group.bench_function("performance_100k_bets", |b| {
        b.iter(|| performance(black_box(&bets), Decimal::new(10_000, 0)).unwrap())
    });

    let table = subscribers_fixture(SEED, 100_000).unwrap();
    group.throughput(Throughput::Elements(table.len() as u64));
    group.bench_function("risk_score_batch_100k_subscribers", |b| {
        b.iter_with_large_drop(|| {
            risk_score_batch(black_box(&table), FIXTURE_AS_OF, &RiskConfig::default()).unwrap()
        })
    });

    let loans = loans_fixture(SEED, 1_000).unwrap();
    group.throughput(Throughput::Elements(loans.len() as u64));
    group.bench_function("schedules_1k_loans", |b| {
        b.iter_with_large_drop(|| {
            black_box(&loans)
                .iter()
                .map(|l| amortization_schedule(l).unwrap())
                .collect::<Vec<_>>()
        })
    });

    let season = season_fixture(SEED, 380).unwrap();
    let last = season.snapshots.last().unwrap().captured_at;
    group.throughput(Throughput::Elements(season.snapshots.len() as u64));
    group.bench_function("board_season_380_events", |b| {
        b.iter_with_large_drop(|| {
            Board::new(black_box(&season.snapshots), last, &BoardConfig::default()).unwrap()
        })
    });
    group.finish();

    c.final_summary();
}
