//! amortization (in progress)
