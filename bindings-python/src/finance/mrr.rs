//! `edgecore::finance::mrr`: monthly recurring revenue at a date and over a month. The core's
//! `finance::mrr::Subscription` is `edgecore.MrrSubscription` in Python, as the flat package
//! already has the risk monitor's `Subscription`.

use crate::convert::to_py_named;
use crate::errors::OrRaise;
use crate::record::{from_py_list, record};
use chrono::NaiveDate;
use edgecore::finance::mrr as core_mrr;
use edgecore::finance::mrr::{BillingPeriod, Subscription};
use pyo3::prelude::*;

to_py_named!(BillingPeriod);

record!(input PyMrrSubscription(core_mrr::Subscription) as "MrrSubscription", "subscription" {
    customer, plan, price, period, start, end
});

record!(output PyPlanMrr(core_mrr::PlanMrr) as "PlanMrr" { plan, mrr, subscriptions, customers });

record!(output PyMrr(core_mrr::Mrr) as "Mrr" {
    as_of, mrr, active_subscriptions, active_customers, paying_customers, arpu, by_plan
});

record!(output PyMrrMovement(core_mrr::MrrMovement) as "MrrMovement" {
    year, month, opening_mrr, new_mrr, churned_mrr, closing_mrr, new_subscriptions,
    churned_subscriptions
});

/// Monthly recurring revenue of the subscriptions active on `as_of` (yearly prices count
/// for price / 12): an `Mrr` with the total, active subscriptions and customers, ARPU and
/// the figures by plan. `subscriptions` are `MrrSubscription` objects or dicts
/// `{"customer", "plan", "price", "period", "start", "end"}`.
/// Errors: `InvalidAmountError`, `InvalidParameterError`, `InvalidRecordError`.
#[pyfunction]
fn mrr<'py>(
    py: Python<'py>,
    subscriptions: &Bound<'py, PyAny>,
    as_of: NaiveDate,
) -> PyResult<PyMrr> {
    let subscriptions: Vec<Subscription> = from_py_list("subscriptions", subscriptions)?;
    crate::parallel::detach(py, || core_mrr::mrr(&subscriptions, as_of))?
        .or_raise()
        .map(PyMrr)
}

/// How MRR moved during `month` (1 to 12) of `year`: an `MrrMovement` with opening, new,
/// churned and closing MRR and the subscription counts. Errors: `InvalidParameterError`
/// (month, year), then those of `mrr`.
#[pyfunction]
fn mrr_movement<'py>(
    py: Python<'py>,
    subscriptions: &Bound<'py, PyAny>,
    year: &Bound<'py, PyAny>,
    month: &Bound<'py, PyAny>,
) -> PyResult<PyMrrMovement> {
    let (year, month) = (
        crate::convert::int("year", year)?,
        crate::convert::int("month", month)?,
    );
    let subscriptions: Vec<Subscription> = from_py_list("subscriptions", subscriptions)?;
    crate::parallel::detach(py, || core_mrr::mrr_movement(&subscriptions, year, month))?
        .or_raise()
        .map(PyMrrMovement)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMrrSubscription>()?;
    m.add_class::<PyPlanMrr>()?;
    m.add_class::<PyMrr>()?;
    m.add_class::<PyMrrMovement>()?;
    m.add_function(wrap_pyfunction!(mrr, m)?)?;
    m.add_function(wrap_pyfunction!(mrr_movement, m)?)?;
    Ok(())
}
