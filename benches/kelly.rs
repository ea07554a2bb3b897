//! Kelly staking: the scalar Kelly fraction, the batch over 1M bets, and the simultaneous
//! Kelly allocation of a three-way market.

use criterion::{Criterion, Throughput};
use edgecore::kelly::{kelly_exclusive, kelly_fraction, kelly_fraction_batch_into};
use std::hint::black_box;

const N: usize = 1_000_000;

fn inputs(n: usize) -> (Vec<f64>, Vec<f64>) {
    let odds = (0..n).map(|i| 1.2 + (i % 500) as f64 * 0.01).collect();
    let probs = (0..n).map(|i| 0.05 + (i % 90) as f64 * 0.01).collect();
    (odds, probs)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("kelly");

    g.throughput(Throughput::Elements(1));
    g.bench_function("kelly_fraction", |b| {
        b.iter(|| kelly_fraction(black_box(2.1), black_box(0.52)))
    });

    let (odds, probs) = inputs(N);
    let mut out = vec![0.0; N];
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("kelly_fraction_batch_1m", |b| {
        b.iter(|| kelly_fraction_batch_into(black_box(&odds), black_box(&probs), &mut out))
    });

    g.throughput(Throughput::Elements(1));
    g.bench_function("kelly_exclusive_3way", |b| {
        b.iter(|| kelly_exclusive(black_box(&[2.5, 3.2, 2.8]), black_box(&[0.55, 0.25, 0.20])))
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
