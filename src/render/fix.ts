// The fix, stated: the engine's FixAdvice as a sentence under an affected crate and as a table cell.
import type { FixAdvice, LockfileChange, Report } from '../core/model.js'
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

/** The fix advice of an affected change as one paragraph (`short`: one clause for name lists).
 * `notedOnce`: the overview already says that no fix was checked against the index. */
export function fixSentence(
  change: LockfileChange,
  form: 'full' | 'short' = 'full',
  notedOnce = false
): string {
  const fix = change.fix
  if (fix === null) return ''
  const current = text(clip(change.version ?? '?'))
  if (fix.version === null) {
    if (fix.malicious) {
      return form === 'short'
        ? 'No fixed version: a malicious crate.'
        : '**Fix:** none. RustSec marks this crate as malicious and names no fixed version: remove the dependency.'
    }
    const why =
      fix.none_reason === 'no-published-fix'
        ? `no published, non-yanked version at or above ${current} is free of the advisories shown here`
        : `no advisory shown here names a version at or above ${current} that fixes them all`
    return form === 'short' ? 'No fixed version yet.' : `**Fix:** none yet: ${why}.`
  }
  const version = text(clip(fix.version))
  if (form === 'short')
    return `Fix: ${version}${fix.compatible === true ? '' : ' (not semver-compatible)'}.`
  const command = code(clip(fix.command ?? '', 400))
  // What "the fix" means is said once, in the overview (FIX_MEANING).
  const parts = [
    fix.compatible === true
      ? `**Fix:** ${command} (semver-compatible).`
      : `**Fix:** ${command}, once the requirement allows ${version} (not semver-compatible).`
  ]
  if (fix.newest_compatible !== null && fix.newest_compatible !== fix.version) {
    parts.push(
      `The newest published compatible version without them is ${text(clip(fix.newest_compatible))}.`
    )
  }
  if (!fix.checked_published && !notedOnce) {
    parts.push('Named by the advisories; not checked against the crates.io index.')
  }
  return parts.join(' ')
}

/** What every "Fix" names, said once in the overview. */
export const FIX_MEANING =
  'A fix is the smallest version at or above the new one free of the advisories shown.'

/** The table's Fix column. */
export function fixCell(change: LockfileChange): string {
  const fix = change.fix
  if (fix === null) return '–'
  if (fix.version === null) return fix.malicious ? 'none (malicious)' : 'none yet'
  const version = text(clip(fix.version))
  return fix.compatible === true
    ? `${version} (compatible)`
    : `${version} (needs a requirement change)`
}
