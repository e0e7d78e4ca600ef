// End to end: the BUILT action (dist/index.js, a Node 24 child process with the runner's
// environment) on the largest fixture cases, against the loopback fakes of GitHub, OSV and the
// crates.io index behind recording proxies that delay every answer (the same delay for all three). Measures wall time, requests per service, the critical
// path (from the proxies' logs), start-up (spawn → first request) and peak memory (maxRSS).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { payloads, readFolder, startFakeGitHub } from '../test/helpers/fake-github.js'
import { GHSA_DIR, RUSTSEC_DIR, startFakeOsv } from '../test/helpers/fake-osv.js'
import { fixtureIndex, startFakeIndex } from '../test/helpers/fake-index.js'
import { ACTION_ENTRY, NODE24, REPO_ROOT, parseOutputFile } from '../test/helpers/runner.js'
import { CASES_DIR, LARGEST_CASES } from './cpu.js'
import { startDelayProxy, type LoggedRequest } from './proxy.js'
import { SYNTHETIC_CASE, syntheticPullRequest } from './synthetic-pr.js'
import { LARGE_CASE, largePullRequest } from './large-pr.js'
import { criticalPath, median } from './stats.js'
import type { RoundGate } from './round-gate.js'

const PRELOAD = pathToFileURL(join(import.meta.dirname, 'rss-preload.mjs')).href
const TOKEN = 'ghs_write'

export interface ActionSample {
  wall_ms: number
  /** Spawn → first request received by either fake. */
  startup_ms: number
  /** Spawn → last answer sent: the rest of the wall time is the process finishing. */
  last_answer_ms: number
  github_requests: number
  osv_requests: number
  index_requests: number
  critical_path: number
  /** The same run's critical path with the index requests left out: equal means the index
   * look-up added no round trip (a same-run comparison, immune to run-to-run noise). */
  critical_path_without_index: number
  /** Index requests that started before OSV's querybatch answer was sent (i.e. in parallel). */
  index_before_batch_end: number
  /** The requests of the critical path, as `service METHOD path` (one chain). */
  chain: string[]
  max_rss_mib: number
  exit_code: number
  /** With a round gate: each round's requests by service (`2 github + 200 index`), in order. */
  rounds: string[]
}

export interface E2eRow {
  case: string
  delay_ms: number
  /** The crates.io index look-up was on. */
  index: boolean
  runs: number
  wall_ms: number
  startup_ms: number
  last_answer_ms: number
  github_requests: number
  osv_requests: number
  index_requests: number
  critical_path: number
  critical_path_without_index: number
  index_before_batch_end: number
  chain: string[]
  max_rss_mib: number
}

/** One longest chain, for the record (criticalPath only gives its length). */
function longestChain(log: readonly LoggedRequest[]): string[] {
  const sorted = [...log].sort((a, b) => a.start - b.start)
  const depth: number[] = []
  const prev: number[] = []
  sorted.forEach((request, i) => {
    let d = 1
    let p = -1
    for (let j = 0; j < i; j++) {
      const before = sorted[j]!
      if (before.end <= request.start && depth[j]! + 1 > d) {
        d = depth[j]! + 1
        p = j
      }
    }
    depth.push(d)
    prev.push(p)
  })
  let at = depth.indexOf(Math.max(...depth))
  const chain: string[] = []
  while (at >= 0) {
    const r = sorted[at]!
    chain.unshift(`${r.service} ${r.method} ${r.path}`)
    at = prev[at]!
  }
  return chain
}

interface Env {
  github: Awaited<ReturnType<typeof startFakeGitHub>>
  osv: Awaited<ReturnType<typeof startFakeOsv>>
  index: Awaited<ReturnType<typeof startFakeIndex>>
  close(): Promise<void>
}

export async function startFakes(): Promise<Env> {
  const github = await startFakeGitHub()
  const osv = await startFakeOsv({ dirs: [RUSTSEC_DIR, GHSA_DIR] })
  const index = await startFakeIndex({ crates: fixtureIndex(CASES_DIR, [RUSTSEC_DIR, GHSA_DIR]) })
  return {
    github,
    osv,
    index,
    close: async () => {
      await github.close()
      await osv.close()
      await index.close()
    }
  }
}

/**
 * Runs the built action once for a prepared pull request, through proxies with `delayMs`, or,
 * with a round gate, through proxies that answer a round at a time (bench/round-gate.ts).
 */
export async function runOnce(
  env: Env,
  payload: unknown,
  delayMs: number,
  withIndex: boolean,
  inputs: Record<string, string> = {},
  gate: RoundGate | null = null
): Promise<ActionSample> {
  const log: LoggedRequest[] = []
  const proxy = (service: string, url: string) =>
    startDelayProxy(service, url, delayMs, log, null, gate?.hold ?? null)
  const githubProxy = await proxy('github', env.github.url)
  const osvProxy = await proxy('osv', env.osv.url)
  const indexProxy = await proxy('index', env.index.url)
  const dir = await mkdtemp(join(tmpdir(), 'car-bench-'))
  try {
    const eventPath = join(dir, 'event.json')
    const outputPath = join(dir, 'set_output')
    const rssPath = join(dir, 'rss')
    await writeFile(eventPath, JSON.stringify(payload))
    await writeFile(outputPath, '')
    await writeFile(join(dir, 'summary'), '')
    const allInputs: Record<string, string> = {
      'github-token': TOKEN,
      'fail-on-affected': 'false',
      comment: 'always',
      ignore: '',
      'advisory-source': 'osv',
      'osv-api-url': osvProxy.url,
      'rustsec-url': 'https://rustsec.org',
      'crates-index': withIndex ? 'true' : 'false',
      'crates-index-url': indexProxy.url,
      'fail-on-yanked': 'false',
      'base-ref': '',
      'head-ref': '',
      ...inputs
    }
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo-org/app',
      GITHUB_API_URL: githubProxy.url,
      GITHUB_GRAPHQL_URL: `${githubProxy.url}/graphql`,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_OUTPUT: outputPath,
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      GITHUB_WORKSPACE: REPO_ROOT,
      GITHUB_RUN_ID: '4242',
      RUNNER_TEMP: dir,
      BENCH_RSS_OUT: rssPath
    }
    for (const [name, value] of Object.entries(allInputs))
      childEnv[`INPUT_${name.toUpperCase()}`] = value
    const started = performance.now()
    const exitCode = await new Promise<number>((resolve, reject) => {
      // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the action itself.
      const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '')
      const child = spawn(NODE24, [...extra, '--import', PRELOAD, ACTION_ENTRY], {
        env: childEnv,
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
      child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
      if (child.pid !== undefined) gate?.watch(child.pid)
      child.on('error', reject)
      child.on('close', (code) => {
        if (code !== 0) process.stderr.write(stdout)
        resolve(code ?? 1)
      })
    })
    const wall = performance.now() - started
    const outputs = parseOutputFile(await readFile(outputPath, 'utf8'))
    if (outputs.incomplete !== 'false') {
      throw new Error(`the run was incomplete: ${JSON.stringify(outputs)}`)
    }
    const first = Math.min(...log.map((r) => r.start))
    return {
      wall_ms: wall,
      startup_ms: first - started,
      last_answer_ms: Math.max(...log.map((r) => r.end)) - started,
      github_requests: log.filter((r) => r.service === 'github').length,
      osv_requests: log.filter((r) => r.service === 'osv').length,
      index_requests: log.filter((r) => r.service === 'index').length,
      critical_path: criticalPath(log),
      critical_path_without_index: criticalPath(log.filter((r) => r.service !== 'index')),
      index_before_batch_end: (() => {
        const batchEnd = Math.max(
          ...log.filter((r) => r.service === 'osv' && r.path === '/v1/querybatch').map((r) => r.end)
        )
        return log.filter((r) => r.service === 'index' && r.start <= batchEnd).length
      })(),
      chain: longestChain(log),
      max_rss_mib: Number(await readFile(rssPath, 'utf8')) / 1024,
      exit_code: exitCode,
      rounds: (gate?.rounds ?? []).map((_, i) => {
        const count = new Map<string, number>()
        for (const r of log.filter((entry) => entry.round === i + 1))
          count.set(r.service, (count.get(r.service) ?? 0) + 1)
        return [...count].map(([service, n]) => `${String(n)} ${service}`).join(' + ')
      })
    }
  } finally {
    gate?.stop()
    await rm(dir, { recursive: true, force: true })
    await githubProxy.close()
    await osvProxy.close()
    await indexProxy.close()
  }
}

/** Puts the case's pull request (a fixture case, or a generated one) on the fake GitHub. */
export function addPullRequest(
  env: Env,
  repo: ReturnType<Env['github']['addRepo']>,
  number: number,
  id: string
): unknown {
  const { base, head } =
    id === SYNTHETIC_CASE
      ? syntheticPullRequest()
      : id === LARGE_CASE
        ? largePullRequest()
        : {
            base: readFolder(join(CASES_DIR, id, 'base')),
            head: readFolder(join(CASES_DIR, id, 'head'))
          }
  const baseSha = env.github.addCommit(repo, base)
  const headSha = env.github.addCommit(repo, head)
  const changed = [...new Set([...base.keys(), ...head.keys()])].filter(
    (p) => !(base.get(p)?.equals(head.get(p) ?? Buffer.alloc(0)) ?? false)
  )
  env.github.addPull(repo, number, baseSha, headSha)
  return payloads.pullRequest({
    owner: 'octo-org',
    repo: 'app',
    number,
    base: baseSha,
    head: headSha,
    changedFiles: changed.length
  })
}

/** Medians over `runs` runs after one warm-up (which also creates the comment later runs update). */
export async function benchE2e(
  runs = 5,
  delays: readonly number[] = [50, 0],
  cases: readonly string[] = [...LARGEST_CASES, SYNTHETIC_CASE]
): Promise<E2eRow[]> {
  if (!existsSync(ACTION_ENTRY)) throw new Error('build dist/ first: npm run bundle')
  const env = await startFakes()
  // BENCH_GRAPHQL_OFF=1: /graphql answers 404, so the action reads over REST (the fallback).
  if (process.env.BENCH_GRAPHQL_OFF === '1')
    env.github.faults.push({ kind: 'not-found', times: Number.MAX_SAFE_INTEGER, match: /graphql$/ })
  const rows: E2eRow[] = []
  try {
    const repo = env.github.addRepo('octo-org', 'app')
    let number = 1
    for (const id of cases) {
      const payload = addPullRequest(env, repo, number, id)
      number += 1
      // Every delay with the index on; the first (50 ms) also with it off, for the comparison.
      const variants = delays.flatMap((delay, i) =>
        i === 0
          ? [
              { delay, index: true },
              { delay, index: false }
            ]
          : [{ delay, index: true }]
      )
      for (const { delay, index } of variants) {
        await runOnce(env, payload, delay, index) // warm-up
        const samples: ActionSample[] = []
        for (let i = 0; i < runs; i++) samples.push(await runOnce(env, payload, delay, index))
        const pick = (key: keyof ActionSample) => median(samples.map((s) => Number(s[key])))
        rows.push({
          case: id,
          delay_ms: delay,
          index,
          runs,
          wall_ms: pick('wall_ms'),
          startup_ms: pick('startup_ms'),
          last_answer_ms: pick('last_answer_ms'),
          github_requests: pick('github_requests'),
          osv_requests: pick('osv_requests'),
          index_requests: pick('index_requests'),
          critical_path: Math.max(...samples.map((s) => s.critical_path)),
          critical_path_without_index: Math.max(
            ...samples.map((s) => s.critical_path_without_index)
          ),
          index_before_batch_end: Math.min(...samples.map((s) => s.index_before_batch_end)),
          chain: samples.reduce<string[]>((a, s) => (s.chain.length > a.length ? s.chain : a), []),
          max_rss_mib: pick('max_rss_mib')
        })
      }
    }
  } finally {
    await env.close()
  }
  return rows
}

export function formatE2e(rows: readonly E2eRow[]): string {
  const lines = [
    '| case | index | delay | wall | GitHub req. | OSV req. | index req. (started before the OSV batch answer) | critical path | same run without the index requests | CPU work (0 ms run) | budget = 1.3 × (path × delay + CPU) | wall / (path × delay + CPU) | start-up | peak RSS |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
  ]
  for (const r of rows.filter((row) => row.delay_ms > 0)) {
    const cpu = rows.find((row) => row.case === r.case && row.delay_ms === 0)?.wall_ms ?? 0
    const floor = r.critical_path * r.delay_ms + cpu
    lines.push(
      `| ${r.case} | ${r.index ? 'on' : 'off'} | ${String(r.delay_ms)} ms | ${r.wall_ms.toFixed(0)} ms | ${String(r.github_requests)} | ` +
        `${String(r.osv_requests)} | ${String(r.index_requests)} (${String(r.index_before_batch_end)}) | **${String(r.critical_path)}** | ${String(r.critical_path_without_index)} | ${cpu.toFixed(0)} ms | ${(1.3 * floor).toFixed(0)} ms | ` +
        `**${(r.wall_ms / floor).toFixed(2)}×** | ${r.startup_ms.toFixed(0)} ms | ${r.max_rss_mib.toFixed(0)} MiB |`
    )
  }
  return lines.join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.env.BENCH_CASES?.split(',').filter((id) => id !== '')
  const rows = await benchE2e(Number(process.env.BENCH_RUNS ?? 5), [50, 0], only)
  console.log(formatE2e(rows))
  for (const r of rows)
    console.log(
      `${r.case} ${String(r.delay_ms)} ms index ${r.index ? 'on' : 'off'} chain: ${r.chain.join(' → ')}`
    )
}
