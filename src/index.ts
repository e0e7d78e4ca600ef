// Entry point of the action (dist/index.js): the only module with a top-level call. It wires the
// real runner: process.env, @actions/core (whose summary is a module singleton and whose
// setFailed sets process.exitCode — hence here, not in run()).
import * as core from '@actions/core'
import { run } from './action/run.js'
import { neutraliseLogMessage } from './core/logger.js'
import { redactSecrets } from './core/redact.js'
import { exitWhenFlushed } from './core/exit.js'

/** The failure as the log shows it: neutralised like every other line, without the token. */
const fail = (message: string): void => {
  core.setFailed(neutraliseLogMessage(redactSecrets(message)))
}

try {
  const result = await run({
    env: process.env,
    core: {
      getInput: core.getInput,
      info: core.info,
      warning: core.warning,
      debug: core.debug,
      setSecret: core.setSecret,
      setOutput: core.setOutput,
      startGroup: core.startGroup,
      endGroup: core.endGroup,
      writeSummary: async (text) => {
        await core.summary.addRaw(text).addEOL().write()
      },
      annotate: (level, message, properties) => {
        core[level](message, properties)
      }
    },
    clock: Date
  })
  // run() neutralised the failure message already.
  if (result.failure !== null) core.setFailed(result.failure)
} catch (error) {
  // run() answers every failure itself; this is a bug, still reported as a failed step.
  fail(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
}
// The summary and outputs are written: the step ends now, not when the network lets go.
await exitWhenFlushed(typeof process.exitCode === 'number' ? process.exitCode : 0)
