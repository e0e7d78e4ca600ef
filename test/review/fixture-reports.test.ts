// Every fixture case's report, through each advisory source, equals its expected.json on every
// field expected.json names (array order free, same lengths).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource, type AdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import type { Report } from '../../src/core/model.js'
import { RUSTSEC_DIR, startFakeOsv, type FakeServer } from '../helpers/fake-osv.js'
import { projectLikeExpected } from '../helpers/expected.js'
import { startFakeRustsec } from '../helpers/fake-rustsec.js'

const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')
const cases = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

function expectMatches(report: Report, expected: unknown): void {
  const { actual, expected: want } = projectLikeExpected(report, expected)
  expect(actual).toEqual(want)
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

// The local path source's report of a case, made once: the API sources' tests compare theirs to it.
const offlineReports = new Map<string, Promise<Report>>()
function offlineReport(name: string): Promise<Report> {
  let report = offlineReports.get(name)
  if (report === undefined) {
    report = runCase(name, createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }))
    offlineReports.set(name, report)
  }
  return report
}

describe('fixture cases through the local path source', () => {
  it.each(cases)('%s', async (name) => {
    const report = await offlineReport(name)
    expect(report.complete).toBe(true)
    expect(report.problems.filter((p) => p.incomplete)).toEqual([])
    expectMatches(report, caseInput(name).expected)
  })
})

/** A case through an online source: complete, as expected, and the offline source's report to
 * the last field of its lockfiles and manifests. */
async function expectLikeOffline(name: string, source: AdvisorySource): Promise<Report> {
  const report = await runCase(name, source)
  expect(report.complete).toBe(true)
  expectMatches(report, caseInput(name).expected)
  const offline = await offlineReport(name)
  expect(report.lockfiles).toEqual(offline.lockfiles)
  expect(report.manifests).toEqual(offline.manifests)
  return report
}

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
    const report = await expectLikeOffline(name, source)
    expect(report.summary).toEqual((await offlineReport(name)).summary)
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
    await expectLikeOffline(name, source)
  })
})
