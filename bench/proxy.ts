// A loopback recording proxy put in front of a fake service: it delays every answer by a fixed time
// (the network) and logs when each request arrived and when its answer was fully sent, so the
// critical path can be read from the log. Absolute URLs to the upstream in response headers
// (GitHub's `Link`, `Location`) are rewritten to the proxy so paging stays behind it.
import { createServer, request as httpRequest, Agent, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface LoggedRequest {
  service: string
  method: string
  path: string
  status: number
  /** performance.now() when the request's body had arrived. */
  start: number
  /** performance.now() when the answer was fully written. */
  end: number
  /** With a round gate (bench/rounds.ts): the round whose release let it through, from 1. */
  round?: number
}

/** Holds a request until its round is released (instead of the fixed delay). */
export type Hold = (entry: LoggedRequest) => Promise<void>

export interface DelayProxy {
  url: string
  log: LoggedRequest[]
  delayMs: number
  close(): Promise<void>
}

/** A canned answer the proxy gives instead of forwarding (fault injection); null forwards. */
export type Injector = (
  method: string,
  path: string,
  body: string,
  headers: Readonly<Record<string, string | string[] | undefined>>
) => { status: number; body: unknown; headers?: Record<string, string> } | null

export async function startDelayProxy(
  service: string,
  upstream: string,
  delayMs: number,
  log: LoggedRequest[] = [],
  inject: Injector | null = null,
  hold: Hold | null = null
): Promise<DelayProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  const sockets = new Set<Socket>()
  const proxy: DelayProxy = { url: '', log, delayMs, close: () => Promise.resolve() }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const start = performance.now()
      const body = Buffer.concat(chunks)
      const entry: LoggedRequest = {
        service,
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        status: 0,
        start,
        end: start
      }
      log.push(entry)
      const forward = (): void => {
        const canned =
          inject?.(entry.method, entry.path, body.toString('utf8'), req.headers) ?? null
        if (canned !== null) {
          entry.status = canned.status
          res.writeHead(canned.status, {
            'content-type': 'application/json; charset=utf-8',
            ...canned.headers
          })
          res.end(JSON.stringify(canned.body))
          return
        }
        const headers: OutgoingHttpHeaders = { ...req.headers, host: new URL(upstream).host }
        const out = httpRequest(
          `${upstream}${req.url ?? '/'}`,
          { method: req.method, headers, agent },
          (answer) => {
            const rewritten: OutgoingHttpHeaders = {}
            for (const [name, value] of Object.entries(answer.headers)) {
              if (value === undefined) continue
              rewritten[name] =
                typeof value === 'string' ? value.split(upstream).join(proxy.url) : value
            }
            res.writeHead(answer.statusCode ?? 502, rewritten)
            answer.pipe(res)
            answer.on('end', () => {
              entry.status = answer.statusCode ?? 0
            })
          }
        )
        out.on('error', () => {
          // The upstream fake reset or hung up: pass the reset on.
          req.socket.destroy()
        })
        out.end(body)
      }
      res.on('finish', () => {
        entry.end = performance.now()
      })
      if (hold === null) setTimeout(forward, proxy.delayMs)
      else void hold(entry).then(forward)
    })
  })
  server.keepAliveTimeout = 30_000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      agent.destroy()
      server.close(() => {
        resolve()
      })
    })
  return proxy
}
