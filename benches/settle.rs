//! Settlement: `settle_batch` over 100k bets of every market type, and one bet alone.

use criterion::{Criterion, Throughput};
use edgecore::settle::{settle, settle_batch};
use edgecore::{Bet, EventResult, Market, Selection};
use rust_decimal::Decimal;
use std::hint::black_box;

const N: usize = 100_000;

fn bets(n: usize) -> (Vec<Bet>, Vec<EventResult>) {
    let placed_at = "2025-01-01T12:00:00Z".parse().unwrap();
    let kinds = [
        (Market::H2h, Selection::Home, None),
        (Market::H2h, Selection::Draw, None),
        (Market::DrawNoBet, Selection::Away, None),
        (Market::Totals, Selection::Over, Some(Decimal::new(25, 1))),
        (Market::Totals, Selection::Under, Some(Decimal::new(225, 2))),
        (Market::Spreads, Selection::Home, Some(Decimal::new(-75, 2))),
        (Market::Spreads, Selection::Away, Some(Decimal::new(1, 0))),
    ];
    let bets = (0..n)
        .map(|i| {
            let (market, selection, line) = kinds[i % kinds.len()];
            Bet {
                id: format!("b{i}"),
                event_id: format!("e{}", i / 8),
                league: "soccer_epl".into(),
                market,
                line,
                selection,
                bookmaker: "pinnacle".into(),
                odds: Decimal::new(150 + (i % 300) as i64, 2),
                stake: Decimal::new(100 + (i % 10_000) as i64, 2),
                placed_at,
                source: "manual".into(),
                outcome: None,
                closing_odds: None,
                closing_probability: None,
            }
        })
        .collect();
    let results = (0..n)
        .map(|i| match i % 50 {
            0 => EventResult::Cancelled,
            k => EventResult::Final {
                home: (k % 4) as u32,
                away: (k % 3) as u32,
            },
        })
        .collect();
    (bets, results)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("settle");
    let (bets, results) = bets(N);

    g.throughput(Throughput::Elements(1));
    g.bench_function("settle", |b| {
        b.iter(|| settle(black_box(&bets[5]), black_box(&results[5])))
    });

    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("settle_batch_100k", |b| {
        b.iter(|| settle_batch(black_box(&bets), black_box(&results)))
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
