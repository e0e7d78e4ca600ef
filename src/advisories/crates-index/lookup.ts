// The crates.io sparse index as a look-up stage beside the advisory sources: one `GET <base>/<path>`
// per distinct crate, all started at once (bounded), with the shared HTTP discipline of http.ts
// (timeout, retries on 429/5xx/network errors, User-Agent). 404/410/451 mean "no such crate on
// the registry"; any other failure is "unknown", never "not yanked".
import type { Logger } from '../../core/model.js'
import { getErrorMessage } from '../../core/errors.js'
import { HttpClient, mapPool, type ReadStep } from '../http.js'
import { isCrateName, type LookupStats } from '../source.js'
import { parseIndexFile, type IndexFile } from './lines.js'
import { indexPath } from './path.js'

export const DEFAULT_CRATES_INDEX_URL = 'https://index.crates.io'
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

/** `sparse+https://…/` as cargo spells it, or a plain URL; no trailing slash. */
export function normaliseIndexUrl(url: string): string {
  return url
    .trim()
    .replace(/^sparse\+/, '')
    .replace(/\/+$/, '')
}

type Fetched = { body: string } | { notFound: number }

export function createCratesIndex(url: string, options: CratesIndexOptions = {}): CratesIndex {
  const base = normaliseIndexUrl(url)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const cache = options.cache
  return {
    description: base,
    async lookup(crates: readonly string[]): Promise<IndexLookup> {
      const started = Date.now()
      const client = new HttpClient(options)
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
        const cached = cache?.get(target)
        const headers: Record<string, string> = { accept: 'text/plain' }
        // Conditional only with a body to fall back on: a 304 is "your copy is still valid".
        if (cached?.etag != null) headers['if-none-match'] = cached.etag
        else if (cached?.lastModified != null) headers['if-modified-since'] = cached.lastModified
        const conditional = 'if-none-match' in headers || 'if-modified-since' in headers
        const outcome = await client.request(
          target,
          { method: 'GET', headers },
          async (response): Promise<ReadStep<Fetched>> => {
            const status = response.status
            if (NOT_FOUND_STATUSES.has(status)) {
              await response.body?.cancel().catch(() => undefined)
              return { kind: 'ok', value: { notFound: status } }
            }
            if (status === 304) {
              await response.body?.cancel().catch(() => undefined)
              return conditional && cached !== undefined
                ? { kind: 'ok', value: { body: cached.body } }
                : {
                    kind: 'failed',
                    reason: `HTTP 304 to a request that was not conditional (${target})`
                  }
            }
            if (status !== 200) {
              await response.body?.cancel().catch(() => undefined)
              return { kind: 'failed', reason: `HTTP ${String(status)} from ${target}` }
            }
            const body = await response.text()
            if (cache !== undefined) {
              const etag = response.headers.get('etag')
              const lastModified = response.headers.get('last-modified')
              if (etag !== null || lastModified !== null)
                cache.set(target, { body, etag, lastModified })
            }
            return { kind: 'ok', value: { body } }
          }
        )
        depths[worker] = (depths[worker] ?? 0) + outcome.attempts
        if (outcome.kind === 'failed') {
          answers.set(name, { kind: 'unknown', reason: `crates.io index: ${outcome.reason}` })
        } else if (outcome.kind === 'not-found') {
          answers.set(name, { kind: 'crate-not-found', status: 404 })
        } else if ('notFound' in outcome.value) {
          answers.set(name, { kind: 'crate-not-found', status: outcome.value.notFound })
        } else {
          try {
            answers.set(name, { kind: 'found', file: parseIndexFile(outcome.value.body, name) })
          } catch (error) {
            answers.set(name, {
              kind: 'unknown',
              reason: `crates.io index: ${getErrorMessage(error)}`
            })
          }
        }
      })
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
