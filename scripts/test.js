// `npm test`: lint and typecheck (scripts/static-checks.js, one process) side by side with
// vitest. Each is CPU-bound and neither fills two cores for its whole run (vitest's last files,
// the static checks are single-threaded), so together they finish sooner than one after the other. Vitest prints as it
// goes; the static checks' output is kept whole and printed after it. Fails when any fails.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Both run on Node 24, the action's runtime, installed as the `node` dev dependency (the tests of
// the built action run under it already): its V8 does the same work with less CPU than Node 20's
// (alternating runs under load: static checks 41-44 → 30-31 CPU-s, vitest ~90 → ~71). The built
// CLI still runs under the Node that runs npm (test/helpers/runner.ts CLI_NODE), as a user's
// would. Without the dependency (not installed yet), the Node running this script.
const node24 = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url))
const node = existsSync(node24) ? node24 : process.execPath

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
  // user+sys of the static checks on Node 20: 43-44 s → 38-41 s; on Node 24 it makes no
  // difference, 33.7-34.1 s either way).
  run(['--max-semi-space-size=64', 'scripts/static-checks.js'], ['ignore', 'pipe', 'pipe']),
  run(['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], 'inherit')
])
console.log(statics.output.trimEnd())
process.exit(statics.code === 0 && tests.code === 0 ? 0 : 1)
