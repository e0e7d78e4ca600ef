// One counting unit everywhere: the comment's sentence, headings and table, the job summary, the
// gate (and so the action's outputs and the CLI's exit code) and the JSON report agree with an
// independent count — verdicts recomputed here from the facts (affected / previous_affected) and
// grouped by (crate, source, old version, new version) — on every fixture case and on synthetic
// multi-lockfile cases built from them. Also: the gate's two modes on the real bumps.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../src/advisories/index.js'
import type { LockfileChange, Report } from '../src/core/model.js'
import { requirementUnits } from './helpers/fixtures.js'
import { analyze } from '../src/review/analyze.js'
import { evaluateGate, gateFailure } from '../src/review/gate.js'
import { renderJson } from '../src/review/json.js'
import { renderComment, renderSummary } from '../src/render/markdown.js'
import { memoryTree } from '../src/trees/memory.js'
import { directoryTree } from '../src/trees/directory.js'
import { VERDICT_TABLE_HEADER, ownTables, toHtml } from './helpers/gfm.js'

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

interface Oracle {
  /** Requirement changes counted as crate changes (in introducedCrates or stillCrates). */
  requirementCrates: number
  /** Lockfile crate changes only: the comment's Introduced and Still affected headings. */
  lockIntroduced: number
  lockStill: number
  introducedCrates: number
  introducedIds: string[]
  stillCrates: number
  affectedCrates: number
  affectedIds: string[]
  fixedIds: string[]
  /** Table rows: crate changes with any non-ignored introduced, still-affected or fixed verdict. */
  rows: number
}

/** Verdicts from the facts, as issue 10 defines them, grouped in the documented unit. */
function oracle(report: Report): Oracle {
  // Issue #20: verdicts are per crate within a lockfile (an id affecting some head version and no
  // base version is introduced, the reverse fixed, both still affected), carried by the changes
  // whose own version the id affects; then one crate change per (crate, source, versions).
  const groups = new Map<string, { change: LockfileChange; verdicts: Map<string, string> }>()
  for (const l of report.lockfiles) {
    const crates = new Map<string, LockfileChange[]>()
    for (const c of l.changes) {
      const key = `${c.name}\u0000${c.source ?? ''}`
      crates.set(key, [...(crates.get(key) ?? []), c])
    }
    for (const crate of crates.values()) {
      const ids = new Set(crate.flatMap((c) => c.advisories.map((a) => a.id)))
      const crateVerdict = new Map<string, string>()
      for (const id of ids) {
        const found = crate.map((c) => ({ c, a: c.advisories.find((x) => x.id === id) }))
        const now = found.some(({ c, a }) => c.kind !== 'removed' && a?.affected === true)
        const before = found.some(({ c, a }) =>
          c.kind === 'removed' ? a?.affected === true : a?.previous_affected === true
        )
        crateVerdict.set(
          id,
          now && before ? 'still' : now ? 'introduced' : before ? 'fixed' : 'none'
        )
      }
      for (const c of crate) {
        const key = [c.name, c.source, c.previous, c.version].join('\u0000')
        if (groups.has(key)) continue
        const verdicts = new Map<string, string>()
        for (const a of c.advisories) {
          const v = crateVerdict.get(a.id) ?? 'none'
          const nowAffected = c.kind !== 'removed' && a.affected
          const wasAffected = c.kind === 'removed' ? a.affected : a.previous_affected === true
          const mine = v === 'fixed' ? wasAffected && !nowAffected : v !== 'none' && nowAffected
          verdicts.set(a.id, mine ? v : 'none')
        }
        groups.set(key, { change: c, verdicts })
      }
    }
  }
  const sets = { introduced: new Set<string>(), still: new Set<string>(), fixed: new Set<string>() }
  let introducedCrates = 0
  let stillCrates = 0
  let rows = 0
  for (const { change: c, verdicts } of groups.values()) {
    const active = c.advisories.filter((a) => a.ignored === null)
    const vs = active.map((a) => ({ id: a.id, v: verdicts.get(a.id) ?? 'none' }))
    for (const { id, v } of vs) {
      if (v === 'introduced') sets.introduced.add(id)
      if (v === 'still') sets.still.add(id)
      if (v === 'fixed') sets.fixed.add(id)
    }
    const has = (v: string): boolean => vs.some((x) => x.v === v)
    if (has('introduced')) introducedCrates++
    else if (has('still')) stillCrates++
    if (has('introduced') || has('still') || has('fixed')) rows++
  }
  // Requirement changes no lockfile resolves count when every version they admit is affected.
  const lockIntroduced = introducedCrates
  const lockStill = stillCrates
  let requirementCrates = 0
  for (const c of requirementUnits(report.manifests)) {
    const vs = c.advisories
      .filter((a) => a.ignored === null && a.admits_affected === true)
      .map((a) => ({ id: a.id, v: a.previous_admits_affected === true ? 'still' : 'introduced' }))
    for (const { id, v } of vs) (v === 'still' ? sets.still : sets.introduced).add(id)
    for (const a of c.advisories) {
      if (a.ignored === null && a.admits_affected === false && a.previous_admits_affected === true)
        sets.fixed.add(a.id)
    }
    if (vs.some((x) => x.v === 'introduced')) introducedCrates++
    else if (vs.length > 0) stillCrates++
    if (vs.length > 0) requirementCrates++
  }
  const sorted = (s: Set<string>): string[] => [...s].sort()
  return {
    requirementCrates,
    lockIntroduced,
    lockStill,
    introducedCrates,
    introducedIds: sorted(sets.introduced),
    stillCrates,
    affectedCrates: introducedCrates + stillCrates,
    affectedIds: sorted(new Set([...sets.introduced, ...sets.still])),
    fixedIds: sorted(sets.fixed),
    rows
  }
}

function plural(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`
}

function expectAgreement(report: Report): void {
  const want = oracle(report)
  const gate = evaluateGate(report)
  expect(gate.introducedCount).toBe(want.introducedCrates)
  expect(gate.introducedIds).toEqual(want.introducedIds)
  expect(gate.affectedCount).toBe(want.affectedCrates)
  expect(gate.advisoryIds).toEqual(want.affectedIds)

  const json = JSON.parse(renderJson(report)) as Report
  expect(json.summary.introduced_crates).toBe(want.introducedCrates)
  expect(json.summary.introduced_ids).toEqual(want.introducedIds)
  expect(json.summary.still_affected_crates).toBe(want.stillCrates)
  expect(json.summary.affected_versions).toBe(want.affectedCrates)
  expect(json.summary.affected_advisories).toBe(want.affectedIds.length)
  expect(json.summary.fixed_ids).toEqual(want.fixedIds)
  expect(json.summary.fixed_advisories).toBe(want.fixedIds.length)

  for (const markdown of [renderComment(report), renderSummary(report)]) {
    const lockChanges = report.lockfiles.some((l) => l.changes.length > 0)
    if (lockChanges || want.affectedCrates > 0) {
      const opening =
        want.introducedCrates > 0
          ? `this pull request introduces ${plural(want.introducedIds.length, 'advisory', 'advisories')} in ${plural(want.introducedCrates, 'crate', 'crates')}`
          : 'this pull request introduces no advisory'
      expect(markdown).toContain(opening)
      if (want.fixedIds.length > 0)
        expect(markdown).toMatch(new RegExp(`; it fixes ${String(want.fixedIds.length)}\\.`))
      else expect(markdown).not.toContain('; it fixes')
      if (want.stillCrates > 0) {
        expect(markdown).toMatch(
          new RegExp(`; ${String(want.stillCrates)} (more )?crates? (is|are) still affected`)
        )
      }
    }
    const heading = (title: string): number | null => {
      const m = new RegExp(`^### ${title} \\((\\d+)\\)$`, 'm').exec(markdown)
      return m === null ? null : Number(m[1])
    }
    // Counted requirements have their own section (beside those only some of whose versions are).
    expect(heading('Introduced by this pull request') ?? 0).toBe(want.lockIntroduced)
    expect(heading('Still affected') ?? 0).toBe(want.lockStill)
    expect(heading('Requirements that admit affected versions') ?? 0).toBeGreaterThanOrEqual(
      want.requirementCrates
    )
    const tables = ownTables(toHtml(markdown))
    if (want.rows === 0) expect(tables).toEqual([])
    else {
      expect(tables).toHaveLength(1)
      const [header, ...rows] = tables[0] ?? []
      expect(header).toEqual(VERDICT_TABLE_HEADER)
      expect(rows).toHaveLength(want.rows)
      const introducedCells = rows.filter((r) => r[2] !== '–')
      expect(introducedCells).toHaveLength(want.lockIntroduced)
    }
  }
}

describe.each(cases)('counts agree: %s', (name) => {
  it('in the comment, the summary, the gate and the JSON report', async () => {
    const report = await analyze({
      base: directoryTree(join(CASES_DIR, name, 'base'), 'base'),
      head: directoryTree(join(CASES_DIR, name, 'head'), 'head'),
      source
    })
    expectAgreement(report)
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
      expectAgreement(report)
      // Counted as one: the same numbers as the single lockfile.
      expect(evaluateGate(report).affectedCount).toBe(evaluateGate(single).affectedCount)
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
    expectAgreement(report)
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
      const gate = evaluateGate(await load(name))
      expect(gate.introducedCount).toBe(0)
      expect(gate.affectedCount).toBeGreaterThan(0)
      expect(gateFailure(gate, 'introduced')).toBeNull()
      expect(gateFailure(gate, 'any')).toMatch(/affected by advisories/)
      expect(gateFailure(gate, 'off')).toBeNull()
    })
  }

  it('a pull request that adds an affected crate fails under both, naming it crate by crate', async () => {
    const report = await analyze({
      base: memoryTree('base', new Map()),
      head: memoryTree('head', filesOf(join(CASES_DIR, 'cratesio-2019-tar', 'head'))),
      source
    })
    const gate = evaluateGate(report)
    expect(gate.introducedCount).toBeGreaterThan(0)
    const introduced = gateFailure(gate, 'introduced')
    expect(introduced).toMatch(/^This change introduces \d+ advisor(y|ies) in \d+ crates?/)
    expect(introduced).toMatch(/ {2}- tar 0\.4\.21 \(new\) \(Cargo\.lock\): RUSTSEC-/)
    expect(gateFailure(gate, 'any')).not.toBeNull()
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
    expectAgreement(report)
    return { report, gate: evaluateGate(report), comment: renderComment(report) }
  }

  it('a new pin on an affected version is introduced: the gate fails in both modes', async () => {
    const { report, gate, comment } = await judge(null, '=0.4.15')
    expect(report.summary.introduced_crates).toBe(1)
    expect(gate.introducedIds).toContain('RUSTSEC-2021-0080')
    expect(gate.introduced[0]).toMatch(
      /^tar requirement =0\.4\.15 \(new\), every admitted version affected \(Cargo\.toml\): /
    )
    expect(gateFailure(gate, 'introduced')).toMatch(/introduces/)
    expect(gateFailure(gate, 'any')).not.toBeNull()
    expect(comment).toContain('this pull request introduces ')
    expect(comment).toContain('**Every version this requirement admits is affected.**')
  })

  it('moving between two affected pins is still affected: fails only under any', async () => {
    const { gate, comment } = await judge('=0.4.15', '=0.4.16')
    expect(gate.introducedCount).toBe(0)
    expect(gate.affectedCount).toBe(1)
    expect(gateFailure(gate, 'introduced')).toBeNull()
    expect(gateFailure(gate, 'any')).not.toBeNull()
    expect(comment).toMatch(/1 crate is still affected, as before/)
  })

  it('a requirement that admits unaffected versions too is shown, not counted', async () => {
    const { report, gate, comment } = await judge(null, '0.4')
    expect(report.summary.affected_versions).toBe(0)
    expect(gate.affectedCount).toBe(0)
    expect(gateFailure(gate, 'any')).toBeNull()
    expect(comment).toContain('Only some of the versions this requirement admits are affected')
  })
})
