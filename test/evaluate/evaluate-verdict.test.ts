// The verdict per (change, advisory) and per change, the counting unit, and the fix advice — the
// fix versions checked against a brute-force search over the advisories' raw events, evaluated
// here with `semver` by the OSV schema's pseudo-code, independently of src/evaluate/affected.ts.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { describe, expect, it } from 'vitest'
import { OsvRecordSchema, type OsvRecord } from '../../src/advisories/schema.js'
import { annotate, INDEX_OFF, type AdvisoryIndex } from '../../src/evaluate/annotate.js'
import type { SidePins } from '../../src/diff/changes.js'
import type { ManifestChange } from '../../src/core/model.js'
import { admittedVersions, fixAdvice, type PublishedVersion } from '../../src/evaluate/fix.js'
import { selectAdvisories, unmaintainedAdvisory } from '../../src/evaluate/security-tab.js'
import { findingVerdict, nearestLockfile } from '../../src/evaluate/verdict.js'
import { summarize } from '../../src/review/counts.js'
import { parseCargoReq, reqMatches } from '../../src/evaluate/requirement.js'
import { parseVersion } from '../../src/evaluate/version.js'
import { advisory, change, lockfile, manifest, manifestChange } from '../helpers/report-builder.js'

const OSV_DIR = 'test/fixtures/osv/rustsec/crates'
const records: OsvRecord[] = readdirSync(OSV_DIR).map((file) =>
  OsvRecordSchema.parse(JSON.parse(readFileSync(join(OSV_DIR, file), 'utf8')))
)
const byCrate = new Map<string, OsvRecord[]>()
for (const record of records) {
  for (const entry of record.affected) {
    const name = entry.package?.name
    if (entry.package?.ecosystem !== 'crates.io' || name === undefined) continue
    const list = byCrate.get(name) ?? []
    if (!list.includes(record)) list.push(record)
    byCrate.set(name, list)
  }
}

// ---- the oracle: OSV's evaluation pseudo-code, literally, with `semver` ----

function strip(v: string): string {
  const plus = v.indexOf('+')
  return plus === -1 ? v : v.slice(0, plus)
}

/** Shown records of the crate: not withdrawn, not unmaintained (the Security tab's filter). */
function shown(crate: string): OsvRecord[] {
  return (byCrate.get(crate) ?? []).filter(
    (r) =>
      (r.withdrawn ?? '') === '' &&
      !r.affected.some((a) => a.database_specific?.informational === 'unmaintained')
  )
}

function oracleAffected(crate: string, rs: readonly OsvRecord[], version: string): boolean {
  const v = strip(version)
  for (const record of rs) {
    for (const entry of record.affected) {
      if (entry.package?.name !== crate || entry.package.ecosystem !== 'crates.io') continue
      if (entry.versions.some((listed) => semver.eq(strip(listed), v))) return true
      for (const range of entry.ranges) {
        if (range.type !== 'SEMVER') continue
        const keyed = range.events.map((e, i) => ({
          e,
          i,
          at: strip(e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '0')
        }))
        const order = (x: string): string => (x === '0' ? '0.0.0-0' : x)
        // Sorted by version, same-version events in file order.
        keyed.sort((a, b) => semver.compare(order(a.at), order(b.at)) || a.i - b.i)
        let affected = false
        for (const { e } of keyed) {
          if (e.introduced !== undefined) {
            if (e.introduced === '0' || semver.gte(v, strip(e.introduced))) affected = true
          } else if (e.fixed !== undefined) {
            if (semver.gte(v, strip(e.fixed))) affected = false
          } else if (e.last_affected !== undefined) {
            if (semver.gt(v, strip(e.last_affected))) affected = false
          }
        }
        if (affected) return true
      }
    }
  }
  return false
}

function eventVersions(crate: string, rs: readonly OsvRecord[], kind?: 'fixed'): string[] {
  const out = new Set<string>()
  for (const record of rs) {
    for (const entry of record.affected) {
      if (entry.package?.name !== crate) continue
      for (const range of entry.ranges) {
        for (const event of range.events) {
          for (const [key, value] of Object.entries(event)) {
            if (kind !== undefined && key !== kind) continue
            if (typeof value === 'string' && value !== '0' && semver.valid(strip(value)) !== null)
              out.add(value)
          }
        }
      }
    }
  }
  return [...out]
}

/** Brute force: every candidate, smallest first, the first one no shown advisory affects. */
function oracleFix(
  crate: string,
  rs: readonly OsvRecord[],
  version: string,
  pool: readonly string[]
): string | null {
  const release = semver.prerelease(strip(version)) === null
  const sorted = [...pool]
    .filter((c) => semver.gte(strip(c), strip(version)))
    .filter((c) => !release || semver.prerelease(strip(c)) === null)
    .sort((a, b) => semver.compare(strip(a), strip(b)))
  return sorted.find((c) => !oracleAffected(crate, rs, c)) ?? null
}

function matchersOf(crate: string) {
  return selectAdvisories(crate, byCrate.get(crate) ?? []).map((a) => a.matcher)
}

const crates = [...byCrate.keys()].sort()

describe('the verdict of one advisory on one change', () => {
  it('follows the definition for every kind and pair of facts', () => {
    expect(findingVerdict('added', true, null)).toBe('introduced')
    expect(findingVerdict('added', false, null)).toBe('not-affected')
    expect(findingVerdict('updated', true, false)).toBe('introduced')
    expect(findingVerdict('updated', true, true)).toBe('still-affected')
    expect(findingVerdict('updated', false, true)).toBe('fixed')
    expect(findingVerdict('updated', false, false)).toBe('not-affected')
    expect(findingVerdict('removed', true, null)).toBe('fixed')
    expect(findingVerdict('removed', false, null)).toBe('not-affected')
  })

  it('is the strongest non-ignored verdict per change; ignored keeps its own', () => {
    const c = change({
      name: 'tokio',
      kind: 'updated',
      previous: '1.23.0',
      version: '1.23.1',
      advisories: [
        advisory({ id: 'A', affected: false, previous_affected: true }),
        advisory({
          id: 'B',
          affected: true,
          previous_affected: false,
          ignored: { reason: null, matched: 'B' }
        })
      ]
    })
    expect(c.advisories.map((a) => a.verdict)).toEqual(['fixed', 'introduced'])
    expect(c.verdict).toBe('fixed')
  })
})

describe('counting unit', () => {
  it('counts the same bump in two lockfiles once, and an ignored fix as ignored', () => {
    const bump = (): ReturnType<typeof change> =>
      change({
        name: 'tokio',
        kind: 'updated',
        previous: '1.23.0',
        version: '1.23.1',
        advisories: [
          advisory({ id: 'RUSTSEC-1', affected: true, previous_affected: true }),
          advisory({ id: 'RUSTSEC-2', affected: false, previous_affected: true }),
          advisory({
            id: 'RUSTSEC-3',
            affected: false,
            previous_affected: true,
            ignored: { reason: null, matched: 'RUSTSEC-3' }
          })
        ]
      })
    const s = summarize([lockfile('Cargo.lock', [bump()]), lockfile('a/Cargo.lock', [bump()])], [])
    expect(s.crates_updated).toBe(1)
    expect(s.affected_versions).toBe(1)
    expect(s.still_affected_crates).toBe(1)
    expect(s.still_affected_ids).toEqual(['RUSTSEC-1'])
    expect(s.introduced_crates).toBe(0)
    expect(s.fixed_ids).toEqual(['RUSTSEC-2'])
    expect(s.ignored_ids).toEqual(['RUSTSEC-3'])
  })
})

describe('fix advice, against a brute-force search over the raw events', () => {
  it('names the smallest fixed version no shown advisory affects, for every crate and version', () => {
    let checked = 0
    let withFix = 0
    for (const crate of crates) {
      const rs = shown(crate)
      const matchers = matchersOf(crate)
      const fixes = eventVersions(crate, rs, 'fixed')
      const probes = new Set<string>()
      for (const v of eventVersions(crate, rs)) {
        probes.add(v)
        const p = semver.parse(strip(v))
        if (p !== null) probes.add(`${p.major}.${p.minor}.${p.patch + 1}`)
      }
      for (const probe of probes) {
        // Fix advice is asked for versions an advisory affects.
        if (!oracleAffected(crate, rs, probe)) continue
        const advice = fixAdvice(crate, probe, matchers, null)
        const expected = oracleFix(crate, rs, probe, fixes)
        expect(advice.version, `${crate} ${probe}`).toBe(expected)
        expect(advice.checked_published).toBe(false)
        if (expected !== null) {
          withFix++
          expect(advice.command).toBe(`cargo update -p ${crate}@${probe} --precise ${expected}`)
          const caret = semver.satisfies(strip(expected), `^${strip(probe)}`)
          expect(advice.compatible, `${crate} ${probe} → ${expected}`).toBe(caret)
        } else {
          expect(advice.none_reason).toBe('no-fixed-version')
          expect(advice.command).toBeNull()
        }
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
    expect(withFix).toBeGreaterThan(800)
  })

  it('chooses only published, non-yanked versions when the index answers, and the newest compatible', () => {
    let checked = 0
    for (const crate of crates.filter((_, i) => i % 3 === 0)) {
      const rs = shown(crate)
      const matchers = matchersOf(crate)
      // A synthetic release history around every event version; every third one yanked.
      const versions = new Set<string>()
      for (const v of eventVersions(crate, rs)) {
        const p = semver.parse(strip(v))
        if (p === null) continue
        for (const d of [0, 1, 2, 5]) versions.add(`${p.major}.${p.minor}.${p.patch + d}`)
        versions.add(`${p.major}.${p.minor + 1}.0`)
        versions.add(`${p.major + 1}.0.0`)
      }
      const published: PublishedVersion[] = [...versions]
        .sort(semver.compare)
        .map((version, i) => ({ version, yanked: i % 3 === 2 }))
      const pool = published.filter((p) => !p.yanked).map((p) => p.version)
      for (const probe of [...versions].slice(0, 12)) {
        const advice = fixAdvice(crate, probe, matchers, published)
        expect(advice.version, `${crate} ${probe}`).toBe(oracleFix(crate, rs, probe, pool))
        const compatible = pool
          .filter((v) => semver.gte(v, probe) && semver.satisfies(v, `^${probe}`))
          .filter((v) => !oracleAffected(crate, rs, v))
          .sort(semver.compare)
        expect(advice.newest_compatible, `${crate} ${probe}`).toBe(compatible.at(-1) ?? null)
        expect(advice.checked_published).toBe(true)
        if (advice.version === null) expect(advice.none_reason).toBe('no-published-fix')
        checked++
      }
    }
    expect(checked).toBeGreaterThan(500)
  })

  it('tokio 1.23.1 (the Renovate bump) is fixed by 1.38.2, semver-compatible', () => {
    const advice = fixAdvice('tokio', '1.23.1', matchersOf('tokio'), null)
    expect(advice).toMatchObject({
      version: '1.38.2',
      compatible: true,
      command: 'cargo update -p tokio@1.23.1 --precise 1.38.2'
    })
  })

  it('a malicious advisory from 0.8.7 on is compromised releases, not a malicious crate (RUSTSEC-2026-0266)', () => {
    // `introduced: 0.8.7-0`, no fix: every release before 0.8.7 is clean, none above is known.
    const matchers = matchersOf('internment')
    const advice = fixAdvice('internment', '0.8.7', matchers, null, matchers)
    expect(advice.version).toBeNull()
    expect(advice.malicious).toBe(true)
    expect(advice.kind).toBe('compromised')
    expect(advice.none_reason).toBe('no-fixed-version')
    // With the index, the nearest clean release below is named; never one the record marks.
    const published = ['0.8.5', '0.8.6', '0.8.7'].map((version) => ({ version, yanked: false }))
    const indexed = fixAdvice('internment', '0.8.7', matchers, published, matchers)
    expect(indexed).toMatchObject({ kind: 'compromised', version: '0.8.6' })
    expect(indexed.command).toBe('cargo update -p internment@0.8.7 --precise 0.8.6')
  })
})

describe('requirements without a lockfile: every admitted version affected, or only some', () => {
  /** A grid dense around every event version, and small versions. */
  function grid(crate: string, rs: readonly OsvRecord[]): string[] {
    const out = new Set<string>()
    const majors = new Set([0, 1, 2, 3])
    const minors = new Set(Array.from({ length: 8 }, (_, i) => i))
    const patches = new Set(Array.from({ length: 8 }, (_, i) => i))
    for (const v of eventVersions(crate, rs)) {
      const p = semver.parse(strip(v))
      if (p === null) continue
      for (const d of [0, 1]) {
        majors.add(p.major + d)
        minors.add(p.minor + d)
        patches.add(p.patch + d)
      }
    }
    for (const M of majors)
      for (const m of minors) for (const p of patches) out.add(`${M}.${m}.${p}`)
    return [...out].sort(semver.compare)
  }

  it('finds the smallest admitted unaffected release the grid search finds', () => {
    let checked = 0
    for (const crate of crates.filter((_, i) => i % 4 === 0)) {
      const rs = shown(crate)
      const matchers = matchersOf(crate)
      const versions = grid(crate, rs)
      const reqs = new Set<string>()
      for (const v of eventVersions(crate, rs).slice(0, 4)) {
        const p = semver.parse(strip(v))
        if (p === null || p.prerelease.length > 0) continue
        reqs.add(`^${p.major}.${p.minor}.${p.patch}`)
        reqs.add(`~${p.major}.${p.minor}`)
        reqs.add(`=${p.major}.${p.minor}.${p.patch}`)
        reqs.add(`>=${p.major}.${p.minor}.${p.patch}, <${p.major + 1}.0.0`)
        reqs.add(`${p.major}.${p.minor}`)
      }
      for (const req of reqs) {
        const parsed = parseCargoReq(req)
        if (parsed === null) continue
        const admitted = versions.filter((v) => {
          const version = parseVersion(v)
          return version !== null && reqMatches(parsed, version)
        })
        const free = admitted.find((v) => !oracleAffected(crate, rs, v)) ?? null
        const result = admittedVersions(req, matchers)
        expect(result.smallest_unaffected, `${crate} ${req}`).toBe(free)
        if (admitted.length > 0) expect(result.all_affected, `${crate} ${req}`).toBe(free === null)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(300)
  })
})

describe('annotate', () => {
  const index = (crate: string): AdvisoryIndex => ({
    advisories: new Map([[crate, selectAdvisories(crate, byCrate.get(crate) ?? [])]]),
    failed: new Map()
  })

  it('judges a requirement by the version its lockfile pins, in the nearest lockfile only', () => {
    const lock = lockfile('Cargo.lock', [
      change({ name: 'tokio', kind: 'updated', previous: '1.23.0', version: '1.23.1' })
    ])
    const other = lockfile('fuzz/Cargo.lock', [])
    const req = (path: string) =>
      manifest(path, [
        manifestChange({ name: 'tokio', kind: 'changed', previous_req: '=1.23.0', req: '=1.23.1' })
      ])
    const manifests = [req('crates/a/Cargo.toml'), req('fuzz/Cargo.toml')]
    // What computeChanges finds: crates/a's lockfile (the root's) pins each side's version; fuzz/
    // is its own workspace with no Cargo.lock.
    const pins = new Map<ManifestChange, SidePins>([
      [
        manifests[0]!.changes[0]!,
        {
          base: { kind: 'lockfile', lockfile: 'Cargo.lock', versions: ['1.23.0'], msrv: null },
          head: { kind: 'lockfile', lockfile: 'Cargo.lock', versions: ['1.23.1'], msrv: null }
        }
      ],
      [
        manifests[1]!.changes[0]!,
        { base: { kind: 'none', msrv: null }, head: { kind: 'none', msrv: null } }
      ]
    ])
    const out = annotate([lock, other], manifests, index('tokio'), [], {
      pins,
      releases: () => ({ unknown: INDEX_OFF }),
      indexAsked: false
    })
    const [covered, uncovered] = out.manifests.map((m) => m.changes[0]!)
    expect(covered!.locked_by).toEqual({
      lockfile: 'Cargo.lock',
      version: '1.23.1',
      previous: '1.23.0'
    })
    const pinned = out.lockfiles[0]!.changes[0]!
    for (const finding of covered!.advisories) {
      expect(finding.verdict).toBe(pinned.advisories.find((a) => a.id === finding.id)!.verdict)
    }
    expect(covered!.admitted).toBeNull()
    // fuzz/ has no lockfile and the index is off: Cargo's pick is unknown, judged by what it admits.
    expect(uncovered!.locked_by).toBeNull()
    expect(uncovered!.admitted).toEqual({ all_affected: true, smallest_unaffected: null })
  })

  it('puts fix advice on affected changes only, and the unmaintained id when records say so', () => {
    const lock = lockfile('Cargo.lock', [
      change({ name: 'tokio', kind: 'updated', previous: '1.23.0', version: '1.23.1' }),
      change({ name: 'tokio', kind: 'added', version: '1.45.0' })
    ])
    const out = annotate([lock], [], index('tokio'))
    const [bump, recent] = out.lockfiles[0]!.changes
    expect(bump!.fix?.version).toBe('1.38.2')
    expect(bump!.verdict).toBe('still-affected')
    expect(recent!.fix).toBeNull()
    const unmaintained = records.find(
      (r) =>
        r.affected.some((a) => a.database_specific?.informational === 'unmaintained') &&
        !JSON.stringify(r.affected).includes('"fixed"')
    )!
    const crate = unmaintained.affected[0]!.package!.name
    expect(unmaintainedAdvisory(crate, byCrate.get(crate) ?? [])).not.toBeNull()
    expect(unmaintainedAdvisory('tokio', byCrate.get('tokio') ?? [])).toBeNull()
  })

  it('finds the nearest lockfile at or above a manifest', () => {
    const ls = [{ path: 'Cargo.lock' }, { path: 'a/Cargo.lock' }, { path: 'ab/Cargo.lock' }]
    expect(nearestLockfile('a/b/Cargo.toml', ls)?.path).toBe('a/Cargo.lock')
    expect(nearestLockfile('ab/Cargo.toml', ls)?.path).toBe('ab/Cargo.lock')
    expect(nearestLockfile('abc/Cargo.toml', ls)?.path).toBe('Cargo.lock')
    expect(nearestLockfile('Cargo.toml', [{ path: 'x/Cargo.lock' }])).toBeNull()
  })
})

describe('Fixed in', () => {
  it('names each fix up to the next affected range, as the ranges are shown', () => {
    const tokio = selectAdvisories('tokio', byCrate.get('tokio') ?? [])
    const info = (id: string) => tokio.find((a) => a.info.id === id)!.info
    expect(info('RUSTSEC-2023-0005').affected_ranges).toEqual([
      '>=0.2.0, <1.18.5',
      '>=1.19.0, <1.20.4',
      '>=1.21.0, <1.24.2'
    ])
    expect(info('RUSTSEC-2023-0005').fixed_ranges).toEqual([
      '>=1.18.5, <1.19.0',
      '>=1.20.4, <1.21.0',
      '>=1.24.2'
    ])
    // An open range has no fix.
    const internment = selectAdvisories('internment', byCrate.get('internment') ?? [])
    const malicious = internment.find((a) => a.info.id === 'RUSTSEC-2026-0266')!.info
    expect(malicious.fixed_ranges).toEqual([])
    expect(malicious.categories).toEqual(['malicious'])
  })
})
