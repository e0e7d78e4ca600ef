// FileTree over an in-memory map of path → text: the tests' tree, with the same contract as the others.
import { treeFromReader, type FileTree } from './tree.js'

/** A tree held in memory (tests, and readers that fetched everything up front). */
export function memoryTree(label: string, files: Readonly<Record<string, string>>): FileTree {
  const contents = new Map(Object.entries(files))
  return treeFromReader({
    label,
    list: () => Promise.resolve([...contents.keys()]),
    read: (path) => {
      const text = contents.get(path)
      return Promise.resolve(text === undefined ? { kind: 'missing' } : { kind: 'ok', text })
    }
  })
}
