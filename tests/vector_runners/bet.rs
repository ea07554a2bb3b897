//! Runner for `bet`: what a settlement outcome pays.

use super::{arg, json};
use edgecore::{Outcome, Result};
use rust_decimal::Decimal;
use serde_json::Value;

#[derive(serde::Serialize)]
struct Payout {
    payout: Decimal,
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    match function {
        "payout" => {
            let outcome: Outcome = arg(input, "outcome");
            let (stake, odds): (Decimal, Decimal) = (arg(input, "stake"), arg(input, "odds"));
            Some(
                outcome
                    .payout(stake, odds)
                    .map(|payout| json(Payout { payout })),
            )
        }
        _ => None,
    }
}
