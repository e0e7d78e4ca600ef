// The comment for every real fixture case, analysed with the offline RustSec export: a file snapshot
// to review by eye, and structural checks on the HTML a GFM renderer makes of it.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import type { AdvisoryInfo, Report } from '../../src/core/model.js'
import { COMMENT_TARGET_CHARS, codePoints } from '../../src/render/limits.js'
import {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  renderComment,
  renderSummary
} from '../../src/render/markdown.js'
import { anchors, elementNames, issueReferences, mentions, toHtml } from '../helpers/gfm.js'

const CASES_DIR = 'test/fixtures/cases'
const OSV_DIR = 'test/fixtures/osv/rustsec/crates'

const cases = readdirSync(CASES_DIR)
  .filter((name) => statSync(join(CASES_DIR, name)).isDirectory())
  .sort()

interface RawRecord {
  id: string
  aliases?: string[]
  withdrawn?: string
  affected?: {
    package?: { name?: string }
    database_specific?: { informational?: string | null }
  }[]
}

/** The raw OSV export, read independently of the code under test. */
const records = readdirSync(OSV_DIR).map(
  (file) => JSON.parse(readFileSync(join(OSV_DIR, file), 'utf8')) as RawRecord
)
const recordsById = new Map(records.map((r) => [r.id, r]))

/** Ids the comment must never show for these crates: withdrawn or unmaintained advisories. */
function hiddenIds(crates: ReadonlySet<string>): string[] {
  return records
    .filter((r) => r.affected?.some((a) => crates.has(a.package?.name ?? '')) === true)
    .filter(
      (r) =>
        r.withdrawn !== undefined ||
        r.affected?.some((a) => a.database_specific?.informational === 'unmaintained') === true
    )
    .map((r) => r.id)
}

/**
 * Advisories the comment shows as Security-tab blocks: those a lockfile change introduces or
 * keeps, and those of requirements no lockfile change resolves. Verdicts are recomputed here from
 * the facts (affected / previous_affected), not read from the engine.
 */
function fullFindings(report: Report): AdvisoryInfo[] {
  return [
    ...report.lockfiles.flatMap((l) =>
      l.changes
        .filter((c) => c.kind !== 'removed')
        .flatMap((c) => c.advisories.filter((a) => a.affected && a.ignored === null))
    ),
    ...report.manifests.flatMap((m) =>
      m.changes
        .filter((c) => c.kind !== 'removed' && c.locked_by === null)
        .flatMap((c) =>
          c.advisories.filter((a) => a.admits_affected === true && a.ignored === null)
        )
    )
  ]
}

/** Every advisory id that touches a change (affects or affected a version): named somewhere. */
function touchingIds(report: Report): string[] {
  return report.lockfiles.flatMap((l) =>
    l.changes.flatMap((c) =>
      c.advisories.filter((a) => a.affected || a.previous_affected === true).map((a) => a.id)
    )
  )
}

/** Links we make; the advisory details carry their own links, which may name ids too. */
function ownLinks(html: string): ReturnType<typeof anchors> {
  return anchors(html.replace(/<details><summary>Details<\/summary>[\s\S]*?<\/details>/g, ''))
}

function expectedHref(label: string): string | null {
  if (/^RUSTSEC-\d{4}-\d{4}$/.test(label)) return `https://rustsec.org/advisories/${label}.html`
  if (/^CVE-\d{4}-\d+$/.test(label)) return `https://nvd.nist.gov/vuln/detail/${label}`
  const cvss = /^CVSS:(\d\.\d)\//.exec(label)
  if (cvss !== null) return `https://www.first.org/cvss/calculator/${cvss[1] ?? ''}#${label}`
  return null
}

describe.each(cases)('%s', (name) => {
  let report: Report | undefined
  const load = async (): Promise<Report> =>
    (report ??= await analyze({
      base: directoryTree(join(CASES_DIR, name, 'base'), 'base'),
      head: directoryTree(join(CASES_DIR, name, 'head'), 'head'),
      source: createAdvisorySource({ kind: 'path', path: OSV_DIR })
    }))

  // As the README's workflow runs it: `fail-on-affected: true`, so the first line says pass or fail.
  const GATED = { gates: { failOnAffected: 'introduced', failOnYanked: false } } as const

  it('matches the reviewed snapshot and fits a comment', async () => {
    const comment = renderComment(await load(), GATED)
    await expect(comment).toMatchFileSnapshot(`../snapshots/${name}.md`)
    expect(comment.startsWith(COMMENT_MARKER + '\n')).toBe(true)
    expect(codePoints(comment)).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(renderComment(await load(), GATED)).toBe(comment)
  })

  it('links every advisory id, alias and CVSS vector to the right place', async () => {
    const r = await load()
    const comment = renderComment(r)
    const html = toHtml(comment)
    const links = ownLinks(html)
    for (const link of links) {
      const expected = expectedHref(link.text)
      if (expected !== null) expect(link.href, link.text).toBe(expected)
      if (link.text.startsWith('GHSA-')) {
        expect([
          `https://github.com/advisories/${link.text}`,
          `https://osv.dev/vulnerability/${link.text}`
        ]).toContain(link.href)
      }
    }
    const linked = new Set(links.map((l) => l.text))
    const shortened = comment.includes('This comment was shortened')
    // Every real case fits whole now: nothing is shortened.
    expect(shortened).toBe(false)
    for (const id of touchingIds(r)) expect(linked.has(id), id).toBe(true)
    for (const finding of fullFindings(r)) {
      // Every advisory that touches the change is named; unless the comment had to be shortened,
      // as a link with its aliases and CVSS vector.
      expect(comment).toContain(finding.id)
      if (shortened) continue
      expect(linked.has(finding.id), finding.id).toBe(true)
      // Past 20,000 characters what was affected before may keep only its linked id (its table
      // row has the fix); what the change introduces keeps its aliases and vector.
      const before = 'previous_affected' in finding && finding.previous_affected === true
      if (before && codePoints(renderSummary(r)) > COMMENT_TARGET_CHARS) continue
      const raw = recordsById.get(finding.id)
      for (const alias of raw?.aliases ?? []) {
        if (/^(CVE|GHSA)-/.test(alias))
          expect(linked.has(alias), `${finding.id} ${alias}`).toBe(true)
      }
      if (finding.cvss !== null) expect(linked.has(finding.cvss.vector), finding.id).toBe(true)
    }
  })

  it('shows no withdrawn or unmaintained advisory, pings nobody, and carries the marker once', async () => {
    const r = await load()
    const crates = new Set([
      ...r.lockfiles.flatMap((l) => l.changes.map((c) => c.name)),
      ...r.manifests.flatMap((m) => m.changes.map((c) => c.name))
    ])
    const comment = renderComment(r)
    const summary = renderSummary(r)
    for (const id of hiddenIds(crates)) {
      expect(comment, id).not.toContain(id)
      expect(summary, id).not.toContain(id)
    }
    const html = toHtml(comment)
    expect(mentions(html)).toEqual([])
    expect(issueReferences(html)).toEqual([])
    expect(elementNames(html)).not.toContain('img')
    expect(elementNames(html)).not.toContain('script')
    expect(html.split(COMMENT_MARKER).length - 1).toBe(1)
  })
})
