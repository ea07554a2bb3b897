//! savings (in progress)
