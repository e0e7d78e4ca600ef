// What the bundle takes from undici, in place of its index (rollup.config.js resolves the run
// client's and the lazy stand-in's `import('undici')` here). undici's index loads every part it
// has (mock agents, WebSocket, EventSource, caches, cookies, the request/stream/pipeline APIs):
// ~265 KiB more to compile and evaluate before the action's first GitHub request. The action
// uses the agents, the proxy agents and fetch; the proxy agent opens its tunnel with the
// dispatcher's `connect`, which undici's index mixes into every dispatcher (as done here).
// Tied to undici's file layout: a moved file fails the build, and test/e2e/action-proxy-dist
// runs the proxy paths through the built bundle.
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js'
import connect from 'undici/lib/api/api-connect.js'
import Agent from 'undici/lib/dispatcher/agent.js'
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js'
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js'
import fetchModule from 'undici/lib/web/fetch/index.js'

Object.assign(Dispatcher.prototype, { connect })

export { Agent, ProxyAgent, EnvHttpProxyAgent }

/** undici's own wrapper: the error's stack names the caller, not undici's internals. */
export async function fetch(input, init) {
  try {
    return await fetchModule.fetch(input, init)
  } catch (error) {
    if (error && typeof error === 'object') Error.captureStackTrace(error)
    throw error
  }
}
