// The fault matrix: every failure OSV or GitHub can produce, driven through the loopback fakes, and
// what the run must end with. Each row either gives the fault-free result after retries, or a clear
// incomplete report that fails a `fail-on-affected` job; never fewer advisories than exist, never a
// duplicate comment, never an unhandled exception. The matrix is printed at the end.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDelayProxy, type Injector } from '../../bench/proxy.js'
import { MAX_COMMENT_PAGES } from '../../src/action/comment.js'
import { COMMENT_MARKER } from '../../src/render/markdown.js'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { evaluateGate, gateFailure } from '../../src/review/gate.js'
import { directoryTree } from '../../src/trees/directory.js'
import type { Report } from '../../src/core/model.js'
import {
  payloads,
  readFolder,
  startFakeGitHub,
  type Fault,
  type FakeComment,
  type FakeGitHub,
  type FakePull
} from '../helpers/fake-github.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv, type FakeFault } from '../helpers/fake-osv.js'
import { runAction, type ActionRun } from '../helpers/runner.js'

const CASE = 'bat-2018-add-git2'
const CASE_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases', CASE)
const MARKER = COMMENT_MARKER

interface Row {
  fault: string
  expected: string
  observed: string
}
const matrix: Row[] = []

afterAll(() => {
  const width = (key: keyof Row) => Math.max(key.length, ...matrix.map((row) => row[key].length))
  const line = (row: Row) =>
    `| ${row.fault.padEnd(width('fault'))} | ${row.expected.padEnd(width('expected'))} | ${row.observed.padEnd(width('observed'))} |`
  const agreed = matrix.filter((row) => row.observed === row.expected).length
  console.log(
    [
      line({ fault: 'fault', expected: 'expected', observed: 'observed' }),
      ...matrix.map(line),
      `${String(agreed)} of ${String(matrix.length)} faults ended as expected`
    ].join('\n')
  )
})

// ---------------------------------------------------------------------------------------------
// OSV: the engine in process against the fake OSV API with faults, short timeouts and back-offs.

type OsvOutcome = 'same as fault-free' | 'incomplete, job fails' | 'WRONG'

let baseline: Report

/** A generous timeout by default, so that a loaded machine never turns a clean answer into a
 * retry; rows whose fault is a hang pass a short one. */
async function analyzeWith(
  faults: FakeFault[],
  timeoutMs = 10_000
): Promise<{ report: Report; requests: number }> {
  const fake = await startFakeOsv({ dirs: [RUSTSEC_DIR, GHSA_DIR], faults })
  try {
    const source = createAdvisorySource(
      { kind: 'osv', url: fake.url },
      { timeoutMs, retries: 2, retryBaseMs: 5, maxRetryAfterMs: 2_000 }
    )
    const report = await analyze({
      base: directoryTree(join(CASE_DIR, 'base'), 'base'),
      head: directoryTree(join(CASE_DIR, 'head'), 'head'),
      source
    })
    return { report, requests: fake.stats.requests }
  } finally {
    await fake.close()
  }
}

/** Strips what differs between two fakes (the URL) so reports compare on content. */
function content(report: Report) {
  return { lockfiles: report.lockfiles, manifests: report.manifests, summary: report.summary }
}

/**
 * Classifies a faulted report against the fault-free one. Anything that shows fewer advisories for
 * a crate without marking it unknown, or is incomplete without failing the gate, is WRONG.
 */
function classify(report: Report): OsvOutcome {
  const changesOf = (r: Report) => r.lockfiles.flatMap((l) => l.changes)
  const faulted = changesOf(report)
  for (const [i, change] of changesOf(baseline).entries()) {
    const other = faulted[i]
    if (other?.name !== change.name) return 'WRONG'
    const ids = (c: typeof change) => c.advisories.map((a) => a.id).sort()
    if (other.lookup_error === null && JSON.stringify(ids(other)) !== JSON.stringify(ids(change)))
      return 'WRONG'
  }
  for (const [i, manifest] of baseline.manifests.entries()) {
    for (const [j, dep] of manifest.changes.entries()) {
      const other = report.manifests[i]?.changes[j]
      if (other === undefined) return 'WRONG'
      if (other.lookup_error === null && other.advisories.length !== dep.advisories.length)
        return 'WRONG'
    }
  }
  if (report.complete) {
    return JSON.stringify(content(report)) === JSON.stringify(content(baseline))
      ? 'same as fault-free'
      : 'WRONG'
  }
  const unknown = faulted.some((c) => c.lookup_error !== null)
  const gate = evaluateGate(report)
  return unknown && gate.incomplete && gateFailure(gate)?.includes('incomplete') === true
    ? 'incomplete, job fails'
    : 'WRONG'
}

describe('OSV faults', () => {
  beforeAll(async () => {
    baseline = (await analyzeWith([])).report
    expect(baseline.complete).toBe(true)
    const findings = baseline.lockfiles.flatMap((l) => l.changes.flatMap((c) => c.advisories))
    expect(findings.length).toBeGreaterThan(0)
  })

  const firstAdvisory = () => {
    const change = baseline.lockfiles.flatMap((l) => l.changes).find((c) => c.advisories.length > 0)
    return { crate: change?.name ?? '', id: change?.advisories[0]?.id ?? '' }
  }

  const rows: {
    fault: string
    faults: () => FakeFault[]
    expected: OsvOutcome
    /** Requests the fake must have seen beyond the fault-free run (a retry happened). */
    retried?: boolean
    /** The whole source failed: one source-unavailable problem, no per-crate lines. */
    systemic?: boolean
    /** Per-request timeout of the faulted run (default 10 s). */
    timeoutMs?: number
  }[] = [
    {
      fault: 'OSV 429 + Retry-After: 1 (once)',
      faults: () => [{ route: 'querybatch', kind: 'status', status: 429, retryAfter: '1' }],
      expected: 'same as fault-free',
      retried: true
    },
    ...[500, 502, 503].map((status) => ({
      fault: `OSV ${String(status)} on querybatch (once)`,
      faults: (): FakeFault[] => [{ route: 'querybatch', kind: 'status', status }],
      expected: 'same as fault-free' as const,
      retried: true
    })),
    {
      fault: 'OSV 503 on a vuln GET (once)',
      faults: () => [{ route: 'vulns', kind: 'status', status: 503, match: firstAdvisory().id }],
      expected: 'same as fault-free',
      retried: true
    },
    {
      fault: 'OSV 503 on querybatch (always)',
      faults: () => [{ route: 'querybatch', kind: 'status', status: 503, times: Infinity }],
      expected: 'incomplete, job fails',
      systemic: true
    },
    {
      fault: 'OSV 503 on every vuln GET (always)',
      faults: () => [{ route: 'vulns', kind: 'status', status: 503, times: Infinity }],
      expected: 'incomplete, job fails',
      systemic: true
    },
    {
      fault: 'OSV a proxy answering an HTML page with 200 (always)',
      faults: () => [{ route: 'any', kind: 'html', times: Infinity }],
      expected: 'incomplete, job fails',
      systemic: true
    },
    {
      fault: 'OSV an HTML page with 200 on a vuln GET (once)',
      faults: () => [{ route: 'vulns', kind: 'html', match: firstAdvisory().id }],
      expected: 'same as fault-free',
      retried: true
    },
    {
      fault: 'OSV connection reset (once)',
      faults: () => [{ route: 'querybatch', kind: 'reset' }],
      expected: 'same as fault-free',
      retried: true
    },
    {
      fault: 'OSV connection reset on a vuln GET (always)',
      faults: () => [{ route: 'vulns', kind: 'reset', times: Infinity, match: firstAdvisory().id }],
      expected: 'incomplete, job fails'
    },
    {
      fault: 'OSV answer never comes (once, 1 s timeout)',
      faults: () => [{ route: 'querybatch', kind: 'hang' }],
      expected: 'same as fault-free',
      retried: true,
      timeoutMs: 1_000
    },
    {
      fault: 'OSV answer never comes (always, 1 s timeout)',
      faults: () => [{ route: 'vulns', kind: 'hang', times: Infinity, match: firstAdvisory().id }],
      expected: 'incomplete, job fails',
      timeoutMs: 1_000
    },
    {
      fault: 'OSV truncated JSON (once)',
      faults: () => [{ route: 'querybatch', kind: 'truncated' }],
      expected: 'same as fault-free',
      retried: true
    },
    {
      fault: 'OSV truncated JSON on a vuln (always)',
      faults: () => [
        { route: 'vulns', kind: 'truncated', times: Infinity, match: firstAdvisory().id }
      ],
      expected: 'incomplete, job fails'
    },
    {
      fault: 'OSV valid JSON of the wrong shape (once)',
      faults: () => [{ route: 'querybatch', kind: 'wrong-shape' }],
      expected: 'same as fault-free',
      retried: true
    },
    {
      fault: 'OSV vuln of the wrong shape (always)',
      faults: () => [
        { route: 'vulns', kind: 'wrong-shape', times: Infinity, match: firstAdvisory().id }
      ],
      expected: 'incomplete, job fails'
    },
    {
      fault: 'OSV batch with fewer results than queries (always)',
      faults: () => [{ route: 'querybatch', kind: 'fewer-results', times: Infinity }],
      expected: 'incomplete, job fails',
      systemic: true
    },
    {
      fault: 'OSV vuln id listed but 404 on GET',
      faults: () => [
        { route: 'vulns', kind: 'status', status: 404, times: Infinity, match: firstAdvisory().id }
      ],
      expected: 'incomplete, job fails'
    }
  ]

  it.for(rows)('$fault', async (row) => {
    const clean = await analyzeWith([])
    const { report, requests } = await analyzeWith(row.faults(), row.timeoutMs)
    const observed = classify(report)
    matrix.push({ fault: row.fault, expected: row.expected, observed })
    expect(observed).toBe(row.expected)
    if (row.retried === true) expect(requests).toBeGreaterThan(clean.requests)
    if (observed === 'incomplete, job fails') {
      // The unknown crate says why, and the reason names the failure rather than "no advisories".
      const unknown = report.lockfiles.flatMap((l) => l.changes).filter((c) => c.lookup_error)
      const { crate } = firstAdvisory()
      if (!row.fault.includes('querybatch') && !row.fault.includes('fewer'))
        expect(unknown.map((c) => c.name)).toContain(crate)
      for (const change of unknown) expect(change.lookup_error).toMatch(/\S/)
      // Per crate (lookup-failed), or once for the whole source when it failed systemically.
      const kinds = ['lookup-failed', 'source-unavailable']
      expect(report.problems.some((p) => kinds.includes(p.kind) && p.incomplete)).toBe(true)
      if (row.systemic === true) {
        expect(report.problems.filter((p) => p.kind === 'source-unavailable')).toHaveLength(1)
        expect(report.problems.filter((p) => p.kind === 'lookup-failed')).toEqual([])
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------
// GitHub: the action's run() in process as the runner runs it, against the fake GitHub (with its fault modes,
// or a proxy that answers like GitHub where the fake has no such mode).

type GitHubOutcome =
  | 'same report, one comment'
  | 'same report, warning, no comment'
  | 'incomplete, job fails'
  | 'WRONG'

/** GraphQL refused for the whole run: the REST reads, and their faults, are what is tested. */
const GRAPHQL_OFF: Fault = { kind: 'not-found', times: 9999, match: /\/graphql$/ }
const LOCK_READ = /contents\/Cargo\.lock$/

interface GitHubSetup {
  github: FakeGitHub
  pull: FakePull
  payload: Record<string, unknown>
  apiUrl: string
  /** The proxy's own origin when there is one (for links an injector makes up). */
  proxyUrl: string | null
  close(): Promise<void>
}

async function setUp(
  options: {
    faults?: Fault[]
    inject?: Injector
    comments?: FakeComment[]
  } = {}
): Promise<GitHubSetup> {
  const github = await startFakeGitHub()
  const repo = github.addRepo('octo-org', 'app')
  const base = readFolder(join(CASE_DIR, 'base'))
  const head = readFolder(join(CASE_DIR, 'head'))
  const baseSha = github.addCommit(repo, base)
  const headSha = github.addCommit(repo, head)
  const pull = github.addPull(repo, 7, baseSha, headSha)
  pull.comments.push(...(options.comments ?? []))
  const changed = [...new Set([...base.keys(), ...head.keys()])].filter(
    (p) => !(base.get(p)?.equals(head.get(p) ?? Buffer.alloc(0)) ?? false)
  )
  const payload = payloads.pullRequest({
    owner: 'octo-org',
    repo: 'app',
    number: 7,
    base: baseSha,
    head: headSha,
    changedFiles: changed.length
  })
  github.faults.push(...(options.faults ?? []))
  const proxy =
    options.inject === undefined
      ? null
      : await startDelayProxy('github', github.url, 0, [], options.inject)
  return {
    github,
    pull,
    payload,
    apiUrl: proxy?.url ?? github.url,
    proxyUrl: proxy?.url ?? null,
    close: async () => {
      await proxy?.close()
      await github.close()
    }
  }
}

function runWith(setup: GitHubSetup, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    eventName: 'pull_request',
    payload: setup.payload,
    repository: 'octo-org/app',
    apiUrl: setup.apiUrl,
    inputs: { 'advisory-source': RUSTSEC_DIR, 'fail-on-affected': 'false', ...inputs }
  })
}

/** Comments the action owns: the marker, written by the bot (a person may quote the marker). */
const ours = (pull: FakePull) =>
  pull.comments.filter((c) => c.body.includes(MARKER) && c.user?.type === 'Bot')

describe('GitHub faults (the action in process)', () => {
  let expectedReport: unknown
  beforeAll(async () => {
    const setup = await setUp()
    try {
      const run = await runWith(setup)
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs.incomplete).toBe('false')
      expectedReport = content(run.report as Report)
    } finally {
      await setup.close()
    }
  })

  function observe(run: ActionRun, pull: FakePull, posts: number): GitHubOutcome {
    const crashed = /unhandled|TypeError|ReferenceError|at .*\.js:\d+/.test(run.stderr)
    if (crashed) return 'WRONG'
    if (ours(pull).length > 1 || posts > 1) return 'WRONG'
    const report = run.report as Report | null
    if (run.outputs.incomplete === 'true') {
      return run.exitCode !== 0 && run.commands.some((c) => c.name === 'error')
        ? 'incomplete, job fails'
        : 'WRONG'
    }
    if (report === null || JSON.stringify(content(report)) !== JSON.stringify(expectedReport))
      return 'WRONG'
    if (ours(pull).length === 1 && run.outputs['comment-url'] !== '')
      return 'same report, one comment'
    if (ours(pull).length === 0 && run.commands.some((c) => c.name === 'warning'))
      return 'same report, warning, no comment'
    return 'WRONG'
  }

  const GITHUB_BODY_TOO_LONG = {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)'
      }
    ],
    documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
  }

  const someone = (id: number, body: string): FakeComment => ({
    id,
    body,
    user: { login: `user${String(id)}`, id, type: 'User' },
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z'
  })

  const endlessPages = { count: 0 }
  const rows: {
    fault: string
    expected: GitHubOutcome
    setup: () => Promise<GitHubSetup>
    inputs?: Record<string, string>
    check?: (run: ActionRun, setup: GitHubSetup) => void
  }[] = [
    {
      fault: 'GitHub 403 read-only token on the comment write',
      expected: 'same report, warning, no comment',
      setup: () => setUp(),
      inputs: { 'github-token': 'ghs_read' },
      check: (run) => {
        const warning = run.commands.filter((c) => c.name === 'warning').map((c) => c.message)
        expect(warning.join('\n')).toMatch(/pull-requests: write/)
        expect(warning.join('\n')).toMatch(/pull_request_target/)
        expect(run.summary).toMatch(/\S/)
      }
    },
    {
      fault: 'GitHub secondary rate limit on the file list (once)',
      expected: 'same report, one comment',
      setup: () =>
        setUp({ faults: [{ kind: 'secondary-rate-limit', times: 1, match: /\/files$/ }] })
    },
    {
      fault: 'GitHub 404 for a Cargo file at one SHA',
      expected: 'incomplete, job fails',
      setup: () =>
        setUp({
          faults: [GRAPHQL_OFF, { kind: 'server-error', status: 404, times: 1, match: LOCK_READ }]
        }),
      inputs: { 'fail-on-affected': 'true' }
    },
    {
      fault: 'GitHub 422 body too long on the comment write',
      expected: 'same report, one comment',
      setup: () => {
        let refused = false
        return setUp({
          inject: (method, path) => {
            if (refused || method !== 'POST' || !path.endsWith('/comments')) return null
            refused = true
            return { status: 422, body: GITHUB_BODY_TOO_LONG }
          }
        })
      },
      check: (run, setup) => {
        // The shortened comment went out instead, once.
        expect(ours(setup.pull)[0]?.body).toMatch(/too long for a comment/)
        expect(run.commands.some((c) => c.name === 'warning' && /too long/.test(c.message))).toBe(
          true
        )
      }
    },
    {
      fault: 'GitHub creates the comment but answers 502',
      expected: 'same report, one comment',
      setup: async () => {
        let lost = false
        const holder: { setup?: GitHubSetup } = {}
        holder.setup = await setUp({
          inject: (method, path, body) => {
            if (lost || method !== 'POST' || !path.endsWith('/comments')) return null
            lost = true
            // GitHub wrote the comment, then the answer was lost to a gateway error.
            const text = (JSON.parse(body) as { body: string }).body
            holder.setup?.pull.comments.push({
              id: 4242,
              body: text,
              user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
              created_at: '2024-01-01T00:00:00Z',
              updated_at: '2024-01-01T00:00:00Z'
            })
            return { status: 502, body: { message: 'Server Error' } }
          }
        })
        return holder.setup
      }
    },
    {
      fault: 'GitHub 502 on the comment write (once)',
      expected: 'same report, one comment',
      setup: () =>
        setUp({ faults: [{ kind: 'server-error', status: 502, times: 1, match: /^POST / }] })
    },
    {
      fault: 'GitHub 503 on the comment write (always)',
      expected: 'same report, warning, no comment',
      setup: () =>
        setUp({ faults: [{ kind: 'server-error', status: 503, times: 99, match: /^POST / }] })
    },
    {
      fault: 'GitHub 500 on the file list (always)',
      expected: 'incomplete, job fails',
      setup: () =>
        setUp({ faults: [{ kind: 'server-error', status: 500, times: 99, match: /\/files$/ }] })
    },
    {
      fault: 'GitHub comment list that never ends',
      expected: 'same report, warning, no comment',
      setup: async () => {
        const holder: { setup?: GitHubSetup } = {}
        const chatter = (page: number) =>
          Array.from({ length: 100 }, (_, i) => ({
            id: page * 100 + i,
            body: `chatter ${String(i)}`,
            user: { login: 'alice', id: 3, type: 'User' },
            html_url: `https://github.com/octo-org/app/pull/7#issuecomment-${String(page * 100 + i)}`
          }))
        holder.setup = await setUp({
          inject: (method, path) => {
            const endless = /^\/endless\/(\d+)$/.exec(path)
            if (method !== 'GET' || (endless === null && !path.endsWith('/issues/7/comments')))
              return null
            const page = Number(endless?.[1] ?? '1')
            endlessPages.count += 1
            return {
              status: 200,
              body: chatter(page),
              headers: {
                link: `<${holder.setup?.proxyUrl ?? ''}/endless/${String(page + 1)}>; rel="next"`
              }
            }
          }
        })
        return holder.setup
      },
      check: (run, setup) => {
        expect(run.commands.some((c) => c.name === 'warning' && /duplicate/.test(c.message))).toBe(
          true
        )
        // Read twice at most (the early search, none after: nothing was posted), capped each time.
        expect(endlessPages.count).toBeLessThanOrEqual(MAX_COMMENT_PAGES)
        expect(setup.pull.comments).toEqual([])
      }
    },
    {
      fault: 'GitHub comment deleted between the list and the update (PATCH 404)',
      expected: 'same report, one comment',
      setup: async () => {
        const holder: { setup?: GitHubSetup } = {}
        let deleted = false
        holder.setup = await setUp({
          comments: [
            {
              id: 999,
              body: `${MARKER}\nold report`,
              user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
              created_at: '2024-01-01T00:00:00Z',
              updated_at: '2024-01-01T00:00:00Z'
            }
          ],
          inject: (method, path) => {
            if (!deleted && method === 'PATCH' && path.endsWith('/comments/999')) {
              deleted = true
              holder.setup?.pull.comments.splice(0)
            }
            return null
          }
        })
        return holder.setup
      },
      check: (run) => {
        const warnings = run.commands.filter((c) => c.name === 'warning').map((c) => c.message)
        expect(warnings.join('\n')).not.toMatch(/pull-requests: write/)
      }
    },
    {
      fault: 'GitHub GraphQL 404 (GraphQL off, REST works)',
      expected: 'same report, one comment',
      setup: () => setUp({ faults: [GRAPHQL_OFF] }),
      check: (run) => {
        expect(run.stdout).toMatch(/GraphQL is not usable \(\/graphql answered HTTP 404\)/)
        expect(run.stdout).toMatch(/Cargo files read: GraphQL not used .*, \d+ over REST/)
      }
    },
    {
      fault: 'GitHub GraphQL 200 + RATE_LIMITED (always)',
      expected: 'same report, one comment',
      setup: () =>
        setUp({ faults: [{ kind: 'graphql-rate-limited', times: 9999, match: /\/graphql$/ }] })
    },
    {
      fault: 'GitHub GraphQL 502 "Something went wrong" (always)',
      expected: 'same report, one comment',
      setup: () =>
        setUp({
          faults: [{ kind: 'server-error', status: 502, times: 9999, match: /\/graphql$/ }]
        })
    },
    {
      fault: 'GitHub GraphQL partial results (RESOURCE_LIMITS_EXCEEDED)',
      expected: 'same report, one comment',
      setup: () =>
        setUp({
          faults: [{ kind: 'graphql-resource-limits', after: 1, times: 9999, match: /\/graphql$/ }]
        })
    },
    {
      fault: 'GitHub GraphQL answer reset mid-body (always)',
      expected: 'same report, one comment',
      setup: () => setUp({ faults: [{ kind: 'reset-mid-body', times: 9999, match: /\/graphql$/ }] })
    },
    {
      fault: 'GitHub file read reset mid-body (once)',
      expected: 'same report, one comment',
      setup: () =>
        setUp({ faults: [GRAPHQL_OFF, { kind: 'reset-mid-body', times: 1, match: LOCK_READ }] })
    },
    {
      fault: 'GitHub file read reset mid-body (always)',
      expected: 'incomplete, job fails',
      setup: () =>
        setUp({ faults: [GRAPHQL_OFF, { kind: 'reset-mid-body', times: 9999, match: LOCK_READ }] }),
      inputs: { 'fail-on-affected': 'true' }
    },
    {
      fault: 'GitHub file read 200 with an empty body (always)',
      expected: 'incomplete, job fails',
      setup: () =>
        setUp({ faults: [GRAPHQL_OFF, { kind: 'empty-body', times: 9999, match: LOCK_READ }] }),
      inputs: { 'fail-on-affected': 'true' }
    },
    {
      fault: 'GitHub file read never answers (1 s timeout, 3 s deadline)',
      expected: 'incomplete, job fails',
      setup: () =>
        setUp({ faults: [GRAPHQL_OFF, { kind: 'stall', times: 9999, match: LOCK_READ }] }),
      inputs: { 'fail-on-affected': 'true', 'github-timeout': '1', 'github-deadline': '3' },
      check: (run) => {
        expect(run.stdout).toMatch(/did not answer within 1 s|deadline of 3 s/)
      }
    },
    {
      fault: 'GitHub request budget spent (budget 3)',
      expected: 'incomplete, job fails',
      setup: () => setUp(),
      inputs: { 'fail-on-affected': 'true', 'github-request-budget': '3' },
      check: (run, setup) => {
        expect(setup.github.requests.length).toBeLessThanOrEqual(3)
        expect(`${run.stdout}\n${run.summary}`).toMatch(/request budget of this run \(3 requests\)/)
      }
    },
    {
      fault: 'GitHub comment list of 3 pages, ours on the last',
      expected: 'same report, one comment',
      setup: () =>
        setUp({
          comments: [
            ...Array.from({ length: 230 }, (_, i) =>
              someone(100 + i, i === 5 ? `quoting ${MARKER} by hand` : `comment ${String(i)}`)
            ),
            {
              id: 999,
              body: `${MARKER}\nold report`,
              user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
              created_at: '2024-01-01T00:00:00Z',
              updated_at: '2024-01-01T00:00:00Z'
            }
          ]
        }),
      check: (_run, setup) => {
        const bot = setup.pull.comments.filter((c) => c.user?.type === 'Bot')
        expect(bot.map((c) => c.id)).toEqual([999])
        expect(bot[0]?.body).not.toMatch(/old report/)
        // The person quoting the marker keeps their comment untouched.
        expect(setup.pull.comments.find((c) => c.id === 105)?.body).toBe(
          `quoting ${MARKER} by hand`
        )
        const pages = setup.github.requests.filter(
          (r) => r.method === 'GET' && r.path.endsWith('/comments')
        )
        expect(pages.length).toBeGreaterThanOrEqual(3)
      }
    }
  ]

  it.concurrent.for(rows)('$fault', async (row, { expect: check }) => {
    const setup = await row.setup()
    try {
      const run = await runWith(setup, row.inputs)
      const posts = setup.github.requests.filter(
        (r) => r.method === 'POST' && r.path.endsWith('/comments') && r.status === 201
      ).length
      const observed = observe(run, setup.pull, posts)
      matrix.push({ fault: row.fault, expected: row.expected, observed })
      check(observed, `${run.stdout}\n${run.stderr}`).toBe(row.expected)
      row.check?.(run, setup)
    } finally {
      await setup.close()
    }
  })
})
