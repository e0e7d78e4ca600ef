// What the runner tells the action through its environment, validated in one place.
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as z from 'zod'
import { ConfigurationError, getErrorMessage } from '../core/errors.js'
import type { RepoRef } from './github-files.js'

export interface RunnerEnvironment {
  eventName: string
  payload: unknown
  repo: RepoRef
  apiUrl: string
  serverUrl: string
  workspace: string
  temp: string
  /** Link to this workflow run, for "see the job summary" notes. */
  runUrl: string | null
}

const repository = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/)

export type Environment = Readonly<Record<string, string | undefined>>

export function readRunnerEnvironment(env: Environment = process.env): RunnerEnvironment {
  const parsedRepo = repository.safeParse(env.GITHUB_REPOSITORY ?? '')
  if (!parsedRepo.success) {
    throw new ConfigurationError(
      'GITHUB_REPOSITORY is not set to owner/name; is this running in GitHub Actions?'
    )
  }
  const [owner = '', repo = ''] = parsedRepo.data.split('/')
  const eventPath = env.GITHUB_EVENT_PATH ?? ''
  let payload: unknown = {}
  if (eventPath !== '' && existsSync(eventPath)) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8'))
    } catch (error) {
      throw new ConfigurationError(
        `GITHUB_EVENT_PATH ${eventPath} is not valid JSON: ${getErrorMessage(error)}`
      )
    }
  }
  const serverUrl = (env.GITHUB_SERVER_URL ?? '').replace(/\/+$/, '') || 'https://github.com'
  const runId = env.GITHUB_RUN_ID ?? ''
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    repo: { owner, repo },
    apiUrl: (env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || 'https://api.github.com',
    serverUrl,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    temp: env.RUNNER_TEMP ?? tmpdir(),
    runUrl: /^\d+$/.test(runId) ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : null
  }
}
