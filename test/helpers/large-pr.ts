// A large pull request built from the real RustSec export: 300 lockfile changes, of which a given
// number of crates (spread evenly over the export's crates that have a shown advisory with a fix)
// are affected; the rest are crates no advisory names. Deterministic, so sizes can be compared.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'
import { OsvRecordSchema, type OsvRecord } from '../../src/advisories/schema.js'
import { selectAdvisories, type CrateAdvisory } from '../../src/evaluate/security-tab.js'
import { isAffected } from '../../src/evaluate/affected.js'
import { parseLockfile } from '../../src/cargo/lockfile.js'
import { RUSTSEC_DIR } from './fake-osv.js'
import { CASES_DIR } from './fixtures.js'

const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index'

interface Package {
  name: string
  version: string
}

function lockText(packages: readonly Package[]): string {
  const body = [...packages]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(
      (p) => `[[package]]\nname = "${p.name}"\nversion = "${p.version}"\nsource = "${REGISTRY}"\n`
    )
    .join('\n')
  return `version = 3\n\n${body}`
}

let recordsRead: Map<string, OsvRecord[]> | undefined
/** The export's records by crate, read once per process. */
function recordsByCrate(): Map<string, OsvRecord[]> {
  recordsRead ??= readRecordsByCrate()
  return recordsRead
}

function readRecordsByCrate(): Map<string, OsvRecord[]> {
  const byCrate = new Map<string, OsvRecord[]>()
  for (const file of readdirSync(RUSTSEC_DIR).sort()) {
    const parsed = OsvRecordSchema.safeParse(
      JSON.parse(readFileSync(join(RUSTSEC_DIR, file), 'utf8'))
    )
    if (!parsed.success) continue
    for (const entry of parsed.data.affected) {
      if (entry.package?.ecosystem !== 'crates.io') continue
      const list = byCrate.get(entry.package.name) ?? []
      if (!list.includes(parsed.data)) list.push(parsed.data)
      byCrate.set(entry.package.name, list)
    }
  }
  return byCrate
}

let cratesRead: Package[] | undefined
/** One version of each crate named in the fixture cases' head lockfiles, by name; read once. */
function fixtureCrates(): Package[] {
  cratesRead ??= readFixtureCrates()
  return cratesRead
}

function readFixtureCrates(): Package[] {
  const byName = new Map<string, string>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name === 'Cargo.lock' && path.includes('/head/')) {
        const lock = parseLockfile(readFileSync(path, 'utf8'), path)
        for (const p of lock.packages) if (!byName.has(p.name)) byName.set(p.name, p.version)
      }
    }
  }
  walk(CASES_DIR)
  return [...byName]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, version]) => ({ name, version }))
}

/** Versions the ranges' events suggest: each bound, and the releases just below a fixed one. */
function candidates(advisories: readonly CrateAdvisory[]): string[] {
  const out = new Set<string>()
  for (const { matcher } of advisories) {
    for (const interval of matcher.intervals) {
      for (const bound of [interval.lo, interval.hi]) {
        const v = bound === null ? null : semver.parse(bound.raw)
        if (v === null) continue
        out.add(v.version)
        if (v.patch > 0) out.add(`${v.major}.${v.minor}.${v.patch - 1}`)
        if (v.minor > 0) out.add(`${v.major}.${v.minor - 1}.0`)
      }
    }
  }
  out.add('0.1.0')
  return [...out].filter((v) => semver.valid(v) !== null).sort(semver.compare)
}

let usableRead: { name: string; versions: string[] }[] | undefined
/** The export's crates with a shown, fixed advisory and two affected versions; found once. */
function usableCrates(): { name: string; versions: string[] }[] {
  if (usableRead !== undefined) return usableRead
  const byCrate = recordsByCrate()
  const usable: { name: string; versions: string[] }[] = []
  for (const name of [...byCrate.keys()].sort()) {
    const shown = selectAdvisories(name, byCrate.get(name) ?? []).filter(
      (a) => a.info.informational === null && a.matcher.intervals.some((i) => i.hi !== null)
    )
    if (shown.length === 0) continue
    const versions = candidates(shown).filter((v) => shown.some((a) => isAffected(a.matcher, v)))
    if (versions.length >= 2) usable.push({ name, versions })
  }
  usableRead = usable
  return usable
}

/**
 * Base and head Cargo.lock of a 300-change pull request: `affected` crates with advisories (a
 * quarter of them added, so their advisories are introduced; the others updated between two
 * affected versions, so still affected), the rest updated crates that no advisory names.
 */
export function largePullRequest(
  affected = 20,
  changes = 300
): { base: string; head: string; names: string[] } {
  const byCrate = recordsByCrate()
  const usable = usableCrates()
  const step = usable.length / affected
  const chosen = Array.from({ length: affected }, (_, i) => usable[Math.floor(i * step)]!)
  const base: Package[] = []
  const head: Package[] = []
  chosen.forEach(({ name, versions }, i) => {
    const newest = versions[versions.length - 1]!
    head.push({ name, version: newest })
    if (i % 4 !== 0) base.push({ name, version: versions[versions.length - 2]! })
  })
  // The others: real crates of the fixture lockfiles that no advisory names, each one patch up.
  const quiet = fixtureCrates().filter((p) => !byCrate.has(p.name))
  for (const { name, version } of quiet) {
    if (head.length >= changes) break
    const v = semver.parse(version)
    if (v === null || v.patch === 0) continue
    base.push({ name, version: `${v.major}.${v.minor}.${v.patch - 1}` })
    head.push({ name, version: v.version })
  }
  if (head.length < changes) throw new Error(`only ${String(head.length)} changes available`)
  return { base: lockText(base), head: lockText(head), names: chosen.map((c) => c.name) }
}
