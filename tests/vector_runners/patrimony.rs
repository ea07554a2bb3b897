//! Runner for `finance::patrimony` (net worth) and the largest-remainder split of
//! `money::allocate_largest_remainder` it relies on.

use super::{amounts, arg, json};
use edgecore::Result;
use edgecore::finance::patrimony::net_worth;
use edgecore::money::allocate_largest_remainder;
use rust_decimal::Decimal;
use serde_json::Value;

#[derive(serde::Serialize)]
struct Parts {
    parts: Vec<Decimal>,
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    Some(match function {
        "net_worth" => net_worth(
            &arg(input, "profile"),
            &arg(input, "prices"),
            &arg(input, "options"),
        )
        .map(json),
        "allocate_largest_remainder" => amounts(input, "weights").and_then(|weights| {
            allocate_largest_remainder(arg(input, "total"), &weights, arg(input, "dp"))
                .map(|parts| json(Parts { parts }))
        }),
        _ => return None,
    })
}
