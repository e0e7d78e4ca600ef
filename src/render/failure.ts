// The comment text for a run that produced no report: a failed run replaces an earlier report, so
// that no earlier "none of the new versions is affected" stands for a commit nobody checked.
import { clip } from './limits.js'
import { linkDestination, text } from './escape.js'
import { COMMENT_MARKER, TITLE } from './markdown.js'

function runLink(runUrl: string | null): string {
  return runUrl !== null && /^https?:\/\/\S+$/.test(runUrl)
    ? `the [workflow run](${linkDestination(runUrl)})`
    : 'the workflow run'
}

/** A run that ended in an error: nothing about this commit's dependency changes is known. */
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
