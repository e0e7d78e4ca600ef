// One number format: formatCount writes integers as en-US does, without loading ICU; the oracle
// is ICU itself (Number.prototype.toLocaleString), here in the test only.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCount, plural } from '../../src/core/plural.js'

describe('formatCount', () => {
  it('writes any safe integer as toLocaleString("en-US") does', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().map((n) => n * (n % 2 === 0 ? 1 : -1)),
        (n) => {
          expect(formatCount(n)).toBe(n.toLocaleString('en-US'))
        }
      ),
      { numRuns: 2000 }
    )
    for (const n of [0, 7, 999, 1000, 1274, 65_536, 1_000_000, -1000]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'))
    }
  })

  it('counts with the noun: "1 crate", "1,274 crates"', () => {
    expect(plural(1, 'crate')).toBe('1 crate')
    expect(plural(1274, 'crate')).toBe('1,274 crates')
    expect(plural(2, 'advisory', 'advisories')).toBe('2 advisories')
  })
})
