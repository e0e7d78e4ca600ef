// The comment's content and structure on synthetic reports, checked on the HTML a GFM renderer makes.
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderJson } from '../../src/review/json.js'
import { COMMENT_MARKER, renderComment, renderSummary } from '../../src/render/markdown.js'
import type { Report } from '../../src/core/model.js'
import {
  VERDICT_TABLE_HEADER,
  anchors,
  elementNames,
  ownTables,
  issueReferences,
  mentions,
  pingableText,
  toHtml
} from '../helpers/gfm.js'
import {
  advisory,
  change,
  lockfile,
  manifest,
  manifestAdvisory,
  manifestChange,
  report
} from '../helpers/report-builder.js'

const RUSTSEC = (id: string): string => `https://rustsec.org/advisories/${id}.html`

function mixedReport(): Report {
  return report({
    lockfiles: [
      lockfile('Cargo.lock', [
        change({
          name: 'tar',
          kind: 'updated',
          previous: '0.4.15',
          version: '0.4.21',
          dependency_path: ['app', 'tar'],
          advisories: [
            advisory({
              id: 'RUSTSEC-2021-0080',
              summary: 'Links in archive can create arbitrary directories',
              details: '## Impact\n\nDirectories outside the target.',
              affected_ranges: ['<0.4.36'],
              aliases: ['CVE-2021-38511', 'GHSA-62jx-8vmh-4mcw'],
              cvss: {
                type: 'CVSS_V3',
                vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N',
                calculator_url:
                  'https://www.first.org/cvss/calculator/3.1#CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N'
              },
              functions: ['tar::Archive::unpack'],
              affected: true,
              previous_affected: true
            }),
            advisory({
              id: 'RUSTSEC-2018-0002',
              summary: 'Links in archives can overwrite any existing file',
              affected_ranges: ['<0.4.16'],
              affected: false,
              previous_affected: true
            })
          ]
        }),
        change({
          name: 'arrayfire',
          version: '3.5.1',
          dependency_path: ['app', 'gfx', 'arrayfire'],
          advisories: [
            advisory({
              id: 'RUSTSEC-2018-0011',
              summary: 'Enum repr causing potential memory corruption',
              affected_ranges: ['>=3.5.1-0, <3.6.0'],
              affected_versions: ['3.5.1'],
              os: ['windows'],
              arch: ['x86_64'],
              affected: true
            })
          ]
        }),
        change({
          name: 'tokio',
          kind: 'updated',
          previous: '1.23.0',
          version: '1.23.1',
          advisories: [
            advisory({
              id: 'RUSTSEC-2023-0005',
              summary: 'tokio::io::ReadHalf<T>::unsplit is Unsound',
              informational: 'unsound',
              affected: true,
              previous_affected: false
            })
          ]
        }),
        change({
          name: 'bytes',
          kind: 'updated',
          previous: '1.11.0',
          version: '1.11.1',
          advisories: [
            advisory({ id: 'RUSTSEC-2026-0007', affected: false, previous_affected: true })
          ]
        }),
        change({
          name: 'dotenv',
          kind: 'removed',
          previous: '0.15.0',
          version: null,
          advisories: [advisory({ id: 'RUSTSEC-2099-0001', affected: true })]
        }),
        change({
          name: 'hyper',
          kind: 'updated',
          previous: '0.14.10',
          version: '0.14.20',
          advisories: [
            advisory({
              id: 'RUSTSEC-2016-0002',
              affected_ranges: ['<0.9.4'],
              affected: false,
              previous_affected: false
            })
          ]
        }),
        change({
          name: 'ignored-crate',
          version: '0.1.0',
          advisories: [
            advisory({
              id: 'GHSA-aaaa-bbbb-cccc',
              affected: true,
              ignored: { reason: 'not reachable from our code', matched: 'GHSA-aaaa-bbbb-cccc' }
            })
          ]
        }),
        change({ name: 'libc', kind: 'updated', previous: '0.2.85', version: '0.2.86' }),
        change({ name: 'openssl', kind: 'updated', previous: '0.10.72', version: '0.10.60' }),
        change({
          name: 'servo-fontconfig',
          source:
            'git+https://github.com/jwilm/rust-fontconfig#419135e5e1106ec0973dd4923bd9c70d8e438cc8',
          version: '0.4.0'
        }),
        change({ name: 'mystery', version: '2.0.0', lookup_error: 'osv: HTTP 503' })
      ])
    ],
    problems: [
      { kind: 'lookup-failed', message: 'mystery: osv: HTTP 503', incomplete: true },
      {
        kind: 'ignored-advisory',
        message: 'GHSA-aaaa-bbbb-cccc ignored for ignored-crate 0.1.0: not reachable from our code',
        incomplete: false
      }
    ]
  })
}

describe('renderComment on a mixed change', () => {
  const markdown = renderComment(mixedReport())
  const html = toHtml(markdown)
  if (process.env.DUMP_MIXED !== undefined) writeFileSync(process.env.DUMP_MIXED, markdown)

  it('starts with the marker, says it is incomplete before the overview, and orders sections', () => {
    expect(markdown.startsWith(COMMENT_MARKER + '\n')).toBe(true)
    const order = [
      '⚠️ **Incomplete:**',
      '**This pull request introduces',
      'In `Cargo.lock`:',
      '| Crate | Change | Advisories | Fix |',
      '### Introduced by this pull request (2)',
      '### Still affected (1)',
      '### Advisories unknown (1)',
      '<summary>Fixed by this pull request: 3 advisories in 3 crates</summary>',
      '<summary>Ignored by configuration, not counted (1)</summary>',
      '<summary>Not affected, with an advisory history (1)</summary>',
      '<summary>Not from crates.io, advisories not looked up (1)',
      '<summary>No advisories reported (2)</summary>'
    ].map((heading) => markdown.indexOf(heading))
    expect(order.every((index) => index >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(markdown).toContain('the advisory look-up failed for 1 crate (osv: HTTP 503)')
    // Introduced first: the crate that brings a new advisory, then the one that keeps one.
    expect(markdown.indexOf('#### `arrayfire`')).toBeLessThan(markdown.indexOf('#### `tar`'))
  })

  it('states the facts in plain words, without scores or "safe"', () => {
    expect(markdown).toContain(
      '**This pull request introduces 2 advisories in 2 crates; 1 more crate is still affected, as before; 1 crate is unknown; it fixes 3.**'
    )
    expect(markdown).toContain('In `Cargo.lock`: 4 crates added, 6 updated, 1 removed.')
    expect(markdown).toContain('1 advisory is ignored by configuration and not counted.')
    expect(markdown.toLowerCase()).not.toMatch(/\bsafe\b|score|\bgrade|critical|high severity/)
  })

  it('puts each advisory under what this change does to it, and says what it fixes', () => {
    const text = pingableText(html)
    const introduced = markdown.slice(
      markdown.indexOf('### Introduced by this pull request'),
      markdown.indexOf('### Still affected')
    )
    const still = markdown.slice(
      markdown.indexOf('### Still affected'),
      markdown.indexOf('### Advisories unknown')
    )
    expect(introduced).toContain('#### `arrayfire` 3.5.1 (new)')
    expect(introduced).toContain('[RUSTSEC-2018-0011]')
    expect(introduced).toContain('#### `tokio` 1.23.0 → 1.23.1')
    expect(introduced).toContain('[RUSTSEC-2023-0005]')
    expect(still).toContain('#### `tar` 0.4.15 → 0.4.21')
    expect(still).toContain('[RUSTSEC-2021-0080]')
    expect(still).not.toContain('RUSTSEC-2018-0011')
    // What this change fixes or does not touch is one line each, collapsed.
    expect(markdown).toMatch(/`bytes` 1\.11\.0 → 1\.11\.1: fixes \[RUSTSEC-2026-0007\]/)
    expect(markdown).toMatch(/`dotenv` 0\.15\.0 \(removed\): fixes \[RUSTSEC-2099-0001\]/)
    expect(text).toContain('1 advisory in its history, none affecting 0.14.20')
    expect(markdown).toContain('`openssl` 0.10.72 → 0.10.60 (downgrade)')
  })

  it('shows each advisory as the Security tab does, plus functions and platforms', () => {
    const text = pingableText(html)
    expect(html).toContain('Affected versions: <code>&lt;0.4.36</code>')
    expect(html).toContain('Fixed in: <code>&gt;=0.4.36</code>')
    expect(html).toContain(
      'Affected versions: <code>&gt;=3.5.1, &lt;3.6.0</code>; <code>=3.5.1</code>'
    )
    expect(text).toContain('Kind: unsound (informational)')
    expect(html).toContain(
      'Platforms: only OS <code>windows</code>; architecture <code>x86_64</code>'
    )
    expect(html).toContain('Affected functions: <code>tar::Archive::unpack</code>')
    expect(html).toContain('Dependency path: ')
    expect(html).toContain('<code>app</code> → <code>gfx</code> → <code>arrayfire</code>')
    // A comment this small shows still-affected details too (past 20,000 characters they are on
    // the advisory's page), collapsed, its heading demoted below the crate headings.
    for (const doc of [html, toHtml(renderSummary(mixedReport()))]) {
      expect(doc).toMatch(/<details><summary>Details<\/summary>\s*<blockquote>\s*<h6>Impact<\/h6>/)
    }
  })

  it('links ids, aliases and CVSS vectors to the right places', () => {
    const links = anchors(html)
    const href = (label: string): string[] =>
      links.filter((a) => a.text === label).map((a) => a.href)
    expect(href('RUSTSEC-2021-0080')).toEqual([RUSTSEC('RUSTSEC-2021-0080')])
    expect(href('CVE-2021-38511')).toEqual(['https://nvd.nist.gov/vuln/detail/CVE-2021-38511'])
    expect(href('GHSA-62jx-8vmh-4mcw')).toEqual([
      'https://github.com/advisories/GHSA-62jx-8vmh-4mcw'
    ])
    expect(href('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N')).toEqual([
      'https://www.first.org/cvss/calculator/3.1#CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N'
    ])
    // A non-RustSec id goes to osv.dev.
    expect(href('GHSA-aaaa-bbbb-cccc')).toEqual([
      'https://osv.dev/vulnerability/GHSA-aaaa-bbbb-cccc'
    ])
    // A still-affected crate names what it fixes; the fixed list links it, once.
    expect(href('RUSTSEC-2018-0002')).toEqual([RUSTSEC('RUSTSEC-2018-0002')])
    expect(markdown).toContain('This change also fixes RUSTSEC-2018-0002.')
  })

  it('shows ignored advisories marked with their reason, and every problem', () => {
    // An ignored advisory keeps its verdict and says so; it is in the ignored list only.
    expect(html).toContain(
      '<code>ignored-crate</code> 0.1.0 (new): <a href="https://osv.dev/vulnerability/GHSA-aaaa-bbbb-cccc">GHSA-aaaa-bbbb-cccc</a> would be <strong>introduced</strong> (not reachable from our code)'
    )
    // No internal enum value reaches the reader (issue 25).
    expect(markdown).not.toMatch(/still-affected|not-affected|not-checked|not-gated/)
    expect(markdown.match(/`ignored-crate`/g)).toHaveLength(1)
    // Failed look-ups are one line per cause.
    expect(html).toContain(
      'The advisory look-up failed (osv: HTTP 503) for 1 crate: <code>mystery</code>.'
    )
  })

  it('lists git packages compactly, saying advisories are not looked up, with inert sources', () => {
    expect(markdown).toContain(
      '<summary>Not from crates.io, advisories not looked up (1): git, path, workspace and other-registry packages</summary>'
    )
    expect(html).toContain(
      '<code>git+https://github.com/jwilm/rust-fontconfig#419135e5e1106ec0973dd4923bd9c70d8e438cc8</code>'
    )
  })

  it('is deterministic and does not depend on the order of the changes', () => {
    const shuffled = mixedReport()
    shuffled.lockfiles[0]?.changes.reverse()
    expect(renderComment(shuffled)).toBe(markdown)
    expect(renderSummary(mixedReport())).toBe(renderSummary(shuffled))
  })

  it('renders the summary as the same content without the marker, with every details text', () => {
    const summary = renderSummary(mixedReport())
    expect(summary).not.toContain(COMMENT_MARKER)
    // The comment links still-affected details and lists clean crates by name in one paragraph.
    const strip = (value: string): string =>
      value
        .replace(/<details><summary>Details<\/summary>[\s\S]*?<\/details>\n\n/g, '')
        .replace(/^(Affected before and after|These versions are affected).*$/m, 'INTRO')
        .replace(/<details><summary>No advisories reported[\s\S]*?<\/details>\n/, 'CLEAN\n')
    expect(strip(markdown)).toBe(`${COMMENT_MARKER}\n\n${strip(summary)}`)
    expect(summary).toMatch(/^- `openssl` 0\.10\.72 → 0\.10\.60 \(downgrade\)$/m)
    expect(markdown).toMatch(/`libc`, `openssl` 0\.10\.72 → 0\.10\.60 \(downgrade\)/)
  })
})

describe('renderComment on other reports', () => {
  it('says nothing is affected without calling anything safe, and collapses the clean crates', () => {
    const markdown = renderComment(
      report({
        lockfiles: [lockfile('Cargo.lock', [change({ name: 'dotenvy', version: '0.15.7' })])]
      })
    )
    expect(markdown).toContain('✅ **Passes:** this pull request introduces no advisory.')
    expect(markdown).not.toContain('Incomplete')
    const html = toHtml(markdown)
    expect(html).toContain('<details><summary>No advisories reported (1)</summary>')
    expect(ownTables(html)).toEqual([])
  })

  it('reports unreadable files with path, side, line and column at the top and in Problems', () => {
    const markdown = renderComment(
      report({
        lockfiles: [
          lockfile('sub/Cargo.lock', [], {
            path: 'sub/Cargo.lock',
            side: 'head',
            message: 'Invalid TOML document: expected "=" after a key',
            line: 3,
            column: 7
          })
        ],
        problems: [
          {
            kind: 'unreadable-file',
            message: 'sub/Cargo.lock (head): Invalid TOML document',
            incomplete: true
          }
        ]
      })
    )
    expect(markdown).toContain(
      '⚠️ **Incomplete:** 1 file could not be read (`sub/Cargo.lock`), so its changes are unknown.'
    )
    expect(markdown).toContain(
      '- **Unreadable file:** `sub/Cargo.lock` (head, line 3, column 7) could not be read: Invalid TOML document: expected "=" after a key'
    )
    expect(markdown).toContain('⚠️ **Incomplete:** 1 file could not be read')
    expect(markdown).toContain('**No locked crate changes in this pull request.**')
    // The same file problem is not listed twice.
    expect(markdown.match(/Unreadable file/g)).toHaveLength(1)
  })

  it('says so when advisories were not looked up at all', () => {
    const markdown = renderComment(
      report({
        advisory_source: null,
        complete: false,
        lockfiles: [lockfile('Cargo.lock', [change({ name: 'serde', version: '1.0.0' })])]
      })
    )
    expect(markdown).toContain('⏸️ **Not checked:** advisories were not looked up.')
    // Said once: no second banner repeats it.
    expect(markdown.match(/not looked up/g)).toHaveLength(1)
  })

  it('shows requirement changes of a library without a lockfile, with what each admits', () => {
    const markdown = renderComment(
      report({
        manifests: [
          manifest('Cargo.toml', [
            manifestChange({
              name: 'atty',
              kind: 'changed',
              previous_req: '0.2.2',
              req: '0.2',
              advisories: [
                manifestAdvisory({
                  id: 'RUSTSEC-2021-0145',
                  summary: 'Potential unaligned read',
                  informational: 'unsound',
                  admits_affected: true,
                  previous_admits_affected: true
                })
              ]
            }),
            manifestChange({
              name: 'time',
              kind: 'changed',
              previous_req: '0.1',
              req: '0.3',
              advisories: [
                manifestAdvisory({
                  id: 'RUSTSEC-2020-0071',
                  admits_affected: false,
                  previous_admits_affected: true
                })
              ]
            }),
            manifestChange({
              name: 'ansi_term',
              key: 'ansi-term',
              req: '0.12',
              target: 'cfg(not(windows))'
            }),
            manifestChange({ name: 'local', origin: { kind: 'path', path: '../local' }, req: null })
          ])
        ]
      })
    )
    const html = toHtml(markdown)
    const text = pingableText(html)
    expect(markdown).toContain(
      'No lockfile changed, so each requirement is checked against every version it admits.'
    )
    expect(text).toContain('admits an affected version; the requirement')
    expect(html).toContain(
      'The requirement <code>0.2</code> admits an affected version; the requirement <code>0.2.2</code> did too.'
    )
    // A requirement that no longer admits an affected version is a fix, listed in one line.
    expect(html).toContain(
      '<code>time</code> <code>0.1</code> → <code>0.3</code> in <code>[dependencies]</code> of <code>Cargo.toml</code>: no longer admits versions affected by'
    )
    expect(html).toContain(
      'for target <code>cfg(not(windows))</code> as <code>ansi-term</code>: no advisories have been reported for this crate'
    )
    expect(html).toContain(
      'from path <code>../local</code>: not from crates.io, advisories are not looked up'
    )
  })

  it('shows requirement changes a lockfile change does not cover in full, the others in one line', () => {
    const markdown = renderComment(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({ name: 'serde', kind: 'updated', previous: '1.0.1', version: '1.0.2' })
          ])
        ],
        manifests: [
          manifest('Cargo.toml', [
            manifestChange({
              name: 'serde',
              kind: 'changed',
              previous_req: '1.0.1',
              req: '1.0.2',
              locked_by: { lockfile: 'Cargo.lock', version: '1.0.2', previous: '1.0.1' }
            }),
            manifestChange({ name: 'optional-thing', req: '2' })
          ])
        ]
      })
    )
    expect(markdown).toContain('`optional-thing` `2` (added)')
    // The resolved requirement is named with its lockfile's entry and in the list of changes.
    expect(markdown).toContain(
      '`serde` `1.0.1` → `1.0.2` in `[dependencies]` of `Cargo.toml`: resolved by `Cargo.lock` to 1.0.2'
    )
  })
})

describe('untrusted text', () => {
  const EVIL = [
    '[click](https://evil.test) ![img](https://evil.test/x.png) <img src=x onerror=alert(1)>',
    '<script>alert(1)</script> <!-- cargo-advisory-review --> --> <details><summary>x</summary>',
    '@octocat @org/team #1 GH-2 rust-lang/rust#3 https://evil.test www.evil.test me@evil.test',
    '`` ` ``` | a | b |\n|---|---|\n# heading\n> quote\n- item\n\u202Ereversed\u0000',
    '*emph* _u_ ~~s~~ $x$ &amp; &#64;user \\',
    'x'.repeat(5000)
  ].join(' ')

  function evilReport(): Report {
    const finding = advisory({
      id: 'RUSTSEC-2020-0001',
      summary: EVIL,
      details: `${EVIL}\n\n\`\`\`\n${EVIL}\n\n## ${EVIL}\n\n<details>\n\n${EVIL}`,
      affected_ranges: [EVIL],
      affected_versions: [EVIL],
      aliases: [EVIL, 'CVE-2020-1234'],
      functions: [EVIL],
      os: [EVIL],
      arch: [EVIL],
      cvss: { type: 'CVSS_V3', vector: EVIL, calculator_url: 'javascript:alert(1)' },
      url: 'javascript:alert(1)',
      ignored: null,
      affected: true,
      previous_affected: true
    })
    return report({
      lockfiles: [
        lockfile(EVIL, [
          change({
            name: EVIL,
            kind: 'updated',
            version: EVIL,
            previous: EVIL,
            source: 'crates.io',
            dependency_path: [EVIL, EVIL],
            advisories: [
              finding,
              { ...finding, id: EVIL, affected: false, previous_affected: false }
            ]
          }),
          change({ name: EVIL, version: EVIL, source: EVIL }),
          change({ name: EVIL, version: EVIL, lookup_error: EVIL }),
          change({ name: `${EVIL}2`, version: EVIL })
        ])
      ],
      manifests: [
        manifest(EVIL, [
          manifestChange({
            name: EVIL,
            key: EVIL,
            req: EVIL,
            target: EVIL,
            origin: { kind: 'git', git: EVIL, rev: EVIL, branch: null, tag: null },
            advisories: [
              manifestAdvisory({ id: 'RUSTSEC-2020-0001', details: EVIL, admits_affected: true })
            ]
          })
        ])
      ],
      problems: [{ kind: 'other', message: EVIL, incomplete: true }],
      advisory_source: EVIL
    })
  }

  for (const [name, render] of [
    [
      'comment',
      (r: Report) => renderComment(r, { detailsUrl: 'https://github.com/o/r/actions/runs/1' })
    ],
    ['summary', renderSummary]
  ] as const) {
    it(`renders as inert text in the ${name}`, () => {
      const markdown = render(evilReport())
      const html = toHtml(markdown)
      const allowedHosts = [
        'https://rustsec.org/advisories/RUSTSEC-2020-0001.html',
        'https://nvd.nist.gov/vuln/detail/CVE-2020-1234',
        'https://github.com/o/r/actions/runs/1'
      ]
      for (const a of anchors(html)) {
        // Links inside advisory details are the advisory's own formatting: only those may go elsewhere.
        if (allowedHosts.includes(a.href)) continue
        expect(
          /^(https?:\/\/(www\.)?|mailto:[^@]*@)evil\.test/.test(a.href) ||
            a.href.startsWith('https://osv.dev/vulnerability/')
        ).toBe(true)
      }
      const names = elementNames(html)
      for (const bad of ['img', 'script', 'iframe', 'style', 'input', 'h1', 'h2']) {
        expect(names, bad).not.toContain(bad)
      }
      // Our table only, with its six columns in every row, whatever the names hold.
      const tables = ownTables(html)
      expect(tables).toHaveLength(1)
      for (const row of tables[0] ?? []) expect(row).toHaveLength(VERDICT_TABLE_HEADER.length)
      expect(tables[0]?.[0]).toEqual(VERDICT_TABLE_HEADER)
      expect(names.filter((n) => n === 'details').length).toBe(
        (html.match(/<\/details>/g) ?? []).length
      )
      expect(mentions(html)).toEqual([])
      expect(issueReferences(html)).toEqual([])
      expect(html.split('<!--').length - 1).toBe(name === 'comment' ? 1 : 0)
      // The evil text's links are only in the details block (formatting kept); everywhere else inert.
      const outsideDetails = html.replace(
        /<details><summary>Details<\/summary>[\s\S]*?<\/details>/g,
        ''
      )
      const leaked = anchors(outsideDetails).filter((a) => a.href.includes('evil'))
      expect(leaked).toEqual([])
    })
  }
})

describe('renderJson', () => {
  it('is the report itself, deterministic, with sorted keys and a trailing newline', () => {
    const a = mixedReport()
    const json = renderJson(a)
    expect(JSON.parse(json)).toEqual(a)
    expect(json.endsWith('}\n')).toBe(true)
    expect(json.startsWith('{\n  "advisory_source": ')).toBe(true)
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as Report
    expect(renderJson(reordered)).toBe(json)
  })
})
