// One fault type for every fake (GitHub, OSV and rustsec.org, the crates.io index): what goes
// wrong, for how many matching requests, and the connection-level faults they all stage alike.
import type { IncomingMessage } from 'node:http'

export interface Fault<Kind extends string = string> {
  kind: Kind
  /** How many matching requests it hits (default 1; Infinity for all). */
  times?: number
  /** The HTTP status of a status fault (each fake has its default). */
  status?: number
}

/** The first fault that `matches` this request with hits left, spending one; else undefined. */
export function takeFault<F extends Fault>(
  faults: readonly F[],
  matches: (fault: F) => boolean
): F | undefined {
  for (const fault of faults) {
    const times = fault.times ?? 1
    if (times <= 0 || !matches(fault)) continue
    fault.times = times - 1
    return fault
  }
  return undefined
}

/**
 * Stages the faults every fake knows at the connection: `hang` (no answer ever) and `reset` (the
 * socket destroyed before any byte). True when the request is handled.
 */
export function connectionFault(kind: string, request: IncomingMessage): boolean {
  if (kind === 'hang' || kind === 'stall') return true
  if (kind === 'reset') {
    request.socket.destroy()
    return true
  }
  return false
}
