// FileTrees over a local git repository (the CLI's git mode): a commit read with `git ls-tree` /
// `git cat-file`, or the working tree (uncommitted changes included). git runs through execFile,
// never a shell, and every ref is checked and resolved to a commit SHA first.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigurationError, getErrorMessage } from '../core/errors.js'
import { isCargoFile, type FileRead, type FileTree } from './tree.js'

const MAX_FILE_BYTES = 256 * 1024 * 1024
const MAX_PARALLEL_GIT = 8

function git(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: MAX_FILE_BYTES,
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.toString('utf8').trim()
          reject(new Error(detail === '' ? error.message : detail))
        } else {
          resolve(stdout)
        }
      }
    )
  })
}

/** A small semaphore so a repository with hundreds of manifests does not fork hundreds of gits. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    active += 1
    try {
      return await task()
    } finally {
      active -= 1
      waiting.shift()?.()
    }
  }
}

/** The top-level directory of the repository that contains `cwd`. */
export async function gitRepositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim()
  } catch (error) {
    throw new ConfigurationError(
      `not inside a git repository (${firstLine(getErrorMessage(error))}); run from a repository or use --base-dir/--head-dir`
    )
  }
}

/** Resolves a user-given ref to a commit SHA; a ref that looks like an option is refused. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref === '' || ref.startsWith('-') || /[\s\0:]/.test(ref) || ref.length > 256) {
    throw new ConfigurationError(`${JSON.stringify(ref.slice(0, 80))} is not a valid git revision`)
  }
  try {
    const out = await git(root, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`
    ])
    return out.toString('utf8').trim()
  } catch {
    throw new ConfigurationError(
      `git revision ${JSON.stringify(ref)} does not name a commit in ${root}`
    )
  }
}

interface TreeEntry {
  mode: string
  type: string
  object: string
}

/** The repository at one commit (`sha` from resolveCommit). */
export function gitRevisionTree(root: string, sha: string, label: string): FileTree {
  const limit = limiter(MAX_PARALLEL_GIT)
  let entries: Promise<Map<string, TreeEntry>> | null = null
  const listing = (): Promise<Map<string, TreeEntry>> => {
    entries ??= git(root, ['ls-tree', '-r', '-z', '--full-tree', sha]).then((out) => {
      const map = new Map<string, TreeEntry>()
      for (const record of out.toString('utf8').split('\0')) {
        const tab = record.indexOf('\t')
        if (tab === -1) continue
        const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ')
        map.set(record.slice(tab + 1), { mode, type, object })
      }
      return map
    })
    return entries
  }
  return {
    label,
    async listCargoFiles() {
      return [...(await listing()).keys()].filter(isCargoFile).sort()
    },
    async read(path: string): Promise<FileRead> {
      if (!isSafeRelativePath(path))
        return { kind: 'error', message: `unsafe path ${JSON.stringify(path)}` }
      try {
        const entry = (await listing()).get(path)
        if (entry === undefined) return { kind: 'missing' }
        if (entry.type !== 'blob')
          return { kind: 'error', message: `${path} at ${label} is a ${entry.type}, not a file` }
        if (entry.mode === '120000')
          return { kind: 'error', message: `${path} at ${label} is a symbolic link` }
        const bytes = await limit(() => git(root, ['cat-file', 'blob', entry.object]))
        return { kind: 'ok', text: bytes.toString('utf8') }
      } catch (error) {
        return {
          kind: 'error',
          message: `${path} at ${label}: ${firstLine(getErrorMessage(error))}`
        }
      }
    }
  }
}

/** The working tree: tracked and untracked-but-not-ignored files, uncommitted edits included. */
export function gitWorkingTree(root: string, label = 'working tree'): FileTree {
  return {
    label,
    async listCargoFiles() {
      const out = await git(root, [
        'ls-files',
        '-z',
        '--cached',
        '--others',
        '--exclude-standard',
        '--full-name'
      ])
      const paths = new Set(
        out
          .toString('utf8')
          .split('\0')
          .filter((path) => path !== '' && isCargoFile(path))
      )
      return [...paths].sort()
    },
    async read(path: string): Promise<FileRead> {
      if (!isSafeRelativePath(path))
        return { kind: 'error', message: `unsafe path ${JSON.stringify(path)}` }
      try {
        return { kind: 'ok', text: await readFile(join(root, path), 'utf8') }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' }
        return { kind: 'error', message: `${path} in the ${label}: ${getErrorMessage(error)}` }
      }
    }
  }
}

function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0'))
    return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message
}
