// A RUSTSEC record and the GHSA record it lists as an alias are one advisory in every count: the
// report's summary, the first line, the gate's failure message, the overview and the CLI's text.
// The engine folds them per crate; here the GHSA record reaches a second crate on its own (it names
// that crate and the RUSTSEC record does not), as OSV serves such records.
import { describe, expect, it } from 'vitest'
import { renderComment } from '../../src/render/markdown.js'
import { renderText } from '../../src/render/terminal-text.js'
import { evaluateGate, gateFailure } from '../../src/review/gate.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

const RUSTSEC = 'RUSTSEC-2021-0139'
const GHSA = 'GHSA-g98v-hv3f-hcfr'

function twoCrates(verdict: 'introduced' | 'fixed') {
  const added = verdict === 'introduced'
  const finding = (id: string, aliases: string[]) =>
    advisory({
      id,
      aliases,
      affected_ranges: ['<1.0.0'],
      affected: added,
      previous_affected: added ? null : true
    })
  const kind = added ? ('added' as const) : ('updated' as const)
  const at = (name: string) => ({
    name,
    kind,
    previous: added ? null : '0.1.0',
    version: added ? '0.2.0' : '1.0.0'
  })
  return report({
    lockfiles: [
      lockfile('Cargo.lock', [
        change({ ...at('ansi_term'), advisories: [finding(RUSTSEC, [GHSA])] }),
        change({ ...at('ansi_term_fork'), advisories: [finding(GHSA, [])] })
      ])
    ]
  })
}

describe('an advisory under two ids in two crates', () => {
  it('is one introduced advisory in the summary, the first line, the gate and the CLI', () => {
    const r = twoCrates('introduced')
    expect(r.summary.introduced_ids).toEqual([RUSTSEC])
    expect(r.summary.affected_advisories).toBe(1)
    expect(r.summary.introduced_crates).toBe(2)
    const comment = renderComment(r)
    expect(comment).toContain('introduces 1 advisory in 2 crates')
    const gate = evaluateGate(r)
    expect(gate.introducedIds).toEqual([RUSTSEC])
    expect(gateFailure(gate)).toContain(`introduces 1 advisory in 2 crates (${RUSTSEC})`)
    const text = renderText(r, { colour: false })
    expect(text).toContain('introduces 1 advisory in 2 crates')
    expect(text).not.toContain('2 advisories')
    // Each crate still shows the record it was found under, with its own link.
    expect(comment).toContain(`[${GHSA}](`)
  })

  it('is one fixed advisory in the summary and the fixed list', () => {
    const r = twoCrates('fixed')
    expect(r.summary.fixed_ids).toEqual([RUSTSEC])
    expect(r.summary.fixed_advisories).toBe(1)
    const comment = renderComment(r)
    expect(comment).toContain('Fixed by this pull request: 1 advisory in 2 crates')
    expect(comment).toContain('it fixes 1')
  })
})

describe('two RUSTSEC records naming the same GHSA', () => {
  it('stay two advisories (they cover different crates), as the engine keeps them', () => {
    // Real shape (test/fixtures/osv/rustsec): RUSTSEC-2020-0078 (net2) and RUSTSEC-2020-0079
    // (socket2) both list GHSA-458v-4hrf-g3m4, whose record names both crates.
    const finding = (id: string) =>
      advisory({
        id,
        aliases: ['GHSA-458v-4hrf-g3m4'],
        affected_ranges: ['<1.0.0'],
        affected: true
      })
    const r = report({
      lockfiles: [
        lockfile('Cargo.lock', [
          change({
            name: 'socket2',
            kind: 'added',
            version: '0.3.0',
            advisories: [finding('RUSTSEC-2020-0079')]
          }),
          change({
            name: 'net2',
            kind: 'added',
            version: '0.2.0',
            advisories: [finding('RUSTSEC-2020-0078')]
          })
        ])
      ]
    })
    expect(r.summary.introduced_ids).toEqual(['RUSTSEC-2020-0078', 'RUSTSEC-2020-0079'])
    expect(renderComment(r)).toContain('introduces 2 advisories in 2 crates')
  })
})
