// The `fail-on-too-new` gate: fail when the change adds or updates a version younger than the
// cooldown its lockfile is under, or one whose age (or cooldown) could not be established under
// it (unknown is never clean). Without any cooldown there is nothing to check, and that is said.
import { formatCount } from '../core/plural.js'
import { formatAge } from '../cargo/cooldown.js'
import type { Report } from '../core/model.js'

export interface AgeGate {
  /** `crate version (lockfile): published …, younger than …` lines. */
  tooNew: string[]
  /** Versions or lockfiles whose age or cooldown is unknown under a cooldown. */
  unknown: string[]
  /** Some lockfile with new versions has an active (or unreadable) cooldown. */
  active: boolean
}

export function evaluateAgeGate(report: Report): AgeGate {
  const gate: AgeGate = { tooNew: [], unknown: [], active: false }
  for (const lockfile of report.lockfiles) {
    const cooldown = lockfile.cooldown
    if (cooldown === undefined || cooldown.status === 'none' || cooldown.status === 'off') continue
    if (!lockfile.changes.some((change) => change.kind !== 'removed')) continue
    gate.active = true
    if (cooldown.status === 'unknown') {
      gate.unknown.push(`${lockfile.path}: its cooldown is unknown: ${cooldown.origin ?? ''}`)
      continue
    }
    for (const change of lockfile.changes) {
      const age = change.publish_age
      if (age === null || age === undefined || age.min_publish_age_seconds === null) continue
      const line = `${change.name} ${change.version ?? ''} (${lockfile.path})`
      if (age.too_new === true) {
        gate.tooNew.push(
          `${line}: published ${age.published ?? '?'}, ${formatAge(age.age_seconds ?? 0)} ago, younger than ${formatAge(age.min_publish_age_seconds)}`
        )
      } else if (age.too_new === null) {
        gate.unknown.push(`${line}: ${age.note ?? 'publish age unknown'}`)
      }
    }
  }
  return gate
}

/** The failure message, or null when nothing is too new or unknown. */
export function ageGateFailure(
  gate: AgeGate,
  subject: 'The pull request' | 'The change' = 'The pull request'
): string | null {
  const parts: string[] = []
  const list = (lines: readonly string[]): string =>
    lines
      .slice(0, 10)
      .map((line) => `  - ${line}`)
      .join('\n') + (lines.length > 10 ? `\n  - … and ${formatCount(lines.length - 10)} more` : '')
  if (gate.tooNew.length > 0) {
    parts.push(
      `${subject} adds versions younger than the cooldown (min-publish-age):\n${list(gate.tooNew)}`
    )
  }
  if (gate.unknown.length > 0) {
    parts.push(`Whether these versions are too new is unknown:\n${list(gate.unknown)}`)
  }
  return parts.length === 0 ? null : parts.join('\n')
}
