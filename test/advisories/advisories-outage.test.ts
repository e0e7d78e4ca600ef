// Sources that cannot be trusted or reached: a dead host, a proxy answering HTML, a service failing
// every request the same way, a rustsec mirror that answers 404 to everything. Each ends quickly,
// with every crate unknown for one cause said once; never "no advisories". Faults are real sockets
// (closed ports, loopback servers) or undici-shaped errors, not mocks of our own modules.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource, type SourceOptions } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import { startFakeOsv } from '../helpers/fake-osv.js'
import { startFakeRustsec } from '../helpers/fake-rustsec.js'
import { CLI_NODE, REPO_ROOT } from '../helpers/runner.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const MANY = Array.from({ length: 300 }, (_, i) => `crate-${String(i)}`)

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve()
    })
  })
  return port
}

/** A "proxy" that answers every request with a 200 web page. */
async function htmlServer(): Promise<{ url: string; server: Server; hits: () => number }> {
  let hits = 0
  const server = createServer((_request, response) => {
    hits++
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><title>Sign in to the corporate network</title>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${String(port)}`, server, hits: () => hits }
}

/** What undici's fetch throws when a name does not resolve. */
function dnsFailure(): typeof fetch & { calls: number } {
  const failing = Object.assign(
    () => {
      failing.calls++
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.osv.dev'), {
        code: 'ENOTFOUND',
        hostname: 'api.osv.dev'
      })
      return Promise.reject(new TypeError('fetch failed', { cause }))
    },
    { calls: 0 }
  )
  return failing
}

describe('systemic failures end the look-up at once, with one cause', () => {
  it('a refused connection: OSV with default retries ends in seconds, every crate unknown', async () => {
    const url = `http://127.0.0.1:${String(await closedPort())}`
    const result = await createAdvisorySource({ kind: 'osv', url }).lookup(MANY)
    expect(result.outage?.cause).toMatch(/ECONNREFUSED/)
    expect(result.outage?.hint).toMatch(/advisory-source/)
    expect(result.records.size).toBe(0)
    expect(result.failed.size).toBe(MANY.length)
    expect(new Set(result.failed.values()).size).toBe(1)
    expect(result.stats.requests).toBeLessThanOrEqual(3)
  })

  it('a refused connection: rustsec stops starting requests after the first wave', async () => {
    const url = `http://127.0.0.1:${String(await closedPort())}`
    const result = await createAdvisorySource({ kind: 'rustsec', url }).lookup(MANY)
    expect(result.outage?.cause).toMatch(/ECONNREFUSED/)
    expect(result.failed.size).toBe(MANY.length)
    // One wave of at most `concurrency` (32) requests, no retries, then nothing new.
    expect(result.stats.requests).toBeLessThanOrEqual(32)
  })

  it('a name that does not resolve is recognised from the error cause (DNS)', async () => {
    const fetchImpl = dnsFailure()
    const result = await createAdvisorySource(
      { kind: 'rustsec', url: 'https://rustsec.example' },
      { fetch: fetchImpl, concurrency: 4 }
    ).lookup(MANY)
    expect(result.outage?.cause).toMatch(/^https:\/\/rustsec\.example: .*DNS/)
    expect(result.outage?.hint).toMatch(/HTTPS_PROXY/)
    expect(fetchImpl.calls).toBeLessThanOrEqual(4)
    expect(result.failed.size).toBe(MANY.length)
  })

  it('a proxy answering HTML with 200 is a failure, never "no advisories" (OSV and rustsec)', async () => {
    const proxy = await htmlServer()
    try {
      for (const kind of ['osv', 'rustsec'] as const) {
        const result = await createAdvisorySource({ kind, url: proxy.url }).lookup(MANY)
        expect(result.outage?.cause, kind).toMatch(/HTML page/)
        expect(result.outage?.hint, kind).toMatch(/proxy/)
        expect(result.records.size, kind).toBe(0)
        expect(result.failed.size, kind).toBe(MANY.length)
      }
      expect(proxy.hits()).toBeLessThan(80)
    } finally {
      proxy.server.close()
    }
  })

  it('every request failing the same way (503) trips it; one crate failing alone does not', async () => {
    const fake = await startFakeRustsec({
      faults: [{ route: 'packages', kind: 'status', status: 503, times: Infinity }]
    })
    const options: SourceOptions = { retryBaseMs: 1, concurrency: 4 }
    try {
      const down = await createAdvisorySource({ kind: 'rustsec', url: fake.url }, options).lookup(
        MANY
      )
      expect(down.outage?.cause).toMatch(/HTTP 503/)
      expect(down.failed.size).toBe(MANY.length)
      expect(fake.stats.requests).toBeLessThan(20)

      fake.setFaults([
        { route: 'packages', kind: 'status', status: 503, match: 'tar', times: Infinity }
      ])
      fake.resetStats()
      const one = await createAdvisorySource({ kind: 'rustsec', url: fake.url }, options).lookup([
        'tar',
        'smallvec',
        'serde',
        'git2'
      ])
      expect(one.outage).toBeNull()
      expect([...one.failed.keys()]).toEqual(['tar'])
      expect(one.records.get('smallvec')?.length).toBeGreaterThan(0)
      // tar was retried on its own (1 + 3 retries).
      expect(fake.stats.packageGets.filter((name) => name === 'tar')).toHaveLength(4)
    } finally {
      await fake.close()
    }
  })
})

describe('the overall deadline', () => {
  it('ends a look-up whose answers never come, every crate unknown', async () => {
    const fake = await startFakeOsv({ faults: [{ route: 'any', kind: 'hang', times: Infinity }] })
    try {
      // Each request would wait 60 s for its answer; only the deadline can end the look-up
      // within the test's time.
      const result = await createAdvisorySource(
        { kind: 'osv', url: fake.url },
        { deadlineMs: 300, timeoutMs: 60_000 }
      ).lookup(['tar', 'smallvec'])
      expect(result.outage?.cause).toMatch(/the look-up did not finish within 0\.3 s/)
      expect(result.failed.size).toBe(2)
    } finally {
      await fake.close()
    }
  })
})

describe('a rustsec mirror that cannot be trusted', () => {
  it('answers 404 for everything: the missing canary makes every crate unknown', async () => {
    const fake = await startFakeRustsec({ withoutCanary: true })
    try {
      const result = await createAdvisorySource(
        { kind: 'rustsec', url: fake.url },
        { retryBaseMs: 1 }
      ).lookup(['tar', 'no-such-crate-here'])
      // tar's advisories were served, but the source is not trusted: tar is unknown too.
      expect(result.outage?.cause).toMatch(/openssl answered 404.*RUSTSEC-2016-0001/)
      expect(result.outage?.hint).toMatch(/rustsec-url/)
      expect(result.records.size).toBe(0)
      expect([...result.failed.keys()].sort()).toEqual(['no-such-crate-here', 'tar'])
      // The canary went out with the others, in the same round trip.
      expect(result.stats.round_trips).toBe(1)
      expect(fake.stats.packageGets).toContain('openssl')
    } finally {
      await fake.close()
    }
  })

  it('a wrong base path (404 to everything) is caught, and its path is never shown', async () => {
    const fake = await startFakeRustsec()
    try {
      const secret = 'mirror-token-5f3a9c'
      const source = createAdvisorySource(
        { kind: 'rustsec', url: `${fake.url}/${secret}` },
        { retryBaseMs: 1 }
      )
      const result = await source.lookup(['tar', 'smallvec'])
      expect(result.outage?.cause).toMatch(/openssl answered 404/)
      expect(result.records.size).toBe(0)
      const shown = [source.description, result.outage?.cause, ...result.failed.values()].join('\n')
      expect(shown).toContain(`${fake.url}/…`)
      expect(shown).not.toContain(secret)
    } finally {
      await fake.close()
    }
  })

  it('serves the canary: crates without a file are "no advisories", as on rustsec.org', async () => {
    const fake = await startFakeRustsec({ dirs: [] })
    try {
      const result = await createAdvisorySource({ kind: 'rustsec', url: fake.url }).lookup([
        'tar',
        'no-such-crate-here'
      ])
      expect(result.outage).toBeNull()
      expect(result.records.get('tar')).toEqual([])
      expect(result.records.get('no-such-crate-here')).toEqual([])
      expect(result.records.has('openssl')).toBe(false)
    } finally {
      await fake.close()
    }
  })

  it('answers JSON of the wrong shape for everything: a failure, not "none"', async () => {
    const fake = await startFakeRustsec({
      faults: [{ route: 'any', kind: 'wrong-shape', times: Infinity }]
    })
    try {
      const result = await createAdvisorySource(
        { kind: 'rustsec', url: fake.url },
        { retryBaseMs: 1 }
      ).lookup(['tar', 'smallvec'])
      expect(result.outage).not.toBeNull()
      expect(result.records.size).toBe(0)
      expect(result.failed.size).toBe(2)
    } finally {
      await fake.close()
    }
  })

  it('a record in a crate file that does not name the crate makes it unknown', async () => {
    const fake = await startFakeRustsec()
    const swapped: typeof fetch = async (input, init) => {
      const target = input instanceof Request ? input.url : input.toString()
      if (!target.endsWith('/packages/tar.json')) return fetch(input, init)
      return fetch(target.replace('/tar.json', '/smallvec.json'), init)
    }
    try {
      const result = await createAdvisorySource(
        { kind: 'rustsec', url: fake.url },
        { retryBaseMs: 1, fetch: swapped }
      ).lookup(['tar', 'smallvec'])
      expect(result.outage).toBeNull()
      expect([...result.failed.keys()]).toEqual(['tar'])
      expect(result.failed.get('tar')).toMatch(/listed for tar but does not name it/)
      expect(result.records.get('smallvec')?.length).toBeGreaterThan(0)
    } finally {
      await fake.close()
    }
  })
})

describe('concurrency and progress', () => {
  it('rustsec runs its requests concurrently within the bound', async () => {
    // Answers go out in waves of 8: the look-up must keep 8 in flight to finish at all.
    const fake = await startFakeRustsec({ waves: 8 })
    try {
      const crates = MANY.slice(0, 39)
      const seen: [number, number][] = []
      const result = await createAdvisorySource(
        { kind: 'rustsec', url: fake.url },
        { concurrency: 8, onProgress: (done, total) => seen.push([done, total]) }
      ).lookup(crates)
      expect(result.failed.size).toBe(0)
      // 40 requests (with the canary), 8 at a time, never more: concurrent within the bound.
      expect(fake.stats.requests).toBe(40)
      expect(fake.stats.maxInFlight).toBe(8)
      expect(result.stats.round_trips).toBe(5)
      expect(seen.map(([done]) => done)).toEqual(crates.map((_, i) => i + 1))
      expect(seen.every(([, total]) => total === crates.length)).toBe(true)
    } finally {
      await fake.close()
    }
  })

  it('OSV reports progress per settled crate, ending at the total', async () => {
    const fake = await startFakeOsv()
    try {
      const crates = ['tar', 'smallvec', 'serde', 'no-such-crate-here']
      const seen: number[] = []
      await createAdvisorySource(
        { kind: 'osv', url: fake.url },
        { onProgress: (done) => seen.push(done) }
      ).lookup(crates)
      expect(seen).toEqual([...seen].sort((a, b) => a - b))
      expect(seen.at(-1)).toBe(crates.length)
    } finally {
      await fake.close()
    }
  })
})

describe('the report says an outage once', () => {
  it('one source-unavailable problem; every change keeps its lookup_error', async () => {
    const url = `http://127.0.0.1:${String(await closedPort())}`
    const report = await analyze({
      base: directoryTree(join(CASES, 'rustup-2020-cargo-update', 'base'), 'base'),
      head: directoryTree(join(CASES, 'rustup-2020-cargo-update', 'head'), 'head'),
      source: createAdvisorySource({ kind: 'rustsec', url }, { retryBaseMs: 1 })
    })
    expect(report.complete).toBe(false)
    const outages = report.problems.filter((p) => p.kind === 'source-unavailable')
    expect(outages).toHaveLength(1)
    expect(outages[0]?.message).toMatch(/Advisories of all \d+ crates are unknown: .*ECONNREFUSED/)
    expect(report.problems.filter((p) => p.kind === 'lookup-failed')).toEqual([])
    const changes = report.lockfiles
      .flatMap((l) => l.changes)
      .filter((c) => c.source === 'crates.io')
    expect(changes.length).toBeGreaterThan(50)
    expect(changes.every((c) => c.lookup_error?.includes('ECONNREFUSED') === true)).toBe(true)
  })
})

describe('the built CLI against a dead rustsec host', () => {
  const CLI = join(REPO_ROOT, 'dist', 'cli.js')
  let port = 0
  beforeAll(async () => {
    port = await closedPort()
  })
  afterAll(() => undefined)

  it('ends in seconds with one message, not a warning per crate', async () => {
    expect(existsSync(CLI), 'build dist/ first: npm run bundle').toBe(true)
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile(
        CLI_NODE,
        [
          CLI,
          '--base-dir',
          join(CASES, 'rustup-2020-cargo-update', 'base'),
          '--head-dir',
          join(CASES, 'rustup-2020-cargo-update', 'head'),
          '--advisory-source',
          'rustsec',
          '--rustsec-url',
          `http://127.0.0.1:${String(port)}`,
          '--fail-on-affected',
          // Tests never reach the internet (the index has its own dead-host test).
          '--no-crates-index'
        ],
        { cwd: REPO_ROOT },
        (error, _stdout, stderr) => {
          done({ code: error === null ? 0 : Number(error.code), stderr })
        }
      )
    })
    expect(code).toBe(3) // incomplete
    // Said once as a warning and once in the gate's failure, each with the hint; no line per crate.
    const mentions = stderr.split('\n').filter((line) => line.includes('ECONNREFUSED'))
    expect(mentions, stderr).toHaveLength(2)
    expect(
      mentions.every((line) => line.includes('--advisory-source')),
      stderr
    ).toBe(true)
    expect(stderr.split('\n').length, stderr).toBeLessThan(12)
  })
})
