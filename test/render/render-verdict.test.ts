// The comment that leads with the decision, on synthetic reports: malicious crates first and
// labelled, the fix stated, one line per systemic failure, the unmaintained notice, re-flowed
// details, grouping, and every manifest change visible.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import type { FixAdvice } from '../../src/core/model.js'
import { analyze } from '../../src/review/analyze.js'
import { FIX_MEANING } from '../../src/render/fix.js'
import { renderComment, renderSummary } from '../../src/render/markdown.js'
import { reflowParagraphs } from '../../src/render/reflow.js'
import { directoryTree } from '../../src/trees/directory.js'
import { ownTables, pingableText, toHtml } from '../helpers/gfm.js'
import {
  advisory,
  change,
  lockfile,
  manifest,
  manifestAdvisory,
  manifestChange,
  report
} from '../helpers/report-builder.js'

const fix = (overrides: Partial<FixAdvice>): FixAdvice => ({
  version: null,
  compatible: null,
  command: null,
  newest_compatible: null,
  checked_published: false,
  none_reason: 'no-fixed-version',
  malicious: false,
  kind: overrides.version != null ? 'update' : 'none',
  crate: 'tokio',
  current: '1.23.1',
  manifest_path: null,
  requirements: [],
  parents: [],
  unread: [],
  unmaintained_note: false,
  archived_note: false,
  ...overrides
})

describe('malicious crates', () => {
  const r = report({
    lockfiles: [
      lockfile('Cargo.lock', [
        change({
          name: 'aaa-ordinary',
          advisories: [advisory({ id: 'RUSTSEC-2020-0001', affected: true })],
          fix: fix({
            version: '1.2.0',
            compatible: true,
            command: 'cargo update -p aaa-ordinary@1.0.0 --precise 1.2.0',
            none_reason: null
          })
        }),
        change({
          name: 'internment',
          version: '0.8.7',
          advisories: [
            advisory({
              id: 'RUSTSEC-2026-0266',
              categories: ['malicious'],
              affected_ranges: ['>=0.8.7-0'],
              fixed_ranges: [],
              affected: true
            })
          ],
          fix: fix({ malicious: true, kind: 'remove', crate: 'internment', current: '0.8.7' })
        })
      ])
    ]
  })
  const markdown = renderComment(r)

  it('come first, labelled, with no upgrade advice', () => {
    expect(markdown.indexOf('#### `internment` — **malicious crate**')).toBeGreaterThan(0)
    expect(markdown.indexOf('#### `internment`')).toBeLessThan(
      markdown.indexOf('#### `aaa-ordinary`')
    )
    expect(markdown).toContain('**Kind: malicious crate**')
    expect(markdown).toContain(
      '**Fix:** none: this is a malicious crate (every published version is marked): remove the dependency.'
    )
    expect(markdown).toContain('Fixed in: no fixed version')
    const rows = ownTables(toHtml(markdown))[0] ?? []
    expect(rows[1]?.[0]).toBe('internment — malicious crate')
    expect(rows[1]?.[3]).toBe('none (malicious crate)')
  })

  it('states the fix of an ordinary crate with its command; what a fix is, and that no index was asked, once', () => {
    expect(markdown).toContain('**Fix:** `cargo update -p aaa-ordinary@1.0.0 --precise 1.2.0`.')
    const once = (phrase: string) => markdown.split(phrase).length - 1
    expect(once(FIX_MEANING)).toBe(1)
    expect(
      once(
        'Fix versions are named by the advisories; none was checked against the crates.io index.'
      )
    ).toBe(1)
    expect(markdown).not.toContain('Named by the advisories; not checked')
  })
})

describe('the fix, stated', () => {
  const one = (f: FixAdvice): string =>
    renderComment(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({
              name: 'tokio',
              kind: 'updated',
              previous: '1.23.0',
              version: '1.23.1',
              advisories: [
                advisory({ id: 'RUSTSEC-2025-0023', affected: true, previous_affected: true })
              ],
              fix: f
            })
          ])
        ]
      })
    )

  it('says when the fix needs a requirement change, and what the index confirmed', () => {
    const markdown = one(
      fix({
        kind: 'edit-requirements',
        requirements: [
          {
            crate: 'tokio',
            manifest: 'Cargo.toml',
            section: 'dependencies',
            requirement: '=1.23.1'
          },
          {
            crate: 'tokio',
            manifest: 'app/Cargo.toml',
            section: 'dependencies',
            requirement: '=1.23.1'
          }
        ],
        version: '2.0.0',
        compatible: false,
        command: 'cargo update -p tokio@1.23.1 --precise 2.0.0',
        newest_compatible: null,
        checked_published: true,
        none_reason: null
      })
    )
    expect(markdown).toContain(
      '**Fix:** Raise the requirement `tokio = "=1.23.1"` in `[dependencies]` of `Cargo.toml` (and 1 more) to admit 2.0.0. Then: `cargo update -p tokio@1.23.1 --precise 2.0.0`.'
    )
    expect(markdown).not.toContain('checked against the crates.io index')
    expect(markdown).toContain('| 2.0.0 (requirement change) |')
  })

  it('names an unchecked fix at its crate when other fixes were checked against the index', () => {
    const markdown = renderComment(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({
              name: 'checked',
              advisories: [advisory({ id: 'RUSTSEC-2020-0001', affected: true })],
              fix: fix({
                version: '1.1.0',
                compatible: true,
                command: 'c1',
                checked_published: true,
                none_reason: null
              })
            }),
            change({
              name: 'unchecked',
              advisories: [advisory({ id: 'RUSTSEC-2020-0002', affected: true })],
              fix: fix({ version: '1.2.0', compatible: true, command: 'c2', none_reason: null })
            })
          ])
        ]
      })
    )
    expect(markdown).not.toContain('none was checked against the crates.io index')
    const unchecked = markdown.slice(markdown.indexOf('#### `unchecked`'))
    expect(unchecked).toContain('Named by the advisories; not checked against the crates.io index.')
    const checked = markdown.slice(
      markdown.indexOf('#### `checked`'),
      markdown.indexOf('#### `unchecked`')
    )
    expect(checked).not.toContain('not checked against')
  })

  it('says plainly when there is no fix: none is published, and what the advisory says besides', () => {
    const markdown = one(fix({}))
    expect(markdown).toContain('**Fix:** none: no fixed version is published.')
    expect(markdown).not.toContain('none yet')
    const archived = one(
      fix({
        checked_published: true,
        none_reason: 'no-published-fix',
        archived_note: true,
        unmaintained_note: true
      })
    )
    expect(archived).toContain(
      '**Fix:** none: no fixed version is published (the advisory says the crate is unmaintained; the advisory says its repository is archived).'
    )
    expect(archived).toContain('| none published |')
  })
})

describe('one systemic failure is one line', () => {
  it('groups identical look-up causes and says what to do', () => {
    const cause = 'osv (https://api.osv.dev): getaddrinfo ENOTFOUND api.osv.dev'
    const changes = Array.from({ length: 40 }, (_, i) =>
      change({ name: `crate-${String(i).padStart(2, '0')}`, lookup_error: cause })
    )
    const markdown = renderComment(
      report({
        lockfiles: [lockfile('Cargo.lock', changes)],
        problems: [{ kind: 'lookup-failed', message: `40 crates: ${cause}`, incomplete: true }]
      })
    ).replace(/&#8203;/g, '')
    expect(markdown.split(cause).length - 1).toBe(2) // the notice and the one line
    expect(markdown).toContain(
      `- The advisory look-up failed (${cause}) for 40 crates: \`crate-00\`, `
    )
    expect(markdown).toContain('and 20 more. Every crate is unknown')
    expect(markdown).toContain('set `advisory-source`')
    expect(markdown).not.toContain('Look-up failed:')
    expect(markdown).toContain('40 crates are unknown')
  })
})

describe('the unmaintained notice', () => {
  const r = report({
    lockfiles: [
      lockfile('Cargo.lock', [
        change({ name: 'atty', version: '0.2.14', unmaintained: 'RUSTSEC-2024-0375' }),
        change({
          name: 'old',
          kind: 'updated',
          previous: '1.0.0',
          version: '1.0.1',
          unmaintained: 'RUSTSEC-2024-0001'
        })
      ])
    ]
  })

  it('is hidden by default and, with notice, shown for newly added crates only, never counted', () => {
    expect(renderComment(r)).not.toContain('unmaintained')
    const markdown = renderComment(r, { unmaintained: 'notice' })
    expect(markdown).toContain(
      '- `atty` 0.2.14 (new): This crate has been marked as unmaintained. It is unlikely to receive further updates or fixes. See [RUSTSEC-2024-0375](https://rustsec.org/advisories/RUSTSEC-2024-0375.html) for details and possible alternatives.'
    )
    expect(markdown).not.toContain('RUSTSEC-2024-0001')
    expect(markdown).toContain('✅ **Passes:** this pull request introduces no advisory.')
    expect(renderSummary(r, { unmaintained: 'notice' })).toContain('RUSTSEC-2024-0375')
  })

  it('is found from the real records (atty, the crates.io banner rule)', async () => {
    const dir = 'test/fixtures/cases/rustup-2020-cargo-update'
    const real = await analyze({
      base: directoryTree(join(dir, 'base'), 'base'),
      head: directoryTree(join(dir, 'head'), 'head'),
      source: createAdvisorySource({ kind: 'path', path: 'test/fixtures/osv/rustsec/crates' })
    })
    const atty = real.lockfiles.flatMap((l) => l.changes).find((c) => c.name === 'atty')
    expect(atty?.unmaintained).toMatch(/^RUSTSEC-/)
    // The Security tab's list leaves it out: it is not among the advisories.
    expect(atty?.advisories.map((a) => a.id)).not.toContain(atty?.unmaintained)
  })
})

describe('re-flowed details', () => {
  it('joins hard-wrapped paragraph lines, keeping code, lists, tables and headings', () => {
    const source = [
      'First line of a paragraph',
      'wrapped at 72 columns.',
      '',
      '- an item',
      '  continued',
      '- another',
      '',
      '```rust',
      'let a = 1;',
      'let b = 2;',
      '```',
      '',
      '    indented code',
      '    more code',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '## Heading',
      'text',
      'more text',
      'hard break  ',
      'after'
    ].join('\n')
    expect(reflowParagraphs(source).split('\n')).toEqual([
      'First line of a paragraph wrapped at 72 columns.',
      '',
      '- an item continued',
      '- another',
      '',
      '```rust',
      'let a = 1;',
      'let b = 2;',
      '```',
      '',
      '    indented code',
      '    more code',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '## Heading',
      'text more text hard break  ',
      'after'
    ])
  })

  it('is applied to advisory details in the comment', () => {
    const markdown = renderComment(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({
              name: 'x',
              advisories: [
                advisory({
                  id: 'RUSTSEC-2020-0002',
                  details: 'one\ntwo\nthree',
                  affected: true
                })
              ]
            })
          ])
        ]
      })
    )
    expect(pingableText(toHtml(markdown))).toContain('one two three')
  })
})

describe('grouped, not repeated', () => {
  it('one entry for the same crate change in several lockfiles, one for a requirement in several manifests', () => {
    const bump = () =>
      change({
        name: 'tokio',
        kind: 'updated',
        previous: '1.23.0',
        version: '1.23.1',
        advisories: [
          advisory({ id: 'RUSTSEC-2023-0001', affected: true, previous_affected: false })
        ]
      })
    const req = () =>
      manifestChange({
        name: 'serde',
        kind: 'changed',
        previous_req: '1.0',
        req: '1.1',
        advisories: [manifestAdvisory({ id: 'RUSTSEC-2099-0003', admits_affected: true })]
      })
    const markdown = renderComment(
      report({
        lockfiles: [lockfile('Cargo.lock', [bump()]), lockfile('fuzz/Cargo.lock', [bump()])],
        manifests: [manifest('a/Cargo.toml', [req()]), manifest('b/Cargo.toml', [req()])]
      })
    )
    expect(markdown.match(/^#### `tokio`/gm)).toHaveLength(1)
    expect(markdown).toContain('Lockfiles: `Cargo.lock`, `fuzz/Cargo.lock`')
    expect(markdown.match(/^#### `serde`/gm)).toHaveLength(1)
    expect(markdown).toContain('of `a/Cargo.toml`, `[dependencies]` of `b/Cargo.toml`')
    expect(markdown).toContain(
      '⚠️ **Not gated:** this pull request introduces 1 advisory in 1 crate'
    )
    expect(markdown).toContain('### Introduced by this pull request (1)')
  })
})

describe('every manifest change the report holds is visible (issue 9)', () => {
  const CASES = 'test/fixtures/cases'
  const names = readdirSync(CASES).filter((n) => statSync(join(CASES, n)).isDirectory())

  it('on every fixture case, in the comment', async () => {
    for (const name of names) {
      const r = await analyze({
        base: directoryTree(join(CASES, name, 'base'), 'base'),
        head: directoryTree(join(CASES, name, 'head'), 'head'),
        source: createAdvisorySource({ kind: 'path', path: 'test/fixtures/osv/rustsec/crates' })
      })
      // The job summary lists each; the comment too, unless past 20,000 characters the list of
      // requirement changes gave way to its count and a pointer to the summary (issue 25).
      const comment = renderComment(r)
      const summary = renderSummary(r)
      const pointer = /Requirement changes \(\d+\): listed in the job summary/.test(comment)
      for (const m of r.manifests) {
        for (const c of m.changes) {
          for (const doc of pointer ? [summary] : [comment, summary]) {
            expect(doc, `${name}: ${c.name} in ${m.path}`).toContain(`\`${c.name}\``)
            expect(doc, `${name}: ${m.path}`).toContain(`\`${m.path}\``)
          }
        }
      }
    }
  })

  it('when a crate of the same name changes only in another workspace’s lockfile', () => {
    const markdown = renderComment(
      report({
        lockfiles: [
          lockfile('other/Cargo.lock', [
            change({ name: 'smallvec', kind: 'updated', previous: '1.0.0', version: '1.6.1' })
          ])
        ],
        manifests: [
          manifest('Cargo.toml', [
            manifestChange({
              name: 'smallvec',
              req: '0.6',
              advisories: [manifestAdvisory({ id: 'RUSTSEC-2019-0009', admits_affected: true })]
            })
          ])
        ]
      })
    )
    expect(markdown).toContain('#### `smallvec` `0.6` (added)')
    expect(markdown).toContain('RUSTSEC-2019-0009')
  })
})

describe('the fixture comments as HTML', () => {
  it('open with the verdict sentence and, where something matters, the table', () => {
    const tokio = readFileSync('test/snapshots/cratesio-2023-tokio-1-23-1.md', 'utf8')
    const html = toHtml(tokio)
    expect(html).toContain(
      '<p>✅ <strong>Passes:</strong> this pull request introduces no advisory; 1 crate is still affected, as before (2 advisories); it fixes 1.</p>'
    )
    expect(ownTables(html)).toEqual([
      [
        ['Crate', 'Change', 'Advisories', 'Fix'],
        [
          'tokio',
          '1.23.0 → 1.23.1',
          'still affected by 2 advisories; fixes 1 advisory',
          '1.38.2 (requirement change)'
        ]
      ]
    ])
  })
})
