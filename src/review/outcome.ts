// The gates over the Review: `gate(review, policy)` is the run's one decision — pass, fail or
// incomplete, the outcome the comment's first line, the job summary and the CLI's first line
// state, and the failure messages the action and the CLI print. Unknown is never clean: an
// incomplete analysis is its own outcome unless something known already fails. Pure.
import { formatCount } from '../core/plural.js'
import { ageGateFailure } from './age-gate.js'
import { gateFailure, NOT_LOOKED_UP, type GateMode } from './gate.js'
import type { Review } from './review.js'
import { yankedGateFailure } from './yanked-gate.js'

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

/** What the gates that are on say: `fail` on something known, else `incomplete` on an unknown. */
export type GateVerdict = 'pass' | 'fail' | 'incomplete'

export interface Decision {
  result: GateVerdict
  outcome: Outcome
  /** One message per gate that does not pass, in the order affected, yanked, too new. */
  failures: { affected: string | null; yanked: string | null; tooNew: string | null }
}

/** The decision under `policy`; messages speak of `subject` (the action's PR, the CLI's change). */
export function gate(
  review: Review,
  policy: OutcomeModes = NO_GATES,
  subject: 'The pull request' | 'The change' = 'The pull request'
): Decision {
  const { affected, yanked, ages } = review
  const failOnTooNew = policy.failOnTooNew === true
  const unique = (lines: readonly string[]): string[] => [...new Set(lines.map(nameOnly))]
  const outcome: Outcome = {
    status: 'passes',
    modes: policy,
    introducedCrates: review.introducedCrates,
    maliciousCrates: review.maliciousCrates,
    introducedChanges: review.counts.introduced_crates,
    introducedAdvisories: review.counts.introduced_ids.length,
    affectedCount: affected.affectedCount,
    yanked: policy.failOnYanked ? unique(yanked.yanked) : [],
    unlisted: policy.failOnYanked ? unique(yanked.unlisted) : [],
    tooNew: failOnTooNew ? unique(ages.tooNew) : [],
    incompleteReasons: [
      ...affected.incompleteReasons,
      ...(policy.failOnYanked && yanked.unknown.length > 0
        ? [
            `whether ${formatCount(unique(yanked.unknown).length)} new versions are yanked is unknown`
          ]
        : []),
      ...(failOnTooNew && ages.unknown.length > 0
        ? [
            `the publish age of ${formatCount(unique(ages.unknown).length)} new versions under the cooldown is unknown`
          ]
        : [])
    ]
  }
  // Each gate that is on: known failures, then unknowns.
  const failing =
    (policy.failOnAffected === 'introduced' && affected.introducedCount > 0) ||
    (policy.failOnAffected === 'any' && affected.affectedCount > 0) ||
    (policy.failOnYanked && yanked.yanked.length + yanked.unlisted.length > 0) ||
    (failOnTooNew && ages.tooNew.length > 0)
  const unknown =
    (policy.failOnAffected !== 'off' && affected.incomplete) ||
    (policy.failOnYanked && yanked.unknown.length > 0) ||
    (failOnTooNew && ages.unknown.length > 0)
  const result: GateVerdict = failing ? 'fail' : unknown ? 'incomplete' : 'pass'
  return {
    result,
    outcome: { ...outcome, status: status(review, outcome, result) },
    failures: {
      affected: gateFailure(affected, policy.failOnAffected),
      yanked: policy.failOnYanked ? yankedGateFailure(yanked, subject) : null,
      tooNew: failOnTooNew ? ageGateFailure(ages, subject) : null
    }
  }
}

/**
 * The first line's status follows the gates' result, so the first line and the exit code agree:
 * `fail` is `fails` (also without an advisory source: a yanked version fails on its own);
 * otherwise what is unknown comes first — `not-checked` when the only unknown is that no advisory
 * source was used — then what was introduced with no gate on it.
 */
function status(review: Review, outcome: Outcome, result: GateVerdict): OutcomeStatus {
  const { report } = review
  if (result === 'fail') return 'fails'
  // The gate's reasons say every unknown (an incomplete report always gives one).
  const unknowns = outcome.incompleteReasons.filter((reason) => reason !== NOT_LOOKED_UP)
  if (report.advisory_source === null && unknowns.length === 0) return 'not-checked'
  if (outcome.incompleteReasons.length > 0) return 'incomplete'
  if (outcome.introducedCrates.length > 0) return 'not-gated'
  return 'passes'
}
