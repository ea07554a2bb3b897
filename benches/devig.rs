//! De-vig throughput: one market per call, and `devig_batch` over 100,000 three-way markets
//! (on all threads, and on one thread to compare with the one-core goals). Throughput is in
//! markets per second.

// `criterion_group!` generates a public function without documentation.
#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use edgecore::devig::{DevigMethod, devig, devig_batch_into};
use std::hint::black_box;

const MARKETS: usize = 100_000;

/// Realistic three-way football prices with margins between about 2% and 8%.
fn markets(count: usize) -> Vec<f64> {
    (0..count)
        .flat_map(|i| {
            let home = 0.25 + 0.5 * ((i * 7919) % 1000) as f64 / 1000.0;
            let draw = 0.22 + 0.08 * ((i * 104_729) % 100) as f64 / 100.0;
            let away = (1.0 - home - draw).max(0.05);
            let book = (1.02 + 0.06 * ((i * 31) % 100) as f64 / 100.0) / (home + draw + away);
            [
                1.0 / (home * book),
                1.0 / (draw * book),
                1.0 / (away * book),
            ]
        })
        .collect()
}

fn single_market(c: &mut Criterion) {
    let mut group = c.benchmark_group("devig_single_market");
    group.throughput(Throughput::Elements(1));
    let odds = [4.2, 3.7, 1.95];
    for &method in DevigMethod::ALL {
        group.bench_function(BenchmarkId::from_parameter(method), |b| {
            b.iter(|| devig(black_box(&odds), method, 1.0))
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion, name: &str, threads: Option<usize>) {
    let odds = markets(MARKETS);
    let mut out = vec![0.0; odds.len()];
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().expect("a thread pool");
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(MARKETS as u64));
    for &method in DevigMethod::ALL {
        group.bench_function(BenchmarkId::from_parameter(method), |b| {
            b.iter(|| {
                pool.install(|| devig_batch_into(black_box(&odds), 3, method, 1.0, &mut out))
                    .expect("valid markets")
            })
        });
    }
    group.finish();
}

fn batch_all_threads(c: &mut Criterion) {
    batch(c, "devig_batch_100k_three_way", None);
}

fn batch_one_thread(c: &mut Criterion) {
    batch(c, "devig_batch_100k_three_way_one_thread", Some(1));
}

criterion_group!(benches, single_market, batch_all_threads, batch_one_thread);
criterion_main!(benches);
