// The Review: everything the readers of a Report need, decided once right after analysis — the
// counting units in their places, the malicious and registry facts, what the gates read (affected,
// yanked, too new, unknown) and the counts. The comment, the summary, the CLI text, the action's
// outputs and the exit code read it and decide nothing. Pure.
import type { AdvisoryInfo, ManifestChange, Report, ReportSummary, Verdict } from '../core/model.js'
import { countedRequirements, withVerdict } from '../evaluate/verdict.js'
import { evaluateAgeGate, type AgeGate } from './age-gate.js'
import { evaluateGate, type GateResult } from './gate.js'
import { crateUnits, isMaliciousFinding, placeUnits, type Places } from './units.js'
import { evaluateYankedGate, type YankedGate } from './yanked-gate.js'

export interface Review extends Places {
  report: Report
  /** Requirement changes no lockfile resolves that count like crate changes, with their manifests. */
  countedRequirements: { change: ManifestChange; manifests: string[] }[]
  /** What `fail-on-affected` reads: affected and introduced units, and why the analysis is incomplete. */
  affected: GateResult
  /** What `fail-on-yanked` reads: added or updated versions yanked, unlisted or unknown. */
  yanked: YankedGate
  /** What `fail-on-too-new` reads: versions younger than their cooldown, or of unknown age. */
  ages: AgeGate
  /** Crates with an introduced advisory, by name, in report order; malicious ones separately. */
  introducedCrates: string[]
  maliciousCrates: string[]
  /** The report's counts (one unit per crate change), computed by the engine from the same units. */
  counts: ReportSummary
}

export function buildReview(report: Report): Review {
  const units = crateUnits(report.lockfiles)
  const requirements = [...countedRequirements(report.manifests).values()]
  // Sets, not arrays: a PR of thousands of crates would make `includes` quadratic.
  const introducedCrates = new Set<string>()
  const maliciousCrates = new Set<string>()
  const changes: {
    name: string
    advisories: readonly (AdvisoryInfo & { verdict: Verdict; ignored: unknown })[]
  }[] = [
    ...report.lockfiles.flatMap((l) => l.changes.filter((c) => c.kind !== 'removed')),
    ...requirements.map((unit) => unit.change)
  ]
  for (const change of changes) {
    const introduced = withVerdict(change.advisories, 'introduced')
    if (introduced.length === 0) continue
    introducedCrates.add(change.name)
    if (introduced.some(isMaliciousFinding)) maliciousCrates.add(change.name)
  }
  const places = placeUnits(report)
  return {
    ...places,
    report,
    countedRequirements: requirements,
    affected: evaluateGate(report, units, requirements, places.unknownByCause),
    yanked: evaluateYankedGate(report),
    ages: evaluateAgeGate(report),
    introducedCrates: [...introducedCrates],
    maliciousCrates: [...maliciousCrates],
    counts: report.summary
  }
}
