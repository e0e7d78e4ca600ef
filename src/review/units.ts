// The Review's counting units: the same crate change in several lockfiles is one unit naming the
// lockfiles, the same requirement change in several manifests is one unit; each unit goes to the
// place its verdict puts it. Nothing here judges: verdicts come from the engine. Pure.
import { compareStrings } from '../core/compare.js'
import { CRATES_IO } from '../core/model.js'
import type {
  AdvisoryFinding,
  LockfileChange,
  LockfileReport,
  ManifestChange,
  ManifestReport,
  Report
} from '../core/model.js'
import { crateChangeKey, effectiveReq, withVerdict } from '../evaluate/verdict.js'
import { compareVersions, readVersion } from '../evaluate/version.js'

/** Where a crate change is shown and counted, decided once from its verdict. */
export type Place =
  | 'introduced'
  | 'still-affected'
  | 'fixed'
  | 'unknown'
  | 'not-looked-up'
  | 'other-source'
  | 'history'
  | 'ignored'
  | 'clean'

export interface CrateEntry {
  change: LockfileChange
  lockfiles: string[]
  place: Place
  /** A non-ignored advisory of the change is in the malicious category. */
  malicious: boolean
  /** The index marks the new version yanked, or crates.io does not list it. */
  registryFinding: boolean
  /** Requirement changes that this entry's lockfile resolves (shown with the entry). */
  requirements: RequirementEntry[]
}

export interface RequirementEntry {
  change: ManifestChange
  /** Manifest paths and, per path, where in it (section, target, key). */
  places: { manifest: string; change: ManifestChange }[]
}

export interface Places {
  /** Crate changes with a non-ignored `introduced` verdict (malicious first). */
  introduced: CrateEntry[]
  /** With `still-affected` and no `introduced` verdict. */
  stillAffected: CrateEntry[]
  /** Every crate change with a non-ignored `fixed` verdict (also those still affected otherwise). */
  fixed: CrateEntry[]
  unknown: CrateEntry[]
  /**
   * New versions the crates.io index marks yanked or does not list, not already introduced or
   * still affected: shown with the affected crates even when no advisory affects them.
   */
  registry: CrateEntry[]
  /** Ignored advisories whose verdict is not `not-affected`, with their change. */
  ignored: { entry: CrateEntry; findings: AdvisoryFinding[] }[]
  /** Advisories, none touching these versions. */
  history: CrateEntry[]
  otherSources: CrateEntry[]
  /** crates.io changes whose advisories were not looked up (no advisory source). */
  notLookedUp: CrateEntry[]
  clean: CrateEntry[]
  /** Added crates marked unmaintained (shown only with `unmaintained: notice`). */
  unmaintained: CrateEntry[]
  /** Requirement changes no lockfile change resolves, with advisories to show in full. */
  requirements: RequirementEntry[]
  /** Every other requirement change, each one line (resolved ones name their lockfile). */
  requirementLines: RequirementEntry[]
  /** Every crate change, grouped, sorted: what the table and the counts are made of. */
  all: CrateEntry[]
  /** Crates whose advisories are unknown, by cause: unknown units, then unresolved requirements. */
  unknownByCause: Map<string, string[]>
}

export function compareText(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const order = compareStrings(a[i] ?? '', b[i] ?? '')
    if (order !== 0) return order
  }
  return 0
}

/** What the crates.io index says of a change's new version; null: not asked (not crates.io). */
export type RegistryStatus =
  'listed' | 'yanked' | 'crate-not-found' | 'version-not-found' | 'unknown'

/** The one reading of the index's answer: a published version is yanked, listed, or unknown. */
export function registryStatus(change: LockfileChange): RegistryStatus | null {
  const registry = change.registry
  if (registry === null || registry === undefined) return null
  if (registry.status !== 'published') return registry.status
  return change.yanked === true ? 'yanked' : change.yanked === false ? 'listed' : 'unknown'
}

/** The change brings in a version the index marks yanked, or that crates.io does not list. */
export function isRegistryFinding(change: LockfileChange): boolean {
  const status = registryStatus(change)
  return status === 'yanked' || status === 'crate-not-found' || status === 'version-not-found'
}

/**
 * The new version is lower than the old one in Cargo's order: SemVer precedence, build metadata
 * ignored (`cargo update` says "Downgrading" only when `cmp_precedence` is Greater), and only for
 * texts Cargo reads as versions (no `v`, no spaces, no leading zeros).
 */
export function isDowngrade(change: Pick<LockfileChange, 'previous' | 'version'>): boolean {
  if (change.previous === null || change.version === null) return false
  const from = readVersion(change.previous).version
  const to = readVersion(change.version).version
  return from !== null && to !== null && compareVersions(to, from) < 0
}

/** The advisory says the crate is malware (the one test of "malicious" every reader uses). */
export function isMaliciousFinding(advisory: { categories: readonly string[] }): boolean {
  return advisory.categories.includes('malicious')
}

/** A non-ignored advisory of the change is in the malicious category. */
export function isMalicious(findings: readonly AdvisoryFinding[]): boolean {
  return findings.some((f) => f.ignored === null && isMaliciousFinding(f))
}

function requirementKey(change: ManifestChange): string {
  return [
    change.name,
    change.kind,
    effectiveReq(change, 'base') ?? '',
    effectiveReq(change, 'head') ?? '',
    JSON.stringify(change.origin),
    change.locked_by?.lockfile ?? '',
    change.locked_by?.version ?? ''
  ].join('\u0000')
}

function groupRequirements(manifests: readonly ManifestReport[]): RequirementEntry[] {
  const groups = new Map<string, RequirementEntry>()
  const located = manifests
    .flatMap((m) => m.changes.map((change) => ({ manifest: m.path, change })))
    .sort((a, b) =>
      compareText(
        [a.change.name, a.manifest, a.change.section, a.change.target ?? '', a.change.key],
        [b.change.name, b.manifest, b.change.section, b.change.target ?? '', b.change.key]
      )
    )
  for (const place of located) {
    const key = requirementKey(place.change)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, { change: place.change, places: [place] })
    else group.places.push(place)
  }
  return [...groups.values()]
}

/** Crate changes in the counting unit (crate, source, old, new), each with its lockfiles, sorted. */
export function crateUnits(
  lockfiles: readonly LockfileReport[]
): Omit<CrateEntry, 'place' | 'requirements'>[] {
  const groups = new Map<string, Omit<CrateEntry, 'place' | 'requirements'>>()
  const located = lockfiles
    .flatMap((l) => l.changes.map((change) => ({ lockfile: l.path, change })))
    .sort((a, b) =>
      compareText(
        [a.change.name, a.change.version ?? '', a.change.previous ?? '', a.lockfile],
        [b.change.name, b.change.version ?? '', b.change.previous ?? '', b.lockfile]
      )
    )
  for (const { lockfile, change } of located) {
    const key = crateChangeKey(change)
    const group = groups.get(key)
    if (group === undefined) {
      groups.set(key, {
        change,
        lockfiles: [lockfile],
        malicious: isMalicious(change.advisories),
        registryFinding: isRegistryFinding(change)
      })
    } else group.lockfiles.push(lockfile)
  }
  return [...groups.values()]
}

function placeOf(change: LockfileChange): Place {
  const active = change.advisories.filter((a) => a.ignored === null)
  if (change.verdict === 'unknown') return 'unknown'
  if (change.verdict === 'introduced') return 'introduced'
  if (change.verdict === 'still-affected') return 'still-affected'
  if (change.verdict === 'not-checked') {
    return change.source === CRATES_IO ? 'not-looked-up' : 'other-source'
  }
  if (change.verdict === 'fixed') return 'fixed'
  if (active.length > 0) return 'history'
  return change.advisories.some((a) => a.verdict !== 'not-affected') ? 'ignored' : 'clean'
}

/** Every unit in the place its verdict puts it, with the requirement changes each resolves. */
export function placeUnits(report: Report): Places {
  const all: CrateEntry[] = crateUnits(report.lockfiles).map((unit) => ({
    ...unit,
    place: placeOf(unit.change),
    requirements: []
  }))

  const result: Places = {
    introduced: [],
    stillAffected: [],
    fixed: [],
    unknown: [],
    registry: [],
    ignored: [],
    history: [],
    otherSources: [],
    notLookedUp: [],
    clean: [],
    unmaintained: [],
    requirements: [],
    requirementLines: [],
    all,
    unknownByCause: new Map()
  }

  // A requirement resolved by a lockfile change goes with that change's entry.
  const byLock = new Map<string, CrateEntry>()
  for (const entry of all) {
    for (const lockfile of entry.lockfiles) {
      byLock.set(`${lockfile}\u0000${entry.change.name}\u0000${entry.change.version ?? ''}`, entry)
    }
  }
  // Requirements a crate change's entry holds: that entry's unknown (if any) is theirs.
  const requirements = groupRequirements(report.manifests)
  const owned = new Set(requirements)
  for (const requirement of requirements) {
    const lock = requirement.change.locked_by
    const owner =
      lock === null
        ? undefined
        : byLock.get(`${lock.lockfile}\u0000${requirement.change.name}\u0000${lock.version ?? ''}`)
    if (owner !== undefined) owner.requirements.push(requirement)
    else owned.delete(requirement)
    const shownInFull =
      lock === null &&
      requirement.change.kind !== 'removed' &&
      requirement.change.lookup_error === null &&
      requirement.change.advisories.some(
        (a) => a.ignored === null && (a.verdict === 'introduced' || a.verdict === 'still-affected')
      )
    // A requirement its affected crate's entry names (in full, above) is not listed again.
    const namedAbove =
      owner !== undefined &&
      (owner.change.verdict === 'introduced' || owner.change.verdict === 'still-affected')
    if (shownInFull) result.requirements.push(requirement)
    else if (!namedAbove) result.requirementLines.push(requirement)
  }

  for (const entry of all) {
    const { change, place } = entry
    const ignored = change.advisories.filter(
      (a) => a.ignored !== null && a.verdict !== 'not-affected'
    )
    if (ignored.length > 0) result.ignored.push({ entry, findings: ignored })
    if (change.kind === 'added' && change.unmaintained !== null) result.unmaintained.push(entry)
    if (withVerdict(change.advisories, 'fixed').length > 0) result.fixed.push(entry)
    const affected = place === 'introduced' || place === 'still-affected'
    if (!affected && entry.registryFinding) result.registry.push(entry)
    if (place === 'unknown') result.unknown.push(entry)
    else if (place === 'introduced') result.introduced.push(entry)
    else if (place === 'still-affected') result.stillAffected.push(entry)
    else if (place === 'not-looked-up') result.notLookedUp.push(entry)
    else if (place === 'other-source') result.otherSources.push(entry)
    else if (place === 'history') result.history.push(entry)
    else if (place === 'clean') result.clean.push(entry)
  }
  const add = (cause: string, name: string): void => {
    const names = result.unknownByCause.get(cause) ?? []
    if (!names.includes(name)) names.push(name)
    result.unknownByCause.set(cause, names)
  }
  for (const entry of result.unknown) {
    add(entry.change.lookup_error ?? 'unknown error', entry.change.name)
  }
  // A requirement no crate change's entry holds (unresolved, or resolved by an unchanged lockfile
  // entry) is unknown on its own: unknown is never clean.
  for (const requirement of [...result.requirementLines, ...result.requirements]) {
    const cause = requirement.change.lookup_error
    if (cause !== null && !owned.has(requirement)) add(cause, requirement.change.name)
  }
  const maliciousFirst = (list: CrateEntry[]): void => {
    list.sort((a, b) => Number(b.malicious) - Number(a.malicious))
  }
  maliciousFirst(result.introduced)
  maliciousFirst(result.stillAffected)
  return result
}
