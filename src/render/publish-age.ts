// A version's publish age as a fact next to it ("published 2 days ago, 2026-12-05, new crate")
// and the versions younger than the repository's cooldown. No score: an age is a fact, and the
// cooldown is the repository's own rule.
import { formatAge } from '../cargo/cooldown.js'
import type { LockfileChange, PublishAge, Report } from '../core/model.js'
import type { CrateEntry } from '../review/units.js'
import { text } from './escape.js'
import { clip } from './limits.js'

/** `40 minutes`, `5 hours`, `2 days`: how long ago, in the unit a reader thinks in. */
export function agoText(seconds: number): string {
  const plural = (n: number, unit: string) => `${String(n)} ${unit}${n === 1 ? '' : 's'}`
  if (seconds < 3600) return plural(Math.floor(seconds / 60), 'minute')
  if (seconds < 2 * 86_400) return plural(Math.floor(seconds / 3600), 'hour')
  return plural(Math.floor(seconds / 86_400), 'day')
}

function day(time: string): string {
  return text(clip(time.slice(0, 10)))
}

/** The publish fact in words; null when there is none to give (removed, not asked). */
export function publishedText(change: LockfileChange): string | null {
  const age = change.publish_age
  if (age === null || age === undefined) return null
  const fresh = change.new_to_tree === true ? ', new crate' : ''
  switch (age.status) {
    case 'known':
      return `${agoText(age.age_seconds ?? 0)} ago, ${day(age.published ?? '')}${fresh}`
    case 'before':
      return `before ${day(age.published_before ?? '')}${fresh}`
    case 'not-recorded':
      return `publish time not recorded (older than the index’s record)${fresh}`
    case 'unknown':
      return `unknown${fresh}`
    case 'not-aged':
      return 'not aged'
  }
}

/** The table cell (the table escapes pipes). */
export function publishedCell(change: LockfileChange): string {
  return publishedText(change) ?? '–'
}

/**
 * Some version's publication is dated (the run had a clock and read the index): the table shows
 * the column and the comment the list. With the index off every age would read "unknown".
 */
export function hasPublishAges(report: Report): boolean {
  const dated = new Set(['known', 'before', 'not-recorded'])
  return report.lockfiles.some((l) =>
    l.changes.some((c) => c.publish_age != null && dated.has(c.publish_age.status))
  )
}

function judged(age: PublishAge | null | undefined): age is PublishAge {
  return age !== null && age !== undefined && age.min_publish_age_seconds !== null
}

/** Too new first, then those whose age under the cooldown is unknown. */
export function tooNewEntries(all: readonly CrateEntry[]): {
  tooNew: CrateEntry[]
  unknown: CrateEntry[]
} {
  const tooNew: CrateEntry[] = []
  const unknown: CrateEntry[] = []
  for (const entry of all) {
    const age = entry.change.publish_age
    if (!judged(age) || age.status === 'not-aged') continue
    if (age.too_new === true) tooNew.push(entry)
    else if (age.too_new === null) unknown.push(entry)
  }
  const youngest = (a: CrateEntry, b: CrateEntry) =>
    (a.change.publish_age?.age_seconds ?? 0) - (b.change.publish_age?.age_seconds ?? 0)
  tooNew.sort(youngest)
  return { tooNew, unknown }
}

/** The cooldown(s) the listed versions are judged by: `7 days (min-publish-age input)`. */
export function cooldownText(report: Report): string {
  const seen = new Map<string, string>()
  for (const lockfile of report.lockfiles) {
    const cooldown = lockfile.cooldown
    if (cooldown?.status !== 'active' || cooldown.min_publish_age_seconds === null) continue
    seen.set(formatAge(cooldown.min_publish_age_seconds), text(clip(cooldown.origin ?? '', 300)))
  }
  return [...seen].map(([age, origin]) => `${age} (${origin})`).join('; ')
}

/** One line: what is too new, or why its age is unknown. */
export function tooNewLine(entry: CrateEntry, head: string): string {
  const age = entry.change.publish_age
  if (!judged(age)) return head
  const when = publishedText(entry.change) ?? ''
  if (age.too_new === true) {
    return `${head}: published ${when}; younger than ${formatAge(age.min_publish_age_seconds ?? 0)}`
  }
  return `${head}: age unknown: ${text(clip(age.note ?? 'not known', 300))}`
}

export const TOO_NEW_INTRO =
  'Cargo’s `min-publish-age` keeps a new resolution away from versions younger than the ' +
  'cooldown, but never checks versions already written into a lockfile, such as these.'

/**
 * Every added or updated version with its publish fact, youngest first; versions without an age
 * (unknown, not recorded) after those with one, path and git packages ("not aged") last.
 */
export function agedEntries(all: readonly CrateEntry[]): CrateEntry[] {
  const rank = (entry: CrateEntry): number => {
    const status = entry.change.publish_age?.status
    return status === 'known' ? 0 : status === 'not-aged' ? 2 : 1
  }
  return all
    .filter((entry) => entry.change.publish_age != null)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.change.publish_age?.age_seconds ?? Infinity) -
          (b.change.publish_age?.age_seconds ?? Infinity)
    )
}

/** One line of that list: `- \`tar\` 0.4.15 → 0.4.21: 2 days ago, 2026-12-05`. */
export function agedLine(entry: CrateEntry, head: string): string {
  return `${head}: ${publishedText(entry.change) ?? '–'}`
}
