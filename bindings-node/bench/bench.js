'use strict'
// Speed of the edgecore Node package against the JavaScript libraries in use:
// `financial` (numpy-financial's port) for pmt/fv, `loanjs` for amortization schedules.
//
//   make bench-node        # or: cd bindings-node/bench && npm ci && node --expose-gc bench.js
//   node --expose-gc bench.js schedule # one section only: batch, schedule, scalar, columns, board
//
// Goals: batch pmt/fv over 1,000,000 rows at least 5x faster than a JavaScript loop over
// `financial`; a 360-row schedule at least as fast as `loanjs` while exact to the cent (the
// row form, one object per month with decimal strings and a Date, and the columnar form,
// typed arrays of integer cents); one scalar call within 1 us. Figures are medians of repeated runs, on whatever the machine is
// doing meanwhile.

const edgecore = require('..')
const financial = require('financial')
const { Loan } = require('loanjs')

/** Median wall time in ms of `fn` over `runs` runs, after `warmup` runs. */
function time(fn, { runs = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) fn()
  const samples = []
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint()
    fn()
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

/**
 * Wall time in ms of a call of each of `fns`, over `rounds` rounds in which each makes
 * `calls` calls in turn (after one such round of warm-up): all sides see the same machine,
 * whose speed drifts on a shared host, and each pays for the garbage collections its own
 * calls cause (with `node --expose-gc`, the heap is collected, untimed, before each side's
 * turn, so that no side collects another's garbage). One array per side of its per-call time
 * in each round, in round order (so that round `r` of two sides can be compared).
 */
function timeInRounds(fns, { rounds, calls }) {
  const samples = fns.map(() => [])
  for (let round = -1; round < rounds; round++) {
    fns.forEach((fn, k) => {
      if (global.gc) global.gc()
      const t0 = process.hrtime.bigint()
      for (let i = 0; i < calls; i++) fn()
      if (round >= 0) samples[k].push(Number(process.hrtime.bigint() - t0) / 1e6 / calls)
    })
  }
  return samples
}

/** The median of `values`. */
function median(values) {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.floor(sorted.length / 2)]
}

/** The first and third quartiles of `values`, the spread of rounds around their median. */
function quartiles(values) {
  const sorted = [...values].sort((x, y) => x - y)
  return [sorted[Math.floor((sorted.length - 1) / 4)], sorted[Math.ceil((3 * (sorted.length - 1)) / 4)]]
}

const only = process.argv[2]
const sections = ['batch', 'schedule', 'scalar', 'columns', 'board']
if (only !== undefined && !sections.includes(only)) throw new Error(`unknown section ${only}: one of ${sections.join(', ')}`)
/** Whether section `name` runs (all of them without an argument). */
const runs = (name) => only === undefined || only === name

const rows = runs('batch') ? 1_000_000 : 0
const rate = new Float64Array(rows)
const nper = new Float64Array(rows)
const pv = new Float64Array(rows)
const pmtCol = new Float64Array(rows)
for (let i = 0; i < rows; i++) {
  rate[i] = 0.001 + (i % 1000) / 100_000
  nper[i] = 12 + (i % 349)
  pv[i] = 10_000 + (i % 5000) * 100
  pmtCol[i] = -100 - (i % 300)
}

const results = []
/** A time in ms, shown in us below 0.1 ms. */
const show = (ms) => (ms < 0.1 ? `${(ms * 1000).toFixed(3)} us` : `${ms.toFixed(3)} ms`).padStart(12)
/** Prints one comparison; times in ms. */
function report(name, ours, theirs, goal) {
  results.push({ name, edgecore_ms: ours, js_ms: theirs, speedup: theirs / ours, goal })
  console.log(`${name.padEnd(34)} edgecore ${show(ours)}   js ${show(theirs)}   x${(theirs / ours).toFixed(2)}   (${goal})`)
}

/**
 * Prints one comparison timed in rounds (`timeInRounds`): the medians of both sides, then
 * the spread of edgecore's rounds (first and third quartiles) and the median of the
 * per-round speed-ups (each round's two sides ran one after the other, on the same machine).
 */
function reportRounds(name, ours, theirs, goal) {
  report(name, median(ours), median(theirs), goal)
  const [q1, q3] = quartiles(ours)
  const paired = median(ours.map((t, r) => theirs[r] / t))
  console.log(`${''.padEnd(34)} edgecore quartiles ${show(q1).trim()} to ${show(q3).trim()}, median of per-round speed-ups x${paired.toFixed(2)}`)
}

// 1. Batch pmt and fv over a million rows.
if (runs('batch')) {
  const ours = time(() => edgecore.pmtBatch(rate, nper, pv))
  const theirs = time(() => {
    const out = new Float64Array(rows)
    for (let i = 0; i < rows; i++) out[i] = financial.pmt(rate[i], nper[i], pv[i])
    return out
  })
  const a = edgecore.pmtBatch(rate, nper, pv)
  let worst = 0
  for (let i = 0; i < rows; i += 997) worst = Math.max(worst, Math.abs(a[i] - financial.pmt(rate[i], nper[i], pv[i])) / Math.abs(a[i]))
  report('pmtBatch, 1M rows', ours, theirs, 'goal >= 5x')
  console.log(`  largest relative difference from financial.pmt: ${worst.toExponential(2)}`)
}
if (runs('batch')) {
  const ours = time(() => edgecore.fvBatch(rate, nper, pmtCol, pv))
  const theirs = time(() => {
    const out = new Float64Array(rows)
    for (let i = 0; i < rows; i++) out[i] = financial.fv(rate[i], nper[i], pmtCol[i], pv[i])
    return out
  })
  report('fvBatch, 1M rows', ours, theirs, 'goal >= 5x')
}

// 2. A 360-row schedule: 200,000 over 30 years at 6%.
if (runs('schedule')) {
  const loan = { principal: '200000', annualRatePct: '6', months: 360, firstPayment: new Date('2025-01-05'), kind: 'annuity' }
  // Rounds of 2,000 calls a side (a few milliseconds, with the garbage collections each
  // side's calls cause), every side in turn; the first round warms all up, so that V8 has
  // compiled every side's JavaScript (the builders' as much as loanjs's) before anything is
  // measured. The rows are views of the columns made when `rows` is first read, whose strings
  // and Dates are made when their fields are read: the call alone, the call with its rows
  // made, and the call with every field of every row read are measured apart.
  const readAll = (s) => {
    let n = 0
    for (const r of s.rows) n += r.payment.length + r.interest.length + r.principal.length + r.insurance.length + r.remaining.length + (r.date.getTime() > 0)
    return n
  }
  const [columns, ours, rowsMade, theirs, read] = timeInRounds(
    [
      () => edgecore.amortizationScheduleColumns(loan),
      () => edgecore.amortizationSchedule(loan),
      () => edgecore.amortizationSchedule(loan).rows,
      () => new Loan(200000, 360, 6, 'annuity'),
      () => readAll(edgecore.amortizationSchedule(loan)),
    ],
    { rounds: 21, calls: 2000 },
  )
  reportRounds('360-row schedule (per schedule)', ours, theirs, 'goal >= 1x, exact to the cent')
  reportRounds('360-row schedule, rows made', rowsMade, theirs, 'goal >= 1x, one view per row')
  reportRounds('360-row schedule, columns of cents', columns, theirs, 'goal >= 1x, exact to the cent')
  reportRounds('360-row schedule, every field read', read, theirs, 'strings and Dates made')
  const s = edgecore.amortizationSchedule(loan)
  const principalCents = s.rows.reduce((sum, r) => sum + BigInt(r.principal.replace('.', '')), 0n)
  const theirsLoan = new Loan(200000, 360, 6, 'annuity')
  // loanjs computes in binary floats (`Math.round(x * 100) / 100` per figure) and zeroes the
  // last row's `remain` without repaying it: what its rows hold, against the exact figures.
  const theirRows = theirsLoan.installments
  const capitalParts = theirRows.reduce((sum, r) => sum + r.capital, 0)
  const offCent = theirRows.reduce((n, r) => n + [r.capital, r.interest, r.installment, r.remain].filter((v) => Math.round(v * 100) / 100 !== v).length, 0)
  const interestDiffers = theirRows.filter((r, i) => Math.round(r.interest * 100) !== Number(s.rows[i].interest.replace('.', ''))).length
  console.log(`  edgecore: payment ${s.payment}, principal parts add up to ${principalCents / 100n}.${String(principalCents % 100n).padStart(2, '0')} (exact), last remaining ${s.rows.at(-1).remaining}`)
  console.log(`  loanjs:   payment ${theirRows[0].installment}, capital parts of its rows add up to ${capitalParts} (it reports capitalSum ${theirsLoan.capitalSum}), owed before the last row ${theirRows.at(-2).remain}, repaid by it ${theirRows.at(-1).capital}`)
  console.log(`  loanjs:   ${offCent} of its ${4 * theirRows.length} row figures are not a whole number of cents (float residue), ${interestDiffers} interest figure(s) a cent off the exact one`)
}

// 3. One scalar call.
if (runs('scalar')) {
  const n = 1_000_000
  const ours = time(() => { for (let i = 0; i < n; i++) edgecore.pmt(0.005, 360, 200000) }, { runs: 5 }) / n
  const theirs = time(() => { for (let i = 0; i < n; i++) financial.pmt(0.005, 360, 200000) }, { runs: 5 }) / n
  report('scalar pmt (per call)', ours, theirs, 'goal <= 1 us')
  const kelly = time(() => { for (let i = 0; i < n; i++) edgecore.kellyFraction(2.0, 0.55) }, { runs: 5 }) / n
  console.log(`  kellyFraction per call: ${(kelly * 1000).toFixed(3)} us`)
}

// 4. Column arguments alone: the addon copies each column when it reads it (one atomic load
// per value), so that nothing the caller's code does meanwhile reaches the computation.
if (runs('columns')) {
  const n = 1_000_000
  const taken = new Float64Array(n)
  const closing = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    taken[i] = 1.8 + (i % 50) / 100
    closing[i] = 1.7 + (i % 40) / 100
  }
  const clv = time(() => edgecore.clvBatch(taken, closing), { runs: 21 })
  const kelly = time(() => edgecore.kellyFractionBatch(taken, closing.map((x) => 1 / x)), { runs: 21 })
  const plain = Array.from(taken)
  const clvPlain = time(() => edgecore.clvBatch(plain, plain), { runs: 11 })
  console.log(`clvBatch, 1M rows from Float64Arrays: ${clv.toFixed(3)} ms (from number[]: ${clvPlain.toFixed(3)} ms)`)
  console.log(`kellyFractionBatch, 1M rows:          ${kelly.toFixed(3)} ms (probabilities computed in JS included)`)
}

// 5. An agent call on a kept Board against the same call on a board built from the
// snapshots, as each call had to before the Board handle: a generated season (10 events,
// 10 bookmakers), `findAnomalies` at each poll from the first to the last, the kept board
// advanced to it.
if (runs('board')) {
  const season = edgecore.generate({ seed: 3, events: 10, bookmakers: 10, anomalies: 4 })
  const polls = [...new Set(season.snapshots.map((s) => s.capturedAt.getTime()))].sort((a, b) => a - b).map((t) => new Date(t))
  const reference = { reference: season.bookmakers[0] }
  const history = new edgecore.History(season.snapshots)
  let kept = null
  let i = 0
  const next = () => polls[i++ % polls.length]
  const onKept = () => {
    const at = next()
    if (kept === null || at < kept.asOf) kept = edgecore.Board.at(history, at, reference)
    else kept.advance(at)
    return edgecore.findAnomalies(kept)
  }
  const rebuilt = () => edgecore.findAnomalies(new edgecore.Board(season.snapshots, next(), reference))
  const fromHistory = () => edgecore.findAnomalies(edgecore.Board.at(history, next(), reference))
  const [ours, history_, theirs] = timeInRounds([onKept, fromHistory, rebuilt], { rounds: 7, calls: polls.length }).map(median)
  console.log(`findAnomalies per poll, ${season.snapshots.length} snapshots, ${polls.length} polls:`)
  console.log(`  on a kept Board, advanced: ${(ours * 1000).toFixed(1)} us`)
  console.log(`  on Board.at(history):      ${(history_ * 1000).toFixed(1)} us (x${(theirs / history_).toFixed(1)} against rebuilding)`)
  console.log(`  on a board rebuilt from the snapshots: ${(theirs * 1000).toFixed(1)} us (x${(theirs / ours).toFixed(1)} slower than kept)`)
  results.push({ name: 'findAnomalies on a kept Board vs rebuilt', edgecore_ms: ours, js_ms: theirs, speedup: theirs / ours, goal: 'kept board faster' })
}

if (process.env.BENCH_JSON) require('node:fs').writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2))
