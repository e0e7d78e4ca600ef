// Once a run has given up on a host, it stays given up: a later look-up on the same source (the
// fix advice's parents, a control read) answers "unknown" with the same cause at once and sends
// nothing, and a URL that can never work (a port fetch blocks) is not retried per crate. The fakes
// count every request the product makes.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createOsvSource } from '../../src/advisories/osv-api.js'
import { createAdvisorySource } from '../../src/advisories/index.js'
import {
  createCratesIndex,
  type CratesIndex,
  type IndexAnswer
} from '../../src/advisories/crates-index/index.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const fast = { retryBaseMs: 1, timeoutMs: 30_000 }

/** A fetch that fails as undici does when the host name does not resolve, counting its calls. */
function unresolvable(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = []
  const fetchImpl = (input: Parameters<typeof fetch>[0]): Promise<Response> => {
    calls.push(String(input instanceof Request ? input.url : input))
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND index.example'), {
      code: 'ENOTFOUND'
    })
    return Promise.reject(new TypeError('fetch failed', { cause }))
  }
  return { fetch: fetchImpl, calls }
}

const unknownReasons = (answers: ReadonlyMap<string, IndexAnswer>): Set<string> =>
  new Set([...answers.values()].map((a) => (a.kind === 'unknown' ? a.reason : a.kind)))

const names = Array.from({ length: 20 }, (_, i) => `crate-${String(i)}`)

describe('a host given up on stays given up for the run', () => {
  it('a second index look-up sends no request and answers with the first cause', async () => {
    const fake = unresolvable()
    const index = createCratesIndex('https://index.example', { fetch: fake.fetch, ...fast })
    const first = await index.lookup(names)
    const firstReasons = unknownReasons(first.answers)
    expect(firstReasons.size).toBe(1)
    const [cause] = [...firstReasons]
    expect(cause).toMatch(/index\.example: the host name does not resolve/)
    const sent = fake.calls.length
    expect(sent).toBeGreaterThan(0)

    const later = await index.lookup(['serde', 'tokio'])
    expect(fake.calls.length).toBe(sent)
    expect(later.stats.requests).toBe(0)
    expect(unknownReasons(later.answers)).toEqual(new Set([cause]))
  })

  it('the OSV source follows the same rule: its second look-up sends nothing', async () => {
    const fake = unresolvable()
    const osv = createOsvSource('https://osv.example', { fetch: fake.fetch, ...fast })
    const first = await osv.lookup(names)
    expect(first.outage?.cause).toMatch(/osv\.example: the host name does not resolve/)
    const sent = fake.calls.length
    const later = await osv.lookup(['serde'])
    expect(fake.calls.length).toBe(sent)
    expect(later.outage?.cause).toBe(first.outage?.cause)
    expect(later.failed.has('serde')).toBe(true)
  })

  it('a port fetch blocks is a network failure: one attempt per crate, no retries', async () => {
    let calls = 0
    const blocked = (() => {
      calls++
      return Promise.reject(new TypeError('fetch failed', { cause: new Error('bad port') }))
    }) as typeof fetch
    const index = createCratesIndex('http://127.0.0.1:9', { fetch: blocked, ...fast })
    const { answers, stats } = await index.lookup(names)
    // All 20 start at once; the breaker trips on the third failure and the rest stop there.
    expect(calls).toBe(names.length)
    expect(stats.requests).toBe(names.length)
    expect([...unknownReasons(answers)][0]).toMatch(/bad port/)
  })

  it('analyze: the fix advice’s parent look-up after a give-up sends no request (rustup 2020)', async () => {
    const fake = unresolvable()
    const inner = createCratesIndex('https://index.example', { fetch: fake.fetch, ...fast })
    const lookups: { crates: readonly string[]; requests: number; reasons: Set<string> }[] = []
    const spy: CratesIndex = {
      description: inner.description,
      async lookup(crates) {
        const before = fake.calls.length
        const result = await inner.lookup(crates)
        lookups.push({
          crates,
          requests: fake.calls.length - before,
          reasons: unknownReasons(result.answers)
        })
        return result
      }
    }
    const name = 'rustup-2020-cargo-update'
    const report = await analyze({
      base: directoryTree(join(CASES, name, 'base'), 'base'),
      head: directoryTree(join(CASES, name, 'head'), 'head'),
      source: createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }),
      cratesIndex: spy
    })
    // The changed crates, then the parents of the affected ones (this case has fixes to check).
    expect(lookups.length).toBeGreaterThanOrEqual(2)
    const [first, ...later] = lookups
    expect(first?.requests).toBeGreaterThan(0)
    for (const lookup of later) {
      expect(lookup.requests).toBe(0)
      expect(lookup.reasons).toEqual(first?.reasons)
    }
    // Every requested index file was asked for once: no retry against the given-up host.
    expect(new Set(fake.calls).size).toBe(fake.calls.length)
    expect(report.lockfiles.length).toBeGreaterThan(0)
  })
})
