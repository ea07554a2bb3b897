//! The cost of a progress report: the plain batch forms against their `_with_progress`
//! forms with a callback that counts its calls, on 100k items (`settle_batch`, `clv_batch`,
//! `pmt_batch`).

use criterion::{Criterion, Throughput};
use edgecore::EventResult;
use edgecore::clv::{clv_batch, clv_batch_with_progress};
use edgecore::finance::tvm::{When, pmt_batch, pmt_batch_with_progress};
use edgecore::fixtures::bet_history_fixture;
use edgecore::settle::{settle_batch, settle_batch_with_progress};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

const N: usize = 100_000;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("progress");
    g.throughput(Throughput::Elements(N as u64));
    let calls = AtomicUsize::new(0);
    let report = |done: usize, _total: usize| {
        calls.fetch_add(1, Ordering::Relaxed);
        black_box(done);
    };

    let bets = bet_history_fixture(1, N).unwrap();
    let results: Vec<EventResult> = (0..N)
        .map(|i| EventResult::Final {
            home: (i % 4) as u32,
            away: (i % 3) as u32,
        })
        .collect();
    g.bench_function("settle_batch_100k", |b| {
        b.iter(|| settle_batch(black_box(&bets), black_box(&results)))
    });
    g.bench_function("settle_batch_with_progress_100k", |b| {
        b.iter(|| settle_batch_with_progress(black_box(&bets), black_box(&results), &report))
    });

    let taken: Vec<f64> = (0..N).map(|i| 1.5 + (i % 97) as f64 / 10.0).collect();
    let close: Vec<f64> = (0..N).map(|i| 1.6 + (i % 89) as f64 / 10.0).collect();
    g.bench_function("clv_batch_100k", |b| {
        b.iter(|| clv_batch(black_box(&taken), black_box(&close)))
    });
    g.bench_function("clv_batch_with_progress_100k", |b| {
        b.iter(|| clv_batch_with_progress(black_box(&taken), black_box(&close), &report))
    });

    let rate: Vec<f64> = (0..N).map(|i| (i % 50) as f64 / 1000.0).collect();
    let mut out = vec![0.0; N];
    let (nper, pv, fv) = ([360.0], [200_000.0], [0.0]);
    g.bench_function("pmt_batch_100k", |b| {
        b.iter(|| pmt_batch(black_box(&rate), &nper, &pv, &fv, When::End, &mut out))
    });
    g.bench_function("pmt_batch_with_progress_100k", |b| {
        b.iter(|| {
            pmt_batch_with_progress(
                black_box(&rate),
                &nper,
                &pv,
                &fv,
                When::End,
                &mut out,
                &report,
            )
        })
    });
    g.finish();
    assert!(calls.load(Ordering::Relaxed) > 0);
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
