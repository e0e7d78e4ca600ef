// The first line states the outcome and its reason, for every outcome (issue 25), and says the
// same in the comment, the job summary, the failure message's first line and the CLI's text.
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/model.js'
import { outcomeLine, renderComment, renderSummary } from '../../src/render/markdown.js'
import { renderText } from '../../src/render/terminal-text.js'
import { gate, type OutcomeModes } from '../../src/review/outcome.js'
import { buildReview } from '../../src/review/review.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'
import { toHtml } from '../helpers/gfm.js'

const GATED: OutcomeModes = { failOnAffected: 'introduced', failOnYanked: true }

const affected = change({
  name: 'evil-crate',
  version: '1.0.0',
  advisories: [advisory({ id: 'RUSTSEC-2099-0001', affected: true })]
})
const malicious = change({
  name: 'typosquat',
  version: '0.1.0',
  advisories: [advisory({ id: 'RUSTSEC-2099-0002', affected: true, categories: ['malicious'] })]
})
const yanked = change({
  name: 'syn',
  version: '2.0.1',
  yanked: true,
  registry: { status: 'published', note: null }
})
const clean = change({ name: 'serde', version: '1.0.200' })

const cases: [string, Report, OutcomeModes, string][] = [
  [
    'passes',
    report({ lockfiles: [lockfile('Cargo.lock', [clean])] }),
    GATED,
    '✅ Passes: this pull request introduces no advisory.'
  ],
  [
    'fails on what was introduced',
    report({ lockfiles: [lockfile('Cargo.lock', [affected, clean])] }),
    GATED,
    '❌ Fails: this pull request introduces 1 advisory in 1 crate (evil-crate).'
  ],
  [
    'fails on a malicious crate',
    report({ lockfiles: [lockfile('Cargo.lock', [malicious])] }),
    GATED,
    '❌ Fails: this pull request adds 1 malicious crate (typosquat).'
  ],
  [
    'fails on a yanked version though nothing is introduced',
    report({ lockfiles: [lockfile('Cargo.lock', [yanked, clean])] }),
    GATED,
    '❌ Fails: this pull request adds 1 yanked version (syn 2.0.1); it introduces no advisory.'
  ],
  [
    'incomplete, naming what could not be read',
    report({
      complete: false,
      lockfiles: [
        {
          ...lockfile('sub/Cargo.lock', []),
          error: {
            path: 'sub/Cargo.lock',
            side: 'head',
            message: 'bad TOML',
            line: null,
            column: null
          }
        }
      ],
      problems: [{ kind: 'unreadable-file', message: 'sub/Cargo.lock: bad TOML', incomplete: true }]
    }),
    GATED,
    '⚠️ Incomplete: 1 file could not be read (sub/Cargo.lock), so its changes are unknown. Advisories may exist that this comment does not show.'
  ],
  [
    'not gated: introduced, with fail-on-affected off',
    report({ lockfiles: [lockfile('Cargo.lock', [affected])] }),
    { failOnAffected: 'off', failOnYanked: false },
    '⚠️ Not gated: this pull request introduces 1 advisory in 1 crate (evil-crate), which no gate fails on (fail-on-affected is off).'
  ],
  [
    'not checked',
    report({
      advisory_source: null,
      complete: false,
      lockfiles: [lockfile('Cargo.lock', [clean])]
    }),
    GATED,
    '⏸️ Not checked: advisories were not looked up.'
  ]
]

describe.each(cases)('the first line: %s', (_, value, gates, line) => {
  const outcome = gate(buildReview(value), gates).outcome

  it('opens the comment and the job summary, rendered by GitHub as one paragraph', () => {
    for (const doc of [renderComment(value, { outcome }), renderSummary(value, { outcome })]) {
      const html = toHtml(doc)
      const first = /<h3>Dependency advisories<\/h3>\n<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''
      const words = first
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
      expect(words).toBe(line)
      // Stated once: no second banner says the same outcome.
      expect(doc.split(/\*\*(Passes|Fails|Incomplete|Not gated|Not checked):\*\*/).length).toBe(3)
    }
  })

  it("is the failure message's first line and the CLI text's first line, in the same words", () => {
    // Plain text drops the mark and the code spans; the words are the comment's.
    const plain = line.replace(/^\S+ /, '')
    expect(outcomeLine(value, outcome)).toBe(plain)
    const cli = renderText(value, { colour: false, outcome }).split('\n')[0]
    expect(cli).toBe(
      plain
        .replace(/this pull request/g, 'this change')
        .replace(/this comment/g, 'this report')
        .replace('(fail-on-affected is off)', '(--fail-on-affected is off)')
    )
  })
})

describe('one outage, one statement', () => {
  it('the failed look-ups name the cause; the outage is not also "1 other problem"', () => {
    const cause = 'api.osv.dev: unavailable (HTTP 503 on 3 attempts)'
    const value = report({
      complete: false,
      lockfiles: [
        lockfile('Cargo.lock', [
          change({ name: 'serde', version: '1.0.200', lookup_error: cause, verdict: 'unknown' }),
          change({ name: 'syn', version: '2.0.1', lookup_error: cause, verdict: 'unknown' })
        ])
      ],
      problems: [{ kind: 'source-unavailable', message: cause, incomplete: true }]
    })
    const outcome = gate(buildReview(value), GATED).outcome
    const comment = renderComment(value, { outcome })
    const first = comment.split('\n\n')[2] ?? ''
    expect(first).toMatch(/^⚠️ \*\*Incomplete:\*\* the advisory look-up failed for 2 crates \(/)
    expect(first).not.toContain('other problem')
    expect(first.split('HTTP 503').length - 1).toBe(1)
  })
})
