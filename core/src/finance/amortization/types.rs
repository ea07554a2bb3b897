//! A loan's terms, their validation, and the shapes of its repayment table.

use super::calendar::{beyond_calendar, payment_date, start_month};
use crate::check;
use crate::error::{Error, Result};
use crate::money::round_cents;
use crate::names::named_enum;
use chrono::{Datelike, Months, NaiveDate};
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
#[serde(deny_unknown_fields)]
pub struct Insurance {
    /// Annual rate in percent of the base (0.36 for 0.36% a year), 0 to 100.
    pub annual_rate_pct: Decimal,
    /// What the rate applies to.
    pub base: InsuranceBase,
}

/// A deferral at the start of the loan, counted within the loan's total duration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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

/// A loan's repayment table as columns, for dashboards and bindings that move whole columns
/// at once: the same figures as [`amortization_schedule`], bit for bit, with each row's
/// amounts as integer numbers of cents.
///
/// Row `i` (0-based) of the table is payment number `i + 1`: `dates[i]`,
/// `payment_cents[i]` ... `remaining_cents[i]` are the `date`, `payment` ... `remaining` of
/// [`amortization_schedule`]'s row `i` times 100; rows `0..summary.deferral_months` are
/// deferral months of kind `summary.deferral`. Every amount of a row is at most 2 x 10^14
/// cents in absolute value (the capital is at most [`MAX_PRINCIPAL`]), so it is exact in an
/// `f64` (below 2^53).
///
/// [`amortization_schedule`]: super::amortization_schedule
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

/// One row of a schedule with its amounts in integer cents, as given by
/// [`amortization_schedule_each`]: the `Row` of [`amortization_schedule`] with each amount
/// times 100 (every one is at most 2 x 10^14 cents in absolute value, see
/// [`ScheduleColumns`]).
///
/// [`amortization_schedule_each`]: super::amortization_schedule_each
/// [`amortization_schedule`]: super::amortization_schedule
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
///
/// [`amortization_schedule_each`]: super::amortization_schedule_each
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
