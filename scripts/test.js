// `npm test`: lint and typecheck (scripts/static-checks.js, one process) side by side with
// vitest. Each is CPU-bound and neither fills two cores for its whole run (vitest's last files,
// the static checks are single-threaded), so together they finish sooner than one after the other. Vitest prints as it
// goes; the static checks' output is kept whole and printed after it. Fails when any fails.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const node = process.execPath
const root = fileURLToPath(new URL('..', import.meta.url))

function run(args, stdio) {
  return new Promise((resolve) => {
    const child = spawn(node, args, { cwd: root, stdio })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ code, output }))
  })
}

const [statics, tests] = await Promise.all([
  // A larger young generation: TypeScript's checker and ESLint's tree conversion make many
  // short-lived objects, which then die young instead of being copied on (alternating runs, CPU
  // user+sys of the static checks: 43-44 s → 38-41 s).
  run(['--max-semi-space-size=64', 'scripts/static-checks.js'], ['ignore', 'pipe', 'pipe']),
  run(['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], 'inherit')
])
console.log(statics.output.trimEnd())
process.exit(statics.code === 0 && tests.code === 0 ? 0 : 1)
