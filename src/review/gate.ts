// The `fail-on-affected` gate, shared by the action and the CLI, read from the verdicts:
// `introduced` (the input `true`) fails when the pull request introduces an affected version — an
// `introduced` verdict not ignored — and `any` when any added or updated version is affected
// (introduced or still affected). Both fail on an incomplete analysis. Fixes, removals and
// ignored advisories never fail. Counts are in the report's unit (one crate change per distinct
// crate and versions, however many lockfiles hold it).
import type { LockfileChange, ManifestChange, Report, Verdict } from '../core/model.js'
import { fileProblemMessage } from '../diff/changes.js'
import {
  countedRequirements,
  effectiveReq,
  pickedByCargo,
  withVerdict
} from '../evaluate/verdict.js'
import { crateUnits, placeUnits } from './units.js'
import { aliasFolder } from './aliases.js'

export type GateMode = 'off' | 'introduced' | 'any'

/** The incomplete reason of a report made without an advisory source. */
export const NOT_LOOKED_UP = 'advisories were not looked up (no advisory source)'
import { isOutageReason } from '../advisories/source.js'
import { formatCount, plural } from '../core/plural.js'

export interface GateResult {
  /** Crate changes whose new version a non-ignored advisory affects (introduced or still affected). */
  affectedCount: number
  /** Distinct ids of those advisories, sorted. */
  advisoryIds: string[]
  /** `crate old → new (lockfiles): ID, ID` lines for messages. */
  affected: string[]
  /** Crate changes with a non-ignored `introduced` verdict. */
  introducedCount: number
  introducedIds: string[]
  introduced: string[]
  incomplete: boolean
  /** Why the analysis is incomplete, one line per cause. */
  incompleteReasons: string[]
}

function describeChange(
  change: LockfileChange,
  lockfiles: readonly string[],
  ids: string[]
): string {
  const versions =
    change.kind === 'added'
      ? `${change.version ?? ''} (new)`
      : `${change.previous ?? ''} → ${change.version ?? ''}`
  return `${change.name} ${versions} (${lockfiles.join(', ')}): ${ids.join(', ')}`
}

/** The gate's facts from the Review's units (crate changes with their lockfiles, counted requirements). */
export function evaluateGate(
  report: Report,
  units: readonly { change: LockfileChange; lockfiles: readonly string[] }[] = crateUnits(
    report.lockfiles
  ),
  requirements: readonly { change: ManifestChange; manifests: readonly string[] }[] = [
    ...countedRequirements(report.manifests).values()
  ],
  unknownByCause: ReadonlyMap<string, readonly string[]> = placeUnits(report).unknownByCause
): GateResult {
  const reasons: string[] = []
  for (const file of [...report.lockfiles, ...report.manifests]) {
    // The same sentence as its problem, so one unreadable file is one reason.
    if (file.error !== null) reasons.push(fileProblemMessage(file.error))
  }
  // The Review's one grouping of unknown advisories by cause, as the comment's overview reads it:
  // an outage is one cause like any other, with its crates counted the same way.
  for (const [cause, names] of unknownByCause) {
    reasons.push(unknownReason(cause, names) + outageHint(report, cause))
  }
  // The per-cause lines above say what the look-up problems (an outage included) say, once; so
  // do the file lines for the problem each unreadable lockfile or manifest also records.
  const unreadable = [...report.lockfiles, ...report.manifests]
    .filter((file) => file.error !== null)
    .map((file) => file.path)
  const outage = [...unknownByCause.keys()].some(isOutageReason)
  const saidAbove = (problem: Report['problems'][number]): boolean =>
    problem.kind === 'lookup-failed' ||
    (problem.kind === 'source-unavailable' && outage) ||
    // Each unreadable version is also its change's lookup_error, said above.
    problem.kind === 'unreadable-version' ||
    (problem.kind === 'unreadable-file' &&
      unreadable.some(
        (path) => problem.message.startsWith(`${path}:`) || problem.message.startsWith(`${path} `)
      ))
  for (const problem of report.problems) {
    if (problem.incomplete && !saidAbove(problem)) reasons.push(problem.message)
  }

  const affected: string[] = []
  const introduced: string[] = []
  const affectedIds = new Set<string>()
  const introducedIds = new Set<string>()
  /** One counted change: its introduced and still-affected ids, and how messages name it. */
  const countedId = aliasFolder([
    ...units.flatMap((unit) => unit.change.advisories),
    ...requirements.flatMap((unit) => unit.change.advisories)
  ])
  const count = (
    advisories: readonly { id: string; verdict: Verdict; ignored: unknown }[],
    describe: (ids: string[]) => string
  ): void => {
    const newly = [...new Set(withVerdict(advisories, 'introduced').map((a) => countedId(a.id)))]
    const kept = [...new Set(withVerdict(advisories, 'still-affected').map((a) => countedId(a.id)))]
    if (newly.length > 0) {
      introduced.push(describe(newly))
      for (const id of newly) introducedIds.add(id)
    }
    if (newly.length + kept.length > 0) {
      affected.push(describe([...newly, ...kept]))
      for (const id of [...newly, ...kept]) affectedIds.add(id)
    }
  }
  for (const { change, lockfiles } of units) {
    if (change.kind !== 'removed') {
      count(change.advisories, (ids) => describeChange(change, lockfiles, ids))
    }
  }
  // Requirement changes no lockfile change resolves: judged by Cargo's pick, or (pick unknown)
  // counted when every admitted version is affected.
  for (const { change, manifests } of requirements) {
    const from = effectiveReq(change, 'base')
    const to = effectiveReq(change, 'head') ?? '*'
    const requirement = from === null ? `${to} (new)` : `${from} → ${to}`
    const resolution = change.resolution ?? null
    const judged =
      pickedByCargo(change) && resolution !== null && 'version' in resolution
        ? `Cargo picks ${resolution.version ?? '?'}`
        : 'every admitted version affected'
    count(
      change.advisories,
      (ids) =>
        `${change.name} requirement ${requirement}, ${judged} (${manifests.join(', ')}): ${ids.join(', ')}`
    )
  }
  // Unknown is never clean: without an advisory source no version is known to be unaffected.
  if (report.advisory_source === null) reasons.push(NOT_LOOKED_UP)
  const unique = [...new Set(reasons)]
  const incomplete = !report.complete || unique.length > 0
  if (incomplete && unique.length === 0) unique.push('the report says it is incomplete')
  const sorted = (ids: Set<string>): string[] => [...ids].sort()
  return {
    affectedCount: affected.length,
    advisoryIds: sorted(affectedIds),
    affected,
    introducedCount: introduced.length,
    introducedIds: sorted(introducedIds),
    introduced,
    incomplete,
    incompleteReasons: unique
  }
}

/** One cause of unknown advisories: how many crates, which (the first ten), and why. */
export function unknownReason(cause: string, names: readonly string[]): string {
  const shown = names.slice(0, 10).join(', ')
  const more = names.length > 10 ? ` and ${formatCount(names.length - 10)} more` : ''
  return `advisories of ${plural(names.length, 'crate')} are unknown (${shown}${more}): ${cause}`
}

/** The failure message for the gate in this mode, or null when the gate passes. */
export function gateFailure(gate: GateResult, mode: GateMode = 'introduced'): string | null {
  if (mode === 'off') return null
  const parts: string[] = []
  if (mode === 'introduced' && gate.introducedCount > 0) {
    parts.push(
      `This change introduces ${plural(gate.introducedIds.length, 'advisory', 'advisories')} in ${plural(gate.introducedCount, 'crate', 'crates')} (${gate.introducedIds.join(', ')}):\n` +
        gate.introduced.map((line) => `  - ${line}`).join('\n')
    )
  }
  if (mode === 'any' && gate.affectedCount > 0) {
    parts.push(
      `${plural(gate.affectedCount, 'added or updated crate version is', 'added or updated crate versions are')} affected by advisories (${gate.advisoryIds.join(', ')}):\n` +
        gate.affected.map((line) => `  - ${line}`).join('\n')
    )
  }
  if (gate.incomplete) {
    const shown = gate.incompleteReasons.slice(0, 10)
    const more = gate.incompleteReasons.length - shown.length
    parts.push(
      `The analysis is incomplete, so advisories may be missing:\n` +
        shown.map((line) => `  - ${line}`).join('\n') +
        (more > 0 ? `\n  - … and ${formatCount(more)} more` : '')
    )
  }
  return parts.length === 0 ? null : parts.join('\n')
}

/** An outage's advice (`set --advisory-source …`), as its one problem carries it. */
function outageHint(report: Report, cause: string): string {
  if (!isOutageReason(cause)) return ''
  const hint = report.problems.find((p) => p.kind === 'source-unavailable')?.hint?.trim() ?? ''
  return hint === '' ? '' : `. ${hint.replace(/\.$/, '')}`
}
