//! [proptest](https://docs.rs/proptest) strategies for valid domain data (feature
//! `proptest`): odds in every format, markets with a margin, boards of bookmakers around a
//! fair price, bets with the scores that settle them, loans, cash flows with a sign change,
//! investor profiles and subscribers with payment histories.
//!
//! Each strategy states what every value it generates satisfies (for example "every loan
//! validates"), and the project's own tests check those guarantees on many values. The
//! strategies are built from integer ranges (cents, basis points, days), never from a seed,
//! so a failing property shrinks to a small counterexample: fewer outcomes, equal prices, the
//! smallest margin, the shortest history.
//!
//! ```
//! use edgecore::strategies::markets;
//! use proptest::prelude::*;
//!
//! proptest!(|(m in markets(2..=4, 0.02..=0.08))| {
//!     let overround = edgecore::odds::overround(&m.odds).unwrap();
//!     prop_assert!((overround - m.margin).abs() < 1e-9);
//! });
//! ```

mod bets;
mod finance;
mod markets;
mod odds;
mod risk;

pub use bets::{scored_bets, settled_bet, settled_bets};
pub use finance::{CashFlows, cash_flows, loans, loans_of_kind, profiles};
pub use markets::{FairBoard, PricedMarket, boards, markets};
pub use odds::{
    american_odds, decimal_odds, decimal_price, fractional_odds, hong_kong_odds, indonesian_odds,
    malay_odds,
};
pub use risk::{payment_history, subscribers};
