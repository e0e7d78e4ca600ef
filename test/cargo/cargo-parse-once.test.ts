// Cargo files are parsed once per (text, path), however many readers ask: the same result, or the
// same error, for each; base and head of one path are two entries; the cache is bounded.
import { describe, expect, it } from 'vitest'
import { parsedOnce } from '../../src/cargo/parse-once.js'
import { parseLockfile } from '../../src/cargo/lockfile.js'
import { parseManifest } from '../../src/cargo/manifest.js'

function counting() {
  const calls: string[] = []
  const parse = parsedOnce((text: string, path: string) => {
    calls.push(`${path}:${text}`)
    if (text === 'bad') throw new Error(`${path}: bad`)
    return { text, path }
  }, 2)
  return { calls, parse }
}

describe('parsedOnce', () => {
  it('parses a (text, path) once and gives every reader the same result', () => {
    const { calls, parse } = counting()
    const first = parse('a', 'Cargo.toml')
    expect(parse('a', 'Cargo.toml')).toBe(first)
    expect(calls).toEqual(['Cargo.toml:a'])
  })

  it('keeps the same text at two paths, and two texts at one path (base and head), apart', () => {
    const { calls, parse } = counting()
    expect(parse('a', 'x/Cargo.toml')).toEqual({ text: 'a', path: 'x/Cargo.toml' })
    expect(parse('a', 'y/Cargo.toml')).toEqual({ text: 'a', path: 'y/Cargo.toml' })
    expect(parse('b', 'x/Cargo.toml')).toEqual({ text: 'b', path: 'x/Cargo.toml' })
    expect(parse('a', 'x/Cargo.toml')).toEqual({ text: 'a', path: 'x/Cargo.toml' })
    expect(calls).toEqual(['x/Cargo.toml:a', 'y/Cargo.toml:a', 'x/Cargo.toml:b'])
  })

  it('throws the same error again without parsing again', () => {
    const { calls, parse } = counting()
    let first: unknown
    try {
      parse('bad', 'Cargo.lock')
    } catch (error) {
      first = error
    }
    expect(first).toBeInstanceOf(Error)
    expect(() => parse('bad', 'Cargo.lock')).toThrow(first)
    expect(calls).toEqual(['Cargo.lock:bad'])
  })

  it('holds at most `limit` texts: the oldest is parsed again when asked again', () => {
    const { calls, parse } = counting()
    parse('a', 'p')
    parse('b', 'p')
    parse('c', 'p')
    parse('a', 'p')
    expect(calls).toEqual(['p:a', 'p:b', 'p:c', 'p:a'])
  })
})

describe('the Cargo file parsers share their results', () => {
  it('parseLockfile and parseManifest give the same object for the same file', () => {
    const lock = '[[package]]\nname = "a"\nversion = "1.0.0"\n'
    expect(parseLockfile(lock, 'Cargo.lock')).toBe(parseLockfile(lock, 'Cargo.lock'))
    const manifest = '[package]\nname = "a"\n[dependencies]\nb = "1"\n'
    expect(parseManifest(manifest, 'Cargo.toml')).toBe(parseManifest(manifest, 'Cargo.toml'))
  })
})

describe('a shared result cannot be changed by one reader (the types refuse it)', () => {
  it('lockfile packages, their edges, and manifest dependencies are readonly', () => {
    const lock = parseLockfile(
      '[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["b"]\n\n[[package]]\nname = "b"\nversion = "2.0.0"\n',
      'Cargo.lock'
    )
    const manifest = parseManifest('[package]\nname = "a"\n[dependencies]\nb = "1"\n', 'Cargo.toml')
    // Never called: `npm test` type-checks it, and each line must be a type error (so lint sees
    // calls on an error type there).
    /* eslint-disable @typescript-eslint/no-unsafe-call */
    const attempts = (): void => {
      const [a] = lock.packages
      const [b] = manifest.dependencies
      if (a === undefined || b === undefined) return
      // @ts-expect-error the package list is readonly
      lock.packages.push(a)
      // @ts-expect-error a package's fields are readonly
      a.version = '9.9.9'
      // @ts-expect-error its resolved edges are readonly
      a.dependencies.length = 0
      // @ts-expect-error the dependency list is readonly
      manifest.dependencies.sort()
      // @ts-expect-error a dependency's requirement is readonly
      b.req = '*'
      // @ts-expect-error its origin is readonly
      b.origin.kind = 'path'
    }
    /* eslint-enable @typescript-eslint/no-unsafe-call */
    expect(attempts).toBeTypeOf('function')
    expect(lock.packages.map((p) => [p.name, p.dependencies.map((d) => d.name)])).toEqual([
      ['a', ['b']],
      ['b', []]
    ])
  })
})
