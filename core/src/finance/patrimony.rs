//! patrimony (in progress)
