// Done means done (issue 25): with a host that accepts connections and never answers — or answers
// its headers, then stalls the body — the run gives up at its request deadline (--request-timeout),
// reports the look-up unknown (never clean), and leaves nothing behind once the report is written:
// no connection open at the host, no socket, DNS request or timer of its own keeping the process
// alive (process.getActiveResourcesInfo). The hosts run in a child process, so every resource
// counted here is the client's. No wall-time bound: a busy machine only makes it slower.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { EXIT } from '../../src/cli/args.js'
import { payloads, readFolder, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { runAction } from '../helpers/runner.js'

const CASE = join(import.meta.dirname, '..', 'fixtures', 'cases', 'cratesio-2019-tar')
const HOST = join(import.meta.dirname, '..', 'helpers', 'silent-host.mjs')

interface Host {
  url: string
  /** Connections the host holds open right now (its own count, reported as they change). */
  open(): number
  /** Resolves when the host holds no connection (after `settled` events). */
  drained(): Promise<void>
  child: ChildProcessWithoutNullStreams
}

const hosts: Host[] = []
afterAll(() => {
  for (const host of hosts) host.child.kill()
})

function startHost(mode: 'silent' | 'stall-body'): Promise<Host> {
  const child = spawn(process.execPath, [HOST, mode], { stdio: 'pipe' })
  let open = 0
  let waiters: (() => void)[] = []
  let buffer = ''
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk
      let at: number
      while ((at = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, at)
        buffer = buffer.slice(at + 1)
        const [what, value] = line.split(' ')
        if (what === 'port') {
          const host: Host = {
            url: `http://127.0.0.1:${value ?? ''}`,
            open: () => open,
            drained: () =>
              open === 0 ? Promise.resolve() : new Promise((done) => waiters.push(done)),
            child
          }
          hosts.push(host)
          resolve(host)
        } else if (what === 'open') {
          open = Number(value)
          if (open === 0) {
            for (const done of waiters) done()
            waiters = []
          }
        }
      }
    })
  })
}

/**
 * The resources keeping this process alive, by type, minus those present at `before`. Measured
 * after a full turn of the event loop: a socket the run destroyed closes its handle there.
 */
async function added(before: string[]): Promise<string[]> {
  // A handle closes in the loop's close phase, after the check phase that runs setImmediate.
  for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve))
  const left = [...before]
  return process.getActiveResourcesInfo().filter((type) => {
    const at = left.indexOf(type)
    if (at < 0) return true
    left.splice(at, 1)
    return false
  })
}

/** Every client socket this process opens while `work` runs (Node's `net.client.socket` channel). */
async function socketsOf<T>(work: () => Promise<T>): Promise<{ value: T; sockets: Socket[] }> {
  const sockets: Socket[] = []
  const seen = (message: unknown): void => {
    sockets.push((message as { socket: Socket }).socket)
  }
  subscribe('net.client.socket', seen)
  try {
    return { value: await work(), sockets }
  } finally {
    unsubscribe('net.client.socket', seen)
  }
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: process.cwd(),
    env: {},
    stdoutIsTTY: false,
    http: { retryBaseMs: 1 }
  })
  return { code, stdout, stderr }
}

const dirs = ['--base-dir', join(CASE, 'base'), '--head-dir', join(CASE, 'head')]

interface JsonReport {
  complete: boolean
  problems: { kind: string; message: string; incomplete: boolean }[]
  lockfiles: {
    changes: {
      name: string
      lookup_error: string | null
      yanked: boolean | null
      registry: { status: string } | null
    }[]
  }[]
}

describe('done means done: a host that never answers', () => {
  it.each(['silent', 'stall-body'] as const)(
    'the OSV API and the crates.io index %s: unknown, exit 3, nothing left open once the report is out',
    async (mode) => {
      const host = await startHost(mode)
      const before = process.getActiveResourcesInfo()
      const { value: result, sockets } = await socketsOf(() =>
        run([
          ...dirs,
          '--osv-api-url',
          host.url,
          '--crates-index-url',
          host.url,
          '--request-timeout',
          '1',
          '--fail-on-affected',
          '--fail-on-yanked',
          '--format',
          'json'
        ])
      )
      // Every socket the run opened is destroyed by the time its report is out: none is left
      // idle in a pool, still connecting, or reopened after an abort.
      expect(sockets.length).toBeGreaterThan(0)
      expect(sockets.filter((socket) => !socket.destroyed)).toEqual([])
      const leftover = await added(before)
      expect(result.code, result.stderr).toBe(EXIT.incomplete)
      // The reason is the timeout, for a silent host and for a body that stalls alike.
      expect(result.stderr).toMatch(
        mode === 'silent'
          ? /requests time out: no answer within 1 s/
          : /requests time out: the answer's body did not arrive within 1 s/
      )
      const report = JSON.parse(result.stdout) as JsonReport
      expect(report.complete).toBe(false)
      expect(report.problems.map((p) => p.kind).sort()).toEqual([
        'index-lookup-failed',
        'source-unavailable'
      ])
      const changes = report.lockfiles.flatMap((l) => l.changes)
      const tar = changes.filter((c) => c.name === 'tar')
      expect(tar.length).toBeGreaterThan(0)
      for (const change of tar) {
        // Never clean: advisories unknown, yanked status unknown.
        expect(change.lookup_error).not.toBeNull()
        expect(change.yanked).toBeNull()
        expect(change.registry?.status).toBe('unknown')
      }
      // Nothing of the run keeps the process alive, and the host holds no connection of it.
      expect(leftover).toEqual([])
      await host.drained()
      expect(host.open()).toBe(0)
    }
  )
})

describe('done means done: a GitHub API that never answers (the action)', () => {
  it('gives up at github-deadline, fails as unknown, and leaves no socket of the run open', async () => {
    const host = await startHost('silent')
    const before = process.getActiveResourcesInfo()
    const { value: result, sockets } = await socketsOf(() =>
      runAction({
        eventName: 'pull_request',
        payload: payloads.pullRequest({
          owner: 'octo-org',
          repo: 'app',
          number: 7,
          base: 'a'.repeat(40),
          head: 'b'.repeat(40),
          changedFiles: 2
        }),
        repository: 'octo-org/app',
        apiUrl: host.url,
        ownClients: true,
        inputs: {
          'advisory-source': RUSTSEC_DIR,
          'fail-on-affected': 'true',
          'github-timeout': '1',
          'github-deadline': '2'
        }
      })
    )
    // Nothing could be read: the job fails, saying why, and never reads as clean.
    expect(result.exitCode, result.stdout).toBe(1)
    expect(result.stdout).toMatch(/did not answer within 1 s|deadline of 2 s/)
    expect(result.outputs.incomplete).not.toBe('false')
    expect(sockets.length).toBeGreaterThan(0)
    expect(sockets.filter((socket) => !socket.destroyed)).toEqual([])
    expect(await added(before)).toEqual([])
    await host.drained()
    expect(host.open()).toBe(0)
  })
})

/** The fixture case as pull request 7 on a fake GitHub; the action run on it with its own
 * clients (the run's pool), and the sockets it opened. */
async function runOnFakeGitHub(github: FakeGitHub, inputs: Record<string, string>) {
  const repo = github.addRepo('octo-org', 'app')
  const baseSha = github.addCommit(repo, readFolder(join(CASE, 'base')))
  const headSha = github.addCommit(repo, readFolder(join(CASE, 'head')))
  const pull = github.addPull(repo, 7, baseSha, headSha)
  const { value: result, sockets } = await socketsOf(() =>
    runAction({
      eventName: 'pull_request',
      payload: payloads.pullRequest({
        owner: 'octo-org',
        repo: 'app',
        number: 7,
        base: baseSha,
        head: headSha,
        changedFiles: 2
      }),
      repository: 'octo-org/app',
      apiUrl: github.url,
      ownClients: true,
      inputs
    })
  )
  return { result, sockets, pull }
}

describe('done means done: an OSV API that never answers (the action)', () => {
  it('gives up at request-timeout, the advisories unknown, and leaves no socket of the run open', async () => {
    const [github, host] = await Promise.all([startFakeGitHub(), startHost('silent')])
    try {
      const { result, sockets } = await runOnFakeGitHub(github, {
        'advisory-source': 'osv',
        'osv-api-url': host.url,
        'crates-index': 'false',
        'request-timeout': '1',
        'fail-on-affected': 'true'
      })
      // The input reached the advisory client: its requests time out at 1 s, never clean.
      expect(result.exitCode, result.stdout).toBe(1)
      expect(result.stdout).toMatch(/requests time out: no answer within 1 s/)
      expect(result.outputs.incomplete).toBe('true')
      const report = result.report as JsonReport
      expect(report.problems.map((p) => p.kind)).toContain('source-unavailable')
      expect(sockets.filter((socket) => !socket.destroyed)).toEqual([])
      await host.drained()
      expect(host.open()).toBe(0)
    } finally {
      await github.close()
    }
  })
})

describe("the action's own HTTP clients, against GitHub that answers", () => {
  it('read the files, post the comment and close: every socket of the run destroyed', async () => {
    const github = await startFakeGitHub()
    try {
      const { result, sockets, pull } = await runOnFakeGitHub(github, {
        'advisory-source': RUSTSEC_DIR
      })
      expect(result.exitCode, result.stdout).toBe(0)
      expect(result.outputs.incomplete).toBe('false')
      expect(pull.comments.filter((c) => c.user?.type === 'Bot')).toHaveLength(1)
      expect(sockets.length).toBeGreaterThan(0)
      expect(sockets.filter((socket) => !socket.destroyed)).toEqual([])
    } finally {
      await github.close()
    }
  })
})
