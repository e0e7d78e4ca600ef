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
  type Problem,
  type Verdict
} from '../core/model.js'
import { affectedOrUnknown, isAffected, type AffectedMatcher } from './affected.js'
import { admittedVersions, fixAdvice, type PublishedVersion } from './fix.js'
import { admitsAffected, parseCargoReq, readCargoReq } from './requirement.js'
import { isCratesIoOrigin } from '../cargo/source.js'
import type { CrateAdvisory } from './security-tab.js'
import {
  changeVerdict,
  effectiveReq,
  findingVerdict,
  isCratesIoLockChange,
  isCratesIoManifestChange
} from './verdict.js'
import { versionProblem } from './version.js'
import { pickAffected, resolve, resolvedVersion, type Releases } from './resolution.js'
import type { SidePins } from '../diff/changes.js'
import type { Resolution } from '../core/model.js'

export { isCratesIoLockChange, isCratesIoManifestChange } from './verdict.js'

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

const MALICIOUS = 'malicious'

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
      verdict: findingVerdict(
        change.kind,
        affected,
        previousAffected,
        advisory.info.categories.includes(MALICIOUS)
      )
    }
  })
}

/**
 * Why a shown, non-ignored advisory cannot say whether these versions are affected (a part of the
 * record this tool cannot read, and the readable part does not affect them); null when every one can.
 */
function undecided(
  advisories: readonly CrateAdvisory[],
  findings: readonly { ignored: unknown }[],
  versions: readonly string[]
): string | null {
  const causes = advisories.flatMap((advisory, i) => {
    if (findings[i]?.ignored !== null) return []
    const unknown = versions.filter((v) => affectedOrUnknown(advisory.matcher, v) === null)
    if (unknown.length === 0) return []
    const values = advisory.matcher.unreadable.slice(0, 3).map((v) => JSON.stringify(v))
    return [
      `advisory ${advisory.info.id} names versions this tool cannot read (${values.join(', ')}), so whether ${unknown.join(' or ')} is affected is unknown`
    ]
  })
  return causes.length === 0 ? null : causes.join('; ')
}
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

const PICK_UNKNOWN = "Cargo's pick is unknown: "
const CANNOT_EVALUATE = ', so it cannot be evaluated'

/** A `lookup_error` this step wrote for what it cannot judge (a pick, a version, a requirement),
 * as opposed to a look-up that failed. */
export function isJudgedUnknown(cause: string): boolean {
  return cause.startsWith(PICK_UNKNOWN) || cause.includes(CANNOT_EVALUATE)
}

function unreadableVersion(version: string | null): string | null {
  if (version === null) return null
  const problem = versionProblem(version)
  return problem === null ? null : `version ${JSON.stringify(version)} ${problem}${CANNOT_EVALUATE}`
}

function previousRequirement(change: ManifestChange): string | null {
  const previousFromCratesIo =
    change.previous_origin === null || isCratesIoOrigin(change.previous_origin)
  return change.kind === 'changed' && previousFromCratesIo ? effectiveReq(change, 'base') : null
}

/** Both sides' resolutions; `undecided`: some advisory's verdict depends on a pick not known. */
interface Resolved {
  head: Resolution | null
  base: Resolution | null
  /** Per advisory: the head pick is affected, the base pick was (null: not known). */
  picks: { now: boolean | null; before: boolean | null }[]
  undecided: boolean
}

function resolveChange(
  change: ManifestChange,
  advisories: readonly CrateAdvisory[],
  pins: SidePins,
  releases: Releases
): Resolved {
  const reqText = effectiveReq(change, 'head')
  const previousText = previousRequirement(change)
  const req = reqText === null ? null : parseCargoReq(reqText)
  const previous = previousText === null ? null : parseCargoReq(previousText)
  const head = resolve(pins.head, req, releases)
  const base = previous === null ? null : resolve(pins.base, previous, releases)
  const picks = advisories.map((advisory) => ({
    now: pickAffected(head, req, reqText, advisory.matcher),
    before: base === null ? false : pickAffected(base, previous, previousText, advisory.matcher)
  }))
  const undecided = picks.some((p) => p.now === null || p.before === null)
  return { head, base, picks, undecided }
}

function manifestFindings(
  change: ManifestChange,
  advisories: readonly CrateAdvisory[],
  ignore: IgnoreMatcher,
  resolved: Resolved | null
): ManifestAdvisoryFinding[] {
  const req = effectiveReq(change, 'head')
  const previousReq = previousRequirement(change)
  return advisories.map((advisory, i) => {
    const admitsNow = admits(req, advisory)
    const admittedBefore = admits(previousReq, advisory)
    // Cargo's pick on each side decides; where it is not known (no index), what is admitted.
    const pick = resolved?.picks[i]
    const now = pick?.now ?? admitsNow === true
    const before = pick === undefined || pick.before === null ? admittedBefore : pick.before
    return {
      ...advisory.info,
      ignored: ignore.match(advisory),
      admits_affected: admitsNow,
      previous_admits_affected: admittedBefore,
      verdict: findingVerdict(
        change.kind,
        now,
        before,
        advisory.info.categories.includes(MALICIOUS)
      )
    }
  })
}

/**
 * The lockfile that resolves the head requirement, with the versions it pins on each side: from
 * its change of this crate to the pinned version when there is one, else the pin held.
 */
function lockedBy(
  resolved: Resolved,
  change: ManifestChange,
  lockfiles: readonly LockfileReport[]
): ManifestChange['locked_by'] {
  const head = resolved.head
  if (head?.kind !== 'lockfile') return null
  const lockfile = lockfiles.find((l) => l.path === head.lockfile)
  const moved = lockfile?.changes.find(
    (c) => c.name === change.name && isCratesIoLockChange(c) && c.version === head.version
  )
  if (moved !== undefined) {
    return { lockfile: head.lockfile, version: head.version, previous: moved.previous }
  }
  return {
    lockfile: head.lockfile,
    version: head.version,
    previous: resolvedVersion(resolved.base)
  }
}

/** What resolving needs beyond the reports: each change's pins, and the index's releases. */
export interface Resolving {
  pins: ReadonlyMap<ManifestChange, SidePins>
  releases: (name: string) => Releases
  /** The crates.io index was asked (a pick it does not give is then unknown, not just unshown). */
  indexAsked: boolean
}

/**
 * Verdicts per crate, not per pairing: within one lockfile, an advisory is introduced for a crate
 * (name and source) when it affects some head version and affected no base version, fixed when
 * the reverse, still affected when both; the versions both sides hold count on both. The changes
 * whose own version carries that verdict keep it, the others are not affected by it, so no id is
 * both fixed and introduced for one crate.
 */
function perCrateVerdicts(
  changes: LockfileChange[],
  checked: boolean,
  matcherOf: (name: string, id: string) => AffectedMatcher | undefined
): LockfileChange[] {
  const groups = new Map<string, LockfileChange[]>()
  for (const change of changes) {
    const key = `${change.name}\u0000${change.source ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), change])
  }
  const out = new Map<LockfileChange, LockfileChange>()
  for (const group of groups.values()) {
    const single = group.length === 1 && (group[0]?.unchanged_versions ?? []).length === 0
    if (single) continue
    const ids = new Set(group.flatMap((c) => c.advisories.map((a) => a.id)))
    const verdicts = new Map<string, Verdict>()
    for (const id of ids) {
      const finding = (c: LockfileChange) => c.advisories.find((a) => a.id === id)
      const matcher = matcherOf(group[0]?.name ?? '', id)
      const keptAffected =
        matcher !== undefined &&
        (group[0]?.unchanged_versions ?? []).some((v) => isAffected(matcher, v))
      const headAffected =
        keptAffected || group.some((c) => c.kind !== 'removed' && finding(c)?.affected === true)
      const baseAffected =
        keptAffected ||
        group.some((c) =>
          c.kind === 'removed'
            ? finding(c)?.affected === true
            : finding(c)?.previous_affected === true
        )
      const malicious = group.some((c) => finding(c)?.categories.includes(MALICIOUS) === true)
      verdicts.set(id, findingVerdict('updated', headAffected, baseAffected, malicious))
    }
    for (const change of group) {
      const advisories = change.advisories.map((a) => {
        const crate = verdicts.get(a.id) ?? 'not-affected'
        const nowAffected = change.kind !== 'removed' && a.affected
        const wasAffected = change.kind === 'removed' ? a.affected : a.previous_affected === true
        const mine =
          crate === 'fixed' ? wasAffected && !nowAffected : crate !== 'not-affected' && nowAffected
        return { ...a, verdict: mine ? crate : 'not-affected' }
      })
      const judged = { advisories, lookup_error: change.lookup_error }
      out.set(change, {
        ...change,
        advisories,
        verdict: change.verdict === 'not-checked' ? 'not-checked' : changeVerdict(judged, checked)
      })
    }
  }
  return changes.map((change) => out.get(change) ?? change)
}

/** The pick is unknown only because the user turned the index off: shown, not incomplete. */
function indexOff(resolution: Resolution): boolean {
  return resolution.kind === 'unknown' && resolution.why === INDEX_OFF
}

export const INDEX_OFF = 'the crates.io index is not read (turned off)'

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
  rules: readonly IgnoreRule[] = [],
  resolving: Resolving | null = null
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
    changes: perCrateVerdicts(
      lockfile.changes.map((change): LockfileChange => {
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
        const evaluated = [change.kind === 'removed' ? change.previous : change.version]
        if (change.kind === 'updated') evaluated.push(change.previous)
        const unknown = undecided(
          advisories,
          findings,
          evaluated.filter((v): v is string => v !== null)
        )
        if (unknown !== null) unreadable.push(`${change.name} in ${lockfile.path}: ${unknown}`)
        const judged = {
          advisories: findings,
          lookup_error: unknown === null ? error : error === null ? unknown : `${unknown}; ${error}`
        }
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
      }),
      index !== null,
      (name, id) => index?.advisories.get(name)?.find((a) => a.info.id === id)?.matcher
    )
  }))
  const stale: string[] = []
  const unresolved: string[] = []
  const annotatedManifests = manifests.map((manifest) => ({
    ...manifest,
    changes: manifest.changes.map((change): ManifestChange => {
      const req = effectiveReq(change, 'head')
      const pins = resolving?.pins.get(change)
      // An inherited requirement whose workspace root could not be read is unknown, never clean.
      if (
        change.kind !== 'removed' &&
        change.workspace &&
        req === null &&
        pins?.head?.kind === 'unknown'
      ) {
        const why = `the inherited requirement is unknown: ${pins.head.why}`
        unresolved.push(`${change.name} in ${manifest.path}: ${why}`)
        return {
          ...change,
          advisories: [],
          lookup_error: why,
          verdict: 'unknown',
          locked_by: null,
          admitted: null,
          resolution: { kind: 'unknown', why },
          previous_resolution: null
        }
      }
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
        const bad = `requirement ${JSON.stringify(req)} ${read.error}${CANNOT_EVALUATE}`
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
      // No pin on the head side (an unused [workspace.dependencies] entry): what it admits, shown.
      const resolved =
        resolving === null || pins?.head == null
          ? null
          : resolveChange(change, advisories, pins, resolving.releases(change.name))
      const findings = manifestFindings(change, advisories, ignore, resolved)
      let lookupError = error
      // A pick the index was asked for and did not give (or an unreadable lockfile) is unknown.
      const unknownPick = [resolved?.head, resolved?.base].find((r) => r?.kind === 'unknown')
      if (
        error === null &&
        resolved?.undecided === true &&
        (resolving?.indexAsked === true || (unknownPick !== undefined && !indexOff(unknownPick)))
      ) {
        const why =
          unknownPick?.kind === 'unknown'
            ? `${PICK_UNKNOWN}${unknownPick.why}`
            : `${PICK_UNKNOWN}the crates.io index gave no release to pick from`
        lookupError = why
        unresolved.push(`${change.name} in ${manifest.path}: ${why}`)
      }
      for (const r of [resolved?.head, resolved?.base]) {
        if (r?.kind !== 'stale-lockfile') continue
        const locked = r.locked.length === 0 ? 'nothing' : r.locked.join(', ')
        stale.push(
          `${r.lockfile} pins ${locked} for ${change.name}, which ${JSON.stringify(r === resolved?.head ? req : (previousRequirement(change) ?? ''))} in ${manifest.path} does not admit (\`cargo build --locked\` fails); judged by ${r.version === null ? "Cargo's pick, which is unknown without the crates.io index" : `${r.version}, what Cargo picks instead`}`
        )
      }
      const active = advisories.filter((_, i) => findings[i]?.ignored === null)
      // A record part this tool cannot read leaves the verdict unknown: for Cargo's picks when
      // they are known, else for what the requirement admits.
      const picked = [resolved?.head ?? null, resolved?.base ?? null]
        .map((r) => resolvedVersion(r))
        .filter((v): v is string => v !== null)
      const unread =
        picked.length > 0
          ? undecided(advisories, findings, picked)
          : active
              .filter(
                (a) =>
                  a.matcher.unreadable.length > 0 &&
                  findings[advisories.indexOf(a)]?.admits_affected !== true
              )
              .map((a) => a.info.id)
              .join(', ') || null
      const unknown =
        unread === null || picked.length > 0
          ? unread
          : `advisories ${unread} name versions this tool cannot read, so whether the requirement ${JSON.stringify(req)} admits an affected version is unknown`
      if (unknown !== null) {
        unreadable.push(`${change.name} in ${manifest.path}: ${unknown}`)
        lookupError = lookupError === null ? unknown : `${unknown}; ${lookupError}`
      }
      const judged = { advisories: findings, lookup_error: lookupError }
      const lockedByLockfile =
        resolved === null ? null : lockedBy(resolved, change, annotatedLockfiles)
      return {
        ...change,
        ...judged,
        verdict: changeVerdict(judged, index !== null),
        locked_by: lockedByLockfile,
        admitted:
          lockedByLockfile !== null || index === null || lookupError !== null
            ? null
            : admittedVersions(
                req,
                active.map((a) => a.matcher)
              ),
        resolution: resolved?.head ?? null,
        previous_resolution: resolved?.base ?? null
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
  for (const message of unresolved) {
    problems.push({ kind: 'lookup-failed', message, incomplete: true })
  }
  for (const message of [...new Set(stale)]) {
    problems.push({ kind: 'stale-lockfile', message, incomplete: false })
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
