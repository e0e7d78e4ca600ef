// Injection through the real inputs: a pull request's Cargo.lock/Cargo.toml and the advisory records
// themselves, crafted to inject Markdown, HTML, mentions or a second comment marker. They go through
// the whole pipeline (parse → diff → look up → evaluate → render) and the comment is rendered the
// way GitHub does (GFM, raw HTML allowed): it must stay inert. The render tests check the escaping
// functions and synthetic reports; these check that nothing between the files and the renderer
// bypasses them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource, type AdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import type { Report } from '../../src/core/model.js'
import { COMMENT_MARKER, renderComment, renderSummary } from '../../src/render/markdown.js'
import type { FileRead, FileTree } from '../../src/trees/tree.js'
import {
  VERDICT_TABLE_HEADER,
  anchors,
  elementNames,
  issueReferences,
  mentions,
  ownTables,
  toHtml
} from '../helpers/gfm.js'

const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index'
const RUN_URL = 'https://github.com/o/r/actions/runs/1'

const PAYLOADS = [
  '<!-- cargo-advisory-review -->',
  '-->',
  '<!--',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<details open><summary>x</summary>',
  '</details>',
  '[click](https://evil.test)',
  '![pixel](https://evil.test/p.png)',
  '@octocat',
  '@rust-lang/security',
  '#1',
  'GH-2',
  'rust-lang/rust#3',
  'https://evil.test/x',
  'www.evil.test',
  'me@evil.test',
  '```',
  '`',
  '| a | b |\n|---|---|',
  '\n# Title\n',
  '\n---\n',
  '> quote',
  '\u202E',
  '\u0000',
  '\u200B',
  '&#64;x',
  '\\',
  'javascript:alert(1)'
]
const EVIL = PAYLOADS.join(' ')

/** A tree WITHOUT the readers' contract (src/trees/tree.ts): paths they would refuse reach the
 * engine and the renderer, which must stay inert on their own. */
function rawTree(label: string, files: Record<string, string>): FileTree {
  return {
    label,
    listCargoFiles: () => Promise.resolve(Object.keys(files)),
    read: (path): Promise<FileRead> => {
      const text = files[path]
      return Promise.resolve(text === undefined ? { kind: 'missing' } : { kind: 'ok', text })
    }
  }
}

/** A TOML basic string: JSON's escapes are all valid TOML escapes. */
const toml = (value: string) => JSON.stringify(value)

interface Pkg {
  name: string
  version: string
  source?: string
}

function lockText(packages: readonly Pkg[]): string {
  const out = ['version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n']
  out.push(`dependencies = [${packages.map((p) => toml(`${p.name} ${p.version}`)).join(', ')}]\n`)
  for (const p of packages) {
    out.push(`\n[[package]]\nname = ${toml(p.name)}\nversion = ${toml(p.version)}\n`)
    if (p.source !== undefined) out.push(`source = ${toml(p.source)}\n`)
  }
  return out.join('')
}

function manifestText(deps: Record<string, string>): string {
  return (
    '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
    Object.entries(deps)
      .map(([key, req]) => `${toml(key)} = ${toml(req)}\n`)
      .join('')
  )
}

/** An advisory for a real crate name whose every text field is hostile. */
function evilRecord(id: string, crate: string): Record<string, unknown> {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2024-01-01T00:00:00Z',
    published: '2024-01-01T00:00:00Z',
    aliases: [`CVE-2099-${id.slice(-4)}`, `GHSA-${EVIL}`],
    summary: EVIL,
    details: `${EVIL}\n\n\`\`\`\n${EVIL}\n\n# ${EVIL}\n\n<details>\n\n${EVIL}\n\n${COMMENT_MARKER}`,
    severity: [{ type: 'CVSS_V3', score: `CVSS:3.1/AV:N ${EVIL}` }],
    affected: [
      {
        package: { ecosystem: 'crates.io', name: crate, purl: `pkg:cargo/${crate}` },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0.0.0-0' }, { fixed: '99.0.0' }] }],
        versions: [EVIL],
        ecosystem_specific: {
          affects: { arch: [EVIL], os: [EVIL], functions: [`${crate}::${EVIL}`] }
        },
        database_specific: { informational: null, categories: [EVIL] }
      }
    ],
    references: [
      { type: 'WEB', url: 'javascript:alert(1)' },
      { type: 'ADVISORY', url: `https://evil.test/${EVIL}` },
      { type: 'PACKAGE', url: 'data:text/html,<script>alert(1)</script>' }
    ],
    database_specific: { license: EVIL }
  }
}

let dir = ''
let source: AdvisorySource

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'car-evil-osv-'))
  await writeFile(
    join(dir, 'RUSTSEC-2099-0001.json'),
    JSON.stringify(evilRecord('RUSTSEC-2099-0001', 'smallvec'))
  )
  await writeFile(
    join(dir, 'RUSTSEC-2099-0002.json'),
    JSON.stringify(evilRecord('RUSTSEC-2099-0002', 'evil-crate'))
  )
  source = createAdvisorySource({ kind: 'path', path: dir })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const SAFE_HREF = /^(https?:\/\/|mailto:)/

/** What GitHub would show for `markdown` holds no live HTML, ping, foreign marker or unsafe link. */
function expectInert(markdown: string, kind: 'comment' | 'summary'): void {
  const html = toHtml(markdown)
  const names = elementNames(html)
  for (const bad of ['img', 'script', 'iframe', 'style', 'input', 'h1', 'h2', 'form'])
    expect(names, bad).not.toContain(bad)
  // Our verdict table at most, and no hostile value adds a row's cell or a table of its own.
  const tables = ownTables(html)
  expect(tables.length).toBeLessThanOrEqual(1)
  for (const table of tables) {
    expect(table[0]).toEqual(VERDICT_TABLE_HEADER)
    for (const row of table) expect(row).toHaveLength(VERDICT_TABLE_HEADER.length)
  }
  expect(names.filter((n) => n === 'details').length).toBe(
    (html.match(/<\/details>/g) ?? []).length
  )
  expect(mentions(html)).toEqual([])
  expect(issueReferences(html)).toEqual([])
  // One HTML comment at most: our marker, first; nothing can open a second or close it early.
  const comments = html.split('<!--').length - 1
  expect(comments).toBe(kind === 'comment' ? 1 : 0)
  if (kind === 'comment') {
    expect(markdown.startsWith(`${COMMENT_MARKER}\n`)).toBe(true)
    // The marker's text may appear again inside a code span (a crate named so), where it is inert:
    // the HTML count above is what matters.
    expect(html.startsWith(COMMENT_MARKER)).toBe(true)
  }
  for (const a of anchors(html)) {
    expect(a.href, a.href).toMatch(SAFE_HREF)
    expect(a.href).not.toMatch(/javascript:|data:/i)
  }
  // Links written in an advisory's own details are its formatting; nothing else may link out.
  const outsideDetails = html.replace(
    /<details><summary>Details<\/summary>[\s\S]*?<\/details>/g,
    ''
  )
  expect(anchors(outsideDetails).filter((a) => a.href.includes('evil'))).toEqual([])
}

function render(report: Report): void {
  expectInert(renderComment(report, { detailsUrl: RUN_URL }), 'comment')
  expectInert(renderSummary(report), 'summary')
}

describe('hostile Cargo files and advisory records, through the whole pipeline', () => {
  it('crafted names, versions, sources and requirements stay inert', async () => {
    const hostile: Pkg[] = [
      ...PAYLOADS.map((p, i) => ({ name: p, version: `1.0.${String(i)}`, source: REGISTRY })),
      ...PAYLOADS.map((p, i) => ({ name: `ok-${String(i)}`, version: p, source: REGISTRY })),
      ...PAYLOADS.map((p, i) => ({
        name: `git-${String(i)}`,
        version: '1.0.0',
        source: `git+https://evil.test/${p}#${p}`
      })),
      { name: 'smallvec', version: '0.6.0', source: REGISTRY },
      { name: 'evil-crate', version: '1.0.0', source: REGISTRY }
    ]
    const deps = Object.fromEntries(PAYLOADS.map((p, i) => [`${p}${String(i)}`, p]))
    const report = await analyze({
      base: rawTree('base', { 'Cargo.toml': manifestText({}), 'Cargo.lock': lockText([]) }),
      head: rawTree('head', {
        'Cargo.toml': manifestText({ ...deps, smallvec: `0.6 ${EVIL}`, 'evil-crate': '1' }),
        'Cargo.lock': lockText(hostile)
      }),
      source
    })
    // The hostile advisories were found and shown, so their texts reached the renderer.
    const ids = report.lockfiles.flatMap((l) =>
      l.changes.flatMap((c) => c.advisories.map((a) => a.id))
    )
    expect(ids).toEqual(expect.arrayContaining(['RUSTSEC-2099-0001', 'RUSTSEC-2099-0002']))
    const marker = report.lockfiles[0]?.changes.find((c) => c.name === COMMENT_MARKER)
    expect(marker?.version).toBe('1.0.0')
    render(report)
  })

  it('a hostile workspace path and lockfile path stay inert', async () => {
    const path = `${EVIL.replace(/[\s\p{Cc}]/gu, '_')}/Cargo.lock`
    const report = await analyze({
      base: rawTree('base', { [path]: lockText([]) }),
      head: rawTree('head', {
        [path]: lockText([{ name: 'smallvec', version: '0.6.0', source: REGISTRY }])
      }),
      source
    })
    expect(report.lockfiles[0]?.path).toBe(path)
    render(report)
  })

  it('a broken hostile file is reported with its path and message, inert', async () => {
    const report = await analyze({
      base: rawTree('base', { 'Cargo.lock': lockText([]) }),
      head: rawTree('head', { 'Cargo.lock': `${EVIL}\n[[package]]\nname = ${toml(EVIL)}` }),
      source
    })
    expect(report.complete).toBe(false)
    render(report)
  })

  const part = fc.constantFrom(...PAYLOADS, 'a', 'serde', '-', '_', '1', '.', ' ', '\n', '"')
  const hostileText = fc.array(part, { minLength: 1, maxLength: 8 }).map((p) => p.join(''))

  it('any mix of hostile names, versions and sources stays inert (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: hostileText, version: hostileText, source: hostileText }), {
          minLength: 1,
          maxLength: 6
        }),
        async (packages) => {
          const withSources = packages.map((p, i) => ({
            name: p.name,
            version: p.version,
            source: i % 2 === 0 ? REGISTRY : `git+https://x.test/${p.source}`
          }))
          const report = await analyze({
            base: rawTree('base', { 'Cargo.lock': lockText([]) }),
            head: rawTree('head', {
              'Cargo.lock': lockText([
                ...withSources,
                { name: 'smallvec', version: '0.6.0', source: REGISTRY }
              ])
            }),
            source
          })
          render(report)
        }
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 60) }
    )
  })
})
