// The CLI's work, with its I/O passed in so tests can run it in-process. Progress goes to
// stderr, the report to stdout (or --output).
import { stat, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createAdvisorySource } from '../advisories/index.js'
import { analyze } from '../report/analyze.js'
import { evaluateGate, gateFailure } from '../report/gate.js'
import {
  IgnoreSyntaxError,
  mergeIgnoreRules,
  parseIgnoreLines,
  readIgnoreConfigs
} from '../evaluate/ignore.js'
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js'
import { directoryTree } from '../trees/directory.js'
import { ConfigurationError, getErrorMessage } from '../core/errors.js'
import { gitRepositoryRoot, gitRevisionTree, gitWorkingTree, resolveCommit } from '../trees/git.js'
import { createSafeLogger, neutraliseJsonForLog, neutraliseMarkdownForLog } from '../core/logger.js'
import { renderJson } from '../report/json.js'
import { renderComment } from '../render/markdown.js'
import type { FileTree } from '../trees/tree.js'
import { EXIT, parseCliArgs, USAGE, type CliMode } from './args.js'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  fetch?: typeof fetch
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const started = Date.now()
  // The CLI may run in a CI job whose runner reads stderr and stdout for workflow commands: every
  // line goes through the safe logger, and the report printed to stdout is neutralised too.
  const logger = createSafeLogger({
    info: (line) => {
      io.stderr(`${line}\n`)
    },
    warning: (message) => {
      io.stderr(`warning: ${message}\n`)
    },
    error: (message) => {
      io.stderr(`${message}\n`)
    },
    debug: () => undefined,
    startGroup: () => undefined,
    endGroup: () => undefined
  })
  try {
    const parsed = parseCliArgs(argv, io.cwd)
    if (parsed.kind === 'help') {
      io.stdout(USAGE)
      return EXIT.ok
    }
    if (parsed.kind === 'version') {
      io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n`)
      return EXIT.ok
    }
    const { options } = parsed
    let cliIgnore
    try {
      cliIgnore = parseIgnoreLines(options.ignore, '--ignore')
    } catch (error) {
      if (error instanceof IgnoreSyntaxError) throw new ConfigurationError(error.message)
      throw error
    }
    const { base, head } = await openTrees(options.mode, io.cwd)
    logger.info(`${TOOL_NAME}: comparing ${base.label} → ${head.label}`)
    const ignore = mergeIgnoreRules(cliIgnore, await readIgnoreConfigs(base, logger))
    const source = createAdvisorySource(options.source, {
      logger,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
      ...(io.fetch === undefined ? {} : { fetch: io.fetch })
    })
    const report = await analyze({ base, head, source, ignore, logger, toolVersion: TOOL_VERSION })
    const gate = evaluateGate(report)
    const text =
      options.format === 'json' ? renderJson(report) : renderComment(report, { detailsUrl: null })
    if (options.output === null) {
      const safe =
        options.format === 'json' ? neutraliseJsonForLog(text) : neutraliseMarkdownForLog(text)
      io.stdout(safe.endsWith('\n') ? safe : `${safe}\n`)
    } else {
      await writeFile(resolve(io.cwd, options.output), text, 'utf8')
      logger.info(`report written to ${options.output}`)
    }
    logger.info(
      `${String(report.summary.lockfiles_changed)} lockfiles and ${String(report.summary.manifests_changed)} manifests changed; ` +
        `${String(gate.affectedCount)} added or updated versions affected; ${gate.incomplete ? 'INCOMPLETE' : 'complete'}; ` +
        `${String(Date.now() - started)} ms`
    )
    for (const reason of gate.incompleteReasons) logger.warning(`incomplete: ${reason}`)
    if (!options.failOnAffected) return EXIT.ok
    const failure = gateFailure(gate)
    if (failure !== null) logger.error(failure)
    if (gate.affectedCount > 0) return EXIT.affected
    return gate.incomplete ? EXIT.incomplete : EXIT.ok
  } catch (error) {
    if (error instanceof ConfigurationError) {
      logger.error(`${TOOL_NAME}: ${error.message}`)
      io.stderr(`\n${USAGE}`)
      return EXIT.usage
    }
    logger.error(`${TOOL_NAME}: ${getErrorMessage(error)}`)
    return EXIT.error
  }
}

async function openTrees(mode: CliMode, cwd: string): Promise<{ base: FileTree; head: FileTree }> {
  if (mode.kind === 'dirs') {
    const [baseDir, headDir] = await Promise.all(
      [mode.baseDir, mode.headDir].map(async (dir) => {
        const path = resolve(cwd, dir)
        const info = await stat(path).catch(() => null)
        if (info?.isDirectory() !== true) throw new ConfigurationError(`${dir} is not a directory`)
        return path
      })
    )
    return {
      base: directoryTree(baseDir ?? '', mode.baseDir),
      head: directoryTree(headDir ?? '', mode.headDir)
    }
  }
  const root = await gitRepositoryRoot(cwd)
  const baseSha = await resolveCommit(root, mode.base)
  const base = gitRevisionTree(root, baseSha, `${mode.base} (${baseSha.slice(0, 12)})`)
  if (mode.head === null) return { base, head: gitWorkingTree(root) }
  const headSha = await resolveCommit(root, mode.head)
  return { base, head: gitRevisionTree(root, headSha, `${mode.head} (${headSha.slice(0, 12)})`) }
}
