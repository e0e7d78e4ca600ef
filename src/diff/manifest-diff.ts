// Manifest diff: declarations paired by (section, target, key).
import { compareStrings } from '../core/compare.js'
import type { ResolvedDependency } from '../cargo/workspace.js'
import { dependencyIdentity } from '../cargo/manifest.js'
import type { ManifestChange } from '../core/model.js'

/** Changes between two manifests' declarations; a missing side (null) declares nothing. Sorted. */
export function diffManifests(
  base: readonly ResolvedDependency[] | null,
  head: readonly ResolvedDependency[] | null
): ManifestChange[] {
  const before = new Map((base ?? []).map((d) => [dependencyIdentity(d), d]))
  const changes: ManifestChange[] = []
  for (const now of head ?? []) {
    const id = dependencyIdentity(now)
    const was = before.get(id)
    before.delete(id)
    if (was === undefined) {
      changes.push(change('added', now, now, null))
    } else if (was.name !== now.name || was.req !== now.req || was.workspace !== now.workspace) {
      changes.push(change('changed', now, now, was))
    }
  }
  for (const was of before.values()) changes.push(change('removed', was, null, was))
  return changes.sort(compareManifestChanges)
}

function change(
  kind: ManifestChange['kind'],
  shown: ResolvedDependency,
  now: ResolvedDependency | null,
  was: ResolvedDependency | null
): ManifestChange {
  // `shown` is head's declaration, or base's for a removal; `req`/`workspace_req` follow each side.
  return {
    name: shown.name,
    key: shown.key,
    section: shown.section,
    target: shown.target,
    kind,
    req: now?.req ?? null,
    previous_req: was?.req ?? null,
    workspace: shown.workspace,
    workspace_req: now?.workspace_req ?? null,
    previous_workspace_req: was?.workspace_req ?? null,
    origin: shown.origin,
    previous_origin: was?.origin ?? null,
    advisories: [],
    lookup_error: null,
    // Judged later, once advisories are looked up (evaluate/annotate.ts).
    verdict: 'not-checked',
    locked_by: null,
    admitted: null
  }
}

/** By name, then section, target and key, then kind. */
export function compareManifestChanges(a: ManifestChange, b: ManifestChange): number {
  return (
    compareStrings(a.name, b.name) ||
    compareStrings(a.section, b.section) ||
    compareStrings(a.target ?? '', b.target ?? '') ||
    compareStrings(a.key, b.key) ||
    compareStrings(a.kind, b.kind)
  )
}
