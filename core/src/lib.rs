//! # edgecore
//!
//! The exact, fast quantitative core of three money products: a sports-betting platform
//! (odds, de-vig, closing line value, Kelly staking, settlement, performance statistics,
//! market agents and backtests), a wealth platform (time value of money, loan amortization,
//! net worth, investment plans, MRR) and a subscriber risk monitor (weighted payment risk
//! scores).
//!
//! Numeric policy: money and quoted prices are `rust_decimal::Decimal`, rounded to the cent
//! only where a person sees or pays them, with an explicit rounding mode; probabilities,
//! rates and statistics are `f64`. No public function returns NaN or infinity or panics:
//! bad input is an [`Error`] naming the input and its value. Nothing reads the clock: every
//! calculation that depends on "now" takes an as-of date.

#![forbid(unsafe_code)]
// The no-panic promise, checked: the library code neither unwraps, expects, panics nor
// indexes in a way that may panic (test code may: see clippy.toml). A bound proven by
// construction keeps a local `allow` with the proof next to it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod check;
mod exact;
pub mod names;
mod par;
mod progress;

pub mod agents;
pub mod bet;
pub mod clv;
pub mod devig;
pub mod error;
pub mod finance;
#[cfg(feature = "generator")]
#[cfg_attr(docsrs, doc(cfg(feature = "generator")))]
pub mod fixtures;
pub mod input;
pub mod kelly;
pub mod market;
pub mod money;
pub mod odds;
pub mod risk;
pub mod settle;
pub mod stats;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;

pub use bet::{Bet, Outcome};
pub use error::{Error, Result};
pub use input::MAX_RECORDS;
pub use market::{Event, EventResult, Market, PriceSnapshot, Selection, Sport};
