// The token never appears in any log or output of the action (run in process): stdout, stderr, the outputs
// file, the job summary, the JSON report, comment bodies, or a request to OSV. Also when requests
// fail (GitHub 500/403/401, OSV failing), where error messages are most likely to echo a request.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startDelayProxy } from '../bench/proxy.js'
import { payloads, readFolder, startFakeGitHub, type Fault } from './helpers/fake-github.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv, type FakeFault } from './helpers/fake-osv.js'
import { runAction } from './helpers/runner.js'

const SECRET = 'ghs_S3cr3tT0kenValue0123456789abcdefXYZ'
const READ_ONLY = 'ghs_R3adOnlyT0kenValue0123456789abcdefXYZ'
const CASE_DIR = join(import.meta.dirname, 'fixtures', 'cases', 'bat-2018-add-git2')

interface Scenario {
  name: string
  token: string
  githubFaults?: Fault[]
  osvFaults?: FakeFault[]
  failOnAffected?: boolean
}

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
        apiUrl: github.url,
        inputs: {
          'github-token': scenario.token,
          'advisory-source': 'osv',
          'osv-api-url': osvProxy.url,
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
      }
      // The runs still did something observable: the token was actually sent to GitHub.
      check(
        github.requests.some((r) => (r.headers.authorization ?? '').includes(scenario.token))
      ).toBe(true)
    } finally {
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
