// Puts the selected advisories on each change: whether the new (and old) version is affected, or
// whether a manifest requirement admits an affected version; marks ignored ones and unknown
// look-ups; computes the summary. Pure.
import {
  CRATES_IO,
  type AdvisoryFinding,
  type IgnoreRule,
  type LockfileChange,
  type LockfileReport,
  type ManifestAdvisoryFinding,
  type ManifestChange,
  type ManifestReport,
  type Problem,
  type ReportSummary
} from '../core/model.js'
import { isCratesIoOrigin } from '../cargo/source.js'
import { isAffected } from './affected.js'
import { admitsAffected, parseCargoReq, readCargoReq } from './requirement.js'
import { versionProblem } from './version.js'
import type { CrateAdvisory } from './security-tab.js'

/** What the look-up produced, per crate: advisories, or the reason they are unknown. */
export interface AdvisoryIndex {
  advisories: ReadonlyMap<string, readonly CrateAdvisory[]>
  failed: ReadonlyMap<string, string>
}

export function isCratesIoLockChange(change: LockfileChange): boolean {
  return change.source === CRATES_IO
}

/** Registry dependencies with no `registry = …` (or `registry = "crates-io"`) come from crates.io. */
export function isCratesIoManifestChange(change: ManifestChange): boolean {
  return isCratesIoOrigin(change.origin)
}

function effectiveReq(req: string | null, workspaceReq: string | null): string | null {
  return req ?? workspaceReq
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
        effectiveReq(change.req, change.workspace_req) !== null
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
  return advisories.map((advisory) => ({
    ...advisory.info,
    ignored: ignore.match(advisory),
    affected: current !== null && isAffected(advisory.matcher, current),
    previous_affected:
      change.kind === 'updated'
        ? change.previous !== null && isAffected(advisory.matcher, change.previous)
        : null
  }))
}

function unreadableVersion(version: string | null): string | null {
  if (version === null) return null
  const problem = versionProblem(version)
  return problem === null
    ? null
    : `version ${JSON.stringify(version)} ${problem}, so it cannot be evaluated`
}

function admits(req: string | null, advisory: CrateAdvisory): boolean | null {
  if (req === null) return null
  const parsed = parseCargoReq(req)
  return parsed === null ? null : admitsAffected(parsed, advisory.matcher)
}

function manifestFindings(
  change: ManifestChange,
  advisories: readonly CrateAdvisory[],
  ignore: IgnoreMatcher
): ManifestAdvisoryFinding[] {
  const req = effectiveReq(change.req, change.workspace_req)
  const previousFromCratesIo =
    change.previous_origin === null || isCratesIoOrigin(change.previous_origin)
  const previousReq =
    change.kind === 'changed' && previousFromCratesIo
      ? effectiveReq(change.previous_req, change.previous_workspace_req)
      : null
  return advisories.map((advisory) => ({
    ...advisory.info,
    ignored: ignore.match(advisory),
    admits_affected: admits(req, advisory),
    previous_admits_affected: admits(previousReq, advisory)
  }))
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
      if (!isCratesIoLockChange(change)) return { ...change, advisories: [], lookup_error: null }
      const { advisories, error } = lookup(change.name)
      // A version Cargo would not read (or we cannot compare) is unknown, never "not affected".
      const bad = change.kind === 'removed' ? null : unreadableVersion(change.version)
      if (bad !== null) {
        unreadable.push(`${change.name} in ${lockfile.path}: ${bad}`)
        return {
          ...change,
          advisories: [],
          lookup_error: error === null ? bad : `${bad}; ${error}`
        }
      }
      return {
        ...change,
        advisories: lockFindings(change, advisories, ignore),
        lookup_error: error
      }
    })
  }))
  const annotatedManifests = manifests.map((manifest) => ({
    ...manifest,
    changes: manifest.changes.map((change): ManifestChange => {
      const req = effectiveReq(change.req, change.workspace_req)
      if (change.kind === 'removed' || !isCratesIoManifestChange(change) || req === null) {
        return { ...change, advisories: [], lookup_error: null }
      }
      const { advisories, error } = lookup(change.name)
      const read = readCargoReq(req)
      if ('error' in read) {
        const bad = `requirement ${JSON.stringify(req)} ${read.error}, so it cannot be evaluated`
        unreadable.push(`${change.name} in ${manifest.path}: ${bad}`)
        return {
          ...change,
          advisories: [],
          lookup_error: error === null ? bad : `${bad}; ${error}`
        }
      }
      return {
        ...change,
        advisories: manifestFindings(change, advisories, ignore),
        lookup_error: error
      }
    })
  }))

  const problems: Problem[] = []
  for (const name of [...failedCrates].sort()) {
    problems.push({
      kind: 'lookup-failed',
      message: `Advisories for ${name} are unknown: ${index?.failed.get(name) ?? ''}`,
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

export function summarize(
  lockfiles: readonly LockfileReport[],
  manifests: readonly ManifestReport[]
): ReportSummary {
  const summary: ReportSummary = {
    lockfiles_changed: lockfiles.filter((lockfile) => lockfile.changes.length > 0).length,
    crates_added: 0,
    crates_updated: 0,
    crates_removed: 0,
    affected_versions: 0,
    affected_advisories: 0,
    fixed_advisories: 0,
    ignored_advisories: 0,
    manifests_changed: manifests.filter((manifest) => manifest.changes.length > 0).length
  }
  const affectedPairs = new Set<string>()
  const fixedPairs = new Set<string>()
  const ignoredPairs = new Set<string>()
  const affectedVersions = new Set<string>()
  for (const lockfile of lockfiles) {
    for (const change of lockfile.changes) {
      if (change.kind === 'added') summary.crates_added++
      else if (change.kind === 'updated') summary.crates_updated++
      else summary.crates_removed++
      for (const finding of change.advisories) {
        const pair = `${change.name}\u0000${finding.id}`
        if (change.kind !== 'removed' && finding.affected) {
          if (finding.ignored === null) {
            affectedPairs.add(pair)
            affectedVersions.add(`${change.name}\u0000${change.version ?? ''}`)
          } else ignoredPairs.add(pair)
        }
        const fixed =
          change.kind === 'removed'
            ? finding.affected
            : change.kind === 'updated' && finding.previous_affected === true && !finding.affected
        if (fixed) fixedPairs.add(pair)
      }
    }
  }
  for (const manifest of manifests) {
    for (const change of manifest.changes) {
      for (const finding of change.advisories) {
        if (finding.ignored !== null) ignoredPairs.add(`${change.name}\u0000${finding.id}`)
      }
    }
  }
  summary.affected_versions = affectedVersions.size
  summary.affected_advisories = affectedPairs.size
  summary.fixed_advisories = fixedPairs.size
  summary.ignored_advisories = ignoredPairs.size
  return summary
}
