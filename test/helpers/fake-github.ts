// A loopback fake of GitHub's REST API, as GitHub's REST docs and recorded answers describe it:
// auth required, JSON content type, percent-decoded paths, per_page/page with absolute Link
// headers in the /repositories/{id}/… form (routed too), diff-entries, base64 contents wrapped
// every 60 characters, `encoding: "none"` over 1 MB, the raw media type, git trees and blobs,
// sticky-comment endpoints with GitHub's errors, read-only tokens, rate limits and 5xx modes.
// POST /graphql (and GHES's /api/graphql) answers the blob query (fake-github-graphql.ts)
// on its own rate-limit budget. Fault modes cover the answers a flaky network or GitHub gives:
// resets mid-body, empty 200s, stalls, GraphQL's 200-with-errors rate limit, partial results.
// Every request is recorded.
import { connectionFault, takeFault, type Fault as BaseFault } from './faults.js'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, relative, sep } from 'node:path'
import { answerGraphql } from './fake-github-graphql.js'
import { answerChecks, type FakeCheckRun } from './fake-github-checks.js'

export type Files = Map<string, Buffer>

export interface FakeComment {
  id: number
  body: string
  /** null: the author's account was deleted (GitHub shows "ghost"; the API gives null). */
  user: { login: string; id: number; type: 'Bot' | 'User' } | null
  created_at: string
  updated_at: string
}

export interface FakePull {
  number: number
  base: string
  head: string
  comments: FakeComment[]
  /** A locked conversation: creating a comment answers 403 (runtime contract §"Locked conversation"). */
  locked?: boolean
}

export interface FakeRepo {
  id: number
  owner: string
  name: string
  commits: Map<string, Files>
  pulls: Map<number, FakePull>
  /** Check runs created through the API (fake-github-checks.ts). */
  checkRuns: FakeCheckRun[]
  /**
   * Per commit, the paths that are symbolic links: git stores a link as a blob holding its target
   * path (the bytes in `commits`), with mode 120000 in the tree (REST trees API; GraphQL's
   * `object(expression:)` answers the blob's text, the target).
   */
  links?: Map<string, ReadonlySet<string>>
}

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  status: number
}

/**
 * `forbidden`: a plain 403 (no rate-limit signal), as for a token without `contents: read`.
 * `not-found`: 404 (e.g. /graphql where GraphQL is off). `server-error` on /graphql sends the
 * 502 "Something went wrong while executing your query" body. `graphql-rate-limited`: HTTP 200
 * with a RATE_LIMITED error and `x-ratelimit-remaining: 0`. `graphql-resource-limits`: the query
 * runs, but aliases past the first `after` are null with RESOURCE_LIMITS_EXCEEDED errors naming
 * them. `reset-mid-body`: the real answer's headers and half its body, then the connection is
 * destroyed. `empty-body`: the real status and headers, no body. `stall`: no answer at all.
 */
export type FaultKind =
  | 'primary-rate-limit'
  | 'secondary-rate-limit'
  | 'server-error'
  | 'forbidden'
  | 'not-found'
  | 'graphql-rate-limited'
  | 'graphql-resource-limits'
  | 'reset-mid-body'
  | 'empty-body'
  | 'stall'
/** A GitHub fault; `status` is 403 or 429 for rate limits, 500/502/503 for server errors. */
export interface Fault extends BaseFault<FaultKind> {
  /** How many matching requests fail before the fault is spent (always given here). */
  times: number
  /** Only requests whose method + path match (e.g. /GET .*\/contents\//). Default: all. */
  match?: RegExp
  /** graphql-resource-limits: aliases answered before the limit. */
  after?: number
}

export interface FakeGitHubOptions {
  /** token → permission. Default: `{ 'ghs_write': 'write', 'ghs_read': 'read' }`. */
  tokens?: Record<string, 'write' | 'read'>
  /** For files over 1 MB asked as JSON: the current `encoding: "none"` answer or the older 403. */
  largeFiles?: 'encoding-none' | 'too-large-403'
  /** Answer contents requests with JSON even when the raw media type is asked for. */
  ignoreRawMediaType?: boolean
  /** token → the user its comments are written as (default: github-actions[bot]). */
  authors?: Record<string, NonNullable<FakeComment['user']>>
  /** A broken or hostile server: every page of a PR's file list is full and links a next one. */
  endlessFileList?: boolean
  /** Tokens granted `checks: write`. Default: every `write` token. */
  checksWrite?: readonly string[]
}

const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const }
const ONE_MB = 1024 * 1024

export interface FakeGitHub {
  url: string
  requests: RecordedRequest[]
  repos: Map<string, FakeRepo>
  faults: Fault[]
  options: FakeGitHubOptions
  addRepo(owner: string, name: string): FakeRepo
  /** Adds a commit with these files; returns its SHA. */
  addCommit(repo: FakeRepo, files: Files, links?: readonly string[]): string
  addPull(repo: FakeRepo, number: number, base: string, head: string): FakePull
  close(): Promise<void>
}

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(`blob ${String(content.length)}\0`)
    .update(content)
    .digest('hex')
}

/** Every file under `dir`, keyed by its forward-slash relative path. */
export function readFolder(dir: string): Files {
  const files: Files = new Map()
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name)
      if (statSync(full).isDirectory()) walk(full)
      else files.set(relative(dir, full).split(sep).join('/'), readFileSync(full))
    }
  }
  walk(dir)
  return files
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const tokens = options.tokens ?? { ghs_write: 'write', ghs_read: 'read' }
  const repos = new Map<string, FakeRepo>()
  const requests: RecordedRequest[] = []
  const faults: Fault[] = []
  let nextRepoId = 1000
  // Above any id a test seeds, so created comments sort after them, as on GitHub.
  let nextCommentId = 1_000_000
  let origin = ''
  let used = 0
  let graphqlUsed = 0
  const bodyFaults = new WeakMap<ServerResponse, FaultKind>()

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', origin)
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        status: 0
      }
      requests.push(record)
      const answer = (
        status: number,
        payload: unknown,
        headers: Record<string, string> = {}
      ): void => {
        record.status = status
        send(res, status, JSON.stringify(payload), {
          'content-type': 'application/json; charset=utf-8',
          ...headers
        })
      }
      try {
        route(req, res, url, body, record, answer)
      } catch (error) {
        answer(500, { message: `fake crashed: ${String(error)}` })
      }
    })
  })

  const rateHeaders = (remaining: number, resource = 'core'): Record<string, string> => ({
    'x-ratelimit-limit': '1000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-used': String(resource === 'graphql' ? graphqlUsed : used),
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
    'x-ratelimit-resource': resource
  })

  const send = (
    res: ServerResponse,
    status: number,
    payload: string | Buffer,
    headers: Record<string, string>
  ): void => {
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload
    const all = {
      ...rateHeaders(Math.max(0, 1000 - used)),
      ...headers,
      'content-length': String(bytes.length)
    }
    const fault = bodyFaults.get(res)
    if (fault === 'empty-body') {
      res.writeHead(status, { ...all, 'content-length': '0' })
      res.end()
    } else if (fault === 'reset-mid-body') {
      res.writeHead(status, all)
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)))
      setTimeout(() => res.socket?.destroy(), 5)
    } else {
      res.writeHead(status, all)
      res.end(bytes)
    }
  }

  const route = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: string,
    record: RecordedRequest,
    answer: (status: number, payload: unknown, headers?: Record<string, string>) => void
  ): void => {
    const isGraphql = url.pathname === '/graphql' || url.pathname === '/api/graphql'
    if (isGraphql) graphqlUsed += 1
    else used += 1
    const auth = req.headers.authorization ?? ''
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(auth)?.[1]
    const permission = token === undefined ? undefined : tokens[token]
    if (permission === undefined) {
      if (isGraphql && token === undefined) {
        answer(401, {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url:
            'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql'
        })
      } else {
        answer(401, {
          message: 'Bad credentials',
          documentation_url: `https://docs.github.com/${isGraphql ? 'graphql' : 'rest'}`
        })
      }
      return
    }
    const method = req.method ?? 'GET'
    const fault = takeFault(
      faults,
      (candidate) => candidate.match?.test(`${method} ${url.pathname}`) ?? true
    )
    let resourceLimitAfter: number | undefined
    if (fault !== undefined) {
      if (connectionFault(fault.kind, req)) return
      if (fault.kind === 'reset-mid-body' || fault.kind === 'empty-body') {
        bodyFaults.set(res, fault.kind)
      } else if (fault.kind === 'graphql-resource-limits') {
        resourceLimitAfter = fault.after ?? 1
      }
    }
    const graphqlHeaders = (remaining: number): Record<string, string> =>
      rateHeaders(remaining, 'graphql')
    if (fault !== undefined && !bodyFaults.has(res) && resourceLimitAfter === undefined) {
      if (fault.kind === 'server-error' && isGraphql) {
        answer(
          fault.status ?? 502,
          {
            data: null,
            errors: [
              {
                message:
                  'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `ABCD:1234:5678` when reporting this issue.'
              }
            ]
          },
          graphqlHeaders(1000 - graphqlUsed)
        )
      } else if (fault.kind === 'server-error') {
        answer(fault.status ?? 502, { message: 'Server Error' })
      } else if (fault.kind === 'not-found') {
        notFound(answer)
      } else if (fault.kind === 'graphql-rate-limited') {
        answer(
          200,
          {
            errors: [
              {
                type: 'RATE_LIMITED',
                message: 'API rate limit exceeded for installation ID 1.'
              }
            ]
          },
          graphqlHeaders(0)
        )
      } else if (fault.kind === 'forbidden') {
        answer(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
          status: '403'
        })
      } else if (fault.kind === 'primary-rate-limit') {
        answer(
          fault.status ?? 403,
          {
            message: 'API rate limit exceeded for installation ID 1.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
          },
          rateHeaders(0)
        )
      } else {
        answer(
          fault.status ?? 403,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
          },
          { 'retry-after': '1' }
        )
      }
      return
    }

    if (isGraphql) {
      if (method !== 'POST') {
        notFound(answer)
        return
      }
      const reply = answerGraphql(body, repos, { resourceLimitAfter })
      answer(reply.status, reply.payload, graphqlHeaders(Math.max(0, 1000 - graphqlUsed)))
      return
    }

    // Percent-decode each segment: octokit sends contents/crates%2Ffoo%2FCargo.toml.
    const segments = url.pathname
      .split('/')
      .slice(1)
      .map((segment) => decodeURIComponent(segment))
    let repo: FakeRepo | undefined
    let rest: string[]
    if (segments[0] === 'repos' && segments.length >= 3) {
      repo = repos.get(`${segments[1] ?? ''}/${segments[2] ?? ''}`.toLowerCase())
      rest = segments.slice(3)
    } else if (segments[0] === 'repositories' && segments.length >= 2) {
      repo = [...repos.values()].find((candidate) => String(candidate.id) === segments[1])
      rest = segments.slice(2)
    } else if (segments[0] === 'user' && segments.length === 1) {
      answer(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403'
      })
      return
    } else {
      notFound(answer)
      return
    }
    if (repo === undefined) {
      notFound(answer)
      return
    }
    const pageOf = (items: unknown[]): void => {
      const perPage = Math.min(
        100,
        Math.max(1, Number(url.searchParams.get('per_page') ?? '30') || 30)
      )
      const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1)
      const last = Math.max(1, Math.ceil(items.length / perPage))
      const headers: Record<string, string> = {}
      if (last > 1) {
        const link = (n: number): string => {
          const next = new URL(
            `${origin}/repositories/${String(repo.id)}/${rest.map(encodeURIComponent).join('/')}`
          )
          for (const [key, value] of url.searchParams)
            if (key !== 'page') next.searchParams.set(key, value)
          next.searchParams.set('page', String(n))
          return next.toString()
        }
        const rels: string[] = []
        if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`)
        if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
        if (page > 1) rels.push(`<${link(1)}>; rel="first"`)
        headers.link = rels.join(', ')
      }
      answer(200, items.slice((page - 1) * perPage, page * perPage), headers)
    }

    const checks = answerChecks({
      method,
      rest,
      query: url.searchParams,
      body,
      repo,
      canWrite:
        options.checksWrite === undefined
          ? permission === 'write'
          : options.checksWrite.includes(token ?? ''),
      origin,
      answer,
      page: pageOf
    })
    if (checks) return
    const [head, ...tail] = rest
    if (method === 'GET' && head === 'pulls' && tail.length === 2 && tail[1] === 'files') {
      const pull = repo.pulls.get(Number(tail[0]))
      if (pull === undefined) {
        notFound(answer)
        return
      }
      if (options.endlessFileList === true) {
        const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1)
        const next = new URL(
          `${origin}/repositories/${String(repo.id)}/pulls/${tail[0] ?? ''}/files`
        )
        next.searchParams.set('per_page', '100')
        next.searchParams.set('page', String(page + 1))
        const entries = Array.from({ length: 100 }, (_, i) => ({
          sha: fakeSha(`${String(page)}-${String(i)}`),
          filename: `endless/p${String(page)}/f${String(i)}.txt`,
          status: 'added'
        }))
        answer(200, entries, { link: `<${next.toString()}>; rel="next"` })
        return
      }
      pageOf(diffEntries(repo, pull).slice(0, 3000))
      return
    }
    if (method === 'GET' && head === 'contents') {
      const path = tail.join('/')
      const ref = url.searchParams.get('ref') ?? ''
      const files = repo.commits.get(ref)
      if (files === undefined) {
        answer(404, {
          message: `No commit found for the ref ${ref}`,
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
          status: '404'
        })
        return
      }
      const content = files.get(path)
      const accept = req.headers.accept ?? ''
      if (content !== undefined) {
        const raw = /\.raw\b|\.raw\+json/.test(accept) && options.ignoreRawMediaType !== true
        if (raw) {
          record.status = 200
          send(res, 200, content, {
            'content-type': 'application/vnd.github.v3.raw; charset=utf-8',
            'x-github-media-type': 'github.v3; param=raw'
          })
          return
        }
        if (content.length > ONE_MB && options.largeFiles === 'too-large-403') {
          answer(403, {
            message:
              'This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.',
            errors: [{ resource: 'Blob', field: 'data', code: 'too_large' }],
            documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content'
          })
          return
        }
        const large = content.length > ONE_MB
        answer(200, {
          ...contentEntry(repo, ref, path, content),
          encoding: large ? 'none' : 'base64',
          content: large ? '' : wrap60(content.toString('base64'))
        })
        return
      }
      const prefix = path === '' ? '' : `${path}/`
      const children = new Map<string, { type: string; sha: string; size: number }>()
      for (const [file, bytes] of files) {
        if (!file.startsWith(prefix)) continue
        const [child = '', ...deeper] = file.slice(prefix.length).split('/')
        children.set(
          child,
          deeper.length > 0
            ? { type: 'dir', sha: fakeSha(`${ref}:${prefix}${child}`), size: 0 }
            : { type: 'file', sha: gitBlobSha(bytes), size: bytes.length }
        )
      }
      if (children.size === 0) {
        answer(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
          status: '404'
        })
        return
      }
      answer(
        200,
        [...children].map(([name, child]) => ({
          name,
          path: `${prefix}${name}`,
          type: child.type,
          sha: child.sha,
          size: child.size
        }))
      )
      return
    }
    if (method === 'GET' && head === 'git' && tail[0] === 'trees' && tail.length === 2) {
      const files = repo.commits.get(tail[1] ?? '')
      if (files === undefined) {
        notFound(answer)
        return
      }
      const dirs = new Set<string>()
      for (const path of files.keys()) {
        const parts = path.split('/')
        for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'))
      }
      const tree = [
        ...[...dirs].map((path) => ({
          path,
          mode: '040000',
          type: 'tree',
          sha: fakeSha(`${tail[1] ?? ''}:${path}`)
        })),
        ...[...files].map(([path, bytes]) => ({
          path,
          mode: repo.links?.get(tail[1] ?? '')?.has(path) === true ? '120000' : '100644',
          type: 'blob',
          sha: gitBlobSha(bytes),
          size: bytes.length
        }))
      ].sort((a, b) => (a.path < b.path ? -1 : 1))
      answer(200, {
        sha: fakeSha(`tree:${tail[1] ?? ''}`),
        url: `${origin}/repos/${repo.owner}/${repo.name}/git/trees/${tail[1] ?? ''}`,
        tree,
        truncated: false
      })
      return
    }
    if (method === 'GET' && head === 'git' && tail[0] === 'blobs' && tail.length === 2) {
      for (const files of repo.commits.values()) {
        for (const bytes of files.values()) {
          if (gitBlobSha(bytes) === tail[1]) {
            answer(200, {
              sha: tail[1],
              size: bytes.length,
              encoding: 'base64',
              content: wrap60(bytes.toString('base64')),
              node_id: 'B_1'
            })
            return
          }
        }
      }
      notFound(answer)
      return
    }
    if (head === 'issues' && tail.length === 2 && tail[1] === 'comments') {
      const pull = repo.pulls.get(Number(tail[0]))
      if (pull === undefined) {
        notFound(answer)
        return
      }
      if (method === 'GET') {
        pageOf(pull.comments.map((comment) => commentJson(repo, pull, comment)))
        return
      }
      if (method === 'POST') {
        if (permission !== 'write') {
          forbidden(answer, 'create-an-issue-comment')
          return
        }
        if (pull.locked === true) {
          // GitHub's answer for a locked conversation, whatever the token's permissions
          // (renovatebot/renovate#6215, probot/stale#25).
          answer(403, {
            message: 'Unable to create comment because issue is locked.',
            documentation_url: 'https://help.github.com/articles/locking-conversations/'
          })
          return
        }
        const text = parseBody(body)
        if (text === null) {
          answer(422, {
            message: 'Invalid request.',
            documentation_url:
              'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
          })
          return
        }
        if (tooLong(text)) {
          bodyTooLong(answer, 'create-an-issue-comment')
          return
        }
        const now = new Date().toISOString()
        const comment: FakeComment = {
          id: nextCommentId++,
          body: text,
          user: options.authors?.[token ?? ''] ?? BOT,
          created_at: now,
          updated_at: now
        }
        pull.comments.push(comment)
        answer(201, commentJson(repo, pull, comment), {
          location: `${origin}/repos/${repo.owner}/${repo.name}/issues/comments/${String(comment.id)}`
        })
        return
      }
    }
    if (head === 'issues' && tail[0] === 'comments' && tail.length === 2 && method === 'DELETE') {
      const id = Number(tail[1])
      for (const pull of repo.pulls.values()) {
        const index = pull.comments.findIndex((candidate) => candidate.id === id)
        if (index < 0) continue
        if (permission !== 'write') {
          forbidden(answer, 'delete-an-issue-comment')
          return
        }
        pull.comments.splice(index, 1)
        record.status = 204
        res.writeHead(204, rateHeaders(Math.max(0, 1000 - used)))
        res.end()
        return
      }
      notFound(answer)
      return
    }
    if (head === 'issues' && tail[0] === 'comments' && tail.length === 2 && method === 'PATCH') {
      const id = Number(tail[1])
      for (const pull of repo.pulls.values()) {
        const comment = pull.comments.find((candidate) => candidate.id === id)
        if (comment === undefined) continue
        if (permission !== 'write') {
          forbidden(answer, 'update-an-issue-comment')
          return
        }
        const text = parseBody(body)
        if (text === null) {
          answer(422, { message: 'Invalid request.' })
          return
        }
        if (tooLong(text)) {
          bodyTooLong(answer, 'update-an-issue-comment')
          return
        }
        comment.body = text
        comment.updated_at = new Date().toISOString()
        answer(200, commentJson(repo, pull, comment))
        return
      }
      notFound(answer)
      return
    }
    notFound(answer)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`

  return {
    url: origin,
    requests,
    repos,
    faults,
    options,
    addRepo(owner, name) {
      const repo: FakeRepo = {
        id: nextRepoId++,
        owner,
        name,
        commits: new Map(),
        pulls: new Map(),
        checkRuns: []
      }
      repos.set(`${owner}/${name}`.toLowerCase(), repo)
      return repo
    },
    addCommit(repo, files, links = []) {
      const sha = fakeSha(
        [...files]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([path, bytes]) => `${path}:${gitBlobSha(bytes)}`)
          .join('\n') + String(repo.commits.size)
      )
      repo.commits.set(sha, files)
      if (links.length > 0) (repo.links ??= new Map()).set(sha, new Set(links))
      return sha
    },
    addPull(repo, number, base, head) {
      const pull: FakePull = { number, base, head, comments: [] }
      repo.pulls.set(number, pull)
      return pull
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => {
          if (error) reject(error)
          else resolve()
        })
      })
  }
}

function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

function wrap60(base64: string): string {
  return base64.replace(/.{60}/g, '$&\n') + (base64.length % 60 === 0 ? '' : '\n')
}

function notFound(answer: (status: number, payload: unknown) => void): void {
  answer(404, {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
    status: '404'
  })
}

function forbidden(
  answer: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  doc: string
): void {
  answer(
    403,
    {
      message: 'Resource not accessible by integration',
      documentation_url: `https://docs.github.com/rest/issues/comments#${doc}`,
      status: '403'
    },
    { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' }
  )
}

function bodyTooLong(answer: (status: number, payload: unknown) => void, doc: string): void {
  answer(422, {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)'
      }
    ],
    documentation_url: `https://docs.github.com/rest/issues/comments#${doc}`
  })
}

function tooLong(text: string): boolean {
  // Code points: a surrogate pair counts once.
  const codePoints = text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length
  return Buffer.byteLength(text, 'utf8') > 262_144 || codePoints > 65_536
}

function parseBody(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body)
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'body' in parsed &&
      typeof parsed.body === 'string'
    )
      return parsed.body
  } catch {
    // fall through
  }
  return null
}

function contentEntry(
  repo: FakeRepo,
  ref: string,
  path: string,
  content: Buffer
): Record<string, unknown> {
  const sha = gitBlobSha(content)
  const api = `https://api.github.com/repos/${repo.owner}/${repo.name}`
  return {
    type: 'file',
    size: content.length,
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    sha,
    url: `${api}/contents/${path}?ref=${ref}`,
    git_url: `${api}/git/blobs/${sha}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/blob/${ref}/${path}`,
    download_url: `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${path}`,
    _links: {
      self: `${api}/contents/${path}?ref=${ref}`,
      git: `${api}/git/blobs/${sha}`,
      html: `https://github.com/${repo.owner}/${repo.name}/blob/${ref}/${path}`
    }
  }
}

function commentJson(
  repo: FakeRepo,
  pull: FakePull,
  comment: FakeComment
): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: `IC_${String(comment.id)}`,
    url: `https://api.github.com/repos/${repo.owner}/${repo.name}/issues/comments/${String(comment.id)}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${String(pull.number)}#issuecomment-${String(comment.id)}`,
    issue_url: `https://api.github.com/repos/${repo.owner}/${repo.name}/issues/${String(pull.number)}`,
    body: comment.body,
    user: comment.user,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'NONE',
    performed_via_github_app: null
  }
}

/** The pull request's diff-entries, as GitHub lists them (renames detected by identical blobs). */
export function diffEntries(repo: FakeRepo, pull: FakePull): Record<string, unknown>[] {
  const base = repo.commits.get(pull.base) ?? new Map<string, Buffer>()
  const head = repo.commits.get(pull.head) ?? new Map<string, Buffer>()
  const entries: Record<string, unknown>[] = []
  const removed = new Map<string, string>()
  for (const [path, bytes] of base) if (!head.has(path)) removed.set(gitBlobSha(bytes), path)
  const entry = (
    filename: string,
    status: string,
    sha: string | null,
    extra: Record<string, unknown> = {}
  ): Record<string, unknown> => ({
    sha,
    filename,
    status,
    additions: 1,
    deletions: status === 'added' ? 0 : 1,
    changes: 2,
    blob_url: `https://github.com/${repo.owner}/${repo.name}/blob/${pull.head}/${filename}`,
    raw_url: `https://github.com/${repo.owner}/${repo.name}/raw/${pull.head}/${filename}`,
    contents_url: `https://api.github.com/repos/${repo.owner}/${repo.name}/contents/${encodeURIComponent(filename)}?ref=${pull.head}`,
    patch: '@@ -1 +1 @@',
    ...extra
  })
  for (const [path, bytes] of [...head].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sha = gitBlobSha(bytes)
    const before = base.get(path)
    if (before === undefined) {
      const from = removed.get(sha)
      if (from !== undefined) {
        removed.delete(sha)
        entries.push(
          entry(path, 'renamed', sha, {
            previous_filename: from,
            changes: 0,
            additions: 0,
            deletions: 0
          })
        )
      } else {
        entries.push(entry(path, 'added', sha))
      }
    } else if (!before.equals(bytes)) {
      entries.push(entry(path, 'modified', sha))
    }
  }
  for (const path of [...removed.values()].sort()) entries.push(entry(path, 'removed', null))
  return entries
}

/** Real-shaped event payloads (the fields GitHub's webhook docs give `pull_request` events). */
export const payloads = {
  pullRequest(options: {
    owner: string
    repo: string
    number: number
    base: string
    head: string
    changedFiles: number
    fork?: boolean
    headRepoNull?: boolean
  }): Record<string, unknown> {
    const fullName = `${options.owner}/${options.repo}`
    const repository = {
      id: 1,
      name: options.repo,
      full_name: fullName,
      owner: { login: options.owner },
      private: false,
      fork: false,
      default_branch: 'main'
    }
    const headRepo =
      options.headRepoNull === true
        ? null
        : options.fork === true
          ? {
              id: 2,
              name: options.repo,
              full_name: `contributor/${options.repo}`,
              owner: { login: 'contributor' },
              private: false,
              fork: true
            }
          : repository
    return {
      action: 'synchronize',
      number: options.number,
      before: '1111111111111111111111111111111111111111',
      after: options.head,
      pull_request: {
        number: options.number,
        state: 'open',
        draft: false,
        merged: false,
        changed_files: options.changedFiles,
        html_url: `https://github.com/${fullName}/pull/${String(options.number)}`,
        base: {
          label: `${options.owner}:main`,
          ref: 'main',
          sha: options.base,
          user: { login: options.owner, type: 'Organization' },
          repo: repository
        },
        head: {
          label: 'contributor:feature',
          ref: 'feature',
          sha: options.head,
          user: { login: 'contributor', type: 'User' },
          repo: headRepo
        }
      },
      repository,
      sender: { login: 'contributor', type: 'User' }
    }
  },
  mergeGroup(options: {
    owner: string
    repo: string
    base: string
    head: string
  }): Record<string, unknown> {
    return {
      action: 'checks_requested',
      merge_group: {
        head_sha: options.head,
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-42-' + options.base,
        base_sha: options.base,
        base_ref: 'refs/heads/main',
        head_commit: {
          id: options.head,
          tree_id: options.head,
          message: 'Merge',
          timestamp: '2024-01-01T00:00:00Z',
          author: { name: 'a', email: 'a@example.com' },
          committer: { name: 'a', email: 'a@example.com' }
        }
      },
      repository: {
        id: 1,
        name: options.repo,
        full_name: `${options.owner}/${options.repo}`,
        owner: { login: options.owner }
      },
      sender: { login: 'contributor', type: 'User' }
    }
  },
  /** A pull_request event whose payload lacks pull_request (GitHub documents such cases). */
  withoutPullRequest(options: { owner: string; repo: string }): Record<string, unknown> {
    return {
      action: 'opened',
      repository: {
        id: 1,
        name: options.repo,
        full_name: `${options.owner}/${options.repo}`,
        owner: { login: options.owner }
      },
      sender: { login: 'contributor', type: 'User' }
    }
  }
}
