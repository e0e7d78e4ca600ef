// A host that accepts connections and never answers ("silent"), or answers its headers and part
// of a body, then stalls ("stall-body"). Run as a child process, so that the test process holds
// only the client's side of each connection. Prints its port, then one line per connection event.
import { createServer } from 'node:http'

const mode = process.argv[2] ?? 'silent'
let open = 0
const server = createServer((request, response) => {
  request.resume()
  if (mode === 'stall-body') {
    const body = request.url?.endsWith('/v1/querybatch')
      ? '{"results":[{"vulns":['
      : '{"name":"stalled","vers":"1.0.0","deps":[],"cksum":"x","features":{},"yanked":false}\n'
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(body.length + 1000)
    })
    response.write(body)
  }
  // Never ends the response.
})
server.keepAliveTimeout = 0
server.on('connection', (socket) => {
  open += 1
  process.stdout.write(`open ${String(open)}\n`)
  socket.on('close', () => {
    open -= 1
    process.stdout.write(`open ${String(open)}\n`)
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `port ${String(typeof address === 'object' && address ? address.port : 0)}\n`
  )
})
process.on('message', () => undefined)
