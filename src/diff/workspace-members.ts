// A workspace's members as Cargo finds them (cargo core/workspace.rs `find_members`): the root
// package, every directory a `members` glob matches that is not excluded, and, transitively,
// every path dependency of a member that lies inside the root's directory. Reads through the
// caller's reader; the rules themselves are in cargo/members.ts.
import type { ParsedManifest } from '../cargo/manifest.js'
import { isListedMember, type WorkspaceTable } from '../cargo/members.js'
import { joinRelative, resolveWorkspace } from '../cargo/workspace.js'

export interface ManifestReader {
  /** Every Cargo file path of the tree. */
  list(): Promise<string[]>
  /** The manifest at `path`: parsed, absent, or why it could not be read. */
  manifest(path: string): Promise<ParsedManifest | 'none' | { error: string }>
}

export function parentDir(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

function manifestPath(dir: string): string {
  return dir === '' ? 'Cargo.toml' : `${dir}/Cargo.toml`
}

export function workspaceTable(root: ParsedManifest): WorkspaceTable {
  return {
    rootDir: parentDir(root.path),
    members: root.workspaceMembers,
    exclude: root.workspaceExclude
  }
}

function inside(rootDir: string, dir: string): boolean {
  return rootDir === '' || dir === rootDir || dir.startsWith(`${rootDir}/`)
}

/**
 * The member manifests of the workspace `root` (a virtual root has no package of its own, so it
 * is not one), or why they are not known: a member Cargo would load could not be read.
 */
export async function workspaceMembers(
  root: ParsedManifest,
  reader: ManifestReader
): Promise<{ members: ParsedManifest[] } | { unknown: string }> {
  const table = workspaceTable(root)
  const found = new Map<string, ParsedManifest>()
  const queue: string[] = []
  const listed = await reader.list()
  const manifests = new Set(
    listed.filter((path) => path === 'Cargo.toml' || path.endsWith('/Cargo.toml'))
  )
  // Every directory the listing shows (those holding some Cargo file, and their parents): a
  // `members` glob that matches one without a Cargo.toml makes Cargo refuse the workspace
  // ("failed to load manifest for workspace member"). Directories without any Cargo file are
  // not seen here.
  const dirs = new Set<string>()
  for (const path of listed) {
    for (let dir = parentDir(path); inside(table.rootDir, dir); dir = parentDir(dir)) {
      if (dirs.has(dir)) break
      dirs.add(dir)
      if (dir === '') break
    }
  }
  for (const dir of [...dirs].sort()) {
    if (!isListedMember(table, dir)) continue
    const path = manifestPath(dir)
    if (!manifests.has(path)) {
      return {
        unknown: `Cargo refuses the workspace of ${root.path}: its members match ${dir}, which has no Cargo.toml`
      }
    }
    queue.push(path)
  }
  while (queue.length > 0) {
    const path = queue.shift() ?? ''
    if (found.has(path)) continue
    const manifest = path === root.path ? root : await reader.manifest(path)
    if (manifest === 'none') {
      return { unknown: `workspace member ${path} (listed by ${root.path}) does not exist` }
    }
    if ('error' in manifest) {
      return { unknown: `workspace member ${path} could not be read: ${manifest.error}` }
    }
    if (manifest.isWorkspaceRoot && path !== root.path) {
      return {
        unknown: `Cargo refuses the workspace of ${root.path}: its member ${path} is a workspace root too`
      }
    }
    found.set(path, manifest)
    for (const d of resolveWorkspace(manifest, root)) {
      if (d.origin.kind !== 'path') continue
      // An inherited path is relative to the root, a member's own to its directory.
      const base = d.workspace ? table.rootDir : parentDir(path)
      const dir = joinRelative(base, d.origin.path)
      if (dir === null || !inside(table.rootDir, dir)) continue
      const target = manifestPath(dir)
      if (!found.has(target)) queue.push(target)
    }
  }
  const members = [...found.values()].filter((m) => m.packageName !== null)
  return { members }
}
