//! Subscriber risk (`edgecore::risk`): a weighted score in [0, 1] of how likely a subscriber
//! is to fail payments or churn, with the factors and flags that explain it, batches (also
//! off the main thread, with progress) and KPI summaries.

use crate::convert::{At, FromJs, ToJs, day, names, read, read_or_default, record};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use crate::js::{Config, Date, Input};
use crate::task::{Background, Progress, background};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

names! {
    "A risk level from the score and the configured thresholds: `low`, `medium` (from 0.2), `high` (from 0.4), `critical` (from 0.7)."
    RiskLevel = edgecore::risk::RiskLevel { Low = "low", Medium = "medium", High = "high", Critical = "critical" }

    "The five weighted factors of the score: `recent_failures`, `amount` (downgrade or low-cost plan), `failure_rate`, `pays_once` (first payment succeeded, every later one failed), `account_age`."
    RiskFactor = edgecore::risk::RiskFactor {
        RecentFailures = "recent_failures", Amount = "amount", FailureRate = "failure_rate",
        PaysOnce = "pays_once", AccountAge = "account_age"
    }

    "Patterns the support team looks for: `recent_failures_over_40pct`, `downgrade`, `low_cost`, `pays_once_then_declines`, `new_account`, `no_payments`."
    RiskFlag = edgecore::risk::RiskFlag {
        RecentFailuresOver40Pct = "recent_failures_over_40pct", Downgrade = "downgrade",
        LowCost = "low_cost", PaysOnceThenDeclines = "pays_once_then_declines",
        NewAccount = "new_account", NoPayments = "no_payments"
    }
}

/// One payment attempt.
#[napi(object)]
pub struct Payment {
    /// The day the payment was attempted (its UTC day).
    pub date: Date,
    /// The amount charged (>= 0, a decimal string); it does not enter the score.
    pub amount: JsString,
    /// Whether the payment went through.
    pub succeeded: bool,
}

record!(both Payment = edgecore::risk::Payment { date, amount, succeeded });

/// One period of a subscriber on one plan (the plan history; unrelated to the MRR
/// `Subscription`).
#[napi(object)]
pub struct RiskSubscription {
    /// The plan's name (informative only).
    pub plan: JsString,
    /// Monthly price of the plan (>= 0), a decimal string.
    pub monthly_amount: JsString,
    /// First day on the plan.
    pub start: Date,
    /// Last day on the plan, absent while it runs (informative only).
    pub end: Option<Option<Date>>,
}

record!(both RiskSubscription = edgecore::risk::Subscription { plan, monthly_amount, start, end });

/// A subscriber and their whole history, in any order.
#[napi(object)]
pub struct Subscriber {
    /// Stable identifier, copied into the `RiskScore`.
    pub id: JsString,
    /// The day the account was created (must not be after the as-of date).
    pub signup: Date,
    /// Plan history, in any order (empty when absent).
    pub subscriptions: Option<Option<Vec<RiskSubscription>>>,
    /// Payment attempts, in any order (empty when absent).
    pub payments: Option<Option<Vec<Payment>>>,
}

impl crate::js::Extra for Subscriber {
    const CHECKED: bool = true;
    fn fields(&self) -> Option<(usize, &'static [&'static str])> {
        use crate::js::Present;
        let present = [
            self.id.present(),
            self.signup.present(),
            self.subscriptions.present(),
            self.payments.present(),
        ];
        let present = present.into_iter().filter(|&p| p).count();
        Some((present, &["id", "signup", "subscriptions", "payments"]))
    }
    fn each_record_field(
        &self,
        visit: &mut dyn FnMut(&'static str, &dyn crate::js::Nested) -> napi::Result<bool>,
    ) -> napi::Result<bool> {
        Ok(visit("subscriptions", &self.subscriptions)? || visit("payments", &self.payments)?)
    }
}

impl ToJs for edgecore::risk::Subscriber {
    type Js = Subscriber;
    fn to_js(self) -> Subscriber {
        Subscriber {
            id: self.id.into(),
            signup: self.signup.to_js(),
            subscriptions: Some(Some(self.subscriptions.to_js())),
            payments: Some(Some(self.payments.to_js())),
        }
    }
}

impl FromJs for edgecore::risk::Subscriber {
    type Js = Subscriber;
    fn from_js(js: Subscriber, at: &At<'_>) -> edgecore::Result<Self> {
        let Subscriber {
            id,
            signup,
            subscriptions,
            payments,
        } = js;
        Ok(edgecore::risk::Subscriber {
            id: id.into_string(),
            signup: FromJs::from_js(signup, &at.field("signup"))?,
            subscriptions: FromJs::from_js(
                subscriptions.flatten().unwrap_or_default(),
                &at.field("subscriptions"),
            )?,
            payments: FromJs::from_js(
                payments.flatten().unwrap_or_default(),
                &at.field("payments"),
            )?,
        })
    }
}

/// The weight of each factor; each finite and >= 0, together adding up to 1 (within
/// 1e-9). Every field is optional (defaults 0.50 / 0.20 / 0.15 / 0.10 / 0.05).
#[napi(object)]
pub struct RiskWeights {
    /// Weight of the recent failures (default 0.50).
    pub recent_failures: Option<Option<f64>>,
    /// Weight of the downgrade / low-cost amount (default 0.20).
    pub amount: Option<Option<f64>>,
    /// Weight of the overall failure rate (default 0.15).
    pub failure_rate: Option<Option<f64>>,
    /// Weight of the pays-once-then-declines pattern (default 0.10).
    pub pays_once: Option<Option<f64>>,
    /// Weight of the account age (default 0.05).
    pub account_age: Option<Option<f64>>,
}

record!(defaults RiskWeights = edgecore::risk::RiskWeights { recent_failures, amount, failure_rate, pays_once, account_age });

/// Everything the score depends on besides the subscriber and the as-of date. Every
/// field is optional and takes the risk monitor's default.
#[napi(object)]
pub struct RiskConfig {
    /// Factor weights.
    pub weights: Option<Option<RiskWeights>>,
    /// Score from which the level is `medium` (default 0.2).
    pub medium: Option<Option<f64>>,
    /// Score from which the level is `high` (default 0.4).
    pub high: Option<Option<f64>>,
    /// Score from which the level is `critical` (default 0.7).
    pub critical: Option<Option<f64>>,
    /// Monthly amount below which a plan is low-cost (default "10"; 0 disables it).
    pub low_cost_amount: Option<Option<JsString>>,
    /// How many of the latest payments the recent-failures factor looks at (default 3;
    /// 1 to 32).
    pub recent_window: Option<Option<f64>>,
    /// Account age, in days, at which the age factor reaches 0 (default 365; >= 1).
    pub age_horizon_days: Option<Option<f64>>,
    /// Accounts strictly younger than this many days are flagged `new_account`
    /// (default 30).
    pub new_account_days: Option<Option<f64>>,
}

record!(defaults RiskConfig = edgecore::risk::RiskConfig { weights, medium, high, critical, low_cost_amount, recent_window, age_horizon_days, new_account_days }
    nested { weights: RiskWeights });

/// One factor's part of a score: `contribution = weight x value`.
#[napi(object)]
pub struct FactorContribution {
    /// Which factor.
    #[napi(ts_type = "RiskFactor")]
    pub factor: JsString,
    /// The factor's value, in [0, 1].
    pub value: f64,
    /// Its weight in the configuration.
    pub weight: f64,
    /// `weight x value`, its share of the score.
    pub contribution: f64,
}

record!(both FactorContribution = edgecore::risk::FactorContribution { factor, value, weight, contribution });

/// A subscriber's risk as of a date, with why.
#[napi(object)]
pub struct RiskScore {
    /// The subscriber's identifier.
    pub subscriber_id: JsString,
    /// `sum(weight x value)` over the factors, in [0, 1].
    pub score: f64,
    /// The score's level under the configured thresholds.
    #[napi(ts_type = "RiskLevel")]
    pub level: JsString,
    /// Patterns found, in the declaration order of `RiskFlag`.
    #[napi(ts_type = "RiskFlag[]")]
    pub flags: Vec<JsString>,
    /// The five factors, in the declaration order of `RiskFactor`.
    pub factors: Vec<FactorContribution>,
    /// Payments on or before the as-of date.
    pub payment_count: f64,
    /// Failed payments among them.
    pub failed_payment_count: f64,
}

record!(both RiskScore = edgecore::risk::RiskScore { subscriber_id, score, level, flags, factors, payment_count, failed_payment_count });

/// How many subscribers are at one level.
#[napi(object)]
pub struct LevelCount {
    /// The level.
    #[napi(ts_type = "RiskLevel")]
    pub level: JsString,
    /// Subscribers at that level.
    pub count: f64,
    /// `count / total`, a fraction (0 when there is no subscriber).
    pub share: f64,
}

record!(output LevelCount = edgecore::risk::LevelCount { level, count, share });

/// How many subscribers carry one flag.
#[napi(object)]
pub struct FlagCount {
    /// The flag.
    #[napi(ts_type = "RiskFlag")]
    pub flag: JsString,
    /// Subscribers carrying it.
    pub count: f64,
    /// `count / total`, a fraction (0 when there is no subscriber).
    pub share: f64,
}

record!(output FlagCount = edgecore::risk::FlagCount { flag, count, share });

/// One bin of the score histogram: scores in `[lower, upper)`, the last bin `[0.9, 1]`.
#[napi(object)]
pub struct HistogramBin {
    /// Lowest score of the bin (included).
    pub lower: f64,
    /// Upper edge (excluded, except 1 for the last bin).
    pub upper: f64,
    /// Subscribers whose score falls in the bin.
    pub count: f64,
}

record!(output HistogramBin = edgecore::risk::HistogramBin { lower, upper, count });

/// KPIs of a set of risk scores (all fractions, not percent).
#[napi(object)]
pub struct RiskSummary {
    /// Number of scores.
    pub total: f64,
    /// Count and share per level, from `low` to `critical`.
    pub levels: Vec<LevelCount>,
    /// Subscribers at `high` or `critical`.
    pub high_risk_count: f64,
    /// `highRiskCount / total` (0 when empty).
    pub high_risk_share: f64,
    /// Mean score (0 when empty).
    pub mean_score: f64,
    /// Count and share per flag, in the declaration order of `RiskFlag`.
    pub flags: Vec<FlagCount>,
    /// Payments counted in the scores.
    pub payment_count: f64,
    /// Failed payments among them.
    pub failed_payment_count: f64,
    /// `failedPaymentCount / paymentCount` (0 without payments).
    pub failure_rate: f64,
    /// Score distribution in ten bins `[0, 0.1)`, ..., `[0.9, 1]`.
    pub histogram: Vec<HistogramBin>,
}

record!(output RiskSummary = edgecore::risk::RiskSummary { total, levels, high_risk_count, high_risk_share, mean_score, flags, payment_count, failed_payment_count, failure_rate, histogram });

/// Scores one subscriber as of `asOf` (its UTC day) under `config` (default: the risk
/// monitor's). Pays once then declines three times, signed up 121 days before: 0.74592,
/// critical. Throws `InvalidParameter` (configuration, or a signup after `asOf`),
/// `InvalidAmount` (negative amounts).
#[napi(catch_unwind)]
pub fn risk_score(
    #[napi(ts_arg_type = "Subscriber")] subscriber: Input<Subscriber>,
    as_of: Date,
    #[napi(ts_arg_type = "RiskConfig")] config: Option<Config<RiskConfig>>,
) -> Result<RiskScore> {
    let config: edgecore::risk::RiskConfig = read_or_default(config, "risk config", "config")?;
    let subscriber: edgecore::risk::Subscriber = read(subscriber, "subscriber", "subscriber")?;
    edgecore::risk::risk_score(&subscriber, day("asOf", as_of)?, &config)
        .map(ToJs::to_js)
        .or_throw()
}

/// Scores every subscriber as of `asOf`, in input order (parallel from 1024 subscribers).
/// Throws the error of the first invalid subscriber in input order.
#[napi(catch_unwind)]
pub fn risk_score_batch(
    #[napi(ts_arg_type = "Subscriber[]")] subscribers: Input<Vec<Subscriber>>,
    as_of: Date,
    #[napi(ts_arg_type = "RiskConfig")] config: Option<Config<RiskConfig>>,
) -> Result<Vec<RiskScore>> {
    let config: edgecore::risk::RiskConfig = read_or_default(config, "risk config", "config")?;
    let subscribers: Vec<edgecore::risk::Subscriber> =
        read(subscribers, "subscriber", "subscribers")?;
    edgecore::risk::risk_score_batch(&subscribers, day("asOf", as_of)?, &config)
        .map(ToJs::to_js)
        .or_throw()
}

/// `riskScoreBatch` off the main thread: resolves to the same scores or rejects with the
/// same error. `onProgress(done, total)` counts subscribers, about every 4096 and once at
/// the end.
#[napi(catch_unwind, ts_return_type = "Promise<RiskScore[]>")]
pub fn risk_score_batch_async(
    #[napi(ts_arg_type = "Subscriber[]")] subscribers: Input<Vec<Subscriber>>,
    as_of: Date,
    #[napi(ts_arg_type = "RiskConfig")] config: Option<Config<RiskConfig>>,
    #[napi(ts_arg_type = "(done: number, total: number) => void")] on_progress: Option<Progress>,
) -> Result<AsyncTask<Background<Vec<RiskScore>>>> {
    let config: edgecore::risk::RiskConfig = read_or_default(config, "risk config", "config")?;
    let subscribers: Vec<edgecore::risk::Subscriber> =
        read(subscribers, "subscriber", "subscribers")?;
    let as_of = day("asOf", as_of)?;
    Ok(background(on_progress, move |report| {
        edgecore::risk::risk_score_batch_with_progress(&subscribers, as_of, &config, report)
            .map(ToJs::to_js)
    }))
}

/// KPIs of risk scores (usually one batch): counts and shares per level and flag, high-risk
/// share, mean score, payment failure rate and a ten-bin histogram. Throws
/// `InvalidProbability` for a score outside [0, 1], `InvalidParameter` for more failed
/// payments than payments.
#[napi(catch_unwind)]
pub fn risk_summary(
    #[napi(ts_arg_type = "RiskScore[]")] scores: Input<Vec<RiskScore>>,
) -> Result<RiskSummary> {
    let scores: Vec<edgecore::risk::RiskScore> = read(scores, "risk score", "scores")?;
    edgecore::risk::risk_summary(&scores)
        .map(ToJs::to_js)
        .or_throw()
}

/// Whether the level counts as high risk in the KPIs (`high` or `critical`).
#[napi(catch_unwind)]
pub fn is_high_risk(#[napi(ts_arg_type = "RiskLevel")] level: JsString) -> Result<bool> {
    Ok(crate::convert::name::<edgecore::risk::RiskLevel>(&level)?.is_high_risk())
}
