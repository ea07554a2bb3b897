'use strict'
// `edgecore/testing`: fast-check arbitraries of valid edgecore records, for the property tests
// of your own code. fast-check is an optional peer dependency: install it next to edgecore
// (`npm install --save-dev fast-check`). Every arbitrary builds its values with the package's
// own rules (`marketAccepts`, `overround`, the odds converters) and states what it guarantees;
// the package's tests check each guarantee on many generated values (test/testing.test.js).
//
// Values take the package's JavaScript forms: money and quoted prices are decimal strings
// ("2.94"), probabilities and rates numbers, dates and instants `Date`s (UTC). Values shrink
// towards small, plain cases: two outcomes at the lowest margin, even probabilities,
// one-month loans, the first dates.

/** fast-check, or an error saying how to install it. */
function loadFastCheck() {
  try {
    return require('fast-check')
  } catch (cause) {
    if (cause && cause.code === 'MODULE_NOT_FOUND' && String(cause.message).includes("'fast-check'")) {
      const error = new Error(
        'edgecore/testing needs the fast-check library: install it with `npm install --save-dev fast-check`',
        { cause },
      )
      error.code = 'MODULE_NOT_FOUND'
      throw error
    }
    throw cause
  }
}

const fc = loadFastCheck()
const ec = require('./index.js')

/** The date every generated history ends on or before (payments, subscriptions, loans). */
const AS_OF = new Date(Date.UTC(2025, 5, 30))
/** The crypto-currency symbols generated profiles hold (price them all to value a profile). */
const CRYPTO_SYMBOLS = Object.freeze(['BTC', 'ETH', 'SOL'])
/** Leagues of generated bets: football leagues (three-way h2h) and a two-way one. */
const LEAGUES = Object.freeze(['soccer_epl', 'soccer_spain_la_liga', 'soccer_france_ligue_one', 'basketball_nba'])

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const EPOCH = Date.UTC(2024, 7, 1)
const MIN_PRICE_CENTS = 101
// A board's default configuration ignores markets with a price below 1.02 (`BoardConfig`).
const BOARD_MIN_PRICE_CENTS = 102
const MAX_PRICE_CENTS = 100_000
const SELECTIONS = ['home', 'draw', 'away', 'over', 'under']
const MARKETS = ['h2h', 'totals', 'spreads', 'draw_no_bet']
const LOAN_KINDS = ['annuity', 'linear', 'in_fine']
const FORMATS = {
  decimal: null,
  american: ec.decimalToAmerican,
  fractional: ec.decimalToFractional,
  hongKong: ec.decimalToHongKong,
  malay: ec.decimalToMalay,
  indonesian: ec.decimalToIndonesian,
}

/** Whole units (cents, or any 10^-places) as a decimal string: 294 -> "2.94". */
function units(value, places = 2) {
  if (places === 0) return String(value)
  const negative = value < 0
  const digits = String(Math.abs(value)).padStart(places + 1, '0')
  const text = `${digits.slice(0, -places)}.${digits.slice(-places)}`
  return negative ? `-${text}` : text
}

function checkRange(name, [low, high]) {
  if (!(low <= high)) throw new RangeError(`${name}: the low end ${low} is above the high end ${high}`)
}

/** Decimal prices in cents, from `min` to `max` (decimal strings or numbers, 1.01 to 1000). */
function priceCents(min, max) {
  const low = Math.round(Number(min) * 100)
  const high = Math.round(Number(max) * 100)
  if (!(MIN_PRICE_CENTS <= low && low <= high && high <= MAX_PRICE_CENTS)) {
    throw new RangeError('prices: 1.01 <= minPrice <= maxPrice <= 1000 is required')
  }
  return fc.integer({ min: low, max: high })
}

/**
 * Prices in one odds format, from decimal prices with two decimal places (`minPrice` 1.01 to
 * `maxPrice` 100 by default). `format`: 'decimal' gives a decimal string ("2.94"); 'american',
 * 'hongKong', 'malay' and 'indonesian' the number the package's converter
 * (`decimalToAmerican`...) makes of such a price; 'fractional' a `Fractional`.
 * Guarantee: converting back to decimal odds (`americanToDecimal`...) gives a valid price in
 * [minPrice, maxPrice] (up to the float rounding of the conversion). Shrinks towards minPrice.
 */
function odds({ format = 'decimal', minPrice = '1.01', maxPrice = '100' } = {}) {
  if (!Object.hasOwn(FORMATS, format)) {
    throw new RangeError(`odds: unknown format ${JSON.stringify(format)}, expected one of ${Object.keys(FORMATS).join(', ')}`)
  }
  const convert = FORMATS[format]
  return priceCents(minPrice, maxPrice).map((c) => (convert === null ? units(c) : convert(c / 100)))
}

/** The margin of prices given in 10^-places units: `overround`. */
function marginOf(prices, places) {
  return ec.overround(prices.map((p) => p / 10 ** places))
}

/**
 * Prices (whole 10^-places units) quoting probabilities proportional to `weights` with margin
 * `bps` basis points, then moved one tick at a time (any price, up or down, within `floor` to
 * 1000) towards the middle of [low, high] until the margin lies in it or no move gets closer.
 */
function quote(weights, bps, [low, high], places, floor) {
  const scale = 10 ** places
  const minUnits = (floor * scale) / 100
  const maxUnits = 1000 * scale
  const total = weights.reduce((a, b) => a + b, 0)
  const margin = Math.min(Math.max(bps / 10_000, low), high)
  let prices = weights.map((w) => Math.min(maxUnits, Math.max(minUnits, Math.round((total * scale) / (w * (1 + margin))))))
  const target = (low + high) / 2
  const distance = (ps) => Math.abs(marginOf(ps, places) - target)
  for (let step = 0; step < 200; step += 1) {
    const m = marginOf(prices, places)
    if (low <= m && m <= high) break
    let best = null
    let bestDistance = distance(prices)
    prices.forEach((p, i) => {
      for (const q of [p + 1, p - 1]) {
        if (q < minUnits || q > maxUnits) continue
        const moved = prices.slice()
        moved[i] = q
        const d = distance(moved)
        if (d < bestDistance) {
          best = moved
          bestDistance = d
        }
      }
    })
    if (best === null) break
    prices = best
  }
  return prices
}

const inRange = (prices, places, [low, high]) => {
  const m = marginOf(prices, places)
  return low <= m && m <= high
}

function checkMargin(name, margin) {
  checkRange(name, margin)
  if (margin[0] < 0 || margin[1] > 1) throw new RangeError(`${name}: the margin range must lie within 0 to 1`)
}

/** A margin in basis points within `margin`. */
const basisPoints = (margin) => fc.integer({ min: Math.round(margin[0] * 10_000), max: Math.round(margin[1] * 10_000) })
/** `n` integer weights 1 to 99: the fair probabilities, up to their sum. */
const weightsOf = (n) => fc.array(fc.integer({ min: 1, max: 99 }), { minLength: n, maxLength: n })

/**
 * The prices of one market: n decimal strings with `places` decimal places (1.01 to 1000)
 * quoting n outcomes with a bookmaker's margin. `outcomes`: the range of n ([2, 3] by
 * default, 2 to 20); `margin`: the range of the margin, `overround` = sum(1 / price) - 1, as
 * a fraction ([0.02, 0.10] by default, 0 to 1).
 * Guarantee: `overround(prices)` lies in `margin` and every price is valid decimal odds, so
 * the market de-vigs. Keep the range wider than the rounding of one tick (about 0.5% for two
 * decimal places and short prices); narrower ranges make fast-check reject many draws.
 * Shrinks towards two even outcomes at the lowest margin of the range.
 */
function markets({ outcomes = [2, 3], margin = [0.02, 0.1], places = 2 } = {}) {
  checkRange('outcomes', outcomes)
  checkMargin('markets', margin)
  if (outcomes[0] < 2 || outcomes[1] > 20) throw new RangeError('markets: outcomes must lie within 2 to 20')
  if (!(Number.isInteger(places) && places >= 0 && places <= 4)) throw new RangeError('markets: places must lie within 0 to 4')
  return fc
    .integer({ min: outcomes[0], max: outcomes[1] })
    .chain((n) => fc.tuple(weightsOf(n), basisPoints(margin)))
    .map(([weights, bps]) => quote(weights, bps, margin, places, MIN_PRICE_CENTS))
    .filter((prices) => inRange(prices, places, margin))
    .map((prices) => prices.map((p) => units(p, places)))
}

/** Events: an id, a league of `leagues`, a kickoff 1 to 300 days after 2024-08-01. */
function events(leagues = LEAGUES) {
  return fc
    .record({
      number: fc.integer({ min: 1, max: 99_999 }),
      league: fc.constantFrom(...leagues),
      hours: fc.integer({ min: 24, max: 24 * 300 }),
    })
    .map(({ number, league, hours }) => ({
      id: `e${number}`,
      league,
      home: `home${number}`,
      away: `away${number}`,
      kickoff: new Date(EPOCH + hours * HOUR_MS),
    }))
}

/**
 * A board of bookmakers around one fair price: `{ event, probabilities, snapshots,
 * capturedAt }`, every bookmaker of `bookmakers` quoting the h2h market of one event around
 * the same fair probabilities, each with its own margin in `margin`. `threeWay`: true for a
 * football league (home, draw, away), false for a two-way league, undefined for either.
 * Guarantee: each bookmaker quotes every outcome once, its prices' `overround` lies in
 * `margin`, de-vigging them gives the fair probabilities back up to the rounding to the cent;
 * every snapshot is captured one hour before kickoff with a price 1.02 to 1000, so
 * `boardQuotes` with the default configuration at `capturedAt` quotes every one of them.
 */
function boards({ bookmakers = ['pinnacle', 'bet365', 'unibet', 'winamax'], margin = [0.02, 0.1], threeWay } = {}) {
  checkMargin('boards', margin)
  if (bookmakers.length === 0 || new Set(bookmakers).size !== bookmakers.length) {
    throw new RangeError('boards: give at least one bookmaker, each once')
  }
  const leagues = threeWay === true ? ['soccer_epl'] : threeWay === false ? ['basketball_nba'] : LEAGUES
  return events(leagues)
    .chain((event) => {
      const selections = event.league.startsWith('soccer') ? ['home', 'draw', 'away'] : ['home', 'away']
      return fc.record({
        event: fc.constant(event),
        selections: fc.constant(selections),
        weights: weightsOf(selections.length),
        margins: fc.array(basisPoints(margin), { minLength: bookmakers.length, maxLength: bookmakers.length }),
      })
    })
    .map(({ event, selections, weights, margins }) => ({
      event,
      selections,
      weights,
      books: margins.map((bps) => quote(weights, bps, margin, 2, BOARD_MIN_PRICE_CENTS)),
    }))
    .filter(({ books }) => books.every((prices) => inRange(prices, 2, margin)))
    .map(({ event, selections, weights, books }) => {
      const total = weights.reduce((a, b) => a + b, 0)
      const capturedAt = new Date(event.kickoff.getTime() - HOUR_MS)
      const snapshots = books.flatMap((prices, b) =>
        selections.map((selection, i) => ({
          capturedAt,
          eventId: event.id,
          bookmaker: bookmakers[b],
          market: 'h2h',
          line: null,
          selection,
          price: units(prices[i]),
        })),
      )
      return { event, probabilities: weights.map((w) => w / total), snapshots, capturedAt }
    })
}

/**
 * A pending bet on a generated event and the event's result: `{ event, bet, result }`.
 * `markets`: drawn from h2h, totals, spreads, draw_no_bet. Selections are those `marketAccepts`
 * (no draw in a two-way league's h2h), lines quarter goals (totals 0 to 6, spreads -6 to +6),
 * prices 1.01 to 50.00, stakes 0.01 to 1000.00, the bet placed 1 minute to 14 days before
 * kickoff; scores 0 to `maxGoals` a side and, when `cancelled`, some cancellations.
 * Guarantee: `settle(bet, result)` succeeds (every bet settles), the bet belongs to the event
 * and was placed before kickoff. Shrinks towards an h2h bet on the home side at 1.01 for
 * 0.01 and a 0-0 final.
 */
function scoredBets({ markets = MARKETS, maxGoals = 9, cancelled = true } = {}) {
  if (markets.length === 0 || markets.some((m) => !MARKETS.includes(m))) {
    throw new RangeError(`scoredBets: markets must be a non-empty subset of ${MARKETS.join(', ')}`)
  }
  if (!(Number.isInteger(maxGoals) && maxGoals >= 0 && maxGoals <= 1000)) {
    throw new RangeError('scoredBets: maxGoals must lie within 0 to 1000')
  }
  const goals = fc.integer({ min: 0, max: maxGoals })
  const final = fc.tuple(goals, goals).map(([home, away]) => ({ status: 'final', home, away }))
  const result = cancelled ? fc.oneof(final, fc.constant({ status: 'cancelled' })) : final
  return fc
    .tuple(events(), fc.constantFrom(...markets))
    .chain(([event, market]) => {
      const twoWay = !event.league.startsWith('soccer')
      const choices = SELECTIONS.filter((s) => ec.marketAccepts(market, s) && !(market === 'h2h' && s === 'draw' && twoWay))
      return fc.record({
        event: fc.constant(event),
        market: fc.constant(market),
        selection: fc.constantFrom(...choices),
        quarters: ec.marketHasLine(market) ? fc.integer({ min: market === 'totals' ? 0 : -24, max: 24 }) : fc.constant(null),
        price: priceCents('1.01', '50'),
        stake: fc.integer({ min: 1, max: 100_000 }),
        minutes: fc.integer({ min: 1, max: 14 * 24 * 60 }),
        id: fc.integer({ min: 1, max: 999_999 }),
        bookmaker: fc.constantFrom('pinnacle', 'bet365', 'unibet'),
        source: fc.constantFrom('manual', 'anomaly', 'spread'),
        result,
      })
    })
    .map((r) => ({
      event: r.event,
      bet: {
        id: `b${r.id}`,
        eventId: r.event.id,
        league: r.event.league,
        market: r.market,
        line: r.quarters === null ? null : units(r.quarters * 25),
        selection: r.selection,
        bookmaker: r.bookmaker,
        odds: units(r.price),
        stake: units(r.stake),
        placedAt: new Date(r.event.kickoff.getTime() - r.minutes * 60_000),
        source: r.source,
        closingOdds: null,
      },
      result: r.result,
    }))
}

/** Pending bets, as in `scoredBets` (same guarantee: each one settles). */
function bets(options = {}) {
  return scoredBets(options).map((c) => c.bet)
}

/**
 * Loans of the wealth platform: principal 1000.00 to 1000000.00, nominal annual rate 0.00% to
 * 15.00%, 1 to `maxMonths` monthly payments from a first payment between 2000-01-01 and
 * AS_OF, kind drawn from `kinds`. `insurance`: true always adds borrower insurance (0.00% to
 * 1.00% a year, on the initial or the remaining capital), false never, undefined sometimes;
 * `deferral` the same for a deferral (partial or total, 1 to 24 months and shorter than the
 * loan, so `deferral: true` draws loans of 2 months or more).
 * Guarantee: every loan validates: `amortizationSchedule(loan)` succeeds, has `months` rows
 * and repays the principal exactly. Shrinks towards a one-month annuity of 1000.00 at 0%.
 */
function loans({ kinds = LOAN_KINDS, insurance, deferral, maxMonths = 360 } = {}) {
  if (kinds.length === 0 || kinds.some((k) => !LOAN_KINDS.includes(k))) {
    throw new RangeError(`loans: kinds must be a non-empty subset of ${LOAN_KINDS.join(', ')}`)
  }
  if (!(Number.isInteger(maxMonths) && maxMonths >= 1 && maxMonths <= 1200)) {
    throw new RangeError('loans: maxMonths must lie within 1 to 1200')
  }
  if (deferral === true && maxMonths < 2) throw new RangeError('loans: a deferral needs maxMonths >= 2')
  const maybe = (flag, arb) => (flag === true ? arb : flag === false ? fc.constant(null) : fc.option(arb, { nil: null }))
  const insuranceArb = fc.record({
    annualRatePct: fc.integer({ min: 0, max: 100 }).map((c) => units(c)),
    base: fc.constantFrom('initial', 'remaining'),
  })
  const firstDays = Math.round((AS_OF.getTime() - Date.UTC(2000, 0, 1)) / DAY_MS)
  // A record rather than a chain on `months`, so that fast-check shrinks the months too; a
  // deferral is cut to the loan's months - 1 (a one-month loan has none).
  const deferralArb = fc.record({ months: fc.integer({ min: 1, max: 24 }), kind: fc.constantFrom('partial', 'total') })
  return fc
    .record({
      principal: fc.integer({ min: 100_000, max: 100_000_000 }).map((c) => units(c)),
      annualRatePct: fc.integer({ min: 0, max: 1500 }).map((c) => units(c)),
      months: fc.integer({ min: deferral === true ? 2 : 1, max: maxMonths }),
      firstPayment: fc.integer({ min: 0, max: firstDays }).map((d) => new Date(Date.UTC(2000, 0, 1) + d * DAY_MS)),
      kind: fc.constantFrom(...kinds),
      insurance: maybe(insurance, insuranceArb),
      deferral: maybe(deferral, deferralArb),
    })
    .map((loan) => ({
      ...loan,
      deferral:
        loan.deferral === null || loan.months < 2
          ? null
          : { months: Math.min(loan.deferral.months, loan.months - 1), kind: loan.deferral.kind },
    }))
}

/**
 * A cash-flow series with exactly one sign change: `{ values, dates, signChange }` of `length`
 * values (2 to 1000): outlays (`values[0..signChange)`, all negative) then receipts (all
 * positive), each 0.01 to 100000.00, on dates 1 to 366 days apart from a start in 2020.
 * Guarantee: one sign change (so IRR and XIRR have exactly one root above -100%); every
 * value finite and non-zero; dates strictly increasing. Shrinks towards [-0.01, 0.01].
 */
function cashFlows({ length = [2, 24] } = {}) {
  checkRange('length', length)
  if (length[0] < 2 || length[1] > 1000) throw new RangeError('cashFlows: length must lie within 2 to 1000')
  const cents = fc.integer({ min: 1, max: 10_000_000 })
  return fc
    .integer({ min: length[0], max: length[1] })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        signChange: fc.integer({ min: 1, max: n - 1 }),
        amounts: fc.array(cents, { minLength: n, maxLength: n }),
        start: fc.integer({ min: 0, max: 365 }),
        gaps: fc.array(fc.integer({ min: 1, max: 366 }), { minLength: n - 1, maxLength: n - 1 }),
      }),
    )
    .map(({ signChange, amounts, start, gaps }) => {
      const dates = [new Date(Date.UTC(2020, 0, 1) + start * DAY_MS)]
      for (const g of gaps) dates.push(new Date(dates[dates.length - 1].getTime() + g * DAY_MS))
      const values = amounts.map((c, i) => (i < signChange ? -c : c) / 100)
      return { values, dates, signChange }
    })
}

/**
 * Wealth profiles: up to `maxItems` (0 to 20) of each category (cash accounts, investments
 * by envelope, real estate with or without a loan from `loans`, crypto holdings of
 * CRYPTO_SYMBOLS to six decimal places, other assets and debts), every amount >= 0.
 * Guarantee: every profile values: `netWorth(profile, prices, options)` succeeds with a
 * fresh price for each of CRYPTO_SYMBOLS; each real estate item is worth at least its loan's
 * principal. Shrinks towards the empty profile.
 */
function profiles({ maxItems = 3 } = {}) {
  if (!(Number.isInteger(maxItems) && maxItems >= 0 && maxItems <= 20)) {
    throw new RangeError('profiles: maxItems must lie within 0 to 20')
  }
  const few = (arb) => fc.array(arb, { maxLength: maxItems })
  const name = (prefix) => fc.integer({ min: 1, max: 999 }).map((i) => `${prefix}${i}`)
  const money = (max) => fc.integer({ min: 0, max: max * 100 })
  return fc.record({
    cash: few(fc.record({ name: name('account'), amount: money(100_000).map((c) => units(c)) })),
    investments: few(
      fc.record({
        name: name('fund'),
        envelope: fc.constantFrom('pea', 'cto', 'assurance_vie', 'per', 'savings_book', 'other'),
        value: money(500_000).map((c) => units(c)),
      }),
    ),
    realEstate: few(
      fc
        .record({ name: name('home'), equity: money(2_000_000), loan: fc.option(loans({ maxMonths: 300 }), { nil: null }) })
        .map(({ name, equity, loan }) => ({
          name,
          // Worth at least the loan's principal: its net value starts >= 0.
          value: units(equity + (loan === null ? 0 : Math.round(Number(loan.principal) * 100))),
          loan,
        })),
    ),
    crypto: few(
      fc.record({
        symbol: fc.constantFrom(...CRYPTO_SYMBOLS),
        quantity: fc.integer({ min: 0, max: 100_000_000 }).map((q) => units(q, 6)),
      }),
    ),
    otherAssets: few(fc.record({ name: name('asset'), value: money(100_000).map((c) => units(c)) })),
    otherDebts: few(fc.record({ name: name('debt'), amount: money(50_000).map((c) => units(c)) })),
  })
}

const PLANS = [
  ['basic', '9.99'],
  ['premium', '29.99'],
]

/**
 * Subscribers of the risk monitor: a signup between 2020-01-01 and `asOf`, one to three
 * subscriptions in a row ("basic" at 9.99, "premium" at 29.99 a month, each ending when the
 * next starts, the last open) and up to `maxPayments` monthly payments (every 30 days from
 * signup, none after `asOf`) of the plan in force, each succeeded or failed.
 * Guarantee: every date lies between the signup and `asOf`, payments are in date order, and
 * `riskScore(subscriber, asOf)` succeeds with a score in [0, 1]. Shrinks towards a subscriber
 * who signed up on `asOf` with no payment.
 */
function subscribers({ maxPayments = 12, asOf = AS_OF } = {}) {
  if (!(Number.isInteger(maxPayments) && maxPayments >= 0 && maxPayments <= 1000)) {
    throw new RangeError('subscribers: maxPayments must lie within 0 to 1000')
  }
  const end = Math.floor(asOf.getTime() / DAY_MS)
  const first = Math.floor(Date.UTC(2020, 0, 1) / DAY_MS)
  if (!(end >= first)) throw new RangeError('subscribers: asOf must be 2020-01-01 or later')
  const day = (d) => new Date(d * DAY_MS)
  return fc
    .integer({ min: 0, max: end - first })
    .chain((back) => {
      const signup = end - back
      return fc.record({
        signup: fc.constant(signup),
        changes: fc.array(fc.integer({ min: 0, max: back }), { maxLength: 2 }),
        plans: fc.array(fc.constantFrom(...PLANS), { minLength: 3, maxLength: 3 }),
        outcomes: fc.array(fc.boolean(), { maxLength: maxPayments }),
        id: fc.integer({ min: 1, max: 999_999 }),
      })
    })
    .map(({ signup, changes, plans, outcomes, id }) => {
      const starts = [...new Set([signup, ...changes.map((c) => signup + c)])].sort((a, b) => a - b)
      const subscriptions = starts.map((start, i) => ({
        plan: plans[i][0],
        monthlyAmount: plans[i][1],
        start: day(start),
        end: i + 1 < starts.length ? day(starts[i + 1]) : null,
      }))
      const payments = []
      for (const [k, succeeded] of outcomes.entries()) {
        const date = signup + 30 * k
        if (date > end) break
        const plan = subscriptions.findLast((s) => s.start.getTime() <= date * DAY_MS)
        payments.push({ date: day(date), amount: plan.monthlyAmount, succeeded })
      }
      return { id: `u${id}`, signup: day(signup), subscriptions, payments }
    })
}

module.exports = {
  AS_OF,
  CRYPTO_SYMBOLS,
  LEAGUES,
  bets,
  boards,
  cashFlows,
  loans,
  markets,
  odds,
  profiles,
  scoredBets,
  subscribers,
}
