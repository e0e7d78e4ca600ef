// The in-memory test doubles every suite shares: the FileTree of src/trees/memory.ts, and a Logger
// recording what was logged.
import type { Logger } from '../../src/core/model.js'
export { memoryTree } from '../../src/trees/memory.js'

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
