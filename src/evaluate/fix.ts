// How to get out: for an affected version, the smallest version at or above it that no shown
// advisory affects, whether Cargo's `^` admits it, and the `cargo update` command; for a
// requirement without a lockfile, whether every admitted version is affected and the smallest
// admitted one that is not. Pure.
import type { AdmittedVersions, FixAdvice } from '../core/model.js'
import { isAffected, type AffectedMatcher } from './affected.js'
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

/**
 * Fix advice for crate `name` at `version`, against the matchers of its shown, non-ignored
 * advisories. `published` is the crate's versions from the crates.io index, or null without one.
 */
export function fixAdvice(
  name: string,
  version: string,
  matchers: readonly AffectedMatcher[],
  published: readonly PublishedVersion[] | null,
  malicious = false
): FixAdvice {
  const current = parseVersion(version)
  const free =
    current === null
      ? []
      : candidates(current, matchers, published).filter((c) => !affectedByAny(matchers, c.raw))
  const smallest = free[0] ?? null
  const compatible = free.filter((c) => caretCompatible(version, c.version))
  const newest = published === null ? null : (compatible.at(-1) ?? null)
  return {
    version: smallest?.raw ?? null,
    compatible: smallest === null ? null : caretCompatible(version, smallest.version),
    command:
      smallest === null ? null : `cargo update -p ${name}@${version} --precise ${smallest.raw}`,
    newest_compatible: newest?.raw ?? null,
    checked_published: published !== null,
    none_reason:
      smallest !== null ? null : published === null ? 'no-fixed-version' : 'no-published-fix',
    malicious
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
