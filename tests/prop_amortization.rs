//! Properties of loan schedules, net worth and the largest-remainder split: schedules repay
//! the principal exactly, the capital never grows outside a total deferral, the capital
//! remaining at a date agrees with the table, the columnar table is the row table in cents,
//! split parts add up exactly, and no input makes a public function panic.

use chrono::{Days, Months, NaiveDate, TimeDelta, TimeZone, Utc};
use edgecore::finance::amortization::{
    Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind, amortization_schedule,
    amortization_schedule_columns, payments_made, remaining_capital,
};
use edgecore::finance::patrimony::{
    CryptoHolding, Debt, NetWorthOptions, Price, PriceBook, Profile, RealEstate, net_worth,
};
use edgecore::money::allocate_largest_remainder;
use edgecore::strategies;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn kind() -> impl Strategy<Value = LoanKind> {
    prop::sample::select(LoanKind::ALL.to_vec())
}

/// Any Decimal, from tiny to the type's limits.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, s)| Decimal::from_parts(lo, mid, hi, neg, s)),
    ]
}

fn any_loan() -> impl Strategy<Value = Loan> {
    (
        any_decimal(),
        any_decimal(),
        any::<u32>(),
        any::<i32>(),
        kind(),
        prop::option::of((any_decimal(), any::<bool>())),
        prop::option::of((any::<u32>(), any::<bool>())),
    )
        .prop_map(
            |(principal, rate, months, day, kind, insurance, deferral)| {
                let first = NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MAX);
                let mut loan = Loan::new(principal, rate, months, first, kind);
                loan.insurance = insurance.map(|(annual_rate_pct, initial)| Insurance {
                    annual_rate_pct,
                    base: if initial {
                        InsuranceBase::Initial
                    } else {
                        InsuranceBase::Remaining
                    },
                });
                loan.deferral = deferral.map(|(months, total)| Deferral {
                    months,
                    kind: if total {
                        DeferralKind::Total
                    } else {
                        DeferralKind::Partial
                    },
                });
                loan
            },
        )
}

proptest! {
    #[test]
    fn schedules_repay_the_principal_exactly(loan in strategies::loans()) {
        let s = amortization_schedule(&loan).unwrap();
        prop_assert_eq!(s.rows.len(), loan.months as usize);
        let repaid: Decimal = s.rows.iter().map(|r| r.principal).sum();
        prop_assert_eq!(repaid, loan.principal);
        prop_assert_eq!(s.rows.last().unwrap().remaining, Decimal::ZERO);
        let payments: Decimal = s.rows.iter().map(|r| r.payment).sum();
        prop_assert_eq!(s.total_paid, payments + s.total_insurance);
        prop_assert_eq!(s.cost_of_credit, s.total_paid - loan.principal);
        prop_assert_eq!(s.end_date, s.rows.last().unwrap().date);
        for (i, row) in s.rows.iter().enumerate() {
            prop_assert_eq!(row.number as usize, i + 1);
            prop_assert_eq!(row.payment, if row.deferral == Some(DeferralKind::Total) {
                Decimal::ZERO
            } else {
                row.interest + row.principal
            });
            prop_assert!(row.remaining >= Decimal::ZERO && row.interest >= Decimal::ZERO);
            prop_assert_eq!(row.remaining, row.remaining.round_dp(2));
        }
    }

    #[test]
    fn columns_are_the_rows_in_cents(loan in strategies::loans()) {
        let s = amortization_schedule(&loan).unwrap();
        let c = amortization_schedule_columns(&loan).unwrap();
        let cent = |x: i64| Decimal::new(x, 2);
        prop_assert_eq!(c.dates.len(), s.rows.len());
        for (i, row) in s.rows.iter().enumerate() {
            prop_assert_eq!(c.dates[i], row.date);
            prop_assert_eq!(cent(c.payment_cents[i]), row.payment);
            prop_assert_eq!(cent(c.interest_cents[i]), row.interest);
            prop_assert_eq!(cent(c.principal_cents[i]), row.principal);
            prop_assert_eq!(cent(c.insurance_cents[i]), row.insurance);
            prop_assert_eq!(cent(c.remaining_cents[i]), row.remaining);
            prop_assert_eq!(row.deferral, c.summary.deferral.filter(|_| (i as u32) < c.summary.deferral_months));
            // Exact as a JavaScript number.
            prop_assert!(c.remaining_cents[i].unsigned_abs() < 1 << 53);
        }
        prop_assert_eq!((c.summary.payment, c.summary.total_interest, c.summary.total_paid), (s.payment, s.total_interest, s.total_paid));
        prop_assert_eq!((c.summary.total_insurance, c.summary.cost_of_credit, c.summary.end_date), (s.total_insurance, s.cost_of_credit, s.end_date));
    }

    #[test]
    fn capital_never_grows_without_total_deferral(loan in strategies::loans()) {
        let s = amortization_schedule(&loan).unwrap();
        let mut before = loan.principal;
        for row in &s.rows {
            if row.deferral != Some(DeferralKind::Total) {
                prop_assert!(row.remaining <= before, "row {} grew", row.number);
                prop_assert!(row.principal >= Decimal::ZERO);
            }
            before = row.remaining;
        }
    }

    #[test]
    fn remaining_capital_agrees_with_the_schedule(
        loan in strategies::loans(),
        offset in 0u32..500,
        days in 0u64..31,
        before_start in any::<bool>(),
    ) {
        let s = amortization_schedule(&loan).unwrap();
        let as_of = if before_start {
            loan.first_payment.checked_sub_days(Days::new(days + 1)).unwrap()
        } else {
            loan.first_payment
                .checked_add_months(Months::new(offset))
                .and_then(|d| d.checked_add_days(Days::new(days)))
                .unwrap()
        };
        let made = s.rows.iter().filter(|r| r.date <= as_of).count();
        prop_assert_eq!(payments_made(&loan, as_of).unwrap() as usize, made);
        let expected = match made {
            0 => loan.principal,
            k => s.rows[k - 1].remaining,
        };
        prop_assert_eq!(remaining_capital(&loan, as_of).unwrap(), expected);
    }

    #[test]
    fn allocation_parts_add_up_exactly(
        cents in 0..=i64::MAX,
        weights in prop::collection::vec(
            prop_oneof![Just(Decimal::ZERO), (0i64..1_000_000_000, 0u32..10).prop_map(|(m, s)| Decimal::new(m, s))],
            1..20,
        ),
        dp in 0u32..=6,
    ) {
        let total = Decimal::new(cents, dp);
        let positive = weights.iter().any(|w| *w > Decimal::ZERO);
        match allocate_largest_remainder(total, &weights, dp) {
            Ok(parts) => {
                prop_assert!(positive);
                prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
                let unit = Decimal::new(1, dp);
                for (part, weight) in parts.iter().zip(&weights) {
                    prop_assert_eq!(*part % unit, Decimal::ZERO);
                    if weight.is_zero() {
                        prop_assert_eq!(*part, Decimal::ZERO);
                    }
                    prop_assert!(*part >= Decimal::ZERO);
                }
            }
            Err(e) => {
                prop_assert!(!positive);
                prop_assert_eq!(e.kind(), "InvalidParameter");
            }
        }
    }

    #[test]
    fn allocation_never_panics(
        total in any_decimal(),
        weights in prop::collection::vec(any_decimal(), 0..8),
        dp in 0u32..40,
    ) {
        if let Ok(parts) = allocate_largest_remainder(total, &weights, dp) {
            prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
        }
    }

    #[test]
    fn extreme_valid_loans_repay_exactly(
        cents in 1i64..=100_000_000_000_000,
        (rate, scale) in (0i64..=i64::MAX, 0u32..=28),
        months in 1u32..=1200,
        kind in kind(),
        deferral in prop::option::of((any::<u32>(), any::<bool>())),
    ) {
        let rate = Decimal::new(rate, scale).min(Decimal::ONE_THOUSAND);
        let first = NaiveDate::from_ymd_opt(2000, 1, 31).unwrap();
        let mut loan = Loan::new(Decimal::new(cents, 2), rate, months, first, kind);
        loan.deferral = deferral.map(|(m, total)| Deferral {
            months: m % months,
            kind: if total { DeferralKind::Total } else { DeferralKind::Partial },
        });
        match amortization_schedule(&loan) {
            Ok(s) => {
                let repaid: Decimal = s.rows.iter().map(|r| r.principal).sum();
                prop_assert_eq!(repaid, loan.principal);
                for row in &s.rows {
                    prop_assert!(row.remaining >= Decimal::ZERO);
                    prop_assert_eq!(row.payment, row.payment.round_dp(2));
                    prop_assert_eq!(row.principal, row.principal.round_dp(2));
                }
            }
            // Only a long total deferral at a high rate may overflow the capital bound.
            Err(e) => {
                prop_assert_eq!(e.kind(), "InvalidParameter");
                let total = loan.deferral.map(|d| d.kind) == Some(DeferralKind::Total);
                prop_assert!(total, "unexpected error {}", e);
            }
        }
    }

    #[test]
    fn arbitrary_loans_never_panic(loan in any_loan(), day in any::<i32>()) {
        let as_of = NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN);
        if let Ok(s) = amortization_schedule(&loan) {
            let repaid: Decimal = s.rows.iter().map(|r| r.principal).sum();
            prop_assert_eq!(repaid, loan.principal);
        }
        if let Ok(c) = amortization_schedule_columns(&loan) {
            let repaid: i64 = c.principal_cents.iter().sum();
            prop_assert_eq!(Decimal::new(repaid, 2), loan.principal);
        }
        let _ = remaining_capital(&loan, as_of);
        let _ = payments_made(&loan, as_of);
    }

    #[test]
    fn arbitrary_profiles_never_panic(
        values in prop::collection::vec(any_decimal(), 4),
        loan in any_loan(),
        price_age in any::<i32>(),
        max_age in any::<i32>(),
        best_effort in any::<bool>(),
    ) {
        let as_of = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        let profile = Profile {
            real_estate: vec![RealEstate { name: "p".into(), value: values[0], loan: Some(loan) }],
            crypto: vec![CryptoHolding { symbol: "X".into(), quantity: values[1] }],
            other_debts: vec![Debt { name: "d".into(), amount: values[2] }],
            ..Profile::default()
        };
        let mut prices = PriceBook::default();
        prices.prices.insert("X".into(), Price {
            price: values[3],
            as_of: as_of - TimeDelta::seconds(i64::from(price_age)),
        });
        let options = NetWorthOptions {
            as_of,
            max_price_age: TimeDelta::seconds(i64::from(max_age)),
            best_effort,
        };
        if let Ok(w) = net_worth(&profile, &prices, &options) {
            let shares: Decimal = w.categories.iter().map(|c| c.share_pct).sum();
            prop_assert!(shares == Decimal::ONE_HUNDRED || shares.is_zero());
            prop_assert_eq!(w.net_worth, w.gross_assets - w.debts);
        }
    }
}
