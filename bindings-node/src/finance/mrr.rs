//! Monthly recurring revenue (`edgecore::finance::mrr`).

use crate::convert::{ToJs, day, names, read, record, whole};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use crate::js::{Date, Input};
use napi_derive::napi;

names! {
    "How often a subscription's price is billed: `monthly` or `yearly` (alias `annual`; counts for price / 12 a month)."
    BillingPeriod = edgecore::finance::mrr::BillingPeriod { Monthly = "monthly", Yearly = "yearly" }
}

/// A subscription as the billing system records it.
#[napi(object)]
pub struct Subscription {
    /// The customer's identifier (customers are counted once).
    pub customer: JsString,
    /// The plan's name.
    pub plan: JsString,
    /// The price billed each period (>= 0), a decimal string.
    pub price: JsString,
    /// The billing period of `price`.
    #[napi(ts_type = "BillingPeriod")]
    pub period: JsString,
    /// First day of service (its UTC day).
    pub start: Date,
    /// First day without service (not before `start`), absent while it runs.
    pub end: Option<Option<Date>>,
}

record!(input Subscription = edgecore::finance::mrr::Subscription { customer, plan, price, period, start, end });

/// The MRR of one plan.
#[napi(object)]
pub struct PlanMrr {
    /// The plan's name.
    pub plan: JsString,
    /// Its MRR to the cent; the plans' figures add up exactly to the total.
    pub mrr: JsString,
    /// Active subscriptions of the plan.
    pub subscriptions: f64,
    /// Distinct customers with an active subscription of the plan.
    pub customers: f64,
}

record!(output PlanMrr = edgecore::finance::mrr::PlanMrr { plan, mrr, subscriptions, customers });

/// Recurring revenue at a date.
#[napi(object)]
pub struct Mrr {
    /// The date it is measured at.
    pub as_of: Date,
    /// Monthly recurring revenue (yearly prices / 12), to the cent half away from zero.
    pub mrr: JsString,
    /// Active subscriptions, free ones included.
    pub active_subscriptions: f64,
    /// Distinct customers with at least one active subscription.
    pub active_customers: f64,
    /// Distinct customers with at least one active paid subscription.
    pub paying_customers: f64,
    /// Average revenue per active customer, to the cent ("0" without customers).
    pub arpu: JsString,
    /// One entry per plan with an active subscription, sorted by plan name.
    pub by_plan: Vec<PlanMrr>,
}

record!(output Mrr = edgecore::finance::mrr::Mrr { as_of, mrr, active_subscriptions, active_customers, paying_customers, arpu, by_plan });

/// How MRR moved during one calendar month (amounts to the cent; the exact figures
/// satisfy `closing = opening + new - churned`).
#[napi(object)]
pub struct MrrMovement {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// MRR on the last day of the previous month.
    pub opening_mrr: JsString,
    /// MRR of subscriptions started during the month and still active on its last day.
    pub new_mrr: JsString,
    /// MRR lost to cancellations during the month.
    pub churned_mrr: JsString,
    /// MRR on the last day of the month.
    pub closing_mrr: JsString,
    /// Number of subscriptions counted in `newMrr`.
    pub new_subscriptions: f64,
    /// Number of subscriptions counted in `churnedMrr`.
    pub churned_subscriptions: f64,
}

record!(output MrrMovement = edgecore::finance::mrr::MrrMovement { year, month, opening_mrr, new_mrr, churned_mrr, closing_mrr, new_subscriptions, churned_subscriptions });

/// Monthly recurring revenue at `asOf`: total, by plan, active subscriptions and customers,
/// and ARPU. Throws `InvalidAmount` (negative price, total out of range) or
/// `InvalidParameter` (end before start).
#[napi(catch_unwind)]
pub fn mrr(
    #[napi(ts_arg_type = "Subscription[]")] subscriptions: Input<Vec<Subscription>>,
    as_of: Date,
) -> Result<Mrr> {
    let subs: Vec<edgecore::finance::mrr::Subscription> =
        read(subscriptions, "subscription", "subscriptions")?;
    edgecore::finance::mrr::mrr(&subs, day("asOf", as_of)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// How MRR moved during `month` (1 to 12) of `year`. Throws `InvalidParameter` for a month
/// or year out of range, and the errors of `mrr`.
#[napi(catch_unwind)]
pub fn mrr_movement(
    #[napi(ts_arg_type = "Subscription[]")] subscriptions: Input<Vec<Subscription>>,
    year: f64,
    month: f64,
) -> Result<MrrMovement> {
    let subs: Vec<edgecore::finance::mrr::Subscription> =
        read(subscriptions, "subscription", "subscriptions")?;
    edgecore::finance::mrr::mrr_movement(&subs, whole("year", year)?, whole("month", month)?)
        .map(ToJs::to_js)
        .or_throw()
}
