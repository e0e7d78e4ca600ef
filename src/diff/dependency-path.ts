// Shortest dependency path from a workspace member (a package with no source) to each package.
import { compareStrings } from '../core/compare.js'
import type { ParsedLockfile } from '../cargo/lockfile.js'

/**
 * Returns a function giving, for a package index, the names along a shortest path from a member
 * (`[member, …, package]`; `[name]` for a member itself), or null when no member reaches it.
 * BFS from the members in sorted order over sorted edges: among equally short paths the one that
 * sorts first (by name, version, source at each step) wins, whatever the file order.
 */
export function dependencyPaths(lock: ParsedLockfile): (index: number) => string[] | null {
  const { packages } = lock
  const count = packages.length
  // One global sort gives each package a rank; edges then sort by integer.
  const rank = new Int32Array(count)
  const byOrder = packages.slice().sort((a, b) => {
    return (
      compareStrings(a.name, b.name) ||
      compareStrings(a.version, b.version) ||
      compareStrings(a.source ?? '', b.source ?? '')
    )
  })
  byOrder.forEach((pkg, position) => {
    rank[pkg.index] = position
  })
  const parent = new Int32Array(count).fill(UNREACHED)
  // The member each path starts from, so a long path can be shortened without walking it.
  const root = new Int32Array(count)
  const queue: number[] = []
  for (const pkg of byOrder) {
    if (pkg.source !== null) continue
    parent[pkg.index] = MEMBER
    root[pkg.index] = pkg.index
    queue.push(pkg.index)
  }
  const byRank = (a: number, b: number) => (rank[a] ?? 0) - (rank[b] ?? 0)
  for (let at = 0; at < queue.length; at++) {
    const current = queue[at] ?? 0
    const next: number[] = []
    for (const dep of packages[current]?.dependencies ?? []) {
      if (parent[dep.index] === UNREACHED) next.push(dep.index)
    }
    if (next.length > 1) next.sort(byRank)
    for (const index of next) {
      if (parent[index] !== UNREACHED) continue // listed twice
      parent[index] = current
      root[index] = root[current] ?? current
      queue.push(index)
    }
  }
  return (index) => {
    if (index < 0 || index >= count || parent[index] === UNREACHED) return null
    const names: string[] = []
    let at = index
    for (; at !== MEMBER && names.length < MAX_PATH_NAMES; at = parent[at] ?? MEMBER) {
      names.push(packages[at]?.name ?? '')
    }
    if (at !== MEMBER) {
      // A hostile lockfile can chain 100,000 packages: full paths for each would be quadratic.
      names.push(ELIDED, packages[root[index] ?? 0]?.name ?? '')
    }
    return names.reverse()
  }
}

/** Longest path kept whole (real lockfiles are a few dozen deep at most). */
export const MAX_PATH_NAMES = 64
/** Stands for the elided middle of a longer path, between the member and the last names. */
export const ELIDED = '…'

const UNREACHED = -2
const MEMBER = -1
