//! One day of the betting platform, walked through the core.
//!
//! Saturday 21 November 2026, Arsenal v Chelsea (EPL), kick-off 15:00 UTC. The collector
//! captured prices from five bookmakers at 10:00, 14:00 and 14:55. The day goes:
//! prices -> fair probabilities from Pinnacle (the sharp book) -> value bets at the soft books
//! -> Kelly stakes -> settlement from the final score (2-1) -> CLV against Pinnacle's closing
//! line -> the performance summary of the account's recent history.
//!
//! Run it with `make demo` (or `cargo run -p edgecore-suite --example betting_day`).

use chrono::{DateTime, TimeZone, Utc};
use edgecore::clv::{self, ClvTier};
use edgecore::devig::{DevigMethod, devig};
use edgecore::kelly::{self, KellyPolicy};
use edgecore::settle::settle;
use edgecore::stats::performance;
use edgecore::{Bet, EventResult, Market, Outcome, PriceSnapshot, Selection, money};
use rust_decimal::Decimal;
use std::str::FromStr;

const EVENT: &str = "epl-2026-11-21-ars-che";
const BOOKMAKERS: [&str; 5] = ["pinnacle", "bet365", "unibet", "winamax", "betclic"];
const H2H: [Selection; 3] = [Selection::Home, Selection::Draw, Selection::Away];
const TOTALS: [Selection; 2] = [Selection::Over, Selection::Under];

/// One bookmaker's prices at one poll: h2h home/draw/away and totals 2.5 over/under.
type Poll = (u32, u32, &'static str, [&'static str; 3], [&'static str; 2]);

/// The polls of the day: hour, minute, bookmaker, h2h prices, totals prices.
const POLLS: &[Poll] = &[
    (
        10,
        0,
        "pinnacle",
        ["2.20", "3.50", "3.40"],
        ["1.90", "1.98"],
    ),
    (10, 0, "bet365", ["2.15", "3.40", "3.30"], ["2.05", "1.80"]),
    (10, 0, "unibet", ["2.18", "3.35", "3.25"], ["1.87", "1.93"]),
    (10, 0, "winamax", ["2.38", "3.30", "3.10"], ["1.85", "1.95"]),
    (10, 0, "betclic", ["2.12", "3.30", "3.35"], ["1.83", "1.97"]),
    (
        14,
        0,
        "pinnacle",
        ["2.14", "3.55", "3.52"],
        ["1.87", "2.01"],
    ),
    (
        14,
        55,
        "pinnacle",
        ["2.10", "3.55", "3.62"],
        ["1.94", "1.94"],
    ),
    // captured after kick-off: a live price, never a closing line
    (
        15,
        10,
        "pinnacle",
        ["1.65", "3.90", "6.00"],
        ["1.70", "2.15"],
    ),
];

fn main() -> edgecore::Result<()> {
    let kickoff = at(15, 0);
    let snapshots = collect();
    let bankroll = dec("1000.00");
    let policy = KellyPolicy {
        min_edge: 0.02,
        ..KellyPolicy::default()
    };

    println!("Arsenal v Chelsea, EPL, kick-off {kickoff}");
    println!("\n1. Prices at 10:00 (h2h home/draw/away | totals 2.5 over/under) and margins");
    for book in BOOKMAKERS {
        let h2h = prices(&snapshots, at(10, 0), book, Market::H2h, None, &H2H)?;
        let totals = prices(&snapshots, at(10, 0), book, Market::Totals, line(), &TOTALS)?;
        println!(
            "   {book:<9} {:>5.2} {:>5.2} {:>5.2}  margin {:>5.2}%  | {:>5.2} {:>5.2}  margin {:>5.2}%",
            h2h[0],
            h2h[1],
            h2h[2],
            100.0 * edgecore::odds::overround(&h2h)?,
            totals[0],
            totals[1],
            100.0 * edgecore::odds::overround(&totals)?,
        );
    }

    println!("\n2. Fair probabilities from Pinnacle at 10:00");
    let sharp_h2h = prices(&snapshots, at(10, 0), "pinnacle", Market::H2h, None, &H2H)?;
    let sharp_totals = prices(
        &snapshots,
        at(10, 0),
        "pinnacle",
        Market::Totals,
        line(),
        &TOTALS,
    )?;
    let fair_h2h = devig(&sharp_h2h, DevigMethod::Shin, 1.0)?;
    let fair_totals = devig(&sharp_totals, DevigMethod::Power, 1.0)?;
    println!(
        "   h2h (Shin, z = {:.4}):      home {:.4}  draw {:.4}  away {:.4}",
        fair_h2h.parameter,
        fair_h2h.probabilities[0],
        fair_h2h.probabilities[1],
        fair_h2h.probabilities[2]
    );
    println!(
        "   totals (power, k = {:.4}):  over {:.4}  under {:.4}",
        fair_totals.parameter, fair_totals.probabilities[0], fair_totals.probabilities[1]
    );

    println!("\n3. Value at the soft books (edge = price x fair probability - 1 >= 2%)");
    let mut today = Vec::new();
    let markets = [
        (Market::H2h, None, &H2H[..], &fair_h2h.probabilities),
        (
            Market::Totals,
            line(),
            &TOTALS[..],
            &fair_totals.probabilities,
        ),
    ];
    for (market, line, selections, fair) in markets {
        for book in &BOOKMAKERS[1..] {
            let offered = prices(&snapshots, at(10, 0), book, market, line, selections)?;
            for ((&selection, &price), &p) in selections.iter().zip(&offered).zip(fair.iter()) {
                let edge = kelly::edge(price, p)?;
                if edge < policy.min_edge {
                    continue;
                }
                let stake = kelly::kelly_stake(bankroll, price, p, &policy)?;
                println!(
                    "   {book} {market} {selection} at {price:.2}: fair {:.3}, edge {:+.2}%, \
                     full Kelly {:.2}%, stake {stake} (quarter Kelly, 5% cap)",
                    1.0 / p,
                    100.0 * edge,
                    100.0 * kelly::kelly_fraction(price, p)?,
                );
                today.push(bet(
                    &format!("b{}", today.len() + 13),
                    (book, market, line, selection),
                    money::from_f64("price", price)?,
                    stake,
                ));
            }
        }
    }

    println!("\n4. Settlement from the final score, Arsenal 2-1 Chelsea");
    let result = EventResult::Final { home: 2, away: 1 };
    for b in &mut today {
        let s = settle(b, &result)?;
        b.outcome = Some(s.outcome);
        println!(
            "   {} {} {}: {} -> payout {}, profit {}",
            b.bookmaker, b.market, b.selection, s.outcome, s.payout, s.profit
        );
    }

    println!("\n5. Closing line value against Pinnacle's last price before kick-off");
    for b in &mut today {
        let selections: &[Selection] = if b.market == Market::H2h {
            &H2H
        } else {
            &TOTALS
        };
        let close = clv::closing_market(
            &snapshots, EVENT, kickoff, "pinnacle", b.market, b.line, selections,
        )?;
        let i = close.position(b.selection).unwrap_or_default();
        let taken = money::to_f64(b.odds);
        let raw = clv::clv(taken, close.odds[i])?;
        let fair = clv::clv_fair(taken, &close.odds, i, DevigMethod::Shin)?;
        b.closing_odds = Some(close.snapshots[i].price);
        b.closing_probability = Some(devig(&close.odds, DevigMethod::Shin, 1.0)?.probabilities[i]);
        println!(
            "   {} {}: taken {taken:.2}, closed {:.2} at {} -> CLV {:+.2}% ({}), de-vigged {:+.2}%",
            b.bookmaker,
            b.selection,
            close.odds[i],
            close.snapshots[i].captured_at.format("%H:%M"),
            100.0 * raw,
            ClvTier::from_prices(b.odds, close.snapshots[i].price)?,
            100.0 * fair,
        );
    }

    println!("\n6. Performance of the account (12 earlier bets and today's)");
    let mut history = earlier_bets();
    history.extend(today);
    let p = performance(&history, bankroll)?;
    println!(
        "   {} bets: {} won, {} lost, {} push, {} half won, {} half lost; win rate {}",
        p.bets,
        p.won,
        p.lost,
        p.push,
        p.half_won,
        p.half_lost,
        share(p.win_rate)
    );
    println!(
        "   staked {}, profit {}, ROI {}, bankroll {} -> {}",
        p.staked,
        p.profit,
        percent(p.roi),
        p.starting_bankroll,
        p.final_bankroll
    );
    println!(
        "   average CLV {} ({}), beat the close {}, max drawdown {} ({})",
        percent(p.average_clv),
        p.clv_tier.map_or("no closing odds", |t| t.as_str()),
        share(p.beat_close_share),
        p.max_drawdown.amount,
        share(Some(p.max_drawdown.share)),
    );
    if let Some(s) = &p.significance_vs_break_even {
        println!(
            "   is the edge real? profit z = {:.2}, one-sided p = {:.3} over {} bets",
            s.z_score, s.p_value, s.bets
        );
    }
    Ok(())
}

/// The captured snapshots of the day.
fn collect() -> Vec<PriceSnapshot> {
    let mut out = Vec::new();
    for &(hour, minute, book, h2h, totals) in POLLS {
        let quoted = H2H
            .iter()
            .zip(h2h)
            .map(|(&s, p)| (Market::H2h, None, s, p))
            .chain(
                TOTALS
                    .iter()
                    .zip(totals)
                    .map(|(&s, p)| (Market::Totals, line(), s, p)),
            );
        for (market, line, selection, price) in quoted {
            out.push(PriceSnapshot {
                captured_at: at(hour, minute),
                event_id: EVENT.into(),
                bookmaker: book.into(),
                market,
                line,
                selection,
                price: dec(price),
            });
        }
    }
    out
}

/// One bookmaker's prices for `selections`, as captured at `when`.
fn prices(
    snapshots: &[PriceSnapshot],
    when: DateTime<Utc>,
    bookmaker: &str,
    market: Market,
    line: Option<Decimal>,
    selections: &[Selection],
) -> edgecore::Result<Vec<f64>> {
    // the closing-line search gives the last price captured before an instant
    let just_after = when + chrono::Duration::seconds(1);
    Ok(clv::closing_market(
        snapshots, EVENT, just_after, bookmaker, market, line, selections,
    )?
    .odds)
}

/// A past bet: id, bookmaker, market, line, selection, odds, stake, outcome, closing odds.
type Past = (
    &'static str,
    &'static str,
    Market,
    &'static str,
    Selection,
    &'static str,
    &'static str,
    Outcome,
    &'static str,
);

/// The account's bets of the previous weeks, settled, with their closing prices.
fn earlier_bets() -> Vec<Bet> {
    let rows: [Past; 12] = [
        (
            "b1",
            "bet365",
            Market::H2h,
            "",
            Selection::Home,
            "1.95",
            "20.00",
            Outcome::Won,
            "1.88",
        ),
        (
            "b2",
            "unibet",
            Market::Totals,
            "2.5",
            Selection::Over,
            "2.10",
            "15.00",
            Outcome::Lost,
            "2.02",
        ),
        (
            "b3",
            "winamax",
            Market::H2h,
            "",
            Selection::Away,
            "3.40",
            "10.00",
            Outcome::Lost,
            "3.55",
        ),
        (
            "b4",
            "betclic",
            Market::Spreads,
            "-0.25",
            Selection::Home,
            "1.98",
            "20.00",
            Outcome::HalfLost,
            "1.91",
        ),
        (
            "b5",
            "bet365",
            Market::Totals,
            "3.0",
            Selection::Under,
            "1.92",
            "25.00",
            Outcome::Push,
            "1.85",
        ),
        (
            "b6",
            "winamax",
            Market::H2h,
            "",
            Selection::Draw,
            "3.60",
            "10.00",
            Outcome::Won,
            "3.40",
        ),
        (
            "b7",
            "unibet",
            Market::Spreads,
            "0.75",
            Selection::Away,
            "1.90",
            "20.00",
            Outcome::HalfWon,
            "1.84",
        ),
        (
            "b8",
            "bet365",
            Market::H2h,
            "",
            Selection::Home,
            "2.50",
            "12.00",
            Outcome::Lost,
            "2.38",
        ),
        (
            "b9",
            "betclic",
            Market::Totals,
            "2.5",
            Selection::Under,
            "1.95",
            "20.00",
            Outcome::Won,
            "1.97",
        ),
        (
            "b10",
            "winamax",
            Market::DrawNoBet,
            "",
            Selection::Home,
            "1.62",
            "30.00",
            Outcome::Won,
            "1.57",
        ),
        (
            "b11",
            "unibet",
            Market::H2h,
            "",
            Selection::Away,
            "4.20",
            "8.00",
            Outcome::Lost,
            "4.00",
        ),
        (
            "b12",
            "bet365",
            Market::Totals,
            "2.75",
            Selection::Over,
            "2.00",
            "18.00",
            Outcome::Won,
            "1.93",
        ),
    ];
    rows.iter()
        .enumerate()
        .map(
            |(i, &(id, book, market, line, selection, odds, stake, outcome, close))| {
                let line = (!line.is_empty()).then(|| dec(line));
                let mut b = bet(id, (book, market, line, selection), dec(odds), dec(stake));
                b.placed_at = Utc
                    .with_ymd_and_hms(2026, 11, 1 + i as u32, 12, 0, 0)
                    .unwrap();
                b.outcome = Some(outcome);
                b.closing_odds = Some(dec(close));
                b
            },
        )
        .collect()
}

fn bet(
    id: &str,
    (bookmaker, market, line, selection): (&str, Market, Option<Decimal>, Selection),
    odds: Decimal,
    stake: Decimal,
) -> Bet {
    Bet {
        id: id.into(),
        event_id: EVENT.into(),
        league: "soccer_epl".into(),
        market,
        line,
        selection,
        bookmaker: bookmaker.into(),
        odds,
        stake,
        placed_at: at(10, 5),
        source: "manual".into(),
        outcome: None,
        closing_odds: None,
        closing_probability: None,
    }
}

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, hour, minute, 0).unwrap()
}

fn line() -> Option<Decimal> {
    Some(dec("2.5"))
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A signed figure (CLV, ROI) in percent.
fn percent(value: Option<f64>) -> String {
    value.map_or("n/a".into(), |v| format!("{:+.2}%", 100.0 * v))
}

/// A share (win rate, drawdown) in percent.
fn share(value: Option<f64>) -> String {
    value.map_or("n/a".into(), |v| format!("{:.2}%", 100.0 * v))
}
