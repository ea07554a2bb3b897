//! The one error type of edgecore.
//!
//! Every public function that can fail returns [`Result`]. Each variant names the bad input
//! and carries its value, so the message alone tells the caller what to fix. The bindings map
//! each variant to its own exception class (Python) or error `code` (JavaScript) with the
//! same message, see [`Error::kind`].

use rust_decimal::Decimal;

/// Shorthand for `std::result::Result<T, edgecore::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in edgecore, one variant per kind of bad input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Decimal odds must be finite and strictly greater than 1.0.
    #[error("invalid odds {value}: decimal odds must be finite and greater than 1")]
    InvalidOdds {
        /// The rejected price.
        value: f64,
    },
    /// American odds must be finite and either >= +100 or <= -100.
    #[error("invalid American odds {value}: must be >= +100 or <= -100")]
    InvalidAmericanOdds {
        /// The rejected price.
        value: f64,
    },
    /// A probability must be finite and within the stated range.
    #[error("invalid probability {value}: must be finite and within [0, 1]")]
    InvalidProbability {
        /// The rejected probability.
        value: f64,
    },
    /// A market with fewer prices than the calculation needs (one or two).
    #[error("empty market: {what} needs at least {min} prices, got {len}")]
    EmptyMarket {
        /// What was empty ("devig", "kelly_exclusive"...).
        what: &'static str,
        /// The minimum number of elements.
        min: usize,
        /// The number given.
        len: usize,
    },
    /// A series of values (cash flows, weights) with fewer elements than the calculation
    /// needs.
    #[error("empty input: {name} needs at least {min} (got {len})")]
    EmptyInput {
        /// The argument that is too short ("values", "amounts", "weights").
        name: &'static str,
        /// The minimum number of elements.
        min: usize,
        /// The number given.
        len: usize,
    },
    /// Two inputs that must have the same length do not.
    #[error("length mismatch: {left} has {left_len} elements but {right} has {right_len}")]
    LengthMismatch {
        /// Name of the first input.
        left: &'static str,
        /// Its length.
        left_len: usize,
        /// Name of the second input.
        right: &'static str,
        /// Its length.
        right_len: usize,
    },
    /// A de-vig method is not defined for a book whose margin is negative or zero.
    #[error("{method} de-vig is not defined for a book with margin {margin}")]
    NegativeMargin {
        /// The method's name.
        method: &'static str,
        /// The book's margin (sum of 1/odds minus the target).
        margin: f64,
    },
    /// A de-vig method would give an outcome a negative (or zero) probability.
    #[error("{method} de-vig gives outcome {outcome} a non-positive probability {value}")]
    NegativeProbability {
        /// The method's name.
        method: &'static str,
        /// Zero-based index of the outcome in the market.
        outcome: usize,
        /// The probability the method would produce.
        value: f64,
    },
    /// An iterative solver did not reach its tolerance.
    #[error("{method} did not converge after {iterations} iterations")]
    NoConvergence {
        /// The solver's name.
        method: &'static str,
        /// Iterations performed.
        iterations: u32,
    },
    /// No snapshot can serve as a closing line.
    #[error("closing line unavailable: {reason}")]
    ClosingLineUnavailable {
        /// Which market was looked for and why nothing matched.
        reason: String,
    },
    /// A handicap or totals line that is not a multiple of 0.25, or a line missing or
    /// present where the market says otherwise.
    #[error("invalid line {value}: {reason}")]
    InvalidLine {
        /// The rejected line, as written.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A selection that does not belong to the market (e.g. "over" on an h2h bet).
    #[error("selection {selection} does not belong to market {market}")]
    InvalidSelection {
        /// The selection given.
        selection: String,
        /// The market given.
        market: String,
    },
    /// A money amount out of its domain (negative stake, zero principal...).
    #[error("invalid amount {name} = {value}: {reason}")]
    InvalidAmount {
        /// The parameter's name.
        name: &'static str,
        /// The rejected amount.
        value: Decimal,
        /// What is allowed.
        reason: &'static str,
    },
    /// Any other numeric parameter out of its domain (a rate, a fraction, a count...).
    #[error("invalid {name} = {value}: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The rejected value, as written.
        value: String,
        /// What is allowed.
        reason: &'static str,
    },
    /// A name that is not one of the accepted values (a method, a market, a level...).
    #[error("unknown {what} {value:?}; expected one of: {expected}")]
    UnknownName {
        /// What kind of name ("devig method", "market"...).
        what: &'static str,
        /// The rejected name.
        value: String,
        /// The accepted names, comma separated.
        expected: &'static str,
    },
    /// A record (bet, snapshot, loan, profile...) that cannot be read from its serialised
    /// form: a missing field, a wrong type, a malformed date or amount.
    #[error("invalid {record}: {reason}")]
    InvalidRecord {
        /// The record's type ("bet", "loan"...).
        record: &'static str,
        /// What is wrong, naming the field.
        reason: String,
    },
    /// No price is known for a holding that must be valued (a crypto symbol missing from the
    /// price book).
    #[error("no price for {symbol}")]
    MissingPrice {
        /// The symbol without a price.
        symbol: String,
    },
    /// A price too old (or captured after the as-of instant) to value a holding.
    #[error(
        "price of {symbol} is unusable: captured {age_seconds} s before the as-of instant, \
         allowed 0 to {max_seconds} s"
    )]
    StalePrice {
        /// The symbol whose price is stale.
        symbol: String,
        /// Seconds between the price's capture and the as-of instant (negative when captured
        /// after it).
        age_seconds: i64,
        /// The largest age allowed, in seconds.
        max_seconds: i64,
    },
}

impl Error {
    /// The variant's name ("InvalidOdds", "NoConvergence"...): the Python exception class is
    /// this name followed by `Error`, the JavaScript `code` is this name.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidOdds { .. } => "InvalidOdds",
            Error::InvalidAmericanOdds { .. } => "InvalidAmericanOdds",
            Error::InvalidProbability { .. } => "InvalidProbability",
            Error::EmptyMarket { .. } => "EmptyMarket",
            Error::EmptyInput { .. } => "EmptyInput",
            Error::LengthMismatch { .. } => "LengthMismatch",
            Error::NegativeMargin { .. } => "NegativeMargin",
            Error::NegativeProbability { .. } => "NegativeProbability",
            Error::NoConvergence { .. } => "NoConvergence",
            Error::ClosingLineUnavailable { .. } => "ClosingLineUnavailable",
            Error::InvalidLine { .. } => "InvalidLine",
            Error::InvalidSelection { .. } => "InvalidSelection",
            Error::InvalidAmount { .. } => "InvalidAmount",
            Error::InvalidParameter { .. } => "InvalidParameter",
            Error::UnknownName { .. } => "UnknownName",
            Error::InvalidRecord { .. } => "InvalidRecord",
            Error::MissingPrice { .. } => "MissingPrice",
            Error::StalePrice { .. } => "StalePrice",
        }
    }

    /// An [`Error::InvalidRecord`] from a deserialisation failure, keeping its message (which
    /// names the field).
    pub fn invalid_record(record: &'static str, reason: impl std::fmt::Display) -> Error {
        Error::InvalidRecord {
            record,
            reason: reason.to_string(),
        }
    }

    /// Every kind name, in declaration order (for the bindings' exception tables and tests).
    pub const KINDS: &'static [&'static str] = &[
        "InvalidOdds",
        "InvalidAmericanOdds",
        "InvalidProbability",
        "EmptyMarket",
        "EmptyInput",
        "LengthMismatch",
        "NegativeMargin",
        "NegativeProbability",
        "NoConvergence",
        "ClosingLineUnavailable",
        "InvalidLine",
        "InvalidSelection",
        "InvalidAmount",
        "InvalidParameter",
        "UnknownName",
        "InvalidRecord",
        "MissingPrice",
        "StalePrice",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_listed_in_order() {
        let record = Error::invalid_record("bet", "missing field `stake`");
        assert_eq!(record.kind(), "InvalidRecord");
        assert_eq!(record.to_string(), "invalid bet: missing field `stake`");
        assert!(Error::KINDS.contains(&"InvalidRecord"));
        let odds = Error::InvalidOdds { value: 0.5 };
        assert_eq!(
            odds.to_string(),
            "invalid odds 0.5: decimal odds must be finite and greater than 1"
        );
        assert!(Error::KINDS.contains(&odds.kind()));
    }
}
