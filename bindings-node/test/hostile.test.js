'use strict'
// Targeted attacks on the addon's boundary, each in a child process (see child.js): a crash
// is a failed test with its input. Typed arrays whose memory changes during a call (a later
// argument's getter resizes, transfers or frees it; a worker writes a SharedArrayBuffer),
// absurd sizes for the async forms, a throwing progress callback, hostile values that must
// all give an error with one of the package's codes, unknown configuration keys.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')
const { runChild, ending } = require('./child.js')

/**
 * Calls of the functions that take a column, each as `[name, args]` where `'A'` is the
 * column attacked (a `Float64Array`) and `'H'` a later plain array whose first item is a
 * getter that runs the attack; the values are what each argument holds.
 */
const COLUMN_CALLS = [
  ['clvBatch', [['A', [2.1, 2.2, 2.3]], ['H', [1.9, 1.9, 1.9]]]],
  ['kellyFractionBatch', [['A', [2.1, 2.2, 2.3]], ['H', [0.5, 0.5, 0.5]]]],
  ['kellyExclusive', [['A', [2.5, 3.5, 4.5]], ['H', [0.45, 0.3, 0.2]]]],
  ['kellyExclusiveDetail', [['A', [2.5, 3.5, 4.5]], ['H', [0.45, 0.3, 0.2]]]],
  ['expectedLogGrowthExclusive', [['A', [2.5, 3.5, 4.5]], ['H', [0.45, 0.3, 0.2]], ['=', [0.1, 0.05, 0]]]],
  ['pmtBatch', [['A', [0.01, 0.02, 0.03]], ['H', [12, 24, 36]], ['=', 1000]]],
  ['fvBatch', [['A', [0.01, 0.02, 0.03]], ['H', [12, 24, 36]], ['=', -100], ['=', 1000]]],
  ['pvBatch', [['A', [0.01, 0.02, 0.03]], ['H', [12, 24, 36]], ['=', -100]]],
  ['ipmtBatch', [['A', [0.01, 0.02, 0.03]], ['H', [1, 2, 3]], ['=', 12], ['=', 1000]]],
  ['ppmtBatch', [['A', [0.01, 0.02, 0.03]], ['H', [1, 2, 3]], ['=', 12], ['=', 1000]]],
  ['nperBatch', [['A', [0.01, 0.02, 0.03]], ['H', [-100, -100, -100]], ['=', 1000]]],
  ['rateBatch', [['A', [12, 24, 36]], ['H', [-100, -100, -100]], ['=', 1000]]],
]

/** The child's script: each call with the attack `attack(buf)` run by the getter. */
function attackScript(attack) {
  return `
const calls = ${JSON.stringify(COLUMN_CALLS)}
const plain = (v) => (v instanceof Float64Array ? Array.from(v) : v)
const outcome = (f) => {
  try { return JSON.stringify(f(), (k, v) => plain(v)) } catch (error) { return 'throws ' + error.code }
}
const attack = ${attack}
const results = {}
for (const [name, spec] of calls) {
  process.stdout.write(name + '\\n')
  const expected = outcome(() => e[name](...spec.map(([, v]) => v)))
  const observed = []
  for (let round = 0; round < 20; round++) {
    const args = spec.map(([kind, v]) => {
      if (kind === 'A') {
        const buf = new ArrayBuffer(8 * v.length, { maxByteLength: 8 * v.length })
        const a = new Float64Array(buf)
        a.set(v)
        args_buf = buf
        return a
      }
      if (kind === 'H') {
        const h = v.slice()
        Object.defineProperty(h, 0, { get() { attack(args_buf); return v[0] } })
        return h
      }
      return v
    })
    observed.push(outcome(() => e[name](...args)))
    // Fill the freed memory with other values, so that a read after free shows.
    const junk = []
    for (let i = 0; i < 50; i++) junk.push(new Float64Array(64).fill(1e300))
  }
  results[name] = { expected, observed: [...new Set(observed)] }
}
var args_buf
done(results)
`
}

function assertCopied(run) {
  assert.equal(run.status, 0, ending(run))
  for (const [name, { expected, observed }] of Object.entries(run.value)) {
    assert.ok(!expected.startsWith('throws'), `${name}: ${expected}`)
    assert.deepEqual(observed, [expected], name)
  }
}

test('a later getter that shrinks a column\'s resizable buffer cannot reach the call', () => {
  assertCopied(runChild(attackScript('(buf) => { buf.resize(0); global.gc() }'), { flags: ['--expose-gc'] }))
})

test('a later getter that transfers a column\'s buffer away and collects it cannot reach the call', () => {
  const attack = '(buf) => { structuredClone(buf, { transfer: [buf] }); global.gc() }'
  assertCopied(runChild(attackScript(attack), { flags: ['--expose-gc'] }))
})

test('a worker writing NaN into a SharedArrayBuffer during clvBatch never gets NaN out', () => {
  const run = runChild(`
const { Worker } = require('node:worker_threads')
const n = 65536
const shared = new SharedArrayBuffer(8 * n)
const taken = new Float64Array(shared).fill(2.1)
const stop = new Int32Array(new SharedArrayBuffer(4))
const worker = new Worker(\`
  const { workerData: [shared, stop] } = require('node:worker_threads')
  const a = new Float64Array(shared), flag = new Int32Array(stop)
  while (Atomics.load(flag, 0) === 0) {
    a.fill(NaN, 0, 64)
    a.fill(NaN, a.length - 64)
    a.fill(2.1)
  }\`, { eval: true, workerData: [shared, stop] })
const closing = new Float64Array(n).fill(1.9)
const seen = { ok: 0, InvalidOdds: 0, other: [] , nan: 0 }
worker.on('online', () => {
  for (let k = 0; k < 1000; k++) {
    try {
      const out = e.clvBatch(taken, closing)
      if (out.some((x) => !Number.isFinite(x))) seen.nan += 1
      else seen.ok += 1
    } catch (error) {
      if (error.code === 'InvalidOdds') seen.InvalidOdds += 1
      else seen.other.push(String(error.code))
    }
  }
  Atomics.store(stop, 0, 1)
  worker.terminate().then(() => done(seen))
})
`)
  assert.equal(run.status, 0, ending(run))
  const seen = run.value
  assert.equal(seen.nan, 0, JSON.stringify(seen))
  assert.deepEqual(seen.other, [])
  assert.equal(seen.ok + seen.InvalidOdds, 1000)
})

test('a detached or shrunk Float64Array is refused, not read as empty', () => {
  const a = new Float64Array([2, 2])
  structuredClone(a.buffer, { transfer: [a.buffer] })
  assert.throws(() => e.devig(a, 'multiplicative'), (error) => error.code === 'InvalidRecord' && /invalid odds: is a Float64Array whose buffer is detached/.test(error.message))
  assert.throws(() => e.clvBatch(a, a), { code: 'InvalidRecord' })
  const buf = new ArrayBuffer(32, { maxByteLength: 32 })
  const view = new Float64Array(buf, 16, 2)
  buf.resize(8)
  assert.throws(() => e.overround(view), (error) => error.code === 'InvalidRecord' && /no longer fits/.test(error.message))
  // A length-tracking view of a resized buffer reads what it holds now.
  const tracking = new Float64Array(new ArrayBuffer(24, { maxByteLength: 24 }))
  tracking.fill(2)
  tracking.buffer.resize(16)
  assert.deepEqual(Array.from(e.kellyFractionBatch(tracking, [0.6, 0.6])), Array.from(e.kellyFractionBatch([2, 2], [0.6, 0.6])))
})

test('a column that is another typed array, or a sparse array of absurd length, is refused', () => {
  assert.throws(() => e.overround(new Int32Array([2, 2])), (error) => error.code === 'InvalidRecord' && /another typed array/.test(error.message))
  const sparse = []
  sparse[2 ** 32 - 2] = 2
  assert.throws(() => e.overround(sparse), (error) => error.code === 'InvalidRecord' && /items, more than/.test(error.message))
  assert.throws(() => e.overround([2, 'x']), (error) => error.code === 'InvalidRecord' && /invalid odds: item 1 must be a number, got a string/.test(error.message))
})

test('async forms with absurd sizes reject or resolve, never abort', () => {
  const run = runChild(`
const huge = [2 ** 48, 2 ** 53 - 1, 2 ** 32, 2 ** 31]
const outcomes = []
const settle = (label, call) => {
  let p
  try {
    p = call()
  } catch (error) {
    outcomes.push([label, 'throws', error.code])
    return
  }
  return p.then((v) => outcomes.push([label, 'resolved', v.length]), (error) => outcomes.push([label, 'rejected', error.code]))
}
;(async () => {
  for (const w of huge) {
    await settle('devigBatchAsync([], ' + w + ')', () => e.devigBatchAsync([], w, 'multiplicative'))
    await settle('devigBatchAsync(4, ' + w + ')', () => e.devigBatchAsync(new Float64Array(4).fill(2), w, 'multiplicative'))
    await settle('riskScoreBatchAsync recentWindow ' + w, () => e.riskScoreBatchAsync([], new Date('2024-06-30'), { recentWindow: w }))
    await settle('backtestAsync maxBets ' + w, () => e.backtestAsync([], [], [], { maxBetsPerSelection: w, settleAfterSeconds: w }))
  }
  done(outcomes)
})()
`)
  assert.equal(run.status, 0, ending(run))
  for (const [label, how, what] of run.value) {
    if (how !== 'resolved') assert.ok(e.errorCodes().includes(what), `${label}: ${what}`)
  }
  assert.equal(run.value.length, 16)
  // The async form agrees with the synchronous one.
  assert.deepEqual(run.value[0], ['devigBatchAsync([], 281474976710656)', 'resolved', e.devigBatch([], 2 ** 48, 'multiplicative').length])
})

test('an exception thrown by onProgress rejects the promise unchanged and never reaches uncaughtException', () => {
  const run = runChild(`
const uncaught = []
process.on('uncaughtException', (error) => uncaught.push(String(error && error.message)))
const odds = new Float64Array(3 * 200_000).fill(3)
const results = []
;(async () => {
  let calls = 0
  for (const [label, make] of [
    ['devig', (cb) => e.devigBatchAsync(odds, 3, 'multiplicative', undefined, cb)],
    ['risk', (cb) => e.riskScoreBatchAsync(Array.from({ length: 9000 }, (_, i) => ({ id: 'u' + i, signup: new Date('2024-01-01'), payments: [] })), new Date('2024-06-30'), undefined, cb)],
  ]) {
    for (const throwAt of [1, 2, 'never']) {
      calls = 0
      class Boom extends Error {}
      const thrown = new Boom('boom ' + label)
      const cb = () => { calls += 1; if (calls >= throwAt) throw thrown }
      try {
        await make(cb)
        results.push([label, throwAt, 'resolved'])
      } catch (error) {
        results.push([label, throwAt, 'rejected', error === thrown, error instanceof Boom, error.message, 'code' in error])
      }
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 100))
  done({ results, uncaught })
})()
`)
  assert.equal(run.status, 0, ending(run))
  const { results, uncaught } = run.value
  assert.deepEqual(uncaught, [])
  assert.equal(results.length, 6)
  for (const [label, throwAt, how, same, ownClass, message, hasCode] of results) {
    if (throwAt === 'never') assert.equal(how, 'resolved', label)
    else assert.deepEqual([how, same, ownClass, message, hasCode], ['rejected', true, true, `boom ${label}`, false], `${label} ${throwAt}`)
  }
})

test('a value other than an Error thrown by onProgress rejects the promise with that same value', () => {
  const run = runChild(`
const uncaught = []
process.on('uncaughtException', (error) => uncaught.push(String(error && error.message)))
const odds = new Float64Array(3 * 20_000).fill(3)
const unprintable = { toString() { throw new Error('no text') } }
const values = [
  ['42', 42], ['a string', 'boom'], ['null', null], ['undefined', undefined], ['a symbol', Symbol('boom')],
  ['an object without a prototype', Object.create(null)], ['an object whose toString throws', unprintable],
  ['a frozen object', Object.freeze({ reason: 'boom' })],
]
const results = []
;(async () => {
  for (const [label, thrown] of values) {
    try {
      await e.devigBatchAsync(odds, 3, 'multiplicative', undefined, () => { throw thrown })
      results.push([label, 'resolved'])
    } catch (error) {
      results.push([label, 'rejected', error === thrown])
    }
  }
  // The next call still works, and reports again.
  let reports = 0
  await e.devigBatchAsync(odds, 3, 'multiplicative', undefined, () => { reports += 1 })
  await new Promise((resolve) => setTimeout(resolve, 100))
  done({ results, uncaught, reports })
})()
`)
  assert.equal(run.status, 0, ending(run))
  const { results, uncaught, reports } = run.value
  assert.deepEqual(uncaught, [])
  assert.equal(results.length, 8)
  for (const [label, ...outcome] of results) assert.deepEqual(outcome, ['rejected', true], label)
  assert.ok(reports > 0)
})

/** Asserts that `call` throws an Error whose `code` is one of the package's. */
function throwsCoded(call, label) {
  assert.throws(call, (error) => {
    assert.ok(error instanceof Error, label)
    assert.ok(e.errorCodes().includes(error.code), `${label}: code ${error.code}: ${error.message}`)
    return true
  }, label)
}

test('hostile values give an Error with one of the package codes', () => {
  const bet = {
    id: 'b1', eventId: 'e1', league: 'soccer_epl', market: 'h2h', selection: 'home',
    bookmaker: 'pinnacle', odds: '1.95', stake: '10', placedAt: new Date('2025-01-01T12:00:00Z'),
    source: 'manual',
  }
  const cyclic = { ...bet }
  cyclic.self = cyclic
  const fakeDate = Object.create(Date.prototype)
  const cases = [
    ['null in a record list', () => e.performance([bet, null], '100')],
    ['undefined in a record list', () => e.performance([undefined], '100')],
    ['a BigInt for a number', () => e.pmt(10n, 12, 1000)],
    ['a BigInt for a string', () => e.payout('won', 10n, '1.95')],
    ['an object with a BigInt for a string', () => e.payout('won', { n: 10n }, '1.95')],
    ['a cyclic object for a string', () => e.payout('won', cyclic, '1.95')],
    ['a cyclic record field', () => e.settle({ ...bet, stake: cyclic }, { status: 'final', home: 1, away: 0 })],
    ['a fake Date', () => e.savingsProgress('1200', '100', fakeDate)],
    ['a string for a number', () => e.pmt('0.01', 12, 1000)],
    ['a number for a string', () => e.devig([2, 2], 5)],
    ['a symbol', () => e.kellyFraction(Symbol('x'), 0.5)],
    ['an object for a boolean', () => e.amortizationSchedule({ principal: '1', annualRatePct: '1', months: 1, firstPayment: new Date(), kind: 'annuity', insurance: { rate: {} } })],
    ['a proxy that throws', () => e.overround(new Proxy([2, 2], { get() { throw new RangeError('trap') } }))],
  ]
  for (const [label, call] of cases) throwsCoded(call, label)
})

test('an exception thrown by the caller\'s own code while a call reads it comes out unchanged', () => {
  const bet = {
    id: 'b1', eventId: 'e1', league: 'soccer_epl', market: 'h2h', selection: 'home',
    bookmaker: 'pinnacle', odds: '1.95', stake: '10', placedAt: new Date('2025-01-01T12:00:00Z'),
    source: 'manual',
  }
  const result = { status: 'final', home: 1, away: 0 }
  class Hostile extends Error {}
  const throwing = (thrown) => Object.defineProperty({ ...bet }, 'stake', { get() { throw thrown } })
  const snapshot = (thrown) => Object.defineProperty({
    capturedAt: new Date('2025-01-01T11:00:00Z'), eventId: 'e1', bookmaker: 'pinnacle', market: 'h2h',
    line: null, selection: 'home', price: '2.1',
  }, 'price', { get() { throw thrown } })
  const cases = [
    ['a getter of a record', (t) => e.settle(throwing(t), result)],
    ['a getter of a record in a list', (t) => e.performance([bet, throwing(t)], '100')],
    ['a getter of a list item', (t) => e.overround(Object.defineProperty([2, 2], 0, { get() { throw t } }))],
    ['a poisoned prototype', (t) => e.settle(Object.create({ get id() { throw t } }), result)],
    ['a getter of a constructor argument', (t) => new e.History([snapshot(t)])],
    ['a getter of a method argument', (t) => new e.History([]).extend([snapshot(t)])],
    ['a getter of a static function argument', (t) => e.Board.at([snapshot(t)], new Date('2025-01-01T12:00:00Z'))],
  ]
  for (const [label, call] of cases) {
    for (const thrown of [new Hostile('hostile'), new TypeError('a TypeError of the caller'), 42]) {
      assert.throws(() => call(thrown), (error) => {
        assert.equal(error, thrown, label)
        return true
      }, label)
    }
  }
})

test('unknown configuration keys and non-object configurations are refused', () => {
  assert.throws(() => e.generate({ evnets: 2 }), (error) => error.code === 'InvalidRecord' && /generator config: .*unknown field "evnets"; expected one of: seed, league, events/.test(error.message))
  assert.throws(() => e.generate('abc'), (error) => error.code === 'InvalidRecord' && /must be an object, got a string/.test(error.message))
  assert.throws(() => e.generate([]), (error) => error.code === 'InvalidRecord' && /got an array/.test(error.message))
  assert.throws(() => e.riskScoreBatch([], new Date(), { recentWindows: 3 }), (error) => error.code === 'InvalidRecord' && /recentWindows/.test(error.message))
  assert.throws(() => e.kellyStake('100', 2, 0.6, { fractoin: 0.5 }), { code: 'InvalidRecord' })
  // One level down: the configurations a configuration holds.
  assert.throws(() => e.backtest([], [], [], { board: { maxAge: 60 } }), (error) => error.code === 'InvalidRecord' && /board: unknown field "maxAge"; expected one of: reference, maxAgeSeconds/.test(error.message))
  assert.throws(() => e.riskScoreBatch([], new Date(), { weights: { amout: 1 } }), (error) => error.code === 'InvalidRecord' && /weights: unknown field "amout"/.test(error.message))
  assert.equal(e.backtest([], [], [], { board: { maxAgeSeconds: 60 }, kelly: null }).runs.length, 4)
  // Known keys, `undefined` and `null` still work.
  assert.equal(e.generate({ events: 2, seed: 1 }).events.length, 2)
  assert.deepEqual(e.riskScoreBatch([], new Date(), null), [])
  assert.deepEqual(e.riskScoreBatch([], new Date(), {}), [])
})

test('a sparse list claiming billions of items inside a record is refused, not an abort or a hang', () => {
  const run = runChild(`
const sparse = (item) => { const a = []; a[2 ** 32 - 2] = item; return a }
const outcomes = []
const attempt = (label, call) => {
  try { call(); outcomes.push([label, 'returned']) } catch (error) { outcomes.push([label, error.code]) }
}
attempt('netWorthBatch', () => e.netWorthBatch([{ investments: sparse({}) }], { prices: {} }, { asOf: new Date(), maxPriceAgeSeconds: 1 }))
attempt('performance', () => e.performance(sparse({}), '100'))
attempt('xnpv', () => e.xnpv(0.05, sparse(new Date()), [1, 2]))
attempt('arbitrage', () => e.arbitrage(sparse('2'), '10'))
done(outcomes)
`, { timeout: 30_000 })
  assert.equal(run.status, 0, ending(run))
  for (const [label, code] of run.value) assert.equal(code, 'InvalidRecord', label)
})

test('a huge sparse array (or an object holding one) where text is expected is refused by its type, never stringified', () => {
  // Stringifying such a value (as napi's own message for a wrong type would) makes V8 build a
  // string of hundreds of megabytes: minutes of work, then an abort. Each call must fail at
  // once; the timeout turns a regression into a failure instead of a stuck run.
  const run = runChild(`
const huge = () => { const a = []; a.length = 2 ** 27; return a }
const values = { sparse: huge(), holder: { inside: huge() } }
const outcomes = []
const attempt = (label, call) => {
  try { call(); outcomes.push([label, 'returned']) } catch (error) { outcomes.push([label, error.code]) }
}
const bet = { id: 'b1', eventId: 'e1', market: 'moneyline', selection: 'home', odds: '2.1', stake: '10', placedAt: new Date() }
for (const [kind, v] of Object.entries(values)) {
  // Every exported function with the value in every argument.
  for (const [name, fn] of Object.entries(e)) {
    if (typeof fn !== 'function' || /^[A-Z]/.test(name)) continue
    attempt(name + ':' + kind, () => fn(v, v, v, v, v))
  }
  // Text arguments after a valid first argument, and text fields of records.
  attempt('floorToUnit:unit:' + kind, () => e.floorToUnit('10.5', v))
  attempt('clvTierFromPrices:closing:' + kind, () => e.clvTierFromPrices('2.1', v))
  attempt('arbitrage:outlay:' + kind, () => e.arbitrage(['2.1', '2.1'], v))
  attempt('arbitrage:price:' + kind, () => e.arbitrage([v, '2.1'], '10'))
  attempt('marketAccepts:selection:' + kind, () => e.marketAccepts('moneyline', v))
  for (const field of ['id', 'eventId', 'market', 'selection', 'odds', 'stake', 'outcome']) {
    attempt('betPayout:' + field + ':' + kind, () => e.betPayout({ ...bet, [field]: v }))
  }
}
done(outcomes)
`, { timeout: 60_000 })
  assert.equal(run.status, 0, ending(run))
  const codes = new Set(e.errorCodes())
  for (const [label, code] of run.value) {
    assert.ok(code === 'returned' || codes.has(code), `${label}: ${code}`)
  }
  const refused = run.value.filter(([, code]) => code !== 'returned')
  assert.ok(refused.length > 100, `only ${refused.length} calls refused`)
})
