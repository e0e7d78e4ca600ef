// SemVer 2.0 parsing and precedence for crate versions and OSV events, via the `semver` package.
// Build metadata is stripped before parsing: it never takes part in precedence (`0.14.2+1.5.1`).
import semver from 'semver'

export type Version = semver.SemVer

// The `semver` package also accepts a leading `v` or `=` and surrounding spaces; Cargo and OSV never
// write those, so anything that does not start like a version is not one.
const SHAPE = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

export function parseVersion(text: string): Version | null {
  if (text.length > 256 || !SHAPE.test(text)) return null
  const plus = text.indexOf('+')
  const core = plus === -1 ? text : text.slice(0, plus)
  try {
    return new semver.SemVer(core, { loose: false })
  } catch {
    return null
  }
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
  return new semver.SemVer(text, { loose: false })
}
