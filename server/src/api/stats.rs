//! `GET /stats?window=7d|30d|90d|all&as_of=YYYY-MM-DD`: performance and breakdowns, all
//! computed by the core's statistics over the stored bets.

use super::{ApiError, ApiResult};
use crate::ledger::invalid;
use crate::state::AppState;
use crate::storage::BetQuery;
use axum::Json;
use axum::extract::{Query, State};
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
) -> ApiResult<Json<Stats>> {
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
    let all: Vec<edgecore::Bet> = state
        .store
        .bets(&BetQuery::default())
        .await?
        .into_iter()
        .map(|b| b.bet)
        .collect();
    let bets = edgecore::stats::window(&all, window, as_of);
    let by = |key| edgecore::stats::breakdown(&bets, key).map_err(core_error);
    Ok(Json(Stats {
        window,
        as_of,
        performance: edgecore::stats::performance(&bets, state.config.bankroll.starting)
            .map_err(core_error)?,
        by_bookmaker: by(BreakdownKey::Bookmaker)?,
        by_market: by(BreakdownKey::Market)?,
        by_source: by(BreakdownKey::Source)?,
        by_league: by(BreakdownKey::League)?,
        by_week: by(BreakdownKey::Week)?,
        heatmap: edgecore::stats::heatmap(&bets).map_err(core_error)?,
    }))
}
