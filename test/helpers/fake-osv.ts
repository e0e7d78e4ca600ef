// A loopback fake of the OSV API (https://google.github.io/osv.dev/api/), serving the real records of
// test/fixtures/osv/. node:http on 127.0.0.1, ephemeral port.
//
// Routes: POST /v1/querybatch, POST /v1/query, GET /v1/vulns/{id}. snake_case JSON; empty arrays
// are left out of served records (as proto3 JSON does) unless `omitEmpty: false`.
// - querybatch: >1000 queries → 400 {"code":3,"message":"too many queries"}; any invalid query
//   (no name, ecosystem other than exactly "crates.io") → the whole batch 400; result order = query
//   order; only id + modified per vuln; `{}` for no match; withdrawn records left out.
// - Paging per query: at most `pageSize` vulns a page, then `next_page_token`; with
//   `tokenOnlyFirstPage` a first page holds only a token. A follow-up must repeat the identical
//   query plus `page_token`, else 400 {"code":3,"message":"invalid cursor"}.
// - GET /v1/vulns/{id}: any record, withdrawn included; unknown → 404
//   {"code":5,"message":"Vulnerability not found"}.
// - Faults (`faults` option or setFaults()), first matching fault with times left wins:
//   status (e.g. 429 + retryAfter, 500, 502, 503), reset (connection destroyed), hang (never
//   answers), truncated (half of the JSON, well-framed), wrong-shape (200 with a body of another
//   shape), fewer-results (querybatch answers one result short), html (200 with a web page, as a
//   proxy or captive portal answers).
// - `delayMs` before every answer; stats count requests per route and the peak concurrency.
import { connectionFault, takeFault, type Fault } from './faults.js'
import { readdirSync, readFileSync } from 'node:fs'
import { listenOnLoopback } from './loopback.js'
import { countInFlight, type Waves } from './waves.js'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

export const FIXTURE_OSV_DIR = join(import.meta.dirname, '..', 'fixtures', 'osv')
export const RUSTSEC_DIR = join(FIXTURE_OSV_DIR, 'rustsec', 'crates')
export const GHSA_DIR = join(FIXTURE_OSV_DIR, 'ghsa', 'crates')

export type FaultKind =
  'status' | 'reset' | 'hang' | 'truncated' | 'wrong-shape' | 'fewer-results' | 'html'

/** A fault on one route (`packages` is the rustsec fake's); a status defaults to 503. */
export interface FakeFault extends Fault<FaultKind> {
  route: 'querybatch' | 'query' | 'vulns' | 'packages' | 'any'
  /** For `status`: a Retry-After header value (seconds or an HTTP date). */
  retryAfter?: string
  /** Only requests about this crate name or advisory id. */
  match?: string
}

export interface FakeStats {
  requests: number
  byRoute: Record<string, number>
  inFlight: number
  maxInFlight: number
  /** Number of queries in each querybatch request received. */
  batchSizes: number[]
  /** Queries that carried a page_token. */
  pageTokenQueries: number
  /** Ids asked for with GET /v1/vulns/{id}, in order. */
  vulnGets: string[]
  /** Crates asked for (rustsec fake). */
  packageGets: string[]
}

export interface FakeOsvOptions {
  /** Folders of OSV JSON files to serve (default: the RustSec export only). */
  dirs?: string[]
  /** Extra records to serve (e.g. hand-made edge cases). */
  records?: unknown[]
  /** Vulns per query page (default 1000, as OSV). */
  pageSize?: number
  /** Every query's first answer holds only a next_page_token. */
  tokenOnlyFirstPage?: boolean
  /** Delay before every answer, in ms. */
  delayMs?: number
  /** Leave empty arrays out of served records (default true). */
  omitEmpty?: boolean
  faults?: FakeFault[]
}

export interface FakeServer {
  url: string
  stats: FakeStats
  setFaults: (faults: FakeFault[]) => void
  setDelay: (ms: number) => void
  resetStats: () => void
  close: () => Promise<void>
}

export interface StoredRecord {
  id: string
  raw: Record<string, unknown>
  withdrawn: boolean
  crates: Set<string>
}

const folders = new Map<string, readonly unknown[]>()
/**
 * A folder's records, read and parsed once per worker (the RustSec export is 1,200 files and each
 * fake used to parse it again). Deep-frozen, as every fake shares them: they are only served.
 */
function recordsIn(dir: string): readonly unknown[] {
  let records = folders.get(dir)
  if (records === undefined) {
    records = readdirSync(dir)
      .sort()
      .filter((name) => name.endsWith('.json'))
      .map((name) => deepFreeze(JSON.parse(readFileSync(join(dir, name), 'utf8'))))
    folders.set(dir, records)
  }
  return records
}

function deepFreeze(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

export function loadRecords(
  dirs: readonly string[],
  extra: readonly unknown[] = []
): StoredRecord[] {
  const raws: unknown[] = [...extra, ...dirs.flatMap(recordsIn)]
  return raws.map((value) => {
    const raw = value as Record<string, unknown>
    const affected = Array.isArray(raw.affected) ? (raw.affected as Record<string, unknown>[]) : []
    const crates = new Set<string>()
    for (const entry of affected) {
      const pkg = entry.package as { ecosystem?: unknown; name?: unknown } | undefined
      if (pkg?.ecosystem === 'crates.io' && typeof pkg.name === 'string') crates.add(pkg.name)
    }
    return {
      id: String(raw.id),
      raw,
      withdrawn: typeof raw.withdrawn === 'string' && raw.withdrawn !== '',
      crates
    }
  })
}

/** proto3 JSON leaves empty lists out. */
export function dropEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmptyArrays)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (Array.isArray(item) && item.length === 0) continue
      out[key] = dropEmptyArrays(item)
    }
    return out
  }
  return value
}

export interface FaultControl {
  faults: FakeFault[]
  delayMs: number
  /** Answers held until a wave of requests is in flight (waves.ts). */
  waves?: Waves
}

export interface Answer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export function newStats(): FakeStats {
  return {
    requests: 0,
    byRoute: {},
    inFlight: 0,
    maxInFlight: 0,
    batchSizes: [],
    pageTokenQueries: 0,
    vulnGets: [],
    packageGets: []
  }
}

function routeFault(control: FaultControl, route: string, subjects: readonly string[]) {
  return takeFault(
    control.faults,
    (fault) =>
      (fault.route === 'any' || fault.route === route) &&
      (fault.match === undefined || subjects.includes(fault.match))
  )
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(response: ServerResponse, answer: Answer, text?: string): void {
  const body = text ?? JSON.stringify(answer.body)
  response.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...answer.headers
  })
  response.end(body)
}

/**
 * Shared server loop of the fakes: counts, delays, applies faults, then lets `route` answer.
 * `route` returns the route name, the subjects (crates / ids) the request is about, and the answer.
 */
export async function startFake(
  control: FaultControl,
  stats: FakeStats,
  route: (
    method: string,
    path: string,
    body: string
  ) => { name: string; subjects: string[]; answer: Answer | 'not-found-text' }
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    void (async () => {
      stats.requests++
      countInFlight(stats, response)
      const body = await readBody(request)
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const { name, subjects, answer } = route(request.method ?? 'GET', url.pathname, body)
      stats.byRoute[name] = (stats.byRoute[name] ?? 0) + 1
      if (control.delayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, control.delayMs))
      }
      if (control.waves !== undefined) await control.waves.wait()
      const fault = routeFault(control, name, subjects)
      if (fault !== undefined && connectionFault(fault.kind, request)) return
      if (fault?.kind === 'status') {
        const status = fault.status ?? 503
        send(response, {
          status,
          body: { code: status === 429 ? 8 : 14, message: `fake fault ${String(status)}` },
          ...(fault.retryAfter === undefined
            ? {}
            : { headers: { 'retry-after': fault.retryAfter } })
        })
        return
      }
      if (fault?.kind === 'html') {
        const page = '<!doctype html><title>Proxy sign-in</title><p>Please sign in.</p>'
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        response.end(page)
        return
      }
      if (answer === 'not-found-text') {
        response.writeHead(404, { 'content-type': 'text/plain' })
        response.end('not found')
        return
      }
      if (fault?.kind === 'wrong-shape') {
        send(response, { status: 200, body: { results: 'not a list', id: 42 } })
        return
      }
      if (fault?.kind === 'fewer-results' && answer.status === 200) {
        const results = (answer.body as { results?: unknown[] }).results ?? []
        send(response, { ...answer, body: { results: results.slice(0, -1) } })
        return
      }
      if (fault?.kind === 'truncated') {
        const text = JSON.stringify(answer.body)
        send(response, answer, text.slice(0, Math.floor(text.length / 2)))
        return
      }
      send(response, answer)
    })()
  })
  const { url, close } = await listenOnLoopback(server)
  return {
    server,
    url,
    close
  }
}

const error = (status: number, code: number, message: string): Answer => ({
  status,
  body: { code, message }
})

interface QueryShape {
  package?: { name?: unknown; ecosystem?: unknown; purl?: unknown }
  version?: unknown
  page_token?: unknown
}

function withoutToken(query: QueryShape): QueryShape {
  const rest = { ...query }
  delete rest.page_token
  return rest
}

function encodeToken(query: QueryShape, offset: number): string {
  const rest = withoutToken(query)
  return Buffer.from(JSON.stringify({ q: rest, offset })).toString('base64')
}

function decodeToken(query: QueryShape): number | 'invalid' {
  if (query.page_token === undefined) return 0
  try {
    const token = JSON.parse(
      Buffer.from(typeof query.page_token === 'string' ? query.page_token : '', 'base64').toString(
        'utf8'
      )
    ) as {
      q: unknown
      offset: number
    }
    const rest = withoutToken(query)
    return JSON.stringify(token.q) === JSON.stringify(rest) ? token.offset : 'invalid'
  } catch {
    return 'invalid'
  }
}

export async function startFakeOsv(options: FakeOsvOptions = {}): Promise<FakeServer> {
  const records = loadRecords(options.dirs ?? [RUSTSEC_DIR], options.records ?? [])
  const byId = new Map(records.map((record) => [record.id, record]))
  const pageSize = options.pageSize ?? 1000
  const omit = options.omitEmpty ?? true
  const serve = (record: StoredRecord): unknown => (omit ? dropEmptyArrays(record.raw) : record.raw)
  const control: FaultControl = {
    faults: (options.faults ?? []).map((f) => ({ ...f })),
    delayMs: options.delayMs ?? 0
  }
  const stats = newStats()

  const matchesOf = (name: string) =>
    records
      .filter((record) => !record.withdrawn && record.crates.has(name))
      .sort((a, b) => (a.id < b.id ? -1 : 1))

  const validate = (query: QueryShape): string | null => {
    const pkg = query.package
    if (pkg === undefined || typeof pkg.name !== 'string' || pkg.name === '')
      return 'invalid package'
    if (pkg.ecosystem !== 'crates.io') return 'invalid ecosystem'
    return null
  }

  /** One query's page: `{}` when empty, as proto3 JSON. */
  const page = (query: QueryShape, full: boolean): Record<string, unknown> | 'invalid' => {
    const offset = decodeToken(query)
    if (offset === 'invalid') return 'invalid'
    if (query.page_token !== undefined) stats.pageTokenQueries++
    const name = String(query.package?.name)
    if (options.tokenOnlyFirstPage === true && query.page_token === undefined) {
      return { next_page_token: encodeToken(query, 0) }
    }
    const all = matchesOf(name)
    const slice = all.slice(offset, offset + pageSize)
    const out: Record<string, unknown> = {}
    if (slice.length > 0) {
      out.vulns = slice.map((record) =>
        full ? serve(record) : { id: record.id, modified: record.raw.modified }
      )
    }
    if (offset + pageSize < all.length) out.next_page_token = encodeToken(query, offset + pageSize)
    return out
  }

  const fake = await startFake(control, stats, (method, path, body) => {
    if (method === 'POST' && path === '/v1/querybatch') {
      let parsed: { queries?: QueryShape[] }
      try {
        parsed = JSON.parse(body) as { queries?: QueryShape[] }
      } catch {
        return { name: 'querybatch', subjects: [], answer: error(400, 3, 'invalid JSON') }
      }
      const queries = Array.isArray(parsed.queries) ? parsed.queries : []
      stats.batchSizes.push(queries.length)
      const subjects = queries.map((q) => String(q.package?.name))
      if (queries.length > 1000) {
        return { name: 'querybatch', subjects, answer: error(400, 3, 'too many queries') }
      }
      for (const [index, query] of queries.entries()) {
        const problem = validate(query)
        if (problem !== null) {
          return {
            name: 'querybatch',
            subjects,
            answer: error(400, 3, `error in query at index ${String(index)}: ${problem}`)
          }
        }
      }
      const results: unknown[] = []
      for (const query of queries) {
        const result = page(query, false)
        if (result === 'invalid') {
          return { name: 'querybatch', subjects, answer: error(400, 3, 'invalid cursor') }
        }
        results.push(result)
      }
      return { name: 'querybatch', subjects, answer: { status: 200, body: { results } } }
    }
    if (method === 'POST' && path === '/v1/query') {
      let query: QueryShape
      try {
        query = JSON.parse(body) as QueryShape
      } catch {
        return { name: 'query', subjects: [], answer: error(400, 3, 'invalid JSON') }
      }
      const subjects = [String(query.package?.name)]
      const problem = validate(query)
      if (problem !== null) return { name: 'query', subjects, answer: error(400, 3, problem) }
      const result = page(query, true)
      return {
        name: 'query',
        subjects,
        answer:
          result === 'invalid' ? error(400, 3, 'invalid cursor') : { status: 200, body: result }
      }
    }
    const vuln = /^\/v1\/vulns\/(.*)$/.exec(path)
    if (method === 'GET' && vuln !== null) {
      const id = decodeURIComponent(vuln[1] ?? '')
      stats.vulnGets.push(id)
      if (id === '') return { name: 'vulns', subjects: [], answer: error(400, 3, 'ID is required') }
      const record = byId.get(id)
      return {
        name: 'vulns',
        subjects: [id],
        answer:
          record === undefined
            ? error(404, 5, 'Vulnerability not found')
            : { status: 200, body: serve(record) }
      }
    }
    return { name: 'unknown', subjects: [], answer: error(404, 5, 'Not Found') }
  })

  return {
    url: fake.url,
    stats,
    setFaults(faults) {
      control.faults = faults.map((f) => ({ ...f }))
    },
    setDelay(ms) {
      control.delayMs = ms
    },
    resetStats() {
      Object.assign(stats, newStats())
    },
    close: fake.close
  }
}

/**
 * For CLI tests: starts one fake OSV API for the test file (hooks registered here) and gives the
 * `--advisory-source osv --osv-api-url …` arguments that point at it once it runs.
 */
export function useFakeOsvForCli(): { args: () => string[]; server: () => FakeServer } {
  let server: FakeServer | null = null
  beforeAll(async () => {
    server = await startFakeOsv()
  })
  afterAll(async () => {
    await server?.close()
  })
  const running = (): FakeServer => {
    if (server === null) throw new Error('the fake OSV API is not running (call inside a test)')
    return server
  }
  return {
    args: () => ['--advisory-source', 'osv', '--osv-api-url', running().url],
    server: running
  }
}
