// The JSON report is written as a stream: byte for byte what JSON.stringify with sorted keys makes
// (the oracle), and still written when the report is longer than any JavaScript string can be.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { registerSecret } from '../src/core/redact.js'
import { renderJson, serializeJson, writeJsonTo } from '../src/report/json.js'
import type { Report } from '../src/core/model.js'
import { advisory, change, lockfile, report } from './helpers/report-builder.js'

/** The oracle: JSON.stringify with every object's keys sorted, 2-space indent. */
function sortedStringify(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(
            Object.entries(item as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0
            )
          )
        : item,
    2
  )
}

function serialized(value: unknown): string {
  const chunks: string[] = []
  serializeJson(value, (chunk) => chunks.push(chunk))
  return chunks.join('')
}

describe('the JSON report', () => {
  it('streams exactly what JSON.stringify makes, for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(serialized(value)).toBe(sortedStringify(value))
      }),
      { numRuns: 500 }
    )
  })

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    const value = { b: undefined, a: [1, undefined, { c: undefined, d: 'x' }], e: new Date(0) }
    expect(serialized(value)).toBe(sortedStringify(value))
  })

  it('a report written in chunks equals renderJson and the sorted JSON.stringify', () => {
    const r = report({
      lockfiles: [
        lockfile('Cargo.lock', [
          change({
            name: 'tar',
            advisories: [advisory({ id: 'RUSTSEC-2021-0080', affected: true })]
          })
        ])
      ]
    })
    const chunks: string[] = []
    writeJsonTo(r, (chunk) => chunks.push(chunk))
    expect(chunks.join('')).toBe(renderJson(r))
    expect(renderJson(r)).toBe(sortedStringify(r) + '\n')
  })

  it("the action's token never reaches the file, whatever text carried it", () => {
    const token = 'ghs_JsonReportSecret0123456789abcdefABCD'
    registerSecret(token)
    const r = report({
      lockfiles: [
        lockfile('Cargo.lock', [
          change({ name: 'tar', lookup_error: `upstream echoed authorization: ${token}` })
        ])
      ],
      problems: [{ kind: 'other', message: `a proxy said ${token}`, incomplete: true }]
    })
    const chunks: string[] = []
    writeJsonTo(r, (chunk) => chunks.push(chunk))
    const written = chunks.join('')
    expect(written).not.toContain(token)
    const parsed = JSON.parse(written) as Report
    expect(parsed.problems[0]?.message).toMatch(/^a proxy said /)
  })

  it('400,000 findings: longer than the longest string V8 allows, and still written', () => {
    // One details text shared by every finding keeps the heap small; the output is not.
    const details = 'A finding whose text repeats. '.repeat(22)
    const advisories = Array.from({ length: 1_000 }, (_, i) =>
      advisory({ id: `RUSTSEC-2099-${String(i).padStart(4, '0')}`, details, affected: true })
    )
    const changes = Array.from({ length: 400 }, (_, i) =>
      change({ name: `crate-${String(i)}`, advisories })
    )
    const huge: Report = report({ lockfiles: [lockfile('Cargo.lock', changes)] })
    const findings = huge.lockfiles.flatMap((l) => l.changes.flatMap((c) => c.advisories)).length
    expect(findings).toBe(400_000)
    let chars = 0
    let chunks = 0
    let longest = 0
    let head = ''
    let tail = ''
    writeJsonTo(huge, (chunk) => {
      chars += chunk.length
      chunks += 1
      longest = Math.max(longest, chunk.length)
      if (head === '') head = chunk.slice(0, 100)
      tail = (tail + chunk).slice(-100)
    })
    // 2^29 − 24 UTF-16 units is V8's string limit: one string could never have held this.
    expect(chars).toBeGreaterThan(2 ** 29)
    expect(longest).toBeLessThan(2 ** 17)
    expect(chunks).toBeGreaterThan(1_000)
    expect(head.startsWith('{\n  "advisory_source": "test fixtures",')).toBe(true)
    expect(tail.endsWith('\n  }\n}\n')).toBe(true)
  }, 60_000)
})
