#!/usr/bin/env node
import module$1 from 'node:module';

// Entry point of the CLI (dist/cli.js): the only CLI module with a top-level call.
module$1.enableCompileCache?.();
const { runCli } = await import('./chunks/run.js');
const { exitWhenFlushed } = await import('./chunks/exit.js');
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
    await exitWhenFlushed(code);
});
//# sourceMappingURL=cli.js.map
