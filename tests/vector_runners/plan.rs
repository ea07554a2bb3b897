//! Runner for `finance::plan`: splitting a monthly capacity and projecting contributions.

use super::{arg, json};
use edgecore::Result;
use edgecore::finance::plan::{
    ContributionTiming, MonthlyRate, Plan, PlanLine, investment_plan, project_contributions,
    project_plan,
};
use rust_decimal::Decimal;
use serde_json::Value;

/// The rate convention and contribution timing, parsed by name so unknown names surface as
/// `UnknownName`.
fn conventions(input: &Value) -> Result<(MonthlyRate, ContributionTiming)> {
    let (rate, timing): (String, String) = (arg(input, "rate"), arg(input, "timing"));
    Ok((rate.parse()?, timing.parse()?))
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    Some(match function {
        "investment_plan" => {
            let lines: Vec<PlanLine> = arg(input, "lines");
            investment_plan(arg(input, "capacity"), &lines).map(json)
        }
        "project_contributions" => conventions(input).and_then(|(rate, timing)| {
            let monthly: Decimal = arg(input, "monthly");
            project_contributions(
                monthly,
                arg(input, "annual_return_percent"),
                arg(input, "years"),
                rate,
                timing,
            )
            .map(json)
        }),
        "project_plan" => conventions(input).and_then(|(rate, timing)| {
            let (plan, returns): (Plan, Vec<f64>) =
                (arg(input, "plan"), arg(input, "annual_returns_percent"));
            project_plan(&plan, &returns, arg(input, "years"), rate, timing).map(json)
        }),
        _ => return None,
    })
}
