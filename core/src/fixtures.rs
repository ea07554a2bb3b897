//! Seeded benchmark datasets of a given size: a season of snapshots, a bet history, a
//! subscriber table and a batch of loans, the same for a seed in Rust, Python and Node and
//! on every platform.
//!
//! Determinism: each dataset draws from its own ChaCha8 stream (the `rand_chacha` crate's
//! `ChaCha8Rng`, a fixed, published algorithm): the 32-byte key is the seed as 8
//! little-endian bytes followed by 24 zero bytes, and the stream number names the dataset
//! (1 season, 2 bet history, 3 subscribers, 4 loans). A draw "below n" is the next 64-bit
//! output modulo n; no other sampling routine of `rand` is used (their algorithms may change
//! between versions). Every quantity is computed in integers (basis points, cents, days):
//! no floating-point operation enters a fixture, so no platform's maths library can change
//! one digit. Changing any of this changes the digests in `tests/vectors/fixtures.json`.
//!
//! Each function accepts sizes from 0 to [`MAX_FIXTURE_SIZE`] (a season to
//! [`MAX_SEASON_EVENTS`] events); a larger size is an `InvalidParameter` error naming `size`.

use crate::agents::backtest::ResultRecord;
use crate::agents::generator::Generated;
use crate::bet::{Bet, Outcome};
use crate::error::{Error, Result};
use crate::finance::amortization::{
    Deferral, DeferralKind, Insurance, InsuranceBase, Loan, LoanKind,
};
use crate::market::{Event, EventResult, Market, PriceSnapshot, Selection};
use crate::risk::{Payment, Subscriber, Subscription};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

/// The largest size of a bet history, subscriber table or loan batch (records).
pub const MAX_FIXTURE_SIZE: usize = 1_000_000;
/// The largest season (events; each has 75 snapshots).
pub const MAX_SEASON_EVENTS: usize = 100_000;

/// The bookmakers of a season fixture, the reference ("pinnacle") first.
pub const FIXTURE_BOOKMAKERS: [&str; 5] = ["pinnacle", "bet365", "unibet", "winamax", "betclic"];

/// The as-of date of the subscriber fixture: every payment is dated before it, every signup
/// at least a month before it (2026-01-01).
pub const FIXTURE_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// First day of the season and bet-history fixtures: 2025-08-15T00:00:00Z.
const START_SECONDS: i64 = 1_755_216_000;
/// Kickoff times in minutes after midnight, UTC.
const KICKOFF_MINUTES: [i64; 4] = [750, 900, 1050, 1200];
/// Hours before kickoff of the three polls of every event.
const POLL_HOURS_BEFORE: [i64; 3] = [48, 24, 2];
const TEAMS: [&str; 20] = [
    "Arsenal",
    "Aston Villa",
    "Bournemouth",
    "Brentford",
    "Brighton",
    "Burnley",
    "Chelsea",
    "Crystal Palace",
    "Everton",
    "Fulham",
    "Leeds",
    "Liverpool",
    "Manchester City",
    "Manchester United",
    "Newcastle",
    "Nottingham Forest",
    "Sunderland",
    "Tottenham",
    "West Ham",
    "Wolves",
];
const PLANS: [(&str, i64); 3] = [("basic", 999), ("standard", 1999), ("premium", 4900)];

/// `items[i % N]`.
fn cyclic<T: Copy, const N: usize>(items: &[T; N], i: usize) -> T {
    const { assert!(N > 0, "a table of at least one item") };
    // The index is below N, the table's length, because it is taken modulo N (and N > 0,
    // checked when compiled).
    #[allow(clippy::indexing_slicing)]
    items[i % N]
}

/// The named, documented draws of one dataset.
struct Draws(ChaCha8Rng);

impl Draws {
    fn new(seed: u64, stream: u64) -> Draws {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(stream);
        Draws(rng)
    }

    /// `next_u64() mod n`, `n > 0`.
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n.max(1)
    }

    /// One of `items`, uniformly: `items[below(N)]`.
    fn pick<T: Copy, const N: usize>(&mut self, items: [T; N]) -> T {
        cyclic(&items, self.below(N as u64) as usize)
    }

    /// An integer from `lo` to `hi` inclusive: `lo + below(hi - lo + 1)`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below(hi.abs_diff(lo) + 1) as i64
    }

    /// True with probability `numerator / denominator`: `below(denominator) < numerator`.
    fn chance(&mut self, numerator: u64, denominator: u64) -> bool {
        self.below(denominator) < numerator
    }
}

fn check_size(size: usize, max: usize) -> Result<()> {
    if size > max {
        return Err(Error::InvalidParameter {
            name: "size",
            value: size.to_string(),
            reason: if max == MAX_SEASON_EVENTS {
                "a season has at most 100000 events"
            } else {
                "must be at most 1000000"
            },
        });
    }
    Ok(())
}

fn start() -> DateTime<Utc> {
    DateTime::from_timestamp(START_SECONDS, 0).unwrap_or_default()
}

/// A bookmaker's price in cents for a true probability `p_bp` (basis points) and a margin
/// `margin_bp`: `floor(10^10 / (p_bp x (10000 + margin_bp)))`, at least 101 (1.01).
fn price_cents(p_bp: i64, margin_bp: i64) -> i64 {
    (10_000_000_000 / (p_bp.max(1) * (10_000 + margin_bp))).max(101)
}

/// A season of `size` events of the league "soccer_epl", ten a week from 2025-08-15, each
/// quoted by the five [`FIXTURE_BOOKMAKERS`] on h2h (home, draw, away) and totals 2.5 (over,
/// under) at three polls (48 h, 24 h and 2 h before kickoff): 75 snapshots an event, in
/// capture order; with every event's final score.
///
/// Each event has true probabilities in basis points (home 2000 to 6000, draw 2000 to 3000,
/// away the rest; over 3500 to 6500); each bookmaker a margin (the reference 250 basis
/// points, the others 500 to 900) plus 0 to 50 basis points per quote, and quotes
/// `floor(10^10 / (p x (10000 + margin)))` cents, at least 1.01, so
/// every board has a margin. Scores agree with a draw of the true h2h probabilities (0 to 3
/// goals for the winner's margin). `injected` is empty.
///
/// ```
/// let season = edgecore::fixtures::season_fixture(7, 4).unwrap();
/// assert_eq!((season.events.len(), season.snapshots.len()), (4, 300));
/// assert_eq!(season, edgecore::fixtures::season_fixture(7, 4).unwrap());
/// ```
///
/// Errors: `InvalidParameter` (`size` above [`MAX_SEASON_EVENTS`]).
pub fn season_fixture(seed: u64, size: usize) -> Result<Generated> {
    check_size(size, MAX_SEASON_EVENTS)?;
    let mut draws = Draws::new(seed, 1);
    let margins: Vec<i64> = (0..FIXTURE_BOOKMAKERS.len())
        .map(|i| if i == 0 { 250 } else { draws.between(500, 900) })
        .collect();
    let mut events = Vec::with_capacity(size);
    let mut snapshots = Vec::with_capacity(size * 75);
    let mut results = Vec::with_capacity(size);
    for n in 0..size {
        let week = (n / 10) as i64;
        let slot = (n % 10) as i64;
        let kickoff = start()
            + Duration::days(7 * week + slot % 3)
            + Duration::minutes(cyclic(&KICKOFF_MINUTES, slot as usize));
        let home_team = draws.below(20) as usize;
        let away_team = (home_team + 1 + draws.below(19) as usize) % 20;
        let event_id = format!("e{n}");
        let home = draws.between(2000, 6000);
        let draw = draws.between(2000, 3000);
        let away = 10_000 - home - draw;
        let over = draws.between(3500, 6500);
        let selections = [
            (Market::H2h, None, Selection::Home, home),
            (Market::H2h, None, Selection::Draw, draw),
            (Market::H2h, None, Selection::Away, away),
            (
                Market::Totals,
                Some(Decimal::new(25, 1)),
                Selection::Over,
                over,
            ),
            (
                Market::Totals,
                Some(Decimal::new(25, 1)),
                Selection::Under,
                10_000 - over,
            ),
        ];
        for hours in POLL_HOURS_BEFORE {
            let captured_at = kickoff - Duration::hours(hours);
            for (bookmaker, margin) in FIXTURE_BOOKMAKERS.iter().zip(&margins) {
                for &(market, line, selection, p) in &selections {
                    let cents = price_cents(p, margin + draws.between(0, 50));
                    snapshots.push(PriceSnapshot {
                        captured_at,
                        event_id: event_id.clone(),
                        bookmaker: (*bookmaker).into(),
                        market,
                        line,
                        selection,
                        price: Decimal::new(cents, 2),
                    });
                }
            }
        }
        let u = draws.below(10_000) as i64;
        let (h, a) = if u < home {
            let h = draws.between(1, 3) as u32;
            (h, draws.below(u64::from(h)) as u32)
        } else if u < home + draw {
            let g = draws.between(0, 3) as u32;
            (g, g)
        } else {
            let a = draws.between(1, 3) as u32;
            (draws.below(u64::from(a)) as u32, a)
        };
        results.push(ResultRecord {
            event_id: event_id.clone(),
            result: EventResult::Final { home: h, away: a },
        });
        events.push(Event {
            id: event_id,
            league: "soccer_epl".into(),
            home: cyclic(&TEAMS, home_team).into(),
            away: cyclic(&TEAMS, away_team).into(),
            kickoff,
        });
    }
    // Events overlap in time (polls two days before kickoff): a stable sort by instant.
    snapshots.sort_by_key(|s| s.captured_at);
    Ok(Generated {
        events,
        bookmakers: FIXTURE_BOOKMAKERS.iter().map(|b| (*b).into()).collect(),
        snapshots,
        results,
        injected: Vec::new(),
    })
}

/// A history of `size` settled bets ("b0", "b1", ...) of the league "soccer_epl", placed
/// every three hours or so from 2025-08-15 (in placed-at order), at the five
/// [`FIXTURE_BOOKMAKERS`], source "manual":
/// - a market: h2h (home, draw or away), totals (over or under 1.5, 2.5 or 3.5) or spreads
///   (home or away, a line from -2 to 2 by quarters), each a third of the time;
/// - odds 1.20 to 6.00 and a stake 1.00 to 500.00 (cents); closing odds within 0.10 of the
///   odds (at least 1.01); no closing probability;
/// - an outcome won with probability `1 / odds` (to the cent), else lost; on a whole line a
///   tenth of the bets are pushed, on a quarter line half of the wins (losses) are half won
///   (half lost): every outcome is one the bet's line allows.
///
/// ```
/// let bets = edgecore::fixtures::bet_history_fixture(7, 100).unwrap();
/// assert!(bets.iter().all(|b| b.profit().unwrap().is_some()));
/// ```
///
/// Errors: `InvalidParameter` (`size` above [`MAX_FIXTURE_SIZE`]).
pub fn bet_history_fixture(seed: u64, size: usize) -> Result<Vec<Bet>> {
    check_size(size, MAX_FIXTURE_SIZE)?;
    let mut draws = Draws::new(seed, 2);
    let mut bets = Vec::with_capacity(size);
    for i in 0..size {
        let placed_at = start() + Duration::minutes(180 * i as i64 + draws.between(0, 179));
        // The line in quarters of a goal (h2h: none).
        let (market, quarters, selection) = match draws.below(3) {
            0 => (
                Market::H2h,
                None,
                draws.pick([Selection::Home, Selection::Draw, Selection::Away]),
            ),
            1 => (
                Market::Totals,
                Some(draws.between(1, 3) * 4 + 2),
                draws.pick([Selection::Over, Selection::Under]),
            ),
            _ => (
                Market::Spreads,
                Some(draws.between(-8, 8)),
                draws.pick([Selection::Home, Selection::Away]),
            ),
        };
        let odds = draws.between(120, 600);
        let stake = draws.between(100, 50_000);
        let closing = (odds + draws.between(-10, 10)).max(101);
        let won = draws.chance(100, odds as u64);
        let outcome = match (market, quarters.map_or(2, |q| q.rem_euclid(4)), won) {
            (Market::Spreads, 0, _) if draws.chance(1, 10) => Outcome::Push,
            (Market::Spreads, 1 | 3, true) if draws.chance(1, 2) => Outcome::HalfWon,
            (Market::Spreads, 1 | 3, false) if draws.chance(1, 2) => Outcome::HalfLost,
            (_, _, true) => Outcome::Won,
            (_, _, false) => Outcome::Lost,
        };
        bets.push(Bet {
            id: format!("b{i}"),
            event_id: format!("e{}", i / 3),
            league: "soccer_epl".into(),
            market,
            line: quarters.map(|q| (Decimal::new(q * 25, 2)).normalize()),
            selection,
            bookmaker: draws.pick(FIXTURE_BOOKMAKERS).into(),
            odds: Decimal::new(odds, 2),
            stake: Decimal::new(stake, 2),
            placed_at,
            source: "manual".into(),
            outcome: Some(outcome),
            closing_odds: Some(Decimal::new(closing, 2)),
            closing_probability: None,
        });
    }
    Ok(bets)
}

/// A table of `size` subscribers ("s0", "s1", ...) as of [`FIXTURE_AS_OF`]: signed up
/// between 2023-01-01 and 2025-09-27, on a plan (basic 9.99, standard 19.99 or premium
/// 49.00 a month) from signup, a quarter of them changing plan (up or down) after 1 to 12
/// months; one payment attempt a month from the signup day until before the as-of date, of
/// the plan's amount then, each failing with the subscriber's failure rate (0%, 5%, 20% or
/// 60%, a quarter of the subscribers each).
///
/// ```
/// use edgecore::risk::{risk_score, RiskConfig};
/// let table = edgecore::fixtures::subscribers_fixture(7, 50).unwrap();
/// let as_of = edgecore::fixtures::FIXTURE_AS_OF;
/// assert!(table.iter().all(|s| risk_score(s, as_of, &RiskConfig::default()).is_ok()));
/// ```
///
/// Errors: `InvalidParameter` (`size` above [`MAX_FIXTURE_SIZE`]).
pub fn subscribers_fixture(seed: u64, size: usize) -> Result<Vec<Subscriber>> {
    check_size(size, MAX_FIXTURE_SIZE)?;
    let mut draws = Draws::new(seed, 3);
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    let mut table = Vec::with_capacity(size);
    for i in 0..size {
        let signup = first + Duration::days(draws.between(0, 1000));
        let plan = draws.below(3) as usize;
        let mut subscriptions = vec![Subscription {
            plan: cyclic(&PLANS, plan).0.into(),
            monthly_amount: Decimal::new(cyclic(&PLANS, plan).1, 2),
            start: signup,
            end: None,
        }];
        let change = draws.chance(1, 4).then(|| {
            let after = draws.between(1, 12) as u32;
            let next = (plan + 1 + draws.below(2) as usize) % 3;
            (signup + Months::new(after), next)
        });
        if let Some((day, next)) = change.filter(|(day, _)| *day < FIXTURE_AS_OF) {
            if let Some(first) = subscriptions.first_mut() {
                first.end = day.pred_opt();
            }
            subscriptions.push(Subscription {
                plan: cyclic(&PLANS, next).0.into(),
                monthly_amount: Decimal::new(cyclic(&PLANS, next).1, 2),
                start: day,
                end: None,
            });
        }
        let failure_bp = draws.pick([0, 500, 2000, 6000]);
        let mut payments = Vec::new();
        let mut month = 0;
        while let Some(date) = signup.checked_add_months(Months::new(month)) {
            if date >= FIXTURE_AS_OF {
                break;
            }
            let current = subscriptions
                .iter()
                .rev()
                .find(|s| s.start <= date)
                .map_or(Decimal::ZERO, |s| s.monthly_amount);
            payments.push(Payment {
                date,
                amount: current,
                succeeded: !draws.chance(failure_bp, 10_000),
            });
            month += 1;
        }
        table.push(Subscriber {
            id: format!("s{i}"),
            signup,
            subscriptions,
            payments,
        });
    }
    Ok(table)
}

/// A batch of `size` loans, every one of which validates: a principal of 10,000.00 to
/// 1,000,000.00 (cents), a rate of 0.00% to 8.00% (basis points), 12 to 360 months, a first
/// payment on day 1 to 28 of a month from 2020-01 to 2029-12, a kind (annuity, linear, in
/// fine) a third of the time each; half of them with insurance (0.10% to 0.60% of the
/// initial or the remaining capital), a quarter with a deferral (partial or total) of 1 to
/// 24 months, shorter than the loan.
///
/// ```
/// let loans = edgecore::fixtures::loans_fixture(7, 100).unwrap();
/// assert!(loans.iter().all(|l| l.validate().is_ok()));
/// ```
///
/// Errors: `InvalidParameter` (`size` above [`MAX_FIXTURE_SIZE`]).
pub fn loans_fixture(seed: u64, size: usize) -> Result<Vec<Loan>> {
    check_size(size, MAX_FIXTURE_SIZE)?;
    let mut draws = Draws::new(seed, 4);
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let mut loans = Vec::with_capacity(size);
    for _ in 0..size {
        let principal = Decimal::new(draws.between(1_000_000, 100_000_000), 2);
        let rate = Decimal::new(draws.between(0, 800), 2);
        let months = draws.between(12, 360) as u32;
        let month = first + Months::new(draws.below(120) as u32);
        let first_payment = month + Duration::days(draws.between(0, 27));
        let kind = draws.pick([LoanKind::Annuity, LoanKind::Linear, LoanKind::InFine]);
        let insurance = draws.chance(1, 2).then(|| Insurance {
            annual_rate_pct: Decimal::new(draws.between(10, 60), 2),
            base: draws.pick([InsuranceBase::Initial, InsuranceBase::Remaining]),
        });
        let deferral = draws.chance(1, 4).then(|| Deferral {
            months: draws.between(1, 24.min(i64::from(months) - 1)) as u32,
            kind: draws.pick([DeferralKind::Partial, DeferralKind::Total]),
        });
        loans.push(Loan {
            principal,
            annual_rate_pct: rate,
            months,
            first_payment,
            kind,
            insurance,
            deferral,
        });
    }
    Ok(loans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settle::settle;

    #[test]
    fn deterministic_and_seed_dependent() {
        assert_eq!(loans_fixture(3, 20).unwrap(), loans_fixture(3, 20).unwrap());
        assert_ne!(loans_fixture(3, 20).unwrap(), loans_fixture(4, 20).unwrap());
        assert_eq!(bet_history_fixture(3, 0).unwrap(), Vec::new());
        // A longer dataset starts with the shorter one.
        assert_eq!(
            subscribers_fixture(9, 30).unwrap()[..10],
            subscribers_fixture(9, 10).unwrap()[..]
        );
    }

    #[test]
    fn sizes_are_bounded() {
        let err = loans_fixture(1, MAX_FIXTURE_SIZE + 1).unwrap_err();
        assert_eq!(err.kind(), "InvalidParameter");
        assert_eq!(
            season_fixture(1, MAX_SEASON_EVENTS + 1).unwrap_err().kind(),
            "InvalidParameter"
        );
    }

    #[test]
    fn season_boards_have_a_margin_and_results_settle() {
        let season = season_fixture(11, 30).unwrap();
        assert_eq!(season.snapshots.len(), 30 * 75);
        assert!(
            season
                .snapshots
                .windows(2)
                .all(|w| w[0].captured_at <= w[1].captured_at)
        );
        for chunk in season
            .snapshots
            .chunks(5)
            .filter(|c| c[0].market == Market::H2h)
        {
            let h2h: Vec<_> = chunk
                .iter()
                .take_while(|s| s.market == Market::H2h)
                .collect();
            if h2h.len() == 3 {
                let overround: Decimal = h2h.iter().map(|s| Decimal::ONE / s.price).sum();
                assert!(overround > Decimal::ONE, "{overround}");
            }
        }
        for (event, result) in season.events.iter().zip(&season.results) {
            assert_eq!(event.id, result.event_id);
            assert_ne!(event.home, event.away);
        }
    }

    #[test]
    fn bets_settle_and_loans_validate() {
        for bet in bet_history_fixture(5, 500).unwrap() {
            bet.market.check(bet.selection, bet.line).unwrap();
            assert!(bet.profit().unwrap().is_some());
            // Every bet is well-formed for settlement against some score.
            settle(&bet, &EventResult::Final { home: 1, away: 0 }).unwrap();
        }
        for loan in loans_fixture(5, 500).unwrap() {
            loan.validate().unwrap();
        }
    }
}
