'use strict'
// Every shared vector case, through the JavaScript API (rules in ./vectors.js).

const test = require('node:test')
const assert = require('node:assert/strict')
const { jsExpected, loadCases, mismatches, run } = require('./vectors')

const cases = loadCases()

test('the vector files hold cases', () => {
  assert.ok(cases.length > 300, `only ${cases.length} cases`)
})

for (const c of cases) {
  test(c.name, () => {
    assert.equal(typeof c.source, 'string', 'every case names its source')
    const actual = run(c.function, c.input)
    const problems = mismatches(jsExpected(c.expected), actual, c.tolerance ?? 1e-9, c.name, c.exact_decimals === true)
    assert.deepEqual(problems, [], `${problems.join('\n')}\nactual: ${JSON.stringify(actual)}`)
  })
}

test('an unknown vector function fails', () => {
  assert.throws(() => run('no_such_function', {}), /no JavaScript call/)
})
