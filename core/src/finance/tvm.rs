//! tvm (in progress)
