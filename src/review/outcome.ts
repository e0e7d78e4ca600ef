// The run's outcome under the gates that are on, and why: one decision that the comment's first
// line, the job summary, the failure message and the CLI's first line all state. Unknown is never
// clean: an incomplete analysis is its own outcome unless something known already fails.
import type { AdvisoryInfo, Report, Verdict } from '../core/model.js'

type AdvisoryInfoWithVerdict = AdvisoryInfo & { verdict: Verdict; ignored: unknown }
import { countedRequirements, withVerdict } from '../evaluate/verdict.js'
import type { GateMode, GateResult } from './gate.js'
import type { YankedGate } from './yanked-gate.js'
import { evaluateAgeGate } from './age-gate.js'

export interface OutcomeModes {
  failOnAffected: GateMode
  failOnYanked: boolean
  /** `fail-on-too-new`: a version younger than the cooldown fails, an unknown age is incomplete. */
  failOnTooNew?: boolean
}

/** The action's and the CLI's defaults: no gate on. */
export const NO_GATES: OutcomeModes = { failOnAffected: 'off', failOnYanked: false }

/**
 * - `fails`: a gate that is on fails on something known;
 * - `incomplete`: nothing known fails, but something could not be read, looked up or attributed;
 * - `not-gated`: advisories are introduced and no gate is on for them (the check passes);
 * - `passes`: nothing introduced, everything read;
 * - `not-checked`: advisories were not looked up at all.
 */
export type OutcomeStatus = 'fails' | 'incomplete' | 'not-gated' | 'passes' | 'not-checked'

export interface Outcome {
  status: OutcomeStatus
  modes: OutcomeModes
  /** Crates with an introduced advisory, by name, in report order; malicious ones separately. */
  introducedCrates: string[]
  maliciousCrates: string[]
  /** Crate changes with an introduced advisory, in the report's counting unit. */
  introducedChanges: number
  /** Distinct introduced advisories (aliases folded by the engine's summary). */
  introducedAdvisories: number
  /** `--fail-on-affected any`: crate versions affected, introduced or kept. */
  affectedCount: number
  /** `name version` of yanked and unlisted versions the change adds (only counted with the gate). */
  yanked: string[]
  unlisted: string[]
  /** `name version` of versions younger than the cooldown (only counted with the gate). */
  tooNew: string[]
  /** Why the analysis is incomplete, one line per cause (the gate's reasons). */
  incompleteReasons: string[]
}

function nameOnly(line: string): string {
  // The yanked gate's lines are `name version (lockfile)[: note]`.
  return line.replace(/ \([^)]*\)(: .*)?$/s, '')
}

export function decideOutcome(
  report: Report,
  gate: GateResult,
  yanked: YankedGate,
  modes: OutcomeModes = NO_GATES
): Outcome {
  const introducedCrates: string[] = []
  const maliciousCrates: string[] = []
  const changes: { name: string; advisories: readonly AdvisoryInfoWithVerdict[] }[] = [
    ...report.lockfiles.flatMap((l) => l.changes.filter((c) => c.kind !== 'removed')),
    ...[...countedRequirements(report.manifests).values()].map((unit) => unit.change)
  ]
  for (const change of changes) {
    const introduced = withVerdict(change.advisories, 'introduced')
    if (introduced.length === 0) continue
    if (!introducedCrates.includes(change.name)) introducedCrates.push(change.name)
    if (
      introduced.some((a) => a.categories.includes('malicious')) &&
      !maliciousCrates.includes(change.name)
    ) {
      maliciousCrates.push(change.name)
    }
  }
  const unique = (lines: readonly string[]): string[] => [...new Set(lines.map(nameOnly))]
  const ages = modes.failOnTooNew === true ? evaluateAgeGate(report) : null
  const outcome: Outcome = {
    status: 'passes',
    modes,
    introducedCrates,
    maliciousCrates,
    introducedChanges: report.summary.introduced_crates,
    introducedAdvisories: report.summary.introduced_ids.length,
    affectedCount: gate.affectedCount,
    yanked: modes.failOnYanked ? unique(yanked.yanked) : [],
    unlisted: modes.failOnYanked ? unique(yanked.unlisted) : [],
    tooNew: ages === null ? [] : unique(ages.tooNew),
    incompleteReasons: [
      ...gate.incompleteReasons,
      ...(modes.failOnYanked && yanked.unknown.length > 0
        ? [`whether ${String(unique(yanked.unknown).length)} new versions are yanked is unknown`]
        : []),
      ...(ages !== null && ages.unknown.length > 0
        ? [
            `the publish age of ${String(unique(ages.unknown).length)} new versions under the cooldown is unknown`
          ]
        : [])
    ]
  }
  if (report.advisory_source === null) return { ...outcome, status: 'not-checked' }
  const failsAffected =
    (modes.failOnAffected === 'introduced' && gate.introducedCount > 0) ||
    (modes.failOnAffected === 'any' && gate.affectedCount > 0)
  if (
    failsAffected ||
    outcome.yanked.length + outcome.unlisted.length + outcome.tooNew.length > 0
  ) {
    return { ...outcome, status: 'fails' }
  }
  if (outcome.incompleteReasons.length > 0 || !report.complete) {
    return { ...outcome, status: 'incomplete' }
  }
  if (introducedCrates.length > 0) return { ...outcome, status: 'not-gated' }
  return outcome
}
