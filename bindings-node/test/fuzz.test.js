'use strict'
// A bounded run of the fuzzer (test/fuzz/run.js): every exported function, class
// constructor, static function and method called with hostile arguments, in child
// processes. FUZZ_CASES calls in all (default 5000), from seed FUZZ_SEED (default a fixed
// one, so that a failure here reproduces; `make fuzz` runs a long run from a new seed).

const test = require('node:test')
const assert = require('node:assert/strict')
const { fuzz, describeFailure } = require('./fuzz/run.js')

test('fuzz: no crash, abort or hang, no NaN out, every error coded', () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261204)
  const cases = Number(process.env.FUZZ_CASES ?? 5000)
  const { failures, functions, runs, names } = fuzz({ cases, seed })
  assert.ok(functions > 100, `only ${functions} functions found`)
  // The classes are fuzzed too: constructors, static functions and every method.
  const e = require('..')
  for (const cls of ['Board', 'History']) {
    assert.ok(names.includes(`new ${cls}`), `new ${cls}`)
    for (const key of Object.getOwnPropertyNames(e[cls].prototype)) {
      const d = Object.getOwnPropertyDescriptor(e[cls].prototype, key)
      if (key !== 'constructor' && typeof d.value === 'function') assert.ok(names.includes(`${cls}#${key}`), `${cls}#${key}`)
    }
  }
  assert.ok(names.includes('Board.at'))
  assert.ok(runs >= 3)
  assert.equal(failures.length, 0, failures.map((f) => describeFailure(f, seed)).join('\n\n'))
})
