// Ranges read as a Cargo user writes them (no semver `-0` bounds), and verdicts as words.
import { describe, expect, it } from 'vitest'
import { cargoRange } from '../../src/render/ranges.js'

describe('cargoRange', () => {
  it.each([
    ['>=0.20.2, <0.21.0-0', '>=0.20.2, <0.21.0'],
    ['>=0.4.0-0, <0.4.2', '>=0.4.0, <0.4.2'],
    ['<1.0.0-0', '<1.0.0'],
    // A real pre-release is kept: only the bare `-0` bound goes.
    ['>=1.0.0-0.3, <1.0.0-alpha', '>=1.0.0-0.3, <1.0.0-alpha'],
    ['>=2.0.0-rc.1', '>=2.0.0-rc.1'],
    ['=0.3.0', '=0.3.0']
  ])('%s → %s', (range, shown) => {
    expect(cargoRange(range)).toBe(shown)
  })
})
