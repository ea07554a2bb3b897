'use strict'
// Record lists: the path a bad value is named by (the same message as Python and Rust) and
// the bound on their length (`MAX_RECORDS`, the core's constant).

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

const bet = e.betHistoryFixture(1, 1)[0]

test('MAX_RECORDS is the core constant', () => {
  assert.equal(e.MAX_RECORDS, 10_000_000)
})

test('a bad field is named by the item and the field, with the reason Python gives', () => {
  assert.throws(
    () => e.performance([bet, bet, { ...bet, stake: 'abc' }], '1000'),
    (error) => error.code === 'InvalidRecord' && error.message ===
      'invalid bet: bets[2].stake: invalid value: string "abc", expected a Decimal type representing a fixed-point number',
  )
  assert.throws(
    () => e.performance([{ ...bet, closingOdds: 'x' }], '1000'),
    (error) => error.code === 'InvalidRecord' && error.message.startsWith('invalid bet: bets[0].closingOdds: invalid value'),
  )
})

test('a key the record does not have is refused with the core words, at its path', () => {
  const reason = 'unknown field `closing_odd`, expected one of `id`, `event_id`'
  assert.throws(
    () => e.performance([bet, { ...bet, closingOdd: '1.9' }], '1000'),
    (error) => error.code === 'InvalidRecord' && error.message.startsWith(`invalid bet: bets[1].closingOdd: ${reason}`),
  )
  assert.throws(
    () => e.settle({ ...bet, note: 'x' }, { status: 'final', home: 1, away: 0 }),
    (error) => error.code === 'InvalidRecord' && error.message.startsWith('invalid bet: bet.note: unknown field `note`'),
  )
  // a key whose value is undefined is absent, as napi reads it; so are inherited keys
  assert.equal(e.performance([{ ...bet, note: undefined }], '1000').bets, 1)
  const inherited = Object.assign(Object.create({ note: 'x' }), bet)
  assert.equal(e.performance([inherited], '1000').bets, 1)
  // a proxy whose ownKeys trap throws: its error comes out as it is
  const trap = new Proxy({ ...bet }, { ownKeys() { throw new RangeError('trap') } })
  assert.throws(() => e.performance([trap], '1000'), RangeError)
})

test('a key a record does not have is refused in the records inside a record', () => {
  const subscriber = {
    id: 's1', signup: new Date('2024-01-01'),
    payments: [{ date: new Date('2024-02-01'), amount: '10', succeeded: true, retried: 1 }],
  }
  assert.throws(
    () => e.riskScoreBatch([subscriber], new Date('2024-06-01')),
    (error) => error.code === 'InvalidRecord' &&
      error.message.startsWith('invalid subscriber: subscribers[0].payments[0].retried: unknown field `retried`'),
  )
  const { retried, ...payment } = subscriber.payments[0]
  assert.equal(retried, 1)
  assert.equal(e.riskScoreBatch([{ ...subscriber, payments: [payment] }], new Date('2024-06-01')).length, 1)
})

test('a record given alone is named after its argument', () => {
  assert.throws(
    () => e.settle({ ...bet, stake: 'abc' }, { status: 'final', home: 1, away: 0 }),
    (error) => error.code === 'InvalidRecord' && error.message.startsWith('invalid bet: bet.stake: invalid value'),
  )
})

test('a structural error is worded by the core, whatever the Dates of the record', () => {
  const { stake, ...noStake } = bet
  assert.ok(stake)
  const message = 'invalid bet: bets[1]: missing field `stake`'
  // a Date at midnight UTC reads as an instant here (placedAt), as a day in a loan
  for (const placedAt of [bet.placedAt, new Date('2025-03-01T00:00:00Z')]) {
    assert.throws(
      () => e.performance([bet, { ...noStake, placedAt }], '1000'),
      (error) => error.code === 'InvalidRecord' && error.message === message,
    )
  }
  const loan = { principal: '1000', annualRatePct: '6', months: 12, firstPayment: new Date('2024-01-31'), kind: 'annuity' }
  assert.throws(
    () => e.amortizationSchedule({ ...loan, months: 'twelve' }),
    (error) => error.code === 'InvalidRecord' &&
      error.message === 'invalid loan: loan.months: invalid type: string "twelve", expected u32',
  )
})

test('reading a record again for its message runs no caller code that throws out', () => {
  // napi fails on the number stake before the getter; the core's reading of the whole bet
  // for the message runs the getter, whose exception is not the caller's error
  const trap = Object.defineProperty({ ...bet, stake: 10 }, 'source', {
    enumerable: true,
    get() { throw new RangeError('getter') },
  })
  assert.throws(() => e.performance([trap], '1000'), (error) => error.code === 'InvalidRecord')
})

test('an array longer than MAX_RECORDS is refused before its items are read', () => {
  // holes: napi would fail on the first item if it read any
  const longer = new Array(e.MAX_RECORDS + 1)
  const start = process.hrtime.bigint()
  assert.throws(
    () => e.performance(longer, '1000'),
    (error) => error.code === 'InvalidRecord' &&
      error.message === 'invalid bet: bets: holds more than 10000000 items, the most one call reads',
  )
  assert.ok(Number(process.hrtime.bigint() - start) / 1e9 < 1)
  assert.doesNotThrow(() => e.performance(new Array(3).fill(bet), '1000'))
})

test('a list of amounts longer than MAX_RECORDS gets the message Python gives', () => {
  const weights = new Array(e.MAX_RECORDS + 1).fill('1')
  assert.throws(
    () => e.allocateLargestRemainder('100', weights, 2),
    (error) => error.code === 'InvalidRecord' &&
      error.message === 'invalid amount: weights: holds more than 10000000 items, the most one call reads',
  )
})

test('an unknown field in a map entry is refused, whatever the entry key holds (a NUL too)', () => {
  const asOf = new Date('2025-01-01T10:00:00Z')
  const options = { asOf, maxPriceAgeSeconds: 3600 }
  const holdings = { crypto: [{ symbol: 'B\0C', quantity: '1' }] }
  const good = { price: '60000', asOf }
  assert.equal(e.netWorth(holdings, { prices: { 'B\0C': good } }, options).netWorth, '60000.00')
  assert.throws(
    () => e.netWorth(holdings, { prices: { 'B\0C': { ...good, note: 'x' } } }, options),
    (error) => error.code === 'InvalidRecord' && /unknown field `note`/.test(error.message),
  )
})
