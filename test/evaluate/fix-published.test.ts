// The fix advice with the crates.io index: the smallest PUBLISHED, NON-YANKED version at or above
// the new one that no shown advisory affects, and the newest `^`-compatible such version, checked
// against a brute-force search with `semver` over random release lists (in publication order, not
// SemVer order) and random advisory ranges.
import fc from 'fast-check'
import semver from 'semver'
import { describe, expect, it } from 'vitest'
import { OsvAffectedSchema } from '../../src/advisories/schema.js'
import { buildMatcher } from '../../src/evaluate/affected.js'
import { fixAdvice } from '../../src/evaluate/fix.js'

const version = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 3 })
  )
  .map(([a, b, c]) => `${String(a)}.${String(b)}.${String(c)}`)

/** One range: [introduced, fixed) with introduced < fixed, or from 0. */
const range = fc
  .tuple(fc.option(version, { nil: null }), version)
  .filter(([lo, hi]) => lo === null || semver.lt(lo, hi))

const scenario = fc.record({
  current: version,
  published: fc.uniqueArray(fc.record({ version, yanked: fc.boolean() }), {
    selector: (p) => p.version,
    maxLength: 30
  }),
  ranges: fc.array(range, { minLength: 1, maxLength: 3 })
})

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

function bruteForce(s: Scenario): { smallest: string | null; newest: string | null } {
  const affected = (v: string) =>
    s.ranges.some(([lo, hi]) => (lo === null || semver.gte(v, lo)) && semver.lt(v, hi))
  const free = s.published
    .filter((p) => !p.yanked && semver.gte(p.version, s.current) && !affected(p.version))
    .map((p) => p.version)
    .sort(semver.compare)
  const compatible = free.filter((v) => semver.satisfies(v, `^${s.current}`))
  return { smallest: free[0] ?? null, newest: compatible.at(-1) ?? null }
}

function matchersOf(s: Scenario) {
  return s.ranges.map(([lo, hi]) =>
    buildMatcher([
      OsvAffectedSchema.parse({
        package: { ecosystem: 'crates.io', name: 'demo' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: lo ?? '0' }, { fixed: hi }] }]
      })
    ])
  )
}

describe('fix advice with the crates.io index', () => {
  it('agrees with a brute-force search over published, non-yanked releases', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const advice = fixAdvice('demo', s.current, matchersOf(s), s.published)
        const oracle = bruteForce(s)
        expect(advice.version).toBe(oracle.smallest)
        expect(advice.newest_compatible).toBe(oracle.newest)
        expect(advice.checked_published).toBe(true)
        if (oracle.smallest === null) expect(advice.none_reason).toBe('no-published-fix')
        else {
          expect(advice.compatible).toBe(semver.satisfies(oracle.smallest, `^${s.current}`))
          expect(advice.command).toBe(
            `cargo update -p demo@${s.current} --precise ${oracle.smallest}`
          )
        }
      }),
      { numRuns: 500 }
    )
  })

  it('never recommends a yanked release, even the only fixed one', () => {
    const s: Scenario = {
      current: '1.0.0',
      published: [
        { version: '1.0.0', yanked: false },
        { version: '1.0.1', yanked: true }
      ],
      ranges: [[null, '1.0.1']]
    }
    const advice = fixAdvice('demo', s.current, matchersOf(s), s.published)
    expect(advice.version).toBeNull()
    expect(advice.none_reason).toBe('no-published-fix')
  })
})
