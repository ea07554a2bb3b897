//! Properties of the performance statistics over arbitrary bet histories.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use edgecore::clv::ClvTier;
use edgecore::stats::{
    BreakdownKey, Performance, Summary, Window, breakdown, heatmap, performance, window,
    window_indices,
};
use edgecore::{Bet, Market, Outcome, Selection};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn origin() -> DateTime<Utc> {
    "2025-01-01T00:00:00Z".parse().unwrap()
}

fn outcome() -> impl Strategy<Value = Option<Outcome>> {
    prop_oneof![
        Just(None),
        proptest::sample::select(
            [
                Outcome::Won,
                Outcome::Lost,
                Outcome::Push,
                Outcome::HalfWon,
                Outcome::HalfLost,
                Outcome::Void,
            ]
            .to_vec()
        )
        .prop_map(Some),
    ]
}

prop_compose! {
    /// A valid bet: odds 1.01 to 1000, stake 0.01 to 10 million, placed within two years,
    /// closing odds and probability sometimes known.
    fn bet()(
        odds in 101i64..100_000,
        stake in 1i64..1_000_000_000,
        seconds in 0i64..2 * 366 * 86_400,
        bookmaker in proptest::sample::select(vec!["pinnacle", "bet365", "unibet", "winamax"]),
        market in proptest::sample::select(Market::ALL.to_vec()),
        outcome in outcome(),
        closing in proptest::option::of(101i64..100_000),
        probability in proptest::option::of(0.0..=1.0f64),
    ) -> Bet {
        Bet {
            id: format!("{seconds}-{odds}"),
            event_id: "e".into(),
            league: "league".into(),
            market,
            line: None,
            selection: Selection::Home,
            bookmaker: bookmaker.into(),
            odds: Decimal::new(odds, 2),
            stake: Decimal::new(stake, 2),
            placed_at: origin() + Duration::seconds(seconds),
            source: "manual".into(),
            outcome,
            closing_odds: closing.map(|c| Decimal::new(c, 2)),
            closing_probability: probability,
        }
    }
}

fn history() -> impl Strategy<Value = Vec<Bet>> {
    proptest::collection::vec(bet(), 0..60)
}

fn start() -> impl Strategy<Value = Decimal> {
    (0i64..100_000_000).prop_map(|c| Decimal::new(c, 2))
}

fn finite_or_none(x: Option<f64>) -> bool {
    x.is_none_or(f64::is_finite)
}

/// Every float of a summary is finite when present.
fn summary_is_finite(s: &Summary) -> bool {
    finite_or_none(s.roi) && finite_or_none(s.win_rate) && finite_or_none(s.average_clv)
}

/// Every float of a performance is finite when present.
fn performance_is_finite(p: &Performance) -> bool {
    let tests = [
        &p.significance_vs_break_even,
        &p.significance_vs_closing,
        &p.clv_significance,
    ];
    let floats = [
        p.win_rate,
        p.roi,
        p.average_odds,
        p.average_clv,
        p.stake_weighted_clv,
        p.beat_close_share,
        p.sharpe,
        Some(p.max_drawdown.share),
    ];
    floats.into_iter().all(finite_or_none)
        && tests.into_iter().flatten().all(|t| {
            [
                t.observed,
                t.expected,
                t.standard_error,
                t.z_score,
                t.p_value,
            ]
            .iter()
            .all(|x| x.is_finite())
                && (0.0..=1.0).contains(&t.p_value)
                && t.standard_error > 0.0
        })
}

proptest! {
    #[test]
    fn roi_has_the_sign_of_profit(bets in history(), start in start()) {
        let p = performance(&bets, start).unwrap();
        match p.roi {
            Some(roi) => {
                prop_assert_eq!(roi > 0.0, p.profit > Decimal::ZERO);
                prop_assert_eq!(roi < 0.0, p.profit < Decimal::ZERO);
            }
            None => prop_assert_eq!(p.settled, 0),
        }
    }

    #[test]
    fn drawdown_is_bounded(bets in history(), start in start()) {
        let p = performance(&bets, start).unwrap();
        let d = &p.max_drawdown;
        prop_assert!(d.amount >= Decimal::ZERO);
        prop_assert!((0.0..=1.0).contains(&d.share));
        prop_assert_eq!(d.amount, d.peak - d.trough);
        let lowest = p.curve.iter().map(|c| c.bankroll).min().unwrap();
        let highest = p.curve.iter().map(|c| c.bankroll).max().unwrap();
        prop_assert!(d.peak <= highest);
        if lowest >= Decimal::ZERO {
            // a bankroll that never goes below zero never falls by more than its peak
            prop_assert!(d.amount <= d.peak);
        }
    }

    #[test]
    fn counts_and_money_add_up(bets in history(), start in start()) {
        let p = performance(&bets, start).unwrap();
        let outcomes = p.won + p.lost + p.push + p.half_won + p.half_lost + p.void;
        prop_assert_eq!(outcomes + p.pending, bets.len());
        prop_assert_eq!(p.settled, outcomes);
        prop_assert_eq!(p.curve.len(), p.settled + 1);
        prop_assert_eq!(p.final_bankroll, start + p.profit);
        prop_assert_eq!(p.curve.last().unwrap().bankroll, p.final_bankroll);
        let profit: Decimal = bets.iter().filter_map(|b| b.profit().unwrap()).sum();
        prop_assert_eq!(p.profit, profit);
        prop_assert!(p.curve.windows(2).all(|w| w[0].at <= w[1].at));
    }

    #[test]
    fn breakdown_groups_add_up(bets in history(), key in proptest::sample::select(BreakdownKey::ALL.to_vec())) {
        let total = performance(&bets, Decimal::ZERO).unwrap();
        let groups = breakdown(&bets, key).unwrap();
        prop_assert_eq!(groups.iter().map(|g| g.summary.profit).sum::<Decimal>(), total.profit);
        prop_assert_eq!(groups.iter().map(|g| g.summary.staked).sum::<Decimal>(), total.staked);
        prop_assert_eq!(groups.iter().map(|g| g.summary.bets).sum::<usize>(), bets.len());
        prop_assert!(groups.iter().all(|g| g.summary.bets > 0 && summary_is_finite(&g.summary)));
        let mut keys: Vec<_> = groups.iter().map(|g| &g.key).collect();
        keys.dedup();
        prop_assert_eq!(keys.len(), groups.len());
        let map = heatmap(&bets).unwrap();
        prop_assert_eq!(map.cells.iter().map(|c| c.summary.profit).sum::<Decimal>(), total.profit);
        prop_assert!(map.cells.iter().all(|c| summary_is_finite(&c.summary)));
    }

    #[test]
    fn windows_hold_exactly_their_days(
        bets in history(),
        as_of_day in 0u64..800,
        w in proptest::sample::select(Window::ALL.to_vec()),
    ) {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(as_of_day);
        let inside = window(&bets, w, as_of);
        let first = w.start(as_of);
        for bet in &inside {
            let day = bet.placed_at.date_naive();
            prop_assert!(day <= as_of);
            prop_assert!(first.is_none_or(|f| day >= f));
            if let Some(days) = w.days() {
                prop_assert!((as_of - day).num_days() < days as i64);
            }
        }
        let picked = window_indices(&bets, w, as_of);
        let outside = (0..bets.len()).filter(|i| !picked.contains(i));
        for i in outside {
            prop_assert!(!w.contains(bets[i].placed_at, as_of));
        }
        prop_assert_eq!(inside.len(), picked.len());
    }

    #[test]
    fn nothing_is_ever_nan(bets in history(), start in start()) {
        let p = performance(&bets, start).unwrap();
        prop_assert!(performance_is_finite(&p));
    }

    #[test]
    fn order_of_input_does_not_matter(mut bets in history(), start in start()) {
        // distinct instants: ties keep input order, which reversing would change
        bets.sort_by_key(|b| b.placed_at);
        bets.dedup_by_key(|b| b.placed_at);
        let p = performance(&bets, start).unwrap();
        bets.reverse();
        let q = performance(&bets, start).unwrap();
        prop_assert_eq!(p.profit, q.profit);
        prop_assert_eq!(p.final_bankroll, q.final_bankroll);
        prop_assert_eq!(p.max_drawdown.amount, q.max_drawdown.amount);
        prop_assert_eq!(p.longest_losing_streak, q.longest_losing_streak);
    }
}

prop_compose! {
    /// Bets that all return exactly the same ratio profit / stake: settled with one outcome
    /// at one price, stakes of whole units (so `stake x odds` needs no rounding), each
    /// written with its own number of decimal places (10, 10.0, 10.000...).
    fn equal_return_history()(
        odds in 101i64..100_000,
        outcome in proptest::sample::select(vec![Outcome::Won, Outcome::Lost, Outcome::Push, Outcome::HalfLost]),
        stakes in proptest::collection::vec((1i64..1_000_000, 0u32..5), 2..30),
    ) -> Vec<Bet> {
        stakes
            .into_iter()
            .enumerate()
            .map(|(i, (units, scale))| Bet {
                id: format!("b{i}"),
                event_id: "e".into(),
                league: "league".into(),
                market: Market::H2h,
                line: None,
                selection: Selection::Home,
                bookmaker: "pinnacle".into(),
                odds: Decimal::new(odds, 2),
                stake: Decimal::new(units * 10i64.pow(scale), scale),
                placed_at: origin() + Duration::seconds(i as i64),
                source: "manual".into(),
                outcome: Some(outcome),
                closing_odds: None,
                closing_probability: None,
            })
            .collect()
    }
}

/// The tier of the exact CLV of `taken` over `close` (both in units of 10^-4), by integer
/// arithmetic: (T - K) / K against 3%, 1% and 0.
fn exact_tier(taken_sum: i128, close: i128, n: i128) -> &'static str {
    // mean CLV = sum(T) / (n K) - 1; compare 100 (sum(T) - n K) with p n K.
    let excess = 100 * (taken_sum - n * close);
    if excess > 3 * n * close {
        "excellent"
    } else if excess > n * close {
        "very_good"
    } else if excess >= 0 {
        "correct"
    } else {
        "warning"
    }
}

prop_compose! {
    /// A closing price (2 decimals) and taken prices within a few 10^-4 of 0%, 1% or 3% CLV,
    /// all in units of 10^-4.
    fn near_boundaries()(
        close in 101i64..20_000,
        boundary in proptest::sample::select(vec![0i64, 1, 3]),
        offsets in proptest::collection::vec(-3i64..=3, 1..4),
    ) -> (i64, Vec<i64>) {
        let k = close * 100;
        (k, offsets.iter().map(|d| close * (100 + boundary) + d).collect())
    }
}

proptest! {
    #[test]
    fn equal_returns_have_no_sharpe(bets in equal_return_history(), start in start()) {
        let p = performance(&bets, start).unwrap();
        prop_assert_eq!(p.sharpe, None);
    }

    #[test]
    fn clv_tier_of_prices_is_the_tier_of_the_exact_clv((k, taken) in near_boundaries()) {
        let close = Decimal::new(k, 4);
        for &t in &taken {
            let tier = ClvTier::from_prices(Decimal::new(t, 4), close).unwrap();
            prop_assert_eq!(tier.as_str(), exact_tier(t.into(), k.into(), 1));
        }
        // the tier of a history is that of its exact mean CLV (a close written 2.0 or 2.00)
        let bets: Vec<Bet> = taken
            .iter()
            .enumerate()
            .map(|(i, &t)| Bet {
                id: format!("b{i}"),
                event_id: "e".into(),
                league: "league".into(),
                market: Market::H2h,
                line: None,
                selection: Selection::Home,
                bookmaker: "bet365".into(),
                odds: Decimal::new(t, 4),
                stake: Decimal::ONE,
                placed_at: origin() + Duration::seconds(i as i64),
                source: "manual".into(),
                outcome: None,
                closing_odds: Some(if i % 2 == 0 { close } else { close.normalize() }),
                closing_probability: None,
            })
            .collect();
        let sum: i128 = taken.iter().map(|&t| i128::from(t)).sum();
        let p = performance(&bets, Decimal::ONE_HUNDRED).unwrap();
        prop_assert_eq!(
            p.clv_tier.map(|t| t.as_str()),
            Some(exact_tier(sum, k.into(), taken.len() as i128))
        );
    }
}
