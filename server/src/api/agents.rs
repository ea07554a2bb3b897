//! `GET /opportunities` (the agents on the latest board, cached per board version) and
//! `GET /agents/compare` (figures per bet source from the core).

use super::{ApiError, ApiResult, raw_json};
use crate::betting::invalid;
use crate::board::OpportunityView;
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::Utc;
use edgecore::agents::{AgentFigures, Label, TrackRecord};
use edgecore::stats::Window;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

const DEFAULT_LIMIT: usize = 100;
const MAX_LIMIT: usize = 5_000;

#[derive(Serialize)]
struct Answer<'a> {
    board_version: u64,
    as_of: chrono::DateTime<Utc>,
    total: usize,
    opportunities: Vec<&'a OpportunityView>,
}

struct Filter {
    sport: Option<String>,
    label: Option<Label>,
    min_score: f64,
    limit: usize,
}

fn filter(params: &HashMap<String, String>) -> ApiResult<Filter> {
    let mut f = Filter {
        sport: None,
        label: None,
        min_score: 0.0,
        limit: DEFAULT_LIMIT,
    };
    for (k, v) in params {
        match k.as_str() {
            "sport" => f.sport = Some(v.clone()),
            "label" => {
                f.label = Some(
                    v.parse()
                        .map_err(|e: edgecore::Error| ApiError::from(invalid(k, e.to_string())))?,
                )
            }
            "min_score" => {
                f.min_score = v
                    .parse::<f64>()
                    .ok()
                    .filter(|s| (0.0..=100.0).contains(s))
                    .ok_or_else(|| ApiError::from(invalid(k, "must be a number in [0, 100]")))?
            }
            "limit" => {
                f.limit = v
                    .parse::<usize>()
                    .ok()
                    .filter(|l| (1..=MAX_LIMIT).contains(l))
                    .ok_or_else(|| {
                        ApiError::from(invalid(k, format!("must be an integer in 1..={MAX_LIMIT}")))
                    })?
            }
            other => {
                return Err(invalid(
                    other,
                    "unknown parameter (allowed: sport, label, min_score, limit)",
                )
                .into());
            }
        }
    }
    Ok(f)
}

/// `GET /opportunities?sport=&label=&min_score=&limit=`: best score first.
pub async fn opportunities(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let f = filter(&params)?;
    let board = state.board.get(&state).await.map_err(|e| {
        tracing::error!("board: {e}");
        ApiError::Unavailable("opportunities cannot be computed right now".into())
    })?;
    let mut key: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    key.sort();
    let bytes = board.answer(&key.join("&"), |all| {
        let selected: Vec<&OpportunityView> = all
            .iter()
            .filter(|o| f.sport.as_ref().is_none_or(|s| &o.sport == s))
            .filter(|o| f.label.is_none_or(|l| o.label == l))
            .filter(|o| o.score >= f.min_score)
            .collect();
        let answer = Answer {
            board_version: board.version,
            as_of: board.as_of,
            total: selected.len(),
            opportunities: selected.into_iter().take(f.limit).collect(),
        };
        Bytes::from(serde_json::to_vec(&answer).unwrap_or_default())
    });
    Ok(raw_json(bytes))
}

/// The comparison answer.
#[derive(Serialize)]
pub struct Comparison {
    window: Window,
    agents: Vec<AgentFigures>,
    /// The agents' own paper record over their published opportunities, and the consensus
    /// labels against results.
    paper: TrackRecord,
}

/// `GET /agents/compare?window=7d|30d|90d|all`: ROI, Sharpe, win rate, CLV and drawdown per
/// bet source (agents and manual), and the agents' paper record, from the core.
pub async fn compare(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<Comparison>> {
    let (picks, window) = super::picks::query(&params, &["window"])?;
    let all = state.all_bets().await?;
    let bets = edgecore::stats::window(&all, window, Utc::now().date_naive());
    let agents = edgecore::agents::compare_agents(&bets, state.config.bankroll.starting)
        .map_err(|e| ApiError::from(invalid("bets", e.to_string())))?;
    let paper = crate::track_record::record(&state, &picks).await?;
    Ok(Json(Comparison {
        window,
        agents,
        paper,
    }))
}
