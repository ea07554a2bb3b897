//! Seeded, realistic snapshot streams for tests and demonstrations.
//!
//! A league season: events kick off week after week; each has true goal rates (Poisson) that
//! give the true probabilities of every h2h and totals selection. The market's belief starts
//! off the truth by a random error that shrinks linearly to zero at kickoff. At each poll
//! (e.g. 10:00, 14:00, 18:00) from `days_open` days before kickoff, every bookmaker quotes
//! every selection at `1 / (p x (1 + margin) x e^noise)` rounded to the cent, with its own
//! margin and a persistent noise (an AR(1) with coefficient 0.9, truncated at three
//! standard deviations). The reference bookmaker ("pinnacle", always the first) has the
//! smallest margin and noise. Results are drawn from the true goal rates.
//!
//! Injected cases, each on its own event, at the poll `k` (the first poll of the day before
//! kickoff, followed by a poll the same day), are returned with their positions:
//! - an anomaly: one soft bookmaker prices the draw at `(1 + anomaly_edge)` times the
//!   reference's de-vigged (multiplicative) fair odds, rounded up to the cent, for poll `k`;
//! - an arbitrage: one soft bookmaker prices over on the first totals line so that the best
//!   prices' inverse sum is `1 - arbitrage_margin` (rounded up to the cent), for poll `k`;
//! - a steam move: the home side's goal rate is multiplied by `1 + steam_shift` (the away
//!   side's divided by it), which is the truth; the reference bookmaker reprices at poll `k`
//!   (a sharp move: the soft bookmakers still offer the old prices) and every soft bookmaker
//!   follows at poll `k + 1` (the steam move).
//!
//! With the default margins and noise a clean stream holds no edge of 2% or more against the
//! reference bookmaker, no arbitrage and no move of 3% or more.

use super::backtest::ResultRecord;
use crate::check;
use crate::error::{Error, Result};
use crate::market::{Event, EventResult, Market, PriceSnapshot, Selection};
use crate::names::named_enum;
use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What to generate. Serialises with every field optional (defaults below).
///
/// An unknown field is refused (`InvalidRecord`): a misspelt key never falls back to its
/// default silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GeneratorConfig {
    /// Seed of the random stream: the same config always gives the same output.
    pub seed: u64,
    /// League key of the events (default "soccer_epl").
    pub league: String,
    /// Number of events (default 380, at most 1,000,000).
    pub events: usize,
    /// Events per week (default 10, at least 1).
    pub events_per_week: usize,
    /// Bookmakers, the reference included (default 10, between 1 and 1,000).
    pub bookmakers: usize,
    /// First day of the season (its date is used; default 2024-08-16). Between the years
    /// 1900 and 9000.
    pub start: DateTime<Utc>,
    /// Days before kickoff when prices are first quoted (default 7, between 1 and 365).
    pub days_open: u32,
    /// Hours of the daily polls, UTC (default 10, 14, 18; each below 24, at least one).
    pub poll_hours: Vec<u32>,
    /// Totals lines quoted, each a half line such as 2.5 (default [2.5]).
    pub totals_lines: Vec<Decimal>,
    /// Margin of the reference bookmaker (fraction, default 0.025).
    pub reference_margin: f64,
    /// Smallest margin of a soft bookmaker (fraction, default 0.05).
    pub min_margin: f64,
    /// Largest margin of a soft bookmaker (fraction, default 0.09).
    pub max_margin: f64,
    /// Noise standard deviation of the reference's log-probabilities (default 0.005).
    pub reference_noise: f64,
    /// Noise standard deviation of the soft bookmakers' log-probabilities (default 0.008).
    pub noise: f64,
    /// Number of injected anomalies (default 0).
    pub anomalies: usize,
    /// Edge of an injected anomaly against the reference's fair odds (default 0.10).
    pub anomaly_edge: f64,
    /// Number of injected arbitrages (default 0; needs a totals line).
    pub arbitrages: usize,
    /// Margin of an injected arbitrage, `1 - sum(1 / best)` (default 0.02).
    pub arbitrage_margin: f64,
    /// Number of injected steam moves (default 0; needs two polls a day).
    pub steam_moves: usize,
    /// Relative change of the home goal rate in a steam move (default 0.25).
    pub steam_shift: f64,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            seed: 1,
            league: "soccer_epl".into(),
            events: 380,
            events_per_week: 10,
            bookmakers: 10,
            start: DateTime::from_timestamp(1_723_766_400, 0).unwrap_or_default(),
            days_open: 7,
            poll_hours: vec![10, 14, 18],
            totals_lines: vec![Decimal::new(25, 1)],
            reference_margin: 0.025,
            min_margin: 0.05,
            max_margin: 0.09,
            reference_noise: 0.005,
            noise: 0.008,
            anomalies: 0,
            anomaly_edge: 0.10,
            arbitrages: 0,
            arbitrage_margin: 0.02,
            steam_moves: 0,
            steam_shift: 0.25,
        }
    }
}

named_enum! {
    /// A kind of injected case.
    pub enum InjectionKind ("injection kind") {
        /// One price far above the fair odds.
        Anomaly = "anomaly",
        /// Best prices whose inverse sum is below 1.
        Arbitrage = "arbitrage",
        /// The reference bookmaker moved, the soft bookmakers not yet.
        SharpMove = "sharp_move",
        /// Every bookmaker shortened the same selection within the window.
        SteamMove = "steam_move",
    }
}

/// Where a case was injected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Injection {
    /// What was injected.
    pub kind: InjectionKind,
    /// The event.
    pub event_id: String,
    /// The market.
    pub market: Market,
    /// The selection's line.
    pub line: Option<Decimal>,
    /// The selection concerned.
    pub selection: Selection,
    /// The bookmaker whose price was set (anomaly, arbitrage); `None` for moves.
    pub bookmaker: Option<String>,
    /// The poll instant at which the case is on the board.
    pub at: DateTime<Utc>,
}

/// A generated season.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generated {
    /// The events, in kickoff order.
    pub events: Vec<Event>,
    /// The bookmakers, the reference first.
    pub bookmakers: Vec<String>,
    /// Every snapshot, in capture order.
    pub snapshots: Vec<PriceSnapshot>,
    /// The final score of every event.
    pub results: Vec<ResultRecord>,
    /// The injected cases, by event.
    pub injected: Vec<Injection>,
}

const NAMES: [&str; 20] = [
    "pinnacle",
    "bet365",
    "unibet",
    "winamax",
    "betclic",
    "williamhill",
    "betway",
    "bwin",
    "paddypower",
    "skybet",
    "ladbrokes",
    "coral",
    "betvictor",
    "marathonbet",
    "betsson",
    "nordicbet",
    "sport888",
    "matchbook",
    "parionssport",
    "zebet",
];
const KICKOFF_MINUTES: [i64; 4] = [750, 900, 1050, 1200];
const MAX_SNAPSHOTS: f64 = 50_000_000.0;

fn bad(name: &'static str, value: impl ToString, reason: &'static str) -> Error {
    Error::InvalidParameter {
        name,
        value: value.to_string(),
        reason,
    }
}

impl GeneratorConfig {
    fn validate(&self) -> Result<()> {
        if !(1..=1_000_000).contains(&self.events) {
            return Err(bad("events", self.events, "must be between 1 and 1000000"));
        }
        let year = self.start.year();
        if !(1900..=9000).contains(&year) {
            return Err(bad(
                "start",
                self.start.to_rfc3339(),
                "must be between the years 1900 and 9000",
            ));
        }
        if self.events_per_week == 0 {
            return Err(bad("events_per_week", 0, "must be at least 1"));
        }
        if !(1..=1000).contains(&self.bookmakers) {
            return Err(bad(
                "bookmakers",
                self.bookmakers,
                "must be between 1 and 1000",
            ));
        }
        if !(1..=365).contains(&self.days_open) {
            return Err(bad(
                "days_open",
                self.days_open,
                "must be between 1 and 365",
            ));
        }
        if self.poll_hours.is_empty() || self.poll_hours.iter().any(|&h| h >= 24) {
            return Err(bad(
                "poll_hours",
                format!("{:?}", self.poll_hours),
                "must hold at least one hour below 24",
            ));
        }
        for &l in &self.totals_lines {
            if !(l > Decimal::ZERO
                && l < Decimal::from(20)
                && (l - Decimal::new(5, 1)).fract().is_zero())
            {
                return Err(Error::InvalidLine {
                    value: l.to_string(),
                    reason: "generated totals lines must be half lines between 0.5 and 19.5",
                });
            }
        }
        let margin = |v: f64| (0.0..0.5).contains(&v);
        check::parameter(
            "reference_margin",
            self.reference_margin,
            margin,
            "must be in [0, 0.5)",
        )?;
        check::parameter("min_margin", self.min_margin, margin, "must be in [0, 0.5)")?;
        let lo = self.min_margin;
        check::parameter(
            "max_margin",
            self.max_margin,
            |v| margin(v) && v >= lo,
            "must be in [min_margin, 0.5)",
        )?;
        let noise = |v: f64| (0.0..0.2).contains(&v);
        check::parameter(
            "reference_noise",
            self.reference_noise,
            noise,
            "must be in [0, 0.2)",
        )?;
        check::parameter("noise", self.noise, noise, "must be in [0, 0.2)")?;
        let frac = |v: f64| v > 0.0 && v < 1.0;
        check::parameter("anomaly_edge", self.anomaly_edge, frac, "must be in (0, 1)")?;
        check::parameter(
            "arbitrage_margin",
            self.arbitrage_margin,
            |v| v > 0.0 && v < 0.5,
            "must be in (0, 0.5)",
        )?;
        check::parameter(
            "steam_shift",
            self.steam_shift,
            |v| v > 0.0 && v <= 2.0,
            "must be in (0, 2]",
        )?;
        let injected = self
            .anomalies
            .saturating_add(self.arbitrages)
            .saturating_add(self.steam_moves);
        if injected > self.events {
            return Err(bad(
                "anomalies",
                injected,
                "anomalies + arbitrages + steam moves must not exceed events",
            ));
        }
        if injected > 0 && self.bookmakers < 2 {
            return Err(bad(
                "bookmakers",
                self.bookmakers,
                "injected cases need at least 2 bookmakers",
            ));
        }
        if self.arbitrages > 0 && self.totals_lines.is_empty() {
            return Err(bad(
                "arbitrages",
                self.arbitrages,
                "injected arbitrages need a totals line",
            ));
        }
        let mut hours = self.poll_hours.clone();
        hours.sort_unstable();
        hours.dedup();
        if injected > 0 && hours.len() < 2 {
            return Err(bad(
                "poll_hours",
                format!("{hours:?}"),
                "injected cases need two polls a day",
            ));
        }
        let per_event = (self.days_open as f64 + 1.0)
            * hours.len() as f64
            * self.bookmakers as f64
            * (3.0 + 2.0 * self.totals_lines.len() as f64);
        if per_event * self.events as f64 > MAX_SNAPSHOTS {
            return Err(bad(
                "events",
                self.events,
                "the stream would exceed 50,000,000 snapshots",
            ));
        }
        Ok(())
    }
}

/// A standard normal draw truncated at three standard deviations (Box-Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    ((-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()).clamp(-3.0, 3.0)
}

fn poisson(rng: &mut ChaCha8Rng, lambda: f64) -> u32 {
    let limit = (-lambda).exp();
    let (mut k, mut p) = (0, rng.random::<f64>());
    while p > limit && k < 30 {
        k += 1;
        p *= rng.random::<f64>();
    }
    k
}

fn pmf(lambda: f64) -> [f64; 16] {
    let mut out = [0.0; 16];
    let mut term = (-lambda).exp();
    for (k, o) in out.iter_mut().enumerate() {
        if k > 0 {
            term = term * lambda / k as f64;
        }
        *o = term;
    }
    out
}

/// True probabilities of every column: home, draw, away, then over/under per line.
fn probabilities(home: f64, away: f64, lines: &[f64], out: &mut Vec<f64>) {
    let (ph, pa) = (pmf(home), pmf(away));
    let (mut h, mut d, mut a) = (0.0, 0.0, 0.0);
    for (i, x) in ph.iter().enumerate() {
        for (j, y) in pa.iter().enumerate() {
            match i.cmp(&j) {
                std::cmp::Ordering::Greater => h += x * y,
                std::cmp::Ordering::Equal => d += x * y,
                std::cmp::Ordering::Less => a += x * y,
            }
        }
    }
    let s = h + d + a;
    out.clear();
    out.extend([h / s, d / s, a / s]);
    let total = pmf(home + away);
    for &l in lines {
        let under: f64 = total.iter().take(l.floor() as usize + 1).sum();
        let under = under.clamp(1e-6, 1.0 - 1e-6);
        out.extend([1.0 - under, under]);
    }
}

fn cents(price: f64, up: bool) -> i64 {
    let c = if up {
        (price * 100.0 - 1e-9).ceil()
    } else {
        (price * 100.0).round()
    };
    (c as i64).max(101)
}

/// Generates a season; see the module documentation. An invalid config is an
/// `InvalidParameter` (or `InvalidLine`) error.
///
/// ```
/// use edgecore::agents::{GeneratorConfig, generate};
/// let g = generate(&GeneratorConfig { events: 4, bookmakers: 3, anomalies: 1, ..Default::default() }).unwrap();
/// assert_eq!(g.events.len(), 4);
/// assert_eq!(g.injected.len(), 1);
/// assert_eq!(g, generate(&GeneratorConfig { events: 4, bookmakers: 3, anomalies: 1, ..Default::default() }).unwrap());
/// ```
pub fn generate(config: &GeneratorConfig) -> Result<Generated> {
    config.validate()?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let bookmakers: Vec<String> = (0..config.bookmakers)
        .map(|b| match NAMES.get(b) {
            Some(n) => n.to_string(),
            None => format!("book{b:03}"),
        })
        .collect();
    let margins: Vec<f64> = (0..config.bookmakers)
        .map(|b| {
            if b == 0 {
                config.reference_margin
            } else {
                config.min_margin + (config.max_margin - config.min_margin) * rng.random::<f64>()
            }
        })
        .collect();
    let sd: Vec<f64> = (0..config.bookmakers)
        .map(|b| {
            if b == 0 {
                config.reference_noise
            } else {
                config.noise
            }
        })
        .collect();
    let mut hours = config.poll_hours.clone();
    hours.sort_unstable();
    hours.dedup();
    let lines: Vec<f64> = config
        .totals_lines
        .iter()
        .map(|&l| crate::money::to_f64(l))
        .collect();
    let cols = 3 + 2 * lines.len();
    let col_key = |c: usize| -> (Market, Option<Decimal>, Selection) {
        match c {
            0 => (Market::H2h, None, Selection::Home),
            1 => (Market::H2h, None, Selection::Draw),
            2 => (Market::H2h, None, Selection::Away),
            _ => {
                let line = config.totals_lines.get((c - 3) / 2).copied();
                let sel = if (c - 3) % 2 == 0 {
                    Selection::Over
                } else {
                    Selection::Under
                };
                (Market::Totals, line, sel)
            }
        }
    };

    // which events carry which injection
    let mut order: Vec<usize> = (0..config.events).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.random_range(0..=i));
    }
    let mut kind = vec![None; config.events];
    let kinds = [
        (InjectionKind::Anomaly, config.anomalies),
        (InjectionKind::Arbitrage, config.arbitrages),
        (InjectionKind::SteamMove, config.steam_moves),
    ];
    let mut next = 0;
    for (k, n) in kinds {
        for &e in order.iter().skip(next).take(n) {
            if let Some(slot) = kind.get_mut(e) {
                *slot = Some(k);
            }
        }
        next += n;
    }

    let start = config.start.date_naive().and_time(NaiveTime::MIN).and_utc();
    let mut out = Generated {
        events: Vec::with_capacity(config.events),
        bookmakers: bookmakers.clone(),
        snapshots: Vec::new(),
        results: Vec::with_capacity(config.events),
        injected: Vec::new(),
    };
    let (mut p, mut noise, mut quotes) = (Vec::new(), Vec::new(), Vec::new());
    for e in 0..config.events {
        let week = (e / config.events_per_week) as i64;
        let slot = e % config.events_per_week;
        let kickoff = start
            + Duration::days(7 * week + ((slot / 4) % 3) as i64)
            + Duration::minutes(
                KICKOFF_MINUTES
                    .get(slot % KICKOFF_MINUTES.len())
                    .copied()
                    .unwrap_or_default(),
            );
        let id = format!("{}-{:06}", config.league, e);
        let home_team = (e * 7) % 20;
        let away_team = (home_team + 1 + (e / 20) % 19) % 20;
        out.events.push(Event {
            id: id.clone(),
            league: config.league.clone(),
            home: format!("Team {:02}", home_team + 1),
            away: format!("Team {:02}", away_team + 1),
            kickoff,
        });
        let (mut lh, mut la) = (
            0.9 + 1.2 * rng.random::<f64>(),
            0.6 + 1.1 * rng.random::<f64>(),
        );
        let error = 0.015 * normal(&mut rng);
        let day0 = kickoff.date_naive().and_time(NaiveTime::MIN).and_utc();
        let polls: Vec<DateTime<Utc>> = (-(config.days_open as i64)..=0)
            .flat_map(|d| {
                hours
                    .iter()
                    .map(move |&h| day0 + Duration::days(d) + Duration::hours(h as i64))
            })
            .filter(|&t| t < kickoff)
            .collect();
        // The last poll at the first poll hour followed by a poll on the same day.
        let first_hour = hours.first().copied();
        let k = polls
            .windows(2)
            .rposition(|pair| match pair {
                [poll, next] => {
                    Some(poll.hour()) == first_hour && next.date_naive() == poll.date_naive()
                }
                _ => false,
            })
            .unwrap_or(0);
        let injected = kind.get(e).copied().flatten();
        let (before_h, before_a) = (lh, la);
        if injected == Some(InjectionKind::SteamMove) {
            lh *= 1.0 + config.steam_shift;
            la /= 1.0 + config.steam_shift;
        }
        noise.clear();
        for &s in &sd {
            for _ in 0..cols {
                noise.push(s * normal(&mut rng));
            }
        }
        let first = polls.first().copied().unwrap_or(kickoff);
        let span = (kickoff - first).num_seconds().max(1) as f64;
        for (i, &t) in polls.iter().enumerate() {
            let frac = (kickoff - t).num_seconds() as f64 / span;
            let drift = (error * frac).exp();
            quotes.clear();
            // One row of `cols` noises per bookmaker.
            let rows = sd.iter().zip(&margins).zip(noise.chunks_mut(cols));
            for (b, ((&sd, &margin), noise)) in rows.enumerate() {
                // the market's belief: the truth, except before an injected steam move
                let informed =
                    injected != Some(InjectionKind::SteamMove) || i > k || (i == k && b == 0);
                let (h, a) = if informed {
                    (lh, la)
                } else {
                    (before_h, before_a)
                };
                probabilities(h * drift, a / drift, &lines, &mut p);
                for (n, &probability) in noise.iter_mut().zip(&p) {
                    if i > 0 {
                        *n = (0.9 * *n + 0.436 * sd * normal(&mut rng)).clamp(-3.0 * sd, 3.0 * sd);
                    }
                    let q = probability * (1.0 + margin) * n.exp();
                    quotes.push(cents(1.0 / q, false));
                }
            }
            if i == k {
                inject(
                    config,
                    injected,
                    &mut quotes,
                    cols,
                    &mut rng,
                    |kind, c, b| {
                        let (market, line, selection) = col_key(c);
                        out.injected.push(Injection {
                            kind,
                            event_id: id.clone(),
                            market,
                            line,
                            selection,
                            bookmaker: b.and_then(|b: usize| bookmakers.get(b).cloned()),
                            at: t,
                        });
                    },
                );
            }
            if i == k + 1 && injected == Some(InjectionKind::SteamMove) {
                out.injected.push(Injection {
                    kind: InjectionKind::SteamMove,
                    event_id: id.clone(),
                    market: Market::H2h,
                    line: None,
                    selection: Selection::Home,
                    bookmaker: None,
                    at: t,
                });
            }
            for (book, row) in bookmakers.iter().zip(quotes.chunks(cols)) {
                for (c, &quote) in row.iter().enumerate() {
                    let (market, line, selection) = col_key(c);
                    out.snapshots.push(PriceSnapshot {
                        captured_at: t,
                        event_id: id.clone(),
                        bookmaker: book.clone(),
                        market,
                        line,
                        selection,
                        price: Decimal::new(quote, 2),
                    });
                }
            }
        }
        let result = EventResult::Final {
            home: poisson(&mut rng, lh),
            away: poisson(&mut rng, la),
        };
        out.results.push(ResultRecord {
            event_id: id,
            result,
        });
    }
    out.snapshots.sort_by_key(|s| s.captured_at);
    Ok(out)
}

/// Applies an anomaly or arbitrage to one poll's quotes (`cents`, books x cols) and reports
/// it; a steam move's sharp first step is reported here too.
fn inject(
    config: &GeneratorConfig,
    kind: Option<InjectionKind>,
    quotes: &mut [i64],
    cols: usize,
    rng: &mut ChaCha8Rng,
    mut report: impl FnMut(InjectionKind, usize, Option<usize>),
) {
    let books = quotes.len() / cols;
    let price = |c: i64| c as f64 / 100.0;
    match kind {
        Some(InjectionKind::Anomaly) => {
            let b = rng.random_range(1..books);
            // The reference's h2h prices, the first three of its row.
            let inverse: f64 = quotes.iter().take(3).map(|&q| 1.0 / price(q)).sum();
            let draw = quotes.get(1).map_or(f64::NAN, |&q| 1.0 / price(q));
            let fair_draw = draw / inverse;
            if let Some(quote) = quotes.get_mut(b * cols + 1) {
                *quote = cents((1.0 + config.anomaly_edge) / fair_draw, true);
            }
            report(InjectionKind::Anomaly, 1, Some(b));
        }
        Some(InjectionKind::Arbitrage) => {
            let b = rng.random_range(1..books);
            let best_under = quotes
                .chunks(cols)
                .filter_map(|row| row.get(4).copied())
                .max()
                .unwrap_or(101);
            let target = 1.0 - config.arbitrage_margin - 1.0 / price(best_under);
            let over = if target > 0.0 {
                cents(1.0 / target, true)
            } else {
                100_000
            };
            if let Some(quote) = quotes.get_mut(b * cols + 3) {
                *quote = over.max(*quote);
            }
            report(InjectionKind::Arbitrage, 3, Some(b));
        }
        Some(InjectionKind::SteamMove) => report(InjectionKind::SharpMove, 0, None),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_complete() {
        let cfg = GeneratorConfig {
            events: 12,
            bookmakers: 4,
            anomalies: 1,
            arbitrages: 1,
            steam_moves: 1,
            ..GeneratorConfig::default()
        };
        let a = generate(&cfg).unwrap();
        assert_eq!(a, generate(&cfg).unwrap());
        assert_eq!(a.results.len(), 12);
        // 8 days x 3 polls minus the ones at or after kickoff, 4 books x 5 selections
        assert!(a.snapshots.len() > 12 * 20 * 20);
        let kinds: Vec<InjectionKind> = a.injected.iter().map(|i| i.kind).collect();
        assert_eq!(kinds.len(), 4);
        for k in InjectionKind::ALL {
            assert!(kinds.contains(k));
        }
        assert!(
            a.snapshots
                .windows(2)
                .all(|w| w[0].captured_at <= w[1].captured_at)
        );
        let other = generate(&GeneratorConfig { seed: 2, ..cfg }).unwrap();
        assert_ne!(a.snapshots, other.snapshots);
    }

    #[test]
    fn probabilities_sum_to_one() {
        let mut p = Vec::new();
        probabilities(1.5, 1.1, &[2.5], &mut p);
        assert!((p[0] + p[1] + p[2] - 1.0).abs() < 1e-12);
        assert!((p[3] + p[4] - 1.0).abs() < 1e-12);
        assert!(p[0] > p[2]);
    }

    #[test]
    fn errors() {
        let d = GeneratorConfig::default;
        let cases = [
            GeneratorConfig { events: 0, ..d() },
            GeneratorConfig {
                bookmakers: 0,
                ..d()
            },
            GeneratorConfig {
                poll_hours: vec![24],
                ..d()
            },
            GeneratorConfig {
                noise: f64::NAN,
                ..d()
            },
            GeneratorConfig {
                anomalies: 400,
                ..d()
            },
            GeneratorConfig {
                events: 1_000_000,
                ..d()
            },
        ];
        for c in cases {
            assert_eq!(generate(&c).unwrap_err().kind(), "InvalidParameter");
        }
        let c = GeneratorConfig {
            totals_lines: vec![Decimal::new(25, 1), Decimal::from(2)],
            ..d()
        };
        assert_eq!(generate(&c).unwrap_err().kind(), "InvalidLine");
    }
}
