// The Security tab's selection and folding, on the real RustSec export plus the GHSA sample.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { selectAdvisories, type CrateAdvisory } from '../../src/evaluate/security-tab.js'
import type { OsvRecord } from '../../src/advisories/schema.js'
import { OsvRecordSchema } from '../../src/advisories/schema.js'
import { GHSA_DIR, RUSTSEC_DIR, loadRecords } from '../helpers/fake-osv.js'

const OSV_DIR = join(import.meta.dirname, '..', 'fixtures', 'osv')
const ghsaRecords = loadRecords([GHSA_DIR]).map((r) => OsvRecordSchema.parse(r.raw))
const ghsaCrates = [...new Set(loadRecords([GHSA_DIR]).flatMap((r) => [...r.crates]))].sort()

let both: Map<string, OsvRecord[]>
let rustsecOnly: Map<string, OsvRecord[]>
beforeAll(async () => {
  // The whole osv/ folder holds both databases, as the OSV API would answer.
  both = (await createAdvisorySource({ kind: 'path', path: OSV_DIR }).lookup(ghsaCrates)).records
  rustsecOnly = (await createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR }).lookup(ghsaCrates))
    .records
})

const select = (crate: string): CrateAdvisory[] => selectAdvisories(crate, both.get(crate) ?? [])
const ids = (list: CrateAdvisory[]) => list.map((a) => a.info.id)

describe('folding GHSA into RustSec', () => {
  it('keeps one entry per issue, keyed by the RUSTSEC id, with the GHSA id among aliases', () => {
    const tar = select('tar')
    expect(ids(tar)).toEqual(ids(selectAdvisories('tar', rustsecOnly.get('tar') ?? [])))
    const entry = tar.find((a) => a.info.id === 'RUSTSEC-2021-0080')!
    expect(entry.info.aliases).toContain('GHSA-62jx-8vmh-4mcw')
    expect(entry.info.databases).toEqual(['GHSA', 'RUSTSEC'])
    expect(entry.info.url).toBe('https://rustsec.org/advisories/RUSTSEC-2021-0080.html')
  })

  it('folds GHSA-458v-4hrf-g3m4 (two crates, two RUSTSEC records) into each, never merging them', () => {
    const socket2 = select('socket2').find((a) => a.info.id === 'RUSTSEC-2020-0079')!
    const net2 = select('net2').find((a) => a.info.id === 'RUSTSEC-2020-0078')!
    expect(socket2.info.aliases).toContain('GHSA-458v-4hrf-g3m4')
    expect(net2.info.aliases).toContain('GHSA-458v-4hrf-g3m4')
    expect(ids(select('socket2'))).not.toContain('GHSA-458v-4hrf-g3m4')
    expect(socket2.info.informational).toBe('unsound')
  })

  it('GHSA-r98r-j25q-rmpr follows each RUSTSEC record naming it: hidden with the unmaintained one', () => {
    const failure = select('failure')
    expect(ids(failure)).toContain('RUSTSEC-2019-0036')
    expect(ids(failure)).not.toContain('RUSTSEC-2020-0036') // unmaintained
    expect(ids(failure)).not.toContain('GHSA-r98r-j25q-rmpr')
    const kept = failure.find((a) => a.info.id === 'RUSTSEC-2019-0036')!
    expect(kept.info.aliases).toContain('GHSA-r98r-j25q-rmpr')
    // The verdict and notation are RustSec's (all versions), not GHSA's `<=0.1.8`.
    expect(kept.info.affected_ranges).toEqual(['all versions'])
  })

  it('hides a GHSA whose RustSec record is withdrawn (tower-http GHSA-wwh2-r387-g5rm)', () => {
    const towerHttp = select('tower-http')
    expect(ids(towerHttp)).toEqual(['RUSTSEC-2022-0043'])
    expect(towerHttp[0]!.info.aliases).toContain('GHSA-qrqq-9c63-xfrg')
  })

  it('hides the withdrawn GHSA-74w3-p89x-ffgh (ansi_term)', () => {
    expect(ids(select('ansi_term'))).toEqual([])
  })

  it('shows a GHSA with no RustSec counterpart on its own, reading only its crates.io entry', () => {
    const terrapin = select('russh').find((a) => a.info.id === 'GHSA-45x7-px36-x8w8')!
    expect(terrapin.info.url).toBe('https://osv.dev/vulnerability/GHSA-45x7-px36-x8w8')
    expect(terrapin.info.databases).toEqual(['GHSA'])
    // Three affected entries (Go, PyPI, crates.io): only the crates.io one is read.
    expect(terrapin.info.affected_ranges.length).toBe(1)
  })

  it('never merges two RustSec records naming the same GHSA (synthetic, same crate)', () => {
    const make = (id: string, aliases: string[]): OsvRecord =>
      OsvRecordSchema.parse({
        id,
        aliases,
        affected: [
          {
            package: { ecosystem: 'crates.io', name: 'demo' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0.0.0-0' }, { fixed: '1.0.0' }] }]
          }
        ]
      })
    const out = selectAdvisories('demo', [
      make('RUSTSEC-2099-0001', ['GHSA-aaaa-bbbb-cccc']),
      make('RUSTSEC-2099-0002', ['GHSA-aaaa-bbbb-cccc']),
      make('GHSA-aaaa-bbbb-cccc', [])
    ])
    expect(ids(out)).toEqual(['RUSTSEC-2099-0001', 'RUSTSEC-2099-0002'])
    for (const a of out) expect(a.info.aliases).toEqual(['GHSA-aaaa-bbbb-cccc'])
  })

  it('across the GHSA sample: same RUSTSEC entries and verdicts with or without GHSA data', () => {
    for (const crate of ghsaCrates) {
      const withGhsa = select(crate)
      const without = selectAdvisories(crate, rustsecOnly.get(crate) ?? [])
      const rustsec = withGhsa.filter((a) => a.info.id.startsWith('RUSTSEC-'))
      expect(ids(rustsec), crate).toEqual(ids(without))
      rustsec.forEach((a, i) => {
        expect(a.info.affected_ranges).toEqual(without[i]!.info.affected_ranges)
      })
      // Every GHSA shown alone has no RUSTSEC record of this crate that names it or that it names.
      for (const standalone of withGhsa.filter((a) => !a.info.id.startsWith('RUSTSEC-'))) {
        const linked = (rustsecOnly.get(crate) ?? []).some(
          (r) => r.aliases.includes(standalone.info.id) || standalone.info.aliases.includes(r.id)
        )
        expect(linked, `${crate} ${standalone.info.id}`).toBe(false)
      }
    }
  })

  it('prefers a CVSS v4 vector over v3 across folded records', () => {
    for (const crate of ghsaCrates) {
      for (const a of select(crate)) {
        const types = a.info.severity.map((s) => s.type)
        const expected = types.includes('CVSS_V4')
          ? 'CVSS_V4'
          : types.includes('CVSS_V3')
            ? 'CVSS_V3'
            : types.includes('CVSS_V2')
              ? 'CVSS_V2'
              : null
        expect(a.info.cvss?.type ?? null).toBe(expected)
        if (a.info.cvss?.type === 'CVSS_V3') {
          expect(a.info.cvss.calculator_url).toMatch(
            /^https:\/\/www\.first\.org\/cvss\/calculator\/3\.[01]#CVSS:3/
          )
        }
      }
    }
  })

  it('collects affected functions from RustSec and GHSA entries', () => {
    const tar = select('tar').find((a) => a.info.id === 'RUSTSEC-2021-0080')!
    expect(tar.info.functions).toContain('tar::Archive::unpack')
  })

  it('skips GHSA sample records of other ecosystems entirely', () => {
    expect(ghsaRecords.length).toBe(61)
    expect(selectAdvisories('paramiko', ghsaRecords)).toEqual([])
  })
})
