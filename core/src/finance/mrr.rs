//! mrr (in progress)
