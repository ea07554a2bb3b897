'use strict'
// One test per error kind the JavaScript API can throw: each is an `Error` whose `code` is
// the core's kind and whose message is the core's message. Then the guards of the
// conversions (malformed decimals, invalid dates, numbers that are not whole numbers in
// range, malformed records), and calls with arbitrary arguments that must throw, not crash.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

const bet = {
  id: 'b1', eventId: 'e1', league: 'soccer_epl', market: 'h2h', selection: 'home',
  bookmaker: 'pinnacle', odds: '1.95', stake: '10', placedAt: new Date('2025-01-01T12:00:00Z'),
  source: 'manual',
}
const final = { status: 'final', home: 1, away: 0 }
const asOf = new Date('2025-01-01T12:00:00Z')

/** One call per kind (the causes are hand-picked from the core's documentation). */
const CASES = {
  InvalidOdds: [() => e.clv(1.0, 1.94), 'invalid odds 1: decimal odds must be finite and greater than 1'],
  InvalidAmericanOdds: [() => e.americanToDecimal(50), 'invalid American odds 50: must be >= +100 or <= -100'],
  InvalidProbability: [() => e.kellyFraction(2, 1.5), 'invalid probability 1.5: must be finite and within [0, 1]'],
  EmptyMarket: [() => e.devig([2], 'shin')],
  EmptyInput: [() => e.irr([-1]), 'empty input: values needs at least 2 (got 1)'],
  LengthMismatch: [() => e.clvBatch([2, 2], [2])],
  NegativeMargin: [() => e.devig([2.2, 2.2], 'shin')],
  NegativeProbability: [() => e.devig([1.2, 1.2, 500], 'additive')],
  NoConvergence: [() => e.irr([1, -3, 3]), 'irr did not converge after 164 iterations'],
  ClosingLineUnavailable: [() => e.closingLine([], 'e1', asOf, 'pinnacle', 'h2h', null, 'home')],
  InvalidLine: [() => e.checkMarket('totals', 'over')],
  InvalidSelection: [() => e.checkMarket('h2h', 'over'), 'selection over does not belong to market h2h'],
  InvalidAmount: [() => e.kellyStake('-1', 2, 0.6)],
  InvalidParameter: [() => e.pmt(0.01, 0, 1000)],
  UnknownName: [
    () => e.devig([2, 2], 'shinn'),
    'unknown devig method "shinn"; expected one of: multiplicative, additive, power, shin, odds_ratio, balanced_book, jensen_shannon',
  ],
  InvalidRecord: [() => e.settle({ id: 'b1' }, final), 'invalid bet: bet: missing field `event_id`'],
  MissingPrice: [
    () => e.netWorth({ crypto: [{ symbol: 'BTC', quantity: '1' }] }, { prices: {} }, { asOf, maxPriceAgeSeconds: 3600 }),
    'no price for BTC',
  ],
  StalePrice: [
    () => e.netWorth(
      { crypto: [{ symbol: 'BTC', quantity: '1' }] },
      { prices: { BTC: { price: '60000', asOf: new Date('2025-01-01T10:00:00Z') } } },
      { asOf, maxPriceAgeSeconds: 3600 },
    ),
    'price of BTC is unusable: captured 7200 s before the as-of instant, allowed 0 to 3600 s',
  ],
}

test('every error kind has a case', () => {
  assert.deepEqual(Object.keys(CASES).sort(), [...e.errorCodes()].sort())
})

for (const [code, [call, message]] of Object.entries(CASES)) {
  test(`error ${code}`, () => {
    assert.throws(call, (error) => {
      assert.ok(error instanceof Error)
      assert.equal(error.code, code)
      if (message !== undefined) assert.equal(error.message, message)
      else assert.ok(error.message.length > 0)
      return true
    })
  })
}

/** Asserts that `call` throws an edgecore error with `code` whose message matches `pattern`. */
function throwsCode(call, code, pattern) {
  assert.throws(call, (error) => {
    assert.equal(error.code, code, error.message)
    if (pattern) assert.match(error.message, pattern)
    return true
  })
}

test('a malformed decimal string is InvalidRecord naming the argument or field', () => {
  throwsCode(() => e.payout('won', 'ten', '1.95'), 'InvalidRecord', /^invalid amount: stake: must be a finite decimal number, got "ten"$/)
  throwsCode(() => e.settle({ ...bet, stake: '1,5' }, final), 'InvalidRecord', /invalid bet: bet\.stake: invalid value: string "1,5", expected a Decimal type/)
  throwsCode(() => e.performance([bet, { ...bet, odds: '' }], '100'), 'InvalidRecord', /bets\[1\]\.odds/)
})

test('an invalid Date is InvalidRecord, never 1970', () => {
  throwsCode(() => e.settle({ ...bet, placedAt: new Date('not a date') }, final), 'InvalidRecord', /bet\.placedAt: must be a valid Date/)
  throwsCode(() => e.savingsProgress('1200', '100', new Date(NaN)), 'InvalidRecord', /asOf: must be a valid Date/)
})

test('integers are whole numbers in range, not truncated', () => {
  throwsCode(() => e.devigBatch([2, 2], 1.5, 'shin'), 'InvalidParameter', /invalid width = 1.5/)
  throwsCode(() => e.devigBatch([2, 2], -2, 'shin'), 'InvalidParameter', /invalid width = -2/)
  throwsCode(() => e.projectContributions('100', 5, NaN, 'equivalent', 'end'), 'InvalidParameter', /invalid years = NaN/)
  throwsCode(() => e.settle(bet, { status: 'final', home: -1, away: 0 }), 'InvalidRecord', /result\.home: must be a whole number/)
  throwsCode(
    () => e.amortizationSchedule({ principal: '1000', annualRatePct: '3', months: 2 ** 40, firstPayment: asOf, kind: 'annuity' }),
    'InvalidRecord',
    /loan\.months: must be a whole number from 0 to 4294967295/,
  )
})

test('non-finite numbers are the core errors', () => {
  throwsCode(() => e.devig([NaN, 2], 'multiplicative'), 'InvalidOdds')
  throwsCode(() => e.kellyFraction(2, Infinity), 'InvalidProbability')
  throwsCode(() => e.pmtBatch([0.01, NaN], 12, 1000), 'InvalidParameter')
})

test('malformed records and wrong types are InvalidRecord', () => {
  throwsCode(() => e.settle(bet, { status: 'postponed' }), 'InvalidRecord')
  throwsCode(() => e.performance('not an array', '0'), 'InvalidRecord')
  throwsCode(() => e.overround(['2', 'x']), 'InvalidRecord')
  throwsCode(() => e.riskSummary([{ subscriberId: 'a' }]), 'InvalidRecord', /scores\[0\]: missing field `score`/)
})

test('null and absent optional fields are the same', () => {
  const a = e.settle({ ...bet, line: null, outcome: null, closingOdds: undefined }, final)
  const b = e.settle(bet, final)
  assert.deepEqual(a, b)
})

test('arbitrary arguments throw an Error or return, never crash', async () => {
  const junk = [undefined, null, NaN, -1, 1e308, 'x', '', [], [NaN], {}, { status: 'final' }, new Date(NaN), () => 0]
  // Calls that would do real work with their defaults are left out: generate() builds a
  // whole season.
  const skip = new Set(['generate'])
  let calls = 0
  for (const [name, fn] of Object.entries(e)) {
    if (typeof fn !== 'function' || skip.has(name)) continue
    for (const a of junk) {
      for (const args of [[a], [a, a], [a, a, a, a, a, a, a]]) {
        calls += 1
        try {
          const r = fn(...args)
          if (r instanceof Promise) await r.catch((error) => assert.ok(error instanceof Error, name))
        } catch (error) {
          assert.ok(error instanceof Error, `${name} threw a non-Error`)
        }
      }
    }
  }
  assert.ok(calls > 1000)
})

test('null or undefined in place of a record is InvalidRecord naming the record', () => {
  const day = new Date('2024-06-30')
  const calls = [
    ['loan', () => e.amortizationSchedule(null)],
    ['loan', () => e.amortizationScheduleColumns(undefined)],
    ['loan', () => e.paymentsMade(null, day)],
    ['bet', () => e.betProfit(undefined)],
    ['bet', () => e.performance(null, '1000')],
    ['rate', () => e.pmtBatch(null, 12, 1000)],
  ]
  for (const [what, call] of calls) {
    assert.throws(call, (error) => error.code === 'InvalidRecord' && error.message.includes(what), what)
  }
})
