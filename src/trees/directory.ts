// FileTree over a directory on disk (the CLI's --base-dir/--head-dir).
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { MAX_TOML_CHARS, MAX_TOML_DESCRIPTION } from '../cargo/toml.js'
import { getErrorMessage } from '../core/errors.js'
import { isCargoFile, type FileRead, type FileTree } from './tree.js'

/** Directories that never hold a repository's own manifests, or hold far too much. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'target'])

/**
 * Recursive walk for Cargo.toml/Cargo.lock under `root`. Symlinked directories are not entered
 * (no loops, no escapes); a symlinked file is read only when it resolves inside `root`.
 */
export function directoryTree(root: string, label: string = root): FileTree {
  let realRoot: Promise<string> | undefined
  const resolvedRoot = () => (realRoot ??= realpath(root))

  return {
    label,
    async listCargoFiles() {
      const base = await resolvedRoot()
      const found: string[] = []
      await walk(base, '', found)
      return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    },
    async read(path: string): Promise<FileRead> {
      const parts = path.split('/')
      if (isAbsolute(path) || parts.some((p) => p === '..' || p === '')) {
        return { kind: 'error', message: `${path}: not a path inside ${label}` }
      }
      try {
        const base = await resolvedRoot()
        const full = await realpath(join(base, ...parts))
        if (!isInside(base, full)) {
          return { kind: 'error', message: `${path}: symlink points outside ${label}` }
        }
        const info = await stat(full)
        if (!info.isFile()) return { kind: 'error', message: `${path}: not a regular file` }
        // Checked before reading so a huge file is never loaded; parseToml checks the text again.
        if (info.size > MAX_TOML_CHARS) {
          return { kind: 'error', message: `${path}: file is larger than ${MAX_TOML_DESCRIPTION}` }
        }
        return { kind: 'ok', text: await readFile(full, 'utf8') }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
        return { kind: 'error', message: `${path}: ${getErrorMessage(error)}` }
      }
    }
  }
}

async function walk(base: string, dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir === '' ? base : join(base, dir), { withFileTypes: true })
  const subdirectories: string[] = []
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) subdirectories.push(path)
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isCargoFile(path)) {
      // read() checks where a symlinked file leads.
      found.push(path)
    }
  }
  await Promise.all(subdirectories.map((sub) => walk(base, sub, found)))
}

function isInside(base: string, full: string): boolean {
  const rel = relative(base, full)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}
