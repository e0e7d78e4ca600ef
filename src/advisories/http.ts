// JSON over HTTP for the advisory sources: a timeout per request, retries on 429, 5xx, network
// errors, truncated JSON and answers of the wrong shape (honouring Retry-After, else exponential
// backoff with jitter); any other 4xx is final. The outcome says what failed; it is never "empty".
import type { Logger } from '../core/model.js'
import { silentLogger } from '../core/model.js'
import { getErrorMessage } from '../core/errors.js'
import { redact, shownRequestUrl } from '../core/redact.js'
import { OsvErrorBodySchema } from './schema.js'

export interface HttpOptions {
  fetch?: typeof fetch
  logger?: Logger
  /** Per request, body included. Default 30 s. */
  timeoutMs?: number
  /** Retries after the first attempt. Default 3. */
  retries?: number
  userAgent?: string
  /** First backoff step; doubles per attempt, plus jitter. Default 500 ms. */
  retryBaseMs?: number
  /** Cap on a server's Retry-After. Default 30 s. */
  maxRetryAfterMs?: number
}

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string }

export type HttpOutcome<T> =
  | { kind: 'ok'; value: T; attempts: number }
  | { kind: 'not-found'; attempts: number }
  | { kind: 'failed'; reason: string; attempts: number }

export const DEFAULT_USER_AGENT = 'cargo-advisory-review'

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/** Seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = OsvErrorBodySchema.safeParse(JSON.parse(await response.text()))
    if (body.success && body.data.message !== undefined)
      return `: ${redact(body.data.message.slice(0, 200))}`
  } catch {
    // Not a JSON error body: the status says enough.
  }
  return ''
}

export class HttpClient {
  /** Requests sent, retries included. */
  requests = 0
  private readonly fetchImpl: typeof fetch
  private readonly logger: Logger
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly userAgent: string
  private readonly retryBaseMs: number
  private readonly maxRetryAfterMs: number

  constructor(options: HttpOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch
    this.logger = options.logger ?? silentLogger
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.retries = options.retries ?? 3
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT
    this.retryBaseMs = options.retryBaseMs ?? 500
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000
  }

  private backoff(attempt: number): number {
    const step = this.retryBaseMs * 2 ** attempt
    return step + Math.random() * step
  }

  /**
   * Sends one request until it yields JSON that `validate` accepts. `notFound: true` reads a 404 as
   * an answer ("nothing here") rather than an error.
   */
  async json<T>(
    url: string,
    init: { method: 'GET' | 'POST'; body?: unknown; notFound?: boolean },
    validate: (value: unknown) => Validation<T>
  ): Promise<HttpOutcome<T>> {
    let reason = 'no attempt made'
    let delay = 0
    let attempts = 0
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        this.logger.debug(
          `${init.method} ${shownRequestUrl(url)}: ${reason}; retrying in ${Math.round(delay)} ms`
        )
        await sleep(delay)
      }
      attempts++
      this.requests++
      delay = this.backoff(attempt)
      let response: Response
      try {
        response = await this.fetchImpl(url, {
          method: init.method,
          headers: {
            accept: 'application/json',
            'user-agent': this.userAgent,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' })
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(this.timeoutMs)
        })
      } catch (error) {
        reason = `network error: ${getErrorMessage(error)}`
        continue
      }
      const status = response.status
      if (status === 404 && init.notFound === true) {
        await response.body?.cancel().catch(() => undefined)
        return { kind: 'not-found', attempts }
      }
      if (status === 429 || status >= 500) {
        reason = `HTTP ${String(status)}${await errorMessage(response)}`
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
        if (retryAfter !== null) delay = Math.min(retryAfter, this.maxRetryAfterMs)
        continue
      }
      if (status < 200 || status >= 300) {
        return {
          kind: 'failed',
          reason: `HTTP ${String(status)}${await errorMessage(response)} from ${shownRequestUrl(url)}`,
          attempts
        }
      }
      let value: unknown
      try {
        value = JSON.parse(await response.text())
      } catch (error) {
        reason = `unreadable JSON answer: ${getErrorMessage(error)}`
        continue
      }
      const checked = validate(value)
      if (checked.ok) return { kind: 'ok', value: checked.value, attempts }
      reason = `unexpected answer: ${checked.reason}`
    }
    return {
      kind: 'failed',
      reason: `${reason} (${init.method} ${shownRequestUrl(url)}, ${String(attempts)} attempts)`,
      attempts
    }
  }
}

/** Runs `task` over `items` with at most `limit` running at once; results keep input order. */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, worker: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const workers = Array.from(
    { length: Math.max(1, Math.min(limit, items.length)) },
    async (_, w) => {
      while (next < items.length) {
        const index = next++
        results[index] = await task(items[index] as T, w)
      }
    }
  )
  await Promise.all(workers)
  return results
}
