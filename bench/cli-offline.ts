// `npx tsx bench/cli-offline.ts`: the CLI offline on the large pull request of issue 19 (358
// changes, two lockfiles, 47 changed Cargo files; bench/large-pr.ts) with the local RustSec export
// (1,206 files), side by side with `node -e 0` in one run, as BENCHMARKS.md reports it ("CLI
// offline on the large pull request"). With BENCH_BEFORE_DIST naming an older build's dist/ folder,
// that build runs too. The commands take turns run by run, so the machine's load weighs on each
// alike. Wall time is what the target is about; user and system CPU (the children's times that
// bash's `times` reports) are the same work without the wait for a core, the figure to compare on
// a shared machine. Runs: BENCH_CLI_RUNS (default 15), after 2 warm-up rounds. Node: BENCH_NODE,
// else the first `node` on PATH outside node_modules (npx puts the npm `node` package's launcher
// first, whose child process `times` does not see), and beside it Node 24 (the npm `node`
// package's binary, the runner's version) when installed. Node ≥ 22.1 keeps the CLI's compiled
// code between runs (src/cli.ts turns its compile cache on): under it the CLI also runs with
// NODE_DISABLE_COMPILE_CACHE=1, which is what a first run pays.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { NODE24 } from '../test/helpers/runner.js'
import { REPO_ROOT } from './cpu.js'
import { writeLargePullRequest } from './large-pr.js'
import { median } from './stats.js'

function systemNode(): string {
  const given = process.env.BENCH_NODE
  if (given !== undefined && given !== '') return given
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir === '' || dir.includes('node_modules')) continue
    if (existsSync(join(dir, 'node'))) return join(dir, 'node')
  }
  return process.execPath
}

interface Command {
  name: string
  args: string[]
  env?: Record<string, string>
}

interface Row {
  name: string
  wall_ms: number
  user_ms: number
  system_ms: number
  runs: number
}

/** `0m0.123s` → 123. */
function seconds(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text)
  if (match === null) throw new Error(`unexpected time ${text}`)
  return (Number(match[1]) * 60 + Number(match[2])) * 1000
}

/** One run: wall time around bash, and the child's user/system CPU from bash's `times`. */
function runOnce(command: Command): { wall: number; user: number; system: number } {
  const quoted = command.args.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ')
  const started = performance.now()
  const result = spawnSync('bash', ['-c', `${quoted} >/dev/null 2>/dev/null || exit 90; times`], {
    encoding: 'utf8',
    env: { ...process.env, ...command.env }
  })
  const wall = performance.now() - started
  if (result.status !== 0) throw new Error(`${command.name} failed (${String(result.status)})`)
  // `times` prints the shell's own times, then its children's: `0m0.061s 0m0.012s`.
  const children = result.stdout.trim().split('\n').at(-1)?.split(/\s+/) ?? []
  return { wall, user: seconds(children[0] ?? ''), system: seconds(children[1] ?? '') }
}

/** The Node binaries to run: the system's, and Node 24 beside it when it is another. */
export function benchNodes(): { node: string; version: string }[] {
  const nodes = [systemNode()]
  if (process.env.BENCH_NODE === undefined && existsSync(NODE24) && !nodes.includes(NODE24))
    nodes.push(NODE24)
  return nodes.map((node) => ({
    node,
    version: spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()
  }))
}

export function benchCliOfflineLarge(runs: number, beforeDist?: string): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'cli-offline-'))
  try {
    writeLargePullRequest(dir)
    const cli = (node: string, dist: string): string[] => [
      node,
      join(dist, 'cli.js'),
      '--base-dir',
      join(dir, 'base'),
      '--head-dir',
      join(dir, 'head'),
      '--advisory-source',
      join(REPO_ROOT, 'test', 'fixtures', 'osv', 'rustsec'),
      '--no-crates-index',
      '--output',
      '/dev/null'
    ]
    const commands: Command[] = []
    for (const { node, version } of benchNodes()) {
      // Node's compile cache arrived in 22.1; under it, a run without the cache is a first run.
      const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
      const cached = major > 22 || (major === 22 && minor >= 1)
      const builds = [
        ...(beforeDist === undefined ? [] : [{ label: 'before', dist: beforeDist }]),
        { label: beforeDist === undefined ? '' : 'after', dist: join(REPO_ROOT, 'dist') }
      ]
      commands.push({ name: `\`node -e 0\`, Node ${version}`, args: [node, '-e', '0'] })
      for (const { label, dist } of builds) {
        const name = `CLI${label === '' ? '' : `, ${label}`}, Node ${version}`
        commands.push({
          name: cached ? `${name}, compile cache warm` : name,
          args: cli(node, dist)
        })
        if (cached)
          commands.push({
            name: `${name}, no compile cache (a first run)`,
            args: cli(node, dist),
            env: { NODE_DISABLE_COMPILE_CACHE: '1' }
          })
      }
    }
    const samples = new Map(commands.map((c) => [c.name, [] as ReturnType<typeof runOnce>[]]))
    for (let round = 0; round < runs + 2; round++) {
      for (const command of commands) {
        const sample = runOnce(command)
        if (round >= 2) samples.get(command.name)?.push(sample)
      }
    }
    return commands.map(({ name }) => {
      const list = samples.get(name) ?? []
      return {
        name,
        wall_ms: Math.round(median(list.map((s) => s.wall))),
        user_ms: Math.round(median(list.map((s) => s.user))),
        system_ms: Math.round(median(list.map((s) => s.system))),
        runs: list.length
      }
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function formatCliOfflineLarge(rows: readonly Row[]): string {
  const lines = [
    '| command | wall (median) | user CPU (median) | system CPU (median) | runs |',
    '|---|---:|---:|---:|---:|'
  ]
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${String(row.wall_ms)} ms | ${String(row.user_ms)} ms | ${String(row.system_ms)} ms | ${String(row.runs)} |`
    )
  }
  return lines.join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = benchCliOfflineLarge(
    Number(process.env.BENCH_CLI_RUNS ?? 15),
    process.env.BENCH_BEFORE_DIST
  )
  for (const { node, version } of benchNodes()) console.log(`Node ${version}: ${node}`)
  console.log(`\n${formatCliOfflineLarge(rows)}`)
}
