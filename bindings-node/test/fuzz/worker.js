'use strict'
// One fuzz batch, run in a child process by run.js:
//   node --expose-gc worker.js <seed> <runs per function> <input file> <name,name,...>
// For each named export, `runs` calls with arguments generated from its declared parameter
// types (recipes.js). Before each call, the call's recipe is written to <input file>, so that
// a crash or a hang leaves its input behind. Exit status 0: no invariant broken; 1: an
// invariant broken (fast-check's report, shrunk, on stdout).
//
// Invariants: the call returns or throws; what it throws (or a promise rejects with) is an
// Error whose `code` is one of the package's; what it returns (or a promise resolves to)
// holds no NaN, infinity or invalid Date; a promise settles within 20 s.

const fs = require('node:fs')
const fc = require('fast-check')
const e = require('../..')
const { readDeclarations } = require('./signatures.js')
const { ofType, anything, build, show } = require('./recipes.js')

const [seed, runs, inputFile, names] = process.argv.slice(2)
const CODES = new Set(e.errorCodes())
const decl = readDeclarations()

process.on('uncaughtException', (error) => {
  console.log(`uncaught exception: ${error && error.stack}`)
  process.exit(3)
})
process.on('unhandledRejection', (error) => {
  console.log(`unhandled rejection: ${error && error.stack}`)
  process.exit(3)
})

/** The first NaN, infinity or invalid Date in `value`, as a path, if any. */
function nonFinite(value, path = 'result', seen = new Set(), depth = 0) {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} = ${value}`
  if (value === null || typeof value !== 'object' || depth > 8 || seen.has(value)) return undefined
  seen.add(value)
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? undefined : `${path} is an invalid Date`
  if (ArrayBuffer.isView(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === 'number' && !Number.isFinite(value[i])) return `${path}[${i}] = ${value[i]}`
    }
    return undefined
  }
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinite(item, `${path}.${key}`, seen, depth + 1)
    if (found) return found
  }
  return undefined
}

/** Why a thrown value breaks the invariant, if it does. */
function badError(thrown) {
  if (!(thrown instanceof Error)) return `threw a non-Error ${typeof thrown}`
  if (!CODES.has(thrown.code)) return `threw ${thrown.name} with code ${String(thrown.code)}: ${thrown.message}`
  return undefined
}

/**
 * Calls whose defaults are real work, bounded to keep the run short: `generate` without an
 * `events` count builds a whole season (seconds), so its configuration always has a small
 * one (its other fields stay hostile).
 */
const BOUNDED = {
  generate: ([config, ...rest]) => {
    const fields = config && config.k === 'obj' ? config.fields : {}
    return [{ k: 'obj', fields: { ...fields, events: { k: 'num', v: 2 } } }, ...rest]
  },
}

/** The arguments of `name`: one per declared parameter, sometimes one more. */
function argumentsOf(name) {
  return argumentsOfAny(name).map((recipes) => (BOUNDED[name] ? BOUNDED[name](recipes) : recipes))
}

function argumentsOfAny(name) {
  const params = decl.functions[name]
  if (params === undefined) return fc.array(anything(2), { maxLength: 5 })
  const each = params.map((p) => (p.optional ? fc.option(ofType(p.type, decl), { nil: { k: 'undefined' }, freq: 3 }) : ofType(p.type, decl)))
  return fc.tuple(fc.tuple(...each), fc.option(anything(1), { nil: undefined, freq: 10 }))
    .map(([args, extra]) => (extra === undefined ? args : [...args, extra]))
}

async function call(name, recipes) {
  fs.writeFileSync(inputFile, `${name}(${recipes.map(show).join(', ')})\n`)
  const ctx = { buffers: [], arrays: [] }
  const args = recipes.map((r) => build(r, ctx))
  let result
  try {
    result = e[name](...args)
  } catch (thrown) {
    const bad = badError(thrown)
    if (bad) throw new Error(`${name}: ${bad}`)
    return
  }
  if (result instanceof Promise) {
    let timer
    const settled = await Promise.race([
      result.then((value) => ({ value }), (thrown) => ({ thrown, rejected: true })),
      new Promise((resolve) => { timer = setTimeout(() => resolve({ hang: true }), 20_000) }),
    ])
    clearTimeout(timer)
    if (settled.hang) throw new Error(`${name}: the promise did not settle within 20 s`)
    if (settled.rejected) {
      const bad = badError(settled.thrown)
      if (bad) throw new Error(`${name} (rejected): ${bad}`)
      return
    }
    result = settled.value
  }
  const found = nonFinite(result)
  if (found) throw new Error(`${name}: ${found}`)
}

async function main() {
  let failed = false
  for (const name of names.split(',')) {
    if (typeof e[name] !== 'function') continue
    const outcome = await fc.check(fc.asyncProperty(argumentsOf(name), (recipes) => call(name, recipes)), {
      seed: Number(seed),
      numRuns: Number(runs),
      endOnFailure: false,
      maxSkipsPerRun: 0,
    })
    if (outcome.failed) {
      failed = true
      console.log(`FAILED ${name}: ${fc.defaultReportMessage(outcome)}`)
    }
  }
  process.exit(failed ? 1 : 0)
}

main()
