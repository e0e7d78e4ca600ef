// An independent oracle for requirement matching: a direct port of the semver crate's eval.rs
// (`matches_exact`, `matches_greater`, `matches_less`, `matches_tilde`, `matches_caret` and the
// pre-release rule of `matches_impl`), written against the parsed comparators. The product matches
// through the `semver` package instead; tests compare the two. (This is the hand-written matcher
// the product used before it translated requirements for `semver`.)
import type { CargoReq, Comparator } from '../../src/evaluate/requirement.js'
import { makeVersion, type Version } from '../../src/evaluate/version.js'

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

export function cargoMatches(req: CargoReq, ver: Version): boolean {
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
