// A revision of the repository seen as a set of Cargo files. Implemented over a directory (CLI),
// over git (CLI), and over GitHub's REST API (action); the core only reads through this interface.

export type FileRead =
  { kind: 'ok'; text: string } | { kind: 'missing' } | { kind: 'error'; message: string }

export interface FileTree {
  /** Shown in messages: `base`, `head`, a ref or a directory. */
  readonly label: string
  /**
   * Repository-relative paths (forward slashes) of every `Cargo.toml` and `Cargo.lock` this tree
   * knows. A tree that only knows the files a pull request changed returns those.
   */
  listCargoFiles(): Promise<string[]>
  /** Reads one file. A file absent at this revision is `missing`, never an error. */
  read(path: string): Promise<FileRead>
}

export function isCargoFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name === 'Cargo.toml' || name === 'Cargo.lock'
}
