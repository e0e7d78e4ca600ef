// Entry point of the CLI (dist/cli.js): the only CLI module with a top-level call.
import module from 'node:module'

// Node ≥ 22.1 keeps the compiled code of dist/ on disk between runs (its own cache folder;
// NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE apply), so it is turned on before the rest
// of the CLI is imported. Older Node has no such function and compiles as before.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
const { runCli } = await import('./cli/run.js')
const { exitWhenFlushed } = await import('./core/exit.js')

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  stderrIsTTY: process.stderr.isTTY,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined
}).then(async (code) => {
  // Done means done: the report is out, whatever requests the network still holds.
  await exitWhenFlushed(code)
})
