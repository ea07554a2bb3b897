//! Runner for `settle`: settlement of bets from final scores. `rules` is optional (default:
//! three-way h2h); lists are reported as `{"values": [...]}` with `null` for a pending bet.

use super::{arg, json, records};
use edgecore::settle::SettleRules;
use edgecore::{Bet, EventResult, Result};
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let rules: SettleRules = match input.get("rules") {
        Some(_) => arg(input, "rules"),
        None => SettleRules::default(),
    };
    Some(match function {
        "settle" => records::<Bet>(input, "bet", "bet")
            .and_then(|bet| rules.settle(&bet, &arg::<EventResult>(input, "result")))
            .map(json),
        "settle_batch" => records::<Vec<Bet>>(input, "bets", "bet")
            .and_then(|bets| {
                let results: Vec<EventResult> = records(input, "results", "event result")?;
                rules.settle_batch(&bets, &results)
            })
            .map(|v| json!({ "values": v })),
        "settle_by_event" => rules
            .settle_by_event(
                &arg::<Vec<Bet>>(input, "bets"),
                &arg::<HashMap<String, EventResult>>(input, "results"),
            )
            .map(|v| json!({ "values": v })),
        _ => return None,
    })
}
