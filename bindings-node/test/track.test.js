'use strict'
// The agents' track record: published picks bet on paper (`trackRecord`, `paperBets`,
// `paperRecords`, the `pick*` functions) on the case checked by hand that the Python test
// has, and the typed errors of bad picks and staking. The same case runs in Rust and Python
// as the vector `track/two_agents_won_lost_void_flat_and_kelly`.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

const close = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`)

function pick(eventId, selection, price, fairProbability, day, label, agents, closingOdds, closingProbability, outcome) {
  return {
    eventId, league: 'soccer_epl', market: 'h2h', selection, bookmaker: 'bet365', price, fairProbability,
    firstSeen: new Date(Date.UTC(2026, 10, day, 10)), label, agents, closingOdds, closingProbability, outcome,
  }
}

// e1 and e2 are published in ISO week 2026-W47, e3 in 2026-W48.
const PICKS = [
  pick('e1', 'home', '2.05', 0.55, 20, 'analyser', ['anomaly', 'spread'], '1.94', 0.5, 'won'),
  pick('e2', 'away', '3.00', 0.36, 21, 'prudence', ['spread'], '3.20', 0.3, 'lost'),
  pick('e3', 'draw', '3.40', 0.32, 28, 'prudence', ['anomaly'], '3.10', 0.31, 'void'),
]
const STAKING = { flatStake: '10', bankroll: '1000' }

test("a pick's paper figures", () => {
  // CLV (2.05 - 1.94) / 1.94 = 0.0567010; fair 2.05 x 0.5 - 1 = 0.025.
  close(e.pickClv(PICKS[0]), 0.11 / 1.94)
  close(e.pickClvFair(PICKS[0]), 0.025)
  // Quarter Kelly of 1000 capped at 5%: (2.05 x 0.55 - 1) / 1.05 / 4 = 3.0357% -> 30.35;
  // (3.4 x 0.32 - 1) / 2.4 / 4 = 0.9167% -> 9.16 (down to the cent).
  assert.equal(e.pickKellyStake(PICKS[0], STAKING), '30.35')
  assert.equal(e.pickKellyStake(PICKS[0]), '30.35')
  assert.equal(e.pickKellyStake(PICKS[2], { bankroll: '1000' }), '9.16')
  const bet = e.pickPaperBet(PICKS[0], 'anomaly', '10')
  assert.equal(bet.id, 'e1/h2h//home/bet365/anomaly')
  assert.deepEqual([bet.odds, bet.stake, bet.source, bet.outcome], ['2.05', '10', 'anomaly', 'won'])
  assert.equal(e.betProfit(bet), '10.50')
  // Home wins 2-1: the away pick lost; a cancelled event is void.
  assert.equal(e.pickSettle(PICKS[0], { status: 'final', home: 2, away: 1 }), 'won')
  assert.equal(e.pickSettle(PICKS[1], { status: 'final', home: 2, away: 1 }), 'lost')
  assert.equal(e.pickSettle(PICKS[2], { status: 'cancelled' }), 'void')
  const pending = { ...PICKS[0], closingOdds: null, closingProbability: undefined, outcome: null }
  assert.equal(e.pickClv(pending), null)
  assert.equal(e.pickClvFair(pending), null)
})

test('the hand-checked track record', () => {
  const r = e.trackRecord(PICKS, STAKING)
  assert.equal(r.picks, 3)
  const [anomaly, spread] = r.agents
  assert.deepEqual([anomaly.agent, spread.agent], ['anomaly', 'spread'])
  // Flat 10. anomaly: e1 won +10.50, e3 void 0 -> 10.50 on 20 staked; both beat the close.
  assert.deepEqual([anomaly.flat.bets, anomaly.flat.profit, anomaly.flat.winRate], [2, '10.50', 1])
  close(anomaly.flat.roi, 0.525)
  close(anomaly.flat.averageClv, (0.11 / 1.94 + 0.3 / 3.1) / 2)
  assert.deepEqual([anomaly.flat.beatCloseShare, anomaly.flat.maxDrawdown, anomaly.flat.maxDrawdownAmount], [1, 0, '0.00'])
  // spread: e1 +10.50, e2 -10 -> 0.50 on 20; half beat the close; a fall of 10 from 1010.50.
  assert.deepEqual([spread.flat.bets, spread.flat.profit, spread.flat.winRate, spread.flat.beatCloseShare], [2, '0.50', 0.5, 0.5])
  close(spread.flat.roi, 0.025)
  close(spread.flat.averageClv, (0.11 / 1.94 - 0.0625) / 2)
  assert.equal(Number(spread.flat.maxDrawdownAmount), 10)
  close(spread.flat.maxDrawdown, 10 / 1010.5)
  // Kelly: e1 30.35 won (paid 62.2175 -> 62.22, +31.87), e2 10.00 lost, e3 9.16 void.
  assert.equal(anomaly.kelly.profit, '31.87')
  close(anomaly.kelly.roi, 31.87 / 39.51)
  assert.equal(spread.kelly.profit, '21.87')
  close(spread.kelly.roi, 21.87 / 40.35)
  assert.deepEqual(anomaly.weeks.map((w) => [w.key, w.summary.bets, w.summary.profit]), [['2026-W47', 1, '10.50'], ['2026-W48', 1, '0.00']])
  assert.deepEqual(spread.weeks.map((w) => [w.key, w.summary.bets]), [['2026-W47', 2]])
  // The label check, one flat bet per pick: analyser e1 +10.50; prudence e2 -10, e3 void.
  const [analyser, prudence] = r.labels
  assert.deepEqual([analyser.agent, analyser.bets, analyser.profit, analyser.roi], ['analyser', 1, '10.50', 1.05])
  assert.deepEqual([prudence.agent, prudence.bets, Number(prudence.profit), prudence.roi], ['prudence', 2, -10, -0.5])
  close(prudence.averageClv, (-0.0625 + 0.3 / 3.1) / 2)
  assert.deepEqual(e.trackRecord([]), { picks: 0, agents: [], labels: [] })
})

test('paper bets and records', () => {
  assert.deepEqual(e.paperBets(PICKS, STAKING).map((b) => [b.source, b.stake]), [
    ['anomaly', '10'], ['spread', '10'], ['spread', '10'], ['anomaly', '10'],
  ])
  assert.deepEqual(e.paperBets(PICKS, STAKING, 'kelly').map((b) => b.stake), ['30.35', '30.35', '10.00', '9.16'])
  // At least a 10% edge: only e1 (0.1275) is staked; e2 (0.08) and e3 (0.088) are left out.
  assert.deepEqual(e.paperBets(PICKS, { policy: { minEdge: 0.1 } }, 'kelly').map((b) => b.eventId), ['e1', 'e1'])
  const records = e.paperRecords(PICKS, [], STAKING)
  assert.deepEqual(records.map((x) => [x.agent, x.bets]), [['anomaly', 2], ['spread', 2]])
  close(records[0].averageClv, (0.11 / 1.94 + 0.3 / 3.1) / 2)
  const extra = e.pickPaperBet(PICKS[1], 'movement', '5')
  assert.deepEqual(e.paperRecords(PICKS, [extra]).map((x) => x.agent), ['anomaly', 'spread', 'movement'])
})

/** The picks with `fields` changed in pick `index`. */
const bad = (index, fields) => PICKS.map((p, i) => (i === index ? { ...p, ...fields } : p))

test('bad picks throw typed errors', () => {
  const cases = [
    [bad(1, { price: '1' }), 'InvalidOdds', /^invalid odds 1:/],
    [bad(0, { closingOdds: '0.5' }), 'InvalidOdds', /^invalid odds 0\.5:/],
    [bad(0, { fairProbability: 1.5 }), 'InvalidProbability', /^invalid probability 1\.5:/],
    [bad(2, { agents: [] }), 'EmptyInput', /^empty input: agents needs at least 1 \(got 0\)$/],
  ]
  for (const [picks, code, message] of cases) {
    for (const call of [() => e.trackRecord(picks), () => e.paperBets(picks, undefined, 'kelly'), () => e.paperRecords(picks)]) {
      assert.throws(call, (err) => err.code === code && message.test(err.message), `${code} ${message}`)
    }
  }
  // An unknown agent or label is refused with a typed error naming the value.
  for (const picks of [bad(2, { agents: ['oracle'] }), bad(0, { label: 'maybe' })]) {
    assert.throws(() => e.trackRecord(picks), (err) => e.errorCodes().includes(err.code) && /oracle|maybe/.test(err.message))
  }
})

test('bad staking and arguments throw typed errors', () => {
  const code = (c) => (err) => err.code === c
  assert.throws(() => e.trackRecord(PICKS, { flatStake: '0' }), (err) => err.code === 'InvalidAmount' && /flat_stake/.test(err.message))
  assert.throws(() => e.paperBets(PICKS, { bankroll: '-1' }), code('InvalidAmount'))
  assert.throws(() => e.trackRecord(PICKS, { flat: '10' }), code('InvalidRecord'))
  assert.throws(() => e.paperBets(PICKS, STAKING, 'martingale'), code('UnknownName'))
  assert.throws(() => e.pickPaperBet(PICKS[0], 'anomaly', '0'), code('InvalidAmount'))
  assert.throws(() => e.pickKellyStake(PICKS[0], { policy: { fraction: 2 } }), code('InvalidParameter'))
  assert.throws(() => e.trackRecord([{ ...PICKS[0], firstSeen: 'yesterday' }]), code('InvalidRecord'))
  assert.throws(() => e.trackRecord('picks'), code('InvalidRecord'))
})
