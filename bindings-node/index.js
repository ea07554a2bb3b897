'use strict'
// The package entry: every function of the native addon (loaded by `binding.js`, which napi
// generates), with `amortizationSchedule` and `amortizationScheduleColumns` reading a plain
// loan in JavaScript first.
//
// A loan object read by the addon costs a property lookup by name per field, about a
// microsecond of a 360-row schedule's few. A loan with its five plain fields (and no
// insurance or deferral) is read here and passed field by field to `amortizationScheduleOf`;
// anything else (insurance, deferral, missing or mistyped fields) goes to the addon's own
// reader, which reports it. Both build the same loan, so results and errors are the same.

const binding = require('./binding.js')

const { amortizationScheduleOf, ...exported } = binding

/** `[principal, annualRatePct, months, firstPayment, kind]` of a plain loan, else undefined. */
function plainLoan(loan) {
  if (loan === null || typeof loan !== 'object' || loan.insurance != null || loan.deferral != null) {
    return undefined
  }
  const { principal, annualRatePct, months, firstPayment, kind } = loan
  return typeof principal === 'string' &&
    typeof annualRatePct === 'string' &&
    typeof months === 'number' &&
    firstPayment instanceof Date &&
    typeof kind === 'string'
    ? [principal, annualRatePct, months, firstPayment, kind]
    : undefined
}

exported.amortizationSchedule = function amortizationSchedule(loan) {
  const plain = plainLoan(loan)
  return plain === undefined
    ? binding.amortizationSchedule(loan)
    : amortizationScheduleOf(plain[0], plain[1], plain[2], plain[3], plain[4], false)
}

exported.amortizationScheduleColumns = function amortizationScheduleColumns(loan) {
  const plain = plainLoan(loan)
  return plain === undefined
    ? binding.amortizationScheduleColumns(loan)
    : amortizationScheduleOf(plain[0], plain[1], plain[2], plain[3], plain[4], true)
}

module.exports = exported
