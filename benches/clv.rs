//! Closing line value: `clv_batch` over 100k and 1M pairs (sequential below 65,536 pairs,
//! parallel above).

use criterion::{Criterion, Throughput};
use edgecore::clv::clv_batch;
use std::hint::black_box;

fn prices(n: usize) -> (Vec<f64>, Vec<f64>) {
    let taken = (0..n).map(|i| 1.5 + (i % 97) as f64 / 10.0).collect();
    let close = (0..n).map(|i| 1.6 + (i % 89) as f64 / 10.0).collect();
    (taken, close)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("clv");
    for (label, n) in [("clv_batch_100k", 100_000), ("clv_batch_1m", 1_000_000)] {
        let (taken, close) = prices(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(label, |b| {
            b.iter(|| clv_batch(black_box(&taken), black_box(&close)))
        });
    }
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
