'use strict'
// A small dashboard back end on edgecore: a plain Node HTTP server (no framework) that
// serves, from a bet history, the figures the betting dashboard shows (bankroll curve, ROI
// by bookmaker, weekday x hour heatmap, CLV tiers) and, from a board of prices, the
// opportunities the agents find, scored by their consensus.
//
//   node examples/node/server.js        # then open http://localhost:8080/api/bankroll
//
// Exact amounts travel as decimal strings ("1854.02") and instants as ISO strings.

const http = require('node:http')
const edgecore = require('../../bindings-node')

/**
 * The data a real deployment reads from its database: here a seeded season of snapshots,
 * and the bets the agents placed on it (a backtest), as the bet history.
 */
function demoData() {
  const season = edgecore.generate({ seed: 42, events: 60, bookmakers: 6, anomalies: 8, arbitrages: 2, steamMoves: 2 })
  // The snapshots indexed once: the backtest and every board read the same history.
  const history = new edgecore.History(season.snapshots)
  const backtest = edgecore.backtest(history, season.events, season.results, { startingBankroll: '1000' })
  const bets = backtest.runs.flatMap((run) => run.bets)
  // The board: the prices as of the poll where the generator injected its first anomaly
  // (a live deployment uses the current instant).
  const boardAt = season.injected.find((i) => i.kind === 'anomaly').at
  // The sharp reference bookmaker whose de-vigged prices are the fair ones.
  const reference = season.bookmakers[0]
  return { bets, history, boardAt, reference, startingBankroll: '1000' }
}

/** The figures of the dashboard, each a function of the data and the query string. */
const ROUTES = {
  '/api/bankroll': ({ bets, startingBankroll }) => {
    const p = edgecore.performance(bets, startingBankroll)
    return {
      startingBankroll: p.startingBankroll,
      finalBankroll: p.finalBankroll,
      profit: p.profit,
      roi: p.roi ?? null,
      maxDrawdown: p.maxDrawdown,
      curve: p.curve.map((point) => ({ at: point.at ?? null, bankroll: point.bankroll })),
    }
  },
  '/api/roi-by-bookmaker': ({ bets }) =>
    edgecore.breakdown(bets, 'bookmaker').map((g) => ({ bookmaker: g.key, ...g.summary })),
  '/api/heatmap': ({ bets }) =>
    edgecore.heatmap(bets).cells.map((c) => ({ weekday: c.weekday, hour: c.hour, bets: c.summary.bets, profit: c.summary.profit, roi: c.summary.roi ?? null })),
  '/api/clv-tiers': ({ bets }) => {
    const closed = bets.filter((b) => b.closingOdds != null)
    const clv = edgecore.clvBatch(closed.map((b) => Number(b.odds)), closed.map((b) => Number(b.closingOdds)))
    const tiers = { excellent: 0, very_good: 0, correct: 0, warning: 0 }
    for (const value of clv) tiers[edgecore.clvTier(value)] += 1
    const p = edgecore.performance(bets, '0')
    return { bets: closed.length, averageClv: p.averageClv ?? null, tier: p.clvTier ?? null, tiers }
  },
  '/api/opportunities': ({ bets, history, boardAt, reference }, query) => {
    const asOf = query.get('asOf') ? new Date(query.get('asOf')) : boardAt
    const board = new edgecore.Board(history, asOf, { reference })
    const anomalies = edgecore.findAnomalies(board)
    const spreads = edgecore.scanSpreads(board)
    const movements = edgecore.findMovements(board)
    const scored = edgecore.consensus(
      [...anomalies, ...spreads.opportunities, ...movements.opportunities],
      movements.steam,
      edgecore.agentRecords(bets),
    )
    return {
      asOf,
      arbitrages: spreads.reports.filter((r) => r.arbitrage).map((r) => ({ eventId: r.eventId, market: r.market, line: r.line ?? null, ...r.arbitrage })),
      opportunities: scored.sort((a, b) => b.score - a.score).map((s) => ({ ...s.opportunity, score: s.score, label: s.label, agents: s.agents })),
    }
  },
}

/** The HTTP server: GET routes answer JSON; an edgecore error is a 400 with its code. */
function createServer(data = demoData()) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost')
    const route = ROUTES[url.pathname]
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method !== 'GET' || !route) return send(404, { error: 'not found' })
    try {
      send(200, route(data, url.searchParams))
    } catch (error) {
      if (typeof error.code === 'string') send(400, { error: error.code, message: error.message })
      else send(500, { error: 'internal error' })
    }
  })
}

module.exports = { createServer, demoData }

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8080)
  createServer().listen(port, () => console.log(`dashboard back end on http://localhost:${port}`))
}
