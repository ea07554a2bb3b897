'use strict'
// Runs a script in a fresh Node process, so that a crash (a signal, an abort) or a hang is a
// failed test that shows its input instead of a dead test runner.

const { spawnSync } = require('node:child_process')
const path = require('node:path')

const ROOT = path.join(__dirname, '..')

/**
 * Runs `source` (CommonJS, `edgecore` already required as `e`) with `flags` (`--expose-gc`)
 * under `timeout` ms; returns `{ status, signal, stdout, stderr, value }`, where `value` is
 * the JSON the script printed last with `done(value)`.
 */
function runChild(source, { flags = [], timeout = 60_000 } = {}) {
  const prelude = [
    "'use strict'",
    `const e = require(${JSON.stringify(ROOT)})`,
    "const done = (value) => process.stdout.write('\\n@@' + JSON.stringify(value) + '\\n')",
  ].join('\n')
  const run = spawnSync(process.execPath, [...flags, '-e', `${prelude}\n${source}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  })
  const last = (run.stdout || '').split('\n').filter((l) => l.startsWith('@@')).pop()
  return {
    status: run.status,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr,
    value: last === undefined ? undefined : JSON.parse(last.slice(2)),
  }
}

/** A description of a child's end, for assertion messages. */
function ending(run) {
  const tail = (s) => (s || '').split('\n').slice(-15).join('\n')
  return `status ${run.status}, signal ${run.signal}\n--- stdout\n${tail(run.stdout)}\n--- stderr\n${tail(run.stderr)}`
}

module.exports = { runChild, ending, ROOT }
