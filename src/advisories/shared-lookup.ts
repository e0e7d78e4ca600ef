// One host-name look-up at a time per host for the run's connections. The system resolver
// (getaddrinfo) runs on libuv's 4 worker threads and cannot be cancelled: a burst of 200 index
// connections is 200 look-ups, and a DNS server that drops some of a burst leaves them waiting
// 5 s each, holding the process past its last line (Node's exit waits for those threads). Sockets
// opened while a look-up of their host is pending share its answer, so a burst costs one look-up
// per host. Nothing is kept once it answers: a later connection asks again, as Node would.
import type { LookupFunction } from 'node:net'

type Callback = Parameters<LookupFunction>[2]
type Answer = Parameters<Callback>

export function sharedLookup(inner: LookupFunction): LookupFunction {
  const pending = new Map<string, Callback[]>()
  return (hostname, options, callback) => {
    // Same host, same options (family, `all`): the same answer shape.
    const key = `${hostname}\n${JSON.stringify(options)}`
    const waiting = pending.get(key)
    if (waiting !== undefined) {
      waiting.push(callback)
      return
    }
    const callbacks = [callback]
    pending.set(key, callbacks)
    inner(hostname, options, (...answer: Answer) => {
      pending.delete(key)
      for (const each of callbacks) each(...answer)
    })
  }
}
