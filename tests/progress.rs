//! The progress forms of the long batches (`..._with_progress`) against their plain forms:
//! the same result or the same error (at the same offset), and reports `(done, total)`
//! strictly increasing, all of the batch's total, ending at `(total, total)` on success,
//! never reaching it on failure, and none for an empty batch.

use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use edgecore::clv::{clv_batch, clv_batch_with_progress};
use edgecore::finance::amortization::{
    remaining_capital_batch, remaining_capital_batch_with_progress,
};
use edgecore::finance::patrimony::{
    CashAccount, NetWorthOptions, PriceBook, Profile, net_worth_batch,
    net_worth_batch_with_progress,
};
use edgecore::finance::tvm::{self, When};
use edgecore::fixtures::{bet_history_fixture, loans_fixture};
use edgecore::kelly::{kelly_fraction_batch, kelly_fraction_batch_with_progress};
use edgecore::settle::{
    SettleRules, settle_batch, settle_batch_with_progress, settle_by_event,
    settle_by_event_with_progress,
};
use edgecore::{Error, EventResult, Result};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Mutex;

type Report<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// A time-value batch over a column of rates, with or without a progress callback.
type Form<'a> = Box<dyn Fn(&[f64], Option<Report<'_>>) -> Result<Vec<f64>> + 'a>;

/// Runs the plain and the progress form of one batch of `total` items and checks the
/// contract; returns the (common) result.
fn check<T: PartialEq + Debug>(
    total: usize,
    plain: impl Fn() -> Result<T>,
    with: impl Fn(Report<'_>) -> Result<T>,
) -> Result<T> {
    let calls = Mutex::new(Vec::new());
    let report = |done, total| calls.lock().unwrap().push((done, total));
    let reported = with(&report);
    let expected = plain();
    assert_eq!(reported, expected, "{total} items");
    let calls = calls.into_inner().unwrap();
    assert!(
        calls.windows(2).all(|w| w[0].0 < w[1].0),
        "not increasing: {calls:?}"
    );
    assert!(
        calls
            .iter()
            .all(|&(done, t)| t == total && done > 0 && done <= total)
    );
    match &expected {
        Ok(_) if total > 0 => assert_eq!(calls.last(), Some(&(total, total))),
        Ok(_) => assert!(calls.is_empty(), "an empty batch reports: {calls:?}"),
        Err(_) => assert!(calls.last().is_none_or(|&(done, _)| done < total)),
    }
    expected
}

/// Batch sizes crossing every sequential / parallel threshold and the chunk sizes.
const SIZES: [usize; 6] = [0, 1, 300, 4097, 9000, 70_000];

/// The error's `value` field (the offending input), to see which item failed.
fn failed_value(result: &Result<impl Debug>) -> String {
    match result {
        Err(Error::InvalidOdds { value, .. }) => value.to_string(),
        Err(Error::InvalidProbability { value, .. }) => value.to_string(),
        Err(Error::InvalidParameter { value, .. }) => value.clone(),
        Err(Error::InvalidAmount { value, .. }) => value.to_string(),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn clv_and_kelly_report_and_fail_at_the_same_pair() {
    for n in SIZES {
        let taken: Vec<f64> = (0..n).map(|i| 1.5 + (i % 97) as f64 / 10.0).collect();
        let close: Vec<f64> = (0..n).map(|i| 1.6 + (i % 89) as f64 / 10.0).collect();
        let p: Vec<f64> = (0..n).map(|i| (i % 100) as f64 / 100.0).collect();
        check(
            n,
            || clv_batch(&taken, &close),
            |r| clv_batch_with_progress(&taken, &close, r),
        )
        .unwrap();
        check(
            n,
            || kelly_fraction_batch(&taken, &p),
            |r| kelly_fraction_batch_with_progress(&taken, &p, r),
        )
        .unwrap();
        if n < 300 {
            continue;
        }
        // Two bad prices: the first by position is reported, whatever the threads do.
        let (first, second) = (n - n / 3, n - 2);
        let mut bad = taken.clone();
        bad[second] = 0.5;
        bad[first] = 0.25;
        let e = check(
            n,
            || clv_batch(&bad, &close),
            |r| clv_batch_with_progress(&bad, &close, r),
        );
        assert_eq!(failed_value(&e), "0.25");
        let e = check(
            n,
            || kelly_fraction_batch(&bad, &p),
            |r| kelly_fraction_batch_with_progress(&bad, &p, r),
        );
        assert_eq!(failed_value(&e), "0.25");
    }
    // A length mismatch makes no call.
    let e = check(
        2,
        || clv_batch(&[2.0, 2.0], &[2.0]),
        |r| clv_batch_with_progress(&[2.0, 2.0], &[2.0], r),
    );
    assert!(matches!(e, Err(Error::LengthMismatch { .. })));
}

/// The [`Form`] of the time-value batch `$plain` and its progress form `$with` with these
/// columns, `$rate` being the column of rates.
macro_rules! form {
    ($plain:ident, $with:ident, |$rate:ident| ($($arg:expr),*)) => {
        Box::new(|$rate: &[f64], report: Option<Report<'_>>| {
            let mut out = vec![0.0; $rate.len()];
            match report {
                None => tvm::$plain($($arg,)* &mut out),
                Some(report) => tvm::$with($($arg,)* &mut out, report),
            }
            .map(|()| out)
        })
    };
}

#[test]
fn tvm_batches_report_and_fail_at_the_same_row() {
    for n in SIZES {
        let rate: Vec<f64> = (0..n).map(|i| (i % 50) as f64 / 1000.0).collect();
        let nper: Vec<f64> = (0..n).map(|i| 1.0 + (i % 360) as f64).collect();
        let per = [1.0];
        let (pv, fv, pmt) = ([100_000.0], [0.0], [-500.0]);
        let forms: [(&str, Form<'_>); 7] = [
            (
                "pmt",
                form!(pmt_batch, pmt_batch_with_progress, |rate| (
                    rate,
                    &nper,
                    &pv,
                    &fv,
                    When::End
                )),
            ),
            (
                "ipmt",
                form!(ipmt_batch, ipmt_batch_with_progress, |rate| (
                    rate,
                    &per,
                    &nper,
                    &pv,
                    &fv,
                    When::End
                )),
            ),
            (
                "ppmt",
                form!(ppmt_batch, ppmt_batch_with_progress, |rate| (
                    rate,
                    &per,
                    &nper,
                    &pv,
                    &fv,
                    When::End
                )),
            ),
            (
                "pv",
                form!(pv_batch, pv_batch_with_progress, |rate| (
                    rate,
                    &nper,
                    &pmt,
                    &fv,
                    When::End
                )),
            ),
            (
                "fv",
                form!(fv_batch, fv_batch_with_progress, |rate| (
                    rate,
                    &nper,
                    &pmt,
                    &pv,
                    When::End
                )),
            ),
            (
                "nper",
                form!(nper_batch, nper_batch_with_progress, |rate| (
                    rate,
                    &[-10_000.0],
                    &pv,
                    &fv,
                    When::End
                )),
            ),
            // The rate column stands for the number of periods here (12 + rate x 1000).
            (
                "rate",
                form!(rate_batch, rate_batch_with_progress, |rate| (
                    &rate.iter().map(|x| 12.0 + x * 1000.0).collect::<Vec<_>>(),
                    &[-10_000.0],
                    &pv,
                    &fv,
                    When::End,
                    None
                )),
            ),
        ];
        for (name, form) in &forms {
            let ok = check(n, || form(&rate, None), |r| form(&rate, Some(r)));
            assert!(ok.is_ok(), "{name} {n}: {ok:?}");
            if n < 300 {
                continue;
            }
            let mut bad = rate.clone();
            bad[n - 2] = f64::NAN;
            bad[n - n / 3] = f64::INFINITY;
            let plain = form(&bad, None).unwrap_err();
            let e = check(n, || form(&bad, None), |r| form(&bad, Some(r)));
            assert_eq!(e, Err(plain), "{name} {n}");
        }
    }
}

#[test]
fn settle_batch_reports_and_fails_at_the_same_bet() {
    let bets = bet_history_fixture(17, 9000).unwrap();
    let results: Vec<EventResult> = (0..bets.len())
        .map(|i| EventResult::Final {
            home: (i % 4) as u32,
            away: (i % 3) as u32,
        })
        .collect();
    let rules = SettleRules::default();
    for n in SIZES.into_iter().filter(|&n| n <= bets.len()) {
        let (b, r) = (&bets[..n], &results[..n]);
        check(
            n,
            || settle_batch(b, r),
            |p| settle_batch_with_progress(b, r, p),
        )
        .unwrap();
        check(
            n,
            || rules.settle_batch(b, r),
            |p| rules.settle_batch_with_progress(b, r, p),
        )
        .unwrap();
        if n < 300 {
            continue;
        }
        let mut bad = b.to_vec();
        bad[n - 2].stake = Decimal::from(-1);
        bad[n - n / 3].stake = Decimal::ZERO;
        let e = check(
            n,
            || settle_batch(&bad, r),
            |p| settle_batch_with_progress(&bad, r, p),
        );
        assert_eq!(failed_value(&e), "0");
    }
    let e = check(
        1,
        || settle_batch(&bets[..1], &[]),
        |p| settle_batch_with_progress(&bets[..1], &[], p),
    );
    assert!(matches!(e, Err(Error::LengthMismatch { .. })));
}

#[test]
fn settle_by_event_reports_and_fails_at_the_same_bet() {
    let mut bets = bet_history_fixture(17, 9000).unwrap();
    // Every third bet's event has no result yet (pending): it is still counted done.
    for (i, bet) in bets.iter_mut().enumerate() {
        bet.event_id = format!("e{i}");
    }
    let results: HashMap<String, EventResult> = (0..bets.len())
        .filter(|i| i % 3 != 0)
        .map(|i| {
            let result = EventResult::Final {
                home: (i % 4) as u32,
                away: (i % 3) as u32,
            };
            (format!("e{i}"), result)
        })
        .collect();
    let rules = SettleRules::default();
    for n in SIZES.into_iter().filter(|&n| n <= bets.len()) {
        let b = &bets[..n];
        let settled = check(
            n,
            || settle_by_event(b, &results),
            |p| settle_by_event_with_progress(b, &results, p),
        )
        .unwrap();
        assert_eq!(
            settled.iter().filter(|s| s.is_none()).count(),
            n.div_ceil(3)
        );
        check(
            n,
            || rules.settle_by_event(b, &results),
            |p| rules.settle_by_event_with_progress(b, &results, p),
        )
        .unwrap();
        if n < 300 {
            continue;
        }
        let mut bad = b.to_vec();
        // A bad pending bet is never settled, so never refused; the first bad settled one is.
        let pending = (n - n / 2) / 3 * 3;
        bad[pending].stake = Decimal::from(-7);
        let first = (n - n / 3) / 3 * 3 + 1;
        bad[first].stake = Decimal::ZERO;
        bad[n - 2].stake = Decimal::from(-1);
        let e = check(
            n,
            || settle_by_event(&bad, &results),
            |p| settle_by_event_with_progress(&bad, &results, p),
        );
        assert_eq!(failed_value(&e), "0");
    }
    check(
        0,
        || settle_by_event(&[], &results),
        |p| settle_by_event_with_progress(&[], &results, p),
    )
    .unwrap();
}

#[test]
fn loan_and_net_worth_batches_report_and_fail_at_the_same_item() {
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    let loans = loans_fixture(5, 4097).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 15, 12, 0, 0).unwrap();
    let options = NetWorthOptions::new(now, TimeDelta::hours(1));
    let prices = PriceBook::default();
    let profile = |amount: i64| Profile {
        cash: vec![CashAccount {
            name: "current".into(),
            amount: Decimal::new(amount, 2),
        }],
        ..Profile::default()
    };
    for n in [0, 1, 300, 4097] {
        let loans = &loans[..n];
        check(
            n,
            || remaining_capital_batch(loans, as_of),
            |p| remaining_capital_batch_with_progress(loans, as_of, p),
        )
        .unwrap();
        let profiles: Vec<Profile> = (0..n as i64).map(profile).collect();
        check(
            n,
            || net_worth_batch(&profiles, &prices, &options),
            |p| net_worth_batch_with_progress(&profiles, &prices, &options, p),
        )
        .unwrap();
        if n < 300 {
            continue;
        }
        let mut bad = loans.to_vec();
        bad[n - 2].months = 0;
        bad[n - n / 3].principal = Decimal::ZERO;
        let plain = remaining_capital_batch(&bad, as_of).unwrap_err();
        let e = check(
            n,
            || remaining_capital_batch(&bad, as_of),
            |p| remaining_capital_batch_with_progress(&bad, as_of, p),
        );
        assert_eq!(e, Err(plain.clone()));
        assert_eq!(
            Err(plain),
            remaining_capital_batch(&bad[n - n / 3..], as_of)
        );
        let mut bad = profiles.clone();
        bad[n - n / 3].cash[0].amount = Decimal::new(-2, 0);
        bad[n - 2].cash[0].amount = Decimal::new(-1, 0);
        let plain = net_worth_batch(&bad, &prices, &options).unwrap_err();
        let e = check(
            n,
            || net_worth_batch(&bad, &prices, &options),
            |p| net_worth_batch_with_progress(&bad, &prices, &options, p),
        );
        assert_eq!(e, Err(plain.clone()));
        assert_eq!(
            Err(plain),
            net_worth_batch(&bad[n - n / 3..], &prices, &options)
        );
    }
}
