// One HTTP client per run for the advisory sources and the crates.io index: a connection pool of
// its own (an undici Agent) that the edge closes once the report is written. Node's shared pool
// would keep what the run leaves behind: idle keep-alive sockets, connections still being made,
// and the connection undici reopens to a host after a request to it was aborted (seen with a host
// that accepts and never answers). Closing aborts what is still in flight and destroys every
// socket, so nothing of the run's network outlives its report. undici is loaded on the first
// request: a run that reads only local files never loads it.
import { setMaxListeners } from 'node:events'
import type { LookupFunction } from 'node:net'
import type * as Undici from 'undici'
import { requestUrl } from '../core/request-url.js'
import { sharedLookup } from './shared-lookup.js'

export interface RunClient {
  fetch: typeof fetch
  /**
   * Aborts the requests still in flight and closes every connection; later requests fail. A
   * connection still resolving its host does not hold it (undici drops it when the look-up
   * returns). Calling it again does nothing more.
   */
  close(): Promise<void>
}

export interface RunClientOptions {
  /**
   * The connector's host look-up (tests inject one that never answers); default dns.lookup. Either
   * way one look-up per host is in flight at a time (shared-lookup.ts).
   */
  lookup?: LookupFunction
}

export class RunClosedError extends Error {
  override name = 'AbortError'
  constructor() {
    super('the run is over: its HTTP client is closed')
  }
}

/**
 * `env` decides the pool as Node decides its own: with NODE_USE_ENV_PROXY set (Node 24), requests
 * go through HTTP(S)_PROXY, honouring NO_PROXY (undici's EnvHttpProxyAgent reads them).
 */
export function createRunClient(
  env: Readonly<Record<string, string | undefined>>,
  clientOptions: RunClientOptions = {}
): RunClient {
  const viaProxy = (env.NODE_USE_ENV_PROXY ?? '') !== '' && env.NODE_USE_ENV_PROXY !== '0'
  let pool: Promise<{ undici: typeof Undici; agent: Undici.Dispatcher }> | undefined
  const ended = new AbortController()
  // Every in-flight request listens to it: many listeners are by design.
  setMaxListeners(0, ended.signal)
  // A function, not a field read: TypeScript would keep `aborted` narrowed across the await.
  const over = (): boolean => ended.signal.aborted
  let closed: Promise<void> | undefined
  const runFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (over()) throw new RunClosedError()
    const { undici, agent } = await (pool ??= Promise.all([
      import('undici'),
      import('node:dns')
    ]).then(([undici, dns]) => {
      const connect = { connect: { lookup: sharedLookup(clientOptions.lookup ?? dns.lookup) } }
      return {
        undici,
        agent: viaProxy ? new undici.EnvHttpProxyAgent(connect) : new undici.Agent(connect)
      }
    }))
    // Closed while undici loaded: nothing starts.
    if (over()) throw new RunClosedError()
    const signal =
      init?.signal == null ? ended.signal : AbortSignal.any([init.signal, ended.signal])
    const target = requestUrl(input)
    const options = { ...init, signal, dispatcher: agent } as unknown as Undici.RequestInit
    return undici.fetch(target, options)
  }
  return {
    fetch: runFetch,
    close() {
      closed ??= (async () => {
        ended.abort(new RunClosedError())
        if (pool === undefined) return
        const { agent } = await pool
        await agent.destroy()
      })()
      return closed
    }
  }
}
