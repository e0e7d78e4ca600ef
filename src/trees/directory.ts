// FileTree over a directory on disk (the CLI's --base-dir/--head-dir).
import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  tooLarge,
  MAX_CARGO_FILE_BYTES,
  treeFromReader,
  type FileTree,
  type ReaderRead
} from './tree.js'

/**
 * Git's own folder: the only one skipped, so the CLI sees the files the action sees (a `target/`
 * or `node_modules/` folder can hold committed Cargo files).
 */
const SKIPPED_DIRECTORY = '.git'

/**
 * Recursive walk for Cargo.toml/Cargo.lock under `root`. Symbolic links are treated as git
 * treats them: a link is listed as a file (its target is read by the tree's one link rule), a
 * link to a directory is not entered, and a path through one reads as missing.
 */
export function directoryTree(root: string, label: string = root): FileTree {
  let realRoot: Promise<string> | undefined
  const resolvedRoot = () => (realRoot ??= realpath(root))

  return treeFromReader({
    label,
    async list() {
      const base = await resolvedRoot()
      const found: string[] = []
      await walk(base, '', found)
      return found
    },
    async read(path) {
      return readRegular(await resolvedRoot(), path)
    }
  })
}

async function walk(base: string, dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir === '' ? base : join(base, dir), { withFileTypes: true })
  const subdirectories: string[] = []
  for (const entry of entries) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`
    if (entry.isDirectory()) {
      if (entry.name !== SKIPPED_DIRECTORY) subdirectories.push(path)
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      found.push(path)
    }
  }
  await Promise.all(subdirectories.map((sub) => walk(base, sub, found)))
}

/** Reads a checked path under `root` as git would see it (also the git working tree's reader). */
export async function readDirectoryFile(root: string, path: string): Promise<ReaderRead> {
  return readRegular(await realpath(root), path)
}

/**
 * Synchronous calls: a pull request's Cargo files are small and many (98 on the large one, each
 * a realpath, an lstat and a read), and awaited calls cost several times the CPU of the reads
 * themselves in promises and thread-pool hops, while nothing else waits to run meanwhile.
 */
function readRegular(realRoot: string, path: string): ReaderRead {
  const full = join(realRoot, ...path.split('/'))
  try {
    // A link in a directory of the path makes its real path differ: git sees no file there.
    const parent = dirname(full)
    if (realpathSync(parent) !== parent) return { kind: 'missing' }
    const info = lstatSync(full)
    // The link itself, as git stores it: its target, followed (or refused) by the tree's rule.
    if (info.isSymbolicLink()) return { kind: 'link', target: readlinkSync(full) }
    if (!info.isFile()) return { kind: 'error', message: 'not a regular file' }
    // Checked before reading so a huge file is never loaded.
    if (info.size > MAX_CARGO_FILE_BYTES) return tooLarge(info.size)
    return { kind: 'ok', text: readFileSync(full, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return { kind: 'missing' }
    throw error
  }
}
