// The one interface every advisory source implements (OSV API, rustsec.org, local folder or zip),
// and the helpers they share. The factory is in index.ts, so no source imports another.
import type { Logger } from '../core/model.js'
import type { OsvRecord } from './schema.js'

/** Which source to use, as the `advisory-source` input / `--advisory-source` option names it. */
export type SourceSpec =
  { kind: 'osv'; url: string } | { kind: 'rustsec'; url: string } | { kind: 'path'; path: string }

export interface LookupStats {
  /** HTTP requests sent (retries included); 0 for a local source. */
  requests: number
  /** Longest chain of requests that had to wait for each other. */
  round_trips: number
  /** Wall time of the look-up in milliseconds. */
  ms: number
}

export interface SourceOptions {
  fetch?: typeof fetch
  logger?: Logger
  /** Per HTTP request, body included (default 30 s). */
  timeoutMs?: number
  /** Retries after the first attempt of a request (default 3). */
  retries?: number
  /** Requests in flight at once (default: 1000 record GETs for OSV, 32 crates for rustsec.org). */
  concurrency?: number
  userAgent?: string
  /** First backoff step between retries, doubled per attempt, plus jitter (default 500 ms). */
  retryBaseMs?: number
  /** Cap on a server's Retry-After (default 30 s). */
  maxRetryAfterMs?: number
}

export interface LookupResult {
  /** crate → validated raw records; present (maybe empty) for every crate whose look-up succeeded. */
  records: Map<string, OsvRecord[]>
  /** crate → reason: its advisories are UNKNOWN. */
  failed: Map<string, string>
  /** Records skipped because they were malformed, each naming the record: worth a warning, but
   * they make no crate unknown. */
  malformed: string[]
  stats: LookupStats
}

export interface AdvisorySource {
  /** e.g. `osv (https://api.osv.dev)`. */
  readonly description: string
  lookup(crates: readonly string[]): Promise<LookupResult>
}

export const DEFAULT_OSV_URL = 'https://api.osv.dev'
export const DEFAULT_RUSTSEC_URL = 'https://rustsec.org'

/** crates.io names are ASCII letters, digits, `-` and `_`; anything else is not looked up. */
export function isCrateName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(name)
}

export function emptyLookupResult(): LookupResult {
  return {
    records: new Map(),
    failed: new Map(),
    malformed: [],
    stats: { requests: 0, round_trips: 0, ms: 0 }
  }
}

/** The distinct crate names worth asking a server about; the others are marked unknown in `result`. */
export function queryableNames(crates: readonly string[], result: LookupResult): string[] {
  const names: string[] = []
  for (const name of new Set(crates)) {
    if (isCrateName(name)) names.push(name)
    else result.failed.set(name, 'not a crates.io crate name; not looked up')
  }
  return names
}
