//! risk (in progress)
