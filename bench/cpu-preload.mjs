// Preloaded with `node --import` by bench/startup.ts: on SIGTERM (sent right after the first
// request arrived), writes the CPU time the process used so far (ms, user + system) to
// $BENCH_CPU_OUT and exits. CPU time is what start-up costs; wall time adds the machine's load.
import { writeFileSync } from 'node:fs'

process.on('SIGTERM', () => {
  const usage = process.cpuUsage()
  const out = process.env.BENCH_CPU_OUT
  if (out) writeFileSync(out, String((usage.user + usage.system) / 1000))
  process.exit(0)
})
