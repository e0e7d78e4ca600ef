// Reads the cooldown each lockfile is under from a tree (the BASE revision: a pull request cannot
// lift the policy it is judged by): Cargo's `.cargo/config` / `.cargo/config.toml` in the
// lockfile's directory and every parent up to the repository root.
import { configDirectories, readCooldownKeys, resolveCooldown } from '../cargo/cooldown.js'
import type { CooldownPolicy, DirectoryConfig } from '../cargo/cooldown.js'
import type { FileTree } from './tree.js'

/** A config file is small; a larger one is not read (its policy is unknown). */
const MAX_CONFIG_CHARS = 1024 * 1024

async function readDirectory(tree: FileTree, dir: string): Promise<DirectoryConfig> {
  const legacy = `${dir}/config`
  const current = `${dir}/config.toml`
  const [old, now] = await Promise.all([tree.read(legacy), tree.read(current)])
  // Cargo uses the legacy file when both exist.
  for (const [path, file] of [
    [legacy, old],
    [current, now]
  ] as const) {
    if (file.kind === 'missing') continue
    if (file.kind === 'error') {
      return { path, read: { ok: false, reason: `could not be read: ${file.message}` } }
    }
    if (file.text.length > MAX_CONFIG_CHARS) {
      return { path, read: { ok: false, reason: 'larger than 1 MiB; not read' } }
    }
    return { path, read: readCooldownKeys(file.text) }
  }
  return { path: null, read: null }
}

/** The policy per lockfile path; each directory is read once however many lockfiles share it. */
export async function readCooldownPolicies(
  tree: FileTree,
  lockfiles: readonly string[]
): Promise<Map<string, CooldownPolicy>> {
  const reads = new Map<string, Promise<DirectoryConfig>>()
  const directory = (dir: string): Promise<DirectoryConfig> => {
    let read = reads.get(dir)
    if (read === undefined) {
      read = readDirectory(tree, dir)
      reads.set(dir, read)
    }
    return read
  }
  const policies = new Map<string, CooldownPolicy>()
  await Promise.all(
    lockfiles.map(async (lockfile) => {
      const dirs = await Promise.all(configDirectories(lockfile).map(directory))
      policies.set(lockfile, resolveCooldown(dirs))
    })
  )
  return policies
}
