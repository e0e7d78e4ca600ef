// Issue #20: the verdict follows the version Cargo resolves, on real pull-request shapes
// (test/fixtures/resolution, sources in PROVENANCE.md): the lockfile Cargo reads pins it (changed
// or not); a pin the requirement does not admit is a stale lockfile judged by Cargo's pick; without
// a lockfile the pick is the index's highest admitted, non-yanked release; verdicts are per crate.
// The real RustSec export decides what is affected; the loopback fake index lists the releases.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { createCratesIndex } from '../../src/advisories/crates-index/index.js'
import type { ManifestChange, Report } from '../../src/core/model.js'
import { freshPick } from '../../src/evaluate/resolution.js'
import { parseCargoReq } from '../../src/evaluate/requirement.js'
import { analyze } from '../../src/review/analyze.js'
import { evaluateGate, gateFailure } from '../../src/review/gate.js'
import { renderJson } from '../../src/review/json.js'
import { renderComment } from '../../src/render/markdown.js'
import { directoryTree } from '../../src/trees/directory.js'
import { memoryTree } from '../../src/trees/memory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import {
  fixtureIndex,
  startFakeIndex,
  type FakeIndex,
  type FakeIndexEntry
} from '../helpers/fake-index.js'

const SHAPES = join(import.meta.dirname, '..', 'fixtures', 'resolution')
const offline = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })

/** Releases as crates.io lists them (a sample of the real ones, none yanked). */
function releases(name: string, versions: readonly string[]): FakeIndexEntry[] {
  return versions.map((vers) => ({ name, vers, cksum: '0'.repeat(64), yanked: false }))
}

let fake: FakeIndex
beforeAll(async () => {
  const crates = fixtureIndex(SHAPES, [])
  crates.set(
    'smallvec',
    releases('smallvec', ['0.6.14', '1.0.0', '1.6.0', '1.6.1', '1.6.2', '1.13.2', '1.15.1'])
  )
  crates.set('tokio', releases('tokio', ['1.23.0', '1.23.1', '1.25.0', '1.38.2', '1.47.1']))
  // smallvec 1.13.2 needing Rust 1.99: what cargo 1.95 skipped under resolver 3 (PROVENANCE).
  crates.set('smallvec-msrv', [
    ...releases('smallvec-msrv', ['1.6.0', '1.6.2']),
    { ...releases('smallvec-msrv', ['1.13.2'])[0]!, rust_version: '1.99' }
  ])
  fake = await startFakeIndex({ crates })
})
afterAll(async () => {
  await fake.close()
})

function run(name: string, index = true): Promise<Report> {
  return analyze({
    base: directoryTree(join(SHAPES, name, 'base'), 'base'),
    head: directoryTree(join(SHAPES, name, 'head'), 'head'),
    source: offline,
    cratesIndex: index ? createCratesIndex(fake.url, { retryBaseMs: 1, retries: 1 }) : null
  })
}

function requirement(report: Report, name: string, manifest?: string): ManifestChange {
  const found = report.manifests
    .filter((m) => manifest === undefined || m.path === manifest)
    .flatMap((m) => m.changes)
    .find((c) => c.name === name)
  if (found === undefined) throw new Error(`no requirement change for ${name}`)
  return found
}

/** The first line, the gate and the JSON name the same ids. */
function expectAgreement(report: Report): void {
  const json = JSON.parse(renderJson(report)) as Report
  const gate = evaluateGate(report)
  expect(gate.introducedIds).toEqual(json.summary.introduced_ids)
  expect(gate.introducedCount).toBe(json.summary.introduced_crates)
  const overlap = json.summary.introduced_ids.filter((id) => json.summary.fixed_ids.includes(id))
  expect(overlap).toEqual([])
  const first = renderComment(report)
  const n = json.summary.introduced_ids.length
  // The first line states the outcome, then the verdict: "✅ **Passes:** this pull request …".
  const line = first.split('\n').find((l) => /^\S+ \*\*[A-Z][a-z ]+:\*\*/u.test(l)) ?? ''
  if (n === 0) expect(line).toContain('this pull request introduces no advisory')
  else expect(line).toMatch(new RegExp(`this pull request introduces ${String(n)} advis`))
  if (json.summary.fixed_ids.length > 0) {
    expect(line).toMatch(new RegExp(`; it fixes ${String(json.summary.fixed_ids.length)}\\.`))
  }
}

describe('the lockfile Cargo reads resolves the requirement, changed or not', () => {
  it('nushell #12270 moves lru into [workspace.dependencies]; the pin 0.12.1 stays: nothing introduced, the strict gate passes', async () => {
    const report = await run('nushell-2024-workspace-deps')
    const lru = requirement(report, 'lru', 'crates/nu-protocol/Cargo.toml')
    expect(lru.resolution).toEqual({ kind: 'lockfile', lockfile: 'Cargo.lock', version: '0.12.1' })
    expect(lru.previous_resolution).toEqual(lru.resolution)
    expect(lru.advisories.map((a) => a.verdict)).not.toContain('introduced')
    // Every requirement the PR moved resolves through the one root lockfile.
    const moved = report.manifests.flatMap((m) => m.changes).filter((c) => c.resolution)
    expect(moved.length).toBeGreaterThan(50)
    for (const change of moved) expect(change.resolution?.kind).toBe('lockfile')
    expect(report.summary.introduced_ids).toEqual([])
    expect(report.complete).toBe(true)
    expect(gateFailure(evaluateGate(report), 'introduced')).toBeNull()
    expectAgreement(report)
  })

  it('an `=` pin tighter than the lockfile (1.6.1 → 1.6.2 locked, `=1.6.0` required) is a stale lockfile judged by 1.6.0', async () => {
    const report = await run('eq-pin-stale-lockfile')
    const smallvec = requirement(report, 'smallvec')
    expect(smallvec.resolution).toEqual({
      kind: 'stale-lockfile',
      lockfile: 'Cargo.lock',
      locked: ['1.6.2'],
      version: '1.6.0'
    })
    expect(smallvec.locked_by).toBeNull()
    const id = 'RUSTSEC-2021-0003'
    expect(smallvec.advisories.find((a) => a.id === id)?.verdict).toBe('introduced')
    expect(report.summary.introduced_ids).toEqual([id])
    expect(report.problems.map((p) => p.kind)).toContain('stale-lockfile')
    expect(gateFailure(evaluateGate(report), 'introduced')).toMatch(/introduces 1 advisory/)
    expectAgreement(report)
  })
})

describe('without a lockfile, the index’s highest admitted release', () => {
  it('a library tightening smallvec "1" to "<=1.6.0": Cargo picks 1.6.0 (was 1.15.1), RUSTSEC-2021-0003 introduced', async () => {
    const report = await run('library-tightens-smallvec')
    const smallvec = requirement(report, 'smallvec')
    expect(smallvec.previous_resolution).toEqual({
      kind: 'fresh-resolution',
      version: '1.15.1',
      msrv: null
    })
    expect(smallvec.resolution).toEqual({ kind: 'fresh-resolution', version: '1.6.0', msrv: null })
    expect(report.summary.introduced_ids).toEqual(['RUSTSEC-2021-0003'])
    expect(gateFailure(evaluateGate(report), 'introduced')).toMatch(/RUSTSEC-2021-0003/)
    expectAgreement(report)
  })

  it('with the index turned off the pick is unknown, shown with what is admitted, and not counted', async () => {
    const report = await run('library-tightens-smallvec', false)
    const smallvec = requirement(report, 'smallvec')
    expect(smallvec.resolution?.kind).toBe('unknown')
    expect(smallvec.admitted?.all_affected).toBe(false)
    expect(report.summary.introduced_ids).toEqual([])
    expect(report.complete).toBe(true)
  })

  it('a requirement-only bump tokio "=1.23.0" → "1.25" is credited: the fixes are in the first line', async () => {
    const report = await run('tokio-requirement-bump')
    const tokio = requirement(report, 'tokio')
    expect(tokio.previous_resolution).toMatchObject({ version: '1.23.0' })
    expect(tokio.resolution).toMatchObject({ kind: 'fresh-resolution', version: '1.47.1' })
    expect(report.summary.fixed_ids).toContain('RUSTSEC-2023-0001')
    expect(report.summary.introduced_ids).toEqual([])
    expect(renderComment(report)).toMatch(
      /\*\*Passes:\*\* this pull request introduces no advisory; it fixes \d+\./
    )
    expectAgreement(report)
  })

  it('the index that does not answer makes the pick unknown and the report incomplete', async () => {
    fake.faults.push({ kind: 'status', status: 500, times: Infinity, crate: 'smallvec' })
    try {
      const report = await run('library-tightens-smallvec')
      const smallvec = requirement(report, 'smallvec')
      expect(smallvec.verdict).toBe('unknown')
      expect(report.complete).toBe(false)
      expect(evaluateGate(report).incomplete).toBe(true)
    } finally {
      fake.faults.length = 0
    }
  })
})

describe('unknown is never clean', () => {
  it('an inherited requirement whose workspace root cannot be read is unknown; the report is incomplete', async () => {
    const report = await run('unreadable-workspace-root')
    const smallvec = requirement(report, 'smallvec')
    expect(smallvec.verdict).toBe('unknown')
    expect(smallvec.resolution?.kind).toBe('unknown')
    expect(report.complete).toBe(false)
    expect(gateFailure(evaluateGate(report), 'introduced')).toMatch(/incomplete/)
  })
})

describe('verdicts per crate, and the lockfile Cargo uses', () => {
  it('nushell 0.100.0 → 0.104.0: h2 0.4.6 → 0.4.7 and a new 0.3.26; no id is both fixed and introduced', async () => {
    const report = await run('nushell-2025-h2-two-versions')
    const h2 = report.lockfiles.flatMap((l) => l.changes).filter((c) => c.name === 'h2')
    // Shown as Cargo shows it (cargo_update.rs, PackageDiff::change: one removed and one added
    // make an update, anything else is Removing/Adding).
    expect(h2.map((c) => `${c.kind} ${c.previous ?? ''}->${c.version ?? ''}`).sort()).toEqual([
      'added ->0.3.26',
      'added ->0.4.7',
      'removed 0.4.6->'
    ])
    // Below 0.4.16 on both sides: still affected, neither fixed nor introduced.
    const verdicts = h2.flatMap((c) =>
      c.advisories.filter((a) => a.id === 'RUSTSEC-2026-0258').map((a) => a.verdict)
    )
    expect(verdicts).toContain('still-affected')
    expect(verdicts).not.toContain('fixed')
    expect(verdicts).not.toContain('introduced')
    expect(report.summary.fixed_ids).not.toContain('RUSTSEC-2026-0258')
    expectAgreement(report)
  })

  it('the engine-q merge: crates/nu-system/Cargo.lock inside the root workspace is listed as unused, not judged', async () => {
    const report = await run('nushell-2022-engine-q-nu-system')
    expect(report.unused_lockfiles).toEqual([
      { path: 'crates/nu-system/Cargo.lock', side: 'head', workspace_root: 'Cargo.toml' }
    ])
    expect(report.lockfiles.map((l) => l.path)).not.toContain('crates/nu-system/Cargo.lock')
    expectAgreement(report)
  })
})

describe('resolver 3 honours rust-version', () => {
  const manifest = (req: string, resolver: string) =>
    `[package]\nname = "a"\nversion = "0.1.0"\nedition = "2021"\nrust-version = "1.70"\nresolver = "${resolver}"\n\n[dependencies]\nsmallvec-msrv = "${req}"\n`
  const pick = async (resolver: string) => {
    const report = await analyze({
      base: memoryTree('base', { 'Cargo.toml': manifest('1.6.0', resolver) }),
      head: memoryTree('head', { 'Cargo.toml': manifest('1', resolver) }),
      source: offline,
      cratesIndex: createCratesIndex(fake.url, { retryBaseMs: 1, retries: 1 })
    })
    return requirement(report, 'smallvec-msrv').resolution
  }
  it('picks the highest release whose rust-version fits under resolver 3, the highest under 2', async () => {
    expect(await pick('3')).toEqual({ kind: 'fresh-resolution', version: '1.6.2', msrv: '1.70' })
    expect(await pick('2')).toEqual({ kind: 'fresh-resolution', version: '1.13.2', msrv: null })
  })
})

describe("Cargo's pick", () => {
  const req = (text: string) => parseCargoReq(text)!
  const list = [
    { version: '1.6.0', yanked: false, rust_version: '1.36' },
    { version: '1.13.2', yanked: false, rust_version: null },
    { version: '1.15.0', yanked: false, rust_version: '1.80' },
    { version: '1.15.1', yanked: true, rust_version: '1.80' }
  ]
  it('is the highest admitted release that is not yanked', () => {
    expect(freshPick(req('1'), list, null)).toBe('1.15.0')
    expect(freshPick(req('<=1.6.0'), list, null)).toBe('1.6.0')
    expect(freshPick(req('2'), list, null)).toBeNull()
  })
  it('under resolver 3 with a rust-version, the highest whose rust-version fits, else the highest', () => {
    expect(freshPick(req('1'), list, '1.70')).toBe('1.13.2')
    expect(freshPick(req('>=1.15'), list, '1.70')).toBe('1.15.0')
  })
})
