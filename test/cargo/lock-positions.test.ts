// The one-pass reader of a Cargo-written lockfile's [[package]] positions (cargo/lock-positions.ts)
// against toml-eslint-parser's full syntax tree (cargo/positions.ts) as the oracle: where the fast
// reader answers, its answer is the full parser's, and it never answers for text the full parser
// refuses.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { plainArrayTables } from '../../src/cargo/lock-positions.js'
import { tomlPositions } from '../../src/cargo/positions.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')

function lockfiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...lockfiles(path))
    else if (entry.name === 'Cargo.lock') out.push(path)
  }
  return out.sort()
}

/** The full parser's answer, or null when it refuses the text. */
function oracle(text: string, name: string) {
  try {
    return tomlPositions(text).arrayTables(name)
  } catch {
    return null
  }
}

describe('a Cargo-written lockfile read in one pass', () => {
  const files = lockfiles(CASES)

  it('covers every lockfile of the fixture cases (real Cargo output, lockfile versions 1 to 4)', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
  })

  it.each(files.map((path) => [path.slice(CASES.length + 1), path]))(
    '%s: read without the full parser, with its positions and values',
    (_, path) => {
      const text = readFileSync(path, 'utf8')
      const fast = plainArrayTables(text, 'package')
      expect(fast).not.toBeNull()
      expect(fast).toEqual(oracle(text, 'package'))
    }
  )
})

describe('text outside what Cargo writes goes to the full parser', () => {
  const outside: [string, string][] = [
    ['an escape in a string', '[[package]]\nname = "a\\u0062"\n'],
    ['a literal string', "[[package]]\nname = 'a'\n"],
    ['a multi-line string', '[[package]]\nname = """\na"""\n'],
    ['CR LF line ends', '[[package]]\r\nname = "a"\r\n'],
    ['non-ASCII text', '[[package]]\nname = "é"\n'],
    ['a quoted key with an escape', '[[package]]\n"na\\u006de" = "a"\n'],
    ['a quoted key repeating a bare one', '[[package]]\nname = "a"\n"name" = "b"\n'],
    ['a dotted key', '[[package]]\nsource.x = "a"\n'],
    ['an inline table', '[[package]]\nx = { a = "b" }\n'],
    ['a repeated key', '[[package]]\nname = "a"\nname = "b"\n'],
    ['a table defined twice', '[metadata]\n[metadata]\n'],
    ['a name used as table and array', '[package]\n[[package]]\n'],
    ['a table inside another header', '[a]\nb = 1\n[a.b]\n'],
    ['a top-level key named like a table', 'package = 1\n[[package]]\n'],
    ['a float', 'version = 1.5\n'],
    ['two values on one line', 'a = 1 b = 2\n']
  ]
  it.each(outside)('%s', (_, text) => {
    expect(plainArrayTables(text, 'package')).toBeNull()
  })

  it('keys that reach a prototype are left to the full parser', () => {
    expect(plainArrayTables('[[package]]\n__proto__ = "x"\n', 'package')).toBeNull()
  })
})

// Lockfile-shaped text from pieces Cargo writes and pieces it never writes (and some invalid TOML).
const piece = fc.constantFrom(
  '[[package]]',
  '[[ package ]]',
  '[[package]] # c',
  '[ [package]]',
  '[[patch.unused]]',
  '[metadata]',
  '[package]',
  'name = "a"',
  'name = "b-c_d"',
  'version = "1.0.0"',
  'version = 3',
  'version = 03',
  'source = "registry+https://github.com/rust-lang/crates.io-index"',
  'checksum = "0123abcd"',
  'dependencies = [',
  ' "x",',
  ' "y 1.0.0", # why',
  ']',
  'dependencies = []',
  'dependencies = ["x", "y"]',
  'dependencies = [,]',
  '"checksum a 1.0" = "<none>"',
  '"name" = "q"',
  '"" = "empty"',
  'name = "a" # trailing',
  'name = "a\\"b"',
  "name = 'lit'",
  'flag = true',
  'x = { a = 1 }',
  '# a comment',
  '\t# tabbed comment',
  '',
  '  ',
  'name = ',
  '= "x"',
  'name = "unterminated'
)

describe('property: wherever the one-pass reader answers, the full parser answers the same', () => {
  it('on random lockfile-shaped text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '')
        const fast = plainArrayTables(text, 'package')
        if (fast === null) return
        expect(fast).toEqual(oracle(text, 'package'))
      }),
      { numRuns: 3000 }
    )
  })
})

// Cargo-shaped tables (distinct keys, a header spelt in any valid way, comments and blank lines
// anywhere a line may be): most of these are read in one pass, so the comparison is exercised.
const filler = fc.constantFrom('', '# note', '  ', '\t# tab')
const header = fc.constantFrom(
  '[[package]]',
  '[[ package ]]',
  '[[package]]  # c',
  '[[patch.unused]]'
)
const pair = fc.constantFrom(
  ['name', 'name = "a"'],
  ['name', '"name" = "n"'],
  ['version', 'version = "0.1.0-alpha.1+b"'],
  ['source', 'source = "git+https://example.com/x?rev=1#abc"'],
  ['checksum', 'checksum = "ff"  # sum'],
  ['dependencies', 'dependencies = [\n "x",\n # c\n "y 1.0",\n]'],
  ['dependencies', 'dependencies = [ "x" ]'],
  ['replace', 'replace = "z 1.0"'],
  ['yes', 'yes = false'],
  ['count', 'count = 10']
)
const table = fc.tuple(
  header,
  fc.uniqueArray(pair, { selector: ([key]) => key, maxLength: 6 }),
  fc.array(filler, { maxLength: 2 })
)

describe('property: Cargo-shaped lockfiles are read in one pass, as the full parser reads them', () => {
  it('on random tables of distinct keys', () => {
    fc.assert(
      fc.property(fc.array(table, { maxLength: 12 }), fc.boolean(), (tables, root) => {
        const lines = root ? ['version = 4', ''] : []
        for (const [head, pairs, fill] of tables) {
          lines.push(head, ...fill, ...pairs.map(([, text]) => text), ...fill)
        }
        const text = lines.join('\n')
        const fast = plainArrayTables(text, 'package')
        expect(fast).not.toBeNull()
        expect(fast).toEqual(oracle(text, 'package'))
      }),
      { numRuns: 1000 }
    )
  })
})
