//! Runner for `finance::amortization`: schedules, capital remaining and payments made at a
//! date. A schedule's `rows` are returned keyed by their number (`{"1": {...}, "360": {...}}`)
//! so a case can list only the rows it checks; the Python and Node suites do the same.

use super::{arg, json, records};
use edgecore::Result;
use edgecore::finance::amortization::{
    Loan, Schedule, amortization_schedule, payments_made, remaining_capital,
};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

#[derive(serde::Serialize)]
struct RemainingCapital {
    remaining_capital: Decimal,
}

#[derive(serde::Serialize)]
struct PaymentsMade {
    payments_made: u32,
}

fn schedule_json(schedule: Schedule) -> Value {
    let rows: Map<String, Value> = schedule
        .rows
        .iter()
        .map(|row| (row.number.to_string(), json(row)))
        .collect();
    let mut value = json(&schedule);
    value["rows"] = Value::Object(rows);
    value
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let loan = || records::<Loan>(input, "loan", "loan");
    Some(match function {
        "amortization_schedule" => loan()
            .and_then(|loan| amortization_schedule(&loan))
            .map(schedule_json),
        "remaining_capital" => loan()
            .and_then(|loan| remaining_capital(&loan, arg(input, "as_of")))
            .map(|remaining_capital| json(RemainingCapital { remaining_capital })),
        "payments_made" => loan()
            .and_then(|loan| payments_made(&loan, arg(input, "as_of")))
            .map(|payments_made| json(PaymentsMade { payments_made })),
        _ => return None,
    })
}
