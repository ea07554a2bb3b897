//! Time value of money: dated IRR over 50 and 1,000 flows, periodic IRR, and the batch
//! forms of pmt, fv and ipmt over a million rows.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput};
use edgecore::finance::tvm::{self, DayCount, When};
use std::hint::black_box;

/// A schedule of `n` dated flows: one outflow, then monthly inflows at varying amounts.
fn schedule(n: usize) -> (Vec<NaiveDate>, Vec<f64>) {
    let start = NaiveDate::from_ymd_opt(2020, 1, 15).unwrap_or_default();
    let dates = (0..n)
        .map(|i| start + chrono::Duration::days(30 * i as i64 + (i % 7) as i64))
        .collect();
    let amounts = (0..n)
        .map(|i| {
            if i == 0 {
                -1000.0 * n as f64
            } else {
                1100.0 + 37.0 * (i % 11) as f64
            }
        })
        .collect();
    (dates, amounts)
}

fn xirr(c: &mut Criterion) {
    let mut group = c.benchmark_group("xirr");
    for n in [50usize, 1000] {
        let (dates, amounts) = schedule(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                tvm::xirr(
                    black_box(&dates),
                    black_box(&amounts),
                    None,
                    DayCount::Act365F,
                )
            })
        });
    }
    group.finish();
}

fn irr(c: &mut Criterion) {
    let mut group = c.benchmark_group("irr");
    for n in [5usize, 50] {
        let (_, values) = schedule(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| tvm::irr(black_box(&values)))
        });
    }
    group.finish();
}

const ROWS: usize = 1_000_000;

/// Columns of a million loans: monthly rates 0-1 %, 12-360 months, varying principals.
struct Loans {
    rate: Vec<f64>,
    per: Vec<f64>,
    nper: Vec<f64>,
    pv: Vec<f64>,
    fv: Vec<f64>,
}

fn loans() -> Loans {
    let rate = (0..ROWS).map(|i| (i % 101) as f64 * 1e-4).collect();
    let nper: Vec<f64> = (0..ROWS).map(|i| 12.0 + (i % 349) as f64).collect();
    let per = nper.iter().map(|n| (n / 3.0).floor().max(1.0)).collect();
    let pv = (0..ROWS)
        .map(|i| 1000.0 + (i % 997) as f64 * 250.0)
        .collect();
    let fv = vec![0.0; ROWS];
    Loans {
        rate,
        per,
        nper,
        pv,
        fv,
    }
}

fn batch(c: &mut Criterion) {
    let l = loans();
    let mut out = vec![0.0; ROWS];
    let mut group = c.benchmark_group("tvm_batch_1m");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(20);
    group.bench_function("pmt_batch", |b| {
        b.iter(|| {
            tvm::pmt_batch(
                &l.rate,
                &l.nper,
                &l.pv,
                &l.fv,
                When::End,
                black_box(&mut out),
            )
        })
    });
    group.bench_function("fv_batch", |b| {
        b.iter(|| {
            tvm::fv_batch(
                &l.rate,
                &l.nper,
                &l.fv,
                &l.pv,
                When::End,
                black_box(&mut out),
            )
        })
    });
    group.bench_function("ipmt_batch", |b| {
        b.iter(|| {
            tvm::ipmt_batch(
                &l.rate,
                &l.per,
                &l.nper,
                &l.pv,
                &l.fv,
                When::End,
                black_box(&mut out),
            )
        })
    });
    group.finish();
}

/// What `criterion_group!`/`criterion_main!` expand to, without their undocumented items.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    xirr(&mut c);
    irr(&mut c);
    batch(&mut c);
    c.final_summary();
}
