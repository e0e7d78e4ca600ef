// The action's run(), in named phases (each logged as `Phase: …` when it starts): read inputs →
// plan event → connect to GitHub (and look for our comment) → read trees → analyse → review →
// publish (comment, findings: annotations, check run, SARIF; report file, outputs) → decide.
// Everything it touches outside itself comes in `deps` (src/index.ts wires the real ones),
// so tests call it in process; it returns the failure instead of calling core.setFailed.
import { getProxyUrl } from '@actions/http-client'
import { createRunClient, type RunClient } from '../advisories/run-client.js'
import { mkdtemp } from 'node:fs/promises'
import { join } from 'node:path'
import {
  retireComment,
  searchComment,
  upsertComment,
  type CommentOutcome,
  type CommentSearch
} from './comment.js'
import { readRunnerEnvironment, type Environment, type RunnerEnvironment } from './environment.js'
import { planEvent } from './event.js'
import { ancestorManifests, createGitHubReader, githubTree } from './github-files.js'
import {
  listCargoFilesByTrees,
  limitCargoFiles,
  listPullRequestCargoFiles
} from './changed-files.js'
import type { RepoRef } from './github-files.js'
import {
  createGitHubClient,
  createGitHubTransport,
  createGraphqlPost,
  graphqlUrl,
  type ClientStats,
  type GitHubClient,
  type GitHubTransport
} from './octokit.js'
import type { Review } from '../review/review.js'
import { IGNORE_CONFIG_PATHS, mergeIgnoreRules, readIgnoreConfigs } from '../evaluate/ignore.js'
import { parseInputs, readRawInputs, type CommentMode } from './inputs.js'
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js'
import { ConfigurationError, getErrorMessage } from '../core/errors.js'
import type { IgnoreRule, Logger, Report } from '../core/model.js'
import { createSafeLogger, neutraliseLogLine, neutraliseLogMessage } from '../core/logger.js'
import { redactSecrets, registerSecret } from '../core/redact.js'
import { failedRunComment, failedSummary, skippedSummary } from '../render/action-texts.js'
import { COMMENT_MARKER } from '../render/marker.js'
import type { AnnotationSink } from './findings.js'

/** The engine, analysis and renderer (./engine.ts): a chunk of its own, loaded once the first
 * GitHub requests are on their way, so start-up pays only for the event and the GitHub client. */
let engineModule: Promise<typeof import('./engine.js')> | undefined
const loadEngine = (): Promise<typeof import('./engine.js')> =>
  (engineModule ??= import('./engine.js'))

/** The part of @actions/core the action uses (src/index.ts passes the real module's functions). */
export interface ActionCore {
  getInput(name: string, options: { trimWhitespace: boolean }): string
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  startGroup(name: string): void
  endGroup(): void
  /** Appends to the job summary (core.summary is a module singleton: the entry point owns it). */
  writeSummary(text: string): Promise<void>
  /** core.error / core.warning / core.notice with annotation properties (./findings.ts). */
  annotate: AnnotationSink['annotate']
}

export interface ActionDeps {
  /** The runner's environment (GITHUB_*, RUNNER_TEMP; inputs are read through core.getInput). */
  env: Environment
  core: ActionCore
  /** Every HTTP request (GitHub and advisories); default: the runner's proxy-aware fetch for GitHub, global fetch for advisories. */
  fetch?: typeof fetch
  clock?: { now(): number }
  /** The advisory source factory (tests share one offline index between runs). */
  createAdvisorySource?: typeof import('../advisories/index.js').createAdvisorySource
  /** GitHub client tuning for in-process tests (back-off base, per-run throttling limiters). */
  github?: { retryAfterBaseMs?: number; throttle?: Record<string, unknown> }
  /** Advisory and index client tuning for in-process tests (first back-off step). */
  advisories?: { retryBaseMs?: number }
}

export interface ActionResult {
  /** Why the job fails (the entry point passes it to core.setFailed), or null. */
  failure: string | null
}

/**
 * The core surface with every line neutralised (core/logger.ts) and every known secret removed:
 * `setSecret` also registers the token for redaction (core.setSecret masks the job log only).
 */
function safeCore(inner: ActionCore): ActionCore {
  const logger = createSafeLogger({
    info: (line) => {
      inner.info(line)
    },
    warning: (message) => {
      inner.warning(message)
    },
    error: (message) => {
      inner.warning(message)
    },
    debug: (message) => {
      inner.debug(message)
    },
    startGroup: (title) => {
      inner.startGroup(title)
    },
    endGroup: () => {
      inner.endGroup()
    }
  })
  return {
    getInput: (name, options) => inner.getInput(name, options),
    info: (message) => {
      logger.info(message)
    },
    warning: (message) => {
      logger.warning(message)
    },
    debug: (message) => {
      logger.debug(message)
    },
    setSecret: (secret) => {
      inner.setSecret(secret)
      registerSecret(secret)
    },
    setOutput: (name, value) => {
      inner.setOutput(name, redactSecrets(value))
    },
    startGroup: (title) => {
      logger.startGroup(title)
    },
    endGroup: () => {
      logger.endGroup()
    },
    writeSummary: (text) => inner.writeSummary(redactSecrets(text)),
    annotate: (level, message, properties) => {
      const { title, file } = properties
      // A path that would need neutralising (e.g. `##[` in a directory name) cannot be a file
      // property: the annotation stays, without the file, and names the path in its message.
      const safeFile = file === undefined || neutraliseLogLine(file) === file
      const fields = safeFile ? properties : { ...(title === undefined ? {} : { title }) }
      const text = safeFile ? message : `${message}\n(in ${file})`
      inner.annotate(level, neutraliseLogMessage(redactSecrets(text)), {
        ...fields,
        ...(title === undefined ? {} : { title: neutraliseLogLine(redactSecrets(title)) })
      })
    }
  }
}

/** Workspace-root candidates read with the changed files at most (each an alias, per side). */
const MAX_PREFETCHED_ROOTS = 200

/** The action; its failure message is neutralised for the log, like every line (core/logger.ts). */
export async function run(deps: ActionDeps): Promise<ActionResult> {
  const { failure } = await runChecked(deps)
  return { failure: failure === null ? null : neutraliseLogMessage(redactSecrets(failure)) }
}

/** Where our comment lives, once it may exist: a run that fails later must not leave an earlier verdict. */
interface CommentTarget {
  octokit: GitHubClient
  repo: RepoRef
  number: number
  search: CommentSearch
  runUrl: string | null
}

/** What the phases share: the safe core and what the failure path must know to clean up. */
interface RunState {
  core: ActionCore
  logger: Logger
  clock: { now(): number }
  started: number
  summary: string | null
  outputsSet: boolean
  commentTarget: CommentTarget | null
  retiring: Promise<unknown>
  transport: GitHubTransport | null
  /** The run's own connection pool (GitHub, advisories, index), closed when the run ends; null
   * when the tests pass their fetch. */
  runClient: RunClient | null
}

type Inputs = ReturnType<typeof parseInputs>
type Plan = Exclude<ReturnType<typeof planEvent>, { kind: 'skip' }>
type Engine = Awaited<ReturnType<typeof loadEngine>>

interface GitHubSession {
  stats: ClientStats
  octokit: GitHubClient
  reader: ReturnType<typeof createGitHubReader>
  graphql: ReturnType<typeof createGraphqlPost>
}

/** The phases in order, each named in the log as it starts. */
async function runChecked(deps: ActionDeps): Promise<ActionResult> {
  // Every log line and output goes through the safe surface: untrusted text cannot write a
  // workflow command, and the token never leaves in a log line, an output or the summary.
  const core = safeCore(deps.core)
  const clock = deps.clock ?? Date
  const state: RunState = {
    core,
    logger: core,
    clock,
    started: clock.now(),
    summary: null,
    outputsSet: false,
    commentTarget: null,
    retiring: Promise.resolve(),
    transport: null,
    runClient: null
  }
  const phase = (name: string): void => {
    core.info(`Phase: ${name}`)
  }
  try {
    phase('read inputs')
    const { env, inputs } = readConfiguration(state, deps)
    phase('plan event')
    const plan = planEvent({
      eventName: env.eventName,
      payload: env.payload,
      baseRef: inputs.baseRef,
      headRef: inputs.headRef
    })
    if (plan.kind === 'skip') return skipRun(state, plan, inputs)
    phase('connect to GitHub')
    const github = connectGitHub(state, deps, env, inputs)
    findComment(state, github, env, plan, inputs)
    phase('read trees')
    const trees = await readTrees(state, github, env, plan, inputs)
    phase('analyse')
    const engine = await loadEngine()
    const report = await analyseChange(state, deps, engine, github, trees, inputs)
    phase('review')
    const reviewed = reviewChange(state, engine, report, env, inputs)
    phase('publish')
    const comment = await publishComment(state, engine, report, reviewed, env, inputs, trees)
    await publishResults(state, engine, report, reviewed, {
      env,
      plan,
      inputs,
      github,
      trees,
      comment
    })
    phase('decide')
    return decide(engine, report, reviewed)
  } catch (error) {
    return await failRun(state, error)
  } finally {
    await state.retiring
    state.transport?.close()
    await state.runClient?.close()
    await writeSummary(core, state.summary)
  }
}

function setOutputs(state: RunState, outputs: Outputs): void {
  const { core } = state
  core.setOutput('affected-count', outputs.affectedCount)
  core.setOutput('advisory-ids', outputs.advisoryIds)
  core.setOutput('introduced-count', outputs.introducedCount)
  core.setOutput('introduced-ids', outputs.introducedIds)
  core.setOutput('too-new-count', outputs.tooNewCount)
  core.setOutput('incomplete', outputs.incomplete ? 'true' : 'false')
  core.setOutput('report-path', outputs.reportPath)
  core.setOutput('comment-url', outputs.commentUrl)
  core.setOutput('comment-content', outputs.commentContent)
  state.outputsSet = true
}

/** The runner's environment and the inputs; the token is masked from here on. */
function readConfiguration(
  state: RunState,
  deps: ActionDeps
): { env: RunnerEnvironment; inputs: Inputs } {
  const { core } = state
  const env = readRunnerEnvironment(deps.env)
  const inputs = parseInputs(
    readRawInputs((name, options) => core.getInput(name, options)),
    { workspace: env.workspace }
  )
  core.setSecret(inputs.token)
  return { env, inputs }
}

/** Nothing to check (or nothing that can be): say why; skipped is not green under the gate. */
function skipRun(
  state: RunState,
  plan: Extract<ReturnType<typeof planEvent>, { kind: 'skip' }>,
  inputs: Inputs
): ActionResult {
  state.core.warning(`${TOOL_NAME}: skipped: ${plan.reason}`)
  state.summary = skippedSummary(plan.reason)
  setOutputs(state, plan.unknown ? NOTHING_KNOWN : NOTHING_CHANGED)
  // Skipped is not green under the gate: something was to be checked and nothing was.
  return {
    failure:
      plan.unknown && inputs.failOnAffected !== 'off'
        ? `Not checked, so the analysis is incomplete and advisories may be missing: ${plan.reason}.`
        : null
  }
}

/** One transport (limits, budget, request count) for REST, GraphQL and the file reader. */
function connectGitHub(
  state: RunState,
  deps: ActionDeps,
  env: RunnerEnvironment,
  inputs: Inputs
): GitHubSession {
  const stats: ClientStats = { requests: 0 }
  const runClient = deps.fetch === undefined ? createRunClient(deps.env) : null
  state.runClient = runClient
  // GitHub's requests take the run's pool too, unless a proxy applies to the API: the runner's
  // client reads HTTPS_PROXY and NO_PROXY (the run's pool reads them under NODE_USE_ENV_PROXY).
  const githubFetch =
    deps.fetch ?? (runClient !== null && getProxyUrl(env.apiUrl) === '' ? runClient.fetch : null)
  const transport = createGitHubTransport({
    limits: inputs.github,
    stats,
    ...(githubFetch === null ? {} : { inner: githubFetch })
  })
  state.transport = transport
  const octokit = createGitHubClient(inputs.token, {
    baseUrl: env.apiUrl,
    logger: state.logger,
    stats,
    transport,
    ...deps.github
  })
  const graphql = createGraphqlPost(inputs.token, {
    url: graphqlUrl(env.apiUrl, deps.env),
    transport,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`
  })
  const reader = createGitHubReader(octokit, env.repo, { graphql, logger: state.logger })
  return { stats, octokit, reader, graphql }
}

/**
 * Our earlier comment is looked for now, beside the file list, so the longest chain of requests
 * stays: file list → contents → advisory batch → advisory records → comment write. Who we are
 * (GraphQL viewer) is asked beside the comment list: no extra step on that chain.
 */
function findComment(
  state: RunState,
  github: GitHubSession,
  env: RunnerEnvironment,
  plan: Plan,
  inputs: Inputs
): void {
  if (plan.kind !== 'pull-request') return
  const { octokit, graphql } = github
  const { logger } = state
  const search = searchComment(octokit, env.repo, {
    number: plan.number,
    marker: COMMENT_MARKER,
    logger,
    graphql
  })
  if (inputs.comment === 'never') {
    // An earlier comment of ours would no longer be maintained: it is deleted (README).
    state.retiring = retireComment(octokit, env.repo, { search, logger })
  } else {
    state.commentTarget = {
      octokit,
      repo: env.repo,
      number: plan.number,
      search,
      runUrl: env.runUrl
    }
  }
}

interface Trees {
  base: ReturnType<typeof githubTree>
  head: ReturnType<typeof githubTree>
  changed: { paths: string[]; problems: Report['problems'] }
  ignore: IgnoreRule[]
}

/** The changed Cargo files and both revisions' trees, their reads started at once. */
async function readTrees(
  state: RunState,
  github: GitHubSession,
  env: RunnerEnvironment,
  plan: Plan,
  inputs: Inputs
): Promise<Trees> {
  const { core, logger } = state
  const { octokit, reader } = github
  const configTree = githubTree(reader, {
    ref: plan.base,
    label: `base ${plan.base.slice(0, 12)}`,
    paths: [],
    direct: IGNORE_CONFIG_PATHS
  })
  const ignoreConfigs = readIgnoreConfigs(configTree, logger)
  ignoreConfigs.catch(() => undefined)
  core.startGroup(`Files (${plan.base.slice(0, 12)} → ${plan.head.slice(0, 12)})`)
  const listed =
    plan.kind === 'pull-request'
      ? await listPullRequestCargoFiles(octokit, env.repo, { ...plan, logger })
      : await listCargoFilesByTrees(octokit, env.repo, plan)
  // Past MAX_CARGO_FILES the other files are not fetched: the report says they are unknown.
  const limited = limitCargoFiles(listed.paths)
  if (limited.problem !== null) core.warning(limited.problem.message)
  const changed = {
    ...listed,
    paths: limited.paths,
    problems: limited.problem === null ? listed.problems : [...listed.problems, limited.problem]
  }
  core.info(
    `${String(changed.filesListed)} files listed, ${String(changed.paths.length)} changed Cargo files: ${changed.paths.join(', ') || 'none'}`
  )
  // The workspace roots members may inherit from are read in the same query as the changed
  // files (a missing one costs an alias, not a request); analyze() then reads from the cache.
  const changedSet = new Set(changed.paths)
  const roots = ancestorManifests(changed.paths)
    .filter((path) => !changedSet.has(path))
    .slice(0, MAX_PREFETCHED_ROOTS)
  const base = githubTree(reader, {
    ref: plan.base,
    label: `base ${plan.base.slice(0, 12)}`,
    paths: changed.paths,
    prefetch: roots,
    blobs: changed.baseBlobs,
    exists: changed.baseExists
  })
  const head = githubTree(reader, {
    ref: plan.head,
    label: `head ${plan.head.slice(0, 12)}`,
    paths: changed.paths,
    prefetch: roots,
    blobs: changed.headBlobs,
    exists: changed.headExists
  })
  for (const path of [...changed.paths, ...roots]) {
    void base.read(path)
    void head.read(path)
  }
  // The engine compiles while those downloads are in flight; a timer turn later, so that octokit
  // has sent them first (it queues requests through timers of its own).
  setTimeout(() => {
    loadEngine().catch(() => undefined)
  }, 1)
  const ignore = mergeIgnoreRules(inputs.ignore, await ignoreConfigs)
  core.endGroup()
  return { base, head, changed, ignore }
}

/** The change's crates against the advisory source and the index: the Report. */
async function analyseChange(
  state: RunState,
  deps: ActionDeps,
  engine: Engine,
  github: GitHubSession,
  trees: Trees,
  inputs: Inputs
): Promise<Report> {
  const { core, logger, clock } = state
  core.startGroup('Advisories')
  const { analyze, createAdvisorySource, cratesIndexOrNull } = engine
  const advisoryRequests = { count: 0 }
  const baseFetch = deps.fetch ?? state.runClient?.fetch ?? fetch
  const countingFetch: typeof fetch = (input, init) => {
    advisoryRequests.count += 1
    return baseFetch(input, init)
  }
  const tuning = deps.advisories ?? {}
  const source = (deps.createAdvisorySource ?? createAdvisorySource)(inputs.source, {
    fetch: countingFetch,
    logger,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    timeoutMs: inputs.requestTimeoutMs,
    ...tuning
  })
  const report = await analyze({
    base: trees.base,
    head: trees.head,
    source,
    cratesIndex: cratesIndexOrNull(inputs.cratesIndexUrl, {
      fetch: baseFetch,
      logger,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
      timeoutMs: inputs.requestTimeoutMs,
      ...tuning
    }),
    ignore: trees.ignore,
    logger,
    paths: trees.changed.paths,
    extraProblems: trees.changed.problems,
    toolVersion: TOOL_VERSION,
    // Publish ages are measured to the run's clock; the cooldown is the input's or the base's.
    now: clock.now(),
    minPublishAge: inputs.minPublishAge
  })
  core.info(github.reader.describe())
  const lookedUp = report.lockfiles.reduce(
    (sum, lockfile) => sum + lockfile.changes.filter((change) => change.kind !== 'removed').length,
    0
  )
  core.info(
    `${String(lookedUp)} added or updated crates checked against ${report.advisory_source ?? 'no advisory source'}; ` +
      `${String(advisoryRequests.count)} advisory requests`
  )
  core.endGroup()
  return report
}

interface Reviewed {
  review: Review
  decision: ReturnType<Engine['gate']>
  /** The comment's Markdown, posted or not (also the comment-content output). */
  commentText: string
}

/** Decided once: every reader below (comment, summary, outputs, failure) reads the Review. */
function reviewChange(
  state: RunState,
  engine: Engine,
  report: Report,
  env: RunnerEnvironment,
  inputs: Inputs
): Reviewed {
  const { buildReview, gate, renderSummary, renderComment } = engine
  const review = buildReview(report)
  if (inputs.failOnTooNew && !review.ages.active) {
    state.core.warning(
      'fail-on-too-new: no cooldown applies (no min-publish-age input, none in the base revision’s .cargo/config.toml): publish ages were not checked'
    )
  }
  // One outcome for the comment's first line, the summary's and the failure message's.
  const decision = gate(review, {
    failOnAffected: inputs.failOnAffected,
    failOnYanked: inputs.failOnYanked,
    failOnTooNew: inputs.failOnTooNew
  })
  const { outcome } = decision
  state.summary = renderSummary(report, { unmaintained: inputs.unmaintained, outcome, review })
  const commentText = renderComment(report, {
    review,
    detailsUrl: env.runUrl,
    unmaintained: inputs.unmaintained,
    outcome
  })
  return { review, decision, commentText }
}

/** The pull request comment (created, updated or left alone), when there is a pull request. */
async function publishComment(
  state: RunState,
  engine: Engine,
  report: Report,
  reviewed: Reviewed,
  env: RunnerEnvironment,
  inputs: Inputs,
  trees: Trees
): Promise<CommentOutcome | null> {
  const target = state.commentTarget
  if (target === null) return null
  // From here on the comment states this run's result; a failure below leaves it standing.
  state.commentTarget = null
  const { review, commentText } = reviewed
  const comment = await upsertComment(target.octokit, target.repo, {
    search: target.search,
    number: target.number,
    marker: COMMENT_MARKER,
    wanted: commentWanted(inputs.comment, trees.changed.paths.length, review),
    render: (short) =>
      redactSecrets(short ? engine.shortComment(report, review.affected, env.runUrl) : commentText),
    logger: state.logger
  })
  state.core.info(
    `Comment: ${comment.action}${comment.url === null ? ` (${comment.reason})` : ` ${comment.url}`}`
  )
  return comment
}

/**
 * Each finding on its line (the JSON report, the annotations, the check run on the head commit,
 * the SARIF file; never the job's failure), then the report file and the outputs.
 */
async function publishResults(
  state: RunState,
  engine: Engine,
  report: Report,
  reviewed: Reviewed,
  context: {
    env: RunnerEnvironment
    plan: Plan
    inputs: Inputs
    github: GitHubSession
    trees: Trees
    comment: CommentOutcome | null
  }
): Promise<void> {
  const { core, clock } = state
  const { env, plan, inputs, github, trees, comment } = context
  const { review, decision, commentText } = reviewed
  const { affected, ages } = review
  const located = await engine.locateForPublishing(
    report,
    trees.head,
    { unmaintained: inputs.unmaintained === 'notice', failOnTooNew: inputs.failOnTooNew },
    core
  )
  await engine.publishFindings({
    report,
    findings: located.findings,
    core,
    gateFailed: decision.result !== 'pass',
    where: comment?.url ? 'the pull request comment' : 'the job summary',
    sarifFile: inputs.sarifFile,
    workspace: env.workspace,
    checkRun: {
      mode: inputs.checkRun,
      eventName: env.eventName,
      headSha: plan.head,
      octokit: github.octokit,
      repo: env.repo
    }
  })

  const reportPath = await writeReport(env.temp, located.report)
  setOutputs(state, {
    affectedCount: String(affected.affectedCount),
    advisoryIds: JSON.stringify(affected.advisoryIds),
    introducedCount: String(affected.introducedCount),
    introducedIds: JSON.stringify(affected.introducedIds),
    tooNewCount: ages.active ? String(review.counts.too_new_crates ?? 0) : '',
    incomplete: affected.incomplete,
    reportPath,
    commentUrl: comment?.url ?? '',
    // The comment's Markdown whether or not it was posted, for workflows that post elsewhere.
    commentContent: commentText
  })
  core.info(
    `${String(trees.base.filesRead + trees.head.filesRead)} files read, ${String(github.stats.requests)} GitHub requests, ` +
      `${String(clock.now() - state.started)} ms; report: ${reportPath}`
  )
  for (const reason of affected.incompleteReasons) core.warning(`Incomplete: ${reason}`)
}

/** The job's result, as the gate decided it: the failure opens with the comment's first line. */
function decide(engine: Engine, report: Report, reviewed: Reviewed): ActionResult {
  const { decision, review } = reviewed
  if (decision.result === 'pass') return { failure: null }
  const { failures } = decision
  const messages = [failures.affected, failures.yanked, failures.tooNew].filter(
    (text) => text !== null
  )
  return {
    failure: [engine.outcomeLine(report, decision.outcome, 'action', review), ...messages].join(
      '\n'
    )
  }
}

/** A run that could not finish: nothing known in the outputs, an earlier comment marked failed. */
async function failRun(state: RunState, error: unknown): Promise<ActionResult> {
  const { logger } = state
  const message = getErrorMessage(error)
  if (state.summary === null) state.summary = failedSummary(message)
  // Nothing was analysed: say so in the outputs too, so a later step never reads "0 affected".
  if (!state.outputsSet) setOutputs(state, NOTHING_KNOWN)
  const target = state.commentTarget
  if (target !== null) {
    // An earlier comment of ours must not keep saying "not affected" for a commit nobody checked;
    // none is created for a failure (wanted: false), the job's error is the message.
    const outcome = await upsertComment(target.octokit, target.repo, {
      search: target.search,
      number: target.number,
      marker: COMMENT_MARKER,
      wanted: false,
      render: () => redactSecrets(failedRunComment(message, target.runUrl)),
      logger
    })
    if (outcome.action === 'updated') logger.info(`Comment: marked as failed ${outcome.url}`)
  }
  return {
    failure: error instanceof ConfigurationError ? `Configuration: ${message}` : message
  }
}

function commentWanted(mode: CommentMode, changedCargoFiles: number, review: Review): boolean {
  if (mode === 'never') return false
  // A yanked, unlisted or too new version the PR adds is shown with the affected crates: it is
  // worth the comment too.
  if (mode === 'on-affected') {
    const { affected, yanked, ages } = review
    return (
      affected.affectedCount > 0 ||
      affected.incomplete ||
      yanked.yanked.length + yanked.unlisted.length > 0 ||
      ages.tooNew.length > 0
    )
  }
  return changedCargoFiles > 0
}

async function writeReport(temp: string, report: Report): Promise<string> {
  const dir = await mkdtemp(join(temp, `${TOOL_NAME}-`))
  const path = join(dir, 'report.json')
  // In chunks: a report with hundreds of thousands of findings is longer than any string.
  const { writeJsonFile } = await loadEngine()
  writeJsonFile(report, path)
  return path
}

interface Outputs {
  affectedCount: string
  advisoryIds: string
  introducedCount: string
  introducedIds: string
  tooNewCount: string
  incomplete: boolean
  reportPath: string
  commentUrl: string
  commentContent: string
}

/** When nothing was analysed: an empty count, never "0 affected". */
const NOTHING_KNOWN: Outputs = {
  affectedCount: '',
  advisoryIds: '[]',
  introducedCount: '',
  introducedIds: '[]',
  tooNewCount: '',
  incomplete: true,
  reportPath: '',
  commentUrl: '',
  commentContent: ''
}

/** When there was nothing to analyse (a deleted branch): complete, nothing affected. */
const NOTHING_CHANGED: Outputs = {
  ...NOTHING_KNOWN,
  affectedCount: '0',
  introducedCount: '0',
  incomplete: false
}

async function writeSummary(core: ActionCore, text: string | null): Promise<void> {
  if (text === null) return
  try {
    await core.writeSummary(text)
  } catch (error) {
    core.warning(`Could not write the job summary: ${getErrorMessage(error)}`)
  }
}
