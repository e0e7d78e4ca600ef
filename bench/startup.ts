// Start-up and the CLI's offline wall time, for the current build (dist/) and, when
// BENCH_BEFORE_DIST names a folder holding an older build (its index.js and cli.js), for that build
// too, the two alternating run by run so machine load weighs on both alike.
//
// - Start-up: spawn `node dist/index.js` (Node 24, the runner's environment, a real-shaped
//   pull_request event) → the first HTTP request reaching a loopback server. The server never
//   answers and the process is killed: only the time to the first request is measured, and the
//   CPU time read at the kill is what the process spent before it (an answer would add its
//   handling).
// - CLI offline: `node dist/cli.js --base-dir … --head-dir … --advisory-source <full RustSec
//   export>` on every fixture case, wall time to exit and peak RSS (the preloaded rss-preload.mjs).
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { payloads } from '../test/helpers/fake-github.js'
import { NODE24, REPO_ROOT } from '../test/helpers/runner.js'
import { CASES_DIR, RUSTSEC_DIR } from './cpu.js'
import { median } from './stats.js'

const PRELOAD = pathToFileURL(join(import.meta.dirname, 'rss-preload.mjs')).href
const CPU_PRELOAD = pathToFileURL(join(import.meta.dirname, 'cpu-preload.mjs')).href
const NODE = existsSync(NODE24) ? NODE24 : process.execPath

export interface Build {
  label: string
  dir: string
}

export function builds(): Build[] {
  const list: Build[] = [{ label: 'after', dir: join(REPO_ROOT, 'dist') }]
  const before = process.env.BENCH_BEFORE_DIST
  if (before !== undefined && before !== '') list.unshift({ label: 'before', dir: before })
  return list
}

/** Spawn → first request, one run: wall time, and the CPU time the process had used by then. */
async function startupOnce(entry: string, dir: string): Promise<{ wall: number; cpu: number }> {
  let first = 0
  const server = createServer(() => {
    if (first === 0) first = performance.now()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
  const eventPath = join(dir, 'event.json')
  await writeFile(
    eventPath,
    JSON.stringify(
      payloads.pullRequest({
        owner: 'octo-org',
        repo: 'app',
        number: 1,
        base: 'a'.repeat(40),
        head: 'b'.repeat(40),
        changedFiles: 3
      })
    )
  )
  await writeFile(join(dir, 'out'), '')
  await writeFile(join(dir, 'summary'), '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    // A fresh runner has no compiled code cached: nothing may read one here either.
    NODE_DISABLE_COMPILE_CACHE: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo-org/app',
    GITHUB_API_URL: url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: REPO_ROOT,
    RUNNER_TEMP: dir,
    BENCH_CPU_OUT: join(dir, 'cpu'),
    'INPUT_GITHUB-TOKEN': 'ghs_bench',
    INPUT_COMMENT: 'always',
    'INPUT_ADVISORY-SOURCE': 'osv',
    'INPUT_OSV-API-URL': url,
    'INPUT_FAIL-ON-AFFECTED': 'false'
  }
  try {
    const started = performance.now()
    await new Promise<void>((resolve, reject) => {
      const child = spawn(NODE, ['--import', CPU_PRELOAD, entry], { env, stdio: 'ignore' })
      child.on('error', reject)
      child.on('exit', () => {
        resolve()
      })
      const poll = setInterval(() => {
        if (first !== 0) {
          clearInterval(poll)
          child.kill('SIGTERM')
        }
      }, 2)
      child.on('exit', () => {
        clearInterval(poll)
      })
    })
    if (first === 0) throw new Error(`${entry} exited before its first request`)
    return { wall: first - started, cpu: Number(await readFile(join(dir, 'cpu'), 'utf8')) }
  } finally {
    server.close()
    server.closeAllConnections()
  }
}

export interface StartupRow {
  build: string
  runs: number
  median_ms: number
  min_ms: number
  /** CPU time (user + system) used by the first request, median. */
  cpu_ms: number
}

export async function benchStartup(runs = 21): Promise<StartupRow[]> {
  const list = builds()
  const samples = new Map(list.map((b) => [b.label, [] as { wall: number; cpu: number }[]]))
  const dir = await mkdtemp(join(tmpdir(), 'car-startup-'))
  try {
    for (const build of list) await startupOnce(join(build.dir, 'index.js'), dir) // warm-up
    for (let i = 0; i < runs; i++) {
      for (const build of list) {
        samples.get(build.label)?.push(await startupOnce(join(build.dir, 'index.js'), dir))
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return list.map((build) => {
    const values = samples.get(build.label) ?? []
    return {
      build: build.label,
      runs,
      median_ms: median(values.map((v) => v.wall)),
      min_ms: Math.min(...values.map((v) => v.wall)),
      cpu_ms: median(values.map((v) => v.cpu))
    }
  })
}

/** The fixture cases, for the CLI's offline run. */
function cases(): string[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

async function cliOnce(
  entry: string,
  id: string,
  dir: string
): Promise<{ wall_ms: number; rss_mib: number }> {
  const rssPath = join(dir, 'rss')
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      NODE,
      [
        '--import',
        PRELOAD,
        entry,
        '--base-dir',
        join(CASES_DIR, id, 'base'),
        '--head-dir',
        join(CASES_DIR, id, 'head'),
        '--advisory-source',
        RUSTSEC_DIR,
        // Offline means offline: no crates.io index look-up either (builds older than the index
        // have no such flag, and no look-up to turn off).
        ...(hasFlag(entry, 'no-crates-index') ? ['--no-crates-index'] : []),
        '--output',
        join(dir, 'report.json')
      ],
      { env: { ...process.env, BENCH_RSS_OUT: rssPath }, stdio: 'ignore' }
    )
    child.on('error', reject)
    child.on('exit', (code) => {
      // 0 clean, 1 affected (the CLI's gate); anything else is a failed run, not a sample.
      if (code === 0 || code === 1) resolve()
      else reject(new Error(`${entry} on ${id} exited ${String(code)}`))
    })
  })
  const wall = performance.now() - started
  return { wall_ms: wall, rss_mib: Number(await readFile(rssPath, 'utf8')) / 1024 }
}

export interface CliRow {
  build: string
  cases: number
  runs: number
  /** Median over every case × run. */
  median_ms: number
  /** The slowest case's median. */
  worst_case: string
  worst_ms: number
  peak_rss_mib: number
}

export async function benchCliOffline(runs = 3): Promise<CliRow[]> {
  const list = builds()
  const ids = cases()
  const walls = new Map(list.map((b) => [b.label, new Map<string, number[]>()]))
  const rss = new Map(list.map((b) => [b.label, 0]))
  const dir = await mkdtemp(join(tmpdir(), 'car-cli-'))
  try {
    for (const build of list) await cliOnce(join(build.dir, 'cli.js'), ids[0] ?? '', dir)
    for (let i = 0; i < runs; i++) {
      for (const id of ids) {
        for (const build of list) {
          const sample = await cliOnce(join(build.dir, 'cli.js'), id, dir)
          const perCase = walls.get(build.label)
          perCase?.set(id, [...(perCase.get(id) ?? []), sample.wall_ms])
          rss.set(build.label, Math.max(rss.get(build.label) ?? 0, sample.rss_mib))
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return list.map((build) => {
    const perCase = walls.get(build.label) ?? new Map<string, number[]>()
    const medians = [...perCase].map(([id, values]) => [id, median(values)] as const)
    const worst = medians.reduce<readonly [string, number]>(
      (a, b) => (b[1] > a[1] ? b : a),
      ['', 0]
    )
    return {
      build: build.label,
      cases: ids.length,
      runs,
      median_ms: median([...perCase.values()].flat()),
      worst_case: worst[0],
      worst_ms: worst[1],
      peak_rss_mib: rss.get(build.label) ?? 0
    }
  })
}

export function formatStartup(startup: readonly StartupRow[], cli: readonly CliRow[]): string {
  const lines = [
    '| build | spawn → first request (median) | fastest | CPU used by then (median) | target |',
    '|---|---:|---:|---:|---:|',
    ...startup.map(
      (r) =>
        `| ${r.build} | **${r.median_ms.toFixed(0)} ms** | ${r.min_ms.toFixed(0)} ms | ${r.cpu_ms.toFixed(0)} ms | 150 ms |`
    ),
    '',
    `CLI, offline, full RustSec export (${String(cli[0]?.cases ?? 0)} fixture cases × ${String(cli[0]?.runs ?? 0)} runs):`,
    '',
    '| build | wall (median, start-up included) | slowest case (its median) | peak RSS | target |',
    '|---|---:|---:|---:|---:|',
    ...cli.map(
      (r) =>
        `| ${r.build} | **${r.median_ms.toFixed(0)} ms** | ${r.worst_case} ${r.worst_ms.toFixed(0)} ms | ${r.peak_rss_mib.toFixed(0)} MiB | 200 ms |`
    )
  ]
  return lines.join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const startup = await benchStartup(Number(process.env.BENCH_STARTUP_RUNS ?? 21))
  const cli = await benchCliOffline(Number(process.env.BENCH_CLI_RUNS ?? 3))
  console.log(formatStartup(startup, cli))
}

/** Whether a build's CLI knows `--<flag>`: in cli.js, or in a chunk once the options moved there. */
function hasFlag(entry: string, flag: string): boolean {
  const chunks = join(entry, '..', 'chunks')
  const files = [
    entry,
    ...(existsSync(chunks) ? readdirSync(chunks).filter((f) => f.endsWith('.js')) : []).map((f) =>
      join(chunks, f)
    )
  ]
  return files.some((file) => readFileSync(file, 'utf8').includes(flag))
}
