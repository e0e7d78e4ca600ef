// The OSV API source: one name-only query per crate in `POST /v1/querybatch` (≤1000 a request,
// chunks concurrently, per-query paging), then `GET /v1/vulns/{id}` once per distinct id with
// bounded concurrency. Two sequential phases whatever the number of crates.
import { CRATES_IO } from '../core/model.js'
import { urlOrigin } from '../core/redact.js'
import { HttpClient, mapPool, type Validation } from './http.js'
import {
  parseRecord,
  QueryBatchResponseSchema,
  type OsvQuery,
  type OsvRecord,
  type QueryBatchResponse
} from './schema.js'
import {
  emptyLookupResult,
  queryableNames,
  type AdvisorySource,
  type LookupResult,
  type SourceOptions
} from './source.js'

export const MAX_BATCH_QUERIES = 1000
const MAX_CONCURRENT_BATCHES = 10
/** A server that keeps handing out page tokens must not keep us forever. */
const MAX_PAGES = 50

function validateBatch(expected: number) {
  return (value: unknown): Validation<QueryBatchResponse> => {
    const parsed = QueryBatchResponseSchema.safeParse(value)
    if (!parsed.success) return { ok: false, reason: 'not a querybatch response' }
    if (parsed.data.results.length !== expected) {
      return {
        ok: false,
        reason: `${String(parsed.data.results.length)} results for ${String(expected)} queries`
      }
    }
    return { ok: true, value: parsed.data }
  }
}

type Hydrated = { record: OsvRecord } | { problem: string }

function validateRecord(id: string, origin: string) {
  return (value: unknown): Validation<Hydrated> => {
    const parsed = parseRecord(value, origin)
    if ('record' in parsed) {
      return parsed.record.id === id
        ? { ok: true, value: parsed }
        : { ok: false, reason: `asked for ${id}, got ${parsed.record.id.slice(0, 100)}` }
    }
    // The record itself is malformed (it names itself): skip it. Anything else is a bad answer.
    const namesItself =
      typeof value === 'object' && value !== null && 'id' in value && value.id === id
    return namesItself ? { ok: true, value: parsed } : { ok: false, reason: 'not an OSV record' }
  }
}

export function createOsvSource(url: string, options: SourceOptions = {}): AdvisorySource {
  const base = url.replace(/\/+$/, '')
  // As many record GETs in flight as osv-scanner allows (1000), so hydration is one round trip
  // for any realistic change; still a bound, not one socket per id without limit.
  const concurrency = options.concurrency ?? 1000
  return {
    // Readers see the origin only: a mirror's path or query may carry its secret.
    description: `osv (${urlOrigin(base)})`,
    async lookup(crates: readonly string[]): Promise<LookupResult> {
      const started = Date.now()
      const client = new HttpClient(options)
      const result = emptyLookupResult()
      const names = queryableNames(crates, result)
      const idsOf = new Map<string, Set<string>>(names.map((name) => [name, new Set()]))
      const chunks: string[][] = []
      for (let i = 0; i < names.length; i += MAX_BATCH_QUERIES) {
        chunks.push(names.slice(i, i + MAX_BATCH_QUERIES))
      }

      const batchDepths = await mapPool(chunks, MAX_CONCURRENT_BATCHES, async (chunk) => {
        let pending = chunk.map((name) => ({ name, token: undefined as string | undefined }))
        let depth = 0
        for (let page = 0; pending.length > 0; page++) {
          if (page >= MAX_PAGES) {
            for (const { name } of pending) {
              result.failed.set(name, `OSV kept paging after ${String(MAX_PAGES)} pages`)
            }
            break
          }
          // A follow-up repeats the identical query plus its page_token, and only for those queries.
          const queries: OsvQuery[] = pending.map(({ name, token }) => ({
            package: { name, ecosystem: CRATES_IO },
            ...(token === undefined ? {} : { page_token: token })
          }))
          const outcome = await client.json(
            `${base}/v1/querybatch`,
            { method: 'POST', body: { queries } },
            validateBatch(queries.length)
          )
          depth += outcome.attempts
          if (outcome.kind !== 'ok') {
            const reason = outcome.kind === 'failed' ? outcome.reason : 'querybatch not found'
            for (const { name } of pending) result.failed.set(name, `OSV query failed: ${reason}`)
            break
          }
          const next: typeof pending = []
          outcome.value.results.forEach((answer, index) => {
            const name = pending[index]?.name
            if (name === undefined) return
            for (const vuln of answer.vulns) idsOf.get(name)?.add(vuln.id)
            if (answer.next_page_token != null && answer.next_page_token !== '') {
              next.push({ name, token: answer.next_page_token })
            }
          })
          pending = next
        }
        return depth
      })

      const wanted = new Set<string>()
      for (const [name, ids] of idsOf) {
        if (!result.failed.has(name)) for (const id of ids) wanted.add(id)
      }
      const hydrated = new Map<string, OsvRecord>()
      const idFailures = new Map<string, string>()
      const workerDepths = new Array<number>(concurrency).fill(0)
      await mapPool([...wanted], concurrency, async (id, worker) => {
        const target = `${base}/v1/vulns/${encodeURIComponent(id)}`
        const outcome = await client.json(
          target,
          { method: 'GET', notFound: true },
          validateRecord(id, target)
        )
        workerDepths[worker] = (workerDepths[worker] ?? 0) + outcome.attempts
        if (outcome.kind === 'failed') idFailures.set(id, outcome.reason)
        else if (outcome.kind === 'not-found') {
          // Listed by the query but unknown to GET: the advisory exists and we could not read it.
          idFailures.set(id, `OSV listed ${id} but GET /v1/vulns/${id} answered 404`)
        } else if ('record' in outcome.value) hydrated.set(id, outcome.value.record)
        else result.malformed.push(outcome.value.problem)
      })

      for (const [name, ids] of idsOf) {
        if (result.failed.has(name)) continue
        const failures = [...ids].filter((id) => idFailures.has(id))
        if (failures.length > 0) {
          const first = failures[0] ?? ''
          result.failed.set(
            name,
            `could not fetch ${failures.join(', ')} from OSV: ${idFailures.get(first) ?? ''}`
          )
          continue
        }
        result.records.set(
          name,
          [...ids].flatMap((id) => hydrated.get(id) ?? [])
        )
      }
      result.stats = {
        requests: client.requests,
        round_trips: Math.max(0, ...batchDepths) + Math.max(0, ...workerDepths),
        ms: Date.now() - started
      }
      return result
    }
  }
}
