// The REST client: @actions/github's Octokit (GITHUB_API_URL, proxy, user agent) plus GitHub's
// retry and throttling plugins. Built at run time, never at import.
import type { getOctokit } from '@actions/github'
import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Logger } from '../core/model.js'

export type GitHubClient = ReturnType<typeof getOctokit>

/** Rate-limit waits are retried this many times, and only when the wait is short enough. */
const MAX_RATE_LIMIT_RETRIES = 2
const MAX_RATE_LIMIT_WAIT_SECONDS = 120

export interface ClientStats {
  /** HTTP requests sent (retries included). */
  requests: number
}

export function createGitHubClient(
  token: string,
  options: {
    baseUrl: string
    logger: Logger
    stats: ClientStats
    /** Base of the retry back-off (k² × base); tests shorten it. */
    retryAfterBaseMs?: number
  }
): GitHubClient {
  const { logger } = options
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      const retrying =
        retryCount < MAX_RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS
      logger.warning(
        `GitHub ${kind} rate limit hit on ${request.method} ${request.url}; ${retrying ? `retrying in ${String(retryAfter)} s` : 'giving up'}`
      )
      return retrying
    }
  const client = github.getOctokit(
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
      retry: { retries: 3, retryAfterBaseValue: options.retryAfterBaseMs ?? 1000 },
      throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') }
    },
    retry,
    throttling
  )
  client.hook.before('request', () => {
    options.stats.requests += 1
  })
  return client
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
