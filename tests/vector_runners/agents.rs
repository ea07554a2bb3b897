//! Runner for `agents`: anomalies, spreads and arbitrage, hedges, movements, robust z, the
//! comparison of agents, the agents' paper track record.

use super::{arg, json, records};
use edgecore::agents::{
    AnomalyConfig, Board, BoardConfig, MovementConfig, PaperStaking, Pick, Position, SpreadConfig,
    arbitrage, compare_agents, find_anomalies, find_movements, hedge, paper_records, robust_z,
    scan_spreads, track_record,
};
use edgecore::{Bet, PriceSnapshot, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// An optional argument: its default when absent.
fn opt<T: DeserializeOwned + Default>(input: &Value, name: &str) -> T {
    if input[name].is_null() {
        T::default()
    } else {
        arg(input, name)
    }
}

fn board(input: &Value) -> Result<Board> {
    let snapshots: Vec<PriceSnapshot> = arg(input, "snapshots");
    Board::new(
        &snapshots,
        arg(input, "as_of"),
        &opt::<BoardConfig>(input, "board"),
    )
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    Some(match function {
        "find_anomalies" => board(input).and_then(|b| {
            find_anomalies(&b, &opt::<AnomalyConfig>(input, "config"))
                .map(|o| serde_json::json!({ "opportunities": o }))
        }),
        "scan_spreads" => board(input)
            .and_then(|b| scan_spreads(&b, &opt::<SpreadConfig>(input, "config")).map(json)),
        "find_movements" => board(input)
            .and_then(|b| find_movements(&b, &opt::<MovementConfig>(input, "config")).map(json)),
        "arbitrage" => arbitrage(&arg::<Vec<_>>(input, "prices"), arg(input, "outlay"))
            .map(|a| serde_json::json!({ "arbitrage": a })),
        "hedge" => hedge(
            &arg::<Vec<Position>>(input, "positions"),
            &arg::<Vec<_>>(input, "prices"),
            arg(input, "max_outlay"),
        )
        .map(json),
        "robust_z" => robust_z(
            arg(input, "value"),
            &arg::<Vec<f64>>(input, "others"),
            arg(input, "floor"),
        )
        .map(|z| serde_json::json!({ "z": z })),
        "compare_agents" => compare_agents(
            &arg::<Vec<Bet>>(input, "bets"),
            arg(input, "starting_bankroll"),
        )
        .map(|v| serde_json::json!({ "values": v })),
        "track_record" => records::<Vec<Pick>>(input, "picks", "pick")
            .and_then(|picks| track_record(&picks, &opt::<PaperStaking>(input, "staking")))
            .map(json),
        "paper_records" => paper_records(
            &arg::<Vec<Pick>>(input, "picks"),
            &opt::<Vec<Bet>>(input, "bets"),
            &opt::<PaperStaking>(input, "staking"),
        )
        .map(|v| serde_json::json!({ "values": v })),
        _ => return None,
    })
}
