// The one sticky pull-request comment: ours is a marker-bearing comment written by the token's own
// identity, found on a bounded number of pages, updated in place, and after any create re-listed so
// that at most one stays (the oldest). A comment failure is a warning, never a failed job: the job
// summary has the report.
import * as z from 'zod'
import { firstLine, getErrorMessage } from '../core/errors.js'
import type { Logger } from '../core/model.js'
import { errorHeaders, httpStatus, type GitHubClient, type GraphqlPost } from './octokit.js'
import type { RepoRef } from './github-files.js'

export type CommentOutcome =
  | { action: 'created' | 'updated'; url: string }
  | { action: 'none'; url: null; reason: string }
  | { action: 'failed'; url: null; reason: string }

/** The login GITHUB_TOKEN comments as; also the fallback when the identity cannot be learnt. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

/**
 * Pages of 100 comments read at most (3,000 comments): an endless or huge list must not cost
 * thousands of requests. Past the cap, a comment of ours may exist unseen, so none is created.
 */
export const MAX_COMMENT_PAGES = 30

const issueComment = z.looseObject({
  id: z.union([z.number(), z.bigint()]),
  html_url: z.string(),
  body: z.string().nullish(),
  user: z.looseObject({ login: z.string().min(1) }).nullish()
})
type IssueComment = z.infer<typeof issueComment>

const viewerAnswer = z.object({
  data: z.object({ viewer: z.object({ login: z.string().min(1) }) })
})

export interface Identity {
  login: string
  /** `viewer` when GitHub said who the token is; `fallback` when it could not be asked. */
  from: 'viewer' | 'fallback'
}

/** How long the identity may take: it runs beside the analysis, but must not hold the comment. */
const IDENTITY_TIMEOUT_MS = 10_000

/**
 * Who the token comments as. `GET /user` answers 403 to installation tokens (GITHUB_TOKEN, apps);
 * GraphQL `viewer` answers every kind of token (`github-actions[bot]`, `<app>[bot]`, the user).
 * Sent as a plain GraphQL POST (not through Octokit, whose throttling would queue it with the
 * writes and delay the comment). Any failure falls back to `github-actions[bot]`; a create's
 * answer corrects it.
 */
export async function learnIdentity(
  graphql: GraphqlPost,
  logger: Logger,
  timeoutMs = IDENTITY_TIMEOUT_MS
): Promise<Identity> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolve(null)
    }, timeoutMs)
  })
  try {
    const answer = await Promise.race([graphql('query { viewer { login } }', {}), timeout])
    if (answer === null) {
      logger.debug(`GraphQL viewer: no answer within ${String(timeoutMs)} ms`)
    } else {
      const parsed = viewerAnswer.safeParse(answer.body)
      if (answer.status === 200 && parsed.success)
        return { login: parsed.data.data.viewer.login, from: 'viewer' }
      logger.debug(`GraphQL viewer: HTTP ${String(answer.status)}, no login`)
    }
  } catch (error) {
    logger.debug(`GraphQL viewer: ${firstLine(getErrorMessage(error))}`)
  } finally {
    clearTimeout(timer)
  }
  return { login: ACTIONS_BOT_LOGIN, from: 'fallback' }
}

interface Listing {
  /** Comments carrying the marker, ascending id (GitHub's order), any author. */
  marked: IssueComment[]
  /** The page cap was hit: more comments exist that were not read. */
  capped: boolean
}

export interface CommentSearch {
  identity: Promise<Identity>
  listing: Promise<Listing>
}

/**
 * Starts learning the identity and listing the comments, in parallel, now; upsertComment() awaits
 * both later. A failure is reported there (as a warning), so the early promises must not count as
 * unhandled rejections.
 */
export function searchComment(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { number: number; marker: string; graphql: GraphqlPost; logger: Logger }
): CommentSearch {
  const search = {
    identity: learnIdentity(options.graphql, options.logger),
    listing: listMarked(octokit, repo, options)
  }
  search.listing.catch(() => undefined)
  return search
}

export interface UpsertOptions {
  number: number
  marker: string
  /** Whether this run has something to say; an earlier comment is updated regardless. */
  wanted: boolean
  /** Renders the body; `short` asks for a version that fits when GitHub refused the full one. */
  render: (short: boolean) => string
  logger: Logger
  /** Started earlier with searchComment(), so listing comments overlaps the analysis. */
  search: CommentSearch
}

const ours = (listing: Listing, login: string): IssueComment[] =>
  listing.marked.filter((comment) => comment.user?.login === login)

export async function upsertComment(
  octokit: GitHubClient,
  repo: RepoRef,
  options: UpsertOptions
): Promise<CommentOutcome> {
  const { logger } = options
  try {
    const [identity, listing] = await Promise.all([options.search.identity, options.search.listing])
    const mine = ours(listing, identity.login)
    const existing = mine[0] ?? null
    if (existing === null && !options.wanted) {
      return { action: 'none', url: null, reason: 'nothing to report and no earlier comment' }
    }
    if (existing === null && listing.capped) {
      const reason =
        `Not posting the pull request comment: the pull request has more than ${String(MAX_COMMENT_PAGES * 100)} comments ` +
        'and an earlier comment of this action may be among those not read; posting could duplicate it. The job summary has the full report.'
      logger.warning(reason)
      return { action: 'failed', url: null, reason }
    }

    const withShortFallback = async <T>(write: (body: string) => Promise<T>): Promise<T> => {
      try {
        return await write(options.render(false))
      } catch (error) {
        if (httpStatus(error) !== 422 || !/too long/i.test(getErrorMessage(error))) throw error
        logger.warning('GitHub refused the comment as too long; posting a shortened one')
        return await write(options.render(true))
      }
    }

    if (existing !== null) {
      const updated = await withShortFallback(async (body) => {
        try {
          return await update(octokit, repo, existing, body)
        } catch (error) {
          // Deleted since it was listed: post it again (below).
          if (httpStatus(error) === 404) return null
          throw error
        }
      })
      if (updated !== null) {
        await removeExtras(octokit, repo, mine.slice(1), updated, logger)
        return { action: 'updated', url: updated.html_url }
      }
      logger.info('Our earlier comment was deleted meanwhile; posting it again')
    }

    const { created, body } = await withShortFallback(async (text) => ({
      created: await create(octokit, repo, { ...options, identity: identity.login }, text),
      body: text
    }))
    // The create's answer says who we are, whatever the identity look-up said. List again: a run
    // at the same time (or a create whose first answer was lost) may have posted too; the oldest
    // of ours stays, with this run's text, and the others go.
    const login = created.user?.login ?? identity.login
    const after = await listMarked(octokit, repo, options).catch((error: unknown) => {
      logger.warning(
        `Could not list the comments again after posting: ${firstLine(getErrorMessage(error))}`
      )
      return null
    })
    const now = after === null ? [] : ours(after, login)
    const keep = now[0] ?? created
    let kept = created
    if (BigInt(keep.id) !== BigInt(created.id)) kept = await update(octokit, repo, keep, body)
    await removeExtras(
      octokit,
      repo,
      now.filter((comment) => BigInt(comment.id) !== BigInt(keep.id)),
      kept,
      logger
    )
    return { action: kept === created ? 'created' : 'updated', url: kept.html_url }
  } catch (error) {
    const reason = describeCommentError(error)
    logger.warning(reason)
    return { action: 'failed', url: null, reason }
  }
}

/**
 * `comment: never` with an earlier comment of ours: it is deleted, so no report that is no longer
 * maintained stays on the pull request. Nothing is done when there is none (or it cannot be told).
 */
export async function retireComment(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { search: CommentSearch; logger: Logger }
): Promise<number> {
  try {
    const [identity, listing] = await Promise.all([options.search.identity, options.search.listing])
    const mine = ours(listing, identity.login)
    for (const comment of mine) await deleteComment(octokit, repo, comment)
    if (mine.length > 0)
      options.logger.info(
        `comment: never — deleted ${String(mine.length)} earlier comment(s) of this action`
      )
    return mine.length
  } catch (error) {
    options.logger.warning(
      `comment: never — could not delete the earlier comment of this action: ${firstLine(getErrorMessage(error))}`
    )
    return 0
  }
}

async function listMarked(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { number: number; marker: string }
): Promise<Listing> {
  const marked: IssueComment[] = []
  let pages = 0
  const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: options.number,
    per_page: 100
  })
  for await (const page of iterator) {
    pages += 1
    for (const raw of page.data) {
      const comment = issueComment.safeParse(raw)
      if (comment.success && comment.data.body?.includes(options.marker) === true)
        marked.push(comment.data)
    }
    const more = /\brel="next"/.test(page.headers.link ?? '')
    if (pages >= MAX_COMMENT_PAGES && more) return { marked, capped: true }
  }
  return { marked, capped: false }
}

async function update(
  octokit: GitHubClient,
  repo: RepoRef,
  comment: IssueComment,
  body: string
): Promise<IssueComment> {
  const response = await octokit.rest.issues.updateComment({
    ...repo,
    comment_id: Number(comment.id),
    body
  })
  return issueComment.parse(response.data)
}

/**
 * A create is not idempotent: retrying a POST whose answer was lost (5xx, reset) can post twice.
 * Send it without the retry plugin, and after a failure look again before resending once.
 */
async function create(
  octokit: GitHubClient,
  repo: RepoRef,
  options: { number: number; marker: string; identity: string; logger: Logger },
  body: string
): Promise<IssueComment> {
  const post = async (): Promise<IssueComment> => {
    const response = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: options.number,
      body,
      request: { retries: 0 }
    })
    return issueComment.parse(response.data)
  }
  try {
    return await post()
  } catch (error) {
    const status = httpStatus(error)
    if (status !== null && status < 500 && status !== 429) throw error
    const landed = ours(await listMarked(octokit, repo, options), options.identity)[0]
    if (landed !== undefined) return landed
    options.logger.warning(
      `Creating the comment failed (${firstLine(getErrorMessage(error))}); trying once more`
    )
    return await post()
  }
}

async function deleteComment(
  octokit: GitHubClient,
  repo: RepoRef,
  comment: IssueComment
): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: Number(comment.id) })
  } catch (error) {
    if (httpStatus(error) !== 404) throw error
  }
}

/** Duplicates of ours go: deleted, or, when that is refused, emptied of the report and the marker. */
async function removeExtras(
  octokit: GitHubClient,
  repo: RepoRef,
  extras: IssueComment[],
  kept: IssueComment,
  logger: Logger
): Promise<void> {
  for (const extra of extras) {
    try {
      await deleteComment(octokit, repo, extra)
    } catch (error) {
      try {
        await update(octokit, repo, extra, `Superseded by ${kept.html_url}`)
      } catch {
        logger.warning(
          `Could not remove a duplicate comment of this action (${extra.html_url}): ${firstLine(getErrorMessage(error))}`
        )
      }
    }
  }
}

function describeCommentError(error: unknown): string {
  const status = httpStatus(error)
  const message = firstLine(getErrorMessage(error))
  // Not a permission problem: GitHub refuses every new comment on a locked conversation.
  if (status === 403 && /\bis locked\b/i.test(message)) {
    return (
      `Could not write the pull request comment: the conversation is locked (HTTP 403: ${message}). ` +
      'The job summary holds the full report.'
    )
  }
  if (status === 403 && !/rate limit/i.test(message)) {
    const accepted = errorHeaders(error)['x-accepted-github-permissions']
    return (
      `Could not write the pull request comment (HTTP 403: ${message}). ` +
      `The token needs \`pull-requests: write\` (or \`issues: write\`)${accepted ? ` [GitHub accepts: ${accepted}]` : ''}. ` +
      'Pull requests from forks get a read-only token under `pull_request`; use `pull_request_target` ' +
      '(safe here: this action reads Cargo files through the API and never runs pull request code). ' +
      'The job summary has the full report.'
    )
  }
  return `Could not write the pull request comment${status === null ? '' : ` (HTTP ${String(status)})`}: ${message}. The job summary has the full report.`
}
