// Lockfile diff: packages paired per (name, normalised source) identity, versions as exact strings.
import { compareStrings } from '../core/compare.js'
import type { LockPackage, ParsedLockfile } from '../cargo/lockfile.js'
import type { LockfileChange } from '../core/model.js'
import { dependencyPaths } from './dependency-path.js'

type PathOf = (pkg: LockPackage) => string[] | null

/** Changes between two lockfiles; a missing side (null) is an empty lockfile. Sorted. */
export function diffLockfiles(
  base: ParsedLockfile | null,
  head: ParsedLockfile | null
): LockfileChange[] {
  const headPath = lazyPaths(head)
  const basePath = lazyPaths(base)
  const none: readonly LockPackage[] = []
  const changes: LockfileChange[] = []
  const visit = (name: string, after: readonly LockPackage[]) => {
    const before = base?.byName.get(name) ?? none
    const was = before[0]
    const now = after[0]
    // The common case, one unchanged entry, costs two comparisons.
    if (before.length === 1 && after.length === 1 && was !== undefined && now !== undefined) {
      if (was.version === now.version && was.source === now.source) return
    }
    const from = changes.length
    diffName(before, after, changes, headPath, basePath)
    // No version of this name in the base lockfile: the crate is new to the tree.
    for (const made of changes.slice(from)) made.new_to_tree = before.length === 0
  }
  if (head !== null) for (const [name, after] of head.byName) visit(name, after)
  if (base !== null) {
    for (const name of base.byName.keys()) if (head?.byName.has(name) !== true) visit(name, none)
  }
  return changes.sort(compareLockChanges)
}

/** Pairs the entries of one crate name per source: one gone + one new version is an update. */
function diffName(
  before: readonly LockPackage[],
  after: readonly LockPackage[],
  changes: LockfileChange[],
  headPath: PathOf,
  basePath: PathOf
): void {
  const identities = new Map<string | null, { gone: LockPackage[]; added: LockPackage[] }>()
  const entry = (source: string | null) => {
    let found = identities.get(source)
    if (found === undefined) {
      found = { gone: [], added: [] }
      identities.set(source, found)
    }
    return found
  }
  const has = (list: readonly LockPackage[], pkg: LockPackage) =>
    list.some((p) => p.version === pkg.version && p.source === pkg.source)
  for (const pkg of before) if (!has(after, pkg)) entry(pkg.source).gone.push(pkg)
  for (const pkg of after) if (!has(before, pkg)) entry(pkg.source).added.push(pkg)

  for (const [source, identity] of identities) {
    // The versions both sides hold: a crate's verdict is over all of its versions (annotate.ts).
    const kept = dedupe(before.filter((p) => p.source === source && has(after, p))).map(
      (p) => p.version
    )
    const first = changes.length
    const gone = dedupe(identity.gone)
    const added = dedupe(identity.added)
    const was = gone[0]
    const now = added[0]
    // Paired for display as Cargo's "Updating a -> b" (one removed, one added), else Adding/Removing.
    if (gone.length === 1 && added.length === 1 && was !== undefined && now !== undefined) {
      changes.push(change(now, 'updated', now.version, was.version, headPath(now)))
    } else {
      for (const pkg of added) {
        changes.push(change(pkg, 'added', pkg.version, null, headPath(pkg)))
      }
      for (const pkg of gone) {
        changes.push(change(pkg, 'removed', null, pkg.version, basePath(pkg)))
      }
    }
    if (kept.length > 0) for (const c of changes.slice(first)) c.unchanged_versions = kept
  }
}

/** A lockfile listing the same package twice (hand-edited or hostile) reports it once. */
function dedupe(list: readonly LockPackage[]): LockPackage[] {
  const seen = new Set<string>()
  return list.filter((p) => !seen.has(p.version) && seen.add(p.version))
}

/** The BFS runs only for a side that has a change to explain, and once. */
function lazyPaths(lock: ParsedLockfile | null): PathOf {
  let paths: ((index: number) => string[] | null) | undefined
  return (pkg) => {
    if (lock === null) return null
    paths ??= dependencyPaths(lock)
    return paths(pkg.index)
  }
}

function change(
  pkg: LockPackage,
  kind: LockfileChange['kind'],
  version: string | null,
  previous: string | null,
  dependency_path: string[] | null
): LockfileChange {
  return {
    name: pkg.name,
    source: pkg.source,
    kind,
    version,
    previous,
    dependency_path,
    advisories: [],
    lookup_error: null,
    // Judged later, once advisories are looked up (evaluate/annotate.ts).
    verdict: 'not-checked',
    fix: null,
    unmaintained: null
  }
}

/** By name, then source (path members first), then kind, then version. */
export function compareLockChanges(a: LockfileChange, b: LockfileChange): number {
  return (
    compareStrings(a.name, b.name) ||
    compareSources(a.source, b.source) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.version ?? a.previous ?? '', b.version ?? b.previous ?? '')
  )
}

function compareSources(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return compareStrings(a, b)
}
