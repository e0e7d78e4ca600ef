// Cargo requirements: the Cargo book's examples, node-semver as an independent oracle on release
// versions, and admitsAffected against brute force over a universe closed under its witnesses.
import fc from 'fast-check'
import semver from 'semver'
import { describe, expect, it } from 'vitest'
import { buildMatcher } from '../../src/evaluate/affected.js'
import type { OsvEvent } from '../../src/advisories/schema.js'
import {
  admitsAffected,
  parseCargoReq,
  readCargoReq,
  reqMatches
} from '../../src/evaluate/requirement.js'
import { parseVersion, versionProblem, type Version } from '../../src/evaluate/version.js'
import { translatedMatches } from '../helpers/cargo-eval.js'

function matches(req: string, version: string): boolean {
  const parsed = parseCargoReq(req)
  if (parsed === null) throw new Error(`unparsable ${req}`)
  return reqMatches(parsed, parseVersion(version)!)
}

describe('Cargo requirement syntax (Cargo book, "Specifying dependencies")', () => {
  it.each([
    ['1.2.3', ['1.2.3', '1.9.0'], ['1.2.2', '2.0.0']],
    ['1.2', ['1.2.0', '1.99.0'], ['1.1.9', '2.0.0']],
    ['1', ['1.0.0', '1.9.9'], ['2.0.0', '0.9.0']],
    ['0.2.3', ['0.2.3', '0.2.9'], ['0.3.0', '0.2.2']],
    ['0.2', ['0.2.0', '0.2.9'], ['0.3.0']],
    ['0.0.3', ['0.0.3'], ['0.0.4', '0.0.2']],
    ['0.0', ['0.0.0', '0.0.9'], ['0.1.0']],
    ['0', ['0.0.0', '0.9.9'], ['1.0.0']],
    ['~1.2.3', ['1.2.3', '1.2.9'], ['1.3.0']],
    ['~1.2', ['1.2.0', '1.2.9'], ['1.3.0']],
    ['~1', ['1.0.0', '1.9.0'], ['2.0.0']],
    ['*', ['0.0.0', '99.0.0'], ['1.0.0-alpha']],
    ['1.*', ['1.0.0', '1.9.0'], ['2.0.0']],
    ['1.2.*', ['1.2.0', '1.2.9'], ['1.3.0']],
    ['>= 1.2.0', ['1.2.0', '5.0.0'], ['1.1.9']],
    ['> 1', ['2.0.0'], ['1.9.9']],
    ['< 2', ['1.9.9'], ['2.0.0']],
    ['= 1.2.3', ['1.2.3'], ['1.2.4']],
    ['>= 1.2, < 1.5', ['1.2.0', '1.4.9'], ['1.5.0', '1.1.0']],
    ['<= 1.2', ['1.2.9'], ['1.3.0']],
    // Pre-releases only match a comparator of the same major.minor.patch that has one.
    ['1.0.0', ['1.0.1'], ['1.1.0-beta', '1.0.0-alpha']],
    ['>=1.2.3-alpha.1', ['1.2.3-alpha.2', '1.2.3', '1.3.0'], ['1.2.4-alpha.1', '1.2.3-alpha.0']],
    ['^1.2.3-beta', ['1.2.3-beta', '1.2.3-rc', '1.5.0'], ['1.2.3-alpha', '2.0.0-0', '1.3.0-beta']],
    ['=1.2', ['1.2.5'], ['1.2.5-alpha']]
  ])('%s', (req, yes, no) => {
    for (const v of yes) expect(matches(req, v), `${req} admits ${v}`).toBe(true)
    for (const v of no) expect(matches(req, v), `${req} rejects ${v}`).toBe(false)
  })

  it('rejects what Cargo rejects', () => {
    for (const bad of ['', '1.2.3.4', 'abc', '>=', '1.*.3', '01.2', '1.2-alpha', '1,,2', '<*']) {
      expect(parseCargoReq(bad), bad).toBeNull()
    }
  })

  // Each refused by the semver crate's `VersionReq::from_str` (parse.rs): an operator needs a
  // number after it, `*` must be the only comparator, comparators are separated by commas only,
  // leading spaces but no tabs, no empty identifiers, no leading zeros, at most 32 comparators.
  it.for<[string, string]>([
    ['=*', 'an operator before a wildcard'],
    ['>=*', 'an operator before a wildcard'],
    ['^*', 'an operator before a wildcard'],
    ['~*', 'an operator before a wildcard'],
    ['= *', 'an operator before a wildcard'],
    ['*, >=1.0', 'a wildcard with other comparators'],
    ['>=1.0, *', 'a wildcard with other comparators'],
    ['>=1.0, x', 'a wildcard with other comparators'],
    ['*.1', 'text after a wildcard'],
    ['1.0 2.0', 'no comma'],
    ['>=1.0 <2.0', 'no comma'],
    ['1.0,', 'a trailing comma'],
    [',1.0', 'a leading comma'],
    ['\t1.0', 'a tab'],
    ['v1.0', 'a v'],
    ['==1.0', 'a doubled operator'],
    ['> = 1.0', 'a split operator'],
    ['1.0.0-', 'an empty pre-release'],
    ['1.0.0-a..b', 'an empty pre-release identifier'],
    ['1.0.0-01', 'a leading zero in a pre-release number'],
    ['1.0.0+', 'empty build metadata'],
    ['00.1', 'a leading zero'],
    ['1.01', 'a leading zero'],
    ['18446744073709551616', 'a number above u64'],
    [Array(33).fill('>=1').join(', '), '33 comparators']
  ])('refuses %j (%s), with a reason', ([text]) => {
    const read = readCargoReq(text.replace('\\t', '\t'))
    expect('error' in read && read.error.length > 0, JSON.stringify(read)).toBe(true)
  })

  it.for([
    ' 1.0 ',
    '>= 1.0',
    '>=1.0 , <2',
    '1.2.3+build.5',
    'x',
    'X',
    ' * ',
    '1.x',
    '1.*.*',
    '=1.*',
    '>=0.0.0-0',
    '1.0.0-alpha-1.0a',
    Array(32).fill('>=1').join(', ')
  ])('accepts %j as Cargo does', (text) => {
    expect(parseCargoReq(text), text).not.toBeNull()
  })

  it('numbers past 2^53 − 1 (valid for Cargo) are refused as not evaluable, never judged', () => {
    for (const text of ['>=9007199254740992', '^1.9007199254740993', '=1.0.0-9007199254740993']) {
      const read = readCargoReq(text)
      expect('error' in read ? read.error : '', text).toMatch(/2\^53 − 1/)
    }
    // Up to 2^53 − 1 every number compares exactly, the bound itself included.
    expect(matches('>=9007199254740990', '9007199254740990.0.0')).toBe(true)
    expect(matches('>=9007199254740991', '9007199254740991.0.0')).toBe(true)
    expect(matches('>=9007199254740991', '9007199254740990.99.0')).toBe(false)
    expect(matches('^9007199254740991', '9007199254740991.3.0')).toBe(true)
  })
  it('a pre-release longer than a `semver` version can hold is refused as not evaluable', () => {
    const read = readCargoReq(`=1.0.0-${'a'.repeat(300)}`)
    expect('error' in read ? read.error : '').toMatch(/pre-release longer than/)
  })
})

describe('Cargo versions (the semver crate’s Version::parse)', () => {
  it.for<[string, string]>([
    ['1.6.0 ', 'a trailing space'],
    [' 1.6.0', 'a leading space'],
    ['v1.6.0', 'a v'],
    ['=1.6.0', 'an operator'],
    ['1.6', 'no patch'],
    ['1', 'no minor'],
    ['01.6.0', 'a leading zero'],
    ['1.06.0', 'a leading zero'],
    ['1.6.0-', 'an empty pre-release'],
    ['1.6.0-01', 'a leading zero in a pre-release number'],
    ['1.6.0-a..b', 'an empty identifier'],
    ['1.6.0+', 'empty build metadata'],
    ['1.6.0+a..b', 'an empty build identifier'],
    ['1.6.0.0', 'four numbers'],
    ['18446744073709551616.0.0', 'above u64']
  ])('%j is not a version (%s)', ([text]) => {
    expect(versionProblem(text)).not.toBeNull()
    expect(parseVersion(text)).toBeNull()
  })
  it('numbers past 2^53 − 1 are valid for Cargo but not evaluable here', () => {
    expect(versionProblem('9007199254740993.0.0')).toMatch(/2\^53 − 1/)
    expect(versionProblem('1.0.0-9007199254740993')).toMatch(/2\^53 − 1/)
    expect(versionProblem('9007199254740991.0.0')).toBeNull()
  })
  it.for(['1.6.0', '0.0.0', '1.0.0-alpha.1', '1.0.0-0a', '0.14.2+1.5.1', '1.0.0+001', '1.0.0-x-y'])(
    '%j is a version',
    (text) => {
      expect(versionProblem(text)).toBeNull()
      expect(parseVersion(text)).not.toBeNull()
    }
  )
})

// ---- generated requirements --------------------------------------------------------------------

const PRE = ['alpha', 'alpha.1', 'beta', '0', 'rc.1']
const num = fc.integer({ min: 0, max: 2 })
const comparator = fc
  .tuple(
    fc.constantFrom('', '=', '>', '>=', '<', '<=', '~', '^'),
    num,
    fc.option(num, { nil: undefined }),
    fc.option(num, { nil: undefined }),
    fc.option(fc.constantFrom(...PRE), { nil: undefined }),
    fc.constantFrom('none', 'none', 'none', 'minor', 'patch')
  )
  .map(([op, major, minor, patch, pre, wildcard]) => {
    if (wildcard === 'minor' && op === '') return `${String(major)}.*`
    if (wildcard === 'patch' && op === '') return `${String(major)}.${String(minor ?? 0)}.*`
    let text = String(major)
    if (minor !== undefined) {
      text += `.${String(minor)}`
      if (patch !== undefined) {
        text += `.${String(patch)}`
        if (pre !== undefined) text += `-${pre}`
      }
    }
    return `${op}${text}`
  })
const requirement = fc.array(comparator, { minLength: 1, maxLength: 3 }).map((c) => c.join(', '))

/** Node-semver reads these the same way on release versions, once `1.2` is written `^1.2`. */
function toNode(req: string): string {
  return req
    .split(', ')
    .map((c) => (/^\d/.test(c) && !c.includes('*') ? `^${c}` : c))
    .join(' ')
}

describe('requirement matching vs node-semver on release versions', () => {
  it('agrees', () => {
    const release = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 })
      )
      .map(([a, b, c]) => `${String(a)}.${String(b)}.${String(c)}`)
    fc.assert(
      fc.property(requirement, release, (req, v) => {
        expect(matches(req, v)).toBe(semver.satisfies(v, toNode(req)))
      }),
      { numRuns: 3000 }
    )
  })
})

/**
 * What cargo 1.95.0 answered, one probe each: `dep = "<req>"` in a package whose only source is a
 * `directory` registry holding `dep` at that one version; `cargo generate-lockfile --offline`
 * either picks it (true) or finds no version matching (false). Method in test/fixtures/PROVENANCE.md.
 */
const CARGO_1_95: [string, string, boolean][] = [
  ['^1.2', '1.2.0-alpha', false],
  ['>=1.0.0-alpha, <1.0.0', '1.0.0-beta', true],
  ['^1.1.0-alpha', '1.1.0-beta', true],
  ['^1.1.0-alpha', '1.1.1-alpha', false],
  ['~1.2.3-beta', '1.2.3-rc', true],
  ['~1.2.3-beta', '1.2.4', true],
  ['=1.2.3-beta', '1.2.3-beta', true],
  ['=1.2', '1.2.9', true],
  ['=1', '1.9.0', true],
  ['1.*', '1.5.0', true],
  ['1.2.*', '1.3.0', false],
  ['>1.2', '1.2.5', false],
  ['>1.2', '1.3.0', true],
  ['<=1.2', '1.2.9', true],
  ['<1.2', '1.2.0-alpha', false],
  ['<1.2', '1.1.9', true],
  ['>=9007199254740991', '9007199254740991.0.0', true],
  ['^0.0.3', '0.0.4', false],
  ['^0.2.3', '0.2.9', true],
  ['^0.0', '0.0.7', true],
  ['>=1.2.0-beta.2', '1.2.0-beta.11', true],
  ['>1.2.0-beta.2', '1.2.0-beta.10', true],
  ['<1.2.0-beta.10', '1.2.0-beta.9', true],
  ['~1', '1.7.2', true],
  ['~1.2', '1.3.0', false],
  ['>=1.2.3, <1.2.3', '1.2.3', false],
  ['^1.2.3-alpha.1', '1.2.3-alpha.beta', true],
  ['<=1.2.3-alpha', '1.2.3-0', true]
]

describe('requirement matching vs cargo 1.95 itself', () => {
  it.each(CARGO_1_95)('%j admits %s: %s, as cargo resolves it', (req, version, admitted) => {
    expect(matches(req, version)).toBe(admitted)
  })
})

describe('matching (a port of the semver crate’s eval.rs) vs `semver` ranges translated by hand', () => {
  it('agrees on every version of the universe, pre-releases included', () => {
    fc.assert(
      fc.property(requirement, (req) => {
        const parsed = parseCargoReq(req)!
        const differ = UNIVERSE.find(
          ({ version }) => reqMatches(parsed, version) !== translatedMatches(parsed, version)
        )
        expect(differ?.text, req).toBeUndefined()
      }),
      { numRuns: 200 }
    )
  })
})

// A universe that holds every witness admitsAffected may pick for inputs built from 0..2 and PRE:
// components up to 3, and pre-releases P, P.0 and 0.
const UNIVERSE_TEXT: string[] = []
for (let a = 0; a <= 3; a++)
  for (let b = 0; b <= 3; b++)
    for (let c = 0; c <= 3; c++) {
      const core = `${String(a)}.${String(b)}.${String(c)}`
      UNIVERSE_TEXT.push(core, `${core}-0`, `${core}-0.0`)
      for (const p of PRE) UNIVERSE_TEXT.push(`${core}-${p}`, `${core}-${p}.0`)
    }
const UNIVERSE = UNIVERSE_TEXT.map((text) => ({ text, version: parseVersion(text)! }))

const eventVersion = fc
  .tuple(num, num, num, fc.option(fc.constantFrom(...PRE), { nil: undefined }))
  .map(
    ([a, b, c, pre]) =>
      `${String(a)}.${String(b)}.${String(c)}${pre === undefined ? '' : `-${pre}`}`
  )
const event: fc.Arbitrary<OsvEvent> = fc.oneof(
  eventVersion.map((v) => ({ introduced: v })),
  fc.constant({ introduced: '0' }),
  eventVersion.map((v) => ({ fixed: v })),
  eventVersion.map((v) => ({ last_affected: v }))
)

function admits(req: string, events: OsvEvent[], versions: string[] = []): boolean {
  const matcher = buildMatcher([
    {
      package: { ecosystem: 'crates.io', name: 'x' },
      severity: [],
      versions,
      ranges: [{ type: 'SEMVER', events }]
    }
  ])
  return admitsAffected(parseCargoReq(req)!, matcher)
}

describe('admitsAffected examples', () => {
  it('finds a witness strictly inside both sets', () => {
    expect(admits('>1.0.0', [{ introduced: '0' }, { fixed: '1.0.2' }])).toBe(true)
    expect(admits('>1.0.1', [{ introduced: '0' }, { fixed: '1.0.2' }])).toBe(false)
    expect(admits('0.4.16', [{ introduced: '0.0.0-0' }, { fixed: '0.4.36' }])).toBe(true)
    expect(admits('^1.2', [{ introduced: '0.0.0-0' }, { fixed: '1.2.0' }])).toBe(false)
    expect(admits('=1.2.3', [{ introduced: '1.2.4' }, { fixed: '2.0.0' }])).toBe(false)
    expect(admits('~1.2.3', [{ introduced: '1.2.9' }])).toBe(true)
  })
  it('applies the pre-release rule', () => {
    expect(admits('>=1.0.0-alpha, <1.0.0', [{ introduced: '1.0.0-beta' }])).toBe(true)
    expect(admits('^1.0.0', [], ['1.1.0-alpha'])).toBe(false)
    expect(admits('^1.0.0', [{ introduced: '1.1.0-alpha' }, { fixed: '1.1.0' }])).toBe(false)
    expect(admits('^1.1.0-alpha', [{ introduced: '1.1.0-alpha' }, { fixed: '1.1.0' }])).toBe(true)
  })
})

describe('admitsAffected vs brute force', () => {
  it('is true exactly when some version the requirement admits is affected', () => {
    fc.assert(
      fc.property(
        requirement,
        fc.array(event, { maxLength: 5 }),
        fc.array(eventVersion, { maxLength: 2 }),
        (req, events, versions) => {
          const matcher = buildMatcher([
            {
              package: { ecosystem: 'crates.io', name: 'x' },
              severity: [],
              versions,
              ranges: [{ type: 'SEMVER', events }]
            }
          ])
          const parsed = parseCargoReq(req)!
          const brute = UNIVERSE.some(
            ({ text, version }) =>
              translatedMatches(parsed, version) &&
              (versions.includes(text) || isAffectedRef(events, version))
          )
          expect(admitsAffected(parsed, matcher)).toBe(brute)
        }
      ),
      { numRuns: 1000 }
    )
  })
})

// The spec's evaluation, restated here so the brute force does not lean on the intervals.
function isAffectedRef(events: OsvEvent[], version: Version): boolean {
  const keyed = events
    .map((e, i) => {
      const [kind, value] = Object.entries(e)[0] as [string, string]
      return { kind, at: value === '0' ? null : parseVersion(value)!, i }
    })
    .sort((a, b) => {
      const c = a.at === null ? (b.at === null ? 0 : -1) : b.at === null ? 1 : a.at.compare(b.at)
      return c !== 0 ? c : a.i - b.i
    })
  let vulnerable = false
  for (const e of keyed) {
    if (e.kind === 'introduced' && (e.at === null || version.compare(e.at) >= 0)) vulnerable = true
    else if (e.kind === 'fixed' && e.at !== null && version.compare(e.at) >= 0) vulnerable = false
    else if (e.kind === 'last_affected' && e.at !== null && version.compare(e.at) > 0)
      vulnerable = false
  }
  return vulnerable
}
