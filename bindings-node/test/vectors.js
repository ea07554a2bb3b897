'use strict'
// The shared vector cases (tests/vectors/*.json at the repository root) run through the
// JavaScript API, with the rules of the Rust harness (tests/vectors.rs):
//
// - `expected` is a subset of the result: only the fields it lists are compared;
// - numbers agree within the case's `tolerance` (default 1e-9, absolute);
// - decimal strings agree as exact numbers ("19.5" equals "19.50");
// - everything else agrees exactly; `{"error": Kind}` expects a thrown Error whose `code`
//   is Kind.
//
// Names. Vectors name functions and fields in snake_case, as the core does; the JavaScript
// API uses camelCase. So the runner calls `devigBatch` for "devig_batch", passes record
// fields in camelCase (`placed_at` becomes `placedAt`), and looks an expected field up in
// the result under its camelCase name (`fair_odds` is compared with `fairOdds`). Keys that
// are data rather than field names (event ids of `settle_by_event`'s results, symbols of a
// price book, row numbers of a schedule) are kept as written. An expected error message
// names the bad field by its path, written in camelCase too (`bets[1].placedAt`).
//
// Agents. As in the Python runner, `find_anomalies`, `scan_spreads` and `find_movements` run
// on a `Board` built from the case's `snapshots`, `as_of` and `board`.
//
// Values. Input strings that are ISO dates ("2024-02-29") or RFC 3339 instants become
// `Date`s; a `Date` in a result is compared with an expected date (its UTC day) or instant
// (the same time). A typed array compares as an array; an absent field equals `null`.
// Results are shaped as the Rust runners shape them (tests/vector_runners/*.rs): a number
// as `{value}` or under the name the runner gives it, a list as `{values}`, and so on.

const fs = require('node:fs')
const path = require('node:path')
const edgecore = require('..')

const VECTOR_DIR = path.join(__dirname, '..', '..', 'tests', 'vectors')
const DATE = /^\d{4}-\d{2}-\d{2}$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/

/** `fair_odds` -> `fairOdds`. */
function camel(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}

/** A JSON argument as JavaScript callers pass it: camelCase fields, `Date`s for dates and
 * instants. `keep` lists the paths (argument name, then dot-joined field names) of maps
 * whose keys are data, not field names. */
function jsValue(value, keep, at) {
  if (typeof value === 'string' && (DATE.test(value) || INSTANT.test(value))) {
    return new Date(DATE.test(value) ? `${value}T00:00:00Z` : value)
  }
  if (Array.isArray(value)) return value.map((v) => jsValue(v, keep, at))
  if (value !== null && typeof value === 'object') {
    const dataKeys = keep.has(at)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const key = dataKeys ? k : camel(k)
        return [key, jsValue(v, keep, `${at}.${k}`)]
      }),
    )
  }
  return value
}

/** How each vector function is called: the JavaScript function, its arguments in order
 * (snake_case names of the case's input), how its result is shaped and, optionally, the
 * maps among its arguments whose keys are data. */
const plain = (r) => r
const as = (name) => (r) => ({ [name]: r })
const rowsByNumber = (s) => ({ ...s, rows: Object.fromEntries(s.rows.map((r) => [String(r.number), r])) })

/** An agent as vectors call it: on the `Board` of the case's snapshots, instant and board
 * configuration (built in the call, so its errors are the case's too). */
const onBoard = (name) => (snapshots, asOf, config, board) =>
  edgecore[name](new edgecore.Board(snapshots, asOf, board), config)

const CALLS = {
  // bet, odds, de-vig, CLV
  payout: ['payout', ['outcome', 'stake', 'odds'], as('payout')],
  decimal_to_american: ['decimalToAmerican', ['decimal'], as('american')],
  american_to_decimal: ['americanToDecimal', ['american'], as('decimal')],
  decimal_to_hong_kong: ['decimalToHongKong', ['decimal'], as('hong_kong')],
  hong_kong_to_decimal: ['hongKongToDecimal', ['hong_kong'], as('decimal')],
  decimal_to_malay: ['decimalToMalay', ['decimal'], as('malay')],
  malay_to_decimal: ['malayToDecimal', ['malay'], as('decimal')],
  decimal_to_indonesian: ['decimalToIndonesian', ['decimal'], as('indonesian')],
  indonesian_to_decimal: ['indonesianToDecimal', ['indonesian'], as('decimal')],
  implied_probability: ['impliedProbability', ['decimal'], as('probability')],
  decimal_to_fractional: ['decimalToFractional', ['decimal'], plain],
  fractional_to_decimal: ['fractionalToDecimal', ['fraction'], as('decimal')],
  overround: ['overround', ['odds'], as('overround')],
  hold: ['hold', ['odds'], as('hold')],
  devig: ['devig', ['odds', 'method', 'target'], plain],
  devig_batch: ['devigBatch', ['odds', 'width', 'method', 'target'], as('probabilities')],
  clv: ['clv', ['odds_taken', 'closing_odds'], as('clv')],
  clv_batch: ['clvBatch', ['odds_taken', 'closing_odds'], as('clv')],
  clv_fair: ['clvFair', ['odds_taken', 'closing_market', 'outcome', 'method'], as('clv_fair')],
  clv_fair_at: ['clvFairAt', ['odds_taken', 'fair_probability'], as('clv_fair')],
  clv_tier_from_prices: ['clvTierFromPrices', ['odds_taken', 'closing_odds'], as('tier')],
  closing_line: ['closingLine', ['snapshots', 'event_id', 'kickoff', 'bookmaker', 'market', 'line', 'selection'], plain],
  closing_market: ['closingMarket', ['snapshots', 'event_id', 'kickoff', 'bookmaker', 'market', 'line', 'selections'], plain],
  // Kelly
  edge: ['edge', ['odds', 'probability'], as('value')],
  kelly_fraction: ['kellyFraction', ['odds', 'probability'], as('value')],
  kelly_fraction_batch: ['kellyFractionBatch', ['odds', 'probabilities'], as('values')],
  expected_log_growth: ['expectedLogGrowth', ['odds', 'probability', 'fraction'], as('value')],
  expected_log_growth_exclusive: ['expectedLogGrowthExclusive', ['odds', 'probabilities', 'fractions'], as('value')],
  kelly_exclusive: ['kellyExclusive', ['odds', 'probabilities'], as('values')],
  kelly_exclusive_detail: ['kellyExclusiveDetail', ['odds', 'probabilities'], plain],
  kelly_stake: ['kellyStake', ['bankroll', 'odds', 'probability', 'policy'], as('value')],
  kelly_stake_detail: ['kellyStakeDetail', ['bankroll', 'odds', 'probability', 'policy'], plain],
  // settlement and statistics
  settle: ['settle', ['bet', 'result', 'rules'], plain],
  settle_batch: ['settleBatch', ['bets', 'results', 'rules'], as('values')],
  settle_by_event: ['settleByEvent', ['bets', 'results', 'rules'], as('values'), ['results']],
  performance: ['performance', ['bets', 'starting_bankroll'], plain],
  breakdown: ['breakdown', ['bets', 'key'], as('groups')],
  window: ['window', ['bets', 'window', 'as_of'], as('bets')],
  filter_bets: ['filterBets', ['bets', 'filter'], as('bets')],
  normal_cdf: ['normalCdf', ['x'], as('cdf')],
  // agents
  find_anomalies: [onBoard('findAnomalies'), ['snapshots', 'as_of', 'config', 'board'], as('opportunities')],
  scan_spreads: [onBoard('scanSpreads'), ['snapshots', 'as_of', 'config', 'board'], plain],
  find_movements: [onBoard('findMovements'), ['snapshots', 'as_of', 'config', 'board'], plain],
  arbitrage: ['arbitrage', ['prices', 'outlay'], as('arbitrage')],
  hedge: ['hedge', ['positions', 'prices', 'max_outlay'], plain],
  robust_z: ['robustZ', ['value', 'others', 'floor'], as('z')],
  compare_agents: ['compareAgents', ['bets', 'starting_bankroll'], as('values')],
  track_record: ['trackRecord', ['picks', 'staking'], plain],
  paper_records: ['paperRecords', ['picks', 'bets', 'staking'], as('values')],
  // wealth
  investment_plan: ['investmentPlan', ['capacity', 'lines'], plain],
  project_contributions: ['projectContributions', ['monthly', 'annual_return_percent', 'years', 'rate', 'timing'], plain],
  project_plan: ['projectPlan', ['plan', 'annual_returns_percent', 'years', 'rate', 'timing'], plain],
  savings_progress: ['savingsProgress', ['goal', 'saved', 'as_of'], plain],
  mrr: ['mrr', ['subscriptions', 'as_of'], plain],
  mrr_movement: ['mrrMovement', ['subscriptions', 'year', 'month'], plain],
  amortization_schedule: ['amortizationSchedule', ['loan'], rowsByNumber],
  remaining_capital: ['remainingCapital', ['loan', 'as_of'], as('remaining_capital')],
  payments_made: ['paymentsMade', ['loan', 'as_of'], as('payments_made')],
  net_worth: ['netWorth', ['profile', 'prices', 'options'], plain, ['prices.prices']],
  allocate_largest_remainder: ['allocateLargestRemainder', ['total', 'weights', 'dp'], as('parts')],
  // time value of money
  pmt: ['pmt', ['rate', 'nper', 'pv', 'fv', 'when'], as('value')],
  ipmt: ['ipmt', ['rate', 'per', 'nper', 'pv', 'fv', 'when'], as('value')],
  ppmt: ['ppmt', ['rate', 'per', 'nper', 'pv', 'fv', 'when'], as('value')],
  pv: ['pv', ['rate', 'nper', 'pmt', 'fv', 'when'], as('value')],
  fv: ['fv', ['rate', 'nper', 'pmt', 'pv', 'when'], as('value')],
  nper: ['nper', ['rate', 'pmt', 'pv', 'fv', 'when'], as('value')],
  rate: ['rate', ['nper', 'pmt', 'pv', 'fv', 'when', 'guess'], as('value')],
  cumipmt: ['cumipmt', ['rate', 'nper', 'pv', 'start', 'end', 'when'], as('value')],
  cumprinc: ['cumprinc', ['rate', 'nper', 'pv', 'start', 'end', 'when'], as('value')],
  effective_rate: ['effectiveRate', ['nominal', 'periods'], as('value')],
  nominal_rate: ['nominalRate', ['effective', 'periods'], as('value')],
  npv: ['npv', ['rate', 'values'], as('value')],
  npv_excel: ['npvExcel', ['rate', 'values'], as('value')],
  irr: ['irr', ['values'], as('value')],
  mirr: ['mirr', ['values', 'finance_rate', 'reinvest_rate'], as('value')],
  xnpv: ['xnpv', ['rate', 'dates', 'amounts', 'day_count'], as('value')],
  xirr: ['xirr', ['dates', 'amounts', 'guess', 'day_count'], as('value')],
  year_fraction: ['yearFraction', ['start', 'end', 'day_count'], as('value')],
  pmt_batch: ['pmtBatch', ['rate', 'nper', 'pv', 'fv', 'when'], as('value')],
  ipmt_batch: ['ipmtBatch', ['rate', 'per', 'nper', 'pv', 'fv', 'when'], as('value')],
  ppmt_batch: ['ppmtBatch', ['rate', 'per', 'nper', 'pv', 'fv', 'when'], as('value')],
  pv_batch: ['pvBatch', ['rate', 'nper', 'pmt', 'fv', 'when'], as('value')],
  fv_batch: ['fvBatch', ['rate', 'nper', 'pmt', 'pv', 'when'], as('value')],
  nper_batch: ['nperBatch', ['rate', 'pmt', 'pv', 'fv', 'when'], as('value')],
  // subscriber risk
  risk_score: ['riskScore', ['subscriber', 'as_of', 'config'], plain],
  risk_score_batch: ['riskScoreBatch', ['subscribers', 'as_of', 'config'], as('scores')],
  risk_summary: ['riskSummary', ['scores'], plain],
}

/** Every case of every vector file, named `<file>/<case>`. */
function loadCases() {
  return fs
    .readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const doc = JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, f), 'utf8'))
      return doc.cases.map((c) => ({ ...c, name: `${path.basename(f, '.json')}/${c.name}` }))
    })
}

/** Runs a case: its shaped result, or `{error, message}` for a thrown edgecore error. An
 * unknown function throws. */
function run(fn, input) {
  const call = CALLS[fn]
  if (!call) throw new Error(`no JavaScript call for vector function ${JSON.stringify(fn)}`)
  const [name, args, shape, keep = []] = call
  const target = typeof name === 'function' ? name : edgecore[name]
  if (typeof target !== 'function') throw new Error(`edgecore.${name} is not a function`)
  const dataKeys = new Set(keep)
  const values = args.map((a) => (input[a] === undefined ? undefined : jsValue(input[a], dataKeys, a)))
  let result
  try {
    result = target(...values)
  } catch (error) {
    if (typeof error.code !== 'string') throw error
    return { error: error.code, message: error.message }
  }
  return shape(result)
}

function sameDecimal(e, a) {
  const norm = (s) => {
    let [int, frac = ''] = s.replace(/^\+/, '').split('.')
    const neg = int.startsWith('-')
    int = int.replace(/^-/, '').replace(/^0+(?=\d)/, '')
    frac = frac.replace(/0+$/, '')
    const body = frac ? `${int || '0'}.${frac}` : int || '0'
    return neg && body !== '0' ? `-${body}` : body
  }
  return norm(e) === norm(a)
}

/** An expected error as JavaScript words it: the field names of the message's path in
 * camelCase (`invalid bet: bets[1].placed_at: ...` is `bets[1].placedAt`), the rest as
 * the core words it. */
function jsExpected(expected) {
  if (expected === null || typeof expected !== 'object' || typeof expected.message !== 'string') return expected
  const m = /^(invalid [^:]+: )([^\s:]+)(: [\s\S]*)$/.exec(expected.message)
  if (!m) return expected
  return { ...expected, message: `${m[1]}${m[2].replace(/\.([a-z0-9_]+)/g, (_, f) => `.${camel(f)}`)}${m[3]}` }
}

/** Where `actual` disagrees with `expected` under the harness' rules. */
// `exact`: decimal strings must be written alike ("21.70" is not "21.7"), for the cases that
// set `"exact_decimals": true`.
function mismatches(expected, actual, tol, at = '', exact = false) {
  if (actual instanceof Float64Array) actual = Array.from(actual)
  if (expected === null) {
    return actual === null || actual === undefined ? [] : [`${at}: expected null, got ${JSON.stringify(actual)}`]
  }
  if (actual instanceof Date && typeof expected === 'string') {
    const ok = DATE.test(expected)
      ? !isNaN(actual) && actual.toISOString().slice(0, 10) === expected
      : actual.getTime() === Date.parse(expected)
    return ok ? [] : [`${at}: expected ${expected}, got ${isNaN(actual) ? 'Invalid Date' : actual.toISOString()}`]
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(expected - actual) <= tol ? [] : [`${at}: expected ${expected}, got ${actual} (tolerance ${tol})`]
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    const same = !exact && DECIMAL.test(expected) && DECIMAL.test(actual) ? sameDecimal(expected, actual) : expected === actual
    return same ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out = expected.length === actual.length ? [] : [`${at}: expected ${expected.length} items, got ${actual.length}`]
    expected.forEach((e, i) => {
      if (i < actual.length) out.push(...mismatches(e, actual[i], tol, `${at}[${i}]`, exact))
    })
    return out
  }
  if (typeof expected === 'object' && actual !== null && typeof actual === 'object' && !Array.isArray(expected)) {
    return Object.entries(expected).flatMap(([k, e]) => {
      const key = k in actual ? k : camel(k)
      if (!(key in actual) || actual[key] === undefined) {
        return e === null ? [] : [`${at}.${k}: missing from the result`]
      }
      return mismatches(e, actual[key], tol, `${at}.${k}`, exact)
    })
  }
  return expected === actual ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
}

module.exports = { CALLS, camel, jsExpected, jsValue, loadCases, mismatches, run }
