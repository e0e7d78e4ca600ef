// The verdict: for every (change, advisory) what this pull request does — introduces, keeps, fixes,
// or does not touch an affected version — computed once here; the Review (review/) groups and
// counts it for every reader. Pure.
import { isCratesIoOrigin } from '../cargo/source.js'
import {
  CRATES_IO,
  type ChangeVerdict,
  type LockfileChange,
  type ManifestChange,
  type ManifestReport,
  type Verdict
} from '../core/model.js'

/** Strongest first: what a change's verdict is when its advisories disagree. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'introduced',
  'still-affected',
  'fixed',
  'not-affected'
]

/**
 * One advisory against one change. `affected` is for the version the change leaves in the
 * lockfile (for a removed crate: the version it removes), `previous` for the version it replaces.
 * A malicious advisory has no "as before": a change that adds or changes to a version it affects
 * introduces it, whatever the base had (a new version of malware is new code from its author, and
 * nobody means to keep malware), so the gate's `introduced` mode fails on it.
 */
export function findingVerdict(
  kind: 'added' | 'updated' | 'removed' | 'changed',
  affected: boolean,
  previous: boolean | null,
  malicious = false
): Verdict {
  if (kind === 'removed') return affected ? 'fixed' : 'not-affected'
  if (affected) return previous === true && !malicious ? 'still-affected' : 'introduced'
  return previous === true ? 'fixed' : 'not-affected'
}

export function strongest(verdicts: Iterable<Verdict>): Verdict {
  let best = VERDICT_ORDER.length - 1
  for (const verdict of verdicts) best = Math.min(best, VERDICT_ORDER.indexOf(verdict))
  return VERDICT_ORDER[best] ?? 'not-affected'
}

interface Judged {
  advisories: readonly { verdict: Verdict; ignored: unknown }[]
  lookup_error: string | null
}

/** The change's verdict from its advisories: ignored ones do not count. */
export function changeVerdict(change: Judged, checked: boolean): ChangeVerdict {
  if (!checked) return 'not-checked'
  if (change.lookup_error !== null) return 'unknown'
  return strongest(change.advisories.filter((a) => a.ignored === null).map((a) => a.verdict))
}

/** Non-ignored advisories of a change with this verdict. */
export function withVerdict<T extends { verdict: Verdict; ignored: unknown }>(
  advisories: readonly T[],
  verdict: Verdict
): T[] {
  return advisories.filter((a) => a.ignored === null && a.verdict === verdict)
}

/** The counting unit: one crate change is one (crate, source, old version, new version). */
export function crateChangeKey(change: LockfileChange): string {
  return [change.name, change.source ?? '', change.previous ?? '', change.version ?? ''].join(
    '\u0000'
  )
}

/** The lockfile whose directory is the nearest at or above `manifest`'s (paths use `/`). */
export function nearestLockfile<T extends { path: string }>(
  manifest: string,
  lockfiles: readonly T[]
): T | null {
  const dir = (path: string): string => {
    const slash = path.lastIndexOf('/')
    return slash === -1 ? '' : path.slice(0, slash)
  }
  const manifestDir = dir(manifest)
  let best: T | null = null
  let depth = -1
  for (const lockfile of lockfiles) {
    const lockDir = dir(lockfile.path)
    const within =
      lockDir === '' || manifestDir === lockDir || manifestDir.startsWith(lockDir + '/')
    if (within && lockDir.length > depth) {
      best = lockfile
      depth = lockDir.length
    }
  }
  return best
}

/**
 * Requirement changes no lockfile resolves (a library without Cargo.lock, a stale lockfile),
 * counted like crate changes: judged by the version Cargo picks (`resolution`), or, where that
 * pick is not known (index off), only when every version they admit is affected. One per (crate,
 * origin, old requirement, new requirement), however many manifests hold it.
 */
export function countedRequirements(
  manifests: readonly ManifestReport[]
): Map<string, { change: ManifestChange; manifests: string[] }> {
  const units = new Map<string, { change: ManifestChange; manifests: string[] }>()
  for (const manifest of manifests) {
    for (const change of manifest.changes) {
      if (change.locked_by !== null || change.kind === 'removed') continue
      if (change.lookup_error !== null) continue
      if (!pickedByCargo(change) && change.admitted?.all_affected !== true) continue
      const key = [
        change.name,
        JSON.stringify(change.origin),
        effectiveReq(change, 'base') ?? '',
        effectiveReq(change, 'head') ?? ''
      ].join('\u0000')
      const unit = units.get(key) ?? { change, manifests: [] }
      if (!unit.manifests.includes(manifest.path)) unit.manifests.push(manifest.path)
      units.set(key, unit)
    }
  }
  return units
}

/** The head requirement is judged by the version Cargo picks (a fresh resolution, or past a stale pin). */
export function pickedByCargo(change: ManifestChange): boolean {
  const resolution = change.resolution ?? null
  if (resolution === null) return false
  return (
    resolution.kind === 'fresh-resolution' ||
    (resolution.kind === 'stale-lockfile' && resolution.version !== null)
  )
}

export function isCratesIoLockChange(change: LockfileChange): boolean {
  return change.source === CRATES_IO
}

/** Registry dependencies with no `registry = …` come from crates.io. */
export function isCratesIoManifestChange(change: ManifestChange): boolean {
  return isCratesIoOrigin(change.origin)
}

/**
 * The requirement in force on one side: the workspace's for `workspace = true` (Cargo allows no
 * version beside it), else the one written in the manifest.
 */
export function effectiveReq(change: ManifestChange, side: 'head' | 'base'): string | null {
  return side === 'head'
    ? (change.workspace_req ?? change.req)
    : (change.previous_workspace_req ?? change.previous_req)
}
