// The smoke layer: the BUILT dist/index.js as the runner runs it (Node 24 child process, runner
// environment, INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) on a handful of
// cases — a same-repo PR, a fork PR, a fault — and the same runs in process must agree with it, so
// the in-process suites speak for the bundle. Fails, never skips, when dist/ is missing or stale.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMENT_MARKER } from '../../src/render/markdown.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../helpers/fake-github.js'
import { projectLikeExpected } from '../helpers/expected.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { caseFiles, expectedGate, expectedOf, openPullRequest } from '../helpers/fixtures.js'
import {
  assertFreshDist,
  runAction,
  runBuiltAction,
  type ActionRun,
  type RunActionOptions
} from '../helpers/runner.js'

const OWNER = 'octo-org'
const NAME = 'app'

let github: FakeGitHub
let repo: FakeRepo
let nextPull = 1

beforeAll(async () => {
  github = await startFakeGitHub()
  repo = github.addRepo(OWNER, NAME)
})
afterAll(async () => {
  await github.close()
})

function openPull(id: string, options: { fork?: boolean } = {}) {
  return openPullRequest(github, repo, { number: nextPull++, ...caseFiles(id), ...options })
}

function options(payload: unknown, inputs: Record<string, string> = {}): RunActionOptions {
  return {
    eventName: 'pull_request',
    payload,
    repository: `${OWNER}/${NAME}`,
    apiUrl: github.url,
    inputs: { 'advisory-source': RUSTSEC_DIR, ...inputs }
  }
}

/** What both ways of running must agree on (timings and temp paths aside). */
function observable(run: ActionRun) {
  const { 'report-path': reportPath, ...outputs } = run.outputs
  return {
    exitCode: run.exitCode,
    outputs,
    hasReport: reportPath !== '',
    report: run.report,
    summary: run.summary,
    commands: run.commands
      .filter((command) => command.name !== 'debug')
      .map((command) => ({ ...command, message: command.message.replace(/\d+ ms/g, 'N ms') }))
  }
}

describe('the built action (dist/index.js under Node 24)', () => {
  it('dist/ exists and is not older than src/', () => {
    assertFreshDist()
  })

  it('the freshness check fails (never skips) on a missing or stale bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'car-dist-'))
    expect(() => {
      assertFreshDist(join(dir, 'index.js'))
    }).toThrow(/missing/)
    const stale = join(dir, 'stale.js')
    writeFileSync(stale, '')
    utimesSync(stale, new Date(2000, 0, 1), new Date(2000, 0, 1))
    expect(() => {
      assertFreshDist(stale)
    }).toThrow(/older than/)
  })

  it('a same-repo pull request: report, outputs, one comment, updated in place', async () => {
    const id = 'cratesio-2019-tar'
    const { pull, payload } = openPull(id)
    const built = await runBuiltAction(options(payload, { 'fail-on-affected': 'true' }))
    const expected = expectedOf(id)
    const gate = expectedGate(expected)
    expect(built.exitCode, built.stderr).toBe(gate.introducedCount > 0 ? 1 : 0)
    expect(built.outputs['affected-count']).toBe(String(gate.affectedCount))
    const { actual, expected: wanted } = projectLikeExpected(built.report, expected)
    expect(actual).toEqual(wanted)
    expect(pull.comments.filter((c) => c.body.includes(COMMENT_MARKER))).toHaveLength(1)
    const inProcess = await runAction(options(payload, { 'fail-on-affected': 'true' }))
    expect(observable(inProcess)).toEqual(observable(built))
    expect(pull.comments.filter((c) => c.body.includes(COMMENT_MARKER))).toHaveLength(1)
  })

  it('a fork pull request with a read-only token: a warning naming the permission, no comment', async () => {
    const { pull, payload } = openPull('bat-2018-add-git2', { fork: true })
    const built = await runBuiltAction(options(payload, { 'github-token': 'ghs_read' }))
    expect(built.exitCode, built.stderr).toBe(0)
    expect(
      built.commands.some((c) => c.name === 'warning' && c.message.includes('pull-requests: write'))
    ).toBe(true)
    expect(pull.comments).toEqual([])
    const inProcess = await runAction(options(payload, { 'github-token': 'ghs_read' }))
    expect(observable(inProcess)).toEqual(observable(built))
  })

  it('a fault (the file list refused, 403): incomplete, the job fails, the error says why', async () => {
    const { payload } = openPull('fd-2020-users-cfg-unix')
    github.faults.push({ kind: 'forbidden', times: 1, match: /\/files$/ })
    try {
      const built = await runBuiltAction(options(payload, { 'fail-on-affected': 'true' }))
      expect(built.exitCode).toBe(1)
      expect(built.outputs.incomplete).toBe('true')
      expect(built.commands.find((c) => c.name === 'error')?.message).toMatch(/\S/)
      expect(built.stderr).not.toMatch(/unhandled|TypeError|ReferenceError/)
    } finally {
      github.faults.length = 0
    }
  })
})
