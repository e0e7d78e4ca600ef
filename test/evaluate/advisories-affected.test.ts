// "Affected" evaluation: real records' edge cases, the tab notation, and a property test against a
// literal reading of the OSV schema's evaluation pseudo-code with an independent SemVer comparator.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildMatcher,
  entriesForCrate,
  formatInterval,
  isAffected,
  rangeIntervals
} from '../../src/evaluate/affected.js'
import { OsvRecordSchema, type OsvEvent, type OsvRecord } from '../../src/advisories/schema.js'

const OSV = join(import.meta.dirname, '..', 'fixtures', 'osv')
function record(id: string): OsvRecord {
  const dir = id.startsWith('RUSTSEC') ? 'rustsec' : 'ghsa'
  return OsvRecordSchema.parse(
    JSON.parse(readFileSync(join(OSV, dir, 'crates', `${id}.json`), 'utf8'))
  )
}
function matcherFor(id: string, crate: string) {
  return buildMatcher(entriesForCrate(record(id), crate))
}

describe('real records', () => {
  it('reads RustSec empty ranges (introduced X, fixed X) as affecting nothing', () => {
    const rustls = matcherFor('RUSTSEC-2024-0399', 'rustls')
    expect(rustls.notation).toEqual(['>=0.23.13, <0.23.18'])
    expect(isAffected(rustls, '0.23.0')).toBe(false)
    expect(isAffected(rustls, '0.23.5')).toBe(false)
    expect(isAffected(rustls, '0.23.13')).toBe(true)
    expect(isAffected(rustls, '0.23.17')).toBe(true)
    expect(isAffected(rustls, '0.23.18')).toBe(false)

    const arrow2 = matcherFor('RUSTSEC-2022-0012', 'arrow2')
    expect(arrow2.notation).toEqual(['<0.7.1', '>=0.8.0, <0.8.2', '>=0.9.0, <0.9.2'])
    expect(isAffected(arrow2, '0.10.0')).toBe(false)
    expect(isAffected(arrow2, '0.9.1')).toBe(true)
    expect(isAffected(arrow2, '0.7.1')).toBe(false)
  })

  it('honours pre-release bounds (RUSTSEC-2018-0011: introduced 3.5.1-0)', () => {
    const m = matcherFor('RUSTSEC-2018-0011', 'arrayfire')
    expect(m.notation).toEqual(['>=3.5.1-0, <3.6.0'])
    expect(isAffected(m, '3.5.0')).toBe(false)
    expect(isAffected(m, '3.5.1-alpha')).toBe(true)
    expect(isAffected(m, '3.5.1')).toBe(true)
    expect(isAffected(m, '3.6.0-rc.1')).toBe(true)
    expect(isAffected(m, '3.6.0')).toBe(false)
  })

  it('reads GHSA last_affected inclusively (GHSA-r98r-j25q-rmpr, failure)', () => {
    const m = matcherFor('GHSA-r98r-j25q-rmpr', 'failure')
    expect(m.notation).toEqual(['<=0.1.8'])
    expect(isAffected(m, '0.1.8')).toBe(true)
    expect(isAffected(m, '0.1.8+build')).toBe(true)
    expect(isAffected(m, '0.1.9')).toBe(false)
  })

  it('reads only the crates.io entries of a multi-ecosystem record', () => {
    const russh = record('GHSA-45x7-px36-x8w8')
    const entries = entriesForCrate(russh, 'russh')
    expect(entries.length).toBe(1)
    expect(entriesForCrate(russh, 'paramiko')).toEqual([])
  })

  it('shows an introduced-only range (withdrawn GHSA-74w3-p89x-ffgh) as from the start', () => {
    expect(matcherFor('GHSA-74w3-p89x-ffgh', 'ansi_term').notation).toEqual(['all versions'])
  })

  it('ignores build metadata on crate versions (openssl-src 300.x+3.x)', () => {
    const m = matcherFor('RUSTSEC-2023-0013', 'openssl-src')
    expect(isAffected(m, '300.0.11+3.0.7')).toBe(isAffected(m, '300.0.11'))
  })

  it('matches an invalid crate version only through the versions list', () => {
    const m = buildMatcher([
      {
        package: { ecosystem: 'crates.io', name: 'x' },
        severity: [],
        versions: ['not-semver'],
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }]
      }
    ])
    expect(isAffected(m, 'not-semver')).toBe(true)
    expect(isAffected(m, 'v1.0.0')).toBe(false)
    expect(isAffected(m, '1.0.0')).toBe(true)
  })
})

describe('notation', () => {
  const fmt = (events: OsvEvent[]) => rangeIntervals(events).map(formatInterval)
  it('writes the tab notation, and what the tab leaves out', () => {
    expect(fmt([{ introduced: '0.0.0-0' }, { fixed: '0.7.46' }])).toEqual(['<0.7.46'])
    expect(fmt([{ introduced: '1.2.0' }])).toEqual(['>=1.2.0'])
    expect(fmt([{ introduced: '0' }])).toEqual(['all versions'])
    expect(fmt([{ introduced: '0.0.0-0' }])).toEqual(['all versions'])
    expect(fmt([{ introduced: '0' }, { last_affected: '1.4.0' }])).toEqual(['<=1.4.0'])
    expect(fmt([{ introduced: '1.0.0' }, { last_affected: '1.4.0' }])).toEqual(['>=1.0.0, <=1.4.0'])
    expect(fmt([{ introduced: '1.0.0' }, { limit: '2.0.0' }])).toEqual(['>=1.0.0, <2.0.0'])
    expect(fmt([{ introduced: '1.0.0' }, { fixed: 'garbage' }])).toEqual(['>=1.0.0'])
    // Events out of order in the file are sorted first.
    expect(fmt([{ fixed: '2.0.0' }, { introduced: '1.0.0' }])).toEqual(['>=1.0.0, <2.0.0'])
  })
})

// ---- property test against the spec's pseudo-code -------------------------------------------

/** Independent SemVer 2.0 precedence (§11), build metadata ignored. */
function parseRef(text: string): { main: number[]; pre: string[] } | null {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text)
  if (m === null) return null
  return { main: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] }
}
function cmpRef(a: string, b: string): number {
  const x = parseRef(a)!
  const y = parseRef(b)!
  for (let i = 0; i < 3; i++) if (x.main[i] !== y.main[i]) return x.main[i]! - y.main[i]!
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i]!
    const q = y.pre[i]!
    if (p === q) continue
    const pn = /^\d+$/.test(p)
    const qn = /^\d+$/.test(q)
    if (pn && qn) return Number(p) - Number(q)
    if (pn) return -1
    if (qn) return 1
    return p < q ? -1 : 1
  }
  return x.pre.length - y.pre.length
}

function bruteForce(events: OsvEvent[], v: string): boolean {
  type E = { kind: string; value: string }
  const valid: E[] = []
  for (const e of events) {
    const entries = Object.entries(e).filter(([, value]) => value !== undefined)
    if (entries.length !== 1) continue
    const [kind, value] = entries[0] as [string, string]
    if (kind === 'limit' && value === '*') valid.push({ kind, value })
    else if (kind === 'introduced' && value === '0') valid.push({ kind, value })
    else if (parseRef(value) !== null) valid.push({ kind, value })
  }
  const key = (e: E) => (e.value === '0' || e.value === '*' ? null : e.value)
  // BeforeLimits
  const limits = valid.filter((e) => e.kind === 'limit')
  if (limits.length > 0 && !limits.some((l) => l.value === '*' || cmpRef(v, l.value) < 0)) {
    return false
  }
  const sorted = valid
    .filter((e) => e.kind !== 'limit')
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const ka = key(a.e)
      const kb = key(b.e)
      const c = ka === null ? (kb === null ? 0 : -1) : kb === null ? 1 : cmpRef(ka, kb)
      return c !== 0 ? c : a.i - b.i
    })
    .map(({ e }) => e)
  let vulnerable = false
  for (const evt of sorted) {
    if (evt.kind === 'introduced' && (evt.value === '0' || cmpRef(v, evt.value) >= 0)) {
      vulnerable = true
    } else if (evt.kind === 'fixed' && cmpRef(v, evt.value) >= 0) vulnerable = false
    else if (evt.kind === 'last_affected' && cmpRef(v, evt.value) > 0) vulnerable = false
  }
  return vulnerable
}

const PRE = ['', '-0', '-alpha', '-alpha.1', '-alpha.2', '-alpha.10', '-beta', '-1', '-alpha.beta']
const BUILD = ['', '', '', '+build.1', '+1.5.1']
const version = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 2 }),
    fc.constantFrom(...PRE),
    fc.constantFrom(...BUILD)
  )
  .map(([a, b, c, pre, build]) => `${String(a)}.${String(b)}.${String(c)}${pre}${build}`)
const event: fc.Arbitrary<OsvEvent> = fc.oneof(
  { weight: 4, arbitrary: version.map((v) => ({ introduced: v })) },
  { weight: 1, arbitrary: fc.constantFrom({ introduced: '0' }, { introduced: '0.0.0-0' }) },
  { weight: 4, arbitrary: version.map((v) => ({ fixed: v })) },
  { weight: 2, arbitrary: version.map((v) => ({ last_affected: v })) },
  { weight: 1, arbitrary: version.map((v) => ({ limit: v })) },
  { weight: 1, arbitrary: fc.constant({ limit: '*' }) },
  { weight: 1, arbitrary: fc.constantFrom({ fixed: '1.x' }, { introduced: 'v1.0.0' }) },
  { weight: 1, arbitrary: version.map((v) => ({ introduced: v, fixed: v })) }
)

describe('range evaluation vs the spec pseudo-code', () => {
  it('agrees on every generated version, pre-releases and build metadata included', () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 7 }),
        fc.array(version, { minLength: 1, maxLength: 12 }),
        (events, versions) => {
          const m = buildMatcher([
            {
              package: { ecosystem: 'crates.io', name: 'x' },
              severity: [],
              versions: [],
              ranges: [{ type: 'SEMVER', events }]
            }
          ])
          for (const v of versions) expect(isAffected(m, v)).toBe(bruteForce(events, v))
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('produces the same verdicts from ECOSYSTEM ranges and ignores GIT ranges', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 5 }), version, (events, v) => {
        const entry = (type: string) => ({
          package: { ecosystem: 'crates.io', name: 'x' },
          severity: [],
          versions: [],
          ranges: [{ type, events }]
        })
        expect(isAffected(buildMatcher([entry('ECOSYSTEM')]), v)).toBe(bruteForce(events, v))
        expect(isAffected(buildMatcher([entry('GIT')]), v)).toBe(false)
      })
    )
  })
})
