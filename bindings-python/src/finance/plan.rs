//! `edgecore::finance::plan`: a monthly savings capacity split across envelopes, and
//! projections of monthly contributions.

use crate::convert::Text;
use crate::convert::{amount, float, int, name, to_py_named};
use crate::errors::OrRaise;
use crate::record::{FromPy, from_py_list, record};
use edgecore::finance::plan::{self, ContributionTiming, MonthlyRate, Plan, PlanLine};
use pyo3::prelude::*;

to_py_named!(MonthlyRate, ContributionTiming);

record!(input PyPlanLine(plan::PlanLine) as "PlanLine", "plan line" { name, percent });

record!(input PyPlanAllocation(plan::PlanAllocation) as "PlanAllocation", "plan allocation" {
    name, percent, amount
});

record!(input PyPlan(plan::Plan) as "Plan", "plan" { capacity, lines });

record!(output PyProjectionYear(plan::ProjectionYear) as "ProjectionYear" {
    year, contributed, value, gains
});

record!(output PyProjection(plan::Projection) as "Projection" {
    contributed, value, gains, by_year
});

record!(output PyLineProjection(plan::LineProjection) as "LineProjection" {
    name, monthly, annual_return_percent, projection
});

record!(output PyPlanProjection(plan::PlanProjection) as "PlanProjection" { lines, total });

/// Splits a monthly savings `capacity` (Decimal) across `lines` (`PlanLine` objects or dicts
/// `{"name", "percent"}`, percent as 33.33 for 33.33%): a `Plan` whose line amounts add up
/// exactly to the capacity (largest remainder to the cent). Errors: `InvalidAmountError`
/// (capacity), `InvalidParameterError` (a percent outside [0, 100], a sum other than 100).
#[pyfunction]
fn investment_plan(capacity: &Bound<'_, PyAny>, lines: &Bound<'_, PyAny>) -> PyResult<PyPlan> {
    let lines: Vec<PlanLine> = from_py_list("lines", lines)?;
    plan::investment_plan(amount("capacity", capacity)?, &lines)
        .or_raise()
        .map(PyPlan)
}

/// What `monthly` contributions (Decimal) are worth after `years` at `annual_return_percent`
/// (7.0 for 7%) a year: a `Projection` with `contributed`, `value`, `gains` and `by_year`,
/// to the cent. `rate`: "equivalent" ((1 + a)^(1/12) - 1) or "proportional" (a / 12);
/// `timing`: "start" or "end" of each month. Errors: `InvalidAmountError`,
/// `InvalidParameterError`, `UnknownNameError`.
#[pyfunction]
#[pyo3(
    signature = (monthly, annual_return_percent, years, rate = Text::from("equivalent"), timing = Text::from("end")),
    text_signature = "(monthly, annual_return_percent, years, rate='equivalent', timing='end')"
)]
fn project_contributions(
    monthly: &Bound<'_, PyAny>,
    annual_return_percent: &Bound<'_, PyAny>,
    years: &Bound<'_, PyAny>,
    rate: Text,
    timing: Text,
) -> PyResult<PyProjection> {
    plan::project_contributions(
        amount("monthly", monthly)?,
        float("annual_return_percent", annual_return_percent)?,
        int("years", years)?,
        name(&rate)?,
        name(&timing)?,
    )
    .or_raise()
    .map(PyProjection)
}

/// `project_contributions` of every line of a `Plan` (or its dict) with one annual return
/// in percent per line: a `PlanProjection` with the `lines` and their `total`.
/// Errors: `LengthMismatchError`, then those of `project_contributions`.
#[pyfunction]
#[pyo3(
    signature = (plan, annual_returns_percent, years, rate = Text::from("equivalent"), timing = Text::from("end")),
    text_signature = "(plan, annual_returns_percent, years, rate='equivalent', timing='end')"
)]
fn project_plan(
    plan: &Bound<'_, PyAny>,
    annual_returns_percent: &Bound<'_, PyAny>,
    years: &Bound<'_, PyAny>,
    rate: Text,
    timing: Text,
) -> PyResult<PyPlanProjection> {
    let returns = crate::arrays::f64_vec("annual_returns_percent", annual_returns_percent)?;
    let years = int("years", years)?;
    plan::project_plan(
        &Plan::from_py("plan", plan)?,
        &returns,
        years,
        name(&rate)?,
        name(&timing)?,
    )
    .or_raise()
    .map(PyPlanProjection)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPlanLine>()?;
    m.add_class::<PyPlanAllocation>()?;
    m.add_class::<PyPlan>()?;
    m.add_class::<PyProjectionYear>()?;
    m.add_class::<PyProjection>()?;
    m.add_class::<PyLineProjection>()?;
    m.add_class::<PyPlanProjection>()?;
    m.add_function(wrap_pyfunction!(investment_plan, m)?)?;
    m.add_function(wrap_pyfunction!(project_contributions, m)?)?;
    m.add_function(wrap_pyfunction!(project_plan, m)?)?;
    m.add("MAX_YEARS", plan::MAX_YEARS)?;
    Ok(())
}
