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
// - a symbolic link is a link, not a Cargo file, as git sees it: never listed, and read() returns
//   `missing`. Following links would read files outside the repository (or the same lockfile
//   twice); refusing them would make every run on a repository that has one incomplete.
import { compareStrings } from '../core/compare.js'
import { firstLine, getErrorMessage } from '../core/errors.js'

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
  /** Reads one file. A file absent at this revision (or a symbolic link) is `missing`, never an error. */
  read(path: string): Promise<FileRead>
}

/** The largest Cargo file any reader reads (the TOML parser refuses larger texts too). */
export const MAX_CARGO_FILE_BYTES = 64 * 1024 * 1024
export const MAX_CARGO_FILE_DESCRIPTION = '64 MiB'

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
  /** Reads a checked path; may throw (turned into an error read). */
  read(path: string): Promise<FileRead>
}

export function treeFromReader(reader: TreeReader): FileTree {
  let listing: Promise<string[]> | null = null
  const reads = new Map<string, Promise<FileRead>>()
  const readChecked = async (path: string): Promise<FileRead> => {
    const unsafe = checkTreePath(path)
    if (unsafe !== null) return { kind: 'error', message: unsafe }
    try {
      const read = await reader.read(path)
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
