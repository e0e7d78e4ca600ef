// The action's run(): placeholder until the action is wired (issue "The action and the CLI").
import * as core from '@actions/core'

export async function run(): Promise<void> {
  await Promise.resolve()
  core.setFailed('cargo-advisory-review: the action is not wired yet')
}
