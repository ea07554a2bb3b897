//! Subscriber risk: a weighted score in [0, 1] of how likely a subscriber is to fail payments
//! or churn, with the factors and flags that explain it to the support team.
//!
//! The input records ([`Subscriber`], [`Subscription`], [`Payment`]) are scoped to this module:
//! `risk::Subscription` is a subscriber's plan history and is unrelated to the MRR record of
//! `finance::mrr`.
//!
//! # The score
//! Everything is seen as of a date `as_of`: payments dated after it and subscriptions starting
//! after it are ignored. Payments are ordered by date; on the same date a failed payment comes
//! before a successful one (a retry that succeeds follows the failure it retries). Input order
//! never matters. Each factor has a value in [0, 1]:
//!
//! | factor | value | default weight |
//! |---|---|---|
//! | `recent_failures` | failed / count among the last `recent_window` (3) payments; 0 with no payment | 0.50 |
//! | `amount` | 1 on a downgrade; else `1 - amount / low_cost_amount` for a low-cost plan; else 0 | 0.20 |
//! | `failure_rate` | failed payments / payments; 0 with no payment | 0.15 |
//! | `pays_once` | 1 when the first payment succeeded and every later one (at least one) failed; else 0 | 0.10 |
//! | `account_age` | `1 - age_days / age_horizon_days`, floored at 0 (1 at signup, 0 after a year) | 0.05 |
//!
//! The *current* plan is the latest subscription started on or before `as_of` (latest start;
//! on the same start date the dearer plan counts as the later one), whether or not it has
//! ended; the *previous* plan is the next one in that order. A downgrade is a current monthly
//! amount strictly below the previous one; a low-cost plan has a monthly amount strictly below
//! `low_cost_amount` (10 by default). With no subscription the amount factor is 0.
//!
//! The score is `sum(weight x value)`, clamped to [0, 1] (the weights add up to 1 within
//! 1e-9). Its level is `critical` from 0.7, `high` from 0.4, `medium` from 0.2, else `low`
//! (all configurable in [`RiskConfig`]).
//!
//! # Flags and edge cases
//! [`RiskFlag`]s name the patterns found: strictly more than 40% failures among the recent
//! payments (the monitor's main rule, e.g. 2 of the last 3), a downgrade, a low-cost plan,
//! pays once then declines, an account younger than `new_account_days` (30), no payment at
//! all. A subscriber with no payment is scored (both payment factors 0) and flagged; a
//! signup after `as_of` is an `InvalidParameter` error, as such a subscriber does not exist
//! yet at that date. Each [`RiskScore`] also carries its payment counts, so
//! [`risk_summary`] can report the overall payment failure rate.
//!
//! ```
//! use chrono::NaiveDate;
//! use edgecore::risk::{risk_score, RiskConfig, RiskFlag, Subscriber};
//!
//! let day = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
//! let new = Subscriber { id: "u7".into(), signup: day, subscriptions: vec![], payments: vec![] };
//! let risk = risk_score(&new, day, &RiskConfig::default()).unwrap();
//! assert_eq!(risk.score, 0.05); // only the account age, at its maximum
//! assert_eq!(risk.flags, [RiskFlag::NewAccount, RiskFlag::NoPayments]);
//! ```

mod batch;
mod summary;

pub use crate::progress::PROGRESS_CHUNK;
pub use batch::{risk_score_batch, risk_score_batch_with_progress};
pub use summary::{FlagCount, HistogramBin, LevelCount, RiskSummary, risk_summary};

use crate::check;
use crate::error::{Error, Result};
use crate::money::to_f64;
use crate::names::named_enum;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The largest accepted [`RiskConfig::recent_window`], in payments.
pub const MAX_RECENT_WINDOW: usize = 32;

/// The main rule of the risk monitor: strictly more than this share (40%) of the recent
/// payments failed raises the flag [`RiskFlag::RecentFailuresOver40Pct`].
pub const RECENT_FAILURE_FLAG_SHARE: f64 = 0.4;

/// One payment attempt.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// The day the payment was attempted.
    pub date: NaiveDate,
    /// The amount charged (>= 0); it does not enter the score but a negative amount is an
    /// `InvalidAmount` error.
    pub amount: Decimal,
    /// Whether the payment went through.
    pub succeeded: bool,
}

/// One period of a subscriber on one plan (the plan history, not the MRR record of
/// `finance::mrr`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The plan's name (informative only).
    pub plan: String,
    /// Monthly price of the plan (>= 0, else `InvalidAmount`).
    pub monthly_amount: Decimal,
    /// First day on the plan.
    pub start: NaiveDate,
    /// Last day on the plan, `None` while it runs. Informative only: the latest plan started
    /// is the subscriber's current price point even after it ended.
    pub end: Option<NaiveDate>,
}

/// A subscriber and their whole history, in any order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscriber {
    /// Stable identifier, copied into the [`RiskScore`].
    pub id: String,
    /// The day the account was created (must not be after the as-of date).
    pub signup: NaiveDate,
    /// Plan history, in any order (empty when missing from serialised input).
    #[serde(default)]
    pub subscriptions: Vec<Subscription>,
    /// Payment attempts, in any order (empty when missing from serialised input).
    #[serde(default)]
    pub payments: Vec<Payment>,
}

named_enum! {
    /// A risk level, from the score and the thresholds of [`RiskConfig`]:
    /// `critical` if score >= critical, else `high` if score >= high, else `medium` if
    /// score >= medium, else `low`.
    pub enum RiskLevel ("risk level") {
        /// Below the medium threshold (0.2 by default).
        Low = "low",
        /// From the medium threshold (0.2) up to the high one.
        Medium = "medium",
        /// From the high threshold (0.4) up to the critical one.
        High = "high",
        /// From the critical threshold (0.7).
        Critical = "critical",
    }
}

impl RiskLevel {
    /// Whether the level counts as high risk in the KPIs (`high` or `critical`).
    pub const fn is_high_risk(self) -> bool {
        matches!(self, RiskLevel::High | RiskLevel::Critical)
    }
}

named_enum! {
    /// The five weighted factors of the score (see the module documentation for each value).
    pub enum RiskFactor ("risk factor") {
        /// Share of failures among the last `recent_window` payments.
        RecentFailures = "recent_failures",
        /// Downgrade (1) or low-cost plan (`1 - amount / low_cost_amount`).
        Amount = "amount",
        /// Share of failures among all payments.
        FailureRate = "failure_rate",
        /// 1 when the first payment succeeded and every later one failed.
        PaysOnce = "pays_once",
        /// `1 - age_days / age_horizon_days`, floored at 0.
        AccountAge = "account_age",
    }
}

named_enum! {
    /// Patterns the support team looks for, reported next to the score.
    pub enum RiskFlag ("risk flag") {
        /// Strictly more than 40% of the last `recent_window` payments failed (the main rule).
        RecentFailuresOver40Pct = "recent_failures_over_40pct",
        /// The current plan is cheaper than the previous one.
        Downgrade = "downgrade",
        /// The current plan costs strictly less than `low_cost_amount`.
        LowCost = "low_cost",
        /// The first payment succeeded and every later one (at least one) failed.
        PaysOnceThenDeclines = "pays_once_then_declines",
        /// The account is younger than `new_account_days` days.
        NewAccount = "new_account",
        /// No payment on or before the as-of date.
        NoPayments = "no_payments",
    }
}

/// The weight of each factor; each is finite and >= 0 and together they add up to 1
/// (within 1e-9). Default: the risk monitor's 0.50 / 0.20 / 0.15 / 0.10 / 0.05.
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskWeights {
    /// Weight of the recent failures (default 0.50).
    pub recent_failures: f64,
    /// Weight of the downgrade / low-cost amount (default 0.20).
    pub amount: f64,
    /// Weight of the overall failure rate (default 0.15).
    pub failure_rate: f64,
    /// Weight of the pays-once-then-declines pattern (default 0.10).
    pub pays_once: f64,
    /// Weight of the account age (default 0.05).
    pub account_age: f64,
}

impl Default for RiskWeights {
    fn default() -> Self {
        RiskWeights {
            recent_failures: 0.50,
            amount: 0.20,
            failure_rate: 0.15,
            pays_once: 0.10,
            account_age: 0.05,
        }
    }
}

impl RiskWeights {
    /// The weight of one factor.
    pub const fn get(&self, factor: RiskFactor) -> f64 {
        match factor {
            RiskFactor::RecentFailures => self.recent_failures,
            RiskFactor::Amount => self.amount,
            RiskFactor::FailureRate => self.failure_rate,
            RiskFactor::PaysOnce => self.pays_once,
            RiskFactor::AccountAge => self.account_age,
        }
    }

    /// Checks every weight is finite and >= 0 (`InvalidParameter` naming it, e.g.
    /// `weights.amount`) and that they add up to 1 within 1e-9 (`InvalidParameter` named
    /// `weights` carrying the sum).
    pub fn validate(&self) -> Result<()> {
        const NAMES: [&str; 5] = [
            "weights.recent_failures",
            "weights.amount",
            "weights.failure_rate",
            "weights.pays_once",
            "weights.account_age",
        ];
        let mut sum = 0.0;
        for (factor, name) in RiskFactor::ALL.iter().zip(NAMES) {
            sum += check::parameter(name, self.get(*factor), |w| w >= 0.0, "must be >= 0")?;
        }
        if (sum - 1.0).abs() <= 1e-9 {
            Ok(())
        } else {
            Err(Error::InvalidParameter {
                name: "weights",
                value: sum.to_string(),
                reason: "the five weights must add up to 1",
            })
        }
    }
}

/// Everything the score depends on besides the subscriber and the as-of date.
/// `Default` is the risk monitor's configuration; missing fields of serialised input take
/// their default.
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskConfig {
    /// Factor weights (default 0.50 / 0.20 / 0.15 / 0.10 / 0.05).
    pub weights: RiskWeights,
    /// Score from which the level is `medium` (default 0.2).
    pub medium: f64,
    /// Score from which the level is `high` (default 0.4).
    pub high: f64,
    /// Score from which the level is `critical` (default 0.7).
    pub critical: f64,
    /// Monthly amount below which a plan is low-cost (default 10; >= 0, 0 disables it).
    pub low_cost_amount: Decimal,
    /// How many of the latest payments the recent-failures factor looks at (default 3;
    /// 1 to [`MAX_RECENT_WINDOW`]).
    pub recent_window: usize,
    /// Account age, in days, at which the age factor reaches 0 (default 365; >= 1).
    pub age_horizon_days: u32,
    /// Accounts strictly younger than this many days are flagged `new_account` (default 30).
    pub new_account_days: u32,
}

impl Default for RiskConfig {
    fn default() -> Self {
        RiskConfig {
            weights: RiskWeights::default(),
            medium: 0.2,
            high: 0.4,
            critical: 0.7,
            low_cost_amount: Decimal::TEN,
            recent_window: 3,
            age_horizon_days: 365,
            new_account_days: 30,
        }
    }
}

impl RiskConfig {
    /// Checks the configuration: the weights (see [`RiskWeights::validate`]); thresholds
    /// finite with `0 <= medium <= high <= critical <= 1`; `recent_window` in
    /// 1..=[`MAX_RECENT_WINDOW`]; `age_horizon_days >= 1` (all `InvalidParameter` naming the
    /// field); `low_cost_amount >= 0` (`InvalidAmount`).
    ///
    /// ```
    /// use edgecore::risk::RiskConfig;
    /// assert!(RiskConfig::default().validate().is_ok());
    /// let bad = RiskConfig { high: 0.8, ..RiskConfig::default() };
    /// assert_eq!(bad.validate().unwrap_err().kind(), "InvalidParameter");
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.weights.validate()?;
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        check::parameter("medium", self.medium, unit, "must be within [0, 1]")?;
        check::parameter("high", self.high, unit, "must be within [0, 1]")?;
        check::parameter("critical", self.critical, unit, "must be within [0, 1]")?;
        check::parameter(
            "high",
            self.high,
            |h| h >= self.medium && h <= self.critical,
            "must be between the medium and critical thresholds",
        )?;
        check::non_negative_amount("low_cost_amount", self.low_cost_amount)?;
        if !(1..=MAX_RECENT_WINDOW).contains(&self.recent_window) {
            return Err(Error::InvalidParameter {
                name: "recent_window",
                value: self.recent_window.to_string(),
                reason: "must be between 1 and 32 payments",
            });
        }
        if self.age_horizon_days == 0 {
            return Err(Error::InvalidParameter {
                name: "age_horizon_days",
                value: "0".into(),
                reason: "must be at least 1 day",
            });
        }
        Ok(())
    }

    /// The level of a score under these thresholds (the score is already in [0, 1]).
    fn level(&self, score: f64) -> RiskLevel {
        if score >= self.critical {
            RiskLevel::Critical
        } else if score >= self.high {
            RiskLevel::High
        } else if score >= self.medium {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        }
    }
}

/// One factor's part of a score: `contribution = weight x value`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorContribution {
    /// Which factor.
    pub factor: RiskFactor,
    /// The factor's value, in [0, 1].
    pub value: f64,
    /// Its weight in the configuration.
    pub weight: f64,
    /// `weight x value`, its share of the score.
    pub contribution: f64,
}

/// A blank factor slot, overwritten before any score leaves this module.
const UNSET_FACTOR: FactorContribution = FactorContribution {
    factor: RiskFactor::RecentFailures,
    value: 0.0,
    weight: 0.0,
    contribution: 0.0,
};

/// A subscriber's risk as of a date, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskScore {
    /// The subscriber's identifier.
    pub subscriber_id: String,
    /// `sum(weight x value)` over the factors, in [0, 1].
    pub score: f64,
    /// The score's level under the configured thresholds.
    pub level: RiskLevel,
    /// Patterns found, in the declaration order of [`RiskFlag`].
    pub flags: Vec<RiskFlag>,
    /// The five factors, in the declaration order of [`RiskFactor`].
    pub factors: [FactorContribution; 5],
    /// Payments on or before the as-of date.
    pub payment_count: u64,
    /// Failed payments among them.
    pub failed_payment_count: u64,
}

/// Scores one subscriber as of `as_of` (see the module documentation for the factors).
///
/// Errors: an invalid `config` (see [`RiskConfig::validate`]); a signup after `as_of`
/// (`InvalidParameter` named `signup`, naming the subscriber); a negative monthly amount or
/// payment amount (`InvalidAmount`). A subscriber with no payment is scored and flagged
/// `no_payments`.
///
/// Pays once (1 March) then declines three times, signed up 121 days before 30 June:
/// `0.5 x 3/3 + 0.2 x 0 + 0.15 x 3/4 + 0.1 x 1 + 0.05 x (1 - 121/365) = 0.74592`, critical.
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::risk::{risk_score, Payment, RiskConfig, RiskFlag, RiskLevel, Subscriber};
/// use rust_decimal::Decimal;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let pay = |m, succeeded| Payment { date: day(m, 1), amount: Decimal::from(20), succeeded };
/// let subscriber = Subscriber {
///     id: "u1".into(),
///     signup: day(3, 1),
///     subscriptions: vec![],
///     payments: vec![pay(3, true), pay(4, false), pay(5, false), pay(6, false)],
/// };
/// let risk = risk_score(&subscriber, day(6, 30), &RiskConfig::default()).unwrap();
/// assert!((risk.score - 0.745_924_657_534_246_6).abs() < 1e-12);
/// assert_eq!(risk.level, RiskLevel::Critical);
/// assert!(risk.flags.contains(&RiskFlag::PaysOnceThenDeclines));
/// ```
pub fn risk_score(
    subscriber: &Subscriber,
    as_of: NaiveDate,
    config: &RiskConfig,
) -> Result<RiskScore> {
    Scorer::new(config)?.score(subscriber, as_of)
}

/// A validated configuration, ready to score many subscribers (shared by the batch forms).
pub(crate) struct Scorer<'a> {
    config: &'a RiskConfig,
    /// `low_cost_amount` as a float, converted once.
    low_cost: f64,
}

impl<'a> Scorer<'a> {
    /// Validates `config` (see [`RiskConfig::validate`]).
    pub(crate) fn new(config: &'a RiskConfig) -> Result<Scorer<'a>> {
        config.validate()?;
        Ok(Scorer {
            config,
            low_cost: to_f64(config.low_cost_amount),
        })
    }

    /// Scores one subscriber (see [`risk_score`]).
    pub(crate) fn score(&self, subscriber: &Subscriber, as_of: NaiveDate) -> Result<RiskScore> {
        let config = self.config;
        let age_days = as_of.signed_duration_since(subscriber.signup).num_days();
        if age_days < 0 {
            return Err(Error::InvalidParameter {
                name: "signup",
                value: format!("{} (subscriber {:?})", subscriber.signup, subscriber.id),
                reason: "must not be after the as-of date",
            });
        }
        let payments = PaymentScan::new(&subscriber.payments, as_of, config.recent_window)?;
        let plans = PlanScan::new(&subscriber.subscriptions, as_of)?;

        let low_cost = plans
            .current
            .filter(|&(_, amount)| amount < config.low_cost_amount);
        // a low-cost plan implies low_cost_amount > amount >= 0, so the division is finite
        let low_cost_value = low_cost.map_or(0.0, |(_, amount)| {
            (1.0 - to_f64(amount) / self.low_cost).clamp(0.0, 1.0)
        });
        let downgrade = plans.is_downgrade();
        let horizon = i64::from(config.age_horizon_days);
        let values = [
            ratio(payments.recent_failures, payments.recent_len),
            if downgrade { 1.0 } else { low_cost_value },
            ratio(payments.failures, payments.count),
            if payments.pays_once_then_declines() {
                1.0
            } else {
                0.0
            },
            (horizon - age_days.min(horizon)) as f64 / horizon as f64,
        ];

        let mut factors = [UNSET_FACTOR; 5];
        let mut score = 0.0;
        for ((slot, &factor), value) in factors.iter_mut().zip(RiskFactor::ALL).zip(values) {
            let weight = config.weights.get(factor);
            let contribution = weight * value;
            score += contribution;
            *slot = FactorContribution {
                factor,
                value,
                weight,
                contribution,
            };
        }
        let score = score.clamp(0.0, 1.0);

        let mut flags = Vec::new();
        // "more than 40%" as exact integer arithmetic: failed / n > 2/5
        if payments.recent_failures * 5 > payments.recent_len * 2 {
            flags.push(RiskFlag::RecentFailuresOver40Pct);
        }
        if downgrade {
            flags.push(RiskFlag::Downgrade);
        }
        if low_cost.is_some() {
            flags.push(RiskFlag::LowCost);
        }
        if payments.pays_once_then_declines() {
            flags.push(RiskFlag::PaysOnceThenDeclines);
        }
        if age_days < i64::from(config.new_account_days) {
            flags.push(RiskFlag::NewAccount);
        }
        if payments.count == 0 {
            flags.push(RiskFlag::NoPayments);
        }

        Ok(RiskScore {
            subscriber_id: subscriber.id.clone(),
            score,
            level: config.level(score),
            flags,
            factors,
            payment_count: payments.count,
            failed_payment_count: payments.failures,
        })
    }
}

/// `part / whole`, 0 when `whole` is 0.
fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A payment's place in time: a day number (`year x 512 + day of year`, increasing with the
/// date) times 2, plus 1 when it succeeded, so that on the same day a failure sorts before a
/// success.
#[inline]
fn payment_key(payment: &Payment) -> i64 {
    let day = i64::from(payment.date.year()) * 512 + i64::from(payment.date.ordinal());
    day * 2 + i64::from(payment.succeeded)
}

/// What one pass over the payments on or before the as-of date learns, without sorting or
/// allocating: counts, the earliest payment and the keys of the latest `window` payments.
struct PaymentScan {
    count: u64,
    failures: u64,
    successes: u64,
    earliest: i64,
    recent_len: u64,
    recent_failures: u64,
}

impl PaymentScan {
    fn new(payments: &[Payment], as_of: NaiveDate, window: usize) -> Result<PaymentScan> {
        let window = window.clamp(1, MAX_RECENT_WINDOW);
        // the latest keys seen so far, ascending; only `recent[..len]` is filled
        let mut recent = [0_i64; MAX_RECENT_WINDOW];
        let mut len = 0;
        let (mut count, mut failures, mut earliest) = (0_u64, 0_u64, i64::MAX);
        for payment in payments {
            check::non_negative_amount("payment amount", payment.amount)?;
            if payment.date > as_of {
                continue;
            }
            let key = payment_key(payment);
            count += 1;
            failures += u64::from(!payment.succeeded);
            earliest = earliest.min(key);
            // `len <= window <= MAX_RECENT_WINDOW`, the length of `recent`.
            if len < window {
                len += 1;
                push_sorted(recent.get_mut(..len).unwrap_or_default(), key);
            } else if key > recent[0] {
                replace_smallest(recent.get_mut(..len).unwrap_or_default(), key);
            }
        }
        let recent_failures = recent
            .get(..len)
            .unwrap_or_default()
            .iter()
            .filter(|&&k| k & 1 == 0)
            .count();
        Ok(PaymentScan {
            count,
            failures,
            successes: count - failures,
            earliest,
            recent_len: len as u64,
            recent_failures: recent_failures as u64,
        })
    }

    /// Exactly one success, it is the first payment, and at least one payment follows it.
    fn pays_once_then_declines(&self) -> bool {
        self.count >= 2 && self.successes == 1 && self.earliest & 1 == 1
    }
}

/// Puts `key` in the free last slot of `window` (ascending before it) and moves it left into
/// place, keeping `window` ascending.
fn push_sorted(window: &mut [i64], key: i64) {
    if let Some(last) = window.last_mut() {
        *last = key;
    }
    for i in (1..window.len()).rev() {
        match (window.get(i - 1), window.get(i)) {
            (Some(left), Some(right)) if left > right => window.swap(i - 1, i),
            _ => break,
        }
    }
}

/// Replaces the smallest (first) key of the ascending `window` with `key` and moves it right
/// into place, keeping `window` ascending.
fn replace_smallest(window: &mut [i64], key: i64) {
    if let Some(first) = window.first_mut() {
        *first = key;
    }
    for i in 1..window.len() {
        match (window.get(i - 1), window.get(i)) {
            (Some(left), Some(right)) if left > right => window.swap(i - 1, i),
            _ => break,
        }
    }
}

/// The latest two subscriptions started on or before the as-of date, by (start, amount).
struct PlanScan {
    current: Option<(NaiveDate, Decimal)>,
    previous: Option<(NaiveDate, Decimal)>,
}

impl PlanScan {
    fn new(subscriptions: &[Subscription], as_of: NaiveDate) -> Result<PlanScan> {
        let (mut current, mut previous) = (None, None);
        for sub in subscriptions {
            check::non_negative_amount("monthly_amount", sub.monthly_amount)?;
            if sub.start > as_of {
                continue;
            }
            let key = (sub.start, sub.monthly_amount);
            if current.is_none_or(|c| key > c) {
                previous = current;
                current = Some(key);
            } else if previous.is_none_or(|p| key > p) {
                previous = Some(key);
            }
        }
        Ok(PlanScan { current, previous })
    }

    fn is_downgrade(&self) -> bool {
        matches!((self.current, self.previous), (Some((_, c)), Some((_, p))) if c < p)
    }
}

#[cfg(test)]
pub(crate) mod tests;
