//! Loan amortization with French conventions, exact in `Decimal`.
//!
//! Conventions (those of French banks, the wealth platform's market):
//! - The monthly rate is proportional: `r = annual_rate_pct / 12 / 100`.
//! - Every amount a borrower sees is rounded to the cent, half away from zero
//!   ([`round_cents`]): the regular payment, each row's interest
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

use crate::check;
use crate::error::{Error, Result};
use crate::money::{round_cents, to_f64};
use crate::names::named_enum;
use chrono::{Datelike, Months, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Largest principal accepted, 10^12 (one trillion currency units); it also bounds the capital
/// after a total deferral. Far above any real loan, it keeps every intermediate product exact.
pub const MAX_PRINCIPAL: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);
/// Largest annual rate accepted, in percent (1000 means 1000% a year).
pub const MAX_ANNUAL_RATE_PCT: Decimal = Decimal::ONE_THOUSAND;
/// Largest insurance rate accepted, in percent a year of its base.
pub const MAX_INSURANCE_RATE_PCT: Decimal = Decimal::ONE_HUNDRED;
/// Longest loan accepted, in months (100 years).
pub const MAX_MONTHS: u32 = 1200;

/// 12 months x 100 (percent): a percent annual rate times an amount, divided by this, is the
/// month's interest.
const MONTHS_PERCENT: Decimal = Decimal::from_parts(1200, 0, 0, false, 0);

named_enum! {
    /// How the capital is repaid once any deferral is over.
    pub enum LoanKind ("loan kind") {
        /// Constant payment (interest + principal), the usual mortgage.
        Annuity = "annuity",
        /// Constant principal part; the interest, hence the payment, decreases.
        Linear = "linear",
        /// Interest only every month, then the whole capital with the last payment.
        InFine = "in_fine",
    }
}

named_enum! {
    /// What a borrower's insurance premium is a percentage of.
    pub enum InsuranceBase ("insurance base") {
        /// The capital borrowed: the premium is the same every month.
        Initial = "initial",
        /// The capital still owed before each payment: the premium decreases with it.
        Remaining = "remaining",
    }
}

named_enum! {
    /// What is paid during a deferral.
    pub enum DeferralKind ("deferral kind") {
        /// Partial deferral: only the interest is paid; the capital stays the same.
        Partial = "partial",
        /// Total deferral: nothing is paid; the interest is added to the capital
        /// (capitalised).
        Total = "total",
    }
}

/// Borrower insurance: a yearly percentage of [`InsuranceBase`], paid monthly.
///
/// Monthly premium = `round_cents(base x annual_rate_pct / 100 / 12)`; it is due every month
/// of the loan, deferral months included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insurance {
    /// Annual rate in percent of the base (0.36 for 0.36% a year), 0 to 100.
    pub annual_rate_pct: Decimal,
    /// What the rate applies to.
    pub base: InsuranceBase,
}

/// A deferral at the start of the loan, counted within the loan's total duration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deferral {
    /// Number of deferred months; must be less than the loan's months (0 means none).
    pub months: u32,
    /// What is paid meanwhile.
    pub kind: DeferralKind,
}

/// A fixed-rate loan repaid monthly.
///
/// Deserialises from JSON with decimal strings and ISO dates, e.g.
/// `{"principal": "150000", "annual_rate_pct": "3.5", "months": 240,
///   "first_payment": "2024-02-05", "kind": "annuity"}` (`insurance` and `deferral` are
/// optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loan {
    /// Capital borrowed, a whole number of cents greater than 0 and at most
    /// [`MAX_PRINCIPAL`].
    pub principal: Decimal,
    /// Nominal annual rate in PERCENT (3.5 for 3.5%), 0 to [`MAX_ANNUAL_RATE_PCT`]; the
    /// monthly rate is this / 12 / 100.
    pub annual_rate_pct: Decimal,
    /// Total number of monthly payments, deferral included, 1 to [`MAX_MONTHS`].
    pub months: u32,
    /// Date of the first payment; later payments keep its day of the month (clamped to the
    /// month's last day).
    pub first_payment: NaiveDate,
    /// How the capital is repaid.
    pub kind: LoanKind,
    /// Optional borrower insurance.
    #[serde(default)]
    pub insurance: Option<Insurance>,
    /// Optional deferral at the start.
    #[serde(default)]
    pub deferral: Option<Deferral>,
}

impl Loan {
    /// A loan without insurance or deferral (set the public fields to add them). Nothing is
    /// checked here: every function taking a loan calls [`Loan::validate`].
    pub fn new(
        principal: Decimal,
        annual_rate_pct: Decimal,
        months: u32,
        first_payment: NaiveDate,
        kind: LoanKind,
    ) -> Loan {
        Loan {
            principal,
            annual_rate_pct,
            months,
            first_payment,
            kind,
            insurance: None,
            deferral: None,
        }
    }

    /// A loan from the wealth platform's real-estate credit fields: the amount borrowed,
    /// the annual rate in PERCENT, the duration in whole YEARS and the start month as
    /// "YYYY-MM" (the month the funds are released). An annuity loan of `12 x years` monthly
    /// payments, the first on the 1st of the month after the start month (start "2021-03":
    /// payments from 2021-04-01), French conventions (proportional monthly rate).
    ///
    /// Errors: `InvalidParameter` naming `duration_years` (not a whole number of years from
    /// 1 to `MAX_MONTHS / 12`) or `start` (not "YYYY-MM" with a month 01 to 12), then the
    /// checks of [`Loan::validate`] (`InvalidAmount` for the amount, `InvalidParameter` for
    /// the rate).
    ///
    /// ```
    /// use edgecore::finance::amortization::Loan;
    /// use rust_decimal::Decimal;
    /// let loan = Loan::from_fields(Decimal::new(200_000, 0), Decimal::new(32, 1),
    ///     Decimal::new(20, 0), "2021-03").unwrap();
    /// assert_eq!(loan.months, 240);
    /// assert_eq!(loan.first_payment.to_string(), "2021-04-01");
    /// assert_eq!(Loan::from_fields(Decimal::ONE, Decimal::ONE, Decimal::ONE, "2021-3")
    ///     .unwrap_err().kind(), "InvalidParameter");
    /// ```
    pub fn from_fields(
        amount: Decimal,
        annual_rate_pct: Decimal,
        duration_years: Decimal,
        start: &str,
    ) -> Result<Loan> {
        let years = Some(duration_years)
            .filter(|y| y.fract().is_zero() && *y >= Decimal::ONE)
            .and_then(|y| u32::try_from(y.mantissa() / 10i128.pow(y.scale())).ok())
            .filter(|&y| y <= MAX_MONTHS / 12)
            .ok_or_else(|| Error::InvalidParameter {
                name: "duration_years",
                value: duration_years.to_string(),
                reason: "a whole number of years from 1 to 100",
            })?;
        let first_payment = start_month(start)
            .and_then(|month| month.checked_add_months(Months::new(1)))
            .ok_or_else(|| Error::InvalidParameter {
                name: "start",
                value: start.to_string(),
                reason: "a month written YYYY-MM (e.g. 2021-03)",
            })?;
        let loan = Loan::new(
            amount,
            annual_rate_pct,
            years * 12,
            first_payment,
            LoanKind::Annuity,
        );
        loan.validate()?;
        Ok(loan)
    }

    /// Checks every field: `InvalidAmount` for a principal <= 0, above [`MAX_PRINCIPAL`] or
    /// with a fraction of a cent;
    /// `InvalidParameter` for a rate below 0 or above [`MAX_ANNUAL_RATE_PCT`], `months` 0 or
    /// above [`MAX_MONTHS`], a deferral as long as the loan or longer, an insurance rate below
    /// 0 or above [`MAX_INSURANCE_RATE_PCT`], or payment dates outside the years 1 to 9999
    /// (the calendar whose dates every binding can hold: Python's `date` ends at 9999). (A
    /// total deferral whose capitalised capital would pass [`MAX_PRINCIPAL`] is detected when
    /// the schedule is computed.) When several fields are bad, the first in declaration order
    /// is reported (principal, rate, months, first payment, insurance, deferral).
    pub fn validate(&self) -> Result<()> {
        check::positive_amount("principal", self.principal)?;
        if self.principal > MAX_PRINCIPAL {
            return Err(Error::InvalidAmount {
                name: "principal",
                value: self.principal,
                reason: "must be at most 10^12",
            });
        }
        if round_cents(self.principal) != self.principal {
            return Err(Error::InvalidAmount {
                name: "principal",
                value: self.principal,
                reason: "must be a whole number of cents",
            });
        }
        check::decimal_parameter(
            "annual_rate_pct",
            self.annual_rate_pct,
            |r| r >= Decimal::ZERO && r <= MAX_ANNUAL_RATE_PCT,
            "must be a percentage from 0 to 1000",
        )?;
        if self.months == 0 || self.months > MAX_MONTHS {
            return Err(Error::InvalidParameter {
                name: "months",
                value: self.months.to_string(),
                reason: "must be from 1 to 1200",
            });
        }
        // Fields in declaration order: the first payment's date range comes before the
        // insurance and the deferral.
        let last = payment_date(self.first_payment, self.months)?;
        if self.first_payment.year() < 1 || last.year() > 9999 {
            return Err(beyond_calendar(self.first_payment));
        }
        if let Some(insurance) = &self.insurance {
            check::decimal_parameter(
                "insurance.annual_rate_pct",
                insurance.annual_rate_pct,
                |r| r >= Decimal::ZERO && r <= MAX_INSURANCE_RATE_PCT,
                "must be a percentage from 0 to 100",
            )?;
        }
        let deferred = self.deferral.as_ref().map_or(0, |d| d.months);
        if deferred >= self.months {
            return Err(Error::InvalidParameter {
                name: "deferral.months",
                value: deferred.to_string(),
                reason: "must be less than the loan's months (the deferral is part of them)",
            });
        }
        Ok(())
    }
}

/// One month of the schedule. Amounts are rounded to the cent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Payment number, from 1.
    pub number: u32,
    /// Date of the payment.
    pub date: NaiveDate,
    /// Amount paid to the lender, insurance excluded: `interest + principal` (0 in a total
    /// deferral).
    pub payment: Decimal,
    /// Interest of the month: `round_cents(remaining before x annual_rate_pct / 1200)`.
    pub interest: Decimal,
    /// Capital repaid. Negative in a total deferral, where the interest is capitalised
    /// (`principal = -interest`), so the principal parts always add up to the capital
    /// borrowed.
    pub principal: Decimal,
    /// Insurance premium of the month (0 without insurance).
    pub insurance: Decimal,
    /// Capital still owed after this payment.
    pub remaining: Decimal,
    /// `Some(kind)` for a deferral month, `None` for an amortising month.
    pub deferral: Option<DeferralKind>,
}

/// A loan's full repayment table and its totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// The regular payment, insurance excluded: the constant payment of an annuity; the
    /// first (largest) amortising payment of a linear loan; the monthly interest of an in-fine
    /// loan (its last payment adds the capital).
    pub payment: Decimal,
    /// One row per month, `months` rows.
    pub rows: Vec<Row>,
    /// Sum of the interest column (capitalised interest included).
    pub total_interest: Decimal,
    /// Sum of the insurance column.
    pub total_insurance: Decimal,
    /// Everything the borrower pays: payments plus insurance.
    pub total_paid: Decimal,
    /// `total_interest + total_insurance`, which equals `total_paid - principal`.
    pub cost_of_credit: Decimal,
    /// Date of the last payment.
    pub end_date: NaiveDate,
}

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

/// A loan's repayment table as columns, for dashboards and bindings that move whole columns
/// at once: the same figures as [`amortization_schedule`], bit for bit, with each row's
/// amounts as integer numbers of cents.
///
/// Row `i` (0-based) of the table is payment number `i + 1`: `dates[i]`,
/// `payment_cents[i]` ... `remaining_cents[i]` are the `date`, `payment` ... `remaining` of
/// [`amortization_schedule`]'s row `i` times 100; rows `0..summary.deferral_months` are
/// deferral months of kind `summary.deferral`. Every amount of a row is at most 2 x 10^14 cents in absolute
/// value (the capital is at most [`MAX_PRINCIPAL`]), so it is exact in an `f64` (below 2^53).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleColumns {
    /// Date of each payment.
    pub dates: Vec<NaiveDate>,
    /// Amount paid to the lender in each row, insurance excluded, in cents.
    pub payment_cents: Vec<i64>,
    /// Interest of each row, in cents.
    pub interest_cents: Vec<i64>,
    /// Capital repaid in each row, in cents (negative in a total deferral).
    pub principal_cents: Vec<i64>,
    /// Insurance premium of each row, in cents.
    pub insurance_cents: Vec<i64>,
    /// Capital still owed after each row, in cents.
    pub remaining_cents: Vec<i64>,
    /// The regular payment, the deferral, the totals and the last date (in JSON, its fields
    /// stand beside the columns).
    #[serde(flatten)]
    pub summary: ScheduleSummary,
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

/// One row of a schedule with its amounts in integer cents, as given by
/// [`amortization_schedule_each`]: the `Row` of [`amortization_schedule`] with each amount
/// times 100 (every one is at most 2 x 10^14 cents in absolute value, see
/// [`ScheduleColumns`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CentsRow {
    /// Payment number, from 1.
    pub number: u32,
    /// Date of the payment.
    pub date: NaiveDate,
    /// The same date as days since 0001-01-01 (`NaiveDate::num_days_from_ce`; 1970-01-01 is
    /// day 719,163), for callers that store dates as numbers.
    pub day: i32,
    /// Amount paid to the lender, insurance excluded, in cents.
    pub payment: i64,
    /// Interest of the month, in cents.
    pub interest: i64,
    /// Capital repaid, in cents (negative in a total deferral).
    pub principal: i64,
    /// Insurance premium of the month, in cents.
    pub insurance: i64,
    /// Capital still owed after this payment, in cents.
    pub remaining: i64,
    /// `Some(kind)` for a deferral month, `None` for an amortising month.
    pub deferral: Option<DeferralKind>,
}

/// What a schedule adds up to, besides its rows (see [`amortization_schedule_each`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleSummary {
    /// The regular payment, insurance excluded (see [`Schedule::payment`]).
    pub payment: Decimal,
    /// Number of leading rows that are deferral months (0 without deferral).
    pub deferral_months: u32,
    /// The kind of those deferral months, `None` without deferral.
    pub deferral: Option<DeferralKind>,
    /// Sum of the interest column (see [`Schedule::total_interest`]).
    pub total_interest: Decimal,
    /// Sum of the insurance column.
    pub total_insurance: Decimal,
    /// Everything the borrower pays: payments plus insurance.
    pub total_paid: Decimal,
    /// `total_interest + total_insurance`.
    pub cost_of_credit: Decimal,
    /// Date of the last payment.
    pub end_date: NaiveDate,
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
    let one = |loan: &Loan| remaining_capital(loan, as_of);
    let results: Vec<Result<Decimal>> = if loans.len() >= PARALLEL_THRESHOLD {
        loans.par_iter().map(one).collect()
    } else {
        loans.iter().map(one).collect()
    };
    results.into_iter().collect()
}

/// Date of payment `number` (1-based): `first + (number - 1)` months, end-of-month clamped.
fn payment_date(first: NaiveDate, number: u32) -> Result<NaiveDate> {
    first
        .checked_add_months(Months::new(number.saturating_sub(1)))
        .ok_or_else(|| beyond_calendar(first))
}

/// The error of a loan whose payments would run past the calendar.
fn beyond_calendar(first: NaiveDate) -> Error {
    Error::InvalidParameter {
        name: "first_payment",
        value: first.to_string(),
        reason: "the loan's payments must fall within the years 1 to 9999",
    }
}

/// The payment dates from `first` on, one month apart: `payment_date(first, k)` for
/// `k = 1, 2, ...`, each with its day number (days since 0001-01-01,
/// `NaiveDate::num_days_from_ce`). Each month steps a few integer operations from the day
/// number of its 1st, and the date is its year's 1 January moved to that day of the year:
/// one calendar lookup a year. Past the calendar's range the dates stay at its last day; a
/// validated loan never gets there.
struct PaymentDates {
    /// Day number of the 1st of the month of the next payment.
    month_start: i32,
    year: i32,
    month: u32,
    /// Day of the month of `first`, kept by every payment (clamped to shorter months).
    day: u32,
    /// 1 January of `year` (`None` past the calendar's range), and its day number.
    new_year: Option<NaiveDate>,
    new_year_day: i32,
}

impl PaymentDates {
    fn new(first: NaiveDate) -> PaymentDates {
        // `day()` is 1 to 31 and `ordinal()` 1 to 366.
        let day = first.day();
        PaymentDates {
            month_start: first.num_days_from_ce() - (day as i32 - 1),
            year: first.year(),
            month: first.month(),
            day,
            new_year: first.with_ordinal(1),
            new_year_day: first.num_days_from_ce() - (first.ordinal() as i32 - 1),
        }
    }

    /// The date of the next payment and its day number.
    #[inline(always)]
    fn next_date(&mut self) -> (NaiveDate, i32) {
        let length = days_in_month(self.year, self.month);
        // At most 31: the casts are exact.
        let day = self.month_start + self.day.min(length) as i32 - 1;
        // From 1 to 366 inside the year.
        let ordinal = (day - self.new_year_day + 1) as u32;
        let date = self
            .new_year
            .and_then(|new_year| new_year.with_ordinal(ordinal))
            .unwrap_or(NaiveDate::MAX);
        self.month_start = self.month_start.saturating_add(length as i32);
        if self.month == 12 {
            self.year = self.year.saturating_add(1);
            self.month = 1;
            self.new_year = NaiveDate::from_yo_opt(self.year, 1);
            self.new_year_day = self.month_start;
        } else {
            self.month += 1;
        }
        (date, day)
    }
}

/// Number of days of `month` (1 to 12) of `year` in the proleptic Gregorian calendar.
#[inline]
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How many of the `months` payments starting at `first` are dated on or before `as_of`.
fn payments_due(first: NaiveDate, months: u32, as_of: NaiveDate) -> u32 {
    if as_of < first {
        return 0;
    }
    let elapsed = i64::from(as_of.year() - first.year()) * 12 + i64::from(as_of.month())
        - i64::from(first.month());
    // Payment `elapsed + 1` falls in as_of's month; it is made if its (clamped) day has come.
    let Ok(elapsed) = u32::try_from(elapsed) else {
        return 0;
    };
    if elapsed >= months {
        return months;
    }
    match first.checked_add_months(Months::new(elapsed)) {
        Some(date) if date <= as_of => elapsed + 1,
        _ => elapsed,
    }
}

/// An amount in cents as a `Decimal`. Every amount of a schedule is bounded by validation
/// (capital at most 10^14 cents, totals far below `Decimal`'s 7.9 x 10^28).
#[inline]
fn cents(amount: i128) -> Decimal {
    Decimal::from_i128_with_scale(amount, 2)
}

/// An amount of a schedule in cents as an `i64`: every such amount is bounded by
/// validation (see [`ScheduleColumns`]), far inside `i64`; the saturation is never reached.
#[inline]
fn cents_i64(amount: i128) -> i64 {
    i64::try_from(amount).unwrap_or(if amount < 0 { i64::MIN } else { i64::MAX })
}

/// A whole number of cents (validated or already rounded) as an integer.
#[inline]
fn to_cents(amount: Decimal) -> i128 {
    let amount = round_cents(amount);
    // `round_cents` leaves at most 2 decimal places.
    amount.mantissa() * 10i128.pow(2u32.saturating_sub(amount.scale()))
}

/// `numerator / denominator` rounded half away from zero, for `numerator >= 0` and
/// `denominator > 0`. One hardware 64-bit division when both fit in a `u64` (every loan
/// quoted in practice), the 128-bit division otherwise.
#[inline]
fn div_round(numerator: i128, denominator: i128) -> i128 {
    match (u64::try_from(numerator), u64::try_from(denominator)) {
        (Ok(n), Ok(d)) if d > 0 => i128::from(div_round_u64(n, d)),
        _ => {
            let (quotient, remainder) = (numerator / denominator, numerator % denominator);
            quotient + i128::from(remainder >= denominator - remainder)
        }
    }
}

/// `numerator / denominator` rounded half away from zero, for `denominator > 0`.
#[inline]
fn div_round_u64(numerator: u64, denominator: u64) -> u64 {
    let (quotient, remainder) = (numerator / denominator, numerator % denominator);
    quotient + u64::from(remainder >= denominator - remainder)
}

/// An annual percentage applied monthly: `round_cents(amount x pct / 1200)`, exactly.
#[derive(Clone, Copy)]
struct MonthlyRate {
    pct: Decimal,
    /// `pct / 1200` as an integer fraction when its decimals are few enough (at most 20, every
    /// rate quoted in practice) for `cents x numerator` to fit in an `i128`.
    fraction: Option<(i128, i128)>,
    /// The same fraction in fixed point, when its denominator is at most `2^63` (at most 15
    /// decimals) and the fraction below 1, for the 64-bit path of [`MonthlyRate::charge`].
    fixed: Option<FixedFraction>,
}

/// A fraction `f = num / den` in `[0, 1)` with `den <= 2^63`, as `F = ceil(2^128 f)`, so
/// that `round_half_up(a f) = floor((a F + 2^127) / 2^128)` for every `a < 2^64`: two
/// independent 64-bit multiplications where the schedule's row-to-row chain otherwise
/// needs a multiplication and a division.
///
/// Exact: `a F + 2^127 = 2^128 (a f + 1/2) + a e` with `0 <= e < 1`, so the computed value
/// exceeds `a f + 1/2` by less than `a / 2^128 < 2^-64`. `a f + 1/2` is a multiple of
/// `1 / (2 den)`: it is an integer, or at least `1 / (2 den) >= 2^-64` below the next
/// integer, and the floor is unchanged either way.
#[derive(Clone, Copy)]
struct FixedFraction {
    high: u64,
    low: u64,
}

impl FixedFraction {
    /// `ceil(2^128 num / den)`; `None` unless `num < den <= 2^63`.
    fn new(num: u64, den: u64) -> Option<FixedFraction> {
        if den == 0 || den > 1 << 63 || num >= den {
            return None;
        }
        // Long division in base 2^64; every partial dividend is below den 2^64 <= 2^127.
        let (num, den) = (u128::from(num), u128::from(den));
        let high = (num << 64) / den;
        let rest = (num << 64) % den;
        let low = (rest << 64) / den;
        let exact = (rest << 64) % den == 0;
        // At most 2^128 - 1: f < 1 leaves room for the rounding up.
        let f = (high << 64 | low) + u128::from(!exact);
        Some(FixedFraction {
            high: (f >> 64) as u64,
            low: f as u64,
        })
    }

    /// `a f` rounded half up.
    #[inline(always)]
    fn round(self, a: u64) -> u64 {
        let a = u128::from(a);
        let low = (a * u128::from(self.low)) >> 64;
        let high = a * u128::from(self.high);
        ((high + low + (1 << 63)) >> 64) as u64
    }
}

impl MonthlyRate {
    fn new(pct: Decimal) -> MonthlyRate {
        let pct = pct.normalize();
        let fraction = 10i128
            .checked_pow(pct.scale())
            .filter(|_| pct.scale() <= 20)
            .map(|power| (pct.mantissa(), 1200 * power));
        let fixed = fraction.and_then(|(num, den)| {
            FixedFraction::new(u64::try_from(num).ok()?, u64::try_from(den).ok()?)
        });
        MonthlyRate {
            pct,
            fraction,
            fixed,
        }
    }

    /// `round_cents(amount x pct / 1200)` on an amount in cents (0 or more), in cents: 64-bit
    /// fixed point (every rate quoted in practice), else 128-bit integer arithmetic, else
    /// `Decimal` from the exact product.
    #[inline(always)]
    fn charge(&self, amount: i64) -> i64 {
        if let (Some(fixed), Ok(amount)) = (self.fixed, u64::try_from(amount)) {
            // At most `amount` (f < 1), an `i64`.
            return i64::try_from(fixed.round(amount)).unwrap_or(i64::MAX);
        }
        cents_i64(self.charge_wide(amount.into()))
    }

    /// [`MonthlyRate::charge`] beyond 64 bits: 128-bit integer arithmetic when the product
    /// fits, else `Decimal` from the exact product.
    #[inline(never)]
    fn charge_wide(&self, amount: i128) -> i128 {
        match self
            .fraction
            .and_then(|(num, den)| Some((amount.checked_mul(num)?, den)))
        {
            Some((product, den)) => div_round(product, den),
            None => to_cents(cents(amount) * self.pct / MONTHS_PERCENT),
        }
    }
}

/// A validated loan ready to give its rows, with every amount in integer cents.
///
/// Rows are generated phase by phase (deferral months, amortising months but the last, the
/// last month) by one loop whose rule takes each phase's parameters (see
/// [`Amortizer::run`]): a row costs a few integer operations on top of its interest.
struct Amortizer {
    kind: LoanKind,
    rate: MonthlyRate,
    months: u32,
    first_payment: NaiveDate,
    deferral: Option<(u32, DeferralKind)>,
    /// Insurance rate and, for an initial base, the constant premium.
    insurance: Option<(MonthlyRate, InsuranceBase, i64)>,
    /// Annuity payment, or linear principal part, during amortisation.
    amortizing_amount: i64,
    /// The payment reported in [`Schedule::payment`].
    regular_payment: i64,
    /// The capital borrowed.
    principal: i64,
}

impl Amortizer {
    fn new(loan: &Loan) -> Result<Amortizer> {
        loan.validate()?;
        let rate = MonthlyRate::new(loan.annual_rate_pct);
        let principal = cents_i64(to_cents(loan.principal));
        let deferral = loan
            .deferral
            .as_ref()
            .filter(|d| d.months > 0)
            .map(|d| (d.months, d.kind));
        let deferred = deferral.map_or(0, |(months, _)| months);
        let capital = match deferral {
            Some((months, DeferralKind::Total)) => capitalised(principal, rate, months)?,
            _ => principal,
        };
        let n = loan.months - deferred;
        let first_interest = rate.charge(capital);
        let amortizing_amount = match loan.kind {
            // Never below the first month's interest, so the capital cannot grow: at extreme
            // rates over long terms the annuity term is under half a cent.
            LoanKind::Annuity => {
                cents_i64(annuity_cents(capital.into(), rate, n)).max(first_interest)
            }
            LoanKind::Linear => cents_i64(div_round(capital.into(), n.into())),
            LoanKind::InFine => 0,
        };
        let regular_payment = match loan.kind {
            LoanKind::Annuity => amortizing_amount,
            LoanKind::Linear => first_interest + amortizing_amount.min(capital),
            LoanKind::InFine => first_interest,
        };
        let insurance = loan.insurance.as_ref().map(|i| {
            let rate = MonthlyRate::new(i.annual_rate_pct);
            (rate, i.base, rate.charge(principal))
        });
        Ok(Amortizer {
            kind: loan.kind,
            rate,
            months: loan.months,
            first_payment: loan.first_payment,
            deferral,
            insurance,
            amortizing_amount,
            regular_payment,
            principal,
        })
    }

    /// Gives rows 1 to `count` (at most the loan's months) to `row`, in order, and returns
    /// the capital owed after them (the principal when `count` is 0).
    ///
    /// Every row follows one rule, `principal = min(amount - interest [if less_interest],
    /// capital owed)` and `payment = interest + principal`, with the parameters of its
    /// [`Phase`], so the rows come from a single loop with no per-row decision on the loan's
    /// kind.
    #[inline(always)]
    fn run(&self, count: u32, mut row: impl FnMut(&CentsRow)) -> i64 {
        let count = count.min(self.months);
        let (deferred, deferral) = match self.deferral {
            Some((months, kind)) => (months, Some(kind)),
            None => (0, None),
        };
        let phases = [
            // Partial deferral: `min(0, owed) = 0`, interest only. Total deferral:
            // `min(-interest, owed) = -interest`, nothing paid, the interest capitalised.
            Phase {
                end: deferred,
                amount: 0,
                less_interest: deferral == Some(DeferralKind::Total),
                deferral,
            },
            // Amortising months but the last: the annuity less the interest, the linear
            // part, or nothing (in fine), never more than the capital owed.
            Phase {
                end: self.months - 1,
                amount: self.amortizing_amount,
                less_interest: self.kind == LoanKind::Annuity,
                deferral: None,
            },
            // The last month repays whatever capital is left.
            Phase {
                end: self.months,
                amount: i64::MAX,
                less_interest: false,
                deferral: None,
            },
        ];
        let (rate, mut dates) = (&self.rate, PaymentDates::new(self.first_payment));
        let (mut number, mut remaining) = (0, self.principal);
        for phase in phases {
            let mask = if phase.less_interest { -1 } else { 0 };
            while number < phase.end.min(count) {
                number += 1;
                let before = remaining;
                let interest = rate.charge(before);
                let principal = (phase.amount - (interest & mask)).min(before);
                remaining = before - principal;
                let insurance = match self.insurance {
                    None => 0,
                    Some((_, InsuranceBase::Initial, premium)) => premium,
                    Some((ref rate, InsuranceBase::Remaining, _)) => rate.charge(before),
                };
                let (date, day) = dates.next_date();
                row(&CentsRow {
                    number,
                    date,
                    day,
                    payment: interest + principal,
                    interest,
                    principal,
                    insurance,
                    remaining,
                    deferral: phase.deferral,
                });
            }
        }
        remaining
    }
}

/// The rows of a schedule up to number `end` (from the previous phase's end), all made by
/// the rule of [`Amortizer::run`] with these parameters.
struct Phase {
    end: u32,
    amount: i64,
    less_interest: bool,
    deferral: Option<DeferralKind>,
}

/// The capital in cents after `months` of total deferral: each month's rounded interest is
/// added. `InvalidParameter` if it would pass [`MAX_PRINCIPAL`].
fn capitalised(principal: i64, rate: MonthlyRate, months: u32) -> Result<i64> {
    let max = cents_i64(to_cents(MAX_PRINCIPAL));
    let mut capital = principal;
    for _ in 0..months {
        capital += rate.charge(capital);
        if capital > max {
            return Err(Error::InvalidParameter {
                name: "deferral.months",
                value: months.to_string(),
                reason: "a total deferral this long would capitalise the capital beyond 10^12",
            });
        }
    }
    Ok(capital)
}

/// [`annuity_payment`] in cents, for a capital in cents: decided by a floating-point estimate
/// of the payment when it is clearly away from a half cent, else by [`annuity_payment`].
///
/// The estimate `C r (1 + 1 / expm1(n ln_1p(r)))` is within 10^-12 of the exact payment,
/// relatively (a few roundings, and the error of `ln_1p` amplified at most `n ln(1 + r) + 1`
/// times by `expm1`, so at most about 730 times), and so is [`annuity_payment`]'s `Decimal`
/// computation (28 significant digits, rates from 10^-6 %): when the estimate is more than
/// 10^-9 of itself away from the nearest half cent, both round to the same cent. Otherwise,
/// and outside those ranges, the `Decimal` computation decides.
fn annuity_cents(capital: i128, rate: MonthlyRate, n: u32) -> i128 {
    const MIN_PCT: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
    let estimate = || {
        if rate.pct < MIN_PCT || capital <= 0 || capital > to_cents(MAX_PRINCIPAL) {
            return None;
        }
        let r = to_f64(rate.pct) / 1200.0;
        let growth = (f64::from(n) * r.ln_1p()).exp_m1();
        // Past f64's range, 1 / growth is 0, as it is within 10^-28 past Decimal's.
        let payment = capital as f64 * r * (1.0 + 1.0 / growth);
        if !(payment.is_finite() && payment > 0.0 && payment < 4e15) {
            return None;
        }
        let whole = payment.floor();
        let fraction = payment - whole;
        let margin = (payment * 1e-9).max(1e-6);
        if (fraction - 0.5).abs() <= margin {
            return None;
        }
        Some(whole as i128 + i128::from(fraction > 0.5))
    };
    estimate().unwrap_or_else(|| to_cents(annuity_payment(cents(capital), rate.pct, n)))
}

/// Constant payment repaying `capital` in `n` months at `rate_pct` a year:
/// `round_cents(C r / (1 - (1 + r)^-n)) = round_cents(C r (1 + 1 / ((1 + r)^n - 1)))`.
///
/// `(1 + r)^n - 1` is computed directly (never as a difference of nearly equal numbers) by
/// exponentiation by squaring on `e(k) = (1 + r)^k - 1`, with
/// `e(a + b) = e(a) + e(b) + e(a) e(b)`, which keeps full relative precision for small rates.
/// When it exceeds `Decimal`'s range, `1 / e(n)` is below 10^-28 and the payment is `C r`.
fn annuity_payment(capital: Decimal, rate_pct: Decimal, n: u32) -> Decimal {
    if rate_pct.is_zero() {
        return round_cents(capital / Decimal::from(n));
    }
    let r = rate_pct / MONTHS_PERCENT;
    // C r from the exact product, as each row's interest is computed.
    let interest_only = capital * rate_pct / MONTHS_PERCENT;
    match growth_minus_one(r, n) {
        Some(e) if !e.is_zero() => {
            round_cents(interest_only + interest_only.checked_div(e).unwrap_or(Decimal::ZERO))
        }
        // The rate is below Decimal's resolution: no interest to speak of.
        Some(_) => round_cents(capital / Decimal::from(n)),
        None => round_cents(interest_only),
    }
}

/// `(1 + r)^n - 1` by squaring on `e = (1 + r)^k - 1`; `None` past `Decimal`'s range.
fn growth_minus_one(r: Decimal, n: u32) -> Option<Decimal> {
    let combine = |a: Decimal, b: Decimal| a.checked_add(b)?.checked_add(a.checked_mul(b)?);
    let (mut result, mut power, mut k) = (Decimal::ZERO, r, n);
    while k > 0 {
        if k & 1 == 1 {
            result = combine(result, power)?;
        }
        k >>= 1;
        if k > 0 {
            power = combine(power, power)?;
        }
    }
    Some(result)
}

/// The first day of a month written "YYYY-MM" (four-digit year, two-digit month).
fn start_month(text: &str) -> Option<NaiveDate> {
    let (year, month) = text.split_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn rounded_division_both_paths() {
        // Half away from zero, on the 64-bit path and on the 128-bit one.
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(15, 10), 2);
        let big = i128::from(u64::MAX);
        assert_eq!(div_round(big, 2), big / 2 + 1);
        assert_eq!(div_round(big + 1, 2), (big + 1) / 2);
        assert_eq!(div_round(big * 10 + 5, 10), big + 1);
        assert_eq!(div_round(big * 10 + 4, 10), big);
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
    fn fixed_fractions_round_exactly() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut fractions = vec![(0, 1200), (1, 2), (35, 12_000), (5, 1200), (1, 3), (2, 3)];
        fractions.extend([(1 << 62, 1 << 63), ((1 << 63) - 1, 1 << 63), (1, 1 << 63)]);
        for _ in 0..1000 {
            let den = (next() >> (next() % 63 + 1)).max(1);
            fractions.push((next() % den, den));
        }
        for (num, den) in fractions {
            let fixed = FixedFraction::new(num, den).unwrap();
            let mut amounts = vec![0, 1, 2, den, den / 2, den.saturating_mul(3) / 2, u64::MAX];
            for _ in 0..200 {
                amounts.push(next() >> (next() % 64));
            }
            for a in amounts {
                // Half up on a num / den: floor((2 a num + den) / (2 den)), in 256 bits' worth.
                let (a, n, d) = (u128::from(a), u128::from(num), u128::from(den));
                let product = a * n; // < 2^127
                let expected = (product / d) + u128::from(2 * (product % d) >= d);
                assert_eq!(
                    u128::from(fixed.round(a as u64)),
                    expected,
                    "{a} x {num} / {den}"
                );
            }
        }
        assert!(FixedFraction::new(1, 1).is_none() && FixedFraction::new(1, 0).is_none());
        assert!(FixedFraction::new(1, (1 << 63) + 1).is_none());
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
}
