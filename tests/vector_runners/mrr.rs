//! Runner for `finance::mrr`: recurring revenue at a date and over a month.

use super::{arg, json};
use edgecore::Result;
use edgecore::finance::mrr::{Subscription, mrr, mrr_movement};
use serde_json::Value;

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let subscriptions = || arg::<Vec<Subscription>>(input, "subscriptions");
    match function {
        "mrr" => Some(mrr(&subscriptions(), arg(input, "as_of")).map(json)),
        "mrr_movement" => {
            Some(mrr_movement(&subscriptions(), arg(input, "year"), arg(input, "month")).map(json))
        }
        _ => None,
    }
}
