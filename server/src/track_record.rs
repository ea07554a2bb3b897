//! The agents' track record: what the server stores and serves around the core's
//! [`edgecore::agents::record`].
//!
//! - [`publish`]: every opportunity of a computed board is stored once (first price, fair
//!   probability, edge, score, label, agents); a later board listing it changes nothing.
//! - [`close`]: after kickoff, the closing line as for bets ([`crate::betting::closing_of`]).
//! - [`settle`]: once the result is in, the core settles the pick.
//! - [`record`] and [`staking`]: the paper record (flat stake of 1% of the starting
//!   bankroll, Kelly stakes of the starting bankroll under the configured policy), computed
//!   by the core from the stored picks.

use crate::betting::closing_of;
use crate::board::Computed;
use crate::config::Config;
use crate::state::AppState;
use crate::storage::picks::{PickQuery, PickState, StoredPick};
use crate::storage::{Storage, StorageError};
use chrono::{DateTime, Utc};
use edgecore::agents::{AgentRecord, PaperStaking, Pick, TrackRecord};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// How the paper bets are staked: a flat 1% of the starting bankroll (rounded to the stake
/// unit, half away from zero, at least one unit) and Kelly stakes of the starting bankroll
/// under the configured policy.
pub fn staking(config: &Config) -> PaperStaking {
    let b = &config.bankroll;
    let unit = b.unit.max(Decimal::new(1, 28));
    let flat = (b.starting / Decimal::ONE_HUNDRED / unit)
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .max(Decimal::ONE)
        * unit;
    PaperStaking {
        flat_stake: flat,
        bankroll: b.starting,
        policy: b.kelly_policy(),
    }
}

/// Stores the opportunities of a computed board not stored yet; returns how many were new.
pub async fn publish(store: &dyn Storage, board: &Computed) -> Result<u64, StorageError> {
    let picks: Vec<StoredPick> = board
        .opportunities
        .iter()
        .map(|o| StoredPick {
            pick: Pick {
                event_id: o.event_id.clone(),
                league: o.sport.clone(),
                market: o.market,
                line: o.line,
                selection: o.selection,
                bookmaker: o.bookmaker.clone(),
                price: o.price,
                fair_probability: o.fair_probability,
                first_seen: board.as_of,
                label: o.label,
                agents: o.agents.clone(),
                closing_odds: None,
                closing_probability: None,
                outcome: None,
            },
            kickoff: o.kickoff,
            edge: o.edge,
            score: o.score,
            closed_at: None,
            settled_at: None,
        })
        .collect();
    store.record_picks(&picks).await
}

/// What a close or settlement pass did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct PassReport {
    /// Picks updated.
    pub updated: u64,
    /// Picks left without a closing price (the reference had none) or a settlement error.
    pub unavailable: u64,
}

/// Looks up the closing line of every pick whose event kicked off by `now`.
pub async fn close(
    store: &dyn Storage,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<PassReport, StorageError> {
    let due = store
        .picks(&PickQuery {
            state: PickState::ToClose(now),
            ..PickQuery::default()
        })
        .await?;
    let mut report = PassReport::default();
    let mut updated = Vec::with_capacity(due.len());
    for mut p in due {
        let k = &p.pick;
        match closing_of(
            store,
            reference,
            &k.event_id,
            k.market,
            k.line,
            k.selection,
            p.kickoff,
        )
        .await?
        {
            Ok((odds, probability)) => {
                p.pick.closing_odds = Some(odds);
                p.pick.closing_probability = probability;
            }
            Err(_) => report.unavailable += 1,
        }
        p.closed_at = Some(now);
        updated.push(p);
    }
    report.updated = store.update_picks(&updated).await?;
    Ok(report)
}

/// Settles every unsettled pick whose event has a stored result (the core's settlement).
pub async fn settle(store: &dyn Storage, now: DateTime<Utc>) -> Result<PassReport, StorageError> {
    let open = store
        .picks(&PickQuery {
            state: PickState::ToSettle,
            ..PickQuery::default()
        })
        .await?;
    let ids: Vec<String> = open.iter().map(|p| p.pick.event_id.clone()).collect();
    let results = store.results(&ids).await?;
    let mut report = PassReport::default();
    let mut updated = Vec::new();
    for mut p in open {
        let Some(result) = results.get(&p.pick.event_id) else {
            continue;
        };
        match p.pick.settle(result) {
            Ok(outcome) => {
                p.pick.outcome = Some(outcome);
                p.settled_at = Some(now);
                updated.push(p);
            }
            Err(e) => {
                report.unavailable += 1;
                tracing::warn!(event = p.pick.event_id, "pick not settled: {e}");
            }
        }
    }
    report.updated = store.update_picks(&updated).await?;
    Ok(report)
}

/// Why a record could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The core refused the data or the staking.
    #[error("track record: {0}")]
    Core(#[from] edgecore::Error),
}

/// The paper record of the picks matching `query` (the core's
/// [`edgecore::agents::track_record`]).
pub async fn record(state: &AppState, query: &PickQuery) -> Result<TrackRecord, RecordError> {
    let picks: Vec<Pick> = state
        .store
        .picks(query)
        .await?
        .into_iter()
        .map(|p| p.pick)
        .collect();
    Ok(edgecore::agents::track_record(
        &picks,
        &staking(&state.config),
    )?)
}

/// The agents' records the consensus weighs them by: the flat paper bets of every pick with
/// a closing line, plus the user bets.
pub async fn consensus_records(
    state: &AppState,
    bets: &[edgecore::Bet],
) -> Result<Vec<AgentRecord>, RecordError> {
    let picks: Vec<Pick> = state
        .store
        .picks(&PickQuery::default())
        .await?
        .into_iter()
        .filter(|p| p.pick.closing_odds.is_some())
        .map(|p| p.pick)
        .collect();
    Ok(edgecore::agents::paper_records(
        &picks,
        bets,
        &staking(&state.config),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_stake_is_one_percent_in_units() {
        let mut c = Config::default();
        assert_eq!(staking(&c).flat_stake, Decimal::new(1000, 2));
        c.bankroll.starting = Decimal::new(12345, 1);
        assert_eq!(staking(&c).flat_stake, Decimal::new(1235, 2));
        c.bankroll.starting = Decimal::new(1, 2);
        assert_eq!(staking(&c).flat_stake, Decimal::new(1, 2));
    }
}
