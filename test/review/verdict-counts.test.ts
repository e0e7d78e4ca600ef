// One counting unit: the Review's counts (the JSON summary, the gate's, and so the comment's, the
// outputs' and the exit code's, which all read the Review) are its units' counts — one per
// (crate, source, old version, new version) however many lockfiles hold it, one per counted
// requirement change — on every fixture case and on multi-lockfile cases built from them. Also:
// the gate's modes on the real bumps.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { LockfileChange, ManifestChange, Report } from '../../src/core/model.js'
import { analyze } from '../../src/review/analyze.js'
import type { GateMode } from '../../src/review/gate.js'
import { gate } from '../../src/review/outcome.js'
import { buildReview, type Review } from '../../src/review/review.js'
import { renderComment } from '../../src/render/markdown.js'
import { memoryTree } from '../../src/trees/memory.js'
import { directoryTree } from '../../src/trees/directory.js'

const CASES_DIR = 'test/fixtures/cases'
const OSV_DIR = 'test/fixtures/osv/rustsec/crates'
const cases = readdirSync(CASES_DIR)
  .filter((name) => statSync(join(CASES_DIR, name)).isDirectory())
  .sort()
const source = createAdvisorySource({ kind: 'path', path: OSV_DIR })

function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (at: string, prefix: string): void => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry)
      if (statSync(path).isDirectory()) walk(path, `${prefix}${entry}/`)
      else if (entry === 'Cargo.lock' || entry === 'Cargo.toml')
        files.set(`${prefix}${entry}`, readFileSync(path, 'utf8'))
    }
  }
  walk(dir, '')
  return files
}

type Unit = Pick<LockfileChange, 'advisories'> | Pick<ManifestChange, 'advisories'>

/** The Review's counts must be its units' counts: each unit counted by its own verdicts. */
function expectUnitCounts(report: Report): Review {
  const review = buildReview(report)
  const lockUnits = review.all.map((unit) => unit.change)
  const requirementUnits = review.countedRequirements.map((unit) => unit.change)
  const active = (unit: Unit) => unit.advisories.filter((a) => a.ignored === null)
  const has = (unit: Unit, verdict: string): boolean =>
    active(unit).some((a) => a.verdict === verdict)
  const ids = (units: readonly Unit[], verdict: string): string[] =>
    [
      ...new Set(
        units.flatMap((u) =>
          active(u)
            .filter((a) => a.verdict === verdict)
            .map((a) => a.id)
        )
      )
    ].sort()
  const units: Unit[] = [...lockUnits, ...requirementUnits]
  const introduced = units.filter((u) => has(u, 'introduced'))
  const still = units.filter((u) => !has(u, 'introduced') && has(u, 'still-affected'))
  const c = review.counts

  expect(c.crates_added).toBe(lockUnits.filter((u) => u.kind === 'added').length)
  expect(c.crates_updated).toBe(lockUnits.filter((u) => u.kind === 'updated').length)
  expect(c.crates_removed).toBe(lockUnits.filter((u) => u.kind === 'removed').length)
  expect(c.introduced_crates).toBe(introduced.length)
  expect(c.still_affected_crates).toBe(still.length)
  expect(c.affected_versions).toBe(introduced.length + still.length)
  expect(c.fixed_crates).toBe(units.filter((u) => has(u, 'fixed')).length)
  expect(c.introduced_ids).toEqual(ids(units, 'introduced'))
  expect(c.still_affected_ids).toEqual(ids(units, 'still-affected'))
  expect(c.fixed_ids).toEqual(ids(units, 'fixed'))
  expect(c.unknown_crates).toBe(lockUnits.filter((u) => u.lookup_error !== null).length)

  // The places hold the lockfile units by the same verdicts; the gate counts the same units.
  const lockIntroduced = lockUnits.filter((u) => u.lookup_error === null && has(u, 'introduced'))
  expect(review.introduced).toHaveLength(lockIntroduced.length)
  expect(review.introduced.length + review.stillAffected.length).toBe(
    lockUnits.filter(
      (u) => u.lookup_error === null && (has(u, 'introduced') || has(u, 'still-affected'))
    ).length
  )
  expect(review.affected.introducedCount).toBe(c.introduced_crates)
  expect(review.affected.introducedIds).toEqual(c.introduced_ids)
  expect(review.affected.affectedCount).toBe(c.affected_versions)
  expect(review.affected.advisoryIds).toEqual(c.affected_ids)
  // Each crate change is one unit, however many lockfiles hold it.
  const keys = review.all.map((u) =>
    [u.change.name, u.change.source, u.change.previous, u.change.version].join('\u0000')
  )
  expect(new Set(keys).size).toBe(keys.length)
  expect(review.all.flatMap((u) => u.lockfiles).length).toBe(
    report.lockfiles.reduce((sum, l) => sum + l.changes.length, 0)
  )
  return review
}

/** The `fail-on-affected` message under `mode` (null: the gate passes). */
function failure(review: Review, mode: GateMode): string | null {
  return gate(review, { failOnAffected: mode, failOnYanked: false }, 'The change').failures.affected
}

describe.each(cases)('the Review of %s', (name) => {
  it("the Review's counts are its units' counts", async () => {
    const report = await analyze({
      base: directoryTree(join(CASES_DIR, name, 'base'), 'base'),
      head: directoryTree(join(CASES_DIR, name, 'head'), 'head'),
      source
    })
    expectUnitCounts(report)
  })
})

/** The case's Cargo files, and the same again under `copy/` (a second workspace). */
function doubled(name: string, side: 'base' | 'head'): Map<string, string> {
  const files = filesOf(join(CASES_DIR, name, side))
  for (const [path, text] of [...files]) files.set(`copy/${path}`, text)
  return files
}

describe('synthetic multi-lockfile cases', () => {
  for (const name of [
    'cratesio-2023-tokio-1-23-1',
    'cratesio-2019-tar',
    'rustup-2020-cargo-update'
  ]) {
    it(`${name} in two lockfiles counts each crate change once`, async () => {
      const single = await analyze({
        base: directoryTree(join(CASES_DIR, name, 'base'), 'base'),
        head: directoryTree(join(CASES_DIR, name, 'head'), 'head'),
        source
      })
      const report = await analyze({
        base: memoryTree('base', doubled(name, 'base')),
        head: memoryTree('head', doubled(name, 'head')),
        source
      })
      expect(report.lockfiles.filter((l) => l.changes.length > 0)).toHaveLength(2)
      const review = expectUnitCounts(report)
      // Counted as one: the same numbers as the single lockfile.
      expect(review.affected.affectedCount).toBe(buildReview(single).affected.affectedCount)
      expect(report.summary.introduced_crates).toBe(single.summary.introduced_crates)
      const comment = renderComment(report)
      expect(comment).not.toContain('This comment was shortened')
    })
  }

  it('the same crate bumped differently in two lockfiles is two crate changes', async () => {
    const tar = filesOf(join(CASES_DIR, 'cratesio-2019-tar', 'head'))
    const tokioBase = filesOf(join(CASES_DIR, 'cratesio-2023-tokio-1-23-1', 'base'))
    const tokioHead = filesOf(join(CASES_DIR, 'cratesio-2023-tokio-1-23-1', 'head'))
    const base = new Map([...tokioBase].map(([p, t]) => [`a/${p}`, t]))
    const head = new Map([...tokioHead].map(([p, t]) => [`a/${p}`, t]))
    for (const [p, t] of tokioBase) base.set(`b/${p}`, t)
    // b/ adds tar's whole lockfile: new crates, some affected (introduced).
    for (const [p, t] of tar) head.set(`b/${p}`, t)
    const report = await analyze({
      base: memoryTree('base', base),
      head: memoryTree('head', head),
      source
    })
    expectUnitCounts(report)
  })
})

describe('the gate', () => {
  const load = (name: string): Promise<Report> =>
    analyze({
      base: directoryTree(join(CASES_DIR, name, 'base'), 'base'),
      head: directoryTree(join(CASES_DIR, name, 'head'), 'head'),
      source
    })

  for (const name of ['cratesio-2023-tokio-1-23-1', 'cratesio-2019-tar']) {
    it(`${name}: a bump that only fixes or keeps passes under true, fails under any`, async () => {
      const review = buildReview(await load(name))
      expect(review.affected.introducedCount).toBe(0)
      expect(review.affected.affectedCount).toBeGreaterThan(0)
      expect(failure(review, 'introduced')).toBeNull()
      expect(failure(review, 'any')).toMatch(/affected by advisories/)
      expect(failure(review, 'off')).toBeNull()
      expect(gate(review, { failOnAffected: 'any', failOnYanked: false }).result).toBe('fail')
      expect(gate(review, { failOnAffected: 'introduced', failOnYanked: false }).result).toBe(
        'pass'
      )
    })
  }

  it('a pull request that adds an affected crate fails under both, naming it crate by crate', async () => {
    const report = await analyze({
      base: memoryTree('base', new Map()),
      head: memoryTree('head', filesOf(join(CASES_DIR, 'cratesio-2019-tar', 'head'))),
      source
    })
    const review = buildReview(report)
    expect(review.affected.introducedCount).toBeGreaterThan(0)
    const introduced = failure(review, 'introduced')
    expect(introduced).toMatch(/^This change introduces \d+ advisor(y|ies) in \d+ crates?/)
    expect(introduced).toMatch(/ {2}- tar 0\.4\.21 \(new\) \(Cargo\.lock\): RUSTSEC-/)
    expect(failure(review, 'any')).not.toBeNull()
    expect(gate(review, { failOnAffected: 'introduced', failOnYanked: false }).result).toBe('fail')
  })
})

describe('a library without a lockfile: requirement changes count when every admitted version is affected', () => {
  const manifest = (req: string | null): Record<string, string> => ({
    'Cargo.toml': `[package]\nname = "lib"\nversion = "0.1.0"\n\n[dependencies]\n${req === null ? '' : `tar = "${req}"\n`}`
  })
  const judge = async (before: string | null, after: string) => {
    const report = await analyze({
      base: memoryTree('base', manifest(before)),
      head: memoryTree('head', manifest(after)),
      source
    })
    const review = expectUnitCounts(report)
    return { report, review, gate: review.affected, comment: renderComment(report, { review }) }
  }

  it('a new pin on an affected version is introduced: the gate fails in both modes', async () => {
    const { report, review, gate, comment } = await judge(null, '=0.4.15')
    expect(report.summary.introduced_crates).toBe(1)
    expect(gate.introducedIds).toContain('RUSTSEC-2021-0080')
    expect(gate.introduced[0]).toMatch(
      /^tar requirement =0\.4\.15 \(new\), every admitted version affected \(Cargo\.toml\): /
    )
    expect(failure(review, 'introduced')).toMatch(/introduces/)
    expect(failure(review, 'any')).not.toBeNull()
    expect(comment).toContain('this pull request introduces ')
    expect(comment).toContain('**Every version this requirement admits is affected.**')
  })

  it('moving between two affected pins is still affected: fails only under any', async () => {
    const { review, gate, comment } = await judge('=0.4.15', '=0.4.16')
    expect(gate.introducedCount).toBe(0)
    expect(gate.affectedCount).toBe(1)
    expect(failure(review, 'introduced')).toBeNull()
    expect(failure(review, 'any')).not.toBeNull()
    expect(comment).toMatch(/1 crate is still affected, as before/)
  })

  it('a requirement that admits unaffected versions too is shown, not counted', async () => {
    const { report, review, gate, comment } = await judge(null, '0.4')
    expect(report.summary.affected_versions).toBe(0)
    expect(gate.affectedCount).toBe(0)
    expect(failure(review, 'any')).toBeNull()
    expect(comment).toContain('Only some of the versions this requirement admits are affected')
  })
})
