//! Unit tests of the time-value-of-money functions, one per error kind they return.
//! Expected values come from the numpy-financial docs and tests, pyxirr's docs and tests,
//! and the spreadsheet function documentation, as noted on each.

use super::*;
use crate::Error;
use chrono::NaiveDate;

fn close(actual: f64, expected: f64, tol: f64) {
    assert!(
        (actual - expected).abs() <= tol,
        "expected {expected}, got {actual} (tolerance {tol})"
    );
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn when_names_and_factor() {
    assert_eq!("end".parse::<When>().unwrap(), When::End);
    assert_eq!("1".parse::<When>().unwrap(), When::Begin);
    assert_eq!(When::Begin.as_str(), "begin");
    assert_eq!(When::default().factor(), 0.0);
    assert_eq!("later".parse::<When>().unwrap_err().kind(), "UnknownName");
}

#[test]
fn day_count_names() {
    assert_eq!("30_360".parse::<DayCount>().unwrap(), DayCount::Thirty360);
    assert_eq!("act/act".parse::<DayCount>().unwrap(), DayCount::ActActIsda);
    assert_eq!(DayCount::default(), DayCount::Act365F);
    assert_eq!(DayCount::NAMES, "act_365f, act_360, 30_360, act_act_isda");
}

#[test]
fn pmt_numpy_financial_examples() {
    // numpy-financial docs and tests.
    close(
        pmt(0.075 / 12.0, 180.0, 200_000.0, 0.0, When::End).unwrap(),
        -1854.0247200054619,
        1e-8,
    );
    close(
        pmt(0.08 / 12.0, 60.0, 15_000.0, 0.0, When::End).unwrap(),
        -304.1459143262052,
        1e-9,
    );
    close(
        pmt(0.0, 60.0, 15_000.0, 0.0, When::End).unwrap(),
        -250.0,
        0.0,
    );
    close(
        pmt(0.3, 12.0, 2000.0, 0.0, When::End).unwrap(),
        -626.9081401700757,
        1e-9,
    );
    // Begin: the end payment discounted one period.
    let end = pmt(0.08 / 12.0, 60.0, 15_000.0, 0.0, When::End).unwrap();
    let begin = pmt(0.08 / 12.0, 60.0, 15_000.0, 0.0, When::Begin).unwrap();
    close(begin, end / (1.0 + 0.08 / 12.0), 1e-10);
}

#[test]
fn fv_and_pv_examples() {
    // numpy-financial docs and tests (Google Sheets values).
    close(
        fv(0.05 / 12.0, 120.0, -100.0, -100.0, When::End).unwrap(),
        15692.92889433575,
        1e-8,
    );
    close(
        fv(0.075, 20.0, -2000.0, 0.0, When::End).unwrap(),
        86609.36267304292,
        1e-8,
    );
    close(
        fv(0.075, 20.0, -2000.0, 0.0, When::Begin).unwrap(),
        93105.064874,
        1e-6,
    );
    close(fv(0.0, 5.0, 100.0, 0.0, When::End).unwrap(), -500.0, 0.0);
    close(
        pv(0.05 / 12.0, 120.0, -100.0, 15692.93, When::End).unwrap(),
        -100.00067131625819,
        1e-8,
    );
    close(
        pv(0.07, 20.0, 12000.0, 0.0, When::End).unwrap(),
        -127128.1709461939,
        1e-7,
    );
    // Spreadsheet PV docs: 500 a month for 20 years at 8 %.
    close(
        pv(0.08 / 12.0, 240.0, 500.0, 0.0, When::End).unwrap(),
        -59777.15,
        0.005,
    );
}

#[test]
fn ipmt_and_ppmt_examples() {
    // numpy-financial tests (Google Sheets values).
    close(
        ipmt(0.1 / 12.0, 1.0, 24.0, 2000.0, 0.0, When::End).unwrap(),
        -16.666667,
        1e-6,
    );
    close(
        ipmt(0.1 / 12.0, 2.0, 24.0, 2000.0, 0.0, When::End).unwrap(),
        -16.03647345,
        1e-7,
    );
    close(
        ipmt(0.1 / 12.0, 1.0, 24.0, 2000.0, 0.0, When::Begin).unwrap(),
        0.0,
        0.0,
    );
    let r = 0.001988079518355057;
    close(
        ipmt(r, 2.0, 360.0, 300_000.0, 0.0, When::Begin).unwrap(),
        -594.107158,
        1e-6,
    );
    close(
        ipmt(r, 3.0, 360.0, 300_000.0, 0.0, When::Begin).unwrap(),
        -592.971592,
        1e-6,
    );
    close(
        ppmt(0.1 / 12.0, 1.0, 60.0, 55_000.0, 0.0, When::End).unwrap(),
        -710.2541257864218,
        1e-9,
    );
    close(
        ppmt(0.1 / 12.0, 2.0, 24.0, 2000.0, 0.0, When::End).unwrap(),
        -76.25337923,
        1e-7,
    );
    close(
        ppmt(0.1 / 12.0, 2.0, 24.0, 2000.0, 0.0, When::Begin).unwrap(),
        -75.62318601,
        1e-7,
    );
    // numpy-financial issue 35: the spreadsheet answer.
    close(
        ppmt(0.1479, 297.0, 300.0, -270.51, 0.0, When::End).unwrap(),
        23.042801,
        1e-6,
    );
}

#[test]
fn split_adds_up_to_the_payment() {
    for when in [When::End, When::Begin] {
        for per in [1.0, 2.0, 150.0, 299.0, 300.0] {
            let total = pmt(0.1479, 300.0, -270.51, 10.0, when).unwrap();
            let i = ipmt(0.1479, per, 300.0, -270.51, 10.0, when).unwrap();
            let p = ppmt(0.1479, per, 300.0, -270.51, 10.0, when).unwrap();
            close(i + p, total, 1e-10);
        }
    }
}

#[test]
fn nper_examples() {
    // numpy-financial docs and tests.
    close(
        nper(0.07 / 12.0, -150.0, 8000.0, 0.0, When::End).unwrap(),
        64.07334877,
        1e-7,
    );
    close(
        nper(0.075, -2000.0, 0.0, 100_000.0, When::End).unwrap(),
        21.5449442,
        1e-6,
    );
    close(
        nper(0.075, -2000.0, 0.0, 100_000.0, When::Begin).unwrap(),
        20.76156441,
        1e-7,
    );
    close(
        nper(0.1, 0.0, -500.0, 1500.0, When::End).unwrap(),
        11.52670461,
        1e-7,
    );
    close(
        nper(0.0, -100.0, 1000.0, 0.0, When::End).unwrap(),
        10.0,
        0.0,
    );
    // Spreadsheet NPER docs.
    close(
        nper(0.01, -100.0, -1000.0, 10_000.0, When::Begin).unwrap(),
        59.6738657,
        1e-7,
    );
    close(
        nper(0.01, -100.0, -1000.0, 10_000.0, When::End).unwrap(),
        60.0821229,
        1e-7,
    );
    close(
        nper(0.01, -100.0, -1000.0, 0.0, When::End).unwrap(),
        -9.57859404,
        1e-7,
    );
}

#[test]
fn rate_examples() {
    // numpy-financial's test case; exactly (10000 / 3500)^(1/10) - 1 (numpy-financial's
    // Newton stops at 1e-6 and reads 0.11069085371427).
    close(
        rate(10.0, 0.0, -3500.0, 10_000.0, When::End, None).unwrap(),
        0.11069085371075271,
        1e-15,
    );
    // Spreadsheet RATE docs: 8,000 repaid by 200 a month over 4 years, 9.24 % a year.
    let r = rate(48.0, -200.0, 8000.0, 0.0, When::End, None).unwrap();
    close(r * 12.0, 0.0924, 5e-5);
    // Round trip through pmt, both timings, negative and tiny rates.
    for when in [When::End, When::Begin] {
        for r0 in [-0.3, -1e-9, 0.0, 1e-9, 0.004, 0.2, 3.0] {
            let p = pmt(r0, 36.0, 10_000.0, -500.0, when).unwrap();
            close(
                rate(36.0, p, 10_000.0, -500.0, when, None).unwrap(),
                r0,
                1e-9,
            );
        }
    }
}

#[test]
fn cumulative_interest_and_principal() {
    // Spreadsheet CUMIPMT and CUMPRINC docs.
    let r = 0.09 / 12.0;
    close(
        cumipmt(r, 360, 125_000.0, 13, 24, When::End).unwrap(),
        -11135.23213,
        1e-5,
    );
    close(
        cumipmt(r, 360, 125_000.0, 1, 1, When::End).unwrap(),
        -937.5,
        1e-9,
    );
    close(
        cumprinc(r, 360, 125_000.0, 13, 24, When::End).unwrap(),
        -934.1071234,
        1e-6,
    );
    close(
        cumprinc(r, 360, 125_000.0, 1, 1, When::End).unwrap(),
        -68.27827118,
        1e-8,
    );
    // Sums of the per-period functions, both timings.
    for when in [When::End, When::Begin] {
        let (mut i, mut p) = (0.0, 0.0);
        for per in 1..=24 {
            i += ipmt(r, f64::from(per), 360.0, 125_000.0, 0.0, when).unwrap();
            p += ppmt(r, f64::from(per), 360.0, 125_000.0, 0.0, when).unwrap();
        }
        close(cumipmt(r, 360, 125_000.0, 1, 24, when).unwrap(), i, 1e-7);
        close(cumprinc(r, 360, 125_000.0, 1, 24, when).unwrap(), p, 1e-7);
    }
    close(
        cumprinc(0.0, 10, 1000.0, 3, 4, When::End).unwrap(),
        -200.0,
        1e-12,
    );
    close(cumipmt(0.0, 10, 1000.0, 3, 4, When::End).unwrap(), 0.0, 0.0);
}

#[test]
fn effective_and_nominal_rates() {
    // Spreadsheet EFFECT and NOMINAL docs.
    close(effective_rate(0.0525, 4).unwrap(), 0.053542667, 1e-9);
    close(nominal_rate(0.053543, 4).unwrap(), 0.05250032, 1e-8);
    close(
        nominal_rate(effective_rate(0.07, 12).unwrap(), 12).unwrap(),
        0.07,
        1e-15,
    );
}

#[test]
fn npv_and_irr_examples() {
    let flows = [-40_000.0, 5_000.0, 8_000.0, 12_000.0, 30_000.0];
    // numpy-financial and pyxirr docs.
    close(npv(0.08, &flows).unwrap(), 3065.2226681795255, 1e-8);
    close(npv_excel(0.08, &flows).unwrap(), 2838.1691372032656, 1e-8);
    close(
        npv(0.05, &[-15000.0, 1500.0, 2500.0, 3500.0, 4500.0, 6000.0]).unwrap(),
        122.89485495094269,
        1e-9,
    );
    close(
        irr(&[-100.0, 39.0, 59.0, 55.0, 20.0]).unwrap(),
        0.2809484212526239,
        1e-10,
    );
    close(npv(irr(&flows).unwrap(), &flows).unwrap(), 0.0, 1e-9);
    // numpy-financial tests: the root closest to zero, several sign changes.
    close(irr(&[-100.0, 0.0, 0.0, 74.0]).unwrap(), -0.0955, 1e-4);
    close(irr(&[-100.0, 100.0, 0.0, -7.0]).unwrap(), -0.0833, 1e-4);
    close(irr(&[-100.0, 100.0, 0.0, 7.0]).unwrap(), 0.06206, 1e-5);
    close(irr(&[-5.0, 10.5, 1.0, -8.0, 1.0]).unwrap(), 0.0886, 1e-4);
    close(
        irr(&[-5.0, 10.5, 1.0, -8.0, 1.0, 0.0, 0.0, 0.0]).unwrap(),
        0.0886,
        1e-4,
    );
    close(
        irr(&[-150000.0, 15000.0, 25000.0, 35000.0, 45000.0, 60000.0]).unwrap(),
        0.0524,
        1e-4,
    );
}

#[test]
fn irr_root_near_minus_one() {
    // numpy-financial issue 15: tiny later flows, the root is just above -1.
    let mut v = vec![-3000.0];
    v.extend([
        2.3926932267015667e-07,
        4.1672087103345505e-16,
        5.396511003637871e-25,
        5.196255107180617e-34,
        3.72029556454364e-43,
        1.980496171163247e-52,
    ]);
    let r = irr(&v).unwrap();
    close(npv_equation_check(&v, r), 0.0, 1e-6);
    assert!(r > -1.0 && r < -0.99);
}

/// The NPV of `v` at `r` scaled to the last flow, which stays finite next to -1.
fn npv_equation_check(v: &[f64], r: f64) -> f64 {
    v.iter().fold(0.0, |q, &x| q * (1.0 + r) + x) / v.iter().map(|x| x.abs()).sum::<f64>()
}

#[test]
fn mirr_examples() {
    // numpy-financial tests (decimal values) and spreadsheet MIRR docs.
    let a = [
        -4500.0, -800.0, 800.0, 800.0, 600.0, 600.0, 800.0, 800.0, 700.0, 3000.0,
    ];
    close(mirr(&a, 0.08, 0.055).unwrap(), 0.06659717503155355, 1e-12);
    let b = [-120000.0, 39000.0, 30000.0, 21000.0, 37000.0, 46000.0];
    close(mirr(&b, 0.10, 0.12).unwrap(), 0.12609413036590514, 1e-12);
    let c = [100.0, 200.0, -50.0, 300.0, -200.0];
    close(mirr(&c, 0.05, 0.06).unwrap(), 0.34282338784217664, 1e-12);
}

#[test]
fn year_fractions() {
    // pyxirr's day count tests (deltaquants examples).
    let (a, b) = (date(2007, 12, 28), date(2008, 2, 28));
    close(
        year_fraction(a, b, DayCount::ActActIsda),
        4.0 / 365.0 + 58.0 / 366.0,
        1e-15,
    );
    close(year_fraction(a, b, DayCount::Act365F), 62.0 / 365.0, 1e-15);
    close(year_fraction(a, b, DayCount::Act360), 62.0 / 360.0, 1e-15);
    close(
        year_fraction(a, b, DayCount::Thirty360),
        60.0 / 360.0,
        1e-15,
    );
    let (a, b) = (date(2007, 10, 31), date(2008, 11, 30));
    close(
        year_fraction(a, b, DayCount::ActActIsda),
        62.0 / 365.0 + 334.0 / 366.0,
        1e-15,
    );
    close(
        year_fraction(a, b, DayCount::Thirty360),
        390.0 / 360.0,
        1e-15,
    );
    let (a, b) = (date(2008, 2, 1), date(2009, 5, 31));
    close(
        year_fraction(a, b, DayCount::ActActIsda),
        335.0 / 366.0 + 150.0 / 365.0,
        1e-15,
    );
    close(
        year_fraction(a, b, DayCount::Thirty360),
        480.0 / 360.0,
        1e-15,
    );
    close(
        year_fraction(b, a, DayCount::Thirty360),
        -480.0 / 360.0,
        1e-15,
    );
    // Whole years in between (hand calculation: 184 days of 2019, 182 of leap 2024).
    let t = year_fraction(date(2019, 7, 1), date(2024, 7, 1), DayCount::ActActIsda);
    close(t, 184.0 / 365.0 + 4.0 + 182.0 / 366.0, 1e-14);
}

#[test]
fn xnpv_and_xirr_examples() {
    // Spreadsheet XIRR and XNPV docs.
    let dates = [
        date(2008, 1, 1),
        date(2008, 3, 1),
        date(2008, 10, 30),
        date(2009, 2, 15),
        date(2009, 4, 1),
    ];
    let amounts = [-10_000.0, 2750.0, 4250.0, 3250.0, 2750.0];
    close(
        xirr(&dates, &amounts, None, DayCount::Act365F).unwrap(),
        0.3733625335,
        1e-9,
    );
    close(
        xnpv(0.09, &dates, &amounts, DayCount::Act365F).unwrap(),
        2086.647602,
        1e-6,
    );
    // pyxirr docs.
    let dates = [
        date(2020, 1, 1),
        date(2020, 3, 1),
        date(2020, 10, 30),
        date(2021, 2, 15),
    ];
    let amounts = [-10_000.0, 5750.0, 4250.0, 3250.0];
    close(
        xirr(&dates, &amounts, None, DayCount::Act365F).unwrap(),
        0.6342972615260243,
        1e-10,
    );
    close(
        xnpv(0.1, &dates, &amounts, DayCount::Act365F).unwrap(),
        2506.579458169746,
        1e-8,
    );
    // Order does not matter; the earliest date is the origin.
    let rev_dates: Vec<_> = dates.iter().rev().copied().collect();
    let rev_amounts: Vec<_> = amounts.iter().rev().copied().collect();
    close(
        xnpv(0.1, &rev_dates, &rev_amounts, DayCount::Act365F).unwrap(),
        2506.579458169746,
        1e-8,
    );
    // Other day counts: the root zeroes the XNPV under that day count.
    for dc in DayCount::ALL {
        let r = xirr(&dates, &amounts, Some(0.5), *dc).unwrap();
        close(xnpv(r, &dates, &amounts, *dc).unwrap(), 0.0, 1e-7);
    }
    // A loss: the root is negative.
    let r = xirr(
        &[date(2021, 1, 1), date(2022, 1, 1)],
        &[-100.0, 50.0],
        None,
        DayCount::Act365F,
    )
    .unwrap();
    close(r, -0.5, 1e-12);
}

#[test]
fn zero_rate_is_continuous() {
    for when in [When::End, When::Begin] {
        let at_zero = pmt(0.0, 120.0, 1000.0, 50.0, when).unwrap();
        close(
            pmt(1e-12, 120.0, 1000.0, 50.0, when).unwrap(),
            at_zero,
            1e-6,
        );
        let at_zero = fv(0.0, 120.0, -10.0, 1000.0, when).unwrap();
        close(
            fv(-1e-12, 120.0, -10.0, 1000.0, when).unwrap(),
            at_zero,
            1e-6,
        );
        let at_zero = ppmt(0.0, 7.0, 120.0, 1000.0, 50.0, when).unwrap();
        close(
            ppmt(1e-12, 7.0, 120.0, 1000.0, 50.0, when).unwrap(),
            at_zero,
            1e-6,
        );
        close(
            ipmt(1e-12, 7.0, 120.0, 1000.0, 50.0, when).unwrap(),
            0.0,
            1e-6,
        );
        let at_zero = nper(0.0, -10.0, 1000.0, 0.0, when).unwrap();
        close(
            nper(1e-12, -10.0, 1000.0, 0.0, when).unwrap(),
            at_zero,
            1e-6,
        );
    }
}

#[test]
fn huge_schedules_stay_finite_or_fail_cleanly() {
    // (1.5)^1e6 overflows, but the payment is just the interest.
    close(pmt(0.5, 1e6, 100.0, 0.0, When::End).unwrap(), -50.0, 1e-9);
    close(
        ppmt(0.5, 1.0, 1e6, 100.0, 0.0, When::End).unwrap(),
        0.0,
        1e-9,
    );
    close(pv(0.5, 1e6, -10.0, 1e9, When::End).unwrap(), 20.0, 1e-9);
    let e = fv(0.5, 1e6, -10.0, 100.0, When::End).unwrap_err();
    assert_eq!(e.kind(), "InvalidParameter");
    assert!(e.to_string().contains("fv"), "{e}");
}

#[test]
fn batch_matches_scalar_sequential_and_parallel() {
    for n in [3usize, batch::PARALLEL_MIN * 3 + 17] {
        let rate: Vec<f64> = (0..n).map(|i| (i % 97) as f64 * 0.001).collect();
        let nper: Vec<f64> = (0..n).map(|i| 12.0 + (i % 300) as f64).collect();
        let per: Vec<f64> = nper.iter().map(|n| (n / 2.0).floor()).collect();
        let pres: Vec<f64> = (0..n).map(|i| 1000.0 + i as f64).collect();
        let fut: Vec<f64> = (0..n).map(|i| -((i % 10) as f64)).collect();
        let mut out = vec![0.0; n];
        pmt_batch(&rate, &nper, &pres, &fut, When::End, &mut out).unwrap();
        for i in [0, n / 2, n - 1] {
            assert_eq!(
                out[i],
                pmt(rate[i], nper[i], pres[i], fut[i], When::End).unwrap()
            );
        }
        ipmt_batch(&rate, &per, &nper, &pres, &fut, When::Begin, &mut out).unwrap();
        for i in [0, n / 2, n - 1] {
            assert_eq!(
                out[i],
                ipmt(rate[i], per[i], nper[i], pres[i], fut[i], When::Begin).unwrap()
            );
        }
        ppmt_batch(&rate, &per, &nper, &pres, &fut, When::End, &mut out).unwrap();
        assert_eq!(
            out[n - 1],
            ppmt(
                rate[n - 1],
                per[n - 1],
                nper[n - 1],
                pres[n - 1],
                fut[n - 1],
                When::End
            )
            .unwrap()
        );
        fv_batch(&rate, &nper, &fut, &pres, When::End, &mut out).unwrap();
        assert_eq!(
            out[1],
            fv(rate[1], nper[1], fut[1], pres[1], When::End).unwrap()
        );
        pv_batch(&rate, &nper, &fut, &pres, When::End, &mut out).unwrap();
        assert_eq!(
            out[2],
            pv(rate[2], nper[2], fut[2], pres[2], When::End).unwrap()
        );
    }
}

#[test]
fn batch_broadcasts_columns_of_one_value() {
    for n in [5usize, batch::PARALLEL_MIN * 2 + 3] {
        let rate: Vec<f64> = (0..n).map(|i| (i % 13) as f64 * 0.002).collect();
        let pres: Vec<f64> = (0..n).map(|i| 1000.0 + i as f64).collect();
        let (mut full, mut broadcast) = (vec![0.0; n], vec![0.0; n]);
        pmt_batch(
            &rate,
            &vec![24.0; n],
            &pres,
            &vec![-5.0; n],
            When::Begin,
            &mut full,
        )
        .unwrap();
        pmt_batch(&rate, &[24.0], &pres, &[-5.0], When::Begin, &mut broadcast).unwrap();
        assert_eq!(full, broadcast);
        fv_batch(
            &[0.01],
            &vec![12.0; n],
            &[-100.0],
            &pres,
            When::End,
            &mut full,
        )
        .unwrap();
        fv_batch(
            &[0.01],
            &[12.0],
            &[-100.0],
            &pres,
            When::End,
            &mut broadcast,
        )
        .unwrap();
        assert_eq!(full, broadcast);
        let per = vec![3.0; n];
        ipmt_batch(
            &rate,
            &per,
            &[12.0],
            &pres,
            &[0.0],
            When::End,
            &mut broadcast,
        )
        .unwrap();
        assert_eq!(
            broadcast[n - 1],
            ipmt(rate[n - 1], 3.0, 12.0, pres[n - 1], 0.0, When::End).unwrap()
        );
    }
    // A bad broadcast value fails on the first row; other lengths are still mismatches.
    let mut out = [0.0; 3];
    let e = pmt_batch(&[0.01; 3], &[0.0], &[1.0; 3], &[0.0], When::End, &mut out).unwrap_err();
    assert!(e.to_string().contains("nper"), "{e}");
    let e = pmt_batch(&[0.01; 2], &[1.0], &[1.0; 3], &[0.0], When::End, &mut out).unwrap_err();
    assert_eq!(e.kind(), "LengthMismatch");
}

#[test]
fn batch_reports_the_first_bad_row() {
    let n = batch::PARALLEL_MIN * 4;
    let mut rate = vec![0.01; n];
    rate[n - 5] = -3.0;
    rate[n / 2] = -2.0;
    let ones = vec![1.0; n];
    let mut out = vec![0.0; n];
    let e = pmt_batch(&rate, &ones, &ones, &ones, When::End, &mut out).unwrap_err();
    assert!(e.to_string().contains("-2"), "{e}");
}

// One test per error kind.

#[test]
fn error_invalid_parameter() {
    let kind = |r: Result<f64>| r.unwrap_err().kind();
    assert_eq!(
        kind(pmt(-1.0, 10.0, 100.0, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(pmt(0.1, 0.0, 100.0, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(pmt(0.1, 10.0, f64::NAN, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(ipmt(0.1, 0.0, 10.0, 100.0, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(ppmt(0.1, 11.0, 10.0, 100.0, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(nper(0.0, 0.0, 1000.0, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(nper(0.1, -50.0, 1000.0, 0.0, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(rate(10.0, 0.0, 0.0, 0.0, When::End, None)),
        "InvalidParameter"
    );
    assert_eq!(kind(irr(&[1.0, 2.0, 3.0])), "InvalidParameter");
    assert_eq!(kind(irr(&[-1.0, f64::INFINITY])), "InvalidParameter");
    assert_eq!(
        kind(mirr(&[39000.0, 30000.0, 21000.0], 0.1, 0.12)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(cumipmt(0.01, 10, 100.0, 0, 3, When::End)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(cumprinc(0.01, 10, 100.0, 4, 11, When::End)),
        "InvalidParameter"
    );
    assert_eq!(kind(effective_rate(0.05, 0)), "InvalidParameter");
    assert_eq!(kind(nominal_rate(-1.0, 12)), "InvalidParameter");
    let d = [date(2020, 1, 1), date(2020, 1, 1)];
    assert_eq!(
        kind(xirr(&d, &[-1.0, 2.0], None, DayCount::Act365F)),
        "InvalidParameter"
    );
    let d = [date(2020, 1, 1), date(2021, 1, 1)];
    assert_eq!(
        kind(xirr(&d, &[1.0, 2.0], None, DayCount::Act365F)),
        "InvalidParameter"
    );
    assert_eq!(
        kind(xnpv(-1.5, &d, &[1.0, 2.0], DayCount::Act365F)),
        "InvalidParameter"
    );
}

#[test]
fn error_no_convergence() {
    // numpy-financial's infeasible rate: every flow positive.
    let e = rate(12.0, 400.0, 10_000.0, 5000.0, When::End, None).unwrap_err();
    assert!(
        matches!(e, Error::NoConvergence { method: "rate", .. }),
        "{e}"
    );
    // Both signs, but 1 - 3x + 3x^2 has no real root.
    let e = irr(&[1.0, -3.0, 3.0]).unwrap_err();
    assert!(
        matches!(e, Error::NoConvergence { method: "irr", .. }),
        "{e}"
    );
}

#[test]
fn error_length_mismatch() {
    let d = [date(2020, 1, 1), date(2021, 1, 1)];
    let e = xirr(&d, &[-1.0], None, DayCount::Act365F).unwrap_err();
    assert_eq!(e.kind(), "LengthMismatch");
    let mut out = [0.0; 2];
    let e = pmt_batch(
        &[0.1; 2],
        &[1.0; 3],
        &[1.0; 2],
        &[0.0; 2],
        When::End,
        &mut out,
    )
    .unwrap_err();
    assert_eq!(e.kind(), "LengthMismatch");
}

#[test]
fn error_empty_input() {
    assert_eq!(npv(0.1, &[]).unwrap_err().kind(), "EmptyInput");
    assert_eq!(irr(&[-1.0]).unwrap_err().kind(), "EmptyInput");
    assert_eq!(
        xnpv(0.1, &[], &[], DayCount::Act365F).unwrap_err().kind(),
        "EmptyInput"
    );
}

#[test]
fn error_unknown_name() {
    assert_eq!(
        "act/365".parse::<DayCount>().unwrap_err().kind(),
        "UnknownName"
    );
}

#[test]
fn xirr_root_far_above_one() {
    // A 47,304 return two days after an 8,230 outlay: about 1e138 a year (found by the
    // property tests; the bracket is bisected in ln(1 + r)).
    let start = date(2015, 3, 31);
    let dates = [start, start + chrono::Duration::days(2)];
    let r = xirr(&dates, &[-8230.35, 47304.03], None, DayCount::Act365F).unwrap();
    let expected = (47304.03f64 / 8230.35).ln() * 365.0 / 2.0;
    close(r.ln_1p(), expected, 1e-9);
}

#[test]
fn xirr_near_minus_one_is_within_an_ulp_or_out_of_reach() {
    // Pay 841,002.23 and get 67,276.01 back: the annual rate is -1 + 0.08^(365/days), within
    // 1e-15 of -1. After 26 days the root lies a few doubles above -1; after 25 days it lies
    // between -1 and the first double above it.
    let (paid, back): (f64, f64) = (-841_002.230_029_181_6, 67_276.006_202_124_42);
    let start = date(2020, 1, 1);
    let root = |days: i64| (back / -paid).powf(365.0 / days as f64);
    let later = |days: i64| [start, start + chrono::Duration::days(days)];
    let r = xirr(&later(26), &[paid, back], None, DayCount::Act365F).unwrap();
    // The doubles just above -1 are 2^-53 apart.
    let ulp = f64::EPSILON / 2.0;
    assert!(((1.0 + r) - root(26)).abs() <= ulp, "{r}");
    let e = xirr(&later(25), &[paid, back], None, DayCount::Act365F).unwrap_err();
    assert!(
        matches!(e, Error::NoConvergence { method: "xirr", .. }),
        "{e}"
    );
    assert!(root(25) < ulp);
}

#[test]
fn the_first_bad_argument_in_signature_order_is_reported() {
    let name = |r: Result<f64>| match r.unwrap_err() {
        Error::InvalidParameter { name, .. } => name,
        other => panic!("{other}"),
    };
    // ipmt(rate, per, nper, ...): a non-finite `per` comes before a bad `nper`
    assert_eq!(
        name(ipmt(0.01, f64::NAN, -1.0, 100.0, 0.0, When::End)),
        "per"
    );
    assert_eq!(
        name(ppmt(0.01, f64::NAN, -1.0, 100.0, 0.0, When::End)),
        "per"
    );
    assert_eq!(name(ipmt(0.01, 5.0, -1.0, 100.0, 0.0, When::End)), "nper");
    assert_eq!(name(ipmt(0.01, 5.0, 3.0, 100.0, 0.0, When::End)), "per");
    // cumipmt(rate, nper, pv, start, end, ...): nper before pv, pv before the span
    assert_eq!(name(cumipmt(0.01, 0, f64::NAN, 0, 0, When::End)), "nper");
    assert_eq!(name(cumprinc(0.01, 12, f64::NAN, 0, 0, When::End)), "pv");
    // effective_rate(nominal, periods) and nominal_rate(effective, periods)
    assert_eq!(name(effective_rate(f64::NAN, 0)), "nominal");
    assert_eq!(name(nominal_rate(-2.0, 0)), "effective");
    // mirr(values, finance_rate, reinvest_rate): values of one sign before a bad rate
    assert_eq!(name(mirr(&[1.0, 2.0], -2.0, 0.1)), "values");
    // xirr(dates, amounts, guess, ...): the amounts before a bad guess
    let dates = [date(2024, 1, 1), date(2025, 1, 1)];
    assert_eq!(
        name(xirr(&dates, &[1.0, 2.0], Some(-2.0), DayCount::Act365F)),
        "amounts"
    );
}
