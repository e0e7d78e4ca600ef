// The top of the comment: what is unknown (first), the decision in one sentence, then one short
// paragraph of facts. Every number is the engine's (report.summary), in its one counting unit.
import type { Report } from '../core/model.js'
import { clip } from './limits.js'
import { cleanLine, code, text } from './escape.js'
import { counts, fileErrors } from './sections.js'
import type { Places } from '../review/units.js'
import { thisChange, type RenderContext } from './context.js'
import { FIX_MEANING, fixesUnchecked, namedFixes } from './fix.js'
import { formatCount } from '../core/plural.js'

const capitalise = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1)

const MAX_NAMES = 5

/** How untrusted values are written: Markdown (code spans, escaped) or plain text (one line). */
export interface Style {
  code: (value: string) => string
  text: (value: string) => string
}
export const MARKDOWN: Style = { code, text }
export const PLAIN: Style = { code: cleanLine, text: cleanLine }

export function someNames(names: readonly string[], style: Style = MARKDOWN): string {
  const unique = [...new Set(names)]
  const shown = unique.slice(0, MAX_NAMES).map((n) => style.code(clip(n, 100)))
  const rest = unique.length - shown.length
  return rest > 0 ? `${shown.join(', ')} and ${formatCount(rest)} more` : shown.join(', ')
}

/** `⚠️ Incomplete: …` naming what is unknown, or null when the analysis is complete. */
export function incompleteNotice(report: Report, classified: Places): string | null {
  const unknown = incompleteParts(report, classified)
  if (unknown === null) return null
  return `⚠️ **Incomplete:** ${unknown.join('; ')}. ${MAY_EXIST}`
}

export const MAY_EXIST = 'Advisories may exist that this comment does not show.'

/** What is unknown, one clause each, or null when the analysis is complete. */
export function incompleteParts(
  report: Report,
  classified: Places,
  style: Style = MARKDOWN
): string[] | null {
  const unknown: string[] = []
  const files = fileErrors(report)
  if (files.length > 0) {
    const their = files.length === 1 ? 'its' : 'their'
    unknown.push(
      `${counts(files.length, 'file')} could not be read (${someNames(
        files.map((f) => f.path),
        style
      )}), so ${their} changes are unknown`
    )
  }
  // The Review's one grouping of unknown advisories by cause (the gate's reasons read it too).
  const groups = [...classified.unknownByCause]
  const failed = [...new Set(groups.flatMap(([, names]) => names))]
  if (failed.length > 0) {
    const [only] = groups
    unknown.push(
      groups.length === 1 && only !== undefined
        ? `the advisory look-up failed for ${counts(failed.length, 'crate')} (${style.text(clip(only[0], 200))})`
        : `the advisory look-up failed for ${counts(failed.length, 'crate')} (${someNames(failed, style)})`
    )
  }
  if (report.advisory_source === null) unknown.push('advisories were not looked up')
  const truncated = report.problems.filter((p) => p.kind === 'file-list-truncated')
  if (truncated.length > 0)
    unknown.push('the list of changed files was truncated, so some files were not read')
  // An outage is the cause the failed look-ups name above: not "1 other problem" as well.
  const others = report.problems.filter(
    (p) =>
      p.incomplete &&
      p.kind !== 'file-list-truncated' &&
      p.kind !== 'lookup-failed' &&
      p.kind !== 'unreadable-file' &&
      // Each is also its change's look-up error, said above: one unknown, one line.
      p.kind !== 'unreadable-version' &&
      !(p.kind === 'source-unavailable' && failed.length > 0)
  )
  if (others.length > 0)
    unknown.push(`${counts(others.length, 'other problem')} (listed under Problems)`)
  if (unknown.length === 0 && report.complete) return null
  if (unknown.length === 0) unknown.push('see Problems below')
  return unknown
}

/**
 * The decision: "This pull request introduces 2 advisories in 1 crate; it fixes 3." — from the
 * summary's counts, which the outputs and the gate read too.
 */
export function verdictSentence(report: Report, context: RenderContext = 'action'): string {
  const parts = verdictParts(report, context)
  return parts.whole ?? `**${parts.clauses.join('; ')}.**`
}

/** The verdict's clauses (the first says what is introduced), or a whole sentence of its own. */
export function verdictParts(
  report: Report,
  context: RenderContext = 'action'
): { whole: string | null; clauses: string[] } {
  const change = thisChange(context)
  const s = report.summary
  if (report.advisory_source === null)
    return { whole: '**Advisories were not looked up.**', clauses: [] }
  const lockChanges = s.crates_added + s.crates_updated + s.crates_removed
  // A requirement Cargo resolves without a lockfile change counts too: affected, or a fix.
  if (lockChanges === 0 && s.affected_versions === 0 && s.fixed_advisories === 0) {
    return {
      whole:
        s.manifests_changed > 0
          ? `**No locked crate changes in ${change};** its requirement changes are listed below.`
          : `**No locked crate changes in ${change}.**`,
      clauses: []
    }
  }
  const parts: string[] = []
  parts.push(
    s.introduced_crates > 0
      ? `${capitalise(change)} introduces ${counts(s.introduced_ids.length, 'advisory', 'advisories')} in ${counts(s.introduced_crates, 'crate')}`
      : `${capitalise(change)} introduces no advisory`
  )
  if (s.still_affected_crates > 0) {
    const noun = s.introduced_crates > 0 ? 'more crate' : 'crate'
    const ids =
      s.introduced_crates === 0
        ? ` (${counts(s.still_affected_ids.length, 'advisory', 'advisories')})`
        : ''
    parts.push(
      `${counts(s.still_affected_crates, noun)} ${s.still_affected_crates === 1 ? 'is' : 'are'} still affected, as before${ids}`
    )
  }
  if (s.unknown_crates > 0) {
    parts.push(
      `${counts(s.unknown_crates, 'crate')} ${s.unknown_crates === 1 ? 'is' : 'are'} unknown`
    )
  }
  if (s.fixed_advisories > 0) parts.push(`it fixes ${formatCount(s.fixed_advisories)}`)
  return { whole: null, clauses: parts }
}

/** One paragraph of facts: changes per lockfile, ignored advisories, the source. */
export function overview(report: Report, classified: Places): string {
  const sentences: string[] = []
  const changed = report.lockfiles.filter((l) => l.changes.length > 0)
  const describe = (changes: Report['lockfiles'][number]['changes']): string => {
    const added = changes.filter((c) => c.kind === 'added').length
    const updated = changes.filter((c) => c.kind === 'updated').length
    const removed = changes.filter((c) => c.kind === 'removed').length
    return `${counts(added, 'crate')} added, ${formatCount(updated)} updated, ${formatCount(removed)} removed`
  }
  if (changed.length > 0 && changed.length <= 8) {
    sentences.push(
      changed.map((l) => `In ${code(clip(l.path, 200))}: ${describe(l.changes)}.`).join(' ')
    )
  } else if (changed.length > 8) {
    sentences.push(
      `${counts(changed.length, 'lockfile')} change: ${describe(changed.flatMap((l) => l.changes))} in total.`
    )
  }
  const unresolved =
    classified.requirements.length +
    classified.requirementLines.filter((r) => r.change.locked_by === null).length
  if (unresolved > 0) {
    sentences.push(
      `${counts(unresolved, 'requirement change')} ${unresolved === 1 ? 'is' : 'are'} not resolved by a lockfile change.`
    )
  }
  const registry = classified.all.filter((e) => e.registryFinding).length
  if (registry > 0) {
    sentences.push(
      `${counts(registry, 'new version')} ${registry === 1 ? 'is' : 'are'} yanked or not on crates.io.`
    )
  }
  const s = report.summary
  if (s.ignored_advisories > 0) {
    sentences.push(
      `${counts(s.ignored_advisories, 'advisory', 'advisories')} ${s.ignored_advisories === 1 ? 'is' : 'are'} ignored by configuration and not counted.`
    )
  }
  if (report.advisory_source !== null) {
    sentences.push(`Advisories from ${text(clip(report.advisory_source, 200))}.`)
  }
  if (namedFixes(report).length > 0) sentences.push(FIX_MEANING)
  if (fixesUnchecked(report)) {
    sentences.push(
      'Fix versions are named by the advisories; none was checked against the crates.io index.'
    )
  }
  return sentences.join(' ')
}
