// `workspace = true` inheritance: where a member's workspace root can be, and what it inherits.
import type { ManifestDependency, ParsedManifest } from './manifest.js'

export interface ResolvedDependency extends ManifestDependency {
  /** For `workspace = true`: the requirement in the root's `[workspace.dependencies]`, else null. */
  workspace_req: string | null
}

/**
 * Paths where the workspace root of `manifest` may be, nearest first: itself when it has
 * `[workspace]`, the `package.workspace` directory when given, else every ancestor's Cargo.toml.
 */
export function workspaceRootCandidates(manifest: ParsedManifest): string[] {
  if (manifest.isWorkspaceRoot) return [manifest.path]
  const dir = parentDir(manifest.path)
  if (manifest.workspacePath !== null) {
    const joined = joinRelative(dir, manifest.workspacePath)
    return joined === null ? [] : [joined === '' ? 'Cargo.toml' : `${joined}/Cargo.toml`]
  }
  return ancestors(dir)
}

/** Fills `workspace_req`, and the name and origin a `workspace = true` entry inherits from the root. */
export function resolveWorkspace(
  manifest: ParsedManifest,
  root: ParsedManifest | null
): ResolvedDependency[] {
  const inherited = new Map<string, ManifestDependency>()
  if (root !== null) {
    for (const d of root.dependencies) {
      if (d.section === 'workspace.dependencies') inherited.set(d.key, d)
    }
  }
  return manifest.dependencies.map((d) => {
    if (!d.workspace) return { ...d, workspace_req: null }
    const from = inherited.get(d.key)
    if (from === undefined) return { ...d, workspace_req: null }
    return {
      ...d,
      name: d.package ?? from.name,
      origin: from.origin,
      workspace_req: from.req
    }
  })
}

function ancestors(dir: string): string[] {
  const out: string[] = []
  let at = dir
  while (at !== '') {
    const slash = at.lastIndexOf('/')
    at = slash < 0 ? '' : at.slice(0, slash)
    out.push(at === '' ? 'Cargo.toml' : `${at}/Cargo.toml`)
  }
  return out
}

function parentDir(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

/** Joins a relative path onto a repository directory; null when it is absolute or leaves the repository. */
export function joinRelative(dir: string, relative: string): string | null {
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return null
  const parts = dir === '' ? [] : dir.split('/')
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}
