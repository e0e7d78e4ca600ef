// A FileTree over a map of paths to texts, for tests that build their trees in memory.
import type { FileRead, FileTree } from '../../src/trees/tree.js'

export function memoryTree(label: string, files: ReadonlyMap<string, string>): FileTree {
  return {
    label,
    listCargoFiles: () => Promise.resolve([...files.keys()].sort()),
    read: (path: string): Promise<FileRead> => {
      const text = files.get(path)
      return Promise.resolve(text === undefined ? { kind: 'missing' } : { kind: 'ok', text })
    }
  }
}
