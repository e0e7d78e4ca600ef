// How an index line's `yanked` field reads, as Cargo reads it: `IndexPackage.yanked` is an
// `Option<bool>` (absent and `null` are both None) and a version is yanked only when
// `yanked.unwrap_or(false)` is true (rust-lang/cargo crates/cargo-util-schemas/src/index.rs;
// src/cargo/sources/registry/index/mod.rs, IndexSummary::parse). The oracle is that rule.
import { describe, expect, it } from 'vitest'
import { parseIndexFile } from '../../src/advisories/crates-index/lines.js'
import { publishedReleases, versionFacts } from '../../src/advisories/crates-index/facts.js'

const base = { name: 'tar', vers: '0.4.16', deps: [], cksum: 'x', features: {} }
const cargoYanked = (value: unknown): boolean => value === true

describe('the index line `yanked` field, as Cargo reads it', () => {
  it.each([
    ['absent', base],
    ['null', { ...base, yanked: null }],
    ['false', { ...base, yanked: false }],
    ['true', { ...base, yanked: true }]
  ])('%s: yanked exactly when Cargo yanks it; the version is known either way', (_, line) => {
    const body = `${JSON.stringify(line)}\n`
    const file = parseIndexFile(body, 'tar')
    const want = cargoYanked((line as { yanked?: unknown }).yanked)
    expect(file.skipped).toEqual([])
    expect(file.versions[0]?.yanked).toBe(want)
    const facts = versionFacts('tar', '0.4.16', { kind: 'found', file })
    expect(facts.yanked).toBe(want)
    expect(facts.registry.status).toBe('published')
    expect(publishedReleases({ kind: 'found', file })).toEqual([
      { version: '0.4.16', yanked: want }
    ])
  })

  it('a field of another type is not an index entry (unknown, never "not yanked")', () => {
    const file = parseIndexFile(`${JSON.stringify({ ...base, yanked: 'no' })}\n`, 'tar')
    expect(file.versions).toEqual([])
    expect(file.skipped[0]).toMatch(/not an index entry/)
    expect(versionFacts('tar', '0.4.16', { kind: 'found', file }).yanked).toBeNull()
  })
})
