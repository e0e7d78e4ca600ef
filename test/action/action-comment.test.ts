// The sticky comment's edges, end to end (the action's run() in process against the loopback fake
// GitHub): only our own comment is ever touched, at most one of ours stays, the comment list is
// read on a bounded number of pages, a comment deleted meanwhile is posted again, and no earlier
// "not affected" stands for a commit whose review failed or stayed incomplete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDelayProxy, type Injector } from '../../bench/proxy.js'
import { ACTIONS_BOT_LOGIN, MAX_COMMENT_PAGES } from '../../src/action/comment.js'
import { COMMENT_MARKER } from '../../src/render/markdown.js'
import {
  startFakeGitHub,
  type FakeComment,
  type FakeGitHub,
  type FakePull,
  type FakeRepo
} from '../helpers/fake-github.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { caseFiles, openPullRequest } from '../helpers/fixtures.js'
import { runAction, type ActionRun } from '../helpers/runner.js'

/** No advisory affects its new versions: its comment says so, the sentence a stale run must lose. */
const CLEAN_CASE = 'cratesio-2024-paste'
const SAFE_SENTENCE =
  /introduces no advisory|None of the new versions (that could be checked )?is affected/
const APP_TOKEN = 'ghs_app'
const APP = { login: 'review-app[bot]', id: 777, type: 'Bot' as const }
const GITHUB_ACTIONS = { login: ACTIONS_BOT_LOGIN, id: 41898282, type: 'Bot' as const }

let github: FakeGitHub
let repo: FakeRepo
let nextPull = 1

beforeAll(async () => {
  github = await startFakeGitHub({
    tokens: { ghs_write: 'write', ghs_read: 'read', [APP_TOKEN]: 'write' },
    authors: { [APP_TOKEN]: APP }
  })
  repo = github.addRepo('octo-org', 'app')
})
afterAll(async () => {
  await github.close()
})

// Comment ids are global on GitHub (and in the fake's PATCH/DELETE routes): seed unique ones, in
// ascending order as GitHub lists them.
let nextId = 1
function comment(body: string, user: FakeComment['user']): FakeComment {
  return {
    id: nextId++,
    body,
    user,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z'
  }
}

function openPull(id = CLEAN_CASE, comments: FakeComment[] = []) {
  const number = nextPull++
  return { ...openPullRequest(github, repo, { number, ...caseFiles(id), comments }), number }
}

function run(
  payload: unknown,
  inputs: Record<string, string> = {},
  apiUrl = github.url
): Promise<ActionRun> {
  return runAction({
    eventName: 'pull_request',
    payload,
    repository: 'octo-org/app',
    apiUrl,
    inputs: { 'advisory-source': RUSTSEC_DIR, ...inputs }
  })
}

const byLogin = (pull: FakePull, login: string) =>
  pull.comments.filter((c) => c.user?.login === login && c.body.includes(COMMENT_MARKER))

/** A proxy in front of the fake that answers GraphQL `viewer` as GitHub does for each token. */
async function withViewer(extra: Injector = () => null) {
  return startDelayProxy('github', github.url, 0, [], (method, path, body, headers) => {
    if (method === 'POST' && path === '/graphql' && body.includes('viewer')) {
      const token = /\S+$/.exec(String(headers.authorization ?? ''))?.[0] ?? ''
      const login = token === APP_TOKEN ? APP.login : ACTIONS_BOT_LOGIN
      return { status: 200, body: { data: { viewer: { login } } } }
    }
    return extra(method, path, body, headers)
  })
}

describe('only our own comment', () => {
  it('another bot quoting the marker and an author-less comment are never taken (GITHUB_TOKEN)', async () => {
    const other = comment(`${COMMENT_MARKER}\nanother app's text`, {
      login: 'other-app[bot]',
      id: 5,
      type: 'Bot'
    })
    const ghost = comment(`${COMMENT_MARKER}\na deleted account's text`, null)
    const { pull, payload } = openPull(CLEAN_CASE, [other, ghost])
    const first = await run(payload)
    expect(first.exitCode, first.stdout).toBe(0)
    const second = await run(payload)
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
    expect(pull.comments.find((c) => c.id === 1)?.body).toBe(
      `${COMMENT_MARKER}\nanother app's text`
    )
    expect(pull.comments.find((c) => c.id === 2)?.body).toBe(
      `${COMMENT_MARKER}\na deleted account's text`
    )
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)).toHaveLength(1)
    expect(pull.comments).toHaveLength(3)
  })

  it("an app's token: GraphQL viewer names the app's bot, whose comment is updated; github-actions' is not", async () => {
    const proxy = await withViewer()
    try {
      const actions = comment(`${COMMENT_MARKER}\nGITHUB_TOKEN workflow`, GITHUB_ACTIONS)
      const app = comment(`${COMMENT_MARKER}\napp's old report`, APP)
      const { pull, payload } = openPull(CLEAN_CASE, [actions, app])
      const result = await run(payload, { 'github-token': APP_TOKEN }, proxy.url)
      expect(result.exitCode, result.stdout).toBe(0)
      expect(pull.comments.map((c) => c.id)).toEqual([actions.id, app.id])
      expect(pull.comments[0]?.body).toBe(`${COMMENT_MARKER}\nGITHUB_TOKEN workflow`)
      expect(pull.comments[1]?.body).toMatch(SAFE_SENTENCE)
      expect(result.outputs['comment-url']).toMatch(new RegExp(`#issuecomment-${String(app.id)}$`))
      // Asked beside the comment list, before the file list: not a step of its own.
      const paths = proxy.log.map((entry) => `${entry.method} ${entry.path}`)
      const viewer = paths.indexOf('POST /graphql')
      expect(viewer).toBeGreaterThanOrEqual(0)
      expect(viewer).toBeLessThan(paths.findIndex((path) => path.endsWith('/files')))
    } finally {
      await proxy.close()
    }
  })

  it('no viewer endpoint (a fake built from the contract): the POST answer says who we are, and one comment stays', async () => {
    const app = comment(`${COMMENT_MARKER}\napp's old report`, APP)
    const { pull, payload } = openPull(CLEAN_CASE, [app])
    const result = await run(payload, { 'github-token': APP_TOKEN })
    expect(result.exitCode, result.stdout).toBe(0)
    // Fallback identity github-actions[bot] saw none, so it posted; the answer named the app's bot,
    // the list again showed the older one: it holds the report now, the new one is gone.
    expect(byLogin(pull, APP.login).map((c) => c.id)).toEqual([app.id])
    expect(pull.comments[0]?.body).toMatch(SAFE_SENTENCE)
    expect(result.outputs['comment-url']).toMatch(new RegExp(`#issuecomment-${String(app.id)}$`))
  })
})

describe('at most one comment', () => {
  it('two runs at once on a new pull request leave one comment', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { pull, payload } = openPull()
      const [a, b] = await Promise.all([run(payload), run(payload)])
      expect(a.exitCode, a.stdout).toBe(0)
      expect(b.exitCode, b.stdout).toBe(0)
      const ours = byLogin(pull, ACTIONS_BOT_LOGIN)
      expect(ours).toHaveLength(1)
      expect(ours[0]?.body).toMatch(SAFE_SENTENCE)
    }
  })

  it('duplicates left by earlier runs are removed; the oldest stays', async () => {
    const seeded = [
      comment(`${COMMENT_MARKER}\nfirst`, GITHUB_ACTIONS),
      comment('a person', { login: 'alice', id: 3, type: 'User' }),
      comment(`${COMMENT_MARKER}\nduplicate`, GITHUB_ACTIONS)
    ]
    const { pull, payload } = openPull(CLEAN_CASE, seeded)
    const result = await run(payload)
    expect(result.exitCode).toBe(0)
    expect(pull.comments.map((c) => c.id)).toEqual([seeded[0]?.id, seeded[1]?.id])
    expect(pull.comments[0]?.body).toMatch(SAFE_SENTENCE)
  })

  it(`the comment list is read on at most ${String(MAX_COMMENT_PAGES)} pages; past that, nothing is posted and the log says why`, async () => {
    const chatter = Array.from({ length: MAX_COMMENT_PAGES * 100 + 50 }, (_, i) =>
      comment(`comment ${String(i)}`, { login: 'alice', id: 3, type: 'User' })
    )
    const { pull, payload, number } = openPull(CLEAN_CASE, chatter)
    const before = github.requests.length
    const result = await run(payload)
    expect(result.exitCode).toBe(0)
    const pages = github.requests
      .slice(before)
      .filter((r) => r.method === 'GET' && r.path.endsWith('/comments'))
    expect(pages.length).toBeLessThanOrEqual(MAX_COMMENT_PAGES)
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)).toHaveLength(0)
    expect(result.outputs['comment-url']).toBe('')
    expect(
      result.commands.some(
        (c) =>
          c.name === 'warning' &&
          /more than 3000 comments/.test(c.message) &&
          /duplicate/.test(c.message)
      )
    ).toBe(true)
    expect(result.summary).toMatch(/\S/)
    expect(number).toBeGreaterThan(0)
  })

  it('ours within the pages read is found and updated, however long the list', async () => {
    const chatter = Array.from({ length: MAX_COMMENT_PAGES * 100 + 50 }, (_, i) =>
      i === 150
        ? comment(`${COMMENT_MARKER}\nold`, GITHUB_ACTIONS)
        : comment(`comment ${String(i)}`, { login: 'alice', id: 3, type: 'User' })
    )
    const { pull, payload } = openPull(CLEAN_CASE, chatter)
    const result = await run(payload)
    expect(result.outputs['comment-url']).toMatch(
      new RegExp(`#issuecomment-${String(chatter[150]?.id)}$`)
    )
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)).toHaveLength(1)
    expect(pull.comments[150]?.body).toMatch(SAFE_SENTENCE)
  })
})

describe('a comment deleted meanwhile', () => {
  it('PATCH 404: posted again, and the warning does not blame permissions', async () => {
    const holder: { pull?: FakePull } = {}
    let deleted = false
    const proxy = await startDelayProxy('github', github.url, 0, [], (method, path) => {
      if (!deleted && method === 'PATCH' && path.includes('/issues/comments/') && holder.pull) {
        // Someone deletes the comment between our list and our update: GitHub answers 404.
        deleted = true
        holder.pull.comments.length = 0
      }
      return null
    })
    try {
      const { pull, payload } = openPull(CLEAN_CASE, [
        comment(`${COMMENT_MARKER}\nold`, GITHUB_ACTIONS)
      ])
      holder.pull = pull
      const result = await run(payload, {}, proxy.url)
      expect(deleted).toBe(true)
      expect(result.exitCode).toBe(0)
      const ours = byLogin(pull, ACTIONS_BOT_LOGIN)
      expect(ours).toHaveLength(1)
      expect(ours[0]?.body).toMatch(SAFE_SENTENCE)
      expect(result.outputs['comment-url']).toMatch(
        new RegExp(`#issuecomment-${String(ours[0]?.id)}$`)
      )
      const warnings = result.commands.filter((c) => c.name === 'warning').map((c) => c.message)
      expect(warnings.join('\n')).not.toMatch(/pull-requests: write|permission/)
    } finally {
      await proxy.close()
    }
  })
})

describe('no stale "safe" comment', () => {
  it('a later run that fails replaces the earlier verdict with what is unknown and why', async () => {
    const { pull, payload, number } = openPull()
    const clean = await run(payload)
    expect(clean.exitCode).toBe(0)
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)[0]?.body).toMatch(SAFE_SENTENCE)
    // Every page of the file list refused: the run ends in an error before any report exists.
    github.faults.push({
      kind: 'server-error',
      status: 422,
      times: 1,
      match: new RegExp(`/pulls/${String(number)}/files$`)
    })
    const failed = await run(payload, { 'fail-on-affected': 'true' })
    github.faults.length = 0
    expect(failed.exitCode).toBe(1)
    const ours = byLogin(pull, ACTIONS_BOT_LOGIN)
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).not.toMatch(SAFE_SENTENCE)
    expect(ours[0]?.body).toMatch(/failed/)
    expect(ours[0]?.body).toMatch(/nothing is known/)
    expect(ours[0]?.body).toMatch(/Server Error/)
  })

  it('a later run that is incomplete says so in the same comment', async () => {
    const { pull, payload } = openPull()
    await run(payload)
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)[0]?.body).toMatch(SAFE_SENTENCE)
    github.faults.push(
      // GraphQL refused, so the lockfile is read over REST, where it is refused too.
      { kind: 'not-found', times: 9999, match: /\/graphql$/ },
      { kind: 'forbidden', times: 2, match: /\/contents\/Cargo\.lock$/ }
    )
    const incomplete = await run(payload, { comment: 'on-affected' })
    github.faults.length = 0
    expect(incomplete.outputs.incomplete).toBe('true')
    const ours = byLogin(pull, ACTIONS_BOT_LOGIN)
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body).toMatch(/Incomplete/)
    expect(ours[0]?.body).toMatch(/Cargo\.lock/)
  })

  it('comment: never deletes an earlier comment of ours (it would no longer be maintained), and nothing else', async () => {
    const person = comment('a person', { login: 'alice', id: 3, type: 'User' })
    const { pull, payload } = openPull(CLEAN_CASE, [person])
    await run(payload)
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)).toHaveLength(1)
    const never = await run(payload, { comment: 'never' })
    expect(never.exitCode).toBe(0)
    expect(never.outputs['comment-url']).toBe('')
    expect(pull.comments.map((c) => c.id)).toEqual([person.id])
  })
})

describe('a locked conversation (issue 21, class 8)', () => {
  // The 403 body is GitHub's, as the runtime contract records it ("Locked conversation":
  // renovatebot/renovate#6215, probot/stale#25); the fake answers it for a locked pull request.
  it('says the conversation is locked and the job summary holds the report, not token advice', async () => {
    const { pull, payload } = openPull()
    pull.locked = true
    const result = await run(payload)
    expect(result.exitCode).toBe(0)
    expect(byLogin(pull, ACTIONS_BOT_LOGIN)).toHaveLength(0)
    const warnings = result.commands.filter((c) => c.name === 'warning').map((c) => c.message)
    const said = warnings.join('\n')
    expect(said).toMatch(/the conversation is locked/)
    expect(said).toMatch(/Unable to create comment because issue is locked/)
    expect(said).toMatch(/job summary holds the full report/)
    expect(said).not.toMatch(/pull-requests: write|permission|pull_request_target/)
    expect(result.summary).toMatch(SAFE_SENTENCE)
  })
})

describe('one unreadable file, one line (issue 21, class 8)', () => {
  it('a Cargo.lock GitHub refuses is one "Incomplete" warning and one line in the comment', async () => {
    const { pull, payload } = openPull()
    github.faults.push(
      // GraphQL refused, so the lockfile is read over REST, where it is refused too.
      { kind: 'not-found', times: 9999, match: /\/graphql$/ },
      // Refused once: one side of one file is unreadable.
      { kind: 'forbidden', times: 1, match: /\/contents\/Cargo\.lock$/ }
    )
    const result = await run(payload, { 'fail-on-affected': 'true' })
    github.faults.length = 0
    expect(result.outputs.incomplete).toBe('true')
    expect(result.exitCode).toBe(1)
    const warnings = result.commands.filter((c) => c.name === 'warning').map((c) => c.message)
    const incomplete = warnings.filter((w) => w.startsWith('Incomplete:'))
    expect(incomplete).toHaveLength(1)
    expect(incomplete[0]).toMatch(/Cargo\.lock \(\w+\) could not be read/)
    const body = byLogin(pull, ACTIONS_BOT_LOGIN)[0]?.body ?? ''
    expect(body.match(/Cargo\.lock.{0,20} could not be read/g)).toHaveLength(1)
  })
})
