//! The daily timetable: odds collections (10:00, 14:00, 18:00 UTC by default), CLV 30
//! minutes after each, score collection and settlement twice a day, faster polling in the
//! hour before a kickoff (closing lines), and retention pruning.
//!
//! Jobs run one at a time in one task, so two jobs never write at once; the next due time
//! is computed by [`next_job`], a pure function of the clock and the configuration, so
//! every replica computes the same slots. A job runs only once its slot (job, due instant)
//! is claimed in the database ([`run`]): across a change of leader no slot runs twice.

use crate::config::Config;
use crate::state::AppState;
use crate::{betting, track_record};
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

impl Job {
    /// The job's name in the claimed slots.
    pub fn as_str(self) -> &'static str {
        match self {
            Job::Collect => "collect",
            Job::Clv => "clv",
            Job::Settle => "settle",
            Job::ClosingPoll => "closing_poll",
            Job::Prune => "prune",
        }
    }
}

/// The first multiple of `seconds` since the Unix epoch strictly after `now` (`None` for 0).
pub fn next_multiple(now: DateTime<Utc>, seconds: u32) -> Option<DateTime<Utc>> {
    let period = i64::from(seconds) * 1000;
    if period == 0 {
        return None;
    }
    let next = (now.timestamp_millis().div_euclid(period) + 1) * period;
    DateTime::from_timestamp_millis(next)
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
    candidates.push(next_multiple(now, s.collection_every_seconds).map(|t| (t, Job::Collect)));
    if s.closing_window_minutes > 0 && s.closing_interval_minutes > 0 {
        candidates.push(
            next_multiple(now, s.closing_interval_minutes.saturating_mul(60))
                .map(|t| (t, Job::ClosingPoll)),
        );
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
            match betting::compute_clv(
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
            match betting::settle_pending(state.store.as_ref(), now).await {
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
            if let Err(e) = state.store.prune_slots(cutoff).await {
                tracing::warn!("pruning the job slots: {e}");
            }
        }
    }
    if matches!(job, Job::Collect | Job::ClosingPoll) {
        match state.board.get(state).await {
            Ok(board) => {
                if let Err(e) = track_record::publish(state.store.as_ref(), &board).await {
                    tracing::warn!("track record: {e}");
                }
            }
            Err(e) => tracing::warn!("board: {e}"),
        }
    }
    let record = match job {
        Job::Clv => {
            let reference = &state.config.odds_api.reference_bookmaker;
            Some(track_record::close(state.store.as_ref(), reference, now).await)
        }
        Job::Settle => Some(track_record::settle(state.store.as_ref(), now).await),
        _ => None,
    };
    match record {
        Some(Ok(r)) => tracing::info!(updated = r.updated, "track record"),
        Some(Err(e)) => tracing::warn!("track record: {e}"),
        None => {}
    }
    if matches!(job, Job::Clv | Job::Settle) {
        state.bets_changed();
    }
}

/// The slots that fell due in `(from, to]`, in order.
pub fn due_between(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    config: &Config,
) -> Vec<(DateTime<Utc>, Job)> {
    let mut out = Vec::new();
    let mut t = from;
    while let Some((at, job)) = next_job(t, config) {
        if at > to {
            break;
        }
        out.push((at, job));
        t = at;
    }
    out
}

/// Claims the slot of `job` due at `at`, runs the job if the claim is ours, then marks the
/// slot done. A slot claimed already (by this or another replica) is skipped.
async fn run_slot(state: &AppState, at: DateTime<Utc>, job: Job) {
    let replica = &state.leadership.replica;
    match state
        .store
        .claim_slot(job.as_str(), at, replica, Utc::now())
        .await
    {
        Ok(true) => {
            run_job(state, job).await;
            if let Err(e) = state.store.finish_slot(job.as_str(), at, Utc::now()).await {
                tracing::warn!("slot not marked done: {e}");
            }
        }
        Ok(false) => tracing::info!(job = job.as_str(), %at, "slot already run; skipped"),
        Err(e) => tracing::warn!(job = job.as_str(), "slot not claimed, job skipped: {e}"),
    }
}

/// Runs the timetable while this replica leads: first the slots that fell due in the last
/// two leader checks (while nobody led) and nobody claimed, then each slot when it is due.
pub async fn run(state: Arc<AppState>) {
    let now = Utc::now();
    let missed = Duration::seconds(2 * i64::from(state.config.schedule.leader_check_seconds));
    for (at, job) in due_between(now - missed, now, &state.config) {
        run_slot(&state, at, job).await;
    }
    let mut after = now;
    loop {
        let now = Utc::now();
        let Some((at, job)) = next_job(after.max(now), &state.config) else {
            return;
        };
        let wait = (at - now).to_std().unwrap_or_default();
        tokio::time::sleep(wait).await;
        run_slot(&state, at, job).await;
        after = at;
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
