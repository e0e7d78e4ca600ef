// Small statistics and machine description shared by the benchmarks.
import { cpus, totalmem } from 'node:os'

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export function machine(): string {
  const cpu = cpus()
  return (
    `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${String(cpu.length)} cores, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${process.platform} ${process.arch}`
  )
}

export interface Interval {
  start: number
  end: number
}

/**
 * The longest chain of requests that had to wait for each other: a request extends a chain when it
 * started after the chain's last request had ended. An upper bound on true dependencies (two
 * unrelated requests that happen to follow each other also count), so a low figure is conclusive.
 */
export function criticalPath(requests: readonly Interval[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start)
  const depth: number[] = []
  let best = 0
  sorted.forEach((request, i) => {
    let d = 1
    for (let j = 0; j < i; j++) {
      const before = sorted[j]
      if (before !== undefined && before.end <= request.start) d = Math.max(d, (depth[j] ?? 0) + 1)
    }
    depth.push(d)
    best = Math.max(best, d)
  })
  return best
}
