// Size limits: thousands of changes still give a valid comment under 65,536 code points that keeps
// the marker, the overview and every affected crate, and a complete job summary.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import type { Report } from '../../src/core/model.js'
import { codePoints, utf8Bytes } from '../../src/render/limits.js'
import {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  MAX_SUMMARY_BYTES,
  renderComment,
  renderSummary
} from '../../src/render/markdown.js'
import { memoryTree } from '../../src/trees/memory.js'
import { COMMENT_TARGET_CHARS } from '../../src/render/limits.js'
import { anchors, toHtml } from '../helpers/gfm.js'
import { largePullRequest } from '../helpers/large-pr.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

const CASES_DIR = 'test/fixtures/cases'

/** Every head lockfile of every case, each under its case's folder: thousands of added crates. */
function unionOfHeadLockfiles(): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of readdirSync(CASES_DIR)) {
    const head = join(CASES_DIR, name, 'head')
    if (!statSync(join(CASES_DIR, name)).isDirectory()) continue
    const walk = (dir: string, prefix: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry)
        if (statSync(path).isDirectory()) walk(path, `${prefix}${entry}/`)
        else if (entry === 'Cargo.lock')
          files.set(`${name}/${prefix}${entry}`, readFileSync(path, 'utf8'))
      }
    }
    walk(head, '')
  }
  return files
}

function affectedNames(r: Report): string[] {
  return [
    ...new Set(
      r.lockfiles.flatMap((l) =>
        l.changes
          .filter(
            (c) =>
              c.kind !== 'removed' && c.advisories.some((a) => a.affected && a.ignored === null)
          )
          .map((c) => c.name)
      )
    )
  ]
}

/** Every change's crate name stands in the text as a code span (one scan, not one per crate). */
function expectAllNamed(text: string, changes: readonly { name: string }[]): void {
  const named = new Set([...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]))
  expect(changes.filter((c) => !named.has(c.name)).map((c) => c.name)).toEqual([])
}

function expectValidComment(comment: string, r: Report): void {
  expect(codePoints(comment)).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
  expect(comment.startsWith(COMMENT_MARKER + '\n')).toBe(true)
  expect(comment).toContain('### Dependency advisories')
  const html = toHtml(comment)
  // Balanced: every details block we open is closed, so nothing swallows what follows.
  expect((html.match(/<details>/g) ?? []).length).toBe((html.match(/<\/details>/g) ?? []).length)
  for (const name of affectedNames(r)) expect(comment, name).toContain(`\`${name}\``)
}

describe('a change of thousands of crates from the real fixture lockfiles', () => {
  it('gives a shortened comment with every affected crate and a complete summary', async () => {
    const r = await analyze({
      base: memoryTree('base', new Map()),
      head: memoryTree('head', unionOfHeadLockfiles()),
      source: createAdvisorySource({ kind: 'path', path: 'test/fixtures/osv/rustsec/crates' })
    })
    const changes = r.lockfiles.flatMap((l) => l.changes)
    expect(changes.length).toBeGreaterThan(3000)

    const comment = renderComment(r, { detailsUrl: 'https://github.com/o/r/actions/runs/1' })
    expectValidComment(comment, r)
    expect(comment).toContain('This comment was shortened')
    expect(anchors(toHtml(comment))).toContainEqual({
      href: 'https://github.com/o/r/actions/runs/1',
      text: 'job summary'
    })

    const summary = renderSummary(r)
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(summary).not.toContain('shortened')
    expectAllNamed(summary, changes)
  })
})

describe('a 300-change pull request with 20 affected crates, from the real RustSec export', () => {
  it(`fits in ${COMMENT_TARGET_CHARS.toLocaleString('en-US')} characters, every introduced advisory in full and every still-affected one linked`, async () => {
    const pr = largePullRequest(20, 300)
    const r = await analyze({
      base: memoryTree('base', { 'Cargo.lock': pr.base }),
      head: memoryTree('head', { 'Cargo.lock': pr.head }),
      source: createAdvisorySource({ kind: 'path', path: 'test/fixtures/osv/rustsec/crates' })
    })
    const changes = r.lockfiles.flatMap((l) => l.changes)
    expect(changes).toHaveLength(300)
    expect(affectedNames(r).sort()).toEqual([...pr.names].sort())

    const comment = renderComment(r, { detailsUrl: 'https://github.com/o/r/actions/runs/1' })
    expectValidComment(comment, r)
    expect(codePoints(comment)).toBeLessThanOrEqual(COMMENT_TARGET_CHARS)
    expect(comment).not.toContain('shortened')
    // Every advisory that decides: its block with the id linked, its ranges and its aliases;
    // what was affected before keeps at least its linked id (its table row has the fix).
    const html = toHtml(comment)
    const links = new Set(anchors(html).map((a) => a.text))
    for (const c of changes) {
      for (const a of c.advisories) {
        if (a.verdict !== 'introduced' && a.verdict !== 'still-affected') continue
        expect(links.has(a.id), a.id).toBe(true)
        if (a.verdict === 'still-affected') continue
        for (const alias of a.aliases) expect(comment, alias).toContain(alias)
        for (const range of a.affected_ranges) expect(comment, range).toContain(range)
      }
    }
    // Introduced advisories show their details text; still-affected ones link it.
    const introducedWithDetails = new Set(
      changes.flatMap((c) =>
        c.advisories
          .filter((a) => a.verdict === 'introduced' && a.details !== null)
          .map((a) => a.id)
      )
    )
    expect(introducedWithDetails.size).toBeGreaterThan(0)
    expect(comment.split('<details><summary>Details</summary>').length - 1).toBe(
      introducedWithDetails.size
    )
    // The 280 crates without advisories give way to a pointer to the job summary, which lists them.
    expect(comment).toContain(
      'No advisories reported (280): listed in the [job summary](https://github.com/o/r/actions/runs/1).'
    )
    const summary = renderSummary(r)
    expectAllNamed(summary, changes)
  })
})

describe('making room past the target, in order', () => {
  it.for([
    [3, 30],
    [6, 80],
    [10, 100],
    [14, 200],
    [20, 300],
    [30, 400]
  ] as const)('%i affected crates in %i changes', async ([affected, changes]) => {
    const pr = largePullRequest(affected, changes)
    const r = await analyze({
      base: memoryTree('base', { 'Cargo.lock': pr.base }),
      head: memoryTree('head', { 'Cargo.lock': pr.head }),
      source: createAdvisorySource({ kind: 'path', path: 'test/fixtures/osv/rustsec/crates' })
    })
    const comment = renderComment(r, { detailsUrl: 'https://github.com/o/r/actions/runs/1' })
    expectValidComment(comment, r)
    const detailed = (verdict: string): number =>
      new Set(
        r.lockfiles.flatMap((l) =>
          l.changes.flatMap((c) =>
            c.advisories.filter((a) => a.verdict === verdict && a.details !== null).map((a) => a.id)
          )
        )
      ).size
    const blocks = comment.split('<details><summary>Details</summary>').length - 1
    const pointers = (comment.match(/^.*: listed in the \[job summary\]/gm) ?? []).length
    const lists = (
      comment.match(/<summary>(No advisories reported|Not affected, with an advisory history)/g) ??
      []
    ).length
    if (blocks === detailed('introduced') + detailed('still-affected')) {
      // Everything shown: within the target, or only the lists gave way.
      expect(codePoints(comment) <= COMMENT_TARGET_CHARS || lists === 0).toBe(true)
    } else {
      // Still-affected details gave way only after both lists did.
      expect(blocks).toBe(detailed('introduced'))
      expect(lists).toBe(0)
      expect(pointers).toBeGreaterThan(0)
    }
  })
})

describe('synthetic reports', () => {
  const longDetails =
    'A paragraph of details with `code` and a [link](https://example.test).\n\n'.repeat(40)

  function bigReport(crates: number, affectedEvery: number, nameLength = 12): Report {
    const changes = Array.from({ length: crates }, (_, i) => {
      const name = `crate-${String(i).padStart(5, '0')}`.padEnd(nameLength, 'x')
      const affected = i % affectedEvery === 0
      return change({
        name,
        kind: i % 3 === 0 ? 'added' : 'updated',
        previous: i % 3 === 0 ? null : '0.1.0',
        version: '0.2.0',
        advisories: affected
          ? [1, 2].map((n) =>
              advisory({
                id: `RUSTSEC-2099-${String(i * 2 + n).padStart(4, '0')}`,
                details: longDetails,
                affected_ranges: ['<1.0.0'],
                aliases: [`CVE-2099-${String(i * 2 + n).padStart(5, '0')}`],
                affected: true,
                previous_affected: i % 3 === 0 ? null : true
              })
            )
          : i % 7 === 0
            ? [
                advisory({
                  id: `RUSTSEC-2098-${String(i).padStart(4, '0')}`,
                  affected_ranges: ['<0.0.1']
                })
              ]
            : []
      })
    })
    return report({ lockfiles: [lockfile('Cargo.lock', changes)] })
  }

  it('degrades in order: details first, every affected crate keeps its advisories', () => {
    const r = bigReport(5000, 80)
    const comment = renderComment(r)
    expectValidComment(comment, r)
    // All affected crates still show their advisories with links, only the details are gone.
    const links = new Set(anchors(toHtml(comment)).map((a) => a.text))
    for (const c of r.lockfiles[0]!.changes) {
      for (const a of c.advisories.filter((f) => f.affected))
        expect(links.has(a.id), a.id).toBe(true)
    }
    const summary = renderSummary(r)
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(summary).not.toContain('shortened')
    expect(summary.split('<details><summary>Details</summary>').length - 1).toBe(
      r.summary.affected_advisories
    )
  })

  it('lists affected crates by name when their advisories do not fit', () => {
    const r = bigReport(5000, 10)
    const comment = renderComment(r)
    expectValidComment(comment, r)
    expect(comment).toContain('This comment was shortened')
    // The table lists every crate that brings an advisory, with its ids; the entries below name
    // them (with linked ids) from the first, as far as GitHub's limit allows, then "… and N more".
    expect(comment).toContain(
      '\n`crate-00000x` 0.2.0 (new): introduces [RUSTSEC-2099-0001](https://rustsec.org/advisories/RUSTSEC-2099-0001.html), [RUSTSEC-2099-0002](https://rustsec.org/advisories/RUSTSEC-2099-0002.html).'
    )
    expect(comment).toContain(
      '| `crate-04980x` | 0.2.0 (new) | introduces RUSTSEC-2099-9961, RUSTSEC-2099-9962 |'
    )
    expect(comment).toMatch(/… and [\d,]+ more crates, listed in the full report\./)
  })

  it('still fits when even the names do not, keeping the marker and overview', () => {
    const r = bigReport(20000, 2, 60)
    const comment = renderComment(r)
    expect(codePoints(comment)).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(comment.startsWith(COMMENT_MARKER + '\n')).toBe(true)
    expect(comment).toContain('In `Cargo.lock`: 6,667 crates added, 13,333 updated, 0 removed.')
    expect(comment).toContain(
      '**Not gated:** this pull request introduces 6,668 advisories in 3,334 crates ('
    )
    expect(comment).toMatch(/… and [\d,]+ more crates, listed in the full report\./)
    const summary = renderSummary(r)
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(summary).toContain('This summary was shortened to fit the job-summary limit')
  })
})
