//! The daily timetable: odds collections (10:00, 14:00, 18:00 UTC by default), CLV 30
//! minutes after each, score collection and settlement twice a day, faster polling in the
//! hour before a kickoff (closing lines), and retention pruning.
//!
//! Jobs run one at a time in one task, so two jobs never write at once; the next due time
//! is computed by [`next_job`], a pure function of the clock and the configuration.

use crate::config::Config;
use crate::ledger;
use crate::state::AppState;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use std::sync::Arc;

/// A scheduled job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Collect every sport's odds.
    Collect,
    /// Compute CLV of bets past kickoff.
    Clv,
    /// Collect scores, then settle.
    Settle,
    /// Look for kickoffs within the closing window and poll their sports.
    ClosingPoll,
    /// Delete history older than the retention.
    Prune,
}

/// The first instant strictly after `now` whose UTC time of day is one of `times`.
pub fn next_daily(now: DateTime<Utc>, times: &[NaiveTime]) -> Option<DateTime<Utc>> {
    let today = now.date_naive();
    [today, today.succ_opt()?]
        .into_iter()
        .flat_map(|day| times.iter().map(move |t| day.and_time(*t).and_utc()))
        .filter(|t| *t > now)
        .min()
}

/// The next job and when it is due.
pub fn next_job(now: DateTime<Utc>, config: &Config) -> Option<(DateTime<Utc>, Job)> {
    let s = &config.schedule;
    let clv_times: Vec<NaiveTime> = s
        .collection_times
        .iter()
        .map(|t| *t + Duration::minutes(i64::from(s.clv_delay_minutes)))
        .collect();
    let mut candidates = vec![
        next_daily(now, &s.collection_times).map(|t| (t, Job::Collect)),
        next_daily(now, &clv_times).map(|t| (t, Job::Clv)),
        next_daily(now, &s.settlement_times).map(|t| (t, Job::Settle)),
    ];
    if config.retention_days > 0 {
        candidates.push(next_daily(now, &[s.prune_time]).map(|t| (t, Job::Prune)));
    }
    if s.closing_window_minutes > 0 && s.closing_interval_minutes > 0 {
        candidates.push(Some((
            now + Duration::minutes(i64::from(s.closing_interval_minutes)),
            Job::ClosingPoll,
        )));
    }
    // Earliest first; at the same instant, the order of the list above wins.
    candidates.into_iter().flatten().min_by_key(|(t, _)| *t)
}

/// Runs one job now.
pub async fn run_job(state: &AppState, job: Job) {
    let now = Utc::now();
    match job {
        Job::Collect => {
            if let Err(e) = state.collector.collect_odds(&[], now).await {
                tracing::warn!("scheduled collection: {e}");
            }
        }
        Job::ClosingPoll => {
            let window = Duration::minutes(i64::from(state.config.schedule.closing_window_minutes));
            match state
                .store
                .matches(
                    None,
                    Some(now),
                    Some(now + window),
                    &crate::storage::Page::first(5_000),
                )
                .await
            {
                Ok(soon) if !soon.is_empty() => {
                    let mut sports: Vec<String> =
                        soon.into_iter().map(|m| m.event.league).collect();
                    sports.sort();
                    sports.dedup();
                    sports.retain(|s| state.config.odds_api.sports.contains(s));
                    if !sports.is_empty()
                        && let Err(e) = state.collector.collect_odds(&sports, now).await
                    {
                        tracing::warn!("closing-line poll: {e}");
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("closing-line poll: {e}"),
            }
        }
        Job::Clv => {
            match ledger::compute_clv(
                state.store.as_ref(),
                &state.config.odds_api.reference_bookmaker,
                now,
            )
            .await
            {
                Ok(r) => tracing::info!(computed = r.computed, waiting = r.waiting, "CLV computed"),
                Err(e) => tracing::warn!("CLV: {e}"),
            }
        }
        Job::Settle => {
            if let Err(e) = state.collector.collect_scores(now).await {
                tracing::warn!("score collection: {e}");
            }
            match ledger::settle_pending(state.store.as_ref(), now).await {
                Ok(r) => tracing::info!(settled = r.settled, waiting = r.waiting, "bets settled"),
                Err(e) => tracing::warn!("settlement: {e}"),
            }
        }
        Job::Prune => {
            let cutoff = now - Duration::days(i64::from(state.config.retention_days));
            match state.store.prune(cutoff).await {
                Ok(n) => tracing::info!(rows = n, "history pruned"),
                Err(e) => tracing::warn!("pruning: {e}"),
            }
        }
    }
    if matches!(job, Job::Collect | Job::ClosingPoll)
        && let Err(e) = state.board.get(state).await
    {
        tracing::warn!("board: {e}");
    }
    if matches!(job, Job::Clv | Job::Settle) {
        state.bets_changed();
    }
}

/// Runs the timetable forever.
pub async fn run(state: Arc<AppState>) {
    loop {
        let now = Utc::now();
        let Some((at, job)) = next_job(now, &state.config) else {
            return;
        };
        let wait = (at - now).to_std().unwrap_or_default();
        tokio::time::sleep(wait).await;
        run_job(&state, job).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn daily_times() {
        let times = [
            NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        ];
        assert_eq!(
            next_daily(at("2025-03-14T09:00:00Z"), &times),
            Some(at("2025-03-14T10:00:00Z"))
        );
        assert_eq!(
            next_daily(at("2025-03-14T10:00:00Z"), &times),
            Some(at("2025-03-14T18:00:00Z"))
        );
        assert_eq!(
            next_daily(at("2025-03-14T19:00:00Z"), &times),
            Some(at("2025-03-15T10:00:00Z"))
        );
        assert_eq!(next_daily(at("2025-03-14T19:00:00Z"), &[]), None);
    }

    #[test]
    fn timetable() {
        let mut c = Config::default();
        c.schedule.closing_window_minutes = 0;
        assert_eq!(
            next_job(at("2025-03-14T09:59:00Z"), &c),
            Some((at("2025-03-14T10:00:00Z"), Job::Collect))
        );
        assert_eq!(
            next_job(at("2025-03-14T10:00:00Z"), &c),
            Some((at("2025-03-14T10:30:00Z"), Job::Clv))
        );
        assert_eq!(
            next_job(at("2025-03-14T03:00:00Z"), &c),
            Some((at("2025-03-14T04:00:00Z"), Job::Prune))
        );
        c.schedule.closing_window_minutes = 60;
        assert_eq!(
            next_job(at("2025-03-14T10:00:00Z"), &c),
            Some((at("2025-03-14T10:15:00Z"), Job::ClosingPoll))
        );
    }
}
