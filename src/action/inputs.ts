// The action's inputs: read with core.getInput in one place (readRawInputs), validated with zod
// in a pure function (parseInputs) so that tests need no environment.
import * as core from '@actions/core'
import * as z from 'zod'
import type { SourceSpec } from '../advisories/source.js'
import type { GateMode } from '../review/gate.js'
import { ConfigurationError } from '../core/errors.js'
import { publishAgeSetting } from '../cargo/cooldown.js'
import type { IgnoreRule } from '../core/model.js'
import { IgnoreSyntaxError, parseIgnoreLines } from '../evaluate/ignore.js'
import { parseHttpUrl, parseSourceSpec } from '../advisories/spec.js'
import { DEFAULT_CRATES_INDEX_URL, normaliseIndexUrl } from '../advisories/crates-index/index.js'

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

export const COMMENT_MODES = ['always', 'on-affected', 'never'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

/** `auto`: a check run on the head commit under `pull_request_target` only (elsewhere the step's
 * own annotations already attach to the commit the pull request shows). */
export const CHECK_RUN_MODES = ['auto', 'always', 'never'] as const
export type CheckRunMode = (typeof CHECK_RUN_MODES)[number]

export const UNMAINTAINED_MODES = ['hide', 'notice'] as const
export type UnmaintainedMode = (typeof UNMAINTAINED_MODES)[number]

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

// YAML 1.2 core-schema booleans, as core.getBooleanInput accepts them; empty means the default.
const booleanInput = z
  .enum(['', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
  .transform((value) => value.toLowerCase() === 'true')
const gateInput = z.union([
  booleanInput.transform((on): GateMode => (on ? 'introduced' : 'off')),
  z.enum(['any', 'Any', 'ANY']).transform((): GateMode => 'any')
])
const unmaintainedInput = z
  .string()
  .transform((value) => value.trim().toLowerCase() || 'hide')
  .pipe(z.enum(UNMAINTAINED_MODES))
const commentInput = z
  .string()
  .transform((value) => value.trim().toLowerCase() || 'always')
  .pipe(z.enum(COMMENT_MODES))
const checkRunInput = z
  .string()
  .transform((value) => value.trim().toLowerCase() || 'auto')
  .pipe(z.enum(CHECK_RUN_MODES))
// Refs are passed to the REST API as path/query values; keep them to git's ref alphabet.
const refInput = z
  .string()
  .transform((value) => value.trim())
  .refine((value) => value === '' || /^[A-Za-z0-9][A-Za-z0-9._/@{}^~+-]{0,254}$/.test(value), {
    error: 'is not a branch, tag or commit SHA'
  })
  .transform((value) => (value === '' ? null : value))

function parseBoolean(raw: RawInputs, name: InputName, fallback: boolean): boolean {
  const parsed = booleanInput.safeParse(raw[name].trim())
  if (!parsed.success) {
    throw new ConfigurationError(`${name}: "${raw[name].slice(0, 40)}" is not true or false`)
  }
  return raw[name].trim() === '' ? fallback : parsed.data
}

/** A positive whole number within bounds; empty means the default. */
function countInput(raw: RawInputs, name: InputName, fallback: number, max: number): number {
  const text = raw[name].trim()
  if (text === '') return fallback
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new ConfigurationError(
      `${name}: "${text.slice(0, 40)}" is not a whole number from 1 to ${String(max)}`
    )
  }
  return Number(text)
}

export function parseInputs(raw: RawInputs, options: { workspace: string }): ActionInputs {
  const failOnAffected = gateInput.safeParse(raw['fail-on-affected'].trim())
  if (!failOnAffected.success) {
    throw new ConfigurationError(
      `fail-on-affected: "${raw['fail-on-affected'].slice(0, 40)}" is not true, any or false`
    )
  }
  const unmaintained = unmaintainedInput.safeParse(raw.unmaintained)
  if (!unmaintained.success) {
    throw new ConfigurationError(
      `unmaintained: "${raw.unmaintained.slice(0, 40)}" must be one of ${UNMAINTAINED_MODES.join(', ')}`
    )
  }
  const failOnYanked = parseBoolean(raw, 'fail-on-yanked', false)
  const cratesIndexOn = parseBoolean(raw, 'crates-index', true)
  if (failOnYanked && !cratesIndexOn) {
    throw new ConfigurationError(
      'fail-on-yanked: true needs the crates.io index; it cannot be checked with crates-index: false'
    )
  }
  const minPublishAge = publishAgeSetting(raw['min-publish-age'], 'min-publish-age')
  const failOnTooNew = parseBoolean(raw, 'fail-on-too-new', false)
  if ((failOnTooNew || (minPublishAge?.seconds ?? 0) > 0) && !cratesIndexOn) {
    throw new ConfigurationError(
      'min-publish-age and fail-on-too-new need the crates.io index (publish times); they cannot be checked with crates-index: false'
    )
  }
  const comment = commentInput.safeParse(raw.comment)
  if (!comment.success) {
    throw new ConfigurationError(
      `comment: "${raw.comment.slice(0, 40)}" must be one of ${COMMENT_MODES.join(', ')}`
    )
  }
  const checkRun = checkRunInput.safeParse(raw['check-run'])
  if (!checkRun.success) {
    throw new ConfigurationError(
      `check-run: "${raw['check-run'].slice(0, 40)}" must be one of ${CHECK_RUN_MODES.join(', ')}`
    )
  }
  const refs = (['base-ref', 'head-ref'] as const).map((name) => {
    const parsed = refInput.safeParse(raw[name])
    if (!parsed.success) {
      throw new ConfigurationError(
        `${name}: "${raw[name].slice(0, 80)}" is not a branch, tag or commit SHA`
      )
    }
    return parsed.data
  })
  let ignore: IgnoreRule[]
  try {
    ignore = parseIgnoreLines(raw.ignore.split(/\r?\n/), 'ignore input')
  } catch (error) {
    if (error instanceof IgnoreSyntaxError) throw new ConfigurationError(error.message)
    throw error
  }
  const token = raw['github-token'].trim()
  if (token === '') {
    throw new ConfigurationError(
      'github-token is empty: keep its default (${{ github.token }}) or pass a token'
    )
  }
  return {
    token,
    failOnAffected: failOnAffected.data,
    failOnYanked,
    minPublishAge,
    failOnTooNew,
    unmaintained: unmaintained.data,
    comment: comment.data,
    ignore,
    source: parseSourceSpec(raw['advisory-source'], {
      osvApiUrl: raw['osv-api-url'],
      rustsecUrl: raw['rustsec-url'],
      baseDir: options.workspace,
      name: 'advisory-source'
    }),
    cratesIndexUrl: cratesIndexOn
      ? parseHttpUrl(
          normaliseIndexUrl(raw['crates-index-url']) || DEFAULT_CRATES_INDEX_URL,
          'crates-index-url'
        )
      : null,
    baseRef: refs[0] ?? null,
    headRef: refs[1] ?? null,
    github: {
      requestTimeoutMs: countInput(raw, 'github-timeout', 30, 600) * 1000,
      deadlineMs: countInput(raw, 'github-deadline', 600, 6 * 3600) * 1000,
      budget: countInput(raw, 'github-request-budget', 500, 100_000)
    },
    sarifFile: raw['sarif-file'].trim() === '' ? null : raw['sarif-file'].trim(),
    checkRun: checkRun.data
  }
}
