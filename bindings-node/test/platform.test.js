'use strict'
// The wealth platform's side of the package: a loan from the platform's credit fields
// (the rules are the core's: whole years, a "YYYY-MM" start month, first payment the month
// after) and the net worth of many profiles at once.

const test = require('node:test')
const assert = require('node:assert/strict')
const e = require('..')

test('loanFromFields reads the platform credit fields', () => {
  const loan = e.loanFromFields('200000', '6', '30', '2023-12')
  assert.deepEqual(
    { ...loan, firstPayment: loan.firstPayment.toISOString().slice(0, 10) },
    { principal: '200000', annualRatePct: '6', months: 360, firstPayment: '2024-01-01', kind: 'annuity' },
  )
  assert.equal(e.amortizationSchedule(loan).payment, '1199.10')
})

test('loanFromFields names the bad field', () => {
  const cases = [
    [['1000', '2', '10', '2023-13'], 'InvalidParameter', /start/],
    [['1000', '2', '10', '12/2023'], 'InvalidParameter', /start/],
    [['1000', '2', '2.5', '2023-12'], 'InvalidParameter', /duration_years/],
    [['1000', 'six', '10', '2023-12'], 'InvalidRecord', /annualRatePct/],
    [['-5', '2', '10', '2023-12'], 'InvalidAmount', /principal/],
  ]
  for (const [args, code, message] of cases) {
    assert.throws(() => e.loanFromFields(...args), (err) => err.code === code && message.test(err.message), args.join(' '))
  }
})

test('netWorthBatch equals netWorth profile by profile, in order', () => {
  const asOf = new Date('2024-05-15T12:00:00Z')
  const prices = { prices: { BTC: { price: '60000', asOf: new Date('2024-05-15T11:30:00Z') } } }
  const options = { asOf, maxPriceAgeSeconds: 3600 }
  const profiles = Array.from({ length: 100 }, (_, i) => ({
    cash: [{ name: 'current', amount: String(100 * i) }],
    realEstate: [{ name: 'flat', value: '250000', loan: e.loanFromFields('200000', '6', '30', '2023-12') }],
    crypto: [{ symbol: 'BTC', quantity: '0.1' }],
  }))
  const all = e.netWorthBatch(profiles, prices, options)
  assert.equal(all.length, 100)
  for (const i of [0, 42, 99]) assert.deepEqual(all[i], e.netWorth(profiles[i], prices, options))
  assert.equal(all[0].netWorth, '57005.51')
  profiles[7].crypto[0].symbol = 'ETH'
  assert.throws(() => e.netWorthBatch(profiles, prices, options), (err) => err.code === 'MissingPrice')
})
