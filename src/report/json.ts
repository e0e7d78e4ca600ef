// The JSON report: the Report model itself, serialised deterministically, as a stream of pieces so
// that a report larger than the longest string V8 allows (2^29 − 24 characters; ~400,000 findings)
// is still written. The bytes equal JSON.stringify(sorted keys, 2-space indent) + "\n".
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { Report } from '../core/model.js'

const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0

/** What JSON.stringify would make of a value inside an object (undefined: the key is left out). */
function plain(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'toJSON' in value) {
    const toJSON = value.toJSON
    if (typeof toJSON === 'function') return (toJSON as () => unknown).call(value)
  }
  return value
}

const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol'

/**
 * The report's JSON in pieces: structure is walked here, and only leaves (strings, numbers…) are
 * given to JSON.stringify, so no piece is ever larger than one value of the model.
 */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  const item = plain(value)
  if (item === null || typeof item !== 'object') {
    yield JSON.stringify(omitted(item) ? null : item)
    return
  }
  const inner = indent + '  '
  if (Array.isArray(item)) {
    if (item.length === 0) {
      yield '[]'
      return
    }
    yield '['
    for (let i = 0; i < item.length; i += 1) {
      yield `${i === 0 ? '' : ','}\n${inner}`
      const element: unknown = item[i]
      yield* jsonPieces(omitted(plain(element)) ? null : element, inner)
    }
    yield `\n${indent}]`
    return
  }
  const entries = Object.entries(item as Record<string, unknown>)
    .filter(([, v]) => !omitted(plain(v)))
    .sort(byKey)
  if (entries.length === 0) {
    yield '{}'
    return
  }
  yield '{'
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `
    yield* jsonPieces(v, inner)
  }
  yield `\n${indent}}`
}

/** Deterministic JSON: sorted keys, 2-space indent, trailing newline (for reports that fit a string). */
export function renderJson(report: Report): string {
  return [...jsonPieces(report), '\n'].join('')
}

/** Writes the JSON report to a stream in chunks of about 64 KiB, honouring back-pressure. */
export async function writeJson(report: Report, out: Writable): Promise<void> {
  let buffer: string[] = []
  let size = 0
  const flush = async (): Promise<void> => {
    if (size === 0) return
    const chunk = buffer.join('')
    buffer = []
    size = 0
    if (!out.write(chunk, 'utf8')) await once(out, 'drain')
  }
  for (const piece of jsonPieces(report)) {
    buffer.push(piece)
    size += piece.length
    if (size >= 65_536) await flush()
  }
  buffer.push('\n')
  size += 1
  await flush()
}

/** Writes the JSON report to a file. */
export async function writeJsonFile(report: Report, path: string): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' })
  const closed = once(out, 'close')
  closed.catch(() => undefined) // awaited below; an early 'error' must not be unhandled
  try {
    await writeJson(report, out)
  } finally {
    out.end()
  }
  await closed
}
