'use strict'
// The async forms of every long batch: each resolves to what its synchronous form returns,
// reports `(done, total)` strictly increasing up to `(total, total)`, and rejects with the
// synchronous form's error (same code, same message: the first bad item) when one fails.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

/** Waits for the progress reports still queued on the event loop. */
const drain = () => new Promise((resolve) => setTimeout(resolve, 20))

const N = 10_000
const taken = Float64Array.from({ length: N }, (_, i) => 1.5 + (i % 97) / 10)
const closing = Float64Array.from({ length: N }, (_, i) => 1.6 + (i % 89) / 10)
const probabilities = Float64Array.from({ length: N }, (_, i) => (i % 100) / 100)
const asOf = new Date('2026-03-15')
const options = { asOf: new Date('2026-03-15T12:00:00Z'), maxPriceAgeSeconds: 3600 }
const profiles = (n) => Array.from({ length: n }, (_, i) => ({ cash: [{ name: 'current', amount: (i / 100).toFixed(2) }] }))
const bets = () => Array.from(e.betHistoryFixture(3, N))
const results = Array.from({ length: N }, (_, i) => ({ status: 'final', home: i % 4, away: i % 3 }))

/** The error `run` throws. */
const thrown = (run) => {
  try {
    run()
  } catch (error) {
    return error
  }
  assert.fail('no error')
}

/** Runs `asyncForm(onProgress)`, checks it against `sync()` and the reports against `total`. */
async function check (total, sync, asyncForm) {
  const seen = []
  const out = await asyncForm((done, t) => seen.push([done, t]))
  assert.deepEqual(out, sync())
  await drain()
  if (total === 0) return assert.deepEqual(seen, [])
  assert.deepEqual(seen.at(-1), [total, total])
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] > seen[i - 1][0], JSON.stringify(seen))
  assert.ok(seen.every(([, t]) => t === total))
}

/** `asyncForm` rejects with the error `sync` throws, naming the same item. */
async function sameRejection (sync, asyncForm, code, value) {
  const error = thrown(sync)
  assert.equal(error.code, code)
  assert.match(error.message, new RegExp(value.replace('.', '\\.')))
  const seen = []
  await assert.rejects(asyncForm((done, total) => seen.push([done, total])), (rejected) => {
    assert.equal(rejected.code, code)
    assert.equal(rejected.message, error.message)
    return true
  })
  await drain()
  assert.ok(seen.every(([done, total]) => done < total))
}

test('clvBatchAsync and kellyFractionBatchAsync', async () => {
  await check(N, () => e.clvBatch(taken, closing), (p) => e.clvBatchAsync(taken, closing, p))
  await check(N, () => e.kellyFractionBatch(taken, probabilities), (p) => e.kellyFractionBatchAsync(taken, probabilities, p))
  await check(0, () => e.clvBatch([], []), (p) => e.clvBatchAsync([], [], p))
  const bad = Float64Array.from(taken)
  bad[N - 2] = 0.5
  bad[N / 2] = 0.25
  await sameRejection(() => e.clvBatch(bad, closing), (p) => e.clvBatchAsync(bad, closing, p), 'InvalidOdds', '0.25')
  await sameRejection(() => e.kellyFractionBatch(bad, probabilities), (p) => e.kellyFractionBatchAsync(bad, probabilities, p), 'InvalidOdds', '0.25')
  await assert.rejects(e.clvBatchAsync([2, 2], [2]), { code: 'LengthMismatch' })
  // Without a callback: the same result.
  assert.deepEqual(await e.clvBatchAsync(taken, closing), e.clvBatch(taken, closing))
})

test('settleBatchAsync', async () => {
  const all = bets()
  await check(N, () => e.settleBatch(all, results), (p) => e.settleBatchAsync(all, results, undefined, p))
  await check(N, () => e.settleBatch(all, results, { h2h: 'three_way' }), (p) => e.settleBatchAsync(all, results, { h2h: 'three_way' }, p))
  const bad = bets()
  bad[N - 2] = { ...bad[N - 2], stake: '-1' }
  bad[N / 2] = { ...bad[N / 2], stake: '-7.77' }
  await sameRejection(() => e.settleBatch(bad, results), (p) => e.settleBatchAsync(bad, results, undefined, p), 'InvalidAmount', '-7.77')
})

test('settleByEventAsync', async () => {
  // One event per bet; every third event has no result yet (its bet is pending, still counted).
  const keyed = (list) => list.map((bet, i) => ({ ...bet, eventId: `e${i}` }))
  const byEvent = Object.fromEntries(results.map((r, i) => [`e${i}`, r]).filter((_, i) => i % 3 !== 0))
  const all = keyed(bets())
  await check(N, () => e.settleByEvent(all, byEvent), (p) => e.settleByEventAsync(all, byEvent, undefined, p))
  await check(N, () => e.settleByEvent(all, byEvent, { h2h: 'three_way' }), (p) => e.settleByEventAsync(all, byEvent, { h2h: 'three_way' }, p))
  assert.equal((await e.settleByEventAsync(all, byEvent)).filter((s) => s == null).length, Math.ceil(N / 3))
  await check(0, () => e.settleByEvent([], byEvent), (p) => e.settleByEventAsync([], byEvent, undefined, p))
  const bad = keyed(bets())
  bad[3000] = { ...bad[3000], stake: '-3' } // pending: never settled, never refused
  bad[N - 2] = { ...bad[N - 2], stake: '-1' }
  bad[N / 2] = { ...bad[N / 2], stake: '-7.77' }
  await sameRejection(() => e.settleByEvent(bad, byEvent), (p) => e.settleByEventAsync(bad, byEvent, undefined, p), 'InvalidAmount', '-7.77')
})

test('netWorthBatchAsync and remainingCapitalBatchAsync', async () => {
  const loans = Array.from(e.loansFixture(5, 5000))
  await check(5000, () => e.remainingCapitalBatch(loans, asOf), (p) => e.remainingCapitalBatchAsync(loans, asOf, p))
  const all = profiles(5000)
  await check(5000, () => e.netWorthBatch(all, { prices: {} }, options), (p) => e.netWorthBatchAsync(all, { prices: {} }, options, p))
  all[4000].cash[0].amount = '-3.21'
  all[4500].cash[0].amount = '-1.00'
  await sameRejection(() => e.netWorthBatch(all, { prices: {} }, options), (p) => e.netWorthBatchAsync(all, { prices: {} }, options, p), 'InvalidAmount', '-3.21')
})

test('the time-value batches have async forms', async () => {
  const rate = Float64Array.from({ length: N }, (_, i) => (i % 50) / 1000)
  const nper = Float64Array.from({ length: N }, (_, i) => 1 + (i % 360))
  const periods = rate.map((r) => 12 + r * 1000)
  const forms = [
    [() => e.pmtBatch(rate, nper, 100000), (p) => e.pmtBatchAsync(rate, nper, 100000, undefined, undefined, p)],
    [() => e.ipmtBatch(rate, 1, nper, 100000), (p) => e.ipmtBatchAsync(rate, 1, nper, 100000, undefined, undefined, p)],
    [() => e.ppmtBatch(rate, 1, nper, 100000), (p) => e.ppmtBatchAsync(rate, 1, nper, 100000, undefined, undefined, p)],
    [() => e.pvBatch(rate, nper, -500), (p) => e.pvBatchAsync(rate, nper, -500, undefined, undefined, p)],
    [() => e.fvBatch(rate, nper, -500, 100000), (p) => e.fvBatchAsync(rate, nper, -500, 100000, undefined, p)],
    [() => e.nperBatch(rate, -10000, 100000), (p) => e.nperBatchAsync(rate, -10000, 100000, undefined, undefined, p)],
    [() => e.rateBatch(periods, -10000, 100000), (p) => e.rateBatchAsync(periods, -10000, 100000, undefined, undefined, undefined, p)],
  ]
  for (const [sync, asyncForm] of forms) await check(N, sync, asyncForm)
  const bad = Float64Array.from(rate)
  bad[N - 2] = -2
  bad[N / 2] = -1.5
  await sameRejection(() => e.pmtBatch(bad, nper, 100000), (p) => e.pmtBatchAsync(bad, nper, 100000, undefined, undefined, p), 'InvalidParameter', '-1.5')
  await assert.rejects(e.pmtBatchAsync([0.1, 0.2], [1, 2, 3], 100), { code: 'LengthMismatch' })
})
