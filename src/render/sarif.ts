// The findings as one SARIF 2.1.0 log, shaped as GitHub code scanning (upload-sarif) takes it: one
// run, tool.driver name and version, one rule per advisory (id, summary, help link, the Security
// tab's facts as Markdown help), one result per (advisory, crate version, location) with the real
// file and line, repository-relative URIs, and fingerprints that do not move with the lines.
import { createHash } from 'node:crypto'
import type { AdvisoryInfo } from '../core/model.js'
import type { Finding, FindingLevel } from '../evaluate/locate.js'
import { advisoryUrl, renderAdvisory } from './advisory.js'
import { findingSubject } from './annotations.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
const INFORMATION_URI = 'https://github.com/cargo-advisory-review/cargo-advisory-review'
/** The repository root the relative URIs start from (upload-sarif resolves it to the checkout). */
const SRCROOT = '%SRCROOT%'
const FINGERPRINT = 'cargoAdvisoryReview/v1'

const SARIF_LEVEL: Record<FindingLevel, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  notice: 'note'
}

export interface SarifOptions {
  toolName: string
  toolVersion: string
}

interface Region {
  startLine: number
  endLine: number
  startColumn?: number
  endColumn?: number
}

function region(span: NonNullable<Finding['location']['span']>): Region {
  return {
    startLine: span.line,
    endLine: span.endLine,
    ...(span.line === span.endLine ? { startColumn: span.column, endColumn: span.endColumn } : {})
  }
}

function physical(path: string, span: Finding['location']['span']) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeUriPath(path), uriBaseId: SRCROOT },
      ...(span === null ? {} : { region: region(span) })
    }
  }
}

/** A relative URI reference: each segment percent-encoded (paths may hold spaces or `#`). */
function encodeUriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

function rule(advisory: AdvisoryInfo) {
  const url = advisoryUrl(advisory)
  const summary = advisory.summary ?? advisory.id
  return {
    id: advisory.id,
    shortDescription: { text: summary },
    fullDescription: { text: advisory.details ?? summary },
    ...(url === null ? {} : { helpUri: url }),
    help: {
      text: `${advisory.id}: ${summary}${url === null ? '' : ` (${url})`}`,
      markdown: renderAdvisory(advisory, null, 'full')
    },
    properties: {
      tags: ['security', 'dependency', ...advisory.categories],
      ...(advisory.aliases.length === 0 ? {} : { aliases: advisory.aliases })
    }
  }
}

function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

/** The SARIF log (an object; JSON.stringify it). Findings without advisories are not results. */
export function renderSarif(findings: readonly Finding[], options: SarifOptions) {
  const rules: ReturnType<typeof rule>[] = []
  const ruleIndex = new Map<string, number>()
  const results = []
  for (const finding of findings) {
    for (const advisory of finding.advisories) {
      let index = ruleIndex.get(advisory.id)
      if (index === undefined) {
        index = rules.length
        rules.push(rule(advisory))
        ruleIndex.set(advisory.id, index)
      }
      const { location } = finding
      const verdict =
        finding.kind === 'still-affected'
          ? `is still affected by ${advisory.id}`
          : finding.kind === 'malicious'
            ? `is malicious (${advisory.id})`
            : `introduces ${advisory.id}`
      results.push({
        ruleId: advisory.id,
        ruleIndex: index,
        level: SARIF_LEVEL[finding.level],
        kind: 'fail',
        message: {
          text: `${findingSubject(finding)} ${verdict}${advisory.summary === null ? '' : `: ${advisory.summary}`}`
        },
        locations: [physical(location.path, location.span)],
        ...(location.related.length === 0
          ? {}
          : {
              relatedLocations: location.related.map((related, id) => ({
                id,
                ...physical(related.path, related.span),
                message: { text: 'The requirement the member inherits' }
              }))
            }),
        partialFingerprints: {
          [FINGERPRINT]: fingerprint([
            advisory.id,
            finding.crate,
            finding.version ?? finding.req ?? '',
            location.path
          ])
        },
        properties: {
          crate: finding.crate,
          version: finding.version,
          previous: finding.previous,
          ...(finding.member === null
            ? {}
            : { dependencyPath: [finding.member, ...finding.via, finding.crate] })
        }
      })
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules
          }
        },
        results
      }
    ]
  }
}
