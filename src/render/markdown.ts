// The PR comment and the job summary: one report, rendered from whole Markdown blocks and fitted
// to a size limit by swapping blocks for shorter forms, never by slicing the text.
import type { Report } from '../model.js'
import { linkDestination } from './escape.js'
import { MAX_COMMENT_CHARS, MAX_SUMMARY_BYTES, codePoints, utf8Bytes } from './limits.js'
import type { Measure } from './limits.js'
import { incompleteNotice, overview } from './overview.js'
import { SECTION_ORDER, SECTION_PRIORITY, buildSections, classify } from './sections.js'
import type { Form, Section, SectionKey } from './sections.js'

export { MAX_COMMENT_CHARS, MAX_SUMMARY_BYTES } from './limits.js'

export const COMMENT_MARKER = '<!-- cargo-advisory-review -->'

const TITLE = '### Dependency advisories'

export interface RenderOptions {
  /** Link to the full report (the run's job summary), shown when the comment had to be shortened. */
  detailsUrl?: string | null
}

/**
 * When the whole report does not fit, entries start as names and are given richer forms back in
 * this order while there is room, which is the reverse of how the text degrades: details go first,
 * then the history of unaffected crates is shortened, then entries are listed by name only.
 */
const UPGRADES: readonly { keys: readonly SectionKey[]; from: Form; to: Form }[] = [
  { keys: ['affected', 'fixed', 'manifests'], from: 'name', to: 'compact' },
  { keys: ['history'], from: 'name', to: 'full' },
  { keys: ['affected', 'fixed', 'manifests'], from: 'compact', to: 'full' }
]

interface Target {
  max: number
  measure: Measure
  /** Paragraph saying the text was shortened and where the whole report is. */
  shortenedNote: string
  marker: boolean
}

interface Layout {
  forms: Form[][]
  /** How many items of each section are shown (a prefix); the rest become one "and N more" line. */
  kept: number[]
}

function renderSection(section: Section, forms: readonly Form[], kept: number): string {
  const items = section.items.slice(0, kept).map((item, i) => item[forms[i] ?? 'name'])
  const omitted = section.items.length - kept
  if (omitted > 0) {
    items.push(
      `- … and ${omitted.toLocaleString('en-US')} more ${section.noun}, listed in the full report.`
    )
  }
  // An empty body still keeps the section's heading visible.
  const body = items.join(section.separator)
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

function assemble(head: readonly string[], sections: readonly Section[], layout: Layout): string {
  const blocks = [...head]
  sections.forEach((section, i) => {
    blocks.push(renderSection(section, layout.forms[i] ?? [], layout.kept[i] ?? 0))
  })
  return blocks.join('\n\n') + '\n'
}

function render(report: Report, target: Target): string {
  const classified = classify(report)
  const sections = buildSections(report, classified).sort(
    (a, b) => SECTION_ORDER.indexOf(a.key) - SECTION_ORDER.indexOf(b.key)
  )
  const notice = incompleteNotice(report, classified)
  const head = (shortened: boolean): string[] => [
    ...(target.marker ? [COMMENT_MARKER] : []),
    TITLE,
    ...(notice === null ? [] : [notice]),
    overview(report, classified),
    ...(shortened ? [target.shortenedNote] : [])
  ]
  const all = sections.map((s) => s.items.length)
  const fits = (doc: string): boolean => target.measure(doc) <= target.max

  const full = assemble(head(false), sections, {
    forms: sections.map((s) => s.items.map(() => 'full')),
    kept: all
  })
  if (fits(full)) return full

  const shortHead = head(true)
  const forms: Form[][] = sections.map((s) => s.items.map(() => 'name'))
  const named = assemble(shortHead, sections, { forms, kept: all })
  let size = target.measure(named)
  if (size <= target.max) {
    for (const step of UPGRADES) {
      sections.forEach((section, index) => {
        const sectionForms = forms[index]
        if (!step.keys.includes(section.key) || sectionForms === undefined) return
        section.items.forEach((item, i) => {
          if (sectionForms[i] !== step.from) return
          const delta = target.measure(item[step.to]) - target.measure(item[step.from])
          if (size + delta <= target.max) {
            sectionForms[i] = step.to
            size += delta
          }
        })
      })
    }
    const doc = assemble(shortHead, sections, { forms, kept: all })
    return fits(doc) ? doc : named
  }

  // Even the names do not fit: keep a prefix of each section, most important sections first.
  const kept = sections.map(() => 0)
  let used = target.measure(assemble(shortHead, sections, { forms, kept }))
  for (const key of SECTION_PRIORITY) {
    const index = sections.findIndex((s) => s.key === key)
    const section = sections[index]
    if (section === undefined) continue
    for (const item of section.items) {
      const cost = target.measure(item.name) + target.measure(section.separator)
      if (used + cost > target.max) break
      used += cost
      kept[index] = (kept[index] ?? 0) + 1
    }
  }
  const doc = assemble(shortHead, sections, { forms, kept })
  if (fits(doc)) return doc
  // Cannot happen with bounded headers, but the limit is a promise: fall back to the head alone.
  const minimal = shortHead.join('\n\n') + '\n'
  return fits(minimal) ? minimal : (target.marker ? COMMENT_MARKER + '\n' : '') + TITLE + '\n'
}

function safeUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined) return null
  return /^https?:\/\/[^\s]+$/.test(url) ? linkDestination(url) : null
}

/** The PR comment: at most 65,536 code points, starting with the hidden marker. */
export function renderComment(report: Report, options: RenderOptions = {}): string {
  const url = safeUrl(options.detailsUrl)
  const where =
    url === null
      ? 'the job summary of this workflow run has the full report'
      : `the [job summary](${url}) has the full report`
  return render(report, {
    max: MAX_COMMENT_CHARS,
    measure: codePoints,
    shortenedNote: `*This comment was shortened to fit GitHub's size limit; ${where}.*`,
    marker: true
  })
}

/** The job summary: the full report, at most 1 MiB of UTF-8, shortened the same way past that. */
export function renderSummary(report: Report): string {
  return render(report, {
    max: MAX_SUMMARY_BYTES,
    measure: utf8Bytes,
    shortenedNote:
      '*This summary was shortened to fit the 1 MiB job-summary limit; the JSON report (`--format json`) has everything.*',
    marker: false
  })
}
