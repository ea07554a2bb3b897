//! `edgecore::finance::amortization`: French-convention loan schedules, capital remaining and
//! payments made at a date.

use crate::convert::{amount, to_py_named};
use crate::errors::OrRaise;
use crate::record::{FromPy, from_py_list, from_py_opt, record};
use chrono::NaiveDate;
use edgecore::finance::amortization::{
    self as amortization, Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind,
};
use pyo3::prelude::*;
use rust_decimal::Decimal;

to_py_named!(LoanKind, InsuranceBase, DeferralKind);

record!(input PyInsurance(amortization::Insurance) as "Insurance", "insurance" {
    annual_rate_pct, base
});

record!(input PyDeferral(amortization::Deferral) as "Deferral", "deferral" { months, kind });

record!(input PyLoan(amortization::Loan) as "Loan", "loan" {
    principal, annual_rate_pct, months, first_payment, kind, insurance, deferral
});

record!(output PyRow(amortization::Row) as "Row" {
    number, date, payment, interest, principal, insurance, remaining, deferral
});

record!(output PySchedule(amortization::Schedule) as "Schedule" {
    payment, rows, total_interest, total_insurance, total_paid, cost_of_credit, end_date
});

/// The loan of `amortization_schedule`'s arguments: a `Loan` (or its dict) passed alone as
/// the first argument, or the loan's fields.
#[allow(clippy::too_many_arguments)]
fn loan_from_args(
    principal: &Bound<'_, PyAny>,
    annual_rate_pct: Option<&Bound<'_, PyAny>>,
    months: Option<u32>,
    first_payment: Option<NaiveDate>,
    kind: &str,
    insurance: Option<&Bound<'_, PyAny>>,
    deferral: Option<&Bound<'_, PyAny>>,
) -> PyResult<Loan> {
    let (Some(rate), Some(months), Some(first_payment)) = (annual_rate_pct, months, first_payment)
    else {
        return Loan::from_py(principal);
    };
    Ok(Loan {
        principal: amount("principal", principal)?,
        annual_rate_pct: amount("annual_rate_pct", rate)?,
        months,
        first_payment,
        kind: crate::convert::name(kind)?,
        insurance: from_py_opt::<Insurance>(insurance)?,
        deferral: from_py_opt::<Deferral>(deferral)?,
    })
}

/// amortization_schedule(principal, annual_rate_pct, months, first_payment, kind="annuity", insurance=None, deferral=None)
/// --
///
/// The full amortization table of a fixed-rate monthly loan (French conventions: monthly
/// rate = annual_rate_pct / 1200): a `Schedule` with the regular `payment`, the `rows`
/// (`number, date, payment, interest, principal, insurance, remaining, deferral`) and the
/// totals (`total_interest`, `total_insurance`, `total_paid`, `cost_of_credit`, `end_date`).
/// Amounts are Decimal (or int/str/float), `first_payment` a date, `kind` "annuity",
/// "linear" or "in_fine"; `insurance` an `Insurance` or dict `{"annual_rate_pct", "base"}`,
/// `deferral` a `Deferral` or dict `{"months", "kind"}`. A `Loan` may be passed alone
/// instead. Errors: `InvalidAmountError` (principal), `InvalidParameterError` (rate,
/// months, deferral, insurance), `UnknownNameError`.
#[pyfunction]
#[pyo3(signature = (principal, annual_rate_pct = None, months = None, first_payment = None, kind = "annuity", insurance = None, deferral = None))]
fn amortization_schedule(
    principal: &Bound<'_, PyAny>,
    annual_rate_pct: Option<&Bound<'_, PyAny>>,
    months: Option<u32>,
    first_payment: Option<NaiveDate>,
    kind: &str,
    insurance: Option<&Bound<'_, PyAny>>,
    deferral: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySchedule> {
    let loan = loan_from_args(
        principal,
        annual_rate_pct,
        months,
        first_payment,
        kind,
        insurance,
        deferral,
    )?;
    amortization::amortization_schedule(&loan)
        .or_raise()
        .map(PySchedule)
}

/// payments_made(loan, as_of)
/// --
///
/// Number of payments of `loan` (a `Loan` or dict) dated on or before `as_of`.
#[pyfunction]
fn payments_made(loan: &Bound<'_, PyAny>, as_of: NaiveDate) -> PyResult<u32> {
    amortization::payments_made(&Loan::from_py(loan)?, as_of).or_raise()
}

/// remaining_capital(loan, as_of)
/// --
///
/// Capital still owed on `loan` (a `Loan` or dict) once every payment dated on or before
/// `as_of` is made, as a Decimal: the principal before the first payment, 0 after the last.
#[pyfunction]
fn remaining_capital(loan: &Bound<'_, PyAny>, as_of: NaiveDate) -> PyResult<Decimal> {
    amortization::remaining_capital(&Loan::from_py(loan)?, as_of).or_raise()
}

/// remaining_capital_batch(loans, as_of)
/// --
///
/// `remaining_capital` of every loan at the same date, in order (in parallel without the
/// GIL): a list of Decimal. Errors: the first bad loan's.
#[pyfunction]
fn remaining_capital_batch(
    py: Python<'_>,
    loans: &Bound<'_, PyAny>,
    as_of: NaiveDate,
) -> PyResult<Vec<Decimal>> {
    let loans: Vec<Loan> = from_py_list(loans)?;
    py.detach(|| amortization::remaining_capital_batch(&loans, as_of))
        .or_raise()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyInsurance>()?;
    m.add_class::<PyDeferral>()?;
    m.add_class::<PyLoan>()?;
    m.add_class::<PyRow>()?;
    m.add_class::<PySchedule>()?;
    m.add_function(wrap_pyfunction!(amortization_schedule, m)?)?;
    m.add_function(wrap_pyfunction!(payments_made, m)?)?;
    m.add_function(wrap_pyfunction!(remaining_capital, m)?)?;
    m.add_function(wrap_pyfunction!(remaining_capital_batch, m)?)?;
    m.add("MAX_PRINCIPAL", amortization::MAX_PRINCIPAL)?;
    m.add("MAX_ANNUAL_RATE_PCT", amortization::MAX_ANNUAL_RATE_PCT)?;
    m.add(
        "MAX_INSURANCE_RATE_PCT",
        amortization::MAX_INSURANCE_RATE_PCT,
    )?;
    m.add("MAX_MONTHS", amortization::MAX_MONTHS)?;
    m.add("PARALLEL_THRESHOLD", amortization::PARALLEL_THRESHOLD)?;
    Ok(())
}
