//! Properties of settlement: money is conserved (profit = payout - stake, a push or void
//! returns the stake), a quarter-line bet is two half-stake bets on the neighbouring lines,
//! over and under on the same line are mirror images, and batches agree with single bets.

use edgecore::money::round_cents;
use edgecore::settle::{settle, settle_batch};
use edgecore::strategies;
use edgecore::{Bet, EventResult, Market, Outcome, Selection};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn bet(
    market: Market,
    selection: Selection,
    line: Option<Decimal>,
    odds: Decimal,
    stake: Decimal,
) -> Bet {
    Bet {
        id: "b".into(),
        event_id: "e".into(),
        league: "soccer_epl".into(),
        market,
        line,
        selection,
        bookmaker: "pinnacle".into(),
        odds,
        stake,
        placed_at: "2025-01-01T12:00:00Z".parse().unwrap(),
        source: "manual".into(),
        outcome: None,
        closing_odds: None,
        closing_probability: None,
    }
}

/// Odds 1.01 to 20.00 and stakes 0.01 to 10,000.00, in cents.
fn odds() -> impl Strategy<Value = Decimal> {
    (101i64..=2000).prop_map(|c| Decimal::new(c, 2))
}
fn stake() -> impl Strategy<Value = Decimal> {
    (1i64..=1_000_000).prop_map(|c| Decimal::new(c, 2))
}
fn mirror(o: Outcome) -> Outcome {
    match o {
        Outcome::Won => Outcome::Lost,
        Outcome::Lost => Outcome::Won,
        Outcome::HalfWon => Outcome::HalfLost,
        Outcome::HalfLost => Outcome::HalfWon,
        other => other,
    }
}

proptest! {
    #[test]
    fn settlement_conserves_money((b, r) in strategies::scored_bets()) {
        let s = settle(&b, &r).unwrap();
        prop_assert_eq!(s.profit, s.payout - b.stake);
        prop_assert!(s.payout >= Decimal::ZERO);
        prop_assert!(s.payout <= round_cents(b.stake * b.odds));
        match s.outcome {
            Outcome::Push | Outcome::Void => prop_assert_eq!(s.payout, b.stake),
            Outcome::Won => prop_assert_eq!(s.payout, round_cents(b.stake * b.odds)),
            Outcome::Lost => prop_assert_eq!(s.payout, Decimal::ZERO),
            Outcome::HalfWon => prop_assert!(s.payout > b.stake),
            Outcome::HalfLost => prop_assert!(s.payout < b.stake),
        }
        prop_assert_eq!(s.outcome == Outcome::Void, r == EventResult::Cancelled);
        prop_assert_eq!(s.margin.is_none(), r == EventResult::Cancelled);
    }

    #[test]
    fn quarter_line_is_two_half_stake_bets(
        spreads in any::<bool>(),
        first in any::<bool>(),
        quarters in -8i64..8,
        o in odds(),
        st in stake(),
        home in 0u32..8,
        away in 0u32..8,
    ) {
        // a quarter line: an odd number of quarters
        let l = Decimal::new((2 * quarters + 1) * 25, 2);
        let (market, selection, l) = match (spreads, first) {
            (true, true) => (Market::Spreads, Selection::Home, l),
            (true, false) => (Market::Spreads, Selection::Away, l),
            (false, true) => (Market::Totals, Selection::Over, l.abs()),
            (false, false) => (Market::Totals, Selection::Under, l.abs()),
        };
        let r = EventResult::Final { home, away };
        let quarter = Decimal::new(25, 2);
        let half = st / Decimal::TWO;
        let whole = settle(&bet(market, selection, Some(l), o, st), &r).unwrap();
        let low = settle(&bet(market, selection, Some(l - quarter), o, half), &r).unwrap();
        let high = settle(&bet(market, selection, Some(l + quarter), o, half), &r).unwrap();
        // Each half is rounded to the cent on its own: at most one cent apart in total.
        let diff = (whole.payout - (low.payout + high.payout)).abs();
        prop_assert!(diff <= Decimal::new(1, 2), "{:?} vs {:?} + {:?}", whole, low, high);
        prop_assert!((whole.profit - (low.profit + high.profit)).abs() <= Decimal::new(1, 2));
        // Without rounding the two halves pay exactly what the quarter line pays.
        let exact = |x: Outcome, s: Decimal| match x {
            Outcome::Won => s * o,
            Outcome::Lost => Decimal::ZERO,
            Outcome::Push | Outcome::Void => s,
            Outcome::HalfWon => s / Decimal::TWO * o + s / Decimal::TWO,
            Outcome::HalfLost => s / Decimal::TWO,
        };
        prop_assert_eq!(exact(whole.outcome, st), exact(low.outcome, half) + exact(high.outcome, half));
    }

    #[test]
    fn over_and_under_on_a_whole_line_are_mirror_images(
        n in 0i64..10,
        o in odds(),
        st in stake(),
        home in 0u32..8,
        away in 0u32..8,
    ) {
        let l = Some(Decimal::from(n));
        let r = EventResult::Final { home, away };
        let over = settle(&bet(Market::Totals, Selection::Over, l, o, st), &r).unwrap();
        let under = settle(&bet(Market::Totals, Selection::Under, l, o, st), &r).unwrap();
        prop_assert_eq!(under.outcome, mirror(over.outcome));
        prop_assert_eq!(under.margin.map(|m| -m), over.margin);
        prop_assert_eq!(over.outcome == Outcome::Push, Decimal::from(home + away) == Decimal::from(n));
    }

    #[test]
    fn batch_agrees_with_single_bets(
        pairs in prop::collection::vec(strategies::scored_bets(), 0..40),
    ) {
        let (bets, results): (Vec<Bet>, Vec<EventResult>) = pairs.into_iter().unzip();
        let batch = settle_batch(&bets, &results).unwrap();
        for ((b, r), s) in bets.iter().zip(&results).zip(&batch) {
            prop_assert_eq!(s, &settle(b, r).unwrap());
        }
    }
}
