//! The wealth platform's maths (`edgecore::finance`): time value of money, loan
//! amortization, net worth, investment plans, savings goals and recurring revenue.

pub mod amortization;
pub mod mrr;
pub mod patrimony;
pub mod plan;
pub mod savings;
pub mod tvm;
