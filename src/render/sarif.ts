// The findings as one SARIF 2.1.0 log, shaped as GitHub code scanning (upload-sarif) takes it: one
// run, tool.driver name and version, one rule per advisory (id, summary, help link, the Security
// tab's facts as Markdown help), one result per (advisory, crate version, location) with the real
// file and line, repository-relative URIs, and fingerprints that do not move with the lines.
// The registry's facts (too new, yanked, not on crates.io, unmaintained) have no advisory: one rule
// per kind of fact, one result per (fact, crate version, location).
import type * as Crypto from 'node:crypto'
import { createRequire } from 'node:module'
import type { AdvisoryInfo } from '../core/model.js'
import type { Finding, FindingKind, FindingLevel } from '../evaluate/locate.js'
import { linkedAdvisoryUrl, renderAdvisory } from './advisory.js'
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
  const url = linkedAdvisoryUrl(advisory)
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

type AdvisoryKind = 'malicious' | 'introduced' | 'still-affected'
type RegistryKind = Exclude<FindingKind, AdvisoryKind>

/** The rules of the findings that carry no advisory, by kind. */
const REGISTRY_RULES: Record<RegistryKind, { id: string; name: string; text: string }> = {
  'too-new': {
    id: 'too-new',
    name: 'YoungerThanCooldown',
    text: 'The version is younger than the cooldown (min-publish-age) its lockfile is under: crates.io has had less time to catch a malicious release.'
  },
  yanked: {
    id: 'yanked',
    name: 'YankedVersion',
    text: 'The version is yanked from crates.io: its authors withdrew it, and Cargo will not pick it for a new lockfile.'
  },
  'not-published': {
    id: 'not-on-crates-io',
    name: 'NotOnCratesIo',
    text: 'The crates.io index does not list this crate or this version (removed, or never published there).'
  },
  unmaintained: {
    id: 'unmaintained',
    name: 'UnmaintainedCrate',
    text: 'RustSec marks the crate as unmaintained.'
  }
}

function registryRule(kind: RegistryKind) {
  const { id, name, text } = REGISTRY_RULES[kind]
  return {
    id,
    name,
    shortDescription: { text },
    fullDescription: { text },
    help: { text, markdown: text },
    properties: { tags: ['supply-chain', 'dependency', 'crates.io'] }
  }
}

const isAdvisoryKind = (kind: FindingKind): kind is AdvisoryKind =>
  kind === 'malicious' || kind === 'introduced' || kind === 'still-affected'

// node:crypto takes ~10 ms to load, and only a SARIF file needs it: loaded on first use.
let crypto: typeof Crypto | undefined
function fingerprint(parts: readonly string[]): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto
  return crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex')
}

/** The SARIF log (an object; JSON.stringify it). */
export function renderSarif(findings: readonly Finding[], options: SarifOptions) {
  const rules: (ReturnType<typeof rule> | ReturnType<typeof registryRule>)[] = []
  const ruleIndex = new Map<string, number>()
  const indexOf = (id: string, make: () => (typeof rules)[number]): number => {
    let index = ruleIndex.get(id)
    if (index === undefined) {
      index = rules.length
      rules.push(make())
      ruleIndex.set(id, index)
    }
    return index
  }
  const results = []
  for (const finding of findings) {
    const { location } = finding
    const common = (ruleId: string, text: string) => ({
      ruleId,
      level: SARIF_LEVEL[finding.level],
      kind: 'fail',
      message: { text },
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
          ruleId,
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
    if (!isAdvisoryKind(finding.kind)) {
      const kind = finding.kind
      const { id } = REGISTRY_RULES[kind]
      const index = indexOf(id, () => registryRule(kind))
      const note = finding.note ?? REGISTRY_RULES[kind].text
      results.push({ ...common(id, `${findingSubject(finding)}: ${note}`), ruleIndex: index })
      continue
    }
    for (const advisory of finding.advisories) {
      const index = indexOf(advisory.id, () => rule(advisory))
      const verdict =
        finding.kind === 'still-affected'
          ? `is still affected by ${advisory.id}`
          : finding.kind === 'malicious'
            ? `is malicious (${advisory.id})`
            : `introduces ${advisory.id}`
      const text = `${findingSubject(finding)} ${verdict}${advisory.summary === null ? '' : `: ${advisory.summary}`}`
      results.push({ ...common(advisory.id, text), ruleIndex: index })
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
