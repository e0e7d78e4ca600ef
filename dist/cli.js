#!/usr/bin/env node
import module$1 from"node:module";module$1.enableCompileCache?.();const{runCli}=await import("./chunks/run.js");const{exitWhenFlushed}=await import("./chunks/exit.js");void runCli(process.argv.slice(2),{stdout:text=>process.stdout.write(text),stderr:text=>process.stderr.write(text),cwd:process.cwd(),env:process.env,stdoutIsTTY:process.stdout.isTTY,stderrIsTTY:process.stderr.isTTY,columns:process.stdout.isTTY?process.stdout.columns:void 0}).then(async code=>{await exitWhenFlushed(code)});
//# sourceMappingURL=cli.js.map
