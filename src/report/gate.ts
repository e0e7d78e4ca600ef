// The `fail-on-affected` gate, shared by the action and the CLI: fail on an added or updated
// crates.io version affected by a shown, non-ignored advisory, or on an incomplete analysis.
// Removed crates and fixes never fail.
import { CRATES_IO, type Report } from '../core/model.js'
import { isOutageReason } from '../advisories/source.js'

export interface GateResult {
  /** Added/updated crates.io versions affected by at least one non-ignored advisory. */
  affectedCount: number
  /** Distinct ids of those advisories, sorted. */
  advisoryIds: string[]
  /** `crate version: ID, ID` lines for messages. */
  affected: string[]
  incomplete: boolean
  /** Why the analysis is incomplete, one line each. */
  incompleteReasons: string[]
}

export function evaluateGate(report: Report): GateResult {
  const ids = new Set<string>()
  const affected: string[] = []
  const reasons: string[] = []
  // One outage is one reason (its source-unavailable problem), not one per crate.
  const outage = report.problems.some((problem) => problem.kind === 'source-unavailable')
  for (const lockfile of report.lockfiles) {
    if (lockfile.error !== null) {
      reasons.push(
        `${lockfile.path} (${lockfile.error.side}) could not be read: ${lockfile.error.message}`
      )
    }
    for (const change of lockfile.changes) {
      if (change.lookup_error !== null && !(outage && isOutageReason(change.lookup_error))) {
        reasons.push(
          `advisories of ${change.name} ${change.version ?? change.previous ?? ''} are unknown: ${change.lookup_error}`
        )
      }
      if (change.kind === 'removed' || change.source !== CRATES_IO) continue
      const hits = change.advisories.filter(
        (advisory) => advisory.affected && advisory.ignored === null
      )
      if (hits.length === 0) continue
      for (const hit of hits) ids.add(hit.id)
      affected.push(
        `${change.name} ${change.version ?? ''} (${lockfile.path}): ${hits.map((hit) => hit.id).join(', ')}`
      )
    }
  }
  for (const manifest of report.manifests) {
    if (manifest.error !== null) {
      reasons.push(
        `${manifest.path} (${manifest.error.side}) could not be read: ${manifest.error.message}`
      )
    }
  }
  for (const problem of report.problems) if (problem.incomplete) reasons.push(problem.message)
  const unique = [...new Set(reasons)]
  const incomplete = !report.complete || unique.length > 0
  if (incomplete && unique.length === 0) unique.push('the report says it is incomplete')
  return {
    affectedCount: affected.length,
    advisoryIds: [...ids].sort(),
    affected,
    incomplete,
    incompleteReasons: unique
  }
}

/** The failure message for the gate, or null when the gate passes. */
export function gateFailure(gate: GateResult): string | null {
  const parts: string[] = []
  if (gate.affectedCount > 0) {
    parts.push(
      `${String(gate.affectedCount)} added or updated crate version${gate.affectedCount === 1 ? ' is' : 's are'} affected by advisories (${gate.advisoryIds.join(', ')}):\n` +
        gate.affected.map((line) => `  - ${line}`).join('\n')
    )
  }
  if (gate.incomplete) {
    const shown = gate.incompleteReasons.slice(0, 10)
    const more = gate.incompleteReasons.length - shown.length
    parts.push(
      `The analysis is incomplete, so advisories may be missing:\n` +
        shown.map((line) => `  - ${line}`).join('\n') +
        (more > 0 ? `\n  - … and ${String(more)} more` : '')
    )
  }
  return parts.length === 0 ? null : parts.join('\n')
}
