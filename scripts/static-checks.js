// `npm run lint` and `npm run typecheck` side by side (each builds its own TypeScript program, and
// neither fills two cores alone); fails when either fails, with both outputs kept whole.
import { spawn } from 'node:child_process'

const run = (script) =>
  new Promise((resolve) => {
    // Under npm, its own CLI with this Node; run by hand, the npm on PATH.
    const npm = process.env.npm_execpath
    const [command, args] = npm === undefined ? ['npm', []] : [process.execPath, [npm]]
    const child = spawn(command, [...args, 'run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ script, code, output }))
  })

const results = await Promise.all(['lint', 'typecheck'].map(run))
for (const { script, code, output } of results) {
  console.log(`> ${script}: ${code === 0 ? 'ok' : `failed (exit ${String(code)})`}`)
  if (output.trim() !== '') console.log(output.trimEnd())
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1)
