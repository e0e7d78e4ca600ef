// The three sources against loopback fakes and temporary folders: paging, batching, concurrency,
// retries on every fault the fakes stage, and failures that stay failures.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseRetryAfter } from '../../src/advisories/http.js'
import { createAdvisorySource, type SourceOptions } from '../../src/advisories/index.js'
import { RUSTSEC_DIR, startFakeOsv, type FakeServer } from '../helpers/fake-osv.js'
import { startFakeRustsec } from '../helpers/fake-rustsec.js'

const FAST: SourceOptions = { retryBaseMs: 1, retries: 3, timeoutMs: 5_000 }
const CRATES = ['tar', 'openssl', 'git2', 'smallvec', 'serde', 'no-such-crate-here']

const offline = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
async function offlineIds(crates: string[]): Promise<Record<string, string[]>> {
  const result = await offline.lookup(crates)
  return Object.fromEntries(
    [...result.records].map(([name, records]) => [
      name,
      records
        .filter((r) => r.withdrawn === null)
        .map((r) => r.id)
        .sort()
    ])
  )
}
function idsOf(records: Map<string, { id: string }[]>): Record<string, string[]> {
  return Object.fromEntries(
    [...records].map(([name, list]) => [name, list.map((r) => r.id).sort()])
  )
}

describe('osv source', () => {
  let fake: FakeServer
  beforeAll(async () => {
    fake = await startFakeOsv({ pageSize: 2, tokenOnlyFirstPage: true })
  })
  afterAll(async () => {
    await fake.close()
  })
  afterEach(() => {
    fake.setFaults([])
    fake.resetStats()
  })

  it('follows per-query page tokens, token-only pages included, resending only those queries', async () => {
    const source = createAdvisorySource({ kind: 'osv', url: fake.url }, FAST)
    expect(source.description).toBe(`osv (${fake.url})`)
    const result = await source.lookup(CRATES)
    expect(result.failed.size).toBe(0)
    // POST answers leave withdrawn records out (git2's RUSTSEC-2023-0002).
    expect(idsOf(result.records)).toEqual(await offlineIds(CRATES))
    // Every first page held only a token; then only queries with more pages were resent.
    const sizes = fake.stats.batchSizes
    expect(sizes.slice(0, 2)).toEqual([CRATES.length, CRATES.length])
    expect(sizes.at(-1)).toBeLessThan(CRATES.length)
    expect(sizes.every((n, i) => i === 0 || n <= sizes[i - 1]!)).toBe(true)
    expect(fake.stats.pageTokenQueries).toBeGreaterThan(0)
    // Each distinct id is fetched once.
    expect(new Set(fake.stats.vulnGets).size).toBe(fake.stats.vulnGets.length)
  })

  it('sends at most 1000 queries a request, and round trips do not grow with the crates', async () => {
    const source = createAdvisorySource({ kind: 'osv', url: fake.url }, FAST)
    const few = await source.lookup(['no-such-crate-1'])
    const many = Array.from({ length: 2500 }, (_, i) => `no-such-crate-${String(i)}`)
    fake.resetStats()
    const result = await source.lookup(many)
    expect(result.failed.size).toBe(0)
    expect(result.records.size).toBe(2500)
    expect(Math.max(...fake.stats.batchSizes)).toBeLessThanOrEqual(1000)
    expect(result.stats.round_trips).toBe(few.stats.round_trips)
    expect(result.stats.requests).toBe(fake.stats.requests)
  })

  it('keeps GETs within the concurrency bound', async () => {
    const source = createAdvisorySource({ kind: 'osv', url: fake.url }, { ...FAST, concurrency: 3 })
    fake.setDelay(5)
    await source.lookup(['openssl', 'tokio', 'hyper'])
    fake.setDelay(0)
    expect(fake.stats.vulnGets.length).toBeGreaterThan(3)
    expect(fake.stats.maxInFlight).toBeLessThanOrEqual(3)
  })

  it.each([
    { kind: 'status', status: 429, retryAfter: '0' },
    { kind: 'status', status: 429, retryAfter: new Date(Date.now() - 1000).toUTCString() },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 503 },
    { kind: 'reset' },
    { kind: 'truncated' },
    { kind: 'wrong-shape' },
    { kind: 'fewer-results' }
  ] as const)('retries a querybatch answered with %o', async (fault) => {
    fake.setFaults([{ route: 'querybatch', times: 2, ...fault }])
    const source = createAdvisorySource({ kind: 'osv', url: fake.url }, FAST)
    const result = await source.lookup(CRATES)
    expect(result.failed.size).toBe(0)
    expect(idsOf(result.records)).toEqual(await offlineIds(CRATES))
  })

  it('retries a request that hangs past the timeout', async () => {
    fake.setFaults([{ route: 'vulns', kind: 'hang', times: 1 }])
    const source = createAdvisorySource(
      { kind: 'osv', url: fake.url },
      { ...FAST, timeoutMs: 1_000 }
    )
    const result = await source.lookup(['tar'])
    expect(result.failed.size).toBe(0)
    expect(idsOf(result.records)).toEqual(await offlineIds(['tar']))
  })

  it('retries truncated and wrong-shaped record answers', async () => {
    fake.setFaults([
      { route: 'vulns', kind: 'truncated', times: 1 },
      { route: 'vulns', kind: 'wrong-shape', times: 1 },
      { route: 'vulns', kind: 'status', status: 503, times: 1 }
    ])
    const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup(['tar'])
    expect(result.failed.size).toBe(0)
    expect(idsOf(result.records)).toEqual(await offlineIds(['tar']))
  })

  it('marks every crate unknown when the batch keeps failing, never "no advisories"', async () => {
    fake.setFaults([{ route: 'querybatch', kind: 'status', status: 503, times: Infinity }])
    const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup(CRATES)
    expect(result.records.size).toBe(0)
    expect([...result.failed.keys()].sort()).toEqual([...CRATES].sort())
    expect(result.failed.get('tar')).toMatch(/503/)
    expect(result.stats.requests).toBe(4) // 1 + 3 retries
  })

  it('marks only the crates whose record could not be fetched', async () => {
    fake.setFaults([
      { route: 'vulns', kind: 'status', status: 500, match: 'RUSTSEC-2021-0080', times: Infinity }
    ])
    const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup([
      'tar',
      'smallvec'
    ])
    expect(result.failed.get('tar')).toMatch(/RUSTSEC-2021-0080/)
    expect(result.records.has('tar')).toBe(false)
    expect(idsOf(result.records)).toEqual({ smallvec: (await offlineIds(['smallvec'])).smallvec })
  })

  it('marks a crate unknown when a listed record answers 404, never "fewer advisories"', async () => {
    fake.setFaults([
      { route: 'vulns', kind: 'status', status: 404, match: 'RUSTSEC-2021-0080', times: Infinity }
    ])
    const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup([
      'tar',
      'smallvec'
    ])
    expect(result.failed.get('tar')).toMatch(/RUSTSEC-2021-0080.*404/)
    expect(result.records.has('tar')).toBe(false)
    expect(result.records.has('smallvec')).toBe(true)
  })
  it('does not retry a 400, and does not send names that are not crate names', async () => {
    const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup([
      'tar',
      'bad name"}'
    ])
    expect(result.failed.get('bad name"}')).toMatch(/not a crates.io crate name/)
    expect(result.records.has('tar')).toBe(true)
    // A 400 from the server is final.
    const wrongEcosystem = await fetch(`${fake.url}/v1/querybatch`, {
      method: 'POST',
      body: JSON.stringify({ queries: [{ package: { name: 'tar', ecosystem: 'Crates.io' } }] })
    })
    expect(wrongEcosystem.status).toBe(400)
    expect(await wrongEcosystem.json()).toMatchObject({ code: 3 })
    const tooMany = await fetch(`${fake.url}/v1/querybatch`, {
      method: 'POST',
      body: JSON.stringify({
        queries: Array.from({ length: 1001 }, () => ({
          package: { name: 'tar', ecosystem: 'crates.io' }
        }))
      })
    })
    expect(await tooMany.json()).toEqual({ code: 3, message: 'too many queries' })
  })

  it('reports a 400 without retrying', async () => {
    fake.setFaults([{ route: 'querybatch', kind: 'status', status: 400, times: Infinity }])
    const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup(['tar'])
    expect(result.failed.get('tar')).toMatch(/HTTP 400/)
    expect(result.stats.requests).toBe(1)
  })

  it('serves withdrawn records by GET only, and 404 for unknown ids', async () => {
    const withdrawn = await fetch(`${fake.url}/v1/vulns/RUSTSEC-2023-0002`)
    expect(((await withdrawn.json()) as { withdrawn?: string }).withdrawn).toBeTruthy()
    const missing = await fetch(`${fake.url}/v1/vulns/RUSTSEC-1999-9999`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ code: 5, message: 'Vulnerability not found' })
  })
})

describe('osv source: records we cannot use', () => {
  it('makes the crate unknown, naming the record and why, when a listed record is malformed', async () => {
    const fake = await startFakeOsv({
      records: [
        {
          id: 'RUSTSEC-2099-0001',
          modified: '2099-01-01T00:00:00Z',
          affected: [{ package: { ecosystem: 'crates.io', name: 'tar' }, ranges: 'broken' }]
        }
      ]
    })
    try {
      const result = await createAdvisorySource({ kind: 'osv', url: fake.url }, FAST).lookup([
        'tar',
        'smallvec'
      ])
      expect([...result.failed.keys()]).toEqual(['tar'])
      expect(result.failed.get('tar')).toMatch(/RUSTSEC-2099-0001.*not a valid OSV record.*ranges/)
      expect(result.records.has('tar')).toBe(false)
      expect(idsOf(result.records)).toEqual(await offlineIds(['smallvec']))
      expect(result.outage).toBeNull()
    } finally {
      await fake.close()
    }
  })

  it('makes the crate unknown when a listed record does not name it', async () => {
    const fake = await startFakeOsv()
    // The server lists RUSTSEC-2021-0080 for tar, then serves it about another crate.
    const lying: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const target = input instanceof Request ? input.url : input.toString()
      if (!target.endsWith('/v1/vulns/RUSTSEC-2021-0080')) return response
      const record = (await response.json()) as { affected: { package: { name: string } }[] }
      for (const entry of record.affected) entry.package.name = 'tar-but-not-tar'
      return Response.json(record)
    }
    try {
      const result = await createAdvisorySource(
        { kind: 'osv', url: fake.url },
        { ...FAST, fetch: lying }
      ).lookup(['tar', 'smallvec'])
      expect([...result.failed.keys()]).toEqual(['tar'])
      expect(result.failed.get('tar')).toMatch(
        /RUSTSEC-2021-0080 was listed for tar .*does not name it/
      )
      expect(idsOf(result.records)).toEqual(await offlineIds(['smallvec']))
    } finally {
      await fake.close()
    }
  })
})

describe('rustsec source', () => {
  let fake: FakeServer
  beforeAll(async () => {
    fake = await startFakeRustsec()
  })
  afterAll(async () => {
    await fake.close()
  })
  afterEach(() => {
    fake.setFaults([])
    fake.resetStats()
  })

  it('reads 404 as no advisories and arrays as records (withdrawn included)', async () => {
    const source = createAdvisorySource({ kind: 'rustsec', url: `${fake.url}/` }, FAST)
    expect(source.description).toBe(`rustsec (${fake.url})`)
    const result = await source.lookup(CRATES)
    expect(result.failed.size).toBe(0)
    expect(result.records.get('no-such-crate-here')).toEqual([])
    expect(idsOf(result.records)).toEqual(idsOf((await offline.lookup(CRATES)).records))
    expect(fake.stats.packageGets.sort()).toEqual([...CRATES].sort())
  })

  it('retries faults and fails only the crate that keeps failing', async () => {
    fake.setFaults([
      { route: 'packages', kind: 'status', status: 429, retryAfter: '0', times: 1 },
      { route: 'packages', kind: 'reset', match: 'tar', times: 1 },
      { route: 'packages', kind: 'status', status: 502, match: 'git2', times: Infinity }
    ])
    const result = await createAdvisorySource({ kind: 'rustsec', url: fake.url }, FAST).lookup(
      CRATES
    )
    expect([...result.failed.keys()]).toEqual(['git2'])
    expect(result.failed.get('git2')).toMatch(/502/)
    expect(result.outage).toBeNull()
    expect(result.records.get('tar')?.length).toBeGreaterThan(0)
  })
})

describe('path source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'advisories-'))
  const files = readdirSync(RUSTSEC_DIR).filter((f) => f.endsWith('.json'))

  it('reads a zip of OSV files like the folder', async () => {
    const zip = zipSync(
      Object.fromEntries(
        files.map((f) => [`crates.io/${f}`, new Uint8Array(readFileSync(join(RUSTSEC_DIR, f)))])
      )
    )
    const path = join(dir, 'all.zip')
    writeFileSync(path, zip)
    const result = await createAdvisorySource({ kind: 'path', path }).lookup(CRATES)
    expect(result.failed.size).toBe(0)
    expect(idsOf(result.records)).toEqual(idsOf((await offline.lookup(CRATES)).records))
    expect(result.stats.requests).toBe(0)
  })

  it('marks every crate unknown when the path cannot be read or holds nothing', async () => {
    const missing = await createAdvisorySource({ kind: 'path', path: join(dir, 'nope') }).lookup([
      'tar'
    ])
    expect(missing.failed.get('tar')).toMatch(/cannot read advisories/)
    const emptyDir = join(dir, 'empty')
    mkdirSync(emptyDir)
    const empty = await createAdvisorySource({ kind: 'path', path: emptyDir }).lookup(['tar'])
    expect(empty.failed.get('tar')).toMatch(/no OSV JSON files/)
  })

  it('makes the whole look-up unknown when a file cannot be attributed, naming the files', async () => {
    const mixed = join(dir, 'mixed', 'nested')
    mkdirSync(mixed, { recursive: true })
    writeFileSync(
      join(mixed, 'RUSTSEC-2021-0080.json'),
      readFileSync(join(RUSTSEC_DIR, 'RUSTSEC-2021-0080.json'))
    )
    writeFileSync(join(mixed, 'broken.json'), '{"id": "RUSTSEC-2099-0002", "affec')
    writeFileSync(join(mixed, 'no-id.json'), JSON.stringify({ affected: [] }))
    const result = await createAdvisorySource({ kind: 'path', path: join(dir, 'mixed') }).lookup([
      'tar',
      'serde'
    ])
    expect(result.records.size).toBe(0)
    expect([...result.failed.keys()].sort()).toEqual(['serde', 'tar'])
    expect(result.outage?.cause).toMatch(/2 files .*broken\.json.*no-id\.json/)
    expect(result.failed.get('tar')).toContain(result.outage?.cause)
  })

  it('makes only the named crate unknown for a malformed record of it; other ecosystems are fine', async () => {
    const folder = join(dir, 'attributable')
    mkdirSync(folder)
    for (const id of ['RUSTSEC-2021-0080', 'RUSTSEC-2021-0003']) {
      writeFileSync(join(folder, `${id}.json`), readFileSync(join(RUSTSEC_DIR, `${id}.json`)))
    }
    // A crates.io record for tar whose ranges are unusable: attributable to tar, unusable.
    writeFileSync(
      join(folder, 'RUSTSEC-2099-0003.json'),
      JSON.stringify({
        id: 'RUSTSEC-2099-0003',
        modified: '2099-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'crates.io', name: 'tar' }, ranges: 5 }]
      })
    )
    // A record of another ecosystem (a multi-ecosystem zip holds thousands): not ours, not invalid.
    writeFileSync(
      join(folder, 'PYSEC-2099-1.json'),
      JSON.stringify({
        id: 'PYSEC-2099-1',
        modified: '2099-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'PyPI', name: 'tar' }, ranges: 'not ours to judge' }]
      })
    )
    const result = await createAdvisorySource({ kind: 'path', path: folder }).lookup([
      'tar',
      'smallvec'
    ])
    expect(result.outage).toBeNull()
    expect([...result.failed.keys()]).toEqual(['tar'])
    expect(result.failed.get('tar')).toMatch(
      /RUSTSEC-2099-0003 .*RUSTSEC-2099-0003\.json.*not a valid OSV record/
    )
    expect(idsOf(result.records)).toEqual({ smallvec: ['RUSTSEC-2021-0003'] })
  })

  it('reads a folder once per process', async () => {
    const folder = join(dir, 'memo')
    mkdirSync(folder)
    const file = join(folder, 'RUSTSEC-2021-0080.json')
    writeFileSync(file, readFileSync(join(RUSTSEC_DIR, 'RUSTSEC-2021-0080.json')))
    const first = await createAdvisorySource({ kind: 'path', path: folder }).lookup(['tar'])
    expect(idsOf(first.records)).toEqual({ tar: ['RUSTSEC-2021-0080'] })
    // Rewriting a file in place leaves the folder as it was listed: a new source does not read it.
    writeFileSync(file, 'not JSON any more')
    const second = await createAdvisorySource({ kind: 'path', path: folder }).lookup(['tar'])
    expect(idsOf(second.records)).toEqual({ tar: ['RUSTSEC-2021-0080'] })
    // A file added changes the folder, which is then read again (and the broken file counts).
    writeFileSync(join(folder, 'other.json'), '{}')
    const third = await createAdvisorySource({ kind: 'path', path: folder }).lookup(['tar'])
    expect(third.outage?.cause).toMatch(/RUSTSEC-2021-0080\.json.*other\.json|other\.json.*RUSTSEC/)
  })
})

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:58 GMT'))
    ).toBe(2000)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter(null)).toBeNull()
  })
})
