//! Runner for `kelly`: Kelly fractions, edges, log growth, policy stakes and the exclusive
//! outcomes allocation. A scalar result is reported as `{"value": x}`, a list as
//! `{"values": [...]}`, a record by its fields.

use super::{arg, json};
use edgecore::Result;
use edgecore::kelly::{self, KellyPolicy};
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let odds = || arg::<f64>(input, "odds");
    let probability = || arg::<f64>(input, "probability");
    let odds_list = || arg::<Vec<f64>>(input, "odds");
    let probabilities = || arg::<Vec<f64>>(input, "probabilities");
    let policy = || -> KellyPolicy {
        match input.get("policy") {
            Some(_) => arg(input, "policy"),
            None => KellyPolicy::default(),
        }
    };
    let value = |v: Result<f64>| v.map(|v| json!({ "value": v }));
    let values = |v: Result<Vec<f64>>| v.map(|v| json!({ "values": v }));
    Some(match function {
        "edge" => value(kelly::edge(odds(), probability())),
        "kelly_fraction" => value(kelly::kelly_fraction(odds(), probability())),
        "kelly_fraction_batch" => {
            values(kelly::kelly_fraction_batch(&odds_list(), &probabilities()))
        }
        "expected_log_growth" => value(kelly::expected_log_growth(
            odds(),
            probability(),
            arg(input, "fraction"),
        )),
        "expected_log_growth_exclusive" => value(kelly::expected_log_growth_exclusive(
            &odds_list(),
            &probabilities(),
            &arg::<Vec<f64>>(input, "fractions"),
        )),
        "kelly_exclusive" => values(kelly::kelly_exclusive(&odds_list(), &probabilities())),
        "kelly_exclusive_detail" => {
            kelly::kelly_exclusive_detail(&odds_list(), &probabilities()).map(json)
        }
        "kelly_stake" => kelly::kelly_stake(
            arg::<Decimal>(input, "bankroll"),
            odds(),
            probability(),
            &policy(),
        )
        .map(|v| json!({ "value": v })),
        "kelly_stake_detail" => kelly::kelly_stake_detail(
            arg::<Decimal>(input, "bankroll"),
            odds(),
            probability(),
            &policy(),
        )
        .map(json),
        _ => return None,
    })
}
