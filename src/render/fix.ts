// The fix, stated: the engine's FixAdvice as a sentence under an affected crate and as a table cell.
import type { FixAdvice, FixParent, FixRequirement, LockfileChange, Report } from '../core/model.js'
import { clip } from './limits.js'
import { code, text } from './escape.js'

/**
 * Whether every fix version the report names comes from the advisories alone (the crates.io index
 * was off or failed for all of them): then the overview says so once instead of every crate.
 */
export function fixesUnchecked(report: Report): boolean {
  const fixes = namedFixes(report)
  return fixes.length > 0 && fixes.every((fix) => !fix.checked_published)
}

/** The fix advice of every change that names a fixed version. */
export function namedFixes(report: Report): FixAdvice[] {
  return report.lockfiles.flatMap((l) =>
    l.changes.flatMap((c) => (c.fix === null || c.fix.version === null ? [] : [c.fix]))
  )
}

/** How the words of the advice are marked up: Markdown for the comment, plain for the terminal. */
export interface FixMarkup {
  /** A name, version or command shown as code. */
  code(value: string, max?: number): string
  /** Free text (already-trusted words are not passed through it). */
  text(value: string): string
}

const MARKDOWN: FixMarkup = {
  code: (value, max = 200) => code(clip(value, max)),
  text: (value) => text(clip(value))
}

function sectionName(r: FixRequirement): string {
  return r.section === 'workspace.dependencies' ? '[workspace.dependencies]' : `[${r.section}]`
}

/** "`[dependencies]` of `Cargo.toml` (and 3 more)". */
function requirementPlaces(list: readonly FixRequirement[], m: FixMarkup): string {
  const first = list[0]
  if (first === undefined) return ''
  const more = list.length > 1 ? ` (and ${String(list.length - 1)} more)` : ''
  return `${m.code(`${first.crate} = "${first.requirement}"`)} in ${m.code(sectionName(first))} of ${m.code(first.manifest, 300)}${more}`
}

function parentClause(p: FixParent, crate: string, target: string, m: FixMarkup): string {
  const head = `${m.code(crate)} comes in through ${m.code(p.name)} ${m.text(p.version)}, whose requirement ${m.code(p.requirement)} does not admit ${m.text(target)}`
  return p.release === null
    ? `${head}, and no release of ${m.code(p.name)} admits it yet`
    : p.release_requirement === null
      ? `${head}; its release ${m.text(p.release)} no longer depends on it`
      : `${head}; its release ${m.text(p.release)} does`
}

/**
 * The advice in words: one value (`change.fix`) for the comment and the CLI alike. `short` is one
 * clause for name lists.
 */
export function fixWords(fix: FixAdvice, form: 'full' | 'short', m: FixMarkup = MARKDOWN): string {
  const target = fix.version === null ? null : m.text(fix.version)
  const cmd = fix.command === null ? '' : m.code(fix.command, 600)
  const notes: string[] = []
  if (fix.unmaintained_note) notes.push('the advisory says the crate is unmaintained')
  if (fix.archived_note) notes.push('the advisory says its repository is archived')
  const also = notes.length > 0 ? ` (${notes.join('; ')})` : ''
  if (form === 'short') {
    switch (fix.kind) {
      case 'none':
        return `No fixed version is published${also}.`
      case 'remove':
        return 'A malicious crate: remove it.'
      case 'compromised':
        return target === null
          ? 'Compromised release: no clean release named.'
          : `Compromised release: move to ${target}.`
      case 'edit-requirements':
        return `Fix: ${target ?? '?'} (a requirement must change).`
      case 'update-parent':
        return `Fix: ${target ?? '?'} (a parent crate must move).`
      case 'no-parent-release':
        return `Fix: ${target ?? '?'}, which no release of its parent admits yet.`
      case 'update':
        return `Fix: ${target ?? '?'}.`
    }
  }
  const parts: string[] = []
  switch (fix.kind) {
    case 'none':
      parts.push(`none: no fixed version is published${also}.`)
      break
    case 'remove':
      parts.push(
        'none: this is a malicious crate (every published version is marked): remove the dependency.'
      )
      break
    case 'compromised':
    case 'edit-requirements':
    case 'update-parent':
    case 'no-parent-release':
    case 'update': {
      if (fix.kind === 'compromised' && target === null) {
        parts.push(
          'compromised releases, not a malicious crate: no release free of the advisories shown here was found to name; move to a release from before the compromise.'
        )
        break
      }
      if (fix.kind === 'compromised') {
        parts.push(
          `compromised releases, not a malicious crate: move to ${target ?? '?'}, a version no advisory shown here marks.`
        )
      }
      const stuck = fix.parents.filter((p) => p.release === null)
      for (const p of fix.parents) parts.push(`${parentClause(p, fix.crate, target ?? '?', m)}.`)
      if (fix.requirements.length > 0) {
        const verb = fix.kind === 'compromised' ? 'change' : 'raise'
        const byCrate = new Map<string, FixRequirement[]>()
        for (const r of fix.requirements) byCrate.set(r.crate, [...(byCrate.get(r.crate) ?? []), r])
        for (const [crate, list] of byCrate) {
          const to =
            crate === fix.crate
              ? (target ?? '?')
              : m.text(fix.parents.find((p) => p.name === crate)?.release ?? '?')
          parts.push(
            `${verb === 'raise' ? 'Raise' : 'Change'} the requirement ${requirementPlaces(list, m)} to admit ${to}.`
          )
        }
      }
      if (stuck.length === 0 && cmd !== '') {
        const alone = parts.length === 0
        parts.push(
          alone ? `${cmd}.` : fix.requirements.length > 0 ? `Then: ${cmd}.` : `Run ${cmd}.`
        )
      }
      if (
        fix.kind === 'update' &&
        fix.newest_compatible !== null &&
        fix.newest_compatible !== fix.version
      ) {
        parts.push(
          `The newest published compatible version without them is ${m.text(fix.newest_compatible)}.`
        )
      }
      if (fix.unread.length > 0) {
        const shown = fix.unread.slice(0, 3).map((u) => m.code(u))
        const more = fix.unread.length > 3 ? `, and ${String(fix.unread.length - 3)} more` : ''
        const who = `${shown.join(', ')}${more}`
        parts.push(
          fix.kind === 'update' && fix.compatible === false
            ? `${target ?? '?'} is not semver-compatible with ${m.text(fix.current)}: this works only if the requirements of ${who} admit it, and they could not be read.`
            : `This assumes the requirements of ${who} admit ${target ?? '?'}: they could not be read.`
        )
      }
      break
    }
  }
  return parts.join(' ')
}

/** The fix advice of an affected change as one paragraph (`short`: one clause for name lists).
 * `notedOnce`: the overview already says that no fix was checked against the index. */
export function fixSentence(
  change: LockfileChange,
  form: 'full' | 'short' = 'full',
  notedOnce = false
): string {
  const fix = change.fix
  if (fix === null) return ''
  if (form === 'short') return fixWords(fix, 'short')
  const words = fixWords(fix, 'full')
  const named =
    fix.version !== null && !fix.checked_published && !notedOnce
      ? ' Named by the advisories; not checked against the crates.io index.'
      : ''
  return `**Fix:** ${words}${named}`
}

/** What every "Fix" names, said once in the overview. */
export const FIX_MEANING =
  'A fix is the smallest version at or above the new one free of the advisories shown.'

/** The table's Fix column. */
export function fixCell(change: LockfileChange): string {
  const fix = change.fix
  if (fix === null) return '–'
  const version = text(clip(fix.version ?? '?'))
  switch (fix.kind) {
    case 'none':
      return 'none published'
    case 'remove':
      return 'none (malicious crate)'
    case 'compromised':
      return fix.version === null
        ? 'none named (compromised release)'
        : `${version} (compromised release)`
    case 'edit-requirements':
      return `${version} (requirement change)`
    case 'update-parent':
      return `${version} (parent must move)`
    case 'no-parent-release':
      return `${version} (no parent release yet)`
    case 'update':
      return fix.compatible === null
        ? `${version} (requirements not read)`
        : fix.compatible
          ? version
          : `${version} (not semver-compatible)`
  }
}
