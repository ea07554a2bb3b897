//! Unit tests of loan amortization.

use super::calendar::{PaymentDates, days_in_month, payment_date};
use super::engine::{MonthlyRate, annuity_cents, annuity_payment, cents, to_cents};
use super::*;
use crate::error::Error;
use chrono::{Datelike, Months};
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn annuity(principal: Decimal, rate: Decimal, months: u32) -> Loan {
    Loan::new(principal, rate, months, d(2024, 1, 5), LoanKind::Annuity)
}

fn principal_sum(s: &Schedule) -> Decimal {
    s.rows.iter().map(|r| r.principal).sum()
}

#[test]
fn the_first_bad_field_is_reported() {
    let name = |loan: &Loan| match loan.validate().unwrap_err() {
        Error::InvalidParameter { name, .. } | Error::InvalidAmount { name, .. } => name,
        other => panic!("{other}"),
    };
    // a bad insurance rate and a deferral as long as the loan: the insurance comes first
    let mut loan = annuity(dec!(1000), dec!(3), 12);
    loan.insurance = Some(Insurance {
        annual_rate_pct: dec!(-1),
        base: InsuranceBase::Initial,
    });
    loan.deferral = Some(Deferral {
        months: 12,
        kind: DeferralKind::Partial,
    });
    assert_eq!(name(&loan), "insurance.annual_rate_pct");
    // a last payment beyond the calendar comes before both
    loan.first_payment = NaiveDate::MAX;
    assert_eq!(name(&loan), "first_payment");
    // the principal before everything else
    loan.principal = dec!(0);
    assert_eq!(name(&loan), "principal");
}

#[test]
fn payments_stay_within_the_years_1_to_9999() {
    let loan = |first: NaiveDate| Loan::new(dec!(1000), dec!(5), 12, first, LoanKind::Annuity);
    assert!(amortization_schedule(&loan(d(9998, 12, 31))).is_ok());
    for first in [d(9999, 2, 1), d(9999, 12, 31), d(0, 6, 1)] {
        let error = amortization_schedule(&loan(first)).unwrap_err();
        assert_eq!(error.kind(), "InvalidParameter", "{first}");
        assert!(error.to_string().contains("1 to 9999"), "{error}");
    }
}

#[test]
fn loan_from_the_platform_fields() {
    let loan = Loan::from_fields(dec!(185000), dec!(1.45), dec!(25), "2019-12").unwrap();
    assert_eq!(loan.months, 300);
    assert_eq!(
        loan.first_payment,
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
    );
    assert_eq!(
        (loan.principal, loan.annual_rate_pct),
        (dec!(185000), dec!(1.45))
    );
    assert_eq!(loan.kind, LoanKind::Annuity);
    let bad = |amount, rate, years, start: &str| {
        let e = Loan::from_fields(amount, rate, years, start).unwrap_err();
        match e {
            Error::InvalidParameter { name, .. } => name,
            Error::InvalidAmount { name, .. } => name,
            other => panic!("{other}"),
        }
    };
    for start in [
        "2019-13",
        "2019-00",
        "19-12",
        "2019-1",
        "2019/12",
        "",
        "2019-12-01",
        "+201-12",
    ] {
        assert_eq!(
            bad(dec!(1000), dec!(2), dec!(10), start),
            "start",
            "{start}"
        );
    }
    for years in [dec!(0), dec!(2.5), dec!(-3), dec!(101)] {
        assert_eq!(bad(dec!(1000), dec!(2), years, "2020-01"), "duration_years");
    }
    assert_eq!(bad(dec!(0), dec!(2), dec!(10), "2020-01"), "principal");
    assert_eq!(
        bad(dec!(1000), dec!(-1), dec!(10), "2020-01"),
        "annual_rate_pct"
    );
    assert!(Loan::from_fields(dec!(1000), dec!(2), dec!(10.00), "2020-01").is_ok());
}

#[test]
fn annuity_150k_at_10pct_36_months() {
    // Reference: textbook annuity 150,000 at 10% over 3 years, payment 4,840.08.
    let s = amortization_schedule(&annuity(dec!(150000), dec!(10), 36)).unwrap();
    assert_eq!(s.payment, dec!(4840.08));
    let first = &s.rows[0];
    assert_eq!(
        (first.interest, first.principal, first.remaining),
        (dec!(1250.00), dec!(3590.08), dec!(146409.92))
    );
    let last = s.rows.last().unwrap();
    assert_eq!(
        (last.payment, last.interest, last.principal, last.remaining),
        (dec!(4839.99), dec!(40.00), dec!(4799.99), dec!(0))
    );
    assert_eq!(s.total_interest, dec!(24242.79));
    assert_eq!(principal_sum(&s), dec!(150000));
    assert_eq!(s.total_paid, dec!(174242.79));
    assert_eq!(s.cost_of_credit, s.total_interest);
}

#[test]
fn annuity_200k_at_6pct_30_years() {
    let loan = annuity(dec!(200000), dec!(6), 360);
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(s.payment, dec!(1199.10));
    assert_eq!(s.rows[0].interest, dec!(1000.00));
    assert_eq!(s.rows[0].remaining, dec!(199800.90));
    assert_eq!(s.rows[4].remaining, dec!(198994.49));
    assert_eq!(s.rows[359].payment, dec!(1200.14));
    assert_eq!(s.total_interest, dec!(231677.04));
    assert_eq!(s.end_date, d(2053, 12, 5));
    assert_eq!(principal_sum(&s), dec!(200000));
}

#[test]
fn zero_rate_splits_evenly() {
    let s = amortization_schedule(&annuity(dec!(15000), dec!(0), 60)).unwrap();
    assert_eq!(s.payment, dec!(250.00));
    assert!(
        s.rows
            .iter()
            .all(|r| r.payment == dec!(250) && r.interest.is_zero())
    );
    // A residue goes to the last payment.
    let s = amortization_schedule(&annuity(dec!(100), dec!(0), 3)).unwrap();
    let payments: Vec<_> = s.rows.iter().map(|r| r.payment).collect();
    assert_eq!(payments, [dec!(33.33), dec!(33.33), dec!(33.34)]);
}

#[test]
fn tiny_principal_never_overpays() {
    // 0.05 over 7 months: 0.01 a month would repay it after 5 payments.
    let s = amortization_schedule(&annuity(dec!(0.05), dec!(0), 7)).unwrap();
    assert_eq!(principal_sum(&s), dec!(0.05));
    assert!(s.rows.iter().all(|r| r.remaining >= Decimal::ZERO));
    assert_eq!(s.rows[6].payment, dec!(0));
}

#[test]
fn linear_loan() {
    // 12,000 at 6% over 12 months: 1,000 of capital a month, interest 60, 55, ... 5.
    let mut loan = annuity(dec!(12000), dec!(6), 12);
    loan.kind = LoanKind::Linear;
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(s.payment, dec!(1060.00));
    assert_eq!(s.rows[1].payment, dec!(1055.00));
    assert_eq!(s.rows[11].payment, dec!(1005.00));
    assert_eq!(s.total_interest, dec!(390.00));
    assert_eq!(principal_sum(&s), dec!(12000));
}

#[test]
fn in_fine_loan() {
    // 100,000 at 3% over 24 months: 250 of interest a month, 100,250 at the end.
    let mut loan = annuity(dec!(100000), dec!(3), 24);
    loan.kind = LoanKind::InFine;
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(s.payment, dec!(250.00));
    assert!(
        s.rows[..23]
            .iter()
            .all(|r| r.payment == dec!(250) && r.remaining == dec!(100000))
    );
    assert_eq!(s.rows[23].payment, dec!(100250.00));
    assert_eq!(s.total_interest, dec!(6000.00));
}

#[test]
fn insurance_on_initial_and_remaining_capital() {
    // 0.36% a year of 100,000 = 30.00 a month.
    let mut loan = annuity(dec!(100000), dec!(3), 12);
    loan.insurance = Some(Insurance {
        annual_rate_pct: dec!(0.36),
        base: InsuranceBase::Initial,
    });
    let s = amortization_schedule(&loan).unwrap();
    assert!(s.rows.iter().all(|r| r.insurance == dec!(30.00)));
    assert_eq!(s.total_insurance, dec!(360.00));
    assert_eq!(s.cost_of_credit, s.total_interest + dec!(360));
    assert_eq!(s.total_paid - dec!(100000), s.cost_of_credit);

    loan.insurance = Some(Insurance {
        annual_rate_pct: dec!(0.36),
        base: InsuranceBase::Remaining,
    });
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(s.rows[0].insurance, dec!(30.00));
    // Row 2 base: 100,000 - (8,469.37 - 250.00) = 91,780.63 -> 27.534189 -> 27.53.
    assert_eq!(s.payment, dec!(8469.37));
    assert_eq!(s.rows[1].insurance, dec!(27.53));
    assert!(s.rows.windows(2).all(|w| w[1].insurance <= w[0].insurance));
}

#[test]
fn partial_and_total_deferral() {
    let mut loan = annuity(dec!(10000), dec!(12), 12);
    loan.deferral = Some(Deferral {
        months: 2,
        kind: DeferralKind::Partial,
    });
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(s.rows.len(), 12);
    for row in &s.rows[..2] {
        assert_eq!(row.deferral, Some(DeferralKind::Partial));
        assert_eq!((row.payment, row.remaining), (dec!(100.00), dec!(10000)));
    }
    assert_eq!(s.rows[2].deferral, None);
    // 10,000 at 1% a month over 10 months: 1,055.82.
    assert_eq!(s.payment, dec!(1055.82));
    assert_eq!(principal_sum(&s), dec!(10000));

    loan.deferral = Some(Deferral {
        months: 2,
        kind: DeferralKind::Total,
    });
    let s = amortization_schedule(&loan).unwrap();
    // 10,000 -> 10,100.00 -> 10,201.00, then amortised over 10 months.
    assert_eq!(s.rows[0].payment, dec!(0));
    assert_eq!(s.rows[0].principal, dec!(-100.00));
    assert_eq!(s.rows[1].remaining, dec!(10201.00));
    assert_eq!(s.payment, dec!(1077.04));
    assert_eq!(principal_sum(&s), dec!(10000));
    assert_eq!(s.total_paid, s.total_interest + dec!(10000));
}

#[test]
fn dates_keep_the_day_and_clamp_to_month_end() {
    let mut loan = annuity(dec!(1000), dec!(1), 4);
    loan.first_payment = d(2024, 1, 31);
    let s = amortization_schedule(&loan).unwrap();
    let dates: Vec<_> = s.rows.iter().map(|r| r.date).collect();
    assert_eq!(
        dates,
        [
            d(2024, 1, 31),
            d(2024, 2, 29),
            d(2024, 3, 31),
            d(2024, 4, 30)
        ]
    );
    assert_eq!(payments_made(&loan, d(2024, 2, 28)).unwrap(), 1);
    assert_eq!(payments_made(&loan, d(2024, 2, 29)).unwrap(), 2);
    assert_eq!(payments_made(&loan, d(2024, 4, 29)).unwrap(), 3);
    assert_eq!(payments_made(&loan, d(2024, 4, 30)).unwrap(), 4);
}

#[test]
fn payment_dates_step_like_adding_months() {
    // Every first day of three years (leap 2024 included), 30 payments each: the month
    // by month stepping agrees with adding `k - 1` months to the first date, and each
    // day number is the date's.
    let mut first = d(2023, 1, 1);
    while first <= d(2025, 12, 31) {
        let mut dates = PaymentDates::new(first);
        for k in 1..=30 {
            let (date, day) = dates.next_date();
            assert_eq!(date, payment_date(first, k).unwrap());
            assert_eq!(day, date.num_days_from_ce());
        }
        first = first.succ_opt().unwrap();
    }
    // Century rules: 1900 and 2100 are not leap years, 2000 is.
    for (year, days) in [(1900, 28), (2000, 29), (2100, 28), (2024, 29), (2023, 28)] {
        assert_eq!(days_in_month(year, 2), days);
    }
    // At the end of the calendar the dates stay at its last day, where adding months
    // fails (validation refuses such loans).
    let late = NaiveDate::MAX.checked_sub_months(Months::new(2)).unwrap();
    let mut dates = PaymentDates::new(late);
    let stepped: Vec<_> = (0..4).map(|_| dates.next_date().0).collect();
    assert_eq!(stepped[2], payment_date(late, 3).unwrap());
    assert_eq!(stepped[3], NaiveDate::MAX);
    assert!(payment_date(late, 4).is_err());
}

#[test]
fn columns_are_the_rows_in_cents() {
    let mut loans = vec![
        annuity(dec!(200000), dec!(6), 360),
        annuity(dec!(150000), dec!(0), 36),
        Loan::new(
            dec!(90000),
            dec!(4.2),
            120,
            d(2024, 1, 31),
            LoanKind::Linear,
        ),
        Loan::new(
            dec!(50000),
            dec!(3.15),
            60,
            d(2024, 3, 15),
            LoanKind::InFine,
        ),
    ];
    for (kind, base) in [
        (DeferralKind::Partial, InsuranceBase::Initial),
        (DeferralKind::Total, InsuranceBase::Remaining),
    ] {
        let mut loan = annuity(dec!(123456.78), dec!(3.875), 240);
        loan.deferral = Some(Deferral { months: 12, kind });
        loan.insurance = Some(Insurance {
            annual_rate_pct: dec!(0.36),
            base,
        });
        loans.push(loan);
    }
    for loan in &loans {
        let s = amortization_schedule(loan).unwrap();
        let c = amortization_schedule_columns(loan).unwrap();
        let cent = |x: i64| Decimal::new(x, 2);
        assert_eq!(c.dates.len(), s.rows.len());
        for (i, row) in s.rows.iter().enumerate() {
            assert_eq!(c.dates[i], row.date);
            assert_eq!(cent(c.payment_cents[i]), row.payment);
            assert_eq!(cent(c.interest_cents[i]), row.interest);
            assert_eq!(cent(c.principal_cents[i]), row.principal);
            assert_eq!(cent(c.insurance_cents[i]), row.insurance);
            assert_eq!(cent(c.remaining_cents[i]), row.remaining);
            let deferred = u32::try_from(i).unwrap() < c.summary.deferral_months;
            assert_eq!(row.deferral, c.summary.deferral.filter(|_| deferred));
        }
        assert_eq!(
            (
                c.summary.payment,
                c.summary.total_interest,
                c.summary.total_insurance
            ),
            (s.payment, s.total_interest, s.total_insurance)
        );
        assert_eq!(
            (
                c.summary.total_paid,
                c.summary.cost_of_credit,
                c.summary.end_date
            ),
            (s.total_paid, s.cost_of_credit, s.end_date)
        );
    }
    let bad = annuity(dec!(-1), dec!(6), 360);
    assert_eq!(
        amortization_schedule_columns(&bad).unwrap_err().kind(),
        "InvalidAmount"
    );
}

#[test]
fn each_row_is_the_schedule_row_in_cents() {
    let mut loan = annuity(dec!(123456.78), dec!(3.875), 240);
    loan.deferral = Some(Deferral {
        months: 12,
        kind: DeferralKind::Total,
    });
    loan.insurance = Some(Insurance {
        annual_rate_pct: dec!(0.36),
        base: InsuranceBase::Remaining,
    });
    let s = amortization_schedule(&loan).unwrap();
    let mut rows = Vec::new();
    let summary = amortization_schedule_each(&loan, |row| rows.push(*row)).unwrap();
    let cent = |x: i64| Decimal::new(x, 2);
    assert_eq!(rows.len(), s.rows.len());
    for (row, expected) in rows.iter().zip(&s.rows) {
        assert_eq!((row.number, row.date), (expected.number, expected.date));
        assert_eq!(cent(row.payment), expected.payment);
        assert_eq!(cent(row.interest), expected.interest);
        assert_eq!(cent(row.principal), expected.principal);
        assert_eq!(cent(row.insurance), expected.insurance);
        assert_eq!(cent(row.remaining), expected.remaining);
        assert_eq!(row.deferral, expected.deferral);
    }
    assert_eq!(
        (summary.deferral_months, summary.deferral),
        (12, Some(DeferralKind::Total))
    );
    assert_eq!(
        (
            summary.payment,
            summary.total_interest,
            summary.total_insurance
        ),
        (s.payment, s.total_interest, s.total_insurance)
    );
    assert_eq!(
        (summary.total_paid, summary.cost_of_credit, summary.end_date),
        (s.total_paid, s.cost_of_credit, s.end_date)
    );
    // An invalid loan gives no row.
    let mut given = 0;
    let bad = annuity(dec!(1000), dec!(3), 0);
    let e = amortization_schedule_each(&bad, |_| given += 1).unwrap_err();
    assert_eq!((e.kind(), given), ("InvalidParameter", 0));
}

#[test]
fn remaining_capital_follows_the_schedule() {
    let loan = annuity(dec!(200000), dec!(6), 360);
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(
        remaining_capital(&loan, d(2024, 1, 4)).unwrap(),
        dec!(200000)
    );
    assert_eq!(
        remaining_capital(&loan, d(2024, 1, 5)).unwrap(),
        s.rows[0].remaining
    );
    assert_eq!(
        remaining_capital(&loan, d(2024, 5, 5)).unwrap(),
        dec!(198994.49)
    );
    assert_eq!(
        remaining_capital(&loan, d(2038, 7, 4)).unwrap(),
        s.rows[173].remaining
    );
    assert_eq!(remaining_capital(&loan, d(2090, 1, 1)).unwrap(), dec!(0));
    assert_eq!(payments_made(&loan, d(2038, 7, 4)).unwrap(), 174);
}

#[test]
fn extreme_rates_stay_exact() {
    for rate in [dec!(0.0000000001), dec!(1000)] {
        for months in [1, 2, 1200] {
            let s = amortization_schedule(&annuity(MAX_PRINCIPAL, rate, months)).unwrap();
            assert_eq!(principal_sum(&s), MAX_PRINCIPAL);
            assert_eq!(s.rows.last().unwrap().remaining, Decimal::ZERO);
        }
    }
    // At 1000% over 109 months the annuity term is below half a cent, and C r rounds up
    // (x.825 exactly): the payment must still cover the interest.
    let loan = annuity(dec!(247224763703.79), dec!(1000), 109);
    let s = amortization_schedule(&loan).unwrap();
    assert_eq!(s.payment, dec!(206020636419.83));
    assert!(s.rows.iter().all(|r| r.remaining <= loan.principal));
    // A near-zero rate repays C / n a month.
    let s = amortization_schedule(&annuity(dec!(1200), dec!(0.0000000001), 12)).unwrap();
    assert_eq!(s.payment, dec!(100.00));
}

#[test]
fn batch_matches_one_by_one_in_order() {
    let loans: Vec<Loan> = (1..=PARALLEL_THRESHOLD as i64 + 10)
        .map(|i| {
            annuity(
                Decimal::new(1000 * i, 0),
                Decimal::new(i % 90, 1),
                12 + i as u32,
            )
        })
        .collect();
    let as_of = d(2025, 3, 5);
    let batch = remaining_capital_batch(&loans, as_of).unwrap();
    for (loan, owed) in loans.iter().zip(&batch) {
        assert_eq!(remaining_capital(loan, as_of).unwrap(), *owed);
    }
    assert!(remaining_capital_batch(&loans[..3], as_of).is_ok());
    let mut bad = loans;
    bad[260].months = 0;
    bad[5].principal = Decimal::ZERO;
    // The first failing loan by position decides the error.
    assert_eq!(
        remaining_capital_batch(&bad, as_of).unwrap_err().kind(),
        "InvalidAmount"
    );
}

#[test]
fn estimated_and_decimal_annuity_payments_agree() {
    // A deterministic spread of loans over every range the estimate covers (and beyond):
    // the payment decided by the estimate is always `annuity_payment`'s.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let mut decided = 0;
    for i in 0..20_000 {
        let capital = match i % 3 {
            0 => 1 + next(100_000_000) as i128,
            1 => 1 + next(10u64.pow(14)) as i128,
            _ => 1 + next(1000) as i128,
        };
        let pct = match i % 4 {
            0 => Decimal::new(next(1_000_000) as i64, 4),
            1 => Decimal::new(next(100_000) as i64 + 1, 3),
            2 => Decimal::new(next(1000) as i64 + 1, 9),
            _ => Decimal::new(next(10_000_000) as i64, 4),
        };
        let n = 1 + next(1200) as u32;
        let rate = MonthlyRate::new(pct);
        let exact = to_cents(annuity_payment(cents(capital), pct, n));
        assert_eq!(
            annuity_cents(capital, rate, n),
            exact,
            "{capital} {pct} {n}"
        );
        decided += usize::from(exact != 0);
    }
    assert!(decided > 19_000);
    // A payment of exactly a half cent more than a whole one: C r (1 + 1/e) with r = 1%,
    // n = 1 is 1.01 C; C = 50 cents gives 50.5 cents, which only the Decimal path rounds.
    let rate = MonthlyRate::new(dec!(12));
    assert_eq!(annuity_cents(50, rate, 1), 51);
    assert_eq!(annuity_cents(150, MonthlyRate::new(dec!(1000)), 1200), 125);
}

#[test]
fn integer_and_decimal_interest_agree() {
    for pct in [
        dec!(3.5),
        dec!(10),
        dec!(0.0001),
        dec!(999.99999),
        dec!(6.0725),
    ] {
        // The 64-bit path, the 128-bit one and the Decimal one.
        let fast = MonthlyRate::new(pct);
        assert!(fast.fraction.is_some() && fast.fixed.is_some());
        let wide = MonthlyRate {
            fixed: None,
            ..fast
        };
        let slow = MonthlyRate {
            fraction: None,
            ..wide
        };
        for amount in (0..200_000i64)
            .step_by(7)
            .chain([10i64.pow(14), 123_456_789_012_345])
        {
            let charged = fast.charge(amount);
            assert_eq!(charged, wide.charge(amount), "{pct} x {amount}");
            assert_eq!(charged, slow.charge(amount), "{pct} x {amount}");
        }
    }
    // Half a cent rounds up: 150 cents at 4% = 0.5 cent.
    assert_eq!(MonthlyRate::new(dec!(4)).charge(150), 1);
    assert_eq!(MonthlyRate::new(dec!(4)).charge(149), 0);
    // More than 20 decimals: the Decimal path.
    assert!(
        MonthlyRate::new(dec!(3.333333333333333333333333))
            .fraction
            .is_none()
    );
}

#[test]
fn invalid_amount_errors() {
    for principal in [
        dec!(0),
        dec!(-1),
        MAX_PRINCIPAL + Decimal::ONE,
        dec!(100.001),
    ] {
        let e = amortization_schedule(&annuity(principal, dec!(3), 12)).unwrap_err();
        assert_eq!(e.kind(), "InvalidAmount");
    }
}

#[test]
fn invalid_parameter_errors() {
    let ok = annuity(dec!(1000), dec!(3), 12);
    let mut bad = Vec::new();
    for rate in [dec!(-0.01), dec!(1000.01)] {
        bad.push(Loan {
            annual_rate_pct: rate,
            ..ok.clone()
        });
    }
    for months in [0, 1201] {
        bad.push(Loan {
            months,
            ..ok.clone()
        });
    }
    for months in [12, 13] {
        bad.push(Loan {
            deferral: Some(Deferral {
                months,
                kind: DeferralKind::Partial,
            }),
            ..ok.clone()
        });
    }
    bad.push(Loan {
        insurance: Some(Insurance {
            annual_rate_pct: dec!(-0.1),
            base: InsuranceBase::Initial,
        }),
        ..ok.clone()
    });
    bad.push(Loan {
        first_payment: NaiveDate::MAX,
        ..ok.clone()
    });
    bad.push(Loan {
        principal: dec!(1e11),
        annual_rate_pct: dec!(1000),
        months: 100,
        deferral: Some(Deferral {
            months: 60,
            kind: DeferralKind::Total,
        }),
        ..ok.clone()
    });
    for loan in bad {
        let e = amortization_schedule(&loan).unwrap_err();
        assert_eq!(e.kind(), "InvalidParameter", "{loan:?}");
    }
    assert!(
        payments_made(
            &Loan {
                months: 0,
                ..ok.clone()
            },
            d(2024, 1, 1)
        )
        .is_err()
    );
    assert!(remaining_capital(&Loan { months: 0, ..ok }, d(2024, 1, 1)).is_err());
}

#[test]
fn unknown_names() {
    assert_eq!(
        "bullet".parse::<LoanKind>().unwrap_err().kind(),
        "UnknownName"
    );
    assert_eq!("in_fine".parse::<LoanKind>().unwrap(), LoanKind::InFine);
}

#[test]
fn loan_from_json() {
    let loan: Loan = serde_json::from_str(
        r#"{"principal": "150000", "annual_rate_pct": "3.5", "months": 240,
            "first_payment": "2024-02-05", "kind": "annuity",
            "deferral": {"months": 6, "kind": "total"}}"#,
    )
    .unwrap();
    assert_eq!(loan.annual_rate_pct, dec!(3.5));
    assert_eq!(loan.insurance, None);
    assert_eq!(loan.deferral.unwrap().kind, DeferralKind::Total);
}
