//! Properties of the wealth platform's plan, savings and MRR figures: money is conserved to
//! the cent, every rounded part stays within one unit of its exact share, expected savings
//! grow with the date and MRR figures add up.

use chrono::{Datelike, NaiveDate};
use edgecore::finance::mrr::{BillingPeriod, Subscription, mrr, mrr_movement};
use edgecore::finance::plan::{
    ContributionTiming, MonthlyRate, PlanLine, investment_plan, project_contributions,
};
use edgecore::finance::savings::savings_progress;
use edgecore::money::{allocate_largest_remainder, round_cents};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Percentages with up to 4 decimals that add up to exactly 100: the gaps between sorted
/// cut points of [0, 100].
fn percentages() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec(0u32..=1_000_000, 0..8).prop_map(|mut cuts| {
        cuts.push(0);
        cuts.push(1_000_000);
        cuts.sort_unstable();
        cuts.windows(2)
            .map(|w| Decimal::new(i64::from(w[1] - w[0]), 4))
            .collect()
    })
}

fn cents(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(|c| Decimal::new(c, 2))
}

fn weights() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec((0u64..=u64::MAX, 0u32..=12), 1..10)
        .prop_map(|ws| {
            ws.into_iter()
                .map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s))
                .collect()
        })
        .prop_filter("positive sum", |ws: &Vec<Decimal>| {
            ws.iter().any(|w| !w.is_zero())
        })
}

/// Weights of up to 28 significant digits and totals near the range of `Decimal`, which
/// need the wide integer path.
fn wide_weights() -> impl Strategy<Value = Vec<Decimal>> {
    prop::collection::vec((0u128..(1u128 << 96), 0u32..=28), 1..6)
        .prop_map(|ws| {
            ws.into_iter()
                .map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s))
                .collect()
        })
        .prop_filter("positive sum", |ws: &Vec<Decimal>| {
            ws.iter().any(|w| !w.is_zero())
        })
}

fn date(days_from_2023: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(days_from_2023 as u64)
}

fn subscriptions() -> impl Strategy<Value = Vec<Subscription>> {
    let one = (
        0u32..40,
        prop::sample::select(vec!["free", "essential", "premium"]),
        0i64..=50_000,
        any::<bool>(),
        0i64..730,
        prop::option::of(0i64..400),
    )
        .prop_map(|(c, plan, price, yearly, start, length)| Subscription {
            customer: format!("c{c}"),
            plan: plan.to_string(),
            price: if plan == "free" {
                Decimal::ZERO
            } else {
                Decimal::new(price, 2)
            },
            period: if yearly {
                BillingPeriod::Yearly
            } else {
                BillingPeriod::Monthly
            },
            start: date(start),
            end: length.map(|l| date(start + l)),
        });
    prop::collection::vec(one, 0..60)
}

proptest! {
    #[test]
    fn plan_amounts_add_up_to_the_capacity(capacity in cents(10_000_000_000), percents in percentages()) {
        let lines: Vec<PlanLine> = percents
            .iter()
            .enumerate()
            .map(|(i, &percent)| PlanLine { name: format!("line{i}"), percent })
            .collect();
        let plan = investment_plan(capacity, &lines).unwrap();
        prop_assert_eq!(plan.lines.iter().map(|l| l.amount).sum::<Decimal>(), capacity);
        for (line, &p) in plan.lines.iter().zip(&percents) {
            let share = capacity * p / Decimal::ONE_HUNDRED;
            prop_assert!((line.amount - share).abs() < Decimal::new(1, 2));
            prop_assert!(line.amount >= Decimal::ZERO);
        }
    }

    #[test]
    fn largest_remainder_parts_are_within_one_unit(
        units in 0i64..=i64::MAX, dp in 0u32..=6, ws in weights()
    ) {
        let total = Decimal::new(units, dp);
        let parts = allocate_largest_remainder(total, &ws, dp).unwrap();
        prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
        let unit = Decimal::new(1, dp);
        let sum: Decimal = ws.iter().sum();
        for (part, w) in parts.iter().zip(&ws) {
            prop_assert_eq!(part.scale(), dp);
            // total / sum x w stays within Decimal's range; it is exact to ~28 digits.
            let share = total / sum * w;
            prop_assert!((*part - share).abs() <= unit, "part {} share {}", part, share);
        }
    }

    #[test]
    fn largest_remainder_is_exact_and_monotone_on_wide_inputs(
        units in 0u128..(1u128 << 96), dp in 0u32..=28, ws in wide_weights()
    ) {
        let total = Decimal::from_i128_with_scale(units as i128, dp);
        let parts = allocate_largest_remainder(total, &ws, dp).unwrap();
        prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
        // A larger weight never gets less; equal weights differ by at most one unit, the
        // earlier one getting the larger part.
        let unit = Decimal::from_i128_with_scale(1, dp);
        for i in 0..ws.len() {
            for j in i + 1..ws.len() {
                if ws[i] > ws[j] { prop_assert!(parts[i] >= parts[j]); }
                if ws[i] < ws[j] { prop_assert!(parts[i] <= parts[j]); }
                if ws[i] == ws[j] {
                    prop_assert!(parts[i] == parts[j] || parts[i] == parts[j] + unit);
                }
            }
        }
    }

    #[test]
    fn largest_remainder_ignores_a_common_factor(
        units in 0i64..=1_000_000_000, ws in weights(), factor in 1u32..1000
    ) {
        let total = Decimal::new(units, 2);
        let scaled: Vec<Decimal> = ws.iter().map(|w| w * Decimal::from(factor)).collect();
        prop_assert_eq!(
            allocate_largest_remainder(total, &ws, 2).unwrap(),
            allocate_largest_remainder(total, &scaled, 2).unwrap()
        );
    }

    #[test]
    fn expected_savings_grow_with_the_date(
        goal in cents(100_000_000).prop_filter("positive", |g| !g.is_zero()),
        year in 1900i32..2200, a in 1u32..=366, b in 1u32..=366,
    ) {
        let day = |ordinal: u32| {
            NaiveDate::from_yo_opt(year, ordinal).or_else(|| NaiveDate::from_yo_opt(year, 365)).unwrap()
        };
        let (early, late) = (day(a.min(b)), day(a.max(b)));
        let pe = savings_progress(goal, Decimal::ZERO, early).unwrap();
        let pl = savings_progress(goal, Decimal::ZERO, late).unwrap();
        prop_assert!(pe.expected <= pl.expected);
        prop_assert!(pl.expected <= goal);
        prop_assert!(pl.months_left <= pe.months_left);
        prop_assert!(Decimal::from(pe.months_left) * pe.monthly_needed >= pe.remaining);
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        prop_assert_eq!(savings_progress(goal, Decimal::ZERO, last).unwrap().expected, round_cents(goal));
    }

    #[test]
    fn mrr_is_the_sum_of_its_plans(subs in subscriptions(), day in 0i64..800) {
        let as_of = date(day);
        let m = mrr(&subs, as_of).unwrap();
        prop_assert_eq!(m.by_plan.iter().map(|p| p.mrr).sum::<Decimal>(), m.mrr);
        prop_assert_eq!(m.by_plan.iter().map(|p| p.subscriptions).sum::<usize>(), m.active_subscriptions);
        // independent: the exact sum of twelve times the monthly values, over 12, rounded
        let twelfths: Decimal = subs
            .iter()
            .filter(|s| s.start <= as_of && s.end.is_none_or(|e| e > as_of))
            .map(|s| match s.period {
                BillingPeriod::Monthly => s.price * Decimal::from(12),
                BillingPeriod::Yearly => s.price,
            })
            .sum();
        prop_assert_eq!(m.mrr, round_cents(twelfths / Decimal::from(12)));
        prop_assert!(m.paying_customers <= m.active_customers);
        prop_assert!(m.active_customers <= m.active_subscriptions);
    }

    #[test]
    fn mrr_movement_bridges_the_month(subs in subscriptions(), day in 31i64..760) {
        let d = date(day);
        let moved = mrr_movement(&subs, d.year(), d.month()).unwrap();
        let bridge = moved.opening_mrr + moved.new_mrr - moved.churned_mrr;
        prop_assert!((moved.closing_mrr - bridge).abs() <= Decimal::new(2, 2));
        let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap();
        let last = (first + chrono::Months::new(1)).pred_opt().unwrap();
        prop_assert_eq!(moved.closing_mrr, mrr(&subs, last).unwrap().mrr);
        prop_assert_eq!(moved.opening_mrr, mrr(&subs, first.pred_opt().unwrap()).unwrap().mrr);
    }

    #[test]
    fn projections_grow_with_the_return(
        monthly in cents(1_000_000), r1 in -50.0f64..30.0, r2 in -50.0f64..30.0, years in 0u32..=40,
        proportional in any::<bool>(), start in any::<bool>(),
    ) {
        let rate = if proportional { MonthlyRate::Proportional } else { MonthlyRate::Equivalent };
        let timing = if start { ContributionTiming::Start } else { ContributionTiming::End };
        let p = |r| project_contributions(monthly, r, years, rate, timing).unwrap();
        let (low, high) = (p(r1.min(r2)), p(r1.max(r2)));
        prop_assert!(low.value <= high.value);
        prop_assert_eq!(low.contributed, monthly * Decimal::from(12 * years));
        prop_assert_eq!(high.gains, high.value - high.contributed);
        prop_assert_eq!(p(0.0).value, low.contributed);
    }
}

/// Subscriptions with many ties between plans: yearly prices of a few cents over a few plan
/// names, so leftover cents often fall between equal remainders.
fn tied_subscriptions() -> impl Strategy<Value = Vec<Subscription>> {
    let one = (
        0u32..10,
        prop::sample::select(vec!["a", "b", "c", "d"]),
        prop::sample::select(vec![100i64, 200, 1]),
    )
        .prop_map(|(c, plan, price)| Subscription {
            customer: format!("c{c}"),
            plan: plan.to_string(),
            price: Decimal::new(price, 2),
            period: BillingPeriod::Yearly,
            start: date(0),
            end: None,
        });
    prop::collection::vec(one, 0..12)
}

proptest! {
    #[test]
    fn mrr_does_not_depend_on_the_order(
        (subs, shuffled) in prop_oneof![subscriptions(), tied_subscriptions()]
            .prop_flat_map(|s| (Just(s.clone()), Just(s).prop_shuffle())),
        day in 0i64..800,
    ) {
        let as_of = date(day);
        prop_assert_eq!(mrr(&subs, as_of).unwrap(), mrr(&shuffled, as_of).unwrap());
    }
}
