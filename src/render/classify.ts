// Groups the report for reading: the same crate change in several lockfiles is one entry naming
// the lockfiles (the report's counting unit), the same requirement change in several manifests is
// one entry; each entry goes where its verdict puts it. Nothing here judges: verdicts come from
// the engine.
import { CRATES_IO } from '../core/model.js'
import type {
  AdvisoryFinding,
  LockfileChange,
  ManifestChange,
  ManifestReport,
  Report
} from '../core/model.js'
import { crateChangeKey, effectiveReq, withVerdict } from '../evaluate/verdict.js'
import { isRegistryFinding } from './registry.js'

export interface CrateEntry {
  change: LockfileChange
  lockfiles: string[]
  /** Requirement changes that this entry's lockfile resolves (shown with the entry). */
  requirements: RequirementEntry[]
}

export interface RequirementEntry {
  change: ManifestChange
  /** Manifest paths and, per path, where in it (section, target, key). */
  places: { manifest: string; change: ManifestChange }[]
}

export interface Classified {
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
}

export function compareText(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? ''
    const y = b[i] ?? ''
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

export function isMalicious(findings: readonly AdvisoryFinding[]): boolean {
  return findings.some((f) => f.ignored === null && f.categories.includes('malicious'))
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

export function classify(report: Report): Classified {
  const groups = new Map<string, CrateEntry>()
  const located = report.lockfiles
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
    if (group === undefined) groups.set(key, { change, lockfiles: [lockfile], requirements: [] })
    else group.lockfiles.push(lockfile)
  }
  const all = [...groups.values()]

  const result: Classified = {
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
    all
  }

  // A requirement resolved by a lockfile change goes with that change's entry.
  const byLock = new Map<string, CrateEntry>()
  for (const entry of all) {
    for (const lockfile of entry.lockfiles) {
      byLock.set(`${lockfile}\u0000${entry.change.name}\u0000${entry.change.version ?? ''}`, entry)
    }
  }
  for (const requirement of groupRequirements(report.manifests)) {
    const lock = requirement.change.locked_by
    const owner =
      lock === null
        ? undefined
        : byLock.get(`${lock.lockfile}\u0000${requirement.change.name}\u0000${lock.version ?? ''}`)
    if (owner !== undefined) owner.requirements.push(requirement)
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
    const { change } = entry
    const active = change.advisories.filter((a) => a.ignored === null)
    const ignored = change.advisories.filter(
      (a) => a.ignored !== null && a.verdict !== 'not-affected'
    )
    if (ignored.length > 0) result.ignored.push({ entry, findings: ignored })
    if (change.kind === 'added' && change.unmaintained !== null) result.unmaintained.push(entry)
    if (withVerdict(active, 'fixed').length > 0) result.fixed.push(entry)
    const affected = change.verdict === 'introduced' || change.verdict === 'still-affected'
    if (!affected && isRegistryFinding(change)) result.registry.push(entry)
    if (change.verdict === 'unknown') result.unknown.push(entry)
    else if (change.verdict === 'introduced') result.introduced.push(entry)
    else if (change.verdict === 'still-affected') result.stillAffected.push(entry)
    else if (change.verdict === 'not-checked') {
      if (change.source === CRATES_IO) result.notLookedUp.push(entry)
      else result.otherSources.push(entry)
    } else if (change.verdict === 'fixed') continue
    else if (active.length > 0) result.history.push(entry)
    else if (ignored.length === 0) result.clean.push(entry)
  }
  const maliciousFirst = (list: CrateEntry[]): void => {
    list.sort(
      (a, b) => Number(isMalicious(b.change.advisories)) - Number(isMalicious(a.change.advisories))
    )
  }
  maliciousFirst(result.introduced)
  maliciousFirst(result.stillAffected)
  return result
}
