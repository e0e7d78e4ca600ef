// `--format text`: the report for a terminal. Plain lines, the verdict first (the comment's
// sentence, from the same summary counts), then per crate its advisories grouped by verdict
// (introduced, still affected, fixed; malicious first) with ids, ranges, fixed versions, the fix
// advice and bare URLs. Everything is read from the engine's model (verdicts, `fixed_ranges`,
// `fix`): nothing is re-derived here. Nothing is escaped for
// Markdown or HTML (no `&lt;`); untrusted text is still neutralised: control and invisible format
// characters (ESC and CSI start terminal escape sequences) become U+FFFD, so a lockfile or an
// advisory cannot move the cursor, recolour or retitle the terminal. Colour only when asked.
import { cargoRange } from './ranges.js'
import { keepTogether, wrapLines } from './wrap.js'
import type {
  AdvisoryFinding,
  LockfileChange,
  ManifestAdvisoryFinding,
  ManifestChange,
  Report,
  Verdict
} from '../core/model.js'
import { formatCount, plural } from '../core/plural.js'
import { isDowngrade, isMaliciousFinding, type CrateEntry } from '../review/units.js'
import { cleanLine } from './escape.js'
import { fixWords } from './fix.js'
import { clip } from './limits.js'
import { headline } from './headline.js'
import { gate, type Outcome } from '../review/outcome.js'
import { buildReview, type Review } from '../review/review.js'
import { REGISTRY_INTRO, registryFact } from './registry.js'
import { cooldownText, publishedText, tooNewEntries } from './publish-age.js'

export interface TextOptions {
  colour: boolean
  /** The run's Review of the report (else built here from it: the same one). */
  review?: Review
  /** The run's outcome for the first line; else decided under no gate. */
  outcome?: Outcome
  /** Wrap prose at this many columns (a terminal's width); null or absent: no wrapping. */
  width?: number | null
}

type Style = 'bold' | 'red' | 'green' | 'yellow' | 'dim'
const SGR: Record<Style, [string, string]> = {
  bold: ['1', '22'],
  red: ['31', '39'],
  green: ['32', '39'],
  yellow: ['33', '39'],
  dim: ['2', '22']
}

/**
 * Whether to colour a stream, by the NO_COLOR (https://no-color.org) and FORCE_COLOR conventions:
 * NO_COLOR set and non-empty turns colour off; FORCE_COLOR turns it on (off for `0`/`false`);
 * otherwise only a terminal that is not `dumb` gets colour.
 */
export function supportsColour(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean
): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  return isTTY && env.TERM !== 'dumb'
}

/** Untrusted value → one inert line of at most `max` characters. */
function plain(value: string, max = 200): string {
  return cleanLine(clip(value.replace(/\s+/g, ' ').trim(), max))
}

/** Only http(s) URLs without spaces are printed, and only as neutralised text. */
function bareUrl(url: string): string | null {
  return /^https?:\/\/\S+$/.test(url) ? plain(url, 500) : null
}

function versionText(change: LockfileChange): string {
  const version = plain(change.version ?? '?', 100)
  const previous = plain(change.previous ?? '?', 100)
  const fact = registryFact(change)
  const registry = fact === null ? '' : ` (${fact.words})`
  if (change.kind === 'added') return `${version} (added)${registry}`
  if (change.kind === 'removed') return `${previous} (removed)`
  return `${previous} → ${version}${isDowngrade(change) ? ' (downgrade)' : ''}${registry}`
}

/** The order and labels of the verdict groups under a crate. */
const GROUPS: readonly { verdict: Verdict; label: string }[] = [
  { verdict: 'introduced', label: 'introduced by this change' },
  { verdict: 'still-affected', label: 'still affected, as before' },
  { verdict: 'fixed', label: 'fixed by this change' }
]

/** Malicious first, then by id: the order within one verdict group. */
function ordered<T extends AdvisoryFinding | ManifestAdvisoryFinding>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      Number(isMaliciousFinding(b)) - Number(isMaliciousFinding(a)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

/** The per-crate fix advice (the engine's `change.fix`) as one plain line: the comment's words. */
export function fixLine(change: LockfileChange): string | null {
  const fix = change.fix
  if (fix === null) return null
  const words = fixWords(fix, 'full', {
    code: (value, max = 200) => keepTogether(plain(value, max)),
    text: (value) => plain(value, 100)
  })
  const named =
    fix.version !== null && !fix.checked_published
      ? ' (named by the advisories; not checked against the index)'
      : ''
  return `fix: ${words}${named}`
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, value: string): string =>
    options.colour ? `\u001b[${SGR[style][0]}m${value}\u001b[${SGR[style][1]}m` : value
  const lines: string[] = []
  const classified = options.review ?? buildReview(report)
  const s = report.summary

  // The outcome, in the comment's words; then what is unknown, one line per cause.
  const outcome = options.outcome ?? gate(classified).outcome
  const colours: Record<Outcome['status'], Style> = {
    fails: 'red',
    incomplete: 'yellow',
    'not-gated': 'yellow',
    'not-checked': 'yellow',
    passes: s.still_affected_crates > 0 ? 'yellow' : 'green'
  }
  lines.push(
    paint(
      colours[outcome.status],
      paint('bold', headline(report, classified, outcome, 'cli', 'plain'))
    )
  )
  // The counts, for scripts that grep them; all zero they would only repeat the first line.
  const tally = [
    s.introduced_ids.length,
    s.still_affected_ids.length,
    s.fixed_ids.length,
    s.unknown_crates
  ]
  if (report.advisory_source !== null && tally.some((n) => n > 0)) {
    lines.push(
      `introduced: ${plural(s.introduced_ids.length, 'advisory', 'advisories')} in ${plural(s.introduced_crates, 'crate')}; ` +
        `still affected: ${plural(s.still_affected_ids.length, 'advisory', 'advisories')} in ${plural(s.still_affected_crates, 'crate')}; ` +
        `fixed: ${plural(s.fixed_ids.length, 'advisory', 'advisories')} in ${plural(s.fixed_crates, 'crate')}; ` +
        `unknown: ${plural(s.unknown_crates, 'crate')}`
    )
  }
  const reasons = report.problems.filter((p) => p.incomplete)
  if (!report.complete) {
    if (outcome.status !== 'incomplete') {
      lines.push(
        paint('yellow', paint('bold', 'The analysis is incomplete, so advisories may be missing:'))
      )
    }
    for (const problem of reasons.slice(0, 20)) lines.push(`  - ${plain(problem.message, 300)}`)
    if (reasons.length > 20) lines.push(`  - … and ${String(reasons.length - 20)} more`)
  }
  lines.push('')

  // The facts.
  lines.push(`Compared ${plain(report.base)} → ${plain(report.head)}.`)
  const changedLockfiles = report.lockfiles.filter((l) => l.changes.length > 0)
  if (changedLockfiles.length === 0) lines.push('No lockfile changes in this change.')
  for (const lockfile of changedLockfiles) {
    const count = (kind: LockfileChange['kind']) =>
      lockfile.changes.filter((c) => c.kind === kind).length
    lines.push(
      `In ${plain(lockfile.path)}: ${plural(count('added'), 'crate')} added, ${formatCount(count('updated'))} updated, ${formatCount(count('removed'))} removed.`
    )
  }
  if (s.ignored_advisories > 0) {
    lines.push(
      `${plural(s.ignored_advisories, 'advisory', 'advisories')} ${s.ignored_advisories === 1 ? 'is' : 'are'} ignored by configuration and not counted.`
    )
  }
  if (report.advisory_source !== null) {
    lines.push(`Advisories from ${plain(report.advisory_source)}.`)
  }

  const heading = (title: string) => {
    lines.push('', paint('bold', title))
  }
  const advisoryLines = (advisory: AdvisoryFinding | ManifestAdvisoryFinding, status: string) => {
    const title = advisory.summary === null ? '' : `  ${plain(advisory.summary, 160)}`
    const kind = isMaliciousFinding(advisory)
      ? ` ${paint('red', '[malicious crate]')}`
      : advisory.informational === null
        ? ''
        : ` [${advisory.informational}]`
    lines.push(`      ${paint('bold', plain(advisory.id, 80))}${kind}${title}`)
    if (status !== '') lines.push(`        ${status}`)
    if (advisory.affected_ranges.length > 0) {
      lines.push(
        `        affected: ${advisory.affected_ranges.map((r) => plain(cargoRange(r), 120)).join('; ')}`
      )
    }
    lines.push(
      `        fixed in: ${advisory.fixed_ranges.length === 0 ? 'no fixed version is known' : advisory.fixed_ranges.map((r) => plain(cargoRange(r), 120)).join('; ')}`
    )
    if (advisory.aliases.length > 0) {
      lines.push(`        aliases: ${advisory.aliases.map((a) => plain(a, 80)).join(', ')}`)
    }
    if (advisory.ignored !== null) {
      lines.push(
        `        ignored (${plain(advisory.ignored.matched, 80)})${advisory.ignored.reason === null ? '' : `: ${plain(advisory.ignored.reason)}`}; not counted`
      )
    }
    const url = bareUrl(advisory.url)
    if (url !== null) lines.push(`        ${paint('dim', url)}`)
  }
  const crateLine = ({ change, lockfiles }: CrateEntry) => {
    const path =
      change.dependency_path === null || change.dependency_path.length < 2
        ? ''
        : `; via ${change.dependency_path.map((p) => plain(p, 80)).join(' → ')}`
    lines.push(
      `  ${paint('bold', plain(change.name, 100))} ${versionText(change)}  (${lockfiles.map((l) => plain(l)).join(', ')}${path})`
    )
  }
  const statusOf = (
    change: LockfileChange,
    verdict: Verdict,
    advisory: AdvisoryFinding | null = null
  ): string => {
    const version = plain(change.version ?? '?', 100)
    const previous = plain(change.previous ?? '?', 100)
    if (verdict === 'introduced') {
      if (change.kind === 'added') return `${version} is affected (new in this change)`
      // Malware kept across a version change: introduced all the same (see findingVerdict).
      return advisory?.previous_affected === true
        ? `${version} is affected, ${previous} was too (malicious: a new version counts)`
        : `${version} is affected, ${previous} was not`
    }
    if (verdict === 'still-affected') return `${version} is affected, ${previous} was too`
    if (verdict === 'fixed') {
      return change.kind === 'removed'
        ? `${previous} was affected and is removed`
        : `${previous} was affected, ${version} is not`
    }
    return ''
  }
  /** A crate's advisories grouped by verdict, then its ignored ones (which keep their verdict). */
  const crateBlock = (entry: CrateEntry, only?: Verdict) => {
    crateLine(entry)
    const { change } = entry
    for (const group of GROUPS) {
      if (only !== undefined && group.verdict !== only) continue
      const findings = ordered(
        change.advisories.filter((a) => a.ignored === null && a.verdict === group.verdict)
      )
      if (findings.length === 0) continue
      lines.push(`    ${group.label}: ${plural(findings.length, 'advisory', 'advisories')}`)
      for (const advisory of findings)
        advisoryLines(advisory, statusOf(change, group.verdict, advisory))
    }
    const ignored = ordered(
      change.advisories.filter((a) => a.ignored !== null && a.verdict !== 'not-affected')
    )
    if (ignored.length > 0) {
      lines.push(
        `    ignored by configuration, not counted: ${plural(ignored.length, 'advisory', 'advisories')}`
      )
      for (const advisory of ignored)
        advisoryLines(advisory, statusOf(change, advisory.verdict, advisory))
    }
    const fix = fixLine(change)
    if (fix !== null && only === undefined) lines.push(`    ${paint('bold', fix)}`)
  }

  // Versions younger than the cooldown come first (render/publish-age.ts words the facts).
  const ages = tooNewEntries(classified.all)
  if (ages.tooNew.length + ages.unknown.length > 0) {
    heading(
      `Younger than the cooldown: ${plural(ages.tooNew.length, 'crate')} (${cooldownText(report)})`
    )
    for (const entry of ages.tooNew) {
      crateLine(entry)
      lines.push(`    published ${publishedText(entry.change) ?? ''}`)
    }
    for (const entry of ages.unknown) {
      crateLine(entry)
      lines.push(`    age unknown: ${plain(entry.change.publish_age?.note ?? '', 300)}`)
    }
  }

  const affectedShown = new Set<CrateEntry>([...classified.introduced, ...classified.stillAffected])
  if (classified.introduced.length > 0) {
    heading(
      `Introduced: ${plural(classified.introduced.length, 'crate')} this change makes affected`
    )
    for (const entry of classified.introduced) crateBlock(entry)
  }
  if (classified.stillAffected.length > 0) {
    heading(
      `Still affected: ${plural(classified.stillAffected.length, 'crate')} affected before and after`
    )
    for (const entry of classified.stillAffected) crateBlock(entry)
  }
  const fixedOnly = classified.fixed.filter((entry) => !affectedShown.has(entry))
  if (fixedOnly.length > 0) {
    heading(`Fixed: ${plural(fixedOnly.length, 'crate')} this change makes unaffected`)
    for (const entry of fixedOnly) crateBlock(entry, 'fixed')
  }
  if (classified.registry.length > 0) {
    heading(`Yanked or not on crates.io: ${plural(classified.registry.length, 'crate')}`)
    lines.push(`  ${REGISTRY_INTRO}`)
    for (const entry of classified.registry) crateLine(entry)
  }
  if (classified.unknown.length > 0) {
    heading(
      `Unknown: ${plural(classified.unknown.length, 'crate')} whose advisories could not be looked up`
    )
    for (const entry of classified.unknown) {
      crateLine(entry)
      lines.push(`    ${plain(entry.change.lookup_error ?? '', 300)}`)
    }
  }
  const ignoredElsewhere = classified.ignored
    .map(({ entry }) => entry)
    .filter((entry) => !affectedShown.has(entry) && !fixedOnly.includes(entry))
  if (ignoredElsewhere.length > 0) {
    heading(
      `Ignored: ${plural(ignoredElsewhere.length, 'crate')} with advisories ignored by configuration`
    )
    for (const entry of ignoredElsewhere) crateBlock(entry, 'not-affected')
  }

  const manifestChanges = report.manifests.flatMap((manifest) =>
    manifest.changes.map((change) => ({ manifest: manifest.path, change }))
  )
  const shownVerdicts: readonly Verdict[] = ['introduced', 'still-affected']
  if (manifestChanges.length > 0) {
    heading(`Requirement changes: ${plural(manifestChanges.length, 'dependency', 'dependencies')}`)
    let admitting = 0
    for (const { manifest, change } of manifestChanges) {
      lines.push(`  ${manifestLine(manifest, change)}`)
      if (change.lookup_error !== null) lines.push(`    ${plain(change.lookup_error, 300)}`)
      const findings = ordered(change.advisories.filter((a) => shownVerdicts.includes(a.verdict)))
      if (findings.length === 0) continue
      admitting += 1
      const lock = change.locked_by
      if (lock !== null) {
        // The lockfile change is shown above with its advisories: name it, do not repeat them.
        lines.push(
          `    judged by the version ${plain(lock.lockfile)} pins, ${plain(lock.version ?? '(none)', 100)}: ${plural(findings.length, 'advisory', 'advisories')}, listed under ${plain(change.name, 100)} above`
        )
        continue
      }
      const picked = change.resolution ?? null
      if (
        picked !== null &&
        (picked.kind === 'fresh-resolution' || picked.kind === 'stale-lockfile')
      ) {
        lines.push(
          picked.kind === 'stale-lockfile'
            ? `    ${plain(picked.lockfile)} pins ${plain(picked.locked.join(', ') || 'nothing', 100)}, which the requirement does not admit (cargo build --locked fails); Cargo picks ${plain(picked.version ?? '(unknown)', 100)}`
            : `    without a lockfile Cargo picks ${plain(picked.version, 100)}, the highest published version the requirement admits`
        )
      } else if (change.admitted !== null && change.admitted.all_affected !== null) {
        lines.push(
          change.admitted.all_affected
            ? '    every version this requirement admits is affected'
            : `    only some admitted versions are affected; the smallest that is not: ${plain(change.admitted.smallest_unaffected ?? '(none)', 100)}`
        )
      }
      const pickedVersion =
        picked !== null && picked.kind !== 'unknown' && picked.kind !== 'lockfile'
          ? picked.version
          : null
      for (const advisory of findings) {
        const what =
          pickedVersion === null
            ? 'the requirement admits affected versions'
            : `Cargo's pick ${plain(pickedVersion, 100)} is affected`
        advisoryLines(
          advisory,
          `${what}${advisory.verdict === 'introduced' ? ' (new in this change)' : ', as before'}`
        )
      }
    }
    if (admitting === 0 && report.advisory_source !== null) {
      lines.push('  None of these requirements admits a version with a reported advisory.')
    }
  }
  const listed = new Set<CrateEntry>([
    ...affectedShown,
    ...fixedOnly,
    ...classified.unknown,
    ...classified.registry,
    ...ignoredElsewhere
  ])
  const quiet = classified.all.filter((entry) => !listed.has(entry))
  if (quiet.length > 0) {
    heading(`Other changes: ${plural(quiet.length, 'crate')} without affecting advisories`)
    for (const entry of quiet) crateLine(entry)
  }
  const shownProblems = report.problems.filter((p) => !p.incomplete)
  if (shownProblems.length > 0) {
    heading(`Notes: ${plural(shownProblems.length, 'note')}`)
    for (const problem of shownProblems) lines.push(`  - ${plain(problem.message, 300)}`)
  }
  lines.push('', 'The full report: --format json (or --output <file>).')
  return `${wrapLines(lines.join('\n'), options.width ?? null)}\n`
}

function manifestLine(path: string, change: ManifestChange): string {
  const req = (value: string | null) => (value === null ? '(none)' : plain(value, 100))
  const target = change.target === null ? '' : ` (${plain(change.target, 100)})`
  const where = `${plain(path)} [${change.section}]${target}`
  const name = plain(change.name, 100)
  // `workspace = true`: the requirement is the inherited one.
  const now = change.workspace ? (change.workspace_req ?? change.req) : change.req
  const before = change.previous_workspace_req ?? change.previous_req
  if (change.kind === 'added') return `${name} ${req(now)} added  (${where})`
  if (change.kind === 'removed') return `${name} ${req(before)} removed  (${where})`
  return `${name} ${req(before)} → ${req(now)}  (${where})`
}
