// Types of `edgecore/testing`: fast-check arbitraries of valid edgecore records (testing.js
// documents what each one guarantees).
import type { Arbitrary } from 'fast-check'
import type { Bet, Event, EventResult, Fractional, Loan, LoanKind, Market, PriceSnapshot, Profile, Subscriber } from './index'

/** The date every generated history ends on or before. */
export declare const AS_OF: Date
/** The crypto-currency symbols generated profiles hold. */
export declare const CRYPTO_SYMBOLS: readonly string[]
/** Leagues of generated bets. */
export declare const LEAGUES: readonly string[]

/** An odds format of `odds`. */
export type OddsFormat = 'decimal' | 'american' | 'fractional' | 'hongKong' | 'malay' | 'indonesian'

/** A board of bookmakers around one fair price (see `boards`). */
export interface BoardCase {
  event: Event
  /** Fair probabilities of the outcomes (home, draw, away; or home, away), adding up to 1. */
  probabilities: number[]
  snapshots: PriceSnapshot[]
  capturedAt: Date
}

/** A pending bet, its event and the event's result (see `scoredBets`). */
export interface ScoredBet {
  event: Event
  bet: Bet
  result: EventResult
}

/** A cash-flow series with exactly one sign change, at `signChange` (see `cashFlows`). */
export interface CashFlows {
  values: number[]
  dates: Date[]
  signChange: number
}

/** Prices in one odds format: a decimal string for 'decimal', a `Fractional`, or a number. */
export declare function odds(options?: { format?: 'decimal'; minPrice?: string | number; maxPrice?: string | number }): Arbitrary<string>
export declare function odds(options: { format: 'fractional'; minPrice?: string | number; maxPrice?: string | number }): Arbitrary<Fractional>
export declare function odds(options: {
  format: 'american' | 'hongKong' | 'malay' | 'indonesian'
  minPrice?: string | number
  maxPrice?: string | number
}): Arbitrary<number>
/** The prices (decimal strings) of one market whose `overround` lies in `margin`. */
export declare function markets(options?: { outcomes?: [number, number]; margin?: [number, number]; places?: number }): Arbitrary<string[]>
/** Every bookmaker quoting one event's h2h market around the same fair probabilities. */
export declare function boards(options?: { bookmakers?: string[]; margin?: [number, number]; threeWay?: boolean }): Arbitrary<BoardCase>
/** A pending bet that settles against its event's result. */
export declare function scoredBets(options?: { markets?: Market[]; maxGoals?: number; cancelled?: boolean }): Arbitrary<ScoredBet>
/** Pending bets (as in `scoredBets`). */
export declare function bets(options?: { markets?: Market[]; maxGoals?: number; cancelled?: boolean }): Arbitrary<Bet>
/** Loans that validate. */
export declare function loans(options?: { kinds?: LoanKind[]; insurance?: boolean; deferral?: boolean; maxMonths?: number }): Arbitrary<Loan>
/** Cash-flow series with exactly one sign change. */
export declare function cashFlows(options?: { length?: [number, number] }): Arbitrary<CashFlows>
/** Wealth profiles that value. */
export declare function profiles(options?: { maxItems?: number }): Arbitrary<Profile>
/** Subscribers with payment histories that score. */
export declare function subscribers(options?: { maxPayments?: number; asOf?: Date }): Arbitrary<Subscriber>
