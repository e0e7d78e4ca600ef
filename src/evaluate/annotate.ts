// Puts the selected advisories on each change: whether the new (and old) version is affected, or
// whether a manifest requirement admits an affected version; the verdict of each (change,
// advisory) and of each change; fix advice for affected versions; ignored ones and unknown
// look-ups marked. Pure.
import {
  type AdvisoryFinding,
  type IgnoreRule,
  type LockfileChange,
  type LockfileReport,
  type ManifestAdvisoryFinding,
  type ManifestChange,
  type ManifestReport,
  type Problem
} from '../core/model.js'
import { isAffected } from './affected.js'
import { admittedVersions, fixAdvice, type PublishedVersion } from './fix.js'
import { admitsAffected, parseCargoReq, readCargoReq, reqMatches } from './requirement.js'
import { isCratesIoOrigin } from '../cargo/source.js'
import type { CrateAdvisory } from './security-tab.js'
import {
  changeVerdict,
  effectiveReq,
  findingVerdict,
  isCratesIoLockChange,
  isCratesIoManifestChange,
  nearestLockfile
} from './verdict.js'
import { parseVersion, versionProblem } from './version.js'

export { summarize, isCratesIoLockChange, isCratesIoManifestChange } from './verdict.js'

/** What the look-up produced, per crate: advisories, or the reason they are unknown. */
export interface AdvisoryIndex {
  advisories: ReadonlyMap<string, readonly CrateAdvisory[]>
  failed: ReadonlyMap<string, string>
  /**
   * Published versions per crate from the crates.io index (absent or missing crate: no index, the
   * fix advice then names the advisories' fixed versions and says it could not check them).
   */
  published?: ReadonlyMap<string, readonly PublishedVersion[]>
  /** Per crate, the id of an advisory marking it unmaintained (kept only for the notice). */
  unmaintained?: ReadonlyMap<string, string>
}

/** Crates whose advisories the report needs. */
export function cratesToLookUp(
  lockfiles: readonly LockfileReport[],
  manifests: readonly ManifestReport[]
): string[] {
  const names = new Set<string>()
  for (const lockfile of lockfiles) {
    for (const change of lockfile.changes) if (isCratesIoLockChange(change)) names.add(change.name)
  }
  for (const manifest of manifests) {
    for (const change of manifest.changes) {
      if (
        change.kind !== 'removed' &&
        isCratesIoManifestChange(change) &&
        effectiveReq(change, 'head') !== null
      ) {
        names.add(change.name)
      }
    }
  }
  return [...names].sort()
}

class IgnoreMatcher {
  readonly used = new Map<IgnoreRule, Set<string>>()
  private readonly byId = new Map<string, IgnoreRule>()

  constructor(rules: readonly IgnoreRule[]) {
    for (const rule of rules) {
      const key = rule.id.trim().toUpperCase()
      if (!this.byId.has(key)) this.byId.set(key, rule)
    }
  }

  match(advisory: CrateAdvisory): AdvisoryFinding['ignored'] {
    for (const id of [advisory.info.id, ...advisory.info.aliases]) {
      const rule = this.byId.get(id.toUpperCase())
      if (rule === undefined) continue
      const ids = this.used.get(rule) ?? new Set()
      ids.add(advisory.info.id)
      this.used.set(rule, ids)
      return { reason: rule.reason, matched: id }
    }
    return null
  }
}

function lockFindings(
  change: LockfileChange,
  advisories: readonly CrateAdvisory[],
  ignore: IgnoreMatcher
): AdvisoryFinding[] {
  // A removed package has only its old version; it is the one evaluated.
  const current = change.kind === 'removed' ? change.previous : change.version
  return advisories.map((advisory) => {
    const affected = current !== null && isAffected(advisory.matcher, current)
    const previousAffected =
      change.kind === 'updated'
        ? change.previous !== null && isAffected(advisory.matcher, change.previous)
        : null
    return {
      ...advisory.info,
      ignored: ignore.match(advisory),
      affected,
      previous_affected: previousAffected,
      verdict: findingVerdict(change.kind, affected, previousAffected)
    }
  })
}

const MALICIOUS = 'malicious'
const UNMAINTAINED = /\bunmaintained\b|\bno longer (?:actively )?maintained\b/i
const ARCHIVED = /\barchived\b/i

/** Fix advice for a new version that a shown, non-ignored advisory affects; else null. */
function lockFix(
  change: LockfileChange,
  findings: readonly AdvisoryFinding[],
  advisories: readonly CrateAdvisory[],
  published: readonly PublishedVersion[] | null,
  unmaintained: boolean
): LockfileChange['fix'] {
  if (change.kind === 'removed' || change.version === null) return null
  const active = advisories.filter((_, i) => findings[i]?.ignored === null)
  const hits = findings.filter((f) => f.ignored === null && f.affected)
  if (hits.length === 0) return null
  const said = hits.map((f) => `${f.summary ?? ''}\n${f.details ?? ''}`).join('\n')
  return fixAdvice(
    change.name,
    change.version,
    active.map((a) => a.matcher),
    published,
    active.filter((a) => a.info.categories.includes(MALICIOUS)).map((a) => a.matcher),
    {
      previous: change.previous,
      unmaintained: unmaintained || UNMAINTAINED.test(said),
      archived: ARCHIVED.test(said)
    }
  )
}

function admits(req: string | null, advisory: CrateAdvisory): boolean | null {
  if (req === null) return null
  const parsed = parseCargoReq(req)
  return parsed === null ? null : admitsAffected(parsed, advisory.matcher)
}

function unreadableVersion(version: string | null): string | null {
  if (version === null) return null
  const problem = versionProblem(version)
  return problem === null
    ? null
    : `version ${JSON.stringify(version)} ${problem}, so it cannot be evaluated`
}

function manifestFindings(
  change: ManifestChange,
  advisories: readonly CrateAdvisory[],
  ignore: IgnoreMatcher,
  locked: LockfileChange | null
): ManifestAdvisoryFinding[] {
  const req = effectiveReq(change, 'head')
  const previousFromCratesIo =
    change.previous_origin === null || isCratesIoOrigin(change.previous_origin)
  const previousReq =
    change.kind === 'changed' && previousFromCratesIo ? effectiveReq(change, 'base') : null
  return advisories.map((advisory) => {
    const admitsNow = admits(req, advisory)
    const admittedBefore = admits(previousReq, advisory)
    // With a lockfile, the version it pins decides; the requirement is only shown.
    const pinned = locked?.advisories.find((finding) => finding.id === advisory.info.id)
    return {
      ...advisory.info,
      ignored: ignore.match(advisory),
      admits_affected: admitsNow,
      previous_admits_affected: admittedBefore,
      verdict: pinned?.verdict ?? findingVerdict(change.kind, admitsNow === true, admittedBefore)
    }
  })
}

/**
 * The lockfile change that resolves this requirement: in the nearest lockfile at or above the
 * manifest, the change of this crate whose new version the requirement admits (or its only one).
 */
function lockedBy(
  manifestPath: string,
  change: ManifestChange,
  lockfiles: readonly LockfileReport[]
): { lockfile: LockfileReport; change: LockfileChange } | null {
  const lockfile = nearestLockfile(manifestPath, lockfiles)
  if (lockfile === null || lockfile.error !== null) return null
  const same = lockfile.changes.filter((c) => c.name === change.name && isCratesIoLockChange(c))
  if (same.length === 0) return null
  const req = effectiveReq(change, 'head')
  const parsed = req === null ? null : parseCargoReq(req)
  const admitted = same.find((c) => {
    const version = parseVersion(c.version ?? '')
    return parsed !== null && version !== null && reqMatches(parsed, version)
  })
  const chosen = admitted ?? (same.length === 1 ? same[0] : undefined)
  return chosen === undefined ? null : { lockfile, change: chosen }
}

export interface Annotated {
  lockfiles: LockfileReport[]
  manifests: ManifestReport[]
  problems: Problem[]
  /** Rules that matched nothing (to log). */
  unusedRules: IgnoreRule[]
}

/** Returns copies of the reports with advisories and look-up errors filled in. */
export function annotate(
  lockfiles: readonly LockfileReport[],
  manifests: readonly ManifestReport[],
  index: AdvisoryIndex | null,
  rules: readonly IgnoreRule[] = []
): Annotated {
  const ignore = new IgnoreMatcher(rules)
  const failedCrates = new Set<string>()
  const unreadable: string[] = []
  const lookup = (name: string): { advisories: readonly CrateAdvisory[]; error: string | null } => {
    if (index === null) return { advisories: [], error: null }
    const error = index.failed.get(name)
    if (error !== undefined) {
      failedCrates.add(name)
      return { advisories: [], error }
    }
    return { advisories: index.advisories.get(name) ?? [], error: null }
  }

  const annotatedLockfiles = lockfiles.map((lockfile) => ({
    ...lockfile,
    changes: lockfile.changes.map((change): LockfileChange => {
      if (!isCratesIoLockChange(change)) {
        return {
          ...change,
          advisories: [],
          lookup_error: null,
          verdict: 'not-checked',
          fix: null,
          unmaintained: null
        }
      }
      const { advisories, error } = lookup(change.name)
      // A version Cargo would not read (or we cannot compare) is unknown, never "not affected".
      const bad = change.kind === 'removed' ? null : unreadableVersion(change.version)
      if (bad !== null) {
        unreadable.push(`${change.name} in ${lockfile.path}: ${bad}`)
        const judged = { advisories: [], lookup_error: error === null ? bad : `${bad}; ${error}` }
        return {
          ...change,
          ...judged,
          verdict: changeVerdict(judged, index !== null),
          fix: null,
          unmaintained: index?.unmaintained?.get(change.name) ?? null
        }
      }
      const findings = lockFindings(change, advisories, ignore)
      const judged = { advisories: findings, lookup_error: error }
      return {
        ...change,
        ...judged,
        verdict: changeVerdict(judged, index !== null),
        fix: lockFix(
          change,
          findings,
          advisories,
          index?.published?.get(change.name) ?? null,
          index?.unmaintained?.has(change.name) === true
        ),
        unmaintained: index?.unmaintained?.get(change.name) ?? null
      }
    })
  }))
  const annotatedManifests = manifests.map((manifest) => ({
    ...manifest,
    changes: manifest.changes.map((change): ManifestChange => {
      const req = effectiveReq(change, 'head')
      if (change.kind === 'removed' || !isCratesIoManifestChange(change) || req === null) {
        return {
          ...change,
          advisories: [],
          lookup_error: null,
          verdict: 'not-checked',
          locked_by: null,
          admitted: null
        }
      }
      const { advisories, error } = lookup(change.name)
      // A requirement Cargo would refuse (or we cannot compare) is unknown, never judged.
      const read = readCargoReq(req)
      if ('error' in read) {
        const bad = `requirement ${JSON.stringify(req)} ${read.error}, so it cannot be evaluated`
        unreadable.push(`${change.name} in ${manifest.path}: ${bad}`)
        const judged = { advisories: [], lookup_error: error === null ? bad : `${bad}; ${error}` }
        return {
          ...change,
          ...judged,
          verdict: changeVerdict(judged, index !== null),
          locked_by: null,
          admitted: null
        }
      }
      const locked = lockedBy(manifest.path, change, annotatedLockfiles)
      const findings = manifestFindings(change, advisories, ignore, locked?.change ?? null)
      const judged = { advisories: findings, lookup_error: error }
      const active = advisories.filter((_, i) => findings[i]?.ignored === null)
      return {
        ...change,
        ...judged,
        verdict: changeVerdict(judged, index !== null),
        locked_by:
          locked === null
            ? null
            : {
                lockfile: locked.lockfile.path,
                version: locked.change.version,
                previous: locked.change.previous
              },
        admitted:
          locked !== null || index === null || error !== null
            ? null
            : admittedVersions(
                req,
                active.map((a) => a.matcher)
              )
      }
    })
  }))

  // One problem per cause: a source that is down for everyone is one line, not one per crate.
  const problems: Problem[] = []
  const byCause = new Map<string, string[]>()
  for (const name of [...failedCrates].sort()) {
    const cause = index?.failed.get(name) ?? ''
    byCause.set(cause, [...(byCause.get(cause) ?? []), name])
  }
  for (const [cause, names] of byCause) {
    const shown = names.slice(0, 10).join(', ')
    const more = names.length > 10 ? ` and ${String(names.length - 10)} more` : ''
    problems.push({
      kind: 'lookup-failed',
      message:
        names.length === 1
          ? `Advisories for ${shown} are unknown: ${cause}`
          : `Advisories for ${String(names.length)} crates (${shown}${more}) are unknown: ${cause}`,
      incomplete: true
    })
  }
  for (const message of unreadable) {
    problems.push({ kind: 'unreadable-version', message, incomplete: true })
  }
  for (const [rule, ids] of ignore.used) {
    problems.push({
      kind: 'ignored-advisory',
      message: `${[...ids].sort().join(', ')} ignored by ${rule.id} (${rule.origin})${rule.reason === null ? '' : `: ${rule.reason}`}`,
      incomplete: false
    })
  }
  return {
    lockfiles: annotatedLockfiles,
    manifests: annotatedManifests,
    problems,
    unusedRules: rules.filter((rule) => !ignore.used.has(rule))
  }
}
