// A revision of the repository seen as a set of Cargo files. Implemented over a directory (CLI),
// over git (CLI), over GitHub's REST API (action) and in memory (tests); the core only reads
// through this interface.
//
// One contract for every reader, enforced here by treeFromReader() so the readers cannot drift:
// - one path check (repository-relative, forward slashes, no `.`/`..`/empty segments), applied
//   before the reader sees the path;
// - one size cap (MAX_CARGO_FILE_BYTES), checked before reading where the reader knows the size
//   and again on the text;
// - one cache: each path is read once, the listing is made once;
// - one error format: `message` says what went wrong without the path (the caller shows the path);
// - a symbolic link is followed as Cargo's file reads follow it, by one rule for every reader
//   (followLinks): a link whose target stays inside the repository reads as its target; a link
//   out of it (absolute, or through `..` past the root), to nothing, or in a loop is an error that
//   says so. A link in a directory of the path is not seen, as git does not see one.
import { compareStrings } from '../core/compare.js'
import { firstLine, getErrorMessage } from '../core/errors.js'
import { MAX_TOML_CHARS, MAX_TOML_DESCRIPTION } from '../cargo/toml.js'

export type FileRead =
  { kind: 'ok'; text: string } | { kind: 'missing' } | { kind: 'error'; message: string }

export interface FileTree {
  /** Shown in messages: `base`, `head`, a ref or a directory. */
  readonly label: string
  /**
   * Repository-relative paths (forward slashes) of every `Cargo.toml` and `Cargo.lock` this tree
   * knows, sorted. A tree that only knows the files a pull request changed returns those.
   */
  listCargoFiles(): Promise<string[]>
  /** Reads one file (a link: its target). A file absent at this revision is `missing`. */
  read(path: string): Promise<FileRead>
}

/** What a reader may answer for one path: a file read, or a symbolic link and its target text. */
export type ReaderRead = FileRead | { kind: 'link'; target: string }

/** Linux's limit of links followed in one lookup (MAXSYMLINKS, ELOOP past it). */
export const MAX_LINK_HOPS = 40

/**
 * Where a link at `path` whose blob holds `target` points, inside the repository: git stores the
 * target as written (relative to the link's directory, or absolute); why not, when it leaves.
 */
export function linkTarget(path: string, target: string): { path: string } | { error: string } {
  if (target === '' || target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target)) {
    return { error: 'points outside the repository (an absolute path)' }
  }
  const parts = path.split('/').slice(0, -1)
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return { error: 'points outside the repository' }
      parts.pop()
    } else parts.push(segment)
  }
  const resolved = parts.join('/')
  const unsafe = checkTreePath(resolved)
  return unsafe === null ? { path: resolved } : { error: `points to ${unsafe}` }
}

/** One rule for symbolic links, for every reader: follow the ones that stay inside, else say why. */
export async function followLinks(
  path: string,
  readOnce: (path: string) => Promise<ReaderRead>
): Promise<FileRead> {
  let current = path
  const via: string[] = []
  for (;;) {
    const read = await readOnce(current)
    if (read.kind !== 'link') {
      if (read.kind === 'missing' && via.length > 0) {
        return {
          kind: 'error',
          message: `symbolic link to ${JSON.stringify(current)}, which does not exist`
        }
      }
      return read
    }
    const shown = JSON.stringify(read.target.slice(0, 200))
    if (via.length >= MAX_LINK_HOPS || via.includes(current)) {
      return { kind: 'error', message: `symbolic links in a loop (at ${shown})` }
    }
    const next = linkTarget(current, read.target)
    if ('error' in next)
      return { kind: 'error', message: `symbolic link to ${shown}: it ${next.error}` }
    via.push(current)
    current = next.path
  }
}

/** The largest Cargo file any reader reads: the TOML parser's one limit (cargo/toml.ts). */
export const MAX_CARGO_FILE_BYTES = MAX_TOML_CHARS
export const MAX_CARGO_FILE_DESCRIPTION = MAX_TOML_DESCRIPTION

/** Git's mode for a symbolic link, in `git ls-tree` output and GitHub's tree API alike. */
export const SYMLINK_MODE = '120000'

export function isCargoFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name === 'Cargo.toml' || name === 'Cargo.lock'
}

/**
 * Null when `path` is a repository-relative path every reader may open; otherwise why not.
 * Refuses absolute paths, backslashes, NUL and other control characters, and empty, `.` or `..`
 * segments, so no reader can be steered out of its root by a path.
 */
export function checkTreePath(path: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (path === '' || path.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(path)) {
    return 'not a path inside the repository'
  }
  const segments = path.split('/')
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'not a path inside the repository'
  }
  return null
}

/** The cap's message, for readers that know a file's size before reading it. */
export function tooLarge(bytes: number): FileRead {
  return {
    kind: 'error',
    message: `file is larger than ${MAX_CARGO_FILE_DESCRIPTION} (${String(bytes)} bytes); not read`
  }
}

/** What a reader implements; treeFromReader() adds the contract around it. */
export interface TreeReader {
  readonly label: string
  /** Paths of the regular files this tree holds (any names; symbolic links left out). */
  list(): Promise<readonly string[]>
  /** Reads a checked path (a link: `link`, with its target); may throw (an error read). */
  read(path: string): Promise<ReaderRead>
}

export function treeFromReader(reader: TreeReader): FileTree {
  let listing: Promise<string[]> | null = null
  const reads = new Map<string, Promise<FileRead>>()
  const readChecked = async (path: string): Promise<FileRead> => {
    const unsafe = checkTreePath(path)
    if (unsafe !== null) return { kind: 'error', message: unsafe }
    try {
      const read = await followLinks(path, (at) => reader.read(at))
      if (read.kind === 'ok' && read.text.length > MAX_CARGO_FILE_BYTES) {
        return tooLarge(Buffer.byteLength(read.text, 'utf8'))
      }
      return read
    } catch (error) {
      return { kind: 'error', message: firstLine(getErrorMessage(error)) }
    }
  }
  return {
    label: reader.label,
    listCargoFiles() {
      listing ??= reader
        .list()
        .then((paths) =>
          [...new Set(paths)]
            .filter((path) => isCargoFile(path) && checkTreePath(path) === null)
            .sort(compareStrings)
        )
      return listing.then((paths) => [...paths])
    },
    read(path: string): Promise<FileRead> {
      let read = reads.get(path)
      if (read === undefined) {
        read = readChecked(path)
        reads.set(path, read)
      }
      return read
    }
  }
}
