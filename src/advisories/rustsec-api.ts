// The rustsec.org source, as crates.io's Security tab reads it: `GET <base>/packages/<crate>.json`
// per crate (a JSON array of OSV records; 404 means the crate has none).
import { urlOrigin } from '../core/redact.js'
import { HttpClient, mapPool, type Validation } from './http.js'
import { parseRecord } from './schema.js'
import {
  emptyLookupResult,
  queryableNames,
  type AdvisorySource,
  type LookupResult,
  type SourceOptions
} from './source.js'

function validateArray(value: unknown): Validation<unknown[]> {
  return Array.isArray(value)
    ? { ok: true, value: value as unknown[] }
    : { ok: false, reason: 'not a JSON array of advisories' }
}

export function createRustsecSource(url: string, options: SourceOptions = {}): AdvisorySource {
  const base = url.replace(/\/+$/, '')
  const concurrency = options.concurrency ?? 32
  return {
    description: `rustsec (${urlOrigin(base)})`,
    async lookup(crates: readonly string[]): Promise<LookupResult> {
      const started = Date.now()
      const client = new HttpClient(options)
      const result = emptyLookupResult()
      const names = queryableNames(crates, result)
      const depths = new Array<number>(concurrency).fill(0)
      await mapPool(names, concurrency, async (name, worker) => {
        const target = `${base}/packages/${encodeURIComponent(name)}.json`
        const outcome = await client.json(target, { method: 'GET', notFound: true }, validateArray)
        depths[worker] = (depths[worker] ?? 0) + outcome.attempts
        if (outcome.kind === 'failed') {
          result.failed.set(name, `rustsec.org look-up failed: ${outcome.reason}`)
          return
        }
        if (outcome.kind === 'not-found') {
          result.records.set(name, [])
          return
        }
        const records = []
        for (const item of outcome.value) {
          const parsed = parseRecord(item, target)
          if ('record' in parsed) records.push(parsed.record)
          else result.malformed.push(parsed.problem)
        }
        result.records.set(name, records)
      })
      result.stats = {
        requests: client.requests,
        round_trips: Math.max(0, ...depths),
        ms: Date.now() - started
      }
      return result
    }
  }
}
