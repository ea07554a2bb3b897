'use strict'
// A user's own stake-sizing rule on a board of bookmakers (tested in stake-sizing.test.js).
// The fair probabilities come from the sharp bookmaker's prices with the margin removed
// (Shin's method); every other bookmaker's price that beats them is staked at half Kelly,
// never more than `cap` on one bet, and never more than the bankroll in all. Amounts are
// decimal strings, compared and added in integer cents.

const edgecore = require('../../bindings-node')

const toCents = (amount) => BigInt(Math.round(Number(amount) * 100))
const fromCents = (cents) => {
  const digits = cents.toString().padStart(3, '0')
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/** Stake per `${bookmaker}/${selection}` for the value bets of one market's snapshots. */
function stakes(snapshots, bankroll, cap, sharp = 'pinnacle') {
  const reference = snapshots.filter((s) => s.bookmaker === sharp)
  const { probabilities } = edgecore.devig(reference.map((s) => Number(s.price)), 'shin')
  const fair = new Map(reference.map((s, i) => [s.selection, probabilities[i]]))
  let left = toCents(bankroll)
  const out = {}
  for (const s of snapshots) {
    if (s.bookmaker === sharp || !fair.has(s.selection)) continue
    const kelly = toCents(edgecore.kellyStake(bankroll, Number(s.price), fair.get(s.selection), { fraction: 0.5 }))
    let stake = kelly < toCents(cap) ? kelly : toCents(cap)
    if (stake > left) stake = left
    if (stake > 0n) {
      out[`${s.bookmaker}/${s.selection}`] = fromCents(stake)
      left -= stake
    }
  }
  return out
}

module.exports = { stakes, toCents }
