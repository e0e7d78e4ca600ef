// The token never appears in any log or output of the action (run in process): stdout, stderr, the outputs
// file, the job summary, the JSON report, comment bodies, or a request to OSV. Also when requests
// fail (GitHub 500/403/401, OSV failing), where error messages are most likely to echo a request.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startDelayProxy, type Injector } from '../../bench/proxy.js'
import { payloads, readFolder, startFakeGitHub, type Fault } from '../helpers/fake-github.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv, type FakeFault } from '../helpers/fake-osv.js'
import { runAction } from '../helpers/runner.js'

const SECRET = 'ghs_S3cr3tT0kenValue0123456789abcdefXYZ'
const READ_ONLY = 'ghs_R3adOnlyT0kenValue0123456789abcdefXYZ'
const CASE_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases', 'bat-2018-add-git2')

interface Scenario {
  name: string
  token: string
  githubFaults?: Fault[]
  osvFaults?: FakeFault[]
  failOnAffected?: boolean
  /** Canned GitHub answers (a proxy in front of the fake), e.g. errors that echo the request. */
  githubInject?: Injector
  /** A path after the OSV origin, as a private mirror's URL may carry a secret in it. */
  osvPath?: string
  /** More strings that must appear nowhere (besides the token). */
  secrets?: string[]
}

/** An error body that echoes the request headers back, as a misbehaving proxy or server may. */
const echo =
  (status: number, match: RegExp): Injector =>
  (method, path, _body, headers) =>
    match.test(`${method} ${path}`)
      ? {
          status,
          body: {
            message: `denied; you sent Authorization: ${String(headers.authorization)} (token ${String(headers.authorization).replace(/^token /, '')}); headers ${JSON.stringify(headers)}; retry at https://x-access-token:${String(headers.authorization).slice(6)}@example.test/r?access_token=${String(headers.authorization).slice(6)}&page=2`,
            documentation_url: 'https://docs.github.com/rest'
          }
        }
      : null

const scenarios: Scenario[] = [
  { name: 'a normal run', token: SECRET },
  {
    name: 'GitHub 500 then 403 on file contents and OSV 503 on every query',
    token: SECRET,
    githubFaults: [
      { kind: 'server-error', status: 500, times: 1, match: /contents/ },
      { kind: 'forbidden', times: 99, match: /contents/ }
    ],
    osvFaults: [{ route: 'any', kind: 'status', status: 503, times: Infinity }],
    failOnAffected: true
  },
  {
    name: 'GitHub 403 on the file list',
    token: SECRET,
    githubFaults: [{ kind: 'forbidden', times: 99, match: /\/files$/ }]
  },
  { name: 'a read-only token refused on the comment write', token: READ_ONLY },
  { name: 'a token GitHub does not know (401)', token: `${SECRET}-revoked` },
  {
    name: 'GitHub errors that echo the Authorization header (file contents 403, comment write 500)',
    token: SECRET,
    githubInject: (method, path, body, headers) =>
      echo(403, /contents/)(method, path, body, headers) ??
      echo(500, /^POST .*comments/)(method, path, body, headers),
    failOnAffected: true
  },
  {
    name: 'the file list answering 500 with the request headers',
    token: SECRET,
    githubInject: echo(500, /\/files$/)
  },
  {
    name: 'a private OSV mirror whose path holds a secret, failing',
    token: SECRET,
    osvPath: '/mirror-s3cr3tPathK3y',
    osvFaults: [{ route: 'any', kind: 'status', status: 503, times: Infinity }],
    secrets: ['s3cr3tPathK3y']
  },
  {
    name: 'OSV resetting connections and GitHub 502 once on the comment write',
    token: SECRET,
    githubFaults: [{ kind: 'server-error', status: 502, times: 1, match: /^POST / }],
    osvFaults: [{ route: 'querybatch', kind: 'reset', times: Infinity }]
  }
]

describe('the token never leaks (the action in process)', () => {
  it.concurrent.for(scenarios)('$name', async (scenario, { expect: check }) => {
    const github = await startFakeGitHub({
      tokens: { [SECRET]: 'write', [READ_ONLY]: 'read' }
    })
    const githubProxy = await startDelayProxy(
      'github',
      github.url,
      0,
      [],
      scenario.githubInject ?? null
    )
    const osv = await startFakeOsv({ dirs: [RUSTSEC_DIR, GHSA_DIR], faults: scenario.osvFaults })
    const osvHeaders: string[] = []
    const osvProxy = await startDelayProxy('osv', osv.url, 0, [], (_m, _p, body, headers) => {
      osvHeaders.push(JSON.stringify(headers), body)
      return null
    })
    try {
      github.faults.push(...(scenario.githubFaults ?? []))
      const repo = github.addRepo('octo-org', 'app')
      const baseSha = github.addCommit(repo, readFolder(join(CASE_DIR, 'base')))
      const headSha = github.addCommit(repo, readFolder(join(CASE_DIR, 'head')))
      const pull = github.addPull(repo, 3, baseSha, headSha)
      const run = await runAction({
        eventName: 'pull_request',
        payload: payloads.pullRequest({
          owner: 'octo-org',
          repo: 'app',
          number: 3,
          base: baseSha,
          head: headSha,
          changedFiles: 2
        }),
        repository: 'octo-org/app',
        apiUrl: githubProxy.url,
        inputs: {
          'github-token': scenario.token,
          'advisory-source': 'osv',
          'osv-api-url': `${osvProxy.url}${scenario.osvPath ?? ''}`,
          'fail-on-affected': scenario.failOnAffected === true ? 'true' : 'false'
        }
      })
      // `::add-mask::` is the runner command that registers the secret; the runner consumes it and
      // masks the value everywhere after, so it is the one line allowed to carry it.
      const stdout = run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n')
      check(run.stdout).toContain(`::add-mask::${scenario.token}`)
      const places: [string, string][] = [
        ['stdout', stdout],
        ['stderr', run.stderr],
        ['outputs', JSON.stringify(run.outputs)],
        ['summary', run.summary],
        ['report', JSON.stringify(run.report)],
        ['comments', pull.comments.map((c) => c.body).join('\n')],
        ['requests to OSV', osvHeaders.join('\n')]
      ]
      const needle = scenario.token.slice(4, 24) // any long part of it, not only the whole
      for (const [place, text] of places) {
        check(text, place).not.toContain(needle)
        check(text, place).not.toContain(
          Buffer.from(scenario.token).toString('base64').slice(0, 20)
        )
        for (const secret of scenario.secrets ?? []) check(text, place).not.toContain(secret)
      }
      // The echoed credentials did reach a stored message, redacted: the check had work to do.
      if (scenario.githubInject !== undefined) {
        check(places.some(([, text]) => text.includes('[REDACTED]'))).toBe(true)
      }
      // Readers see where advisories came from as an origin (a base path only as `…`).
      const source = (run.report as { advisory_source?: string } | null)?.advisory_source
      if (source != null) check(source).toMatch(/^osv \(http:\/\/127\.0\.0\.1:\d+(\/…)?\)$/)
      // The runs still did something observable: the token was actually sent to GitHub.
      check(
        github.requests.some((r) => (r.headers.authorization ?? '').includes(scenario.token))
      ).toBe(true)
    } finally {
      await githubProxy.close()
      await osvProxy.close()
      await osv.close()
      await github.close()
    }
  })
})

// Guard for the guard: the check above would find the token if it were printed.
describe('the leak check itself', () => {
  it('finds a token printed inside an error message', () => {
    const text = `::error::HttpError: Bad credentials (token ${SECRET})`
    expect(text).toContain(SECRET.slice(4, 24))
  })
})
