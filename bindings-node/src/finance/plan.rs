//! Investment plans (`edgecore::finance::plan`): a monthly capacity split across lines to the
//! cent, and projections of regular contributions in exact decimal arithmetic.

use crate::convert::{Column, ToJs, amount, column, name, names, read, record, whole};
use crate::errors::{OrThrow, Result};
use crate::js::Input;
use crate::js::JsString;
use napi_derive::napi;

names! {
    "How an expected annual return becomes the monthly rate: `equivalent` (alias `actuarial`; `(1 + a)^(1/12) - 1`) or `proportional` (`a / 12`)."
    MonthlyRate = edgecore::finance::plan::MonthlyRate { Equivalent = "equivalent", Proportional = "proportional" }

    "When in the month the contribution is paid in: `start` (earns the month's return) or `end`."
    ContributionTiming = edgecore::finance::plan::ContributionTiming { Start = "start", End = "end" }
}

/// One line of a plan as the investor writes it.
#[napi(object)]
pub struct PlanLine {
    /// The envelope ("pea", "cto"...) or any label; names need not be distinct.
    pub name: JsString,
    /// Share of the capacity in percent, between 0 and 100 (decimal string, "33.33").
    pub percent: JsString,
}

record!(input PlanLine = edgecore::finance::plan::PlanLine { name, percent });

/// One line of a computed plan: its share and the monthly amount it receives.
#[napi(object)]
pub struct PlanAllocation {
    /// The line's name, as given.
    pub name: JsString,
    /// Share of the capacity in percent, as given.
    pub percent: JsString,
    /// Monthly amount to the cent.
    pub amount: JsString,
}

record!(both PlanAllocation = edgecore::finance::plan::PlanAllocation { name, percent, amount });

/// A monthly savings capacity split across lines; the amounts add up exactly to the
/// capacity.
#[napi(object)]
pub struct Plan {
    /// Monthly savings capacity, to the cent.
    pub capacity: JsString,
    /// The lines, in the order given.
    pub lines: Vec<PlanAllocation>,
}

record!(both Plan = edgecore::finance::plan::Plan { capacity, lines });

/// The figures of one year-end of a projection, to the cent.
#[napi(object)]
pub struct ProjectionYear {
    /// Years since the first contribution (1 for the end of the first year).
    pub year: u32,
    /// Total paid in by then.
    pub contributed: JsString,
    /// Projected value by then.
    pub value: JsString,
    /// `value - contributed`.
    pub gains: JsString,
}

record!(output ProjectionYear = edgecore::finance::plan::ProjectionYear { year, contributed, value, gains });

/// What regular monthly contributions grow to.
#[napi(object)]
pub struct Projection {
    /// Total paid in over the horizon.
    pub contributed: JsString,
    /// Value at the horizon, to the cent.
    pub value: JsString,
    /// `value - contributed`.
    pub gains: JsString,
    /// One row per year-end, years 1 to the horizon.
    pub by_year: Vec<ProjectionYear>,
}

record!(output Projection = edgecore::finance::plan::Projection { contributed, value, gains, by_year });

/// One line of a projected plan.
#[napi(object)]
pub struct LineProjection {
    /// The line's name.
    pub name: JsString,
    /// Its monthly amount.
    pub monthly: JsString,
    /// The expected annual return used, in percent.
    pub annual_return_percent: f64,
    /// What the line's contributions grow to.
    pub projection: Projection,
}

record!(output LineProjection = edgecore::finance::plan::LineProjection { name, monthly, annual_return_percent, projection });

/// A whole plan projected line by line.
#[napi(object)]
pub struct PlanProjection {
    /// One projection per plan line, in the plan's order.
    pub lines: Vec<LineProjection>,
    /// The sum of the lines' rounded figures, year by year.
    pub total: Projection,
}

record!(output PlanProjection = edgecore::finance::plan::PlanProjection { lines, total });

/// Splits a monthly savings `capacity` (decimal string) across `lines` by their percentages,
/// to the cent by the largest remainder method: 1000 at 33.33 / 33.33 / 33.34 gives 333.30 /
/// 333.30 / 333.40. Throws `InvalidAmount` (capacity negative or with fractions of a cent),
/// `InvalidParameter` (a percent outside [0, 100], percentages not adding up to 100).
#[napi(catch_unwind)]
pub fn investment_plan(
    capacity: JsString,
    #[napi(ts_arg_type = "PlanLine[]")] lines: Input<Vec<PlanLine>>,
) -> Result<Plan> {
    let lines: Vec<edgecore::finance::plan::PlanLine> = read(lines, "plan line", "lines")?;
    edgecore::finance::plan::investment_plan(amount("capacity", capacity)?, &lines)
        .map(ToJs::to_js)
        .or_throw()
}

/// Projects `monthly` contributions (decimal string) for `years` years (at most 100) at an
/// expected annual return in PERCENT (5 for 5%), in exact decimal arithmetic: 100 a month
/// for a year at 12% proportional, paid at month end, gives 1268.25. Throws `InvalidAmount`
/// (negative monthly), `InvalidParameter` (return not above -100, years), `UnknownName`.
#[napi(catch_unwind)]
pub fn project_contributions(
    monthly: JsString,
    annual_return_percent: f64,
    years: f64,
    #[napi(ts_arg_type = "MonthlyRate")] rate: JsString,
    #[napi(ts_arg_type = "ContributionTiming")] timing: JsString,
) -> Result<Projection> {
    edgecore::finance::plan::project_contributions(
        amount("monthly", monthly)?,
        annual_return_percent,
        whole("years", years)?,
        name(&rate)?,
        name(&timing)?,
    )
    .map(ToJs::to_js)
    .or_throw()
}

/// Projects every line of `plan` for `years` years, line `k` at `annualReturnsPercent[k]`
/// (percent), with the conventions of `projectContributions`; the total is the sum of the
/// lines' rounded figures. Throws `LengthMismatch` without one return per line.
#[napi(catch_unwind)]
pub fn project_plan(
    #[napi(ts_arg_type = "Plan")] plan: Input<Plan>,
    #[napi(ts_arg_type = "Float64Array | number[]")] annual_returns_percent: Input<Column>,
    years: f64,
    #[napi(ts_arg_type = "MonthlyRate")] rate: JsString,
    #[napi(ts_arg_type = "ContributionTiming")] timing: JsString,
) -> Result<PlanProjection> {
    let plan: edgecore::finance::plan::Plan = read(plan, "plan", "plan")?;
    edgecore::finance::plan::project_plan(
        &plan,
        column(&annual_returns_percent, "annualReturnsPercent")?,
        whole("years", years)?,
        name(&rate)?,
        name(&timing)?,
    )
    .map(ToJs::to_js)
    .or_throw()
}
