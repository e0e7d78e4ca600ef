// Preloaded with `node --import` by bench/startup.ts: writes the CPU time (ms, user + system) the
// process had used when it opened its first client connection — the first request's — to
// $BENCH_CPU_OUT on SIGTERM (sent once that request arrived), and exits. CPU time is what
// start-up costs; wall time adds the machine's load. Read at the connection, not at the signal:
// by the signal the process has gone on working (more requests, the engine's chunk), and how far
// depends on how late the signal comes on a loaded machine.
import { subscribe } from 'node:diagnostics_channel'
import { writeFileSync } from 'node:fs'

let atFirstConnection
const onSocket = () => {
  atFirstConnection ??= process.cpuUsage()
}
subscribe('net.client.socket', onSocket)

process.on('SIGTERM', () => {
  const usage = atFirstConnection ?? process.cpuUsage()
  const out = process.env.BENCH_CPU_OUT
  if (out) writeFileSync(out, String((usage.user + usage.system) / 1000))
  process.exit(0)
})
