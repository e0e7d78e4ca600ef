// Say each thing once: the same version of a crate reached from different versions in two
// lockfiles is one table row naming both changes and its lockfile count, and the advisory's block
// (its facts and details) is shown once; the other entry refers to it.
import { describe, expect, it } from 'vitest'
import { renderComment } from '../../src/render/markdown.js'
import { ownTables, toHtml, VERDICT_TABLE_HEADER } from '../helpers/gfm.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

// RUSTSEC-2021-0003 (smallvec `insert_many` buffer overflow): affected `>=0.6.3, <0.6.14`,
// `>=1.0.0, <1.6.1` in the RustSec export.
const finding = (previousAffected: boolean) =>
  advisory({
    id: 'RUSTSEC-2021-0003',
    aliases: ['CVE-2021-25900', 'GHSA-43w2-9j62-hq99'],
    affected_ranges: ['>=0.6.3, <0.6.14', '>=1.0.0, <1.6.1'],
    details: 'A bug in `SmallVec::insert_many` caused it to allocate a buffer that was too small.',
    affected: true,
    previous_affected: previousAffected
  })

const twoLockfiles = report({
  lockfiles: [
    lockfile('app/Cargo.lock', [
      change({
        name: 'smallvec',
        kind: 'updated',
        previous: '0.6.14',
        version: '1.6.0',
        advisories: [finding(false)]
      })
    ]),
    lockfile('tool/Cargo.lock', [
      change({
        name: 'smallvec',
        kind: 'updated',
        previous: '1.4.0',
        version: '1.6.0',
        advisories: [finding(true)]
      })
    ])
  ]
})

describe('one crate version reached from two versions in two lockfiles', () => {
  const comment = renderComment(twoLockfiles)
  const html = toHtml(comment)

  it('is one table row with both changes, its lockfile count and the advisory once', () => {
    const [table] = ownTables(html)
    expect(table).toEqual([
      VERDICT_TABLE_HEADER,
      [
        'smallvec (2 lockfiles)',
        '0.6.14 → 1.6.0; 1.4.0 → 1.6.0',
        'introduces RUSTSEC-2021-0003',
        // The builder's changes carry no fix (the engine computes it): the cell says none.
        '–'
      ]
    ])
  })

  it('shows the advisory block once; the other entry refers to it', () => {
    expect(comment.split('- Affected versions:').length - 1).toBe(1)
    expect(comment.split('<details><summary>Details</summary>').length - 1).toBe(1)
    expect(comment).toContain('— as shown above, at `smallvec` 0.6.14 → 1.6.0.')
  })

  it('keeps the counting unit: an introduced crate change and a still-affected one', () => {
    expect(twoLockfiles.summary.introduced_crates).toBe(1)
    expect(twoLockfiles.summary.still_affected_crates).toBe(1)
    expect(comment).toContain('introduces 1 advisory in 1 crate')
  })
})
