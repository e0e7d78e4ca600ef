// Property tests on the Cargo readers: arbitrary text and mutated real fixture files end in a result
// or a CargoFileError naming the file, never another exception, and never change a prototype.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { parseLockfile } from '../../src/cargo/lockfile.js'
import { parseManifest } from '../../src/cargo/manifest.js'
import { computeChanges } from '../../src/diff/changes.js'
import { CargoFileError } from '../../src/core/errors.js'
import { memoryTree } from '../../src/trees/memory.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const RUNS = Number(process.env.FC_RUNS ?? 150)

function cargoFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...cargoFiles(full))
    else if (name === 'Cargo.lock' || name === 'Cargo.toml') out.push(full)
  }
  return out
}

const files = cargoFiles(CASES).map((full) => ({
  path: relative(CASES, full),
  bytes: readFileSync(full),
  lock: full.endsWith('.lock')
}))
const lockfiles = files.filter((f) => f.lock)
const manifests = files.filter((f) => !f.lock)

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype]
const snapshot = () => PROTOTYPES.map((proto) => Reflect.ownKeys(proto).map(String).sort())
const pristine = snapshot()

function expectPrototypesIntact(): void {
  expect(snapshot()).toEqual(pristine)
  const probe: Record<string, unknown> = {}
  for (const key of ['polluted', 'x', 'name', 'version', 'a', 'b'])
    expect(probe[key]).toBe(undefined)
}

afterEach(expectPrototypesIntact)

type Reader = (text: string, path: string) => unknown

/** The reader returns, or throws a CargoFileError for this path; anything else fails the property. */
function readsOrNames(reader: Reader, text: string, path: string): void {
  try {
    reader(text, path)
  } catch (error) {
    if (!(error instanceof CargoFileError)) {
      throw new Error(`not a CargoFileError: ${String(error)}`, { cause: error })
    }
    expect(error.path).toBe(path)
    expect(error.message.startsWith(path)).toBe(true)
  }
  expectPrototypesIntact()
}

// Lines that try prototype pollution through every place a key can be written in TOML.
const HOSTILE_LINES = [
  '__proto__ = 1',
  '"__proto__" = { polluted = 1 }',
  "'__proto__'.polluted = 1",
  '[__proto__]',
  '[__proto__.polluted]',
  '[[__proto__]]',
  'constructor = { prototype = { polluted = 1 } }',
  '[constructor.prototype]\npolluted = 1',
  '[package.__proto__]',
  '[dependencies.__proto__]\npolluted = "1"',
  '[dependencies]\n__proto__ = "1"\nconstructor = "1"',
  '[target.\'cfg(unix)\'.dependencies.constructor]\nversion = "1"',
  '[target.__proto__.dependencies]\nx = "1"',
  '[workspace.dependencies]\n"__proto__" = { version = "1" }',
  'hasOwnProperty = 1\ntoString = "x"\nvalueOf = []',
  '[[package]]\nname = "__proto__"\nversion = "1.0.0"\ndependencies = ["constructor", "__proto__ 1.0.0"]',
  '[[package]]\nname = "constructor"\nversion = "0.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
  '[metadata]\n"checksum __proto__ 1.0.0" = "x"',
  'x = { __proto__ = { polluted = 1 } }',
  'inline = [{ constructor = { prototype = { polluted = 1 } } }]'
]

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap'; pairs: [number, number][] }
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'delete'; at: number; count: number }

const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: unit,
    mask: fc.integer({ min: 1, max: 255 })
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: unit }),
  fc.record({
    kind: fc.constant('swap' as const),
    pairs: fc
      .array(fc.tuple(unit, unit), { minLength: 1, maxLength: 4 })
      .map((pairs) => pairs.map(([a, b]) => [a, b] as [number, number]))
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: unit,
    line: fc.constantFrom(...HOSTILE_LINES)
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: unit,
    count: fc.integer({ min: 1, max: 5 })
  })
)

function mutate(bytes: Buffer, steps: readonly Mutation[]): string {
  let data = Buffer.from(bytes)
  for (const step of steps) {
    if (step.kind === 'flip') {
      if (data.length === 0) continue
      const at = Math.floor(step.at * data.length)
      data[at] = (data[at] ?? 0) ^ step.mask
    } else if (step.kind === 'truncate') {
      data = data.subarray(0, Math.floor(step.at * data.length))
    } else {
      const lines = data.toString('utf8').split('\n')
      const pick = (u: number) => Math.floor(u * lines.length)
      if (step.kind === 'swap') {
        for (const [a, b] of step.pairs) {
          const i = pick(a)
          const j = pick(b)
          const line = lines[i] ?? ''
          lines[i] = lines[j] ?? ''
          lines[j] = line
        }
      } else if (step.kind === 'insert') {
        lines.splice(pick(step.at), 0, step.line)
      } else {
        lines.splice(pick(step.at), step.count)
      }
      data = Buffer.from(lines.join('\n'), 'utf8')
    }
  }
  // Invalid UTF-8 decodes with replacement characters, as the trees decode files.
  return data.toString('utf8')
}

const TOML_TOKENS = [
  '[',
  ']',
  '[[',
  ']]',
  '{',
  '}',
  '=',
  ',',
  '.',
  '"',
  "'",
  '"""',
  "'''",
  '\\',
  '\\u0000',
  '\\U0001F600',
  '\n',
  '\r\n',
  ' ',
  '\t',
  '#',
  'a',
  'name',
  'version',
  'package',
  'dependencies',
  'source',
  '1',
  '1.0.0',
  '-1',
  '+inf',
  'nan',
  '0x1F',
  '1e400',
  '1979-05-27T07:32:00Z',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  'polluted',
  '"registry+https://github.com/rust-lang/crates.io-index"',
  'workspace',
  'target',
  "'cfg(unix)'",
  'metadata',
  '"checksum a 1 (x)"',
  '\u0000',
  '\uFEFF',
  'é'
]
const tomlish = fc.array(fc.constantFrom(...TOML_TOKENS), { maxLength: 80 }).map((t) => t.join(''))

describe('Cargo readers on arbitrary text', () => {
  it('parseLockfile: a result or a CargoFileError naming the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), tomlish), (text) => {
        readsOrNames(parseLockfile, text, 'fuzz/Cargo.lock')
      }),
      { numRuns: RUNS * 4 }
    )
  })

  it('parseManifest: a result or a CargoFileError naming the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), tomlish), (text) => {
        readsOrNames(parseManifest, text, 'fuzz/Cargo.toml')
      }),
      { numRuns: RUNS * 4 }
    )
  })
})

describe('Cargo readers on mutated real files', () => {
  it(`parseLockfile over ${String(lockfiles.length)} real lockfiles`, () => {
    expect(lockfiles.length).toBeGreaterThan(20)
    fc.assert(
      fc.property(
        fc.constantFrom(...lockfiles),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (file, steps) => {
          readsOrNames(parseLockfile, mutate(file.bytes, steps), file.path)
        }
      ),
      { numRuns: RUNS }
    )
  })

  it(`parseManifest over ${String(manifests.length)} real manifests`, () => {
    expect(manifests.length).toBeGreaterThan(50)
    fc.assert(
      fc.property(
        fc.constantFrom(...manifests),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (file, steps) => {
          readsOrNames(parseManifest, mutate(file.bytes, steps), file.path)
        }
      ),
      { numRuns: RUNS * 2 }
    )
  })

  it('every hostile key line is refused with a CargoFileError that names the file and line', () => {
    // Only lines that use __proto__/constructor as a KEY: a package named so, or a key that merely
    // contains the word, is data.
    const asKey = /(^|[\s.[\]'"{])(__proto__|constructor)['"]?[ \t]*[=.\]]/m
    const keyLines = HOSTILE_LINES.filter((l) => asKey.test(l))
    expect(keyLines.length).toBeGreaterThan(12)
    for (const line of keyLines) {
      for (const [reader, path] of [
        [parseLockfile, 'x/Cargo.lock'],
        [parseManifest, 'x/Cargo.toml']
      ] as const) {
        const text = `# header\n${line}\n`
        let thrown: unknown = null
        try {
          reader(text, path)
        } catch (error) {
          thrown = error
        }
        expect(thrown, line).toBeInstanceOf(CargoFileError)
        const error = thrown as CargoFileError
        expect(error.path).toBe(path)
        expect(error.line, line).not.toBe(null)
      }
    }
  })

  it('computeChanges on a mutated head reports the file as unreadable or diffs it, never throws', async () => {
    const pairs = readdirSync(CASES)
      .filter((id) => statSync(join(CASES, id)).isDirectory())
      .map((id) => ({
        id,
        base: files.filter((f) => f.path.startsWith(`${id}/base/`)),
        head: files.filter((f) => f.path.startsWith(`${id}/head/`))
      }))
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pairs),
        unit,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (pair, which, steps) => {
          const strip = (side: string, path: string) => path.slice(`${pair.id}/${side}/`.length)
          const base = new Map(
            pair.base.map((f) => [strip('base', f.path), f.bytes.toString('utf8')])
          )
          const head = new Map(pair.head.map((f) => [strip('head', f.path), f.bytes]))
          const target = [...head.keys()][Math.floor(which * head.size)]
          const headText = new Map(
            [...head].map(([path, bytes]) => [
              path,
              path === target ? mutate(bytes, steps) : bytes.toString('utf8')
            ])
          )
          const result = await computeChanges(
            memoryTree('base', base),
            memoryTree('head', headText)
          )
          for (const problem of result.problems) {
            expect(problem.message.length).toBeGreaterThan(0)
          }
          const errors = [...result.lockfiles, ...result.manifests].flatMap((r) =>
            r.error === null ? [] : [r]
          )
          for (const report of errors) {
            expect(report.error?.message).toBeTruthy()
            // The unreadable file is the mutated one, and the report says so as incomplete.
            expect(report.path).toBe(target)
            expect(
              result.problems.some((p) => p.incomplete && p.message.includes(report.path))
            ).toBe(true)
          }
          expectPrototypesIntact()
        }
      ),
      { numRuns: Math.max(30, RUNS / 2) }
    )
  })
})
