// The Security tab's rules, applied per crate to raw OSV records: one entry per issue (GHSA and
// other non-RustSec records fold into the RustSec record that names them, or that they name),
// withdrawn and unmaintained advisories hidden (after folding, so an alias follows its RustSec
// record), and only this crate's crates.io entries read. Pure.
import type { AdvisoryInfo, InformationalKind, Reference } from '../core/model.js'
import { buildMatcher, entriesForCrate, fixedRanges, type AffectedMatcher } from './affected.js'
import type { OsvAffected, OsvRecord } from '../advisories/schema.js'

export interface CrateAdvisory {
  info: Omit<AdvisoryInfo, 'ignored'>
  /** The versions the advisory affects (the RustSec record's ranges when there is one). */
  matcher: AffectedMatcher
}

const CVSS_RANK: Record<string, number> = { CVSS_V4: 3, CVSS_V3: 2, CVSS_V2: 1 }

export function isRustsecId(id: string): boolean {
  return id.startsWith('RUSTSEC-')
}

export function isWithdrawn(record: OsvRecord): boolean {
  return record.withdrawn !== null && record.withdrawn.trim() !== ''
}

/**
 * What an advisory says a crate is, strongest first: one rule for every reader. Malicious (a
 * RustSec `malicious` category, or an id from OSV's malicious-packages database, `MAL-`) outranks
 * every `informational` kind a record may also carry (124 real RustSec records combine the two
 * fields), so malware is never hidden as an unmaintained notice nor shown as a mere notice.
 */
export type AdvisoryLabel = 'malicious' | 'vulnerability' | 'unsound' | 'notice' | 'unmaintained'

export function isMaliciousRecord(record: OsvRecord): boolean {
  return (
    record.id.startsWith('MAL-') ||
    record.affected.some((entry) => {
      const value = entry.database_specific?.categories
      return Array.isArray(value) && value.includes(MALICIOUS)
    })
  )
}

export function advisoryLabel(record: OsvRecord): AdvisoryLabel {
  if (isMaliciousRecord(record)) return 'malicious'
  const kinds = record.affected.map((entry) => entry.database_specific?.informational)
  if (kinds.includes('unmaintained')) return 'unmaintained'
  if (kinds.includes('unsound')) return 'unsound'
  return kinds.some((kind) => typeof kind === 'string' && kind !== '') ? 'notice' : 'vulnerability'
}

const MALICIOUS = 'malicious'

export function isUnmaintained(record: OsvRecord): boolean {
  return advisoryLabel(record) === 'unmaintained'
}

function hidden(record: OsvRecord): boolean {
  return isWithdrawn(record) || isUnmaintained(record)
}

function informational(entries: readonly OsvAffected[], malicious: boolean): InformationalKind {
  // Malware is not informational, whatever else the record says.
  if (malicious) return null
  for (const entry of entries) {
    const kind = entry.database_specific?.informational
    if (kind === 'unsound' || kind === 'notice') return kind
    // rustsec.org may serve kinds the OSV export leaves out; they are informational, not vulns.
    if (typeof kind === 'string' && kind !== '' && kind !== 'unmaintained') return 'notice'
  }
  return null
}

/** RustSec's `database_specific.categories` of the entries (a loose field the schema passes through). */
function categories(entries: readonly OsvAffected[]): string[] {
  return entries.flatMap((entry) => {
    const value = entry.database_specific?.categories
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : []
  })
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort()
}

export function advisoryUrl(id: string): string {
  return isRustsecId(id)
    ? `https://rustsec.org/advisories/${encodeURIComponent(id)}.html`
    : `https://osv.dev/vulnerability/${encodeURIComponent(id)}`
}

/** `https://www.first.org/cvss/calculator/3.1#CVSS:3.1/…`; CVSS v2 vectors have no version prefix. */
export function cvssCalculatorUrl(vector: string): string {
  const version = /^CVSS:(\d+\.\d+)\//.exec(vector)?.[1]
  return version === undefined
    ? `https://nvd.nist.gov/vuln-metrics/cvss/v2-calculator?vector=(${encodeURIComponent(vector)})`
    : `https://www.first.org/cvss/calculator/${version}#${encodeURI(vector)}`
}

function describe(crate: string, primary: OsvRecord, folded: readonly OsvRecord[]): CrateAdvisory {
  const primaryEntries = entriesForCrate(primary, crate)
  const all = [primary, ...folded]
  const allEntries = all.flatMap((record) => entriesForCrate(record, crate))
  const matcher = buildMatcher(primaryEntries)

  const severity: { type: string; score: string }[] = []
  const seenSeverity = new Set<string>()
  for (const record of all) {
    for (const entry of [
      ...record.severity,
      ...entriesForCrate(record, crate).flatMap((e) => e.severity)
    ]) {
      const key = `${entry.type}\u0000${entry.score}`
      if (seenSeverity.has(key)) continue
      seenSeverity.add(key)
      severity.push({ type: entry.type, score: entry.score })
    }
  }
  let cvss: AdvisoryInfo['cvss'] = null
  let best = 0
  for (const entry of severity) {
    const rank = CVSS_RANK[entry.type] ?? 0
    if (rank > best) {
      best = rank
      cvss = {
        type: entry.type,
        vector: entry.score,
        calculator_url: cvssCalculatorUrl(entry.score)
      }
    }
  }

  const references: Reference[] = []
  const seenUrls = new Set<string>()
  for (const record of all) {
    for (const reference of record.references) {
      if (seenUrls.has(reference.url)) continue
      seenUrls.add(reference.url)
      references.push({ type: reference.type, url: reference.url })
    }
  }

  const affects = allEntries.map((entry) => entry.ecosystem_specific)
  return {
    matcher,
    info: {
      id: primary.id,
      aliases: sortedUnique(
        [...primary.aliases, ...folded.flatMap((r) => [r.id, ...r.aliases])].filter(
          (alias) => alias !== primary.id
        )
      ),
      summary: primary.summary,
      details: primary.details,
      informational: informational(primaryEntries, isMaliciousRecord(primary)),
      affected_ranges: matcher.notation,
      fixed_ranges: fixedRanges(matcher),
      // A `MAL-` record carries no RustSec categories; the label says what it is all the same.
      categories: sortedUnique([
        ...categories(primaryEntries),
        ...(isMaliciousRecord(primary) ? [MALICIOUS] : [])
      ]),
      affected_versions: [...new Set(matcher.versions)],
      cvss,
      severity,
      functions: sortedUnique(
        affects.flatMap((s) => [...(s?.affects?.functions ?? []), ...(s?.affected_functions ?? [])])
      ),
      os: sortedUnique(affects.flatMap((s) => s?.affects?.os ?? [])),
      arch: sortedUnique(affects.flatMap((s) => s?.affects?.arch ?? [])),
      references,
      databases: sortedUnique(all.map((record) => record.id.split('-')[0] ?? record.id)),
      published: primary.published,
      modified: primary.modified,
      url: advisoryUrl(primary.id)
    }
  }
}

/** The advisories the Security tab shows for this crate, folded, sorted by id. */
export function selectAdvisories(crate: string, records: readonly OsvRecord[]): CrateAdvisory[] {
  const byId = new Map<string, OsvRecord>()
  for (const record of records) {
    if (!byId.has(record.id) && entriesForCrate(record, crate).length > 0)
      byId.set(record.id, record)
  }
  const relevant = [...byId.values()]
  const rustsec = relevant.filter((record) => isRustsecId(record.id))
  const folded = new Map<string, OsvRecord[]>(rustsec.map((record) => [record.id, []]))
  const standalone: OsvRecord[] = []
  for (const other of relevant) {
    if (isRustsecId(other.id)) continue
    // Several RustSec records may name the same GHSA: it folds into each, they never merge.
    const owners = rustsec.filter(
      (record) => record.aliases.includes(other.id) || other.aliases.includes(record.id)
    )
    if (owners.length === 0) standalone.push(other)
    else if (!hidden(other)) for (const owner of owners) folded.get(owner.id)?.push(other)
  }
  const shown = [
    ...rustsec
      .filter((record) => !hidden(record))
      .map((record) => describe(crate, record, folded.get(record.id) ?? [])),
    ...standalone.filter((record) => !hidden(record)).map((record) => describe(crate, record, []))
  ]
  return shown.sort((a, b) => (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0))
}

/**
 * The crates.io banner's rule (since June 2026): the id of an advisory that marks this crate
 * unmaintained, is not withdrawn, and whose ranges name no `fixed` version; null when none. The
 * Security tab's list still leaves these out, so they are kept only for this notice.
 */
export function unmaintainedAdvisory(crate: string, records: readonly OsvRecord[]): string | null {
  const ids = records
    .filter((record) => !isWithdrawn(record) && !isMaliciousRecord(record))
    .filter((record) => {
      const entries = entriesForCrate(record, crate)
      return (
        entries.some((entry) => entry.database_specific?.informational === 'unmaintained') &&
        !entries.some((entry) =>
          entry.ranges.some((range) => range.events.some((event) => event.fixed !== undefined))
        )
      )
    })
    .map((record) => record.id)
    .sort()
  return ids[0] ?? null
}
