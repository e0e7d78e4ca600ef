// The JSON report: the Report model itself, serialised deterministically, in chunks, so that a
// report longer than the longest string V8 allows (2^29 − 24 characters; ~400,000 findings) is
// still written. The bytes equal what JSON.stringify of the key-sorted report makes, + "\n".
import { closeSync, openSync, writeSync } from 'node:fs'
import type { Report } from '../core/model.js'
import { redactSecrets } from '../core/redact.js'

const CHUNK_CHARS = 1 << 16

const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0

const omitted = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol'

/** What JSON.stringify serialises in place of a value (its toJSON(), e.g. for a Date). */
function plain(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'toJSON' in value) {
    const toJSON = value.toJSON
    if (typeof toJSON === 'function') return (toJSON as () => unknown).call(value)
  }
  return value
}

/**
 * Serialises `value` as JSON.stringify(value-with-sorted-keys, null, 2) would, handing the text to
 * `emit` in chunks of about 64 KiB; only leaves go through JSON.stringify, so no string ever holds
 * more than one chunk or one value of the model.
 */
export function serializeJson(value: unknown, emit: (chunk: string) => void): void {
  let parts: string[] = []
  let size = 0
  const put = (part: string): void => {
    parts.push(part)
    size += part.length
    if (size >= CHUNK_CHARS) {
      emit(parts.join(''))
      parts = []
      size = 0
    }
  }
  // A big report repeats itself (one advisory's text under every crate it lists): long strings
  // are escaped once, and each object shape's key order is worked out once.
  const escaped = new Map<string, string>()
  const orders = new Map<string, string[]>()
  const walk = (raw: unknown, indent: string): void => {
    // Every string leaf loses the registered secrets (the action's token), whatever echoed it.
    const leaf = plain(raw)
    const item = typeof leaf === 'string' ? redactSecrets(leaf) : leaf
    if (typeof item === 'string' && item.length > 256) {
      let text = escaped.get(item)
      if (text === undefined) {
        text = JSON.stringify(item)
        if (escaped.size > 4096) escaped.clear()
        escaped.set(item, text)
      }
      put(text)
      return
    }
    if (item === null || typeof item !== 'object') {
      put(JSON.stringify(omitted(item) ? null : item))
      return
    }
    const inner = indent + '  '
    if (Array.isArray(item)) {
      if (item.length === 0) {
        put('[]')
        return
      }
      for (let i = 0; i < item.length; i += 1) {
        put(i === 0 ? `[\n${inner}` : `,\n${inner}`)
        const element: unknown = item[i]
        walk(omitted(plain(element)) ? null : element, inner)
      }
      put(`\n${indent}]`)
      return
    }
    const record = item as Record<string, unknown>
    let first = true
    for (const key of keyOrder(record, orders)) {
      const v = record[key]
      if (omitted(plain(v))) continue
      put(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `)
      first = false
      walk(v, inner)
    }
    put(first ? '{}' : `\n${indent}}`)
  }
  walk(value, '')
  if (size > 0) emit(parts.join(''))
}

/** An object's keys in the report's order, memoised by the object's shape (its key list). */
function keyOrder(record: Record<string, unknown>, orders: Map<string, string[]>): string[] {
  const keys = Object.keys(record)
  if (ascendingNames(keys)) return keys
  const shape = JSON.stringify(keys)
  let order = orders.get(shape)
  if (order === undefined) {
    // Through an object, as the sorted report always went: integer-like keys come first then.
    order = Object.keys(
      Object.fromEntries(keys.map((key) => [key, 0] as [string, number]).sort(byKey))
    )
    orders.set(shape, order)
  }
  return order
}

/**
 * Keys already in the report's order, found without a look-up: no integer-like key (those come
 * first in any object's own order, which the memo works out) and each name after the one before.
 * A third of a large report's objects are built this way.
 */
function ascendingNames(keys: readonly string[]): boolean {
  let previous = ''
  for (const key of keys) {
    if (key <= previous || INDEX_LIKE.test(key)) return false
    previous = key
  }
  return true
}

/** What an object orders as an integer index (ECMAScript's array index, up to 2^32 − 2). */
const INDEX_LIKE = /^(?:0|[1-9][0-9]{0,9})$/

/** Deterministic JSON: sorted keys, 2-space indent, trailing newline (for reports that fit a string). */
export function renderJson(report: Report): string {
  // One string is wanted anyway, so the native serialiser writes it, from a key-sorted copy: half
  // the CPU of the chunked walk on a large report (serializeJson stays for what may not fit).
  return JSON.stringify(sortedCopy(report, new Map()), null, 2) + '\n'
}

/**
 * What serializeJson writes, as a value JSON.stringify writes the same way: toJSON() applied,
 * secrets redacted from strings, keys in serializeJson's order (`undefined`, functions and symbols
 * come through as they are, and JSON.stringify leaves them out, or writes null in an array).
 */
function sortedCopy(raw: unknown, orders: Map<string, string[]>): unknown {
  const item = plain(raw)
  if (typeof item === 'string') return redactSecrets(item)
  if (item === null || typeof item !== 'object') return item
  if (Array.isArray(item)) return item.map((element) => sortedCopy(element, orders))
  const record = item as Record<string, unknown>
  const order = keyOrder(record, orders)
  // No prototype: a key `__proto__` is an own key here, as serializeJson writes it.
  const out = Object.create(null) as Record<string, unknown>
  for (const key of order) out[key] = sortedCopy(record[key], orders)
  return out
}

/** The JSON report, trailing newline included, in chunks (e.g. to a synchronous stdout write). */
export function writeJsonTo(report: Report, emit: (chunk: string) => void): void {
  serializeJson(report, emit)
  emit('\n')
}

/** Writes the JSON report to a file, chunk by chunk. */
export function writeJsonFile(report: Report, path: string): void {
  const fd = openSync(path, 'w')
  try {
    writeJsonTo(report, (chunk) => {
      writeSync(fd, chunk, null, 'utf8')
    })
  } finally {
    closeSync(fd)
  }
}
