// The BUILT action behind a proxy. The bundle carries only the parts of undici the action uses
// (rollup.config.js: agents, proxy agents, fetch), so the proxy paths are specified against
// dist/index.js itself: GitHub's requests through @actions/http-client's proxy agent
// (HTTP_PROXY), the advisory requests through the run's own pool (NODE_USE_ENV_PROXY=1). The
// hosts are names only the proxy knows, so a request that skipped the proxy could not connect.
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../helpers/fake-github.js'
import { startFakeOsv, type FakeServer } from '../helpers/fake-osv.js'
import { caseFiles, openPullRequest } from '../helpers/fixtures.js'
import { assertFreshDist, runBuiltAction, type RunActionOptions } from '../helpers/runner.js'

const OWNER = 'octo-org'
const NAME = 'app'

/** A CONNECT proxy that reaches every `name:port` at 127.0.0.1:port and records the tunnels. */
function startProxy(): { server: Server; tunnels: string[] } {
  const tunnels: string[] = []
  const server = createServer((_request, response) => {
    // Plain forwarding is not what undici asks for: it tunnels every request with CONNECT.
    response.writeHead(405)
    response.end()
  })
  server.on('connect', (request, socket, head) => {
    const target = request.url ?? ''
    tunnels.push(target)
    const port = Number(target.slice(target.lastIndexOf(':') + 1))
    const upstream = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(socket)
      socket.pipe(upstream)
    })
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  return { server, tunnels }
}

const renamed = (url: string, host: string): string => {
  const parsed = new URL(url)
  parsed.hostname = host
  return parsed.href.replace(/\/$/, '')
}

let github: FakeGitHub
let repo: FakeRepo
let osv: FakeServer
let proxy: { server: Server; tunnels: string[] }
let proxyUrl = ''

beforeAll(async () => {
  assertFreshDist()
  github = await startFakeGitHub()
  repo = github.addRepo(OWNER, NAME)
  osv = await startFakeOsv()
  proxy = startProxy()
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${String((proxy.server.address() as AddressInfo).port)}`
})
afterAll(async () => {
  await github.close()
  await osv.close()
  proxy.server.close()
  proxy.server.closeAllConnections()
})

describe('the built action behind a proxy', () => {
  it('sends GitHub and OSV requests through the proxy and reports as without it', async () => {
    const id = 'cratesio-2019-tar'
    const options = (number: number, via: 'proxy' | 'direct'): RunActionOptions => {
      const { payload } = openPullRequest(github, repo, { number, ...caseFiles(id) })
      const apiUrl = via === 'proxy' ? renamed(github.url, 'github.test') : github.url
      return {
        eventName: 'pull_request',
        payload,
        repository: `${OWNER}/${NAME}`,
        apiUrl,
        inputs: {
          'advisory-source': 'osv',
          'osv-api-url': via === 'proxy' ? renamed(osv.url, 'osv.test') : osv.url
        },
        env:
          via === 'proxy'
            ? { HTTP_PROXY: proxyUrl, NODE_USE_ENV_PROXY: '1', NO_PROXY: '' }
            : { NO_PROXY: '' }
      }
    }
    const direct = await runBuiltAction(options(1, 'direct'))
    expect(proxy.tunnels).toEqual([])
    const proxied = await runBuiltAction(options(2, 'proxy'))
    expect(proxied.exitCode, proxied.stdout + proxied.stderr).toBe(0)
    expect(proxied.outputs.incomplete).toBe('false')
    const githubPort = new URL(github.url).port
    const osvPort = new URL(osv.url).port
    expect(new Set(proxy.tunnels)).toEqual(
      new Set([`github.test:${githubPort}`, `osv.test:${osvPort}`])
    )
    for (const output of ['affected-count', 'advisory-ids', 'introduced-count', 'incomplete'])
      expect(proxied.outputs[output], output).toBe(direct.outputs[output])
    expect(Number(direct.outputs['affected-count'])).toBeGreaterThan(0)
  })
})
