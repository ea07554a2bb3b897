//! Closing line value: how the odds taken compare with the closing price.
//!
//! The closing line is the reference (sharp) bookmaker's last price before kickoff. Beating
//! it consistently is the best available evidence of a real edge, long before profit is
//! statistically meaningful.

use crate::check;
use crate::error::Result;
use crate::names::named_enum;

/// Closing line value as a fraction: `(odds_taken - closing_odds) / closing_odds`.
///
/// Over 3.0 taken at 2.05 at bet365 when Pinnacle closes at 1.94:
/// `(2.05 - 1.94) / 1.94 = 0.0567` (+5.67%). Positive means the bet beat the close.
/// Both prices are decimal odds and must be finite and > 1, else `InvalidOdds`.
///
/// ```
/// let v = edgecore::clv::clv(2.05, 1.94).unwrap();
/// assert!((v - 0.0567).abs() < 1e-4);
/// ```
pub fn clv(odds_taken: f64, closing_odds: f64) -> Result<f64> {
    let (taken, close) = (check::odds(odds_taken)?, check::odds(closing_odds)?);
    Ok((taken - close) / close)
}

named_enum! {
    /// How an average CLV reads: above 3% excellent (pro level), 1% to 3% very good
    /// (sustainable edge), 0% to 1% correct (marginal edge), below 0 warning (losing edge).
    /// Boundaries belong to the lower tier: exactly 3% is `very_good`, exactly 1% is
    /// `correct`, exactly 0 is `correct`.
    pub enum ClvTier ("CLV tier") {
        /// CLV > 3%.
        Excellent = "excellent",
        /// 1% < CLV <= 3%.
        VeryGood = "very_good",
        /// 0 <= CLV <= 1%.
        Correct = "correct",
        /// CLV < 0.
        Warning = "warning",
    }
}

impl ClvTier {
    /// The tier of a CLV given as a fraction (0.0567 for +5.67%); a non-finite CLV is an
    /// `InvalidParameter` error.
    ///
    /// ```
    /// use edgecore::clv::ClvTier;
    /// assert_eq!(ClvTier::from_clv(0.0567).unwrap(), ClvTier::Excellent);
    /// assert_eq!(ClvTier::from_clv(-0.002).unwrap(), ClvTier::Warning);
    /// ```
    pub fn from_clv(clv: f64) -> Result<ClvTier> {
        let clv = check::finite("clv", clv)?;
        Ok(if clv > 0.03 {
            ClvTier::Excellent
        } else if clv > 0.01 {
            ClvTier::VeryGood
        } else if clv >= 0.0 {
            ClvTier::Correct
        } else {
            ClvTier::Warning
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_example() {
        assert!((clv(2.05, 1.94).unwrap() - 0.056_701_030_927_835_05).abs() < 1e-15);
        assert_eq!(clv(1.0, 1.94).unwrap_err().kind(), "InvalidOdds");
        assert_eq!(clv(2.0, f64::NAN).unwrap_err().kind(), "InvalidOdds");
    }

    #[test]
    fn tiers_and_boundaries() {
        let t = |x| ClvTier::from_clv(x).unwrap();
        assert_eq!(t(0.031), ClvTier::Excellent);
        assert_eq!(t(0.03), ClvTier::VeryGood);
        assert_eq!(t(0.011), ClvTier::VeryGood);
        assert_eq!(t(0.01), ClvTier::Correct);
        assert_eq!(t(0.0), ClvTier::Correct);
        assert_eq!(t(-0.0001), ClvTier::Warning);
        assert_eq!(
            ClvTier::from_clv(f64::INFINITY).unwrap_err().kind(),
            "InvalidParameter"
        );
    }
}
