//! Scoring many subscribers at once, in parallel above a size threshold, with an optional
//! progress report.

use super::{RiskConfig, RiskLevel, RiskScore, Scorer, Subscriber, UNSET_FACTOR};
use crate::error::{Error, Result};
use crate::par::*;
use crate::progress::{Progress, ProgressFn, Ticker};
use chrono::NaiveDate;
use std::sync::Mutex;

/// Batches at least this long are scored on the rayon thread pool.
const PARALLEL_MIN_LEN: usize = 1024;

/// Scores every subscriber as of `as_of`, in input order (see [`super::risk_score`]).
///
/// The configuration is validated once. Batches of 1024 subscribers or more run on the rayon
/// thread pool. If any subscriber is invalid the error of the first one in input order is
/// returned (the same error whatever the thread count); an empty batch gives an empty vector.
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::risk::{risk_score_batch, RiskConfig, RiskLevel, Subscriber};
///
/// let day = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
/// let new = |id: &str| Subscriber {
///     id: id.into(), signup: day, subscriptions: vec![], payments: vec![],
/// };
/// let scores = risk_score_batch(&[new("a"), new("b")], day, &RiskConfig::default()).unwrap();
/// assert_eq!(scores.len(), 2);
/// assert_eq!(scores[1].subscriber_id, "b");
/// assert_eq!(scores[0].level, RiskLevel::Low); // 0.05 x age factor 1
/// ```
pub fn risk_score_batch(
    subscribers: &[Subscriber],
    as_of: NaiveDate,
    config: &RiskConfig,
) -> Result<Vec<RiskScore>> {
    score_all(subscribers, as_of, config, None)
}

/// [`risk_score_batch`] that reports its progress: `progress(done, total)` is called after
/// about every [`PROGRESS_CHUNK`](super::PROGRESS_CHUNK) subscribers and once more when the
/// last one is scored, with `done` strictly increasing and the last call being
/// `(total, total)`. Calls may come from several threads but never at the same time. An empty
/// batch or an invalid configuration makes no call. A panic in `progress` propagates to the
/// caller. (The shape of every long batch's progress form, `devig_batch_with_progress`
/// included.)
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::risk::{risk_score_batch_with_progress, RiskConfig, Subscriber};
/// use std::sync::Mutex;
///
/// let day = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
/// let subscribers: Vec<Subscriber> = (0..10_000)
///     .map(|i| Subscriber { id: i.to_string(), signup: day, subscriptions: vec![], payments: vec![] })
///     .collect();
/// let seen = Mutex::new(Vec::new());
/// let report = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
/// risk_score_batch_with_progress(&subscribers, day, &RiskConfig::default(), &report).unwrap();
/// assert_eq!(seen.lock().unwrap().last(), Some(&(10_000, 10_000)));
/// ```
pub fn risk_score_batch_with_progress(
    subscribers: &[Subscriber],
    as_of: NaiveDate,
    config: &RiskConfig,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<RiskScore>> {
    score_all(subscribers, as_of, config, Some(progress))
}

/// The one kernel of both batch forms. Every subscriber is scored (no early exit), a failed
/// one leaves a placeholder and the error of the lowest index is kept, so the result does
/// not depend on scheduling and the output vector is written in place.
fn score_all(
    subscribers: &[Subscriber],
    as_of: NaiveDate,
    config: &RiskConfig,
    progress: Option<ProgressFn<'_>>,
) -> Result<Vec<RiskScore>> {
    let scorer = Scorer::new(config)?;
    let total = subscribers.len();
    let shared = progress.map(|report| Progress::new(report, total));
    let first_error: Mutex<Option<(usize, Error)>> = Mutex::new(None);
    let score_one = |ticker: &mut Ticker<'_, '_>, (index, subscriber): (usize, &Subscriber)| {
        let result = scorer.score(subscriber, as_of);
        ticker.advance(1);
        result.unwrap_or_else(|error| {
            let mut slot = first_error.lock().unwrap_or_else(|p| p.into_inner());
            if slot.as_ref().is_none_or(|(i, _)| index < *i) {
                *slot = Some((index, error));
            }
            placeholder()
        })
    };
    let new_ticker = || Ticker::new(shared.as_ref());
    let scores: Vec<RiskScore> = if total >= PARALLEL_MIN_LEN {
        subscribers
            .par_iter()
            .enumerate()
            .map_init(new_ticker, score_one)
            .collect()
    } else {
        let mut ticker = new_ticker();
        subscribers
            .iter()
            .enumerate()
            .map(|item| score_one(&mut ticker, item))
            .collect()
    };
    match first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some((_, error)) => Err(error),
        None => Ok(scores),
    }
}

/// Stands in for a subscriber whose scoring failed; never returned to the caller.
fn placeholder() -> RiskScore {
    RiskScore {
        subscriber_id: String::new(),
        score: 0.0,
        level: RiskLevel::Low,
        flags: Vec::new(),
        factors: [UNSET_FACTOR; 5],
        payment_count: 0,
        failed_payment_count: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::PROGRESS_CHUNK;
    use crate::risk::risk_score;
    use crate::risk::tests::{day, pay, subscriber};

    fn population(n: usize) -> Vec<Subscriber> {
        (0..n)
            .map(|i| {
                let payments = (0..(i % 7))
                    .map(|k| {
                        pay(
                            day(2024, 1 + k as u32, 1 + (i % 28) as u32),
                            (i + k) % 3 != 0,
                        )
                    })
                    .collect();
                let mut s = subscriber(day(2023, 1 + (i % 12) as u32, 1), vec![], payments);
                s.id = format!("s{i}");
                s
            })
            .collect()
    }

    #[test]
    fn batch_equals_one_by_one_in_order() {
        let as_of = day(2024, 6, 30);
        let config = RiskConfig::default();
        for n in [0, 1, 10, PARALLEL_MIN_LEN + 7] {
            let subscribers = population(n);
            let batch = risk_score_batch(&subscribers, as_of, &config).unwrap();
            assert_eq!(batch.len(), n);
            for (s, r) in subscribers.iter().zip(&batch) {
                assert_eq!(*r, risk_score(s, as_of, &config).unwrap());
            }
        }
    }

    #[test]
    fn first_error_in_input_order_wins() {
        let as_of = day(2024, 6, 30);
        let mut subscribers = population(5000);
        subscribers[4000].signup = day(2025, 1, 1);
        subscribers[17].signup = day(2025, 2, 2);
        for _ in 0..3 {
            let e = risk_score_batch(&subscribers, as_of, &RiskConfig::default()).unwrap_err();
            assert_eq!(e.kind(), "InvalidParameter");
            assert!(e.to_string().contains("\"s17\""), "{e}");
        }
        let bad = RiskConfig {
            critical: 2.0,
            ..RiskConfig::default()
        };
        let e = risk_score_batch(&subscribers, as_of, &bad).unwrap_err();
        assert!(e.to_string().contains("critical"), "{e}");
    }

    #[test]
    fn progress_is_monotonic_and_ends_at_total() {
        let as_of = day(2024, 6, 30);
        for n in [0, 5, 3 * PROGRESS_CHUNK + 11] {
            let subscribers = population(n);
            let calls = Mutex::new(Vec::new());
            let report = |done, total| calls.lock().unwrap().push((done, total));
            let scores = risk_score_batch_with_progress(
                &subscribers,
                as_of,
                &RiskConfig::default(),
                &report,
            )
            .unwrap();
            assert_eq!(scores.len(), n);
            let calls = calls.into_inner().unwrap();
            if n == 0 {
                assert!(calls.is_empty());
                continue;
            }
            assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(calls.iter().all(|&(_, total)| total == n));
            assert_eq!(calls.last(), Some(&(n, n)));
        }
    }
}
