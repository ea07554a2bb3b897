//! Properties of `finance::tvm`: every periodic function solves the one annuity equation,
//! schedules add up, the solvers recover the rates they are given, and no input, however
//! wild, produces NaN, infinity or a panic.

use chrono::NaiveDate;
use edgecore::finance::tvm::{self, DayCount, When};
use proptest::prelude::*;

fn when() -> impl Strategy<Value = When> {
    prop_oneof![Just(When::End), Just(When::Begin)]
}

fn day_count() -> impl Strategy<Value = DayCount> {
    prop::sample::select(DayCount::ALL.to_vec())
}

/// Rates per period, zero included on purpose.
fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), -0.3f64..0.5]
}

/// The terms of `fv + pv (1+r)^n + pmt (1 + r w) ((1+r)^n - 1) / r`, for a residual check.
fn annuity_terms(r: f64, n: f64, pmt: f64, pv: f64, fv: f64, when: When) -> [f64; 3] {
    let growth = (1.0 + r).powf(n);
    let annuity = if r == 0.0 { n } else { (growth - 1.0) / r };
    [fv, pv * growth, pmt * (1.0 + r * when.factor()) * annuity]
}

/// `|sum of terms| <= tol * sum of |terms|`.
fn solves(terms: [f64; 3], tol: f64) -> bool {
    let sum: f64 = terms.iter().sum();
    let scale: f64 = terms.iter().map(|t| t.abs()).sum();
    sum.abs() <= tol * scale.max(1e-300)
}

/// `sum a_i (1 + r)^(t_max - t_i)`: the XNPV moved to the last date, finite next to -1.
fn value_at_last_date(amounts: &[f64], times: &[f64], r: f64) -> f64 {
    let last = times.iter().copied().fold(0.0, f64::max);
    amounts
        .iter()
        .zip(times)
        .map(|(a, t)| a * ((last - t) * r.ln_1p()).exp())
        .sum()
}

proptest! {
    #[test]
    fn pmt_pv_fv_nper_solve_the_annuity_equation(
        r in rate(),
        n in 1.0f64..360.0,
        pv in -1e6f64..1e6,
        fv in -1e6f64..1e6,
        when in when(),
    ) {
        let p = tvm::pmt(r, n, pv, fv, when).unwrap();
        prop_assert!(solves(annuity_terms(r, n, p, pv, fv, when), 1e-9));
        let f = tvm::fv(r, n, p, pv, when).unwrap();
        prop_assert!(solves(annuity_terms(r, n, p, pv, f, when), 1e-9));
        let v = tvm::pv(r, n, p, fv, when).unwrap();
        prop_assert!(solves(annuity_terms(r, n, p, v, fv, when), 1e-9));
        if let Ok(m) = tvm::nper(r, p, pv, fv, when) {
            prop_assert!(solves(annuity_terms(r, m, p, pv, fv, when), 1e-7), "nper {}", m);
        }
    }

    #[test]
    fn fv_of_the_payment_annuity_cancels_pv(
        r in rate(),
        n in 1.0f64..360.0,
        pv in 1.0f64..1e6,
        when in when(),
    ) {
        let p = tvm::pmt(r, n, pv, 0.0, when).unwrap();
        let f = tvm::fv(r, n, p, pv, when).unwrap();
        let growth = (1.0 + r).powf(n);
        prop_assert!(f.abs() <= 1e-9 * pv * growth.max(1.0), "fv {}", f);
    }

    #[test]
    fn interest_plus_principal_is_the_payment(
        r in rate(),
        n in 1u32..360,
        per_share in 0.0f64..1.0,
        pv in -1e6f64..1e6,
        fv in -1e6f64..1e6,
        when in when(),
    ) {
        let n = f64::from(n);
        let per = (1.0 + per_share * (n - 1.0)).round();
        let p = tvm::pmt(r, n, pv, fv, when).unwrap();
        let i = tvm::ipmt(r, per, n, pv, fv, when).unwrap();
        let q = tvm::ppmt(r, per, n, pv, fv, when).unwrap();
        prop_assert!((i + q - p).abs() <= 1e-9 * (i.abs() + q.abs() + p.abs()) + 1e-12);
    }

    #[test]
    fn principal_over_all_periods_repays_pv(
        r in rate(),
        n in 1u32..240,
        pv in -1e6f64..1e6,
        when in when(),
    ) {
        let total: f64 = (1..=n)
            .map(|k| tvm::ppmt(r, f64::from(k), f64::from(n), pv, 0.0, when).unwrap())
            .sum();
        prop_assert!((total + pv).abs() <= 1e-9 * pv.abs().max(1.0), "total {} pv {}", total, pv);
        let cum = tvm::cumprinc(r, n, pv, 1, n, when).unwrap();
        prop_assert!((cum + pv).abs() <= 1e-9 * pv.abs().max(1.0), "cumprinc {}", cum);
    }

    #[test]
    fn rate_recovers_the_rate_of_the_payment(
        r0 in prop_oneof![Just(0.0), -0.5f64..1.0],
        n in 1u32..240,
        pv in 100.0f64..1e6,
        fv_share in -1.0f64..0.0,
        when in when(),
    ) {
        // pv > 0 and fv <= 0: the flows change sign once, so the rate is unique.
        let n = f64::from(n);
        let fv = fv_share * pv;
        let p = tvm::pmt(r0, n, pv, fv, when).unwrap();
        let r = tvm::rate(n, p, pv, fv, when, None).unwrap();
        prop_assert!((r - r0).abs() <= 1e-7 * (1.0 + r0.abs()), "rate {} for {}", r, r0);
    }

    #[test]
    fn irr_zeroes_the_npv(
        first in -1e6f64..-1.0,
        rest in prop::collection::vec(-1e5f64..1e5, 1..40),
    ) {
        let mut values = vec![first];
        values.extend(rest);
        match tvm::irr(&values) {
            Ok(r) => {
                // The NPV scaled to the last flow, against the size of the terms.
                let y = 1.0 + r;
                let (q, scale) = values
                    .iter()
                    .fold((0.0, 0.0), |(q, s), &v| (q * y + v, s * y + v.abs()));
                prop_assert!(q.abs() <= 1e-8 * scale, "irr {} leaves {} of {}", r, q, scale);
            }
            Err(e) => prop_assert!(
                matches!(e.kind(), "NoConvergence" | "InvalidParameter"),
                "{}", e
            ),
        }
    }

    #[test]
    fn irr_exists_for_one_sign_change(
        first in -1e6f64..-1.0,
        rest in prop::collection::vec(0.0f64..1e5, 1..60),
    ) {
        prop_assume!(rest.iter().any(|&v| v > 0.0));
        let mut values = vec![first];
        values.extend(rest);
        let r = tvm::irr(&values).unwrap();
        prop_assert!(r > -1.0 && r.is_finite());
    }

    #[test]
    fn xnpv_at_xirr_is_zero(
        offsets in prop::collection::vec(1i64..3650, 1..50),
        first in -1e6f64..-1.0,
        gains in prop::collection::vec(1.0f64..1e5, 50),
        day_count in day_count(),
    ) {
        let start = NaiveDate::from_ymd_opt(2015, 3, 31).unwrap();
        let mut dates = vec![start];
        dates.extend(offsets.iter().map(|&d| start + chrono::Duration::days(d)));
        let mut amounts = vec![first];
        amounts.extend(gains.iter().take(offsets.len()));
        let r = match tvm::xirr(&dates, &amounts, None, day_count) {
            Ok(r) => r,
            Err(e) => {
                // Only when the root is beyond f64: no sign change between the extreme rates.
                prop_assert_eq!(e.kind(), "NoConvergence");
                let times: Vec<f64> =
                    dates.iter().map(|&d| tvm::year_fraction(start, d, day_count)).collect();
                let low = value_at_last_date(&amounts, &times, -1.0 + 1e-15);
                let high = tvm::xnpv(1e300, &dates, &amounts, day_count).unwrap();
                prop_assert!((low > 0.0) == (high > 0.0), "{} {}", low, high);
                return Ok(());
            }
        };
        let scale: f64 = dates
            .iter()
            .zip(&amounts)
            .map(|(&d, a)| a.abs() * (1.0 + r).powf(-tvm::year_fraction(start, d, day_count)))
            .sum();
        let v = tvm::xnpv(r, &dates, &amounts, day_count).unwrap();
        // Plus what one ulp of the rate changes: a root within 1e-16 of -1 (flows that lose
        // nearly everything within days) lies between two doubles where xnpv differs widely.
        let neighbours = [r.next_down(), r.next_up()];
        let ulp_change = neighbours
            .iter()
            .filter_map(|&n| tvm::xnpv(n, &dates, &amounts, day_count).ok())
            .map(|w| (w - v).abs())
            .fold(0.0, f64::max);
        prop_assert!(
            v.abs() <= 1e-8 * scale + ulp_change,
            "xirr {} leaves {} of {} (one ulp changes {})",
            r,
            v,
            scale,
            ulp_change
        );
    }

    #[test]
    fn zero_rate_is_the_limit_of_small_rates(
        tiny in prop_oneof![1e-12f64..1e-7, -1e-7f64..-1e-12],
        n in 1.0f64..360.0,
        pv in -1e6f64..1e6,
        fv in -1e6f64..1e6,
        when in when(),
    ) {
        let size = pv.abs() + fv.abs() + 1.0;
        let tol = tiny.abs() * (n + 1.0) * (n + 1.0) * size + 1e-9 * size;
        let near = |a: f64, b: f64| (a - b).abs() <= tol;
        prop_assert!(near(tvm::pmt(tiny, n, pv, fv, when).unwrap(), tvm::pmt(0.0, n, pv, fv, when).unwrap()));
        prop_assert!(near(tvm::fv(tiny, n, pv / n, fv, when).unwrap(), tvm::fv(0.0, n, pv / n, fv, when).unwrap()));
        prop_assert!(near(tvm::pv(tiny, n, fv / n, pv, when).unwrap(), tvm::pv(0.0, n, fv / n, pv, when).unwrap()));
        let per = n.floor().max(1.0);
        prop_assert!(near(
            tvm::ppmt(tiny, per, n, pv, fv, when).unwrap(),
            tvm::ppmt(0.0, per, n, pv, fv, when).unwrap()
        ));
    }

    #[test]
    fn no_nan_ever_from_periodic_functions(
        a in prop::num::f64::ANY,
        b in prop::num::f64::ANY,
        c in prop::num::f64::ANY,
        d in prop::num::f64::ANY,
        e in prop::num::f64::ANY,
        k in any::<u32>(),
        m in any::<u32>(),
        when in when(),
    ) {
        let results = [
            tvm::pmt(a, b, c, d, when),
            tvm::fv(a, b, c, d, when),
            tvm::pv(a, b, c, d, when),
            tvm::nper(a, b, c, d, when),
            tvm::ipmt(a, e, b, c, d, when),
            tvm::ppmt(a, e, b, c, d, when),
            tvm::rate(b, c, d, e, when, Some(a)),
            tvm::cumipmt(a, k, c, m.min(k), k, when),
            tvm::cumprinc(a, k, c, 1, m, when),
            tvm::effective_rate(a, k),
            tvm::nominal_rate(a, k),
        ];
        for v in results.into_iter().flatten() {
            prop_assert!(v.is_finite(), "{}", v);
        }
    }

    #[test]
    fn no_nan_ever_from_plausible_periodic_inputs(
        r in -0.999f64..1e3,
        n in 0.5f64..1e7,
        x in -1e12f64..1e12,
        y in -1e12f64..1e12,
        when in when(),
    ) {
        for v in [
            tvm::pmt(r, n, x, y, when),
            tvm::fv(r, n, x, y, when),
            tvm::pv(r, n, x, y, when),
            tvm::nper(r, x, y, 0.0, when),
            tvm::ipmt(r, n.max(1.0), n.max(1.0), x, y, when),
            tvm::ppmt(r, 1.0, n.max(1.0), x, y, when),
            tvm::rate(n, x, y, 0.0, when, None),
        ].into_iter().flatten() {
            prop_assert!(v.is_finite(), "{}", v);
        }
    }

    #[test]
    fn no_nan_ever_from_cash_flow_functions(
        values in prop::collection::vec(prop::num::f64::ANY, 0..20),
        r in prop::num::f64::ANY,
        s in prop::num::f64::ANY,
        offsets in prop::collection::vec(-40_000i64..40_000, 0..20),
        day_count in day_count(),
    ) {
        let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let dates: Vec<NaiveDate> = offsets.iter().map(|&d| start + chrono::Duration::days(d)).collect();
        let amounts: Vec<f64> = values.iter().take(dates.len()).copied().collect();
        for v in [
            tvm::npv(r, &values),
            tvm::npv_excel(r, &values),
            tvm::irr(&values),
            tvm::mirr(&values, r, s),
            tvm::xnpv(r, &dates, &amounts, day_count),
            tvm::xirr(&dates, &amounts, Some(r), day_count),
            tvm::xirr(&dates, &amounts, None, day_count),
        ].into_iter().flatten() {
            prop_assert!(v.is_finite(), "{}", v);
        }
    }

    #[test]
    fn no_nan_ever_from_plausible_flows(
        values in prop::collection::vec(-1e9f64..1e9, 2..60),
        r in -0.999f64..100.0,
    ) {
        for v in [tvm::npv(r, &values), tvm::irr(&values), tvm::mirr(&values, r, r)].into_iter().flatten() {
            prop_assert!(v.is_finite(), "{}", v);
        }
    }
}
