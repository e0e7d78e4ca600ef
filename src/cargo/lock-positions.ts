// Where each [[package]] of a Cargo.lock is written, without building a syntax tree. Cargo writes
// its lockfiles in a small, fixed part of TOML (bare or quoted keys, one-line strings without
// escapes, integers, arrays of such strings, comments), and for that part the positions are read
// here in one pass; toml-eslint-parser's full tree of the same file cost ~60–90 ms per lockfile of
// a large pull request. A file that leaves that part in any way (escapes, literal or multi-line
// strings, dotted keys, inline tables, non-ASCII, CR, a repeated key) gets null, and the caller
// falls back to the full parser (positions.ts): the answer is the full parser's or none.
import type { Span } from './positions.js'
import { MAX_TOML_CHARS } from './toml.js'

export interface ArrayTable {
  span: Span
  /** The table's keys with a string value. */
  values: Record<string, string>
}

/** Thrown inside the reader when the text leaves the part of TOML it reads. */
class Outside extends Error {}

/** Keys that would reach an object's prototype: left to the full parser. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * The `[[name]]` tables of `text` (one bare key, e.g. `package`), in file order, as the full
 * parser's `arrayTables(name)` gives them; null when the text is outside the part read here.
 */
export function plainArrayTables(text: string, name: string): ArrayTable[] | null {
  if (text.length > MAX_TOML_CHARS) return null
  try {
    return new Reader(text).arrayTables(name)
  } catch (error) {
    if (error instanceof Outside) return null
    throw error
  }
}

// The reader's pieces are sticky regular expressions: one native match per token instead of a
// call per character, which a short-lived CLI runs cold (half the reader's time on a large PR).
const SPACES = /[ \t]*/y
/** A comment's text after `#`: printable ASCII and tabs, up to the end of its line. */
const COMMENT = /[\t\x20-\x7e]*/y
const BARE_KEY = /[A-Za-z0-9_-]*/y
/** A header's key may be dotted (`[[patch.unused]]`): no leading, trailing or doubled dot. */
const DOTTED_KEY = /[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*/y
/** A basic string's body: printable ASCII but `"` and `\` (an escape is left to the full parser). */
const STRING_BODY = /[\x20\x21\x23-\x5b\x5d-\x7e]*/y
const WORD = /[a-z0-9]*/y

class Reader {
  private pos = 0
  private line = 1
  private lineStart = 0
  constructor(private readonly text: string) {}

  arrayTables(name: string): ArrayTable[] {
    const tables: ArrayTable[] = []
    // The table being read: its keys (a repeated one is invalid TOML) and, when it is one of
    // `name`'s, its entry, whose span ends where its last key/value ends.
    const topKeys = new Set<string>()
    let keys = topKeys
    let current: ArrayTable | null = null
    const headers = new Map<string, 'array' | 'table'>()
    for (;;) {
      this.skipBlankAndComments()
      if (this.pos >= this.text.length) return tables
      const start = this.here()
      if (this.peek() === '[') {
        const array = this.text[this.pos + 1] === '['
        this.pos += array ? 2 : 1
        this.skipSpaces()
        const key = this.bareKey(true)
        this.skipSpaces()
        this.expect(array ? ']]' : ']')
        // Only headers that cannot clash are read here: each key one kind (a standard table
        // once), none inside another's (`[a]` and `[a.b]`), none a top-level key's name.
        const kind = headers.get(key)
        if (kind === undefined) {
          const clash = (other: string) =>
            other.startsWith(`${key}.`) || key.startsWith(`${other}.`)
          if ([...headers.keys()].some(clash) || topKeys.has(key.split('.')[0] ?? '')) {
            throw new Outside()
          }
          headers.set(key, array ? 'array' : 'table')
        } else if (kind === 'table' || !array) throw new Outside()
        keys = new Set()
        current = array && key === name ? { span: this.spanFrom(start), values: {} } : null
        if (current !== null) tables.push(current)
        this.endOfLine()
        continue
      }
      // Lockfiles of version 1 keep their checksums under quoted keys in [metadata].
      const key = this.peek() === '"' ? this.basicString() : this.bareKey(false)
      if (keys.has(key) || UNSAFE_KEYS.has(key)) throw new Outside()
      keys.add(key)
      this.skipSpaces()
      this.expect('=')
      this.skipSpaces()
      const value = this.value()
      if (current !== null) {
        // The span was made for this table alone (spanFrom): extended in place.
        current.span.endLine = this.line
        current.span.endColumn = this.pos - this.lineStart + 1
        if (value !== null) current.values[key] = value
      }
      this.endOfLine()
    }
  }

  private peek(): string | undefined {
    return this.text[this.pos]
  }

  private here(): { line: number; column: number } {
    return { line: this.line, column: this.pos - this.lineStart + 1 }
  }

  private spanFrom(start: { line: number; column: number }): Span {
    return {
      line: start.line,
      column: start.column,
      endLine: this.line,
      endColumn: this.pos - this.lineStart + 1
    }
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.pos)) throw new Outside()
    this.pos += token.length
  }

  /** Matches `pattern` (sticky, never failing: `*`) at the position and moves past it. */
  private skip(pattern: RegExp): void {
    pattern.lastIndex = this.pos
    pattern.test(this.text)
    this.pos = pattern.lastIndex
  }

  private skipSpaces(): void {
    this.skip(SPACES)
  }

  private newline(): void {
    this.pos++
    this.line++
    this.lineStart = this.pos
  }

  /** A comment runs to the end of its line; printable ASCII and tabs only. */
  private comment(): void {
    this.pos++
    this.skip(COMMENT)
    const c = this.peek()
    if (c !== undefined && c !== '\n') throw new Outside()
  }

  private skipBlankAndComments(): void {
    for (;;) {
      this.skipSpaces()
      const c = this.peek()
      if (c === '\n') this.newline()
      else if (c === '#') this.comment()
      else if (c === undefined || printable(c)) return
      else throw new Outside()
    }
  }

  /** After a header or a key/value: spaces, an optional comment, then a newline or the end. */
  private endOfLine(): void {
    this.skipSpaces()
    if (this.peek() === '#') this.comment()
    const c = this.peek()
    if (c === undefined) return
    if (c !== '\n') throw new Outside()
    this.newline()
  }

  /** Bare keys only; a header's may be dotted (`[[patch.unused]]`), a key/value's may not. */
  private bareKey(dotted: boolean): string {
    const start = this.pos
    const pattern = dotted ? DOTTED_KEY : BARE_KEY
    pattern.lastIndex = start
    if (!pattern.test(this.text)) throw new Outside()
    this.pos = pattern.lastIndex
    // A dot right after the key (`[[a.]]`, `[[a..b]]`) is a key this reader does not take.
    if (this.pos === start || this.peek() === '.') throw new Outside()
    return this.text.slice(start, this.pos)
  }

  /** A value; its text when it is a string, else null. */
  private value(): string | null {
    const c = this.peek()
    if (c === '"') return this.basicString()
    if (c === '[') {
      this.array()
      return null
    }
    const start = this.pos
    this.skip(WORD)
    const word = this.text.slice(start, this.pos)
    // Integers without sign or leading zero, and booleans; anything else goes to the full parser.
    if (word === 'true' || word === 'false' || /^(0|[1-9][0-9]*)$/.test(word)) return null
    throw new Outside()
  }

  /** `"…"` on one line, without escapes (and not `"""`). */
  private basicString(): string {
    if (this.text.startsWith('"""', this.pos)) throw new Outside()
    const start = ++this.pos
    this.skip(STRING_BODY)
    if (this.peek() !== '"') throw new Outside()
    const value = this.text.slice(start, this.pos)
    this.pos++
    return value
  }

  /** `[ "a", "b", ]` over any number of lines, with comments between the strings. */
  private array(): void {
    this.pos++
    let needComma = false
    for (;;) {
      this.skipBlankAndComments()
      const c = this.peek()
      if (c === ']') {
        this.pos++
        return
      }
      if (c === ',' && needComma) {
        this.pos++
        needComma = false
        continue
      }
      if (c !== '"' || needComma) throw new Outside()
      this.basicString()
      needComma = true
    }
  }
}

/** Printable ASCII (space to tilde): a Cargo-written lockfile holds nothing else outside newlines. */
function printable(c: string): boolean {
  const code = c.charCodeAt(0)
  return code >= 0x20 && code <= 0x7e
}
