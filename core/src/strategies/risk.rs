//! Subscribers with plan and payment histories.

use crate::risk::{Payment, Subscriber, Subscription};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::ops::RangeInclusive;

/// `len` payment attempts dated from `signup` to `as_of` (in date order), each of 0.00 to
/// 1,000.00 in cents, succeeded or failed. Shrinks towards fewer, successful payments.
pub fn payment_history(
    signup: NaiveDate,
    as_of: NaiveDate,
    len: RangeInclusive<usize>,
) -> impl Strategy<Value = Vec<Payment>> {
    let days = as_of.signed_duration_since(signup).num_days().max(0);
    prop::collection::vec((0..=days, 0i64..=100_000, any::<bool>()), len).prop_map(
        move |mut drawn| {
            drawn.sort_by_key(|d| d.0);
            drawn
                .into_iter()
                .map(|(day, cents, failed)| Payment {
                    date: signup + Duration::days(day),
                    amount: Decimal::new(cents, 2),
                    succeeded: !failed,
                })
                .collect()
        },
    )
}

/// Subscribers as of `as_of`: signed up 0 to 3,650 days before it, with 0 to 3 plans
/// (monthly price 0.00 to 500.00, started between signup and `as_of`) and 0 to 48 payment
/// attempts ([`payment_history`]): every subscriber is scored by
/// [`crate::risk::risk_score`] at `as_of` with any valid configuration. The id is "s1".
///
/// Shrinks towards a subscriber who signed up on `as_of`, with no plan and no payment.
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::risk::{risk_score, RiskConfig};
/// use proptest::prelude::*;
/// let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// proptest!(|(s in edgecore::strategies::subscribers(as_of))| {
///     let score = risk_score(&s, as_of, &RiskConfig::default()).unwrap();
///     prop_assert!((0.0..=1.0).contains(&score.score));
/// });
/// ```
pub fn subscribers(as_of: NaiveDate) -> impl Strategy<Value = Subscriber> {
    (0i64..=3_650).prop_flat_map(move |age| {
        let signup = as_of - Duration::days(age);
        (
            prop::collection::vec((0..=age, 0i64..=50_000), 0..=3),
            payment_history(signup, as_of, 0..=48),
        )
            .prop_map(move |(plans, payments)| Subscriber {
                id: "s1".into(),
                signup,
                subscriptions: plans
                    .into_iter()
                    .enumerate()
                    .map(|(i, (day, cents))| Subscription {
                        plan: format!("plan{}", i + 1),
                        monthly_amount: Decimal::new(cents, 2),
                        start: signup + Duration::days(day),
                        end: None,
                    })
                    .collect(),
                payments,
            })
    })
}
