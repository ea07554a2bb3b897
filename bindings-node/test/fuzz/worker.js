'use strict'
// One fuzz batch, run in a child process by run.js:
//   node --expose-gc worker.js <seed> <runs per function> <input file> <name,name,...>
// For each named target, `runs` calls with arguments generated from its declared parameter
// types (recipes.js). A target is an exported function (`devig`), a class's constructor
// (`new Board`), static function (`Board.at`) or method (`Board#advance`): a method is called
// on a fresh instance made from valid inputs (`validInstance`). Before each call, the call's recipe is written to <input file>, so that
// a crash or a hang leaves its input behind. Exit status 0: no invariant broken; 1: an
// invariant broken (fast-check's report, shrunk, on stdout).
//
// Invariants: the call returns or throws; what it throws (or a promise rejects with) is an
// Error whose `code` is one of the package's, or an exception of the fuzzer's own code (a
// getter, a callback, a trap), unchanged; what it returns (or a promise resolves to)
// holds no NaN, infinity or invalid Date; a promise settles within 20 s.

const fs = require('node:fs')
const fc = require('fast-check')
const e = require('../..')
const kit = require('../../testing.js')
const { readDeclarations, splitTop } = require('./signatures.js')
const { ofType, anything, build, show, isOwn } = require('./recipes.js')

const [seed, runs, inputFile, names] = process.argv.slice(2)
const CODES = new Set(e.errorCodes())
const decl = readDeclarations()

/**
 * A target's declared parameters (undefined when the declarations do not have it: then
 * arbitrary arguments) and how to call it with `args` (a method: on `instance`).
 */
function resolve(name) {
  let m = /^new (\w+)$/.exec(name)
  if (m) return { params: decl.classes[m[1]]?.constructor, invoke: (args) => new e[m[1]](...args) }
  m = /^(\w+)\.(\w+)$/.exec(name)
  if (m) return { params: decl.classes[m[1]]?.statics[m[2]], invoke: (args) => e[m[1]][m[2]](...args) }
  m = /^(\w+)#(\w+)$/.exec(name)
  if (m) return { params: decl.classes[m[1]]?.methods[m[2]], cls: m[1], invoke: (args, instance) => instance[m[2]](...args) }
  return { params: decl.functions[name], invoke: (args) => e[name](...args) }
}

/** Valid inputs for constructors: one board case of the testing kit. */
const [boardCase] = fc.sample(kit.boards(), { seed: 20261204, numRuns: 1 })

/** A fresh valid value of a declared type (the first member of a union that has one). */
function validOf(type) {
  for (const member of splitTop(type, '|')) {
    if (member === 'PriceSnapshot[]') return boardCase.snapshots.map((s) => ({ ...s }))
    if (member === 'Date') return new Date(boardCase.capturedAt.getTime())
    if (decl.classes[member]) return validInstance(member)
  }
  throw new Error(`no valid value of type ${type} to make an instance from: add one to validOf`)
}

/** A fresh instance of class `cls`, made by its constructor from valid required arguments. */
function validInstance(cls) {
  const params = decl.classes[cls]?.constructor ?? []
  return new e[cls](...params.filter((p) => !p.optional).map((p) => validOf(p.type)))
}

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
  if (isOwn(thrown)) return undefined
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
  const { params } = resolve(name)
  if (params === undefined) return fc.array(anything(2), { maxLength: 5 })
  const each = params.map((p) => (p.optional ? fc.option(ofType(p.type, decl), { nil: { k: 'undefined' }, freq: 3 }) : ofType(p.type, decl)))
  return fc.tuple(fc.tuple(...each), fc.option(anything(1), { nil: undefined, freq: 10 }))
    .map(([args, extra]) => (extra === undefined ? args : [...args, extra]))
}

async function call(name, recipes) {
  fs.writeFileSync(inputFile, `${name}(${recipes.map(show).join(', ')})\n`)
  const target = resolve(name)
  const instance = target.cls === undefined ? undefined : validInstance(target.cls)
  const ctx = { buffers: [], arrays: [] }
  const args = recipes.map((r) => build(r, ctx))
  let result
  try {
    result = target.invoke(args, instance)
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
