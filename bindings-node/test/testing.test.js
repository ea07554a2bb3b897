'use strict'
// The guarantees of `edgecore/testing`: each one holds on many generated values, shrinking
// gives small counterexamples, the subpath loads as CommonJS and as an ES module, and a
// missing fast-check is explained.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const fc = require('fast-check')
const e = require('..')
const kit = require('edgecore/testing')

const MANY = { numRuns: 300 }
/** The counterexample fast-check shrinks `predicate` to (it must fail somewhere). */
function shrunk(arbitrary, predicate) {
  const details = fc.check(fc.property(arbitrary, predicate), { seed: 42, numRuns: 2000 })
  assert.equal(details.failed, true, 'the wrong rule must fail')
  return details.counterexample[0]
}
const cents = (s) => Math.round(Number(s) * 100)

const BACK = {
  american: e.americanToDecimal,
  hongKong: e.hongKongToDecimal,
  malay: e.malayToDecimal,
  indonesian: e.indonesianToDecimal,
  fractional: e.fractionalToDecimal,
}

test('odds of every format convert back to valid prices in range', () => {
  for (const [format, back] of Object.entries(BACK)) {
    fc.assert(
      fc.property(kit.odds({ format, minPrice: '1.20', maxPrice: '30' }), (value) => {
        const decimal = back(value)
        assert.ok(Number.isFinite(decimal))
        assert.ok(decimal >= 1.2 - 1e-6 && decimal <= 30 + 1e-6, `${format} ${JSON.stringify(value)} -> ${decimal}`)
      }),
      MANY,
    )
  }
  fc.assert(
    fc.property(kit.odds(), (price) => {
      assert.match(price, /^\d+\.\d\d$/)
      assert.ok(cents(price) >= 101 && cents(price) <= 10_000)
    }),
    MANY,
  )
})

test('every market has its margin in range and de-vigs', () => {
  fc.assert(
    fc.property(kit.markets({ outcomes: [2, 6], margin: [0.01, 0.08] }), (prices) => {
      assert.ok(prices.length >= 2 && prices.length <= 6)
      const floats = prices.map(Number)
      const m = e.overround(floats)
      assert.ok(m >= 0.01 && m <= 0.08, `margin ${m}`)
      const fair = e.devig(floats, 'shin').probabilities
      assert.ok(Math.abs(fair.reduce((a, b) => a + b, 0) - 1) < 1e-9)
    }),
    MANY,
  )
  fc.assert(
    fc.property(kit.markets({ outcomes: [3, 3], margin: [0, 0.005], places: 3 }), (prices) => {
      assert.ok(prices.every((p) => /^\d+\.\d{3}$/.test(p)))
      const m = e.overround(prices.map(Number))
      assert.ok(m >= 0 && m <= 0.005)
    }),
    { numRuns: 100 },
  )
})

test('every board quotes each outcome of each bookmaker around the fair price', () => {
  fc.assert(
    fc.property(kit.boards({ margin: [0.02, 0.06] }), (board) => {
      const books = [...new Set(board.snapshots.map((s) => s.bookmaker))].sort()
      assert.deepEqual(books, ['bet365', 'pinnacle', 'unibet', 'winamax'])
      assert.ok(Math.abs(board.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-12)
      for (const book of books) {
        const prices = board.snapshots.filter((s) => s.bookmaker === book).map((s) => Number(s.price))
        assert.equal(prices.length, board.probabilities.length)
        const m = e.overround(prices)
        assert.ok(m >= 0.02 && m <= 0.06)
        const fair = e.devig(prices, 'multiplicative').probabilities
        fair.forEach((f, i) => assert.ok(Math.abs(f - board.probabilities[i]) < 0.02))
      }
      assert.ok(board.snapshots.every((s) => s.capturedAt < board.event.kickoff))
      assert.equal(e.boardQuotes(board.snapshots, board.capturedAt).length, board.snapshots.length)
    }),
    MANY,
  )
})

test('every bet settles against its score', () => {
  fc.assert(
    fc.property(kit.scoredBets(), ({ event, bet, result }) => {
      assert.equal(bet.eventId, event.id)
      assert.ok(bet.placedAt < event.kickoff)
      const s = e.settle(bet, result)
      assert.equal(cents(s.profit), cents(s.payout) - cents(bet.stake))
      assert.ok(cents(s.payout) >= 0 && cents(s.payout) <= cents(e.roundCents(String(Number(bet.stake) * Number(bet.odds)))) + 1)
    }),
    MANY,
  )
})

test('every loan validates and repays its principal', () => {
  fc.assert(
    fc.property(kit.loans(), (loan) => {
      const s = e.amortizationSchedule(loan)
      assert.equal(s.rows.length, loan.months)
      assert.equal(cents(s.rows[s.rows.length - 1].remaining), 0)
      assert.equal(s.rows.reduce((a, r) => a + cents(r.principal), 0), cents(loan.principal))
    }),
    MANY,
  )
  fc.assert(
    fc.property(kit.loans({ kinds: ['linear'], insurance: true, deferral: true, maxMonths: 48 }), (loan) => {
      assert.equal(loan.kind, 'linear')
      assert.ok(loan.insurance && loan.deferral && loan.deferral.months < loan.months && loan.months <= 48)
      e.amortizationSchedule(loan)
    }),
    { numRuns: 100 },
  )
  fc.assert(
    fc.property(kit.loans({ insurance: false, deferral: false }), (loan) => {
      assert.equal(loan.insurance, null)
      assert.equal(loan.deferral, null)
    }),
    { numRuns: 100 },
  )
})

test('every cash-flow series changes sign once and has its IRR', () => {
  fc.assert(
    fc.property(kit.cashFlows(), ({ values, dates, signChange }) => {
      assert.ok(values.slice(0, signChange).every((v) => v < 0))
      assert.ok(values.slice(signChange).every((v) => v > 0))
      assert.ok(dates.every((d, i) => i === 0 || dates[i - 1] < d))
      const rate = e.irr(values)
      assert.ok(rate > -1)
      const scale = values.reduce((a, v, t) => a + Math.abs(v) / (1 + rate) ** t, 0)
      assert.ok(Math.abs(e.npv(rate, values)) <= 1e-9 * scale)
    }),
    MANY,
  )
})

test('every profile values', () => {
  const asOf = new Date('2025-06-30T12:00:00Z')
  const prices = { prices: Object.fromEntries(kit.CRYPTO_SYMBOLS.map((s) => [s, { price: '1234.56', asOf }])) }
  fc.assert(
    fc.property(kit.profiles(), (profile) => {
      const worth = e.netWorth(profile, prices, { asOf, maxPriceAgeSeconds: 3600 })
      assert.deepEqual(worth.flagged, [])
      assert.ok(profile.realEstate.every((h) => h.loan === null || cents(h.value) >= cents(h.loan.principal)))
    }),
    MANY,
  )
})

test('every subscriber scores', () => {
  fc.assert(
    fc.property(kit.subscribers(), (subscriber) => {
      const dates = subscriber.payments.map((p) => p.date.getTime())
      assert.deepEqual(dates, [...dates].sort((a, b) => a - b))
      assert.ok(dates.every((d) => d >= subscriber.signup.getTime() && d <= kit.AS_OF.getTime()))
      const score = e.riskScore(subscriber, kit.AS_OF)
      assert.ok(score.score >= 0 && score.score <= 1)
    }),
    MANY,
  )
})

test('a wrong margin function shrinks to the smallest three-way market', () => {
  // Written for moneylines: reads the first two prices only.
  const bookMargin = (prices) => 1 / Number(prices[0]) + 1 / Number(prices[1]) - 1
  const found = shrunk(kit.markets({ outcomes: [2, 8] }), (prices) => {
    assert.ok(Math.abs(bookMargin(prices) - e.overround(prices.map(Number))) < 1e-9)
  })
  // Three even outcomes at the lowest margin: 3 / 1.02 = 2.941... -> 2.94.
  assert.deepEqual(found, ['2.94', '2.94', '2.94'])
})

test('a wrong bet rule shrinks to the plainest losing bet', () => {
  // Wrong: "a settled bet never loses money".
  const found = shrunk(kit.scoredBets(), ({ bet, result }) => {
    assert.ok(!e.settle(bet, result).profit.startsWith('-'))
  })
  assert.deepEqual([found.bet.market, found.bet.selection, found.bet.line], ['h2h', 'home', null])
  assert.deepEqual([found.bet.odds, found.bet.stake], ['1.01', '0.01'])
  assert.deepEqual(found.result, { status: 'final', home: 0, away: 0 })
})

test('a wrong loan rule shrinks to a one-month loan at 0%', () => {
  // Wrong: "a loan always costs interest".
  const found = shrunk(kit.loans(), (loan) => {
    assert.notEqual(cents(e.amortizationSchedule(loan).totalInterest), 0)
  })
  assert.deepEqual(
    [found.months, found.principal, found.annualRatePct, found.kind, found.insurance, found.deferral],
    [1, '1000.00', '0.00', 'annuity', null, null],
  )
})

test('bad options are range errors', () => {
  const bad = [
    () => kit.odds({ format: 'roman' }),
    () => kit.odds({ minPrice: '1.00' }),
    () => kit.markets({ outcomes: [1, 3] }),
    () => kit.markets({ margin: [0.1, 0.05] }),
    () => kit.markets({ margin: [-0.1, 0.05] }),
    () => kit.boards({ bookmakers: [] }),
    () => kit.boards({ bookmakers: ['a', 'a'] }),
    () => kit.scoredBets({ markets: ['corners'] }),
    () => kit.loans({ kinds: ['balloon'] }),
    () => kit.loans({ maxMonths: 0 }),
    () => kit.cashFlows({ length: [1, 3] }),
    () => kit.profiles({ maxItems: -1 }),
    () => kit.subscribers({ maxPayments: -1 }),
  ]
  for (const make of bad) assert.throws(make, RangeError)
})

test('the ES module entry exports the same arbitraries', async () => {
  const esm = await import('edgecore/testing')
  const names = Object.keys(kit).sort()
  assert.deepEqual(Object.keys(esm).filter((n) => n !== 'default').sort(), names)
  assert.equal(esm.default, kit)
})

test('without fast-check the import says what to install', () => {
  // A preload that makes `require('fast-check')` fail as it does when it is not installed.
  const hide = [
    "const Module = require('node:module')",
    'const resolve = Module._resolveFilename',
    'Module._resolveFilename = function (request, ...rest) {',
    "  if (request === 'fast-check') {",
    "    const error = new Error(\"Cannot find module 'fast-check'\")",
    "    error.code = 'MODULE_NOT_FOUND'",
    '    throw error',
    '  }',
    '  return resolve.call(this, request, ...rest)',
    '}',
  ].join('\n')
  const code = `${hide}
try { require('edgecore/testing'); console.log('loaded') } catch (error) { console.log(error.code, error.message) }
require('edgecore')
console.log('main entry loads')`
  const out = spawnSync(process.execPath, ['-e', code], { cwd: path.join(__dirname, '..'), encoding: 'utf8', timeout: 60_000 })
  assert.equal(out.status, 0, out.stderr)
  assert.match(out.stdout, /^MODULE_NOT_FOUND edgecore\/testing needs the fast-check library: install it with `npm install --save-dev fast-check`/)
  assert.match(out.stdout, /main entry loads/)
})

test("the README's example runs", () => {
  const readme = require('node:fs').readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/^```javascript\n(.*?)^```$/gms)].map((m) => m[1])
  assert.ok(blocks.length > 0)
  const out = spawnSync(process.execPath, ['-e', blocks.join('\n')], { cwd: path.join(__dirname, '..'), encoding: 'utf8', timeout: 60_000 })
  assert.equal(out.status, 0, out.stderr)
})
