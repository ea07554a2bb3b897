//! A small hand-checked history shared by the unit tests (the same bets as the `stats`
//! vectors in `tests/vectors/betting.json`).

use crate::bet::{Bet, Outcome};
use crate::market::{Market, Selection};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// A bet with the fields statistics read; the rest fixed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bet(
    id: &str,
    placed_at: &str,
    bookmaker: &str,
    odds: Decimal,
    stake: Decimal,
    outcome: Option<Outcome>,
    closing_odds: Option<Decimal>,
    closing_probability: Option<f64>,
) -> Bet {
    Bet {
        id: id.into(),
        event_id: format!("event-{id}"),
        league: "epl".into(),
        market: Market::H2h,
        line: None,
        selection: Selection::Home,
        bookmaker: bookmaker.into(),
        odds,
        stake,
        placed_at: placed_at.parse().expect("an RFC 3339 instant"),
        source: "manual".into(),
        outcome,
        closing_odds,
        closing_probability,
    }
}

#[rustfmt::skip]
/// Seven bets (b3 and b5 on totals lines, b6 on an Asian handicap) from Monday 2026-11-16 to Saturday 2026-11-21, in placed-at order:
/// profits +55, -100, -20, -20, 0, +24 and one pending.
pub(crate) fn history() -> Vec<Bet> {
    use Outcome::*;
    let mut bets = vec![
        bet("b1", "2026-11-16T10:00:00Z", "bet365", dec!(2.10), dec!(50), Some(Won), Some(dec!(2.00)), Some(0.48)),
        bet("b2", "2026-11-17T14:00:00Z", "pinnacle", dec!(1.90), dec!(100), Some(Lost), Some(dec!(1.95)), Some(0.50)),
        bet("b3", "2026-11-18T18:00:00Z", "bet365", dec!(2.00), dec!(40), Some(HalfLost), Some(dec!(1.90)), None),
        bet("b4", "2026-11-19T10:00:00Z", "unibet", dec!(3.00), dec!(20), Some(Lost), None, None),
        bet("b5", "2026-11-20T14:00:00Z", "pinnacle", dec!(1.95), dec!(30), Some(Push), Some(dec!(2.05)), None),
        bet("b6", "2026-11-21T18:00:00Z", "bet365", dec!(1.80), dec!(60), Some(HalfWon), Some(dec!(1.75)), None),
        bet("b7", "2026-11-21T20:00:00Z", "unibet", dec!(2.50), dec!(25), None, Some(dec!(2.40)), None),
    ];
    for (i, market, line, selection) in [
        (2, Market::Totals, dec!(2.25), Selection::Under),
        (4, Market::Totals, dec!(3.0), Selection::Over),
        (5, Market::Spreads, dec!(-0.25), Selection::Home),
    ] {
        bets[i].market = market;
        bets[i].line = Some(line);
        bets[i].selection = selection;
    }
    bets
}
