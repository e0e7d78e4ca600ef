// gate(review, policy): the one decision the action's failure and the CLI's exit code read. Its
// rules are the README's (CLI options and exit codes): a gate that is on fails on what is known
// (exit 1), else is incomplete on what could not be read (exit 3); a gate that is off decides
// nothing; a known failure wins over an unknown.
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/model.js'
import { gate, type OutcomeModes } from '../../src/review/outcome.js'
import { buildReview } from '../../src/review/review.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

const OFF: OutcomeModes = { failOnAffected: 'off', failOnYanked: false }
const INTRODUCED: OutcomeModes = { ...OFF, failOnAffected: 'introduced' }
const ANY: OutcomeModes = { ...OFF, failOnAffected: 'any' }
const YANKED: OutcomeModes = { ...OFF, failOnYanked: true }

const introduced = change({
  name: 'evil-crate',
  version: '1.0.0',
  advisories: [advisory({ id: 'RUSTSEC-2099-0001', affected: true })]
})
const stillAffected = change({
  name: 'old-crate',
  kind: 'updated',
  previous: '1.0.0',
  version: '1.0.1',
  advisories: [advisory({ id: 'RUSTSEC-2099-0003', affected: true, previous_affected: true })]
})
const yanked = change({
  name: 'syn',
  version: '2.0.1',
  yanked: true,
  registry: { status: 'published', note: null }
})
const yankedUnknown = change({
  name: 'quote',
  version: '1.0.40',
  yanked: null,
  registry: { status: 'unknown', note: 'the index answered 500' }
})
const unreadable = (parts: { lockfiles: Report['lockfiles'] }): Report =>
  report({
    ...parts,
    problems: [{ kind: 'unreadable-file', message: 'sub/Cargo.lock: bad TOML', incomplete: true }]
  })

const result = (value: Report, policy: OutcomeModes) => gate(buildReview(value), policy).result

describe('gate(review, policy)', () => {
  it('fail-on-affected: introduced fails under introduced and any, passes when off', () => {
    const value = report({ lockfiles: [lockfile('Cargo.lock', [introduced])] })
    expect(result(value, INTRODUCED)).toBe('fail')
    expect(result(value, ANY)).toBe('fail')
    expect(result(value, OFF)).toBe('pass')
    const decision = gate(buildReview(value), INTRODUCED)
    expect(decision.failures.affected).toMatch(/introduces 1 advisory in 1 crate/)
    expect(decision.failures.yanked).toBeNull()
  })

  it('fail-on-affected: a version affected before and after fails only under any', () => {
    const value = report({ lockfiles: [lockfile('Cargo.lock', [stillAffected])] })
    expect(result(value, INTRODUCED)).toBe('pass')
    expect(result(value, ANY)).toBe('fail')
  })

  it('fail-on-yanked: a yanked version fails, an unknown status is incomplete, off decides nothing', () => {
    const known = report({ lockfiles: [lockfile('Cargo.lock', [yanked])] })
    expect(result(known, YANKED)).toBe('fail')
    expect(gate(buildReview(known), YANKED, 'The change').failures.yanked).toMatch(
      /^The change introduces yanked crate versions:\n {2}- syn 2\.0\.1 \(Cargo\.lock\)/
    )
    expect(result(known, INTRODUCED)).toBe('pass')
    const unknown = report({ lockfiles: [lockfile('Cargo.lock', [yankedUnknown])] })
    expect(result(unknown, YANKED)).toBe('incomplete')
    expect(result(unknown, OFF)).toBe('pass')
  })

  it('an unreadable file makes a gate that is on incomplete, never pass; with no gate on, nothing fails', () => {
    const value = unreadable({ lockfiles: [lockfile('Cargo.lock', [])] })
    expect(result(value, INTRODUCED)).toBe('incomplete')
    expect(result(value, OFF)).toBe('pass')
    // The outcome still says so: unknown is never clean, even where no gate decides.
    expect(gate(buildReview(value), OFF).outcome.status).toBe('incomplete')
  })

  it('a known failure wins over an unknown', () => {
    const value = unreadable({ lockfiles: [lockfile('Cargo.lock', [introduced])] })
    expect(result(value, INTRODUCED)).toBe('fail')
  })

  it('the same crate change in two lockfiles is one unit, counted once', () => {
    const value = report({
      lockfiles: [lockfile('Cargo.lock', [introduced]), lockfile('fuzz/Cargo.lock', [introduced])]
    })
    const review = buildReview(value)
    expect(review.all).toHaveLength(1)
    expect(review.all[0]?.lockfiles).toEqual(['Cargo.lock', 'fuzz/Cargo.lock'])
    expect(review.introduced).toHaveLength(1)
    expect(review.affected.introducedCount).toBe(1)
    expect(review.counts.introduced_crates).toBe(1)
    expect(gate(review, INTRODUCED).failures.affected).toContain(
      'evil-crate 1.0.0 (new) (Cargo.lock, fuzz/Cargo.lock): RUSTSEC-2099-0001'
    )
  })

  it('counts in its messages are written as the comment writes them (1,000, not 1000)', () => {
    const many = Array.from({ length: 1010 }, (_, i) =>
      change({ ...yankedUnknown, name: `crate-${String(i).padStart(4, '0')}` })
    )
    const decision = gate(
      buildReview(report({ lockfiles: [lockfile('Cargo.lock', many)] })),
      YANKED
    )
    expect(decision.result).toBe('incomplete')
    expect(decision.failures.yanked).toMatch(/\n {2}- … and 1,000 more$/)
    expect(decision.outcome.incompleteReasons).toContain(
      'whether 1,010 new versions are yanked is unknown'
    )
  })
})
