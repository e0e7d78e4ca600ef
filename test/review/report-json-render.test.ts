// renderJson (the whole report as one string, from the native serialiser) writes exactly what the
// streamed serializeJson writes: the same bytes for any JSON value, the same treatment of what
// JSON has no form for, of keys that would reach a prototype, and of registered secrets.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { registerSecret } from '../../src/core/redact.js'
import { renderJson, serializeJson } from '../../src/review/json.js'
import type { Report } from '../../src/core/model.js'

function streamed(value: unknown): string {
  const chunks: string[] = []
  serializeJson(value, (chunk) => chunks.push(chunk))
  return chunks.join('') + '\n'
}

const asReport = (value: unknown): Report => value as Report

describe('renderJson writes what the streamed serializer writes', () => {
  it('for any JSON value, integer-like keys and key order included (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(renderJson(asReport(value))).toBe(streamed(value))
      }),
      { numRuns: 500 }
    )
  })

  it('for objects whose keys come in any order, __proto__ and constructor among them (property)', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', '10', '2', 'a\u0000b')
    )
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.array(fc.tuple(key, tie('node')), { maxLength: 4 }).map((entries) => {
          const object: Record<string, unknown> = {}
          for (const [k, v] of entries)
            Object.defineProperty(object, k, {
              value: v,
              enumerable: true,
              configurable: true,
              writable: true
            })
          return object
        })
      )
    })).node
    fc.assert(
      fc.property(tree, (value) => {
        expect(renderJson(asReport(value))).toBe(streamed(value))
      }),
      { numRuns: 500 }
    )
  })

  it('for undefined, functions, symbols and toJSON, as JSON.stringify treats them', () => {
    const value = {
      b: undefined,
      f: () => 1,
      s: Symbol('x'),
      a: [1, undefined, () => 2, Symbol('y'), { c: undefined, d: 'x' }],
      e: new Date(0),
      n: Number.NaN
    }
    expect(renderJson(asReport(value))).toBe(streamed(value))
  })

  it('with a registered secret removed from every string', () => {
    const secret = 'ghs_renderJsonSecret0123456789abcdef'
    registerSecret(secret)
    const value = {
      note: `token ${secret} here`,
      list: [secret],
      long: `${'x'.repeat(300)}${secret}`
    }
    const text = renderJson(asReport(value))
    expect(text).toBe(streamed(value))
    expect(text).not.toContain(secret)
  })
})
