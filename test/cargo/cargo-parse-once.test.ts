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
