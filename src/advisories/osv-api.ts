// The OSV API source: one name-only query per crate in `POST /v1/querybatch` (≤1000 a request,
// chunks concurrently, per-query paging), then `GET /v1/vulns/{id}` once per distinct id with
// bounded concurrency. Two sequential phases whatever the number of crates.
import { CRATES_IO } from '../core/model.js'
import { mapPool } from '../core/pool.js'
import {
  FailureBreaker,
  HttpClient,
  originOf,
  SERVICE_HINT,
  shownUrl,
  type Validation
} from './http.js'
import {
  namesCrate,
  parseRecord,
  QueryBatchResponseSchema,
  type OsvQuery,
  type OsvRecord,
  type QueryBatchResponse
} from './schema.js'
import {
  applyOutage,
  emptyLookupResult,
  progressCounter,
  queryableNames,
  type AdvisorySource,
  type LookupResult,
  type SourceOptions,
  type LookupHooks
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

/** GET /v1/vulns/{id} must answer the record asked for; whether it is usable is judged per crate. */
function validateRecord(id: string) {
  return (value: unknown): Validation<unknown> => {
    if (typeof value !== 'object' || value === null || !('id' in value)) {
      return { ok: false, reason: 'not an OSV record' }
    }
    return value.id === id
      ? { ok: true, value }
      : { ok: false, reason: `asked for ${id}, got ${String(value.id).slice(0, 100)}` }
  }
}

export function createOsvSource(url: string, options: SourceOptions = {}): AdvisorySource {
  const base = url.replace(/\/+$/, '')
  // As many record GETs in flight as osv-scanner allows (1000), so hydration is one round trip
  // for any realistic change; still a bound, not one socket per id without limit.
  const concurrency = options.concurrency ?? 1000
  // One per source: a host given up on stays given up for the run (http.ts).
  const breaker = new FailureBreaker(originOf(base))
  return {
    description: `osv (${shownUrl(base)})`,
    async lookup(crates: readonly string[], hooks: LookupHooks = {}): Promise<LookupResult> {
      const started = Date.now()
      const client = new HttpClient(base, { ...options, breaker })
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
            // One request for up to 1000 crates: its failure is the source's, said once.
            const reason = outcome.kind === 'failed' ? outcome.reason : 'querybatch not found'
            client.breaker.trip({ cause: `OSV querybatch failed: ${reason}`, hint: SERVICE_HINT })
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

      hooks.onListed?.([...idsOf].filter(([, ids]) => ids.size > 0).map(([name]) => name))
      // Progress: a crate settles when the last of its records is in.
      const settle = progressCounter(names.length, options.onProgress)
      const waitingOn = new Map<string, string[]>()
      for (const [name, ids] of idsOf) {
        if (ids.size === 0 || result.failed.has(name)) settle()
        else for (const id of ids) waitingOn.set(id, [...(waitingOn.get(id) ?? []), name])
      }
      const remaining = new Map([...idsOf].map(([name, ids]) => [name, ids.size]))

      const hydrated = new Map<string, { record: OsvRecord } | { problem: string }>()
      const idFailures = new Map<string, string>()
      const workerDepths = new Array<number>(concurrency).fill(0)
      const ids = client.outage === null ? [...waitingOn.keys()] : []
      await mapPool(ids, concurrency, async (id, worker) => {
        const target = `${base}/v1/vulns/${encodeURIComponent(id)}`
        const outcome = await client.json(
          target,
          { method: 'GET', notFound: true },
          validateRecord(id)
        )
        workerDepths[worker] = (workerDepths[worker] ?? 0) + outcome.attempts
        if (outcome.kind === 'failed') idFailures.set(id, outcome.reason)
        else if (outcome.kind === 'not-found') {
          // Listed by the query but unknown to GET: the advisory exists and we could not read it.
          idFailures.set(id, `OSV listed ${id} but GET /v1/vulns/${id} answered 404`)
        } else hydrated.set(id, parseRecord(outcome.value, shownUrl(base, target)))
        for (const name of waitingOn.get(id) ?? []) {
          const left = (remaining.get(name) ?? 1) - 1
          remaining.set(name, left)
          if (left === 0) settle()
        }
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
        // Every listed record must be usable and name the crate: skipping one would read as
        // "one advisory fewer", so the crate is unknown instead, naming the records and why.
        const records: OsvRecord[] = []
        const problems: string[] = []
        for (const id of ids) {
          const parsed = hydrated.get(id)
          if (parsed === undefined) problems.push(`${id} was not fetched`)
          else if ('problem' in parsed) problems.push(parsed.problem)
          else if (!namesCrate(parsed.record, name)) {
            problems.push(
              `advisory ${id} was listed for ${name} by OSV but does not name it (no crates.io affected entry for ${name})`
            )
          } else records.push(parsed.record)
        }
        if (problems.length > 0) result.failed.set(name, problems.join('; '))
        else result.records.set(name, records)
      }
      client.close()
      if (client.outage !== null) applyOutage(result, names, client.outage)
      result.stats = {
        requests: client.requests,
        round_trips: Math.max(0, ...batchDepths) + Math.max(0, ...workerDepths),
        ms: Date.now() - started
      }
      return result
    }
  }
}
