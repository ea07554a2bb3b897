//! Runner for `risk`: subscriber risk scores, batches and their summary. A missing `config`
//! is the default configuration.

use super::{arg, json};
use chrono::NaiveDate;
use edgecore::Result;
use edgecore::risk::{
    RiskConfig, RiskScore, Subscriber, risk_score, risk_score_batch, risk_summary,
};
use serde_json::Value;

#[derive(serde::Serialize)]
struct Scores {
    scores: Vec<RiskScore>,
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    let as_of = || arg::<NaiveDate>(input, "as_of");
    let config = || arg::<Option<RiskConfig>>(input, "config").unwrap_or_default();
    Some(match function {
        "risk_score" => {
            risk_score(&arg::<Subscriber>(input, "subscriber"), as_of(), &config()).map(json)
        }
        "risk_score_batch" => {
            let subscribers: Vec<Subscriber> = arg(input, "subscribers");
            risk_score_batch(&subscribers, as_of(), &config()).map(|scores| json(Scores { scores }))
        }
        "risk_summary" => risk_summary(&arg::<Vec<RiskScore>>(input, "scores")).map(json),
        _ => return None,
    })
}
