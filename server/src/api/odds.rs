//! `GET /odds` (latest prices) and `GET /odds/matches` (events with results).

use super::{ApiError, ApiResult};
use crate::betting::{invalid, parse_instant_or_date};
use crate::state::AppState;
use crate::storage::{LatestPrice, OddsFilter};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use edgecore::Market;
use std::collections::HashMap;
use std::sync::Arc;

/// Rows returned by `GET /odds` when no `limit` is given, and the most allowed.
const DEFAULT_LIMIT: u32 = 1_000;
const MAX_LIMIT: u32 = 20_000;

fn instant(field: &str, v: &str) -> Result<DateTime<Utc>, ApiError> {
    parse_instant_or_date(v).ok_or_else(|| {
        invalid(
            field,
            format!("{v:?} is not a date (YYYY-MM-DD) or RFC 3339 instant"),
        )
        .into()
    })
}

fn key(field: &str, v: &str) -> Result<String, ApiError> {
    let ok = !v.is_empty()
        && v.len() <= 200
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(v.to_string())
    } else {
        Err(invalid(field, "must be 1 to 200 letters, digits, '_', '-' or '.'").into())
    }
}

/// `GET /odds?sport=&event=&market=&bookmaker=&since=&upcoming=&limit=`.
pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<Vec<LatestPrice>>> {
    let mut f = OddsFilter {
        limit: DEFAULT_LIMIT,
        ..OddsFilter::default()
    };
    for (k, v) in &params {
        match k.as_str() {
            "sport" => f.sport = Some(key(k, v)?),
            "event" => f.event = Some(key(k, v)?),
            "bookmaker" => f.bookmaker = Some(key(k, v)?),
            "market" => {
                f.market = Some(
                    v.parse::<Market>()
                        .map_err(|e| ApiError::from(invalid(k, e.to_string())))?,
                )
            }
            "since" => f.since = Some(instant(k, v)?),
            "upcoming" => {
                let upcoming: bool = v
                    .parse()
                    .map_err(|_| ApiError::from(invalid(k, "must be true or false")))?;
                f.kickoff_from = upcoming.then(Utc::now);
            }
            "limit" => {
                f.limit = v
                    .parse::<u32>()
                    .ok()
                    .filter(|l| (1..=MAX_LIMIT).contains(l))
                    .ok_or_else(|| {
                        ApiError::from(invalid(k, format!("must be an integer in 1..={MAX_LIMIT}")))
                    })?
            }
            other => {
                return Err(invalid(
                    other,
                    "unknown parameter (allowed: sport, event, market, bookmaker, since, upcoming, limit)",
                )
                .into());
            }
        }
    }
    Ok(Json(state.store.latest(&f).await?))
}

/// `GET /odds/matches?sport=&from=&to=&limit=&cursor=`: events with the number of
/// bookmakers pricing them and their result once known, in kickoff order, one page (a JSON
/// array, at most `limit`, 1,000 by default; `X-Next-Cursor` holds the next page's
/// `cursor` when more may follow).
pub async fn matches(
    State(state): State<Arc<AppState>>,
    Query(mut params): Query<HashMap<String, String>>,
) -> ApiResult<Response> {
    let page = super::page_of(&mut params)?;
    let (mut sport, mut from, mut to) = (None, None, None);
    for (k, v) in &params {
        match k.as_str() {
            "sport" => sport = Some(key(k, v)?),
            "from" => from = Some(instant(k, v)?),
            "to" => to = Some(instant(k, v)?),
            other => {
                return Err(invalid(
                    other,
                    "unknown parameter (allowed: sport, from, to, limit, cursor)",
                )
                .into());
            }
        }
    }
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(invalid("from", "is after to").into());
    }
    let limit = page.limit as usize;
    let rows = state
        .store
        .matches(sport.as_deref(), from, to, &page)
        .await?;
    let next = (rows.len() == limit)
        .then(|| rows.last())
        .flatten()
        .map(|m| super::encode_cursor(m.event.kickoff.timestamp_millis(), &m.event.id));
    Ok(super::paged(rows, next))
}
