// A check run on the pull request's head commit carrying every annotation. Under
// `pull_request_target` the job's own annotations attach to the base branch's commit and never
// show on the PR's diff; a check run on the head SHA does (GitHub REST "Check runs": create, update,
// list for a ref; at most 50 annotations per request, further ones appended by updates).
// Needs `checks: write`; without it the log says once how to grant it and the job goes on.
import * as z from 'zod'
import type { Annotation } from '../render/annotations.js'
import { firstLine, getErrorMessage } from '../core/errors.js'
import { errorHeaders, httpStatus, type GitHubClient } from './octokit.js'
import type { RepoRef } from './github-files.js'

/** GitHub takes at most this many annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50

export interface CheckRunOptions {
  name: string
  headSha: string
  title: string
  /** Markdown, short: the verdict and the counts (the comment has the rest). */
  summary: string
  conclusion: 'success' | 'neutral' | 'failure'
  annotations: readonly Annotation[]
}

export type CheckRunOutcome =
  | { action: 'created' | 'updated'; id: number; url: string | null; requests: number }
  | { action: 'forbidden' | 'failed'; reason: string }

const LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const

/** GitHub's limits on one annotation's text fields (characters). */
const MAX_TITLE = 255
const MAX_MESSAGE = 64 * 1024

const checkRunJson = z.looseObject({
  id: z.union([z.number(), z.bigint()]).transform(Number),
  html_url: z.string().nullable().optional()
})
const listJson = z.looseObject({ check_runs: z.array(checkRunJson) })
const annotationJson = z.looseObject({
  path: z.string(),
  start_line: z.number(),
  end_line: z.number(),
  annotation_level: z.string().nullable(),
  title: z.string().nullable().optional(),
  message: z.string().nullable()
})
/** Pages of an existing run's annotations read on a re-run (100 each). */
const MAX_ANNOTATION_PAGES = 30

type ApiAnnotation = ReturnType<typeof toApi>

function annotationKey(a: {
  path: string
  start_line: number
  end_line: number
  annotation_level: string | null
  title?: string | null
  message: string | null
}): string {
  return JSON.stringify([
    a.path,
    a.start_line,
    a.end_line,
    a.annotation_level,
    a.title ?? '',
    a.message ?? ''
  ])
}

/**
 * An update appends its annotations to the run's (GitHub's docs): on a re-run, the ones the run
 * already has are not sent again.
 */
async function alreadyThere(
  octokit: GitHubClient,
  repo: RepoRef,
  id: number
): Promise<{ keys: Set<string>; pages: number }> {
  const keys = new Set<string>()
  let pages = 0
  for await (const response of octokit.paginate.iterator(octokit.rest.checks.listAnnotations, {
    ...repo,
    check_run_id: id,
    per_page: 100
  })) {
    for (const item of z.array(annotationJson).parse(response.data)) keys.add(annotationKey(item))
    if (++pages >= MAX_ANNOTATION_PAGES) break
  }
  return { keys, pages }
}

function toApi(annotation: Annotation) {
  const line = annotation.startLine ?? 1
  return {
    path: annotation.file,
    start_line: line,
    end_line: annotation.endLine ?? line,
    ...(annotation.startColumn !== undefined && annotation.endColumn !== undefined
      ? { start_column: annotation.startColumn, end_column: annotation.endColumn }
      : {}),
    annotation_level: LEVEL[annotation.level],
    title: annotation.title.slice(0, MAX_TITLE),
    message: annotation.message.slice(0, MAX_MESSAGE)
  }
}

/** Creates the run (or updates the one of this name on the head SHA); never throws. */
export async function publishCheckRun(
  octokit: GitHubClient,
  repo: RepoRef,
  options: CheckRunOptions
): Promise<CheckRunOutcome> {
  // Only annotations on a file: the overflow notice of the step has none, and the run has room.
  let annotations = options.annotations.filter((a) => a.file !== '').map(toApi)
  const batches: ApiAnnotation[][] = []
  const output = (batch: ApiAnnotation[] | undefined) => ({
    title: options.title,
    summary: options.summary,
    ...(batch === undefined ? {} : { annotations: batch })
  })
  let requests = 0
  try {
    requests += 1
    const listed = listJson.parse(
      (
        await octokit.rest.checks.listForRef({
          ...repo,
          ref: options.headSha,
          check_name: options.name,
          filter: 'latest',
          per_page: 1
        })
      ).data
    )
    const existing = listed.check_runs[0]
    if (existing !== undefined) {
      const known = await alreadyThere(octokit, repo, existing.id)
      requests += Math.max(1, known.pages)
      annotations = annotations.filter((a) => !known.keys.has(annotationKey(a)))
    }
    for (let at = 0; at < annotations.length; at += ANNOTATIONS_PER_REQUEST) {
      batches.push(annotations.slice(at, at + ANNOTATIONS_PER_REQUEST))
    }
    const body = {
      ...repo,
      name: options.name,
      status: 'completed' as const,
      conclusion: options.conclusion,
      output: output(batches[0])
    }
    requests += 1
    const run = checkRunJson.parse(
      existing === undefined
        ? (await octokit.rest.checks.create({ ...body, head_sha: options.headSha })).data
        : (await octokit.rest.checks.update({ ...body, check_run_id: existing.id })).data
    )
    for (const batch of batches.slice(1)) {
      requests += 1
      await octokit.rest.checks.update({ ...repo, check_run_id: run.id, output: output(batch) })
    }
    return {
      action: existing === undefined ? 'created' : 'updated',
      id: run.id,
      url: run.html_url ?? null,
      requests
    }
  } catch (error) {
    const status = httpStatus(error)
    const message = firstLine(getErrorMessage(error))
    if (status === 403 && !/rate limit/i.test(message)) {
      const accepted = errorHeaders(error)['x-accepted-github-permissions']
      return {
        action: 'forbidden',
        reason:
          `No check run on the head commit (HTTP 403: ${message}): the token needs \`checks: write\`` +
          `${accepted ? ` [GitHub accepts: ${accepted}]` : ''}. Add \`checks: write\` to the workflow's ` +
          '`permissions:` to see the findings on the pull request\'s "Files changed" under `pull_request_target`; ' +
          'the comment and the job summary have them meanwhile.'
      }
    }
    return {
      action: 'failed',
      reason: `No check run on the head commit${status === null ? '' : ` (HTTP ${String(status)})`}: ${message}`
    }
  }
}
