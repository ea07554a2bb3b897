//! Monthly recurring revenue (MRR) of a subscription business at a date, by plan, and how
//! it moved during a month (new and churned MRR).
//!
//! A subscription is active on day `d` when `start <= d` and it has no end or `end > d`:
//! `end` is the first day without service, so a subscription ending on 1 April is active
//! until 31 March. A yearly price counts for one twelfth a month. Sums are exact: every
//! amount is kept in twelfths (monthly price x 12, yearly price x 1) and divided by 12 and
//! rounded to the cent, half away from zero, only in the figures returned.

use crate::error::{Error, Result};
use crate::money::{CENT_DP, allocate_largest_remainder, round_cents, with_cents};
use crate::names::named_enum;
use crate::par::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};

/// Number of subscriptions from which the tallies run in parallel chunks of this size.
const PARALLEL_MIN: usize = 4096;

named_enum! {
    /// How often a subscription's price is billed.
    pub enum BillingPeriod ("billing period") {
        /// The price is for one month.
        Monthly = "monthly",
        /// The price is for one year; it counts for price / 12 a month.
        Yearly = "yearly" | "annual",
    }
}

/// A subscription as the billing system records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The customer's identifier (customers are counted once however many subscriptions
    /// they hold).
    pub customer: String,
    /// The plan's name, any string ("premium", "pro", "free"...).
    pub plan: String,
    /// The price billed each period (>= 0; a free plan has price 0).
    pub price: Decimal,
    /// The billing period of `price`.
    pub period: BillingPeriod,
    /// First day of service.
    pub start: NaiveDate,
    /// First day without service (not before `start`), or `None` while it runs.
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

impl Subscription {
    /// Whether the subscription is active on `day`: `start <= day` and (`end` is `None` or
    /// `end > day`).
    pub fn is_active(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| end > day)
    }

    /// Checks the record: a negative price (or one so large that 12 x price is out of the
    /// range of an exact amount) is `InvalidAmount` ("price"); an end before the start is
    /// `InvalidParameter` ("end").
    pub fn check(&self) -> Result<()> {
        crate::check::non_negative_amount("price", self.price)?;
        if self.price.checked_mul(Decimal::from(12)).is_none() {
            return Err(Error::InvalidAmount {
                name: "price",
                value: self.price,
                reason: "too large: 12 x price must be within the range of an exact amount",
            });
        }
        match self.end {
            Some(end) if end < self.start => Err(Error::InvalidParameter {
                name: "end",
                value: end.to_string(),
                reason: "must not be before the subscription's start",
            }),
            _ => Ok(()),
        }
    }

    /// Twelve times the monthly value: 12 x price (monthly) or price (yearly). Exact.
    fn twelfths(&self) -> Decimal {
        match self.period {
            BillingPeriod::Monthly => self.price * Decimal::from(12),
            BillingPeriod::Yearly => self.price,
        }
    }
}

/// The MRR of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanMrr {
    /// The plan's name.
    pub plan: String,
    /// Its MRR to the cent; the plans' figures add up exactly to the total.
    pub mrr: Decimal,
    /// Active subscriptions of the plan.
    pub subscriptions: usize,
    /// Distinct customers with an active subscription of the plan.
    pub customers: usize,
}

/// Recurring revenue at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mrr {
    /// The date it is measured at.
    pub as_of: NaiveDate,
    /// Monthly recurring revenue: the exact sum of the active subscriptions' monthly values
    /// (yearly price / 12), rounded to the cent half away from zero.
    pub mrr: Decimal,
    /// Active subscriptions, free ones included.
    pub active_subscriptions: usize,
    /// Distinct customers with at least one active subscription.
    pub active_customers: usize,
    /// Distinct customers with at least one active subscription whose price is above zero.
    pub paying_customers: usize,
    /// Average revenue per active customer: exact MRR / active customers, to the cent half
    /// away from zero; 0 when there is no active customer.
    pub arpu: Decimal,
    /// One entry per plan with an active subscription, sorted by plan name. Plan figures
    /// are the total split by largest remainder (each within a cent of its exact value), so
    /// they add up exactly to `mrr`; a cent left between plans with equal remainders goes to
    /// the plan whose name comes first (byte order), so the same subscriptions give the same
    /// figures in any order (two plans "a" and "b" of one yearly 1.00 each: total 0.17, "a"
    /// 0.09, "b" 0.08).
    pub by_plan: Vec<PlanMrr>,
}

/// Monthly recurring revenue at `as_of`: total, by plan, active subscriptions and
/// customers, and ARPU (see [`Mrr`] for each figure). Above a few thousand subscriptions the
/// tally runs in parallel; the result does not depend on it.
///
/// Errors: the first invalid record (see [`Subscription::check`]) gives `InvalidAmount` or
/// `InvalidParameter`, whether active or not; a total beyond the range of an exact amount is
/// `InvalidAmount` ("mrr").
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::finance::mrr::{mrr, BillingPeriod, Subscription};
/// use rust_decimal_macros::dec;
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let sub = |customer: &str, plan: &str, price, period| Subscription {
///     customer: customer.into(), plan: plan.into(), price, period,
///     start: day(1, 1), end: None,
/// };
/// let subs = [
///     sub("ana", "premium", dec!(9.99), BillingPeriod::Monthly),
///     sub("bob", "premium", dec!(100), BillingPeriod::Yearly), // 8.333.. a month
/// ];
/// let m = mrr(&subs, day(3, 15)).unwrap();
/// // 9.99 + 100 / 12 = 18.3233.. -> 18.32; ARPU 9.1616.. -> 9.16
/// assert_eq!((m.mrr, m.arpu, m.active_customers), (dec!(18.32), dec!(9.16), 2));
/// ```
pub fn mrr(subscriptions: &[Subscription], as_of: NaiveDate) -> Result<Mrr> {
    check_all(subscriptions)?;
    let active: Vec<&Subscription> = subscriptions
        .iter()
        .filter(|s| s.is_active(as_of))
        .collect();
    let plans = PlanSums::of(&active).ok_or_else(|| too_large("mrr"))?;
    let distinct = Distinct::of(&active, &plans.index);
    let twelfths = plans.total;
    let total = monthly(twelfths);
    let plan_mrr = if twelfths.is_zero() {
        vec![with_cents(Decimal::ZERO); plans.sums.len()]
    } else {
        // Allocated in plan-name order, so a leftover cent between equal remainders goes to
        // the plan whose name comes first, whatever the order of the subscriptions.
        let mut order: Vec<(usize, &PlanSum<'_>)> = plans.sums.iter().enumerate().collect();
        order.sort_unstable_by(|(_, a), (_, b)| a.name.cmp(b.name));
        let weights: Vec<Decimal> = order.iter().map(|(_, p)| p.twelfths).collect();
        let parts = allocate_largest_remainder(total, &weights, CENT_DP)?;
        // Back to plan-number order.
        let mut by_index: Vec<(usize, Decimal)> =
            order.iter().map(|&(i, _)| i).zip(parts).collect();
        by_index.sort_unstable_by_key(|&(i, _)| i);
        by_index.into_iter().map(|(_, part)| part).collect()
    };
    let arpu = if distinct.customers == 0 {
        with_cents(Decimal::ZERO)
    } else {
        Decimal::from(distinct.customers)
            .checked_mul(Decimal::from(12))
            .and_then(|d| twelfths.checked_div(d))
            .map(round_cents)
            .ok_or_else(|| too_large("arpu"))?
    };
    let mut by_plan: Vec<PlanMrr> = plans
        .sums
        .iter()
        .zip(plan_mrr)
        .zip(&distinct.per_plan)
        .map(|((p, mrr), &customers)| PlanMrr {
            plan: p.name.to_string(),
            mrr,
            subscriptions: p.subscriptions,
            customers,
        })
        .collect();
    by_plan.sort_unstable_by(|a, b| a.plan.cmp(&b.plan));
    Ok(Mrr {
        as_of,
        mrr: total,
        active_subscriptions: active.len(),
        active_customers: distinct.customers,
        paying_customers: distinct.paying,
        arpu,
        by_plan,
    })
}

/// How MRR moved during one calendar month, between the end of the previous month and the
/// end of this one. Amounts to the cent half away from zero; the exact (unrounded) figures
/// satisfy `closing = opening + new - churned`, so the rounded ones may differ from it by a
/// cent or two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MrrMovement {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// MRR on the last day of the previous month.
    pub opening_mrr: Decimal,
    /// MRR of subscriptions started during the month and still active on its last day.
    pub new_mrr: Decimal,
    /// MRR lost to cancellations: subscriptions active on the last day of the previous
    /// month whose end falls within the month (no longer active on its last day).
    pub churned_mrr: Decimal,
    /// MRR on the last day of the month.
    pub closing_mrr: Decimal,
    /// Number of subscriptions counted in `new_mrr`.
    pub new_subscriptions: usize,
    /// Number of subscriptions counted in `churned_mrr`.
    pub churned_subscriptions: usize,
}

/// How MRR moved during `month` of `year` (see [`MrrMovement`]). A subscription that starts
/// and ends within the month counts in neither new nor churned MRR; a plan change recorded
/// as one subscription ending and another starting counts in both.
///
/// Errors: a month outside 1 to 12 is `InvalidParameter` ("month"), a year out of the
/// calendar's range `InvalidParameter` ("year"); invalid records as in [`mrr`].
///
/// ```
/// use chrono::NaiveDate;
/// use edgecore::finance::mrr::{mrr_movement, BillingPeriod, Subscription};
/// use rust_decimal_macros::dec;
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let subs = [Subscription {
///     customer: "ana".into(), plan: "pro".into(), price: dec!(20),
///     period: BillingPeriod::Monthly, start: day(1, 10), end: Some(day(3, 10)),
/// }];
/// let m = mrr_movement(&subs, 2024, 3).unwrap();
/// assert_eq!((m.opening_mrr, m.churned_mrr, m.closing_mrr), (dec!(20), dec!(20), dec!(0)));
/// ```
pub fn mrr_movement(subscriptions: &[Subscription], year: i32, month: u32) -> Result<MrrMovement> {
    let (before, last) = month_bounds(year, month)?;
    check_all(subscriptions)?;
    let moves = parallel_fold(
        subscriptions,
        |chunk| {
            chunk.iter().try_fold(Moves::default(), |mut m, s| {
                let (was, is) = (s.is_active(before), s.is_active(last));
                if !(was || is) {
                    return Some(m);
                }
                let v = s.twelfths();
                if was {
                    m.opening = m.opening.checked_add(v)?;
                }
                if is {
                    m.closing = m.closing.checked_add(v)?;
                }
                if was && !is {
                    m.churned = m.churned.checked_add(v)?;
                    m.churned_count += 1;
                }
                if is && !was {
                    m.new = m.new.checked_add(v)?;
                    m.new_count += 1;
                }
                Some(m)
            })
        },
        Moves::merge,
    )
    .ok_or_else(|| too_large("mrr"))?;
    Ok(MrrMovement {
        year,
        month,
        opening_mrr: monthly(moves.opening),
        new_mrr: monthly(moves.new),
        churned_mrr: monthly(moves.churned),
        closing_mrr: monthly(moves.closing),
        new_subscriptions: moves.new_count,
        churned_subscriptions: moves.churned_count,
    })
}

/// The last day of the month before and the last day of `month` of `year`.
fn month_bounds(year: i32, month: u32) -> Result<(NaiveDate, NaiveDate)> {
    if !(1..=12).contains(&month) {
        return Err(Error::InvalidParameter {
            name: "month",
            value: month.to_string(),
            reason: "must be between 1 and 12",
        });
    }
    let bad_year = || Error::InvalidParameter {
        name: "year",
        value: year.to_string(),
        reason: "out of the calendar's range",
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad_year)?;
    let next = match month {
        12 => year
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        _ => NaiveDate::from_ymd_opt(year, month + 1, 1),
    };
    let last = next.and_then(|d| d.pred_opt()).ok_or_else(bad_year)?;
    let before = first.pred_opt().ok_or_else(bad_year)?;
    Ok((before, last))
}

/// Checks every record, reporting the first invalid one.
fn check_all(subscriptions: &[Subscription]) -> Result<()> {
    subscriptions.iter().try_for_each(Subscription::check)
}

/// A monthly amount from its exact twelfths, to the cent.
fn monthly(twelfths: Decimal) -> Decimal {
    round_cents(twelfths / Decimal::from(12))
}

fn too_large(name: &'static str) -> Error {
    Error::InvalidAmount {
        name,
        value: Decimal::MAX,
        reason: "the sum exceeds the range of an exact amount",
    }
}

/// Runs `kernel` over the whole slice, or over chunks in parallel (merging the partial
/// results) from [`PARALLEL_MIN`] items on. `None` (an overflow) wins.
fn parallel_fold<'a, T: Sync, A: Send + Default>(
    items: &'a [T],
    kernel: impl Fn(&'a [T]) -> Option<A> + Sync + Send,
    merge: impl Fn(A, A) -> Option<A> + Sync + Send,
) -> Option<A> {
    if items.len() >= PARALLEL_MIN {
        items
            .par_chunks(PARALLEL_MIN)
            .map(kernel)
            .try_reduce(A::default, merge)
    } else {
        kernel(items)
    }
}

/// Exact twelfths per plan, plans numbered in order of first appearance.
struct PlanSums<'a> {
    total: Decimal,
    sums: Vec<PlanSum<'a>>,
    /// The plan number of each subscription.
    index: Vec<u32>,
}

struct PlanSum<'a> {
    name: &'a str,
    twelfths: Decimal,
    subscriptions: usize,
}

impl<'a> PlanSums<'a> {
    /// `None` when a sum leaves the range of an exact amount.
    fn of(subscriptions: &[&'a Subscription]) -> Option<Self> {
        let mut numbers: BTreeMap<&str, u32> = BTreeMap::new();
        let mut out = PlanSums {
            total: Decimal::ZERO,
            sums: Vec::new(),
            index: Vec::with_capacity(subscriptions.len()),
        };
        for s in subscriptions {
            let next = u32::try_from(out.sums.len()).ok()?;
            let k = *numbers.entry(&s.plan).or_insert(next);
            if k == next {
                out.sums.push(PlanSum {
                    name: &s.plan,
                    twelfths: Decimal::ZERO,
                    subscriptions: 0,
                });
            }
            let v = s.twelfths();
            // `k` numbers a plan already pushed (the new one when `k == next`).
            let sum = out.sums.get_mut(k as usize)?;
            sum.twelfths = sum.twelfths.checked_add(v)?;
            sum.subscriptions += 1;
            out.total = out.total.checked_add(v)?;
            out.index.push(k);
        }
        Some(out)
    }
}

/// Distinct customers overall, paying, and per plan number.
#[derive(Default)]
struct Distinct {
    customers: usize,
    paying: usize,
    per_plan: Vec<usize>,
}

impl Distinct {
    /// Counts distinct customers with one hash of each customer name: above
    /// [`PARALLEL_MIN`] subscriptions, the names are hashed in parallel and split by hash
    /// into disjoint partitions counted in parallel, whose counts simply add up.
    fn of(subscriptions: &[&Subscription], plan_index: &[u32]) -> Distinct {
        let state = RandomState::new();
        let hash = |s: &&Subscription| state.hash_one(s.customer.as_str());
        let plans = plan_index
            .iter()
            .map(|&k| k as usize + 1)
            .max()
            .unwrap_or(0);
        if subscriptions.len() < PARALLEL_MIN {
            let hashes: Vec<u64> = subscriptions.iter().map(hash).collect();
            return Distinct::partition(subscriptions, &hashes, plan_index, plans, |_| true);
        }
        let hashes: Vec<u64> = subscriptions.par_iter().map(hash).collect();
        let parts = 2 * current_num_threads().max(1) as u64;
        (0..parts)
            .into_par_iter()
            .map(|p| {
                Distinct::partition(subscriptions, &hashes, plan_index, plans, |h| {
                    h % parts == p
                })
            })
            .collect::<Vec<Distinct>>()
            .into_iter()
            .fold(Distinct::default(), Distinct::add)
    }

    /// Counts over the subscriptions whose customer hash `keep` accepts.
    fn partition(
        subscriptions: &[&Subscription],
        hashes: &[u64],
        plan_index: &[u32],
        plans: usize,
        keep: impl Fn(u64) -> bool,
    ) -> Distinct {
        let mut customers: HashMap<Name<'_>, bool, BuildPrehashed> = HashMap::default();
        let mut pairs: HashSet<(Name<'_>, u32), BuildPrehashed> = HashSet::default();
        let mut per_plan = vec![0; plans];
        for ((s, &hash), &k) in subscriptions.iter().zip(hashes).zip(plan_index) {
            if !keep(hash) {
                continue;
            }
            let name = Name {
                hash,
                name: &s.customer,
            };
            *customers.entry(name).or_insert(false) |= !s.price.is_zero();
            // `per_plan` holds `plans` counts, one more than the largest plan number.
            if let (true, Some(count)) = (pairs.insert((name, k)), per_plan.get_mut(k as usize)) {
                *count += 1;
            }
        }
        Distinct {
            customers: customers.len(),
            paying: customers.values().filter(|&&p| p).count(),
            per_plan,
        }
    }

    fn add(mut self, other: Distinct) -> Distinct {
        self.customers += other.customers;
        self.paying += other.paying;
        if self.per_plan.len() < other.per_plan.len() {
            self.per_plan.resize(other.per_plan.len(), 0);
        }
        for (a, b) in self.per_plan.iter_mut().zip(other.per_plan) {
            *a += b;
        }
        self
    }
}

/// A customer name with its (keyed, collision-resistant) hash computed once.
#[derive(Clone, Copy)]
struct Name<'a> {
    hash: u64,
    name: &'a str,
}

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.name == other.name
    }
}

impl Eq for Name<'_> {}

impl Hash for Name<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Hashes a [`Name`] (and a plan number) by mixing the precomputed hash, without hashing
/// the name again.
#[derive(Default)]
struct Prehashed(u64);

type BuildPrehashed = BuildHasherDefault<Prehashed>;

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
}

/// Running totals of one month's movement (exact twelfths).
#[derive(Default)]
struct Moves {
    opening: Decimal,
    closing: Decimal,
    new: Decimal,
    churned: Decimal,
    new_count: usize,
    churned_count: usize,
}

impl Moves {
    fn merge(self, o: Self) -> Option<Self> {
        Some(Moves {
            opening: self.opening.checked_add(o.opening)?,
            closing: self.closing.checked_add(o.closing)?,
            new: self.new.checked_add(o.new)?,
            churned: self.churned.checked_add(o.churned)?,
            new_count: self.new_count + o.new_count,
            churned_count: self.churned_count + o.churned_count,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use rust_decimal_macros::dec;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn sub(
        customer: &str,
        plan: &str,
        price: Decimal,
        period: BillingPeriod,
        start: NaiveDate,
        end: Option<NaiveDate>,
    ) -> Subscription {
        Subscription {
            customer: customer.into(),
            plan: plan.into(),
            price,
            period,
            start,
            end,
        }
    }

    fn book() -> Vec<Subscription> {
        use BillingPeriod::{Monthly, Yearly};
        vec![
            sub("a", "essential", dec!(9.90), Monthly, day(2024, 1, 1), None),
            sub("b", "essential", dec!(99), Yearly, day(2024, 1, 15), None),
            sub(
                "c",
                "premium",
                dec!(29.90),
                Monthly,
                day(2023, 6, 1),
                Some(day(2024, 3, 10)),
            ),
            sub("c", "premium", dec!(299), Yearly, day(2024, 3, 10), None),
            sub(
                "d",
                "premium",
                dec!(29.90),
                Monthly,
                day(2024, 2, 1),
                Some(day(2024, 4, 1)),
            ),
            sub("e", "free", dec!(0), Monthly, day(2024, 1, 1), None),
            sub("f", "essential", dec!(9.90), Monthly, day(2024, 4, 1), None),
        ]
    }

    #[test]
    fn mrr_by_plan_adds_up() {
        // On 31 March 2024: a 9.90, b 99/12 = 8.25, c 299/12 = 24.9166.., d 29.90, e 0.
        // Total 9.90 + 8.25 + 24.9166.. + 29.90 = 72.9666.. -> 72.97.
        let m = mrr(&book(), day(2024, 3, 31)).unwrap();
        assert_eq!(m.mrr, dec!(72.97));
        assert_eq!((m.active_subscriptions, m.active_customers), (5, 5));
        assert_eq!(m.paying_customers, 4);
        // 72.9666.. / 5 = 14.5933.. -> 14.59
        assert_eq!(m.arpu, dec!(14.59));
        let plans: Vec<_> = m.by_plan.iter().map(|p| (p.plan.as_str(), p.mrr)).collect();
        // essential 18.15, free 0, premium 54.8166.. -> 54.82 (gets the leftover cent)
        assert_eq!(
            plans,
            vec![
                ("essential", dec!(18.15)),
                ("free", dec!(0)),
                ("premium", dec!(54.82))
            ]
        );
        assert_eq!(m.by_plan.iter().map(|p| p.mrr).sum::<Decimal>(), m.mrr);
    }

    #[test]
    fn plan_figures_do_not_depend_on_the_order() {
        // Two plans of one yearly 1.00 each: 2/12 = 0.1666.. -> 0.17 in all, each plan
        // 1/12 = 0.0833..; the leftover cent goes to "a", the name that comes first.
        let a = sub(
            "x",
            "a",
            dec!(1.00),
            BillingPeriod::Yearly,
            day(2024, 1, 1),
            None,
        );
        let b = sub(
            "y",
            "b",
            dec!(1.00),
            BillingPeriod::Yearly,
            day(2024, 1, 1),
            None,
        );
        for subs in [[a.clone(), b.clone()], [b, a]] {
            let m = mrr(&subs, day(2024, 3, 31)).unwrap();
            assert_eq!(m.mrr.to_string(), "0.17");
            let plans: Vec<_> = m
                .by_plan
                .iter()
                .map(|p| (p.plan.as_str(), p.mrr.to_string()))
                .collect();
            assert_eq!(plans, [("a", "0.09".into()), ("b", "0.08".to_string())]);
        }
        // money keeps its cents: no subscription at all is 0.00
        let none = mrr(&[], day(2024, 3, 31)).unwrap();
        assert_eq!(
            (none.mrr.to_string(), none.arpu.to_string()),
            ("0.00".into(), "0.00".into())
        );
    }

    #[test]
    fn end_date_is_exclusive() {
        let s = &book()[4];
        assert!(s.is_active(day(2024, 3, 31)));
        assert!(!s.is_active(day(2024, 4, 1)));
        assert!(!book()[6].is_active(day(2024, 3, 31)));
    }

    #[test]
    fn movement_bridges_opening_and_closing() {
        // March 2024: c's monthly premium ends on the 10th (churned 29.90) and its yearly
        // premium starts the same day (new 299 / 12 = 24.92).
        let m = mrr_movement(&book(), 2024, 3).unwrap();
        assert_eq!((m.churned_mrr, m.churned_subscriptions), (dec!(29.90), 1));
        assert_eq!((m.new_mrr, m.new_subscriptions), (dec!(24.92), 1));
        // opening 9.90 + 8.25 + 29.90 + 29.90 = 77.95; closing 72.97
        assert_eq!((m.opening_mrr, m.closing_mrr), (dec!(77.95), dec!(72.97)));
        assert_eq!(m.closing_mrr, mrr(&book(), day(2024, 3, 31)).unwrap().mrr);
        // April: d ends on the 1st (churned), f starts on the 1st (new).
        let m = mrr_movement(&book(), 2024, 4).unwrap();
        assert_eq!((m.churned_mrr, m.new_mrr), (dec!(29.90), dec!(9.90)));
        // December rolls over to the next year.
        assert!(mrr_movement(&book(), 2024, 12).is_ok());
    }

    #[test]
    fn parallel_tally_matches_the_hand_figures() {
        // The book 1000 times over (7000 records, tallied in parallel chunks), each copy
        // with its own customers: twelfths per copy 9.90 x 12 + 99 + 299 + 29.90 x 12 =
        // 875.6 on 31 March, so MRR = 875600 / 12 = 72966.666.. -> 72966.67.
        let base = book();
        let many: Vec<Subscription> = (0..1000)
            .flat_map(|k| {
                base.iter().map(move |s| Subscription {
                    customer: format!("{}{k}", s.customer),
                    ..s.clone()
                })
            })
            .collect();
        assert!(many.len() >= PARALLEL_MIN);
        let m = mrr(&many, day(2024, 3, 31)).unwrap();
        assert_eq!(m.mrr, dec!(72966.67));
        assert_eq!((m.active_subscriptions, m.active_customers), (5000, 5000));
        assert_eq!((m.paying_customers, m.arpu), (4000, dec!(14.59)));
        let plans: Vec<_> = m.by_plan.iter().map(|p| (p.mrr, p.customers)).collect();
        // essential 18150, free 0, premium 54816.666.. -> 54816.67 (the leftover cent)
        assert_eq!(
            plans,
            vec![(dec!(18150), 2000), (dec!(0), 1000), (dec!(54816.67), 2000)]
        );
        let moved = mrr_movement(&many, 2024, 3).unwrap();
        assert_eq!(
            (moved.churned_mrr, moved.churned_subscriptions),
            (dec!(29900), 1000)
        );
    }

    #[test]
    fn empty_book() {
        let m = mrr(&[], day(2024, 1, 1)).unwrap();
        assert_eq!((m.mrr, m.arpu, m.by_plan.len()), (dec!(0), dec!(0), 0));
        let free = [sub(
            "e",
            "free",
            dec!(0),
            BillingPeriod::Monthly,
            day(2024, 1, 1),
            None,
        )];
        let m = mrr(&free, day(2024, 1, 1)).unwrap();
        assert_eq!(
            (m.mrr, m.by_plan[0].mrr, m.active_customers),
            (dec!(0), dec!(0), 1)
        );
    }

    #[test]
    fn error_invalid_amount() {
        let d = day(2024, 1, 1);
        let negative = [sub("a", "p", dec!(-1), BillingPeriod::Monthly, d, None)];
        assert_eq!(mrr(&negative, d).unwrap_err().kind(), "InvalidAmount");
        let huge = [sub("a", "p", Decimal::MAX, BillingPeriod::Monthly, d, None)];
        assert_eq!(mrr(&huge, d).unwrap_err().kind(), "InvalidAmount");
        // 12 x MAX / 13 is a valid price, but 14 of them add up past the range.
        let overflow = vec![
            sub(
                "a",
                "p",
                Decimal::MAX / dec!(13),
                BillingPeriod::Yearly,
                d,
                None
            );
            14
        ];
        assert_eq!(mrr(&overflow, d).unwrap_err().kind(), "InvalidAmount");
        assert_eq!(
            mrr_movement(&overflow, 2024, 1).unwrap_err().kind(),
            "InvalidAmount"
        );
    }

    #[test]
    fn error_invalid_parameter() {
        let backwards = [sub(
            "a",
            "p",
            dec!(1),
            BillingPeriod::Monthly,
            day(2024, 2, 1),
            Some(day(2024, 1, 1)),
        )];
        assert_eq!(
            mrr(&backwards, day(2024, 1, 1)).unwrap_err().kind(),
            "InvalidParameter"
        );
        for (year, month) in [
            (2024, 0),
            (2024, 13),
            (i32::MAX, 1),
            (NaiveDate::MIN.year(), 1),
        ] {
            assert_eq!(
                mrr_movement(&[], year, month).unwrap_err().kind(),
                "InvalidParameter"
            );
        }
    }

    #[test]
    fn error_unknown_name() {
        assert_eq!(
            "weekly".parse::<BillingPeriod>().unwrap_err().kind(),
            "UnknownName"
        );
        assert_eq!(
            "annual".parse::<BillingPeriod>().unwrap(),
            BillingPeriod::Yearly
        );
    }
}
