import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifest, type ParsedManifest } from '../../src/cargo/manifest.js'
import { MAX_TOML_CHARS } from '../../src/cargo/toml.js'
import {
  joinRelative,
  resolveWorkspace,
  workspaceRootCandidates
} from '../../src/cargo/workspace.js'
import { CargoFileError } from '../../src/core/errors.js'

const cases = join(import.meta.dirname, '..', 'fixtures', 'cases')
const fixture = (path: string) => readFileSync(join(cases, path), 'utf8')

function dep(
  manifest: ParsedManifest,
  key: string,
  section = 'dependencies',
  target: string | null = null
) {
  const found = manifest.dependencies.filter(
    (d) => d.key === key && d.section === section && d.target === target
  )
  expect(found).toHaveLength(1)
  return found[0]!
}

describe('parseManifest forms', () => {
  const text = `
[package]
name = "demo"
version = "0.1.0"

[dependencies]
plain = "1.2"
inline = { version = "0.3", features = ["x"] }
renamed = { package = "real-name", version = "2" }
local = { path = "../local", version = "0.1" }
from-git = { git = "https://github.com/o/r", rev = "abc123" }
other-registry = { version = "1", registry = "my-registry" }
dotted.version = "4.5"
dotted.default-features = false

[dependencies.full]
version = "=1.0.7"
optional = true

[target.'cfg(unix)'.dependencies]
plain = "1.3"
unix-only = "0.2"

[target.x86_64-pc-windows-gnu.build-dependencies]
cc = "1"

[dev_dependencies]
legacy-only = "0.1"
both = "1.0"

[dev-dependencies]
both = "2.0"

[build_dependencies]
builder = "3"
`
  const manifest = parseManifest(text, 'demo/Cargo.toml')

  it('reads string, inline, dotted and full-table forms', () => {
    expect(manifest.packageName).toBe('demo')
    expect(dep(manifest, 'plain').req).toBe('1.2')
    expect(dep(manifest, 'inline').req).toBe('0.3')
    expect(dep(manifest, 'dotted').req).toBe('4.5')
    expect(dep(manifest, 'full').req).toBe('=1.0.7')
  })

  it('resolves package = "…" renames: the crate is the real name, the key is as written', () => {
    const renamed = dep(manifest, 'renamed')
    expect(renamed.name).toBe('real-name')
    expect(renamed.key).toBe('renamed')
    expect(renamed.req).toBe('2')
  })

  it('records path, git and registry origins', () => {
    expect(dep(manifest, 'local').origin).toEqual({ kind: 'path', path: '../local' })
    expect(dep(manifest, 'from-git').origin).toEqual({
      kind: 'git',
      git: 'https://github.com/o/r',
      rev: 'abc123',
      branch: null,
      tag: null
    })
    expect(dep(manifest, 'from-git').req).toBeNull()
    expect(dep(manifest, 'other-registry').origin).toEqual({
      kind: 'registry',
      registry: 'my-registry'
    })
    expect(dep(manifest, 'plain').origin).toEqual({ kind: 'registry', registry: null })
  })

  it('reads target tables with their cfg or triple, apart from the plain section', () => {
    expect(dep(manifest, 'plain', 'dependencies', 'cfg(unix)').req).toBe('1.3')
    expect(dep(manifest, 'unix-only', 'dependencies', 'cfg(unix)').req).toBe('0.2')
    expect(dep(manifest, 'cc', 'build-dependencies', 'x86_64-pc-windows-gnu').req).toBe('1')
  })

  it('reads legacy underscore spellings under the hyphenated name; the hyphenated one wins', () => {
    expect(dep(manifest, 'legacy-only', 'dev-dependencies').req).toBe('0.1')
    expect(dep(manifest, 'both', 'dev-dependencies').req).toBe('2.0')
    expect(dep(manifest, 'builder', 'build-dependencies').req).toBe('3')
    expect(manifest.dependencies.some((d) => (d.section as string).includes('_'))).toBe(false)
  })

  it('reads a renamed dependency from a real manifest (ripgrep memmap → memmap2)', () => {
    const real = parseManifest(
      fixture('ripgrep-2021-memmap2-renamed/head/crates/searcher/Cargo.toml'),
      'crates/searcher/Cargo.toml'
    )
    expect(dep(real, 'memmap')).toMatchObject({ name: 'memmap2', req: '0.3.0', workspace: false })
    expect(dep(real, 'grep-matcher').origin).toEqual({ kind: 'path', path: '../matcher' })
  })

  it('reads a real target-specific table (clap cfg(not(windows)))', () => {
    const real = parseManifest(fixture('clap-2020-ansi-term/base/Cargo.toml'), 'Cargo.toml')
    expect(dep(real, 'ansi_term', 'dependencies', 'cfg(not(windows))').req).toBe('0.12.1')
  })
})

describe('workspace inheritance', () => {
  const root = parseManifest(
    `[workspace]\nmembers = ["crates/*"]\n\n[workspace.dependencies]\nserde = { version = "1.0.190", features = ["derive"] }\nalias = { package = "real", version = "0.4" }\nlocal = { path = "crates/local" }\n`,
    'Cargo.toml'
  )
  const member = parseManifest(
    `[package]\nname = "m"\n\n[dependencies]\nserde = { workspace = true, features = ["rc"] }\nalias.workspace = true\nlocal.workspace = true\nunknown = { workspace = true }\nown = "2"\n`,
    'crates/m/Cargo.toml'
  )

  it('reads [workspace.dependencies] and marks the root', () => {
    expect(root.isWorkspaceRoot).toBe(true)
    expect(dep(root, 'serde', 'workspace.dependencies').req).toBe('1.0.190')
    expect(member.isWorkspaceRoot).toBe(false)
  })

  it('leaves req null for workspace = true and resolves workspace_req from the root', () => {
    expect(dep(member, 'serde')).toMatchObject({ req: null, workspace: true })
    const resolved = resolveWorkspace(member, root)
    const get = (key: string) => resolved.find((d) => d.key === key)!
    expect(get('serde').workspace_req).toBe('1.0.190')
    expect(get('alias')).toMatchObject({ name: 'real', workspace_req: '0.4' })
    expect(get('local').origin).toEqual({ kind: 'path', path: 'crates/local' })
    expect(get('unknown').workspace_req).toBeNull()
    expect(get('own')).toMatchObject({ req: '2', workspace_req: null })
    expect(resolveWorkspace(member, null).every((d) => d.workspace_req === null)).toBe(true)
  })

  it('looks for the root in ancestors, nearest first, or where package.workspace says', () => {
    expect(workspaceRootCandidates(member)).toEqual(['crates/Cargo.toml', 'Cargo.toml'])
    expect(workspaceRootCandidates(root)).toEqual(['Cargo.toml'])
    const explicit = parseManifest(
      '[package]\nname = "x"\nworkspace = "../.."\n',
      'a/b/c/Cargo.toml'
    )
    expect(workspaceRootCandidates(explicit)).toEqual(['a/Cargo.toml'])
    const escaping = parseManifest(
      '[package]\nname = "x"\nworkspace = "../../.."\n',
      'a/Cargo.toml'
    )
    expect(workspaceRootCandidates(escaping)).toEqual([])
    expect(joinRelative('a/b', './../c')).toBe('a/c')
    expect(joinRelative('', '/etc')).toBeNull()
  })
})

describe('parseManifest bad input', () => {
  it('reports invalid TOML with file, line and column (a real broken file kept by bat)', () => {
    const text = fixture(
      'bat-2020-globset-lock-v2/head/tests/syntax-tests/highlighted/TOML/Cargo.toml'
    )
    let error: unknown
    try {
      parseManifest(text, 'tests/syntax-tests/highlighted/TOML/Cargo.toml')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(CargoFileError)
    const e = error as CargoFileError
    expect(e.line).toBe(1)
    expect(e.column).toBeGreaterThan(0)
    expect(e.message).toMatch(/^tests\/syntax-tests\/highlighted\/TOML\/Cargo\.toml:1:\d+: /)
  })

  it('reports a wrong shape naming the key and its line', () => {
    const text = '[package]\nname = "x"\n\n[dependencies]\nok = "1"\nbad = 3\n'
    try {
      parseManifest(text, 'Cargo.toml')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CargoFileError)
      const error = e as CargoFileError
      expect(error.message).toContain('dependencies.bad')
      expect(error.line).toBe(6)
    }
    expect(() => parseManifest('[dependencies]\nx = { version = 1 }\n', 'Cargo.toml')).toThrow(
      /unexpected shape at dependencies\.x/
    )
    expect(() => parseManifest('dependencies = "x"\n', 'Cargo.toml')).toThrow(CargoFileError)
  })

  it('rejects __proto__ and constructor keys instead of keeping or dropping them', () => {
    expect(() => parseManifest('[dependencies]\n__proto__ = "1"\n', 'Cargo.toml')).toThrow(
      /unsafe property/
    )
    expect(() => parseManifest('[dependencies.__proto__]\nversion = "1"\n', 'Cargo.toml')).toThrow(
      CargoFileError
    )
    expect(() => parseManifest('[dependencies]\nx = { __proto__ = "1" }\n', 'Cargo.toml')).toThrow(
      CargoFileError
    )
    expect(Object.prototype).not.toHaveProperty('version')
  })

  it('refuses a file over the size limit without parsing it', () => {
    const huge = `# ${'x'.repeat(MAX_TOML_CHARS)}\n`
    expect(() => parseManifest(huge, 'big/Cargo.toml')).toThrow(
      /big\/Cargo\.toml: file is larger than 64 MiB/
    )
  })
})
