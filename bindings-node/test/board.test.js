'use strict'
// The `History` and `Board` handles, as in the Python package: snapshots indexed once, a
// board kept and moved forward between agent calls, the same results as a board built anew
// at each instant, and the same errors.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

const HOUR = 3600 * 1000
const T0 = 1_700_000_000_000

/** One bookmaker's h2h quote of event `e` at `T0 + hour` hours. */
function book(hour, bookmaker, [home, draw, away]) {
  const capturedAt = new Date(T0 + hour * HOUR)
  return [['home', home], ['draw', draw], ['away', away]].map(([selection, price]) => ({
    capturedAt, eventId: 'e', bookmaker, market: 'h2h', selection, price: String(price),
  }))
}

// The core's `keeps_latest_fresh_sane_complete_quotes` case, as the Python test has it.
const SNAPSHOTS = [
  ...book(0, 'a', [2.5, 3.4, 3.0]),
  ...book(1, 'a', [2.4, 3.4, 3.1]),
  ...book(-1, 'old', [2.5, 3.4, 3.0]),
  ...book(14, 'future', [2.5, 3.4, 3.0]),
  ...book(1, 'absurd', [1.01, 3.4, 3.0]),
  ...book(1, 'arb', [3.5, 4.0, 4.0]),
  book(1, 'partial', [2.5, 3.4, 3.0])[0],
]
const CONFIG = { maxAgeSeconds: 13 * 3600 }
const AS_OF = new Date(T0 + 13 * HOUR)

/** A season with injected cases, and the instants at which they are on the board. */
const season = e.generate({ seed: 7, events: 12, bookmakers: 6, anomalies: 4, arbitrages: 2, steamMoves: 2 })
const instants = [...new Set(season.injected.map((i) => i.at.getTime()))].sort((a, b) => a - b).map((t) => new Date(t))

test('a History indexes the snapshots once and tells what it holds', () => {
  const history = new e.History(SNAPSHOTS)
  assert.ok(history instanceof e.History)
  assert.equal(history.length, SNAPSHOTS.length)
  assert.deepEqual(history.events, ['e'])
  assert.deepEqual(history.bookmakers, ['a', 'absurd', 'arb', 'future', 'old', 'partial'])
  assert.equal(history.markets, 1)
  assert.deepEqual(history.firstCapture, new Date(T0 - HOUR))
  assert.deepEqual(history.lastCapture, new Date(T0 + 14 * HOUR))
  const held = history.snapshots()
  assert.equal(held.length, SNAPSHOTS.length)
  assert.deepEqual(new e.History(held).snapshots(), held)
  const empty = new e.History([])
  assert.equal(empty.length, 0)
  assert.equal(empty.firstCapture, null)
  assert.equal(empty.lastCapture, null)
})

test('a Board keeps the latest fresh, sane, complete quotes, as boardQuotes does', () => {
  const quotes = e.boardQuotes(SNAPSHOTS, AS_OF, CONFIG)
  assert.deepEqual(quotes.map((q) => q.bookmaker), ['a', 'a', 'a'])
  assert.equal(quotes[0].price, '2.4')
  const board = new e.Board(SNAPSHOTS, AS_OF, CONFIG)
  assert.ok(board instanceof e.Board)
  assert.deepEqual(board.quotes(), quotes)
  assert.deepEqual(e.Board.at(new e.History(SNAPSHOTS), AS_OF, CONFIG).quotes(), quotes)
  assert.deepEqual(e.boardQuotes(new e.History(SNAPSHOTS), AS_OF, CONFIG), quotes)
  assert.deepEqual(board.asOf, AS_OF)
  assert.equal(board.config.maxAgeSeconds, 13 * 3600)
  assert.equal(board.config.reference, 'pinnacle')
  assert.equal(board.history.length, SNAPSHOTS.length)
})

test('advance moves the board forward; a copy moves on its own', () => {
  const board = new e.Board(SNAPSHOTS, AS_OF, CONFIG)
  const copy = board.copy()
  const later = new Date(AS_OF.getTime() + HOUR)
  board.advance(later)
  assert.deepEqual(board.asOf, later)
  assert.deepEqual(board.quotes().map((q) => q.bookmaker), ['a', 'a', 'a', 'future', 'future', 'future'])
  assert.deepEqual(board.quotes(), e.boardQuotes(SNAPSHOTS, later, CONFIG))
  assert.deepEqual(copy.asOf, AS_OF)
  assert.deepEqual(copy.quotes().map((q) => q.bookmaker), ['a', 'a', 'a'])
})

test('advancing backwards is InvalidParameter and leaves the board as it was', () => {
  const board = new e.Board(SNAPSHOTS, AS_OF, CONFIG)
  const before = board.quotes()
  assert.throws(() => board.advance(new Date(T0)), (error) => error.code === 'InvalidParameter' && /to/.test(error.message))
  assert.deepEqual(board.asOf, AS_OF)
  assert.deepEqual(board.quotes(), before)
  assert.throws(() => board.advance(new Date(NaN)), (error) => error.code === 'InvalidRecord' && /to: must be a valid Date/.test(error.message))
  assert.throws(() => board.advance('tomorrow'), (error) => error.code === 'InvalidRecord')
})

test('bad arguments of the handles throw errors with the package codes', () => {
  assert.throws(() => new e.Board(SNAPSHOTS, AS_OF, { maxAgeSeconds: 0 }), (error) => error.code === 'InvalidParameter' && /max_age_seconds/.test(error.message))
  assert.throws(() => new e.Board(SNAPSHOTS, AS_OF, { maxAge: 60 }), (error) => error.code === 'InvalidRecord' && /unknown field "maxAge"/.test(error.message))
  assert.throws(() => new e.Board(SNAPSHOTS, new Date(NaN)), (error) => error.code === 'InvalidRecord' && /asOf: must be a valid Date/.test(error.message))
  assert.throws(() => new e.Board(null, AS_OF), (error) => error.code === 'InvalidRecord')
  assert.throws(() => new e.History([{ ...SNAPSHOTS[0], price: '0.5' }]), (error) => error.code === 'InvalidOdds')
  assert.throws(() => new e.History([{ price: '2' }]), (error) => error.code === 'InvalidRecord' && /price snapshot/.test(error.message))
  assert.throws(() => e.History(SNAPSHOTS), (error) => error.code === 'InvalidRecord' && /without 'new'/.test(error.message))
  for (const notBoard of [undefined, null, {}, SNAPSHOTS, new e.History(SNAPSHOTS)]) {
    assert.throws(() => e.findAnomalies(notBoard), (error) => error.code === 'InvalidRecord', String(notBoard))
    assert.throws(() => e.priceSeries(notBoard), (error) => error.code === 'InvalidRecord', String(notBoard))
  }
})

test('a method or an agent given the other class\'s object throws, never reads it as its own', () => {
  // napi unwraps the object a method is called on, and a class argument, without checking
  // its class: each class must refuse the other's objects itself.
  const binding = require('../binding.js')
  const history = new e.History(SNAPSHOTS)
  const board = new e.Board(history, AS_OF, CONFIG)
  const notA = (what) => (error) => error.code === 'InvalidRecord' && error.message.includes(`must be a ${what}, got a`)
  for (const ns of [e, binding]) {
    assert.throws(() => ns.findAnomalies(history), notA('Board'))
    assert.throws(() => ns.scanSpreads(history), notA('Board'))
    assert.throws(() => ns.findMovements(history), notA('Board'))
    assert.throws(() => ns.priceSeries(history), notA('Board'))
  }
  // A method called on the other class's object: V8 refuses the receiver ("Illegal
  // invocation") or the class does; either way an Error with a package code.
  const refused = (error) => error.code === 'InvalidRecord'
  const getter = (cls, key) => Object.getOwnPropertyDescriptor(cls.prototype, key).get
  assert.throws(() => binding.Board.prototype.quotes.call(history), refused)
  assert.throws(() => binding.Board.prototype.advance.call(history, AS_OF), refused)
  assert.throws(() => getter(binding.Board, 'asOf').call(history))
  assert.throws(() => binding.History.prototype.extend.call(board, []), refused)
  assert.throws(() => getter(binding.History, 'length').call(board))
  // An object made to look like the other class by its prototype is read for what it is.
  const disguised = Object.setPrototypeOf(new e.History(SNAPSHOTS), e.Board.prototype)
  assert.throws(() => e.findAnomalies(disguised), notA('Board'))
  assert.throws(() => new e.Board(Object.setPrototypeOf(board.copy(), e.History.prototype), AS_OF), notA('History'))
  assert.throws(() => e.findAnomalies(Object.setPrototypeOf({}, e.Board.prototype)), (error) => error.code === 'InvalidRecord')
})

test('extend gives the history of both lists, and leaves the held one unchanged', () => {
  const first = [...book(0, 'a', [2.5, 3.4, 3.0]), ...book(1, 'b', [2.6, 3.3, 2.9])]
  const second = [...book(1, 'c', [2.4, 3.5, 3.0]), ...book(2, 'a', [2.3, 3.5, 3.2])]
  const held = new e.History(first)
  const extended = held.extend(second)
  assert.equal(held.length, 6)
  assert.equal(extended.length, 12)
  assert.deepEqual(extended.bookmakers, ['a', 'b', 'c'])
  assert.deepEqual(extended.snapshots(), new e.History([...first, ...second]).snapshots())
  const at = new Date(T0 + 2 * HOUR)
  assert.deepEqual(new e.Board(extended, at).quotes(), new e.Board([...first, ...second], at).quotes())
  assert.throws(() => held.extend(book(3, 'a', [0.5, 3.4, 3.0])), (error) => error.code === 'InvalidOdds')
  assert.equal(held.length, 6)
})

test('the agents on a kept, advanced board find what they find on a board built anew', () => {
  assert.ok(instants.length >= 3)
  const history = new e.History(season.snapshots)
  const reference = { reference: season.bookmakers[0] }
  const kept = e.Board.at(history, instants[0], reference)
  let found = 0
  for (const at of instants) {
    kept.advance(at)
    const fresh = new e.Board(season.snapshots, at, reference)
    const anomalies = e.findAnomalies(kept)
    assert.deepEqual(anomalies, e.findAnomalies(fresh))
    assert.deepEqual(e.scanSpreads(kept), e.scanSpreads(fresh))
    assert.deepEqual(e.findMovements(kept, { minBooks: 2 }), e.findMovements(fresh, { minBooks: 2 }))
    assert.deepEqual(e.priceSeries(kept), e.priceSeries(fresh))
    found += anomalies.length
  }
  assert.ok(found > 0, 'the injected anomalies are found')
})

test('backtest reads a History as it reads the snapshots', async () => {
  const history = new e.History(season.snapshots)
  const config = { startingBankroll: '1000' }
  const fromSnapshots = e.backtest(season.snapshots, season.events, season.results, config)
  assert.deepEqual(e.backtest(history, season.events, season.results, config), fromSnapshots)
  assert.deepEqual(await e.backtestAsync(history, season.events, season.results, config), fromSnapshots)
  assert.equal(fromSnapshots.snapshots, history.length)
})
