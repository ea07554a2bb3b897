//! `GET /stats?window=7d|30d|90d|all&as_of=YYYY-MM-DD`: performance and breakdowns, all
//! computed by the core's statistics over the stored bets, once per bets version and query
//! (see [`AppState::stats_answer`]).

use super::{ApiError, ApiResult, raw_json};
use crate::betting::invalid;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{NaiveDate, Utc};
use edgecore::stats::{BreakdownKey, Group, Heatmap, Performance, Window};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// The statistics answer.
#[derive(Serialize)]
pub struct Stats {
    window: Window,
    as_of: NaiveDate,
    performance: Performance,
    by_bookmaker: Vec<Group>,
    by_market: Vec<Group>,
    by_source: Vec<Group>,
    by_league: Vec<Group>,
    by_week: Vec<Group>,
    heatmap: Heatmap,
}

fn core_error(e: edgecore::Error) -> ApiError {
    // Stored bets were checked on the way in; a refusal here names the bad record.
    ApiError::from(invalid("bets", e.to_string()))
}

/// `GET /stats`.
pub async fn stats(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let mut window = Window::All;
    let mut as_of = Utc::now().date_naive();
    for (k, v) in &params {
        match k.as_str() {
            "window" | "period" => {
                window = v
                    .parse()
                    .map_err(|e: edgecore::Error| ApiError::from(invalid(k, e.to_string())))?
            }
            "as_of" => {
                as_of = NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| ApiError::from(invalid(k, "must be a date YYYY-MM-DD")))?
            }
            other => {
                return Err(invalid(other, "unknown parameter (allowed: window, as_of)").into());
            }
        }
    }
    let key = format!("{}|{as_of}", window.as_str());
    let body = state
        .stats_answer(key, async || {
            let all = state.all_bets().await?;
            let stats = compute(&all, window, as_of, state.config.bankroll.starting)?;
            serde_json::to_vec(&stats)
                .map(Bytes::from)
                .map_err(|e| ApiError::Unavailable(format!("statistics not written: {e}")))
        })
        .await?;
    Ok(raw_json(body))
}

/// The statistics of `all` bets in `window` as of `as_of`, by the core.
fn compute(
    all: &[edgecore::Bet],
    window: Window,
    as_of: NaiveDate,
    starting: rust_decimal::Decimal,
) -> ApiResult<Stats> {
    let bets = edgecore::stats::window(all, window, as_of);
    let by = |key| edgecore::stats::breakdown(&bets, key).map_err(core_error);
    Ok(Stats {
        window,
        as_of,
        performance: edgecore::stats::performance(&bets, starting).map_err(core_error)?,
        by_bookmaker: by(BreakdownKey::Bookmaker)?,
        by_market: by(BreakdownKey::Market)?,
        by_source: by(BreakdownKey::Source)?,
        by_league: by(BreakdownKey::League)?,
        by_week: by(BreakdownKey::Week)?,
        heatmap: edgecore::stats::heatmap(&bets).map_err(core_error)?,
    })
}
