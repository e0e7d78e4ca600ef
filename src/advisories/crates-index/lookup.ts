// The crates.io sparse index as a look-up stage beside the advisory sources: one `GET <base>/<path>`
// per distinct crate, all started at once (bounded), with the shared HTTP discipline of http.ts
// (timeout, retries on 429/5xx/network errors, User-Agent). 404/410/451 mean "no such crate on
// the registry"; any other failure is "unknown", never "not yanked".
import type { Logger } from '../../core/model.js'
import * as z from 'zod'
import { mapPool } from '../../core/pool.js'
import { FailureBreaker, HttpClient, originOf, type Validation } from '../http.js'
import { isCrateName, type LookupStats } from '../source.js'
import { parseIndexFile, type IndexFile } from './lines.js'
import { indexPath } from './path.js'
import { normaliseIndexUrl } from './url.js'
import { requestUrl } from '../../core/request-url.js'

export { DEFAULT_CRATES_INDEX_URL, normaliseIndexUrl } from './url.js'
/** The registry's answers for a crate that does not exist (cargo's reading of the sparse protocol). */
const NOT_FOUND_STATUSES = new Set([404, 410, 451])
/**
 * Index files in flight at once. Large enough that any realistic change is one round trip (the
 * look-up must stay off the critical path, beside the OSV look-up); the index is a CDN.
 */
const DEFAULT_CONCURRENCY = 256
/**
 * One request per crate: a change adding more crates than this (a hostile or generated lockfile)
 * has the rest marked unknown instead of costing thousands of requests.
 */
export const MAX_INDEX_CRATES = 2000

export type IndexAnswer =
  | { kind: 'found'; file: IndexFile }
  | { kind: 'crate-not-found'; status: number }
  | { kind: 'unknown'; reason: string }

/**
 * A found crate's file, parsed on first read: the analysis reads it after the advisory look-up,
 * so parsing a hundred index files never holds the event loop while OSV's answers come in.
 */
function foundAnswer(body: string, name: string): IndexAnswer {
  let file: IndexFile | undefined
  return {
    kind: 'found',
    get file(): IndexFile {
      file ??= parseIndexFile(body, name)
      return file
    }
  }
}

/** A file kept from an earlier answer, so a later request can be conditional. */
export interface CachedIndexFile {
  body: string
  etag: string | null
  lastModified: string | null
}

export interface CratesIndexOptions {
  fetch?: typeof fetch
  logger?: Logger
  timeoutMs?: number
  retries?: number
  retryBaseMs?: number
  maxRetryAfterMs?: number
  userAgent?: string
  concurrency?: number
  /** At most this many crates are looked up (default MAX_INDEX_CRATES); the rest are unknown. */
  maxCrates?: number
  /** Bodies by URL. Only with a cached body is a request conditional (If-None-Match first). */
  cache?: Map<string, CachedIndexFile>
}

export interface IndexLookup {
  /** crate name as asked → what the index said. */
  answers: Map<string, IndexAnswer>
  stats: LookupStats
}

export interface CratesIndex {
  /** e.g. `https://index.crates.io`. */
  readonly description: string
  lookup(crates: readonly string[]): Promise<IndexLookup>
}

/** One index answer as the adapter hands it to the shared JSON client; a file's body stays with
 * the adapter (`bodies`), so a large one is never turned into JSON and parsed back. */
const WrappedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }),
  z.object({ kind: z.literal('crate-not-found'), status: z.number() }),
  z.object({ kind: z.literal('unsolicited-304') })
])
type Wrapped = z.infer<typeof WrappedSchema>

function validateWrapped(value: unknown): Validation<Wrapped> {
  const parsed = WrappedSchema.safeParse(value)
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: 'not an index answer' }
}

/** Request headers as a record of lower-case names (what the shared client passes). */
function plainHeaders(given: RequestInit['headers']): Record<string, string> {
  const pairs: (readonly [string, string])[] = []
  if (given instanceof Array) for (const [name = '', value = ''] of given) pairs.push([name, value])
  else if (given !== undefined && typeof (given as Headers).entries === 'function')
    pairs.push(...(given as Headers).entries())
  else if (given !== undefined) pairs.push(...Object.entries(given as Record<string, string>))
  return Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), value]))
}

/**
 * The sparse index speaks text, with its own "not found" statuses and caching; the shared HTTP
 * client (timeouts, retries, User-Agent) speaks JSON. This adapter sits between them: it asks for
 * `text/plain`, makes a request conditional only when a cached body exists, and hands the client
 * each index answer as a small JSON value, keeping a file's text in `bodies` by URL. Statuses it
 * does not own (429, 5xx, other 4xx, an HTML page from a proxy) pass through, so the client judges
 * and retries them as for OSV.
 */
export function sparseIndexFetch(
  inner: typeof fetch,
  bodies: Map<string, string>,
  cache?: Map<string, CachedIndexFile>
): typeof fetch {
  // Built with the answer's own class and a plain record of headers, not the globals: the global
  // Response and Headers are lazy getters whose first read loads Node's copy of undici (~25-45 ms)
  // when the run's requests go through its own.
  const wrap = (answer: Response, value: Wrapped): Response => {
    const Answer = answer.constructor as typeof Response
    return new Answer(JSON.stringify(value), {
      status: 200,
      headers: { 'content-type': 'application/json' }
    })
  }
  return async (input, init) => {
    const url = requestUrl(input)
    const cached = cache?.get(url)
    const headers = plainHeaders(init?.headers)
    headers.accept = 'text/plain'
    if (cached?.etag != null) headers['if-none-match'] = cached.etag
    else if (cached?.lastModified != null) headers['if-modified-since'] = cached.lastModified
    const conditional = 'if-none-match' in headers || 'if-modified-since' in headers
    const response = await inner(url, { ...init, headers })
    const status = response.status
    if (NOT_FOUND_STATUSES.has(status) || status === 304) {
      await response.body?.cancel().catch(() => undefined)
      if (status !== 304) return wrap(response, { kind: 'crate-not-found', status })
      // A 304 means "your copy is still valid": without a copy it answers nothing.
      if (cached === undefined || !conditional) return wrap(response, { kind: 'unsolicited-304' })
      bodies.set(url, cached.body)
      return wrap(response, { kind: 'file' })
    }
    const html = /\btext\/html\b/i.test(response.headers.get('content-type') ?? '')
    if (status < 200 || status >= 300 || html) return response
    const body = await response.text()
    const etag = response.headers.get('etag')
    const lastModified = response.headers.get('last-modified')
    if (cache !== undefined && (etag !== null || lastModified !== null)) {
      cache.set(url, { body, etag, lastModified })
    }
    bodies.set(url, body)
    return wrap(response, { kind: 'file' })
  }
}

export function createCratesIndex(url: string, options: CratesIndexOptions = {}): CratesIndex {
  const base = normaliseIndexUrl(url)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  // One for every look-up of this index: once the run has given up on the host, the fix advice's
  // parents and any later read answer "unknown" with the same cause at once, without a request.
  const breaker = new FailureBreaker(originOf(base))
  return {
    description: base,
    async lookup(crates: readonly string[]): Promise<IndexLookup> {
      const started = Date.now()
      const bodies = new Map<string, string>()
      const client = new HttpClient(base, {
        ...options,
        breaker,
        fetch: sparseIndexFetch(options.fetch ?? globalThis.fetch, bodies, options.cache)
      })
      const answers = new Map<string, IndexAnswer>()
      const names: string[] = []
      const maxCrates = options.maxCrates ?? MAX_INDEX_CRATES
      for (const name of new Set(crates)) {
        if (!isCrateName(name)) {
          answers.set(name, {
            kind: 'unknown',
            reason: 'not a crates.io crate name; not looked up'
          })
        } else if (names.length >= maxCrates) {
          answers.set(name, {
            kind: 'unknown',
            reason: `not looked up: the change touches more than ${String(maxCrates)} crates.io crates`
          })
        } else names.push(name)
      }
      const depths = new Array<number>(Math.max(1, concurrency)).fill(0)
      await mapPool(names, concurrency, async (name, worker) => {
        const target = `${base}/${indexPath(name)}`
        const outcome = await client.json(target, { method: 'GET' }, validateWrapped)
        depths[worker] = (depths[worker] ?? 0) + outcome.attempts
        if (outcome.kind !== 'ok') {
          const reason = outcome.kind === 'failed' ? outcome.reason : `no answer from ${target}`
          answers.set(name, { kind: 'unknown', reason: `crates.io index: ${reason}` })
          return
        }
        const answer = outcome.value
        if (answer.kind === 'crate-not-found') {
          answers.set(name, { kind: 'crate-not-found', status: answer.status })
        } else if (answer.kind === 'unsolicited-304') {
          answers.set(name, {
            kind: 'unknown',
            reason: `crates.io index: HTTP 304 to a request that was not conditional (${target})`
          })
        } else {
          const body = bodies.get(target)
          bodies.delete(target)
          answers.set(
            name,
            body === undefined
              ? { kind: 'unknown', reason: `crates.io index: the body of ${target} was lost` }
              : foundAnswer(body, name)
          )
        }
      })
      client.close()
      return {
        answers,
        stats: {
          requests: client.requests,
          round_trips: Math.max(0, ...depths),
          ms: Date.now() - started
        }
      }
    }
  }
}

/** The index to read, or null when it is turned off (`crates-index: false`, `--no-crates-index`). */
export function cratesIndexOrNull(
  url: string | null,
  options: CratesIndexOptions = {}
): CratesIndex | null {
  return url === null ? null : createCratesIndex(url, options)
}
