//! Loan amortization with French conventions, exact in `Decimal`.
//!
//! Conventions (those of French banks, the wealth platform's market):
//! - The monthly rate is proportional: `r = annual_rate_pct / 12 / 100`.
//! - Every amount a borrower sees is rounded to the cent, half away from zero
//!   ([`round_cents`](crate::money::round_cents)): the regular payment, each row's interest
//!   `round_cents(remaining x annual_rate_pct / 1200)` (computed exactly, in integer cents,
//!   so a half cent is never lost to a truncated monthly rate), each insurance premium.
//! - The annuity payment is never below the first month's interest (at extreme rates over
//!   long terms the formula's amortisation term is under half a cent), so the capital owed
//!   never grows outside a total deferral.
//! - The principal part of a row is the payment minus the interest; it never exceeds the
//!   capital still owed. The LAST row repays whatever capital is left, so the principal parts
//!   add up exactly to the principal and the last payment differs from the others by the
//!   accumulated rounding residue.
//! - Dates: payment `k` (1-based) falls on `first_payment + (k - 1)` months, keeping the day of
//!   `first_payment` and clamping to the end of shorter months (a loan paid on the 31st pays on
//!   28 or 29 February, then on 31 March again).
//! - Deferral is part of the total duration: a 240-month loan with a 12-month deferral has 12
//!   deferral rows, then amortises over the remaining 228 months.
//!
//! Source of the reference figures in the tests: hand calculation with these conventions,
//! cross-checked against the standard annuity formula (e.g. 150,000 at 10% over 36 months
//! gives the textbook payment 4,840.08).

mod calendar;
mod engine;
mod types;

pub use types::{
    CentsRow, Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind,
    MAX_ANNUAL_RATE_PCT, MAX_INSURANCE_RATE_PCT, MAX_MONTHS, MAX_PRINCIPAL, Row, Schedule,
    ScheduleColumns, ScheduleSummary,
};

use crate::error::Result;
use crate::progress::{ProgressFn, map_chunks};
use calendar::{payment_date, payments_due};
use chrono::NaiveDate;
use engine::{Amortizer, cents};
use rust_decimal::Decimal;

/// The full amortization table of a loan (French conventions, see the module docs).
///
/// Annuity payment `= round_cents(C r / (1 - (1 + r)^-n))` with `r = annual_rate_pct / 1200`,
/// `C` the capital after any deferral and `n` the amortising months (`C / n` rounded when the
/// rate is 0); linear principal part `= round_cents(C / n)`. Errors: those of
/// [`Loan::validate`], and `InvalidParameter` when a total deferral would capitalise the
/// capital beyond [`MAX_PRINCIPAL`].
///
/// ```
/// use edgecore::finance::amortization::{amortization_schedule, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let first = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// let loan = Loan::new(Decimal::new(150_000, 0), Decimal::TEN, 36, first, LoanKind::Annuity);
/// let s = amortization_schedule(&loan).unwrap();
/// assert_eq!(s.payment, Decimal::new(484_008, 2));
/// assert_eq!(s.rows[0].interest, Decimal::new(125_000, 2));
/// assert_eq!(s.rows[35].payment, Decimal::new(483_999, 2));
/// assert_eq!(s.total_interest, Decimal::new(2_424_279, 2));
/// assert_eq!(s.end_date, NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
/// ```
pub fn amortization_schedule(loan: &Loan) -> Result<Schedule> {
    // Capped: the loan is validated only in `amortization_schedule_each`.
    let mut rows = Vec::with_capacity(loan.months.min(MAX_MONTHS) as usize);
    let summary = amortization_schedule_each(loan, |step| {
        rows.push(Row {
            number: step.number,
            date: step.date,
            payment: cents(step.payment.into()),
            interest: cents(step.interest.into()),
            principal: cents(step.principal.into()),
            insurance: cents(step.insurance.into()),
            remaining: cents(step.remaining.into()),
            deferral: step.deferral,
        });
    })?;
    Ok(Schedule {
        payment: summary.payment,
        rows,
        total_interest: summary.total_interest,
        total_insurance: summary.total_insurance,
        total_paid: summary.total_paid,
        cost_of_credit: summary.cost_of_credit,
        end_date: summary.end_date,
    })
}

/// The full amortization table of a loan as columns of integer cents (see
/// [`ScheduleColumns`]): the figures of [`amortization_schedule`] without building a `Row`
/// per month. Errors: those of [`amortization_schedule`].
///
/// ```
/// use edgecore::finance::amortization::{amortization_schedule_columns, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let first = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// let loan = Loan::new(Decimal::new(150_000, 0), Decimal::TEN, 36, first, LoanKind::Annuity);
/// let c = amortization_schedule_columns(&loan).unwrap();
/// assert_eq!(c.summary.payment, Decimal::new(484_008, 2));
/// assert_eq!((c.interest_cents[0], c.principal_cents[0]), (125_000, 359_008));
/// assert_eq!(c.payment_cents[35], 483_999);
/// assert_eq!(c.principal_cents.iter().sum::<i64>(), 15_000_000);
/// assert_eq!(c.dates[35], NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
/// ```
pub fn amortization_schedule_columns(loan: &Loan) -> Result<ScheduleColumns> {
    // Capped: the loan is validated only in `amortization_schedule_each`.
    let months = loan.months.min(MAX_MONTHS) as usize;
    // Sized up front and written in place, row after row.
    let mut dates = vec![loan.first_payment; months];
    let column = || vec![0i64; months];
    let (mut payment, mut interest, mut principal) = (column(), column(), column());
    let (mut insurance, mut remaining) = (column(), column());
    let mut slots = dates
        .iter_mut()
        .zip(payment.iter_mut())
        .zip(interest.iter_mut())
        .zip(principal.iter_mut())
        .zip(insurance.iter_mut())
        .zip(remaining.iter_mut());
    let summary = amortization_schedule_each(loan, move |row| {
        if let Some((((((date, payment), interest), principal), insurance), remaining)) =
            slots.next()
        {
            *date = row.date;
            *payment = row.payment;
            *interest = row.interest;
            *principal = row.principal;
            *insurance = row.insurance;
            *remaining = row.remaining;
        }
    })?;
    Ok(ScheduleColumns {
        dates,
        payment_cents: payment,
        interest_cents: interest,
        principal_cents: principal,
        insurance_cents: insurance,
        remaining_cents: remaining,
        summary,
    })
}

/// Gives every row of a loan's repayment table to `row`, in order, amounts in integer cents,
/// and returns the totals: the figures of [`amortization_schedule`], for callers that store
/// the rows their own way (a binding writing them straight into its own buffers) without
/// building a `Row` or a column per month. Nothing is given when the loan is invalid.
/// Errors: those of [`amortization_schedule`].
///
/// ```
/// use edgecore::finance::amortization::{amortization_schedule_each, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let first = NaiveDate::from_ymd_opt(2024, 1, 5).unwrap();
/// let loan = Loan::new(Decimal::new(150_000, 0), Decimal::TEN, 36, first, LoanKind::Annuity);
/// let mut principal = 0;
/// let summary = amortization_schedule_each(&loan, |row| principal += row.principal).unwrap();
/// assert_eq!(principal, 15_000_000);
/// assert_eq!(summary.payment, Decimal::new(484_008, 2));
/// assert_eq!(summary.total_interest, Decimal::new(2_424_279, 2));
/// ```
pub fn amortization_schedule_each(
    loan: &Loan,
    mut row: impl FnMut(&CentsRow),
) -> Result<ScheduleSummary> {
    let plan = Amortizer::new(loan)?;
    // The column totals stay far inside 64 bits: at most 1,200 rows of at most 2 x 10^14
    // cents each.
    let (mut interest, mut insurance) = (0i64, 0i64);
    plan.run(loan.months, |step| {
        interest += step.interest;
        insurance += step.insurance;
        row(step);
    });
    // Each payment is its interest plus its principal part, and the principal parts add up
    // to the principal.
    let payments = i128::from(interest) + i128::from(plan.principal);
    let (interest, insurance) = (i128::from(interest), i128::from(insurance));
    Ok(ScheduleSummary {
        payment: cents(plan.regular_payment.into()),
        deferral_months: plan.deferral.map_or(0, |(months, _)| months),
        deferral: plan.deferral.map(|(_, kind)| kind),
        total_interest: cents(interest),
        total_insurance: cents(insurance),
        total_paid: cents(payments + insurance),
        cost_of_credit: cents(interest + insurance),
        // Validation checked that the last payment date exists.
        end_date: payment_date(loan.first_payment, loan.months)?,
    })
}

/// Number of payments dated on or before `as_of`: 0 before the first payment, `months` from
/// the last one on. Errors: those of [`Loan::validate`].
///
/// ```
/// use edgecore::finance::amortization::{payments_made, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let loan = Loan::new(Decimal::new(10_000, 0), Decimal::ONE, 12, d(2024, 1, 31), LoanKind::Annuity);
/// assert_eq!(payments_made(&loan, d(2024, 1, 30)).unwrap(), 0);
/// assert_eq!(payments_made(&loan, d(2024, 2, 29)).unwrap(), 2); // paid on 29 February
/// assert_eq!(payments_made(&loan, d(2030, 1, 1)).unwrap(), 12);
/// ```
pub fn payments_made(loan: &Loan, as_of: NaiveDate) -> Result<u32> {
    loan.validate()?;
    Ok(payments_due(loan.first_payment, loan.months, as_of))
}

/// Capital still owed once every payment dated on or before `as_of` is made: the principal
/// before the first payment, 0 after the last one (during a total deferral it includes the
/// capitalised interest). Equal to the `remaining` of row [`payments_made`] of
/// [`amortization_schedule`], computed without building the table. Errors: those of
/// [`amortization_schedule`].
///
/// ```
/// use edgecore::finance::amortization::{remaining_capital, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let loan = Loan::new(Decimal::new(200_000, 0), Decimal::new(6, 0), 360, d(2024, 1, 1), LoanKind::Annuity);
/// assert_eq!(remaining_capital(&loan, d(2023, 12, 31)).unwrap(), Decimal::new(200_000, 0));
/// assert_eq!(remaining_capital(&loan, d(2024, 5, 15)).unwrap(), Decimal::new(19_899_449, 2));
/// ```
pub fn remaining_capital(loan: &Loan, as_of: NaiveDate) -> Result<Decimal> {
    let plan = Amortizer::new(loan)?;
    let made = payments_due(loan.first_payment, loan.months, as_of);
    Ok(cents(plan.run(made, |_| {}).into()))
}

/// Number of loans from which [`remaining_capital_batch`] runs in parallel.
pub const PARALLEL_THRESHOLD: usize = 256;

/// [`remaining_capital`] of every loan at the same date, in order (e.g. every property loan of
/// every client for a platform-wide total). Runs on rayon's pool from
/// [`PARALLEL_THRESHOLD`] loans. Errors: the first failing loan's error, by position.
///
/// ```
/// use edgecore::finance::amortization::{remaining_capital_batch, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let loan = Loan::new(Decimal::new(200_000, 0), Decimal::new(6, 0), 360, d(2024, 1, 1), LoanKind::Annuity);
/// let owed = remaining_capital_batch(&[loan.clone(), loan], d(2024, 5, 15)).unwrap();
/// assert_eq!(owed, [Decimal::new(19_899_449, 2); 2]);
/// ```
pub fn remaining_capital_batch(loans: &[Loan], as_of: NaiveDate) -> Result<Vec<Decimal>> {
    remaining_capital_all(loans, as_of, None)
}

/// [`remaining_capital_batch`] that reports its progress in loans: `progress(done, total)` is
/// called after about every [`PROGRESS_CHUNK`](crate::progress::PROGRESS_CHUNK) loans and once
/// more when the last one is done, with `done` strictly increasing and the last call being
/// `(total, total)`. Calls may come from several threads but never at the same time. Results
/// and errors are [`remaining_capital_batch`]'s; an empty batch makes no call, and a failed
/// batch never reports `(total, total)`. A panic in `progress` propagates to the caller.
///
/// ```
/// use edgecore::finance::amortization::{remaining_capital_batch_with_progress, Loan, LoanKind};
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use std::sync::Mutex;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let loan = Loan::new(Decimal::new(200_000, 0), Decimal::new(6, 0), 360, d(2024, 1, 1), LoanKind::Annuity);
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// let owed = remaining_capital_batch_with_progress(&vec![loan; 5000], d(2024, 5, 15), &report)
///     .unwrap();
/// assert_eq!(owed[4999], Decimal::new(19_899_449, 2));
/// assert_eq!(seen.lock().unwrap().last(), Some(&(5000, 5000)));
/// ```
pub fn remaining_capital_batch_with_progress(
    loans: &[Loan],
    as_of: NaiveDate,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Decimal>> {
    remaining_capital_all(loans, as_of, Some(progress))
}

/// Loans per parallel task of [`remaining_capital_batch`]. A loan is a few microseconds of
/// work, and each task collects its loans into a vector of its own: one loan per task spent
/// an allocation per loan. 32 loans make that cost negligible, while a batch at
/// [`PARALLEL_THRESHOLD`] still splits into 8 tasks.
const LOANS_PER_TASK: usize = 32;

/// The one kernel of the batch forms: [`LOANS_PER_TASK`] loans per parallel task.
fn remaining_capital_all(
    loans: &[Loan],
    as_of: NaiveDate,
    progress: Option<ProgressFn<'_>>,
) -> Result<Vec<Decimal>> {
    let parallel = loans.len() >= PARALLEL_THRESHOLD;
    map_chunks(loans, LOANS_PER_TASK, parallel, progress, |_, loan| {
        remaining_capital(loan, as_of)
    })
}

#[cfg(test)]
mod tests;
