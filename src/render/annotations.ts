// Findings as annotations (plain text, not Markdown): the workflow commands the action prints and
// the check run's output share these. GitHub keeps 10 errors, 10 warnings and 10 notices per step,
// so the step's list puts the most decisive first and ends with one notice counting the rest.
import { findingSubject } from '../evaluate/locate.js'
import type { Finding, FindingKind, FindingLevel } from '../evaluate/locate.js'

export { findingSubject }

export interface Annotation {
  level: FindingLevel
  title: string
  message: string
  /** Repository-relative path. */
  file: string
  /** 1-based lines; absent when the file could not be read for positions (file-level). */
  startLine?: number
  endLine?: number
  /** Only on a one-line span (GitHub ignores columns across lines). */
  startColumn?: number
  endColumn?: number
}

/** What the runner keeps per level per step. */
export const STEP_ANNOTATIONS_PER_LEVEL = 10

const TITLE: Record<FindingKind, string> = {
  malicious: 'Malicious crate',
  introduced: 'Advisory introduced',
  'still-affected': 'Still affected',
  'too-new': 'Younger than the cooldown',
  yanked: 'Yanked version',
  'not-published': 'Not on crates.io',
  unmaintained: 'Unmaintained crate'
}

function advisoryLine(advisory: Finding['advisories'][number]): string {
  return `${advisory.id}${advisory.summary === null ? '' : `: ${advisory.summary}`} (${advisory.url})`
}

/** One annotation per finding, in the findings' order (most decisive first). */
export function findingAnnotation(finding: Finding): Annotation {
  const subject = findingSubject(finding)
  const ids = finding.advisories.map((a) => a.id)
  const lines = [
    finding.previous === null ? subject : `${subject} (was ${finding.previous})`,
    ...finding.advisories.map(advisoryLine),
    ...(finding.note === null ? [] : [finding.note]),
    ...(finding.location.via === 'lockfile' || finding.file === finding.location.path
      ? []
      : [`Changed in ${finding.file}.`])
  ]
  const span = finding.location.span
  return {
    level: finding.level,
    title: `${TITLE[finding.kind]}: ${finding.crate}${ids.length === 0 ? '' : ` (${ids.join(', ')})`}`,
    message: lines.join('\n'),
    file: finding.location.path,
    ...(span === null
      ? {}
      : {
          startLine: span.line,
          endLine: span.endLine,
          ...(span.line === span.endLine
            ? { startColumn: span.column, endColumn: span.endColumn }
            : {})
        })
  }
}

/**
 * The annotations one step prints: at most 10 per level, errors and warnings first as they come,
 * then notices; when any are left out, the last notice says how many and where they are.
 */
export function stepAnnotations(
  findings: readonly Finding[],
  where: string,
  perLevel: number = STEP_ANNOTATIONS_PER_LEVEL
): Annotation[] {
  const all = findings.map(findingAnnotation)
  const of = (level: FindingLevel) => all.filter((a) => a.level === level)
  const errors = of('error')
  const warnings = of('warning')
  const notices = of('notice')
  const hiddenBefore =
    Math.max(0, errors.length - perLevel) + Math.max(0, warnings.length - perLevel)
  const overflow = hiddenBefore > 0 || notices.length > perLevel
  const noticeRoom = overflow ? perLevel - 1 : perLevel
  const shown = [
    ...errors.slice(0, perLevel),
    ...warnings.slice(0, perLevel),
    ...notices.slice(0, noticeRoom)
  ]
  if (!overflow) return shown
  const hidden = all.length - shown.length
  return [
    ...shown,
    {
      level: 'notice',
      title: `${String(hidden)} more ${hidden === 1 ? 'finding' : 'findings'}`,
      message: `${String(hidden)} more ${hidden === 1 ? 'finding is' : 'findings are'} not annotated here (GitHub keeps ${String(perLevel)} per level per step): see ${where}.`,
      file: ''
    }
  ]
}
