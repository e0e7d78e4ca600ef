// The one sticky pull-request comment: found by its marker (all pages), updated in place, never
// duplicated. A comment failure is a warning, never a failed job: the job summary has the report.
import * as z from 'zod'
import { getErrorMessage } from '../core/errors.js'
import type { Logger } from '../core/model.js'
import { errorHeaders, httpStatus, type GitHubClient } from './octokit.js'
import type { RepoRef } from '../trees/github.js'

export type CommentOutcome =
  | { action: 'created' | 'updated'; url: string }
  | { action: 'none'; url: null; reason: string }
  | { action: 'failed'; url: null; reason: string }

const issueComment = z.looseObject({
  id: z.union([z.number(), z.bigint()]),
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.looseObject({ login: z.string(), type: z.string() }).nullish()
})
type IssueComment = z.infer<typeof issueComment>

export interface UpsertOptions {
  number: number
  marker: string
  /** Whether this run has something to say; an earlier comment is updated regardless. */
  wanted: boolean
  /** Renders the body; `short` asks for a version that fits when GitHub refused the full one. */
  render: (short: boolean) => string
  logger: Logger
  /** A search started earlier with searchComment(), so listing comments overlaps the analysis. */
  search?: CommentSearch
}

export type CommentSearch = Promise<IssueComment | null>

/**
 * Starts looking for our comment now; upsertComment() awaits it later. A failure is reported
 * there (as a warning), so the early promise must not count as an unhandled rejection.
 */
export function searchComment(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { number: number; marker: string }
): CommentSearch {
  const search = findOurComment(octokit, repo, options)
  search.catch(() => undefined)
  return search
}

export async function upsertComment(
  octokit: GitHubClient,
  repo: RepoRef,
  options: UpsertOptions
): Promise<CommentOutcome> {
  const { logger } = options
  try {
    const existing = await (options.search ?? findOurComment(octokit, repo, options))
    if (existing === null && !options.wanted) {
      return { action: 'none', url: null, reason: 'nothing to report and no earlier comment' }
    }
    const write = async (body: string): Promise<string> => {
      if (existing !== null) {
        const response = await octokit.rest.issues.updateComment({
          ...repo,
          comment_id: Number(existing.id),
          body
        })
        return issueComment.parse(response.data).html_url
      }
      // A create is not idempotent: retrying a POST whose answer was lost (5xx, reset) can post
      // twice. Send it without the retry plugin, and after a failure look again before resending.
      const create = async (): Promise<string> => {
        const response = await octokit.rest.issues.createComment({
          ...repo,
          issue_number: options.number,
          body,
          request: { retries: 0 }
        })
        return issueComment.parse(response.data).html_url
      }
      try {
        return await create()
      } catch (error) {
        const status = httpStatus(error)
        if (status !== null && status < 500 && status !== 429) throw error
        const landed = await findOurComment(octokit, repo, options)
        if (landed !== null) return landed.html_url
        logger.warning(`Creating the comment failed (${firstLine(error)}); trying once more`)
        return await create()
      }
    }
    let url: string
    try {
      url = await write(options.render(false))
    } catch (error) {
      if (httpStatus(error) !== 422 || !/too long/i.test(getErrorMessage(error))) throw error
      logger.warning('GitHub refused the comment as too long; posting a shortened one')
      url = await write(options.render(true))
    }
    return { action: existing === null ? 'created' : 'updated', url }
  } catch (error) {
    const reason = describeCommentError(error)
    logger.warning(reason)
    return { action: 'failed', url: null, reason }
  }
}

/**
 * Our comment is the first one carrying the marker whose author is a bot (GITHUB_TOKEN and app
 * tokens) or the token's own user: a person pasting the marker cannot hijack it.
 */
async function findOurComment(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { number: number; marker: string }
): Promise<IssueComment | null> {
  const candidates: IssueComment[] = []
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: options.number,
    per_page: 100
  })
  for await (const page of iterator) {
    for (const raw of page.data) {
      const comment = issueComment.safeParse(raw)
      if (comment.success && comment.data.body?.includes(options.marker) === true) {
        candidates.push(comment.data)
      }
    }
  }
  const byBot = candidates.find((comment) => comment.user?.type === 'Bot')
  if (byBot !== undefined || candidates.length === 0) return byBot ?? null
  // A personal token comments as its user; ask who that is (app tokens cannot, hence the order).
  try {
    const me = await octokit.rest.users.getAuthenticated()
    return candidates.find((comment) => comment.user?.login === me.data.login) ?? null
  } catch {
    // Who we are is unknown: never take a person's comment, but one with no author information
    // is ours as far as anyone can tell (better than posting a duplicate).
    return candidates.find((comment) => comment.user == null) ?? null
  }
}

function firstLine(error: unknown): string {
  return getErrorMessage(error).split('\n', 1)[0] ?? ''
}

function describeCommentError(error: unknown): string {
  const status = httpStatus(error)
  const message = getErrorMessage(error).split('\n', 1)[0] ?? ''
  if (status === 403 || status === 404) {
    const accepted = errorHeaders(error)['x-accepted-github-permissions']
    return (
      `Could not write the pull request comment (HTTP ${String(status)}: ${message}). ` +
      `The token needs \`pull-requests: write\` (or \`issues: write\`)${accepted ? ` [GitHub accepts: ${accepted}]` : ''}. ` +
      'Pull requests from forks get a read-only token under `pull_request`; use `pull_request_target` ' +
      '(safe here: this action reads Cargo files through the API and never runs pull request code). ' +
      'The job summary has the full report.'
    )
  }
  return `Could not write the pull request comment${status === null ? '' : ` (HTTP ${String(status)})`}: ${message}. The job summary has the full report.`
}
