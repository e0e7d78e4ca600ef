// The report's counts (its `summary`), made of the Review's counting units: one per crate change
// (crate, source, old, new) however many lockfiles hold it, one per counted requirement change. Pure.
import { compareStrings } from '../core/compare.js'
import type { LockfileReport, ManifestReport, ReportSummary, Verdict } from '../core/model.js'
import { countedRequirements } from '../evaluate/verdict.js'
import { aliasFolder } from './aliases.js'
import { crateUnits } from './units.js'

function sortedIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareStrings)
}

/** Every count of the report, in the Review's units (ReportSummary documents them), from the verdicts only. */
export function summarize(
  lockfiles: readonly LockfileReport[],
  manifests: readonly ManifestReport[]
): ReportSummary {
  const unique = crateUnits(lockfiles).map((unit) => unit.change)
  const ids: Record<Verdict, Set<string>> = {
    introduced: new Set(),
    'still-affected': new Set(),
    fixed: new Set(),
    'not-affected': new Set()
  }
  const ignored = new Set<string>()
  let introducedCrates = 0
  let stillCrates = 0
  let fixedCrates = 0
  const requirements = [...countedRequirements(manifests).values()].map((unit) => unit.change)
  const counted = aliasFolder([
    ...lockfiles.flatMap((l) => l.changes.flatMap((change) => change.advisories)),
    ...manifests.flatMap((m) => m.changes.flatMap((change) => change.advisories))
  ])
  for (const change of [...unique, ...requirements]) {
    for (const finding of change.advisories) {
      if (finding.ignored === null) ids[finding.verdict].add(counted(finding.id))
      else if (finding.verdict !== 'not-affected') ignored.add(counted(finding.id))
    }
    const active = change.advisories.filter((a) => a.ignored === null)
    if (active.some((a) => a.verdict === 'introduced')) introducedCrates++
    else if (active.some((a) => a.verdict === 'still-affected')) stillCrates++
    if (active.some((a) => a.verdict === 'fixed')) fixedCrates++
  }
  for (const manifest of manifests) {
    for (const change of manifest.changes) {
      for (const finding of change.advisories) {
        if (finding.ignored !== null && finding.verdict !== 'not-affected')
          ignored.add(counted(finding.id))
      }
    }
  }
  const affectedIds = sortedIds([...ids.introduced, ...ids['still-affected']])
  return {
    lockfiles_changed: lockfiles.filter((lockfile) => lockfile.changes.length > 0).length,
    crates_added: unique.filter((c) => c.kind === 'added').length,
    crates_updated: unique.filter((c) => c.kind === 'updated').length,
    crates_removed: unique.filter((c) => c.kind === 'removed').length,
    affected_versions: introducedCrates + stillCrates,
    affected_advisories: affectedIds.length,
    fixed_advisories: ids.fixed.size,
    ignored_advisories: ignored.size,
    manifests_changed: manifests.filter((manifest) => manifest.changes.length > 0).length,
    introduced_crates: introducedCrates,
    introduced_ids: sortedIds(ids.introduced),
    still_affected_crates: stillCrates,
    still_affected_ids: sortedIds(ids['still-affected']),
    fixed_crates: fixedCrates,
    fixed_ids: sortedIds(ids.fixed),
    affected_ids: affectedIds,
    ignored_ids: sortedIds(ignored),
    unknown_crates: unique.filter((c) => c.lookup_error !== null).length
  }
}
