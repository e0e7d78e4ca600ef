// Every real case: computeChanges over the two directories gives exactly expected.json's changes.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeChanges } from '../../src/diff/changes.js'
import { directoryTree } from '../../src/trees/directory.js'

const casesDir = join(import.meta.dirname, '..', 'fixtures', 'cases')
const cases = readdirSync(casesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()

type Json = Record<string, unknown>
interface ExpectedFile {
  path: string
  changes: Json[]
}

/** Keeps only the fields expected.json states (advisories aside), as a sortable string. */
function project(change: Json, fields: readonly string[]): string {
  return JSON.stringify(fields.map((f) => [f, change[f] ?? null]))
}

function compare(actual: { path: string; changes: object[] }[], expected: ExpectedFile[]) {
  const byPath = new Map(actual.map((f) => [f.path, f.changes as Json[]]))
  for (const file of expected) {
    const fields = [...new Set(file.changes.flatMap((c) => Object.keys(c)))]
      .filter((f) => f !== 'advisories')
      .sort()
    const got = (byPath.get(file.path) ?? []).map((c) => project(c, fields)).sort()
    const want = file.changes.map((c) => project(c, fields)).sort()
    expect({ path: file.path, changes: got }).toEqual({ path: file.path, changes: want })
    byPath.delete(file.path)
  }
  // Nothing more: every other reported file must be empty (reports only list changed files).
  expect([...byPath.entries()].filter(([, c]) => c.length > 0)).toEqual([])
}

describe('fixture cases', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(22)
  })

  for (const id of cases) {
    it(id, async () => {
      const dir = join(casesDir, id)
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
        lockfiles: ExpectedFile[]
        manifests: ExpectedFile[]
      }
      const result = await computeChanges(
        directoryTree(join(dir, 'base'), 'base'),
        directoryTree(join(dir, 'head'), 'head')
      )
      expect(result.problems).toEqual([])
      compare(result.lockfiles, expected.lockfiles)
      compare(result.manifests, expected.manifests)
      for (const lock of result.lockfiles) {
        for (const change of lock.changes) {
          expect(change.advisories).toEqual([])
          expect(change.lookup_error).toBeNull()
        }
      }
    })
  }
})
