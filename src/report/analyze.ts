// analyze(): the pure core end to end. Changes between two trees → one advisory look-up for every
// crates.io crate they touch → findings per change → the report.
import { annotate, cratesToLookUp, summarize, type AdvisoryIndex } from '../evaluate/annotate.js'
import {
  selectAdvisories,
  unmaintainedAdvisory,
  type CrateAdvisory
} from '../evaluate/security-tab.js'
import {
  applyOutage,
  emptyLookupResult,
  outageReason,
  type AdvisorySource,
  type LookupResult
} from '../advisories/source.js'
import { computeChanges } from '../diff/changes.js'
import { getErrorMessage } from '../core/errors.js'
import { plural } from '../core/plural.js'
import {
  silentLogger,
  type IgnoreRule,
  type Logger,
  type Problem,
  type Report
} from '../core/model.js'
import type { FileTree } from '../trees/tree.js'

export interface AnalyzeOptions {
  base: FileTree
  head: FileTree
  /** null: no look-up; the report still lists the changes. */
  source: AdvisorySource | null
  ignore?: readonly IgnoreRule[]
  logger?: Logger
  /** Only compare these Cargo files (the action passes the PR's changed files). */
  paths?: readonly string[]
  /** Problems found by the edges (e.g. a truncated PR file list). */
  extraProblems?: Problem[]
  toolVersion?: string
}

async function lookUp(
  source: AdvisorySource,
  crates: readonly string[],
  logger: Logger
): Promise<LookupResult> {
  try {
    return await source.lookup(crates)
  } catch (error) {
    // A source must not throw, but if it does every crate is unknown, not clean.
    const result = emptyLookupResult()
    applyOutage(result, crates, {
      cause: `the look-up failed: ${getErrorMessage(error)}`,
      hint: 'This is a bug in cargo-advisory-review; please report it.'
    })
    return result
  } finally {
    logger.debug(`advisory look-up for ${plural(crates.length, 'crate')} done`)
  }
}

export async function analyze(options: AnalyzeOptions): Promise<Report> {
  const logger = options.logger ?? silentLogger
  const changes = await computeChanges(options.base, options.head, {
    logger,
    ...(options.paths === undefined ? {} : { paths: options.paths })
  })
  const problems: Problem[] = [...changes.problems, ...(options.extraProblems ?? [])]

  let index: AdvisoryIndex | null = null
  let outage: { reason: string; problem: Problem } | null = null
  if (options.source !== null) {
    const crates = cratesToLookUp(changes.lockfiles, changes.manifests)
    const result = crates.length === 0 ? null : await lookUp(options.source, crates, logger)
    const advisories = new Map<string, CrateAdvisory[]>()
    const unmaintained = new Map<string, string>()
    if (result !== null) {
      const { requests, round_trips, ms } = result.stats
      logger.info(
        `Advisory look-up: ${options.source.description}: ${plural(crates.length, 'crate')} (${String(result.failed.size)} unknown), ${plural(requests, 'request')}, ${plural(round_trips, 'round trip')}, ${String(ms)} ms`
      )
      for (const [name, records] of result.records) {
        advisories.set(name, selectAdvisories(name, records))
        const id = unmaintainedAdvisory(name, records)
        if (id !== null) unmaintained.set(name, id)
      }
      if (result.outage !== null) {
        const { cause, hint } = result.outage
        outage = {
          reason: outageReason(result.outage),
          problem: {
            kind: 'source-unavailable',
            message: `Advisories of all ${String(crates.length)} crates are unknown: ${options.source.description} could not be used: ${cause}. ${hint}`,
            incomplete: true
          }
        }
      }
    }
    index = { advisories, failed: result?.failed ?? new Map<string, string>(), unmaintained }
  }

  const annotated = annotate(changes.lockfiles, changes.manifests, index, options.ignore ?? [])
  for (const rule of annotated.unusedRules) {
    logger.info(`ignore rule ${rule.id} (${rule.origin}) matched no advisory in this change`)
  }
  if (outage === null) problems.push(...annotated.problems)
  else {
    // One cause, said once: the per-crate lines it would repeat are dropped (each change keeps its
    // lookup_error), other per-crate failures stay.
    const repeated = outage.reason
    problems.push(
      outage.problem,
      ...annotated.problems.filter(
        (problem) => !(problem.kind === 'lookup-failed' && problem.message.endsWith(repeated))
      )
    )
  }
  return {
    schema_version: 1,
    tool: { name: 'cargo-advisory-review', version: options.toolVersion ?? '0.0.0' },
    base: options.base.label,
    head: options.head.label,
    advisory_source: options.source?.description ?? null,
    complete: !problems.some((problem) => problem.incomplete),
    problems,
    summary: summarize(annotated.lockfiles, annotated.manifests),
    lockfiles: annotated.lockfiles,
    manifests: annotated.manifests
  }
}
