// How old each version a change adds or updates is, at the run's time (given, never read from a
// clock here), and whether it is younger than the cooldown its lockfile is under. Pure.
import type { CooldownPolicy } from '../cargo/cooldown.js'
import { formatAge } from '../cargo/cooldown.js'
import { sameVersion, type IndexAnswer } from '../advisories/crates-index/index.js'
import {
  CRATES_IO,
  type CooldownFacts,
  type LockfileChange,
  type LockfileReport,
  type Problem,
  type PublishAge
} from '../core/model.js'
import { crateChangeKey } from './verdict.js'

/**
 * By this time crates.io's production index wrote `pubtime` for every publish. The field came in
 * rust-lang/crates.io#12315 (commit 581d2f43a, merged 2025-11-14) behind `INDEX_INCLUDE_PUBTIME`,
 * default off; the day production turned it on is not in that repository. The earliest public
 * statement that the live index carries it is renovatebot/renovate#40621 (2026-01-22: "crates.io
 * maintainers recently added `pubtime`", read from the index for libc). So a crate whose file has
 * no `pubtime` at all has published nothing since then: its versions are older than this.
 */
export const PUBTIME_RECORDED_BY = '2026-01-22T00:00:00Z'

export interface PublishAgeOptions {
  /** The run's time, in milliseconds since the epoch. */
  now: number
  /** What the crates.io index answered per crate; null when the index was not read. */
  answers: ReadonlyMap<string, IndexAnswer> | null
  /**
   * Whether the index is crates.io's own (index.crates.io): only there does a missing `pubtime`
   * say the version is older than the record; a mirror may drop the field.
   */
  authoritative: boolean
  /** The cooldown per lockfile path (absent: none). */
  policies: ReadonlyMap<string, CooldownPolicy>
}

function seconds(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 1000))
}

/** A version's publication as the index says it, before any cooldown judges it. */
type Dated =
  | { status: 'known'; published: string; at: number }
  | { status: 'before' | 'not-recorded'; before: string; at: number }
  | { status: 'unknown'; note: string }

function isoTime(value: string): number | null {
  // crates.io writes `yyyy-mm-ddThh:mm:ssZ`; anything else is not read as a time.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return null
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : at
}

/** The publication of `version` from its crate's index answer. */
export function datePublication(
  version: string,
  answer: IndexAnswer | undefined,
  authoritative: boolean
): Dated {
  if (answer === undefined) return { status: 'unknown', note: 'the crates.io index was not read' }
  if (answer.kind === 'unknown') return { status: 'unknown', note: answer.reason }
  if (answer.kind === 'crate-not-found') {
    return { status: 'unknown', note: 'the crates.io index does not list this crate' }
  }
  const lines = answer.file.versions
  const at = lines.findIndex((line) => sameVersion(line.version, version))
  const line = lines[at]
  if (line === undefined) {
    return { status: 'unknown', note: 'the crates.io index does not list this version' }
  }
  if (line.published !== null) {
    const time = isoTime(line.published)
    return time === null
      ? {
          status: 'unknown',
          note: `the index's pubtime ${JSON.stringify(line.published.slice(0, 40))} is not a time`
        }
      : { status: 'known', published: line.published, at: time }
  }
  if (!authoritative) {
    return {
      status: 'unknown',
      note: 'the index line has no pubtime, and this index is not crates.io’s own (a mirror may drop it)'
    }
  }
  // Lines are in publication order: a later line's pubtime bounds this one from above.
  for (const later of lines.slice(at + 1)) {
    const time = later.published === null ? null : isoTime(later.published)
    if (later.published !== null && time !== null) {
      return { status: 'before', before: later.published, at: time }
    }
  }
  if (lines.some((other) => other.published !== null)) {
    return {
      status: 'unknown',
      note: 'the index line has no pubtime, though lines published before it have one'
    }
  }
  return {
    status: 'not-recorded',
    before: PUBTIME_RECORDED_BY,
    at: Date.parse(PUBTIME_RECORDED_BY)
  }
}

function isPathOrGit(change: LockfileChange): boolean {
  return change.source === null || change.source.startsWith('git+')
}

/** The age fact of one change under `policy` (null for removals). */
export function publishAge(
  change: LockfileChange,
  policy: CooldownPolicy,
  options: Pick<PublishAgeOptions, 'now' | 'answers' | 'authoritative'>
): PublishAge | null {
  if (change.kind === 'removed' || change.version === null) return null
  const min = policy.kind === 'active' ? policy.seconds : null
  const base = {
    published: null,
    published_before: null,
    age_seconds: null,
    min_publish_age_seconds: min
  }
  if (isPathOrGit(change)) {
    return { ...base, status: 'not-aged', too_new: min === null ? null : false, note: null }
  }
  if (change.source !== CRATES_IO) {
    return {
      ...base,
      status: 'unknown',
      too_new: null,
      note: 'not from crates.io: its registry’s publish times are not read'
    }
  }
  const dated = datePublication(
    change.version,
    options.answers?.get(change.name),
    options.authoritative
  )
  if (dated.status === 'unknown') {
    return { ...base, status: 'unknown', too_new: null, note: dated.note }
  }
  const age = seconds(dated.at, options.now)
  if (dated.status === 'known') {
    return {
      ...base,
      status: 'known',
      published: dated.published,
      age_seconds: age,
      too_new: min === null ? null : age < min,
      note: null
    }
  }
  // Only a lower bound: old enough if the bound is; otherwise it cannot be told.
  const bound = min === null ? null : age >= min ? false : null
  const note =
    dated.status === 'before'
      ? `no pubtime on its index line; a version published after it has ${dated.before}`
      : 'publish time not recorded (older than the index’s record)'
  return {
    ...base,
    status: dated.status,
    published_before: dated.before,
    age_seconds: age,
    too_new: bound,
    note:
      min !== null && bound === null
        ? `${note}; at least ${formatAge(age)} old, which does not settle a cooldown of ${formatAge(min)}`
        : note
  }
}

/** The report's view of a lockfile's cooldown. */
export function cooldownFacts(policy: CooldownPolicy): CooldownFacts {
  switch (policy.kind) {
    case 'none':
      return { status: 'none', min_publish_age_seconds: null, value: null, origin: null }
    case 'off':
      return { status: 'off', min_publish_age_seconds: null, value: null, origin: policy.origin }
    case 'active':
      return {
        status: 'active',
        min_publish_age_seconds: policy.seconds,
        value: policy.value,
        origin: policy.origin
      }
    case 'unknown':
      return {
        status: 'unknown',
        min_publish_age_seconds: null,
        value: null,
        origin: policy.reason
      }
  }
}

const NONE: CooldownPolicy = { kind: 'none' }

/**
 * Copies of the lockfile reports with `publish_age` on every change and `cooldown` on every
 * lockfile, and the problems that make the report incomplete: a cooldown that could not be read,
 * and each version whose age is unknown under an active one.
 */
export function withPublishAge(
  lockfiles: readonly LockfileReport[],
  options: PublishAgeOptions
): { lockfiles: LockfileReport[]; problems: Problem[] } {
  const problems: Problem[] = []
  // One entry per crate change (the counting unit of `publish_age_unknown_crates`), with every
  // lockfile it is in: the same update in two lockfiles is one crate, named once.
  const unknownAges = new Map<string, { label: string; paths: string[]; notes: string[] }>()
  const reports = lockfiles.map((lockfile): LockfileReport => {
    const policy = options.policies.get(lockfile.path) ?? NONE
    if (policy.kind === 'unknown' && lockfile.changes.some((c) => c.kind !== 'removed')) {
      problems.push({
        kind: 'publish-age-unknown',
        message: `The cooldown (min-publish-age) of ${lockfile.path} is unknown, so whether its new versions are too new is unknown: ${policy.reason}`,
        incomplete: true
      })
    }
    const changes = lockfile.changes.map((change): LockfileChange => {
      const age = publishAge(change, policy, options)
      if (age !== null && age.min_publish_age_seconds !== null && age.too_new === null) {
        const key = crateChangeKey(change)
        const seen = unknownAges.get(key)
        const note = age.note ?? 'unknown'
        if (seen === undefined) {
          const label = `${change.name} ${change.version ?? ''}`
          unknownAges.set(key, { label, paths: [lockfile.path], notes: [note] })
        } else {
          if (!seen.paths.includes(lockfile.path)) seen.paths.push(lockfile.path)
          if (!seen.notes.includes(note)) seen.notes.push(note)
        }
      }
      return { ...change, publish_age: age }
    })
    return { ...lockfile, changes, cooldown: cooldownFacts(policy) }
  })
  if (unknownAges.size > 0) {
    const entries = [...unknownAges.values()].map(
      (e) => `${e.label} (${e.paths.join(', ')}): ${e.notes.join('; ')}`
    )
    const shown = entries.slice(0, 5).join('; ')
    const more = entries.length > 5 ? `; and ${String(entries.length - 5)} more` : ''
    problems.push({
      kind: 'publish-age-unknown',
      message: `Publish age unknown under the cooldown for ${String(entries.length)} crate${entries.length === 1 ? '' : 's'}: ${shown}${more}`,
      incomplete: true
    })
  }
  return { lockfiles: reports, problems }
}

/** Distinct crate changes (the report's counting unit) that are too new, and whose age is unknown. */
export function countPublishAges(lockfiles: readonly LockfileReport[]): {
  too_new_crates: number
  publish_age_unknown_crates: number
} {
  const tooNew = new Set<string>()
  const unknown = new Set<string>()
  for (const lockfile of lockfiles) {
    for (const change of lockfile.changes) {
      const age = change.publish_age
      if (age === null || age === undefined || age.min_publish_age_seconds === null) continue
      if (age.too_new === true) tooNew.add(crateChangeKey(change))
      else if (age.too_new === null) unknown.add(crateChangeKey(change))
    }
  }
  return { too_new_crates: tooNew.size, publish_age_unknown_crates: unknown.size }
}
