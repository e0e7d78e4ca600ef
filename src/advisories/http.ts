// JSON over HTTP for the advisory sources: a timeout per request, retries on 429, 5xx, network
// errors, truncated JSON and answers of the wrong shape (honouring Retry-After, else exponential
// backoff with jitter); any other 4xx is final. The outcome says what failed; it is never "empty".
// A breaker shared by one look-up's requests recognises a systemic failure after a few attempts
// and stops everything, so a dead host costs seconds and one message, not a retry per crate.
import { setMaxListeners } from 'node:events'
import { redact } from '../core/redact.js'
import type { Logger } from '../core/model.js'
import { silentLogger } from '../core/model.js'
import { getErrorMessage } from '../core/errors.js'
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
  /** Overall deadline of one look-up, retries and waits included. Default 5 min. */
  deadlineMs?: number
  /**
   * The source's breaker, kept across its look-ups: once a run has given up on a host, a later
   * look-up on it (the fix advice's parents, a control read) answers at once, without a request.
   * Default: one of the client's own.
   */
  breaker?: FailureBreaker
}

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string }

export type HttpOutcome<T> =
  | { kind: 'ok'; value: T; attempts: number }
  | { kind: 'not-found'; attempts: number }
  | { kind: 'failed'; reason: string; attempts: number }

/**
 * The source as a whole cannot be used (DNS, refused connections, TLS, a proxy answering HTML,
 * every request failing the same way): every crate is unknown for this one cause.
 */
export interface Outage {
  /** One line naming the service by its origin, e.g. `https://api.osv.dev: connection refused`. */
  cause: string
  /** What the user can do about it. */
  hint: string
}

export const DEFAULT_USER_AGENT = 'cargo-advisory-review'

export const OFFLINE_HINT =
  'or review offline: set advisory-source (--advisory-source) to a folder or .zip of OSV records'
const NETWORK_HINT = `Check the runner's network; if it needs a proxy, set HTTPS_PROXY (Node 24 reads it with NODE_USE_ENV_PROXY=1); ${OFFLINE_HINT}.`
const PROXY_HINT = `A proxy or captive portal seems to answer instead of the service: check the proxy setting; ${OFFLINE_HINT}.`
export const SERVICE_HINT = `The service seems down or refuses us: try again later, ${OFFLINE_HINT}.`

/**
 * How one failed attempt failed. `network` failures (the host does not resolve, refuses, fails TLS,
 * or something other than the service answers) say nothing about one crate: three in a row trip
 * the breaker. `service` failures (5xx, timeouts, bad bodies, final 4xx) may be one crate's: only
 * six in a row over at least three different requests do.
 */
interface Failure {
  class: 'network' | 'service'
  /** Equal signatures mean "failing the same way". */
  signature: string
  hint: string
}

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve (DNS, ENOTFOUND)',
  EAI_AGAIN: 'the DNS look-up failed (EAI_AGAIN)',
  EAI_FAIL: 'the DNS look-up failed (EAI_FAIL)',
  EAI_NONAME: 'the host name does not resolve (DNS, EAI_NONAME)',
  ECONNREFUSED: 'connection refused (ECONNREFUSED)',
  EHOSTUNREACH: 'host unreachable (EHOSTUNREACH)',
  ENETUNREACH: 'network unreachable (ENETUNREACH)',
  ENETDOWN: 'network down (ENETDOWN)',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out (UND_ERR_CONNECT_TIMEOUT)'
}

/** The error codes in an error's `cause` chain (undici wraps them: `fetch failed` ← cause). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return []
  const codes: string[] = []
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof record.code === 'string') codes.push(record.code)
  codes.push(...errorCodes(record.cause, depth + 1))
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors as unknown[]) codes.push(...errorCodes(inner, depth + 1))
  }
  return codes
}

/** The messages in an error's `cause` chain (undici's "bad port" has no code). */
function causeMessages(error: unknown, depth = 0): string[] {
  if (depth > 5 || !(error instanceof Error)) return []
  return [error.message, ...causeMessages(error.cause, depth + 1)]
}

const isTlsCode = (code: string): boolean =>
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_)|SELF_SIGNED|_CERT/.test(code)

function classifyNetworkError(error: unknown): Failure {
  const codes = errorCodes(error)
  for (const code of codes) {
    const text = NETWORK_CODES[code]
    if (text !== undefined) return { class: 'network', signature: text, hint: NETWORK_HINT }
  }
  // The Fetch standard's blocked ports (e.g. 9, 25, 6000): every request fails before it leaves.
  if (causeMessages(error).includes('bad port')) {
    return {
      class: 'network',
      signature: 'the URL uses a port that fetch blocks (bad port)',
      hint: 'Check the URL: fetch never connects to this port.'
    }
  }
  const tls = codes.find(isTlsCode)
  if (tls !== undefined) {
    return { class: 'network', signature: `TLS failure (${tls})`, hint: NETWORK_HINT }
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { class: 'service', signature: 'requests time out', hint: SERVICE_HINT }
  }
  const code = codes[0]
  return {
    class: 'service',
    signature: `network error${code === undefined ? '' : ` (${code})`}`,
    hint: SERVICE_HINT
  }
}

const NETWORK_TRIP_ATTEMPTS = 3
const SERVICE_TRIP_REQUESTS = 3

/**
 * Shared by every request of one look-up. Counts failures in a row that fail the same way: three
 * attempts for a `network` failure, three requests that gave up (retries spent, or a final 4xx)
 * for a `service` one, so a burst of timeouts from a slow but working server is retried, not
 * taken for an outage. Past the threshold it trips: in-flight requests and backoff waits are cut
 * short, and no new request starts. Any successful answer resets the count, so one crate failing
 * on its own never trips it (those get per-crate retries).
 */
export class FailureBreaker {
  outage: Outage | null = null
  private readonly controller = new AbortController()
  private streak: { failure: Failure; attempts: number; gaveUp: Set<string> } | null = null

  constructor(private readonly origin: string) {
    // Every in-flight request and backoff wait of the look-up listens to this one signal (256 at
    // a time for the index): not a leak, so Node's warning past 10 listeners must not reach the log.
    setMaxListeners(0, this.controller.signal)
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** A method, not a field read: it changes while a request awaits. */
  tripped(): boolean {
    return this.outage !== null
  }

  succeeded(): void {
    this.streak = null
  }

  private current(failure: Failure): NonNullable<FailureBreaker['streak']> {
    if (this.streak?.failure.signature !== failure.signature) {
      this.streak = { failure, attempts: 0, gaveUp: new Set() }
    }
    return this.streak
  }

  /** One attempt failed. */
  failed(failure: Failure): void {
    if (this.outage !== null) return
    const streak = this.current(failure)
    streak.attempts++
    if (failure.class === 'network' && streak.attempts >= NETWORK_TRIP_ATTEMPTS) {
      this.trip({
        cause: `${this.origin}: ${failure.signature} (${String(streak.attempts)} attempts in a row)`,
        hint: failure.hint
      })
    }
  }

  /** A request ended failing (no retry left, or a final answer). */
  gaveUp(failure: Failure, request: string): void {
    if (this.outage !== null) return
    const streak = this.current(failure)
    streak.gaveUp.add(request)
    if (streak.gaveUp.size >= SERVICE_TRIP_REQUESTS) {
      this.trip({
        cause: `${this.origin}: ${failure.signature} (${String(streak.gaveUp.size)} requests in a row failed, retries included)`,
        hint: failure.hint
      })
    }
  }

  /** Declares the source unusable (also used by a source's own checks, e.g. a missing canary). */
  trip(outage: Outage): void {
    if (this.outage !== null) return
    this.outage = outage
    this.controller.abort()
  }

  /** Waits `ms`, or less if the breaker trips meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.signal.aborted) {
        resolve()
        return
      }
      const done = (): void => {
        clearTimeout(timer)
        this.signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.signal.addEventListener('abort', done)
    })
  }
}

/** Scheme and host of a URL: what a reader may see of a source (the path may hold a secret). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'the advisory source'
  }
}

/**
 * A URL as readers may see it (comment, summary, report, log): the origin, and what lies below the
 * configured base. A base path or query, which may hold a private mirror's secret, shows as `…`.
 */
export function shownUrl(base: string, url?: string): string {
  const origin = originOf(base)
  const hidden = ((): boolean => {
    try {
      const parsed = new URL(base)
      return parsed.pathname.replace(/\/+$/, '') !== '' || parsed.search !== ''
    } catch {
      return true
    }
  })()
  const prefix = hidden ? `${origin}/…` : origin
  if (url === undefined) return prefix
  return url.startsWith(base) ? `${prefix}${url.slice(base.length)}` : prefix
}

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
    // A server's error text may echo the request (headers, credentials): redacted like any error.
    if (body.success && body.data.message !== undefined)
      return `: ${redact(body.data.message.slice(0, 200))}`
  } catch {
    // Not a JSON error body: the status says enough.
  }
  return ''
}

const isHtml = (response: Response): boolean =>
  /\btext\/html\b/i.test(response.headers.get('content-type') ?? '')

export class HttpClient {
  /** Requests sent, retries included. */
  requests = 0
  readonly breaker: FailureBreaker
  private readonly fetchImpl: typeof fetch
  private readonly logger: Logger
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly userAgent: string
  private readonly retryBaseMs: number
  private readonly maxRetryAfterMs: number

  private readonly deadline: ReturnType<typeof setTimeout>
  private readonly base: string

  constructor(base: string, options: HttpOptions = {}) {
    this.base = base
    this.breaker = options.breaker ?? new FailureBreaker(originOf(base))
    const deadlineMs = options.deadlineMs ?? 300_000
    // Past the deadline the look-up stops like an outage: whatever is still pending is unknown.
    this.deadline = setTimeout(() => {
      this.breaker.trip({
        cause: `${originOf(base)}: the look-up did not finish within ${(deadlineMs / 1000).toFixed(deadlineMs < 10_000 ? 1 : 0)} s`,
        hint: SERVICE_HINT
      })
    }, deadlineMs)
    this.deadline.unref()
    this.fetchImpl = options.fetch ?? globalThis.fetch
    this.logger = options.logger ?? silentLogger
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.retries = options.retries ?? 3
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT
    this.retryBaseMs = options.retryBaseMs ?? 500
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000
  }

  /** Ends the deadline timer; call when the look-up is done. */
  close(): void {
    clearTimeout(this.deadline)
  }

  /** Set once the breaker tripped: the look-up must report every crate unknown for it. */
  get outage(): Outage | null {
    return this.breaker.outage
  }

  private backoff(attempt: number): number {
    const step = this.retryBaseMs * 2 ** attempt
    return step + Math.random() * step
  }

  private stopped(attempts: number): HttpOutcome<never> {
    return { kind: 'failed', reason: this.breaker.outage?.cause ?? 'stopped', attempts }
  }

  /**
   * Sends one request until it yields JSON that `validate` accepts. `notFound: true` reads a 404 as
   * an answer ("nothing here") rather than an error. Once the breaker has tripped, it sends nothing.
   */
  async json<T>(
    url: string,
    init: { method: 'GET' | 'POST'; body?: unknown; notFound?: boolean },
    validate: (value: unknown) => Validation<T>
  ): Promise<HttpOutcome<T>> {
    let reason = 'no attempt made'
    let delay = 0
    let attempts = 0
    const key = `${init.method} ${url}`
    const shown = shownUrl(this.base, url)
    // The last failure, kept in an object: closures assign it, which flow analysis does not see.
    const seen: { last: Failure | null } = { last: null }
    const fail = (failure: Failure, text: string): void => {
      reason = text
      seen.last = failure
      this.breaker.failed(failure)
    }
    const final = (failure: Failure, text: string): HttpOutcome<never> => {
      fail(failure, text)
      this.breaker.gaveUp(failure, key)
      return { kind: 'failed', reason: `${text} for ${shown}`, attempts }
    }
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        this.logger.debug(`${init.method} ${shown}: ${reason}; retrying in ${Math.round(delay)} ms`)
        await this.breaker.sleep(delay)
      }
      if (this.breaker.tripped()) return this.stopped(attempts)
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
          signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.breaker.signal])
        })
      } catch (error) {
        if (this.breaker.tripped()) return this.stopped(attempts)
        const failure = classifyNetworkError(error)
        // A timeout says which one (request-timeout): "aborted due to timeout" alone does not.
        const detail =
          error instanceof Error && error.name === 'TimeoutError'
            ? `no answer within ${String(this.timeoutMs / 1000)} s`
            : getErrorMessage(error)
        fail(failure, `${failure.signature}: ${detail}`)
        continue
      }
      const status = response.status
      if (status === 404 && init.notFound === true) {
        await response.body?.cancel().catch(() => undefined)
        this.breaker.succeeded()
        return { kind: 'not-found', attempts }
      }
      if (status === 407) {
        await response.body?.cancel().catch(() => undefined)
        const text = 'a proxy asks for authentication (HTTP 407)'
        return final({ class: 'network', signature: text, hint: PROXY_HINT }, text)
      }
      if (status === 429 || status >= 500) {
        reason = `HTTP ${String(status)}${await errorMessage(response)}`
        // Every request answered the same status: the service is down, not one crate's record.
        fail({ class: 'service', signature: `HTTP ${String(status)}`, hint: SERVICE_HINT }, reason)
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
        if (retryAfter !== null) delay = Math.min(retryAfter, this.maxRetryAfterMs)
        continue
      }
      if (status < 200 || status >= 300) {
        const text = `HTTP ${String(status)}${await errorMessage(response)}`
        return final(
          { class: 'service', signature: `HTTP ${String(status)}`, hint: SERVICE_HINT },
          text
        )
      }
      if (isHtml(response)) {
        // A 200 web page where JSON was asked for: a proxy, a captive portal or a wrong URL.
        await response.body?.cancel().catch(() => undefined)
        const text = 'an HTML page answered instead of JSON'
        fail({ class: 'network', signature: text, hint: PROXY_HINT }, text)
        continue
      }
      let value: unknown
      try {
        value = JSON.parse(await response.text())
      } catch (error) {
        if (this.breaker.tripped()) return this.stopped(attempts)
        // Headers, then a body that stalls: the same timeout as a silent host, never a short file.
        if (error instanceof Error && error.name === 'TimeoutError') {
          fail(
            { class: 'service', signature: 'requests time out', hint: SERVICE_HINT },
            `requests time out: the answer's body did not arrive within ${String(this.timeoutMs / 1000)} s`
          )
          continue
        }
        fail(
          { class: 'service', signature: 'unreadable JSON answers', hint: SERVICE_HINT },
          `unreadable JSON answer: ${getErrorMessage(error)}`
        )
        continue
      }
      const checked = validate(value)
      if (checked.ok) {
        this.breaker.succeeded()
        return { kind: 'ok', value: checked.value, attempts }
      }
      fail(
        { class: 'service', signature: 'answers of an unexpected shape', hint: SERVICE_HINT },
        `unexpected answer: ${checked.reason}`
      )
    }
    if (this.breaker.tripped()) return this.stopped(attempts)
    if (seen.last !== null) this.breaker.gaveUp(seen.last, key)
    if (this.breaker.tripped()) return this.stopped(attempts)
    return {
      kind: 'failed',
      reason: `${reason} (${init.method} ${shown}, ${String(attempts)} attempts)`,
      attempts
    }
  }
}
