// Concurrency seen by a fake without a clock. `waves(n)` holds every answer until n requests wait
// at once, then lets that wave go together: a client that keeps n in flight passes in waves of n,
// one that keeps fewer never fills a wave (the test times out, a failure), and the peak counter
// shows one that sends more. `countInFlight` ends a request's count when its answer is handed to
// the socket, before the client can have read it, so the peak never includes a request the client
// sent after reading an answer (counting on the response's 'close' event could).
import type { ServerResponse } from 'node:http'

export interface Waves {
  /** Resolves when this request's wave is full. */
  wait: () => Promise<void>
}

export function waves(size: number): Waves {
  let waiting: (() => void)[] = []
  return {
    wait: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve)
        if (waiting.length < size) return
        const wave = waiting
        waiting = []
        for (const go of wave) go()
      })
  }
}

export interface InFlight {
  inFlight: number
  maxInFlight: number
}

/** Counts the request as in flight until its answer is ended or its connection closes. */
export function countInFlight(stats: InFlight, response: ServerResponse): void {
  stats.inFlight++
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
  let open = true
  const done = () => {
    if (open) stats.inFlight--
    open = false
  }
  const end = response.end.bind(response)
  response.end = ((...args: Parameters<typeof end>) => {
    done()
    return end(...args)
  }) as typeof response.end
  response.on('close', done)
}
