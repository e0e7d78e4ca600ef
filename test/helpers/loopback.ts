// One loopback listener for the fakes: a free port on 127.0.0.1, and a close that ends open
// keep-alive connections too, so a suite's afterAll never waits on a client's idle socket.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export async function listenOnLoopback(
  server: Server
): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      })
  }
}
