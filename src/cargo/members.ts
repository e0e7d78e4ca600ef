// Which packages belong to a workspace, by Cargo's rules (cargo src/cargo/core/workspace.rs):
// `members` entries are globs in the `glob` crate's syntax, joined onto the root's directory and
// matched one path component at a time; `exclude` entries are path prefixes, overridden by a
// `members` entry that is itself a prefix of the package's path (`is_excluded`). Pure.
import { joinRelative } from './workspace.js'

/**
 * Whether one path component matches one glob component: `*` (any run), `?` (one character),
 * `[abc]`, `[a-z]`, `[!abc]`; every other character literal. A malformed class is literal text,
 * as the `glob` crate reads an unclosed `[`.
 */
function componentMatches(pattern: string, name: string): boolean {
  const memo = new Map<string, boolean>()
  const at = (p: number, n: number): boolean => {
    const key = `${String(p)}:${String(n)}`
    const known = memo.get(key)
    if (known !== undefined) return known
    let result: boolean
    if (p === pattern.length) result = n === name.length
    else {
      const c = pattern[p]
      if (c === '*') result = at(p + 1, n) || (n < name.length && at(p, n + 1))
      else if (c === '?') result = n < name.length && at(p + 1, n + 1)
      else if (c === '[') {
        const cls = readClass(pattern, p)
        if (cls === null) result = n < name.length && name[n] === '[' && at(p + 1, n + 1)
        else result = n < name.length && cls.test(name[n] ?? '') && at(cls.end, n + 1)
      } else result = n < name.length && name[n] === c && at(p + 1, n + 1)
    }
    memo.set(key, result)
    return result
  }
  return at(0, 0)
}

/** A `[...]` class starting at `start`, or null when it is not closed. */
function readClass(
  pattern: string,
  start: number
): { test: (ch: string) => boolean; end: number } | null {
  let i = start + 1
  const negated = pattern[i] === '!'
  if (negated) i++
  const ranges: [string, string][] = []
  // A `]` right after `[` or `[!` is a member, not the end.
  let first = true
  while (i < pattern.length && (first || pattern[i] !== ']')) {
    const lo = pattern[i] ?? ''
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      ranges.push([lo, pattern[i + 2] ?? ''])
      i += 3
    } else {
      ranges.push([lo, lo])
      i++
    }
    first = false
  }
  if (i >= pattern.length) return null
  const test = (ch: string): boolean => ranges.some(([lo, hi]) => ch >= lo && ch <= hi) !== negated
  return { test, end: i + 1 }
}

/**
 * Whether a repository directory matches a `members` glob already joined onto the root's
 * directory (`crates/*`, `libs/**`): `**` as a whole component matches any number of
 * directories (none included), as the `glob` crate walks them.
 */
export function memberGlobMatches(glob: string, dir: string): boolean {
  const pattern = glob === '' ? [] : glob.split('/')
  const path = dir === '' ? [] : dir.split('/')
  const at = (p: number, n: number): boolean => {
    if (p === pattern.length) return n === path.length
    const part = pattern[p] ?? ''
    if (part === '**') return at(p + 1, n) || (n < path.length && at(p, n + 1))
    return n < path.length && componentMatches(part, path[n] ?? '') && at(p + 1, n + 1)
  }
  return at(0, 0)
}

/** The parts of a workspace root's `[workspace]` table that decide membership. */
export interface WorkspaceTable {
  /** The root manifest's directory in the repository ('' at the top). */
  rootDir: string
  /** `members` as written; null when the key is absent (then only the root and path deps). */
  members: readonly string[] | null
  exclude: readonly string[]
}

function joined(rootDir: string, entry: string): string | null {
  return joinRelative(rootDir, entry)
}

function isPrefix(prefix: string, dir: string): boolean {
  return prefix === '' || dir === prefix || dir.startsWith(`${prefix}/`)
}

/**
 * Cargo's `is_excluded`: an `exclude` entry is a prefix of the package's directory, and no
 * `members` entry, taken literally (a glob is not expanded here), is one.
 */
export function isExcluded(table: WorkspaceTable, dir: string): boolean {
  const prefixOf = (entries: readonly string[]): boolean =>
    entries.some((entry) => {
      const path = joined(table.rootDir, entry)
      return path !== null && isPrefix(path, dir)
    })
  return prefixOf(table.exclude) && !prefixOf(table.members ?? [])
}

/**
 * Whether the package in `dir` is a member through `members` (or is the root itself): a glob
 * matches it and it is not excluded. Path-dependency members are decided by the caller.
 */
export function isListedMember(table: WorkspaceTable, dir: string): boolean {
  if (dir === table.rootDir) return true
  if (isExcluded(table, dir)) return false
  return (table.members ?? []).some((entry) => {
    const glob = joined(table.rootDir, entry)
    return glob !== null && memberGlobMatches(glob, dir)
  })
}
