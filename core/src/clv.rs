//! clv (in progress)
