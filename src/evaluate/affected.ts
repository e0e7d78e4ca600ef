// Which versions an advisory affects, per the OSV schema's evaluation, made exact:
// events are sorted by SemVer precedence with a stable sort (same-version events keep file order, so
// RustSec's empty `introduced X, fixed X` affects nothing), `introduced: "0"` is the start,
// `last_affected` is inclusive, `limit` bounds a range. Versions are read with the one reader
// (`readVersion`, advisory form: `1.72` is `1.72.0`); a value still unreadable is kept in
// `unreadable`, and a version the readable part does not affect is then unknown, never clean.
// Each range becomes a list of intervals, used both to answer "is v affected?" and to print the
// Security tab's notation.
import { CRATES_IO } from '../core/model.js'
import type { OsvAffected, OsvEvent, OsvRecord } from '../advisories/schema.js'
import { compareVersions, parseVersion, readVersion, type Version } from './version.js'

export interface Bound {
  version: Version
  /** As written in the record (build metadata included), for display. */
  raw: string
  inclusive: boolean
}

/** A set of versions between two bounds; `null` is unbounded. */
export interface Interval {
  lo: Bound | null
  hi: Bound | null
}

export interface AffectedMatcher {
  /** Union of the intervals of every SEMVER / ECOSYSTEM range of the entries. */
  intervals: Interval[]
  /** Explicit `versions` lists, as written. */
  versions: string[]
  /** Values of events and `versions` that could not be read (`"1.0-beta"`, `"> 1"`), as written. */
  unreadable: string[]
  /** The tab's notation, one string per non-empty interval, in file order. */
  notation: string[]
}

type EventKind = 'introduced' | 'fixed' | 'last_affected'
interface ParsedEvent {
  kind: EventKind
  /** `min` is `introduced: "0"`: below every version. */
  at: Version | 'min'
  raw: string
}

const RANGE_TYPES = new Set(['SEMVER', 'ECOSYSTEM'])

/** The affected[] entries that describe this crate on crates.io (GHSA mixes ecosystems). */
export function entriesForCrate(record: OsvRecord, crate: string): OsvAffected[] {
  return record.affected.filter(
    (entry) => entry.package?.ecosystem === CRATES_IO && entry.package.name === crate
  )
}

function compareAt(a: Version | 'min', b: Version | 'min'): number {
  if (a === 'min') return b === 'min' ? 0 : -1
  if (b === 'min') return 1
  return compareVersions(a, b)
}

function parseEvents(events: readonly OsvEvent[]): {
  events: ParsedEvent[]
  limit: Bound | 'none'
  unreadable: string[]
} {
  const unreadable: string[] = []
  const parsed: ParsedEvent[] = []
  let limits: Bound[] = []
  let unlimited = false
  for (const event of events) {
    const keys = (['introduced', 'fixed', 'last_affected', 'limit'] as const).filter(
      (key) => event[key] !== undefined
    )
    const key = keys[0]
    // The schema allows exactly one kind per event; anything else is not an event we can read.
    if (keys.length !== 1 || key === undefined) {
      unreadable.push(JSON.stringify(event))
      continue
    }
    const raw = event[key] ?? ''
    if (key === 'limit' && raw === '*') {
      unlimited = true
      continue
    }
    if (key === 'introduced' && raw === '0') {
      parsed.push({ kind: key, at: 'min', raw })
      continue
    }
    const { version } = readVersion(raw, 'advisory')
    if (version === null) unreadable.push(raw)
    else if (key === 'limit') limits.push({ version, raw, inclusive: false })
    else parsed.push({ kind: key, at: version, raw })
  }
  // Array.prototype.sort is stable: events at the same version keep their order in the file.
  parsed.sort((a, b) => compareAt(a.at, b.at))
  if (unlimited) limits = []
  const limit = limits.reduce<Bound | null>(
    (max, bound) => (max === null || compareVersions(bound.version, max.version) > 0 ? bound : max),
    null
  )
  return { events: parsed, limit: unlimited || limit === null ? 'none' : limit, unreadable }
}

function sameVersion(a: Bound, b: Bound): boolean {
  return compareVersions(a.version, b.version) === 0
}

/** Joins pieces that touch: `[X, X]` then `(X, Y)` is `[X, Y)`. */
function merge(pieces: Interval[]): Interval[] {
  const out: Interval[] = []
  for (const piece of pieces) {
    const last = out.at(-1)
    if (
      last?.hi != null &&
      piece.lo !== null &&
      sameVersion(last.hi, piece.lo) &&
      last.hi.inclusive !== piece.lo.inclusive
    ) {
      last.hi = piece.hi
    } else {
      out.push({ ...piece })
    }
  }
  return out
}

function capBelow(interval: Interval, limit: Bound): Interval | null {
  const { lo, hi } = interval
  if (lo !== null && compareVersions(lo.version, limit.version) >= 0) return null
  if (hi === null || compareVersions(hi.version, limit.version) >= 0) return { lo, hi: limit }
  return interval
}

/**
 * The versions one range affects. Between two event versions the verdict is constant, so it is
 * computed once at each event version and once on each open stretch between them.
 */
export function rangeIntervals(events: readonly OsvEvent[], unreadable: string[] = []): Interval[] {
  const { events: sorted, limit, unreadable: unread } = parseEvents(events)
  unreadable.push(...unread)
  const groups: { at: Version | 'min'; raw: string; events: ParsedEvent[] }[] = []
  for (const event of sorted) {
    const last = groups.at(-1)
    if (last !== undefined && compareAt(last.at, event.at) === 0) last.events.push(event)
    else groups.push({ at: event.at, raw: event.raw, events: [event] })
  }
  const pieces: Interval[] = []
  let state = false // the verdict just below the current group
  groups.forEach((group, index) => {
    if (group.at !== 'min') {
      // At exactly X, `last_affected X` does not clear (it is inclusive).
      let atPoint = state
      for (const event of group.events) {
        if (event.kind === 'introduced') atPoint = true
        else if (event.kind === 'fixed') atPoint = false
      }
      const bound = { version: group.at, raw: group.raw, inclusive: true }
      if (atPoint) pieces.push({ lo: bound, hi: bound })
    }
    // Just above X every event at X has fired; the last one in file order wins.
    state = group.events.at(-1)?.kind === 'introduced'
    if (state) {
      const next = groups[index + 1]
      pieces.push({
        lo: group.at === 'min' ? null : { version: group.at, raw: group.raw, inclusive: false },
        hi:
          next === undefined || next.at === 'min'
            ? null
            : { version: next.at, raw: next.raw, inclusive: false }
      })
    }
  })
  const merged = merge(pieces)
  if (limit === 'none') return merged
  return merged.flatMap((interval) => capBelow(interval, limit) ?? [])
}

export function intervalContains(interval: Interval, version: Version): boolean {
  const { lo, hi } = interval
  if (lo !== null) {
    const order = compareVersions(version, lo.version)
    if (order < 0 || (order === 0 && !lo.inclusive)) return false
  }
  if (hi !== null) {
    const order = compareVersions(version, hi.version)
    if (order > 0 || (order === 0 && !hi.inclusive)) return false
  }
  return true
}

function isStart(bound: Bound): boolean {
  const v = bound.version
  return (
    bound.inclusive &&
    v.major === 0 &&
    v.minor === 0 &&
    v.patch === 0 &&
    v.prerelease.length === 1 &&
    v.prerelease[0] === 0
  )
}

/** The tab's notation: `<F`, `>=I, <F`, `<=L`, `>=I, <=L`, `>=I`, `all versions`. */
export function formatInterval(interval: Interval): string {
  const { lo, hi } = interval
  const fromStart = lo === null || isStart(lo)
  const lower = lo === null ? '' : `${lo.inclusive ? '>=' : '>'}${lo.raw}`
  if (hi === null) return fromStart ? 'all versions' : lower
  if (lo !== null && lo.inclusive && hi.inclusive && sameVersion(lo, hi)) return `=${hi.raw}`
  const upper = `${hi.inclusive ? '<=' : '<'}${hi.raw}`
  return fromStart ? upper : `${lower}, ${upper}`
}

function compareLower(a: Interval, b: Interval): number {
  if (a.lo === null) return b.lo === null ? 0 : -1
  if (b.lo === null) return 1
  const order = compareVersions(a.lo.version, b.lo.version)
  return order !== 0 ? order : Number(b.lo.inclusive) - Number(a.lo.inclusive)
}

/**
 * `Fixed in:` as ranges: from each fix (the upper bound of an affected interval) up to the next
 * affected interval above it, e.g. `>=1.18.5, <1.19.0; >=1.24.2`. A fix that another interval
 * covers is no fix and is left out.
 */
export function fixedRanges(matcher: AffectedMatcher): string[] {
  const intervals = [...matcher.intervals].sort(compareLower)
  const out: string[] = []
  for (const interval of intervals) {
    const hi = interval.hi
    if (hi === null) continue
    const start: Bound = { version: hi.version, raw: hi.raw, inclusive: !hi.inclusive }
    // Covered by another interval: not a version anyone is fixed at.
    const covered = intervals.some(
      (other) =>
        other !== interval &&
        (start.inclusive
          ? intervalContains(other, start.version)
          : intervalContains(other, start.version) &&
            (other.hi === null || compareVersions(other.hi.version, start.version) > 0))
    )
    if (covered) continue
    const next = intervals.find(
      (other) =>
        other.lo !== null &&
        (compareVersions(other.lo.version, start.version) > 0 ||
          (compareVersions(other.lo.version, start.version) === 0 &&
            !start.inclusive &&
            !other.lo.inclusive))
    )
    const lower = `${start.inclusive ? '>=' : '>'}${start.raw}`
    if (next?.lo == null) out.push(lower)
    else out.push(`${lower}, ${next.lo.inclusive ? '<' : '<='}${next.lo.raw}`)
  }
  return [...new Set(out)]
}

/** Reads the entries of one crate (already filtered with entriesForCrate). */
export function buildMatcher(entries: readonly OsvAffected[]): AffectedMatcher {
  const matcher: AffectedMatcher = { intervals: [], versions: [], notation: [], unreadable: [] }
  for (const entry of entries) {
    matcher.versions.push(...entry.versions)
    for (const listed of entry.versions) {
      if (readVersion(listed, 'advisory').version === null) matcher.unreadable.push(listed)
    }
    for (const range of entry.ranges) {
      if (!RANGE_TYPES.has(range.type)) continue
      for (const interval of rangeIntervals(range.events, matcher.unreadable)) {
        matcher.intervals.push(interval)
        matcher.notation.push(formatInterval(interval))
      }
    }
  }
  return matcher
}

export function versionAffected(matcher: AffectedMatcher, version: Version): boolean {
  return matcher.intervals.some((interval) => intervalContains(interval, version))
}

/** Is this crate version affected? A version that is not SemVer only matches `versions` exactly. */
export function isAffected(matcher: AffectedMatcher, version: string): boolean {
  if (matcher.versions.includes(version)) return true
  const parsed = parseVersion(version)
  if (parsed === null) return false
  return (
    matcher.versions.some((listed) => {
      const other = readVersion(listed, 'advisory').version
      return other !== null && compareVersions(other, parsed) === 0
    }) || versionAffected(matcher, parsed)
  )
}

/**
 * Like isAffected, but null (unknown) when the readable part of the record does not affect the
 * version and another part could not be read: what it says about this version is not known.
 */
export function affectedOrUnknown(matcher: AffectedMatcher, version: string): boolean | null {
  if (isAffected(matcher, version)) return true
  return matcher.unreadable.length > 0 ? null : false
}
