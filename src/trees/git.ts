// FileTrees over a local git repository (the CLI's git mode): a commit read from `git ls-tree`
// and one long-lived `git cat-file --batch`, or the working tree (uncommitted changes included).
// git runs without a shell, and every ref is checked and resolved to a commit SHA first. Which
// Cargo files changed comes from git (`git diff --raw`: blob ids compared, nothing read), so
// only changed files and the workspace roots they inherit from are ever read.
import type * as ChildProcess from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { createRequire } from 'node:module'
import { ConfigurationError, firstLine, getErrorMessage } from '../core/errors.js'
import { readDirectoryFile } from './directory.js'
import {
  isCargoFile,
  MAX_CARGO_FILE_BYTES,
  SYMLINK_MODE,
  tooLarge,
  treeFromReader,
  type ReaderRead,
  type FileTree
} from './tree.js'

/** Listings (ls-tree of a big repository) may be large; file contents go through cat-file. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024

const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }

// node:child_process takes ~19 ms to load, and only git mode needs it: loaded on first use.
let childProcess: typeof ChildProcess | undefined
function processes(): typeof ChildProcess {
  childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess
  return childProcess
}

function git(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    processes().execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: MAX_OUTPUT_BYTES,
        windowsHide: true,
        env: { ...process.env, ...GIT_ENV }
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
    const shallow = await git(root, ['rev-parse', '--is-shallow-repository'])
      .then((out) => out.toString('utf8').trim() === 'true')
      .catch(() => false)
    throw new ConfigurationError(
      shallow
        ? `git revision ${JSON.stringify(ref)} is not in this shallow clone's history; fetch more of it with \`git fetch --unshallow\` (or \`git fetch --deepen=<n>\`), or fetch the branch, then retry`
        : `git revision ${JSON.stringify(ref)} does not name a commit in ${root}`
    )
  }
}

/**
 * The Cargo files that differ between `baseSha` and `headSha` (null: the working tree, untracked
 * files included), from git's own comparison of blob ids: unchanged files are never read.
 */
export async function gitChangedCargoFiles(
  root: string,
  baseSha: string,
  headSha: string | null
): Promise<string[]> {
  const diff = await git(root, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--raw',
    '-z',
    '--no-renames',
    '--no-ext-diff',
    '--no-textconv',
    baseSha,
    ...(headSha === null ? [] : [headSha]),
    '--'
  ])
  // -z --raw: ":<modes> <ids> <status>\0<path>\0" per file.
  const fields = diff.toString('utf8').split('\0')
  const paths = new Set<string>()
  for (let i = 0; i + 1 < fields.length; i += 1) {
    if (fields[i]?.startsWith(':') === true) {
      const path = fields[i + 1] ?? ''
      if (isCargoFile(path)) paths.add(path)
      i += 1
    }
  }
  if (headSha === null) for (const path of await untrackedFiles(root)) paths.add(path)
  return [...paths].filter(isCargoFile).sort()
}

async function untrackedFiles(root: string): Promise<string[]> {
  const out = await git(root, ['ls-files', '-z', '--others', '--exclude-standard', '--full-name'])
  return out
    .toString('utf8')
    .split('\0')
    .filter((path) => path !== '')
}

interface TreeEntry {
  mode: string
  type: string
  object: string
  size: number | null
}

/** Parses `git ls-tree -r -l -z` output: "<mode> <type> <object> <size>\t<path>\0". */
function parseLsTree(out: Buffer): Map<string, TreeEntry> {
  const map = new Map<string, TreeEntry>()
  for (const record of out.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t')
    if (tab === -1) continue
    const [mode = '', type = '', object = '', size = '-'] = record.slice(0, tab).trim().split(/ +/)
    map.set(record.slice(tab + 1), {
      mode,
      type,
      object,
      size: /^\d+$/.test(size) ? Number(size) : null
    })
  }
  return map
}

/** A repository opened once: its trees share one `git cat-file --batch` process. */
export interface GitRepository {
  readonly root: string
  /** The repository at one commit (`sha` from resolveCommit). */
  revisionTree(sha: string, label: string): FileTree
  /** The working tree: tracked and untracked-but-not-ignored files, uncommitted edits included. */
  workingTree(label?: string): FileTree
  /** Ends the cat-file process (also ended on its own when idle and the CLI exits). */
  close(): void
}

export function openGitRepository(root: string): GitRepository {
  const batch = new CatFileBatch(root)
  return {
    root,
    revisionTree(sha, label) {
      let listing: Promise<Map<string, TreeEntry>> | null = null
      const entries = () =>
        (listing ??= git(root, ['ls-tree', '-r', '-l', '-z', '--full-tree', sha]).then(parseLsTree))
      return treeFromReader({
        label,
        async list() {
          const paths: string[] = []
          for (const [path, entry] of await entries()) {
            if (entry.type === 'blob') paths.push(path)
          }
          return paths
        },
        async read(path): Promise<ReaderRead> {
          const entry = (await entries()).get(path)
          // A submodule is another repository: not a Cargo file of this one.
          if (entry === undefined || entry.type === 'commit') return { kind: 'missing' }
          // Git's symlink blob holds the target path; the tree's one rule follows it or says why not.
          if (entry.mode === SYMLINK_MODE) {
            return { kind: 'link', target: (await batch.read(entry.object)).toString('utf8') }
          }
          if (entry.type !== 'blob')
            return { kind: 'error', message: `a git ${entry.type}, not a file` }
          if (entry.size !== null && entry.size > MAX_CARGO_FILE_BYTES) return tooLarge(entry.size)
          const bytes = await batch.read(entry.object)
          return { kind: 'ok', text: bytes.toString('utf8') }
        }
      })
    },
    workingTree(label = 'working tree') {
      return treeFromReader({
        label,
        async list() {
          // Links are listed like files; the read follows them by the tree's one rule.
          const out = await git(root, ['ls-files', '-z', '-s', '--full-name'])
          const paths: string[] = []
          for (const record of out.toString('utf8').split('\0')) {
            const tab = record.indexOf('\t')
            if (tab !== -1) paths.push(record.slice(tab + 1))
          }
          return [...paths, ...(await untrackedFiles(root))]
        },
        read: (path) => readDirectoryFile(root, path)
      })
    },
    close() {
      batch.close()
    }
  }
}

interface PendingRead {
  object: string
  resolve: (bytes: Buffer) => void
  reject: (error: Error) => void
}

/**
 * One `git cat-file --batch` for all reads: a request is an object id on stdin, the answer
 * "<id> <type> <size>\n<bytes>\n" (or "<id> missing\n") on stdout, in request order. The process
 * holds the event loop only while reads are pending, so an idle one never keeps the CLI alive.
 */
class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | null = null
  private readonly pending: PendingRead[] = []
  private buffer: Buffer = Buffer.alloc(0)
  private failure: Error | null = null

  constructor(private readonly root: string) {}

  read(object: string): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(object)) {
      return Promise.reject(new Error(`not a git object id: ${object}`))
    }
    if (this.failure !== null) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      const child = this.start()
      this.pending.push({ object, resolve, reject })
      this.hold(true)
      child.stdin.write(`${object}\n`)
    })
  }

  close(): void {
    this.child?.stdin.end()
    this.child = null
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child !== null) return this.child
    const child = processes().spawn('git', ['cat-file', '--batch'], {
      cwd: this.root,
      windowsHide: true,
      env: { ...process.env, ...GIT_ENV }
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8')
    })
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
      this.drain()
    })
    const fail = (error: Error) => {
      this.failure = error
      for (const read of this.pending.splice(0)) read.reject(error)
      if (this.child === child) this.child = null
    }
    child.on('error', fail)
    child.on('close', (code) => {
      if (this.pending.length > 0) {
        fail(new Error(`git cat-file exited (${String(code)}): ${firstLine(stderr.trim())}`))
      } else if (this.child === child) {
        this.child = null
      }
    })
    child.stdin.on('error', () => undefined)
    this.child = child
    return child
  }

  private drain(): void {
    for (;;) {
      const next = this.pending[0]
      if (next === undefined) break
      const newline = this.buffer.indexOf(10)
      if (newline === -1) return
      const header = this.buffer.subarray(0, newline).toString('utf8')
      const [object = '', type = '', size = ''] = header.split(' ')
      if (type === 'missing' || !/^\d+$/.test(size)) {
        this.pending.shift()
        this.buffer = this.buffer.subarray(newline + 1)
        next.reject(
          new Error(
            `git object ${next.object} is ${type === 'missing' ? 'missing' : `unreadable (${header})`}`
          )
        )
        continue
      }
      const length = Number(size)
      const end = newline + 1 + length
      if (this.buffer.length < end + 1) return
      this.pending.shift()
      const bytes = Buffer.from(this.buffer.subarray(newline + 1, end))
      this.buffer = this.buffer.subarray(end + 1)
      if (object !== next.object)
        next.reject(new Error(`git cat-file answered ${object} for ${next.object}`))
      else next.resolve(bytes)
    }
    this.hold(false)
  }

  /** Keeps the event loop alive while reads are pending, lets it go when idle. */
  private hold(busy: boolean): void {
    const child = this.child
    if (child === null) return
    const streams = [child.stdin, child.stdout, child.stderr] as unknown as {
      ref?: () => void
      unref?: () => void
    }[]
    if (busy || this.pending.length > 0) {
      child.ref()
      for (const stream of streams) stream.ref?.()
    } else {
      child.unref()
      for (const stream of streams) stream.unref?.()
    }
  }
}
