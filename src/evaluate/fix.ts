// How to get out: for an affected version, the smallest version at or above it that no shown
// advisory affects, whether Cargo's `^` admits it, and the `cargo update` command; for a
// requirement without a lockfile, whether every admitted version is affected and the smallest
// admitted one that is not. Pure.
import type { AdmittedVersions, FixAdvice } from '../core/model.js'
import { formatInterval, isAffected, type AffectedMatcher } from './affected.js'
import { parseCargoReq, reqMatches, type CargoReq } from './requirement.js'
import { compareVersions, makeVersion, parseVersion, type Version } from './version.js'

/** A version of the crate on crates.io, as the index lists it (wt/index feeds this). */
export interface PublishedVersion {
  version: string
  yanked: boolean
}

interface Candidate {
  raw: string
  version: Version
}

function affectedByAny(matchers: readonly AffectedMatcher[], raw: string): boolean {
  return matchers.some((matcher) => isAffected(matcher, raw))
}

/** Cargo's `^new`: would a plain `cargo update` (no manifest edit) be allowed to pick `v`? */
export function caretCompatible(current: string, candidate: Version): boolean {
  const req = parseCargoReq(`^${current}`)
  return req !== null && reqMatches(req, candidate)
}

function sortAscending(list: Candidate[]): Candidate[] {
  return list.sort((a, b) => compareVersions(a.version, b.version))
}

/**
 * The candidates: published, non-yanked versions when the index answered, else the versions the
 * advisories name as fixed (the exclusive upper bound of an affected interval). Only versions at
 * or above the current one; pre-releases only when the current version is one (Cargo's own
 * resolution never moves a release to a pre-release).
 */
function candidates(
  current: Version,
  matchers: readonly AffectedMatcher[],
  published: readonly PublishedVersion[] | null
): Candidate[] {
  const raws =
    published === null
      ? matchers.flatMap((m) =>
          m.intervals.flatMap((i) => (i.hi !== null && !i.hi.inclusive ? [i.hi.raw] : []))
        )
      : published.filter((p) => !p.yanked).map((p) => p.version)
  const seen = new Set<string>()
  const out: Candidate[] = []
  for (const raw of raws) {
    const version = parseVersion(raw)
    if (version === null || seen.has(version.version)) continue
    seen.add(version.version)
    if (compareVersions(version, current) < 0) continue
    if (current.prerelease.length === 0 && version.prerelease.length > 0) continue
    out.push({ raw, version })
  }
  return sortAscending(out)
}

/** What the advisories say besides their ranges, for the "no fix" wording. */
export interface FixNotes {
  /** The version the change replaces (a compromised release's advice prefers it when clean). */
  previous?: string | null
  unmaintained?: boolean
  archived?: boolean
}

/** The malicious advisories mark every release: a malicious crate, not compromised releases. */
function everyRelease(
  malicious: readonly AffectedMatcher[],
  published: readonly PublishedVersion[] | null
): boolean {
  if (published !== null) {
    // Removed from crates.io (no versions listed) or every listed version marked.
    return published.every((p) => affectedByAny(malicious, p.version))
  }
  return malicious.some((m) => m.intervals.some((i) => formatInterval(i) === 'all versions'))
}

/**
 * For compromised releases: the version to move to, never one any shown advisory marks: the
 * version the change replaces when it is clean (and still published), else the nearest clean
 * release above, else the nearest below.
 */
function cleanRelease(
  current: Version,
  matchers: readonly AffectedMatcher[],
  published: readonly PublishedVersion[] | null,
  previous: string | null
): Candidate | null {
  const clean = (raw: string): boolean => !affectedByAny(matchers, raw)
  const prev = previous === null ? null : parseVersion(previous)
  const listed =
    published === null
      ? null
      : published
          .filter((p) => !p.yanked)
          .flatMap((p) => {
            const version = parseVersion(p.version)
            return version === null ? [] : [{ raw: p.version, version }]
          })
  if (prev !== null && previous !== null && clean(previous)) {
    const stillThere = listed === null || listed.some((c) => compareVersions(c.version, prev) === 0)
    if (stillThere) return { raw: previous, version: prev }
  }
  const above = candidates(current, matchers, published).filter((c) => clean(c.raw))
  if (above[0] !== undefined) return above[0]
  const below = sortAscending(
    (listed ?? []).filter(
      (c) =>
        compareVersions(c.version, current) < 0 && c.version.prerelease.length === 0 && clean(c.raw)
    )
  )
  return below.at(-1) ?? null
}

/** `cargo update -p name@current --precise target`, run in the lockfile's workspace. */
export function updateCommand(
  name: string,
  current: string,
  target: string,
  manifestPath: string | null
): string {
  const where = manifestPath === null ? '' : ` --manifest-path ${manifestPath}`
  return `cargo update -p ${name}@${current} --precise ${target}${where}`
}

/**
 * Fix advice for crate `name` at `version`, against the matchers of its shown, non-ignored
 * advisories (`malicious`: those of them RustSec marks malicious). `published` is the crate's
 * versions from the crates.io index, or null without one. The requirements in force are checked
 * later (fix-requirements.ts): this is the advice as if every requirement admitted the version.
 */
export function fixAdvice(
  name: string,
  version: string,
  matchers: readonly AffectedMatcher[],
  published: readonly PublishedVersion[] | null,
  malicious: readonly AffectedMatcher[] = [],
  notes: FixNotes = {}
): FixAdvice {
  const current = parseVersion(version)
  const base = {
    crate: name,
    current: version,
    manifest_path: null,
    requirements: [],
    parents: [],
    unread: [],
    unmaintained_note: notes.unmaintained === true,
    archived_note: notes.archived === true,
    checked_published: published !== null,
    malicious: malicious.length > 0
  }
  if (malicious.length > 0) {
    const whole = current === null || everyRelease(malicious, published)
    const target = whole ? null : cleanRelease(current, matchers, published, notes.previous ?? null)
    return {
      ...base,
      kind: whole ? 'remove' : 'compromised',
      version: target?.raw ?? null,
      compatible: target === null ? null : caretCompatible(version, target.version),
      command: target === null ? null : updateCommand(name, version, target.raw, null),
      newest_compatible: null,
      none_reason:
        target === null ? (published === null ? 'no-fixed-version' : 'no-published-fix') : null
    }
  }
  const free =
    current === null
      ? []
      : candidates(current, matchers, published).filter((c) => !affectedByAny(matchers, c.raw))
  const smallest = free[0] ?? null
  const compatible = free.filter((c) => caretCompatible(version, c.version))
  const newest = published === null ? null : (compatible.at(-1) ?? null)
  return {
    ...base,
    kind: smallest === null ? 'none' : 'update',
    version: smallest?.raw ?? null,
    compatible: smallest === null ? null : caretCompatible(version, smallest.version),
    command: smallest === null ? null : updateCommand(name, version, smallest.raw, null),
    newest_compatible: newest?.raw ?? null,
    none_reason:
      smallest !== null ? null : published === null ? 'no-fixed-version' : 'no-published-fix'
  }
}

/**
 * Versions among which the least admitted, unaffected release must be, if there is one: the
 * requirement's own bounds (and the next patch/minor/major after each) and every bound of every
 * affected interval (and the next patch after it). Between two consecutive such versions neither
 * "admitted" nor "affected" changes for releases, so the least element is one of them.
 */
function admittedCandidates(req: CargoReq, matchers: readonly AffectedMatcher[]): Version[] {
  const out: Version[] = [makeVersion(0, 0, 0), makeVersion(0, 0, 1), makeVersion(0, 1, 0)]
  const push = (major: number, minor: number, patch: number, pre: (string | number)[] = []) => {
    try {
      out.push(makeVersion(major, minor, patch, pre))
    } catch {
      // A component past Number.MAX_SAFE_INTEGER: no crate version can be there.
    }
  }
  const around = (major: number, minor: number, patch: number): void => {
    push(major, minor, patch)
    push(major, minor, patch + 1)
    push(major, minor + 1, 0)
    push(major + 1, 0, 0)
  }
  for (const cmp of req.comparators) {
    around(cmp.major, cmp.minor ?? 0, cmp.patch ?? 0)
    if (cmp.pre.length > 0) push(cmp.major, cmp.minor ?? 0, cmp.patch ?? 0, cmp.pre)
  }
  for (const matcher of matchers) {
    for (const interval of matcher.intervals) {
      for (const bound of [interval.lo, interval.hi]) {
        if (bound === null) continue
        const v = bound.version
        around(v.major, v.minor, v.patch)
        if (v.prerelease.length > 0) out.push(v)
      }
    }
    for (const listed of matcher.versions) {
      const v = parseVersion(listed)
      if (v !== null) around(v.major, v.minor, v.patch)
    }
  }
  return out.sort(compareVersions)
}

/** What a requirement admits against the shown, non-ignored advisories of its crate. */
export function admittedVersions(
  requirement: string | null,
  matchers: readonly AffectedMatcher[]
): AdmittedVersions {
  const req = requirement === null ? null : parseCargoReq(requirement)
  if (req === null) return { all_affected: null, smallest_unaffected: null }
  const admitted = admittedCandidates(req, matchers).filter((v) => reqMatches(req, v))
  const free = admitted.find((v) => !affectedByAny(matchers, v.version))
  return {
    all_affected: admitted.length > 0 && free === undefined,
    smallest_unaffected: free?.version ?? null
  }
}
