// Issue #20, workspace membership and the MSRV-aware pick, as Cargo decides them. Oracles: cargo
// 1.95 run on the same layouts (`cargo metadata --no-deps` for the members, `cargo
// generate-lockfile` against a local `directory` registry for the picks; the layouts and what
// cargo printed are in test/fixtures/PROVENANCE.md under `workspace-members`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isExcluded, isListedMember, memberGlobMatches } from '../../src/cargo/members.js'
import { parseManifest, type ParsedManifest } from '../../src/cargo/manifest.js'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { createCratesIndex } from '../../src/advisories/crates-index/index.js'
import type { ManifestChange, Report } from '../../src/core/model.js'
import { workspaceMembers, workspaceTable } from '../../src/diff/workspace-members.js'
import { freshPick, freshPickFor } from '../../src/evaluate/resolution.js'
import { parseCargoReq } from '../../src/evaluate/requirement.js'
import { analyze } from '../../src/review/analyze.js'
import { memoryTree } from '../../src/trees/memory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { startFakeIndex, type FakeIndex, type FakeIndexEntry } from '../helpers/fake-index.js'

const pkg = (name: string, extra = '') =>
  `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n${extra}`

/** The layout cargo 1.95 was run on: which of these are members is what it printed. */
const GLOBS_ROOT =
  '[workspace]\nmembers = ["crates/nu-*", "libs/*", "x?", "tools/[!b]*"]\nexclude = ["crates/nu-skip"]\nresolver = "2"\n'
const GLOBS: Record<string, string> = {
  'Cargo.toml': GLOBS_ROOT,
  'crates/nu-a/Cargo.toml': pkg('crates_nua'),
  'crates/nu-skip/Cargo.toml': pkg('crates_nuskip', '[workspace]\n'),
  'crates/other/Cargo.toml': pkg('crates_other', '[workspace]\n'),
  'libs/deep/Cargo.toml': pkg('libs_deep'),
  'libs/deep/inner/Cargo.toml': pkg('libs_deep_inner', '[workspace]\n'),
  'libs/top/Cargo.toml': pkg('libs_top'),
  'tools/a1/Cargo.toml': pkg('tools_a1'),
  'tools/b1/Cargo.toml': pkg('tools_b1', '[workspace]\n'),
  'x1/Cargo.toml': pkg('x1'),
  'xy2/Cargo.toml': pkg('xy2', '[workspace]\n')
}

function readerOf(files: Record<string, string>) {
  return {
    list: () => Promise.resolve(Object.keys(files)),
    manifest: (path: string): Promise<ParsedManifest | 'none'> => {
      const text = files[path]
      return Promise.resolve(text === undefined ? 'none' : parseManifest(text, path))
    }
  }
}

async function membersOf(files: Record<string, string>): Promise<string[] | string> {
  const root = parseManifest(files['Cargo.toml'] ?? '', 'Cargo.toml')
  const found = await workspaceMembers(root, readerOf(files))
  return 'unknown' in found ? found.unknown : found.members.map((m) => m.path).sort()
}

describe('[workspace] members: the glob crate’s rules, as cargo 1.95 expands them', () => {
  it('expands the globs to the members cargo metadata lists', async () => {
    // cargo metadata --no-deps: crates/nu-a, libs/deep, libs/top, tools/a1, x1.
    expect(await membersOf(GLOBS)).toEqual([
      'crates/nu-a/Cargo.toml',
      'libs/deep/Cargo.toml',
      'libs/top/Cargo.toml',
      'tools/a1/Cargo.toml',
      'x1/Cargo.toml'
    ])
  })

  it('matches one component per glob component: *, ?, [!…], and ** across directories', () => {
    expect(memberGlobMatches('crates/*', 'crates/a')).toBe(true)
    expect(memberGlobMatches('crates/*', 'crates/a/b')).toBe(false)
    expect(memberGlobMatches('crates/*', 'tools/b')).toBe(false)
    expect(memberGlobMatches('x?', 'x1')).toBe(true)
    expect(memberGlobMatches('x?', 'xy2')).toBe(false)
    expect(memberGlobMatches('tools/[!b]*', 'tools/a1')).toBe(true)
    expect(memberGlobMatches('tools/[!b]*', 'tools/b1')).toBe(false)
    expect(memberGlobMatches('tools/[a-c]1', 'tools/b1')).toBe(true)
    // cargo 1.95 with `libs/**` asked for libs/deep/inner/src/Cargo.toml: ** reaches every depth.
    expect(memberGlobMatches('libs/**', 'libs/deep/inner/src')).toBe(true)
    expect(memberGlobMatches('crates/nu-cli', 'crates/nu-cli')).toBe(true)
  })

  it('exclude is a path prefix, lifted by a members entry that is itself a prefix (not by a glob)', () => {
    const root = parseManifest(GLOBS_ROOT, 'Cargo.toml')
    const table = workspaceTable(root)
    expect(isExcluded(table, 'crates/nu-skip')).toBe(true)
    expect(isListedMember(table, 'crates/nu-skip')).toBe(false)
    const literal = workspaceTable(
      parseManifest(
        '[workspace]\nmembers = ["vendor/keep"]\nexclude = ["vendor"]\n',
        'sub/Cargo.toml'
      )
    )
    expect(isExcluded(literal, 'sub/vendor/keep')).toBe(false)
    expect(isExcluded(literal, 'sub/vendor/other')).toBe(true)
    expect(isListedMember(literal, 'sub/vendor/keep')).toBe(true)
  })

  it('Cargo refuses a workspace whose glob matches a directory without Cargo.toml, or a member that is a root too', async () => {
    // cargo 1.95: "failed to load manifest for workspace member `…/libs/deep`".
    const withoutDeep = Object.fromEntries(
      Object.entries(GLOBS).filter(([path]) => path !== 'libs/deep/Cargo.toml')
    )
    expect(await membersOf(withoutDeep)).toMatch(
      /its members match libs\/deep, which has no Cargo\.toml/
    )
    // cargo 1.95: "multiple workspace roots found in the same workspace".
    const nested = { ...GLOBS, 'x1/Cargo.toml': pkg('x1', '[workspace]\n') }
    expect(await membersOf(nested)).toMatch(/its member x1\/Cargo\.toml is a workspace root too/)
  })

  it('a path dependency of a member inside the root directory is a member (cargo metadata lists a, b, c)', async () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nresolver = "3"\n',
      'crates/a/Cargo.toml': pkg('a', '[dependencies]\nb = { path = "../../tools/b" }\n'),
      'crates/c/Cargo.toml': pkg('c'),
      'tools/b/Cargo.toml': pkg('b')
    }
    expect(await membersOf(files)).toEqual([
      'crates/a/Cargo.toml',
      'crates/c/Cargo.toml',
      'tools/b/Cargo.toml'
    ])
  })
})

const offline = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })

const LOCK = (pins: string) =>
  `version = 3\n\n[[package]]\nname = "a"\nversion = "0.1.0"\ndependencies = [\n "smallvec",\n]\n\n[[package]]\nname = "b"\nversion = "0.1.0"\ndependencies = [\n "smallvec",\n]\n\n[[package]]\nname = "smallvec"\nversion = "${pins}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${'0'.repeat(64)}"\n`

function requirement(report: Report, name: string, manifest: string): ManifestChange {
  const found = report.manifests
    .filter((m) => m.path === manifest)
    .flatMap((m) => m.changes)
    .find((c) => c.name === name)
  if (found === undefined) throw new Error(`no requirement change for ${name} in ${manifest}`)
  return found
}

type Files = Record<string, string | { error: string }>

async function judge(
  base: Files,
  head: Files,
  cratesIndex: ReturnType<typeof createCratesIndex> | null = null
): Promise<Report> {
  return analyze({
    base: memoryTree('base', base),
    head: memoryTree('head', head),
    source: offline,
    cratesIndex
  })
}

describe('which root a manifest belongs to, and which lockfile Cargo reads', () => {
  const member = (req: string) => pkg('b', `\n[dependencies]\nsmallvec = "${req}"\n`)
  const tree = (root: string, req: string, extra: Record<string, string> = {}) => ({
    'Cargo.toml': root,
    'Cargo.lock': LOCK('1.6.1'),
    'crates/a/Cargo.toml': pkg('a', '\n[dependencies]\nsmallvec = "1"\n'),
    'tools/b/Cargo.toml': member(req),
    ...extra
  })

  it('a package under the root that members neither lists nor reaches is one Cargo refuses: unknown, not judged by the root lockfile', async () => {
    const root = '[workspace]\nmembers = ["crates/*"]\n'
    const report = await judge(tree(root, '1.6'), tree(root, '1.6.1'))
    const change = requirement(report, 'smallvec', 'tools/b/Cargo.toml')
    expect(change.resolution).toMatchObject({ kind: 'unknown' })
    expect(change.resolution?.kind === 'unknown' && change.resolution.why).toMatch(
      /Cargo refuses to resolve it: it is under the workspace root Cargo\.toml/
    )
    expect(report.complete).toBe(false)
  })

  it('the same package reached as a member’s path dependency resolves through the root lockfile', async () => {
    const root = '[workspace]\nmembers = ["crates/*"]\n'
    const a = pkg('a', '\n[dependencies]\nsmallvec = "1"\nb = { path = "../../tools/b" }\n')
    const report = await judge(
      tree(root, '1.6', { 'crates/a/Cargo.toml': a }),
      tree(root, '1.6.1', { 'crates/a/Cargo.toml': a })
    )
    expect(requirement(report, 'smallvec', 'tools/b/Cargo.toml').resolution).toEqual({
      kind: 'lockfile',
      lockfile: 'Cargo.lock',
      version: '1.6.1'
    })
  })

  it('a stray Cargo.lock in a directory a members glob matches is unused; one in an excluded directory is read', async () => {
    const root = '[workspace]\nmembers = ["tools/*"]\n'
    const withStray = (lock: string) =>
      tree(root, '1.6', { 'tools/b/Cargo.lock': LOCK(lock).replace(/name = "a"[^[]*/, '') })
    const report = await judge(withStray('1.6.0'), withStray('1.6.2'))
    expect(report.unused_lockfiles).toContainEqual({
      path: 'tools/b/Cargo.lock',
      side: 'head',
      workspace_root: 'Cargo.toml'
    })
    const excludedRoot = '[workspace]\nmembers = ["crates/*"]\nexclude = ["tools"]\n'
    const own = (req: string, lock: string) =>
      tree(excludedRoot, req, { 'tools/b/Cargo.lock': LOCK(lock) })
    const excluded = await judge(own('1.6', '1.6.1'), own('1.6.2', '1.6.2'))
    expect(excluded.unused_lockfiles).toEqual([])
    expect(requirement(excluded, 'smallvec', 'tools/b/Cargo.toml').resolution).toEqual({
      kind: 'lockfile',
      lockfile: 'tools/b/Cargo.lock',
      version: '1.6.2'
    })
  })

  it('excluded by the nearest root, a package belongs to a farther one (cargo 1.95: workspace_root is the outer directory)', async () => {
    const files = (req: string) => ({
      'Cargo.toml': '[workspace]\nmembers = ["inner/pkg"]\n',
      'Cargo.lock': LOCK('1.6.1').replace(/name = "a"/, 'name = "pkg"'),
      'inner/Cargo.toml': pkg('inner', '[workspace]\nexclude = ["pkg"]\n'),
      'inner/pkg/Cargo.toml': pkg('pkg', `\n[dependencies]\nsmallvec = "${req}"\n`)
    })
    const report = await judge(files('1.6'), files('1.6.1'))
    expect(requirement(report, 'smallvec', 'inner/pkg/Cargo.toml').resolution).toEqual({
      kind: 'lockfile',
      lockfile: 'Cargo.lock',
      version: '1.6.1'
    })
  })
})

/** msrvdemo as the local registry cargo 1.95 resolved against lists it. */
const MSRVDEMO = [
  { version: '1.1.0', yanked: false, rust_version: '1.70' },
  { version: '1.2.0', yanked: false, rust_version: '1.90' }
]

describe('resolver 3: every member’s rust-version, as cargo’s VersionPreferences ranks them', () => {
  const req = parseCargoReq('1')!
  it('prefers the release compatible with the most members, not the lowest member’s fallback', () => {
    // cargo generate-lockfile, members at 1.60, 1.80, 1.85: "Adding msrvdemo v1.1.0 (requires Rust 1.70)".
    expect(freshPick(req, MSRVDEMO, ['1.60', '1.80', '1.85'])).toBe('1.1.0')
    // One member at 1.60: nothing fits, so the highest: "Adding msrvdemo v1.2.0 (requires Rust 1.90)".
    expect(freshPick(req, MSRVDEMO, ['1.60'])).toBe('1.2.0')
  })

  it('without any rust-version the toolchain decides: unknown when toolchains from 1.84 on disagree', () => {
    // cargo 1.95 ("latest Rust 1.95.0 compatible version") locks 1.2.0; Rust 1.84 to 1.89 would lock 1.1.0.
    const toolchain = freshPickFor(req, MSRVDEMO, 'toolchain')
    expect(toolchain).toEqual({
      unknown:
        'no workspace member sets rust-version, so under resolver 3 Cargo picks by the Rust toolchain that runs it, which is not known here: 1.1.0 with Rust 1.84, 1.2.0 with Rust 1.90'
    })
    const old = [{ version: '1.0.0', yanked: false, rust_version: '1.56' }, ...MSRVDEMO.slice(0, 1)]
    expect(freshPickFor(req, old, 'toolchain')).toEqual({ version: '1.1.0' })
  })
})

describe('resolver 3 end to end: the members are read from the tree', () => {
  let fake: FakeIndex
  beforeAll(async () => {
    const entries: FakeIndexEntry[] = MSRVDEMO.map((r) => ({
      name: 'msrvdemo',
      vers: r.version,
      cksum: '0'.repeat(64),
      yanked: false,
      rust_version: r.rust_version
    }))
    fake = await startFakeIndex({ crates: new Map([['msrvdemo', entries]]) })
  })
  afterAll(async () => {
    await fake.close()
  })

  const workspace = (versions: readonly (string | null)[], dep: boolean) => {
    const files: Record<string, string> = {
      'Cargo.toml': `[workspace]\nmembers = ["m*"]\nresolver = "3"\n`
    }
    versions.forEach((rv, i) => {
      const rust = rv === null ? '' : `rust-version = "${rv}"\n`
      const deps = dep && i === 0 ? '\n[dependencies]\nmsrvdemo = "1"\n' : ''
      files[`m${String(i + 1)}/Cargo.toml`] = pkg(`m${String(i + 1)}`, `${rust}${deps}`)
    })
    return files
  }
  const pick = async (versions: readonly (string | null)[]) => {
    const report = await judge(
      workspace(versions, false),
      workspace(versions, true),
      createCratesIndex(fake.url, { retryBaseMs: 1, retries: 1 })
    )
    return requirement(report, 'msrvdemo', 'm1/Cargo.toml').resolution
  }

  it('judges by what cargo 1.95 locked for the same workspaces', async () => {
    expect(await pick(['1.60', '1.80', '1.85'])).toEqual({
      kind: 'fresh-resolution',
      version: '1.1.0',
      msrv: '1.60'
    })
    expect(await pick(['1.60', null])).toEqual({
      kind: 'fresh-resolution',
      version: '1.2.0',
      msrv: '1.60'
    })
    expect(await pick([null, null])).toMatchObject({ kind: 'unknown' })
    expect(await pick(['1.60', '1.80', '1.85'])).not.toEqual(await pick(['1.60']))
  })

  it('[resolver] incompatible-rust-versions in .cargo/config.toml decides before the resolver version', async () => {
    const index = createCratesIndex(fake.url, { retryBaseMs: 1, retries: 1 })
    const configured =
      (resolver: string, setting: string) =>
      (dep: boolean): Files => ({
        ...workspace(['1.60', '1.80', '1.85'], dep),
        'Cargo.toml': `[workspace]\nmembers = ["m*"]\nresolver = "${resolver}"\n`,
        '.cargo/config.toml': `[resolver]\nincompatible-rust-versions = "${setting}"\n`
      })
    const pickWith = async (files: (dep: boolean) => Files) =>
      requirement(await judge(files(false), files(true), index), 'msrvdemo', 'm1/Cargo.toml')
        .resolution
    // cargo 1.95: "fallback" under resolver 2 locks 1.1.0; "allow" under resolver 3 locks 1.2.0.
    expect(await pickWith(configured('2', 'fallback'))).toEqual({
      kind: 'fresh-resolution',
      version: '1.1.0',
      msrv: '1.60'
    })
    expect(await pickWith(configured('3', 'allow'))).toEqual({
      kind: 'fresh-resolution',
      version: '1.2.0',
      msrv: null
    })
    const malformed = (dep: boolean): Files => ({
      ...configured('3', 'fallback')(dep),
      '.cargo/config.toml': '[resolver]\nincompatible-rust-versions = "sometimes"\n'
    })
    expect(await pickWith(malformed)).toMatchObject({ kind: 'unknown' })
  })

  it('a member that cannot be read leaves the fresh pick unknown, not a lockfile pin', async () => {
    const index = createCratesIndex(fake.url, { retryBaseMs: 1, retries: 1 })
    const broken = (dep: boolean, lock: boolean): Files => ({
      ...workspace(['1.60', '1.80'], dep),
      'm2/Cargo.toml': { error: 'HTTP 502' },
      ...(lock ? { 'Cargo.lock': LOCK('1.6.1').replace(/name = "a"/, 'name = "m1"') } : {})
    })
    const fresh = await judge(broken(false, false), broken(true, false), index)
    const resolution = requirement(fresh, 'msrvdemo', 'm1/Cargo.toml').resolution
    expect(resolution?.kind === 'unknown' && resolution.why).toMatch(
      /rust-versions Cargo's pick honours are unknown: workspace member m2\/Cargo\.toml could not be read: HTTP 502/
    )
    const smallvec = (req: string): Files => ({
      ...broken(false, true),
      'm1/Cargo.toml': pkg('m1', `rust-version = "1.60"\n\n[dependencies]\nsmallvec = "${req}"\n`)
    })
    const locked = await judge(smallvec('1.6'), smallvec('1.6.1'), index)
    expect(requirement(locked, 'smallvec', 'm1/Cargo.toml').resolution).toEqual({
      kind: 'lockfile',
      lockfile: 'Cargo.lock',
      version: '1.6.1'
    })
  })
})
