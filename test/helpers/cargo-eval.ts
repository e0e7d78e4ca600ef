// An independent oracle for requirement matching: Cargo's requirements translated into the `semver`
// package's ranges (what the product did before it ported the semver crate's eval.rs): releases
// through the comparators in `semver`'s syntax, a pre-release first through Cargo's rule (some
// comparator of the same major.minor.patch has a pre-release), then through each comparator's
// pre-release set, written by hand where `semver` widens partial comparators differently (`^1.2`
// is `>=1.2.0 <2.0.0-0` there, so it refuses `1.2.0-alpha`, which Cargo's `matches_caret` admits).
import Range from 'semver/classes/range.js'
import type { CargoReq, Comparator, ReqOp } from '../../src/evaluate/requirement.js'
import type { Version } from '../../src/evaluate/version.js'

const NODE_OPS: Record<ReqOp, string> = {
  exact: '=',
  // `1.*` is `=1` to Cargo (eval.rs matches both with matches_exact), and to `semver` an X-range.
  wildcard: '=',
  greater: '>',
  'greater-eq': '>=',
  less: '<',
  'less-eq': '<=',
  tilde: '~',
  caret: '^'
}

function releaseText(cmp: Comparator): string {
  const parts = [cmp.major, cmp.minor, cmp.patch].filter((part) => part !== null)
  const pre = cmp.pre.length > 0 ? `-${cmp.pre.join('.')}` : ''
  return `${NODE_OPS[cmp.op]}${parts.join('.')}${pre}`
}

function preReleaseText(cmp: Comparator): string | null {
  if (cmp.patch !== null) return releaseText(cmp)
  const { major, minor } = cmp
  switch (cmp.op) {
    case 'exact':
    case 'wildcard':
    case 'tilde':
      return null
    case 'greater':
    case 'greater-eq':
      return minor === null
        ? `>=${String(major + 1)}.0.0-0`
        : `>=${String(major)}.${String(minor + 1)}.0-0`
    case 'less':
    case 'less-eq':
      return minor === null ? `<${String(major)}.0.0-0` : `<${String(major)}.${String(minor)}.0-0`
    case 'caret':
      if (minor === null) return `>=${String(major)}.0.0-0 <${String(major + 1)}.0.0-0`
      return major > 0
        ? `>=${String(major)}.${String(minor)}.0-0 <${String(major + 1)}.0.0-0`
        : `>=0.${String(minor)}.0-0 <0.${String(minor + 1)}.0-0`
  }
}

export function translatedMatches(req: CargoReq, ver: Version): boolean {
  const comparators = req.comparators
  if (ver.prerelease.length === 0) {
    const releases = comparators.map(releaseText).join(' ') || '*'
    return new Range(releases, { loose: false, includePrerelease: false }).test(ver)
  }
  const allowed = comparators.some(
    (cmp) =>
      cmp.major === ver.major &&
      cmp.minor === ver.minor &&
      cmp.patch === ver.patch &&
      cmp.pre.length > 0
  )
  const pre = comparators.map(preReleaseText)
  if (!allowed || comparators.length === 0 || pre.some((text) => text === null)) return false
  return new Range(pre.join(' '), { loose: false, includePrerelease: true }).test(ver)
}
