// The one place Cargo files go through smol-toml: size limit, prototype-safe keys, and conversion of
// parse and shape errors into CargoFileError with a position.
import { parse, TomlError } from 'smol-toml'
import type { z } from 'zod'
import { CargoFileError, firstLine, getErrorMessage } from '../core/errors.js'

/** Largest Cargo file we parse, in UTF-16 code units (the real Cargo.lock of rust-lang/rust is ~0.5 MiB). */
export const MAX_TOML_CHARS = 64 * 1024 * 1024
export const MAX_TOML_DESCRIPTION = '64 MiB'

export type TomlTable = Record<string, unknown>

/**
 * Parses TOML text. Keys such as `__proto__` and `constructor` are rejected rather than kept or
 * dropped: keeping them risks prototype pollution downstream, dropping them would lose data silently.
 */
export function parseToml(text: string, path: string): TomlTable {
  if (text.length > MAX_TOML_CHARS) {
    throw new CargoFileError(
      path,
      `file is larger than ${MAX_TOML_DESCRIPTION} (${String(text.length)} characters); not parsed`
    )
  }
  try {
    return parse(text, { unsafeKeyBehaviour: 'throw', maxDepth: 64 })
  } catch (error) {
    if (error instanceof TomlError) {
      // TomlError's message repeats the source lines; keep only the first line for reports.
      const first = error.message.split('\n', 1)[0] ?? error.message
      throw new CargoFileError(path, first, error.line, error.column)
    }
    throw error
  }
}

/**
 * A config file read for policy (`.cargo/config.toml`, deny.toml): the same gate as parseToml, but
 * unsafe keys are dropped (the file is the user's, read for a few keys) and a failure is returned
 * as where and why, for the caller to word, instead of thrown.
 */
export function readConfigToml(
  text: string
): { document: TomlTable } | { error: { where: string; message: string } } {
  if (text.length > MAX_TOML_CHARS) {
    return { error: { where: '', message: `file is larger than ${MAX_TOML_DESCRIPTION}` } }
  }
  try {
    return { document: parse(text, { unsafeKeyBehaviour: 'drop', maxDepth: 64 }) }
  } catch (error) {
    const toml = error instanceof TomlError
    const where = toml ? ` (line ${String(error.line)}, column ${String(error.column)})` : ''
    return { error: { where, message: firstLine(getErrorMessage(error)) } }
  }
}

/** Turns the first zod issue into a CargoFileError that names the key and, best effort, its line. */
export function shapeError(path: string, text: string, error: z.ZodError): CargoFileError {
  const issue = error.issues[0]
  if (issue === undefined) return new CargoFileError(path, 'unexpected shape')
  const keys = issue.path.filter((k) => typeof k === 'string' || typeof k === 'number')
  const where = keys.length === 0 ? 'document' : formatKeyPath(keys)
  const position = locateKey(text, keys)
  return new CargoFileError(
    path,
    `unexpected shape at ${where}: ${issue.message}`,
    position?.line ?? null,
    position?.column ?? null
  )
}

export function formatKeyPath(keys: readonly (string | number)[]): string {
  let out = ''
  for (const key of keys) {
    if (typeof key === 'number') out += `[${String(key)}]`
    else out += (out === '' ? '' : '.') + (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key))
  }
  return out
}

/**
 * Best-effort position of a key path in TOML text, for error messages only: walks forward through
 * the text, taking `[[name]]` headers for array indexes and the next occurrence of each key.
 */
export function locateKey(
  text: string,
  keys: readonly (string | number)[]
): { line: number; column: number } | null {
  let position = 0
  let found = false
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    if (key === undefined) break
    if (typeof key === 'number') {
      const table = keys[i - 1]
      if (typeof table !== 'string') break
      const header = new RegExp(`^[ \\t]*\\[\\[[ \\t]*${escapeRegExp(table)}[ \\t]*\\]\\]`, 'gm')
      header.lastIndex = position
      let match: RegExpExecArray | null = null
      for (let n = 0; n <= key; n++) {
        match = header.exec(text)
        if (match === null) break
      }
      if (match === null) break
      position = match.index
      found = true
      continue
    }
    if (typeof keys[i + 1] === 'number') continue // located by its `[[key]]` headers
    const bare = escapeRegExp(key)
    const pattern = new RegExp(`(^|[\\s.{,\\[])(${bare}|"${bare}"|'${bare}')[ \\t]*[=.\\]]`, 'gm')
    pattern.lastIndex = position
    const match = pattern.exec(text)
    if (match === null) break
    position = match.index + (match[1]?.length ?? 0)
    found = true
  }
  if (!found) return null
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return { line, column }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
