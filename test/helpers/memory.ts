// The in-memory test doubles every suite shares: a FileTree over a path → text map (an error entry
// makes that read fail), recording the paths read; a Logger recording what was logged.
import type { Logger } from '../../src/core/model.js'
import type { FileRead, FileTree } from '../../src/trees/tree.js'

export function memoryTree(
  label: string,
  files: Record<string, string | { error: string }>
): FileTree & { reads: string[] } {
  const reads: string[] = []
  return {
    label,
    reads,
    listCargoFiles: () => Promise.resolve(Object.keys(files)),
    read: (path: string): Promise<FileRead> => {
      reads.push(path)
      const file = files[path]
      if (file === undefined) return Promise.resolve({ kind: 'missing' })
      if (typeof file === 'string') return Promise.resolve({ kind: 'ok', text: file })
      return Promise.resolve({ kind: 'error', message: file.error })
    }
  }
}

export function recordingLogger(): Logger & {
  infos: string[]
  warnings: string[]
  debugs: string[]
} {
  const infos: string[] = []
  const warnings: string[] = []
  const debugs: string[] = []
  return {
    infos,
    warnings,
    debugs,
    info: (message) => infos.push(message),
    warning: (message) => warnings.push(message),
    debug: (message) => debugs.push(message)
  }
}
