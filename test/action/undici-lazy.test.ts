// The bundle's stand-in for undici (src/action/undici-lazy.ts): without a proxy it is Node's own
// fetch; with @actions/http-client's ProxyAgent, the request goes through the proxy (CONNECT), the
// real undici loaded on demand.
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetch, ProxyAgent } from '../../src/action/undici-lazy.js'

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
}

describe('lazy undici', () => {
  const target = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ path: request.url }))
  })
  const tunnels: string[] = []
  const proxy = createServer()
  proxy.on('connect', (request, socket, head) => {
    tunnels.push(request.url ?? '')
    const [host, port] = (request.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(socket)
      socket.pipe(upstream)
    })
  })
  let targetUrl = ''
  let proxyUrl = ''
  beforeAll(async () => {
    targetUrl = await listen(target)
    proxyUrl = await listen(proxy)
  })
  afterAll(() => {
    target.close()
    proxy.close()
    target.closeAllConnections()
    proxy.closeAllConnections()
  })

  it('without a dispatcher is a plain fetch', async () => {
    const response = await fetch(`${targetUrl}/direct`, { dispatcher: undefined })
    expect(await response.json()).toEqual({ path: '/direct' })
    expect(tunnels).toEqual([])
  })

  it('with a ProxyAgent goes through the proxy, one agent reused', async () => {
    const agent = new ProxyAgent({ uri: proxyUrl })
    for (const path of ['/one', '/two']) {
      const response = await fetch(`${targetUrl}${path}`, { dispatcher: agent })
      expect(await response.json()).toEqual({ path })
    }
    expect(tunnels.length).toBeGreaterThanOrEqual(1)
    expect(tunnels[0]).toBe(new URL(targetUrl).host)
  })
})
