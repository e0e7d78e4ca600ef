// The step's annotations: GitHub keeps 10 errors, 10 warnings and 10 notices per step, so the most
// decisive come first and one last notice counts what is left out (and where it is).
import { describe, expect, it } from 'vitest'
import type { Finding, FindingKind } from '../../src/evaluate/locate.js'
import { findingAnnotation, stepAnnotations } from '../../src/render/annotations.js'

const LEVEL = {
  malicious: 'error',
  introduced: 'error',
  'still-affected': 'warning',
  'too-new': 'notice',
  yanked: 'notice',
  'not-published': 'notice',
  unmaintained: 'notice'
} as const

function finding(kind: FindingKind, i: number): Finding {
  return {
    kind,
    level: LEVEL[kind],
    crate: `crate${String(i)}`,
    version: '1.0.0',
    previous: null,
    req: null,
    file: 'Cargo.lock',
    via: [],
    member: 'app',
    advisories: [],
    note: null,
    location: {
      path: 'Cargo.lock',
      span: { line: i + 1, endLine: i + 1, column: 1, endColumn: 10 },
      via: 'lockfile',
      related: []
    }
  }
}

const many = (kind: FindingKind, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => finding(kind, from + i))

describe('stepAnnotations', () => {
  it('everything when each level fits', () => {
    const shown = stepAnnotations(
      [...many('introduced', 10), ...many('still-affected', 10), ...many('yanked', 10)],
      'the comment'
    )
    expect(shown).toHaveLength(30)
    expect(shown.at(-1)?.title).toBe('Yanked version: crate9')
  })

  it('10 errors, 10 warnings, 9 notices and one notice counting the rest', () => {
    const shown = stepAnnotations(
      [...many('introduced', 12), ...many('still-affected', 3), ...many('yanked', 12)],
      'the pull request comment'
    )
    expect(shown.map((a) => a.level)).toEqual([
      ...Array<string>(10).fill('error'),
      ...Array<string>(3).fill('warning'),
      ...Array<string>(10).fill('notice')
    ])
    // 2 errors and 3 notices are left out.
    expect(shown.at(-1)).toEqual({
      level: 'notice',
      title: '5 more findings',
      message:
        '5 more findings are not annotated here (GitHub keeps 10 per level per step): see the pull request comment.',
      file: ''
    })
  })

  it('too-new findings keep the limits: as errors (fail-on-too-new) they follow the advisories and share the 10', () => {
    const tooNew = (count: number, from: number) =>
      many('too-new', count, from).map((f) => ({ ...f, level: 'error' as const }))
    const shown = stepAnnotations(
      [...many('introduced', 8), ...tooNew(4, 8), ...many('yanked', 2, 12)],
      'the pull request comment'
    )
    expect(shown.map((a) => a.title.split(':')[0])).toEqual([
      ...Array<string>(8).fill('Advisory introduced'),
      'Younger than the cooldown',
      'Younger than the cooldown',
      'Yanked version',
      'Yanked version',
      '2 more findings'
    ])
  })

  it('a single-line span carries columns, a multi-line one does not', () => {
    const one = findingAnnotation(finding('introduced', 3))
    expect(one).toMatchObject({ startLine: 4, endLine: 4, startColumn: 1, endColumn: 10 })
    const table = finding('introduced', 3)
    table.location.span = { line: 4, endLine: 8, column: 1, endColumn: 20 }
    expect(findingAnnotation(table)).not.toHaveProperty('startColumn')
  })
})
