//! settle (in progress)
