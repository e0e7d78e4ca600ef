// Fix advice a user can paste: Cargo's rules, pinned with real cases and checked with Cargo 1.95
// against a local registry (see test/fixtures/PROVENANCE.md, "Fix advice"):
// - `cargo update -p tokio@1.23.1 --precise 1.38.2` with `tokio = "=1.23.1"` fails ("failed to
//   select a version for the requirement `tokio = "=1.23.1"`"); after raising the pin it works;
// - from the repository root, a nested lockfile's crate is "did not match any packages"; with
//   `--manifest-path DIR/Cargo.toml` it updates;
// - `cargo update -p h2@0.3.26 --precise 0.4.16` under aws-smithy-runtime 1.7.8's `h2 = "^0.3"`
//   fails; `cargo update -p aws-smithy-runtime@1.7.8 --precise 1.8.0` (which no longer depends on
//   h2) removes h2, after which `-p h2@0.3.26` "did not match any packages";
// - `cargo update -p arrayref@0.3.10 --precise 0.3.9` downgrades to the clean release.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseToml } from 'smol-toml'
import semver from 'semver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import {
  believedAnswer,
  createCratesIndex,
  parseIndexFile,
  publishedReleases,
  versionFacts
} from '../../src/advisories/crates-index/index.js'
import { analyze } from '../../src/review/analyze.js'
import {
  adviseWithRequirements,
  lowestAdmitting,
  type Holder,
  type ParentRelease
} from '../../src/evaluate/fix-requirements.js'
import { renderComment } from '../../src/render/markdown.js'
import { fixLine } from '../../src/render/terminal-text.js'
import { directoryTree } from '../../src/trees/directory.js'
import type { FixAdvice, LockfileChange, Report } from '../../src/core/model.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { startFakeIndex, type FakeIndex, type FakeIndexEntry } from '../helpers/fake-index.js'
import { memoryTree } from '../helpers/memory-source.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const rustsec = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
const fast = { retryBaseMs: 1, retries: 1, timeoutMs: 2_000 }
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index'

function changeOf(report: Report, name: string): LockfileChange {
  const found = report.lockfiles.flatMap((l) => l.changes).find((c) => c.name === name)
  if (found === undefined) throw new Error(`no change of ${name}`)
  return found
}

function fixOf(report: Report, name: string): FixAdvice {
  const fix = changeOf(report, name).fix
  if (fix === null) throw new Error(`no fix for ${name}`)
  return fix
}

function caseReport(id: string): Promise<Report> {
  return analyze({
    base: directoryTree(join(CASES, id, 'base'), 'base'),
    head: directoryTree(join(CASES, id, 'head'), 'head'),
    source: rustsec
  })
}

describe('the requirement in force: real cases', () => {
  it('crates.io pins tokio = "=1.23.1": raise the four requirements, then --precise (no bare command)', async () => {
    const report = await caseReport('cratesio-2023-tokio-1-23-1')
    const fix = fixOf(report, 'tokio')
    // The oracle: every tokio entry of the head manifests, read with smol-toml.
    const expected = ['Cargo.toml', 'conduit-axum/Cargo.toml'].flatMap((path) => {
      const toml = parseToml(
        readFileSync(join(CASES, 'cratesio-2023-tokio-1-23-1', 'head', path), 'utf8')
      ) as Record<string, Record<string, unknown> | undefined>
      return (['dependencies', 'dev-dependencies'] as const).flatMap((section) => {
        const value = toml[section]?.['tokio']
        const req =
          typeof value === 'string' ? value : (value as { version?: string } | undefined)?.version
        return req === undefined
          ? []
          : [{ crate: 'tokio', manifest: path, section, requirement: req }]
      })
    })
    expect(expected).toHaveLength(4)
    expect(expected.every((r) => r.requirement === '=1.23.1')).toBe(true)
    expect(fix).toMatchObject({
      kind: 'edit-requirements',
      crate: 'tokio',
      current: '1.23.1',
      version: '1.38.2',
      compatible: false,
      manifest_path: null,
      command: 'cargo update -p tokio@1.23.1 --precise 1.38.2'
    })
    expect(fix.requirements).toEqual(expect.arrayContaining(expected))
    expect(fix.requirements).toHaveLength(4)
    const comment = renderComment(report)
    expect(comment).toContain(
      '**Fix:** Raise the requirement `tokio = "=1.23.1"` in `[dependencies]` of `Cargo.toml` (and 3 more) to admit 1.38.2. Then: `cargo update -p tokio@1.23.1 --precise 1.38.2`.'
    )
    expect(comment).not.toMatch(/\*\*Fix:\*\* `cargo update -p tokio/)
    // The CLI prints the same value.
    // (Spaces inside code tokens come back unbreakable, for the terminal's wrapper.)
    expect((fixLine(changeOf(report, 'tokio')) ?? '').replaceAll('\u00A0', ' ')).toContain(
      'Raise the requirement tokio = "=1.23.1" in [dependencies] of Cargo.toml (and 3 more) to admit 1.38.2.'
    )
  })

  it('ripgrep 2016: a crate of the nested ignore/Cargo.lock gets --manifest-path ignore/Cargo.toml', async () => {
    const report = await caseReport('ripgrep-2016-ignore-crate')
    const nested = report.lockfiles.find((l) => l.path === 'ignore/Cargo.lock')
    const root = report.lockfiles.find((l) => l.path === 'Cargo.lock')
    const fixes = (nested?.changes ?? []).flatMap((c) => (c.fix?.command ? [c.fix] : []))
    expect(fixes.length).toBeGreaterThan(0)
    for (const fix of fixes) {
      expect(fix.manifest_path).toBe('ignore/Cargo.toml')
      expect(fix.command).toMatch(/ --manifest-path ignore\/Cargo\.toml$/)
    }
    for (const change of root?.changes ?? []) {
      if (change.fix?.command) expect(change.fix.command).not.toContain('--manifest-path')
    }
    // regex 0.1.77 is held by `regex = "0.1.77"` in ignore/Cargo.toml: ^0.1.77 does not admit 1.5.5.
    const regex = nested?.changes.find((c) => c.name === 'regex')?.fix
    expect(regex?.kind).toBe('edit-requirements')
    expect(regex?.requirements).toContainEqual({
      crate: 'regex',
      manifest: 'ignore/Cargo.toml',
      section: 'dependencies',
      requirement: '0.1.77'
    })
  })
})

/** A crates.io index line with dependencies, in crates.io's field layout. */
function line(name: string, vers: string, deps: Record<string, string> = {}, yanked = false) {
  return {
    name,
    vers,
    cksum: `${name}-${vers}`.padEnd(64, '0').slice(0, 64),
    yanked,
    deps: Object.entries(deps).map(([dep, req]) => ({
      name: dep,
      req,
      features: [],
      optional: false,
      default_features: true,
      target: null,
      kind: 'normal'
    }))
  } satisfies FakeIndexEntry
}

function lockfile(
  packages: { name: string; version: string; deps?: string[]; member?: boolean }[]
) {
  const blocks = packages.map((p) =>
    [
      '[[package]]',
      `name = "${p.name}"`,
      `version = "${p.version}"`,
      ...(p.member === true ? [] : [`source = "${CRATES_IO}"`]),
      ...(p.deps === undefined ? [] : ['dependencies = [', ...p.deps.map((d) => ` "${d}",`), ']'])
    ].join('\n')
  )
  return `version = 3\n\n${blocks.join('\n\n')}\n`
}

const manifest = (deps: Record<string, string>) =>
  `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${Object.entries(deps)
    .map(([k, v]) => `${k} = "${v}"`)
    .join('\n')}\n`

const INDEX_FILES = join(import.meta.dirname, '..', 'fixtures', 'crates-index')
const PARENT_CASE = join(import.meta.dirname, '..', 'fixtures', 'fix-parent-h2')

/** A crate's real index lines (test/fixtures/crates-index, see PROVENANCE.md), served as written. */
function indexLines(file: string): FakeIndexEntry[] {
  return readFileSync(join(INDEX_FILES, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as FakeIndexEntry)
}

describe('a transitive crate whose parent must move (h2 via aws-smithy-runtime, RUSTSEC-2026-0258)', () => {
  // crates.io's index lines: aws-smithy-runtime 1.0.2 to 1.7.8 require `h2 = "^0.3"` (optional,
  // turned on by its `connector-hyper-0-14-x` feature); 1.8.0 moved the hyper 0.14 connector to
  // aws-smithy-http-client and no longer depends on h2. RUSTSEC-2026-0258 (real) affects
  // h2 < 0.4.16, so 0.3.26 is only fixed across a major. The lockfiles were written by cargo 1.95
  // (test/fixtures/fix-parent-h2). An optional dependency counts like any other: the lockfile's
  // edge aws-smithy-runtime -> h2 shows its feature is on, and a later release's optional
  // requirement is taken to be on too (the same feature turns it on); a release that no longer
  // lists h2 holds nothing. The stored h2 index copies end at 0.4.5: the 0.4.16 line is a
  // stand-in (`line`), the 0.3.26 and 0.4.5 lines are real.
  const h2Lines = [...indexLines('h2'), line('h2', '0.4.16')]
  const serve = (runtime: FakeIndexEntry[]) =>
    startFakeIndex({
      crates: new Map([
        ['h2', h2Lines],
        ['aws-smithy-runtime', runtime]
      ]),
      pubtime: false,
      backportLast: false
    })
  const read = (side: 'base' | 'head', file: string) =>
    readFileSync(join(PARENT_CASE, side, file), 'utf8')
  /** The case's trees, each file passed through `edit` (to move the pins). */
  const run = (fake: FakeIndex, edit: (text: string) => string = (t) => t) =>
    analyze({
      base: memoryTree('base', {
        'Cargo.toml': edit(read('base', 'Cargo.toml')),
        'Cargo.lock': edit(read('base', 'Cargo.lock'))
      }),
      head: memoryTree('head', {
        'Cargo.toml': edit(read('head', 'Cargo.toml')),
        'Cargo.lock': edit(read('head', 'Cargo.lock'))
      }),
      source: rustsec,
      cratesIndex: createCratesIndex(fake.url, fast)
    })

  describe('crates.io-index at 9f2b6148 (2026): 1.8.0 no longer depends on h2', () => {
    let fake: FakeIndex
    beforeAll(async () => {
      fake = await serve(indexLines('aws-smithy-runtime'))
    })
    afterAll(async () => {
      await fake.close()
    })

    it('names 1.8.0, the lowest later release whose requirement admits 0.4.16, and only its command', async () => {
      // The oracle, read from the index lines with the semver package: the lowest later,
      // non-yanked release that has no h2 dependency or one 0.4.16 satisfies.
      const runtime = indexLines('aws-smithy-runtime')
      const h2Requirement = (l: FakeIndexEntry) =>
        (l.deps as { name: string; req: string; kind: string; package?: string }[]).find(
          (d) => (d.package ?? d.name) === 'h2' && d.kind !== 'dev'
        )?.req
      const locked = runtime.find((l) => l.vers === '1.7.8')
      expect(locked === undefined ? undefined : h2Requirement(locked)).toBe('^0.3')
      const oracle = runtime
        .filter((l) => !l.yanked && semver.gt(l.vers, '1.7.8'))
        .filter((l) => {
          const req = h2Requirement(l)
          return req === undefined || semver.satisfies('0.4.16', req)
        })
        .map((l) => l.vers)
        .sort(semver.compare)[0]
      expect(oracle).toBe('1.8.0')

      const report = await run(fake)
      const fix = fixOf(report, 'h2')
      expect(fix).toMatchObject({
        kind: 'update-parent',
        current: '0.3.26',
        version: '0.4.16',
        requirements: [],
        unread: [],
        parents: [
          {
            name: 'aws-smithy-runtime',
            version: '1.7.8',
            requirement: '^0.3',
            release: oracle,
            release_requirement: null,
            command: 'cargo update -p aws-smithy-runtime@1.7.8 --precise 1.8.0'
          }
        ],
        // Cargo 1.95: `-p h2@0.3.26 --precise 0.4.16` fails ("failed to select a version for the
        // requirement `h2 = "^0.3"`"); moving aws-smithy-runtime to 1.8.0 removes h2 from the
        // lockfile, after which `-p h2@0.3.26` "did not match any packages": one command only.
        command: 'cargo update -p aws-smithy-runtime@1.7.8 --precise 1.8.0'
      })
      expect(renderComment(report)).toContain(
        '`h2` comes in through `aws-smithy-runtime` 1.7.8, whose requirement `^0.3` does not admit 0.4.16; its release 1.8.0 no longer depends on it.'
      )
    })

    it('a member pinning the parent (`=1.7.8`) must raise that pin too', async () => {
      const report = await run(fake, (t) => t.replace('version = "1.7"', 'version = "=1.7.8"'))
      const fix = fixOf(report, 'h2')
      expect(fix.kind).toBe('edit-requirements')
      expect(fix.requirements).toEqual([
        {
          crate: 'aws-smithy-runtime',
          manifest: 'Cargo.toml',
          section: 'dependencies',
          requirement: '=1.7.8'
        }
      ])
      expect(fix.parents[0]?.release).toBe('1.8.0')
    })
  })

  describe('crates.io-index at 0bc5dfdf (2024): the file ends at 1.5.0, every release on ^0.3', () => {
    let fake: FakeIndex
    beforeAll(async () => {
      fake = await serve(indexLines('aws-smithy-runtime.0bc5dfdf'))
    })
    afterAll(async () => {
      await fake.close()
    })

    it('says that no release of aws-smithy-runtime admits the fix yet', async () => {
      // The same tree a release earlier: aws-smithy-runtime 1.5.0 (its real checksum) holds h2.
      const report = await run(fake, (t) =>
        t
          .replace('version = "1.7"', 'version = "1.5"')
          .replace('version = "1.7.8"', 'version = "1.5.0"')
          .replace(
            'd526a12d9ed61fadefda24abe2e682892ba288c2018bcb38b1b4c111d13f6d92',
            'c9ac79e9f3a4d576f3cd4a470a0275b138d9e7b11b1cd514a6858ae0a79dd5bb'
          )
      )
      const fix = fixOf(report, 'h2')
      expect(fix).toMatchObject({ kind: 'no-parent-release', command: null })
      expect(fix.parents).toEqual([
        {
          name: 'aws-smithy-runtime',
          version: '1.5.0',
          requirement: '^0.3',
          release: null,
          release_requirement: null,
          command: null
        }
      ])
      expect(renderComment(report)).toContain(
        'and no release of `aws-smithy-runtime` admits it yet.'
      )
    })
  })
})

describe('compromised releases vs malicious crates (real RustSec records)', () => {
  let fake: FakeIndex
  beforeAll(async () => {
    fake = await startFakeIndex({
      crates: new Map([
        // crates.io removed arrayref 0.3.10; it stays in lockfiles made before.
        ['arrayref', [line('arrayref', '0.3.8'), line('arrayref', '0.3.9')]],
        ['rustdecimal', [line('rustdecimal', '1.23.1')]]
      ])
    })
  })
  afterAll(async () => {
    await fake.close()
  })

  const bump = (name: string, from: string, to: string, requirement: string) =>
    analyze({
      base: memoryTree('base', {
        'Cargo.toml': manifest({ [name]: requirement }),
        'Cargo.lock': lockfile([
          { name: 'app', version: '0.1.0', member: true, deps: [name] },
          { name, version: from }
        ])
      }),
      head: memoryTree('head', {
        'Cargo.toml': manifest({ [name]: requirement }),
        'Cargo.lock': lockfile([
          { name: 'app', version: '0.1.0', member: true, deps: [name] },
          { name, version: to }
        ])
      }),
      source: rustsec,
      cratesIndex: createCratesIndex(fake.url, fast)
    })

  it('arrayref 0.3.10 (RUSTSEC-2026-0260, introduced 0.3.10-0): stay on 0.3.9, the version replaced', async () => {
    const report = await bump('arrayref', '0.3.9', '0.3.10', '0.3')
    const fix = fixOf(report, 'arrayref')
    expect(fix).toMatchObject({
      kind: 'compromised',
      malicious: true,
      version: '0.3.9',
      command: 'cargo update -p arrayref@0.3.10 --precise 0.3.9'
    })
    const comment = renderComment(report)
    expect(comment).toContain('compromised releases, not a malicious crate: move to 0.3.9')
    expect(comment).not.toContain('remove the dependency')
  })

  it('a requirement that excludes the clean release must change', async () => {
    const fix = fixOf(await bump('arrayref', '0.3.9', '0.3.10', '0.3.10'), 'arrayref')
    expect(fix.kind).toBe('compromised')
    expect(fix.requirements).toEqual([
      { crate: 'arrayref', manifest: 'Cargo.toml', section: 'dependencies', requirement: '0.3.10' }
    ])
    expect(renderComment(await bump('arrayref', '0.3.9', '0.3.10', '0.3.10'))).toContain(
      'Change the requirement `arrayref = "0.3.10"`'
    )
  })

  it('rustdecimal (RUSTSEC-2022-0042, every release): a malicious crate, remove it', async () => {
    const report = await bump('rustdecimal', '1.23.0', '1.23.1', '1')
    const fix = fixOf(report, 'rustdecimal')
    expect(fix).toMatchObject({ kind: 'remove', version: null, command: null })
    expect(renderComment(report)).toContain('this is a malicious crate')
  })
})

describe('an index answer is checked before it is believed', () => {
  const entry = (fields: Record<string, unknown>) =>
    JSON.stringify({
      name: 'serde',
      vers: '1.0.0',
      deps: [],
      cksum: 'ab',
      yanked: false,
      ...fields
    })

  it('a file whose lines name another crate is unknown, not "no published fix"', () => {
    const file = parseIndexFile([entry({ name: 'serde_json' }), ''].join('\n'), 'serde')
    const answer = believedAnswer('serde', { kind: 'found', file })
    expect(answer).toMatchObject({ kind: 'unknown' })
    expect(publishedReleases(answer)).toBeNull()
  })

  it('an HTML page served as text/plain is unknown', () => {
    const html = '<!DOCTYPE html>\n<html><body>Sign in</body></html>\n'
    const answer = believedAnswer('serde', { kind: 'found', file: parseIndexFile(html, 'serde') })
    expect(answer.kind).toBe('unknown')
    expect(answer.kind === 'unknown' ? answer.reason : '').toContain('not in the index format')
  })

  it('a version listed twice, once yanked, is yanked (never advised)', () => {
    const body = [
      entry({ vers: '1.0.1' }),
      entry({ vers: '1.0.2' }),
      entry({ vers: '1.0.2', yanked: true }),
      ''
    ].join('\n')
    const answer = { kind: 'found' as const, file: parseIndexFile(body, 'serde') }
    expect(versionFacts('serde', '1.0.2', answer).yanked).toBe(true)
    expect(publishedReleases(answer)).toEqual([
      { version: '1.0.1', yanked: false },
      { version: '1.0.2', yanked: true }
    ])
  })

  it('an index that knows none of the lockfile crates is a wrong URL or a broken mirror: unknown', async () => {
    const empty = await startFakeIndex({ crates: new Map() })
    try {
      const report = await analyze({
        base: directoryTree(join(CASES, 'cratesio-2019-tar', 'base'), 'base'),
        head: directoryTree(join(CASES, 'cratesio-2019-tar', 'head'), 'head'),
        source: rustsec,
        cratesIndex: createCratesIndex(empty.url, fast)
      })
      const tar = changeOf(report, 'tar')
      expect(tar.registry?.status).toBe('unknown')
      expect(tar.registry?.note).toContain('a wrong URL or a broken mirror')
      expect(tar.fix?.checked_published).toBe(false)
      expect(report.problems.map((p) => p.message).join('\n')).toContain('broken mirror')
    } finally {
      await empty.close()
    }
  })
})

describe('the advice from the holders (pure)', () => {
  const base: FixAdvice = {
    kind: 'update',
    crate: 'h2',
    current: '0.3.26',
    version: '0.3.27',
    compatible: true,
    command: 'cargo update -p h2@0.3.26 --precise 0.3.27',
    newest_compatible: null,
    checked_published: true,
    none_reason: null,
    malicious: false,
    manifest_path: null,
    requirements: [],
    parents: [],
    unread: [],
    unmaintained_note: false,
    archived_note: false
  }
  const parent = (requirement: string, releases: ParentRelease[]): Holder => ({
    kind: 'crate',
    name: 'hyper',
    version: '0.14.0',
    requirement,
    releases,
    holders: []
  })

  it('a parent release that still admits the locked version needs the crate command after it', () => {
    // hyper 0.14.1 widens to `>=0.3.26, <0.5`: h2 stays at 0.3.26 until asked to move.
    const fix = adviseWithRequirements(
      { ...base, version: '0.4.0' },
      [parent('~0.3.26', [{ version: '0.14.1', yanked: false, requirement: '>=0.3.26, <0.5' }])],
      'Cargo.lock'
    )
    expect(fix.command).toBe(
      'cargo update -p hyper@0.14.0 --precise 0.14.1 && cargo update -p h2@0.3.26 --precise 0.4.0'
    )
  })

  it('every holder admits the fix: the command alone, with --manifest-path for a nested lockfile', () => {
    const fix = adviseWithRequirements(
      base,
      [
        parent('^0.3', []),
        {
          kind: 'member',
          name: 'app',
          requirements: [
            { crate: 'h2', manifest: 'app/Cargo.toml', section: 'dependencies', requirement: '0.3' }
          ]
        }
      ],
      'examples/updater/src-tauri/Cargo.lock'
    )
    expect(fix).toMatchObject({
      kind: 'update',
      compatible: true,
      manifest_path: 'examples/updater/src-tauri/Cargo.toml',
      command:
        'cargo update -p h2@0.3.26 --precise 0.3.27 --manifest-path examples/updater/src-tauri/Cargo.toml'
    })
  })

  it('the lowest later release admitting the fix: not yanked, not a pre-release, not older', () => {
    const releases: ParentRelease[] = [
      { version: '0.13.0', yanked: false, requirement: '^0.4' },
      { version: '1.0.0-rc.1', yanked: false, requirement: '^0.4' },
      { version: '1.0.0', yanked: true, requirement: '^0.4' },
      { version: '1.0.1', yanked: false, requirement: '^0.4' },
      { version: '1.1.0', yanked: false, requirement: null }
    ]
    expect(lowestAdmitting('0.14.0', releases, '0.4.16')).toBe('1.0.1')
    expect(lowestAdmitting('0.14.0', releases.slice(0, 3), '0.4.16')).toBeNull()
  })
})
