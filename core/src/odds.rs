//! odds (in progress)
