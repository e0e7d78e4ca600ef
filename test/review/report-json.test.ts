// The JSON report is written as a stream: byte for byte what JSON.stringify with sorted keys makes
// (the oracle), and still written when the report is longer than any JavaScript string can be.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { registerSecret } from '../../src/core/redact.js'
import { renderJson, serializeJson, writeJsonTo } from '../../src/review/json.js'
import type { Report } from '../../src/core/model.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

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

  it('a large report is written in bounded chunks that join to the oracle', () => {
    // 4,000 findings: the writer's chunking at a size a test can check whole. The 400,000-finding
    // report longer than V8's longest string is bench/json-size.ts (it takes seconds).
    const details = 'A finding whose text repeats. '.repeat(22)
    const advisories = Array.from({ length: 100 }, (_, i) =>
      advisory({ id: `RUSTSEC-2099-${String(i).padStart(4, '0')}`, details, affected: true })
    )
    const changes = Array.from({ length: 40 }, (_, i) =>
      change({ name: `crate-${String(i)}`, advisories })
    )
    const large: Report = report({ lockfiles: [lockfile('Cargo.lock', changes)] })
    const chunks: string[] = []
    writeJsonTo(large, (chunk) => chunks.push(chunk))
    expect(chunks.length).toBeGreaterThan(10)
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(2 ** 17)
    expect(chunks.join('')).toBe(sortedStringify(large) + '\n')
  })
})
