'use strict'
// The columnar amortization table against the row table: the same figures to the cent, for
// every loan kind, with insurance and both deferral kinds; the errors are the row form's.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

const DAY_MS = 86_400_000

/** A decimal string ("1199.10", "-3.5", "0") as integer cents, exactly (BigInt). */
function cents(s) {
  const negative = s.startsWith('-')
  const [whole, frac = ''] = (negative ? s.slice(1) : s).split('.')
  const value = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2))
  return negative ? -value : value
}

const first = new Date('2024-01-31')
const LOANS = [
  { principal: '200000', annualRatePct: '6', months: 360, firstPayment: first, kind: 'annuity' },
  { principal: '150000', annualRatePct: '0', months: 36, firstPayment: first, kind: 'annuity' },
  { principal: '90000', annualRatePct: '4.2', months: 120, firstPayment: first, kind: 'linear' },
  { principal: '50000', annualRatePct: '3.15', months: 60, firstPayment: first, kind: 'in_fine' },
  {
    principal: '123456.78', annualRatePct: '3.875', months: 240, firstPayment: first, kind: 'annuity',
    insurance: { annualRatePct: '0.36', base: 'initial' }, deferral: { months: 12, kind: 'partial' },
  },
  {
    principal: '123456.78', annualRatePct: '3.875', months: 240, firstPayment: first, kind: 'annuity',
    insurance: { annualRatePct: '0.36', base: 'remaining' }, deferral: { months: 12, kind: 'total' },
  },
]

test('amortizationScheduleColumns is the row table in integer cents', () => {
  for (const loan of LOANS) {
    const s = e.amortizationSchedule(loan)
    const c = e.amortizationScheduleColumns(loan)
    const n = s.rows.length
    for (const column of ['paymentCents', 'interestCents', 'principalCents', 'insuranceCents', 'remainingCents']) {
      assert.ok(c[column] instanceof Float64Array, column)
      assert.equal(c[column].length, n, column)
    }
    assert.ok(c.epochDays instanceof Int32Array)
    assert.equal(c.epochDays.length, n)
    s.rows.forEach((row, i) => {
      assert.equal(c.epochDays[i] * DAY_MS, row.date.getTime(), `date of row ${i}`)
      assert.equal(BigInt(c.paymentCents[i]), cents(row.payment), `payment of row ${i}`)
      assert.equal(BigInt(c.interestCents[i]), cents(row.interest), `interest of row ${i}`)
      assert.equal(BigInt(c.principalCents[i]), cents(row.principal), `principal of row ${i}`)
      assert.equal(BigInt(c.insuranceCents[i]), cents(row.insurance), `insurance of row ${i}`)
      assert.equal(BigInt(c.remainingCents[i]), cents(row.remaining), `remaining of row ${i}`)
      assert.equal(i < c.deferralMonths ? c.deferral : undefined, row.deferral, `deferral of row ${i}`)
    })
    assert.equal(c.payment, s.payment)
    assert.equal(c.totalInterest, s.totalInterest)
    assert.equal(c.totalInsurance, s.totalInsurance)
    assert.equal(c.totalPaid, s.totalPaid)
    assert.equal(c.costOfCredit, s.costOfCredit)
    assert.equal(c.endDate.getTime(), s.endDate.getTime())
    // The principal parts add up exactly to the capital, in plain numbers.
    assert.equal(c.principalCents.reduce((a, b) => a + b, 0), Number(cents(loan.principal)))
  }
})

test('amortizationScheduleColumns throws what amortizationSchedule throws', () => {
  const bad = [
    [{ ...LOANS[0], principal: '-1' }, 'InvalidAmount'],
    [{ ...LOANS[0], months: 0 }, 'InvalidParameter'],
    [{ ...LOANS[0], kind: 'balloon' }, 'UnknownName'],
    [{ principal: '1000' }, 'InvalidRecord'],
  ]
  for (const [loan, code] of bad) {
    assert.throws(() => e.amortizationSchedule(loan), { code })
    assert.throws(() => e.amortizationScheduleColumns(loan), { code })
  }
})

test('every way of writing a loan gives the same table; errors are the addon reader\'s', () => {
  // Insurance or deferral set to null, an extra field, a Date subclass, a getter: one reader
  // (the addon's), the same figures.
  class Day extends Date {}
  const base = LOANS[0]
  const variants = [
    { ...base, insurance: null, deferral: undefined },
    { ...base, note: 'ignored' },
    { ...base, firstPayment: new Day(base.firstPayment.getTime()) },
    Object.defineProperty({ ...base, principal: undefined }, 'principal', { get: () => base.principal }),
  ]
  const expected = [JSON.stringify(e.amortizationSchedule(base)), e.amortizationScheduleColumns(base)]
  for (const loan of variants) {
    assert.equal(JSON.stringify(e.amortizationSchedule(loan)), expected[0])
    assert.deepEqual(e.amortizationScheduleColumns(loan), expected[1])
  }
  const errors = [
    [{ ...base, principal: 200000 }, 'InvalidRecord', /principal/],
    [{ ...base, months: '360' }, 'InvalidRecord', /months/],
    [{ ...base, firstPayment: '2024-01-31' }, 'InvalidRecord', /firstPayment|Date/],
    [{ ...base, annualRatePct: 'six' }, 'InvalidRecord', /six/],
    [{ ...base, months: 1.5 }, 'InvalidRecord', /months/],
    [{ ...base, firstPayment: new Date(NaN) }, 'InvalidRecord', /Date/],
    [{ ...base, principal: '-1' }, 'InvalidAmount', /-1/],
    [{ ...base, annualRatePct: '1001' }, 'InvalidParameter', /1001/],
    [{ ...base, kind: 'balloon' }, 'UnknownName', /balloon/],
  ]
  for (const [loan, code, message] of errors) {
    for (const f of [e.amortizationSchedule, e.amortizationScheduleColumns]) {
      assert.throws(() => f(loan), (error) => error.code === code && message.test(error.message), JSON.stringify(loan))
    }
  }
  assert.equal(e.amortizationScheduleOf, undefined)
  assert.equal(require('../binding.js').amortizationScheduleOf, undefined)
})

test('a row is a view of the columns: exact strings when read, a plain object as JSON', () => {
  const loan = LOANS[4]
  const s = e.amortizationSchedule(loan)
  const c = e.amortizationScheduleColumns(loan)
  const first = s.rows[0]
  const fields = ['number', 'date', 'payment', 'interest', 'principal', 'insurance', 'remaining', 'deferral']
  for (const field of fields) assert.ok(field in first, field)
  assert.equal(first.number, 1)
  assert.match(first.payment, /^\d+\.\d\d$/)
  assert.equal(cents(first.payment), BigInt(c.paymentCents[0]))
  assert.equal(cents(first.interest), BigInt(c.interestCents[0]))
  assert.equal(first.deferral, 'partial')
  assert.equal(s.rows[12].deferral, undefined)
  // Each read makes a new Date: changing one does not change the row.
  first.date.setUTCFullYear(1999)
  assert.equal(first.date.getTime(), c.epochDays[0] * DAY_MS)
  // The fields cannot be overwritten, and the rows of two schedules are independent.
  assert.throws(() => { 'use strict'; first.payment = '0' })
  assert.equal(e.amortizationSchedule(LOANS[0]).rows[0].payment, '1199.10')
  const plain = JSON.parse(JSON.stringify(s.rows[0]))
  assert.deepEqual(plain, {
    number: 1, date: c.epochDays[0] * DAY_MS === Date.parse(plain.date) ? plain.date : null,
    payment: first.payment, interest: first.interest, principal: first.principal,
    insurance: first.insurance, remaining: first.remaining, deferral: 'partial',
  })
  assert.deepEqual(Object.keys(s.rows[12].toJSON()), fields.slice(0, 7))
  // The schedule's `rows` is its own enumerable field, made once when first read.
  assert.deepEqual(Object.keys(s), ['payment', 'rows', 'totalInterest', 'totalInsurance', 'totalPaid', 'costOfCredit', 'endDate'])
  assert.equal(s.rows, s.rows)
  assert.equal({ ...s }.rows.length, 240)
  assert.equal(JSON.parse(JSON.stringify(s)).rows[0].payment, first.payment)
  assert.deepEqual(s.rows.map((r) => r.toJSON()), s.rows.map((r) => Object.fromEntries(fields.filter((f) => r[f] !== undefined).map((f) => [f, r[f]]))))
})

test('the builders are compiled per environment: a worker thread gets its own', async () => {
  // Each environment (the main thread, each worker) keeps its compiled builders in its own
  // instance data; a worker that ends frees them without touching the main thread's.
  const { Worker } = require('node:worker_threads')
  const source = `
    const { parentPort } = require('node:worker_threads')
    const e = require(${JSON.stringify(require.resolve('..'))})
    const loan = { principal: '200000', annualRatePct: '6', months: 360, firstPayment: new Date('2024-01-31'), kind: 'annuity' }
    parentPort.postMessage([e.amortizationSchedule(loan).rows[359].remaining, e.amortizationScheduleColumns(loan).payment])
  `
  for (let i = 0; i < 3; i++) {
    const worker = new Worker(source, { eval: true })
    const [remaining, payment] = await new Promise((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    assert.equal(remaining, '0.00')
    assert.equal(payment, '1199.10')
    assert.equal(e.amortizationSchedule(LOANS[0]).rows[0].payment, '1199.10')
  }
})
