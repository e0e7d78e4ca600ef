// Entry point of the CLI (dist/cli.js): the only CLI module with a top-level call.
import { runCli } from './cli/run.js'

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY
}).then((code) => {
  process.exitCode = code
})
