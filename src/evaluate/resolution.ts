// Which version Cargo uses for a requirement on one side: the lockfile's pin when the requirement
// admits it, else (stale or no lockfile) what a fresh resolution picks — the highest published,
// non-yanked version the requirement admits, honouring rust-version under resolver 3. Pure.
import type { LockPin, RustVersions } from '../diff/lock-pins.js'
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
 * RustVersions: the rust-versions Cargo's MSRV-aware pick honours (resolver 3): every workspace
 * member's `rust-version`, or `toolchain` when no member sets one (Cargo then uses `rustc -V` of
 * the toolchain that runs it, which a review cannot see); null without resolver 3.
 */

/** Whether a release needing `needs` builds on Rust `rust` (cargo `RustVersion::is_compatible_with`, a caret match). */
function compatible(needs: Version, rust: Version): boolean {
  return needs.major === rust.major && compareVersions(needs, rust) <= 0
}

/**
 * Cargo's pick for a fresh resolution: the highest admitted, non-yanked release; with
 * rust-versions, first the releases compatible with the most of them (a release without a
 * rust-version is compatible with all), then the highest (cargo `VersionPreferences::
 * sort_summaries`, `msrv_compat_count`): resolver 3's `fallback`. Null when no release is admitted.
 */
export function freshPick(
  req: CargoReq,
  releases: readonly Release[],
  msrv: string | readonly string[] | null
): string | null {
  const limits = (msrv === null ? [] : typeof msrv === 'string' ? [msrv] : msrv)
    .map(rustVersion)
    .filter((v): v is Version => v !== null)
  const admitted = releases
    .filter((r) => !r.yanked)
    .map((r) => ({ release: r, version: parseVersion(r.version) }))
    .filter(
      (r): r is { release: Release; version: Version } =>
        r.version !== null && reqMatches(req, r.version)
    )
  const compatCount = (r: Release): number => {
    const needs = r.rust_version === null ? null : rustVersion(r.rust_version)
    if (needs === null) return limits.length
    return limits.filter((limit) => compatible(needs, limit)).length
  }
  const ranked = admitted
    .map((r) => ({ ...r, compat: compatCount(r.release) }))
    .sort((a, b) => b.compat - a.compat || compareVersions(b.version, a.version))
  return ranked[0]?.release.version ?? null
}

/** The oldest toolchain that reads resolver 3 (stabilised in Rust 1.84). */
const RESOLVER_3_SINCE = '1.84'

/**
 * The pick under `rust`; with `toolchain`, the pick for every toolchain from 1.84 on: one
 * version when they all agree, else unknown (it depends on the Rust that runs Cargo).
 */
export function freshPickFor(
  req: CargoReq,
  releases: readonly Release[],
  rust: RustVersions
): { version: string } | { unknown: string } | null {
  if (rust !== null && typeof rust === 'object' && 'unknown' in rust) {
    return { unknown: `the rust-versions Cargo's pick honours are unknown: ${rust.unknown}` }
  }
  if (rust !== 'toolchain') {
    const version = freshPick(req, releases, rust)
    return version === null ? null : { version }
  }
  const since = rustVersion(RESOLVER_3_SINCE)
  const toolchains = new Set<string>([RESOLVER_3_SINCE])
  for (const r of releases) {
    const needs = r.rust_version === null ? null : rustVersion(r.rust_version)
    if (needs !== null && since !== null && compareVersions(needs, since) > 0) {
      toolchains.add(r.rust_version ?? '')
    }
  }
  const picks = new Map<string, string>()
  for (const toolchain of toolchains) {
    const version = freshPick(req, releases, toolchain)
    if (version !== null && !picks.has(version)) picks.set(version, toolchain)
  }
  // A toolchain newer than every rust-version: the plain highest.
  const newest = freshPick(req, releases, null)
  if (newest !== null && !picks.has(newest)) picks.set(newest, 'the newest')
  if (picks.size === 0) return null
  const [only] = picks.keys()
  if (picks.size === 1 && only !== undefined) return { version: only }
  const shown = [...picks].map(([version, toolchain]) =>
    toolchain === 'the newest'
      ? `${version} with the newest Rust`
      : `${version} with Rust ${toolchain}`
  )
  return {
    unknown: `no workspace member sets rust-version, so under resolver 3 Cargo picks by the Rust toolchain that runs it, which is not known here: ${shown.join(', ')}`
  }
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
  const picked =
    'releases' in releases
      ? freshPickFor(
          req,
          releases.releases,
          pin.rust_versions ?? (pin.msrv === null ? null : [pin.msrv])
        )
      : null
  const pick = picked !== null && 'version' in picked ? picked.version : null
  if (pin.kind === 'lockfile') {
    return { kind: 'stale-lockfile', lockfile: pin.lockfile, locked: pin.versions, version: pick }
  }
  if (pick !== null) return { kind: 'fresh-resolution', version: pick, msrv: pin.msrv }
  return {
    kind: 'unknown',
    why:
      'unknown' in releases
        ? releases.unknown
        : picked !== null && 'unknown' in picked
          ? picked.unknown
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
