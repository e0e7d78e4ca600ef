// The crates.io sparse index: the path rule, the line parser, the facts per version, and the
// look-up against the loopback fake of the sparse index.
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createCratesIndex,
  indexPath,
  parseIndexFile,
  publishedReleases,
  versionFacts,
  type CachedIndexFile,
  type IndexAnswer
} from '../../src/advisories/crates-index/index.js'
import {
  entry,
  fakeIndexPath,
  startFakeIndex,
  withManyVersions,
  type FakeIndex
} from '../helpers/fake-index.js'

// A timeout no answer of a loaded machine reaches; the hang test sets its own.
const fast = { retryBaseMs: 1, timeoutMs: 30_000 }

function reasonOf(answer: IndexAnswer | undefined): string {
  return answer?.kind === 'unknown' ? answer.reason : `not unknown: ${JSON.stringify(answer)}`
}

describe('index path rule', () => {
  it.each([
    ['a', '1/a'],
    ['Z', '1/z'],
    ['cc', '2/cc'],
    ['Cc', '2/cc'],
    ['syn', '3/s/syn'],
    ['SYN', '3/s/syn'],
    ['a-b', '3/a/a-b'],
    ['rand', 'ra/nd/rand'],
    ['serde', 'se/rd/serde'],
    ['Inflector', 'in/fl/inflector'],
    ['foo-bar', 'fo/o-/foo-bar'],
    ['foo_bar', 'fo/o_/foo_bar'],
    ['_a_b', '_a/_b/_a_b'],
    ['serde_json', 'se/rd/serde_json'],
    ['tokio-util', 'to/ki/tokio-util']
  ])('%s → %s', (name, path) => {
    expect(indexPath(name)).toBe(path)
  })

  it('keeps - and _ apart (they are different files)', () => {
    expect(indexPath('foo-bar')).not.toBe(indexPath('foo_bar'))
  })

  it('agrees with an independent reading of the rule for any crate name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (name) => {
        const path = indexPath(name)
        expect(path).toBe(fakeIndexPath(name))
        expect(path.endsWith(`/${name.toLowerCase()}`)).toBe(true)
        expect(path).toBe(path.toLowerCase())
      })
    )
  })
})

describe('line parser', () => {
  const line = (fields: Record<string, unknown>) =>
    JSON.stringify({
      name: 'tokio',
      vers: '1.0.0',
      deps: [],
      cksum: 'ab',
      features: {},
      yanked: false,
      ...fields
    })

  it('reads every line, in file order, with yanked and pubtime', () => {
    const body = [
      line({ vers: '1.0.0', pubtime: '2021-01-01T00:00:00Z' }),
      line({ vers: '1.1.0', yanked: true }),
      line({ vers: '0.3.9' }),
      ''
    ].join('\n')
    expect(parseIndexFile(body, 'tokio')).toEqual({
      versions: [
        { version: '1.0.0', yanked: false, published: '2021-01-01T00:00:00Z', deps: [] },
        { version: '1.1.0', yanked: true, published: null, deps: [] },
        { version: '0.3.9', yanked: false, published: null, deps: [] }
      ],
      skipped: [],
      unreadVersions: [],
      foreign: [],
      notJson: 0
    })
  })

  it('skips and says: a line that is not JSON, not an entry, another crate, not SemVer', () => {
    const body = [
      line({ vers: '1.0.0' }),
      '{"name":"tokio","vers":"1.0.1",',
      '[1,2,3]',
      line({ name: 'tokyo', vers: '1.0.2' }),
      line({ vers: 'v1.0.3' }),
      line({ vers: '1.0' }),
      line({ vers: '1.0.4' })
    ].join('\n')
    const file = parseIndexFile(body, 'tokio')
    expect(file.versions.map((v) => v.version)).toEqual(['1.0.0', '1.0.4'])
    expect(file.skipped).toHaveLength(5)
    expect(file.skipped[0]).toMatch(/^line 2 is not JSON/)
    expect(file.skipped[1]).toMatch(/^line 3 is not an index entry/)
    expect(file.skipped[2]).toMatch(/^line 4 names another crate/)
    expect(file.skipped[3]).toMatch(/^line 5 has a version that is not SemVer/)
  })

  it('skips a line of an unknown schema version `v`, remembering its version', () => {
    const body = [line({ vers: '1.0.0', v: 2, features2: {} }), line({ vers: '2.0.0', v: 3 })].join(
      '\n'
    )
    const file = parseIndexFile(body, 'tokio')
    expect(file.versions.map((v) => v.version)).toEqual(['1.0.0'])
    expect(file.unreadVersions).toEqual(['2.0.0'])
    expect(file.skipped[0]).toMatch(/schema v3/)
  })

  it('keeps the published case of the name and matches it case-insensitively', () => {
    const file = parseIndexFile(line({ name: 'Inflector', vers: '0.11.4' }), 'inflector')
    expect(file.versions).toHaveLength(1)
  })

  // Cargo reads `yanked: Option<bool>` (an absent field is None) and yanks only on
  // `yanked.unwrap_or(false)` (cargo-util-schemas `index.rs`; `sources/registry/index/mod.rs`
  // IndexSummary::parse): a line without the field is a candidate, not yanked.
  it('a line without `yanked` is not yanked, as Cargo reads it', () => {
    const file = parseIndexFile(
      JSON.stringify({ name: 'tokio', vers: '1.0.0', deps: [], cksum: 'ab', features: {} }),
      'tokio'
    )
    expect(file.skipped).toEqual([])
    expect(file.versions[0]?.yanked).toBe(false)
  })

  // Issue 21, class 8. Cargo reads the field as `Option<bool>` and a `null` as not yanked
  // (cargo `crates/cargo-util-schemas/src/index.rs`, `src/sources/registry/index/mod.rs`
  // `yanked.unwrap_or(false)`); the line is otherwise crates.io's layout.
  it('a line with `"yanked": null` is not yanked, as Cargo reads it', () => {
    const file = parseIndexFile(line({ vers: '1.0.0', yanked: null }), 'tokio')
    expect(file.skipped).toEqual([])
    expect(file.versions).toEqual([{ version: '1.0.0', yanked: false, deps: [], published: null }])
  })

  it('tolerates CRLF, blank lines and a missing final newline', () => {
    const file = parseIndexFile(
      `${line({ vers: '1.0.0' })}\r\n\r\n${line({ vers: '1.0.1' })}`,
      'tokio'
    )
    expect(file.versions.map((v) => v.version)).toEqual(['1.0.0', '1.0.1'])
    expect(file.skipped).toEqual([])
  })

  it('reads the fake index file of a crate with hundreds of versions', () => {
    // The fake writes its own lines (crates.io's field order, features2 only with v 2, …).
    return startFakeIndex({
      crates: new Map([['tokio', withManyVersions([entry('tokio', '1.23.1')], 'tokio', 400)]])
    }).then(async (fake) => {
      const body = fake.body('tokio') ?? ''
      await fake.close()
      const file = parseIndexFile(body, 'tokio')
      expect(file.versions).toHaveLength(401)
      expect(file.skipped).toEqual([])
      expect(body.trim().split('\n')).toHaveLength(401)
    })
  })
})

describe('facts for one version', () => {
  const found = (
    lines: { vers: string; yanked?: boolean; pubtime?: string }[],
    extra = ''
  ): IndexAnswer => ({
    kind: 'found',
    file: parseIndexFile(
      lines
        .map((l) =>
          JSON.stringify({ name: 'tar', deps: [], cksum: 'x', features: {}, yanked: false, ...l })
        )
        .join('\n') + extra,
      'tar'
    )
  })

  it('compares versions with SemVer, not line order: the matching line decides', () => {
    const answer = found([
      { vers: '0.4.16' },
      { vers: '0.4.38', yanked: true, pubtime: '2022-01-01T00:00:00Z' },
      { vers: '0.3.9' }
    ])
    expect(versionFacts('tar', '0.4.38', answer)).toEqual({
      yanked: true,
      published: '2022-01-01T00:00:00Z',
      registry: { status: 'published', note: null }
    })
    expect(versionFacts('tar', '0.3.9', answer).yanked).toBe(false)
  })

  it('a version the crate never published is a finding, not "not yanked"', () => {
    const facts = versionFacts('tar', '0.4.99', found([{ vers: '0.4.16' }]))
    expect(facts.yanked).toBeNull()
    expect(facts.registry.status).toBe('version-not-found')
  })

  it('with unreadable lines, a missing version is unknown (it may be the broken line)', () => {
    const facts = versionFacts('tar', '0.4.99', found([{ vers: '0.4.16' }], '\n{"name":"tar",'))
    expect(facts.registry.status).toBe('unknown')
    expect(facts.yanked).toBeNull()
    expect(facts.registry.note).toMatch(/1 line of the index file could not be read/)
  })

  it('with unreadable lines, a version that was read is known, with the caveat', () => {
    const facts = versionFacts('tar', '0.4.16', found([{ vers: '0.4.16' }], '\nnot json'))
    expect(facts.yanked).toBe(false)
    expect(facts.registry.status).toBe('published')
    expect(facts.registry.note).toMatch(/could not be read/)
  })

  it('crate not on crates.io, and unknown', () => {
    expect(versionFacts('tar', '1.0.0', { kind: 'crate-not-found', status: 410 }).registry).toEqual(
      {
        status: 'crate-not-found',
        note: 'the crates.io index has no crate named tar (HTTP 410)'
      }
    )
    expect(versionFacts('tar', '1.0.0', { kind: 'unknown', reason: 'HTTP 500' })).toEqual({
      yanked: null,
      published: null,
      registry: { status: 'unknown', note: 'HTTP 500' }
    })
  })

  it('the releases for fix advice: unknown → null, missing crate → none, unstated yanked → not yanked', () => {
    expect(publishedReleases(undefined)).toBeNull()
    expect(publishedReleases({ kind: 'unknown', reason: 'x' })).toBeNull()
    expect(publishedReleases({ kind: 'crate-not-found', status: 404 })).toEqual([])
    const answer = found([{ vers: '1.0.0' }, { vers: '1.0.1', yanked: true }])
    expect(publishedReleases(answer)).toEqual([
      { version: '1.0.0', yanked: false },
      { version: '1.0.1', yanked: true }
    ])
    const unstated: IndexAnswer = {
      kind: 'found',
      file: parseIndexFile('{"name":"tar","vers":"2.0.0","cksum":"x"}', 'tar')
    }
    expect(publishedReleases(unstated)).toEqual([{ version: '2.0.0', yanked: false }])
  })
})

describe('look-up against the fake index', () => {
  let fake: FakeIndex
  beforeAll(async () => {
    fake = await startFakeIndex({
      crates: new Map([
        ['a', [entry('a', '0.1.0')]],
        ['cc', [entry('cc', '1.0.0'), entry('cc', '1.0.1')]],
        ['syn', [entry('syn', '1.0.0'), entry('syn', '2.0.0')]],
        ['serde', [entry('serde', '1.0.0')]],
        ['Inflector', [entry('Inflector', '0.11.4')]],
        ['foo-bar', [entry('foo-bar', '1.0.0')]],
        ['gone', [entry('gone', '1.0.0')]],
        ['legal', [entry('legal', '1.0.0')]]
      ])
    })
    fake.remove('gone', 410)
    fake.remove('legal', 451)
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => {
    fake.faults.length = 0
    fake.resetStats()
  })

  it('asks the lower-cased path of each distinct crate once, with a User-Agent and no conditional headers', async () => {
    const index = createCratesIndex(`sparse+${fake.url}/`, { ...fast, userAgent: 'car-test/1' })
    const { answers } = await index.lookup([
      'a',
      'cc',
      'syn',
      'serde',
      'Inflector',
      'foo-bar',
      'cc'
    ])
    expect([...fake.stats.paths].sort()).toEqual(
      ['1/a', '2/cc', '3/s/syn', 'se/rd/serde', 'in/fl/inflector', 'fo/o-/foo-bar'].sort()
    )
    for (const headers of fake.stats.headers) {
      expect(headers['user-agent']).toBe('car-test/1')
      expect(headers['if-none-match']).toBeUndefined()
      expect(headers['if-modified-since']).toBeUndefined()
    }
    expect([...answers.values()].every((answer) => answer.kind === 'found')).toBe(true)
  })

  it('404, 410 and 451 are "not on crates.io"; a typo of the path rule would be one too', async () => {
    const { answers } = await createCratesIndex(fake.url, fast).lookup(['nope', 'gone', 'legal'])
    expect(answers.get('nope')).toEqual({ kind: 'crate-not-found', status: 404 })
    expect(answers.get('gone')).toEqual({ kind: 'crate-not-found', status: 410 })
    expect(answers.get('legal')).toEqual({ kind: 'crate-not-found', status: 451 })
  })

  it('a 5xx once is retried; a 5xx that lasts, a reset or a hang is unknown', async () => {
    fake.faults.push({ kind: 'status', status: 503, crate: 'cc', times: 1 })
    fake.faults.push({ kind: 'status', status: 500, crate: 'syn', times: 99 })
    fake.faults.push({ kind: 'reset', crate: 'serde', times: 99 })
    fake.faults.push({ kind: 'hang', crate: 'a', times: 99 })
    const { answers } = await createCratesIndex(fake.url, {
      retryBaseMs: 1,
      retries: 2,
      timeoutMs: 1_000
    }).lookup(['cc', 'syn', 'serde', 'a'])
    expect(answers.get('cc')?.kind).toBe('found')
    for (const name of ['syn', 'serde', 'a']) {
      const answer = answers.get(name)
      expect(answer?.kind, name).toBe('unknown')
    }
    expect(reasonOf(answers.get('syn'))).toMatch(/HTTP 500/)
  })

  it('another 4xx is unknown at once (no retry)', async () => {
    fake.faults.push({ kind: 'status', status: 403, crate: 'cc', times: 1 })
    const { answers, stats } = await createCratesIndex(fake.url, fast).lookup(['cc'])
    expect(reasonOf(answers.get('cc'))).toMatch(/HTTP 403/)
    expect(stats.requests).toBe(1)
  })

  it('If-None-Match only with a cached body; a 304 reuses it; a 304 not asked for is unknown', async () => {
    const cache = new Map<string, CachedIndexFile>()
    const index = createCratesIndex(fake.url, { ...fast, cache })
    const first = await index.lookup(['cc'])
    expect(fake.stats.headers[0]?.['if-none-match']).toBeUndefined()
    expect(cache.size).toBe(1)
    const second = await index.lookup(['cc'])
    expect(fake.stats.headers[1]?.['if-none-match']).toMatch(/^"[0-9a-f]{32}"$/)
    expect(fake.stats.notModified).toBe(1)
    expect(second.answers.get('cc')).toEqual(first.answers.get('cc'))

    // A server (or proxy) answering 304 to a plain request: never "not yanked".
    const liar: typeof fetch = () => Promise.resolve(new Response(null, { status: 304 }))
    const { answers } = await createCratesIndex(fake.url, { ...fast, fetch: liar }).lookup(['cc'])
    expect(reasonOf(answers.get('cc'))).toMatch(/304/)
  })

  it('past maxCrates, the rest are unknown and not asked for', async () => {
    const { answers } = await createCratesIndex(fake.url, { ...fast, maxCrates: 2 }).lookup([
      'a',
      'cc',
      'syn'
    ])
    expect(fake.stats.paths).toEqual(['1/a', '2/cc'])
    expect(reasonOf(answers.get('syn'))).toMatch(/more than 2 crates.io crates/)
  })

  it("a proxy's HTML page with 200 is not an index file: unknown", async () => {
    const portal: typeof fetch = () =>
      Promise.resolve(
        new Response('<html>Sign in to the network</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' }
        })
      )
    const { answers } = await createCratesIndex(fake.url, { ...fast, fetch: portal }).lookup(['cc'])
    expect(answers.get('cc')?.kind).toBe('unknown')
  })

  it('a name that is not a crate name is not asked for', async () => {
    const { answers } = await createCratesIndex(fake.url, fast).lookup(['../etc/passwd'])
    expect(answers.get('../etc/passwd')?.kind).toBe('unknown')
    expect(fake.stats.requests).toBe(0)
  })

  it('every file is asked for at once: one round trip, bounded by `concurrency`', async () => {
    const many = await startFakeIndex({
      crates: new Map(
        Array.from({ length: 40 }, (_, i) => [
          `crate${String(i)}`,
          [entry(`crate${String(i)}`, '1.0.0')]
        ])
      ),
      // No answer leaves before 40 requests wait: the look-up finishes only if it sends all at once.
      waves: 40
    })
    try {
      const names = Array.from({ length: 40 }, (_, i) => `crate${String(i)}`)
      const all = await createCratesIndex(many.url, fast).lookup(names)
      expect(many.stats.maxInFlight).toBe(40)
      expect(all.stats.round_trips).toBe(1)
      many.resetStats()
      many.setWaves(8)
      const bounded = await createCratesIndex(many.url, { ...fast, concurrency: 8 }).lookup(names)
      expect(many.stats.maxInFlight).toBe(8)
      expect(bounded.stats.round_trips).toBe(5)
    } finally {
      await many.close()
    }
  })
})

describe('the fake index answers as the sparse index does', () => {
  let fake: FakeIndex
  beforeAll(async () => {
    fake = await startFakeIndex({
      crates: new Map([
        ['Inflector', [entry('Inflector', '0.11.3'), entry('Inflector', '0.11.4')]],
        ['tokio', ['0.9.0', '0.9.1', '1.0.0', '1.1.0'].map((v) => entry('tokio', v))]
      ])
    })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('serves the lower-cased path only, text/plain with cache headers; config.json', async () => {
    const ok = await fetch(`${fake.url}/in/fl/inflector`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('text/plain')
    expect(ok.headers.get('cache-control')).toBe('public,max-age=600')
    expect(ok.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(ok.headers.get('last-modified')).not.toBeNull()
    const body = await ok.text()
    expect(body.endsWith('\n')).toBe(true)
    expect(JSON.parse(body.split('\n')[0] ?? '')).toMatchObject({ name: 'Inflector' })
    expect((await fetch(`${fake.url}/in/fl/Inflector`)).status).toBe(404)
    const config = (await (await fetch(`${fake.url}/config.json`)).json()) as { dl: string }
    expect(config.dl).toMatch(/^https:\/\//)
  })

  it('writes lines in publication order (a backport last), compactly, in crates.io field order', () => {
    const lines = (fake.body('tokio') ?? '').trim().split('\n')
    const versions = lines.map((l) => (JSON.parse(l) as { vers: string }).vers)
    expect(versions).toEqual(['0.9.0', '1.0.0', '1.1.0', '0.9.1'])
    for (const l of lines) {
      expect(l).not.toMatch(/": |, "/)
      const keys = Object.keys(JSON.parse(l) as object)
      expect(keys.slice(0, 5)).toEqual(['name', 'vers', 'deps', 'cksum', 'features'])
      expect(keys.includes('features2')).toBe(keys.includes('v'))
    }
  })

  it('answers If-None-Match / If-Modified-Since with 304 and no body; corrupt and future lines', async () => {
    const first = await fetch(`${fake.url}/to/ki/tokio`)
    const etag = first.headers.get('etag') ?? ''
    const again = await fetch(`${fake.url}/to/ki/tokio`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const since = await fetch(`${fake.url}/to/ki/tokio`, {
      headers: { 'if-modified-since': first.headers.get('last-modified') ?? '' }
    })
    expect(since.status).toBe(304)
    fake.corrupt('tokio')
    fake.addFutureLine('tokio', '2.0.0', 3)
    const file = parseIndexFile(fake.body('tokio') ?? '', 'tokio')
    expect(file.skipped).toHaveLength(2)
    expect(file.unreadVersions).toEqual(['2.0.0'])
    expect(file.versions).toHaveLength(4)
  })
})

describe('sameVersion', () => {
  it('is SemVer equality including build metadata, never a prefix or string match', async () => {
    const { sameVersion } = await import('../../src/advisories/crates-index/index.js')
    expect(sameVersion('1.0.0', '1.0.0')).toBe(true)
    expect(sameVersion('1.0.0', '1.0.1')).toBe(false)
    expect(sameVersion('1.0.0-alpha.1', '1.0.0-alpha.1')).toBe(true)
    expect(sameVersion('1.0.0-alpha.1', '1.0.0')).toBe(false)
    expect(sameVersion('1.0.0+a', '1.0.0+b')).toBe(false)
    expect(sameVersion('1.0.0', 'nonsense')).toBe(false)
  })
})
