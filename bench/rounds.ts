// `npx tsx bench/rounds.ts` (after `npm run bundle`): sequential request rounds of the built
// action on the large pull request (bench/large-pr.ts: 360 changes, two lockfiles, 47 changed
// Cargo files), with the crates.io index on and off. The proxies answer a round at a time
// (bench/round-gate.ts), so the count does not depend on the machine's load. Also: spawn → first
// request, and the requests of each round by service.
import { addPullRequest, runOnce, startFakes } from './e2e.js'
import { LARGE_CASE } from './large-pr.js'
import { median } from './stats.js'
import { roundGate } from './round-gate.js'

export interface RoundsRow {
  case: string
  index: boolean
  runs: number
  rounds: number
  /** The requests of each round, as `n service` counts, from the run with the most rounds. */
  shape: string[]
  first_request_ms: number
  requests: number
}

export async function benchRounds(runs = 3, id = LARGE_CASE): Promise<RoundsRow[]> {
  const env = await startFakes()
  const rows: RoundsRow[] = []
  try {
    const repo = env.github.addRepo('octo-org', 'app')
    const payload = addPullRequest(env, repo, 1, id)
    await runOnce(env, payload, 0, true) // warm-up, creates the comment
    for (const index of [true, false]) {
      const samples = []
      for (let i = 0; i < runs; i++) {
        const gate = roundGate()
        const sample = await runOnce(env, payload, 0, index, {}, gate)
        samples.push({ sample })
      }
      const worst = samples.reduce((a, b) =>
        b.sample.rounds.length > a.sample.rounds.length ? b : a
      )
      rows.push({
        case: id,
        index,
        runs,
        rounds: worst.sample.rounds.length,
        shape: worst.sample.rounds,
        first_request_ms: median(samples.map((s) => s.sample.startup_ms)),
        requests: median(
          samples.map(
            (s) => s.sample.github_requests + s.sample.osv_requests + s.sample.index_requests
          )
        )
      })
    }
  } finally {
    await env.close()
  }
  return rows
}

export function formatRounds(rows: readonly RoundsRow[]): string {
  return [
    '| case | index | requests | rounds (most of the runs) | requests per round | spawn → first request (median) |',
    '|---|---|---:|---:|---|---:|',
    ...rows.map(
      (r) =>
        `| ${r.case} | ${r.index ? 'on' : 'off'} | ${String(r.requests)} | **${String(r.rounds)}** | ${r.shape.join(' → ')} | ${r.first_request_ms.toFixed(0)} ms |`
    )
  ].join('\n')
}

if (process.argv[1]?.endsWith('rounds.ts') === true) {
  console.log(formatRounds(await benchRounds(Number(process.env.BENCH_RUNS ?? 3))))
}
