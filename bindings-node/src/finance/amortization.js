// The JavaScript shapes of `amortizationSchedule` and `amortizationScheduleColumns`, built
// from the figures the native code has computed (see `Script` in js.rs). Evaluates to the array
// of the two builders, `[schedule, columns]`.
//
// Both take `bytes`, a Buffer holding the `n` rows as columns: five Float64 columns
// of integer cents (payment, interest, principal, insurance, remaining: row `i` of column
// `k` at index `k * n + i`), then an Int32 column of UTC days since 1970-01-01; then
// `deferralMonths` (the number of leading deferral rows), `deferral` (their kind, or
// undefined), the regular payment and the four totals (each a whole number of cents, or its
// decimal string when it is beyond 2^53 cents), and the last payment's time value in
// milliseconds.
'use strict';
(() => {
  // The constructors as they are when the package loads, whatever a program later does to
  // the globals.
  const { Date, Float64Array, Int32Array } = globalThis
  const DAY_MS = 86400000

  /** The two decimals of a whole number of cents, ".00" to ".99". */
  const FRACTIONS = []
  for (let i = 0; i < 100; i++) FRACTIONS.push((i < 10 ? '.0' : '.') + i)

  /** Integer cents (|cents| < 2^53, exact in a number) as the core's decimal string: "1199.10", "-0.05", "0.00". */
  function decimal(cents) {
    const abs = cents < 0 ? -cents : cents
    const fraction = abs % 100
    const whole = (abs - fraction) / 100
    // Below 2^31 the whole part converts as a small integer, V8's fast path.
    const text = (whole < 2147483648 ? '' + (whole | 0) : '' + whole) + FRACTIONS[fraction | 0]
    return cents < 0 ? '-' + text : text
  }

  /** An amount passed as cents (a number) or as its decimal string, as a decimal string. */
  function money(value) {
    return typeof value === 'string' ? value : decimal(value)
  }

  /** The `Schedule`: one row object per month, in the field order of its declaration. */
  function schedule(bytes, n, deferralMonths, deferral, payment, totalInterest, totalInsurance, totalPaid, costOfCredit, endMs) {
    const { buffer, byteOffset } = bytes
    const cents = new Float64Array(buffer, byteOffset, 5 * n)
    const days = new Int32Array(buffer, byteOffset + 40 * n, n)
    const rows = []
    for (let i = 0; i < n; i++) {
      const row = {
        number: i + 1,
        date: new Date(days[i] * DAY_MS),
        payment: decimal(cents[i]),
        interest: decimal(cents[n + i]),
        principal: decimal(cents[2 * n + i]),
        insurance: decimal(cents[3 * n + i]),
        remaining: decimal(cents[4 * n + i]),
      }
      if (i < deferralMonths) row.deferral = deferral
      rows[i] = row
    }
    return {
      payment: money(payment),
      rows,
      totalInterest: money(totalInterest),
      totalInsurance: money(totalInsurance),
      totalPaid: money(totalPaid),
      costOfCredit: money(costOfCredit),
      endDate: new Date(endMs),
    }
  }

  /** The `ScheduleColumns`: typed-array views of `buffer`, in the field order of its declaration. */
  function columns(bytes, n, deferralMonths, deferral, payment, totalInterest, totalInsurance, totalPaid, costOfCredit, endMs) {
    const { buffer, byteOffset } = bytes
    const result = {
      payment: money(payment),
      epochDays: new Int32Array(buffer, byteOffset + 40 * n, n),
      paymentCents: new Float64Array(buffer, byteOffset, n),
      interestCents: new Float64Array(buffer, byteOffset + 8 * n, n),
      principalCents: new Float64Array(buffer, byteOffset + 16 * n, n),
      insuranceCents: new Float64Array(buffer, byteOffset + 24 * n, n),
      remainingCents: new Float64Array(buffer, byteOffset + 32 * n, n),
      deferralMonths,
    }
    if (deferral !== undefined) result.deferral = deferral
    result.totalInterest = money(totalInterest)
    result.totalInsurance = money(totalInsurance)
    result.totalPaid = money(totalPaid)
    result.costOfCredit = money(costOfCredit)
    result.endDate = new Date(endMs)
    return result
  }

  return [schedule, columns]
})()
