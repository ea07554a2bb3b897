//! Loans, cash flows with a known rate, and investor profiles.

use crate::finance::amortization::{
    Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind,
};
use crate::finance::patrimony::{
    CashAccount, Debt, Envelope, Investment, OtherAsset, Profile, RealEstate,
};
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn kind() -> impl Strategy<Value = LoanKind> {
    prop::sample::select(vec![LoanKind::Annuity, LoanKind::Linear, LoanKind::InFine])
}

/// A first payment date from 1990 to 2059, any day of the month (the 29th to 31st
/// included, where the month has them).
fn first_payment() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2060, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        first
            .checked_add_days(Days::new(u64::from(d - 1)))
            .filter(|x| x.month0() == first.month0())
            .unwrap_or(first)
    })
}

/// Loans of `kind` (see [`loans`]).
pub fn loans_of_kind(kind: LoanKind) -> impl Strategy<Value = Loan> {
    (
        1i64..=1_000_000_000,
        0i64..=2_000,
        1u32..=480,
        first_payment(),
        prop::option::of((
            0i64..=100,
            prop::sample::select(vec![InsuranceBase::Initial, InsuranceBase::Remaining]),
        )),
        prop::option::of((
            0u32..480,
            prop::sample::select(vec![DeferralKind::Partial, DeferralKind::Total]),
        )),
    )
        .prop_map(
            move |(cents, rate_bp, months, first_payment, insurance, deferral)| Loan {
                principal: Decimal::new(cents, 2),
                annual_rate_pct: Decimal::new(rate_bp, 2),
                months,
                first_payment,
                kind,
                insurance: insurance.map(|(bp, base)| Insurance {
                    annual_rate_pct: Decimal::new(bp, 2),
                    base,
                }),
                // A deferral is shorter than the loan.
                deferral: deferral.map(|(m, kind)| Deferral {
                    months: m % months,
                    kind,
                }),
            },
        )
}

/// Loans of every kind (annuity, linear, in fine) where every loan validates
/// ([`Loan::validate`]) and its schedule computes
/// ([`crate::finance::amortization::amortization_schedule`]): a principal from 0.01 to
/// 10,000,000.00 in cents, a rate from 0% to 20% in basis points, 1 to 480 months, a first
/// payment on any day of a month from 1990-01 to 2059-12, optional insurance (0% to 1% of
/// either base) and an optional deferral (partial or total), always shorter than the loan
/// (0 to `months - 1` months).
///
/// Shrinks towards an annuity of 0.01 at 0% over one month, without insurance or deferral.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(loan in edgecore::strategies::loans())| {
///     prop_assert!(loan.validate().is_ok());
/// });
/// ```
pub fn loans() -> impl Strategy<Value = Loan> {
    kind().prop_flat_map(loans_of_kind)
}

/// Cash flows one period apart with a known internal rate of return.
#[derive(Debug, Clone, PartialEq)]
pub struct CashFlows {
    /// The flows: an outlay (negative) first, then inflows (each > 0).
    pub values: Vec<f64>,
    /// The rate that zeroes their NPV, a whole number of basis points.
    pub rate: f64,
}

/// Cash flows with exactly one sign change, hence one internal rate of return, which is
/// known: 1 to 30 inflows of 1.00 to 10,000.00 (cents) after an outlay equal to their present
/// value at `rate` (-50% to +100% a period, in basis points). So
/// [`crate::finance::tvm::irr`] finds `rate` (within 1e-6) and `npv(rate, values)` is 0
/// (within 1e-6 of the outlay).
///
/// Shrinks towards one inflow of 1.00 at a rate of -50%.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(flows in edgecore::strategies::cash_flows())| {
///     let irr = edgecore::finance::tvm::irr(&flows.values).unwrap();
///     prop_assert!((irr - flows.rate).abs() < 1e-6);
/// });
/// ```
pub fn cash_flows() -> impl Strategy<Value = CashFlows> {
    (
        prop::collection::vec(100i64..=1_000_000, 1..=30),
        -5_000i64..=10_000,
    )
        .prop_map(|(inflows, rate_bp)| {
            let rate = rate_bp as f64 / 1e4;
            let discount = 1.0 / (1.0 + rate);
            let mut factor = 1.0;
            let mut outlay = 0.0;
            let mut values = vec![0.0];
            for cents in inflows {
                factor *= discount;
                let value = cents as f64 / 100.0;
                outlay += value * factor;
                values.push(value);
            }
            if let Some(first) = values.first_mut() {
                *first = -outlay;
            }
            CashFlows { values, rate }
        })
}

fn amount(max_cents: i64) -> impl Strategy<Value = Decimal> {
    (0..=max_cents).prop_map(|cents| Decimal::new(cents, 2))
}

/// Investor profiles: up to 3 cash accounts, 3 investments (any envelope), 2 properties
/// (each with an optional loan of [`loans`]), 2 other assets and 2 other debts, every amount
/// from 0 to 10,000,000.00 in cents; no crypto holding (those need a price book). Every
/// profile is valued by [`crate::finance::patrimony::net_worth`] with an empty price book.
///
/// Shrinks towards the empty profile.
pub fn profiles() -> impl Strategy<Value = Profile> {
    let named = |prefix: &'static str| move |i: usize| format!("{prefix} {}", i + 1);
    let envelope = prop::sample::select(vec![
        Envelope::Pea,
        Envelope::Cto,
        Envelope::AssuranceVie,
        Envelope::Per,
        Envelope::SavingsBook,
        Envelope::Other,
    ]);
    (
        prop::collection::vec(amount(1_000_000_000), 0..=3),
        prop::collection::vec((envelope, amount(1_000_000_000)), 0..=3),
        prop::collection::vec((amount(1_000_000_000), prop::option::of(loans())), 0..=2),
        prop::collection::vec(amount(1_000_000_000), 0..=2),
        prop::collection::vec(amount(1_000_000_000), 0..=2),
    )
        .prop_map(move |(cash, investments, homes, others, debts)| Profile {
            cash: cash
                .into_iter()
                .enumerate()
                .map(|(i, amount)| CashAccount {
                    name: named("account")(i),
                    amount,
                })
                .collect(),
            investments: investments
                .into_iter()
                .enumerate()
                .map(|(i, (envelope, value))| Investment {
                    name: named("fund")(i),
                    envelope,
                    value,
                })
                .collect(),
            real_estate: homes
                .into_iter()
                .enumerate()
                .map(|(i, (value, loan))| RealEstate {
                    name: named("home")(i),
                    value,
                    loan,
                })
                .collect(),
            crypto: Vec::new(),
            other_assets: others
                .into_iter()
                .enumerate()
                .map(|(i, value)| OtherAsset {
                    name: named("asset")(i),
                    value,
                })
                .collect(),
            other_debts: debts
                .into_iter()
                .enumerate()
                .map(|(i, amount)| Debt {
                    name: named("debt")(i),
                    amount,
                })
                .collect(),
        })
}
