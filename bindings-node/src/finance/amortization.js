// The JavaScript shapes of `amortizationSchedule` and `amortizationScheduleColumns`, built
// from the figures the native code has computed (see `Script` in js.rs). Evaluates to the array
// of the two builders, `[schedule, columns]`, once called with `CENT_COLUMNS`: the names of
// the cents columns in the order the native code writes them, which amortization.rs passes
// (the one definition of the layout).
//
// Both take `bytes`, a Buffer holding the `n` rows as columns: one Float64 column of integer
// cents per name of `CENT_COLUMNS` (row `i` of column `k` at index `k * n + i`), then an
// Int32 column of UTC days since 1970-01-01; then `deferralMonths` (the number of leading
// deferral rows), `deferral` (their kind, or undefined), the regular payment and the four
// totals (each a whole number of cents, or its decimal string when it is beyond 2^53
// cents), and the last payment's time value in milliseconds.
(CENT_COLUMNS) => {
  'use strict'
  // The constructors as they are when the package loads, whatever a program later does to
  // the globals.
  const { Date, Float64Array, Int32Array, Object } = globalThis
  const DAY_MS = 86400000
  const K = CENT_COLUMNS.length
  /**
   * The names of the `ScheduleColumns` typed arrays, in buffer order, made once: a key made
   * by concatenation on each call is a new string V8 hashes and looks up at every store.
   */
  const COLUMN_KEYS = []
  for (let k = 0; k < K; k++) COLUMN_KEYS.push(CENT_COLUMNS[k] + 'Cents')

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

  /**
   * What the rows of one schedule share: its columns (`bytes`, whose typed-array views
   * `cents` and `days` are made with the rows, so that a schedule whose rows are never read
   * does not make them) and its deferral.
   */
  function Table(bytes, n, deferralMonths, deferral) {
    this.bytes = bytes
    this.cents = undefined
    this.days = undefined
    this.n = n
    this.deferralMonths = deferralMonths
    this.deferral = deferral
  }

  /**
   * A row of a schedule: a view of row `i` of the table's columns, whose fields are read
   * from them when asked (a decimal string made from the cents, a new `Date`), so that a
   * schedule costs one small object per row until its fields are read. The fields are
   * enumerable getters of the prototype: `JSON.stringify` (through `toJSON`) and
   * `row.toJSON()` give the plain object.
   */
  class Row {
    #t
    #i
    constructor(table, i) {
      this.#t = table
      this.#i = i
    }
    /** Payment number, from 1. */
    get number() {
      return this.#i + 1
    }
    /** Date of the payment (UTC midnight). */
    get date() {
      return new Date(this.#t.days[this.#i] * DAY_MS)
    }
    /** The deferral kind for a deferral month, undefined for an amortising month. */
    get deferral() {
      return this.#i < this.#t.deferralMonths ? this.#t.deferral : undefined
    }
    /** Column `k`'s decimal string for this row. */
    static cents(row, k) {
      return decimal(row.#t.cents[k * row.#t.n + row.#i])
    }
    /** The row as a plain object, in the field order of the declaration. */
    toJSON() {
      const plain = { number: this.number, date: this.date }
      for (let k = 0; k < K; k++) plain[CENT_COLUMNS[k]] = Row.cents(this, k)
      if (this.#i < this.#t.deferralMonths) plain.deferral = this.#t.deferral
      return plain
    }
  }
  for (let k = 0; k < K; k++) {
    Object.defineProperty(Row.prototype, CENT_COLUMNS[k], {
      get() {
        return Row.cents(this, k)
      },
      enumerable: true,
      configurable: false,
    })
  }
  for (const name of ['number', 'date', 'deferral']) {
    Object.defineProperty(Row.prototype, name, { enumerable: true })
  }
  Object.freeze(Row.prototype)

  /** The rows of a table: one view per month, over the table's column views made here. */
  function rowsOf(table) {
    const { buffer, byteOffset } = table.bytes
    table.cents = new Float64Array(buffer, byteOffset, K * table.n)
    table.days = new Int32Array(buffer, byteOffset + 8 * K * table.n, table.n)
    const rows = new Array(table.n)
    for (let i = 0; i < table.n; i++) rows[i] = new Row(table, i)
    return rows
  }

  /**
   * A `Schedule`, in the field order of its declaration. `rows` is an enumerable getter of
   * the object itself (so `JSON.stringify`, an object spread and `Object.keys` see it):
   * the row views are made when it is first read, then kept, so a schedule whose rows are
   * never read costs what the columns cost.
   */
  class Schedule {
    #table
    #rows
    constructor(table, payment, totalInterest, totalInsurance, totalPaid, costOfCredit, endMs) {
      this.#table = table
      this.#rows = undefined
      this.payment = money(payment)
      Object.defineProperty(this, 'rows', ROWS)
      this.totalInterest = money(totalInterest)
      this.totalInsurance = money(totalInsurance)
      this.totalPaid = money(totalPaid)
      this.costOfCredit = money(costOfCredit)
      this.endDate = new Date(endMs)
    }
    static rows(schedule) {
      if (schedule.#rows === undefined) schedule.#rows = rowsOf(schedule.#table)
      return schedule.#rows
    }
  }
  const ROWS = {
    get() {
      return Schedule.rows(this)
    },
    enumerable: true,
    configurable: false,
  }

  /** The `Schedule` of the columns in `bytes`. */
  function schedule(bytes, n, deferralMonths, deferral, payment, totalInterest, totalInsurance, totalPaid, costOfCredit, endMs) {
    const table = new Table(bytes, n, deferralMonths, deferral)
    return new Schedule(table, payment, totalInterest, totalInsurance, totalPaid, costOfCredit, endMs)
  }

  /** The `ScheduleColumns`: typed-array views of `buffer`, in the field order of its declaration. */
  function columns(bytes, n, deferralMonths, deferral, payment, totalInterest, totalInsurance, totalPaid, costOfCredit, endMs) {
    const { buffer, byteOffset } = bytes
    const result = {
      payment: money(payment),
      epochDays: new Int32Array(buffer, byteOffset + 8 * K * n, n),
    }
    for (let k = 0; k < K; k++) result[COLUMN_KEYS[k]] = new Float64Array(buffer, byteOffset + 8 * k * n, n)
    result.deferralMonths = deferralMonths
    if (deferral !== undefined) result.deferral = deferral
    result.totalInterest = money(totalInterest)
    result.totalInsurance = money(totalInsurance)
    result.totalPaid = money(totalPaid)
    result.costOfCredit = money(costOfCredit)
    result.endDate = new Date(endMs)
    return result
  }

  return [schedule, columns]
}
