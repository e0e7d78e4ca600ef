// Preloaded (`--import`) into a child Node process by a test: at exit, appends the internal
// modules Node loaded (process.moduleLoadList, e.g. "NativeModule internal/deps/undici/undici")
// as one JSON line to $LOADED_BUILTINS_OUT.
import { appendFileSync } from 'node:fs'

process.on('exit', () => {
  const out = process.env.LOADED_BUILTINS_OUT
  if (out) appendFileSync(out, JSON.stringify(process.moduleLoadList) + '\n')
})
