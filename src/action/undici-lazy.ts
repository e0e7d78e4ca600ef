// Stands in for `undici` inside the bundle (rollup.config.js resolves @actions/*'s imports of it
// here). @actions/github sends every GitHub request through undici's fetch with the proxy
// dispatcher of @actions/http-client, and evaluating the bundled undici (~865 KiB) was most of the
// action's start-up. Without a proxy there is no dispatcher, and Node's own fetch (undici, built
// into Node) does the same job at no load cost; with a proxy, the real undici is loaded on the
// first request and the proxy agent is built then, with the options @actions/http-client gave.
import type * as Undici from 'undici'
import { requestUrl } from '../core/request-url.js'

let real: Promise<typeof Undici> | undefined
const loadUndici = (): Promise<typeof Undici> => (real ??= import('undici'))

/** Records the options; the real agent is made when a request first uses it. */
export class ProxyAgent {
  readonly options: Undici.ProxyAgent.Options
  agent: Promise<Undici.ProxyAgent> | undefined
  constructor(options: Undici.ProxyAgent.Options) {
    this.options = options
  }
}

type FetchInit = Omit<RequestInit, 'dispatcher'> & { dispatcher?: unknown }

export async function fetch(input: string | URL | Request, init?: FetchInit): Promise<Response> {
  const dispatcher = init?.dispatcher
  if (dispatcher === undefined) {
    const rest: FetchInit = { ...init }
    delete rest.dispatcher
    return globalThis.fetch(input, rest as RequestInit)
  }
  const undici = await loadUndici()
  let real: unknown = dispatcher
  if (dispatcher instanceof ProxyAgent) {
    dispatcher.agent ??= Promise.resolve(new undici.ProxyAgent(dispatcher.options))
    real = await dispatcher.agent
  }
  // Octokit passes a URL string; undici's own Request class is not Node's global one.
  const target = requestUrl(input)
  const options = { ...init, dispatcher: real } as unknown as Undici.RequestInit
  return undici.fetch(target, options)
}
