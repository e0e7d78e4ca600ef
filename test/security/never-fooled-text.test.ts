// Issue 21, class 7: hostile advisory text is clipped to the limit before any work that grows with
// it, and re-flow is linear. The text is the real details of RUSTSEC-2022-0042
// (test/fixtures/osv/rustsec/crates, hard-wrapped at 80 columns as RustSec writes them), its
// paragraph lines repeated into one 20,000-line paragraph.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderComment, renderSummary } from '../../src/render/markdown.js'
import { reflowParagraphs } from '../../src/render/reflow.js'
import { MAX_DETAILS_CHARS } from '../../src/render/limits.js'
import { pingableText, toHtml } from '../helpers/gfm.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

const record = JSON.parse(
  readFileSync(
    new URL('../fixtures/osv/rustsec/crates/RUSTSEC-2022-0042.json', import.meta.url),
    'utf8'
  )
) as { details: string }
// The lines of its first paragraph, wrapped as the record wraps them.
const wrapped = (record.details.split('\n\n')[0] ?? '').split('\n')

function hardWrapped(count: number): string[] {
  return Array.from({ length: count }, (_, i) => wrapped[i % wrapped.length] ?? '')
}

describe('hostile advisory details (issue 21, class 7)', () => {
  it('a 20,000-line paragraph re-flows into one line holding every line, in order', () => {
    const lines = hardWrapped(20_000)
    const out = reflowParagraphs(lines.join('\n'))
    expect(out.split('\n')).toHaveLength(1)
    expect(out).toBe(lines.map((line) => line.trimStart()).join(' '))
  })

  it('the job summary shows the clipped start of a 20,000-line paragraph, not an empty block', () => {
    const details = hardWrapped(20_000).join('\n')
    expect(details.length).toBeGreaterThan(20 * MAX_DETAILS_CHARS)
    // The comment's budget (20,000 characters) leaves a 20,000-character details text on the
    // advisory's page and says so; the job summary keeps the full detail, clipped as here.
    const r = report({
      lockfiles: [
        lockfile('Cargo.lock', [
          change({
            name: 'rustdecimal',
            version: '1.23.1',
            advisories: [advisory({ id: 'RUSTSEC-2022-0042', details, affected: true })]
          })
        ])
      ]
    })
    const comment = renderComment(r)
    expect(comment).toContain('*To fit, some entries below are shortened')
    expect(comment).toContain('**[RUSTSEC-2022-0042](')
    const markdown = renderSummary(r)
    const text = pingableText(toHtml(markdown))
    // The record's first two lines end and start "… on" / "2022-05-02 of …": joined with a space
    // because the paragraph was clipped first, then re-flowed.
    expect(wrapped[0]?.endsWith(' on')).toBe(true)
    expect(text.includes('on 2022-05-02 of the existence of the malicious crate')).toBe(true)
    expect(markdown).toContain('The details are longer; they were shortened here.')
    const block =
      /<details><summary>Details<\/summary>([\s\S]*?)<\/details>/.exec(markdown)?.[1] ?? ''
    expect(block.length).toBeGreaterThan(MAX_DETAILS_CHARS / 2)
    // The clipped source, escaped: a little over the limit, never the whole text.
    expect(block.length).toBeLessThan(MAX_DETAILS_CHARS * 1.25)
  })
})
