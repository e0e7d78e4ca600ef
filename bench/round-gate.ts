// Rounds counted without a clock. The proxies hold every request; when the action can send no
// more (every thread of its process asleep, no request arriving), the gate answers everything
// held at once: that is one round. The number of releases is the number of sequential request
// rounds the run needed, whatever the machine's load: a busy machine delays a round but cannot
// split one (a process that still has work is runnable, not asleep) or merge two (nothing is
// answered before the process waits). Linux only (/proc/<pid>/task/*/stat).
import { readdirSync, readFileSync } from 'node:fs'
import type { LoggedRequest } from './proxy.js'

export interface RoundGate {
  hold: (entry: LoggedRequest) => Promise<void>
  /** Start watching the action's process. */
  watch: (pid: number) => void
  /** Requests per round, in order. */
  rounds: number[]
  stop: () => void
}

/** True when every thread of `pid` is sleeping (state S): it waits on I/O or a timer. */
function asleep(pid: number): boolean {
  try {
    return readdirSync(`/proc/${String(pid)}/task`).every((tid) => {
      const stat = readFileSync(`/proc/${String(pid)}/task/${tid}/stat`, 'utf8')
      // "tid (comm) S ...": the state follows the last ')' (comm may hold spaces or parens).
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'S'
    })
  } catch {
    return false
  }
}

/** Quiet samples in a row (2 ms apart) before a round is released. */
const QUIET_SAMPLES = 5

export function roundGate(): RoundGate {
  let held: { entry: LoggedRequest; go: () => void }[] = []
  let arrivals = 0
  let pid = 0
  let timer: NodeJS.Timeout | undefined
  const rounds: number[] = []
  let quiet = 0
  let seen = 0
  const tick = () => {
    if (held.length === 0 || pid === 0 || arrivals !== seen || !asleep(pid)) {
      quiet = 0
      seen = arrivals
      return
    }
    if (++quiet < QUIET_SAMPLES) return
    quiet = 0
    // Let this process read whatever the action already wrote (poll phase) before deciding.
    const before = arrivals
    setImmediate(() => {
      if (arrivals !== before || !asleep(pid)) return
      const wave = held
      held = []
      rounds.push(wave.length)
      for (const { entry, go } of wave) {
        entry.round = rounds.length
        go()
      }
    })
  }
  return {
    hold: (entry) =>
      new Promise<void>((resolve) => {
        arrivals++
        held.push({ entry, go: resolve })
      }),
    watch: (child) => {
      pid = child
      timer = setInterval(tick, 2)
    },
    rounds,
    stop: () => {
      clearInterval(timer)
      for (const { go } of held) go()
      held = []
    }
  }
}
