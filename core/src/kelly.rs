//! kelly (in progress)
