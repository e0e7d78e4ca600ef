// Issue 21, class 3: one version reader for advisories, lockfiles and requirements. Partial
// versions in OSV data are read as the source means them (`1.72` is `1.72.0`); anything still
// unreadable is an unknown that marks the report incomplete and reaches the gate. Records are the
// real GHSA-wrrj-h57r-vx9p (cargo, ECOSYSTEM `fixed: "1.72"`) and GHSA-6g7w-8wpp-frhj (rustls,
// `versions: ["0.20"]`) from test/fixtures/osv/ghsa/crates (github/advisory-database).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/review/analyze.js'
import { evaluateGate, gateFailure } from '../../src/review/gate.js'
import { readVersion } from '../../src/evaluate/version.js'
import { memoryTree, recordSource } from '../helpers/memory-source.js'

const GHSA = new URL('../fixtures/osv/ghsa/crates/', import.meta.url)
function ghsa(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${id}.json`, GHSA), 'utf8')) as Record<string, unknown>
}

function side(label: string, crate: string, version: string | null) {
  const lock = [
    'version = 3',
    '',
    '[[package]]',
    'name = "app"',
    'version = "0.1.0"',
    ...(version === null
      ? []
      : [
          `dependencies = ["${crate}"]`,
          '',
          '[[package]]',
          `name = "${crate}"`,
          `version = "${version}"`,
          'source = "registry+https://github.com/rust-lang/crates.io-index"'
        ]),
    ''
  ].join('\n')
  const dep = version === null ? '' : `${crate} = "=${version}"\n`
  return memoryTree(label, {
    'Cargo.toml': `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n${dep}`,
    'Cargo.lock': lock
  })
}

async function added(record: unknown, crate: string, version: string) {
  const report = await analyze({
    base: side('base', crate, null),
    head: side('head', crate, version),
    source: recordSource([record])
  })
  return { report, change: report.lockfiles[0]?.changes[0], gate: evaluateGate(report) }
}

describe('the version reader (issue 21, class 3)', () => {
  it('reads partial advisory versions with zeros and keeps lockfiles to Cargo’s rule', () => {
    expect(readVersion('1.72', 'advisory').version?.version).toBe('1.72.0')
    expect(readVersion('0.20', 'advisory').version?.version).toBe('0.20.0')
    expect(readVersion('1', 'advisory').version?.version).toBe('1.0.0')
    expect(readVersion('1.72', 'exact').problem).toMatch(/not a version Cargo accepts/)
    for (const bad of ['1.0-beta', '01.2', '1.x', '> 1', 'v1.2.3', '']) {
      expect(readVersion(bad, 'advisory').version).toBeNull()
    }
  })

  it('GHSA `fixed: "1.72"` is 1.72.0: cargo 1.71.1 is affected, 1.72.0 is not', async () => {
    const record = ghsa('GHSA-wrrj-h57r-vx9p')
    const before = await added(record, 'cargo', '1.71.1')
    expect(before.change?.verdict).toBe('introduced')
    expect(before.change?.advisories[0]?.affected_ranges).toEqual(['>=1.60.0, <1.72'])
    const fixed = await added(record, 'cargo', '1.72.0')
    expect(fixed.change?.verdict).toBe('not-affected')
    expect(fixed.report.complete).toBe(true)
  })

  it('GHSA `versions: ["0.20"]` affects rustls 0.20.0', async () => {
    // The record's rustls entries as published; only the `versions` entry names 0.20.
    const { change, gate } = await added(ghsa('GHSA-6g7w-8wpp-frhj'), 'rustls', '0.20.0')
    expect(change?.advisories[0]?.affected).toBe(true)
    expect(gateFailure(gate, 'introduced')).toContain('GHSA-6g7w-8wpp-frhj')
  })

  it('a version still unreadable makes the crate unknown and the report incomplete', async () => {
    const record = ghsa('GHSA-wrrj-h57r-vx9p')
    const affected = record.affected as { ranges: { events: Record<string, string>[] }[] }[]
    const range = affected[0]?.ranges[0]
    if (range === undefined) throw new Error('fixture changed')
    range.events = [{ introduced: '1.0-beta' }, { fixed: '1.72' }]
    const { report, change, gate } = await added(record, 'cargo', '1.71.1')
    expect(change?.verdict).toBe('unknown')
    expect(change?.lookup_error).toContain('"1.0-beta"')
    expect(report.complete).toBe(false)
    expect(report.summary.unknown_crates).toBe(1)
    expect(gate.incomplete).toBe(true)
    expect(gateFailure(gate, 'introduced')).toContain('1.0-beta')
  })

  it('an unreadable part does not hide what the readable part says', async () => {
    const record = ghsa('GHSA-wrrj-h57r-vx9p')
    const affected = record.affected as { versions?: string[] }[]
    if (affected[0] === undefined) throw new Error('fixture changed')
    affected[0].versions = ['1.0-beta']
    // 1.71.1 is inside the readable range: affected, whatever the unreadable entry says.
    const { report, change } = await added(record, 'cargo', '1.71.1')
    expect(change?.verdict).toBe('introduced')
    expect(report.complete).toBe(true)
  })
})
