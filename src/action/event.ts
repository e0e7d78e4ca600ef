// Which two revisions to compare, from the workflow event (never GITHUB_SHA: on pull_request it is
// a merge commit, on pull_request_target the default branch's tip).
import * as z from 'zod'
import { ConfigurationError } from '../core/errors.js'

export type EventPlan =
  | {
      kind: 'pull-request'
      number: number
      base: string
      head: string
      /** `changed_files` from the payload, to detect a truncated file listing. */
      changedFiles: number | null
      /** The head lives in another repository (or its fork was deleted). */
      fork: boolean
    }
  | { kind: 'compare'; base: string; head: string; why: string }
  /**
   * Nothing compared. `unknown`: there was something to check but no way to tell what (a payload
   * without usable SHAs, a push that created a branch): under the gate that is incomplete, not green.
   */
  | { kind: 'skip'; reason: string; unknown: boolean }

const sha = z.string().regex(/^[0-9a-f]{40}$/i)
const pullRequestPayload = z.looseObject({
  pull_request: z.looseObject({
    number: z.number().int().positive(),
    changed_files: z.number().int().nonnegative().optional(),
    base: z.looseObject({
      sha,
      repo: z.looseObject({ full_name: z.string() }).nullish()
    }),
    head: z.looseObject({
      sha,
      repo: z.looseObject({ full_name: z.string() }).nullish()
    })
  })
})
const mergeGroupPayload = z.looseObject({
  merge_group: z.looseObject({ base_sha: sha, head_sha: sha })
})
const ZERO_SHA = /^0{40}$/
const pushPayload = z.looseObject({ before: sha, after: sha })

export interface EventInput {
  eventName: string
  payload: unknown
  baseRef: string | null
  headRef: string | null
}

export function planEvent({ eventName, payload, baseRef, headRef }: EventInput): EventPlan {
  // Explicit refs win for every event: they are how other events (and odd setups) are served.
  if (baseRef !== null || headRef !== null) {
    if (baseRef === null || headRef === null) {
      throw new ConfigurationError('base-ref and head-ref must be given together')
    }
    if (eventName !== 'pull_request' && eventName !== 'pull_request_target') {
      return { kind: 'compare', base: baseRef, head: headRef, why: 'base-ref/head-ref inputs' }
    }
  }
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const parsed = pullRequestPayload.safeParse(payload)
      if (!parsed.success) {
        return {
          kind: 'skip',
          reason: `the ${eventName} event payload has no pull_request with base and head SHAs (GitHub leaves it empty in some cases, e.g. for some fork pull requests); nothing was checked`,
          unknown: true
        }
      }
      const pr = parsed.data.pull_request
      const headRepo = pr.head.repo?.full_name ?? null
      const baseRepo = pr.base.repo?.full_name ?? null
      return {
        kind: 'pull-request',
        number: pr.number,
        base: baseRef ?? pr.base.sha,
        head: headRef ?? pr.head.sha,
        changedFiles: pr.changed_files ?? null,
        fork: headRepo === null || headRepo !== baseRepo
      }
    }
    case 'merge_group': {
      const parsed = mergeGroupPayload.safeParse(payload)
      if (!parsed.success) {
        throw new ConfigurationError(
          'the merge_group payload has no merge_group.base_sha/head_sha; set base-ref and head-ref'
        )
      }
      return {
        kind: 'compare',
        base: parsed.data.merge_group.base_sha,
        head: parsed.data.merge_group.head_sha,
        why: 'merge group'
      }
    }
    case 'push': {
      const parsed = pushPayload.safeParse(payload)
      if (!parsed.success) {
        throw new ConfigurationError(
          'the push payload has no before/after SHAs; set base-ref and head-ref'
        )
      }
      if (ZERO_SHA.test(parsed.data.before)) {
        return {
          kind: 'skip',
          reason:
            'this push created a branch: there is no previous commit to compare with (set base-ref to compare with a branch)',
          unknown: true
        }
      }
      if (ZERO_SHA.test(parsed.data.after)) {
        return {
          kind: 'skip',
          reason: 'this push deleted a branch; nothing to check',
          unknown: false
        }
      }
      return { kind: 'compare', base: parsed.data.before, head: parsed.data.after, why: 'push' }
    }
    default:
      throw new ConfigurationError(
        `the ${eventName || 'unknown'} event carries no base and head revisions: set the base-ref and head-ref inputs`
      )
  }
}
