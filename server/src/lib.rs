//! # edgecore-server
//!
//! The betting platform's back end on the edgecore core: it collects odds and scores from
//! The Odds API v4, stores them (SQLite by default, PostgreSQL on demand), runs the core's
//! agents on the latest board, tracks bets with closing line value and settlement, and
//! serves a JSON API with Prometheus metrics. Every number is computed by the core; this
//! crate moves data, checks input and keeps it safe.

#![forbid(unsafe_code)]

pub mod api;
pub mod auth;
pub mod betting;
pub mod board;
pub mod cli;
pub mod collector;
pub mod config;
pub mod demo;
pub mod http;
pub mod leader;
pub mod metrics;
pub mod odds_api;
pub mod recent;
pub mod replay;
pub mod scheduler;
pub mod state;
pub mod storage;
pub mod track_record;
