//! Agents: anomaly + spread over a large board, the backtest's replay throughput and the
//! history build.
//!
//! - `agents/anomaly_spread_board`: agents A and B over a board of 1,000 events x 20
//!   bookmakers x (h2h + 3 totals lines), 180,000 quotes (goal: under 50 ms);
//! - `agents/backtest`: a season of 380 events x 10 bookmakers (h2h + 1 totals line) replayed
//!   with the four strategies, in snapshots per second (goal: >= 5M/s);
//! - `agents/history_build`: interning that season's snapshots, in snapshots per second.

use criterion::{Criterion, Throughput};
use edgecore::agents::{
    AnomalyConfig, BacktestConfig, Board, BoardConfig, GeneratorConfig, History, SpreadConfig,
    backtest, find_anomalies, generate, scan_spreads,
};
use rust_decimal::Decimal;
use std::hint::black_box;

fn board() -> (Board, u64) {
    let g = generate(&GeneratorConfig {
        events: 1000,
        events_per_week: 1000,
        bookmakers: 20,
        days_open: 1,
        poll_hours: vec![10],
        totals_lines: ["1.5", "2.5", "3.5"]
            .iter()
            .map(|l| l.parse::<Decimal>().unwrap())
            .collect(),
        ..GeneratorConfig::default()
    })
    .unwrap();
    let history = History::new(&g.snapshots).unwrap();
    let at = history.last_capture().unwrap();
    let config = BoardConfig {
        max_age_seconds: 7 * 86_400,
        ..BoardConfig::default()
    };
    let board = Board::at(&history, at, &config).unwrap();
    let quotes = board.quotes().len() as u64;
    (board, quotes)
}

fn agents(c: &mut Criterion) {
    let mut group = c.benchmark_group("agents");

    let (board, quotes) = board();
    group.throughput(Throughput::Elements(quotes));
    group.bench_function("anomaly_spread_board", |b| {
        b.iter(|| {
            let a = find_anomalies(black_box(&board), &AnomalyConfig::default()).unwrap();
            let s = scan_spreads(black_box(&board), &SpreadConfig::default()).unwrap();
            black_box((a, s))
        })
    });

    let season = generate(&GeneratorConfig {
        anomalies: 20,
        arbitrages: 20,
        steam_moves: 20,
        ..GeneratorConfig::default()
    })
    .unwrap();
    let history = History::new(&season.snapshots).unwrap();
    group.throughput(Throughput::Elements(history.len() as u64));
    group.sample_size(10);
    group.bench_function("backtest", |b| {
        b.iter(|| {
            backtest(
                black_box(&history),
                &season.events,
                &season.results,
                &BacktestConfig::default(),
                None,
            )
            .unwrap()
        })
    });
    group.bench_function("history_build", |b| {
        b.iter(|| History::new(black_box(&season.snapshots)).unwrap())
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    agents(&mut c);
    c.final_summary();
}
