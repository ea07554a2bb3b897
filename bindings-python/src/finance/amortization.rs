//! `edgecore::finance::amortization`: French-convention loan schedules (as rows or as numpy
//! columns), capital remaining and payments made at a date.

use crate::convert::Text;
use crate::convert::{ToPy, amount, to_py_named};
use crate::errors::OrRaise;
use crate::progress::detach_reporting;
use crate::record::{FromPy, from_py_list, from_py_opt, record};
use chrono::NaiveDate;
use edgecore::finance::amortization::{
    self as amortization, Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind,
    ScheduleColumns, ScheduleSummary,
};
use numpy::datetime::{Datetime, units::Days};
use numpy::{Element, PyArray1, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

to_py_named!(LoanKind, InsuranceBase, DeferralKind);

record!(input PyInsurance(amortization::Insurance) as "Insurance", "insurance" {
    annual_rate_pct, base
});

record!(input PyDeferral(amortization::Deferral) as "Deferral", "deferral" { months, kind });

record!(input PyLoan(amortization::Loan) as "Loan", "loan" {
    principal, annual_rate_pct, months, first_payment, kind, insurance, deferral
} methods {
    /// A loan from the wealth platform's real-estate credit fields: the amount borrowed and
    /// the annual rate in PERCENT (Decimal, int, str or float), the duration in whole YEARS
    /// (int, or a Decimal/str/float with no fraction) and the start month "YYYY-MM". An
    /// annuity of `12 x years` monthly payments, the first on the 1st of the month after the
    /// start month ("2021-03" -> 2021-04-01). Errors: `InvalidParameterError` naming
    /// `duration_years`, `start` or the rate, `InvalidAmountError` for the amount,
    /// `InvalidRecordError` for a value that is not a number.
    #[staticmethod]
    fn from_fields(
        amount: &Bound<'_, PyAny>,
        annual_rate_pct: &Bound<'_, PyAny>,
        duration_years: &Bound<'_, PyAny>,
        start: Text,
    ) -> PyResult<Self> {
        Loan::from_fields(
            crate::convert::amount("amount", amount)?,
            crate::convert::amount("annual_rate_pct", annual_rate_pct)?,
            crate::convert::amount("duration_years", duration_years)?,
            &start,
        )
        .or_raise()
        .map(Self)
    }
});

record!(output PyRow(amortization::Row) as "Row" {
    number, date, payment, interest, principal, insurance, remaining, deferral
});

record!(output PySchedule(amortization::Schedule) as "Schedule" {
    payment, rows, total_interest, total_insurance, total_paid, cost_of_credit, end_date
} table rows);

/// The loan of `amortization_schedule`'s arguments: a `Loan` (or its dict) passed alone as
/// the first argument, or the loan's fields.
#[allow(clippy::too_many_arguments)]
fn loan_from_args(
    principal: &Bound<'_, PyAny>,
    annual_rate_pct: Option<&Bound<'_, PyAny>>,
    months: Option<&Bound<'_, PyAny>>,
    first_payment: Option<NaiveDate>,
    kind: Text,
    insurance: Option<&Bound<'_, PyAny>>,
    deferral: Option<&Bound<'_, PyAny>>,
) -> PyResult<Loan> {
    let months = crate::convert::opt_int::<u32>("months", months)?;
    let (Some(rate), Some(months), Some(first_payment)) = (annual_rate_pct, months, first_payment)
    else {
        return Loan::from_py("loan", principal);
    };
    Ok(Loan {
        principal: amount("principal", principal)?,
        annual_rate_pct: amount("annual_rate_pct", rate)?,
        months,
        first_payment,
        kind: crate::convert::name(&kind)?,
        insurance: from_py_opt::<Insurance>("insurance", insurance)?,
        deferral: from_py_opt::<Deferral>("deferral", deferral)?,
    })
}

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
#[pyo3(
    signature = (principal, annual_rate_pct = None, months = None, first_payment = None, kind = Text::from("annuity"), insurance = None, deferral = None),
    text_signature = "(principal, annual_rate_pct=None, months=None, first_payment=None, kind='annuity', insurance=None, deferral=None)"
)]
fn amortization_schedule(
    principal: &Bound<'_, PyAny>,
    annual_rate_pct: Option<&Bound<'_, PyAny>>,
    months: Option<&Bound<'_, PyAny>>,
    first_payment: Option<NaiveDate>,
    kind: Text,
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

/// The amortization table of `amortization_schedule_columns` as columns (read-only numpy
/// arrays), for dashboards, charts and DataFrames: `dates` (`datetime64[D]`, the date of
/// each payment) and the int64 columns of integer CENTS `payment_cents` (paid to the lender,
/// insurance excluded), `interest_cents`, `principal_cents` (negative in a total deferral),
/// `insurance_cents` and `remaining_cents` (capital still owed after the row); row `i` is
/// payment number `i + 1`. Besides them, as in `Schedule`: the regular `payment`,
/// `deferral_months` (leading deferral rows, 0 without deferral), `deferral` (their kind,
/// None without deferral), `total_interest`, `total_insurance`, `total_paid`,
/// `cost_of_credit` (Decimal) and `end_date`. `to_dict()` gives them as a dict (the columns
/// as the same arrays).
#[pyclass(module = "edgecore", name = "ScheduleColumns", frozen)]
pub struct PyScheduleColumns {
    /// The scalar fields.
    totals: ScheduleSummary,
    dates: Py<PyArray1<Datetime<Days>>>,
    /// `payment_cents`, `interest_cents`, `principal_cents`, `insurance_cents`,
    /// `remaining_cents`, in that order.
    cents: [Py<PyArray1<i64>>; 5],
}

/// The names of `PyScheduleColumns::cents`, in order.
const CENTS_COLUMNS: [&str; 5] = [
    "payment_cents",
    "interest_cents",
    "principal_cents",
    "insurance_cents",
    "remaining_cents",
];

/// A numpy array that Python code cannot write to (results are immutable).
fn read_only<T: Element>(array: Bound<'_, PyArray1<T>>) -> PyResult<Py<PyArray1<T>>> {
    array.getattr("flags")?.setattr("writeable", false)?;
    Ok(array.unbind())
}

impl PyScheduleColumns {
    /// Moves the core's columns into numpy arrays (no copy of the cents columns).
    fn new(py: Python<'_>, columns: ScheduleColumns) -> PyResult<Self> {
        let days = columns
            .dates
            .iter()
            .map(|d| Datetime::from(i64::from(d.to_epoch_days())))
            .collect();
        let cents = [
            columns.payment_cents,
            columns.interest_cents,
            columns.principal_cents,
            columns.insurance_cents,
            columns.remaining_cents,
        ]
        .map(|column| read_only(PyArray1::from_vec(py, column)));
        let [payment, interest, principal, insurance, remaining] = cents;
        Ok(Self {
            totals: columns.summary,
            dates: read_only(PyArray1::from_vec(py, days))?,
            cents: [payment?, interest?, principal?, insurance?, remaining?],
        })
    }

    /// Every field with its name, in the core's order.
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
        let t = &self.totals;
        let mut fields = vec![
            ("payment", t.payment.to_py(py)?),
            ("dates", self.dates.bind(py).clone().into_any()),
        ];
        for (name, column) in CENTS_COLUMNS.into_iter().zip(&self.cents) {
            fields.push((name, column.bind(py).clone().into_any()));
        }
        fields.extend([
            ("deferral_months", t.deferral_months.to_py(py)?),
            ("deferral", t.deferral.to_py(py)?),
            ("total_interest", t.total_interest.to_py(py)?),
            ("total_insurance", t.total_insurance.to_py(py)?),
            ("total_paid", t.total_paid.to_py(py)?),
            ("cost_of_credit", t.cost_of_credit.to_py(py)?),
            ("end_date", t.end_date.to_py(py)?),
        ]);
        Ok(fields)
    }

    /// The table's columns by name: `dates`, then the cents columns.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("dates", self.dates.bind(py))?;
        for (name, column) in CENTS_COLUMNS.into_iter().zip(&self.cents) {
            dict.set_item(name, column.bind(py))?;
        }
        Ok(dict)
    }

    /// The cents column `i` of `CENTS_COLUMNS`.
    fn column<'py>(&self, py: Python<'py>, i: usize) -> Bound<'py, PyArray1<i64>> {
        self.cents[i].bind(py).clone()
    }
}

#[pymethods]
impl PyScheduleColumns {
    /// The regular payment, insurance excluded (as `Schedule.payment`).
    #[getter]
    fn payment(&self) -> Decimal {
        self.totals.payment
    }

    /// The date of each payment (numpy `datetime64[D]`).
    #[getter]
    fn dates<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<Datetime<Days>>> {
        self.dates.bind(py).clone()
    }

    /// Paid to the lender in each row, insurance excluded, in cents (int64).
    #[getter]
    fn payment_cents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.column(py, 0)
    }

    /// Interest of each row, in cents (int64).
    #[getter]
    fn interest_cents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.column(py, 1)
    }

    /// Capital repaid in each row, in cents (int64; negative in a total deferral).
    #[getter]
    fn principal_cents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.column(py, 2)
    }

    /// Insurance premium of each row, in cents (int64).
    #[getter]
    fn insurance_cents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.column(py, 3)
    }

    /// Capital still owed after each row, in cents (int64).
    #[getter]
    fn remaining_cents<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.column(py, 4)
    }

    /// Number of leading rows that are deferral months (0 without deferral).
    #[getter]
    fn deferral_months(&self) -> u32 {
        self.totals.deferral_months
    }

    /// The kind of the deferral months ("partial" or "total"); None without deferral.
    #[getter]
    fn deferral<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.totals.deferral.to_py(py)
    }

    /// Sum of the interest column.
    #[getter]
    fn total_interest(&self) -> Decimal {
        self.totals.total_interest
    }

    /// Sum of the insurance column.
    #[getter]
    fn total_insurance(&self) -> Decimal {
        self.totals.total_insurance
    }

    /// Everything the borrower pays: payments plus insurance.
    #[getter]
    fn total_paid(&self) -> Decimal {
        self.totals.total_paid
    }

    /// `total_interest + total_insurance`.
    #[getter]
    fn cost_of_credit(&self) -> Decimal {
        self.totals.cost_of_credit
    }

    /// The date of the last payment.
    #[getter]
    fn end_date(&self) -> NaiveDate {
        self.totals.end_date
    }

    /// The fields as a dict (the columns as the same read-only numpy arrays).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in self.fields(py)? {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// The table as a pandas DataFrame of its columns: `dates` (datetime64) and the five
    /// int64 cents columns, the same arrays (no copy by this package, none per row).
    /// Errors: `ImportError` without pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::tables::frame(py, self.columns(py)?, "pandas")
    }

    /// The table as a polars DataFrame of its columns (as `to_pandas()`).
    /// Errors: `ImportError` without polars.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::tables::frame(py, self.columns(py)?, "polars")
    }

    /// The number of rows.
    fn __len__(&self, py: Python<'_>) -> usize {
        self.dates.bind(py).len()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let fields = self
            .fields(py)?
            .into_iter()
            .map(|(name, value)| Ok(format!("{name}={}", value.repr()?)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!("ScheduleColumns({})", fields.join(", ")))
    }

    /// Restores a table from its pickled state: the totals' JSON and the six columns.
    /// Errors: `InvalidRecordError` for columns of different lengths or a bad state.
    #[classmethod]
    #[allow(clippy::too_many_arguments)]
    fn _from_state(
        _cls: &Bound<'_, pyo3::types::PyType>,
        state: Text,
        dates: &Bound<'_, PyArray1<Datetime<Days>>>,
        payment_cents: &Bound<'_, PyArray1<i64>>,
        interest_cents: &Bound<'_, PyArray1<i64>>,
        principal_cents: &Bound<'_, PyArray1<i64>>,
        insurance_cents: &Bound<'_, PyArray1<i64>>,
        remaining_cents: &Bound<'_, PyArray1<i64>>,
    ) -> PyResult<Self> {
        let totals = crate::pickle::from_state("ScheduleColumns", &state)?;
        let cents = [
            payment_cents,
            interest_cents,
            principal_cents,
            insurance_cents,
            remaining_cents,
        ];
        if cents.iter().any(|c| c.len() != dates.len()) {
            return Err(crate::errors::to_py_err(edgecore::Error::invalid_record(
                "ScheduleColumns",
                "cannot be unpickled: its columns differ in length",
            )));
        }
        let copy = |c: &Bound<'_, PyArray1<i64>>| -> PyResult<_> {
            read_only(PyArray1::from_slice(c.py(), c.readonly().as_slice()?))
        };
        Ok(Self {
            totals,
            dates: read_only(PyArray1::from_slice(
                dates.py(),
                dates.readonly().as_slice()?,
            ))?,
            cents: [
                copy(payment_cents)?,
                copy(interest_cents)?,
                copy(principal_cents)?,
                copy(insurance_cents)?,
                copy(remaining_cents)?,
            ],
        })
    }

    /// Pickles as the totals' JSON and the columns (numpy arrays pickle themselves).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let state = crate::pickle::to_state("ScheduleColumns", &this.totals)?;
        let [a, b, c, d, e] = &this.cents;
        crate::pickle::reduce(
            slf.as_any(),
            (
                state,
                this.dates.clone_ref(py),
                a.clone_ref(py),
                b.clone_ref(py),
                c.clone_ref(py),
                d.clone_ref(py),
                e.clone_ref(py),
            ),
        )
    }

    /// The table itself (it is immutable).
    fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// The table itself (it is immutable).
    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf.clone().unbind()
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PyScheduleColumns>() else {
            return Ok(false);
        };
        let other = other.get();
        if self.totals != other.totals
            || self.dates.bind(py).readonly().as_slice()?
                != other.dates.bind(py).readonly().as_slice()?
        {
            return Ok(false);
        }
        for (mine, theirs) in self.cents.iter().zip(&other.cents) {
            if mine.bind(py).readonly().as_slice()? != theirs.bind(py).readonly().as_slice()? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The table of `amortization_schedule` (same arguments, same errors, same figures to the
/// cent) as columns: a `ScheduleColumns` whose `dates` is a numpy `datetime64[D]` array and
/// whose `payment_cents`, `interest_cents`, `principal_cents`, `insurance_cents` and
/// `remaining_cents` are numpy int64 arrays of integer cents, with the regular `payment`
/// and the totals as Decimal; no object is built per row. A `Loan` may be passed alone.
#[pyfunction]
#[pyo3(
    signature = (principal, annual_rate_pct = None, months = None, first_payment = None, kind = Text::from("annuity"), insurance = None, deferral = None),
    text_signature = "(principal, annual_rate_pct=None, months=None, first_payment=None, kind='annuity', insurance=None, deferral=None)"
)]
#[allow(clippy::too_many_arguments)]
fn amortization_schedule_columns(
    py: Python<'_>,
    principal: &Bound<'_, PyAny>,
    annual_rate_pct: Option<&Bound<'_, PyAny>>,
    months: Option<&Bound<'_, PyAny>>,
    first_payment: Option<NaiveDate>,
    kind: Text,
    insurance: Option<&Bound<'_, PyAny>>,
    deferral: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyScheduleColumns> {
    let loan = loan_from_args(
        principal,
        annual_rate_pct,
        months,
        first_payment,
        kind,
        insurance,
        deferral,
    )?;
    let columns = amortization::amortization_schedule_columns(&loan).or_raise()?;
    PyScheduleColumns::new(py, columns)
}

/// Number of payments of `loan` (a `Loan` or dict) dated on or before `as_of`.
#[pyfunction]
fn payments_made(loan: &Bound<'_, PyAny>, as_of: NaiveDate) -> PyResult<u32> {
    amortization::payments_made(&Loan::from_py("loan", loan)?, as_of).or_raise()
}

/// Capital still owed on `loan` (a `Loan` or dict) once every payment dated on or before
/// `as_of` is made, as a Decimal: the principal before the first payment, 0 after the last.
#[pyfunction]
fn remaining_capital(loan: &Bound<'_, PyAny>, as_of: NaiveDate) -> PyResult<Decimal> {
    amortization::remaining_capital(&Loan::from_py("loan", loan)?, as_of).or_raise()
}

/// `remaining_capital` of every loan at the same date, in order (in parallel without the
/// GIL): a list of Decimal. `progress`: True for a tqdm bar (when tqdm is installed), or a callable receiving
/// `(done, total)` after about every 4096 items and at the end; an exception it raises is
/// raised after the run. Errors: the first bad loan's.
#[pyfunction]
#[pyo3(signature = (loans, as_of, progress = None))]
fn remaining_capital_batch(
    py: Python<'_>,
    loans: &Bound<'_, PyAny>,
    as_of: NaiveDate,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Decimal>> {
    let loans: Vec<Loan> = from_py_list("loans", loans)?;
    detach_reporting(py, progress, loans.len(), |report| match report {
        Some(report) => amortization::remaining_capital_batch_with_progress(&loans, as_of, report),
        None => amortization::remaining_capital_batch(&loans, as_of),
    })?
    .or_raise()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyInsurance>()?;
    m.add_class::<PyDeferral>()?;
    m.add_class::<PyLoan>()?;
    m.add_class::<PyRow>()?;
    m.add_class::<PySchedule>()?;
    m.add_class::<PyScheduleColumns>()?;
    m.add_function(wrap_pyfunction!(amortization_schedule, m)?)?;
    m.add_function(wrap_pyfunction!(amortization_schedule_columns, m)?)?;
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
