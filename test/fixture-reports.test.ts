// Every fixture case's report, through each advisory source, equals its expected.json on every
// field expected.json names (array order free, same lengths).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource, type AdvisorySource } from '../src/advisories/source.js'
import { analyze } from '../src/analyze.js'
import { directoryTree } from '../src/dir-tree.js'
import type { Report } from '../src/model.js'
import { RUSTSEC_DIR, startFakeOsv, type FakeServer } from './helpers/fake-osv.js'
import { startFakeRustsec } from './helpers/fake-rustsec.js'

const CASES_DIR = join(import.meta.dirname, 'fixtures', 'cases')
const cases = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

type Shape = { [key: string]: Shape } | Shape[] | null

function mergeShapes(a: Shape, b: Shape): Shape {
  if (a === null) return b
  if (b === null) return a
  if (Array.isArray(a) && Array.isArray(b)) return [mergeShapes(a[0] ?? null, b[0] ?? null)]
  if (Array.isArray(a) || Array.isArray(b)) return a
  const out: Record<string, Shape> = { ...a }
  for (const [key, shape] of Object.entries(b)) out[key] = mergeShapes(out[key] ?? null, shape)
  return out
}

/** The fields expected.json names, merged over the elements of each array. */
function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) {
    return [value.map(shapeOf).reduce<Shape>((acc, shape) => mergeShapes(acc, shape), null)]
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]))
  }
  return null
}

/** Keeps only the fields of `shape`; arrays are put in a canonical order. */
function project(value: unknown, shape: Shape): unknown {
  if (shape === null) return value
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return value
    return value
      .map((item) => project(item, shape[0] ?? null))
      .sort((a, b) => {
        const x = JSON.stringify(a)
        const y = JSON.stringify(b)
        return x < y ? -1 : x > y ? 1 : 0
      })
  }
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(shape).map((key) => [key, project(record[key], shape[key] ?? null)])
  )
}

function expectMatches(report: Report, expected: unknown): void {
  const shape = shapeOf(expected)
  expect(project(report, shape)).toEqual(project(expected, shape))
}

function caseInput(name: string) {
  const root = join(CASES_DIR, name)
  return {
    base: directoryTree(join(root, 'base'), 'base'),
    head: directoryTree(join(root, 'head'), 'head'),
    expected: JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as unknown
  }
}

async function runCase(name: string, source: AdvisorySource): Promise<Report> {
  const { base, head } = caseInput(name)
  return analyze({ base, head, source })
}

describe('fixture cases through the local path source', () => {
  const source = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
  it.each(cases)('%s', async (name) => {
    const report = await runCase(name, source)
    expect(report.complete).toBe(true)
    expect(report.problems.filter((p) => p.incomplete)).toEqual([])
    expectMatches(report, caseInput(name).expected)
  })
})

describe('fixture cases through the OSV API (loopback fake)', () => {
  let fake: FakeServer
  beforeAll(async () => {
    // Small pages so that paging is exercised on real data.
    fake = await startFakeOsv({ pageSize: 3 })
  })
  afterAll(async () => {
    await fake.close()
  })
  it.each(cases)('%s', async (name) => {
    const source = createAdvisorySource({ kind: 'osv', url: fake.url }, { retryBaseMs: 1 })
    const report = await runCase(name, source)
    expect(report.complete).toBe(true)
    expectMatches(report, caseInput(name).expected)
    // Same report as the offline source, to the last field.
    const offline = await runCase(name, createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }))
    expect(report.lockfiles).toEqual(offline.lockfiles)
    expect(report.manifests).toEqual(offline.manifests)
    expect(report.summary).toEqual(offline.summary)
  })
})

describe('fixture cases through rustsec.org (loopback fake)', () => {
  let fake: FakeServer
  beforeAll(async () => {
    fake = await startFakeRustsec()
  })
  afterAll(async () => {
    await fake.close()
  })
  it.each(cases)('%s', async (name) => {
    const source = createAdvisorySource({ kind: 'rustsec', url: fake.url }, { retryBaseMs: 1 })
    const report = await runCase(name, source)
    expect(report.complete).toBe(true)
    expectMatches(report, caseInput(name).expected)
    const offline = await runCase(name, createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }))
    expect(report.lockfiles).toEqual(offline.lockfiles)
    expect(report.manifests).toEqual(offline.manifests)
  })
})
