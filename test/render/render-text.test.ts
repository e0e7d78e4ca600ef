// `--format text`: hostile text cannot drive the terminal, the verdict comes first in every case,
// the fixed versions shown are the advisories' own `fixed` events, advisories are grouped by
// verdict with the fix advice, colour follows the conventions.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderText, supportsColour } from '../../src/render/terminal-text.js'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { analyze } from '../../src/review/analyze.js'
import { selectAdvisories } from '../../src/evaluate/security-tab.js'
import { OsvRecordSchema } from '../../src/advisories/schema.js'
import { directoryTree } from '../../src/trees/directory.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import {
  advisory,
  change,
  lockfile,
  manifest,
  manifestChange,
  report
} from '../helpers/report-builder.js'

const ESC = '\u001b'
/** Every C0/C1 control except the line feed, plus bidi and other invisible format characters. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u

const HOSTILE = [
  `${ESC}[31mred${ESC}[0m`,
  `${ESC}]0;pwned title\u0007`,
  `${ESC}]8;;https://evil.example/\u0007click${ESC}]8;;\u0007`,
  '\u009b2J', // C1 CSI: clear screen
  'line\nbreak\rreturn',
  'bidi \u202eevil\u202c',
  '<b>&amp;</b> @user #1'
]

describe('renderText with hostile input', () => {
  it('prints no control character, escape sequence or bidi override, in any field', () => {
    for (const evil of HOSTILE) {
      const text = renderText(
        report({
          lockfiles: [
            lockfile(`${evil}/Cargo.lock`, [
              change({
                name: `crate${evil}`,
                kind: 'updated',
                version: `1.0.1${evil}`,
                previous: '1.0.0',
                dependency_path: ['app', `mid${evil}`, `crate${evil}`],
                advisories: [
                  advisory({
                    id: `RUSTSEC-2099-0001${evil}`,
                    summary: `summary ${evil}`,
                    aliases: [`CVE-${evil}`],
                    affected_ranges: [`<2.0.0${evil}`],
                    url: `https://rustsec.org/${evil}`,
                    affected: true,
                    previous_affected: false,
                    ignored: null
                  })
                ],
                lookup_error: null
              }),
              change({ name: 'other', lookup_error: `timeout ${evil}` })
            ])
          ],
          manifests: [
            manifest(`m${evil}/Cargo.toml`, [
              manifestChange({ name: `dep${evil}`, req: `^1${evil}`, target: `cfg(${evil})` })
            ])
          ],
          problems: [{ kind: 'other', message: `problem ${evil}`, incomplete: true }]
        }),
        { colour: false }
      )
      expect(text, JSON.stringify(evil)).not.toMatch(CONTROL)
      expect(text).not.toContain(ESC)
      // Plain text: nothing is entity-escaped or broken with zero-width spaces.
      expect(text).not.toMatch(/&lt;|&gt;|&#|\u200b/)
    }
  })

  it('colour adds only SGR sequences of its own', () => {
    const evil = HOSTILE[0]!
    const text = renderText(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({
              name: `x${evil}`,
              advisories: [advisory({ id: 'RUSTSEC-2099-0001', affected: true })]
            })
          ])
        ]
      }),
      { colour: true }
    )
    const sequences = [...text.matchAll(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'))].map((m) => m[0])
    expect(sequences.length).toBeGreaterThan(0)
    // Only bold/dim/red/green/yellow and their resets; the crate's own `[31m` became inert text.
    for (const sequence of sequences) expect(sequence.slice(1)).toMatch(/^\[(1|2|22|31|32|33|39)m$/)
    expect(text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')).not.toContain(ESC)
  })
})

describe('the verdict line comes first', () => {
  const affected = change({
    name: 'a',
    advisories: [advisory({ id: 'RUSTSEC-2099-0001', affected: true })]
  })
  it.each([
    [
      'introduced',
      report({ lockfiles: [lockfile('Cargo.lock', [affected])] }),
      /^Not gated: this change introduces 1 advisory in 1 crate \(a\), which no gate fails on \(--fail-on-affected is off\)\.$/
    ],
    [
      'clean',
      report({ lockfiles: [lockfile('Cargo.lock', [change({ name: 'b' })])] }),
      /^Passes: this change introduces no advisory\.$/
    ],
    ['nothing changed', report({}), /^Passes: no locked crate changes in this change\.$/],
    [
      'not looked up',
      report({
        lockfiles: [lockfile('Cargo.lock', [change({ name: 'b' })])],
        advisory_source: null
      }),
      /^Not checked: advisories were not looked up\.$/
    ]
  ])('%s', (_, value, first) => {
    expect(renderText(value, { colour: false }).split('\n')[0]).toMatch(first)
  })

  it('an incomplete report says so right after the verdict, with the reasons', () => {
    const lines = renderText(
      report({
        lockfiles: [lockfile('Cargo.lock', [change({ name: 'b' })])],
        problems: [
          { kind: 'lookup-failed', message: 'OSV timed out', incomplete: true },
          { kind: 'unreadable-file', message: 'x/Cargo.lock could not be read', incomplete: true }
        ]
      }),
      { colour: false }
    ).split('\n')
    // The first line is the outcome and says what is unknown; no line of zero counts repeats it.
    expect(lines[0]).toBe(
      'Incomplete: see Problems below. Advisories may exist that this report does not show.'
    )
    expect(lines.slice(1, 3)).toEqual(['  - OSV timed out', '  - x/Cargo.lock could not be read'])
  })
})

describe('crate lines', () => {
  it('say added, removed, updated and downgraded', () => {
    const text = renderText(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({ name: 'a', kind: 'added', version: '1.0.0' }),
            change({ name: 'b', kind: 'removed', version: null, previous: '2.0.0' }),
            change({ name: 'c', kind: 'updated', version: '1.1.0', previous: '1.0.0' }),
            change({ name: 'd', kind: 'updated', version: '0.9.0', previous: '1.0.0' })
          ])
        ]
      }),
      { colour: false }
    )
    expect(text).toMatch(/^ {2}a 1\.0\.0 \(added\) {2}/m)
    expect(text).toMatch(/^ {2}b 2\.0\.0 \(removed\) {2}/m)
    expect(text).toMatch(/^ {2}c 1\.0\.0 → 1\.1\.0 {2}/m)
    expect(text).toMatch(/^ {2}d 1\.0\.0 → 0\.9\.0 \(downgrade\) {2}/m)
  })
})

describe('fixed versions', () => {
  it('the lower bounds of `fixed_ranges` are the `fixed` events of the raw OSV records, for every crate of the RustSec export', () => {
    // Independent oracle: the records' own events, not the ranges the renderer prints.
    let checked = 0
    for (const file of readdirSync(RUSTSEC_DIR)) {
      const record = JSON.parse(readFileSync(join(RUSTSEC_DIR, file), 'utf8')) as {
        withdrawn?: string
        affected?: {
          package?: { name?: string; ecosystem?: string }
          ranges?: { type: string; events: Record<string, string>[] }[]
        }[]
      }
      for (const affected of record.affected ?? []) {
        const name = affected.package?.name
        if (name === undefined || affected.package?.ecosystem !== 'crates.io') continue
        const selected = selectAdvisories(name, [OsvRecordSchema.parse(record)]).find((a) =>
          file.startsWith(a.info.id)
        )
        if (selected === undefined) continue
        const fixed = new Set(
          (affected.ranges ?? [])
            .filter((range) => range.type === 'SEMVER')
            .flatMap((range) => {
              // A fix equal to its own `introduced` closes an empty range: nothing was affected.
              let introduced: string | undefined
              return range.events.map((event) => {
                if (event.introduced !== undefined) introduced = event.introduced
                return event.fixed !== introduced ? event.fixed : undefined
              })
            })
            .filter((version): version is string => version !== undefined)
        )
        const lower = selected.info.fixed_ranges.map((range) => /^>=([^,\s]+)/.exec(range)?.[1])
        expect(new Set(lower), `${file} ${name}`).toEqual(fixed)
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(900)
  })
})

describe('supportsColour', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false]
  ])('%j on a terminal: %s → %s', (env, tty, want) => {
    expect(supportsColour(env, tty)).toBe(want)
  })
})

describe('a real case as text', () => {
  it('tokio 1.23.0 → 1.23.1: each advisory with id, ranges, fixed versions and its URL', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'cases', 'cratesio-2023-tokio-1-23-1')
    const value = await analyze({
      base: directoryTree(join(dir, 'base'), 'base'),
      head: directoryTree(join(dir, 'head'), 'head'),
      source: createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
    })
    const text = renderText(value, { colour: false })
    for (const id of ['RUSTSEC-2023-0005', 'RUSTSEC-2025-0023', 'RUSTSEC-2023-0001']) {
      expect(text).toContain(`https://rustsec.org/advisories/${id}.html`)
    }
    expect(text).toMatch(
      /^ {2}tokio 1\.23\.0 → 1\.23\.1 {2}\(Cargo\.lock; via cargo-registry → tokio\)$/m
    )
    // The model's `fixed_ranges`, the fix advice, and the advisories grouped by verdict.
    expect(text).toContain('fixed in: >=1.18.4, <1.19.0; >=1.20.3, <1.21.0; >=1.23.1')
    expect(text).toContain(
      // crates.io pins `tokio = "=1.23.1"` (four entries in two manifests): Cargo refuses a bare --precise.
      'fix: Raise the requirement tokio = "=1.23.1" in [dependencies] of Cargo.toml (and 3 more) to admit 1.38.2. Then: cargo update -p tokio@1.23.1 --precise 1.38.2.'
    )
    const block = text.slice(text.indexOf('  tokio 1.23.0'), text.indexOf('    fix: '))
    expect(block.indexOf('still affected, as before: 2 advisories')).toBeLessThan(
      block.indexOf('fixed by this change: 1 advisory')
    )
    expect(block.indexOf('RUSTSEC-2023-0001')).toBeGreaterThan(
      block.indexOf('fixed by this change')
    )
  })
})

describe('advisories grouped by verdict, with the fix advice', () => {
  const malicious = advisory({
    id: 'RUSTSEC-2099-0009',
    categories: ['malicious'],
    affected_ranges: ['>=0.0.0-0'],
    affected: true,
    previous_affected: null
  })
  const ordinary = advisory({
    id: 'RUSTSEC-2099-0001',
    affected_ranges: ['<2.0.0'],
    affected: true,
    previous_affected: false
  })
  const noFix = {
    version: null,
    compatible: null,
    command: null,
    newest_compatible: null,
    checked_published: false,
    none_reason: 'no-fixed-version' as const,
    kind: 'none' as const,
    crate: 'kept',
    current: '1.0.1',
    manifest_path: null,
    requirements: [],
    parents: [],
    unread: [],
    unmaintained_note: false,
    archived_note: false
  }

  it('introduced first, malicious first within a group, "no fix" said plainly', () => {
    const text = renderText(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({
              name: 'evil',
              kind: 'added',
              version: '1.0.0',
              previous: null,
              advisories: [ordinary, malicious],
              fix: { ...noFix, malicious: true, kind: 'remove', crate: 'evil', current: '1.0.0' }
            }),
            change({
              name: 'kept',
              kind: 'updated',
              version: '1.0.1',
              previous: '1.0.0',
              advisories: [advisory({ ...ordinary, previous_affected: true })],
              fix: { ...noFix, malicious: false }
            })
          ])
        ]
      }),
      { colour: false }
    )
    expect(text.split('\n')[0]).toBe(
      'Not gated: this change introduces 2 advisories in 1 crate (evil), which no gate fails on (--fail-on-affected is off); 1 more crate is still affected, as before.'
    )
    const introduced = text.indexOf('\nIntroduced: 1 crate')
    const still = text.indexOf('\nStill affected: 1 crate')
    expect(introduced).toBeGreaterThan(-1)
    expect(still).toBeGreaterThan(introduced)
    expect(text.indexOf('RUSTSEC-2099-0009 [malicious crate]')).toBeLessThan(
      text.indexOf('RUSTSEC-2099-0001')
    )
    expect(text).toContain('1.0.0 is affected (new in this change)')
    expect(text).toContain(
      'fix: none: this is a malicious crate (every published version is marked): remove the dependency.'
    )
    expect(text).toContain('fix: none: no fixed version is published.')
    expect(text).toContain('fixed in: no fixed version is known')
  })

  it('a fix that needs a requirement change says so', () => {
    const text = renderText(
      report({
        lockfiles: [
          lockfile('Cargo.lock', [
            change({
              name: 'a',
              kind: 'updated',
              version: '1.0.1',
              previous: '1.0.0',
              advisories: [ordinary],
              fix: {
                ...noFix,
                kind: 'edit-requirements',
                crate: 'a',
                requirements: [
                  {
                    crate: 'a',
                    manifest: 'Cargo.toml',
                    section: 'dependencies',
                    requirement: '1.0.1'
                  }
                ],
                version: '2.0.0',
                compatible: false,
                command: 'cargo update -p a@1.0.1 --precise 2.0.0',
                checked_published: true,
                malicious: false,
                none_reason: null
              }
            })
          ])
        ]
      }),
      { colour: false }
    )
    expect(text).toContain(
      '    fix: Raise the requirement a = "1.0.1" in [dependencies] of Cargo.toml to admit 2.0.0. Then: cargo update -p a@1.0.1 --precise 2.0.0.\n'
    )
  })
})
