// The `fail-on-yanked` gate: fail when the change introduces a crates.io version that the index
// marks as yanked, that the index does not list, or whose status could not be read (unknown is
// never clean). Only added and updated versions count; a version already there is not judged.
import { formatCount } from '../core/plural.js'
import type { Report } from '../core/model.js'
import { registryStatus } from './units.js'

export interface YankedGate {
  /** `crate version (lockfile)` lines. */
  yanked: string[]
  /** Not on crates.io: the crate or the version is not in the index. */
  unlisted: string[]
  /** The index could not tell. */
  unknown: string[]
}

export function evaluateYankedGate(report: Report): YankedGate {
  const gate: YankedGate = { yanked: [], unlisted: [], unknown: [] }
  for (const lockfile of report.lockfiles) {
    for (const change of lockfile.changes) {
      const status = registryStatus(change)
      if (status === null || status === 'listed') continue
      const line = `${change.name} ${change.version ?? ''} (${lockfile.path})`
      const note = change.registry?.note ?? null
      if (status === 'yanked') gate.yanked.push(line)
      else if (status === 'unknown')
        gate.unknown.push(`${line}: ${note ?? 'yanked status unknown'}`)
      else gate.unlisted.push(`${line}: ${note ?? status}`)
    }
  }
  return gate
}

/** The failure message, or null when nothing introduced is yanked, unlisted or unknown. */
export function yankedGateFailure(
  gate: YankedGate,
  subject: 'The pull request' | 'The change' = 'The pull request'
): string | null {
  const parts: string[] = []
  const list = (lines: readonly string[]): string => lines.map((line) => `  - ${line}`).join('\n')
  if (gate.yanked.length > 0) {
    parts.push(`${subject} introduces yanked crate versions:\n${list(gate.yanked)}`)
  }
  if (gate.unlisted.length > 0) {
    parts.push(
      `${subject} introduces crates.io versions the crates.io index does not list:\n${list(gate.unlisted)}`
    )
  }
  if (gate.unknown.length > 0) {
    parts.push(
      `Whether these versions are yanked is unknown:\n${list(gate.unknown.slice(0, 10))}${gate.unknown.length > 10 ? `\n  - … and ${formatCount(gate.unknown.length - 10)} more` : ''}`
    )
  }
  return parts.length === 0 ? null : parts.join('\n')
}
