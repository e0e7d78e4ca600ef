// SemVer 2.0 parsing and precedence for crate versions and OSV events, via the `semver` package.
// Build metadata is stripped before parsing: it never takes part in precedence (`0.14.2+1.5.1`).
// What counts as a version is Cargo's rule (the `semver` crate's `Version::parse`, which Cargo uses
// for every lockfile version): no `v`, `=` or spaces, all three numbers, no leading zeros, no
// empty identifiers. Numbers are u64 there; past 2^53 − 1 the `semver` package (and a JavaScript
// number) cannot order them, so such a version is refused here and its package is unknown.
// Only the class (not the package's index of ~50 modules): less to load at start.
import SemVer from 'semver/classes/semver.js'

export type Version = SemVer

const NUMBER = '(0|[1-9][0-9]*)'
const PRE_ID = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)'
const BUILD_ID = '[0-9A-Za-z-]+'
const CARGO_VERSION = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?$`
)
const U64_MAX = 2n ** 64n - 1n

/** Why `text` is not a version this tool can evaluate, or null when it is one. */
export function versionProblem(text: string): string | null {
  if (text.length > 256) return 'is longer than 256 characters'
  const match = CARGO_VERSION.exec(text)
  if (match === null) {
    return 'is not a version Cargo accepts (SemVer `major.minor.patch`, no leading zeros or spaces)'
  }
  const [, major = '', minor = '', patch = '', pre] = match
  if ([major, minor, patch].some((part) => BigInt(part) > U64_MAX)) {
    return 'is not a version Cargo accepts (a number above 2^64 − 1)'
  }
  const numeric = [major, minor, patch, ...(pre ?? '').split('.').filter((id) => /^\d+$/.test(id))]
  if (numeric.some((part) => part.length > 15 && BigInt(part) > BigInt(Number.MAX_SAFE_INTEGER))) {
    return 'has a number above 2^53 − 1, which this tool cannot compare'
  }
  return null
}

export function parseVersion(text: string): Version | null {
  return readVersion(text).version
}

function parseUnchecked(text: string): Version | null {
  const plus = text.indexOf('+')
  const core = plus === -1 ? text : text.slice(0, plus)
  try {
    return new SemVer(core, { loose: false })
  } catch {
    return null
  }
}

/**
 * How a text is read: `exact` is Cargo's rule (lockfiles, requirements' operands); `advisory` also
 * reads the partial versions OSV data holds for crates.io (`fixed: "1.72"` in GHSA's ECOSYSTEM
 * ranges, `versions: ["0.20"]`): missing minor and patch numbers are zero, so `1.72` is `1.72.0`
 * (GHSA-wrrj-h57r-vx9p's fix is Rust 1.72.0). Only plain numbers may be missing (`1.0-beta`
 * stays unreadable, and its advisory makes the answer unknown).
 */
export type VersionForm = 'exact' | 'advisory'

export type VersionRead = { version: Version; problem: null } | { version: null; problem: string }

const PARTIAL = /^(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/

// A review reads the same few thousand version texts (lockfile versions, advisory events) many
// times over; reads are memoised per form. Results are frozen, as they are shared. Bounded: the
// memo starts afresh past MEMO_LIMIT texts, so hostile input cannot grow it without end.
const MEMO_LIMIT = 50_000
const memo = { exact: new Map<string, VersionRead>(), advisory: new Map<string, VersionRead>() }

/** The one version reader: a version, or why it is unknown. */
export function readVersion(text: string, form: VersionForm = 'exact'): VersionRead {
  const known = memo[form]
  const hit = known.get(text)
  if (hit !== undefined) return hit
  if (known.size >= MEMO_LIMIT) known.clear()
  const read = readVersionOnce(text, form)
  if (read.version !== null) Object.freeze(read.version)
  known.set(text, Object.freeze(read))
  return read
}

function readVersionOnce(text: string, form: VersionForm): VersionRead {
  const partial = form === 'advisory' ? PARTIAL.exec(text) : null
  const full = partial === null ? text : `${partial[1] ?? ''}.${partial[2] ?? '0'}.0`
  const problem = versionProblem(full)
  if (problem !== null) return { version: null, problem }
  const version = parseUnchecked(full)
  return version === null
    ? { version: null, problem: 'is not a version this tool can read' }
    : { version, problem: null }
}

export function compareVersions(a: Version, b: Version): number {
  return a.compare(b)
}

/** A version made from parts, e.g. the bound `2.0.0-0` of `^1.2`. */
export function makeVersion(
  major: number,
  minor: number,
  patch: number,
  pre: readonly (string | number)[] = []
): Version {
  const text = `${String(major)}.${String(minor)}.${String(patch)}${pre.length > 0 ? `-${pre.join('.')}` : ''}`
  return new SemVer(text, { loose: false })
}
