// Cargo version requirements (the `semver` crate's VersionReq, which Cargo uses): parsing,
// matching, and the question a manifest change asks: does this requirement admit any version an
// advisory affects? The matching functions follow the semver crate's eval.rs, pre-release rule
// included: a pre-release only matches if some comparator has the same major.minor.patch and a
// pre-release of its own.
import { intervalContains, type AffectedMatcher } from './affected.js'
import { compareVersions, makeVersion, parseVersion, type Version } from './version.js'

export type ReqOp =
  'exact' | 'greater' | 'greater-eq' | 'less' | 'less-eq' | 'tilde' | 'caret' | 'wildcard'

export interface Comparator {
  op: ReqOp
  major: number
  minor: number | null
  patch: number | null
  /** Pre-release identifiers; empty for none. */
  pre: (string | number)[]
}

/** A requirement is the conjunction of its comparators; `*` alone has none. */
export interface CargoReq {
  comparators: Comparator[]
}

const OPS: [string, ReqOp][] = [
  ['>=', 'greater-eq'],
  ['<=', 'less-eq'],
  ['>', 'greater'],
  ['<', 'less'],
  ['=', 'exact'],
  ['~', 'tilde'],
  ['^', 'caret']
]
const NUMBER = /^(0|[1-9]\d*)$/
const WILDCARD = new Set(['*', 'x', 'X'])
const IDENT = /^[0-9A-Za-z-]+$/

function parsePre(text: string): (string | number)[] | null {
  const parts = text.split('.')
  const out: (string | number)[] = []
  for (const part of parts) {
    if (!IDENT.test(part)) return null
    if (/^\d+$/.test(part)) {
      if (!NUMBER.test(part) || part.length > 15) return null
      out.push(Number(part))
    } else out.push(part)
  }
  return out
}

function parseNumber(text: string): number | null {
  return NUMBER.test(text) && text.length <= 15 ? Number(text) : null
}

function parseComparator(input: string): Comparator | 'any' | null {
  let text = input.trim()
  let op: ReqOp | null = null
  for (const [symbol, name] of OPS) {
    if (text.startsWith(symbol)) {
      op = name
      text = text.slice(symbol.length).trim()
      break
    }
  }
  if (text === '') return null
  const plus = text.indexOf('+')
  if (plus !== -1) text = text.slice(0, plus) // build metadata never matters
  const dash = text.indexOf('-')
  const core = dash === -1 ? text : text.slice(0, dash)
  const preText = dash === -1 ? null : text.slice(dash + 1)
  const parts = core.split('.')
  if (parts.length > 3) return null
  const [majorText = '', minorText, patchText] = parts
  if (WILDCARD.has(majorText)) {
    // `*` (or `=*`, `>=*`…): no constraint on releases.
    if (parts.length > 1 && parts.some((part) => !WILDCARD.has(part))) return null
    return preText === null &&
      (op === null || op === 'exact' || op === 'greater-eq' || op === 'caret' || op === 'tilde')
      ? 'any'
      : null
  }
  const major = parseNumber(majorText)
  if (major === null) return null
  let minor: number | null = null
  let patch: number | null = null
  let wildcard = false
  if (minorText !== undefined) {
    if (WILDCARD.has(minorText)) {
      wildcard = true
      if (patchText !== undefined && !WILDCARD.has(patchText)) return null
    } else {
      minor = parseNumber(minorText)
      if (minor === null) return null
      if (patchText !== undefined) {
        if (WILDCARD.has(patchText)) wildcard = true
        else {
          patch = parseNumber(patchText)
          if (patch === null) return null
        }
      }
    }
  }
  let pre: (string | number)[] = []
  if (preText !== null) {
    // A pre-release needs the full major.minor.patch.
    if (patch === null) return null
    const parsed = parsePre(preText)
    if (parsed === null) return null
    pre = parsed
  }
  return { op: op ?? (wildcard ? 'wildcard' : 'caret'), major, minor, patch, pre }
}

/** Reads a requirement as Cargo does (`1.2` is `^1.2`); null when it is not one. */
export function parseCargoReq(text: string): CargoReq | null {
  if (text.length > 1000) return null
  const comparators: Comparator[] = []
  const parts = text.split(',')
  for (const part of parts) {
    const parsed = parseComparator(part)
    if (parsed === null) return null
    if (parsed !== 'any') comparators.push(parsed)
  }
  if (parts.length > 1 && parts.some((part) => part.trim() === '')) return null
  return { comparators }
}

function comparePre(a: Version, pre: (string | number)[]): number {
  return a.comparePre(makeVersion(0, 0, 0, pre))
}

function matchesExact(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor !== null && ver.minor !== cmp.minor) return false
  if (cmp.patch !== null && ver.patch !== cmp.patch) return false
  return comparePre(ver, cmp.pre) === 0
}

function matchesGreater(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return ver.major > cmp.major
  if (cmp.minor === null) return false
  if (ver.minor !== cmp.minor) return ver.minor > cmp.minor
  if (cmp.patch === null) return false
  if (ver.patch !== cmp.patch) return ver.patch > cmp.patch
  return comparePre(ver, cmp.pre) > 0
}

function matchesLess(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return ver.major < cmp.major
  if (cmp.minor === null) return false
  if (ver.minor !== cmp.minor) return ver.minor < cmp.minor
  if (cmp.patch === null) return false
  if (ver.patch !== cmp.patch) return ver.patch < cmp.patch
  return comparePre(ver, cmp.pre) < 0
}

function matchesTilde(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor !== null && ver.minor !== cmp.minor) return false
  if (cmp.patch !== null && ver.patch !== cmp.patch) return ver.patch > cmp.patch
  return comparePre(ver, cmp.pre) >= 0
}

function matchesCaret(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor === null) return true
  if (cmp.patch === null) return cmp.major > 0 ? ver.minor >= cmp.minor : ver.minor === cmp.minor
  if (cmp.major > 0) {
    if (ver.minor !== cmp.minor) return ver.minor > cmp.minor
    if (ver.patch !== cmp.patch) return ver.patch > cmp.patch
  } else if (cmp.minor > 0) {
    if (ver.minor !== cmp.minor) return false
    if (ver.patch !== cmp.patch) return ver.patch > cmp.patch
  } else if (ver.minor !== cmp.minor || ver.patch !== cmp.patch) return false
  return comparePre(ver, cmp.pre) >= 0
}

function matchesComparator(cmp: Comparator, ver: Version): boolean {
  switch (cmp.op) {
    case 'exact':
    case 'wildcard':
      return matchesExact(cmp, ver)
    case 'greater':
      return matchesGreater(cmp, ver)
    case 'greater-eq':
      return matchesExact(cmp, ver) || matchesGreater(cmp, ver)
    case 'less':
      return matchesLess(cmp, ver)
    case 'less-eq':
      return matchesExact(cmp, ver) || matchesLess(cmp, ver)
    case 'tilde':
      return matchesTilde(cmp, ver)
    case 'caret':
      return matchesCaret(cmp, ver)
  }
}

export function reqMatches(req: CargoReq, ver: Version): boolean {
  if (!req.comparators.every((cmp) => matchesComparator(cmp, ver))) return false
  if (ver.prerelease.length === 0) return true
  return req.comparators.some(
    (cmp) =>
      cmp.major === ver.major &&
      cmp.minor === ver.minor &&
      cmp.patch === ver.patch &&
      cmp.pre.length > 0
  )
}

/**
 * Versions among which the least admitted-and-affected version must be, if there is one: every
 * set involved (a comparator within releases or within one pre-release family, an affected
 * interval) is convex, so the least element of their intersection is the greatest of their least
 * elements, and those are all listed here.
 */
function candidates(req: CargoReq, matcher: AffectedMatcher): Version[] {
  const out: Version[] = [makeVersion(0, 0, 0), makeVersion(0, 0, 0, [0])]
  const push = (make: () => Version): void => {
    try {
      out.push(make())
    } catch {
      // A component past Number.MAX_SAFE_INTEGER: no crate version can be there.
    }
  }
  const triple = (major: number, minor: number, patch: number): void => {
    push(() => makeVersion(major, minor, patch))
    push(() => makeVersion(major, minor, patch, [0]))
  }
  for (const cmp of req.comparators) {
    const minor = cmp.minor ?? 0
    const patch = cmp.patch ?? 0
    triple(cmp.major, 0, 0)
    triple(cmp.major + 1, 0, 0)
    triple(cmp.major, minor, 0)
    triple(cmp.major, minor + 1, 0)
    triple(cmp.major, minor, patch)
    triple(cmp.major, minor, patch + 1)
    if (cmp.pre.length > 0) {
      push(() => makeVersion(cmp.major, minor, patch, cmp.pre))
      push(() => makeVersion(cmp.major, minor, patch, [...cmp.pre, 0]))
    }
  }
  const fromVersion = (v: Version): void => {
    out.push(v)
    triple(v.major, v.minor, v.patch)
    triple(v.major, v.minor, v.patch + 1)
    if (v.prerelease.length > 0)
      push(() => makeVersion(v.major, v.minor, v.patch, [...v.prerelease, 0]))
  }
  for (const interval of matcher.intervals) {
    if (interval.lo !== null) fromVersion(interval.lo.version)
    if (interval.hi !== null) fromVersion(interval.hi.version)
  }
  for (const listed of matcher.versions) {
    const v = parseVersion(listed)
    if (v !== null) fromVersion(v)
  }
  return out
}

function listedOrInRange(matcher: AffectedMatcher, v: Version): boolean {
  return (
    matcher.intervals.some((interval) => intervalContains(interval, v)) ||
    matcher.versions.some((listed) => {
      const parsed = parseVersion(listed)
      return parsed !== null && compareVersions(parsed, v) === 0
    })
  )
}

/** True when some version the requirement admits is affected. */
export function admitsAffected(req: CargoReq, matcher: AffectedMatcher): boolean {
  return candidates(req, matcher).some((v) => reqMatches(req, v) && listedOrInRange(matcher, v))
}
