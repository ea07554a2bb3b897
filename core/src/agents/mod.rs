//! agents (in progress)
