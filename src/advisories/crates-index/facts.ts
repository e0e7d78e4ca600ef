// What the index answer means for one lockfile version: the report's `yanked`, `published` and
// `registry` fields, and the list of releases the fix advice may choose from. Pure.
import {
  CRATES_IO,
  type LockfileChange,
  type LockfileReport,
  type Problem,
  type RegistryFacts
} from '../../core/model.js'
import { indexFileFault, sameVersion } from './lines.js'
import type { IndexAnswer } from './lookup.js'

export interface VersionFacts {
  yanked: boolean | null
  published: string | null
  registry: RegistryFacts
}

function skippedNote(skipped: readonly string[]): string {
  const shown = skipped.slice(0, 3).join('; ')
  const more = skipped.length > 3 ? `; and ${String(skipped.length - 3)} more` : ''
  return `${String(skipped.length)} line${skipped.length === 1 ? '' : 's'} of the index file could not be read (${shown}${more})`
}

export function versionFacts(name: string, version: string, answer: IndexAnswer): VersionFacts {
  if (answer.kind === 'unknown') {
    return { yanked: null, published: null, registry: { status: 'unknown', note: answer.reason } }
  }
  if (answer.kind === 'crate-not-found') {
    return {
      yanked: null,
      published: null,
      registry: {
        status: 'crate-not-found',
        note: `the crates.io index has no crate named ${name} (HTTP ${String(answer.status)})`
      }
    }
  }
  const { file } = answer
  const partial = file.skipped.length > 0 ? skippedNote(file.skipped) : null
  const lines = file.versions.filter((entry) => sameVersion(entry.version, version))
  if (lines.length === 0) {
    // Absent from what we could read; if some lines were unreadable it may be one of them.
    const unread = file.unreadVersions.some((vers) => sameVersion(vers, version))
    if (unread || partial !== null || file.versions.length === 0) {
      const why =
        file.versions.length === 0 && partial === null
          ? 'the index file lists no versions'
          : partial
      return {
        yanked: null,
        published: null,
        registry: { status: 'unknown', note: `${version} not among the lines read: ${why ?? ''}` }
      }
    }
    return {
      yanked: null,
      published: null,
      registry: {
        status: 'version-not-found',
        note: `the crates.io index lists ${name} but not version ${version}`
      }
    }
  }
  const yanked = new Set(lines.map((entry) => entry.yanked))
  const published = lines.find((entry) => entry.published !== null)?.published ?? null
  if (yanked.has(true)) {
    // Listed twice, once yanked: a version any line yanks is yanked (never advised, never clean).
    const note = yanked.size === 1 ? partial : 'the index lists this version twice, once yanked'
    return { yanked: true, published, registry: { status: 'published', note } }
  }
  return {
    yanked: false,
    published,
    registry: { status: 'published', note: partial }
  }
}

/**
 * The releases fix advice may recommend: null when the index is unknown for this crate (advice
 * then falls back to the advisories' fixed versions); a line without `yanked` is not yanked, as
 * Cargo reads it (lines.ts).
 */
export function publishedReleases(
  answer: IndexAnswer | undefined
): readonly { version: string; yanked: boolean }[] | null {
  if (answer === undefined || answer.kind === 'unknown') return null
  if (answer.kind === 'crate-not-found') return []
  // One entry per version; a version listed twice is yanked if any of its lines yanks it.
  const byVersion = new Map<string, { version: string; yanked: boolean }>()
  for (const entry of answer.file.versions) {
    const known = [...byVersion.values()].find((r) => sameVersion(r.version, entry.version))
    if (known === undefined) {
      byVersion.set(entry.version, { version: entry.version, yanked: entry.yanked })
    } else if (entry.yanked) known.yanked = true
  }
  return [...byVersion.values()]
}

/** The answer as it may be believed: a file that is not this crate's index file is unknown. */
export function believedAnswer(name: string, answer: IndexAnswer): IndexAnswer {
  if (answer.kind !== 'found') return answer
  const fault = indexFileFault(answer.file, name)
  return fault === null ? answer : { kind: 'unknown', reason: `crates.io index: ${fault}` }
}

/** Whether the index is asked about this change: a crates.io version the change adds or updates. */
export function wantsIndex(change: LockfileChange): boolean {
  return change.source === CRATES_IO && change.kind !== 'removed' && change.version !== null
}

/** The distinct crates to look up in the index, sorted. */
export function indexCrates(lockfiles: readonly LockfileReport[]): string[] {
  const names = new Set<string>()
  for (const lockfile of lockfiles) {
    for (const change of lockfile.changes) if (wantsIndex(change)) names.add(change.name)
  }
  return [...names].sort()
}

/**
 * Copies of the lockfile reports with `yanked`, `published` and `registry` on every change (null
 * where the index was not asked), and one problem line for the crates whose index file could not
 * be read (not incomplete: the advisories are still known).
 */
export function withIndexFacts(
  lockfiles: readonly LockfileReport[],
  answers: ReadonlyMap<string, IndexAnswer> | null
): { lockfiles: LockfileReport[]; problems: Problem[] } {
  const failed = new Map<string, string>()
  const reports = lockfiles.map((lockfile) => ({
    ...lockfile,
    changes: lockfile.changes.map((change): LockfileChange => {
      const raw = answers?.get(change.name)
      const answer = raw === undefined ? undefined : believedAnswer(change.name, raw)
      if (!wantsIndex(change) || answer === undefined || change.version === null) {
        return { ...change, yanked: null, published: null, registry: null }
      }
      if (answer.kind === 'unknown') failed.set(change.name, answer.reason)
      return { ...change, ...versionFacts(change.name, change.version, answer) }
    })
  }))
  const problems: Problem[] = []
  if (failed.size > 0) {
    const names = [...failed.keys()].sort()
    const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : '')
    problems.push({
      kind: 'index-lookup-failed',
      message: `Yanked status unknown for ${String(names.length)} crate${names.length === 1 ? '' : 's'} (${shown}): ${failed.get(names[0] ?? '') ?? ''}`,
      incomplete: false
    })
  }
  return { lockfiles: reports, problems }
}

/** Per crate, the releases fix advice may choose from; crates whose index is unknown are absent. */
export function publishedByCrate(
  answers: ReadonlyMap<string, IndexAnswer> | null
): Map<string, readonly { version: string; yanked: boolean }[]> {
  const out = new Map<string, readonly { version: string; yanked: boolean }[]>()
  for (const [name, answer] of answers ?? []) {
    const releases = publishedReleases(believedAnswer(name, answer))
    if (releases !== null) out.set(name, releases)
  }
  return out
}
