// End to end: findings on their lines. The action's run() in process against the loopback fake
// GitHub (with its checks API, helpers/fake-github-checks.ts): the step's annotations in stdout in
// GitHub's order and number (10 per level, then one notice counting the rest), a check run on the
// PR's head SHA under pull_request_target with every annotation, updated by name on a re-run, a
// log line (never a failure) without `checks: write`, and the SARIF file.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANNOTATIONS_PER_REQUEST, publishCheckRun } from '../../src/action/check-run.js'
import { createGitHubClient } from '../../src/action/octokit.js'
import { silentLogger } from '../../src/core/model.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../helpers/fake-github.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { caseFiles, openPullRequest } from '../helpers/fixtures.js'
import {
  ACTION_ENTRY,
  runAction,
  runBuiltAction,
  type ActionRun,
  type Command
} from '../helpers/runner.js'

const OWNER = 'octo-org'
const NAME = 'app'
const CASE = 'rustup-2020-cargo-update'

let github: FakeGitHub
let readOnlyChecks: FakeGitHub
let repo: FakeRepo
let nextPull = 1

beforeAll(async () => {
  github = await startFakeGitHub()
  repo = github.addRepo(OWNER, NAME)
  // A token with pull-requests: write but without checks: write.
  readOnlyChecks = await startFakeGitHub({ checksWrite: [] })
  readOnlyChecks.addRepo(OWNER, NAME)
})
afterAll(async () => {
  await github.close()
  await readOnlyChecks.close()
})

async function runOn(
  fake: FakeGitHub,
  eventName: string,
  inputs: Record<string, string> = {},
  workspace?: string,
  /** The same pull request again (a re-run of its workflow). */
  again?: { payload: Record<string, unknown>; headSha: string }
): Promise<{
  result: ActionRun
  headSha: string
  payload: Record<string, unknown>
  fakeRepo: FakeRepo
}> {
  const fakeRepo = fake.repos.get(`${OWNER}/${NAME}`)!
  const { base, head } = caseFiles(CASE)
  const { payload, headSha } =
    again ?? openPullRequest(fake, fakeRepo, { number: nextPull++, base, head })
  const result = await runAction({
    eventName,
    payload,
    repository: `${OWNER}/${NAME}`,
    apiUrl: fake.url,
    inputs: { 'advisory-source': RUSTSEC_DIR, ...inputs },
    ...(workspace === undefined ? {} : { workspace })
  })
  return { result, headSha, payload, fakeRepo }
}

const annotations = (result: ActionRun): Command[] =>
  result.commands.filter(
    (c) => ['error', 'warning', 'notice'].includes(c.name) && c.properties.title !== undefined
  )

describe('annotations in the step log', () => {
  it('most decisive first, at most 10 per level, then one notice counting the rest (rustup: 2 introduced, 16 still affected)', async () => {
    const { result } = await runOn(github, 'pull_request')
    expect(result.exitCode).toBe(0)
    const shown = annotations(result)
    const levels = shown.map((c) => c.name)
    // Errors, then warnings, then notices: never a lower level before a higher one.
    const rank = (name: string) => ['error', 'warning', 'notice'].indexOf(name)
    expect(levels.map(rank)).toEqual([...levels.map(rank)].sort((a, b) => a - b))
    expect(levels.filter((l) => l === 'error')).toHaveLength(2)
    expect(levels.filter((l) => l === 'warning')).toHaveLength(10)
    // 16 still affected: 6 left out, counted by the last notice.
    const last = shown.at(-1)!
    expect(last.name).toBe('notice')
    expect(last.properties.title).toBe('6 more findings')
    expect(last.message).toContain('see the pull request comment')
    expect(last.properties.file).toBeUndefined()

    // The first error: tokio 0.2.19 introduced, on its [[package]] entry in Cargo.lock (the PR
    // only updated the lockfile), the line the entry starts on.
    const errors = shown.filter((c) => c.name === 'error')
    const tokio = errors.find((c) => c.properties.title?.includes('tokio'))!
    expect(tokio.properties.title).toBe('Advisory introduced: tokio (RUSTSEC-2025-0023)')
    expect(tokio.properties.file).toBe('Cargo.lock')
    const lock = caseFiles(CASE).head.get('Cargo.lock')!.toString('utf8').split('\n')
    const line = Number(tokio.properties.line)
    expect(lock.slice(line - 1, line + 2)).toEqual([
      '[[package]]',
      'name = "tokio"',
      'version = "0.2.19"'
    ])
    expect(Number(tokio.properties.endLine)).toBeGreaterThan(line)
    // A transitive crate names the path: futures-util via hyper.
    const futures = errors.find((c) => c.properties.title?.includes('futures-util'))!
    expect(futures.message.split('\n')[0]).toBe('futures-util 0.3.4 via hyper (was 0.3.1)')
  })

  it('under pull_request, no check run by default (the step annotations are on the PR)', async () => {
    const { headSha, fakeRepo } = await runOn(github, 'pull_request')
    expect(fakeRepo.checkRuns.filter((run) => run.head_sha === headSha)).toEqual([])
  })
})

describe('a check run on the head commit under pull_request_target', () => {
  it('is created on the head SHA with every annotation, and updated by name on a re-run', async () => {
    const { result, headSha, payload, fakeRepo } = await runOn(github, 'pull_request_target')
    expect(result.exitCode).toBe(0)
    const runs = fakeRepo.checkRuns.filter((run) => run.head_sha === headSha)
    expect(runs).toHaveLength(1)
    const run = runs[0]!
    expect(run).toMatchObject({
      name: 'cargo-advisory-review',
      status: 'completed',
      conclusion: 'neutral'
    })
    // Every finding, not only the step's 10 per level: 2 failures and 16 warnings.
    const levels = run.annotations.map((a) => a.annotation_level)
    expect(levels.filter((l) => l === 'failure')).toHaveLength(2)
    expect(levels.filter((l) => l === 'warning')).toHaveLength(16)
    expect(run.annotations.every((a) => a.path === 'Cargo.lock' || a.path === 'Cargo.toml')).toBe(
      true
    )
    expect(run.output.title).toBe('2 findings introduced, 16 still affected')
    expect(result.stdout).toMatch(/Check run created on [0-9a-f]{12}: 18 annotations, 2 requests/)

    // The same head SHA again (a re-run): the run of that name is updated, not a second one.
    const again = await runOn(github, 'pull_request_target', {}, undefined, { payload, headSha })
    expect(again.headSha).toBe(headSha)
    expect(fakeRepo.checkRuns.filter((r) => r.head_sha === headSha)).toHaveLength(1)
    expect(run.writes).toBe(2)
    expect(again.result.stdout).toMatch(/Check run updated on [0-9a-f]{12}: 18 annotations/)
    // GitHub appends what an update sends: the 18 it has are not sent again.
    expect(run.annotations).toHaveLength(18)
  })

  it('without checks: write: one warning saying how to grant it, the job does not fail, the comment is written', async () => {
    const { result, headSha, fakeRepo } = await runOn(readOnlyChecks, 'pull_request_target')
    expect(result.exitCode).toBe(0)
    expect(fakeRepo.checkRuns.filter((run) => run.head_sha === headSha)).toEqual([])
    const warnings = result.commands.filter(
      (c) => c.name === 'warning' && c.message.includes('checks: write')
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toContain('No check run on the head commit (HTTP 403')
    expect(result.outputs['comment-url']).not.toBe('')
  })
})

describe('the check-run client', () => {
  it(`sends ${String(ANNOTATIONS_PER_REQUEST)} annotations per request: 120 take a create and two updates`, async () => {
    const headSha = github.addCommit(repo, caseFiles(CASE).head)
    const octokit = createGitHubClient('ghs_write', {
      baseUrl: github.url,
      logger: silentLogger,
      stats: { requests: 0 }
    })
    const many = Array.from({ length: 120 }, (_, i) => ({
      level: 'warning' as const,
      title: `finding ${String(i)}`,
      message: 'm',
      file: 'Cargo.lock',
      startLine: i + 1,
      endLine: i + 1
    }))
    const options = {
      name: 'batches',
      headSha,
      title: 't',
      summary: 's',
      conclusion: 'neutral' as const,
      annotations: many
    }
    const outcome = await publishCheckRun(octokit, { owner: OWNER, repo: NAME }, options)
    expect(outcome).toMatchObject({ action: 'created', requests: 4 })
    const run = repo.checkRuns.find((candidate) => candidate.name === 'batches')!
    expect(run.writes).toBe(3)
    expect(run.annotations.map((a) => a.title)).toEqual(many.map((a) => a.title))

    // A re-run: the run of that name is updated, and only the annotation it lacks is sent (the
    // 120 it has are read back over two pages of 100).
    const added = { ...many[0]!, title: 'new finding' }
    const rerun = await publishCheckRun(
      octokit,
      { owner: OWNER, repo: NAME },
      { ...options, annotations: [...many, added] }
    )
    expect(rerun).toMatchObject({ action: 'updated', id: run.id, requests: 4 })
    expect(repo.checkRuns.filter((candidate) => candidate.name === 'batches')).toHaveLength(1)
    expect(run.annotations).toHaveLength(121)
    expect(run.annotations.at(-1)?.title).toBe('new finding')
  })
})

describe('the SARIF file', () => {
  it('sarif-file writes one run with a result per advisory and crate version, relative to the repository', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'car-sarif-'))
    const { result } = await runOn(
      github,
      'pull_request',
      { 'sarif-file': 'out/results.sarif' },
      workspace
    )
    expect(result.exitCode).toBe(0)
    const sarif = JSON.parse(await readFile(join(workspace, 'out', 'results.sarif'), 'utf8')) as {
      version: string
      runs: {
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]
      }[]
    }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    const uris = new Set(
      sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)
    )
    expect([...uris].sort()).toEqual(['Cargo.lock', 'Cargo.toml'])
  })
})

describe.runIf(existsSync(ACTION_ENTRY))('the built action (real @actions/core)', () => {
  it('prints the same annotation commands as the in-process run, and creates the check run', async () => {
    const fakeRepo = github.repos.get(`${OWNER}/${NAME}`)!
    const { base, head } = caseFiles(CASE)
    const { payload, headSha } = openPullRequest(github, fakeRepo, {
      number: nextPull++,
      base,
      head
    })
    const options = {
      eventName: 'pull_request_target',
      payload,
      repository: `${OWNER}/${NAME}`,
      apiUrl: github.url,
      inputs: { 'advisory-source': RUSTSEC_DIR, comment: 'never' }
    }
    const built = await runBuiltAction(options)
    expect(built.exitCode).toBe(0)
    const inProcess = await runAction(options)
    const lines = (run: ActionRun) =>
      run.stdout.split('\n').filter((line) => /^::(error|warning|notice) title=/.test(line))
    expect(lines(built)).toHaveLength(13)
    expect(lines(built)).toEqual(lines(inProcess))
    expect(fakeRepo.checkRuns.filter((run) => run.head_sha === headSha)).toHaveLength(1)
  })
})
