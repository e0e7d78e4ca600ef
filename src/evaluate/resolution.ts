// Which version Cargo uses for a requirement on one side: the lockfile's pin when the requirement
// admits it, else (stale or no lockfile) what a fresh resolution picks — the highest published,
// non-yanked version the requirement admits, honouring rust-version under resolver 3. Pure.
import type { LockPin } from '../diff/lock-pins.js'
import type { Resolution } from '../core/model.js'
import { isAffected, type AffectedMatcher } from './affected.js'
import { admittedVersions } from './fix.js'
import { admitsAffected, parseCargoReq, reqMatches, type CargoReq } from './requirement.js'
import { compareVersions, parseVersion, type Version } from './version.js'

export interface Release {
  version: string
  /** Unknown counts as yanked: never picked. */
  yanked: boolean
  rust_version: string | null
}

/** The crates.io releases of a crate, or why they are not known (index off, or it failed). */
export type Releases = { releases: readonly Release[] } | { unknown: string }

/** A rust-version (`1.70`, `1.70.1`) as a comparable version; null when it is not one. */
function rustVersion(text: string): Version | null {
  const parts = text.split('.')
  while (parts.length < 3) parts.push('0')
  return parseVersion(parts.join('.'))
}

/**
 * Cargo's pick for a fresh resolution: the highest admitted, non-yanked release; with an MSRV,
 * the highest whose rust-version is unset or not above it, falling back to the highest (resolver
 * 3's `fallback`). Null when no release is admitted.
 */
export function freshPick(
  req: CargoReq,
  releases: readonly Release[],
  msrv: string | null
): string | null {
  const admitted = releases
    .filter((r) => !r.yanked)
    .map((r) => ({ release: r, version: parseVersion(r.version) }))
    .filter(
      (r): r is { release: Release; version: Version } =>
        r.version !== null && reqMatches(req, r.version)
    )
    .sort((a, b) => compareVersions(b.version, a.version))
  const limit = msrv === null ? null : rustVersion(msrv)
  if (limit !== null) {
    const fits = admitted.find((r) => {
      const needs = r.release.rust_version === null ? null : rustVersion(r.release.rust_version)
      return needs === null || compareVersions(needs, limit) <= 0
    })
    if (fits !== undefined) return fits.release.version
  }
  return admitted[0]?.release.version ?? null
}

/** How Cargo resolves `req` on a side with this pin; null when the side has no requirement. */
export function resolve(
  pin: LockPin | null,
  req: CargoReq | null,
  releases: Releases
): Resolution | null {
  if (pin === null || req === null) return null
  if (pin.kind === 'unknown') return { kind: 'unknown', why: pin.why }
  if (pin.kind === 'lockfile') {
    const admitted = pin.versions
      .map((v) => ({ text: v, version: parseVersion(v) }))
      .filter((v): v is { text: string; version: Version } => v.version !== null)
      .filter((v) => reqMatches(req, v.version))
      .sort((a, b) => compareVersions(b.version, a.version))
    const locked = admitted[0]
    if (locked !== undefined)
      return { kind: 'lockfile', lockfile: pin.lockfile, version: locked.text }
  }
  const pick = 'releases' in releases ? freshPick(req, releases.releases, pin.msrv) : null
  if (pin.kind === 'lockfile') {
    return { kind: 'stale-lockfile', lockfile: pin.lockfile, locked: pin.versions, version: pick }
  }
  if (pick !== null) return { kind: 'fresh-resolution', version: pick, msrv: pin.msrv }
  return {
    kind: 'unknown',
    why:
      'unknown' in releases
        ? releases.unknown
        : 'no published, non-yanked version on the crates.io index admits it'
  }
}

/** The version a resolution judges by, null when it has none. */
export function resolvedVersion(resolution: Resolution | null): string | null {
  if (resolution === null) return null
  if (resolution.kind === 'unknown') return null
  return resolution.version
}

/**
 * Whether Cargo's pick is affected: by the picked version when known, else only when every
 * admitted version is on the same side of the advisory (then the pick does not matter); null
 * when it depends on a pick that is not known.
 */
export function pickAffected(
  resolution: Resolution | null,
  req: CargoReq | null,
  requirement: string | null,
  matcher: AffectedMatcher
): boolean | null {
  const version = resolvedVersion(resolution)
  if (version !== null) return isAffected(matcher, version)
  if (req === null) return null
  if (!admitsAffected(req, matcher)) return false
  return admittedVersions(requirement, [matcher]).all_affected === true ? true : null
}

/** Whether resolving `requirement` with this pin needs the index: no lockfile, or a stale one. */
export function needsPick(pin: LockPin | null, requirement: string | null): boolean {
  if (pin === null || requirement === null || pin.kind === 'unknown') return false
  if (pin.kind === 'none') return true
  const req = parseCargoReq(requirement)
  if (req === null) return false
  return !pin.versions.some((v) => {
    const version = parseVersion(v)
    return version !== null && reqMatches(req, version)
  })
}
