// The action's own Markdown texts, in one place with one title: the hidden marker, the skip and
// failure summaries, and the short comment used when the full one cannot be written.
import type { Report } from '../core/model.js'
import type { GateResult } from '../review/gate.js'
import { linkDestination, text } from './escape.js'
import { clip } from './limits.js'

import { COMMENT_MARKER } from './marker.js'

export { COMMENT_MARKER }

/** The one title of every comment and summary this tool writes. */
export const TITLE = '### Dependency advisories'

export function skippedSummary(reason: string): string {
  return `${TITLE}\n\n⏸️ **Not checked:** ${text(clip(reason, 500))}.\n`
}

export function failedSummary(message: string): string {
  return `${TITLE}\n\n⚠️ **Not checked:** the review failed: ${text(clip(message, 2000))}\n`
}

function idCodes(ids: readonly string[]): string {
  return ids.length === 0
    ? ''
    : ` (${ids.map((id) => `\`${clip(id, 100).replace(/`/g, '')}\``).join(', ')})`
}

/** When the full comment cannot be written: the decision in counts, and where the report is. */
export function shortComment(report: Report, gate: GateResult, runUrl: string | null): string {
  const where = runUrl === null ? 'the job summary' : `the [job summary](${runUrl})`
  return [
    TITLE,
    '',
    `The full report is too long for a comment; see ${where}.`,
    '',
    `- crates added: ${String(report.summary.crates_added)}, updated: ${String(report.summary.crates_updated)}, removed: ${String(report.summary.crates_removed)}`,
    `- crate versions with advisories this change introduces: ${String(gate.introducedCount)}${idCodes(gate.introducedIds)}`,
    `- added or updated versions affected by advisories: ${String(gate.affectedCount)}${idCodes(gate.advisoryIds)}`,
    gate.incomplete ? '- **the analysis is incomplete**: some advisories may be missing' : '',
    '',
    COMMENT_MARKER
  ]
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
    .join('\n')
}

function runLink(runUrl: string | null): string {
  return runUrl !== null && /^https?:\/\/\S+$/.test(runUrl)
    ? `the [workflow run](${linkDestination(runUrl)})`
    : 'the workflow run'
}

/**
 * The comment of a run that ended in an error: it replaces an earlier report, so that no earlier
 * "none of the new versions is affected" stands for a commit nobody checked.
 */
export function failedRunComment(message: string, runUrl: string | null): string {
  return [
    COMMENT_MARKER,
    '',
    TITLE,
    '',
    `⚠️ **The review of the latest commit failed**, so nothing is known about its dependency changes; ` +
      `an earlier result shown here no longer applies. Reason: ${text(clip(message.split('\n', 1)[0] ?? '', 500))}`,
    '',
    `See ${runLink(runUrl)} for details.`,
    ''
  ].join('\n')
}
