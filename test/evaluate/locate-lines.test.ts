// Findings land on the line that brought the crate in, on real repositories' manifests (fixture
// cases, see test/fixtures/PROVENANCE.md): every spelling of a requirement, transitive crates on
// their direct dependency's line with the path, and lockfile-only changes on the [[package]] entry.
// The oracle for each line is the file's own text at that line (the code reads positions from a
// TOML syntax tree, the test reads the line).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { tomlPositions } from '../../src/cargo/positions.js'
import type { Finding } from '../../src/evaluate/locate.js'
import { analyze } from '../../src/review/analyze.js'
import { findingsWithLocations } from '../../src/review/locations.js'
import { directoryTree } from '../../src/trees/directory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'

const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')
const source = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })

async function findingsOf(name: string, unmaintained = false): Promise<Finding[]> {
  const head = directoryTree(join(CASES_DIR, name, 'head'), 'head')
  const base = directoryTree(join(CASES_DIR, name, 'base'), 'base')
  const report = await analyze({ base, head, source })
  return findingsWithLocations(report, head, { unmaintained })
}

function lineOf(name: string, path: string, line: number): string {
  return readFileSync(join(CASES_DIR, name, 'head', path), 'utf8').split('\n')[line - 1] ?? ''
}

function only(findings: Finding[], crate: string, kind?: Finding['kind']): Finding {
  const matching = findings.filter(
    (f) => f.crate === crate && (kind === undefined || f.kind === kind)
  )
  expect(matching).toHaveLength(1)
  return matching[0]!
}

describe('a direct dependency is found on its requirement line in the head Cargo.toml', () => {
  it('inline string requirement (bat adds git2 = "0.6")', async () => {
    const finding = only(await findingsOf('bat-2018-add-git2'), 'git2')
    expect(finding.location).toMatchObject({ path: 'Cargo.toml', via: 'manifest' })
    expect(finding.location.span).toMatchObject({ line: 16, endLine: 16 })
    expect(lineOf('bat-2018-add-git2', 'Cargo.toml', 16)).toBe('git2 = "0.6"')
    expect(finding.kind).toBe('introduced')
    expect(finding.via).toEqual([])
  })

  it('a [dependencies.git2] table: its header through its last key (bat 2023)', async () => {
    const finding = only(await findingsOf('bat-2023-git2-0-16'), 'git2')
    expect(finding.location.span).toMatchObject({ line: 69, endLine: 72 })
    expect(lineOf('bat-2023-git2-0-16', 'Cargo.toml', 69)).toBe('[dependencies.git2]')
    expect(lineOf('bat-2023-git2-0-16', 'Cargo.toml', 72)).toBe('default-features = false')
  })

  it("a target table: [target.'cfg(unix)'.dependencies] (fd adds users)", async () => {
    const finding = only(await findingsOf('fd-2020-users-cfg-unix'), 'users', 'introduced')
    expect(finding.location.span?.line).toBe(55)
    expect(lineOf('fd-2020-users-cfg-unix', 'Cargo.toml', 55)).toBe('users = "0.10.0"')
    expect(lineOf('fd-2020-users-cfg-unix', 'Cargo.toml', 54)).toBe(
      "[target.'cfg(unix)'.dependencies]"
    )
  })

  it('a renamed dependency (ripgrep: memmap = { package = "memmap2" })', async () => {
    const finding = only(await findingsOf('ripgrep-2021-memmap2-renamed'), 'memmap2')
    expect(finding.location.path).toBe('crates/searcher/Cargo.toml')
    const line = finding.location.span?.line ?? 0
    expect(lineOf('ripgrep-2021-memmap2-renamed', finding.location.path, line)).toMatch(
      /^memmap = \{ package = "memmap2"/
    )
  })

  it('an inline table requirement with no lockfile (clap: atty = { version = "0.2", … })', async () => {
    const finding = only(await findingsOf('clap-2020-ansi-term'), 'atty')
    expect(finding.version).toBeNull()
    expect(finding.req).toBe('0.2')
    const line = finding.location.span?.line ?? 0
    expect(lineOf('clap-2020-ansi-term', 'Cargo.toml', line)).toMatch(
      /^atty\s+= \{ version = "0.2"/
    )
  })
})

describe('transitive crates are found on the direct dependency the member reaches them through', () => {
  it("libgit2-sys and idna on git2's line, with the path between", async () => {
    const findings = await findingsOf('bat-2018-add-git2')
    const sys = only(findings, 'libgit2-sys')
    expect(sys.member).toBe('bat')
    expect(sys.via).toEqual(['git2'])
    expect(sys.location.span?.line).toBe(16)
    const idna = only(findings, 'idna')
    expect(idna.via).toEqual(['git2', 'url'])
    expect(idna.location).toMatchObject({ path: 'Cargo.toml', via: 'manifest' })
    expect(idna.location.span?.line).toBe(16)
  })

  it('a member inheriting from [workspace.dependencies]: the `nucleo.workspace = true` line, the root line related (helix)', async () => {
    const name = 'helix-2023-nucleo-workspace'
    const finding = only(await findingsOf(name), 'crossbeam-epoch')
    expect(finding.via).toEqual(['nucleo', 'rayon', 'rayon-core', 'crossbeam-deque'])
    expect(finding.location.path).toBe('helix-core/Cargo.toml')
    expect(lineOf(name, 'helix-core/Cargo.toml', finding.location.span?.line ?? 0)).toBe(
      'nucleo.workspace = true'
    )
    expect(finding.location.related).toHaveLength(1)
    const related = finding.location.related[0]!
    expect(related.path).toBe('Cargo.toml')
    expect(lineOf(name, 'Cargo.toml', related.span.line)).toBe('nucleo = "0.2.0"')
  })
})

describe('a crate whose manifest line did not change is found on its [[package]] entry in Cargo.lock', () => {
  it('a lockfile-only update of slab (alacritty)', async () => {
    const name = 'alacritty-2025-toml-0-9'
    const finding = only(await findingsOf(name), 'slab')
    expect(finding.location).toMatchObject({ path: 'Cargo.lock', via: 'lockfile' })
    const { line, endLine } = finding.location.span!
    expect(lineOf(name, 'Cargo.lock', line)).toBe('[[package]]')
    expect(lineOf(name, 'Cargo.lock', line + 1)).toBe('name = "slab"')
    expect(lineOf(name, 'Cargo.lock', line + 2)).toBe('version = "0.4.10"')
    expect(endLine).toBeGreaterThan(line + 2)
    // The path still says how the member reaches it.
    expect(finding.via).toEqual(['winit', 'calloop'])
  })

  it('every finding of a large cargo update has a line, and those on Cargo.lock name the crate (rustup)', async () => {
    const name = 'rustup-2020-cargo-update'
    const findings = await findingsOf(name)
    expect(findings.length).toBeGreaterThan(10)
    for (const finding of findings) {
      expect(finding.location.span).not.toBeNull()
      if (finding.location.via !== 'lockfile') continue
      const line = finding.location.span!.line
      expect(lineOf(name, finding.location.path, line + 1)).toBe(`name = "${finding.crate}"`)
      expect(lineOf(name, finding.location.path, line + 2)).toBe(
        `version = "${finding.version ?? ''}"`
      )
    }
  })
})

describe('findings are ordered most decisive first', () => {
  it('introduced before still affected before notices (rustup)', async () => {
    const kinds = (await findingsOf('rustup-2020-cargo-update')).map((f) => f.kind)
    const rank = (kind: string) => ['malicious', 'introduced', 'still-affected'].indexOf(kind)
    const ranks = kinds.map((kind) => (rank(kind) === -1 ? 3 : rank(kind)))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(kinds[0]).toBe('introduced')
  })

  it('an unmaintained notice only when asked, only for a crate the change adds (fd adds users)', async () => {
    expect((await findingsOf('fd-2020-users-cfg-unix')).map((f) => f.kind)).toEqual(['introduced'])
    const kinds = (await findingsOf('fd-2020-users-cfg-unix', true)).map((f) => f.kind)
    expect(kinds).toEqual(['introduced', 'unmaintained'])
    // rustup updates atty and failure (both unmaintained): no notice for them.
    const rustup = await findingsOf('rustup-2020-cargo-update', true)
    expect(rustup.filter((f) => f.kind === 'unmaintained')).toEqual([])
  })
})

describe('tomlPositions reads every spelling Cargo accepts', () => {
  const text = [
    '[package]',
    'name = "demo"',
    '',
    '[dependencies]',
    'serde.version = "1"',
    'serde.features = ["derive"]',
    '"quoted-key" = "2"',
    '',
    '[dev_dependencies]',
    'tempfile = "3"',
    '',
    '[target."cfg(windows)".dependencies.winapi]',
    'version = "0.3"',
    'features = ["x"]',
    '',
    '[workspace.dependencies]',
    'tokio = { version = "1",',
    '  features = ["rt"] }'
  ].join('\n')
  const positions = tomlPositions(text)
  it.each([
    [['dependencies', 'serde'], 5, 6],
    [['dependencies', 'quoted-key'], 7, 7],
    [['dev_dependencies', 'tempfile'], 10, 10],
    [['target', 'cfg(windows)', 'dependencies', 'winapi'], 12, 14],
    [['workspace', 'dependencies', 'tokio'], 17, 18]
  ])('%j on lines %i-%i', (path, line, endLine) => {
    expect(positions.find(path)).toMatchObject({ line, endLine })
  })
  it('nothing for a key that is not written', () => {
    expect(positions.find(['dependencies', 'absent'])).toBeNull()
  })
})
