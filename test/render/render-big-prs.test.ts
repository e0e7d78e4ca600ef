// The comment on real big pull requests (test/fixtures/big-prs, sources in PROVENANCE.md): whatever
// the change, it fits 20,000 characters; every introduced advisory keeps its id, crate, version and
// fix; each (crate, version) is one entry and one table row; what was affected before keeps a row
// with its fix; the first line counts advisories with aliases folded.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { LockfileChange, Report } from '../../src/core/model.js'
import { codePoints, COMMENT_TARGET_CHARS } from '../../src/render/limits.js'
import { renderComment } from '../../src/render/markdown.js'
import { analyze } from '../../src/review/analyze.js'
import { directoryTree } from '../../src/trees/directory.js'
import { anchors, ownTables, toHtml, VERDICT_TABLE_HEADER } from '../helpers/gfm.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'

const BIG = join(import.meta.dirname, '..', 'fixtures', 'big-prs')
const RUN = 'https://github.com/o/r/actions/runs/1'

function run(name: string): Promise<Report> {
  return analyze({
    base: directoryTree(join(BIG, name, 'base'), 'base'),
    head: directoryTree(join(BIG, name, 'head'), 'head'),
    source: createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }),
    cratesIndex: null
  })
}

function changes(report: Report): LockfileChange[] {
  return report.lockfiles.flatMap((l) => l.changes)
}

/** Advisory ids of one verdict, counted once per group of ids that name each other as aliases. */
function foldedIds(report: Report, verdict: string): Set<string> {
  const findings = changes(report).flatMap((c) =>
    c.kind === 'removed'
      ? []
      : c.advisories.filter((a) => a.verdict === verdict && a.ignored === null)
  )
  const root = new Map<string, string>()
  const find = (id: string): string => {
    const up = root.get(id) ?? id
    return up === id ? id : find(up)
  }
  for (const f of findings) for (const alias of f.aliases) root.set(find(alias), find(f.id))
  return new Set(findings.map((f) => find(f.id)))
}

/** The table's rows as [crate cell, change cell, …, fix cell]. */
function tableRows(comment: string): string[][] {
  return comment
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((c) => c.trim())
    )
}

// Characters before this branch: 19,745; 65,315 (cut at GitHub's limit); 38,140. Now: 19,896;
// 19,950; 18,834 (the README says so).
const CASES = [
  { name: 'nushell-2022-engine-q-merge', changes: 344 },
  { name: 'nushell-2022-engine-q-conflicted-merge', changes: 550 },
  { name: 'tauri-2024-acl-v2-examples', changes: 406 }
] as const

describe.each(CASES)('the real pull request $name', ({ name, changes: count }) => {
  it(`fits ${COMMENT_TARGET_CHARS.toLocaleString('en-US')} characters, each decision said once`, async () => {
    const report = await run(name)
    expect(changes(report)).toHaveLength(count)
    const comment = renderComment(report, { detailsUrl: RUN })
    expect(codePoints(comment)).toBeLessThanOrEqual(COMMENT_TARGET_CHARS)
    const html = toHtml(comment)
    expect((html.match(/<details>/g) ?? []).length).toBe((html.match(/<\/details>/g) ?? []).length)
    const links = new Set(anchors(html).map((a) => a.text))
    const shortened = comment.includes('*To fit, some entries below are shortened')

    // Every introduced advisory: its id linked and its crate and version named; in full (its
    // block, its ranges) unless the comment says it shortened entries.
    const introduced = changes(report).filter(
      (c) => c.kind !== 'removed' && c.advisories.some((a) => a.verdict === 'introduced')
    )
    expect(introduced.length).toBeGreaterThan(0)
    for (const c of introduced) {
      expect(comment, c.name).toContain(`\`${c.name}\` ${c.version ?? ''}`)
      for (const a of c.advisories.filter((f) => f.verdict === 'introduced')) {
        expect(links.has(a.id), a.id).toBe(true)
        if (!shortened) expect(comment, a.id).toContain(`**[${a.id}](`)
      }
    }

    // One entry per crate version and one block per advisory within it; one row per crate version.
    const headers = comment.split('\n').filter((line) => line.startsWith('#### '))
    expect(headers.length).toBe(new Set(headers).size)
    const rows = tableRows(comment)
    const keys = rows.map((r) => `${r[0] ?? ''} ${r[1] ?? ''}`)
    expect(keys.length).toBe(new Set(keys).size)
    // Each (crate, advisory) block with its facts once: another version of the crate refers to it.
    const factBlocks: string[] = []
    for (const block of comment.split('\n#### ').slice(1)) {
      const crate = /^`([^`]+)`/.exec(block)?.[1] ?? ''
      const ids = [...block.matchAll(/^\*\*\[([^\]]+)\]\(/gm)].map((m) => m[1])
      expect(ids.length).toBe(new Set(ids).size)
      for (const m of block.matchAll(/^\*\*\[([^\]]+)\]\([^\n]*\n\n- /gm))
        factBlocks.push(`${crate} ${m[1] ?? ''}`)
    }
    expect(factBlocks.length).toBe(new Set(factBlocks).size)

    // A narrow table (4 columns) whose crate cell is the crate's name as a code span, nothing
    // inserted (copy-paste gives the name), and an optional lockfile count.
    const [table] = ownTables(html)
    expect(table?.[0]).toEqual(VERDICT_TABLE_HEADER)
    const names = new Set(changes(report).map((c) => c.name))
    for (const row of table?.slice(1) ?? []) {
      expect(row).toHaveLength(VERDICT_TABLE_HEADER.length)
      const name = (row[0] ?? '').replace(/ \(\d+ lockfiles\)$/, '')
      expect(names.has(name), name).toBe(true)
    }

    // What was affected before: a row each, with its fix.
    for (const c of changes(report).filter((x) => x.verdict === 'still-affected')) {
      const row = rows.find((r) => r[0] === `\`${c.name}\`` && r[1]?.includes(c.version ?? '?'))
      expect(row, c.name).toBeDefined()
      if (c.fix !== null) expect(row?.at(-1), c.name).not.toBe('–')
    }

    // The first line counts each advisory once, a RUSTSEC record and its aliases as one.
    const folded = foldedIds(report, 'introduced')
    const first = comment.split('\n').find((line) => line.includes('introduces')) ?? ''
    const n = folded.size
    expect(first).toContain(
      `introduces ${n.toLocaleString('en-US')} ${n === 1 ? 'advisory' : 'advisories'}`
    )

    // A path is named once in a list, even when a manifest holds the requirement in two tables.
    for (const list of comment.matchAll(/ in ((?:`[^`]+`, )+`[^`]+`)/g)) {
      const paths = (list[1] ?? '').split(', ')
      expect(paths.length, list[0]).toBe(new Set(paths).size)
    }
    // Only a failed look-up is called one, with advice to retry or change the source; what the
    // evaluation could not judge (Cargo's pick, an unreadable version) says so.
    for (const line of comment
      .split('\n')
      .filter((l) => l.startsWith('- The advisory look-up failed'))) {
      expect(line).not.toMatch(/\((Cargo's pick is unknown|version "|requirement ")/)
    }
  })
})
