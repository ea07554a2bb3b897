//! Runner for `clv`: closing line value, its fair variant, the closing line lookup and the
//! exact tier of two prices.

use super::{arg, json};
use edgecore::clv;
use edgecore::{PriceSnapshot, Result, Selection};
use serde_json::{Value, json};

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let snapshots = || -> Vec<PriceSnapshot> { arg(input, "snapshots") };
    Some(match function {
        "clv" => clv::clv(arg(input, "odds_taken"), arg(input, "closing_odds"))
            .map(|v| json!({ "clv": v })),
        "clv_batch" => {
            let taken: Vec<f64> = arg(input, "odds_taken");
            let closing: Vec<f64> = arg(input, "closing_odds");
            clv::clv_batch(&taken, &closing).map(|v| json!({ "clv": v }))
        }
        "clv_fair" => {
            let market: Vec<f64> = arg(input, "closing_market");
            super::devig::method(input).and_then(|m| {
                clv::clv_fair(arg(input, "odds_taken"), &market, arg(input, "outcome"), m)
                    .map(|v| json!({ "clv_fair": v }))
            })
        }
        "clv_fair_at" => clv::clv_fair_at(arg(input, "odds_taken"), arg(input, "fair_probability"))
            .map(|v| json!({ "clv_fair": v })),
        "closing_line" => clv::closing_line(
            &snapshots(),
            &arg::<String>(input, "event_id"),
            arg(input, "kickoff"),
            &arg::<String>(input, "bookmaker"),
            arg(input, "market"),
            arg(input, "line"),
            arg(input, "selection"),
        )
        .map(json),
        "closing_market" => {
            let selections: Vec<Selection> = arg(input, "selections");
            clv::closing_market(
                &snapshots(),
                &arg::<String>(input, "event_id"),
                arg(input, "kickoff"),
                &arg::<String>(input, "bookmaker"),
                arg(input, "market"),
                arg(input, "line"),
                &selections,
            )
            .map(json)
        }
        "clv_tier_from_prices" => {
            clv::ClvTier::from_prices(arg(input, "odds_taken"), arg(input, "closing_odds"))
                .map(|t| json!({ "tier": t }))
        }
        _ => return None,
    })
}
