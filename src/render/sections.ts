// Turns a Report into the comment's sections. Each entry is prepared in three forms (full, compact,
// name only) so the size fitting in markdown.ts can degrade by swapping whole blocks.
import { isCratesIoOrigin } from '../cargo/source.js'
import { CRATES_IO } from '../core/model.js'
import type {
  AdvisoryFinding,
  DependencyOrigin,
  FileProblem,
  LockfileChange,
  ManifestChange,
  Report
} from '../core/model.js'
import {
  advisoryLink,
  effectiveReq,
  lockStatus,
  manifestStatus,
  renderAdvisory
} from './advisory.js'
import type { AdvisoryForm } from './advisory.js'
import { clip } from './limits.js'
import { code, text } from './escape.js'
import semver from 'semver'

export type Form = 'full' | 'compact' | 'name'

/** One entry in every form; each form is whole Markdown blocks, never a fragment. */
export interface Item {
  readonly full: string
  readonly compact: string
  readonly name: string
}

/** Forms are built on first use: a huge report never renders the details it has no room for. */
function lazyItem(make: Record<Form, () => string>): Item {
  const cache: Partial<Record<Form, string>> = {}
  const get = (form: Form): string => (cache[form] ??= make[form]())
  return {
    get full() {
      return get('full')
    },
    get compact() {
      return get('compact')
    },
    get name() {
      return get('name')
    }
  }
}

export type SectionKey =
  | 'affected'
  | 'fixed'
  | 'unknown'
  | 'manifests'
  | 'history'
  | 'manifests-other'
  | 'other-sources'
  | 'no-advisories'
  | 'problems'

export interface Section {
  key: SectionKey
  /** A complete heading line (our own text). */
  heading: string
  intro: string | null
  /** When set, the items sit in a `<details>` block with this (escaped) summary. */
  collapsed: string | null
  /** Items are list lines (`\n`) or blocks (`\n\n`). */
  separator: '\n' | '\n\n'
  items: Item[]
  /** What the omitted-items line calls the entries. */
  noun: string
}

/** Document order of the sections. */
export const SECTION_ORDER: readonly SectionKey[] = [
  'affected',
  'fixed',
  'unknown',
  'manifests',
  'history',
  'manifests-other',
  'other-sources',
  'no-advisories',
  'problems'
]

interface LocatedChange {
  lockfile: string
  change: LockfileChange
}

export function counts(n: number, singular: string, plural = singular + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`
}

function compare(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? ''
    const y = b[i] ?? ''
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

function changeKey({ lockfile, change }: LocatedChange): string[] {
  return [change.name, lockfile, change.version ?? '', change.previous ?? '', change.source ?? '']
}

function isActive(a: AdvisoryFinding): boolean {
  return a.ignored === null
}

/** Advisories this change fixes: the old version had them and the new one does not. */
export function fixedBy(change: LockfileChange): AdvisoryFinding[] {
  return change.advisories.filter(
    (a) =>
      isActive(a) &&
      (change.kind === 'removed' ? a.affected : a.previous_affected === true && !a.affected)
  )
}

/** Advisories affecting the version this change brings in (not ignored). */
export function affecting(change: LockfileChange): AdvisoryFinding[] {
  return change.kind === 'removed' ? [] : change.advisories.filter((a) => isActive(a) && a.affected)
}

export function changeText(change: LockfileChange): string {
  const version = text(clip(change.version ?? '?'))
  const previous = text(clip(change.previous ?? '?'))
  if (change.kind === 'added') return `${version} (new)`
  if (change.kind === 'removed') return `${previous} (removed)`
  return `${previous} → ${version}${isDowngrade(change) ? ' (downgrade)' : ''}`
}

function isDowngrade(change: LockfileChange): boolean {
  const from = semver.valid(change.previous ?? '')
  const to = semver.valid(change.version ?? '')
  return from !== null && to !== null && semver.lt(to, from)
}

function pathText(path: string[] | null): string | null {
  if (path === null || path.length === 0) return null
  const shown = path.length > 12 ? [...path.slice(0, 6), '…', ...path.slice(-5)] : path
  return shown.map((p) => (p === '…' && path.length > 12 ? '…' : code(clip(p)))).join(' → ')
}

function sourceText(source: string | null): string {
  if (source === null) return 'a path or workspace package'
  return `source ${code(clip(source, 300))}`
}

function idList(advisories: readonly { id: string }[]): string {
  return advisories.map((a) => text(clip(a.id))).join(', ')
}

/** Affected advisories first, then by id, so the order never depends on the input order. */
function sortFindings<T extends AdvisoryFinding>(
  list: readonly T[],
  first: (a: T) => boolean
): T[] {
  return [...list].sort((a, b) => {
    const rank = Number(first(b)) - Number(first(a))
    return rank !== 0 ? rank : compare([a.id], [b.id])
  })
}

function crateHeader({ lockfile, change }: LocatedChange): string {
  const facts = [`Lockfile: ${code(clip(lockfile, 300))}`]
  const path = pathText(change.dependency_path)
  if (path !== null) facts.push(`dependency path: ${path}`)
  if (change.source !== CRATES_IO) facts.push(sourceText(change.source))
  return `#### ${code(clip(change.name))} ${changeText(change)}\n\n${facts.join(' · ')}`
}

/** Whether an advisory matters to this change: it affects one of its versions or is fixed by it. */
function touches(change: LockfileChange, finding: AdvisoryFinding): boolean {
  return (
    finding.affected ||
    finding.previous_affected === true ||
    (change.kind === 'removed' && finding.affected)
  )
}

/**
 * Advisory details are shown once, at the first entry (in document order) that shows the advisory
 * in full; later entries point up. The same advisory on the same crate in many lockfiles would
 * otherwise repeat long texts.
 */
class DetailsOnce {
  private readonly seen = new Set<string>()
  /** Ids among `ids` not claimed before; they are claimed now. */
  claim(ids: readonly string[]): Set<string> {
    const first = new Set(ids.filter((id) => !this.seen.has(id)))
    for (const id of first) this.seen.add(id)
    return first
  }
}

function crateBlock(
  located: LocatedChange,
  findings: AdvisoryFinding[],
  form: AdvisoryForm,
  first: ReadonlySet<string>
): string {
  const { change } = located
  const blocks = [crateHeader(located)]
  const rest: string[] = []
  for (const finding of findings) {
    const status = lockStatus(change, finding)
    if (touches(change, finding)) {
      blocks.push(renderAdvisory(finding, status, form, !first.has(finding.id)))
    } else {
      rest.push(renderAdvisory(finding, status, 'line'))
    }
  }
  // The rest of the crate's history, as the tab lists it, but one line each.
  if (rest.length > 0) blocks.push(`Other advisories for this crate:\n\n${rest.join('\n')}`)
  return blocks.join('\n\n')
}

function lineHead({ lockfile, change }: LocatedChange): string {
  return `- ${code(clip(change.name))} ${changeText(change)} in ${code(clip(lockfile, 300))}`
}

function affectedItem(located: LocatedChange, once: DetailsOnce): Item {
  const findings = sortFindings(located.change.advisories, (a) => a.affected)
  const first = once.claim(findings.filter((f) => touches(located.change, f)).map((f) => f.id))
  return lazyItem({
    full: () => crateBlock(located, findings, 'full', first),
    compact: () => crateBlock(located, findings, 'compact', first),
    name: () => `${lineHead(located)}: affected by ${idList(affecting(located.change))}`
  })
}

function fixedItem(located: LocatedChange, once: DetailsOnce): Item {
  const { change } = located
  const fixed = fixedBy(change)
  // A removed crate's other history no longer matters; an update keeps its whole history.
  const findings =
    change.kind === 'removed'
      ? sortFindings(fixed, () => true)
      : sortFindings(change.advisories, (a) => fixed.includes(a))
  const first = once.claim(findings.filter((f) => touches(change, f)).map((f) => f.id))
  return lazyItem({
    full: () => crateBlock(located, findings, 'full', first),
    compact: () => crateBlock(located, findings, 'compact', first),
    name: () => `${lineHead(located)}: fixes ${idList(fixed)}`
  })
}

/** A crate that is still affected but also fixed something: one line pointing up to its entry. */
function partlyFixedItem(located: LocatedChange): Item {
  const links = fixedBy(located.change).map((a) => advisoryLink(a))
  const line = `${lineHead(located)}: fixes ${links.join(', ')}; still affected by other advisories (see above).`
  const name = `${lineHead(located)}: fixes ${idList(fixedBy(located.change))}`
  return { full: line, compact: line, name }
}

function historyItem(located: LocatedChange): Item {
  const findings = sortFindings(located.change.advisories, (a) => a.affected)
  const block = (): string => {
    const lines = findings.map(
      (f) => '  ' + renderAdvisory(f, lockStatus(located.change, f), 'line')
    )
    return `${lineHead(located)}\n${lines.join('\n')}`
  }
  const version =
    located.change.kind === 'removed' ? located.change.previous : located.change.version
  const summary = `${counts(findings.length, 'advisory', 'advisories')} in its history, none affecting ${text(clip(version ?? '?'))}`
  return lazyItem({ full: block, compact: block, name: () => `${lineHead(located)}: ${summary}` })
}

function simpleItem(line: string): Item {
  return { full: line, compact: line, name: line }
}

function unknownItem(located: LocatedChange): Item {
  const reason = text(clip(located.change.lookup_error ?? 'unknown error', 300))
  const found = located.change.advisories.length
  const partial =
    found === 0
      ? ''
      : ` (${counts(found, 'advisory', 'advisories')} found before it failed: ${idList(located.change.advisories)})`
  return simpleItem(
    `${lineHead(located)}: advisories unknown, the look-up failed: ${reason}${partial}`
  )
}

function otherSourceItem(located: LocatedChange): Item {
  return simpleItem(`${lineHead(located)}, ${sourceText(located.change.source)}`)
}

// ---- manifests ----

interface LocatedManifest {
  manifest: string
  change: ManifestChange
}

function requirementChange(change: ManifestChange): string {
  const req = effectiveReq(change.req, change.workspace_req)
  const previous = effectiveReq(change.previous_req, change.previous_workspace_req)
  const show = (value: string | null): string =>
    value === null ? 'no version requirement' : code(clip(value))
  if (change.kind === 'added') return `${show(req)} (added)`
  if (change.kind === 'removed') return `${show(previous)} (removed)`
  return `${show(previous)} → ${show(req)}`
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

function manifestWhere({ manifest, change }: LocatedManifest): string {
  const parts = [`${code('[' + change.section + ']')} of ${code(clip(manifest, 300))}`]
  if (change.target !== null) parts.push(`for target ${code(clip(change.target))}`)
  if (change.key !== change.name) parts.push(`as ${code(clip(change.key))}`)
  if (change.workspace) parts.push('inherited from the workspace')
  const origin = originText(change.origin)
  if (origin !== null) parts.push(`from ${origin}`)
  return parts.join(', ')
}

function manifestItem(located: LocatedManifest, once: DetailsOnce): Item {
  const { change } = located
  const findings = [...change.advisories].sort((a, b) => {
    const rank = Number(b.admits_affected === true) - Number(a.admits_affected === true)
    return rank !== 0 ? rank : compare([a.id], [b.id])
  })
  const header = `#### ${code(clip(change.name))} ${requirementChange(change)}\n\n${manifestWhere(located)}`
  const first = once.claim(findings.map((f) => f.id))
  const block = (form: AdvisoryForm): string =>
    [
      header,
      ...findings.map((f) => renderAdvisory(f, manifestStatus(change, f), form, !first.has(f.id)))
    ].join('\n\n')
  const admitted = findings.filter((f) => f.admits_affected === true && f.ignored === null)
  const summary =
    admitted.length > 0
      ? `admits versions affected by ${idList(admitted)}`
      : `${counts(findings.length, 'advisory', 'advisories')} in its history`
  return lazyItem({
    full: () => block('full'),
    compact: () => block('compact'),
    name: () =>
      `- ${code(clip(change.name))} ${requirementChange(change)} in ${code(clip(located.manifest, 300))}: ${summary}`
  })
}

function manifestLine(located: LocatedManifest): Item {
  const { change } = located
  const head = `- ${code(clip(change.name))} ${requirementChange(change)}, ${manifestWhere(located)}`
  let tail: string
  if (change.lookup_error !== null) {
    tail = `advisories unknown, the look-up failed: ${text(clip(change.lookup_error, 300))}`
  } else if (change.kind === 'removed') {
    return simpleItem(head)
  } else if (!isCratesIoOrigin(change.origin)) {
    tail = 'not from crates.io, advisories are not looked up'
  } else {
    tail = 'no advisories have been reported for this crate'
  }
  return simpleItem(`${head}: ${tail}`)
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
    // A file error shown above in structured form is not repeated from the problem list.
    const duplicate =
      problem.kind === 'unreadable-file' && errors.some((e) => problem.message.includes(e.path))
    if (duplicate) continue
    const label = PROBLEM_LABEL[problem.kind] ?? 'Problem'
    const incomplete = problem.incomplete ? ' (the analysis is incomplete)' : ''
    items.push(simpleItem(`- **${label}:** ${text(clip(problem.message, 500))}${incomplete}`))
  }
  return items
}

// ---- assembling ----

export interface Classified {
  affected: LocatedChange[]
  fixed: LocatedChange[]
  partlyFixed: LocatedChange[]
  unknown: LocatedChange[]
  history: LocatedChange[]
  otherSources: LocatedChange[]
  clean: LocatedChange[]
  manifests: LocatedManifest[]
  manifestLines: LocatedManifest[]
}

export function classify(report: Report): Classified {
  const result: Classified = {
    affected: [],
    fixed: [],
    partlyFixed: [],
    unknown: [],
    history: [],
    otherSources: [],
    clean: [],
    manifests: [],
    manifestLines: []
  }
  const located = report.lockfiles
    .flatMap((l) => l.changes.map((change) => ({ lockfile: l.path, change })))
    .sort((a, b) => compare(changeKey(a), changeKey(b)))
  for (const entry of located) {
    const { change } = entry
    if (change.lookup_error !== null) result.unknown.push(entry)
    else if (affecting(change).length > 0) {
      result.affected.push(entry)
      if (fixedBy(change).length > 0) result.partlyFixed.push(entry)
    } else if (fixedBy(change).length > 0) result.fixed.push(entry)
    else if (change.advisories.length > 0) result.history.push(entry)
    else if (change.source !== CRATES_IO) result.otherSources.push(entry)
    else result.clean.push(entry)
  }
  // Requirements matter on their own when no lockfile resolves them (library repositories).
  const lockedNames = new Set(located.map((l) => l.change.name))
  const manifests = report.manifests
    .flatMap((m) => m.changes.map((change) => ({ manifest: m.path, change })))
    .filter((m) => !lockedNames.has(m.change.name))
    .sort((a, b) =>
      compare(
        [a.change.name, a.manifest, a.change.section, a.change.target ?? '', a.change.key],
        [b.change.name, b.manifest, b.change.section, b.change.target ?? '', b.change.key]
      )
    )
  for (const entry of manifests) {
    const withAdvisories =
      entry.change.kind !== 'removed' &&
      entry.change.lookup_error === null &&
      entry.change.advisories.length > 0
    if (withAdvisories) result.manifests.push(entry)
    else result.manifestLines.push(entry)
  }
  return result
}

export function buildSections(report: Report, classified: Classified): Section[] {
  const c = classified
  const once = new DetailsOnce()
  const sections: Section[] = []
  const add = (section: Omit<Section, 'items'>, items: Item[]): void => {
    if (items.length > 0) sections.push({ ...section, items })
  }
  add(
    {
      key: 'affected',
      heading: `### Crates whose new version is affected (${c.affected.length.toLocaleString('en-US')})`,
      intro: null,
      collapsed: null,
      separator: '\n\n',
      noun: 'affected crates'
    },
    c.affected.map((l) => affectedItem(l, once))
  )
  add(
    {
      key: 'fixed',
      heading: '### Fixed by this pull request',
      intro: 'The previous version was affected; the new version is not, or the crate is removed.',
      collapsed: null,
      separator: '\n\n',
      noun: 'crates'
    },
    [...c.fixed.map((l) => fixedItem(l, once)), ...c.partlyFixed.map(partlyFixedItem)]
  )
  add(
    {
      key: 'unknown',
      heading: `### Advisories unknown (${c.unknown.length.toLocaleString('en-US')})`,
      intro:
        'The advisory look-up failed for these crates, so whether they are affected is not known.',
      collapsed: null,
      separator: '\n',
      noun: 'crates'
    },
    c.unknown.map(unknownItem)
  )
  const noLockfileChange = report.lockfiles.every((l) => l.changes.length === 0)
  const manifestIntro = noLockfileChange
    ? 'No lockfile changed, so each requirement is checked against every version it admits.'
    : 'These requirement changes are not covered by a lockfile change; each is checked against every version it admits.'
  add(
    {
      key: 'manifests',
      heading: '### Requirements with advisories',
      intro: manifestIntro,
      collapsed: null,
      separator: '\n\n',
      noun: 'requirements'
    },
    c.manifests.map((m) => manifestItem(m, once))
  )
  add(
    {
      key: 'history',
      heading: `### Not affected, with an advisory history (${c.history.length.toLocaleString('en-US')})`,
      intro: 'None of these advisories affects the versions this pull request involves.',
      collapsed: null,
      separator: '\n',
      noun: 'crates'
    },
    c.history.map(historyItem)
  )
  add(
    {
      key: 'manifests-other',
      heading:
        c.manifests.length === 0 ? '### Requirement changes' : '### Other requirement changes',
      intro: c.manifests.length === 0 ? manifestIntro : null,
      collapsed: null,
      separator: '\n',
      noun: 'requirements'
    },
    c.manifestLines.map(manifestLine)
  )
  add(
    {
      key: 'other-sources',
      heading: `### Not from crates.io (${c.otherSources.length.toLocaleString('en-US')})`,
      intro: 'Advisories are not looked up for git, path and other-registry packages.',
      collapsed: null,
      separator: '\n',
      noun: 'packages'
    },
    c.otherSources.map(otherSourceItem)
  )
  add(
    {
      key: 'no-advisories',
      heading: '',
      intro: null,
      collapsed: `No advisories have been reported for these crates (${c.clean.length.toLocaleString('en-US')})`,
      separator: '\n',
      noun: 'crates'
    },
    c.clean.map((l) => simpleItem(lineHead(l)))
  )
  add(
    {
      key: 'problems',
      heading: '### Problems',
      intro: null,
      collapsed: null,
      separator: '\n',
      noun: 'problems'
    },
    problemItems(report)
  )
  return sections
}
