'use strict'
// Hostile arguments as RECIPES: plain data that fast-check generates and shrinks and that a
// report prints, built into live values (typed arrays on resizable, shared or detached
// buffers, getters that attack the other arguments, proxies, cycles, poisoned prototypes)
// afresh for each call, so that no call sees what an earlier one did to its values.

const fc = require('fast-check')
const { splitTop } = require('./signatures.js')

const SPECIAL_NUMBERS = [
  NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1.5, 2, 2.5, 100, -100, 1e-300, 5e-324, 1e308,
  2 ** 31, 2 ** 32, 2 ** 48, 2 ** 53, 2 ** 53 + 2, 2 ** 64, -(2 ** 53), Number.MAX_VALUE,
]
const SPECIAL_STRINGS = [
  '', ' ', 'x', 'NaN', 'Infinity', '-0', '0', '1', '1.95', '-1', '1e3', '1e309', '1e-30', '0.0000000000000000000000000001',
  '79228162514264337593543950336', '1,5', '\u0000', '9'.repeat(400), '2024-01-01', 'h2h', 'home',
]
const TYPED_KINDS = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]
/**
 * Marks the exceptions the fuzzer's own code throws (a getter, a callback, a trap): they are
 * the caller's own and must come out of the package unchanged (`isOwn`).
 */
const OWN = Symbol('thrown by the fuzzer')

/** An Error thrown by the fuzzer's own code. */
function own(message) {
  const error = new Error(`fuzz: ${message}`)
  error[OWN] = true
  return error
}

/** Whether `thrown` is an exception of the fuzzer's own code (an own Error, or the number 42). */
function isOwn(thrown) {
  return thrown === 42 || (thrown instanceof Error && thrown[OWN] === true)
}

/** What a getter planted in an argument does to the other arguments when it runs. */
const ATTACKS = ['resize', 'detach', 'truncate', 'throw', 'throwNonError', 'none']

const number = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_NUMBERS) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 400 }) },
).map((v) => ({ k: 'num', v }))
const string = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.string({ maxLength: 12 }),
).map((v) => ({ k: 'str', v }))
const date = fc.oneof(
  fc.constantFrom(NaN, 0, 8.64e15, -8.64e15, 1.5, 1719705600000, 1735732800000).map((t) => ({ k: 'date', t })),
  fc.integer({ min: 1577836800000, max: 1798761600000 }).map((t) => ({ k: 'date', t })),
  fc.constant({ k: 'fakeDate' }),
  fc.constant({ k: 'lyingDate' }),
)
const numbers = fc.array(fc.oneof(fc.constantFrom(...SPECIAL_NUMBERS), fc.double({ min: 1.01, max: 20, noNaN: true })), { maxLength: 12 })
const float64 = fc.record({
  values: numbers,
  buffer: fc.constantFrom('plain', 'plain', 'resizable', 'tracking', 'shared', 'offset', 'detached', 'shrunk'),
}).map((r) => ({ k: 'f64', ...r }))
const typed = fc.record({ kind: fc.constantFrom(...TYPED_KINDS), values: fc.array(fc.integer({ min: -3, max: 300 }), { maxLength: 8 }) })
  .map((r) => ({ k: 'typed', ...r }))
const leaf = fc.oneof(
  number, string, date, float64, typed,
  fc.constantFrom({ k: 'undefined' }, { k: 'null' }, { k: 'true' }, { k: 'false' }, { k: 'symbol' }, { k: 'fn' }, { k: 'throwingFn' }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((v) => ({ k: 'bigint', v: String(v) })),
  // Sparse arrays claiming many items. Longer ones (2 ** 32 - 1) are made only where a list
  // is expected (see `typedOf`): where a string is expected, napi-rs's error message runs
  // JSON.stringify on the value, which Node 20's V8 cannot survive from about 2 ** 27 items
  // on (a known limitation, see the README).
  fc.constantFrom({ k: 'sparse', length: 2 ** 20 }, { k: 'sparse', length: 5 }),
)
const hugeSparse = fc.constant({ k: 'sparse', length: 2 ** 32 - 1 })

/** Any value at all, nested up to `depth`. */
function anything(depth) {
  if (depth <= 0) return leaf
  const inner = anything(depth - 1)
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 4 }).map((items) => ({ k: 'arr', items })) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('id', 'stake', 'odds', 'x', 'status', 'events', '__proto__'), inner, { maxKeys: 3 }).map((fields) => ({ k: 'obj', fields })) },
    { weight: 1, arbitrary: inner.map((target) => ({ k: 'proxy', target })) },
    { weight: 1, arbitrary: inner.map((target) => ({ k: 'cyclic', target })) },
    { weight: 1, arbitrary: fc.tuple(inner, fc.constantFrom(...ATTACKS)).map(([target, attack]) => ({ k: 'getter', target, attack })) },
  )
}

/**
 * Recipes for a value of TypeScript type `type` (as the declarations write it), mostly
 * well-typed and sometimes hostile. `decl` holds the interfaces and aliases.
 */
function ofType(type, decl, depth = 3) {
  const hostile = anything(Math.min(depth, 2))
  const typedArb = typedOf(type, decl, depth)
  return fc.oneof({ weight: 4, arbitrary: typedArb }, { weight: 1, arbitrary: hostile })
}

function typedOf(type, decl, depth) {
  const parts = splitTop(type, '|')
  if (parts.length > 1) return fc.oneof(...parts.map((p) => typedOf(p, decl, depth)))
  const t = parts[0] || 'unknown'
  if (t === 'number') return number
  if (t === 'string') return string
  if (t === 'boolean') return fc.constantFrom({ k: 'true' }, { k: 'false' })
  if (t === 'Date') return date
  if (t === 'null') return fc.constant({ k: 'null' })
  if (t === 'undefined') return fc.constant({ k: 'undefined' })
  if (t === 'Float64Array') return fc.oneof({ weight: 5, arbitrary: float64 }, { weight: 1, arbitrary: hugeSparse })
  if (/^'.*'$/.test(t)) return fc.constant({ k: 'str', v: t.slice(1, -1) })
  if (t.startsWith('(')) return fc.constantFrom({ k: 'fn' }, { k: 'throwingFn' }, { k: 'undefined' })
  const list = /^(.*)\[\]$/.exec(t) || /^Array<(.*)>$/.exec(t)
  if (list) {
    if (depth <= 0) return fc.constant({ k: 'arr', items: [] })
    const item = ofType(list[1], decl, depth - 1)
    const items = fc.array(item, { maxLength: 4 }).map((items) => ({ k: 'arr', items }))
    return fc.oneof({ weight: 8, arbitrary: items }, { weight: 1, arbitrary: hugeSparse })
  }
  const map = /^Record<string, (.*)>$/.exec(t)
  if (map) {
    if (depth <= 0) return fc.constant({ k: 'obj', fields: {} })
    return fc.dictionary(fc.constantFrom('BTC', 'ETH', 'a'), ofType(map[1], decl, depth - 1), { maxKeys: 3 }).map((fields) => ({ k: 'obj', fields }))
  }
  if (decl.aliases[t] !== undefined) return typedOf(decl.aliases[t], decl, depth)
  const fields = decl.interfaces[t]
  if (fields !== undefined) {
    if (depth <= 0) return fc.constant({ k: 'obj', fields: {} })
    const shape = {}
    for (const f of fields) shape[f.name] = f.optional ? fc.option(ofType(f.type, decl, depth - 1), { nil: undefined }) : ofType(f.type, decl, depth - 1)
    return fc.record({
      fields: fc.record(shape),
      drop: fc.option(fc.constantFrom(...fields.map((f) => f.name)), { nil: undefined }),
      extra: fc.option(fc.constantFrom('evnets', 'x'), { nil: undefined, freq: 8 }),
    }).map(({ fields: values, drop, extra }) => {
      const out = {}
      for (const [k, v] of Object.entries(values)) if (v !== undefined && k !== drop) out[k] = v
      if (extra !== undefined) out[extra] = { k: 'num', v: 1 }
      return { k: 'obj', fields: out }
    })
  }
  return anything(1)
}

/**
 * Builds the live value of `recipe`. `ctx` collects, across the arguments of one call, the
 * buffers and arrays that planted getters attack.
 */
function build(recipe, ctx) {
  switch (recipe.k) {
    case 'num': return recipe.v
    case 'str': return recipe.v
    case 'bigint': return BigInt(recipe.v)
    case 'undefined': return undefined
    case 'null': return null
    case 'true': return true
    case 'false': return false
    case 'symbol': return Symbol('fuzz')
    case 'fn': return () => 0
    case 'throwingFn': return () => { throw own('thrown by a callback') }
    case 'date': return new Date(recipe.t)
    case 'fakeDate': return Object.create(Date.prototype)
    case 'lyingDate': {
      const d = new Date(0)
      d.valueOf = () => { throw own('valueOf') }
      d.getTime = () => NaN
      return d
    }
    case 'sparse': {
      const a = []
      a[recipe.length - 1] = 2
      ctx.arrays.push(a)
      return a
    }
    case 'f64': return float64Array(recipe, ctx)
    case 'typed': {
      const Kind = globalThis[recipe.kind]
      const big = recipe.kind.startsWith('Big')
      return Kind.from(recipe.values, (v) => (big ? BigInt(v) : v))
    }
    case 'arr': {
      const a = recipe.items.map((item) => build(item, ctx))
      ctx.arrays.push(a)
      return a
    }
    case 'obj': {
      const o = {}
      for (const [key, value] of Object.entries(recipe.fields)) {
        Object.defineProperty(o, key, { value: build(value, ctx), enumerable: true, writable: true, configurable: true })
      }
      return o
    }
    case 'proxy': {
      const target = build(recipe.target, ctx)
      if (target === null || (typeof target !== 'object' && typeof target !== 'function')) return target
      return new Proxy(target, {
        get(t, key, receiver) {
          if (key === 'length' && Array.isArray(t)) return 2 ** 31
          return Reflect.get(t, key, receiver)
        },
        ownKeys() { throw own('ownKeys trap') },
      })
    }
    case 'cyclic': {
      const target = build(recipe.target, ctx)
      const o = { id: 'cyclic', value: target }
      o.self = o
      o.stake = o
      if (Array.isArray(target)) target.push(target)
      return o
    }
    case 'getter': {
      const target = build(recipe.target, ctx)
      const holder = [target, target]
      ctx.arrays.push(holder)
      Object.defineProperty(holder, 0, {
        enumerable: true,
        get() {
          attack(recipe.attack, ctx)
          return target
        },
      })
      return holder
    }
    default: throw new Error(`unknown recipe ${recipe.k}`)
  }
}

/** A `Float64Array` of `values` on the kind of buffer the recipe names. */
function float64Array({ values, buffer }, ctx) {
  const bytes = 8 * values.length
  let a
  if (buffer === 'resizable' || buffer === 'tracking' || buffer === 'shrunk') {
    const buf = new ArrayBuffer(bytes + 16, { maxByteLength: bytes + 16 })
    a = buffer === 'tracking' ? new Float64Array(buf) : new Float64Array(buf, 8, values.length)
    a.set(values)
    if (buffer === 'shrunk') buf.resize(8)
    ctx.buffers.push(buf)
  } else if (buffer === 'shared') {
    a = new Float64Array(new SharedArrayBuffer(bytes))
    a.set(values)
  } else if (buffer === 'offset') {
    a = new Float64Array(new ArrayBuffer(bytes + 24), 24, values.length)
    a.set(values)
    ctx.buffers.push(a.buffer)
  } else {
    a = Float64Array.from(values)
    ctx.buffers.push(a.buffer)
    if (buffer === 'detached') structuredClone(a.buffer, { transfer: [a.buffer] })
  }
  return a
}

/** Runs a planted getter's attack on the other arguments of the call. */
function attack(kind, ctx) {
  if (kind === 'resize') for (const b of ctx.buffers) if (b.resizable && !b.detached) b.resize(0)
  if (kind === 'detach') for (const b of ctx.buffers) if (!b.detached) structuredClone(b, { transfer: [b] })
  if (kind === 'truncate') for (const a of ctx.arrays) if (!Object.isFrozen(a)) try { a.length = 0 } catch {}
  if (kind === 'throw') throw own('thrown by a getter')
  if (kind === 'throwNonError') throw 42 // eslint-disable-line no-throw-literal
  if ((kind === 'resize' || kind === 'detach') && global.gc) {
    global.gc()
    // Reuse the freed memory, so that a read after free shows.
    for (let i = 0; i < 20; i++) new Float64Array(64).fill(1e300)
  }
}

/** A recipe as text for reports (numbers that JSON cannot write are spelled out). */
function show(recipe) {
  return JSON.stringify(recipe, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v))
}

module.exports = { ofType, anything, build, show, isOwn }
