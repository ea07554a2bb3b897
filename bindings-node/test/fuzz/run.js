'use strict'
// The Node fuzzer: every function the package exports, and every constructor, static
// function and method of its classes (a method on an instance made from valid inputs), called
// with hostile arguments
// generated from its declared parameter types, in batches, each batch in a child process
// (worker.js) with a time limit, so that a crash, an abort or a hang is caught and reported
// with the input that caused it and the seed that reproduces it.
//
//   node test/fuzz/run.js                    # FUZZ_CASES calls in all (default 2000)
//   FUZZ_CASES=200000 FUZZ_SEED=42 node test/fuzz/run.js
//   FUZZ_ONLY=clvBatch,devigBatchAsync node test/fuzz/run.js

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { readDeclarations } = require('./signatures.js')

/** Functions per child process. */
const BATCH = 8

/**
 * What the fuzzer calls, discovered from the exports and the declarations: every exported
 * function (`devig`); for every exported class (PascalCase), `new X`, its static functions
 * `X.name` (declared) and its methods `X#name` (declared, and any other function on its
 * prototype).
 */
function targets(e, decl) {
  const names = []
  for (const name of Object.keys(e)) {
    if (typeof e[name] !== 'function') continue
    if (!/^[A-Z]/.test(name)) {
      names.push(name)
      continue
    }
    const members = decl.classes[name] ?? { statics: {}, methods: {} }
    names.push(`new ${name}`)
    for (const s of Object.keys(members.statics)) names.push(`${name}.${s}`)
    const methods = new Set(Object.keys(members.methods))
    for (const key of Object.getOwnPropertyNames(e[name].prototype)) {
      const d = Object.getOwnPropertyDescriptor(e[name].prototype, key)
      if (key !== 'constructor' && typeof d.value === 'function') methods.add(key)
    }
    for (const m of methods) names.push(`${name}#${m}`)
  }
  return names
}

/**
 * Runs the fuzzer: `cases` calls in all, spread evenly over the targets (`targets`), from
 * `seed`. Returns the failed batches: `{ names, status, signal, input, output }`.
 */
function fuzz({ cases = 2000, seed = Date.now() % 2 ** 31, only, log = () => {} } = {}) {
  const e = require('../..')
  const names = (only ?? targets(e, readDeclarations())).sort()
  const runs = Math.max(3, Math.ceil(cases / names.length))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgecore-fuzz-'))
  const failures = []
  try {
    for (let i = 0; i < names.length; i += BATCH) {
      const batch = names.slice(i, i + BATCH)
      const input = path.join(dir, `input-${i}`)
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', '--max-old-space-size=2048', path.join(__dirname, 'worker.js'), String(seed), String(runs), input, batch.join(',')],
        { encoding: 'utf8', timeout: Math.max(120_000, runs * batch.length * 200), maxBuffer: 64 * 1024 * 1024 },
      )
      const ok = child.status === 0
      log(`${ok ? 'ok  ' : 'FAIL'} ${batch.join(', ')} (${runs} calls each)`)
      if (!ok) {
        failures.push({
          names: batch,
          status: child.status,
          signal: child.signal,
          error: child.error && child.error.message,
          input: fs.existsSync(input) ? fs.readFileSync(input, 'utf8') : '',
          output: `${child.stdout}\n${child.stderr}`.slice(-8000),
        })
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return { failures, seed, runs, functions: names.length, names }
}

/** A failure as text: the batch, how it ended, the last input and the output. */
function describeFailure(f, seed) {
  return [
    `batch ${f.names.join(', ')}: status ${f.status}, signal ${f.signal}${f.error ? `, ${f.error}` : ''}, seed ${seed}`,
    `last input: ${f.input.trim()}`,
    f.output.trim(),
  ].join('\n')
}

if (require.main === module) {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
  const cases = Number(process.env.FUZZ_CASES ?? 2000)
  const only = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',') : undefined
  console.log(`fuzzing ${cases} calls, seed ${seed}`)
  const { failures, runs, functions } = fuzz({ cases, seed, only, log: console.log })
  console.log(`${functions} functions, ${runs} calls each: ${failures.length} failed batches`)
  for (const f of failures) console.log(`\n${describeFailure(f, seed)}`)
  process.exit(failures.length === 0 ? 0 : 1)
}

module.exports = { fuzz, describeFailure, targets }
