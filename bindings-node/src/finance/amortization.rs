//! Loan amortization (`edgecore::finance::amortization`): exact schedules to the cent,
//! French conventions (annuity, linear, in fine; insurance; partial or total deferral).

use crate::convert::{ToJs, day, names, read, record};
use crate::errors::{OrThrow, Result, as_value};
use crate::js::JsString;
use crate::js::{Built, Date, Input, Script, columns_buffer};
use crate::task::{Background, Progress, background};
use chrono::{Datelike, NaiveDate};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, JsValue};
use napi_derive::napi;

names! {
    "How the capital is repaid once any deferral is over: `annuity` (constant payment), `linear` (constant principal part), `in_fine` (interest only, then the whole capital with the last payment)."
    LoanKind = edgecore::finance::amortization::LoanKind { Annuity = "annuity", Linear = "linear", InFine = "in_fine" }

    "What a borrower's insurance premium is a percentage of: `initial` (the capital borrowed) or `remaining` (the capital still owed before each payment)."
    InsuranceBase = edgecore::finance::amortization::InsuranceBase { Initial = "initial", Remaining = "remaining" }

    "What is paid during a deferral: `partial` (interest only) or `total` (nothing; the interest is capitalised)."
    DeferralKind = edgecore::finance::amortization::DeferralKind { Partial = "partial", Total = "total" }
}

/// Borrower insurance: a yearly percentage of its base, paid monthly (every month of the
/// loan, deferral months included).
#[napi(object)]
pub struct Insurance {
    /// Annual rate in PERCENT of the base ("0.36" for 0.36% a year), 0 to 100, a decimal
    /// string.
    pub annual_rate_pct: JsString,
    /// What the rate applies to.
    #[napi(ts_type = "InsuranceBase")]
    pub base: JsString,
}

record!(both Insurance = edgecore::finance::amortization::Insurance { annual_rate_pct, base });

/// A deferral at the start of the loan, counted within the loan's total duration.
#[napi(object)]
pub struct Deferral {
    /// Number of deferred months; less than the loan's months (0 means none).
    pub months: f64,
    /// What is paid meanwhile.
    #[napi(ts_type = "DeferralKind")]
    pub kind: JsString,
}

record!(input Deferral = edgecore::finance::amortization::Deferral { months, kind });

/// Written by hand: `months` crosses as a JavaScript number (read as a whole `u32`).
impl ToJs for edgecore::finance::amortization::Deferral {
    type Js = Deferral;
    fn to_js(self) -> Deferral {
        Deferral {
            months: f64::from(self.months),
            kind: self.kind.to_js(),
        }
    }
}

/// A fixed-rate loan repaid monthly, e.g. `{ principal: '150000', annualRatePct: '3.5',
/// months: 240, firstPayment: new Date('2024-02-05'), kind: 'annuity' }`.
#[napi(object)]
pub struct Loan {
    /// Capital borrowed, a whole number of cents > 0 (decimal string).
    pub principal: JsString,
    /// Nominal annual rate in PERCENT ("3.5" for 3.5%), 0 to 1000, a decimal string; the
    /// monthly rate is this / 12 / 100.
    pub annual_rate_pct: JsString,
    /// Total number of monthly payments, deferral included, 1 to 1200.
    pub months: f64,
    /// Date of the first payment (its UTC day); later payments keep its day of the month
    /// (clamped to the month's last day).
    pub first_payment: Date,
    /// How the capital is repaid.
    #[napi(ts_type = "LoanKind")]
    pub kind: JsString,
    /// Optional borrower insurance.
    pub insurance: Option<Option<Insurance>>,
    /// Optional deferral at the start.
    pub deferral: Option<Option<Deferral>>,
}

record!(input Loan = edgecore::finance::amortization::Loan { principal, annual_rate_pct, months, first_payment, kind, insurance, deferral });

/// Written by hand: `months` crosses as a JavaScript number (read as a whole `u32`).
impl ToJs for edgecore::finance::amortization::Loan {
    type Js = Loan;
    fn to_js(self) -> Loan {
        Loan {
            principal: self.principal.to_js(),
            annual_rate_pct: self.annual_rate_pct.to_js(),
            months: f64::from(self.months),
            first_payment: self.first_payment.to_js(),
            kind: self.kind.to_js(),
            insurance: self.insurance.to_js(),
            deferral: self.deferral.to_js(),
        }
    }
}

/// One month of the schedule. Amounts are decimal strings rounded to the cent.
///
/// A row is a view of the schedule's columns: each field is an enumerable getter that
/// makes its value when read (a decimal string from the integer cents, a new `Date`), so a
/// schedule costs one small object per month until its fields are read. `row.toJSON()`
/// (and `JSON.stringify`) give the plain object; an object spread (`{ ...row }`) copies no
/// field, use `row.toJSON()`.
#[napi(object)]
pub struct Row {
    /// Payment number, from 1.
    pub number: u32,
    /// Date of the payment (UTC midnight).
    pub date: Date,
    /// Amount paid to the lender, insurance excluded: `interest + principal`.
    pub payment: JsString,
    /// Interest of the month: `roundCents(remaining before x annualRatePct / 1200)`.
    pub interest: JsString,
    /// Capital repaid; negative in a total deferral (capitalised interest).
    pub principal: JsString,
    /// Insurance premium of the month ("0.00" without insurance).
    pub insurance: JsString,
    /// Capital still owed after this payment.
    pub remaining: JsString,
    /// The deferral kind for a deferral month, absent for an amortising month.
    #[napi(ts_type = "DeferralKind")]
    pub deferral: Option<Option<JsString>>,
}

// `amortizationSchedule` builds its rows in JavaScript (`amortization.js`); this conversion
// is kept as the field-by-field check that the declarations match the core's `Row`.
record!(output Row = edgecore::finance::amortization::Row { number, date, payment, interest, principal, insurance, remaining, deferral });

/// A loan's full repayment table and its totals (decimal strings).
#[napi(object)]
pub struct Schedule {
    /// The regular payment, insurance excluded (the first, largest, payment of a linear
    /// loan; the monthly interest of an in-fine loan).
    pub payment: JsString,
    /// One row per month.
    pub rows: Vec<Row>,
    /// Sum of the interest column (capitalised interest included).
    pub total_interest: JsString,
    /// Sum of the insurance column.
    pub total_insurance: JsString,
    /// Everything the borrower pays: payments plus insurance.
    pub total_paid: JsString,
    /// `totalInterest + totalInsurance`.
    pub cost_of_credit: JsString,
    /// Date of the last payment.
    pub end_date: Date,
}

record!(output Schedule = edgecore::finance::amortization::Schedule { payment, rows, total_interest, total_insurance, total_paid, cost_of_credit, end_date });

/// Declares the layout of a schedule's cents columns ONCE: [`CENT_COLUMNS`], the names in
/// the order the columns are written, [`row_cents`], a row's cents in that order, and
/// [`SHAPES`], the JavaScript builders (`amortization.js`) given the same names.
macro_rules! cent_columns {
    ($($field:ident),+ $(,)?) => {
        /// The cents columns of a schedule, in buffer order: the row fields of `Schedule`
        /// and, with `Cents` appended, the typed arrays of `ScheduleColumns`.
        pub const CENT_COLUMNS: &[&str] = &[$(stringify!($field)),+];

        /// A row's cents, in the order of [`CENT_COLUMNS`].
        fn row_cents(
            row: &edgecore::finance::amortization::CentsRow,
        ) -> [i64; CENT_COLUMNS.len()] {
            [$(row.$field),+]
        }

        /// The JavaScript builders of the two schedule forms (see `amortization.js`), given
        /// [`CENT_COLUMNS`].
        static SHAPES: Script = Script::new(concat!(
            "(",
            include_str!("amortization.js"),
            ")([",
            $("'", stringify!($field), "',",)+
            "])"
        ));
    };
}

cent_columns!(payment, interest, principal, insurance, remaining);

/// Index of the `Schedule` builder in [`SHAPES`].
const SCHEDULE: usize = 0;
/// Index of the `ScheduleColumns` builder in [`SHAPES`].
const COLUMNS: usize = 1;

/// Computes the columns of `loan`'s schedule and lays them out with builder `shape` of
/// [`SHAPES`]: the figures are the core's, moved in one `ArrayBuffer` (see
/// `amortization.js` for the arguments). A core error is thrown with its `code`, as by the
/// other functions.
fn shaped_schedule(env: &Env, loan: Input<Loan>, shape: usize) -> napi::Result<Built> {
    let loan: edgecore::finance::amortization::Loan =
        read(loan, "loan", "loan").map_err(|e| as_value(*env, e))?;
    // Days since 1970-01-01; every calendar date is within 2^31 days of it.
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).map_or(0, |d| d.num_days_from_ce());
    // Capped as the core caps it: an invalid loan fails before any row is written.
    let months = loan.months.min(edgecore::finance::amortization::MAX_MONTHS) as usize;
    let (buffer, summary) = columns_buffer(env, months, |columns| {
        edgecore::finance::amortization::amortization_schedule_each(&loan, move |row| {
            columns.push(row_cents(row), row.day - epoch);
        })
    })?;
    let s = summary.or_throw().map_err(|e| as_value(*env, e))?;
    let deferral = match s.deferral {
        Some(kind) => env.create_string(kind.as_str())?.raw(),
        None => crate::js::undefined(env)?,
    };
    // Whole cents below 2^53 cross as numbers (formatted by the builder, cheaper than a
    // string made here); anything else as the decimal string itself. The core's totals are
    // cents with two decimal places, so the mantissa is the number of cents.
    let text = |value: rust_decimal::Decimal| -> napi::Result<_> {
        const EXACT: i128 = 1 << 53;
        let cents = Some(value.mantissa()).filter(|c| value.scale() == 2 && c.abs() < EXACT);
        Ok(match cents {
            Some(c) => env.create_double(c as f64)?.raw(),
            None => env.create_string(value.to_string())?.raw(),
        })
    };
    let args = [
        buffer,
        env.create_uint32(months as u32)?.raw(),
        env.create_uint32(s.deferral_months)?.raw(),
        deferral,
        text(s.payment)?,
        text(s.total_interest)?,
        text(s.total_insurance)?,
        text(s.total_paid)?,
        text(s.cost_of_credit)?,
        env.create_double(s.end_date.to_js().0)?.raw(),
    ];
    SHAPES.call(env, shape, &args)
}

/// The full amortization table of a loan. Annuity payment `roundCents(C r / (1 - (1 +
/// r)^-n))`, `r = annualRatePct / 1200`; the principal parts add up exactly to the capital.
/// Throws `InvalidAmount` (principal), `InvalidParameter` (rate, months, deferral...),
/// `InvalidRecord` (malformed loan), `UnknownName` (kind, base).
///
/// ```js
/// amortizationSchedule({ principal: '200000', annualRatePct: '7.5', months: 180,
///   firstPayment: new Date('2024-01-01'), kind: 'annuity' }).payment // '1854.02'
/// ```
#[napi(catch_unwind, ts_return_type = "Schedule")]
pub fn amortization_schedule(
    env: Env,
    #[napi(ts_arg_type = "Loan")] loan: Input<Loan>,
) -> napi::Result<Built> {
    shaped_schedule(&env, loan, SCHEDULE)
}

/// A loan's repayment table as columns, for dashboards and charts: one typed array per
/// column, amounts in integer CENTS. Row `i` is payment number `i + 1`.
///
/// Every cents value is an integer below 2^53 in absolute value, so a `Float64Array` holds it
/// exactly (divide by 100 only for display, e.g. `(c / 100).toFixed(2)`, or sum in cents).
/// Dates are UTC days since 1970-01-01 (`new Date(day * 86400000)` is the payment's UTC
/// midnight). The regular payment and the totals are decimal strings, as in `Schedule`. The
/// six typed arrays are views of one `ArrayBuffer`.
// Built in JavaScript (`amortization.js`): this struct only declares the type.
#[napi(object, object_from_js = false, object_to_js = false)]
#[allow(dead_code)]
pub struct ScheduleColumns {
    /// The regular payment, insurance excluded (as `Schedule.payment`).
    pub payment: JsString,
    /// Date of each payment, as UTC days since 1970-01-01.
    #[napi(ts_type = "Int32Array")]
    pub epoch_days: Vec<i32>,
    /// Amount paid to the lender in each row, insurance excluded, in cents.
    #[napi(ts_type = "Float64Array")]
    pub payment_cents: Vec<f64>,
    /// Interest of each row, in cents.
    #[napi(ts_type = "Float64Array")]
    pub interest_cents: Vec<f64>,
    /// Capital repaid in each row, in cents (negative in a total deferral).
    #[napi(ts_type = "Float64Array")]
    pub principal_cents: Vec<f64>,
    /// Insurance premium of each row, in cents.
    #[napi(ts_type = "Float64Array")]
    pub insurance_cents: Vec<f64>,
    /// Capital still owed after each row, in cents.
    #[napi(ts_type = "Float64Array")]
    pub remaining_cents: Vec<f64>,
    /// Number of leading rows that are deferral months (0 without deferral).
    pub deferral_months: u32,
    /// The kind of those deferral months, absent without deferral.
    #[napi(ts_type = "DeferralKind")]
    pub deferral: Option<Option<JsString>>,
    /// Sum of the interest column (decimal string).
    pub total_interest: JsString,
    /// Sum of the insurance column.
    pub total_insurance: JsString,
    /// Everything the borrower pays: payments plus insurance.
    pub total_paid: JsString,
    /// `totalInterest + totalInsurance`.
    pub cost_of_credit: JsString,
    /// Date of the last payment.
    pub end_date: Date,
}

/// The amortization table of `amortizationSchedule` as typed-array columns of integer cents
/// (see `ScheduleColumns`): the same figures to the cent, without one object, `Date` and
/// strings per row. Throws as `amortizationSchedule`.
///
/// ```js
/// const c = amortizationScheduleColumns({ principal: '200000', annualRatePct: '7.5',
///   months: 180, firstPayment: new Date('2024-01-01'), kind: 'annuity' })
/// c.payment            // '1854.02'
/// c.interestCents[0]   // 125000
/// ```
#[napi(catch_unwind, ts_return_type = "ScheduleColumns")]
pub fn amortization_schedule_columns(
    env: Env,
    #[napi(ts_arg_type = "Loan")] loan: Input<Loan>,
) -> napi::Result<Built> {
    shaped_schedule(&env, loan, COLUMNS)
}

/// A loan from the wealth platform's real-estate credit fields: the amount borrowed and the
/// annual rate in PERCENT (decimal strings), the duration in whole YEARS (a decimal string
/// with no fraction, "25") and the start month "YYYY-MM". An annuity of `12 x years` monthly
/// payments, the first on the 1st of the month after the start month ("2021-03" -> 2021-04-01
/// UTC). Throws `InvalidParameter` naming `duration_years`, `start` or the rate,
/// `InvalidAmount` for the amount, `InvalidRecord` for a string that is not a number.
#[napi(catch_unwind)]
pub fn loan_from_fields(
    amount: JsString,
    annual_rate_pct: JsString,
    duration_years: JsString,
    start: JsString,
) -> Result<Loan> {
    use crate::convert::amount as decimal;
    let loan = edgecore::finance::amortization::Loan::from_fields(
        decimal("amount", amount)?,
        decimal("annualRatePct", annual_rate_pct)?,
        decimal("durationYears", duration_years)?,
        &start,
    )
    .or_throw()?;
    Ok(Loan {
        principal: loan.principal.to_js(),
        annual_rate_pct: loan.annual_rate_pct.to_js(),
        months: f64::from(loan.months),
        first_payment: loan.first_payment.to_js(),
        kind: loan.kind.to_js(),
        insurance: None,
        deferral: None,
    })
}

/// Number of payments dated on or before `asOf` (its UTC day).
#[napi(catch_unwind)]
pub fn payments_made(#[napi(ts_arg_type = "Loan")] loan: Input<Loan>, as_of: Date) -> Result<u32> {
    let loan: edgecore::finance::amortization::Loan = read(loan, "loan", "loan")?;
    edgecore::finance::amortization::payments_made(&loan, day("asOf", as_of)?).or_throw()
}

/// Capital still owed once every payment dated on or before `asOf` is made (a decimal
/// string), computed without building the table.
#[napi(catch_unwind)]
pub fn remaining_capital(
    #[napi(ts_arg_type = "Loan")] loan: Input<Loan>,
    as_of: Date,
) -> Result<JsString> {
    let loan: edgecore::finance::amortization::Loan = read(loan, "loan", "loan")?;
    edgecore::finance::amortization::remaining_capital(&loan, day("asOf", as_of)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// `remainingCapital` of every loan at the same date, in order (parallel from 256 loans).
/// Throws the first failing loan's error.
#[napi(catch_unwind)]
pub fn remaining_capital_batch(
    #[napi(ts_arg_type = "Loan[]")] loans: Input<Vec<Loan>>,
    as_of: Date,
) -> Result<Vec<JsString>> {
    let loans: Vec<edgecore::finance::amortization::Loan> = read(loans, "loan", "loans")?;
    edgecore::finance::amortization::remaining_capital_batch(&loans, day("asOf", as_of)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// `remainingCapitalBatch` off the main thread: resolves to the same amounts, or rejects
/// with the same error. `onProgress(done, total)` counts loans, reported about every 4096 and once at the end (the
/// core's `remaining_capital_batch_with_progress`).
#[napi(catch_unwind, ts_return_type = "Promise<string[]>")]
pub fn remaining_capital_batch_async(
    #[napi(ts_arg_type = "Loan[]")] loans: Input<Vec<Loan>>,
    as_of: Date,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Vec<JsString>>>> {
    let loans: Vec<edgecore::finance::amortization::Loan> = read(loans, "loan", "loans")?;
    let as_of = day("asOf", as_of)?;
    Ok(background(on_progress, move |report| {
        edgecore::finance::amortization::remaining_capital_batch_with_progress(
            &loans, as_of, report,
        )
        .map(ToJs::to_js)
    }))
}
