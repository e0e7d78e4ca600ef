// The top of the comment: what is unknown (first), then one plain paragraph of counts.
import type { Report } from '../core/model.js'
import { clip } from './limits.js'
import { code, text } from './escape.js'
import { counts, fileErrors } from './sections.js'
import type { Classified } from './sections.js'
import { isRegistryFinding } from './registry.js'

const MAX_NAMES = 5

function someNames(names: readonly string[]): string {
  const unique = [...new Set(names)]
  const shown = unique.slice(0, MAX_NAMES).map((n) => code(clip(n, 100)))
  const rest = unique.length - shown.length
  return rest > 0
    ? `${shown.join(', ')} and ${rest.toLocaleString('en-US')} more`
    : shown.join(', ')
}

/** `⚠️ Incomplete: …` naming what is unknown, or null when the analysis is complete. */
export function incompleteNotice(report: Report, classified: Classified): string | null {
  const unknown: string[] = []
  const files = fileErrors(report)
  if (files.length > 0) {
    const their = files.length === 1 ? 'its' : 'their'
    unknown.push(
      `${counts(files.length, 'file')} could not be read (${someNames(files.map((f) => f.path))}), so ${their} changes are unknown`
    )
  }
  const failedCrates = [
    ...classified.unknown.map((u) => u.change.name),
    ...classified.manifestLines
      .filter((m) => m.change.lookup_error !== null)
      .map((m) => m.change.name)
  ]
  if (failedCrates.length > 0) {
    unknown.push(
      `the advisory look-up failed for ${counts(failedCrates.length, 'crate')} (${someNames(failedCrates)})`
    )
  }
  if (report.advisory_source === null) unknown.push('advisories were not looked up')
  const truncated = report.problems.filter((p) => p.kind === 'file-list-truncated')
  if (truncated.length > 0)
    unknown.push('the list of changed files was truncated, so some files were not read')
  const others = report.problems.filter(
    (p) =>
      p.incomplete &&
      p.kind !== 'file-list-truncated' &&
      p.kind !== 'lookup-failed' &&
      p.kind !== 'unreadable-file'
  )
  if (others.length > 0)
    unknown.push(`${counts(others.length, 'other problem')} (listed under Problems)`)
  if (unknown.length === 0 && report.complete) return null
  if (unknown.length === 0) unknown.push('see Problems below')
  return `⚠️ **Incomplete:** ${unknown.join('; ')}. Advisories may exist that this comment does not show.`
}

/** One paragraph of facts: changes per lockfile, affected versions, fixes. */
export function overview(report: Report, classified: Classified): string {
  const sentences: string[] = []
  const changed = report.lockfiles.filter((l) => l.changes.length > 0)
  const describe = (changes: Report['lockfiles'][number]['changes']): string => {
    const added = changes.filter((c) => c.kind === 'added').length
    const updated = changes.filter((c) => c.kind === 'updated').length
    const removed = changes.filter((c) => c.kind === 'removed').length
    return `${counts(added, 'crate')} added, ${updated.toLocaleString('en-US')} updated, ${removed.toLocaleString('en-US')} removed`
  }
  if (changed.length === 0) {
    sentences.push('No lockfile changes in this pull request.')
  } else if (changed.length <= 8) {
    sentences.push(
      changed.map((l) => `In ${code(clip(l.path, 200))}: ${describe(l.changes)}.`).join(' ')
    )
  } else {
    sentences.push(
      `${counts(changed.length, 'lockfile')} change: ${describe(changed.flatMap((l) => l.changes))} in total.`
    )
  }
  const manifestChanges = classified.manifests.length + classified.manifestLines.length
  if (manifestChanges > 0) {
    sentences.push(
      `${counts(manifestChanges, 'dependency requirement')} ${manifestChanges === 1 ? 'changes' : 'change'} without a lockfile change to resolve ${manifestChanges === 1 ? 'it' : 'them'}.`
    )
  }
  const s = report.summary
  if (report.advisory_source !== null) {
    if (s.affected_versions > 0) {
      sentences.push(
        `${counts(s.affected_versions, 'new version')} ${s.affected_versions === 1 ? 'is' : 'are'} affected by ${counts(s.affected_advisories, 'advisory', 'advisories')}.`
      )
    } else if (changed.length > 0) {
      sentences.push(
        report.complete
          ? 'None of the new versions is affected by a reported advisory.'
          : 'None of the new versions that could be checked is affected by a reported advisory.'
      )
    }
    const registry = report.lockfiles.flatMap((l) => l.changes).filter(isRegistryFinding).length
    if (registry > 0) {
      sentences.push(
        `${counts(registry, 'new version')} ${registry === 1 ? 'is' : 'are'} yanked or not on crates.io.`
      )
    }
    if (s.fixed_advisories > 0) {
      sentences.push(
        `This pull request fixes ${counts(s.fixed_advisories, 'advisory', 'advisories')} (the previous version was affected, the new one is not).`
      )
    }
    if (s.ignored_advisories > 0) {
      sentences.push(
        `${counts(s.ignored_advisories, 'advisory', 'advisories')} ${s.ignored_advisories === 1 ? 'is' : 'are'} ignored by configuration and not counted.`
      )
    }
    sentences.push(`Advisories from ${text(clip(report.advisory_source, 200))}.`)
  }
  return sentences.join(' ')
}
