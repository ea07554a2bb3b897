//! Performance statistics of a bet history: what the dashboard shows, and whether the edge is
//! real.
//!
//! - [`performance`]: counts, win rate, staked, profit, ROI, CLV figures, the bankroll curve,
//!   maximum drawdown, Sharpe, streaks and significance tests.
//! - [`breakdown`] and [`heatmap`]: the same headline figures ([`Summary`]) by bookmaker,
//!   market, source, league or period, and by weekday x hour.
//! - [`window`] and [`filter_bets`]: the dashboard's date windows (relative to an as-of date)
//!   and bet filters.
//!
//! Profit always comes from [`crate::Bet::profit`] (payouts rounded to the cent); money stays
//! exact (`Decimal`), rates and statistics are `f64` fractions. Every figure that is undefined
//! for a history (ROI without a settled bet, average CLV without closing odds...) is `None`,
//! never NaN. Invalid bets are errors: odds or closing odds not > 1 (`InvalidOdds`), a stake
//! not > 0 or a total beyond the range of an exact amount (`InvalidAmount`), a closing
//! probability outside [0, 1] (`InvalidProbability`).

mod breakdown;
mod ledger;
mod performance;
mod significance;
mod tally;
mod window;

pub use breakdown::{BreakdownKey, Group, Heatmap, HeatmapCell, Weekday, breakdown, heatmap};
pub use performance::{BankrollPoint, Drawdown, Performance, performance};
pub use significance::{Significance, normal_cdf};
pub use tally::Summary;
pub use window::{BetFilter, Window, filter_bets, filter_indices, window, window_indices};

#[cfg(test)]
pub(crate) mod fixtures;
