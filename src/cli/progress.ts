// Progress on a terminal: once a run has taken about a second, one line on stderr, rewritten in
// place, says what is being fetched (hosts) and how many requests of those started have answered.
// Never on a pipe or a file: there a log of carriage returns is noise.
import { requestUrl } from '../core/request-url.js'

export interface Progress {
  /** The fetch to hand to the clients: it counts what it starts and what answers. */
  fetch: typeof fetch
  /** Clears the line before another line is written to stderr; it is redrawn on the next tick. */
  interrupt: () => void
  /** Clears the line and stops; the report follows on a clean line. */
  stop: () => void
}

export interface ProgressOptions {
  write: (text: string) => void
  /** Shown only on a terminal. */
  enabled: boolean
  /** How long the run must take before the line appears (ms). */
  afterMs?: number
  /** How often it is rewritten (ms). */
  everyMs?: number
}

export function startProgress(inner: typeof fetch, options: ProgressOptions): Progress {
  if (!options.enabled) return { fetch: inner, interrupt: () => undefined, stop: () => undefined }
  let started = 0
  let answered = 0
  const hosts = new Set<string>()
  let shown = false
  const counting: typeof fetch = async (input, init) => {
    started += 1
    const url = requestUrl(input)
    try {
      hosts.add(new URL(url).host)
    } catch {
      // A URL the client will reject anyway: not named.
    }
    try {
      return await inner(input, init)
    } finally {
      answered += 1
    }
  }
  const draw = (): void => {
    if (started === 0) return
    shown = true
    const names = [...hosts].sort().join(', ')
    options.write(
      `\r\u001b[Kfetching from ${names}: ${String(answered)} of ${String(started)} requests answered`
    )
  }
  let interval: ReturnType<typeof setInterval> | null = null
  // Timers that never keep the process alive: progress is not work.
  const delay = setTimeout(() => {
    draw()
    interval = setInterval(draw, options.everyMs ?? 250)
    interval.unref()
  }, options.afterMs ?? 1000)
  delay.unref()
  const clear = (): void => {
    if (shown) options.write('\r\u001b[K')
    shown = false
  }
  return {
    fetch: counting,
    interrupt: clear,
    stop: () => {
      clearTimeout(delay)
      if (interval !== null) clearInterval(interval)
      clear()
    }
  }
}
