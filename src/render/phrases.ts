// Phrases the comment's sections share: a crate change, paths and lockfiles, advisory ids.
import { formatCount } from '../core/plural.js'
import { compareText, isDowngrade } from '../review/units.js'
import type { CrateEntry } from '../review/units.js'
import { advisoryLink } from './advisory.js'
import { code, text } from './escape.js'
import { clip } from './limits.js'
import { registryLabel } from './registry.js'

export function counts(n: number, singular: string, plural = singular + 's'): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`
}

export function changeText(entry: CrateEntry): string {
  const { change } = entry
  const version = text(clip(change.version ?? '?'))
  const previous = text(clip(change.previous ?? '?'))
  const registry = registryLabel(change)
  if (change.kind === 'added') return `${version} (new)${registry}`
  if (change.kind === 'removed') return `${previous} (removed)`
  return `${previous} → ${version}${isDowngrade(change) ? ' (downgrade)' : ''}${registry}`
}

export function pathText(path: string[] | null): string | null {
  if (path === null || path.length === 0) return null
  const shown = path.length > 12 ? [...path.slice(0, 6), '…', ...path.slice(-5)] : path
  return shown.map((p) => (p === '…' && path.length > 12 ? '…' : code(clip(p)))).join(' → ')
}

export function sourceText(source: string | null): string {
  if (source === null) return 'a path or workspace package'
  return `source ${code(clip(source, 300))}`
}

export const MAX_PATHS = 5

/** `a`, `b` and 3 more — paths named up to a few, then counted. */
export function pathList(paths: readonly string[]): string {
  // A manifest can hold one requirement in two tables (`[dependencies]` and a target's): named once.
  const unique = [...new Set(paths)]
  const shown = unique.slice(0, MAX_PATHS).map((p) => code(clip(p, 300)))
  const rest = unique.length - shown.length
  return rest > 0 ? `${shown.join(', ')} and ${counts(rest, 'more', 'more')}` : shown.join(', ')
}

export function lockfilesText(entry: CrateEntry): string {
  return `${entry.lockfiles.length === 1 ? 'Lockfile' : 'Lockfiles'}: ${pathList(entry.lockfiles)}`
}

export function idLinks(advisories: readonly { id: string; url: string }[]): string {
  return advisories.map((a) => advisoryLink(a)).join(', ')
}

export function idList(advisories: readonly { id: string }[]): string {
  return advisories.map((a) => text(clip(a.id))).join(', ')
}

/** Sorted by id, so the order never depends on the input order. */
export function byId<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compareText([a.id], [b.id]))
}

export function crateName(entry: CrateEntry): string {
  const malicious = entry.malicious ? ' — **malicious crate**' : ''
  return `${code(clip(entry.change.name))}${malicious}`
}
