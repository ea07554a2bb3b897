//! Bets with the scores that settle them.

use super::odds::decimal_price;
use crate::bet::Bet;
use crate::market::{EventResult, Market, Selection};
use crate::settle::settle;
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::ops::RangeInclusive;

/// A market with a selection it accepts and a line it accepts (quarters of a goal).
fn market_selection() -> impl Strategy<Value = (Market, Option<Decimal>, Selection)> {
    let quarter = |q: i64| Some(Decimal::new(q * 25, 2).normalize());
    prop_oneof![
        prop::sample::select(vec![Selection::Home, Selection::Draw, Selection::Away])
            .prop_map(|s| (Market::H2h, None, s)),
        (
            1i64..=28,
            prop::sample::select(vec![Selection::Over, Selection::Under])
        )
            .prop_map(move |(q, s)| (Market::Totals, quarter(q), s)),
        (
            -16i64..=16,
            prop::sample::select(vec![Selection::Home, Selection::Away])
        )
            .prop_map(move |(q, s)| (Market::Spreads, quarter(q), s)),
        prop::sample::select(vec![Selection::Home, Selection::Away]).prop_map(|s| (
            Market::DrawNoBet,
            None,
            s
        )),
    ]
}

/// A final score (0 to 7 goals a side) nine times in ten, else a cancelled event.
fn event_result() -> impl Strategy<Value = EventResult> {
    prop_oneof![
        9 => (0u32..=7, 0u32..=7).prop_map(|(home, away)| EventResult::Final { home, away }),
        1 => Just(EventResult::Cancelled),
    ]
}

/// A pending bet of the league "soccer_epl" (three-way h2h) and a result of its event (a
/// final score of 0 to 7 goals a side nine times in ten, else cancelled):
/// every pair settles ([`crate::settle::settle`] returns `Ok`). The market is h2h, totals
/// (a line from 0 to 8 by quarters), spreads (-4 to 4 by quarters) or draw no bet, with
/// a selection and line it accepts; odds from 1.01 to 100.00 and a stake from 0.01 to
/// 10,000.00 in cents; placed up to a week after 2025-08-15; no outcome, no closing price.
///
/// Shrinks towards an h2h bet on home at 1.01 for 0.01, and a 0-0 score.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|((bet, result) in edgecore::strategies::scored_bets())| {
///     let settled = edgecore::settle::settle(&bet, &result).unwrap();
///     prop_assert!(settled.payout >= rust_decimal::Decimal::ZERO);
/// });
/// ```
pub fn scored_bets() -> impl Strategy<Value = (Bet, EventResult)> {
    (
        market_selection(),
        decimal_price(),
        1i64..=1_000_000,
        0i64..=10_080,
        event_result(),
    )
        .prop_map(
            |((market, line, selection), odds, stake, minutes, result)| {
                let start = DateTime::<Utc>::from_timestamp(1_755_216_000, 0).unwrap_or_default();
                let bet = Bet {
                    id: "b0".into(),
                    event_id: "e0".into(),
                    league: "soccer_epl".into(),
                    market,
                    line,
                    selection,
                    bookmaker: "pinnacle".into(),
                    odds,
                    stake: Decimal::new(stake, 2),
                    placed_at: start + Duration::minutes(minutes),
                    source: "manual".into(),
                    outcome: None,
                    closing_odds: None,
                    closing_probability: None,
                };
                (bet, result)
            },
        )
}

/// A bet of [`scored_bets`] with the outcome its result gives: every bet has an outcome,
/// and a payout and profit (`Bet::profit` is `Ok(Some(_))`).
pub fn settled_bet() -> impl Strategy<Value = Bet> {
    scored_bets().prop_filter_map("a bet that settles", |(mut bet, result)| {
        let settlement = settle(&bet, &result).ok()?;
        bet.outcome = Some(settlement.outcome);
        Some(bet)
    })
}

/// A history of `len` settled bets ([`settled_bet`]) with distinct ids "b0", "b1"... and
/// distinct events, placed an hour apart in id order (placed-at order). Shrinks towards the
/// shortest history.
///
/// ```
/// use proptest::prelude::*;
/// proptest!(|(bets in edgecore::strategies::settled_bets(0..=20))| {
///     let figures = edgecore::stats::performance(&bets, rust_decimal::Decimal::ONE_HUNDRED);
///     prop_assert!(figures.is_ok());
/// });
/// ```
pub fn settled_bets(len: RangeInclusive<usize>) -> impl Strategy<Value = Vec<Bet>> {
    prop::collection::vec(settled_bet(), len).prop_map(|mut bets| {
        let start = DateTime::<Utc>::from_timestamp(1_755_216_000, 0).unwrap_or_default();
        for (i, bet) in bets.iter_mut().enumerate() {
            bet.id = format!("b{i}");
            bet.event_id = format!("e{i}");
            bet.placed_at = start + Duration::hours(i as i64);
        }
        bets
    })
}
