// FileTree over an in-memory map of path → text: the tests' tree, behind the same contract as the
// directory, git and GitHub readers (path check, size cap, one read per path). An `{ error }` entry
// makes that read fail, as a failed fetch would.
import { treeFromReader, type FileTree } from './tree.js'

export type MemoryFiles =
  Readonly<Record<string, string | { error: string }>> | ReadonlyMap<string, string>

/** A tree held in memory; `reads` lists the paths its reader was asked for, in order. */
export function memoryTree(label: string, files: MemoryFiles): FileTree & { reads: string[] } {
  const contents = new Map<string, string | { error: string }>(
    files instanceof Map ? files : Object.entries(files)
  )
  const reads: string[] = []
  const tree = treeFromReader({
    label,
    list: () => Promise.resolve([...contents.keys()]),
    read: (path) => {
      reads.push(path)
      const file = contents.get(path)
      if (file === undefined) return Promise.resolve({ kind: 'missing' })
      if (typeof file === 'string') return Promise.resolve({ kind: 'ok', text: file })
      return Promise.resolve({ kind: 'error', message: file.error })
    }
  })
  return Object.assign(tree, { reads })
}
