// "Downgrade" is Cargo's word: `cargo update` prints "Downgrading" exactly when the old version's
// SemVer precedence is greater than the new one's (cargo/src/cargo/ops/cargo_update.rs:
// `removed.version().cmp_precedence(added.version()) == Ordering::Greater`), so build metadata
// never makes a downgrade, and only texts Cargo reads as versions are compared.
import { describe, expect, it } from 'vitest'
import semver from 'semver'
import { isDowngrade } from '../../src/review/units.js'

const change = (previous: string, version: string) => ({ previous, version })

describe('a downgrade is a lower version in Cargo’s order', () => {
  it.each([
    ['1.2.3', '1.2.2'],
    ['10.0.0', '9.0.0'],
    ['1.0.0', '1.0.0-rc.1'],
    // Numeric pre-release identifiers compare as numbers: alpha.10 is after alpha.9.
    ['1.0.0-alpha.10', '1.0.0-alpha.9'],
    ['1.0.0-beta', '1.0.0-alpha.1']
  ])('%s → %s is a downgrade', (previous, version) => {
    expect(isDowngrade(change(previous, version))).toBe(true)
  })

  it.each([
    ['1.2.2', '1.2.3'],
    ['1.0.0-rc.1', '1.0.0'],
    // Only build metadata differs: Cargo says "Updating" whichever way it goes.
    ['1.0.0+b', '1.0.0+a'],
    ['0.14.2+1.5.1', '0.14.2+1.4.0']
  ])('%s → %s is not', (previous, version) => {
    expect(isDowngrade(change(previous, version))).toBe(false)
  })

  it('texts Cargo does not read as versions are never compared (npm’s semver would accept them)', () => {
    for (const [previous, version] of [
      ['v2.0.0', '1.0.0'],
      [' 2.0.0', '1.0.0']
    ] as const) {
      // The npm reading would call these downgrades; Cargo rejects the old text outright.
      expect(semver.valid(previous)).not.toBeNull()
      expect(isDowngrade(change(previous, version))).toBe(false)
    }
  })
})
