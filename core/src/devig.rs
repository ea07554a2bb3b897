//! devig (in progress)
