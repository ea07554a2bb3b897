'use strict'
// The benchmark fixtures are the same records in Node as in Rust and Python: each dataset's
// canonical JSON hashes to the SHA-256 committed in tests/fixture_digests.json (rules in
// tests/fixtures.rs: snake_case keys sorted, absent or null fields left out, decimals as
// strings, instants YYYY-MM-DDTHH:MM:SSZ, dates YYYY-MM-DD).

const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const edgecore = require('..')

const DIGESTS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'fixture_digests.json'), 'utf8'))

/** Fields that hold a calendar date (a Date at UTC midnight), not an instant. */
const DATES = new Set(['date', 'signup', 'start', 'end', 'first_payment'])

const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** `value` written canonically; `key` is the snake_case field holding it. */
function canonical(value, key) {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, key)).join(',')}]`
  if (value instanceof Date) {
    const iso = value.toISOString()
    return JSON.stringify(DATES.has(key) ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`)
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [snake(k), v])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, k)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const NAMES = {
  season: 'seasonFixture',
  bet_history: 'betHistoryFixture',
  subscribers: 'subscribersFixture',
  loans: 'loansFixture',
}

for (const { dataset, seed, size, sha256 } of DIGESTS.cases) {
  test(`${dataset} seed ${seed} size ${size}`, () => {
    const records = edgecore[NAMES[dataset]](seed, size)
    const text = canonical(records, '')
    assert.equal(crypto.createHash('sha256').update(text, 'utf8').digest('hex'), sha256)
  })
}

test('fixtures are records the package reads back', () => {
  const [loan] = edgecore.loansFixture(3, 1)
  assert.equal(edgecore.amortizationSchedule(loan).rows.length, loan.months)
  const table = edgecore.subscribersFixture(3, 5)
  const asOf = edgecore.fixtureAsOf()
  assert.ok(table.every((s) => s.payments.every((p) => p.date < asOf)))
  assert.equal(edgecore.riskScoreBatch(table, asOf).length, 5)
})

test('a bad seed or size throws InvalidParameter', () => {
  for (const [seed, size] of [[-1, 1], [1, -1], [1.5, 1], [1, 1_000_001]]) {
    assert.throws(() => edgecore.loansFixture(seed, size), { code: 'InvalidParameter' })
  }
})
