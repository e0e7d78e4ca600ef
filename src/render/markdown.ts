// The PR comment and the job summary: one report, rendered from whole Markdown blocks and fitted
// to a size limit by swapping blocks for shorter forms, never by slicing the text.
import type { Report } from '../core/model.js'
import { linkDestination } from './escape.js'
import {
  COMMENT_TARGET_CHARS,
  MAX_COMMENT_CHARS,
  MAX_SUMMARY_BYTES,
  codePoints,
  utf8Bytes
} from './limits.js'
import type { Measure } from './limits.js'
import { incompleteNotice, overview, verdictSentence } from './overview.js'
import { headline, verdictRepeats } from './headline.js'
import { NO_GATES, gate } from '../review/outcome.js'
import type { Outcome, OutcomeModes } from '../review/outcome.js'
import { buildReview, type Review } from '../review/review.js'
import { buildSections } from './sections.js'
import { GIVES_WAY, SECTION_ORDER, SHORTENINGS, SHORTENS } from './catalogue.js'
import type { Form, Item, Section, SectionKey } from './sections.js'
import { COMMENT_MARKER, TITLE } from './action-texts.js'

export { MAX_COMMENT_CHARS, MAX_SUMMARY_BYTES } from './limits.js'
export { COMMENT_MARKER } from './action-texts.js'

export interface RenderOptions {
  /** Link to the full report (the run's job summary), shown when the comment had to be shortened. */
  detailsUrl?: string | null
  /** Who renders: the action speaks of "this pull request" and the job summary, the CLI of "this
   * change" and its own flags. */
  context?: RenderContext
  /** `notice`: the crates.io unmaintained notice for newly added crates (never counted). */
  unmaintained?: 'hide' | 'notice'
  /** The run's Review of `report` (else built here from it: the same one). */
  review?: Review
  /** The run's outcome for the first line; else the gates named decide it (default: none on). */
  outcome?: Outcome
  gates?: OutcomeModes
}

/** The Review the caller built, or the report's. */
export function reviewOf(report: Report, options: { review?: Review }): Review {
  return options.review ?? buildReview(report)
}

import type { RenderContext } from './context.js'
import { formatCount } from '../core/plural.js'
export type { RenderContext }

const DECIDING: readonly SectionKey[] = ['introduced', 'still-affected', 'requirements']

/**
 * When the whole report does not fit, the document starts from headings and counts, and entries
 * are given back in this order while there is room (each step takes a prefix of its section):
 * the table rows, problems, unknowns and deciding entries by name; then those entries with their
 * advisories; then the lists of fixes and ignored advisories; then the history and plain lists;
 * details come last. So the text degrades predictably: details go first, then the collapsed
 * lists, then entries are listed by name, and only then do the lists end in "… and N more".
 */
const STEPS: readonly { keys: readonly SectionKey[]; to: Form; from: Form | null }[] = [
  {
    keys: ['too-new', 'table', 'problems', 'unknown', ...DECIDING, 'registry', 'unmaintained'],
    from: null,
    to: 'name'
  },
  { keys: DECIDING, from: 'name', to: 'compact' },
  { keys: ['fixed', 'ignored'], from: null, to: 'name' },
  { keys: ['fixed', 'ignored'], from: 'name', to: 'full' },
  { keys: ['history', 'requirement-lines'], from: null, to: 'name' },
  { keys: ['history', 'requirement-lines'], from: 'name', to: 'full' },
  {
    keys: ['other-sources', 'not-looked-up', 'no-advisories', 'publish-ages'],
    from: null,
    to: 'name'
  },
  { keys: DECIDING, from: 'compact', to: 'full' }
]

/** What a comment says when deciding entries were shortened to fit. */
function detailsNote(fullReport: string): string {
  return `*To fit, some entries below are shortened: each keeps its crate, version, advisory ids and fix; the details are on each advisory's page and in ${fullReport}.*`
}

interface Target {
  max: number
  /** Past this size the whole document gives way, list by list (UNDECIDING), to pointers. */
  target: number
  /** Where the full report is, for those pointers (Markdown). */
  fullReport: string
  measure: Measure
  /** Paragraph saying the text was shortened and where the whole report is. */
  shortenedNote: string
  marker: boolean
  context: RenderContext
  /** Still-affected advisories' details text: always (the summary), or only while the document
   * stays within `target` (the comment; past it, their page is linked). */
  stillAffectedDetails: 'always' | 'if-room'
  /** Clean crates listed by name in one paragraph (the comment), or one line each (the summary). */
  cleanByName: boolean
}

/** The form of each entry of each section; null entries (a suffix) become one "and N more" line. */
type Layout = (Form | null)[][]

/** A list that gave way: its heading and count, and where it is in full. */
function pointerSection(section: Section, fullReport: string): string {
  return `${section.collapsed ?? section.heading}: listed in ${fullReport}.`
}

function renderSection(section: Section, forms: readonly (Form | null)[]): string {
  const items: string[] = []
  section.items.forEach((item, i) => {
    const form = forms[i] ?? null
    if (form !== null) items.push(item[form])
  })
  const omitted = section.items.length - items.length
  let body = items.join(section.separator)
  if (omitted > 0) {
    const more = `- … and ${formatCount(omitted)} more ${section.noun}, listed in the full report.`
    // A table ends at a blank line and a paragraph of names at its end: the note reads as neither.
    const gap = section.table || section.separator === ', ' ? '\n\n' : section.separator
    body = body === '' ? more : `${body}${gap}${more}`
  }
  if (section.table) {
    return items.length === 0 ? body : `${section.heading}\n${body}`
  }
  const parts: string[] = []
  if (section.heading !== '') parts.push(section.heading)
  if (section.intro !== null) parts.push(section.intro)
  if (section.collapsed !== null) {
    parts.push(`<details><summary>${section.collapsed}</summary>\n\n${body}\n\n</details>`)
  } else if (body !== '') {
    parts.push(body)
  }
  return parts.join('\n\n')
}

function assemble(
  head: readonly string[],
  sections: readonly Section[],
  layout: Layout,
  pointers: { keys: ReadonlySet<SectionKey>; fullReport: string } | null = null
): string {
  const blocks = [...head]
  sections.forEach((section, i) => {
    blocks.push(
      pointers?.keys.has(section.key) === true
        ? pointerSection(section, pointers.fullReport)
        : renderSection(section, layout[i] ?? [])
    )
  })
  return blocks.join('\n\n') + '\n'
}

function render(report: Report, target: Target, options: RenderOptions): string {
  const classified = reviewOf(report, options)
  const build = (stillAffectedDetails: boolean): Section[] =>
    buildSections(report, classified, {
      unmaintained: options.unmaintained ?? 'hide',
      stillAffectedDetails,
      cleanByName: target.cleanByName,
      context: target.context
    }).sort((a, b) => SECTION_ORDER.indexOf(a.key) - SECTION_ORDER.indexOf(b.key))
  const outcome = options.outcome ?? gate(classified, options.gates ?? NO_GATES).outcome
  // The first line states the outcome; an incomplete one names what is unknown there, once.
  const notice = outcome.status === 'fails' ? incompleteNotice(report, classified) : null
  const head = (shortened: boolean): string[] => [
    ...(target.marker ? [COMMENT_MARKER] : []),
    TITLE,
    headline(report, classified, outcome, target.context),
    ...(notice === null ? [] : [notice]),
    ...(verdictRepeats(outcome) ? [] : [verdictSentence(report, target.context)]),
    ...[overview(report, classified)].filter((facts) => facts !== ''),
    ...(shortened ? [target.shortenedNote] : [])
  ]
  const fits = (doc: string): boolean => target.measure(doc) <= target.max
  const sizes = new Map<Item, Partial<Record<Form, number>>>()
  const sizeOf = (item: Item, form: Form): number => {
    const known = sizes.get(item) ?? {}
    sizes.set(item, known)
    return (known[form] ??= target.measure(item[form]))
  }

  // Everything, when it fits. Past the target, still-affected advisories' details text (where the
  // target may leave it out) and then the lists that decide nothing give way, one by one, to a
  // link to their page or a pointer to the full report. Summing the entries first avoids building
  // a document far too large.
  let sections: Section[] = []
  const keys = new Set<SectionKey>()
  for (const details of target.stillAffectedDetails === 'if-room' ? [true, false] : [true]) {
    sections = build(details)
    // Lists give way below, so entries up to GitHub's own limit are worth assembling.
    const bound = Math.max(target.max, MAX_COMMENT_CHARS)
    let total = 0
    // Where the target makes them give way (the comment), lists that become a pointer do not
    // count against the bound, and entries that shorten count as their compact form.
    const shrinks = target.stillAffectedDetails === 'if-room'
    for (const section of sections) {
      if (shrinks && GIVES_WAY.has(section.key)) continue
      const form = shrinks && SHORTENS.has(section.key) ? 'compact' : 'full'
      for (const item of section.items) {
        total += sizeOf(item, form)
        if (total > bound) break
      }
      if (total > bound) break
    }
    if (total > bound) continue
    const forms = sections.map((section) => section.items.map((): Form => 'full'))
    const note = detailsNote(target.fullReport)
    let noted = false
    const doc = (): string =>
      assemble(noted ? [...head(false), note] : head(false), sections, forms, {
        keys,
        fullReport: target.fullReport
      })
    // Past the target, the catalogue's ways of saying less, in its order. Lists that gave way
    // with the details shown stay pointers without them; entries shorten only on the second pass
    // (once still-affected details text has given way), each from the last entry up.
    let full = doc()
    let size = target.measure(full)
    for (const { key, how } of SHORTENINGS) {
      if (size <= target.target) break
      const at = sections.findIndex((section) => section.key === key)
      const section = sections[at]
      const sectionForms = forms[at]
      if (section === undefined || sectionForms === undefined) continue
      if (how.to === 'pointer') {
        keys.add(key)
      } else {
        if (details) break
        const before = size
        const noteSize = how.note && !noted ? target.measure(note) + 2 : 0
        size += noteSize
        let changed = false
        for (let i = section.items.length - 1; i >= 0 && size > target.target; i -= 1) {
          const item = section.items[i]
          if (item === undefined || sectionForms[i] !== how.from) continue
          sectionForms[i] = how.to
          size += sizeOf(item, how.to) - sizeOf(item, how.from)
          changed ||= item[how.to] !== item[how.from]
        }
        if (!changed) {
          size = before
          continue
        }
        if (noteSize > 0) noted = true
      }
      full = doc()
      size = target.measure(full)
    }
    const last = !details || target.stillAffectedDetails !== 'if-room'
    if (target.measure(full) <= target.target || (last && fits(full))) return full
  }

  // Headings and counts, then entries given back step by step. The running size over-estimates
  // (the "and N more" lines only shrink as entries come back), so the result fits.
  const shortHead = head(true)
  const layout: Layout = sections.map((s) => s.items.map(() => null))
  const skeleton = assemble(shortHead, sections, layout)
  let size = target.measure(skeleton)
  for (const step of STEPS) {
    sections.forEach((section, index) => {
      const forms = layout[index]
      if (!step.keys.includes(section.key) || forms === undefined) return
      const separator = target.measure(section.separator)
      for (const [i, item] of section.items.entries()) {
        const current = forms[i] ?? null
        if (current === step.to) continue
        if (current !== step.from) break
        // A table's first row brings its header, and a blank line before the "and N more" note.
        const header = section.table && i === 0 ? target.measure(section.heading) + 2 : 0
        const delta =
          sizeOf(item, step.to) - (current === null ? -separator - header : sizeOf(item, current))
        if (size + delta > target.max) break
        forms[i] = step.to
        size += delta
      }
    })
  }
  const doc = assemble(shortHead, sections, layout)
  if (fits(doc)) return doc
  // Cannot happen while the estimate holds, but the limit is a promise.
  return fits(skeleton) ? skeleton : (target.marker ? COMMENT_MARKER + '\n\n' : '') + TITLE + '\n'
}

function safeUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null
  return /^https?:\/\/[^\s]+$/.test(url) ? linkDestination(url) : null
}

/** The PR comment: at most 65,536 code points, starting with the hidden marker. */
export function renderComment(report: Report, options: RenderOptions = {}): string {
  const context = options.context ?? 'action'
  const url = safeUrl(options.detailsUrl)
  const where =
    url === null
      ? 'the job summary of this workflow run has the full report'
      : `the [job summary](${url}) has the full report`
  return render(
    report,
    {
      // GitHub's limit; the target below is what a comment aims at, and exceeds only when what
      // decides (introduced advisories in full, a row per affected crate) does not fit in it.
      max: MAX_COMMENT_CHARS,
      measure: codePoints,
      target: COMMENT_TARGET_CHARS,
      fullReport:
        context === 'cli'
          ? 'the full report (`--format json`)'
          : url === null
            ? 'the job summary of this workflow run'
            : `the [job summary](${url})`,
      shortenedNote:
        context === 'cli'
          ? "*This report was shortened to fit GitHub's comment size limit; `--format json` (or `--output <file>`) gives the full report.*"
          : `*This comment was shortened to fit GitHub's size limit; ${where}.*`,
      marker: true,
      context,
      stillAffectedDetails: 'if-room',
      cleanByName: true
    },
    options
  )
}

/** The job summary: the full report, at most 1 MiB of UTF-8, shortened the same way past that. */
export function renderSummary(report: Report, options: RenderOptions = {}): string {
  return render(
    report,
    {
      max: MAX_SUMMARY_BYTES,
      target: MAX_SUMMARY_BYTES,
      fullReport: 'the JSON report (output `report-path`)',
      measure: utf8Bytes,
      shortenedNote:
        '*This summary was shortened to fit the job-summary limit; the JSON report (output `report-path`) has everything.*',
      marker: false,
      context: 'action',
      stillAffectedDetails: 'always',
      cleanByName: false
    },
    options
  )
}

/** The first line in plain text, for the failure message and the CLI: the comment's words. */
export function outcomeLine(
  report: Report,
  outcome: Outcome,
  context: RenderContext = 'action',
  review: Review = buildReview(report)
): string {
  return headline(report, review, outcome, context, 'plain')
}
