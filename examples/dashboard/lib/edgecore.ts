import "server-only";
import * as ec from "edgecore";
import type { Bet as ApiBet } from "./api";

/**
 * The calculations a person tries out, through the edgecore npm package (a native addon,
 * loaded by Node in server code only: `serverExternalPackages` keeps it out of every
 * bundle). A refused input comes back as `{ ok: false, code, message }` with the package's
 * error code and message, shown beside the field; nothing here throws.
 */
export type Computed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

function attempt<T>(f: () => T): Computed<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ok: false, code: err?.code ?? "Error", message: err?.message ?? String(e) };
  }
}

/** The server's staking policy (its `bankroll` settings' defaults) with another Kelly fraction. */
function policy(fraction: number): ec.KellyPolicy {
  return { fraction, maxStakeShare: 0.05, minEdge: 0.02, minStake: "1", unit: "0.01" };
}

/**
 * The Kelly stake (decimal string, rounded down to the cent) on `bankroll` for a price and
 * the fair probability, at a fraction of Kelly, capped at 5% of the bankroll.
 */
export function kellyStake(bankroll: string, price: number, probability: number, fraction: number): Computed<string> {
  return attempt(() => ec.kellyStake(bankroll, price, probability, policy(fraction)));
}

/** Fair probabilities, fair odds and margin of one market's prices typed by hand. */
export function fairOdds(prices: number[], method: ec.DevigMethod): Computed<ec.Devig> {
  return attempt(() => ec.devig(prices, method));
}

/** A loan's schedule (payment, rows, totals). */
export function schedule(loan: ec.Loan): Computed<ec.Schedule> {
  return attempt(() => ec.amortizationSchedule(loan));
}

/** The capital still owed on `asOf`. */
export function remainingCapital(loan: ec.Loan, asOf: Date): Computed<string> {
  return attempt(() => ec.remainingCapital(loan, asOf));
}

/** Net worth by category of a profile on `asOf`, crypto at the bundled prices. */
export function netWorth(profile: ec.Profile, prices: ec.PriceBook, asOf: Date): Computed<ec.NetWorth> {
  return attempt(() => ec.netWorth(profile, prices, { asOf, maxPriceAgeSeconds: 7 * 86400 }));
}

/** The monthly savings capacity split across envelopes to the cent. */
export function investmentPlan(capacity: string, lines: ec.PlanLine[]): Computed<ec.Plan> {
  return attempt(() => ec.investmentPlan(capacity, lines));
}

/** Risk scores of subscribers on `asOf` and their summary (levels, histogram). */
export function risk(subscribers: ec.Subscriber[], asOf: Date): Computed<{ scores: ec.RiskScore[]; summary: ec.RiskSummary }> {
  return attempt(() => {
    const scores = ec.riskScoreBatch(subscribers, asOf);
    return { scores, summary: ec.riskSummary(scores) };
  });
}

/** An API bet as the package's record. */
function toBet(b: ApiBet): ec.Bet {
  return {
    id: b.id,
    eventId: b.event_id,
    league: b.league,
    market: b.market as ec.Market,
    line: b.line,
    selection: b.selection as ec.Selection,
    bookmaker: b.bookmaker,
    odds: b.odds,
    stake: b.stake,
    placedAt: new Date(b.placed_at),
    source: b.source,
    outcome: (b.outcome ?? undefined) as ec.Outcome | undefined,
    closingOdds: b.closing_odds,
    closingProbability: b.closing_probability,
  };
}

/** Figures of a set of bets (bankroll curve, ROI...) from `starting`. */
export function performance(bets: ApiBet[], starting: string): Computed<ec.Performance> {
  return attempt(() => ec.performance(bets.map(toBet), starting));
}

/** The tier of a bet's CLV, decided exactly on its decimal prices ("2.02" against "2.00" is
 * exactly 1%: `correct`). */
export function clvTierOfPrices(oddsTaken: string, closingOdds: string): Computed<ec.ClvTier> {
  return attempt(() => ec.clvTierFromPrices(oddsTaken, closingOdds));
}
