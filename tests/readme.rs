//! The repository's README, whose Rust code blocks run as doctests.
#![doc = include_str!("../README.md")]
