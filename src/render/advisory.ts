// One advisory as the crates.io Security tab shows it, plus what the tab lacks: whether this change's
// versions are affected, affected functions and platforms, and ignore markers.
import { cargoRange } from './ranges.js'
import type { AdvisoryInfo, ManifestAdvisoryFinding, ManifestChange } from '../core/model.js'
import { effectiveReq } from '../evaluate/verdict.js'
import { advisoryUrl } from '../evaluate/security-tab.js'
import { isMaliciousFinding } from '../review/units.js'
import { clip, clipLines } from './limits.js'
import { code, link, sanitizeMarkdown, text } from './escape.js'
import { reflowParagraphs } from './reflow.js'

/** Headings inside details sit below the comment's own (h3 sections, h4 crates). */
const DETAILS_HEADING_OFFSET = 4

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/
const CVE_ID = /^CVE-\d{4}-\d{4,}$/
const GHSA_ID = /^GHSA(?:-[a-z0-9]{4}){3}$/
const CVSS_VECTOR = /^CVSS:(\d+\.\d+)(?:\/[A-Za-z]+:[A-Za-z]+)+$/

/**
 * Where the id links: the engine's one page for an id (rustsec.org or osv.dev), derived from the
 * id, never taken from the record; null for an id unsafe to show as a link.
 */
export function linkedAdvisoryUrl(info: Pick<AdvisoryInfo, 'id'>): string | null {
  return SAFE_ID.test(info.id) ? advisoryUrl(info.id) : null
}

export function advisoryLink(info: Pick<AdvisoryInfo, 'id' | 'url'>): string {
  const url = linkedAdvisoryUrl(info)
  return url === null ? text(clip(info.id)) : link(info.id, url)
}

function aliasLink(alias: string): string {
  if (CVE_ID.test(alias)) return link(alias, `https://nvd.nist.gov/vuln/detail/${alias}`)
  if (GHSA_ID.test(alias)) return link(alias, `https://github.com/advisories/${alias}`)
  return text(clip(alias))
}

function cvssLine(cvss: AdvisoryInfo['cvss']): string | null {
  if (cvss === null) return null
  const match = CVSS_VECTOR.exec(cvss.vector)
  if (match === null) return `CVSS: ${text(clip(cvss.vector))}`
  const url = `https://www.first.org/cvss/calculator/${match[1] ?? ''}#${cvss.vector}`
  return `CVSS: ${link(cvss.vector, url)}`
}

/** The tab's notation plus explicit versions; `null` when the record lists none. */
function affectedVersions(info: AdvisoryInfo): string | null {
  const parts = [
    ...info.affected_ranges.map((r) => clip(cargoRange(r))),
    ...info.affected_versions.map((v) => `=${clip(v)}`)
  ]
  return parts.length === 0 ? null : parts.map(code).join('; ')
}

/** The advisory's bold heading: its linked id and summary. */
export function advisoryHeading(info: AdvisoryInfo): string {
  const summary =
    info.summary === null || info.summary.trim() === '' ? '' : `: ${text(clip(info.summary, 300))}`
  return `**${advisoryLink(info)}${summary}**`
}

function kindNote(info: AdvisoryInfo): string | null {
  if (isMaliciousFinding(info)) return '**Kind: malicious crate**'
  if (info.informational === 'unsound') return 'Kind: unsound (informational)'
  if (info.informational === 'notice') return 'Kind: notice (informational)'
  return null
}

function ignoredNote(info: AdvisoryInfo): string | null {
  if (info.ignored === null) return null
  const reason =
    info.ignored.reason === null ? 'no reason given' : text(clip(info.ignored.reason, 300))
  const matched =
    info.ignored.matched === info.id ? '' : ` (matched by ${text(clip(info.ignored.matched))})`
  return `**Ignored:** ${reason}${matched}. It is not counted.`
}

function listFacts(info: AdvisoryInfo): string[] {
  const facts: string[] = []
  // The fixed ranges sit beside the affected ones, as one line.
  const versions = affectedVersions(info)
  const fixed =
    info.fixed_ranges.length > 0
      ? `Fixed in: ${info.fixed_ranges.map((r) => code(clip(cargoRange(r)))).join('; ')}`
      : info.affected_ranges.length > 0
        ? 'Fixed in: no fixed version'
        : null
  const ranges = [versions === null ? null : `Affected versions: ${versions}`, fixed].filter(
    (part) => part !== null
  )
  if (ranges.length > 0) facts.push(ranges.join(' · '))
  if (info.aliases.length > 0) facts.push(`Aliases: ${info.aliases.map(aliasLink).join(', ')}`)
  const cvss = cvssLine(info.cvss)
  if (cvss !== null) facts.push(cvss)
  const kind = kindNote(info)
  if (kind !== null) facts.push(kind)
  if (info.functions.length > 0) {
    facts.push(`Affected functions: ${info.functions.map((f) => code(clip(f))).join(', ')}`)
  }
  const platforms: string[] = []
  if (info.os.length > 0) platforms.push(`OS ${info.os.map((o) => code(clip(o))).join(', ')}`)
  if (info.arch.length > 0)
    platforms.push(`architecture ${info.arch.map((a) => code(clip(a))).join(', ')}`)
  if (platforms.length > 0) facts.push(`Platforms: only ${platforms.join('; ')}`)
  return facts
}

function detailsBlock(info: AdvisoryInfo): string | null {
  if (info.details === null || info.details.trim() === '') return null
  // Clipped before any work that grows with the text: re-flow never sees more than the limit, and
  // a paragraph joined into one long line cannot clip to nothing.
  const { text: source, clipped } = clipLines(info.details.replace(/\r\n?/g, '\n'))
  const body = sanitizeMarkdown(reflowParagraphs(source), DETAILS_HEADING_OFFSET)
  const more = clipped ? `\n\n*The details are longer; they were shortened here.*` : ''
  return `<details><summary>Details</summary>\n\n${body}${more}\n\n</details>`
}

function requirementText(req: string | null): string {
  return req === null ? 'no requirement' : `the requirement ${code(clip(req))}`
}

/** For a manifest requirement: does it admit an affected version, and did the previous one. */
export function manifestStatus(change: ManifestChange, finding: ManifestAdvisoryFinding): string {
  const current = effectiveReq(change, 'head')
  const previous = effectiveReq(change, 'base')
  const now =
    finding.admits_affected === null
      ? `Whether ${requirementText(current)} admits an affected version could not be determined`
      : finding.admits_affected
        ? `${capitalise(requirementText(current))} admits an affected version`
        : `${capitalise(requirementText(current))} admits no affected version`
  if (change.kind !== 'changed' || finding.previous_admits_affected === null) return `${now}.`
  const before = finding.previous_admits_affected
    ? finding.admits_affected === false
      ? `; ${requirementText(previous)} did (fixed by this change)`
      : `; ${requirementText(previous)} did too`
    : `; ${requirementText(previous)} did not`
  return `${now}${before}.`
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

export type AdvisoryForm = 'full' | 'compact'

/**
 * An advisory block: bold heading (id link and summary), then a list of facts, then the details
 * collapsed. `compact` drops the details.
 */
export function renderAdvisory(
  info: AdvisoryInfo,
  /** What this change means for it; null where the section heading already says it. */
  status: string | null,
  form: AdvisoryForm,
  /** The same advisory's details were already shown earlier in the document. */
  detailsAbove = false,
  /** `brief`: the ranges, aliases and kind only (functions, platforms and CVSS on its page). */
  facts: 'all' | 'brief' = 'all'
): string {
  const ignored = ignoredNote(info)
  const listed = listFacts(info)
  const shown = [
    ...(status === null ? [] : [status]),
    ...(ignored === null ? [] : [ignored]),
    ...(facts === 'brief'
      ? listed.filter((f) => !/^(Affected functions|Platforms|CVSS):/.test(f))
      : listed)
  ]
  const repeated = form === 'full' && detailsAbove && info.details !== null
  if (repeated) shown.push('Details: shown above, at its first entry.')
  const blocks = [advisoryHeading(info), shown.map((f) => `- ${f}`).join('\n')]
  if (form === 'full' && !repeated) {
    const details = detailsBlock(info)
    if (details !== null) blocks.push(details)
  }
  return blocks.join('\n\n')
}
