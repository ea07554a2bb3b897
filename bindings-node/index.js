'use strict'
// The package entry: every function and class of the native addon (loaded by `binding.js`,
// which napi generates), each throwing only errors with one of the package's codes, or the
// caller's own exception unchanged (`guard`).

const binding = require('./binding.js')

const exported = { ...binding }

/** The package's error codes (`ErrorCode`): the core's error kinds. */
const CODES = new Set(binding.errorCodes())

/** The codes napi gives its own conversion errors (its `Status` names), none of them the package's. */
const NAPI_CODES = new Set([
  'InvalidArg', 'ObjectExpected', 'StringExpected', 'NameExpected', 'FunctionExpected',
  'NumberExpected', 'BooleanExpected', 'ArrayExpected', 'GenericFailure', 'PendingException',
  'Cancelled', 'EscapeCalledTwice', 'HandleScopeMismatch', 'CallbackScopeMismatch', 'QueueFull',
  'Closing', 'BigintExpected', 'DateExpected', 'ArrayBufferExpected',
  'DetachableArraybufferExpected', 'WouldDeadlock', 'NoExternalBuffersAllowed', 'Unknown',
])

/** A description of a thrown value that cannot itself throw (a getter, a proxy, a BigInt). */
function describe(thrown) {
  try {
    const message = thrown !== null && typeof thrown === 'object' ? thrown.message : thrown
    if (typeof message !== 'string') return `a thrown ${typeof message}`
    // napi's own messages quote the value (as JSON), which can be megabytes long.
    return message.length > 300 ? `${message.slice(0, 300)}...` : message
  } catch {
    return 'an exception whose message cannot be read'
  }
}

/**
 * Every error of the package carries one of its codes: an error of the core already has
 * one, and napi's own conversion errors (codes such as `NumberExpected`, which are not the
 * package's) become `InvalidRecord` with the original as `cause`. Anything else was thrown by
 * the caller's own code while the addon read an argument (a getter, a proxy trap: the addon
 * throws nothing else) and comes out unchanged, as Python raises it.
 */
function coded(thrown) {
  let napi = false
  try {
    napi = thrown instanceof Error && !CODES.has(thrown.code) && NAPI_CODES.has(thrown.code)
  } catch {}
  if (!napi) return thrown
  const error = new Error(`invalid argument: ${describe(thrown)}`, { cause: thrown })
  error.code = 'InvalidRecord'
  return error
}

/** An `InvalidRecord` error for a call the package refuses before it reaches the addon. */
function invalidCall(reason) {
  const error = new Error(`invalid call: ${reason}`)
  error.code = 'InvalidRecord'
  return error
}

/** `fn` (called with the same `this`) whose thrown errors carry a package code. */
function guard(name, fn) {
  const guarded = {
    [name](...args) {
      let result
      try {
        result = fn.apply(this, args)
      } catch (thrown) {
        throw coded(thrown)
      }
      // A promise rejects with a core error (coded) or with the exception an `onProgress`
      // callback threw, unchanged.
      return result
    },
  }[name]
  return guarded
}

/**
 * A class of the addon (`History`, `Board`) whose errors carry a package code, as the
 * functions': its methods are guarded in place on its prototype, and the class is answered
 * through a proxy whose `new` is guarded and whose static factories (`Board.at`, which the
 * addon defines read-only) are guarded copies. The proxy's `prototype` is the class's, so
 * `instanceof` holds for every instance, however it was made.
 */
function guardClass(name, cls) {
  for (const key of Object.getOwnPropertyNames(cls.prototype)) {
    const d = Object.getOwnPropertyDescriptor(cls.prototype, key)
    if (key === 'constructor' || typeof d.value !== 'function' || !d.configurable) continue
    const method = d.value
    // Another receiver would make V8 throw its own "Illegal invocation" TypeError.
    const checked = function (...args) {
      if (!(this instanceof cls)) throw invalidCall(`${name}.prototype.${key} called on an object that is not a ${name}`)
      return method.apply(this, args)
    }
    Object.defineProperty(cls.prototype, key, { ...d, value: guard(key, checked) })
  }
  const statics = new Map()
  for (const key of Object.getOwnPropertyNames(cls)) {
    const d = Object.getOwnPropertyDescriptor(cls, key)
    if (key === 'prototype' || typeof d.value !== 'function') continue
    const factory = d.value
    statics.set(key, guard(key, (...args) => factory.apply(cls, args)))
  }
  // The proxy's own target is a stand-in: the read-only statics of `cls` could not be
  // answered by guarded copies through a proxy of `cls` itself.
  const standIn = function () {}
  standIn.prototype = cls.prototype
  return new Proxy(standIn, {
    construct(_, args) {
      try {
        return Reflect.construct(cls, args)
      } catch (thrown) {
        throw coded(thrown)
      }
    },
    apply() {
      throw invalidCall(`class constructor ${name} cannot be invoked without 'new'`)
    },
    get(target, key) {
      if (statics.has(key)) return statics.get(key)
      return key === 'prototype' ? target.prototype : Reflect.get(cls, key)
    },
  })
}

// Functions are camelCase, classes PascalCase.
for (const [name, value] of Object.entries(exported)) {
  if (typeof value !== 'function') continue
  exported[name] = /^[A-Z]/.test(name) ? guardClass(name, value) : guard(name, value)
}

module.exports = exported
