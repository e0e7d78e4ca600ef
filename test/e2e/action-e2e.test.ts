// End to end: the action's run() in process, as the runner runs it (runner environment, INPUT_*
// variables, a recording @actions/core), against loopback fakes of GitHub and OSV. The built
// dist/index.js is run by test/e2e/action-dist.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMENT_MARKER as MARKER } from '../../src/render/markdown.js'
import {
  gitBlobSha,
  payloads,
  startFakeGitHub,
  type FakeGitHub,
  type FakeRepo,
  type Files
} from '../helpers/fake-github.js'
import { projectLikeExpected } from '../helpers/expected.js'
import { RUSTSEC_DIR, startFakeOsv, type FakeServer } from '../helpers/fake-osv.js'
import { fixtureIndex, startFakeIndex, type FakeIndex } from '../helpers/fake-index.js'
import {
  CASES,
  CASES_DIR,
  caseFiles,
  expectedGate,
  expectedOf,
  openPullRequest,
  type ManifestFacts
} from '../helpers/fixtures.js'
import { runAction, type ActionRun } from '../helpers/runner.js'

const OWNER = 'octo-org'
const NAME = 'app'

let github: FakeGitHub
let index: FakeIndex
let repo: FakeRepo
let nextPull = 1

beforeAll(async () => {
  github = await startFakeGitHub()
  repo = github.addRepo(OWNER, NAME)
  index = await startFakeIndex({ crates: fixtureIndex(CASES_DIR, [RUSTSEC_DIR]) })
})
afterAll(async () => {
  await github.close()
  await index.close()
})

/** A pull request in the fake from two file sets; returns what a run needs. */
function openPull(base: Files, head: Files, options: { fork?: boolean } = {}) {
  const number = nextPull++
  return { ...openPullRequest(github, repo, { number, base, head, ...options }), number }
}

const pathSource = { 'advisory-source': RUSTSEC_DIR }
/** Every run reads the fake crates.io index unless a test says otherwise. */
const withIndex = (): Record<string, string> => ({
  'crates-index': 'true',
  'crates-index-url': index.url
})

function run(
  eventName: string,
  payload: unknown,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    eventName,
    payload,
    repository: `${OWNER}/${NAME}`,
    apiUrl: github.url,
    inputs: { ...pathSource, ...withIndex(), ...inputs }
  })
}

function expectReport(result: ActionRun, id: string): void {
  const { actual, expected } = projectLikeExpected(result.report, expectedOf(id))
  expect(actual).toEqual(expected)
}

type ReportChange = {
  name: string
  kind: string
  source: string | null
  version: string | null
  yanked?: boolean | null
  registry?: { status: string; note: string | null } | null
}
function reportChanges(result: ActionRun): ReportChange[] {
  return (result.report as { lockfiles: { changes: ReportChange[] }[] }).lockfiles.flatMap(
    (lockfile) => lockfile.changes
  )
}

function ourComments(pull: { comments: { body: string }[] }): { body: string }[] {
  return pull.comments.filter((comment) => comment.body.includes(MARKER))
}

describe('every fixture case, path source', () => {
  it.concurrent.for(CASES)(
    '%s: one comment, updated in place; outputs, gate and report',
    async (id, { expect }) => {
      const { base, head } = caseFiles(id)
      const { pull, payload, number } = openPull(base, head)
      const first = await run('pull_request', payload)
      expect(first.exitCode, first.stdout).toBe(0)
      expectReport(first, id)
      const gate = expectedGate(
        expectedOf(id),
        (first.report as { manifests: ManifestFacts[] }).manifests
      )
      expect(first.outputs).toMatchObject({
        'affected-count': String(gate.affectedCount),
        'advisory-ids': JSON.stringify(gate.advisoryIds),
        'introduced-count': String(gate.introducedCount),
        'introduced-ids': JSON.stringify(gate.introducedIds),
        incomplete: 'false'
      })
      // The fake index serves every version the cases pin: each added/updated one is listed.
      for (const change of reportChanges(first)) {
        const asked = change.source === 'crates.io' && change.kind !== 'removed'
        expect(change.registry?.status ?? null, `${change.name} ${change.kind}`).toBe(
          asked ? 'published' : null
        )
        expect(change.yanked).toBe(asked ? false : null)
      }
      expect(ourComments(pull)).toHaveLength(1)
      const commentId = (
        pull.comments.find((comment) => comment.body.includes(MARKER)) as { id: number }
      ).id
      expect(first.outputs['comment-url']).toBe(
        `https://github.com/${OWNER}/${NAME}/pull/${String(number)}#issuecomment-${String(commentId)}`
      )
      // comment-content is the Markdown that was posted.
      expect(first.outputs['comment-content']).toBe(ourComments(pull)[0]?.body)
      expect(first.summary).toContain('Dependency advisories')

      // `true` fails only on what the pull request introduces; a fix or a kept advisory passes.
      const second = await run('pull_request', payload, { 'fail-on-affected': 'true' })
      expect(second.exitCode).toBe(gate.introducedCount > 0 ? 1 : 0)
      if (gate.introducedCount > 0) {
        // The failure (core.setFailed: no properties), not a finding's annotation.
        const error = second.commands.find(
          (command) => command.name === 'error' && Object.keys(command.properties).length === 0
        )
        expect(error?.message).toMatch(/introduces/)
        for (const advisory of gate.introducedIds) expect(error?.message).toContain(advisory)
      }
      expectReport(second, id)
      expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
      expect(ourComments(pull)).toHaveLength(1)
      const writes = github.requests.filter(
        (request) =>
          request.path.includes('/comments') &&
          request.method !== 'GET' &&
          (request.path.includes(`/issues/${String(number)}/`) ||
            request.path.endsWith(`/comments/${String(commentId)}`))
      )
      expect(writes.map((request) => request.method)).toEqual(['POST', 'PATCH'])
    }
  )
})

describe('through the OSV API (loopback fake)', () => {
  let osv: FakeServer
  beforeAll(async () => {
    osv = await startFakeOsv({ pageSize: 3 })
  })
  afterAll(async () => {
    await osv.close()
  })
  it.each(['cratesio-2019-tar', 'bat-2018-add-git2', 'alacritty-2025-toml-0-9'])(
    '%s',
    async (id) => {
      const { base, head } = caseFiles(id)
      const { payload } = openPull(base, head)
      const result = await run('pull_request', payload, {
        'advisory-source': 'osv',
        'osv-api-url': osv.url
      })
      expect(result.exitCode, result.stdout).toBe(0)
      expectReport(result, id)
      expect(result.outputs.incomplete).toBe('false')
      expect((result.report as { advisory_source: string }).advisory_source).toContain(osv.url)
    }
  )
})

describe('crates.io index (loopback fake)', () => {
  const id = 'cratesio-2023-tokio-1-23-1'

  it('a yanked version the PR introduces: shown, and fail-on-yanked fails naming it', async () => {
    const { base, head } = caseFiles(id)
    const { payload } = openPull(base, head)
    index.yank('tokio', '1.23.1')
    try {
      const result = await run('pull_request', payload, { 'fail-on-yanked': 'true' })
      expect(result.exitCode).toBe(1)
      expectReport(result, id)
      expect(reportChanges(result).find((c) => c.name === 'tokio')?.yanked).toBe(true)
      const error = result.commands.find((command) => command.name === 'error')
      expect(error?.message).toMatch(/introduces yanked crate versions:\n {2}- tokio 1\.23\.1/)
      expect(result.summary).toMatch(/yanked/)
      const quiet = await run('pull_request', payload)
      expect(quiet.exitCode).toBe(0)
    } finally {
      index.yank('tokio', '1.23.1', false)
    }
  })

  it('comment: on-affected also comments on a yanked version the PR adds, advisories or not', async () => {
    const { base, head } = caseFiles('cratesio-2024-paste')
    const quiet = await run('pull_request', openPull(base, head).payload, {
      comment: 'on-affected'
    })
    expect(quiet.exitCode).toBe(0)
    expect(quiet.outputs['comment-url']).toBe('')
    index.yank('paste', '1.0.15')
    try {
      const yanked = await run('pull_request', openPull(base, head).payload, {
        comment: 'on-affected'
      })
      expect(yanked.exitCode).toBe(0)
      expect(yanked.outputs['comment-url']).not.toBe('')
      expect(yanked.outputs['comment-content']).toMatch(/yanked/)
    } finally {
      index.yank('paste', '1.0.15', false)
    }
  })

  it('an index that fails is unknown, never "not yanked"; the advisories stay complete', async () => {
    const { base, head } = caseFiles(id)
    const { payload } = openPull(base, head)
    index.faults.push({ kind: 'status', status: 502, times: 1000 })
    try {
      const result = await run('pull_request', payload)
      expect(result.exitCode).toBe(0)
      expect(result.outputs.incomplete).toBe('false')
      const tokio = reportChanges(result).find((c) => c.name === 'tokio')
      expect(tokio?.yanked).toBeNull()
      expect(tokio?.registry?.status).toBe('unknown')
      const gated = await run('pull_request', payload, { 'fail-on-yanked': 'true' })
      expect(gated.exitCode).toBe(1)
      expect(gated.commands.find((command) => command.name === 'error')?.message).toMatch(
        /Whether these versions are yanked is unknown/
      )
    } finally {
      index.faults.length = 0
    }
  })

  it('crates-index: false asks nothing (air-gapped runners)', async () => {
    const { base, head } = caseFiles(id)
    const { payload } = openPull(base, head)
    index.resetStats()
    const result = await run('pull_request', payload, { 'crates-index': 'false' })
    expect(result.exitCode).toBe(0)
    expect(index.stats.requests).toBe(0)
    expect((result.report as { crates_index: unknown }).crates_index).toBeNull()
    expectReport(result, id)
  })
})

describe('GitHub conditions', () => {
  const affectedCase = 'cratesio-2019-tar'

  it('read-only token (fork under pull_request): warning naming the permission, no failure from the comment', async () => {
    const { base, head } = caseFiles(affectedCase)
    const { pull, payload } = openPull(base, head, { fork: true })
    const quiet = await run('pull_request', payload, { 'github-token': 'ghs_read' })
    expect(quiet.exitCode).toBe(0)
    const warning = quiet.commands.find(
      (command) => command.name === 'warning' && command.message.includes('pull-requests: write')
    )
    expect(warning?.message).toMatch(/pull_request_target/)
    expect(quiet.outputs['comment-url']).toBe('')
    // Not posted, still given to the workflow to post elsewhere.
    expect(quiet.outputs['comment-content']).toContain('RUSTSEC-2021-0080')
    expect(quiet.outputs['comment-content']).toMatch(/^<!-- cargo-advisory-review -->/)
    expect(quiet.summary).toContain('RUSTSEC-2021-0080')
    expect(pull.comments).toHaveLength(0)
    expectReport(quiet, affectedCase)
    const gated = await run('pull_request', payload, {
      'github-token': 'ghs_read',
      'fail-on-affected': 'any'
    })
    expect(gated.exitCode).toBe(1)
    // The bump only keeps what 0.4.15 had: the introduced gate passes.
    const introduced = await run('pull_request', payload, {
      'github-token': 'ghs_read',
      'fail-on-affected': 'true'
    })
    expect(introduced.exitCode).toBe(0)
    expect(introduced.outputs['introduced-count']).toBe('0')
  })

  it('a lockfile over 1 MB is read (GraphQL text cut → REST blob; without GraphQL, contents → blob)', async () => {
    const id = 'rustup-2020-cargo-update'
    const { base, head } = caseFiles(id)
    const padded = new Map(head)
    const lock = head.get('Cargo.lock') ?? Buffer.alloc(0)
    padded.set(
      'Cargo.lock',
      Buffer.concat([
        lock,
        Buffer.from('\n' + '# padding to pass the 1 MB contents limit\n'.repeat(30_000))
      ])
    )
    expect(padded.get('Cargo.lock')?.length).toBeGreaterThan(1024 * 1024)
    const { payload } = openPull(base, padded)
    const lockSha = gitBlobSha(padded.get('Cargo.lock') ?? Buffer.alloc(0))
    let before = github.requests.length
    const graphql = await run('pull_request', payload)
    expect(graphql.exitCode, graphql.stdout).toBe(0)
    expectReport(graphql, id)
    expect(
      github.requests
        .slice(before)
        .filter((request) => request.path.endsWith(`/git/blobs/${lockSha}`))
    ).toHaveLength(1)
    github.faults.push({ kind: 'not-found', times: 9999, match: /\/graphql$/ })
    before = github.requests.length
    try {
      const viaBlob = await run('pull_request', payload)
      expectReport(viaBlob, id)
      expect(viaBlob.outputs.incomplete).toBe('false')
      expect(viaBlob.stdout).toMatch(/GraphQL is not usable/)
      const paths = github.requests.slice(before).map((request) => request.path)
      expect(paths).toContain('/repos/octo-org/app/contents/Cargo.lock')
      expect(paths).toContain(`/repos/octo-org/app/git/blobs/${lockSha}`)
    } finally {
      github.faults.length = 0
    }
  })

  it('reads every changed Cargo file, both sides, and the workspace roots in one GraphQL query; the members for the fix advice in one more', async () => {
    const id = 'helix-2023-nucleo-workspace'
    const { base, head } = caseFiles(id)
    const { payload } = openPull(base, head)
    const before = github.requests.length
    const result = await run('pull_request', payload)
    expect(result.exitCode, result.stdout).toBe(0)
    expectReport(result, id)
    const requests = github.requests.slice(before)
    // One query for the config files at base (sent before the file list arrives), one for the
    // rest, and one for the head's member manifests the fix advice reads (the requirements that
    // hold an affected crate: helix lists its members by name in the root's [workspace]; the
    // changed ones, helix-core among them, are already read).
    const queries = requests.filter(
      (request) => request.path === '/graphql' && !request.body.includes('viewer')
    )
    expect(queries).toHaveLength(3)
    expect(queries[2]?.body).toContain(':helix-tui/Cargo.toml')
    expect(requests.filter((request) => request.path.includes('/contents/'))).toEqual([])
  })

  it('more than 100 changed files: the file list is paginated', async () => {
    const id = 'helix-2023-nucleo-workspace'
    const { base, head } = caseFiles(id)
    const many = new Map(head)
    for (let i = 0; i < 250; i += 1)
      many.set(`book/src/page-${String(i)}.md`, Buffer.from(`${String(i)}\n`))
    const { payload, number } = openPull(base, many)
    const result = await run('pull_request', payload)
    expect(result.exitCode).toBe(0)
    expectReport(result, id)
    const pages = github.requests.filter((request) =>
      request.path.endsWith(`/pulls/${String(number)}/files`)
    )
    expect(pages).toHaveLength(3)
  })

  it('past the 3,000-file listing cap, the git trees are compared instead', async () => {
    const id = 'bat-2023-git2-0-16'
    const { base, head } = caseFiles(id)
    const many = new Map(head)
    for (let i = 0; i < 3100; i += 1)
      many.set(`assets/${String(i)}.txt`, Buffer.from(`${String(i)}\n`))
    const { payload, headSha } = openPull(base, many)
    const result = await run('pull_request', payload)
    expect(result.exitCode).toBe(0)
    expectReport(result, id)
    expect(result.outputs.incomplete).toBe('false')
    expect(github.requests.some((request) => request.path.endsWith(`/git/trees/${headSha}`))).toBe(
      true
    )
  })

  it('rate limits (primary and secondary) and a server error are retried', async () => {
    const id = 'fd-2020-users-cfg-unix'
    const { base, head } = caseFiles(id)
    const { payload, number } = openPull(base, head)
    github.faults.push(
      {
        kind: 'secondary-rate-limit',
        times: 1,
        match: new RegExp(`/pulls/${String(number)}/files$`)
      },
      {
        kind: 'primary-rate-limit',
        times: 1,
        match: new RegExp(`/issues/${String(number)}/comments$`),
        status: 429
      },
      // GraphQL's "Something went wrong" sends the reads to REST, where a 502 is retried. Two:
      // the comment's identity (GraphQL viewer, falling back to github-actions[bot]) asks first.
      { kind: 'server-error', times: 2, match: /\/graphql$/, status: 502 },
      { kind: 'server-error', times: 1, match: /\/contents\/Cargo\.lock$/, status: 502 }
    )
    const result = await run('pull_request', payload)
    const leftover = github.faults.filter((fault) => fault.times > 0)
    github.faults.length = 0
    expect(leftover).toEqual([])
    expect(result.exitCode, result.stdout).toBe(0)
    expectReport(result, id)
    expect(result.outputs.incomplete).toBe('false')
    expect(result.outputs['comment-url']).not.toBe('')
    expect(
      result.commands.some(
        (command) => command.name === 'warning' && /secondary rate limit/.test(command.message)
      )
    ).toBe(true)
  })

  it('a file that cannot be fetched makes the analysis incomplete, and the gate says so', async () => {
    const id = 'cratesio-2024-paste'
    const { base, head } = caseFiles(id)
    const { payload } = openPull(base, head)
    github.faults.push(
      { kind: 'graphql-resource-limits', after: 0, times: 9999, match: /\/graphql$/ },
      { kind: 'forbidden', times: 2, match: /\/contents\/Cargo\.lock$/ }
    )
    const result = await run('pull_request', payload, { 'fail-on-affected': 'true' })
    github.faults.length = 0
    expect(result.outputs.incomplete).toBe('true')
    expect((result.report as { complete: boolean }).complete).toBe(false)
    expect(result.exitCode).toBe(1)
    expect(result.commands.find((command) => command.name === 'error')?.message).toMatch(
      /incomplete/
    )
  })
})

describe('events', () => {
  it('merge_group: compares base_sha and head_sha, no comment, gate applies', async () => {
    const id = 'bat-2018-add-git2'
    const { base, head } = caseFiles(id)
    const baseSha = github.addCommit(repo, base)
    const headSha = github.addCommit(repo, head)
    const before = github.requests.length
    const result = await run(
      'merge_group',
      payloads.mergeGroup({ owner: OWNER, repo: NAME, base: baseSha, head: headSha }),
      { 'fail-on-affected': 'true' }
    )
    expectReport(result, id)
    expect(result.exitCode).toBe(expectedGate(expectedOf(id)).introducedCount > 0 ? 1 : 0)
    expect(result.outputs['comment-url']).toBe('')
    expect(
      github.requests.slice(before).filter((request) => request.path.includes('/comments'))
    ).toEqual([])
    expect(result.summary).toContain('Dependency advisories')
  })

  it('pull_request_target from a fork: comments (the API is read as data, nothing checked out)', async () => {
    const id = 'ripgrep-2021-memmap2-renamed'
    const { base, head } = caseFiles(id)
    const { pull, payload } = openPull(base, head, { fork: true })
    const result = await run('pull_request_target', payload)
    expect(result.exitCode).toBe(0)
    expectReport(result, id)
    expect(ourComments(pull)).toHaveLength(1)
  })

  it('push: compares before and after without commenting; the token never reaches the log', async () => {
    const id = 'fd-2022-revert-chrono'
    const { base, head } = caseFiles(id)
    const before = github.addCommit(repo, base)
    const after = github.addCommit(repo, head)
    const result = await run('push', {
      ref: 'refs/heads/main',
      before,
      after,
      repository: { full_name: `${OWNER}/${NAME}` }
    })
    expect(result.exitCode).toBe(0)
    expectReport(result, id)
    expect(result.outputs['comment-url']).toBe('')
    const leaks = (result.stdout + result.stderr)
      .split('\n')
      .filter((line) => line.includes('ghs_write') && !line.startsWith('::add-mask::'))
    expect(leaks).toEqual([])
  })

  it.each([
    ['never', 'cratesio-2019-tar'],
    ['on-affected', 'cratesio-2024-paste']
  ])('comment: %s posts nothing on %s', async (mode, id) => {
    const { base, head } = caseFiles(id)
    const { pull, payload } = openPull(base, head)
    const result = await run('pull_request', payload, { comment: mode })
    expect(result.exitCode).toBe(0)
    expectReport(result, id)
    expect(pull.comments).toEqual([])
    expect(result.outputs['comment-url']).toBe('')
  })

  it('an event without pull_request: a warning and a skip, never a crash; under the gate it fails as incomplete', async () => {
    const before = github.requests.length
    const payload = payloads.withoutPullRequest({ owner: OWNER, repo: NAME })
    const quiet = await run('pull_request', payload)
    expect(quiet.exitCode).toBe(0)
    expect(
      quiet.commands.some(
        (command) => command.name === 'warning' && /skipped/.test(command.message)
      )
    ).toBe(true)
    expect(quiet.outputs.incomplete).toBe('true')
    expect(quiet.outputs['affected-count']).toBe('')
    const gated = await run('pull_request', payload, { 'fail-on-affected': 'true' })
    expect(gated.exitCode).toBe(1)
    expect(gated.outputs.incomplete).toBe('true')
    const error = gated.commands.find((command) => command.name === 'error')?.message ?? ''
    expect(error).toMatch(/incomplete/)
    expect(error).toMatch(/no pull_request with base and head SHAs/)
    expect(github.requests.length).toBe(before)
  })

  it('a push that creates a branch: nothing to compare with, so incomplete under the gate', async () => {
    const after = github.addCommit(repo, caseFiles('fd-2022-revert-chrono').head)
    const payload = {
      ref: 'refs/heads/new-branch',
      before: '0'.repeat(40),
      after,
      created: true,
      repository: { full_name: `${OWNER}/${NAME}` }
    }
    const quiet = await run('push', payload)
    expect(quiet.exitCode).toBe(0)
    expect(quiet.outputs.incomplete).toBe('true')
    const gated = await run('push', payload, { 'fail-on-affected': 'true' })
    expect(gated.exitCode).toBe(1)
    expect(gated.commands.find((command) => command.name === 'error')?.message).toMatch(
      /incomplete[\s\S]*created a branch/
    )
    // Deleting a branch leaves nothing to check: complete, nothing affected, green.
    const deleted = await run(
      'push',
      { ...payload, before: after, after: '0'.repeat(40), created: false, deleted: true },
      { 'fail-on-affected': 'true' }
    )
    expect(deleted.exitCode).toBe(0)
    expect(deleted.outputs).toMatchObject({ incomplete: 'false', 'affected-count': '0' })
  })

  it('an event with no revisions needs base-ref/head-ref', async () => {
    const result = await run('workflow_dispatch', { inputs: {} })
    expect(result.exitCode).toBe(1)
    expect(result.commands.find((command) => command.name === 'error')?.message).toMatch(
      /base-ref and head-ref/
    )
  })

  it('ignore input and the BASE deny.toml silence advisories for the gate but keep them visible', async () => {
    const id = 'cratesio-2019-tar'
    const { base, head } = caseFiles(id)
    const baseWithDeny = new Map(base)
    baseWithDeny.set(
      'deny.toml',
      Buffer.from(
        '[advisories]\nignore = [{ id = "RUSTSEC-2026-0067", reason = "not reachable" }]\n'
      )
    )
    const headWithDeny = new Map(head)
    // The pull request's own deny.toml must not silence anything about itself.
    headWithDeny.set(
      'deny.toml',
      Buffer.from('[advisories]\nignore = ["RUSTSEC-2026-0067", "RUSTSEC-2021-0080"]\n')
    )
    const { payload } = openPull(baseWithDeny, headWithDeny)
    const result = await run('pull_request', payload, {
      'fail-on-affected': 'any',
      ignore: 'RUSTSEC-2026-0068 # reviewed'
    })
    expect(result.outputs['advisory-ids']).toBe('["RUSTSEC-2021-0080"]')
    expect(result.outputs['affected-count']).toBe('1')
    expect(result.exitCode).toBe(1)
    type Change = {
      name: string
      advisories: { id: string; ignored: { reason: string | null } | null }[]
    }
    const tar = (
      result.report as { lockfiles: { changes: Change[] }[] }
    ).lockfiles[0]?.changes.find((change) => change.name === 'tar')
    const ignored = Object.fromEntries(
      (tar?.advisories ?? []).map((advisory) => [advisory.id, advisory.ignored?.reason ?? null])
    )
    expect(ignored).toEqual({
      'RUSTSEC-2018-0002': null,
      'RUSTSEC-2021-0080': null,
      'RUSTSEC-2026-0067': 'not reachable',
      'RUSTSEC-2026-0068': 'reviewed'
    })
  })
})
