import { describe, expect, it } from 'vitest'
import { isCargoFile } from '../../src/trees/tree.js'

describe('isCargoFile', () => {
  it('recognises Cargo files by name only', () => {
    expect(isCargoFile('crates/a/Cargo.toml')).toBe(true)
    expect(isCargoFile('Cargo.lock')).toBe(true)
    expect(isCargoFile('crates/Cargo.toml.orig')).toBe(false)
  })
})
