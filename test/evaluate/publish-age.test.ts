// Publish age and the cooldown, unit by unit: Cargo's value grammar (its own test cases), the keys
// of real `.cargo/config.toml` spellings, Cargo's config hierarchy read from a tree, and ages from
// real index lines with and without `pubtime` (test/fixtures/crates-index, see PROVENANCE.md).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  MONTH_SECONDS,
  parsePublishAge,
  readCooldownKeys,
  resolveCooldown,
  type CooldownPolicy
} from '../../src/cargo/cooldown.js'
import { parseIndexFile, type IndexAnswer } from '../../src/advisories/crates-index/index.js'
import { CRATES_IO, type LockfileChange } from '../../src/core/model.js'
import {
  datePublication,
  PUBTIME_RECORDED_BY,
  publishAge,
  withPublishAge
} from '../../src/evaluate/publish-age.js'
import { readCooldownPolicies } from '../../src/trees/cargo-config.js'
import { evaluateAgeGate } from '../../src/review/age-gate.js'
import { memoryTree } from '../helpers/memory.js'
import { INPUT_NAMES, parseInputs, type RawInputs } from '../../src/action/inputs.js'
import { analyze } from '../../src/review/analyze.js'
import { renderComment } from '../../src/render/markdown.js'
import type { CratesIndex } from '../../src/advisories/crates-index/index.js'

const DAY = 86_400
const INDEX = join(import.meta.dirname, '..', 'fixtures', 'crates-index')
function indexFile(name: string, crate: string): IndexAnswer {
  return { kind: 'found', file: parseIndexFile(readFileSync(join(INDEX, name), 'utf8'), crate) }
}

describe('the cooldown value: Cargo’s time span grammar (maybe_parse_time_span and its tests)', () => {
  it.each([
    ['0 seconds', 0],
    ['1second', 1],
    ['23 seconds', 23],
    ['5 minutes', 300],
    ['2 hours', 7200],
    ['1 day', DAY],
    ['14 days', 14 * DAY],
    ['2 weeks', 14 * DAY],
    ['6 months', 6 * MONTH_SECONDS],
    ['0', 0]
  ])('%s is %d seconds', (value, seconds) => {
    expect(parsePublishAge(value)).toEqual({ ok: true, seconds })
  })

  it('a month is the average Gregorian month, 30.436875 days', () => {
    expect(MONTH_SECONDS).toBe(30.436875 * DAY)
  })

  it.each([
    '',
    '1',
    'second',
    '+2 seconds',
    'day',
    '-1 days',
    '1.5 days',
    '1 dayz',
    'always',
    'never',
    '1 day ',
    ' 1 day',
    '1  second',
    '14 Days'
  ])('%j is refused, as Cargo refuses it', (value) => {
    expect(parsePublishAge(value).ok).toBe(false)
  })
})

describe('.cargo/config.toml: the keys Cargo’s cooldown reads', () => {
  it('reads [registry] global-min-publish-age beside the [unstable] table projects wrote before 1.100', () => {
    // As committed by projects adopting it (cargo's nightly flag kept for older toolchains).
    const text =
      '[registry]\nglobal-min-publish-age = "7 days"\n\n[unstable]\nmin-publish-age = true\n'
    expect(readCooldownKeys(text)).toEqual({ ok: true, keys: { global: '7 days' } })
  })

  it('reads the dotted spelling, the crates-io override and the resolver switch', () => {
    const text = [
      'registry.global-min-publish-age = "3 days"',
      '[registries.crates-io]',
      'min-publish-age = "2 weeks"',
      '[resolver]',
      'incompatible-publish-age = "allow"',
      '[build]',
      'rustflags = ["-C", "target-cpu=native"]'
    ].join('\n')
    expect(readCooldownKeys(text)).toEqual({
      ok: true,
      keys: { global: '3 days', cratesIo: '2 weeks', incompatible: 'allow' }
    })
  })

  it('a file without the keys sets nothing', () => {
    expect(readCooldownKeys('[alias]\nb = "build"\n')).toEqual({ ok: true, keys: {} })
  })

  it.each([
    ['not TOML', '[registry\nglobal-min-publish-age = "7 days"'],
    ['an integer', '[registry]\nglobal-min-publish-age = 7'],
    ['outside the grammar', '[registry]\nglobal-min-publish-age = "7d"'],
    ['an unknown resolver value', '[resolver]\nincompatible-publish-age = "warn"']
  ])('a file Cargo would refuse is an error, never "no cooldown" (%s)', (_what, text) => {
    expect(readCooldownKeys(text).ok).toBe(false)
  })
})

describe('which cooldown governs a lockfile: Cargo’s hierarchy, from the base tree', () => {
  const policyOf = async (files: Record<string, string | { error: string }>, lockfile: string) =>
    (await readCooldownPolicies(memoryTree('base', files), [lockfile])).get(lockfile)

  it('the nearest file wins per key; crates-io’s own age overrides the global one', async () => {
    const files = {
      '.cargo/config.toml': '[registry]\nglobal-min-publish-age = "14 days"\n',
      'crates/app/.cargo/config.toml': '[registries.crates-io]\nmin-publish-age = "3 days"\n'
    }
    expect(await policyOf(files, 'Cargo.lock')).toMatchObject({
      kind: 'active',
      seconds: 14 * DAY,
      origin: '.cargo/config.toml: [registry] global-min-publish-age = "14 days"'
    })
    expect(await policyOf(files, 'crates/app/Cargo.lock')).toMatchObject({
      kind: 'active',
      seconds: 3 * DAY,
      origin: 'crates/app/.cargo/config.toml: [registries.crates-io] min-publish-age = "3 days"'
    })
    // A sibling directory is not a parent: only the root's file applies.
    expect(await policyOf(files, 'crates/other/Cargo.lock')).toMatchObject({ seconds: 14 * DAY })
  })

  it('a nearer global age does not beat a farther crates-io one (each key on its own)', async () => {
    const files = {
      '.cargo/config.toml': '[registries.crates-io]\nmin-publish-age = "1 week"\n',
      'sub/.cargo/config.toml': '[registry]\nglobal-min-publish-age = "1 day"\n'
    }
    expect(await policyOf(files, 'sub/Cargo.lock')).toMatchObject({ seconds: 7 * DAY })
  })

  // Cargo's PublishAgePolicy::min_age (version_prefs.rs) for a crates.io version: the first key set
  // among registries.crates-io, registry.min-publish-age, registry.global-min-publish-age; "0"
  // set on a nearer key ends the search (its test publish_age_zero_stops_scope_fallthrough).
  it('[registry] min-publish-age is crates.io’s age: above the global one, below [registries.crates-io]', async () => {
    const both = '[registry]\nglobal-min-publish-age = "30 days"\nmin-publish-age = "2 days"\n'
    expect(await policyOf({ '.cargo/config.toml': both }, 'Cargo.lock')).toMatchObject({
      kind: 'active',
      seconds: 2 * DAY,
      origin: '.cargo/config.toml: [registry] min-publish-age = "2 days"'
    })
    const all = `${both}\n[registries.crates-io]\nmin-publish-age = "5 days"\n`
    expect(await policyOf({ '.cargo/config.toml': all }, 'Cargo.lock')).toMatchObject({
      seconds: 5 * DAY
    })
    const zero = '[registry]\nglobal-min-publish-age = "30 days"\nmin-publish-age = "0"\n'
    expect(await policyOf({ '.cargo/config.toml': zero }, 'Cargo.lock')).toMatchObject({
      kind: 'off',
      origin: '.cargo/config.toml: [registry] min-publish-age = "0"'
    })
    const bad = '[registry]\nmin-publish-age = "2d"\n'
    expect(await policyOf({ '.cargo/config.toml': bad }, 'Cargo.lock')).toMatchObject({
      kind: 'unknown'
    })
  })

  it('when both exist Cargo uses the legacy .cargo/config (verified with cargo 1.95’s warning)', async () => {
    const files = {
      '.cargo/config': '[registry]\nglobal-min-publish-age = "2 days"\n',
      '.cargo/config.toml': '[registry]\nglobal-min-publish-age = "9 days"\n'
    }
    expect(await policyOf(files, 'Cargo.lock')).toMatchObject({ seconds: 2 * DAY })
  })

  it('incompatible-publish-age = "allow" and "0" turn it off; no file means none', async () => {
    expect(
      await policyOf(
        {
          '.cargo/config.toml': '[registry]\nglobal-min-publish-age = "14 days"\n',
          'app/.cargo/config.toml': '[resolver]\nincompatible-publish-age = "allow"\n'
        },
        'app/Cargo.lock'
      )
    ).toMatchObject({ kind: 'off' })
    expect(
      await policyOf(
        { '.cargo/config.toml': '[registry]\nglobal-min-publish-age = "0"\n' },
        'Cargo.lock'
      )
    ).toMatchObject({ kind: 'off' })
    expect(await policyOf({}, 'Cargo.lock')).toEqual({ kind: 'none' })
  })

  it('a malformed or unreadable file anywhere up the tree makes the cooldown unknown, naming it', async () => {
    const malformed = await policyOf(
      { '.cargo/config.toml': '[registry]\nglobal-min-publish-age = "two weeks"\n' },
      'a/Cargo.lock'
    )
    expect(malformed).toMatchObject({ kind: 'unknown' })
    expect(malformed?.kind === 'unknown' && malformed.reason).toMatch(/^\.cargo\/config\.toml: /)
    const unreadable = await policyOf(
      { 'a/.cargo/config.toml': { error: 'HTTP 502' } },
      'a/Cargo.lock'
    )
    expect(unreadable).toMatchObject({ kind: 'unknown' })
  })
})

function change(
  name: string,
  version: string,
  extra: Partial<LockfileChange> = {}
): LockfileChange {
  return {
    name,
    source: CRATES_IO,
    kind: 'added',
    version,
    previous: null,
    dependency_path: null,
    advisories: [],
    lookup_error: null,
    verdict: 'not-affected',
    fix: null,
    unmaintained: null,
    ...extra
  }
}

const active = (days: number): CooldownPolicy => ({
  kind: 'active',
  seconds: days * DAY,
  value: `${String(days)} days`,
  origin: 'test'
})

describe('publish age from real index lines', () => {
  it('a line with pubtime (rust-lang/crates.io-index 3/s/s3g): the age to the given clock', () => {
    const answers = new Map([['s3g', indexFile('s3g', 's3g')]])
    // One day and one second after 2026-06-18T13:02:38Z.
    const now = Date.UTC(2026, 5, 19, 13, 2, 39)
    const age = publishAge(change('s3g', '0.0.1'), active(7), { now, answers, authoritative: true })
    expect(age).toEqual({
      status: 'known',
      published: '2026-06-18T13:02:38Z',
      published_before: null,
      age_seconds: DAY + 1,
      min_publish_age_seconds: 7 * DAY,
      too_new: true,
      note: null
    })
    const later = publishAge(change('s3g', '0.0.1'), active(1), {
      now,
      answers,
      authoritative: true
    })
    expect(later?.too_new).toBe(false)
  })

  it('crates.io’s serialiser lines: without pubtime before one with it is "published before" it', () => {
    // crates.io ser.rs tests: pubtime is written with seconds, from_timestamp_nanos(1_763_456_303_013_233_232).
    const answers = new Map([['foo', indexFile('foo-ser-rs', 'foo')]])
    const written = new Date(Number(1_763_456_303_013_233_232n / 1_000_000_000n) * 1000)
    expect(written.toISOString()).toBe('2025-11-18T08:58:23.000Z')
    const now = written.getTime() + 30 * DAY * 1000
    const options = { now, answers, authoritative: true }
    const known = publishAge(change('foo', '1.2.3'), active(14), options)
    expect(known).toMatchObject({ status: 'known', age_seconds: 30 * DAY, too_new: false })
    const before = publishAge(change('foo', '1.0.0-beta.1'), active(14), options)
    expect(before).toMatchObject({
      status: 'before',
      published_before: '2025-11-18T08:58:23Z',
      age_seconds: 30 * DAY,
      too_new: false
    })
    // A bound younger than the cooldown settles nothing: unknown, never clean.
    const unsettled = publishAge(change('foo', '1.0.0'), active(60), options)
    expect(unsettled).toMatchObject({ status: 'before', too_new: null })
  })

  it('a file without any pubtime (rust-lang/crates.io-index ar/ra/arrayref): not recorded', () => {
    const answers = new Map([['arrayref', indexFile('arrayref', 'arrayref')]])
    const now = Date.parse(PUBTIME_RECORDED_BY) + 100 * DAY * 1000
    const age = publishAge(change('arrayref', '0.3.7'), active(14), {
      now,
      answers,
      authoritative: true
    })
    expect(age).toMatchObject({
      status: 'not-recorded',
      published_before: PUBTIME_RECORDED_BY,
      age_seconds: 100 * DAY,
      too_new: false
    })
    // A mirror may drop the field: there a missing pubtime says nothing.
    const mirror = publishAge(change('arrayref', '0.3.7'), active(14), {
      now,
      answers,
      authoritative: false
    })
    expect(mirror).toMatchObject({ status: 'unknown', too_new: null })
  })

  it('other registries are unknown; path and git are not aged; removals have no age', () => {
    const options = { now: 0, answers: new Map<string, IndexAnswer>(), authoritative: true }
    const other = change('x', '1.0.0', { source: 'sparse+https://my.registry/index/' })
    expect(publishAge(other, active(7), options)).toMatchObject({
      status: 'unknown',
      too_new: null
    })
    const path = change('member', '0.1.0', { source: null })
    expect(publishAge(path, active(7), options)).toMatchObject({
      status: 'not-aged',
      too_new: false
    })
    const git = change('g', '0.1.0', { source: 'git+https://github.com/o/g?rev=1#abc' })
    expect(publishAge(git, active(7), options)?.status).toBe('not-aged')
    const gone = change('old', '1.0.0', { kind: 'removed', version: null, previous: '1.0.0' })
    expect(publishAge(gone, active(7), options)).toBeNull()
  })

  it('an index that could not be read leaves the age unknown, and under a cooldown the report incomplete', () => {
    const answers = new Map<string, IndexAnswer>([['s3g', { kind: 'unknown', reason: 'HTTP 503' }]])
    const lockfile = {
      path: 'Cargo.lock',
      base_format: 3,
      head_format: 3,
      changes: [change('s3g', '0.0.1')],
      error: null
    }
    const none = withPublishAge([lockfile], {
      now: 0,
      answers,
      authoritative: true,
      policies: new Map()
    })
    expect(none.problems).toEqual([])
    expect(none.lockfiles[0]?.changes[0]?.publish_age).toMatchObject({
      status: 'unknown',
      too_new: null
    })
    const under = withPublishAge([lockfile], {
      now: 0,
      answers,
      authoritative: true,
      policies: new Map([['Cargo.lock', active(7)]])
    })
    expect(under.problems).toHaveLength(1)
    expect(under.problems[0]).toMatchObject({ kind: 'publish-age-unknown', incomplete: true })
    expect(under.problems[0]?.message).toContain('HTTP 503')
  })

  it('under a cooldown each unknown age is on its crate (too_new null, the cause as note) and the problem names each crate once', () => {
    const answers = new Map<string, IndexAnswer>([
      ['s3g', { kind: 'unknown', reason: 'HTTP 503' }],
      ['h2', { kind: 'unknown', reason: 'HTTP 504' }]
    ])
    const lockfile = (path: string, changes: LockfileChange[]) => ({
      path,
      base_format: 3,
      head_format: 3,
      changes,
      error: null
    })
    // The same s3g update in two lockfiles of one repository: one crate.
    const out = withPublishAge(
      [
        lockfile('a/Cargo.lock', [change('s3g', '0.0.1'), change('h2', '0.4.7')]),
        lockfile('b/Cargo.lock', [change('s3g', '0.0.1')])
      ],
      {
        now: 0,
        answers,
        authoritative: true,
        policies: new Map([
          ['a/Cargo.lock', active(7)],
          ['b/Cargo.lock', active(7)]
        ])
      }
    )
    for (const report of out.lockfiles) {
      for (const c of report.changes) {
        expect(c.publish_age).toMatchObject({ status: 'unknown', too_new: null })
        expect(c.publish_age?.note).toBe(c.name === 's3g' ? 'HTTP 503' : 'HTTP 504')
      }
    }
    expect(out.problems).toHaveLength(1)
    const message = out.problems[0]?.message ?? ''
    expect(message).toMatch(/for 2 crates: /)
    expect(message.split('s3g 0.0.1')).toHaveLength(2)
    expect(message).toContain('s3g 0.0.1 (a/Cargo.lock, b/Cargo.lock): HTTP 503')
    expect(message).toContain('h2 0.4.7 (a/Cargo.lock): HTTP 504')
  })

  it('datePublication reads the lines in file order, not SemVer order', () => {
    const body = [
      '{"name":"b","vers":"0.10.0","cksum":"x","yanked":false}',
      '{"name":"b","vers":"0.9.9","cksum":"x","yanked":false,"pubtime":"2026-01-02T00:00:00Z"}'
    ].join('\n')
    const answer: IndexAnswer = { kind: 'found', file: parseIndexFile(body, 'b') }
    expect(datePublication('0.10.0', answer, true)).toMatchObject({
      status: 'before',
      before: '2026-01-02T00:00:00Z'
    })
  })
})

describe('the fail-on-too-new gate', () => {
  it('names the too-new version and the unknown cooldown', () => {
    const now = Date.UTC(2026, 5, 19, 13, 2, 38)
    const answers = new Map([['s3g', indexFile('s3g', 's3g')]])
    const aged = withPublishAge(
      [
        {
          path: 'Cargo.lock',
          base_format: 3,
          head_format: 3,
          changes: [change('s3g', '0.0.1')],
          error: null
        },
        {
          path: 'b/Cargo.lock',
          base_format: 3,
          head_format: 3,
          changes: [change('s3g', '0.0.1')],
          error: null
        }
      ],
      {
        now,
        answers,
        authoritative: true,
        policies: new Map<string, CooldownPolicy>([
          ['Cargo.lock', active(7)],
          ['b/Cargo.lock', { kind: 'unknown', reason: 'b/.cargo/config.toml: not valid TOML' }]
        ])
      }
    )
    const gate = evaluateAgeGate({ lockfiles: aged.lockfiles } as never)
    expect(gate.active).toBe(true)
    expect(gate.tooNew).toEqual([
      's3g 0.0.1 (Cargo.lock): published 2026-06-18T13:02:38Z, 1 day ago, younger than 1 week'
    ])
    expect(gate.unknown).toEqual([
      'b/Cargo.lock: its cooldown is unknown: b/.cargo/config.toml: not valid TOML'
    ])
    expect(resolveCooldown([])).toEqual({ kind: 'none' })
  })
})

describe('the comment: a Published column, too-new versions first, every age in one list', () => {
  const lock = (packages: string): string => `version = 3\n\n${packages}`
  const app =
    '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "g",\n "s3g",\n]\n\n'
  const s3g =
    '[[package]]\nname = "s3g"\nversion = "0.0.1"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "b5109cde21bb22dbf98b815fac3d6e5d097d8acfeb341cb4c02b8ff67f7cb00f"\n\n'
  const git =
    '[[package]]\nname = "g"\nversion = "0.2.0"\nsource = "git+https://github.com/o/g?rev=abc#0123456789abcdef0123456789abcdef01234567"\n'
  const manifest = '[package]\nname = "app"\nversion = "0.1.0"\n'
  const index: CratesIndex = {
    description: 'https://index.crates.io',
    lookup: (crates) =>
      Promise.resolve({
        answers: new Map(crates.map((name) => [name, indexFile('s3g', 's3g')])),
        stats: { requests: crates.length, round_trips: 1, ms: 0 }
      })
  }

  it('renders the fact for every added version, "new crate" for a name the base lacked, git "not aged"', async () => {
    const report = await analyze({
      base: memoryTree('base', {
        'Cargo.toml': manifest,
        'Cargo.lock': lock('[[package]]\nname = "app"\nversion = "0.1.0"\n')
      }),
      head: memoryTree('head', { 'Cargo.toml': manifest, 'Cargo.lock': lock(app + s3g + git) }),
      source: null,
      cratesIndex: index,
      // Three days after s3g's pubtime, 2026-06-18T13:02:38Z.
      now: Date.UTC(2026, 5, 21, 13, 2, 38),
      minPublishAge: { seconds: 7 * DAY, value: '7 days', origin: 'min-publish-age "7 days"' }
    })
    expect(report.summary.too_new_crates).toBe(1)
    expect(report.complete).toBe(true)
    const comment = renderComment(report)
    expect(comment).toContain(
      '### Younger than the cooldown (1)\n\nCooldown: 1 week (min-publish-age "7 days").'
    )
    expect(comment).toContain(
      '- `s3g` 0.0.1 (new): published 3 days ago, 2026-06-18, new crate; younger than 1 week'
    )
    expect(comment).toContain('| Published |')
    expect(comment).toContain('| 3 days ago, 2026-06-18, new crate |')
    expect(comment).toContain('<summary>Publish age of each added or updated version (2)</summary>')
    expect(comment).toContain('- `g` 0.2.0 (new): not aged')
  })

  it('with the index off nothing is dated: no column, no list; a base cooldown is then unknown', async () => {
    const trees = (config: Record<string, string>) => ({
      base: memoryTree('base', {
        ...config,
        'Cargo.toml': manifest,
        'Cargo.lock': lock('[[package]]\nname = "app"\nversion = "0.1.0"\n')
      }),
      head: memoryTree('head', { 'Cargo.toml': manifest, 'Cargo.lock': lock(app + s3g + git) })
    })
    const plain = await analyze({ ...trees({}), source: null, cratesIndex: null, now: 0 })
    expect(plain.complete).toBe(true)
    const comment = renderComment(plain)
    expect(comment).not.toContain('Published')
    expect(comment).not.toContain('Publish age')
    const cooled = await analyze({
      ...trees({ '.cargo/config.toml': '[registry]\nglobal-min-publish-age = "14 days"\n' }),
      source: null,
      cratesIndex: null,
      now: 0
    })
    expect(cooled.complete).toBe(false)
    expect(cooled.problems.map((p) => p.kind)).toEqual(['publish-age-unknown'])
    expect(cooled.problems[0]?.message).toContain(
      's3g 0.0.1 (Cargo.lock): the crates.io index was not read'
    )
    const unknownComment = renderComment(cooled)
    expect(unknownComment).toContain('### Younger than the cooldown (0; age unknown: 1)')
    expect(unknownComment).toContain(
      '- `s3g` 0.0.1 (new): age unknown: the crates.io index was not read'
    )
  })
})

describe('the inputs', () => {
  const raw = (overrides: Partial<RawInputs>): RawInputs => ({
    ...(Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs),
    'github-token': 'ghs_x',
    ...overrides
  })
  const parse = (overrides: Partial<RawInputs>) => parseInputs(raw(overrides), { workspace: '/ws' })

  it('min-publish-age in Cargo’s grammar; empty means the repository’s own; fail-on-too-new a boolean', () => {
    expect(parse({}).minPublishAge).toBeNull()
    expect(parse({}).failOnTooNew).toBe(false)
    expect(parse({ 'min-publish-age': ' 36 hours ', 'fail-on-too-new': 'true' })).toMatchObject({
      minPublishAge: {
        seconds: 36 * 3600,
        value: '36 hours',
        origin: 'min-publish-age "36 hours"'
      },
      failOnTooNew: true
    })
  })

  it('refuses what Cargo refuses, and a cooldown without the index', () => {
    expect(() => parse({ 'min-publish-age': '7d' })).toThrow(
      'min-publish-age: "7d" is not of the form "N seconds/minutes/hours/days/weeks/months" or "0"'
    )
    expect(() => parse({ 'min-publish-age': '7 days', 'crates-index': 'false' })).toThrow(
      /need the crates\.io index/
    )
    expect(() => parse({ 'fail-on-too-new': 'true', 'crates-index': 'false' })).toThrow(
      /need the crates\.io index/
    )
    expect(parse({ 'min-publish-age': '0', 'crates-index': 'false' }).minPublishAge?.seconds).toBe(
      0
    )
  })
})
