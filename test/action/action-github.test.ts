// The REST edges (file listing, comments) against the loopback fake of GitHub; reading files is
// in github-reader.test.ts.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ACTIONS_BOT_LOGIN,
  learnIdentity,
  searchComment,
  upsertComment as upsert,
  type UpsertOptions
} from '../../src/action/comment.js'
import { listCargoFilesByTrees, listPullRequestCargoFiles } from '../../src/action/changed-files.js'
import {
  createGitHubClient,
  createGitHubTransport,
  createGraphqlPost,
  type GitHubClient,
  type GraphqlAnswer
} from '../../src/action/octokit.js'
import { COMMENT_MARKER } from '../../src/render/markdown.js'
import { isCargoFile } from '../../src/trees/tree.js'
import {
  readFolder,
  startFakeGitHub,
  type FakeGitHub,
  type FakeRepo,
  type Files
} from '../helpers/fake-github.js'
import { fastGitHubTuning } from '../helpers/github-tuning.js'
import { recordingLogger } from '../helpers/memory.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')
const MARKER = COMMENT_MARKER

const logger = recordingLogger

function withExtraFiles(files: Files, count: number): Files {
  const copy = new Map(files)
  for (let i = 0; i < count; i += 1)
    copy.set(`docs/page-${String(i).padStart(4, '0')}.md`, Buffer.from(`page ${String(i)}\n`))
  return copy
}

/** Cargo paths whose bytes differ between the two folders (the diff GitHub would list). */
function changedCargoPaths(base: Files, head: Files): string[] {
  const paths = new Set([...base.keys(), ...head.keys()].filter(isCargoFile))
  return [...paths]
    .filter((path) => !(base.get(path)?.equals(head.get(path) ?? Buffer.alloc(0)) ?? false))
    .sort()
}

/** upsertComment() with its search started just before, as run() starts it early. */
function upsertComment(
  client: GitHubClient,
  target: { owner: string; repo: string },
  options: Omit<UpsertOptions, 'search'>
) {
  const graphql = createGraphqlPost('ghs_write', {
    url: `${fake.url}/graphql`,
    transport: createGitHubTransport(),
    userAgent: 'test'
  })
  return upsert(client, target, {
    ...options,
    search: searchComment(client, target, { ...options, graphql })
  })
}

let fake: FakeGitHub
let repo: FakeRepo
let octokit: GitHubClient
const stats = { requests: 0 }

beforeAll(async () => {
  fake = await startFakeGitHub()
  repo = fake.addRepo('octo-org', 'app')
  octokit = createGitHubClient('ghs_write', {
    baseUrl: fake.url,
    logger: logger(),
    stats,
    ...fastGitHubTuning()
  })
})
afterAll(async () => {
  await fake.close()
})

describe('changed Cargo files', () => {
  it('follows pagination through absolute /repositories/{id} links past 100 files', async () => {
    const base = readFolder(join(CASES, 'helix-2023-nucleo-workspace', 'base'))
    const head = withExtraFiles(readFolder(join(CASES, 'helix-2023-nucleo-workspace', 'head')), 150)
    const baseSha = fake.addCommit(repo, base)
    const headSha = fake.addCommit(repo, head)
    fake.addPull(repo, 1, baseSha, headSha)
    const before = fake.requests.length
    const changed = await listPullRequestCargoFiles(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      {
        number: 1,
        base: baseSha,
        head: headSha,
        changedFiles: null,
        logger: logger()
      }
    )
    expect(changed.paths).toEqual(changedCargoPaths(base, head))
    expect(changed.paths.length).toBeGreaterThan(0)
    expect(changed.filesListed).toBeGreaterThan(150)
    const pages = fake.requests.slice(before).filter((request) => request.path.endsWith('/files'))
    expect(pages).toHaveLength(2)
    expect(pages[0]?.query.get('per_page')).toBe('100')
    expect(pages[1]?.path).toBe(`/repositories/${String(repo.id)}/pulls/1/files`)
  })

  it('compares git trees when the listing hits the 3,000-file cap', async () => {
    const base = readFolder(join(CASES, 'cratesio-2019-tar', 'base'))
    const head = withExtraFiles(readFolder(join(CASES, 'cratesio-2019-tar', 'head')), 3050)
    const baseSha = fake.addCommit(repo, base)
    const headSha = fake.addCommit(repo, head)
    fake.addPull(repo, 2, baseSha, headSha)
    const log = logger()
    const changed = await listPullRequestCargoFiles(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      {
        number: 2,
        base: baseSha,
        head: headSha,
        changedFiles: 3051,
        logger: log
      }
    )
    expect(changed.paths).toEqual(['Cargo.lock', 'Cargo.toml'])
    expect(changed.paths).toEqual(changedCargoPaths(base, head))
    expect(changed.problems).toEqual([])
    expect(log.infos.join('\n')).toMatch(/caps the list at 3000/)
    expect(fake.requests.some((request) => request.path.endsWith(`/git/trees/${headSha}`))).toBe(
      true
    )
  })

  it('stops following the file list after 30 pages, even when every page links a next one', async () => {
    const text = Buffer.from('[package]\nname = "x"\n')
    const baseSha = fake.addCommit(repo, new Map([['Cargo.toml', text]]))
    const headSha = fake.addCommit(
      repo,
      new Map([['Cargo.toml', Buffer.from('[package]\nname = "y"\n')]])
    )
    fake.addPull(repo, 4, baseSha, headSha)
    fake.options.endlessFileList = true
    const before = fake.requests.length
    try {
      const changed = await listPullRequestCargoFiles(
        octokit,
        { owner: 'octo-org', repo: 'app' },
        { number: 4, base: baseSha, head: headSha, changedFiles: null, logger: logger() }
      )
      // 30 pages hold GitHub's 3,000 files: past them the git trees are compared instead.
      expect(changed.paths).toEqual(['Cargo.toml'])
    } finally {
      fake.options.endlessFileList = false
    }
    const pages = fake.requests.slice(before).filter((r) => r.path.endsWith('/pulls/4/files'))
    expect(pages).toHaveLength(30)
  })

  it('lists both names of a renamed Cargo file', async () => {
    const text = Buffer.from('[package]\nname = "moved"\nversion = "0.1.0"\n')
    const baseSha = fake.addCommit(repo, new Map([['old/Cargo.toml', text]]))
    const headSha = fake.addCommit(repo, new Map([['new/Cargo.toml', text]]))
    fake.addPull(repo, 3, baseSha, headSha)
    const changed = await listPullRequestCargoFiles(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      {
        number: 3,
        base: baseSha,
        head: headSha,
        changedFiles: 1,
        logger: logger()
      }
    )
    expect(changed.paths).toEqual(['new/Cargo.toml', 'old/Cargo.toml'])
    const byTrees = await listCargoFilesByTrees(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      { base: baseSha, head: headSha }
    )
    expect(byTrees.paths).toEqual(['new/Cargo.toml', 'old/Cargo.toml'])
  })
})

describe('the sticky comment', () => {
  it('creates one comment, then updates it in place, ignoring a user who pasted the marker', async () => {
    const pull = fake.addPull(repo, 10, 'x', 'y')
    pull.comments.push({
      id: 1,
      body: `hijack ${MARKER}`,
      user: { login: 'mallory', id: 9, type: 'User' },
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z'
    })
    const target = { owner: 'octo-org', repo: 'app' }
    const first = await upsertComment(octokit, target, {
      number: 10,
      marker: MARKER,
      wanted: true,
      render: () => `one\n${MARKER}`,
      logger: logger()
    })
    expect(first.action).toBe('created')
    const second = await upsertComment(octokit, target, {
      number: 10,
      marker: MARKER,
      wanted: false,
      render: () => `two\n${MARKER}`,
      logger: logger()
    })
    expect(second).toEqual({ action: 'updated', url: first.url })
    expect(
      pull.comments.filter((comment) => comment.user?.type === 'Bot').map((comment) => comment.body)
    ).toEqual([`two\n${MARKER}`])
    expect(pull.comments.find((comment) => comment.id === 1)?.body).toBe(`hijack ${MARKER}`)
  })

  it('finds its comment on a later page of comments', async () => {
    const pull = fake.addPull(repo, 11, 'x', 'y')
    for (let i = 0; i < 130; i += 1) {
      pull.comments.push({
        id: 100 + i,
        body: i === 120 ? `old ${MARKER}` : 'chatter',
        user:
          i === 120
            ? { login: 'github-actions[bot]', id: 1, type: 'Bot' }
            : { login: 'u', id: 2, type: 'User' },
        created_at: '',
        updated_at: ''
      })
    }
    const outcome = await upsertComment(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      { number: 11, marker: MARKER, wanted: true, render: () => `new ${MARKER}`, logger: logger() }
    )
    expect(outcome.action).toBe('updated')
    expect(pull.comments).toHaveLength(130)
    expect(pull.comments[120]?.body).toBe(`new ${MARKER}`)
  })

  it('posts nothing when there is nothing to say and no earlier comment', async () => {
    const pull = fake.addPull(repo, 12, 'x', 'y')
    const outcome = await upsertComment(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      { number: 12, marker: MARKER, wanted: false, render: () => MARKER, logger: logger() }
    )
    expect(outcome.action).toBe('none')
    expect(pull.comments).toHaveLength(0)
  })

  it('turns a read-only token into a warning that names the permission and the event', async () => {
    fake.addPull(repo, 13, 'x', 'y')
    const readOnly = createGitHubClient('ghs_read', {
      baseUrl: fake.url,
      logger: logger(),
      stats: { requests: 0 },
      ...fastGitHubTuning()
    })
    const log = logger()
    const outcome = await upsertComment(
      readOnly,
      { owner: 'octo-org', repo: 'app' },
      { number: 13, marker: MARKER, wanted: true, render: () => MARKER, logger: log }
    )
    expect(outcome.action).toBe('failed')
    expect(log.warnings[0]).toMatch(/pull-requests: write/)
    expect(log.warnings[0]).toMatch(/pull_request_target/)
    expect(log.warnings[0]).toMatch(/issues=write; pull_requests=write/)
  })

  it('posts the short version when GitHub refuses the body as too long', async () => {
    const pull = fake.addPull(repo, 14, 'x', 'y')
    const outcome = await upsertComment(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      {
        number: 14,
        marker: MARKER,
        wanted: true,
        render: (short) => (short ? `short ${MARKER}` : `${'€'.repeat(70_000)} ${MARKER}`),
        logger: logger()
      }
    )
    expect(outcome.action).toBe('created')
    expect(pull.comments.map((comment) => comment.body)).toEqual([`short ${MARKER}`])
  })
})

describe('who the token comments as', () => {
  const ask = (answer: () => Promise<GraphqlAnswer>, timeoutMs?: number) =>
    learnIdentity(() => answer(), logger(), timeoutMs)
  const json = (status: number, body: unknown): Promise<GraphqlAnswer> =>
    Promise.resolve({ status, body, headers: new Headers() })

  it("takes GraphQL viewer's login when GitHub gives one", async () => {
    expect(await ask(() => json(200, { data: { viewer: { login: 'my-app[bot]' } } }))).toEqual({
      login: 'my-app[bot]',
      from: 'viewer'
    })
  })

  it('asks the loopback fake (built from the contract, no viewer field) and falls back', async () => {
    const graphql = createGraphqlPost('ghs_write', {
      url: `${fake.url}/graphql`,
      transport: createGitHubTransport(),
      userAgent: 'test'
    })
    expect(await learnIdentity(graphql, logger())).toEqual({
      login: ACTIONS_BOT_LOGIN,
      from: 'fallback'
    })
  })

  it.each([
    [
      'a GraphQL error',
      () =>
        json(200, {
          errors: [{ message: "Field 'viewer' doesn't exist on type 'Query'", path: ['query'] }]
        })
    ],
    ['a 404', () => json(404, { message: 'Not Found' })],
    ['a 403', () => json(403, { message: 'Resource not accessible by integration' })],
    ['an empty login', () => json(200, { data: { viewer: { login: '' } } })],
    ['a body that is not JSON', () => json(200, null)],
    ['a network failure', () => Promise.reject(new TypeError('fetch failed'))]
  ])('falls back to github-actions[bot] on %s', async (_name, answer) => {
    expect(await ask(answer)).toEqual({ login: ACTIONS_BOT_LOGIN, from: 'fallback' })
  })

  it('does not wait for an answer that never comes', async () => {
    // The answer never comes: only the 50 ms timeout can end the wait.
    const identity = await ask(() => new Promise<GraphqlAnswer>(() => undefined), 50)
    expect(identity.from).toBe('fallback')
  })
})
