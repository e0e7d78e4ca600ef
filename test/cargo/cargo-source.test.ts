// Which lockfile sources are crates.io, by Cargo's rules: `SourceId::from_url` (kind before the
// first `+`; a sparse URL keeps its `sparse+`), the WHATWG URL parser (scheme and host case,
// default port, `.`/`..` segments, backslashes, tabs and newlines dropped, IDNA), then
// `CanonicalUrl::new` (one trailing slash, GitHub → https with a lower-cased path, one `.git`
// suffix). Sources compare equal when kind and canonical URL are equal. The spellings below are
// worked out from those functions (cargo `src/cargo/util/canonical_url.rs`, `core/source_id.rs`;
// rust-url `path_segments.rs` for `pop_if_empty`, `pop` and `push`), not from our code.
import { describe, expect, it } from 'vitest'
import { isCratesIoOrigin, isCratesIoSource, normaliseSource } from '../../src/cargo/source.js'
import { parseLockfile } from '../../src/cargo/lockfile.js'
import { analyze } from '../../src/review/analyze.js'
import { advisory, memoryTree, recordSource } from '../helpers/memory-source.js'

const CRATES_IO_SPELLINGS: [string, string][] = [
  ['registry+https://github.com/rust-lang/crates.io-index', 'what Cargo writes (git index)'],
  ['sparse+https://index.crates.io/', 'what Cargo writes (sparse index)'],
  ['registry+https://github.com/rust-lang/crates.io-index.git', '.git suffix'],
  ['registry+https://github.com/rust-lang/crates.io-index/', 'trailing slash'],
  ['registry+https://github.com/rust-lang/crates.io-index.git/', '.git then slash'],
  ['registry+https://GITHUB.COM/rust-lang/crates.io-index', 'host case'],
  ['registry+https://github.com/Rust-Lang/Crates.IO-Index', 'GitHub path case'],
  ['registry+https://github.com/RUST-LANG/CRATES.IO-INDEX.GIT', 'GitHub path case, .GIT'],
  ['registry+https://github.com:443/rust-lang/crates.io-index', 'default port'],
  ['registry+http://github.com/rust-lang/crates.io-index', 'http: on GitHub becomes https'],
  ['registry+http://github.com:80/rust-lang/crates.io-index', 'http default port'],
  ['registry+http://github.com:443/rust-lang/crates.io-index', 'http :443, re-read as https'],
  ['registry+git://github.com/rust-lang/crates.io-index', 'git: on GitHub becomes https'],
  ['registry+ssh://github.com/rust-lang/crates.io-index.git', 'ssh: on GitHub becomes https'],
  ['registry+HTTPS://github.com/rust-lang/crates.io-index', 'scheme case'],
  ['registry+https://github.com/rust-lang/./crates.io-index', '/./ segment'],
  ['registry+https://github.com/x/../rust-lang/crates.io-index', '/../ segment'],
  ['registry+https://github.com/rust-lang/%2e/crates.io-index', 'percent-encoded dot segment'],
  ['registry+https:\\\\github.com\\rust-lang\\crates.io-index', 'backslashes'],
  ['registry+https://github.com/rust-lang/crates.io-\nindex', 'newline inside (URL drops it)'],
  ['registry+https://github.com/rust-lang/crates.io-\tindex', 'tab inside'],
  ['registry+ https://github.com/rust-lang/crates.io-index ', 'surrounding spaces'],
  ['registry+https://ｇｉｔｈｕｂ.com/rust-lang/crates.io-index', 'fullwidth host (IDNA)'],
  ['registry+https://github.com/rust-lang/crates.io-index/..git', '`..git`: push(".") is a no-op'],
  ['registry+https://github.com/rust-lang/crates.io-index/...git', '`...git`: push("..") too'],
  ['sparse+https://index.crates.io//', 'sparse: one of two trailing slashes'],
  ['sparse+HTTPS://index.crates.io/', 'sparse: scheme case'],
  ['sparse+https://index.crates.io/./', 'sparse: /./']
]

const OTHER_REGISTRIES: [string, string][] = [
  ['registry+https://github.com/rust-lang/crates.io-index.git.git', 'only one .git is dropped'],
  ['registry+https://github.com/rust-lang/crates.io-index//', 'only one slash is dropped'],
  ['registry+https://github.com/rust-lang/crates.io-index/.git', 'a `.git` segment'],
  ['registry+https://github.com/rust-lang/crates.io-index?x=1', 'a query'],
  ['registry+https://github.com/rust-lang/crates.io-index?', 'an empty query'],
  ['registry+https://github.com/rust-lang/crates.io-index#x', 'a fragment'],
  ['registry+https://user@github.com/rust-lang/crates.io-index', 'userinfo'],
  ['registry+https://user:pass@github.com/rust-lang/crates.io-index', 'userinfo with password'],
  ['registry+https://github.com:8443/rust-lang/crates.io-index', 'another port'],
  ['registry+https://github.com./rust-lang/crates.io-index', 'host with a final dot'],
  ['registry+https://www.github.com/rust-lang/crates.io-index', 'another host'],
  ['registry+https://github.com.evil.test/rust-lang/crates.io-index', 'look-alike host'],
  ['registry+https://gitlab.com/rust-lang/crates.io-index', 'another forge'],
  ['registry+https://evil.test/Rust-Lang/crates.io-index', 'path case counts off GitHub'],
  ['registry+https://github.com/rust-lang/crates.io-index2', 'another repository'],
  ['registry+https://github.com/rust-lang-nursery/crates.io-index', 'another owner'],
  ['registry+https://github.com/rust-lang/crates%2Eio-index', 'percent-encoded dot in a name'],
  ['registry+https://github.com/rust-lang/crates.io-index/x', 'a deeper path'],
  ['registry+git://GITHUB.COM/rust-lang/crates.io-index', 'git: host keeps its case'],
  ['registry+sparse+https://index.crates.io/', 'a sparse URL read as a git registry'],
  ['registry+https://index.crates.io/', 'the sparse host as a git registry'],
  ['sparse+https://github.com/rust-lang/crates.io-index', 'the git index as a sparse registry'],
  ['sparse+https://index.crates.io', 'sparse: no path is not the path `/`'],
  ['sparse+https://INDEX.crates.io/', 'sparse: the host of a `+` scheme keeps its case'],
  ['sparse+https://index.crates.io:443/', 'sparse: no default port for a `+` scheme'],
  ['sparse+http://index.crates.io/', 'sparse: another scheme'],
  ['sparse+https://index.crates.io/?x', 'sparse: a query'],
  ['sparse+https://index.crates.io.evil.test/', 'sparse: look-alike host'],
  ['Registry+https://github.com/rust-lang/crates.io-index', 'kind case (Cargo refuses it)'],
  [' registry+https://github.com/rust-lang/crates.io-index', 'space before the kind'],
  ['git+https://github.com/rust-lang/crates.io-index', 'a git source, not a registry'],
  ['git+https://github.com/rust-lang/crates.io-index#0123abc', 'a git source with a commit'],
  ['path+file:///work/crates.io-index', 'a path source'],
  ['https://github.com/rust-lang/crates.io-index', 'no kind'],
  ['registry+github.com:rust-lang/crates.io-index', 'cannot-be-a-base URL'],
  ['registry+', 'no URL'],
  ['crates.io', 'our own report spelling is not a lockfile source']
]

describe('crates.io sources, by Cargo’s canonical URL rules', () => {
  it.for(CRATES_IO_SPELLINGS)('%j is crates.io (%s)', ([source]) => {
    expect(isCratesIoSource(source)).toBe(true)
    expect(normaliseSource(source)).toBe('crates.io')
  })
  it.for(OTHER_REGISTRIES)('%j is not crates.io (%s)', ([source]) => {
    expect(isCratesIoSource(source)).toBe(false)
    expect(normaliseSource(source)).toBe(source)
  })
  it('path and workspace members have no source', () => {
    expect(normaliseSource(undefined)).toBeNull()
    expect(normaliseSource(null)).toBeNull()
  })
  it('manifest declarations: no registry, or the registry named `crates-io`', () => {
    expect(isCratesIoOrigin({ kind: 'registry', registry: null })).toBe(true)
    expect(isCratesIoOrigin({ kind: 'registry', registry: 'crates-io' })).toBe(true)
    expect(isCratesIoOrigin({ kind: 'registry', registry: 'my-mirror' })).toBe(false)
    expect(isCratesIoOrigin({ kind: 'registry', registry: 'Crates-IO' })).toBe(false)
    expect(isCratesIoOrigin({ kind: 'path', path: '../x' })).toBe(false)
  })
})

const lock = (source: string, version: string): string =>
  `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["smallvec"]\n\n` +
  `[[package]]\nname = "smallvec"\nversion = "${version}"\nsource = ${JSON.stringify(source)}\n`

/** One advisory for smallvec < 1.0.0, recording what the source was asked. */
const recordingSource = (asked: string[]) =>
  recordSource(
    [advisory('RUSTSEC-2099-0100', 'smallvec', [{ introduced: '0' }, { fixed: '1.0.0' }])],
    asked
  )

describe('a look-alike crates.io source through the pipeline', () => {
  it('a dependency string naming the other spelling resolves to the same package', () => {
    const text =
      'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
      'dependencies = ["smallvec 0.6.0 (registry+https://github.com/rust-lang/crates.io-index)"]\n\n' +
      '[[package]]\nname = "smallvec"\nversion = "0.6.0"\n' +
      'source = "registry+https://GitHub.com/Rust-Lang/crates.io-index.git/"\n'
    const parsed = parseLockfile(text, 'Cargo.lock')
    expect(parsed.unresolved).toEqual([])
    expect(parsed.packages[1]?.source).toBe('crates.io')
    expect(parsed.packages[0]?.dependencies[0]?.name).toBe('smallvec')
  })

  it.for(CRATES_IO_SPELLINGS.slice(2, 8))(
    'a vulnerable crate under %j is looked up, affected and shown as from crates.io (%s)',
    async ([spelling]) => {
      const asked: string[] = []
      const report = await analyze({
        base: memoryTree('base', {
          'Cargo.lock': lock('registry+https://github.com/rust-lang/crates.io-index', '1.0.0')
        }),
        head: memoryTree('head', { 'Cargo.lock': lock(spelling, '0.6.0') }),
        source: recordingSource(asked)
      })
      expect(asked).toContain('smallvec')
      const change = report.lockfiles[0]?.changes.find((c) => c.name === 'smallvec')
      // Same source on both sides: a downgrade of one package, not a removal and an addition.
      expect(change?.kind).toBe('updated')
      expect(change?.source).toBe('crates.io')
      expect(change?.advisories.map((a) => [a.id, a.affected])).toEqual([
        ['RUSTSEC-2099-0100', true]
      ])
      expect(report.summary.affected_versions).toBe(1)
    }
  )

  it('another registry is neither looked up nor called crates.io', async () => {
    const asked: string[] = []
    const other = 'registry+https://github.com.evil.test/rust-lang/crates.io-index'
    const report = await analyze({
      base: memoryTree('base', {}),
      head: memoryTree('head', { 'Cargo.lock': lock(other, '0.6.0') }),
      source: recordingSource(asked)
    })
    expect(asked).not.toContain('smallvec')
    const change = report.lockfiles[0]?.changes.find((c) => c.name === 'smallvec')
    expect(change?.source).toBe(other)
  })
})

describe('a manifest dependency on `registry = "crates-io"`', () => {
  it('is a crates.io requirement: looked up and judged', async () => {
    const asked: string[] = []
    const manifest = (dep: string): string =>
      `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${dep}\n`
    const report = await analyze({
      base: memoryTree('base', { 'Cargo.toml': manifest('') }),
      head: memoryTree('head', {
        'Cargo.toml': manifest('smallvec = { version = "0.6", registry = "crates-io" }')
      }),
      source: recordingSource(asked)
    })
    expect(asked).toEqual(['smallvec'])
    const change = report.manifests[0]?.changes[0]
    expect(change?.advisories.map((a) => [a.id, a.admits_affected])).toEqual([
      ['RUSTSEC-2099-0100', true]
    ])
  })
})
