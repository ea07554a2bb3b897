// Type check of `edgecore/testing` (`tsc --noEmit -p tsconfig.json`): arbitraries give the
// package's record types, and a misuse does not compile.

import * as fc from 'fast-check'
import * as ec from '..'
import { boards, loans, markets, odds, scoredBets, subscribers, type BoardCase } from '../testing'

const prices: fc.Arbitrary<string[]> = markets({ outcomes: [2, 3], margin: [0.02, 0.08] })
const fractional: fc.Arbitrary<ec.Fractional> = odds({ format: 'fractional' })
const american: fc.Arbitrary<number> = odds({ format: 'american' })
const board: fc.Arbitrary<BoardCase> = boards({ threeWay: true })
const loan: fc.Arbitrary<ec.Loan> = loans({ kinds: ['annuity'], insurance: true })
const subscriber: fc.Arbitrary<ec.Subscriber> = subscribers({ maxPayments: 6 })

fc.assert(
  fc.property(scoredBets({ markets: ['totals'] }), ({ bet, result }) => {
    const settled: ec.Settlement = ec.settle(bet, result)
    return !settled.payout.startsWith('-')
  }),
)
void [prices, fractional, american, board, loan, subscriber]

// @ts-expect-error: not a loan kind
loans({ kinds: ['balloon'] })
// @ts-expect-error: decimal odds are strings, not numbers
const wrong: fc.Arbitrary<number> = odds()
void wrong
