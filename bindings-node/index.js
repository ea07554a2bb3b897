'use strict'
// The package entry: every function of the native addon (loaded by `binding.js`, which napi
// generates), with `amortizationSchedule` and `amortizationScheduleColumns` reading a plain
// loan in JavaScript first, and every function throwing only errors with one of the package's
// codes (`guard`).
//
// A loan object read by the addon costs a property lookup by name per field, about a
// microsecond of a 360-row schedule's few. A loan with its five plain fields (and no
// insurance or deferral) is read here and passed field by field to `amortizationScheduleOf`;
// anything else (insurance, deferral, missing or mistyped fields) goes to the addon's own
// reader, which reports it. Both build the same loan, so results and errors are the same.

const binding = require('./binding.js')

const { amortizationScheduleOf, ...exported } = binding

/** The package's error codes (`ErrorCode`): the core's error kinds. */
const CODES = new Set(binding.errorCodes())

/** A description of a thrown value that cannot itself throw (a getter, a proxy, a BigInt). */
function describe(thrown) {
  try {
    const message = thrown !== null && typeof thrown === 'object' ? thrown.message : thrown
    if (typeof message !== 'string') return `a thrown ${typeof message}`
    // napi's own messages quote the value (as JSON), which can be megabytes long.
    return message.length > 300 ? `${message.slice(0, 300)}...` : message
  } catch {
    return 'an exception whose message cannot be read'
  }
}

/**
 * Every error out of the package carries one of its codes. An error of the core already has
 * one; anything else thrown while the addon reads the arguments (napi's own conversion
 * errors, whose codes such as `NumberExpected` are not the package's; V8's `TypeError` when
 * a record in a list is `null`; an exception thrown by the caller's getter or proxy) becomes
 * `code` (`InvalidRecord` for arguments, `InvalidParameter` for an `onProgress` callback
 * that threw), with the original error as `cause`.
 */
function coded(thrown, code, what) {
  let known = false
  try {
    known = thrown instanceof Error && CODES.has(thrown.code)
  } catch {}
  if (known) return thrown
  const error = new Error(`${what}: ${describe(thrown)}`, { cause: thrown })
  error.code = code
  return error
}

/** `fn` whose thrown errors (and, for an async form, rejections) carry a package code. */
function guard(name, fn) {
  const rejected = (thrown) => {
    throw coded(thrown, 'InvalidParameter', 'onProgress threw')
  }
  const guarded = {
    [name](...args) {
      let result
      try {
        result = fn(...args)
      } catch (thrown) {
        throw coded(thrown, 'InvalidRecord', 'invalid argument')
      }
      return result instanceof Promise ? result.then(undefined, rejected) : result
    },
  }[name]
  return guarded
}

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

for (const [name, value] of Object.entries(exported)) {
  if (typeof value === 'function') exported[name] = guard(name, value)
}

module.exports = exported
