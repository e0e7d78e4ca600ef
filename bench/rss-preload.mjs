// Preloaded with `node --import` by the benchmarks: writes the process's peak resident set size
// (KiB, from process.resourceUsage) to $BENCH_RSS_OUT when it exits.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const out = process.env.BENCH_RSS_OUT
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS))
})
