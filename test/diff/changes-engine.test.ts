import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeChanges } from '../../src/diff/changes.js'
import { directoryTree } from '../../src/trees/directory.js'
import { CRATES_IO, type LockfileChange } from '../../src/core/model.js'
import type { FileTree } from '../../src/trees/tree.js'
import { memoryTree } from '../helpers/memory.js'

const cases = join(import.meta.dirname, '..', 'fixtures', 'cases')
const caseTree = (id: string, side: 'base' | 'head') => directoryTree(join(cases, id, side), side)
const fixture = (path: string) => readFileSync(join(cases, path), 'utf8')
const CRATES_IO_INDEX = 'registry+https://github.com/rust-lang/crates.io-index'

interface Pkg {
  name: string
  version: string
  source?: string
  deps?: string[]
}
function lockfile(packages: Pkg[], version = 3): string {
  const body = packages
    .map(
      (p) =>
        `[[package]]\nname = "${p.name}"\nversion = "${p.version}"\n` +
        (p.source === undefined ? '' : `source = "${p.source}"\n`) +
        (p.deps === undefined ? '' : `dependencies = [${p.deps.map((d) => `"${d}"`).join(', ')}]\n`)
    )
    .join('\n')
  return `version = ${String(version)}\n\n${body}`
}

const brief = (c: LockfileChange) =>
  `${c.kind} ${c.name} ${String(c.source)} ${String(c.previous)} -> ${String(c.version)}`

describe('lockfile pairing', () => {
  it('pairs one gone and one new version as updated, otherwise added/removed', async () => {
    const base = lockfile([
      { name: 'app', version: '0.1.0', deps: ['a', 'b 1.0.0', 'b 2.0.0', 'c'] },
      { name: 'a', version: '1.0.0', source: CRATES_IO_INDEX },
      { name: 'b', version: '1.0.0', source: CRATES_IO_INDEX },
      { name: 'b', version: '2.0.0', source: CRATES_IO_INDEX },
      { name: 'c', version: '0.1.0', source: CRATES_IO_INDEX }
    ])
    const head = lockfile([
      { name: 'app', version: '0.1.0', deps: ['a', 'b', 'c 0.1.0', 'c 0.2.0', 'd'] },
      { name: 'a', version: '1.0.1', source: CRATES_IO_INDEX },
      { name: 'b', version: '3.0.0', source: CRATES_IO_INDEX },
      { name: 'c', version: '0.1.0', source: CRATES_IO_INDEX },
      { name: 'c', version: '0.2.0', source: CRATES_IO_INDEX },
      { name: 'd', version: '0.0.1', source: 'sparse+https://index.crates.io/' }
    ])
    const result = await computeChanges(
      memoryTree('base', { 'Cargo.lock': base }),
      memoryTree('head', { 'Cargo.lock': head })
    )
    expect(result.problems).toEqual([])
    expect(result.lockfiles).toHaveLength(1)
    const report = result.lockfiles[0]!
    expect(report).toMatchObject({
      path: 'Cargo.lock',
      base_format: 3,
      head_format: 3,
      error: null
    })
    expect(report.changes.map(brief)).toEqual([
      'updated a crates.io 1.0.0 -> 1.0.1',
      'added b crates.io null -> 3.0.0',
      'removed b crates.io 1.0.0 -> null',
      'removed b crates.io 2.0.0 -> null',
      'added c crates.io null -> 0.2.0',
      'added d crates.io null -> 0.0.1'
    ])
    for (const change of report.changes) {
      expect(change.advisories).toEqual([])
      expect(change.lookup_error).toBeNull()
    }
    expect(report.changes.find((c) => c.name === 'd')?.dependency_path).toEqual(['app', 'd'])
    expect(report.changes.find((c) => c.previous === '2.0.0')?.dependency_path).toEqual([
      'app',
      'b'
    ])
  })

  it('moves a package whose source changed: git → crates.io (helix tendril)', async () => {
    const result = await computeChanges(
      caseTree('helix-2021-tendril-git-to-registry', 'base'),
      caseTree('helix-2021-tendril-git-to-registry', 'head')
    )
    const tendril = result.lockfiles[0]!.changes.filter((c) => c.name === 'tendril').map(brief)
    expect(tendril).toEqual([
      'added tendril crates.io null -> 0.4.2',
      'removed tendril git+https://github.com/servo/tendril#548cfaab79a3db13f350621d5b18a81d351463ba 0.4.2 -> null'
    ])
    // A format change (v2 → v3) alone does not make changes.
    expect(result.lockfiles[0]).toMatchObject({ base_format: 2, head_format: 3 })
  })

  it('treats a git commit change as a different identity (removed + added)', async () => {
    const git = (commit: string) => `git+https://github.com/o/r?branch=main#${commit}`
    const side = (commit: string) =>
      lockfile([
        { name: 'app', version: '0.1.0', deps: ['g'] },
        { name: 'g', version: '0.3.0', source: git(commit) }
      ])
    const result = await computeChanges(
      memoryTree('base', { 'Cargo.lock': side('aaaa') }),
      memoryTree('head', { 'Cargo.lock': side('bbbb') })
    )
    // Sorted by name, then source.
    expect(result.lockfiles[0]!.changes.map(brief)).toEqual([
      `removed g ${git('aaaa')} 0.3.0 -> null`,
      `added g ${git('bbbb')} null -> 0.3.0`
    ])
  })

  it('compares a lockfile present on one side only with an empty one', async () => {
    const result = await computeChanges(
      caseTree('ripgrep-2016-ignore-crate', 'base'),
      caseTree('ripgrep-2016-ignore-crate', 'head')
    )
    const nested = result.lockfiles.find((l) => l.path === 'ignore/Cargo.lock')!
    expect(nested).toMatchObject({ base_format: null, head_format: 1 })
    expect(nested.changes.every((c) => c.kind === 'added')).toBe(true)
    const text = fixture('ripgrep-2016-ignore-crate/head/ignore/Cargo.lock')
    expect(nested.changes).toHaveLength(text.split('[[package]]').length) // + [root]
    expect(nested.changes.find((c) => c.name === 'ignore')).toMatchObject({
      source: null,
      dependency_path: ['ignore']
    })
  })
})

describe('dependency paths', () => {
  it('bat-2018-add-git2: libgit2-sys is reached from bat through git2', async () => {
    const result = await computeChanges(
      caseTree('bat-2018-add-git2', 'base'),
      caseTree('bat-2018-add-git2', 'head')
    )
    const changes = result.lockfiles[0]!.changes
    expect(changes.find((c) => c.name === 'libgit2-sys')?.dependency_path).toEqual([
      'bat',
      'git2',
      'libgit2-sys'
    ])
    for (const change of changes) {
      expect(change.source).toBe(CRATES_IO)
      // Everything this change adds comes in through the one new direct dependency.
      expect(change.dependency_path?.slice(0, 2)).toEqual(['bat', 'git2'])
      expect(change.dependency_path?.at(-1)).toBe(change.name)
    }
  })

  it('uses the base lockfile for removed packages', async () => {
    const result = await computeChanges(
      caseTree('fd-2022-revert-chrono', 'base'),
      caseTree('fd-2022-revert-chrono', 'head')
    )
    const removed = result.lockfiles[0]!.changes.filter((c) => c.kind === 'removed')
    expect(removed.length).toBeGreaterThan(0)
    for (const change of removed) {
      expect(change.dependency_path?.[0]).toBe('fd-find')
      expect(change.dependency_path?.at(-1)).toBe(change.name)
    }
  })

  it('is the shortest path, ties broken by sorted order whatever the file order', async () => {
    const packages: Pkg[] = [
      { name: 'zeta', version: '0.1.0', deps: ['x'] },
      { name: 'alpha', version: '0.1.0', deps: ['m', 'b'] },
      { name: 'm', version: '1.0.0', source: CRATES_IO_INDEX, deps: ['x'] },
      { name: 'b', version: '1.0.0', source: CRATES_IO_INDEX, deps: ['x'] },
      { name: 'x', version: '1.0.0', source: CRATES_IO_INDEX, deps: ['deep'] },
      { name: 'deep', version: '1.0.0', source: CRATES_IO_INDEX },
      { name: 'orphan', version: '1.0.0', source: CRATES_IO_INDEX }
    ]
    const paths = async (list: Pkg[]) => {
      const result = await computeChanges(
        memoryTree('base', {}),
        memoryTree('head', { 'Cargo.lock': lockfile(list) })
      )
      return Object.fromEntries(
        result.lockfiles[0]!.changes.map((c) => [c.name, c.dependency_path])
      )
    }
    const forward = await paths(packages)
    expect(forward).toEqual({
      alpha: ['alpha'],
      b: ['alpha', 'b'],
      deep: ['zeta', 'x', 'deep'],
      m: ['alpha', 'm'],
      orphan: null,
      x: ['zeta', 'x'],
      zeta: ['zeta']
    })
    expect(await paths([...packages].reverse())).toEqual(forward)
  })
})

describe('manifests', () => {
  it('reports added, changed and removed declarations with workspace requirements', async () => {
    const rootBase = '[workspace]\nmembers = ["m"]\n[workspace.dependencies]\nserde = "1.0.100"\n'
    const rootHead = '[workspace]\nmembers = ["m"]\n[workspace.dependencies]\nserde = "1.0.190"\n'
    const memberBase =
      '[package]\nname = "m"\n[dependencies]\nold = "1"\nbumped = "0.1"\nserde = "1"\nsame = "2"\n[dev_dependencies]\ntest-only = "0.3"\n'
    const memberHead =
      '[package]\nname = "m"\n[dependencies]\nbumped = "0.2"\nserde = { workspace = true }\nsame = { version = "2", features = ["x"] }\nnew = { package = "real", version = "5" }\n[dev-dependencies]\ntest-only = "0.4"\n'
    const result = await computeChanges(
      memoryTree('base', { 'Cargo.toml': rootBase, 'm/Cargo.toml': memberBase }),
      memoryTree('head', { 'Cargo.toml': rootHead, 'm/Cargo.toml': memberHead })
    )
    expect(result.problems).toEqual([])
    expect(result.manifests.map((m) => m.path)).toEqual(['Cargo.toml', 'm/Cargo.toml'])
    expect(result.manifests[0]!.changes).toMatchObject([
      {
        name: 'serde',
        section: 'workspace.dependencies',
        kind: 'changed',
        req: '1.0.190',
        previous_req: '1.0.100'
      }
    ])
    const member = result.manifests[1]!.changes
    const summary = member.map(
      (c) =>
        `${c.kind} ${c.section} ${c.key}=${c.name} ${String(c.previous_req)} -> ${String(c.req)}`
    )
    // `same` only gained features: not a change under the identity rules.
    expect(summary).toEqual([
      'changed dependencies bumped=bumped 0.1 -> 0.2',
      'removed dependencies old=old 1 -> null',
      'added dependencies new=real null -> 5',
      'changed dependencies serde=serde 1 -> null',
      'changed dev-dependencies test-only=test-only 0.3 -> 0.4'
    ])
    expect(member.find((c) => c.key === 'serde')).toMatchObject({
      workspace: true,
      workspace_req: '1.0.190',
      previous_workspace_req: null,
      advisories: [],
      lookup_error: null
    })
    expect(member.find((c) => c.key === 'old')).toMatchObject({
      workspace: false,
      origin: { kind: 'registry', registry: null },
      previous_origin: { kind: 'registry', registry: null }
    })
  })

  it('resolves previous_workspace_req from the base root, through the tree', async () => {
    const root = (v: string) => `[workspace]\n[workspace.dependencies]\ntokio = "${v}"\n`
    const member = (extra: string) =>
      `[package]\nname = "m"\n[dependencies]\ntokio = { workspace = true${extra} }\n`
    const base = memoryTree('base', {
      'Cargo.toml': root('1.20'),
      'crates/m/Cargo.toml': member('')
    })
    const head = memoryTree('head', {
      'Cargo.toml': root('1.20'),
      'crates/m/Cargo.toml': member(', package = "tokio-fork"')
    })
    const result = await computeChanges(base, head, { paths: ['crates/m/Cargo.toml'] })
    expect(result.manifests[0]!.changes).toMatchObject([
      {
        key: 'tokio',
        name: 'tokio-fork',
        kind: 'changed',
        workspace_req: '1.20',
        previous_workspace_req: '1.20'
      }
    ])
    // The nearest ancestor is tried first; the unchanged root is read but not reported.
    expect(head.reads).toContain('crates/Cargo.toml')
    expect(result.manifests).toHaveLength(1)
  })

  it('gives workspace_req null when no workspace root exists', async () => {
    const result = await computeChanges(
      memoryTree('base', {}),
      memoryTree('head', { 'a/Cargo.toml': '[dependencies]\nx.workspace = true\n' })
    )
    expect(result.manifests[0]!.changes).toMatchObject([
      { key: 'x', kind: 'added', req: null, workspace: true, workspace_req: null }
    ])
  })
})

describe('bad input', () => {
  it('never parses an unchanged file: a broken one costs nothing', async () => {
    const broken = fixture(
      'bat-2020-globset-lock-v2/head/tests/syntax-tests/highlighted/TOML/Cargo.toml'
    )
    const files = { 'tests/TOML/Cargo.toml': broken, 'Cargo.toml': '[dependencies]\na = "1"\n' }
    const result = await computeChanges(memoryTree('base', files), memoryTree('head', { ...files }))
    expect(result).toEqual({
      lockfiles: [],
      manifests: [],
      problems: [],
      unusedLockfiles: [],
      pins: new Map()
    })
  })

  it('reports a changed broken file as unreadable and still reports the others', async () => {
    const broken = fixture(
      'bat-2020-globset-lock-v2/head/tests/syntax-tests/highlighted/TOML/Cargo.toml'
    )
    const goodBase = lockfile([{ name: 'a', version: '1.0.0', source: CRATES_IO_INDEX }])
    const goodHead = lockfile([{ name: 'a', version: '1.0.1', source: CRATES_IO_INDEX }])
    const result = await computeChanges(
      memoryTree('base', { 'tests/TOML/Cargo.toml': broken, 'Cargo.lock': goodBase }),
      memoryTree('head', { 'tests/TOML/Cargo.toml': `${broken}\n`, 'Cargo.lock': goodHead })
    )
    expect(result.lockfiles.map((l) => l.changes.map(brief))).toEqual([
      ['updated a crates.io 1.0.0 -> 1.0.1']
    ])
    expect(result.manifests).toHaveLength(1)
    const report = result.manifests[0]!
    expect(report.changes).toEqual([])
    expect(report.error).toMatchObject({ path: 'tests/TOML/Cargo.toml', side: 'base', line: 1 })
    expect(report.error?.column).toBeGreaterThan(0)
    expect(report.error?.message).toMatch(/^Invalid TOML document/)
    // Both sides are broken: one problem per side, each making the run incomplete.
    expect(result.problems).toHaveLength(2)
    for (const problem of result.problems) {
      expect(problem).toMatchObject({ kind: 'unreadable-file', incomplete: true })
      expect(problem.message).toMatch(
        /^tests\/TOML\/Cargo\.toml:1:\d+ \((base|head)\) could not be read/
      )
    }
  })

  it('reports a lockfile with an unknown format, keeping the known side', async () => {
    const result = await computeChanges(
      memoryTree('base', { 'Cargo.lock': lockfile([{ name: 'a', version: '1.0.0' }]) }),
      memoryTree('head', { 'Cargo.lock': lockfile([{ name: 'a', version: '1.0.0' }], 7) })
    )
    expect(result.lockfiles[0]).toMatchObject({
      base_format: 3,
      head_format: null,
      changes: [],
      error: { side: 'head' }
    })
    expect(result.lockfiles[0]?.error?.message).toMatch(/format version 7 is not known/)
    expect(result.problems).toHaveLength(1)
  })

  it('turns a read error on one side into an unreadable-file problem', async () => {
    const result = await computeChanges(
      memoryTree('base', { 'Cargo.toml': '[dependencies]\na = "1"\n' }),
      memoryTree('head', { 'Cargo.toml': { error: 'HTTP 500 from the contents API' } })
    )
    expect(result.manifests[0]).toMatchObject({
      changes: [],
      error: { side: 'head', message: 'HTTP 500 from the contents API', line: null }
    })
    expect(result.problems).toEqual([
      {
        kind: 'unreadable-file',
        message:
          'Cargo.toml (head) could not be read: HTTP 500 from the contents API; its changes are unknown',
        incomplete: true
      }
    ])
  })

  it('treats a tree whose read() throws like a read error, not a crash', async () => {
    const throwing: FileTree = {
      label: 'head',
      listCargoFiles: () => Promise.resolve(['Cargo.lock']),
      read: () => Promise.reject(new Error('socket hang up'))
    }
    const result = await computeChanges(memoryTree('base', {}), throwing)
    expect(result.lockfiles[0]?.error?.message).toBe('socket hang up')
    expect(result.problems[0]?.incomplete).toBe(true)
  })
})

describe('paths option', () => {
  it('compares only the given Cargo paths', async () => {
    const files = (v: string) => ({
      'Cargo.toml': `[dependencies]\na = "${v}"\n`,
      'sub/Cargo.toml': `[dependencies]\nb = "${v}"\n`
    })
    const base = memoryTree('base', files('1'))
    const head = memoryTree('head', files('2'))
    const result = await computeChanges(base, head, { paths: ['sub/Cargo.toml', 'README.md'] })
    expect(result.manifests.map((m) => m.path)).toEqual(['sub/Cargo.toml'])
    // Besides the given path, only where Cargo finds its lockfile: an ancestor that could be its
    // workspace root (it is not one), then sub/'s own Cargo.lock; and the config files Cargo run
    // there reads ([resolver] incompatible-rust-versions decides whether a pick honours
    // rust-version): .cargo/config (preferred) and .cargo/config.toml in sub/ and its parents.
    expect([...head.reads].sort()).toEqual([
      '.cargo/config',
      '.cargo/config.toml',
      'Cargo.toml',
      'sub/.cargo/config',
      'sub/.cargo/config.toml',
      'sub/Cargo.lock',
      'sub/Cargo.toml'
    ])
  })
})
