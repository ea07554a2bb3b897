//! Runner for `stats`: performance, breakdown, windows and filters of a bet history.
//!
//! Names (breakdown key, window, filter) are parsed from their strings, so an unknown name is
//! the `UnknownName` error a binding would raise.

use super::{arg, json, records};
use edgecore::stats::{self, BetFilter, BreakdownKey, Window};
use edgecore::{Bet, Result};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn name<T: std::str::FromStr<Err = edgecore::Error>>(input: &Value, key: &str) -> Result<T> {
    arg::<String>(input, key).parse()
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let bets = || arg::<Vec<Bet>>(input, "bets");
    Some(match function {
        "performance" => {
            let start: Decimal = arg(input, "starting_bankroll");
            records::<Vec<Bet>>(input, "bets", "bet")
                .and_then(|bets| stats::performance(&bets, start))
                .map(json)
        }
        "breakdown" => name::<BreakdownKey>(input, "key")
            .and_then(|key| stats::breakdown(&bets(), key))
            .map(|groups| json!({ "groups": groups })),
        "window" => name::<Window>(input, "window").map(|window| {
            let as_of = arg(input, "as_of");
            json!({ "bets": stats::window(&bets(), window, as_of) })
        }),
        "filter_bets" => name::<BetFilter>(input, "filter")
            .map(|filter| json!({ "bets": stats::filter_bets(&bets(), filter) })),
        "normal_cdf" => stats::normal_cdf(arg(input, "x")).map(|cdf| json!({ "cdf": cdf })),
        _ => return None,
    })
}
