//! The replay demonstration's season of settled demo bets.
//!
//! Replayed odds alone leave the bets table empty, so the bankroll curve, the statistics and the
//! agent comparison would have nothing to show. When the server replays the recordings it
//! adds, once, a season of bets made by the core itself: [`edgecore::agents::generate`]
//! builds a seeded season of prices and results (with injected anomalies, arbitrages and
//! steam moves), and [`edgecore::agents::backtest()`] replays it without look-ahead, betting
//! each agent's opportunities with flat stakes and settling them. The season ends before
//! today, its bets carry their closing prices, and every one is stored with `demo = true`
//! (ids `demo-<strategy>-<n>`), so a reader never mistakes them for real bets.
//!
//! The agents' own paper record gets content the same way the live server makes it:
//! [`replay_closed`] replays the captures of the recorded games that have results (see
//! [`crate::replay::closed_captures`]) at their instants, so the agents publish their
//! opportunities on those games, the closing lines are taken after kickoff and the games
//! settle on the recorded scores, before the first live collection.

use crate::recent::Recent;
use crate::state::AppState;
use crate::storage::picks::PickQuery;
use crate::storage::{BetQuery, Storage, StorageError, StoredBet};
use crate::track_record;
use chrono::{DateTime, Duration, Utc};
use edgecore::agents::{BacktestConfig, GeneratorConfig, History, backtest, generate};
use std::collections::HashMap;

/// Seed of the demo season: the same bets every time.
pub const SEED: u64 = 2026;
/// Events of the demo season (a 20-team league's season).
pub const EVENTS: usize = 380;
/// Events per week.
const EVENTS_PER_WEEK: usize = 10;
/// Hours after kickoff when a demo bet is settled (the backtest's default delay).
const SETTLED_AFTER_HOURS: i64 = 3;

/// Why the demo season could not be added.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The core refused the generation or the backtest.
    #[error("demo season: {0}")]
    Core(#[from] edgecore::Error),
    /// The database refused a write.
    #[error("demo season: {0}")]
    Storage(#[from] StorageError),
}

/// The demo season's bets for a season ending before `now`: generated prices and results,
/// backtested by every strategy with flat stakes of 10 on a starting bankroll of 1,000.
pub fn season(now: DateTime<Utc>) -> Result<Vec<StoredBet>, DemoError> {
    let weeks = EVENTS.div_ceil(EVENTS_PER_WEEK) as i64;
    let generated = generate(&GeneratorConfig {
        seed: SEED,
        events: EVENTS,
        events_per_week: EVENTS_PER_WEEK,
        bookmakers: 8,
        days_open: 3,
        // the last week's kickoffs end the day before `now`
        start: now - Duration::weeks(weeks) - Duration::days(1),
        anomalies: 60,
        arbitrages: 20,
        steam_moves: 40,
        ..GeneratorConfig::default()
    })?;
    let history = History::new(&generated.snapshots)?;
    let run = backtest(
        &history,
        &generated.events,
        &generated.results,
        &BacktestConfig::default(),
        None,
    )?;
    let kickoffs: HashMap<&str, DateTime<Utc>> = generated
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.kickoff))
        .collect();
    Ok(run
        .runs
        .into_iter()
        .flat_map(|r| r.bets)
        .map(|mut bet| {
            let kickoff = kickoffs.get(bet.event_id.as_str()).copied();
            bet.id = format!("demo-{}", bet.id);
            let settled_at = bet
                .outcome
                .and(kickoff)
                .map(|k| k + Duration::hours(SETTLED_AFTER_HOURS));
            StoredBet {
                kickoff,
                settled_at,
                created_at: bet.placed_at,
                updated_at: settled_at.unwrap_or(bet.placed_at),
                live: false,
                demo: true,
                bet,
            }
        })
        .collect())
}

/// Adds the demo season unless the store already holds demo bets; returns how many bets
/// were added (0 when they were already there).
pub async fn seed(store: &dyn Storage, now: DateTime<Utc>) -> Result<usize, DemoError> {
    if store
        .bets(&BetQuery::default())
        .await?
        .iter()
        .any(|b| b.demo)
    {
        return Ok(0);
    }
    let bets = tokio::task::spawn_blocking(move || season(now))
        .await
        .map_err(|e| StorageError::Database(format!("demo season task: {e}")))??;
    for bet in &bets {
        store.insert_bet(bet).await?;
    }
    Ok(bets.len())
}

/// What [`replay_closed`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClosedReplay {
    /// Collections replayed (one per capture).
    pub collections: usize,
    /// Opportunities the agents published on the completed games.
    pub published: u64,
    /// Picks given their closing line.
    pub closed: u64,
    /// Picks settled.
    pub settled: u64,
}

/// Why the completed games could not be replayed.
#[derive(Debug, thiserror::Error)]
pub enum ClosedError {
    /// A replayed collection failed.
    #[error("completed games: {0}")]
    Collect(#[from] crate::collector::CollectError),
    /// The agents' board could not be computed.
    #[error("completed games: {0}")]
    Board(#[from] crate::board::BoardError),
    /// The database failed.
    #[error("completed games: {0}")]
    Storage(#[from] StorageError),
    /// The core refused the prices.
    #[error("completed games: {0}")]
    Core(#[from] edgecore::Error),
}

/// Replays the recorded games that have results through the live pipeline, then closes and
/// settles what the agents found, as of `now`.
///
/// For each instant of `captures` (the feed's capture instants moved by its shift, in
/// order; the feed serves those games' answers first, see
/// [`crate::replay::FakeFeed::with_closed_games`]) it collects every sport's odds at that
/// instant, builds the agents' board as of that instant from the database (the events not
/// kicked off yet, their latest prices and their history of the movement window) and
/// publishes its opportunities ([`track_record::publish`]): first seen at that instant,
/// with that instant's price. Then every pick whose game kicked off by `now` gets its
/// closing line and CLV ([`track_record::close`]), the scores are collected, and the picks
/// settle on them ([`track_record::settle`]). The collector's status is put back as it
/// was, so `/health` judges it by its live collections. Replaying twice adds no pick (a
/// pick is stored once), but the caller replays only on a database without picks.
pub async fn replay_closed(
    state: &AppState,
    captures: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Result<ClosedReplay, ClosedError> {
    let store = state.store.as_ref();
    let collector = &state.collector;
    let before = collector.status();
    let last_collection = state.metrics.last_collection.get();
    let mut report = ClosedReplay::default();
    for &at in captures.iter().filter(|at| **at <= now) {
        collector.collect_odds(&[], at).await?;
        report.collections += 1;
        let recent = Recent::of(&state.config);
        recent.load(store, at).await?;
        let input = recent.input(at)?;
        let mut board = crate::board::compute_from(state, input, 0, at).await?;
        // Only what was seen by then (a database that already held later prices).
        board.opportunities.retain(|o| o.captured_at <= at);
        report.published += track_record::publish(store, &board).await?;
    }
    collector.set_status(before);
    state.metrics.last_collection.set(last_collection);
    let reference = &state.config.odds_api.reference_bookmaker;
    report.closed = track_record::close(store, reference, now).await?.updated;
    collector.collect_scores(now).await?;
    report.settled = track_record::settle(store, now).await?.updated;
    state.bets_changed();
    Ok(report)
}

/// Whether the store holds no pick of the agents yet (the replay of the completed games
/// runs only then).
pub async fn no_picks(store: &dyn Storage) -> Result<bool, StorageError> {
    let one = store
        .picks(&PickQuery {
            limit: Some(1),
            ..PickQuery::default()
        })
        .await?;
    Ok(one.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_season_is_settled_flagged_and_in_the_past() {
        let now = DateTime::parse_from_rfc3339("2026-03-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let bets = season(now).unwrap();
        assert!(bets.len() > 50, "only {} demo bets", bets.len());
        assert!(bets.iter().all(|b| b.demo && b.bet.id.starts_with("demo-")));
        assert!(bets.iter().all(|b| b.bet.placed_at < now));
        assert!(
            bets.iter()
                .all(|b| b.bet.outcome.is_some() && b.settled_at.is_some())
        );
        assert!(bets.iter().any(|b| b.bet.closing_odds.is_some()));
        assert_eq!(
            season(now).unwrap(),
            bets,
            "seeded: the same bets every time"
        );
    }
}
