//! The wealth platform's maths: time value of money (`tvm`, f64, numpy-financial
//! conventions), loan amortization (`amortization`, exact `Decimal`), net worth
//! (`patrimony`), investment plans (`plan`), annual savings goals (`savings`) and recurring
//! revenue (`mrr`). Every function is pure: the as-of date is an argument.

pub mod amortization;
pub mod mrr;
pub mod patrimony;
pub mod plan;
pub mod savings;
pub mod tvm;
