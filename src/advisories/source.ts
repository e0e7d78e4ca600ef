// The one interface every advisory source implements (OSV API, rustsec.org, local folder or zip),
// and the helpers they share. The factory is in index.ts, so no source imports another.
import type { Logger } from '../core/model.js'
import type { Outage } from './http.js'
import type { OsvRecord } from './schema.js'

export type { Outage } from './http.js'

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
  /** Overall deadline of one look-up, retries included (default 5 min): then every pending crate is
   * unknown, as in an outage. */
  deadlineMs?: number
  /** Called as crates settle (answered or failed), for a progress line; `done` ends at `total`. */
  onProgress?: (done: number, total: number) => void
}

export interface LookupResult {
  /** crate → validated raw records; present (maybe empty) for every crate whose look-up succeeded. */
  records: Map<string, OsvRecord[]>
  /** crate → reason: its advisories are UNKNOWN. A record that fails validation or does not name
   * the crate it was listed for makes that crate unknown too, naming the record and why. */
  failed: Map<string, string>
  /** Set when the source as a whole could not be used: every queried crate is in `failed` with
   * `outageReason(outage)`, and the report says it once. */
  outage: Outage | null
  stats: LookupStats
}

export interface AdvisorySource {
  /** e.g. `osv (https://api.osv.dev)`. */
  readonly description: string
  lookup(crates: readonly string[], hooks?: LookupHooks): Promise<LookupResult>
}

export interface LookupHooks {
  /**
   * Called once, as soon as the source knows which crates have advisories (OSV: after its
   * `querybatch`, before the record reads), so work that depends only on that starts beside them.
   */
  onListed?: (crates: readonly string[]) => void
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
    outage: null,
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

export const OUTAGE_PREFIX = 'advisory source unavailable: '

/** The per-crate `lookup_error` of every crate an outage made unknown. */
export function outageReason(outage: Outage): string {
  return `${OUTAGE_PREFIX}${outage.cause}`
}

/** A `lookup_error` that an outage set: the report's one `source-unavailable` problem says it. */
export function isOutageReason(reason: string): boolean {
  return reason.startsWith(OUTAGE_PREFIX)
}

/** Every queryable crate becomes unknown for one cause; answers already received are dropped,
 * since a source that failed systemically cannot vouch for them either. */
export function applyOutage(result: LookupResult, names: readonly string[], outage: Outage): void {
  result.outage = outage
  result.records.clear()
  const reason = outageReason(outage)
  for (const name of names) result.failed.set(name, reason)
}

/** Counts settled crates for `onProgress`. */
export function progressCounter(
  total: number,
  onProgress: SourceOptions['onProgress']
): (count?: number) => void {
  let done = 0
  return (count = 1) => {
    done = Math.min(total, done + count)
    onProgress?.(done, total)
  }
}
