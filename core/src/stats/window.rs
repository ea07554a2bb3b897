//! Selecting bets: date windows relative to an as-of date, and the dashboard's bet filters.

use crate::bet::Bet;
use crate::names::named_enum;
use chrono::{DateTime, Days, NaiveDate, Utc};

named_enum! {
    /// A date window ending on an as-of date (inclusive), on the UTC date of `placed_at`.
    pub enum Window ("window") {
        /// The 7 days ending on the as-of date: (as_of - 7 days, as_of].
        Last7Days = "7d" | "last_7_days",
        /// The 30 days ending on the as-of date: (as_of - 30 days, as_of].
        Last30Days = "30d" | "last_30_days",
        /// The 90 days ending on the as-of date: (as_of - 90 days, as_of].
        Last90Days = "90d" | "last_90_days",
        /// Every day up to the as-of date: (-inf, as_of].
        All = "all",
    }
}

impl Window {
    /// The window's length in days; `None` for `All`.
    pub const fn days(self) -> Option<u64> {
        match self {
            Window::Last7Days => Some(7),
            Window::Last30Days => Some(30),
            Window::Last90Days => Some(90),
            Window::All => None,
        }
    }

    /// The first day in the window, `as_of - (days - 1)`: 2026-11-15 for the last 7 days as of
    /// 2026-11-21. `None` when the window has no lower bound (`All`, or a start before the
    /// earliest representable date).
    pub fn start(self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.days()
            .and_then(|d| as_of.checked_sub_days(Days::new(d.saturating_sub(1))))
    }

    /// Whether an instant's UTC date lies in the window: `start <= date <= as_of`. Instants
    /// after the as-of date are outside every window.
    ///
    /// ```
    /// use edgecore::stats::Window;
    /// use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    /// let at = |s: &str| s.parse().unwrap();
    /// assert!(Window::Last7Days.contains(at("2026-11-15T00:00:00Z"), as_of));
    /// assert!(!Window::Last7Days.contains(at("2026-11-14T23:59:59Z"), as_of));
    /// assert!(Window::Last7Days.contains(at("2026-11-21T23:59:59Z"), as_of));
    /// assert!(!Window::All.contains(at("2026-11-22T00:00:00Z"), as_of));
    /// ```
    pub fn contains(self, at: DateTime<Utc>, as_of: NaiveDate) -> bool {
        let date = at.date_naive();
        date <= as_of && self.start(as_of).is_none_or(|start| date >= start)
    }
}

/// Positions (in input order) of the bets placed within `window` as of `as_of`: what bindings
/// use to select from their own lists without copying bets.
pub fn window_indices(bets: &[Bet], window: Window, as_of: NaiveDate) -> Vec<usize> {
    indices(bets, |bet| window.contains(bet.placed_at, as_of))
}

/// The bets placed within `window` as of `as_of` (see [`Window::contains`]), in input order,
/// copied. Nothing reads the clock: the as-of date is the caller's "today".
///
/// ```
/// use edgecore::stats::{window, Window};
/// use chrono::NaiveDate;
/// let as_of = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
/// assert!(window(&[], Window::Last30Days, as_of).is_empty());
/// ```
pub fn window(bets: &[Bet], window: Window, as_of: NaiveDate) -> Vec<Bet> {
    copy(bets, window_indices(bets, window, as_of))
}

named_enum! {
    /// The dashboard's bet filters.
    pub enum BetFilter ("bet filter") {
        /// Every bet.
        All = "all",
        /// Bets not yet settled.
        Pending = "pending",
        /// Settled bets (any outcome).
        Settled = "settled",
        /// Bets whose odds beat valid closing odds (closing odds > 1 and odds > closing odds,
        /// i.e. CLV > 0).
        PositiveClv = "positive_clv",
    }
}

impl BetFilter {
    /// Whether `bet` passes the filter.
    pub fn matches(self, bet: &Bet) -> bool {
        match self {
            BetFilter::All => true,
            BetFilter::Pending => bet.outcome.is_none(),
            BetFilter::Settled => bet.outcome.is_some(),
            BetFilter::PositiveClv => bet
                .closing_odds
                .is_some_and(|close| close > rust_decimal::Decimal::ONE && bet.odds > close),
        }
    }
}

/// Positions (in input order) of the bets that pass `filter`.
pub fn filter_indices(bets: &[Bet], filter: BetFilter) -> Vec<usize> {
    indices(bets, |bet| filter.matches(bet))
}

/// The bets that pass `filter`, in input order, copied.
///
/// ```
/// use edgecore::stats::{filter_bets, BetFilter};
/// assert!(filter_bets(&[], BetFilter::Pending).is_empty());
/// ```
pub fn filter_bets(bets: &[Bet], filter: BetFilter) -> Vec<Bet> {
    copy(bets, filter_indices(bets, filter))
}

/// Positions of the bets accepted by `keep`.
fn indices(bets: &[Bet], keep: impl Fn(&Bet) -> bool) -> Vec<usize> {
    bets.iter()
        .enumerate()
        .filter_map(|(i, bet)| keep(bet).then_some(i))
        .collect()
}

/// Copies of the bets at `positions`.
fn copy(bets: &[Bet], positions: Vec<usize>) -> Vec<Bet> {
    positions
        .into_iter()
        .filter_map(|i| bets.get(i).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::fixtures::history;

    fn ids(bets: &[Bet]) -> Vec<&str> {
        bets.iter().map(|b| b.id.as_str()).collect()
    }

    #[test]
    fn windows_are_inclusive_of_as_of_and_exclude_later_days() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let h = history();
        // 7 days as of the 20th: 2026-11-14 ..= 2026-11-20
        assert_eq!(
            ids(&window(&h, Window::Last7Days, day(20))),
            ["b1", "b2", "b3", "b4", "b5"]
        );
        assert_eq!(Window::Last7Days.start(day(20)), Some(day(14)));
        assert_eq!(Window::Last30Days.start(day(30)), Some(day(1)));
        assert_eq!(Window::All.start(day(20)), None);
        // as of the 17th, 30 days: b1 and b2 only
        assert_eq!(ids(&window(&h, Window::Last30Days, day(17))), ["b1", "b2"]);
        assert_eq!(window_indices(&h, Window::All, day(21)).len(), 7);
        assert!(window(&h, Window::Last90Days, day(15)).is_empty());
        // the earliest date: no lower bound, no panic
        assert!(window(&h, Window::Last90Days, NaiveDate::MIN).is_empty());
    }

    #[test]
    fn window_names_and_aliases() {
        assert_eq!("7d".parse::<Window>().unwrap(), Window::Last7Days);
        assert_eq!(
            "last_90_days".parse::<Window>().unwrap(),
            Window::Last90Days
        );
        assert_eq!("1y".parse::<Window>().unwrap_err().kind(), "UnknownName");
    }

    #[test]
    fn filters() {
        let h = history();
        assert_eq!(filter_bets(&h, BetFilter::All).len(), 7);
        assert_eq!(ids(&filter_bets(&h, BetFilter::Pending)), ["b7"]);
        assert_eq!(filter_indices(&h, BetFilter::Settled), [0, 1, 2, 3, 4, 5]);
        assert_eq!(
            ids(&filter_bets(&h, BetFilter::PositiveClv)),
            ["b1", "b3", "b6", "b7"]
        );
        assert_eq!(
            "negative_clv".parse::<BetFilter>().unwrap_err().kind(),
            "UnknownName"
        );
    }
}
