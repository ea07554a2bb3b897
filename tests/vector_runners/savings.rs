//! Runner for `finance::savings`: progress towards an annual savings goal.

use super::{arg, json};
use edgecore::Result;
use edgecore::finance::savings::savings_progress;
use serde_json::Value;

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    match function {
        "savings_progress" => Some(
            savings_progress(arg(input, "goal"), arg(input, "saved"), arg(input, "as_of"))
                .map(json),
        ),
        _ => None,
    }
}
