// Versions and requirements Cargo refuses (the semver crate's parser), or whose numbers exceed what
// this tool can compare, on crates.io packages: through the whole pipeline they end unknown, with
// a message, and the report is incomplete; never "not affected", never judged.
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/review/analyze.js'
import { evaluateGate } from '../../src/review/gate.js'
import { advisory, memoryTree, recordSource } from '../helpers/memory-source.js'

/** smallvec has one advisory affecting every version below 99.0.0. */
const source = recordSource([
  advisory('RUSTSEC-2099-0200', 'smallvec', [{ introduced: '0' }, { fixed: '99.0.0' }])
])

const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index'
const lock = (version: string): string =>
  `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["smallvec"]\n\n` +
  `[[package]]\nname = "smallvec"\nversion = ${JSON.stringify(version)}\nsource = "${REGISTRY}"\n`
const manifest = (req: string): string =>
  `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nsmallvec = ${JSON.stringify(req)}\n`

describe('a crates.io lockfile version Cargo refuses is unknown', () => {
  it.for([
    '1.6.0 ',
    'v1.6.0',
    '1.6',
    '01.6.0',
    '1.6.0-01',
    '1.6.0+',
    '=1.6.0',
    '9007199254740993.0.0',
    '18446744073709551616.0.0'
  ])('%j', async (version) => {
    const report = await analyze({
      base: memoryTree('base', {}),
      head: memoryTree('head', { 'Cargo.lock': lock(version) }),
      source
    })
    const change = report.lockfiles[0]?.changes.find((c) => c.name === 'smallvec')
    expect(change?.version).toBe(version)
    expect(change?.lookup_error).toContain(JSON.stringify(version))
    expect(change?.advisories.some((a) => !a.affected)).toBe(false)
    expect(report.complete).toBe(false)
    const problem = report.problems.find((p) => p.kind === 'unreadable-version')
    expect(problem?.incomplete).toBe(true)
    expect(problem?.message).toContain('smallvec')
    expect(evaluateGate(report).incomplete).toBe(true)
  })

  it('a valid version is judged as before', async () => {
    const report = await analyze({
      base: memoryTree('base', {}),
      head: memoryTree('head', { 'Cargo.lock': lock('1.6.0') }),
      source
    })
    const change = report.lockfiles[0]?.changes.find((c) => c.name === 'smallvec')
    expect(change?.lookup_error).toBeNull()
    expect(change?.advisories.map((a) => a.affected)).toEqual([true])
    expect(report.complete).toBe(true)
  })
})

describe('a crates.io requirement Cargo refuses is unknown, never judged', () => {
  it.for(['=*', '>=*', '^*', '~*', '*, >=1.0', '1.0 2.0', '>=9007199254740992', 'v1'])(
    '%j',
    async (req) => {
      const report = await analyze({
        base: memoryTree('base', { 'Cargo.toml': manifest('0.6') }),
        head: memoryTree('head', { 'Cargo.toml': manifest(req) }),
        source
      })
      const change = report.manifests[0]?.changes.find((c) => c.name === 'smallvec')
      expect(change?.req).toBe(req)
      expect(change?.advisories).toEqual([])
      expect(change?.lookup_error).toContain(JSON.stringify(req))
      expect(report.complete).toBe(false)
      expect(report.problems.some((p) => p.kind === 'unreadable-version' && p.incomplete)).toBe(
        true
      )
    }
  )

  it('`*` on its own is read and judged', async () => {
    const report = await analyze({
      base: memoryTree('base', { 'Cargo.toml': manifest('0.6') }),
      head: memoryTree('head', { 'Cargo.toml': manifest('*') }),
      source
    })
    const change = report.manifests[0]?.changes.find((c) => c.name === 'smallvec')
    expect(change?.lookup_error).toBeNull()
    expect(change?.advisories.map((a) => a.admits_affected)).toEqual([true])
    expect(report.complete).toBe(true)
  })
})
