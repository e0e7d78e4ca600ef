// The fake GitHub's check runs, as GitHub's REST docs ("Check runs") describe them: create on a
// commit the repository knows (`POST /repos/{o}/{r}/check-runs`), update by id (`PATCH …/{id}`,
// annotations appended), list a commit's runs by name (`GET /repos/{o}/{r}/commits/{ref}/
// check-runs?check_name=`), list a run's annotations (`GET …/{id}/annotations`, paginated).
// `checks: write` is needed to write (403 with the accepted-permissions
// header otherwise); output needs title and summary; at most 50 annotations per request, each
// with path, start_line, end_line, a notice|warning|failure level and a message, and columns only
// on one line; a conclusion completes the run.
import type { FakeRepo } from './fake-github.js'

export interface FakeAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  title?: string
  message: string
}

export interface FakeCheckRun {
  id: number
  name: string
  head_sha: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  annotations: FakeAnnotation[]
  /** How many create/update requests wrote to it. */
  writes: number
}

type Answer = (status: number, payload: unknown, headers?: Record<string, string>) => void

const DOCS = 'https://docs.github.com/rest/checks/runs'
const LEVELS = new Set(['notice', 'warning', 'failure'])
const CONCLUSIONS = new Set([
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out'
])
let nextId = 5_000_000

function invalid(answer: Answer, message: string, doc: string): void {
  answer(422, { message, documentation_url: `${DOCS}#${doc}`, status: '422' })
}

function runJson(origin: string, repo: FakeRepo, run: FakeCheckRun) {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    url: `${origin}/repos/${repo.owner}/${repo.name}/check-runs/${String(run.id)}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/runs/${String(run.id)}`,
    output: { ...run.output, annotations_count: run.annotations.length }
  }
}

/** Checks one request body's output; an error message, or null when GitHub would take it. */
function outputProblem(output: unknown): string | null {
  if (output === undefined) return null
  if (typeof output !== 'object' || output === null) return 'Invalid request.'
  const { title, summary, annotations } = output as Record<string, unknown>
  if (typeof title !== 'string' || typeof summary !== 'string') {
    return 'Invalid request.\n\n"title" and "summary" are required keys in "output".'
  }
  if (annotations === undefined) return null
  if (!Array.isArray(annotations)) return 'Invalid request.'
  if (annotations.length > 50) return 'Only 50 annotations are allowed per request.'
  for (const raw of annotations as Record<string, unknown>[]) {
    const ok =
      typeof raw.path === 'string' &&
      raw.path !== '' &&
      Number.isInteger(raw.start_line) &&
      Number.isInteger(raw.end_line) &&
      (raw.start_line as number) >= 1 &&
      (raw.end_line as number) >= (raw.start_line as number) &&
      typeof raw.annotation_level === 'string' &&
      LEVELS.has(raw.annotation_level) &&
      typeof raw.message === 'string'
    if (!ok) return 'Invalid request.\n\nFor annotation: invalid or missing keys.'
    const columns = raw.start_column !== undefined || raw.end_column !== undefined
    if (columns && raw.start_line !== raw.end_line) {
      return 'Invalid request.\n\nstart_column and end_column may only be given when start_line and end_line are equal.'
    }
  }
  return null
}

function apply(run: FakeCheckRun, fields: Record<string, unknown>): void {
  if (typeof fields.name === 'string') run.name = fields.name
  if (typeof fields.status === 'string') run.status = fields.status as FakeCheckRun['status']
  if (typeof fields.conclusion === 'string') {
    run.conclusion = fields.conclusion
    run.status = 'completed'
  }
  const output = fields.output as
    { title: string; summary: string; text?: string; annotations?: FakeAnnotation[] } | undefined
  if (output !== undefined) {
    run.output = { title: output.title, summary: output.summary, text: output.text ?? null }
    // Appended, not replaced (GitHub's docs for the update endpoint).
    run.annotations.push(...(output.annotations ?? []))
  }
  run.writes += 1
}

/** Answers a checks request for `repo` (rest = the path after /repos/{o}/{r}); false if not one. */
export function answerChecks(options: {
  method: string
  rest: readonly string[]
  query: URLSearchParams
  body: string
  repo: FakeRepo
  canWrite: boolean
  origin: string
  answer: Answer
  /** The fake's pagination (per_page, page, absolute Link headers). */
  page: (items: unknown[]) => void
}): boolean {
  const { method, rest, repo, answer, origin } = options
  const [head, ...tail] = rest
  const forbidden = (doc: string) => {
    answer(
      403,
      {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}#${doc}`,
        status: '403'
      },
      { 'x-accepted-github-permissions': 'checks=write' }
    )
  }
  const parse = (): Record<string, unknown> | null => {
    try {
      const value = JSON.parse(options.body) as unknown
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : null
    } catch {
      return null
    }
  }
  if (head === 'commits' && tail.length === 2 && tail[1] === 'check-runs' && method === 'GET') {
    const ref = tail[0] ?? ''
    const name = options.query.get('check_name')
    const runs = repo.checkRuns
      .filter((run) => run.head_sha === ref && (name === null || run.name === name))
      .sort((a, b) => b.id - a.id)
    answer(200, {
      total_count: runs.length,
      check_runs: runs.map((run) => runJson(origin, repo, run))
    })
    return true
  }
  if (head !== 'check-runs') return false
  if (tail.length === 2 && tail[1] === 'annotations' && method === 'GET') {
    const run = repo.checkRuns.find((candidate) => String(candidate.id) === tail[0])
    if (run === undefined) {
      answer(404, {
        message: 'Not Found',
        documentation_url: `${DOCS}#list-check-run-annotations`,
        status: '404'
      })
      return true
    }
    options.page(
      run.annotations.map((a) => ({
        path: a.path,
        start_line: a.start_line,
        end_line: a.end_line,
        start_column: a.start_column ?? null,
        end_column: a.end_column ?? null,
        annotation_level: a.annotation_level,
        title: a.title ?? null,
        message: a.message,
        raw_details: null,
        blob_href: `https://github.com/${repo.owner}/${repo.name}/blob/${run.head_sha}/${a.path}`
      }))
    )
    return true
  }
  if (tail.length === 0 && method === 'POST') {
    if (!options.canWrite) {
      forbidden('create-a-check-run')
      return true
    }
    const fields = parse()
    if (fields === null) {
      answer(400, {
        message: 'Problems parsing JSON',
        documentation_url: `${DOCS}#create-a-check-run`
      })
      return true
    }
    if (typeof fields.name !== 'string' || typeof fields.head_sha !== 'string') {
      invalid(
        answer,
        'Invalid request.\n\n"name" and "head_sha" are required.',
        'create-a-check-run'
      )
      return true
    }
    if (!repo.commits.has(fields.head_sha)) {
      invalid(answer, `No commit found for SHA: ${fields.head_sha}`, 'create-a-check-run')
      return true
    }
    if (typeof fields.conclusion === 'string' && !CONCLUSIONS.has(fields.conclusion)) {
      invalid(answer, 'Invalid request.', 'create-a-check-run')
      return true
    }
    const problem = outputProblem(fields.output)
    if (problem !== null) {
      invalid(answer, problem, 'create-a-check-run')
      return true
    }
    const run: FakeCheckRun = {
      id: nextId++,
      name: fields.name,
      head_sha: fields.head_sha,
      status: 'queued',
      conclusion: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      writes: 0
    }
    apply(run, fields)
    repo.checkRuns.push(run)
    answer(201, runJson(origin, repo, run))
    return true
  }
  if (tail.length === 1 && method === 'PATCH') {
    const run = repo.checkRuns.find((candidate) => String(candidate.id) === tail[0])
    if (run === undefined) {
      answer(404, {
        message: 'Not Found',
        documentation_url: `${DOCS}#update-a-check-run`,
        status: '404'
      })
      return true
    }
    if (!options.canWrite) {
      forbidden('update-a-check-run')
      return true
    }
    const fields = parse()
    const problem = fields === null ? 'Problems parsing JSON' : outputProblem(fields.output)
    if (fields === null || problem !== null) {
      invalid(answer, problem ?? 'Invalid request.', 'update-a-check-run')
      return true
    }
    apply(run, fields)
    answer(200, runJson(origin, repo, run))
    return true
  }
  return false
}
