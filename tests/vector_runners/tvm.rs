//! Runner for `finance::tvm`: time value of money. Scalar results are `{"value": x}`, batch
//! results `{"value": [x, ...]}`. Optional arguments take numpy-financial's and pyxirr's
//! defaults: `fv` 0, `when` "end", `guess` none (0.1), `day_count` "act_365f". Names are
//! parsed with `FromStr`, so an unknown name is an `UnknownName` error.

use super::{arg, json};
use chrono::NaiveDate;
use edgecore::Result;
use edgecore::finance::tvm::{self, DayCount, When};
use serde::de::DeserializeOwned;
use serde_json::Value;

#[derive(serde::Serialize)]
struct Scalar {
    value: f64,
}

#[derive(serde::Serialize)]
struct Column {
    value: Vec<f64>,
}

/// Argument `name`, or `None` when absent or null.
fn opt<T: DeserializeOwned>(input: &Value, name: &str) -> Option<T> {
    (!input[name].is_null()).then(|| arg(input, name))
}

/// A named enum argument, `default` when absent.
fn name<T: std::str::FromStr<Err = edgecore::Error>>(
    input: &Value,
    key: &str,
    default: T,
) -> Result<T> {
    opt::<String>(input, key).map_or(Ok(default), |s| s.parse())
}

pub fn run(function: &str, input: &Value) -> Option<Result<Value>> {
    call(function, input).transpose()
}

fn call(function: &str, input: &Value) -> Result<Option<Value>> {
    let f = |key| arg::<f64>(input, key);
    let u = |key| arg::<u32>(input, key);
    let col = |key| arg::<Vec<f64>>(input, key);
    let fv = || opt::<f64>(input, "fv").unwrap_or(0.0);
    let when = || name(input, "when", When::End);
    let day_count = || name(input, "day_count", DayCount::Act365F);
    let value = match function {
        "pmt" => tvm::pmt(f("rate"), f("nper"), f("pv"), fv(), when()?)?,
        "ipmt" => tvm::ipmt(f("rate"), f("per"), f("nper"), f("pv"), fv(), when()?)?,
        "ppmt" => tvm::ppmt(f("rate"), f("per"), f("nper"), f("pv"), fv(), when()?)?,
        "pv" => tvm::pv(f("rate"), f("nper"), f("pmt"), fv(), when()?)?,
        "fv" => tvm::fv(f("rate"), f("nper"), f("pmt"), f("pv"), when()?)?,
        "nper" => tvm::nper(f("rate"), f("pmt"), f("pv"), fv(), when()?)?,
        "rate" => tvm::rate(
            f("nper"),
            f("pmt"),
            f("pv"),
            fv(),
            when()?,
            opt(input, "guess"),
        )?,
        "cumipmt" => tvm::cumipmt(f("rate"), u("nper"), f("pv"), u("start"), u("end"), when()?)?,
        "cumprinc" => tvm::cumprinc(f("rate"), u("nper"), f("pv"), u("start"), u("end"), when()?)?,
        "effective_rate" => tvm::effective_rate(f("nominal"), u("periods"))?,
        "nominal_rate" => tvm::nominal_rate(f("effective"), u("periods"))?,
        "npv" => tvm::npv(f("rate"), &col("values"))?,
        "npv_excel" => tvm::npv_excel(f("rate"), &col("values"))?,
        "irr" => tvm::irr(&col("values"))?,
        "mirr" => tvm::mirr(&col("values"), f("finance_rate"), f("reinvest_rate"))?,
        "xnpv" => {
            let dates: Vec<NaiveDate> = arg(input, "dates");
            tvm::xnpv(f("rate"), &dates, &col("amounts"), day_count()?)?
        }
        "xirr" => {
            let dates: Vec<NaiveDate> = arg(input, "dates");
            tvm::xirr(&dates, &col("amounts"), opt(input, "guess"), day_count()?)?
        }
        "year_fraction" => tvm::year_fraction(arg(input, "start"), arg(input, "end"), day_count()?),
        "pmt_batch" | "ipmt_batch" | "ppmt_batch" | "pv_batch" | "fv_batch" | "nper_batch" => {
            let mut out = vec![0.0; col("rate").len()];
            match function {
                "pmt_batch" => {
                    let (rate, nper, pv, fv) = (col("rate"), col("nper"), col("pv"), col("fv"));
                    tvm::pmt_batch(&rate, &nper, &pv, &fv, when()?, &mut out)?
                }
                "ipmt_batch" | "ppmt_batch" => {
                    let batch = if function == "ipmt_batch" {
                        tvm::ipmt_batch
                    } else {
                        tvm::ppmt_batch
                    };
                    let (rate, per, nper) = (col("rate"), col("per"), col("nper"));
                    batch(
                        &rate,
                        &per,
                        &nper,
                        &col("pv"),
                        &col("fv"),
                        when()?,
                        &mut out,
                    )?
                }
                "pv_batch" => {
                    let (rate, nper, pmt, fv) = (col("rate"), col("nper"), col("pmt"), col("fv"));
                    tvm::pv_batch(&rate, &nper, &pmt, &fv, when()?, &mut out)?
                }
                "fv_batch" => {
                    let (rate, nper, pmt, pv) = (col("rate"), col("nper"), col("pmt"), col("pv"));
                    tvm::fv_batch(&rate, &nper, &pmt, &pv, when()?, &mut out)?
                }
                _ => {
                    let (rate, pmt, pv, fv) = (col("rate"), col("pmt"), col("pv"), col("fv"));
                    tvm::nper_batch(&rate, &pmt, &pv, &fv, when()?, &mut out)?
                }
            }
            return Ok(Some(json(Column { value: out })));
        }
        _ => return Ok(None),
    };
    Ok(Some(json(Scalar { value })))
}
