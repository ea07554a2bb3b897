//! Performance statistics of a bet history (`edgecore::stats`): figures, bankroll curve,
//! drawdown, breakdowns, weekday x hour heatmap, windows, filters and significance tests.
//! Money is a decimal string; rates are fractions (`number`), absent when undefined.

use crate::bet::Bet;
use crate::convert::{ToJs, amount, day, instant, name, names, read, record};
use crate::errors::{OrThrow, Result};
use crate::js::JsString;
use crate::js::{Date, Input};
use napi_derive::napi;

names! {
    "What a breakdown groups bets by: `bookmaker`, `market`, `source`, `league`, or a period of the UTC `placedAt`: `day` (\"2026-11-21\"), `week` (ISO, \"2026-W47\"), `month` (\"2026-11\"), `weekday` (\"monday\"), `hour` (\"00\" to \"23\")."
    BreakdownKey = edgecore::stats::BreakdownKey {
        Bookmaker = "bookmaker", Market = "market", Source = "source", League = "league",
        Day = "day", Week = "week", Month = "month", Weekday = "weekday", Hour = "hour"
    }

    "A day of the week, Monday first (ISO 8601)."
    Weekday = edgecore::stats::Weekday {
        Monday = "monday", Tuesday = "tuesday", Wednesday = "wednesday", Thursday = "thursday",
        Friday = "friday", Saturday = "saturday", Sunday = "sunday"
    }

    "A date window ending on an as-of date (inclusive), on the UTC date of `placedAt`: `7d`, `30d`, `90d` (aliases `last_7_days`...) or `all`."
    Window = edgecore::stats::Window {
        Last7Days = "7d", Last30Days = "30d", Last90Days = "90d", All = "all"
    }

    "The dashboard's bet filters: `all`, `pending`, `settled`, `positive_clv` (odds beat valid closing odds)."
    BetFilter = edgecore::stats::BetFilter {
        All = "all", Pending = "pending", Settled = "settled", PositiveClv = "positive_clv"
    }
}

/// The figures of a group of bets (a breakdown group, a heatmap cell).
#[napi(object)]
pub struct Summary {
    /// Number of bets.
    pub bets: f64,
    /// Number of settled bets.
    pub settled: f64,
    /// Won plus half-won bets.
    pub wins: f64,
    /// Lost plus half-lost bets.
    pub losses: f64,
    /// Stakes of settled bets.
    pub staked: JsString,
    /// Profit of settled bets.
    pub profit: JsString,
    /// profit / staked, as a fraction; absent without a settled bet.
    pub roi: Option<Option<f64>>,
    /// wins / (wins + losses), as a fraction; absent without a win or a loss.
    pub win_rate: Option<Option<f64>>,
    /// Mean CLV (fraction) of the bets with closing odds; absent when there is none.
    pub average_clv: Option<Option<f64>>,
}

record!(output Summary = edgecore::stats::Summary { bets, settled, wins, losses, staked, profit, roi, win_rate, average_clv });

/// One group of a breakdown.
#[napi(object)]
pub struct Group {
    /// The group's label: the bookmaker, market, source or league as written, or the
    /// period ("2026-11-21", "2026-W47", "2026-11", "monday", "14").
    pub key: JsString,
    /// The group's figures.
    pub summary: Summary,
}

record!(output Group = edgecore::stats::Group { key, summary });

/// One cell of the heatmap: the bets placed on one weekday within one hour (UTC).
#[napi(object)]
pub struct HeatmapCell {
    /// The weekday.
    #[napi(ts_type = "Weekday")]
    pub weekday: JsString,
    /// The hour, 0 to 23.
    pub hour: u32,
    /// The cell's figures (absent rates for empty cells).
    pub summary: Summary,
}

record!(output HeatmapCell = edgecore::stats::HeatmapCell { weekday, hour, summary });

/// Results by weekday and hour of placing (UTC): 168 cells, Monday 00h first, so cell
/// `weekdayIndex * 24 + hour` (Monday = 0). Every cell is present.
#[napi(object)]
pub struct Heatmap {
    /// The 168 cells, weekday-major.
    pub cells: Vec<HeatmapCell>,
}

record!(output Heatmap = edgecore::stats::Heatmap { cells });

/// One point of the bankroll curve.
#[napi(object)]
pub struct BankrollPoint {
    /// When the bet that moved the bankroll here was placed; absent for the starting
    /// point.
    pub at: Option<Option<Date>>,
    /// The bankroll after that bet's profit.
    pub bankroll: JsString,
}

record!(output BankrollPoint = edgecore::stats::BankrollPoint { at, bankroll });

/// The largest fall of the bankroll from a running peak to a later point; amount and
/// share are 0 without a fall.
#[napi(object)]
pub struct Drawdown {
    /// peak - trough (>= 0).
    pub amount: JsString,
    /// amount / peak, as a fraction in [0, 1] (1 for a fall below zero).
    pub share: f64,
    /// The bankroll at the peak.
    pub peak: JsString,
    /// The bankroll at the trough.
    pub trough: JsString,
    /// When the peak was reached; absent when the peak is the starting bankroll.
    pub peak_at: Option<Option<Date>>,
    /// When the trough was reached; absent when there is no fall.
    pub trough_at: Option<Option<Date>>,
}

record!(output Drawdown = edgecore::stats::Drawdown { amount, share, peak, trough, peak_at, trough_at });

/// A one-sided z-test of a result against a null hypothesis: `zScore = (observed -
/// expected) / standardError`, `pValue = P(Z >= zScore)`. Rough below about 30 bets.
#[napi(object)]
pub struct Significance {
    /// Number of bets the test uses.
    pub bets: f64,
    /// The observed figure (a profit, or a mean CLV as a fraction).
    pub observed: f64,
    /// Its expected value under the null.
    pub expected: f64,
    /// Its standard deviation under the null (> 0).
    pub standard_error: f64,
    /// (observed - expected) / standardError.
    pub z_score: f64,
    /// One-sided upper-tail p-value, in [0, 1].
    pub p_value: f64,
}

record!(output Significance = edgecore::stats::Significance { bets, observed, expected, standard_error, z_score, p_value });

/// Everything a dashboard shows about a bet history.
#[napi(object)]
pub struct Performance {
    /// Number of bets, pending ones included.
    pub bets: f64,
    /// Bets settled won.
    pub won: f64,
    /// Bets settled lost.
    pub lost: f64,
    /// Bets settled push.
    pub push: f64,
    /// Bets settled half won.
    pub half_won: f64,
    /// Bets settled half lost.
    pub half_lost: f64,
    /// Bets settled void.
    pub void: f64,
    /// Bets not yet settled.
    pub pending: f64,
    /// Settled bets: bets - pending.
    pub settled: f64,
    /// (won + halfWon) / (won + halfWon + lost + halfLost); absent without a win or a
    /// loss.
    pub win_rate: Option<Option<f64>>,
    /// Stakes of settled bets (pushes and voids included).
    pub staked: JsString,
    /// Stakes of pending bets (money at risk).
    pub pending_staked: JsString,
    /// Profit of settled bets.
    pub profit: JsString,
    /// profit / staked, as a fraction; absent without a settled bet.
    pub roi: Option<Option<f64>>,
    /// Mean decimal odds of settled bets; absent without a settled bet.
    pub average_odds: Option<Option<f64>>,
    /// Bets with closing odds (pending ones included).
    pub clv_bets: f64,
    /// Mean CLV (fraction) of the bets with closing odds; absent when there is none.
    pub average_clv: Option<Option<f64>>,
    /// sum(stake x CLV) / sum(stake) over the bets with closing odds.
    pub stake_weighted_clv: Option<Option<f64>>,
    /// Share of the bets with closing odds whose odds beat the close.
    pub beat_close_share: Option<Option<f64>>,
    /// The tier of `averageClv`; absent when no bet has closing odds.
    #[napi(ts_type = "ClvTier")]
    pub clv_tier: Option<Option<JsString>>,
    /// The starting bankroll given.
    pub starting_bankroll: JsString,
    /// startingBankroll + profit.
    pub final_bankroll: JsString,
    /// The starting point, then one point per settled bet in placed-at order.
    pub curve: Vec<BankrollPoint>,
    /// The largest fall of the curve from a running peak.
    pub max_drawdown: Drawdown,
    /// Mean / sample standard deviation of the per-bet returns profit / stake (not
    /// annualised); absent with fewer than two settled bets or equal returns.
    pub sharpe: Option<Option<f64>>,
    /// Longest run of losses in placed-at order (pushes and voids neither extend nor
    /// break a run).
    pub longest_losing_streak: f64,
    /// Longest run of wins, counted the same way.
    pub longest_winning_streak: f64,
    /// Profit of won/lost bets against the break-even null (true probability 1 / odds).
    pub significance_vs_break_even: Option<Option<Significance>>,
    /// Profit of won/lost bets with a closing probability against the null that the
    /// closing fair probabilities are the true ones.
    pub significance_vs_closing: Option<Option<Significance>>,
    /// Mean CLV against the null of a true mean CLV of zero.
    pub clv_significance: Option<Option<Significance>>,
}

record!(output Performance = edgecore::stats::Performance { bets, won, lost, push, half_won, half_lost, void, pending, settled, win_rate, staked, pending_staked, profit, roi, average_odds, clv_bets, average_clv, stake_weighted_clv, beat_close_share, clv_tier, starting_bankroll, final_bankroll, curve, max_drawdown, sharpe, longest_losing_streak, longest_winning_streak, significance_vs_break_even, significance_vs_closing, clv_significance });

/// Everything a dashboard shows about a bet history, from `startingBankroll` (decimal
/// string): counts, staked, profit, ROI, win rate, CLV figures and tier, bankroll curve, max
/// drawdown, Sharpe ratio, streaks and significance tests. Bets are validated as `settle`
/// validates them (`InvalidOdds`, `InvalidAmount`, `InvalidSelection`, `InvalidLine`,
/// `InvalidProbability`).
#[napi(catch_unwind)]
pub fn performance(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    starting_bankroll: JsString,
) -> Result<Performance> {
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    edgecore::stats::performance(&bets, amount("startingBankroll", starting_bankroll)?)
        .map(ToJs::to_js)
        .or_throw()
}

/// The figures of the bets grouped by `key` (bookmaker, market, source, league, day, week,
/// month, weekday, hour), groups in order of their key.
#[napi(catch_unwind)]
pub fn breakdown(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "BreakdownKey")] key: JsString,
) -> Result<Vec<Group>> {
    let key = name(&key)?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    edgecore::stats::breakdown(&bets, key)
        .map(ToJs::to_js)
        .or_throw()
}

/// Results by weekday x hour of `placedAt` (UTC): 168 cells with the figures of their bets.
#[napi(catch_unwind)]
pub fn heatmap(#[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>) -> Result<Heatmap> {
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    edgecore::stats::heatmap(&bets).map(ToJs::to_js).or_throw()
}

/// The bets placed within `window` as of `asOf` (its UTC day), in input order.
#[napi(catch_unwind)]
pub fn window(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "Window")] window: JsString,
    as_of: Date,
) -> Result<Vec<Bet>> {
    let (window, as_of) = (name(&window)?, day("asOf", as_of)?);
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    Ok(edgecore::stats::window(&bets, window, as_of).to_js())
}

/// Positions (in input order) of the bets placed within `window` as of `asOf`.
#[napi(catch_unwind)]
pub fn window_indices(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "Window")] window: JsString,
    as_of: Date,
) -> Result<Vec<f64>> {
    let (window, as_of) = (name(&window)?, day("asOf", as_of)?);
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    Ok(edgecore::stats::window_indices(&bets, window, as_of).to_js())
}

/// The first day in `window` as of `asOf` (`asOf - (days - 1)`); `null` for `all`.
#[napi(catch_unwind)]
pub fn window_start(
    #[napi(ts_arg_type = "Window")] window: JsString,
    as_of: Date,
) -> Result<Option<Date>> {
    let window: edgecore::stats::Window = name(&window)?;
    Ok(window.start(day("asOf", as_of)?).map(ToJs::to_js))
}

/// The bets that pass `filter`, in input order.
#[napi(catch_unwind)]
pub fn filter_bets(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "BetFilter")] filter: JsString,
) -> Result<Vec<Bet>> {
    let filter = name(&filter)?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    Ok(edgecore::stats::filter_bets(&bets, filter).to_js())
}

/// Positions (in input order) of the bets that pass `filter`.
#[napi(catch_unwind)]
pub fn filter_indices(
    #[napi(ts_arg_type = "Bet[]")] bets: Input<Vec<Bet>>,
    #[napi(ts_arg_type = "BetFilter")] filter: JsString,
) -> Result<Vec<f64>> {
    let filter = name(&filter)?;
    let bets: Vec<edgecore::Bet> = read(bets, "bet", "bets")?;
    Ok(edgecore::stats::filter_indices(&bets, filter).to_js())
}

/// The weekday of an instant, in UTC.
#[napi(catch_unwind, ts_return_type = "Weekday")]
pub fn weekday_of(at: Date) -> Result<JsString> {
    Ok(edgecore::stats::Weekday::of(instant("at", at)?).to_js())
}

/// The standard normal cumulative distribution function `P(Z <= x)`. Throws
/// `InvalidParameter` for NaN.
#[napi(catch_unwind)]
pub fn normal_cdf(x: f64) -> Result<f64> {
    edgecore::stats::normal_cdf(x).or_throw()
}
