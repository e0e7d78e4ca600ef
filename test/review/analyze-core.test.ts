// analyze(): one look-up for the crates.io crates of a change, findings per change, ignore rules,
// unknown look-ups, summary. Real fixture cases; facts checked against test/fixtures/cases/README.md.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { AdvisorySource, LookupResult } from '../../src/advisories/source.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import type { Report } from '../../src/core/model.js'
import { recordingLogger } from '../helpers/memory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const offline = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })

/** Wraps a source to record what it was asked, and optionally to fail some crates. */
function spy(inner: AdvisorySource, fail: Record<string, string> = {}) {
  const calls: string[][] = []
  const source: AdvisorySource = {
    description: 'spy',
    async lookup(crates) {
      calls.push([...crates])
      const result: LookupResult = await inner.lookup(crates)
      for (const [name, reason] of Object.entries(fail)) {
        result.records.delete(name)
        result.failed.set(name, reason)
      }
      return result
    }
  }
  return { source, calls }
}

function run(
  name: string,
  source: AdvisorySource | null,
  extra: Partial<Parameters<typeof analyze>[0]> = {}
) {
  return analyze({
    base: directoryTree(join(CASES, name, 'base'), 'base'),
    head: directoryTree(join(CASES, name, 'head'), 'head'),
    source,
    ...extra
  })
}

function lockChange(report: Report, name: string, kind?: string) {
  const change = report.lockfiles
    .flatMap((l) => l.changes)
    .find((c) => c.name === name && (kind === undefined || c.kind === kind))
  if (change === undefined) throw new Error(`no change for ${name}`)
  return change
}

describe('analyze', () => {
  it('asks the source once, for the distinct crates.io crates only', async () => {
    const { source, calls } = spy(offline)
    const report = await run('helix-2021-tendril-git-to-registry', source)
    expect(calls).toHaveLength(1)
    const asked = calls[0]!
    expect(new Set(asked).size).toBe(asked.length)
    expect(asked).toContain('tendril')
    expect(asked).toContain('redox_syscall')
    // The git tendril never gets advisories, even though the name matches a crates.io crate.
    const gitTendril = lockChange(report, 'tendril', 'removed')
    expect(gitTendril.source).toMatch(/^git\+/)
    expect(gitTendril.advisories).toEqual([])
    expect(report.advisory_source).toBe('spy')
  })

  it('does not call the source when no crates.io crate changed', async () => {
    const { source, calls } = spy(offline)
    const report = await run('alacritty-2017-fontconfig-git', source)
    expect(calls).toEqual([])
    expect(report.complete).toBe(true)
    expect(report.lockfiles.length).toBeGreaterThan(0)
  })

  it('marks ignored advisories by id or alias, case-insensitively, and keeps them', async () => {
    const logger = recordingLogger()
    const plain = await run('cratesio-2019-tar', offline)
    const report = await run('cratesio-2019-tar', offline, {
      logger,
      ignore: [
        { id: 'ghsa-62jx-8vmh-4mcw', reason: 'not reachable', origin: 'input' },
        { id: 'RUSTSEC-1999-0001', reason: null, origin: 'deny.toml' }
      ]
    })
    const finding = lockChange(report, 'tar').advisories.find((a) => a.id === 'RUSTSEC-2021-0080')!
    expect(finding.ignored).toEqual({ reason: 'not reachable', matched: 'GHSA-62jx-8vmh-4mcw' })
    expect(finding.affected).toBe(true)
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'ignored-advisory', incomplete: false })
    )
    expect(report.complete).toBe(true)
    expect(report.summary.affected_advisories).toBe(plain.summary.affected_advisories - 1)
    expect(report.summary.ignored_advisories).toBe(1)
    expect([...logger.infos, ...logger.warnings].some((m) => m.includes('RUSTSEC-1999-0001'))).toBe(
      true
    )
  })

  it('says what is unknown when a look-up fails, and the report is incomplete', async () => {
    const { source } = spy(offline, { tar: 'HTTP 503 after 4 attempts' })
    const report = await run('cratesio-2019-tar', source)
    const tar = lockChange(report, 'tar')
    expect(tar.lookup_error).toBe('HTTP 503 after 4 attempts')
    expect(tar.advisories).toEqual([])
    expect(report.manifests[0]!.changes[0]!.lookup_error).toBe('HTTP 503 after 4 attempts')
    expect(report.complete).toBe(false)
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'lookup-failed', incomplete: true })
    ])
    expect(report.problems[0]!.message).toMatch(/tar/)
  })

  it('treats a source that throws as every crate unknown', async () => {
    const broken: AdvisorySource = {
      description: 'broken',
      lookup: () => Promise.reject(new Error('boom'))
    }
    const report = await run('cratesio-2019-tar', broken)
    expect(lockChange(report, 'tar').lookup_error).toMatch(/boom/)
    expect(report.complete).toBe(false)
  })

  it('lists changes without advisories when there is no source', async () => {
    const report = await run('cratesio-2019-tar', null)
    expect(report.advisory_source).toBeNull()
    expect(lockChange(report, 'tar').advisories).toEqual([])
    expect(lockChange(report, 'tar').lookup_error).toBeNull()
  })

  it('reads manifest requirements: does `0.4.16` (was `0.4.13`) admit an affected tar?', async () => {
    const report = await run('cratesio-2019-tar', offline)
    const tar = report.manifests[0]!.changes[0]!
    expect(tar.req).toBe('0.4.16')
    const fixed = tar.advisories.find((a) => a.id === 'RUSTSEC-2018-0002')! // <0.4.16
    expect(fixed.admits_affected).toBe(false)
    expect(fixed.previous_admits_affected).toBe(true)
    const open = tar.advisories.find((a) => a.id === 'RUSTSEC-2021-0080')! // <0.4.36
    expect(open.admits_affected).toBe(true)
  })

  it('summarises: introduced, fixed by update and by removal (fd-2022-revert-chrono)', async () => {
    // README: ten crates removed, chrono downgraded into RUSTSEC-2020-0159, bumpalo's
    // RUSTSEC-2022-0078 fixed by the removal.
    const report = await run('fd-2022-revert-chrono', offline)
    expect(report.summary).toMatchObject({
      lockfiles_changed: 1,
      crates_removed: 10,
      crates_updated: 1,
      crates_added: 0,
      affected_versions: 1,
      affected_advisories: 1,
      fixed_advisories: 1,
      ignored_advisories: 0
    })
    expect(report.complete).toBe(true)
  })

  it('never counts a withdrawn advisory as fixed (bat-2023-git2-0-16)', async () => {
    const report = await run('bat-2023-git2-0-16', offline)
    const ids = report.lockfiles.flatMap((l) =>
      l.changes.flatMap((c) => c.advisories.map((a) => a.id))
    )
    expect(ids).not.toContain('RUSTSEC-2023-0002')
    // README: fixed by the change: libgit2-sys:RUSTSEC-2023-0003 only.
    expect(report.summary.fixed_advisories).toBe(1)
  })

  it('orders advisories by id and fills the tab fields', async () => {
    const report = await run('bat-2018-add-git2', offline)
    for (const change of report.lockfiles.flatMap((l) => l.changes)) {
      const ids = change.advisories.map((a) => a.id)
      expect(ids).toEqual([...ids].sort())
    }
    const libgit2 = lockChange(report, 'libgit2-sys').advisories.find(
      (a) => a.id === 'RUSTSEC-2023-0003'
    )!
    expect(libgit2.url).toBe('https://rustsec.org/advisories/RUSTSEC-2023-0003.html')
    expect(libgit2.affected_ranges.length).toBeGreaterThan(0)
    expect(libgit2.databases).toEqual(['RUSTSEC'])
    expect(libgit2.ignored).toBeNull()
  })
})
