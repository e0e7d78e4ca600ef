// Cargo version requirements (the `semver` crate's VersionReq, which Cargo uses): parsing and
// matching, exactly as that crate parses and matches (what it refuses is unknown here, never
// judged), and the question a manifest change asks: does this requirement admit any version an
// advisory affects? Versions and their pre-release order are the `semver` package's.
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

const MAX_COMPARATORS = 32 // the semver crate's limit
const U64_MAX = 2n ** 64n - 1n

class ReqError extends Error {}

// ---- parsing: a port of the semver crate's `VersionReq::from_str` (parse.rs) ---------------------

const trimSpaces = (text: string): string => text.replace(/^ +/, '')

function wildcard(text: string): string | null {
  return text.startsWith('*') || text.startsWith('x') || text.startsWith('X') ? text.slice(1) : null
}

/** A u64 without leading zeros; numbers past 2^53 − 1 are valid but cannot be evaluated here. */
function numeric(text: string, what: string): [number, string] {
  const digits = /^[0-9]+/.exec(text)?.[0]
  if (digits === undefined) {
    throw new ReqError(
      text === ''
        ? `ends where the ${what} number should be`
        : `has ${JSON.stringify(text[0])} where the ${what} number should be`
    )
  }
  if (digits.length > 1 && digits.startsWith('0'))
    throw new ReqError(`has a leading zero in the ${what} number`)
  const value = BigInt(digits)
  if (value > U64_MAX) throw new ReqError(`has a ${what} number above 2^64 − 1`)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ReqError(`has a ${what} number above 2^53 − 1, which this tool cannot compare`)
  }
  return [Number(value), text.slice(digits.length)]
}

/** Dot-separated identifiers of `[0-9A-Za-z-]`, none empty; pre-release numbers without leading zeros. */
function identifiers(text: string, what: 'pre-release' | 'build metadata'): [string[], string] {
  const match = /^[0-9A-Za-z.-]*/.exec(text)?.[0] ?? ''
  const ids = match.split('.')
  if (ids.some((id) => id === '')) throw new ReqError(`has an empty ${what} identifier`)
  if (what === 'pre-release') {
    for (const id of ids) {
      if (/^[0-9]+$/.test(id)) {
        if (id.length > 1 && id.startsWith('0'))
          throw new ReqError('has a leading zero in a pre-release number')
        if (BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)) {
          throw new ReqError(
            'has a pre-release number above 2^53 − 1, which this tool cannot compare'
          )
        }
      }
    }
  }
  return [ids, text.slice(match.length)]
}

const OPS: [string, ReqOp][] = [
  ['=', 'exact'],
  ['>=', 'greater-eq'],
  ['>', 'greater'],
  ['<=', 'less-eq'],
  ['<', 'less'],
  ['~', 'tilde'],
  ['^', 'caret']
]

function comparator(input: string): [Comparator, string] {
  const found = OPS.find(([symbol]) => input.startsWith(symbol))
  let op: ReqOp = found?.[1] ?? 'caret'
  const defaultOp = found === undefined
  const [major, afterMajor] = numeric(trimSpaces(input.slice(found?.[0].length ?? 0)), 'major')
  let text = afterMajor
  let minor: number | null = null
  let patch: number | null = null
  let minorWildcard = false
  if (text.startsWith('.')) {
    const rest = wildcard(text.slice(1))
    if (rest !== null) {
      minorWildcard = true
      if (defaultOp) op = 'wildcard'
      text = rest
    } else [minor, text] = numeric(text.slice(1), 'minor')
  }
  if (text.startsWith('.')) {
    const rest = wildcard(text.slice(1))
    if (rest !== null) {
      if (defaultOp) op = 'wildcard'
      text = rest
    } else if (minorWildcard) {
      throw new ReqError('has a number after a wildcard')
    } else [patch, text] = numeric(text.slice(1), 'patch')
  }
  let pre: (string | number)[] = []
  if (patch !== null && text.startsWith('-')) {
    let ids: string[]
    ;[ids, text] = identifiers(text.slice(1), 'pre-release')
    pre = ids.map((id) => (/^[0-9]+$/.test(id) ? Number(id) : id))
  }
  // Build metadata is read and ignored: it never takes part in matching.
  if (patch !== null && text.startsWith('+'))
    [, text] = identifiers(text.slice(1), 'build metadata')
  return [{ op, major, minor, patch, pre }, trimSpaces(text)]
}

function readComparators(input: string): Comparator[] {
  let text = trimSpaces(input)
  const afterWildcard = wildcard(text)
  if (afterWildcard !== null) {
    const rest = trimSpaces(afterWildcard)
    if (rest === '') return []
    throw new ReqError(
      rest.startsWith(',') ? 'combines `*` with other comparators' : 'has text after a wildcard'
    )
  }
  const comparators: Comparator[] = []
  for (;;) {
    let cmp: Comparator
    try {
      ;[cmp, text] = comparator(text)
    } catch (error) {
      const rest = wildcard(text)
      if (rest !== null && /^ *(,|$)/.test(rest)) {
        throw new ReqError('combines `*` with other comparators')
      }
      throw error
    }
    comparators.push(cmp)
    if (text === '') return comparators
    if (!text.startsWith(','))
      throw new ReqError(`has ${JSON.stringify(text[0])} where a comma should be`)
    if (comparators.length === MAX_COMPARATORS) {
      throw new ReqError(`has more than ${String(MAX_COMPARATORS)} comparators`)
    }
    text = trimSpaces(text.slice(1))
  }
}

// ---- matching: a port of the semver crate's eval.rs (`matches_req`) -----------------------------
// Cargo's own rules, comparator by comparator, where translating to the `semver` package's ranges
// needed hand-written pre-release bounds anyway and cost a large pull request ~10 ms of range
// building. Tests hold it against that translation and against node-semver on releases.

/** Each comparator's pre-release as a `semver` version (`0.0.0-<pre>`), for its order. */
const preVersions = new WeakMap<Comparator, Version>()
let noPre: Version | undefined
const NO_PRE = (): Version => (noPre ??= makeVersion(0, 0, 0))

/**
 * Made when the requirement is read: a pre-release `semver` cannot hold (a version longer than
 * its 256 characters) makes the requirement unreadable here, never a throw while matching.
 */
function readPre(cmp: Comparator): void {
  try {
    preVersions.set(cmp, cmp.pre.length === 0 ? NO_PRE() : makeVersion(0, 0, 0, cmp.pre))
  } catch (error) {
    // `semver` refuses a version past 256 characters; anything else is a bug, not the input.
    if (error instanceof TypeError)
      throw new ReqError('has a pre-release longer than this tool can compare')
    throw error
  }
}

/** `ver.pre` against `cmp.pre` in SemVer's order (no pre-release sorts above any). */
function comparePre(ver: Version, cmp: Comparator): number {
  const pre = preVersions.get(cmp)
  if (pre === undefined) throw new Error('a comparator matched before it was read')
  return ver.comparePre(pre)
}

function matchesExact(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor !== null && ver.minor !== cmp.minor) return false
  if (cmp.patch !== null && ver.patch !== cmp.patch) return false
  return comparePre(ver, cmp) === 0
}

function matchesGreater(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return ver.major > cmp.major
  if (cmp.minor === null) return false
  if (ver.minor !== cmp.minor) return ver.minor > cmp.minor
  if (cmp.patch === null) return false
  if (ver.patch !== cmp.patch) return ver.patch > cmp.patch
  return comparePre(ver, cmp) > 0
}

function matchesLess(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return ver.major < cmp.major
  if (cmp.minor === null) return false
  if (ver.minor !== cmp.minor) return ver.minor < cmp.minor
  if (cmp.patch === null) return false
  if (ver.patch !== cmp.patch) return ver.patch < cmp.patch
  return comparePre(ver, cmp) < 0
}

function matchesTilde(cmp: Comparator, ver: Version): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor !== null && ver.minor !== cmp.minor) return false
  if (cmp.patch !== null && ver.patch !== cmp.patch) return ver.patch > cmp.patch
  return comparePre(ver, cmp) >= 0
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
  return comparePre(ver, cmp) >= 0
}

/** eval.rs `matches_impl` (Cargo matches without `prerelease_matches`). */
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

// A pull request asks about the same few requirements hundreds of times (the large one: 522 reads
// of 81 texts): each text is read once. The answers are never mutated; the map is cleared when
// full so hostile input cannot grow it.
const READ_CACHE_SIZE = 4096
const readCache = new Map<string, { req: CargoReq } | { error: string }>()

/** Reads a requirement as Cargo does; on failure, why Cargo refuses it (or we cannot evaluate it). */
export function readCargoReq(text: string): { req: CargoReq } | { error: string } {
  const known = readCache.get(text)
  if (known !== undefined) return known
  const read = readUncached(text)
  if (readCache.size >= READ_CACHE_SIZE) readCache.clear()
  readCache.set(text, read)
  return read
}

function readUncached(text: string): { req: CargoReq } | { error: string } {
  if (text.length > 1000) return { error: 'is longer than 1000 characters' }
  try {
    const comparators = readComparators(text)
    for (const cmp of comparators) readPre(cmp)
    return { req: { comparators } }
  } catch (error) {
    if (error instanceof ReqError) return { error: error.message }
    throw error
  }
}

/** Reads a requirement as Cargo does (`1.2` is `^1.2`); null when it is not one. */
export function parseCargoReq(text: string): CargoReq | null {
  const read = readCargoReq(text)
  return 'req' in read ? read.req : null
}

/** eval.rs `matches_req`: every comparator, then the pre-release rule. */
export function reqMatches(req: CargoReq, ver: Version): boolean {
  for (const cmp of req.comparators) if (!matchesComparator(cmp, ver)) return false
  if (ver.prerelease.length === 0) return true
  // A pre-release is admitted only by a comparator of the same major.minor.patch with one.
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
