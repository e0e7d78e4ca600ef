// The fix as Cargo will accept it: `cargo update --precise` only moves a crate to a version every
// requirement holding it admits (Cargo answers an `=` pin or another major with "failed to select
// a version"). So the advice is checked against the requirements in force — the workspace
// members' manifests and, for a crate that comes in through another crate, that parent's
// requirement as its index line lists it — and says what must move: a manifest, a parent (to its
// lowest release whose requirement admits the fix), or nothing. Pure.
import type { FixAdvice, FixParent, FixRequirement } from '../core/model.js'
import { updateCommand } from './fix.js'
import { parseCargoReq, reqMatches } from './requirement.js'
import { compareVersions, parseVersion } from './version.js'

/** A release of a parent crate: its requirement on the crate (null: it no longer depends on it). */
export interface ParentRelease {
  version: string
  yanked: boolean
  requirement: string | null
}

/** Who holds the crate at its locked version, as read from the lockfile's dependency lists. */
export type Holder =
  | {
      kind: 'member'
      name: string
      /** The member's requirements on the crate; null when its manifest was not found. */
      requirements: FixRequirement[] | null
    }
  | {
      kind: 'crate'
      name: string
      version: string
      /** Its requirement on the crate from its index line; null when the index is unknown. */
      requirement: string | null
      /** Its releases from the index (null: unknown). */
      releases: readonly ParentRelease[] | null
      /** The members' requirements on this parent (to check its new release is admitted). */
      holders: readonly Holder[]
    }

/** `DIR/Cargo.toml` for a lockfile not at the repository root (`--manifest-path`), else null. */
export function manifestPathOf(lockfile: string): string | null {
  const slash = lockfile.lastIndexOf('/')
  return slash < 0 ? null : `${lockfile.slice(0, slash)}/Cargo.toml`
}

/** Does the requirement admit `version`? A registry dependency without `version` is `*`. */
export function admits(requirement: string | null, version: string): boolean | null {
  const req = parseCargoReq(requirement ?? '*')
  const ver = parseVersion(version)
  return req === null || ver === null ? null : reqMatches(req, ver)
}

/** The lowest later, non-yanked release of the parent whose requirement admits `target`. */
export function lowestAdmitting(
  current: string,
  releases: readonly ParentRelease[],
  target: string
): string | null {
  const from = parseVersion(current)
  if (from === null) return null
  const fits = releases.flatMap((r) => {
    const v = parseVersion(r.version)
    if (v === null || r.yanked || compareVersions(v, from) <= 0) return []
    // Cargo's own resolution never moves a release to a pre-release; neither does the advice.
    if (from.prerelease.length === 0 && v.prerelease.length > 0) return []
    return admits(r.requirement, target) === true ? [{ raw: r.version, v }] : []
  })
  fits.sort((a, b) => compareVersions(a.v, b.v))
  return fits[0]?.raw ?? null
}

function memberRequirements(
  holders: readonly Holder[],
  target: string,
  unread: string[]
): FixRequirement[] {
  const out: FixRequirement[] = []
  for (const holder of holders) {
    if (holder.kind !== 'member') continue
    if (holder.requirements === null) {
      unread.push(holder.name)
      continue
    }
    for (const r of holder.requirements) if (admits(r.requirement, target) !== true) out.push(r)
  }
  return out
}

/**
 * The advice checked against the requirements in force. `fix` is the engine's advice as if every
 * requirement admitted its version; `holders` hold the crate at `fix.current` in `lockfile`.
 */
export function adviseWithRequirements(
  fix: FixAdvice,
  holders: readonly Holder[],
  lockfile: string
): FixAdvice {
  const manifestPath = manifestPathOf(lockfile)
  const target = fix.version
  if (target === null || fix.kind === 'remove' || fix.kind === 'none') {
    return { ...fix, manifest_path: manifestPath }
  }
  const unread: string[] = []
  const requirements = memberRequirements(holders, target, unread)
  const parents: FixParent[] = []
  const commands: string[] = []
  let stillAdmitted = false
  for (const holder of holders) {
    if (holder.kind !== 'crate') continue
    if (holder.requirement === null) {
      unread.push(`${holder.name} ${holder.version}`)
      continue
    }
    if (admits(holder.requirement, target) === true) continue
    const release =
      holder.releases === null ? null : lowestAdmitting(holder.version, holder.releases, target)
    if (holder.releases === null) unread.push(`${holder.name} (releases)`)
    const command =
      release === null ? null : updateCommand(holder.name, holder.version, release, manifestPath)
    if (command !== null) commands.push(command)
    const next = holder.releases?.find((r) => r.version === release)
    // A release that no longer depends on the crate holds nothing: moving to it drops the crate
    // from the lockfile unless another holder keeps it (below), and Cargo then answers the crate's
    // own `-p crate@current` with "did not match any packages".
    const nextRequirement = next?.requirement ?? null
    if (nextRequirement !== null && admits(nextRequirement, fix.current) === true) {
      stillAdmitted = true
    }
    parents.push({
      name: holder.name,
      version: holder.version,
      requirement: holder.requirement,
      release,
      release_requirement: nextRequirement,
      command
    })
    // The parent's new release must be admitted by whoever holds the parent in this repository.
    if (release !== null) requirements.push(...memberRequirements(holder.holders, release, unread))
  }
  const own = updateCommand(fix.crate, fix.current, target, manifestPath)
  const stuck = parents.some((p) => p.release === null)
  // After the parents move, the crate itself still needs its own command when a requirement left
  // in force (a parent's new one, another holder's) still admits the locked version.
  const moved = new Set(parents.map((p) => p.name))
  const stillHeld = stillAdmitted || holders.some((h) => h.kind === 'member' || !moved.has(h.name))
  const parentsFree = parents.length > 0 && !stuck
  const command = stuck
    ? null
    : parentsFree
      ? [...commands, ...(stillHeld ? [own] : [])].join(' && ')
      : own
  const kind: FixAdvice['kind'] =
    fix.kind === 'compromised'
      ? 'compromised'
      : requirements.length > 0
        ? 'edit-requirements'
        : stuck
          ? 'no-parent-release'
          : parents.length > 0
            ? 'update-parent'
            : 'update'
  return {
    ...fix,
    kind,
    command,
    manifest_path: manifestPath,
    // Known to need no requirement change only when every holder was read.
    // With a holder unread, a move `^` does not allow (another major) is known not compatible.
    compatible:
      requirements.length > 0 ||
      parents.length > 0 ||
      (unread.length > 0 && fix.compatible === false)
        ? false
        : unread.length === 0
          ? true
          : null,
    requirements,
    parents,
    unread: [...new Set(unread)].sort()
  }
}
