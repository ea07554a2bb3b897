'use strict'
// The async forms: they settle with what the synchronous forms return or throw, report
// progress through their callback, and leave the event loop free while they run.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

/** Waits for the progress reports still queued on the event loop. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

test('devigBatchAsync resolves to devigBatch and reports progress in markets', async () => {
  const markets = 150_000
  const odds = new Float64Array(markets * 3)
  for (let m = 0; m < markets; m++) odds.set([2.1 + (m % 7) / 10, 3.4, 3.9 - (m % 5) / 10], m * 3)
  const seen = []
  const out = await e.devigBatchAsync(odds, 3, 'power', undefined, (done, total) => seen.push([done, total]))
  assert.ok(out instanceof Float64Array)
  assert.deepEqual(out, e.devigBatch(odds, 3, 'power'))
  await settle()
  assert.ok(seen.length >= 2, `only ${seen.length} reports`)
  assert.deepEqual(seen.at(-1), [markets, markets])
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] > seen[i - 1][0])
})

test('devigBatchAsync rejects with the error devigBatch throws', async () => {
  const odds = new Float64Array(200_000).fill(2)
  odds[150_001] = 0.5
  const sync = (() => {
    try {
      e.devigBatch(odds, 2, 'multiplicative')
    } catch (error) {
      return error
    }
  })()
  await assert.rejects(e.devigBatchAsync(odds, 2, 'multiplicative'), (error) => {
    assert.equal(error.code, 'InvalidOdds')
    assert.equal(error.message, sync.message)
    return true
  })
  await assert.rejects(e.devigBatchAsync([1.2, 1.2, 500], 3, 'additive'), { code: 'NegativeProbability' })
  await assert.rejects(e.devigBatchAsync([2, 2, 2], 2, 'shin'), { code: 'InvalidParameter' })
})

test('riskScoreBatchAsync resolves to riskScoreBatch and reports progress', async () => {
  const asOf = new Date('2024-06-30')
  const subscribers = Array.from({ length: 10_000 }, (_, i) => ({
    id: `u${i}`,
    signup: new Date('2024-01-01'),
    payments: [
      { date: new Date('2024-03-01'), amount: '20', succeeded: true },
      { date: new Date('2024-04-01'), amount: '20', succeeded: i % 3 !== 0 },
    ],
  }))
  const seen = []
  const scores = await e.riskScoreBatchAsync(subscribers, asOf, { high: 0.3 }, (d, t) => seen.push([d, t]))
  assert.deepEqual(scores, e.riskScoreBatch(subscribers, asOf, { high: 0.3 }))
  await settle()
  assert.deepEqual(seen.at(-1), [10_000, 10_000])
  await assert.rejects(e.riskScoreBatchAsync(subscribers, asOf, { medium: 2 }), { code: 'InvalidParameter' })
})

test('a long backtest leaves the event loop ticking', async () => {
  const season = e.generate({ seed: 7, events: 200, bookmakers: 6, anomalies: 6, arbitrages: 2, steamMoves: 2 })
  let ticks = 0
  const timer = setInterval(() => (ticks += 1), 1)
  const seen = []
  const started = Date.now()
  const pending = e.backtestAsync(season.snapshots, season.events, season.results, undefined, (done, total) =>
    seen.push([done, total]),
  )
  const ticksRightAfterCall = ticks
  const result = await pending
  const elapsed = Date.now() - started
  clearInterval(timer)
  assert.equal(ticksRightAfterCall, 0, 'the call returned before any work was done')
  assert.ok(ticks >= 3, `only ${ticks} ticks in ${elapsed} ms`)
  assert.equal(result.runs.length, 4)
  assert.deepEqual(result, e.backtest(season.snapshots, season.events, season.results))
  await settle()
  assert.ok(seen.length > 0)
  assert.equal(seen.at(-1)[0], seen.at(-1)[1])
  await assert.rejects(
    e.backtestAsync(season.snapshots, season.events, season.results, { flatStake: '-1' }),
    { code: 'InvalidAmount' },
  )
})
