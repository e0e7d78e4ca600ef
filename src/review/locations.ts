// Reads the head texts of the report's changed Cargo files and locates every finding in them.
// A file that cannot be read leaves its findings on the file, without a line.
import { findingSubject, locateFindings, type Finding } from '../evaluate/locate.js'
import type { Report, ReportFinding, ReportLocation } from '../core/model.js'
import type { Span } from '../cargo/positions.js'
import type { FileTree } from '../trees/tree.js'

export interface LocateOptions {
  /** Notices for newly added unmaintained crates (`unmaintained: notice`). */
  unmaintained?: boolean
  /** `fail-on-too-new`: a too-new version is an error, as it fails the job. */
  failOnTooNew?: boolean
}

export async function findingsWithLocations(
  report: Report,
  head: FileTree,
  options: LocateOptions = {}
): Promise<Finding[]> {
  const paths = [...report.lockfiles, ...report.manifests].map((file) => file.path)
  const texts = new Map<string, string>()
  await Promise.all(
    paths.map(async (path) => {
      const read = await head.read(path)
      if (read.kind === 'ok') texts.set(path, read.text)
    })
  )
  return locateFindings({
    lockfiles: report.lockfiles,
    manifests: report.manifests,
    texts,
    unmaintained: options.unmaintained ?? false,
    failOnTooNew: options.failOnTooNew ?? false
  })
}

/** The report with its `findings` (for the JSON report), and the findings to annotate. */
export async function locateReport(
  report: Report,
  head: FileTree,
  options: LocateOptions = {}
): Promise<{ report: Report; findings: Finding[] }> {
  const findings = await findingsWithLocations(report, head, options)
  return { report: { ...report, findings: reportFindings(findings) }, findings }
}

function reportLocation(path: string, span: Span | null): ReportLocation {
  return {
    path,
    line: span?.line ?? null,
    end_line: span?.endLine ?? null,
    column: span?.column ?? null,
    end_column: span?.endColumn ?? null
  }
}

/** The findings as the JSON report's public shape. Pure. */
export function reportFindings(findings: readonly Finding[]): ReportFinding[] {
  return findings.map((finding) => ({
    kind: finding.kind,
    level: finding.level,
    crate: finding.crate,
    version: finding.version,
    previous: finding.previous,
    requirement: finding.req,
    changed_file: finding.file,
    advisory_ids: finding.advisories.map((advisory) => advisory.id),
    note: finding.note,
    dependency_path:
      finding.member === null ? null : [finding.member, ...finding.via, finding.crate],
    message: findingSubject(finding),
    located_by: finding.location.via,
    location: reportLocation(finding.location.path, finding.location.span),
    related_locations: finding.location.related.map((related) =>
      reportLocation(related.path, related.span)
    )
  }))
}
