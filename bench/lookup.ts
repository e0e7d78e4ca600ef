// Benchmark: OSV requests and sequential round trips for the largest fixture case
// (rustup-2020-cargo-update), through the loopback OSV fake answering every request after 50 ms.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { cratesToLookUp } from '../src/evaluate/annotate.js'
import { createAdvisorySource } from '../src/advisories/index.js'
import { computeChanges } from '../src/diff/changes.js'
import { directoryTree } from '../src/trees/directory.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv } from '../test/helpers/fake-osv.js'

export interface LookupBenchResult {
  case: string
  crates: number
  advisory_ids: number
  requests: number
  round_trips: number
  querybatch_requests: number
  vuln_requests: number
  max_in_flight: number
  delay_ms: number
  ms: number
}

export async function benchLookup(
  caseName = 'rustup-2020-cargo-update',
  delayMs = 50
): Promise<LookupBenchResult> {
  const root = join(import.meta.dirname, '..', 'test', 'fixtures', 'cases', caseName)
  const changes = await computeChanges(
    directoryTree(join(root, 'base'), 'base'),
    directoryTree(join(root, 'head'), 'head')
  )
  const crates = cratesToLookUp(changes.lockfiles, changes.manifests)
  // Both databases, as the real API answers: RUSTSEC and GHSA records.
  const fake = await startFakeOsv({ dirs: [RUSTSEC_DIR, GHSA_DIR], delayMs })
  try {
    const source = createAdvisorySource({ kind: 'osv', url: fake.url })
    const result = await source.lookup(crates)
    if (result.failed.size > 0)
      throw new Error(`look-up failed: ${[...result.failed.values()].join('; ')}`)
    return {
      case: caseName,
      crates: crates.length,
      advisory_ids: new Set(fake.stats.vulnGets).size,
      requests: result.stats.requests,
      round_trips: result.stats.round_trips,
      querybatch_requests: fake.stats.byRoute.querybatch ?? 0,
      vuln_requests: fake.stats.byRoute.vulns ?? 0,
      max_in_flight: fake.stats.maxInFlight,
      delay_ms: delayMs,
      ms: result.stats.ms
    }
  } finally {
    await fake.close()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchLookup()
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
