// The findings on their lines, in the three places GitHub shows them: the step's annotations
// (workflow commands, no token needed), a check run on the PR's head commit (under
// `pull_request_target` the step's annotations attach to the base branch's commit instead), and a
// SARIF file for code scanning. None of them fails the job: the gate decides that.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Report } from '../core/model.js'
import { getErrorMessage } from '../core/errors.js'
import { redactSecrets } from '../core/redact.js'
import { plural } from '../core/plural.js'
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js'
import type { Finding } from '../evaluate/locate.js'
import { locateReport } from '../review/locations.js'
import { findingAnnotation, stepAnnotations, type Annotation } from '../render/annotations.js'
import { renderSarif } from '../render/sarif.js'
import { text } from '../render/escape.js'
import type { FileTree } from '../trees/tree.js'
import { publishCheckRun } from './check-run.js'
import type { RepoRef } from './github-files.js'
import type { CheckRunMode } from './inputs.js'
import type { GitHubClient } from './octokit.js'

/** The part of @actions/core this needs: annotations (core.error/warning/notice) and the log. */
export interface AnnotationSink {
  annotate(level: Annotation['level'], message: string, properties: AnnotationFields): void
  info(message: string): void
  warning(message: string): void
}

/** @actions/core's AnnotationProperties. */
export interface AnnotationFields {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

export interface PublishOptions {
  report: Report
  /** The report's findings on their lines (locateForPublishing). */
  findings: readonly Finding[]
  core: AnnotationSink
  /** The gate fails this job (the check run's conclusion says so too). */
  gateFailed: boolean
  /** Where the findings left out of the step's annotations are: `the pull request comment`. */
  where: string
  sarifFile: string | null
  workspace: string
  checkRun: {
    mode: CheckRunMode
    eventName: string
    /** The commit the run goes on; null when the event has none (nothing to compare). */
    headSha: string | null
    octokit: GitHubClient
    repo: RepoRef
  }
}

/**
 * The report with its `findings` located in the head files, and those findings. Never rejects: a
 * failure is a warning, and the report then has no `findings` (not an empty list).
 */
export async function locateForPublishing(
  report: Report,
  head: FileTree,
  options: { unmaintained: boolean; failOnTooNew: boolean },
  core: Pick<AnnotationSink, 'warning'>
): Promise<{ report: Report; findings: Finding[] }> {
  try {
    return await locateReport(report, head, options)
  } catch (error) {
    core.warning(`Could not locate the findings: ${getErrorMessage(error)}`)
    return { report, findings: [] }
  }
}

/** Never rejects: whatever goes wrong here is a warning, never the job's failure. */
export async function publishFindings(options: PublishOptions): Promise<void> {
  try {
    await publish(options)
  } catch (error) {
    options.core.warning(`Could not annotate the findings: ${getErrorMessage(error)}`)
  }
}

async function publish(options: PublishOptions): Promise<void> {
  const { core, report, findings } = options
  for (const annotation of stepAnnotations(findings, options.where)) {
    core.annotate(annotation.level, annotation.message, fieldsOf(annotation))
  }
  if (options.sarifFile !== null) {
    const path = resolve(options.workspace, options.sarifFile)
    try {
      await mkdir(dirname(path), { recursive: true })
      const sarif = renderSarif(findings, { toolName: TOOL_NAME, toolVersion: TOOL_VERSION })
      await writeFile(path, JSON.stringify(sarif, null, 2) + '\n')
      core.info(`SARIF: ${plural(sarif.runs[0]?.results.length ?? 0, 'result')} written to ${path}`)
    } catch (error) {
      core.warning(`Could not write the SARIF file ${path}: ${getErrorMessage(error)}`)
    }
  }
  const { checkRun } = options
  const wanted =
    checkRun.mode === 'always' ||
    (checkRun.mode === 'auto' && checkRun.eventName === 'pull_request_target')
  if (wanted && checkRun.headSha !== null) {
    // GitHub shows these as plain text; no known secret may leave in them.
    const annotations = findings.map((finding) => {
      const annotation = findingAnnotation(finding)
      return {
        ...annotation,
        title: redactSecrets(annotation.title),
        message: redactSecrets(annotation.message)
      }
    })
    const outcome = await publishCheckRun(checkRun.octokit, checkRun.repo, {
      name: TOOL_NAME,
      headSha: checkRun.headSha,
      ...checkRunText(report, findings),
      conclusion: options.gateFailed
        ? 'failure'
        : !report.complete || annotations.some((a) => a.level !== 'notice')
          ? 'neutral'
          : 'success',
      annotations
    })
    if ('reason' in outcome) core.warning(outcome.reason)
    else {
      core.info(
        `Check run ${outcome.action} on ${checkRun.headSha.slice(0, 12)}: ${plural(annotations.length, 'annotation')}, ${plural(outcome.requests, 'request')}${outcome.url === null ? '' : ` ${outcome.url}`}`
      )
    }
  }
}

function fieldsOf(annotation: Annotation): AnnotationFields {
  const { title, file, startLine, endLine, startColumn, endColumn } = annotation
  return {
    title,
    ...(file === '' ? {} : { file }),
    ...(startLine === undefined ? {} : { startLine, endLine }),
    ...(startColumn === undefined ? {} : { startColumn, endColumn })
  }
}

/** The check run's title and its short summary: the counts, and never "clean" when incomplete. */
function checkRunText(report: Report, findings: readonly Finding[]) {
  const count = (kinds: readonly Finding['kind'][]) =>
    findings.filter((f) => kinds.includes(f.kind)).length
  const errors = count(['malicious', 'introduced'])
  const warnings = count(['still-affected'])
  const tooNew = count(['too-new'])
  const notices = findings.length - errors - warnings - tooNew
  const parts = [
    ...(errors > 0 ? [`${plural(errors, 'finding')} introduced`] : []),
    ...(warnings > 0 ? [`${String(warnings)} still affected`] : []),
    ...(tooNew > 0 ? [`${String(tooNew)} younger than the cooldown`] : []),
    ...(notices > 0 ? [plural(notices, 'notice')] : [])
  ]
  const title = !report.complete
    ? `Incomplete: ${parts.length === 0 ? 'some advisories are unknown' : parts.join(', ')}`
    : parts.length === 0
      ? 'No changed crate is affected by a known advisory'
      : parts.join(', ')
  const { summary } = report
  const lines = [
    `**${title}**`,
    '',
    `- Crate changes: ${String(summary.crates_added)} added, ${String(summary.crates_updated)} updated, ${String(summary.crates_removed)} removed`,
    `- Introduced: ${text(summary.introduced_ids.join(', ')) || 'none'}`,
    `- Still affected: ${text(summary.still_affected_ids.join(', ')) || 'none'}`,
    ...(report.complete
      ? []
      : [
          `- Incomplete: ${text(
            report.problems
              .filter((p) => p.incomplete)
              .map((p) => p.message)
              .join('; ')
          )}`
        ]),
    '',
    'Each finding is annotated on the line that brought the crate in; the pull request comment has the advisories in full.'
  ]
  return {
    title: redactSecrets(title).slice(0, 255),
    summary: redactSecrets(lines.join('\n')).slice(0, 60_000)
  }
}
