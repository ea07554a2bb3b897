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

test('a plain loan read by the package entry gives what the addon reading the object gives', () => {
  // Insurance or deferral set to null, an extra field, a Date subclass: the first three take
  // the entry's reading, the object built with a getter the addon's; all agree.
  class Day extends Date {}
  const base = LOANS[0]
  const variants = [
    { ...base, insurance: null, deferral: undefined },
    { ...base, note: 'ignored' },
    { ...base, firstPayment: new Day(base.firstPayment.getTime()) },
    Object.defineProperty({ ...base, principal: undefined }, 'principal', { get: () => base.principal }),
  ]
  const expected = [e.amortizationSchedule(base), e.amortizationScheduleColumns(base)]
  for (const loan of variants) {
    assert.deepEqual(e.amortizationSchedule(loan), expected[0])
    assert.deepEqual(e.amortizationScheduleColumns(loan), expected[1])
  }
  // Mistyped or invalid fields: the same error (code and message) as from the addon's own
  // reader of the object.
  const native = require('../binding.js')
  const errors = [
    [{ ...base, principal: 200000 }, 'InvalidRecord'],
    [{ ...base, months: '360' }, 'InvalidRecord'],
    [{ ...base, firstPayment: '2024-01-31' }, 'InvalidRecord'],
    [{ ...base, annualRatePct: 'six' }, 'InvalidRecord'],
    [{ ...base, months: 1.5 }, 'InvalidRecord'],
    [{ ...base, firstPayment: new Date(NaN) }, 'InvalidRecord'],
    [{ ...base, principal: '-1' }, 'InvalidAmount'],
    [{ ...base, annualRatePct: '1001' }, 'InvalidParameter'],
    [{ ...base, kind: 'balloon' }, 'UnknownName'],
  ]
  const thrown = (f) => {
    try {
      f()
    } catch (error) {
      return { code: error.code, message: error.message }
    }
    assert.fail('no error')
  }
  for (const [loan, code] of errors) {
    for (const [ours, addon] of [
      [e.amortizationSchedule, native.amortizationSchedule],
      [e.amortizationScheduleColumns, native.amortizationScheduleColumns],
    ]) {
      const error = thrown(() => ours(loan))
      assert.equal(error.code, code, JSON.stringify(loan))
      assert.deepEqual(error, thrown(() => addon(loan)))
    }
  }
  assert.equal(e.amortizationScheduleOf, undefined)
})
