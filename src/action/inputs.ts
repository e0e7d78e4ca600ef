// The action's inputs: read with core.getInput in one place (readRawInputs), read by the options
// table's grammars (options/table.ts, shared with the CLI) in a pure function (parseInputs) so
// that tests need no environment.
import * as core from '@actions/core'
import type { SourceSpec } from '../advisories/source.js'
import type { GateMode } from '../review/gate.js'
import { ConfigurationError } from '../core/errors.js'
import type { IgnoreRule } from '../core/model.js'
import { ACTION_EDGE, OPTIONS, readOption, type OptionId } from '../options/table.js'
import type { CheckRunMode, CommentMode, UnmaintainedMode } from '../options/table.js'
import { readSharedOptions, type GivenOptions } from '../options/shared.js'

/** Every input declared in action.yml (test/project/readme.test.ts keeps this, action.yml and README equal). */
export const INPUT_NAMES = [
  'github-token',
  'fail-on-affected',
  'fail-on-yanked',
  'min-publish-age',
  'fail-on-too-new',
  'unmaintained',
  'comment',
  'ignore',
  'advisory-source',
  'osv-api-url',
  'rustsec-url',
  'crates-index',
  'crates-index-url',
  'request-timeout',
  'base-ref',
  'head-ref',
  'github-timeout',
  'github-deadline',
  'github-request-budget',
  'sarif-file',
  'check-run'
] as const
export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>

export {
  CHECK_RUN_MODES,
  COMMENT_MODES,
  UNMAINTAINED_MODES,
  type CheckRunMode,
  type CommentMode,
  type UnmaintainedMode
} from '../options/table.js'

export interface ActionInputs {
  token: string
  /** `true` → introduced, `any` → any affected new version, `false` → off. */
  failOnAffected: GateMode
  /** Fail when the change introduces a yanked version (or one crates.io does not list). */
  failOnYanked: boolean
  /** The `min-publish-age` input; null: each lockfile's cooldown from the base's Cargo config. */
  minPublishAge: { seconds: number; value: string; origin: string } | null
  /** Fail when a version is younger than the cooldown (or its age under it is unknown). */
  failOnTooNew: boolean
  unmaintained: UnmaintainedMode
  comment: CommentMode
  ignore: IgnoreRule[]
  source: SourceSpec
  /** The sparse index to read yanked status from; null when `crates-index: false`. */
  cratesIndexUrl: string | null
  /** `request-timeout` in ms: one advisory or index request, answer included. */
  requestTimeoutMs: number
  baseRef: string | null
  headRef: string | null
  /** Limits of the run's GitHub requests (README "Timeouts and request budget"). */
  github: { requestTimeoutMs: number; deadlineMs: number; budget: number }
  /** Where to write the SARIF log (relative to the workspace); null: none. */
  sarifFile: string | null
  checkRun: CheckRunMode
}

/** The only place that reads inputs (core.getInput by default); the runner provides every one. */
export function readRawInputs(
  getInput: (name: string, options: { trimWhitespace: boolean }) => string = core.getInput
): RawInputs {
  const raw = {} as RawInputs
  for (const name of INPUT_NAMES) raw[name] = getInput(name, { trimWhitespace: false })
  return raw
}

/** The options table's view of the raw inputs: a blank input is one not given (its default). */
function givenInputs(raw: RawInputs): GivenOptions {
  const input = (id: OptionId): string => {
    const name = OPTIONS[id].input
    return name === undefined ? '' : raw[name as InputName]
  }
  return {
    text: (id) => (input(id).trim() === '' ? undefined : input(id)),
    entries: (id) => input(id).split(/\r?\n/)
  }
}

export function parseInputs(raw: RawInputs, options: { workspace: string }): ActionInputs {
  const given = givenInputs(raw)
  const read = <K extends OptionId>(id: K) => readOption(id, given.text(id), ACTION_EDGE)
  const shared = readSharedOptions(ACTION_EDGE, given, { baseDir: options.workspace })
  const token = read('githubToken')
  if (token === null) {
    throw new ConfigurationError(
      'github-token is empty: keep its default (${{ github.token }}) or pass a token'
    )
  }
  return {
    token,
    failOnAffected: shared.failOnAffected,
    failOnYanked: shared.failOnYanked,
    minPublishAge: shared.minPublishAge,
    failOnTooNew: shared.failOnTooNew,
    unmaintained: read('unmaintained'),
    comment: read('comment'),
    ignore: shared.ignore,
    source: shared.source,
    cratesIndexUrl: shared.cratesIndexUrl,
    requestTimeoutMs: read('requestTimeout') * 1000,
    baseRef: read('baseRef'),
    headRef: read('headRef'),
    github: {
      requestTimeoutMs: read('githubTimeout') * 1000,
      deadlineMs: read('githubDeadline') * 1000,
      budget: read('githubRequestBudget')
    },
    sarifFile: shared.sarif,
    checkRun: read('checkRun')
  }
}
