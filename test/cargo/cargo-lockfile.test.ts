import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { parseLockfile, type ParsedLockfile } from '../../src/cargo/lockfile.js'
import { normaliseSource } from '../../src/cargo/source.js'
import { CargoFileError } from '../../src/core/errors.js'
import { CRATES_IO } from '../../src/core/model.js'

const cases = join(import.meta.dirname, '..', 'fixtures', 'cases')
const fixture = (path: string) => readFileSync(join(cases, path), 'utf8')

function find(lock: ParsedLockfile, name: string, version?: string) {
  const found = lock.packages.filter(
    (p) => p.name === name && (version === undefined || p.version === version)
  )
  expect(found).toHaveLength(1)
  return found[0]!
}

/** Every `dependencies` entry of the raw TOML must have become exactly one edge. */
function expectFullyResolved(text: string, lock: ParsedLockfile) {
  const raw = parse(text) as { package?: { dependencies?: string[] }[]; root?: object }
  const rawEdges = (raw.package ?? []).reduce((n, p) => n + (p.dependencies?.length ?? 0), 0)
  const rootEdges = (raw.root as { dependencies?: string[] } | undefined)?.dependencies?.length ?? 0
  const edges = lock.packages.reduce((n, p) => n + p.dependencies.length, 0)
  expect(lock.unresolved).toEqual([])
  expect(edges).toBe(rawEdges + rootEdges)
}

describe('parseLockfile formats', () => {
  it('reads v1 with a [root] table and [metadata] checksums', () => {
    const text = fixture('ripgrep-2016-ignore-crate/head/Cargo.lock')
    const lock = parseLockfile(text, 'Cargo.lock')
    expect(lock.format).toBe(1)
    expect(lock.packages).toHaveLength(text.split('[[package]]').length) // + the [root] package
    const root = find(lock, 'ripgrep')
    expect(root.source).toBeNull()
    // v1 writes path dependencies as "name version" and registry ones with "(source)".
    expect(root.dependencies.map((d) => `${d.name} ${d.version} ${String(d.source)}`)).toContain(
      'grep 0.1.3 null'
    )
    expect(root.dependencies.map((d) => d.name)).toContain('regex')
    expect(find(lock, 'regex', '0.1.80').source).toBe(CRATES_IO)
    expectFullyResolved(text, lock)
  })

  it('reads v1 without [root] (bat 2018)', () => {
    const text = fixture('bat-2018-add-git2/head/Cargo.lock')
    const lock = parseLockfile(text, 'Cargo.lock')
    expect(lock.format).toBe(1)
    expect(find(lock, 'bat').source).toBeNull()
    expectFullyResolved(text, lock)
  })

  it('reads v2 (no version key, inline checksums, short dependency strings)', () => {
    const text = fixture('bat-2020-globset-lock-v2/head/Cargo.lock')
    expect(text).not.toMatch(/^version = \d/m)
    const lock = parseLockfile(text, 'Cargo.lock')
    expect(lock.format).toBe(2)
    expectFullyResolved(text, lock)
    // The base side of the same case is still v1.
    expect(parseLockfile(fixture('bat-2020-globset-lock-v2/base/Cargo.lock'), 'x').format).toBe(1)
  })

  it('reads version = 3 and version = 4', () => {
    const v3 = fixture('cratesio-2023-tokio-1-23-1/head/Cargo.lock')
    const v4 = fixture('cratesio-2026-bytes-security/head/Cargo.lock')
    const lock3 = parseLockfile(v3, 'Cargo.lock')
    const lock4 = parseLockfile(v4, 'Cargo.lock')
    expect(lock3.format).toBe(3)
    expect(lock4.format).toBe(4)
    expectFullyResolved(v3, lock3)
    expectFullyResolved(v4, lock4)
    expect(find(lock4, 'bytes').version).toBe('1.11.1')
  })

  it('rejects a format number it does not know, saying so and where', () => {
    for (const version of [1, 2, 5, 99]) {
      expect(() =>
        parseLockfile(`# header\nversion = ${String(version)}\n`, 'sub/Cargo.lock')
      ).toThrow(
        new RegExp(`^sub/Cargo.lock:2:1: lockfile format version ${String(version)} is not known`)
      )
    }
  })

  it('tells v1 from v2 by the dependency form when there is no [metadata]', () => {
    const v1 = `[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["b 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)"]\n\n[[package]]\nname = "b"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`
    const v2 = v1.replace(
      '"b 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)"',
      '"b"'
    )
    expect(parseLockfile(v1, 'x').format).toBe(1)
    expect(parseLockfile(v2, 'x').format).toBe(2)
    expect(parseLockfile(v1, 'x').packages[0]!.dependencies[0]!.name).toBe('b')
    expect(parseLockfile(v2, 'x').packages[0]!.dependencies[0]!.name).toBe('b')
  })
})

describe('parseLockfile graph', () => {
  it('resolves "name version" among several versions of one crate (syn 1 and syn 2)', () => {
    const text = fixture('cratesio-2024-syn1-syn2/head/Cargo.lock')
    const lock = parseLockfile(text, 'Cargo.lock')
    const syns = lock.packages.filter((p) => p.name === 'syn').map((p) => p.version)
    expect(syns.sort()).toEqual(['1.0.109', '2.0.87'])
    expectFullyResolved(text, lock)
    const thiserrorImpl = lock.packages.find(
      (p) => p.name === 'thiserror-impl' && p.version.startsWith('1.')
    )!
    expect(thiserrorImpl.dependencies.find((d) => d.name === 'syn')?.version).toBe('2.0.87')
  })

  it('resolves v1 git dependencies written without the #commit of their package entry', () => {
    const text = fixture('cratesio-2019-tar/head/Cargo.lock')
    const lock = parseLockfile(text, 'Cargo.lock')
    expect(text).toContain('"lettre 0.9.0 (git+https://github.com/lettre/lettre)"')
    expect(lock.unresolved).toEqual([])
    const lettre = lock.packages.find((p) => p.name === 'lettre')!
    expect(lettre.source).toMatch(/^git\+https:\/\/github\.com\/lettre\/lettre#[0-9a-f]{40}$/)
    expect(lock.packages.some((p) => p.dependencies.includes(lettre))).toBe(true)
  })

  it('resolves a dependency on a package entry that a merge left twice (fd 2022)', () => {
    const text = fixture('fd-2022-revert-chrono/base/Cargo.lock')
    expect(text.match(/name = "nix"\nversion = "0\.25\.0"/g)).toHaveLength(2)
    expect(parseLockfile(text, 'Cargo.lock').unresolved).toEqual([])
  })

  it('records dependency strings that name no single package', () => {
    const text = `version = 3\n[[package]]\nname = "a"\nversion = "0.1.0"\ndependencies = ["missing", "b"]\n\n[[package]]\nname = "b"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "b"\nversion = "2.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`
    const lock = parseLockfile(text, 'Cargo.lock')
    // "b" is ambiguous with two versions: Cargo would have written "b 1.0.0".
    expect(lock.unresolved).toEqual(['missing', 'b'])
    expect(lock.packages[0]!.dependencies).toEqual([])
  })

  it('normalises sources: both crates.io spellings, git kept with its commit, path null', () => {
    expect(normaliseSource('registry+https://github.com/rust-lang/crates.io-index')).toBe(CRATES_IO)
    expect(normaliseSource('sparse+https://index.crates.io/')).toBe(CRATES_IO)
    expect(normaliseSource('registry+https://example.com/index')).toBe(
      'registry+https://example.com/index'
    )
    expect(normaliseSource(undefined)).toBeNull()
    const lock = parseLockfile(fixture('alacritty-2017-fontconfig-git/head/Cargo.lock'), 'x')
    expect(find(lock, 'servo-fontconfig').source).toBe(
      'git+https://github.com/jwilm/rust-fontconfig?branch=updated-2017-10-8#be2b94de833ec69cf767186262a5fb8360fa5b45'
    )
    const sparse = `version = 4\n[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "sparse+https://index.crates.io/"\n`
    expect(parseLockfile(sparse, 'x').packages[0]!.source).toBe(CRATES_IO)
  })
})

describe('parseLockfile bad input', () => {
  it('reports invalid TOML with file, line and column', () => {
    const text = 'version = 3\n\n[[package]]\nname = "a"\nversion = \n'
    let error: unknown
    try {
      parseLockfile(text, 'crates/x/Cargo.lock')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CargoFileError)
    const e = error as CargoFileError
    expect(e.path).toBe('crates/x/Cargo.lock')
    expect(e.line).toBe(5)
    expect(e.column).toBeGreaterThan(0)
    expect(e.message).toMatch(/^crates\/x\/Cargo\.lock:5:\d+: Invalid TOML document/)
    expect(e.message).not.toContain('\n')
  })

  it('reports a wrong shape with the key and, when it can, the line', () => {
    const text =
      'version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n\n[[package]]\nname = "b"\nversion = 2\n'
    expect(() => parseLockfile(text, 'Cargo.lock')).toThrow(CargoFileError)
    try {
      parseLockfile(text, 'Cargo.lock')
    } catch (e) {
      const error = e as CargoFileError
      expect(error.message).toContain('package[1].version')
      expect(error.line).toBe(9)
    }
    expect(() => parseLockfile('version = "3"\n', 'Cargo.lock')).toThrow(
      /unexpected shape at version/
    )
    expect(() => parseLockfile('package = 1\n', 'Cargo.lock')).toThrow(
      /unexpected shape at package/
    )
  })

  it('rejects __proto__ keys instead of letting them reach a prototype', () => {
    const text =
      'version = 3\n[[package]]\nname = "a"\nversion = "1.0.0"\n[package.__proto__]\npolluted = true\n'
    expect(() => parseLockfile(text, 'Cargo.lock')).toThrow(/unsafe property/)
    expect(() => parseLockfile('[__proto__]\nx = 1\n', 'Cargo.lock')).toThrow(CargoFileError)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('refuses more packages than the limit, naming the limit', () => {
    const many = '[[package]]\nname = "a"\nversion = "1.0.0"\n'.repeat(200_001)
    expect(() => parseLockfile(`version = 3\n${many}`, 'Cargo.lock')).toThrow(
      /200001 packages, more than the limit of 200000/
    )
  })
})
