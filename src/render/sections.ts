// Turns the classified report into the comment's sections, decision first: the table, then the
// Security-tab blocks of introduced and still-affected advisories, then everything that decides
// nothing, collapsed. Each entry is prepared in every form of the document model (document.ts);
// what each section is worth and how it gives way is the catalogue's (catalogue.ts).
import { VERDICT_WORDS } from './ranges.js'
import type { AdvisoryFinding, DependencyOrigin, FileProblem, Report } from '../core/model.js'
import { effectiveReq, withVerdict } from '../evaluate/verdict.js'
import { isJudgedUnknown } from '../evaluate/annotate.js'
import { advisoryHeading, advisoryLink, manifestStatus, renderAdvisory } from './advisory.js'
import type { AdvisoryForm } from './advisory.js'
import { isDowngrade, isMaliciousFinding } from '../review/units.js'
import type { Places, CrateEntry, RequirementEntry } from '../review/units.js'
import { aliasFolder } from '../review/aliases.js'
import { clip } from './limits.js'
import { code, text } from './escape.js'
import { fixCell, fixesUnchecked, fixSentence } from './fix.js'
import { REGISTRY_INTRO } from './registry.js'
import { thisChange, type RenderContext } from './context.js'
import { resolutionSentence } from './resolution.js'
import {
  agedEntries,
  agedLine,
  cooldownText,
  hasPublishAges,
  publishedCell,
  TOO_NEW_INTRO,
  tooNewEntries,
  tooNewLine
} from './publish-age.js'
import { formatCount } from '../core/plural.js'

import { lazyItem, simpleItem } from './document.js'
import type { Item, Section, SectionKey } from './document.js'
import {
  byId,
  changeText,
  counts,
  crateName,
  idLinks,
  idList,
  lockfilesText,
  MAX_PATHS,
  pathList,
  pathText,
  sourceText
} from './phrases.js'

export { counts, changeText } from './phrases.js'
export type { Form, Item, Section, SectionKey } from './document.js'
import { SECTION_ORDER } from './catalogue.js'
export { SECTION_ORDER }
/** Where the lockfile is named only when the report has several. */
interface Context {
  severalLockfiles: boolean
  /** Show still-affected advisories' details text (else their page is linked). */
  stillAffectedDetails: boolean
  /** Clean crates by name in one paragraph (the comment), not one line each (the summary). */
  cleanByName: boolean
  context: RenderContext
  /** The overview already says that no fix version was checked against the crates.io index. */
  fixNotedOnce: boolean
}

function lineHead(entry: CrateEntry, ctx: Context): string {
  const where = ctx.severalLockfiles ? ` in ${pathList(entry.lockfiles)}` : ''
  return `- ${code(clip(entry.change.name))} ${changeText(entry)}${where}`
}

/**
 * Advisory details are shown once, at the first entry (in document order) that shows the advisory
 * in full; later entries point up.
 */
class DetailsOnce {
  private readonly seen = new Set<string>()
  private readonly facts = new Map<string, string>()
  claim(ids: readonly string[]): Set<string> {
    const first = new Set(ids.filter((id) => !this.seen.has(id)))
    for (const id of first) this.seen.add(id)
    return first
  }
  /** Where the same crate's block of this advisory was shown first (its facts are the same for
   * every version of one crate), or null when this entry is the first. */
  shownAt(id: string, crate: string, here: string): string | null {
    const key = `${id}\u0000${crate}`
    const first = this.facts.get(key)
    if (first === undefined) this.facts.set(key, here)
    return first === undefined || first === here ? null : first
  }
}

/**
 * Crates with no advisories: one line each, or with several lockfiles one line per lockfile
 * naming its crates (the path is not repeated per crate).
 */
function cleanItems(entries: readonly CrateEntry[], ctx: Context): Item[] {
  if (ctx.cleanByName) return entries.map((e) => simpleItem(cleanName(e)))
  if (!ctx.severalLockfiles) return entries.map((e) => simpleItem(lineHead(e, ctx)))
  const byLockfile = new Map<string, CrateEntry[]>()
  for (const entry of entries) {
    const key = entry.lockfiles.join('\u0000')
    byLockfile.set(key, [...(byLockfile.get(key) ?? []), entry])
  }
  return [...byLockfile.values()].map((group) => {
    const first = group[0]
    const where = first === undefined ? '' : pathList(first.lockfiles)
    const crates = group.map((e) => `${code(clip(e.change.name))} ${changeText(e)}`).join(', ')
    return simpleItem(`- ${where}: ${crates}`)
  })
}

/** A clean crate in the comment's one-paragraph list. */
function cleanName(entry: CrateEntry): string {
  const { change } = entry
  const name = code(clip(change.name))
  // New crates and downgrades are what a reviewer looks for in a clean list; they keep versions.
  if (change.kind === 'added' || isDowngrade(change)) return `${name} ${changeText(entry)}`
  return change.kind === 'removed' ? `${name} (removed)` : name
}

// ---- requirements ----

function requirementChange(req: RequirementEntry): string {
  const { change } = req
  const now = effectiveReq(change, 'head')
  const before = effectiveReq(change, 'base')
  const show = (value: string | null): string =>
    value === null ? 'no version requirement' : code(clip(value))
  if (change.kind === 'added') return `${show(now)} (added)`
  if (change.kind === 'removed') return `${show(before)} (removed)`
  return `${show(before)} → ${show(now)}`
}

function originText(origin: DependencyOrigin): string | null {
  if (origin.kind === 'registry') {
    return origin.registry === null ? null : `registry ${code(clip(origin.registry))}`
  }
  if (origin.kind === 'path') return `path ${code(clip(origin.path, 300))}`
  const pin =
    origin.rev !== null
      ? `, rev ${code(clip(origin.rev))}`
      : origin.tag !== null
        ? `, tag ${code(clip(origin.tag))}`
        : origin.branch !== null
          ? `, branch ${code(clip(origin.branch))}`
          : ''
  return `git ${code(clip(origin.git, 300))}${pin}`
}

/** Where: the manifests (sections, targets and keys named when they are not the plain ones). */
function requirementWhere(req: RequirementEntry): string {
  const places = req.places.slice(0, MAX_PATHS).map(({ manifest, change }) => {
    const parts = [`${code('[' + change.section + ']')} of ${code(clip(manifest, 300))}`]
    if (change.target !== null) parts.push(`for target ${code(clip(change.target))}`)
    if (change.key !== change.name) parts.push(`as ${code(clip(change.key))}`)
    if (change.workspace) parts.push('inherited from the workspace')
    return parts.join(' ')
  })
  const rest = req.places.length - places.length
  const origin = originText(req.change.origin)
  return (
    places.join(', ') +
    (rest > 0 ? ` and ${counts(rest, 'more place')}` : '') +
    (origin === null ? '' : `, from ${origin}`)
  )
}

function requirementsOf(entry: CrateEntry): string | null {
  if (entry.requirements.length === 0) return null
  return entry.requirements
    .map((r) => `requirement ${requirementChange(r)} in ${requirementWhere(r)}`)
    .join('; ')
}

// ---- crates ----

function crateHeader(entry: CrateEntry, ctx: Context): string {
  // With one lockfile the overview names it; the crate need not.
  const facts = ctx.severalLockfiles ? [lockfilesText(entry)] : []
  const path = pathText(entry.change.dependency_path)
  if (path !== null) facts.push(`dependency path: ${path}`)
  const reqs = requirementsOf(entry)
  if (reqs !== null) facts.push(reqs)
  const heading = `#### ${crateName(entry)} ${changeText(entry)}`
  const line = facts.join(' · ')
  return line === '' ? heading : `${heading}\n\n${line.charAt(0).toUpperCase()}${line.slice(1)}`
}

/** Malicious first, then by id. */
function shownOrder(list: readonly AdvisoryFinding[]): AdvisoryFinding[] {
  return byId(list).sort((a, b) => Number(isMaliciousFinding(b)) - Number(isMaliciousFinding(a)))
}

/**
 * An affected crate: the fix, its introduced and still-affected advisories in full (introduced
 * first), then one line each for what it fixes and for the rest of its history.
 */
function affectedItem(entry: CrateEntry, once: DetailsOnce, ctx: Context): Item {
  const { change } = entry
  const introduced = shownOrder(withVerdict(change.advisories, 'introduced'))
  const kept = shownOrder(withVerdict(change.advisories, 'still-affected'))
  const fixed = byId(withVerdict(change.advisories, 'fixed'))
  const shown = [...introduced, ...kept]
  const rest = byId(
    change.advisories.filter((a) => !shown.includes(a) && !fixed.includes(a) && a.ignored === null)
  )
  const ignored = change.advisories.filter(
    (a) => a.ignored !== null && a.verdict !== 'not-affected'
  )
  const first = once.claim(shown.map((a) => a.id))
  // The same crate's advisory in another version's entry: said once, referenced here.
  const here = `${code(clip(change.name))} ${changeText(entry)}`
  const above = new Map(shown.map((a) => [a.id, once.shownAt(a.id, change.name, here)] as const))
  // The section says whether the version a crate replaces was affected too; a crate with both
  // kinds says it for each group.
  const mixed = introduced.length > 0 && kept.length > 0
  const previous = text(clip(change.previous ?? '?'))
  const block = (form: AdvisoryForm): string => {
    const blocks = [crateHeader(entry, ctx), fixSentence(change, 'full', ctx.fixNotedOnce)].filter(
      (b) => b !== ''
    )
    for (const finding of shown) {
      if (mixed && finding === introduced[0])
        blocks.push(
          introduced.some((a) => a.previous_affected === true)
            ? `*Introduced by ${thisChange(ctx.context)}: malware's new version counts whatever ${previous} was.*`
            : `*Introduced by ${thisChange(ctx.context)}: ${previous} was not affected by these.*`
        )
      if (mixed && finding === kept[0])
        blocks.push(`*Still affected: ${previous} was affected by these too.*`)
      // What was there before decides nothing here: its details text stays on its page.
      const own =
        form === 'full' && finding.verdict === 'still-affected' && !ctx.stillAffectedDetails
          ? 'compact'
          : form
      const at = above.get(finding.id) ?? null
      blocks.push(
        at === null
          ? renderAdvisory(finding, null, own, !first.has(finding.id))
          : `${advisoryHeading(finding)} — as shown above, at ${at}.`
      )
    }
    // Ids only: the fixed list below links them, with their summaries. Paragraphs, not bullets:
    // after the advisory's list a blank line and a bullet would make that list loose.
    if (fixed.length > 0) blocks.push(`This change also fixes ${idList(fixed)}.`)
    if (ignored.length > 0)
      blocks.push(`Ignored by configuration: ${idLinks(ignored)} (see below).`)
    if (rest.length > 0) {
      const which = change.kind === 'updated' ? 'either version' : text(clip(change.version ?? '?'))
      blocks.push(`Also in its history, not affecting ${which}: ${idList(rest)}.`)
    }
    return blocks.join('\n\n')
  }
  // The crate, where it is, its fix and each advisory's facts: what a reviewer decides on.
  const brief = (): string =>
    [
      `#### ${crateName(entry)} ${changeText(entry)}`,
      [...(ctx.severalLockfiles ? [lockfilesText(entry)] : []), fixSentence(change, 'full', true)]
        .filter((b) => b !== '')
        .join(' · '),
      ...shown.map((finding) => {
        const at = above.get(finding.id) ?? null
        return at === null
          ? renderAdvisory(finding, null, 'compact', false, 'brief')
          : `${advisoryHeading(finding)} — as shown above, at ${at}.`
      })
    ]
      .filter((b) => b !== '')
      .join('\n\n')
  return lazyItem({
    full: () => block('full'),
    compact: () => block('compact'),
    brief,
    name: () => {
      const parts: string[] = []
      if (introduced.length > 0) parts.push(`introduces ${idLinks(introduced)}`)
      // Linked: past the comment's target this line is all a still-affected crate keeps.
      if (kept.length > 0) parts.push(`still affected by ${idLinks(kept)}`)
      // A paragraph, not a bullet: these sections separate entries by blank lines, and a list
      // item between blank lines makes the list loose.
      return `${lineHead(entry, ctx).replace(/^- /, '')}: ${parts.join('; ')}. ${fixSentence(change, 'short')}`.trimEnd()
    }
  })
}

function fixedItem(entry: CrateEntry, ctx: Context): Item {
  const fixed = byId(withVerdict(entry.change.advisories, 'fixed'))
  const still = entry.change.verdict === 'introduced' || entry.change.verdict === 'still-affected'
  const line = (links: boolean): string =>
    `${lineHead(entry, ctx)}: fixes ${links ? fixed.map((a) => `${advisoryLink(a)}${a.summary === null ? '' : ` (${text(clip(a.summary, 120))})`}`).join('; ') : idList(fixed)}${still ? '; still affected by others (see above)' : ''}`
  return lazyItem({ full: () => line(true), compact: () => line(true), name: () => line(false) })
}

function ignoredItem(entry: CrateEntry, findings: readonly AdvisoryFinding[], ctx: Context): Item {
  const line = (): string =>
    `${lineHead(entry, ctx)}: ${byId(findings)
      .map((f) => {
        const reason = f.ignored?.reason ?? null
        return `${advisoryLink(f)} would be **${VERDICT_WORDS[f.verdict]}**${reason === null ? '' : ` (${text(clip(reason, 200))})`}`
      })
      .join('; ')}`
  return lazyItem({ full: line, compact: line, name: line })
}

function historyItem(entry: CrateEntry, ctx: Context): Item {
  const findings = byId(entry.change.advisories.filter((a) => a.ignored === null))
  const version = entry.change.kind === 'removed' ? entry.change.previous : entry.change.version
  // Ids only: what decides nothing needs no link (its crate's page on crates.io has them all).
  const line = (): string =>
    `${lineHead(entry, ctx)}: ${counts(findings.length, 'advisory', 'advisories')} in its history, none affecting ${text(clip(version ?? '?'))}: ${idList(findings)}`
  return lazyItem({ full: line, compact: line, name: line })
}

function unmaintainedItem(entry: CrateEntry): Item {
  const id = entry.change.unmaintained ?? ''
  const line = `- ${code(clip(entry.change.name))} ${changeText(entry)}: This crate has been marked as unmaintained. It is unlikely to receive further updates or fixes. See ${advisoryLink({ id, url: '' })} for details and possible alternatives.`
  return simpleItem(line)
}

function requirementItem(req: RequirementEntry, once: DetailsOnce): Item {
  const { change } = req
  const shown = byId(
    change.advisories.filter(
      (a) => a.ignored === null && (a.verdict === 'introduced' || a.verdict === 'still-affected')
    )
  ).sort((a, b) => Number(b.verdict === 'introduced') - Number(a.verdict === 'introduced'))
  const rest = byId(change.advisories.filter((a) => !shown.includes(a)))
  const header = `#### ${code(clip(change.name))} ${requirementChange(req)}\n\n${requirementWhere(req)}`
  const admitted = admittedSentence(req)
  const first = once.claim(shown.map((a) => a.id))
  const block = (form: AdvisoryForm): string =>
    [
      header,
      ...(admitted === null ? [] : [admitted]),
      ...shown.map((f) => renderAdvisory(f, manifestStatus(change, f), form, !first.has(f.id))),
      ...(rest.length === 0
        ? []
        : [
            `- ${counts(rest.length, 'other advisory', 'other advisories')} in its history: ${idLinks(rest)}.`
          ])
    ].join('\n\n')
  return lazyItem({
    full: () => block('full'),
    compact: () => block('compact'),
    name: () =>
      `- ${code(clip(change.name))} ${requirementChange(req)} in ${pathList(req.places.map((p) => p.manifest))}: admits versions affected by ${idList(shown)}`
  })
}

function admittedSentence(req: RequirementEntry): string | null {
  const picked = resolutionSentence(req.change)
  if (picked !== null) return picked
  const admitted = req.change.admitted
  if (admitted === null || admitted.all_affected === null) return null
  if (admitted.all_affected) {
    return '**Every version this requirement admits is affected.** No admitted version is free of these advisories.'
  }
  const smallest =
    admitted.smallest_unaffected === null
      ? ''
      : ` The smallest admitted version no advisory shown here affects: ${code(clip(admitted.smallest_unaffected))}.`
  return `Only some of the versions this requirement admits are affected; Cargo may pick one that is not.${smallest}`
}

function requirementLine(req: RequirementEntry): Item {
  const { change } = req
  const head = `- ${code(clip(change.name))} ${requirementChange(req)} in ${requirementWhere(req)}`
  let tail: string
  if (change.locked_by !== null) {
    tail = `resolved by ${code(clip(change.locked_by.lockfile, 300))} to ${text(clip(change.locked_by.version ?? '?'))}, judged there`
  } else if (change.lookup_error !== null) {
    tail = `advisories unknown, the look-up failed: ${text(clip(change.lookup_error, 300))}`
  } else if (change.kind === 'removed') {
    return simpleItem(head)
  } else if (change.verdict === 'not-checked') {
    tail = 'not from crates.io, advisories are not looked up'
  } else if (change.advisories.length === 0) {
    tail = 'no advisories have been reported for this crate'
  } else {
    const fixed = withVerdict(change.advisories, 'fixed')
    tail =
      fixed.length > 0
        ? `no longer admits versions affected by ${idLinks(fixed)}`
        : `admits no version affected by its ${counts(change.advisories.length, 'advisory', 'advisories')}`
  }
  return simpleItem(`${head}: ${tail}`)
}

// ---- unknown: grouped by cause ----

const MAX_UNKNOWN_NAMES = 20

function unknownItems(byCause: ReadonlyMap<string, string[]>): Item[] {
  const total = new Set([...byCause.values()].flat()).size
  return [...byCause.entries()].map(([cause, names]) => {
    const shown = names.slice(0, MAX_UNKNOWN_NAMES).map((n) => code(clip(n)))
    const more = names.length - shown.length
    const list = `${shown.join(', ')}${more > 0 ? ` and ${counts(more, 'more', 'more')}` : ''}`
    // Causes the evaluation gives (a pick, a version or a requirement it cannot judge) are no
    // look-up failure: no advice to retry or change the source.
    if (isJudgedUnknown(cause)) {
      return simpleItem(
        `- Not known for ${counts(names.length, 'crate')} (${text(clip(cause, 300))}): ${list}.`
      )
    }
    const every = byCause.size === 1 && names.length === total && names.length > 1
    const hint = every
      ? ' Every crate is unknown: retry the run, or set `advisory-source` to another source or an offline copy (a folder or .zip of OSV records).'
      : ''
    return simpleItem(
      `- The advisory look-up failed (${text(clip(cause, 300))}) for ${counts(names.length, 'crate')}: ${list}.${hint}`
    )
  })
}

// ---- the table ----

const MAX_TABLE_CELL_IDS = 3

/** A table cell: pipes escaped (GFM splits cells before it reads code spans). */
function cell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|')
}

/** What the change does to the crate's advisories, in one cell: the ids it introduces (they
 * decide), how many it keeps and how many it fixes. One cell, not three columns, so that a
 * narrow table does not break crate names. */
function advisoriesCell(findings: readonly AdvisoryFinding[]): string {
  const parts: string[] = []
  const introduced = byId(withVerdict(findings, 'introduced'))
  if (introduced.length > 0) {
    const shown = introduced.slice(0, MAX_TABLE_CELL_IDS).map((f) => text(clip(f.id)))
    const more = introduced.length - shown.length
    parts.push(`introduces ${shown.join(', ')}${more > 0 ? ` and ${formatCount(more)} more` : ''}`)
  }
  const kept = withVerdict(findings, 'still-affected').length
  if (kept > 0) parts.push(`still affected by ${counts(kept, 'advisory', 'advisories')}`)
  const fixed = withVerdict(findings, 'fixed').length
  if (fixed > 0) parts.push(`fixes ${counts(fixed, 'advisory', 'advisories')}`)
  return parts.length === 0 ? '–' : parts.join('; ')
}

const RANK: Record<string, number> = { introduced: 0, 'still-affected': 1, fixed: 2 }

/** One row per crate version: the entries that reach the same version of the same crate from
 * different versions (in different lockfiles) share it, each change named, each advisory once
 * (under the strongest verdict it has in any of them). */
function tableRows(entries: readonly CrateEntry[], published: boolean): Item[] {
  const groups = new Map<string, CrateEntry[]>()
  for (const [i, entry] of entries.entries()) {
    const { change } = entry
    const key =
      change.kind === 'removed'
        ? `removed\u0000${String(i)}`
        : `${change.name}\u0000${change.source ?? ''}\u0000${change.version ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), entry])
  }
  return [...groups.values()].map((group) => tableRow(group, published))
}

function tableRow(group: readonly CrateEntry[], published: boolean): Item {
  const first = group[0]
  if (first === undefined) return simpleItem('')
  const lockfiles = new Set(group.flatMap((e) => e.lockfiles)).size
  const where = lockfiles > 1 ? ` (${counts(lockfiles, 'lockfile')})` : ''
  const findings = new Map<string, AdvisoryFinding>()
  for (const finding of group
    .flatMap((e) => e.change.advisories)
    .filter((a) => a.ignored === null)
    .sort((a, b) => (RANK[a.verdict] ?? 3) - (RANK[b.verdict] ?? 3)))
    if (!findings.has(finding.id)) findings.set(finding.id, finding)
  const distinct = (values: readonly string[]): string => [...new Set(values)].join('; ')
  const row = (): string =>
    '| ' +
    [
      `${crateName(first)}${where}`,
      distinct(group.map(changeText)),
      advisoriesCell([...findings.values()]),
      distinct(group.map((e) => fixCell(e.change))),
      ...(published ? [publishedCell(first.change)] : [])
    ]
      .map(cell)
      .join(' | ') +
    ' |'
  return lazyItem({ full: row, compact: row, name: row })
}

// ---- problems ----

export function fileProblemText(problem: FileProblem): string {
  const where =
    problem.line === null
      ? ''
      : problem.column === null
        ? `, line ${problem.line}`
        : `, line ${problem.line}, column ${problem.column}`
  return `${code(clip(problem.path, 300))} (${problem.side}${where}) could not be read: ${text(clip(problem.message, 500))}`
}

const PROBLEM_LABEL: Record<string, string> = {
  'unreadable-file': 'Unreadable file',
  'lookup-failed': 'Look-up failed',
  'malformed-advisory': 'Malformed advisory',
  'file-list-truncated': 'File list truncated',
  'ignored-advisory': 'Ignored advisory',
  'unreadable-version': 'Unreadable version',
  'index-lookup-failed': 'crates.io index',
  other: 'Problem'
}

export function fileErrors(report: Report): FileProblem[] {
  return [
    ...report.lockfiles.flatMap((l) => (l.error === null ? [] : [l.error])),
    ...report.manifests.flatMap((m) => (m.error === null ? [] : [m.error]))
  ]
}

function problemItems(report: Report): Item[] {
  const errors = fileErrors(report)
  const items = errors.map((e) => simpleItem(`- **Unreadable file:** ${fileProblemText(e)}`))
  for (const problem of report.problems) {
    // A file error shown above in structured form is not repeated; failed look-ups are grouped
    // by cause under "Advisories unknown"; ignored advisories have their own list.
    if (problem.kind === 'unreadable-file' && errors.some((e) => problem.message.includes(e.path)))
      continue
    // An unreadable version is its change's look-up error, listed under "Advisories unknown".
    if (
      problem.kind === 'lookup-failed' ||
      problem.kind === 'ignored-advisory' ||
      problem.kind === 'unreadable-version'
    )
      continue
    const label = PROBLEM_LABEL[problem.kind] ?? 'Problem'
    const incomplete = problem.incomplete ? ' (the analysis is incomplete)' : ''
    items.push(simpleItem(`- **${label}:** ${text(clip(problem.message, 500))}${incomplete}`))
  }
  return items
}

// ---- assembling ----

export interface SectionOptions {
  /** Show the crates.io "unmaintained" notice for newly added crates. */
  unmaintained: 'hide' | 'notice'
  /** Show the details text of still-affected advisories (the summary does; the comment when room). */
  stillAffectedDetails: boolean
  /** List clean crates by name in one paragraph (the comment). */
  cleanByName: boolean
  /** The action speaks of "this pull request", the CLI of "this change". */
  context?: RenderContext
}

/** What every section's builder reads: the report, its Review, and the shared facts. */
interface Build {
  report: Report
  c: Places
  ctx: Context
  options: SectionOptions
  /** Advisory details and facts said once, claimed in document order. */
  once: DetailsOnce
  ages: ReturnType<typeof tooNewEntries>
  published: boolean
  /** Counted as the summary counts them: a record and its aliases are one advisory. */
  counted: (id: string) => string
}

/** A section's heading, intro and layout (everything but its entries). */
type Head = Omit<Section, 'key' | 'items' | 'table'> & { table?: boolean }

/** The table's rows: every crate that decides or that this change fixes, then too-new ones. */
function tableEntries({ c, ages }: Build): CrateEntry[] {
  const listed = [
    ...c.introduced,
    ...c.stillAffected,
    ...c.registry,
    ...c.fixed.filter(
      (e) => !c.introduced.includes(e) && !c.stillAffected.includes(e) && !c.registry.includes(e)
    )
  ]
  return [...listed, ...ages.tooNew.filter((e) => !listed.includes(e))]
}

function requirementsIntro({ report, c }: Build): string {
  if (c.requirements.some((r) => resolutionSentence(r.change) !== null))
    return 'No lockfile change resolves these requirements; each is judged by the version Cargo picks for it where that is known, else against every version it admits.'
  return report.lockfiles.every((l) => l.changes.length === 0)
    ? 'No lockfile changed, so each requirement is checked against every version it admits.'
    : 'No lockfile change resolves these requirements; each is checked against every version it admits.'
}

const n = formatCount

/** Each section of the catalogue (catalogue.ts): its heading and its entries in every form. */
const SECTIONS: Record<SectionKey, (b: Build) => [Head, Item[]] | null> = {
  // Versions younger than the cooldown come first, under their own heading, and have table rows.
  'too-new': ({ report, ctx, ages }) => [
    {
      heading: `### Younger than the cooldown (${n(ages.tooNew.length)}${ages.unknown.length > 0 ? `; age unknown: ${n(ages.unknown.length)}` : ''})`,
      intro: `Cooldown: ${cooldownText(report)}. ${TOO_NEW_INTRO}`,
      collapsed: null,
      separator: '\n',
      noun: 'crates'
    },
    [...ages.tooNew, ...ages.unknown].map((e) => simpleItem(tooNewLine(e, lineHead(e, ctx))))
  ],
  table: (b) => [
    {
      heading: b.published
        ? '| Crate | Change | Advisories | Fix | Published |\n| --- | --- | --- | --- | --- |'
        : '| Crate | Change | Advisories | Fix |\n| --- | --- | --- | --- |',
      intro: null,
      collapsed: null,
      separator: '\n',
      table: true,
      noun: 'crates'
    },
    tableRows(tableEntries(b), b.published)
  ],
  introduced: ({ c, ctx, once }) => [
    {
      heading: `### Introduced by ${thisChange(ctx.context)} (${n(c.introduced.length)})`,
      intro: c.introduced.some((e) =>
        withVerdict(e.change.advisories, 'introduced').some((a) => a.previous_affected === true)
      )
        ? 'These versions are affected; the versions they replace were not, or the crate is new, or the advisory marks the crate malicious (a new version of malware counts whatever the old one was).'
        : 'These versions are affected; the versions they replace were not, or the crate is new.',
      collapsed: null,
      separator: '\n\n',
      noun: 'crates'
    },
    c.introduced.map((e) => affectedItem(e, once, ctx))
  ],
  'still-affected': ({ c, ctx, once, options }) => [
    {
      heading: `### Still affected (${n(c.stillAffected.length)})`,
      intro: options.stillAffectedDetails
        ? 'These versions are affected, and so were the versions they replace.'
        : 'These versions are affected, and so were the versions they replace; the details of each advisory are on its page.',
      collapsed: null,
      separator: '\n\n',
      noun: 'crates'
    },
    c.stillAffected.map((e) => affectedItem(e, once, ctx))
  ],
  registry: ({ c, ctx }) => [
    {
      heading: `### Yanked or not on crates.io (${n(c.registry.length)})`,
      intro: REGISTRY_INTRO,
      collapsed: null,
      separator: '\n',
      noun: 'crates'
    },
    c.registry.map((e) => simpleItem(lineHead(e, ctx)))
  ],
  unknown: ({ c }) => [
    {
      heading: `### Advisories unknown (${n(new Set([...c.unknownByCause.values()].flat()).size)})`,
      intro: 'Whether these crates are affected is not known.',
      collapsed: null,
      separator: '\n',
      noun: 'causes'
    },
    unknownItems(c.unknownByCause)
  ],
  requirements: (b) => [
    {
      heading: `### Requirements that admit affected versions (${n(b.c.requirements.length)})`,
      intro: requirementsIntro(b),
      collapsed: null,
      separator: '\n\n',
      noun: 'requirements'
    },
    b.c.requirements.map((r) => requirementItem(r, b.once))
  ],
  unmaintained: ({ c, options }) =>
    options.unmaintained !== 'notice'
      ? null
      : [
          {
            heading: `### Newly added crates marked unmaintained (${n(c.unmaintained.length)})`,
            intro: 'A notice, as crates.io shows it on the crate page; not counted.',
            collapsed: null,
            separator: '\n',
            noun: 'crates'
          },
          c.unmaintained.map(unmaintainedItem)
        ],
  fixed: ({ c, ctx, counted }) => {
    const ids = new Set(
      c.fixed.flatMap((e) => withVerdict(e.change.advisories, 'fixed').map((a) => counted(a.id)))
    )
    return [
      {
        heading: '',
        intro: null,
        collapsed: `Fixed by ${thisChange(ctx.context)}: ${counts(ids.size, 'advisory', 'advisories')} in ${counts(c.fixed.length, 'crate')}`,
        separator: '\n',
        noun: 'crates'
      },
      c.fixed.map((e) => fixedItem(e, ctx))
    ]
  },
  ignored: ({ c, ctx, counted }) => [
    {
      heading: '',
      intro: null,
      collapsed: `Ignored by configuration, not counted (${n(new Set(c.ignored.flatMap((i) => i.findings.map((f) => counted(f.id)))).size)})`,
      separator: '\n',
      noun: 'crates'
    },
    c.ignored.map((i) => ignoredItem(i.entry, i.findings, ctx))
  ],
  history: ({ c, ctx }) => [
    {
      heading: '',
      intro: null,
      collapsed: `Not affected, with an advisory history (${n(c.history.length)})`,
      separator: '\n',
      noun: 'crates'
    },
    c.history.map((e) => historyItem(e, ctx))
  ],
  'requirement-lines': ({ c }) => [
    {
      heading: '',
      intro: null,
      collapsed: `Requirement changes (${n(c.requirementLines.length)})`,
      separator: '\n',
      noun: 'requirements'
    },
    c.requirementLines.map(requirementLine)
  ],
  'other-sources': ({ c, ctx }) => [
    {
      heading: '',
      intro: null,
      collapsed: `Not from crates.io, advisories not looked up (${n(c.otherSources.length)}): git, path, workspace and other-registry packages`,
      separator: '\n',
      noun: 'packages'
    },
    c.otherSources.map((e) => simpleItem(`${lineHead(e, ctx)}, ${sourceText(e.change.source)}`))
  ],
  'not-looked-up': ({ c, ctx }) => [
    {
      heading: '',
      intro: null,
      collapsed: `Advisories not looked up (${n(c.notLookedUp.length)})`,
      separator: '\n',
      noun: 'crates'
    },
    c.notLookedUp.map((e) => simpleItem(lineHead(e, ctx)))
  ],
  'no-advisories': ({ c, ctx }) => [
    {
      heading: '',
      intro: null,
      collapsed: `No advisories reported (${n(c.clean.length)})`,
      separator: ctx.cleanByName ? ', ' : '\n',
      noun: 'crates'
    },
    cleanItems(c.clean, ctx)
  ],
  'publish-ages': ({ c, ctx, published }) => {
    const aged = published ? agedEntries(c.all) : []
    return [
      {
        heading: '',
        intro: null,
        collapsed: `Publish age of each added or updated version (${n(aged.length)})`,
        separator: '\n',
        noun: 'crates'
      },
      aged.map((e) => simpleItem(agedLine(e, lineHead(e, ctx))))
    ]
  },
  problems: ({ report }) => [
    {
      heading: '### Problems',
      intro: null,
      collapsed: null,
      separator: '\n',
      noun: 'problems'
    },
    problemItems(report)
  ]
}

/** The sections with entries, in the catalogue's order (so details are claimed in reading order). */
export function buildSections(
  report: Report,
  c: Places,
  options: SectionOptions = { unmaintained: 'hide', stillAffectedDetails: true, cleanByName: false }
): Section[] {
  const build: Build = {
    report,
    c,
    options,
    ctx: {
      severalLockfiles: new Set(c.all.flatMap((e) => e.lockfiles)).size > 1,
      stillAffectedDetails: options.stillAffectedDetails,
      cleanByName: options.cleanByName,
      context: options.context ?? 'action',
      fixNotedOnce: fixesUnchecked(report)
    },
    once: new DetailsOnce(),
    ages: tooNewEntries(c.all),
    published: hasPublishAges(report),
    counted: aliasFolder(c.all.flatMap((e) => e.change.advisories))
  }
  return SECTION_ORDER.flatMap((key): Section[] => {
    const built = SECTIONS[key](build)
    if (built === null || built[1].length === 0) return []
    const [head, items] = built
    return [{ table: false, ...head, key, items }]
  })
}
