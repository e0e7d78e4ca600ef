// The action's run(): inputs → event → trees → analyze → comment, summary, outputs, report file
// → gate. Only this module calls core.setFailed.
import * as core from '@actions/core'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { searchComment, upsertComment, type CommentOutcome } from './comment.js'
import { readRunnerEnvironment } from './environment.js'
import { planEvent } from './event.js'
import { ancestorManifests, createGitHubReader, githubTree } from '../trees/github.js'
import {
  listCargoFilesByTrees,
  limitCargoFiles,
  listPullRequestCargoFiles
} from './changed-files.js'
import {
  createGitHubClient,
  createGitHubTransport,
  createGraphqlPost,
  graphqlUrl,
  type ClientStats,
  type GitHubTransport
} from './octokit.js'
import type { GateResult } from '../report/gate.js'
import { IGNORE_CONFIG_PATHS, mergeIgnoreRules, readIgnoreConfigs } from '../evaluate/ignore.js'
import { parseInputs, readRawInputs, type CommentMode } from './inputs.js'
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js'
import { ConfigurationError, getErrorMessage } from '../core/errors.js'
import type { Report } from '../core/model.js'
import { createSafeLogger, neutraliseLogMessage } from '../core/logger.js'
import { redactSecrets, registerSecret } from '../core/redact.js'
import { failedSummary, skippedSummary } from '../render/texts.js'
import { COMMENT_MARKER } from '../render/marker.js'

/** The engine, analysis and renderer (./engine.ts): a chunk of its own, loaded once the first
 * GitHub requests are on their way, so start-up pays only for the event and the GitHub client. */
let engineModule: Promise<typeof import('./engine.js')> | undefined
const loadEngine = (): Promise<typeof import('./engine.js')> =>
  (engineModule ??= import('./engine.js'))

// Every log line of the action goes through here: untrusted text cannot write a workflow command.
const logger = createSafeLogger({
  info: (line) => {
    core.info(line)
  },
  warning: (message) => {
    core.warning(message)
  },
  error: (message) => {
    core.error(message)
  },
  debug: (message) => {
    core.debug(message)
  },
  startGroup: (title) => {
    core.startGroup(title)
  },
  endGroup: () => {
    core.endGroup()
  }
})

/** The one way the action fails: the message is neutralised like every other log line. */
function fail(message: string): void {
  core.setFailed(neutraliseLogMessage(redactSecrets(message)))
}

/** Workspace-root candidates read with the changed files at most (each an alias, per side). */
const MAX_PREFETCHED_ROOTS = 200

export async function run(): Promise<void> {
  const started = Date.now()
  let summary: string | null = null
  let outputsSet = false
  let transport: GitHubTransport | null = null
  try {
    const env = readRunnerEnvironment()
    const inputs = parseInputs(readRawInputs(), { workspace: env.workspace })
    core.setSecret(inputs.token)
    // setSecret masks the log only; the comment, summary, report and outputs are redacted by us.
    registerSecret(inputs.token)
    const plan = planEvent({
      eventName: env.eventName,
      payload: env.payload,
      baseRef: inputs.baseRef,
      headRef: inputs.headRef
    })
    if (plan.kind === 'skip') {
      logger.warning(`${TOOL_NAME}: skipped: ${plan.reason}`)
      summary = skippedSummary(plan.reason)
      setOutputs(NOTHING_KNOWN)
      outputsSet = true
      return
    }

    const stats: ClientStats = { requests: 0 }
    transport = createGitHubTransport({ limits: inputs.github, stats })
    const octokit = createGitHubClient(inputs.token, {
      baseUrl: env.apiUrl,
      logger,
      stats,
      transport
    })
    const reader = createGitHubReader(octokit, env.repo, {
      graphql: createGraphqlPost(inputs.token, {
        url: graphqlUrl(env.apiUrl),
        transport,
        userAgent: `${TOOL_NAME}/${TOOL_VERSION}`
      }),
      logger
    })
    // Everything that does not depend on the file list starts now, so the longest chain of
    // requests stays: file list → contents → advisory batch → advisory records → comment write.
    const commenting = plan.kind === 'pull-request' && inputs.comment !== 'never'
    const search = commenting
      ? searchComment(octokit, env.repo, { number: plan.number, marker: COMMENT_MARKER })
      : undefined
    const configTree = githubTree(reader, {
      ref: plan.base,
      label: `base ${plan.base.slice(0, 12)}`,
      paths: [],
      direct: IGNORE_CONFIG_PATHS
    })
    const ignoreConfigs = readIgnoreConfigs(configTree, logger)
    ignoreConfigs.catch(() => undefined)
    logger.startGroup(`Files (${plan.base.slice(0, 12)} → ${plan.head.slice(0, 12)})`)
    const listed =
      plan.kind === 'pull-request'
        ? await listPullRequestCargoFiles(octokit, env.repo, { ...plan, logger })
        : await listCargoFilesByTrees(octokit, env.repo, plan)
    // Past MAX_CARGO_FILES the other files are not fetched: the report says they are unknown.
    const limited = limitCargoFiles(listed.paths)
    if (limited.problem !== null) logger.warning(limited.problem.message)
    const changed = {
      ...listed,
      paths: limited.paths,
      problems: limited.problem === null ? listed.problems : [...listed.problems, limited.problem]
    }
    logger.info(
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
    logger.endGroup()

    logger.startGroup('Advisories')
    const {
      analyze,
      createAdvisorySource,
      evaluateGate,
      gateFailure,
      renderComment,
      renderSummary,
      shortComment
    } = await loadEngine()
    const advisoryRequests = { count: 0 }
    const countingFetch: typeof fetch = (input, init) => {
      advisoryRequests.count += 1
      return fetch(input, init)
    }
    const source = createAdvisorySource(inputs.source, {
      fetch: countingFetch,
      logger,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`
    })
    const report = await analyze({
      base,
      head,
      source,
      ignore,
      logger,
      paths: changed.paths,
      extraProblems: changed.problems,
      toolVersion: TOOL_VERSION
    })
    logger.info(reader.describe())
    const lookedUp = report.lockfiles.reduce(
      (sum, lockfile) =>
        sum + lockfile.changes.filter((change) => change.kind !== 'removed').length,
      0
    )
    logger.info(
      `${String(lookedUp)} added or updated crates checked against ${report.advisory_source ?? 'no advisory source'}; ` +
        `${String(advisoryRequests.count)} advisory requests`
    )
    logger.endGroup()

    const gate = evaluateGate(report)
    summary = renderSummary(report, { unmaintained: inputs.unmaintained })

    const commentText = renderComment(report, {
      detailsUrl: env.runUrl,
      unmaintained: inputs.unmaintained
    })
    let comment: CommentOutcome | null = null
    if (plan.kind === 'pull-request' && commenting) {
      comment = await upsertComment(octokit, env.repo, {
        search,
        number: plan.number,
        marker: COMMENT_MARKER,
        wanted: commentWanted(inputs.comment, changed.paths.length, gate),
        render: (short) =>
          redactSecrets(short ? shortComment(report, gate, env.runUrl) : commentText),
        logger
      })
      logger.info(
        `Comment: ${comment.action}${comment.url === null ? ` (${comment.reason})` : ` ${comment.url}`}`
      )
    }

    const reportPath = await writeReport(env.temp, report)
    setOutputs({
      affectedCount: String(gate.affectedCount),
      advisoryIds: JSON.stringify(gate.advisoryIds),
      introducedCount: String(gate.introducedCount),
      introducedIds: JSON.stringify(gate.introducedIds),
      incomplete: gate.incomplete,
      reportPath,
      commentUrl: comment?.url ?? '',
      // The comment's Markdown whether or not it was posted, for workflows that post elsewhere.
      commentContent: commentText
    })
    outputsSet = true
    logger.info(
      `${String(base.filesRead + head.filesRead)} files read, ${String(stats.requests)} GitHub requests, ` +
        `${String(Date.now() - started)} ms; report: ${reportPath}`
    )
    for (const reason of gate.incompleteReasons) logger.warning(`Incomplete: ${reason}`)

    const failure = gateFailure(gate, inputs.failOnAffected)
    if (failure !== null) fail(failure)
  } catch (error) {
    const message = getErrorMessage(error)
    if (summary === null) summary = failedSummary(message)
    // Nothing was analysed: say so in the outputs too, so a later step never reads "0 affected".
    if (!outputsSet) {
      setOutputs(NOTHING_KNOWN)
    }
    fail(error instanceof ConfigurationError ? `Configuration: ${message}` : message)
  } finally {
    transport?.close()
    await writeSummary(summary)
  }
}

function commentWanted(mode: CommentMode, changedCargoFiles: number, gate: GateResult): boolean {
  if (mode === 'never') return false
  if (mode === 'on-affected') return gate.affectedCount > 0 || gate.incomplete
  return changedCargoFiles > 0
}

async function writeReport(temp: string, report: Report): Promise<string> {
  const dir = await mkdtemp(join(temp, `${TOOL_NAME}-`))
  const path = join(dir, 'report.json')
  const { renderJson } = await loadEngine()
  await writeFile(path, redactSecrets(renderJson(report)), 'utf8')
  return path
}

interface Outputs {
  affectedCount: string
  advisoryIds: string
  introducedCount: string
  introducedIds: string
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
  incomplete: true,
  reportPath: '',
  commentUrl: '',
  commentContent: ''
}

function setOutputs(outputs: Outputs): void {
  core.setOutput('affected-count', redactSecrets(outputs.affectedCount))
  core.setOutput('advisory-ids', redactSecrets(outputs.advisoryIds))
  core.setOutput('introduced-count', redactSecrets(outputs.introducedCount))
  core.setOutput('introduced-ids', redactSecrets(outputs.introducedIds))
  core.setOutput('incomplete', outputs.incomplete ? 'true' : 'false')
  core.setOutput('report-path', outputs.reportPath)
  core.setOutput('comment-url', redactSecrets(outputs.commentUrl))
  core.setOutput('comment-content', redactSecrets(outputs.commentContent))
}

async function writeSummary(text: string | null): Promise<void> {
  if (text === null) return
  try {
    await core.summary.addRaw(redactSecrets(text)).addEOL().write()
  } catch (error) {
    logger.warning(`Could not write the job summary: ${getErrorMessage(error)}`)
  }
}
