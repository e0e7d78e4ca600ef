// The GitHub clients: @actions/github's Octokit (GITHUB_API_URL, proxy, user agent) plus GitHub's
// retry and throttling plugins for REST, and a plain POST for GraphQL. Both go through one
// transport that bounds every request (timeout, whole body read, JSON checked), the run (deadline)
// and the number of requests (budget). Built at run time, never at import.
import { setMaxListeners } from 'node:events'
import type { getOctokit } from '@actions/github'
import * as github from '@actions/github'
import { defaults as actionsDefaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Logger } from '../core/model.js'

export type GitHubClient = ReturnType<typeof getOctokit>

/** Rate-limit waits are retried this many times, and only when the wait is short enough. */
const MAX_RATE_LIMIT_RETRIES = 2
const MAX_RATE_LIMIT_WAIT_SECONDS = 120

/** Limits of every GitHub request of a run (README "Timeouts and request budget"). */
export interface GitHubLimits {
  /** One request, from sending it to the last byte of its answer. */
  requestTimeoutMs: number
  /** All GitHub requests of the run: none starts, and none keeps running, past it. */
  deadlineMs: number
  /** HTTP requests at most (retries included); past it every request fails at once. */
  budget: number
}

export const DEFAULT_GITHUB_LIMITS: GitHubLimits = {
  requestTimeoutMs: 30_000,
  deadlineMs: 600_000,
  budget: 500
}

export interface ClientStats {
  /** HTTP requests sent (retries included), REST and GraphQL. */
  requests: number
  /** Of which GraphQL. */
  graphqlRequests?: number
}

/**
 * The deadline or the budget ended the run's GitHub requests. Named `AbortError` on purpose:
 * @octokit/request passes AbortErrors through unwrapped, so @octokit/plugin-retry does not
 * retry them (retrying a spent budget would only wait).
 */
export class GitHubLimitError extends Error {
  override name = 'AbortError'
  constructor(
    readonly limit: 'budget' | 'deadline',
    message: string
  ) {
    super(message)
  }
}

export function isGitHubLimitError(error: unknown): error is GitHubLimitError {
  for (let at = error, depth = 0; at instanceof Error && depth < 4; depth += 1) {
    if (at instanceof GitHubLimitError) return true
    at = at.cause
  }
  return false
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

export interface GitHubTransport {
  fetch: Fetch
  stats: ClientStats
  limits: GitHubLimits
  /** Why GitHub requests stopped (budget or deadline), null while they may go on. */
  readonly stopped: string | null
  /** Clears the deadline timer (the process may exit before it fires). */
  close(): void
}

/**
 * Wraps `inner` (the proxy-aware fetch of @actions/github by default): counts each request against
 * the budget, aborts it after `requestTimeoutMs` or at the deadline, and reads the whole body
 * before answering, so a reset or a stall mid-body is a failed request (retried by the plugin)
 * instead of a short file; a JSON answer that does not parse fails the same way.
 */
export function createGitHubTransport(
  options: {
    limits?: Partial<GitHubLimits>
    stats?: ClientStats
    inner?: Fetch
  } = {}
): GitHubTransport {
  const limits = { ...DEFAULT_GITHUB_LIMITS, ...options.limits }
  const stats = options.stats ?? { requests: 0 }
  const inner: Fetch =
    options.inner ??
    (actionsDefaults.request?.fetch as Fetch | undefined) ??
    ((input, init) => fetch(input, init))
  const deadline = new AbortController()
  // Every in-flight request of the run listens to the deadline: many listeners are by design.
  setMaxListeners(0, deadline.signal)
  let stopped: string | null = null
  const timer = setTimeout(() => {
    stopped = `the GitHub requests of this run passed their deadline of ${seconds(limits.deadlineMs)}`
    deadline.abort(new GitHubLimitError('deadline', stopped))
  }, limits.deadlineMs)
  timer.unref()

  const limitedFetch: Fetch = async (input, init) => {
    if (deadline.signal.aborted) throw deadline.signal.reason
    if (stats.requests >= limits.budget) {
      stopped = `the GitHub request budget of this run (${String(limits.budget)} requests) is spent`
      throw new GitHubLimitError('budget', stopped)
    }
    stats.requests += 1
    const signals = [AbortSignal.timeout(limits.requestTimeoutMs), deadline.signal]
    if (init?.signal) signals.push(init.signal)
    const signal = AbortSignal.any(signals)
    try {
      const response = await inner(input, { ...init, signal })
      const body = new Uint8Array(await response.arrayBuffer())
      const declared = response.headers.get('content-length')
      if (
        declared !== null &&
        response.headers.get('content-encoding') === null &&
        Number(declared) !== body.byteLength
      ) {
        throw new Error(
          `GitHub's answer ended after ${String(body.byteLength)} of ${declared} bytes`
        )
      }
      const type = response.headers.get('content-type') ?? ''
      const empty = response.status === 204 || response.status === 304
      if (/^application\/json\b/i.test(type) && !empty) {
        try {
          JSON.parse(new TextDecoder().decode(body))
        } catch {
          throw new Error(
            `GitHub answered HTTP ${String(response.status)} with a body that is not JSON (${String(body.byteLength)} bytes)`
          )
        }
      }
      // The answer's own class (the run's undici; Node's in tests): the global Response is a lazy
      // getter whose first read loads Node's copy of undici, ~25-45 ms on the critical path.
      const Answer = response.constructor as typeof Response
      return new Answer(empty ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
    } catch (error) {
      // A timeout reads better as one than as undici's "This operation was aborted".
      // (Read through a function: TypeScript narrowed `aborted` to false before the await.)
      if (isAborted(signal) && !isAborted(deadline.signal) && !(init?.signal?.aborted ?? false)) {
        throw new Error(`GitHub did not answer within ${seconds(limits.requestTimeoutMs)}`, {
          cause: error
        })
      }
      if (isAborted(deadline.signal)) throw deadline.signal.reason
      throw error
    }
  }
  return {
    fetch: limitedFetch,
    stats,
    limits,
    get stopped() {
      return stopped
    },
    close: () => {
      clearTimeout(timer)
    }
  }
}

export function createGitHubClient(
  token: string,
  options: {
    baseUrl: string
    logger: Logger
    stats: ClientStats
    /** Base of the retry back-off (k² × base); tests shorten it. */
    retryAfterBaseMs?: number
    /** Shared with the GraphQL client; one is made (default limits) when absent. */
    transport?: GitHubTransport
    /**
     * Throttling-plugin overrides. Its limiters are module-global; runs sharing one process
     * (tests) pass their own `id` so that they do not queue behind each other.
     */
    throttle?: Record<string, unknown>
  }
): GitHubClient {
  const { logger } = options
  const transport = options.transport ?? createGitHubTransport({ stats: options.stats })
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      const retrying =
        retryCount < MAX_RATE_LIMIT_RETRIES &&
        retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS &&
        transport.stopped === null
      logger.warning(
        `GitHub ${kind} rate limit hit on ${request.method} ${request.url}; ${retrying ? `retrying in ${String(retryAfter)} s` : 'giving up'}`
      )
      return retrying
    }
  return github.getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      // Octokit's own messages (deprecations echo server headers) go through our logger, not console.
      log: {
        debug: (message: string) => {
          logger.debug(message)
        },
        info: (message: string) => {
          logger.debug(message)
        },
        warn: (message: string) => {
          logger.warning(message)
        },
        error: (message: string) => {
          logger.warning(message)
        }
      },
      request: { fetch: transport.fetch },
      retry: { retries: 3, retryAfterBaseValue: options.retryAfterBaseMs ?? 1000 },
      throttle: {
        ...options.throttle,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary')
      }
    },
    retry,
    throttling
  )
}

/** What a GraphQL POST answered: HTTP status, the parsed body (null if none) and headers. */
export interface GraphqlAnswer {
  status: number
  body: unknown
  headers: Headers
}
export type GraphqlPost = (
  query: string,
  variables: Record<string, string>
) => Promise<GraphqlAnswer>

/**
 * POSTs GraphQL queries without octokit's throttling plugin, which would schedule every GraphQL
 * request through its write limiter (one at a time, a second apart: the `write` group of
 * @octokit/plugin-throttling) and
 * serialise the parallel chunks of a read. No retries here: the caller falls back to REST.
 */
export function createGraphqlPost(
  token: string,
  options: { url: string; transport: GitHubTransport; userAgent: string }
): GraphqlPost {
  return async (query, variables) => {
    options.transport.stats.graphqlRequests = (options.transport.stats.graphqlRequests ?? 0) + 1
    const response = await options.transport.fetch(options.url, {
      method: 'POST',
      headers: {
        authorization: `bearer ${token}`,
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'user-agent': options.userAgent
      },
      body: JSON.stringify({ query, variables })
    })
    const text = await response.text()
    let body: unknown
    try {
      body = text === '' ? null : JSON.parse(text)
    } catch {
      body = null
    }
    return { status: response.status, body, headers: response.headers }
  }
}

/** GITHUB_GRAPHQL_URL, else derived from the REST base as @octokit/graphql does (GHES `/api/v3` → `/api/graphql`). */
export function graphqlUrl(apiUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = (env.GITHUB_GRAPHQL_URL ?? '').trim()
  if (given !== '') return given
  const base = apiUrl.replace(/\/+$/, '')
  return /\/api\/v3$/.test(base) ? `${base.slice(0, -'/v3'.length)}/graphql` : `${base}/graphql`
}

/** The HTTP status of an Octokit RequestError (or anything shaped like one), else null. */
export function httpStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('status' in error)) return null
  return typeof error.status === 'number' ? error.status : null
}

/** The response headers of an Octokit RequestError, lower-cased names. */
export function errorHeaders(error: unknown): Record<string, string> {
  if (typeof error !== 'object' || error === null || !('response' in error)) return {}
  const response = error.response
  if (typeof response !== 'object' || response === null || !('headers' in response)) return {}
  const headers = response.headers
  if (typeof headers !== 'object' || headers === null) return {}
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' || typeof value === 'number')
      out[name.toLowerCase()] = String(value)
  }
  return out
}

function isAborted(signal: AbortSignal): boolean {
  return signal.aborted
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${String(ms / 1000)} s` : `${String(ms)} ms`
}
