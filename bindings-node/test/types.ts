// Type check of the generated declarations (`tsc --noEmit -p tsconfig.json`): typical
// dashboard code must compile, and misuse (a bad name, a number for an exact amount, a
// missing field) must not. Lines marked `@ts-expect-error` fail the check if they compile.

import * as ec from '..'

const placedAt = new Date('2025-03-01T14:00:00Z')
const bet: ec.Bet = {
  id: 'b1',
  eventId: 'e1',
  league: 'soccer_epl',
  market: 'totals',
  line: '2.5',
  selection: 'over',
  bookmaker: 'pinnacle',
  odds: '2.05',
  stake: '25.00',
  placedAt,
  source: 'anomaly',
  outcome: 'half_won',
  closingOdds: null,
}

// Odds, de-vig, CLV
const method: ec.DevigMethod = 'shin'
const fair: ec.Devig = ec.devig(new Float64Array([4.2, 3.7, 1.95]), method)
const probabilities: number[] = fair.probabilities
const batch: Float64Array = ec.devigBatch([2, 2, 1.5, 2.74], 2, 'power', 1)
const pending: Promise<Float64Array> = ec.devigBatchAsync(batch, 2, 'multiplicative', undefined, (done: number, total: number) => {
  void (done / total)
})
const clvs: Promise<Float64Array> = ec.clvBatchAsync([2.1], [2.0], (done: number, total: number) => void (done / total))
const fractions: Promise<Float64Array> = ec.kellyFractionBatchAsync(batch, batch)
const settledAsync: Promise<ec.Settlement[]> = ec.settleBatchAsync([], [], undefined, () => {})
const owed: Promise<string[]> = ec.remainingCapitalBatchAsync([], new Date())
const paymentsAsync: Promise<Float64Array> = ec.pmtBatchAsync(batch, 360, 1000, undefined, 'end', () => {})
const worthAsync: Promise<ec.NetWorth[]> = ec.netWorthBatchAsync([], { prices: {} }, { asOf: new Date(), maxPriceAgeSeconds: 60 })
const tier: ec.ClvTier = ec.clvTier(ec.clv(2.05, 1.94))
const fraction: ec.Fractional = ec.decimalToFractional(2.5)
const close: ec.ClosingMarket = ec.closingMarket([], 'e1', placedAt, 'pinnacle', 'totals', '2.5', ['over', 'under'])

// Kelly and settlement
const policy: ec.KellyPolicy = { fraction: 0.5, unit: '1' }
const stake: string = ec.kellyStake('1000', 2.0, 0.55, policy)
const detail: ec.KellyStake = ec.kellyStakeDetail('1000', 2.0, 0.55)
const reason: ec.StakeReason = detail.reason
const result: ec.EventResult = { status: 'final', home: 2, away: 1 }
const settled: ec.Settlement = ec.settle(bet, result, { h2h: 'two_way' })
const outcome: ec.Outcome = settled.outcome
const byEvent: Array<ec.Settlement | null | undefined> = ec.settleByEvent([bet], { e1: { status: 'cancelled' } })

// Statistics for the dashboard
const perf: ec.Performance = ec.performance([bet], '1000')
const curve: Array<{ at?: Date | null; bankroll: string }> = perf.curve
const roi: number | null | undefined = perf.roi
const byBook: ec.Group[] = ec.breakdown([bet], 'bookmaker')
const heat: ec.Heatmap = ec.heatmap([bet])
const weekday: ec.Weekday = heat.cells[0].weekday
const recent: ec.Bet[] = ec.window([bet], '7d', new Date())

// Agents
const season: ec.Generated = ec.generate({ seed: 1, events: 4, bookmakers: 3 })
const history: ec.History = new ec.History(season.snapshots)
const board: ec.Board = ec.Board.at(history, new Date(), { reference: 'book0' })
board.advance(new Date())
const boardAt: Date = board.asOf
const boardConfig: ec.BoardConfig = board.config
const quotes: ec.Quote[] = board.quotes()
const later: ec.History = history.extend([])
const lastCapture: Date | null = later.lastCapture
const opportunities: ec.Opportunity[] = ec.findAnomalies(board, { minEdge: 0.01 })
const spreads: ec.Spreads = ec.scanSpreads(new ec.Board(season.snapshots, new Date()))
const series: ec.SeriesSummary[] = ec.priceSeries(board.copy())
const backtest: Promise<ec.Backtest> = ec.backtestAsync(history, season.events, season.results, { staking: 'kelly' })
const arb: ec.Stakes | null = ec.arbitrage(['2.10', '2.05'], '100')

// Benchmark fixtures: the same records as in Rust and Python for a seed
const fixtureSeason: ec.Generated = ec.seasonFixture(1, 10)
const fixtureBets: ec.Bet[] = ec.betHistoryFixture(1, 100)
const fixtureTable: ec.Subscriber[] = ec.subscribersFixture(1, 100)
const fixtureLoans: ec.Loan[] = ec.loansFixture(1, 100)
const fixtureAsOf: Date = ec.fixtureAsOf()
// @ts-expect-error the seed is a number
ec.loansFixture('1', 100)

// Wealth
const loan: ec.Loan = {
  principal: '200000',
  annualRatePct: '7.5',
  months: 180,
  firstPayment: new Date('2024-01-01'),
  kind: 'annuity',
  insurance: { annualRatePct: '0.36', base: 'initial' },
}
const schedule: ec.Schedule = ec.amortizationSchedule(loan)
const payment: string = schedule.rows[0].payment
const table: ec.ScheduleColumns = ec.amortizationScheduleColumns(loan)
const interestCents: Float64Array = table.interestCents
const paymentDays: Int32Array = table.epochDays
const when: ec.When = 'begin'
const payments: Float64Array = ec.pmtBatch(new Float64Array([0.01, 0.02]), 12, [1000, 2000], undefined, when)
const worth: ec.NetWorth = ec.netWorth({ cash: [{ name: 'current', amount: '100' }] }, { prices: {} }, { asOf: new Date(), maxPriceAgeSeconds: 3600 })
const progress: ec.SavingsProgress = ec.savingsProgress('1200', '150', new Date())
const recurring: ec.Mrr = ec.mrr([{ customer: 'a', plan: 'pro', price: '9.90', period: 'monthly', start: new Date() }], new Date())

// Risk
const score: ec.RiskScore = ec.riskScore({ id: 'u1', signup: new Date('2024-01-01') }, new Date(), { weights: { recentFailures: 0.5 } })
const level: ec.RiskLevel = score.level
const flags: ec.RiskFlag[] = score.flags
const scores: Promise<ec.RiskScore[]> = ec.riskScoreBatchAsync([], new Date())
const codes: ec.ErrorCode[] = ec.errorCodes()

// Misuse that the types refuse
// @ts-expect-error: not a de-vig method
ec.devig([2, 2], 'shinn')
// @ts-expect-error: exact amounts are strings, not numbers
ec.kellyStake(1000, 2.0, 0.55)
// @ts-expect-error: not a market
const badMarket: ec.Market = 'corners'
// @ts-expect-error: a bet needs its stake
const noStake: ec.Bet = { ...bet, stake: undefined }
// @ts-expect-error: results are typed arrays
const notArray: number[] = ec.devigBatch([2, 2], 2, 'shin')
// @ts-expect-error: the agents read a Board, not snapshots
ec.findAnomalies(season.snapshots, new Date())
// @ts-expect-error: an event result has a status
const noStatus: ec.EventResult = { home: 1, away: 0 }

export const used = [
  probabilities, pending, clvs, fractions, settledAsync, owed, paymentsAsync, worthAsync, tier, fraction, close, stake, reason, outcome, byEvent, curve, roi,
  byBook, weekday, recent, boardAt, boardConfig, quotes, lastCapture, series, opportunities, spreads, backtest, arb,
  fixtureSeason, fixtureBets, fixtureTable, fixtureLoans, fixtureAsOf, payment, table, interestCents,
  paymentDays, payments, worth, progress, recurring, level, flags, scores, codes, badMarket, noStake, notArray, noStatus,
]
