'use strict'
// The dashboard back end, called over loopback.

const test = require('node:test')
const assert = require('node:assert/strict')
const { createServer, demoData } = require('./server')

const data = demoData()
let server
let base

test.before(async () => {
  server = createServer(data)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${server.address().port}`
})

test.after(() => new Promise((resolve) => server.close(resolve)))

async function get(path) {
  const res = await fetch(base + path)
  return { status: res.status, body: await res.json() }
}

/** Exact sum of decimal strings, in cents. */
const cents = (values) => values.reduce((sum, v) => sum + BigInt(Math.round(Number(v) * 100)), 0n)

test('the history has bets from several agents', () => {
  assert.ok(data.bets.length > 10)
  assert.ok(new Set(data.bets.map((b) => b.source)).size >= 2)
})

test('bankroll curve: from the starting bankroll to the final one', async () => {
  const { status, body } = await get('/api/bankroll')
  assert.equal(status, 200)
  assert.equal(body.curve[0].bankroll, body.startingBankroll)
  assert.equal(body.curve.at(-1).bankroll, body.finalBankroll)
  assert.equal(cents([body.finalBankroll]) - cents([body.startingBankroll]), cents([body.profit]))
  assert.ok(body.curve.length > 1)
  assert.ok(!Number.isNaN(Date.parse(body.curve[1].at)))
})

test('ROI by bookmaker: the groups add up to the whole', async () => {
  const [{ body: groups }, { body: bankroll }] = await Promise.all([get('/api/roi-by-bookmaker'), get('/api/bankroll')])
  assert.ok(groups.length >= 2)
  assert.equal(cents(groups.map((g) => g.profit)), cents([bankroll.profit]))
  assert.equal(groups.reduce((n, g) => n + g.bets, 0), data.bets.length)
})

test('heatmap: 168 weekday x hour cells holding every bet', async () => {
  const { body } = await get('/api/heatmap')
  assert.equal(body.length, 168)
  assert.deepEqual([body[0].weekday, body[0].hour], ['monday', 0])
  assert.equal(body.reduce((n, c) => n + c.bets, 0), data.bets.length)
})

test('CLV tiers: every bet with a closing line has a tier', async () => {
  const { body } = await get('/api/clv-tiers')
  const counted = Object.values(body.tiers).reduce((a, b) => a + b, 0)
  assert.equal(counted, body.bets)
  assert.ok(body.bets > 0)
  assert.ok(['excellent', 'very_good', 'correct', 'warning'].includes(body.tier))
})

test('opportunities: scored by the consensus, best first', async () => {
  const { status, body } = await get('/api/opportunities')
  assert.equal(status, 200)
  assert.ok(body.opportunities.length > 0)
  for (const o of body.opportunities) {
    assert.ok(o.score >= 0 && o.score <= 100)
    assert.ok(['analyser', 'prudence'].includes(o.label))
    assert.ok(Math.abs(o.edge - (Number(o.price) * o.fairProbability - 1)) < 1e-12)
  }
  const scores = body.opportunities.map((o) => o.score)
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a))
})

test('a bad query is a 400 with the edgecore code', async () => {
  const { status, body } = await get('/api/opportunities?asOf=not-a-date')
  assert.equal(status, 400)
  assert.equal(body.error, 'InvalidRecord')
})

test('an unknown route is a 404', async () => {
  assert.equal((await get('/api/nothing')).status, 404)
})
