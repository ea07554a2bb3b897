//! The risk monitor's KPIs over a set of scores: counts by level, share of high-risk users,
//! overall payment failure rate, flag counts and the score distribution.

use super::{RiskFlag, RiskLevel, RiskScore, ratio};
use crate::check;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// How many subscribers are at one level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LevelCount {
    /// The level.
    pub level: RiskLevel,
    /// Subscribers at that level.
    pub count: u64,
    /// `count / total`, a fraction (0 when there is no subscriber).
    pub share: f64,
}

/// How many subscribers carry one flag.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FlagCount {
    /// The flag.
    pub flag: RiskFlag,
    /// Subscribers carrying it (each counted once).
    pub count: u64,
    /// `count / total`, a fraction (0 when there is no subscriber).
    pub share: f64,
}

/// One bin of the score histogram: scores in `[lower, upper)`, the last bin `[0.9, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HistogramBin {
    /// Lowest score of the bin (included).
    pub lower: f64,
    /// Upper edge (excluded, except 1 for the last bin).
    pub upper: f64,
    /// Subscribers whose score falls in the bin.
    pub count: u64,
}

/// KPIs of a set of risk scores (all fractions, not percent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskSummary {
    /// Number of scores.
    pub total: u64,
    /// Count and share per level, from `low` to `critical`.
    pub levels: [LevelCount; 4],
    /// Subscribers at `high` or `critical`.
    pub high_risk_count: u64,
    /// `high_risk_count / total` (0 when empty).
    pub high_risk_share: f64,
    /// Mean score (0 when empty).
    pub mean_score: f64,
    /// Count and share per flag, in the declaration order of [`RiskFlag`].
    pub flags: [FlagCount; 6],
    /// Payments counted in the scores (on or before their as-of date).
    pub payment_count: u64,
    /// Failed payments among them.
    pub failed_payment_count: u64,
    /// `failed_payment_count / payment_count`, the overall payment failure rate (0 without
    /// payments).
    pub failure_rate: f64,
    /// Score distribution in ten bins `[0, 0.1)`, `[0.1, 0.2)`, ..., `[0.9, 1]`.
    pub histogram: [HistogramBin; 10],
}

/// Summarises risk scores (usually one [`super::risk_score_batch`] at one as-of date; a
/// series of as-of dates gives the evolution over time).
///
/// Counts add up (saturating at `u64::MAX`); shares and rates are 0 for an empty input. A
/// score outside [0, 1] or not finite is `InvalidProbability`; a score with more failed
/// payments than payments is `InvalidParameter` (`failed_payment_count`). A bin holds the
/// scores `s` with `lower <= s < upper`, the edges being the decimals 0.1, 0.2, ... (a score
/// of exactly 0.3 falls in `[0.3, 0.4)`); 1 falls in the last bin.
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::risk::{risk_score_batch, risk_summary, RiskConfig, Subscriber};
///
/// let day = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
/// let new = Subscriber { id: "a".into(), signup: day, subscriptions: vec![], payments: vec![] };
/// let scores = risk_score_batch(&[new], day, &RiskConfig::default()).unwrap();
/// let summary = risk_summary(&scores).unwrap();
/// assert_eq!(summary.total, 1);
/// assert_eq!(summary.histogram[0].count, 1); // score 0.05
/// assert_eq!(summary.failure_rate, 0.0);
/// ```
pub fn risk_summary(scores: &[RiskScore]) -> Result<RiskSummary> {
    let mut levels = [0_u64; LEVELS];
    let mut flags = [0_u64; FLAGS];
    let mut bins = [0_u64; 10];
    let (mut payments, mut failed, mut score_sum) = (0_u64, 0_u64, 0.0);
    for s in scores {
        check::probability(s.score)?;
        if s.failed_payment_count > s.payment_count {
            return Err(Error::InvalidParameter {
                name: "failed_payment_count",
                value: format!(
                    "{} (payment_count {}, subscriber {:?})",
                    s.failed_payment_count, s.payment_count, s.subscriber_id
                ),
                reason: "must not exceed the payment count",
            });
        }
        bump(&mut levels, s.level as usize);
        let mut seen = [false; FLAGS];
        for &flag in &s.flags {
            if let Some(slot) = seen.get_mut(flag as usize) {
                if !*slot {
                    *slot = true;
                    bump(&mut flags, flag as usize);
                }
            }
        }
        bump(&mut bins, bin(s.score));
        payments = payments.saturating_add(s.payment_count);
        failed = failed.saturating_add(s.failed_payment_count);
        score_sum += s.score;
    }
    let total = u64::try_from(scores.len()).unwrap_or(u64::MAX);
    let share = |count: u64| ratio(count, total);
    let high_risk_count = RiskLevel::ALL
        .iter()
        .zip(levels)
        .filter(|(level, _)| level.is_high_risk())
        .map(|(_, count)| count)
        .fold(0_u64, u64::saturating_add);
    // Every level and flag in `ALL` order, zipped with its count (as many of each: checked
    // when compiled, so no slot keeps its placeholder).
    let mut level_counts = [LevelCount {
        level: RiskLevel::Low,
        count: 0,
        share: 0.0,
    }; LEVELS];
    for ((slot, &level), &count) in level_counts.iter_mut().zip(RiskLevel::ALL).zip(&levels) {
        *slot = LevelCount {
            level,
            count,
            share: share(count),
        };
    }
    let mut flag_counts = [FlagCount {
        flag: RiskFlag::NoPayments,
        count: 0,
        share: 0.0,
    }; FLAGS];
    for ((slot, &flag), &count) in flag_counts.iter_mut().zip(RiskFlag::ALL).zip(&flags) {
        *slot = FlagCount {
            flag,
            count,
            share: share(count),
        };
    }
    let mut lower = 0;
    let histogram = bins.map(|count| {
        lower += 1;
        HistogramBin {
            lower: edge(lower - 1),
            upper: edge(lower),
            count,
        }
    });
    Ok(RiskSummary {
        total,
        levels: level_counts,
        high_risk_count,
        high_risk_share: share(high_risk_count),
        mean_score: if scores.is_empty() {
            0.0
        } else {
            (score_sum / scores.len() as f64).clamp(0.0, 1.0)
        },
        flags: flag_counts,
        payment_count: payments,
        failed_payment_count: failed,
        failure_rate: ratio(failed, payments),
        histogram,
    })
}

/// The number of risk levels and of flags, the lengths of the summary's arrays.
const LEVELS: usize = 4;
const FLAGS: usize = 6;
const _: () = assert!(RiskLevel::ALL.len() == LEVELS && RiskFlag::ALL.len() == FLAGS);

/// Adds one to `counts[index]` (saturating); an index out of range is ignored.
fn bump(counts: &mut [u64], index: usize) {
    if let Some(count) = counts.get_mut(index) {
        *count = count.saturating_add(1);
    }
}

/// The `i`-th bin edge, `i / 10` correctly rounded (the same double as the literal 0.3).
fn edge(i: usize) -> f64 {
    i as f64 / 10.0
}

/// The histogram bin of a score in [0, 1]: the `i` with `edge(i) <= score < edge(i + 1)`,
/// 9 for a score of 1. `score x 10` may round across an edge, so the guess is corrected
/// against the edges themselves.
fn bin(score: f64) -> usize {
    let guess = ((score * 10.0) as usize).min(9);
    if guess < 9 && score >= edge(guess + 1) {
        guess + 1
    } else if guess > 0 && score < edge(guess) {
        guess - 1
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::tests::{day, pay, subscriber};
    use crate::risk::{RiskConfig, risk_score_batch};

    fn scored(score: f64, level: RiskLevel, flags: Vec<RiskFlag>, pays: (u64, u64)) -> RiskScore {
        let s = subscriber(day(2024, 1, 1), vec![], vec![]);
        let mut r = crate::risk::risk_score(&s, day(2024, 1, 1), &RiskConfig::default()).unwrap();
        r.score = score;
        r.level = level;
        r.flags = flags;
        (r.payment_count, r.failed_payment_count) = pays;
        r
    }

    #[test]
    fn empty_input_gives_zeros() {
        let s = risk_summary(&[]).unwrap();
        assert_eq!(s.total, 0);
        assert_eq!(
            (s.high_risk_share, s.mean_score, s.failure_rate),
            (0.0, 0.0, 0.0)
        );
        assert!(s.histogram.iter().all(|b| b.count == 0));
        assert_eq!(s.histogram[9].upper, 1.0);
        assert_eq!(s.levels[3].level, RiskLevel::Critical);
    }

    #[test]
    fn counts_shares_and_rates() {
        let scores = [
            scored(0.0, RiskLevel::Low, vec![], (12, 0)),
            scored(0.3, RiskLevel::Medium, vec![RiskFlag::LowCost], (3, 1)),
            scored(
                0.4,
                RiskLevel::High,
                vec![RiskFlag::Downgrade, RiskFlag::Downgrade],
                (4, 2),
            ),
            scored(1.0, RiskLevel::Critical, vec![RiskFlag::Downgrade], (4, 3)),
        ];
        let s = risk_summary(&scores).unwrap();
        assert_eq!(s.total, 4);
        assert!(s.levels.iter().all(|l| l.count == 1 && l.share == 0.25));
        assert_eq!((s.high_risk_count, s.high_risk_share), (2, 0.5));
        assert_eq!((s.payment_count, s.failed_payment_count), (23, 6));
        assert_eq!(s.failure_rate, 6.0 / 23.0);
        assert_eq!(s.mean_score, 1.7 / 4.0);
        let counts: Vec<u64> = s.histogram.iter().map(|b| b.count).collect();
        assert_eq!(counts, [1, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
        assert_eq!(s.flags[1].flag, RiskFlag::Downgrade);
        assert_eq!((s.flags[1].count, s.flags[1].share), (2, 0.5));
        assert_eq!(s.flags[2].count, 1);
    }

    #[test]
    fn bins_follow_the_decimal_edges() {
        for i in 0..10 {
            let lower = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9][i];
            assert_eq!(edge(i), lower);
            assert_eq!(bin(lower), i);
            if i > 0 {
                assert_eq!(bin(lower - 1e-12), i - 1);
                assert_eq!(bin(f64::from_bits(lower.to_bits() - 1)), i - 1);
            }
        }
        assert_eq!(bin(1.0), 9);
        assert_eq!(bin(0.1 + 0.2), 3); // 0.30000000000000004
    }

    #[test]
    fn from_a_batch() {
        let subs = [
            subscriber(day(2024, 6, 1), vec![], vec![pay(day(2024, 6, 2), false)]),
            subscriber(day(2022, 6, 1), vec![], vec![pay(day(2024, 6, 2), true)]),
        ];
        let scores = risk_score_batch(&subs, day(2024, 6, 30), &RiskConfig::default()).unwrap();
        let s = risk_summary(&scores).unwrap();
        assert_eq!((s.payment_count, s.failure_rate), (2, 0.5));
        assert_eq!(s.flags[0].count, 1);
    }

    #[test]
    fn invalid_probability_error() {
        for bad in [1.5, -0.1, f64::NAN] {
            let e = risk_summary(&[scored(bad, RiskLevel::Low, vec![], (0, 0))]).unwrap_err();
            assert_eq!(e.kind(), "InvalidProbability");
        }
    }

    #[test]
    fn invalid_parameter_error() {
        let e = risk_summary(&[scored(0.1, RiskLevel::Low, vec![], (2, 3))]).unwrap_err();
        assert_eq!(e.kind(), "InvalidParameter");
        assert!(e.to_string().contains("failed_payment_count = 3"), "{e}");
    }

    #[test]
    fn huge_counts_saturate() {
        let big = scored(0.5, RiskLevel::High, vec![], (u64::MAX, u64::MAX));
        let s = risk_summary(&[big.clone(), big]).unwrap();
        assert_eq!(s.payment_count, u64::MAX);
        assert_eq!(s.failure_rate, 1.0);
    }
}
