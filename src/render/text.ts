// `--format text`: the report for a terminal. Plain lines, the verdict first, then per crate the
// advisories with their ids, affected ranges, fixed versions and bare URLs. Nothing is escaped for
// Markdown or HTML (no `&lt;`); untrusted text is still neutralised: control and invisible format
// characters (ESC and CSI start terminal escape sequences) become U+FFFD, so a lockfile or an
// advisory cannot move the cursor, recolour or retitle the terminal. Colour only when asked.
import type {
  AdvisoryFinding,
  LockfileChange,
  ManifestAdvisoryFinding,
  ManifestChange,
  Report
} from '../core/model.js'
import { CRATES_IO } from '../core/model.js'
import { plural } from '../core/plural.js'
import { cleanLine } from './escape.js'
import { clip } from './limits.js'
import { isDowngrade } from './sections.js'

export interface TextOptions {
  colour: boolean
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
  if (change.kind === 'added') return `${version} (added)`
  if (change.kind === 'removed') return `${previous} (removed)`
  return `${previous} → ${version}${isDowngrade(change) ? ' (downgrade)' : ''}`
}

/**
 * The versions that end an affected range (`<X` bounds): the versions an advisory says are fixed.
 * `<=X` (last affected) names no fix.
 */
export function fixedVersions(ranges: readonly string[]): string[] {
  const fixed = new Set<string>()
  for (const range of ranges) {
    for (const part of range.split(',')) {
      const match = /^\s*<\s*([^\s=<>,]+)\s*$/.exec(part)
      if (match?.[1] !== undefined) fixed.add(match[1])
    }
  }
  return [...fixed]
}

interface Located {
  lockfile: string
  change: LockfileChange
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, value: string): string =>
    options.colour ? `\u001b[${SGR[style][0]}m${value}\u001b[${SGR[style][1]}m` : value
  const lines: string[] = []

  const changes: Located[] = report.lockfiles.flatMap((lockfile) =>
    lockfile.changes.map((change) => ({ lockfile: lockfile.path, change }))
  )
  const active = (a: AdvisoryFinding): boolean => a.ignored === null
  const affected = changes.filter(
    ({ change }) =>
      change.kind !== 'removed' &&
      change.source === CRATES_IO &&
      change.advisories.some((a) => active(a) && a.affected)
  )
  const fixed = changes.filter(({ change }) =>
    change.advisories.some(
      (a) =>
        active(a) &&
        (change.kind === 'removed' ? a.affected : a.previous_affected === true && !a.affected)
    )
  )
  const unknown = changes.filter(({ change }) => change.lookup_error !== null)
  const manifestChanges = report.manifests.flatMap((manifest) =>
    manifest.changes.map((change) => ({ manifest: manifest.path, change }))
  )

  // The verdict.
  const s = report.summary
  if (affected.length > 0) {
    lines.push(
      paint(
        'red',
        paint(
          'bold',
          `AFFECTED: ${plural(affected.length, 'new crate version')} ${affected.length === 1 ? 'is' : 'are'} affected by ${plural(s.affected_advisories, 'advisory', 'advisories')}.`
        )
      )
    )
  } else if (report.advisory_source === null) {
    lines.push(paint('yellow', paint('bold', 'NOT CHECKED: advisories were not looked up.')))
  } else if (changes.length === 0 && manifestChanges.length === 0) {
    lines.push(
      paint('green', paint('bold', 'NO CHANGES: this change touches no Cargo dependency.'))
    )
  } else {
    lines.push(
      paint(
        'green',
        paint(
          'bold',
          report.complete
            ? 'NOT AFFECTED: no added or updated crate version is affected by a reported advisory.'
            : 'NOT AFFECTED, as far as known: no crate version that could be checked is affected.'
        )
      )
    )
  }
  const reasons = report.problems.filter((p) => p.incomplete)
  if (!report.complete) {
    lines.push(
      paint(
        'yellow',
        paint(
          'bold',
          `INCOMPLETE: ${plural(Math.max(reasons.length, 1), 'thing is', 'things are')} unknown, so advisories may be missing.`
        )
      )
    )
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
      `In ${plain(lockfile.path)}: ${plural(count('added'), 'crate')} added, ${String(count('updated'))} updated, ${String(count('removed'))} removed.`
    )
  }
  if (s.fixed_advisories > 0) {
    lines.push(
      `This change fixes ${plural(s.fixed_advisories, 'advisory', 'advisories')} (the previous version was affected, the new one is not).`
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
  const advisoryLines = (
    advisory: AdvisoryFinding | ManifestAdvisoryFinding,
    status: string
  ): void => {
    const title = advisory.summary === null ? '' : `  ${plain(advisory.summary, 160)}`
    const kind = advisory.informational === null ? '' : ` [${advisory.informational}]`
    lines.push(`    ${paint('bold', plain(advisory.id, 80))}${kind}${title}`)
    lines.push(`      ${status}`)
    if (advisory.affected_ranges.length > 0) {
      lines.push(`      affected: ${advisory.affected_ranges.map((r) => plain(r, 120)).join('; ')}`)
    }
    const fixes = fixedVersions(advisory.affected_ranges)
    lines.push(
      `      fixed in: ${fixes.length === 0 ? 'no fixed version is known' : fixes.map((v) => plain(v, 60)).join(', ')}`
    )
    if (advisory.aliases.length > 0) {
      lines.push(`      aliases: ${advisory.aliases.map((a) => plain(a, 80)).join(', ')}`)
    }
    if (advisory.ignored !== null) {
      lines.push(
        `      ignored (${plain(advisory.ignored.matched, 80)})${advisory.ignored.reason === null ? '' : `: ${plain(advisory.ignored.reason)}`}`
      )
    }
    const url = bareUrl(advisory.url)
    if (url !== null) lines.push(`      ${paint('dim', url)}`)
  }
  const crateLine = ({ lockfile, change }: Located) => {
    const path =
      change.dependency_path === null || change.dependency_path.length < 2
        ? ''
        : `; via ${change.dependency_path.map((p) => plain(p, 80)).join(' → ')}`
    lines.push(
      `  ${paint('bold', plain(change.name, 100))} ${versionText(change)}  (${plain(lockfile)}${path})`
    )
  }

  if (affected.length > 0) {
    heading(`Affected: ${plural(affected.length, 'crate')} whose new version has advisories`)
    for (const located of affected) {
      crateLine(located)
      const { change } = located
      for (const advisory of change.advisories.filter((a) => a.affected)) {
        const was =
          change.kind === 'updated'
            ? advisory.previous_affected === true
              ? `; ${plain(change.previous ?? '?', 100)} was too`
              : `; new in this change`
            : ''
        advisoryLines(advisory, `${plain(change.version ?? '?', 100)} is affected${was}`)
      }
    }
  }
  if (fixed.length > 0) {
    heading(`Fixed by this change: ${plural(fixed.length, 'crate')}`)
    for (const located of fixed) {
      crateLine(located)
      const { change } = located
      for (const advisory of change.advisories.filter((a) =>
        change.kind === 'removed' ? a.affected : a.previous_affected === true && !a.affected
      )) {
        advisoryLines(
          advisory,
          change.kind === 'removed'
            ? `${plain(change.previous ?? '?', 100)} was affected and is removed`
            : `${plain(change.previous ?? '?', 100)} was affected, ${plain(change.version ?? '?', 100)} is not`
        )
      }
    }
  }
  if (unknown.length > 0) {
    heading(`Unknown: ${plural(unknown.length, 'crate')} whose advisories could not be looked up`)
    for (const located of unknown) {
      crateLine(located)
      lines.push(`    ${plain(located.change.lookup_error ?? '', 300)}`)
    }
  }
  const admitting = manifestChanges.filter(({ change }) =>
    change.advisories.some((a) => a.admits_affected === true && a.ignored === null)
  )
  if (manifestChanges.length > 0) {
    heading(`Requirement changes: ${plural(manifestChanges.length, 'dependency', 'dependencies')}`)
    for (const { manifest, change } of manifestChanges) {
      lines.push(`  ${manifestLine(manifest, change)}`)
      if (change.lookup_error !== null) lines.push(`    ${plain(change.lookup_error, 300)}`)
      for (const advisory of change.advisories.filter((a) => a.admits_affected === true)) {
        advisoryLines(advisory, 'the requirement admits affected versions')
      }
    }
    if (admitting.length === 0 && report.advisory_source !== null) {
      lines.push('  None of these requirements admits a version with a reported advisory.')
    }
  }
  const quiet = changes.filter(
    (located) =>
      !affected.includes(located) && !fixed.includes(located) && !unknown.includes(located)
  )
  if (quiet.length > 0) {
    heading(`Other changes: ${plural(quiet.length, 'crate')} without affecting advisories`)
    for (const located of quiet) crateLine(located)
  }
  const shownProblems = report.problems.filter((p) => !p.incomplete)
  if (shownProblems.length > 0) {
    heading(`Notes: ${plural(shownProblems.length, 'note')}`)
    for (const problem of shownProblems) lines.push(`  - ${plain(problem.message, 300)}`)
  }
  lines.push('', 'The full report: --format json (or --output <file>).')
  return `${lines.join('\n')}\n`
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
