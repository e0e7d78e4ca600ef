// The fix, stated: the engine's FixAdvice as a sentence under an affected crate and as a table cell.
import type { LockfileChange } from '../core/model.js'
import { clip } from './limits.js'
import { code, text } from './escape.js'

/** The fix advice of an affected change as one paragraph (`short`: one clause for name lists). */
export function fixSentence(change: LockfileChange, form: 'full' | 'short' = 'full'): string {
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
  const compatibility =
    fix.compatible === true
      ? 'semver-compatible'
      : `not semver-compatible with ${current}: the requirement must allow it first`
  const parts = [
    `**Fix:** ${version} (${compatibility}), the smallest version at or above ${current} free of these advisories: ${code(clip(fix.command ?? '', 400))}.`
  ]
  if (fix.newest_compatible !== null && fix.newest_compatible !== fix.version) {
    parts.push(
      `The newest published compatible version without them is ${text(clip(fix.newest_compatible))}.`
    )
  }
  if (!fix.checked_published) {
    parts.push('Named by the advisories; not checked against the crates.io index.')
  }
  return parts.join(' ')
}

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
