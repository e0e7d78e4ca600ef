// Entry point of the action (dist/index.js): the only module with a top-level call. It wires the
// real runner: process.env, @actions/core (whose summary is a module singleton and whose
// setFailed sets process.exitCode — hence here, not in run()).
import * as core from '@actions/core'
import { run } from './action/run.js'

const result = await run({
  env: process.env,
  core: {
    getInput: (name, options) => core.getInput(name, options),
    info: (message) => {
      core.info(message)
    },
    warning: (message) => {
      core.warning(message)
    },
    debug: (message) => {
      core.debug(message)
    },
    setSecret: (secret) => {
      core.setSecret(secret)
    },
    setOutput: (name, value) => {
      core.setOutput(name, value)
    },
    startGroup: (name) => {
      core.startGroup(name)
    },
    endGroup: () => {
      core.endGroup()
    },
    writeSummary: async (text) => {
      await core.summary.addRaw(text).addEOL().write()
    }
  },
  clock: Date
})
if (result.failure !== null) core.setFailed(result.failure)
