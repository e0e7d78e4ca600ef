// The CLI's work, with its I/O passed in (argv, environment, streams, working directory, fetch)
// so tests run it in-process. Progress goes to stderr, the report to stdout (or --output).
import { writeSarifFile } from './sarif.js'
import { createSafeLogger, neutraliseJsonForLog, neutraliseMarkdownForLog } from '../core/logger.js'
import { stat, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { createAdvisorySource } from '../advisories/index.js'
import { cratesIndexOrNull } from '../advisories/crates-index/index.js'
import { createRunClient, type RunClient } from '../advisories/run-client.js'
import { analyze } from '../review/analyze.js'
import { gate, type Outcome } from '../review/outcome.js'
import { buildReview, type Review } from '../review/review.js'
import { mergeIgnoreRules, readIgnoreConfigs } from '../evaluate/ignore.js'
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js'
import { plural } from '../core/plural.js'
import { directoryTree } from '../trees/directory.js'
import { ConfigurationError, getErrorMessage } from '../core/errors.js'
import {
  gitChangedCargoFiles,
  gitRepositoryRoot,
  openGitRepository,
  resolveCommit,
  type GitRepository
} from '../trees/git.js'
import type { Logger } from '../core/model.js'
import { renderJson } from '../review/json.js'
import { locateReport } from '../review/locations.js'
import { renderComment } from '../render/markdown.js'
import { renderText, supportsColour } from '../render/terminal-text.js'
import type { FileTree } from '../trees/tree.js'
import { startProgress, type Progress } from './progress.js'
import { EXIT, exitCodeOf, parseCliArgs, USAGE, type CliMode, type CliOptions } from './args.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  /** Whether stdout is a terminal (default format text, colour). */
  stdoutIsTTY: boolean
  /** Whether stderr is a terminal: progress is shown there only then. */
  stderrIsTTY?: boolean
  /** The terminal's width: text output is wrapped to it (absent when piped: not wrapped). */
  columns?: number | undefined
  fetch?: typeof fetch
  /** When the progress line may first appear (ms; default about a second). */
  progressAfterMs?: number
  /** Advisory and index client tuning for in-process tests (first back-off step). */
  http?: { retryBaseMs?: number }
  /** The clock publish ages are measured to (default Date); tests pass a fixed one. */
  clock?: { now(): number }
}

const HINT = `Run '${TOOL_NAME} --help' for usage.`

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const started = Date.now()
  // The CLI may run in a CI job whose runner reads stderr and stdout for workflow commands: every
  // line goes through the safe logger, and the report printed to stdout is neutralised too.
  // Each warning once: several files or look-ups may meet the same cause.
  const warned = new Set<string>()
  let progress: Progress | null = null
  // A line for stderr takes the place of the progress line, which comes back on its next tick.
  const say = (text: string): void => {
    progress?.interrupt()
    io.stderr(text)
  }
  const logger = createSafeLogger({
    info: (line) => {
      say(`${line}\n`)
    },
    warning: (message) => {
      if (warned.has(message)) return
      warned.add(message)
      say(`warning: ${message}\n`)
    },
    error: (message) => {
      say(`${message}\n`)
    },
    debug: () => undefined,
    startGroup: () => undefined,
    endGroup: () => undefined
  })
  let repository: GitRepository | null = null
  let runClient: RunClient | null = null
  try {
    const parsed = parseCliArgs(argv, { cwd: io.cwd, stdoutIsTTY: io.stdoutIsTTY })
    if (parsed.kind === 'help') {
      io.stdout(USAGE)
      return EXIT.ok
    }
    if (parsed.kind === 'version') {
      io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n`)
      return EXIT.ok
    }
    const { options } = parsed
    // Everything the user typed is checked before any work (git, files, network): the options
    // (--ignore's ids included) by parseCliArgs, then the paths they name.
    await checkSource(options, io.cwd, logger)
    const outputPath = options.output === null ? null : await checkOutput(options.output, io.cwd)
    const sarifPath =
      options.sarif === null ? null : await checkOutput(options.sarif, io.cwd, '--sarif')

    const opened = await openTrees(options.mode, io.cwd)
    repository = opened.repository
    const { base, head, paths } = opened
    logger.info(`${TOOL_NAME}: comparing ${base.label} → ${head.label}`)
    const ignore = mergeIgnoreRules(options.ignore, await readIgnoreConfigs(base, logger))
    // The run's own connection pool, closed once the report is out (tests may pass their fetch).
    runClient = io.fetch === undefined ? createRunClient(io.env) : null
    progress = startProgress(io.fetch ?? runClient?.fetch ?? fetch, {
      write: io.stderr,
      enabled: io.stderrIsTTY === true,
      ...(io.progressAfterMs === undefined ? {} : { afterMs: io.progressAfterMs })
    })
    const source = createAdvisorySource(options.source, {
      logger,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
      fetch: progress.fetch,
      timeoutMs: options.requestTimeoutMs,
      ...io.http
    })
    const cratesIndex = cratesIndexOrNull(options.cratesIndexUrl, {
      logger,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
      fetch: progress.fetch,
      timeoutMs: options.requestTimeoutMs,
      ...io.http
    })
    const analysed = await analyze({
      base,
      head,
      source,
      cratesIndex,
      ignore,
      logger,
      toolVersion: TOOL_VERSION,
      now: (io.clock ?? Date).now(),
      minPublishAge: options.minPublishAge,
      ...(paths === null ? {} : { paths })
    })
    progress.stop()
    // Each finding on its line, for the JSON report's `findings` and the SARIF file.
    const located =
      options.format === 'json' || sarifPath !== null
        ? await locateReport(analysed, head, { failOnTooNew: options.failOnTooNew })
        : { report: analysed, findings: [] }
    const { report } = located
    // Decided once: the text, the exit code and every message below read the Review.
    const review = buildReview(report)
    if (sarifPath !== null) await writeSarifFile(located.findings, sarifPath, logger)
    // The first line of the report states this outcome: the gates the flags turned on decide it.
    const decision = gate(
      review,
      {
        failOnAffected: options.failOnAffected,
        failOnYanked: options.failOnYanked,
        failOnTooNew: options.failOnTooNew
      },
      'The change'
    )
    const text = renderReport(review, decision.outcome, options, io, outputPath !== null)
    if (outputPath === null) {
      // Text and Markdown get the same line rule (a backslash before a leading `::` or in `##[`).
      const safe =
        options.format === 'json' ? neutraliseJsonForLog(text) : neutraliseMarkdownForLog(text)
      io.stdout(safe.endsWith('\n') ? safe : `${safe}\n`)
    } else {
      await writeFile(outputPath, text, 'utf8')
      logger.info(`report written to ${options.output ?? outputPath}`)
    }
    // Done means done: nothing the network still holds outlives the report.
    await runClient?.close()
    const { affected } = review
    logger.info(
      `${plural(review.counts.lockfiles_changed, 'lockfile')} and ${plural(review.counts.manifests_changed, 'manifest')} changed; ` +
        `${plural(affected.introducedCount, 'introduced crate version')} and ${plural(affected.affectedCount, 'affected crate version')}; ${affected.incomplete ? 'INCOMPLETE' : 'complete'}; ` +
        `${String(Date.now() - started)} ms`
    )
    for (const reason of affected.incompleteReasons) logger.warning(`incomplete: ${reason}`)
    const { failures } = decision
    if (failures.affected !== null) logger.error(failures.affected)
    if (failures.yanked !== null) logger.error(failures.yanked)
    if (options.failOnTooNew && !review.ages.active) {
      logger.warning(
        '--fail-on-too-new: no cooldown applies (no --min-publish-age, none in the base revision’s .cargo/config.toml): publish ages were not checked'
      )
    }
    if (failures.tooNew !== null) logger.error(failures.tooNew)
    // A known failure of a gate that is on is exit 1, else an unknown one is exit 3.
    return exitCodeOf(decision.result)
  } catch (error) {
    if (error instanceof ConfigurationError) {
      logger.error(`${TOOL_NAME}: ${error.message}`)
      io.stderr(`${HINT}\n`)
      return EXIT.usage
    }
    logger.error(`${TOOL_NAME}: ${getErrorMessage(error)}`)
    return EXIT.error
  } finally {
    progress?.stop()
    repository?.close()
    await runClient?.close()
  }
}

function renderReport(
  review: Review,
  outcome: Outcome,
  options: CliOptions,
  io: CliIo,
  toFile: boolean
): string {
  const { report } = review
  if (options.format === 'json') return renderJson(report)
  if (options.format === 'markdown') {
    return renderComment(report, { context: 'cli', outcome, review })
  }
  // A file gets no colour unless forced; a terminal gets it unless NO_COLOR says otherwise.
  return renderText(report, {
    colour: supportsColour(io.env, io.stdoutIsTTY && !toFile),
    outcome,
    review,
    // Wrapped to the terminal it is shown on; a file or a pipe gets whole lines.
    width: io.stdoutIsTTY && !toFile ? (io.columns ?? 80) : null
  })
}

/**
 * A local advisory source must exist before any work. `osv` and `rustsec` name the online
 * sources; a folder of that name in the working directory is not used unless written `./osv`,
 * which the user is told.
 */
async function checkSource(options: CliOptions, cwd: string, logger: Logger): Promise<void> {
  const { source, sourceArgument } = options
  if (source.kind === 'path') {
    const info = await stat(source.path).catch(() => null)
    if (info === null) {
      throw new ConfigurationError(
        `--advisory-source ${JSON.stringify((sourceArgument ?? '').slice(0, 200))}: no such file or folder`
      )
    }
    if (!info.isDirectory() && !info.isFile()) {
      throw new ConfigurationError(
        `--advisory-source ${JSON.stringify((sourceArgument ?? '').slice(0, 200))}: not a folder or a .zip file`
      )
    }
    return
  }
  const name = source.kind
  const local = await stat(resolve(cwd, name)).catch(() => null)
  if (local !== null) {
    logger.info(
      `--advisory-source ${name}: using the ${name === 'osv' ? 'OSV API' : 'rustsec.org'} (${source.url}), not the local ${local.isDirectory() ? 'folder' : 'file'} ${name}; write ./${name} to use that`
    )
  }
}

/** The folder --output (or --sarif) writes into must exist: checked before the work, not after it. */
async function checkOutput(output: string, cwd: string, flag = '--output'): Promise<string> {
  const path = resolve(cwd, output)
  const folder = await stat(dirname(path)).catch(() => null)
  if (folder?.isDirectory() !== true) {
    throw new ConfigurationError(
      `${flag} ${JSON.stringify(output.slice(0, 200))}: the folder ${JSON.stringify(dirname(output).slice(0, 200))} does not exist`
    )
  }
  const existing = await stat(path).catch(() => null)
  if (existing?.isDirectory() === true) {
    throw new ConfigurationError(`${flag} ${JSON.stringify(output.slice(0, 200))} is a folder`)
  }
  return path
}

interface OpenedTrees {
  base: FileTree
  head: FileTree
  /** The Cargo files to compare when the readers know them without reading (git); else null. */
  paths: string[] | null
  repository: GitRepository | null
}

async function openTrees(mode: CliMode, cwd: string): Promise<OpenedTrees> {
  if (mode.kind === 'dirs') {
    const [baseDir, headDir] = await Promise.all(
      [mode.baseDir, mode.headDir].map(async (dir) => {
        const path = resolve(cwd, dir)
        const info = await stat(path).catch(() => null)
        if (info?.isDirectory() !== true) {
          throw new ConfigurationError(`${JSON.stringify(dir.slice(0, 200))} is not a directory`)
        }
        return path
      })
    )
    return {
      base: directoryTree(baseDir ?? '', mode.baseDir),
      head: directoryTree(headDir ?? '', mode.headDir),
      paths: null,
      repository: null
    }
  }
  const root = await gitRepositoryRoot(cwd)
  const baseSha = await resolveCommit(root, mode.base)
  const headSha = mode.head === null ? null : await resolveCommit(root, mode.head)
  const repository = openGitRepository(root)
  const base = repository.revisionTree(baseSha, `${mode.base} (${baseSha.slice(0, 12)})`)
  const head =
    headSha === null || mode.head === null
      ? repository.workingTree()
      : repository.revisionTree(headSha, `${mode.head} (${headSha.slice(0, 12)})`)
  return { base, head, paths: await gitChangedCargoFiles(root, baseSha, headSha), repository }
}
