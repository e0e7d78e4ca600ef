// Who renders decides the wording: the action's comment speaks of "this pull request", the CLI's
// Markdown (run on any two trees, before a pull request exists) of "this change". The same report,
// rendered both ways, differs only in those words.
import { describe, expect, it } from 'vitest'
import { renderComment } from '../../src/render/markdown.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

// An added affected crate (introduced), an update that fixes one advisory, a removed crate.
const value = report({
  lockfiles: [
    lockfile('Cargo.lock', [
      change({
        name: 'fresh',
        kind: 'added',
        version: '1.0.0',
        previous: null,
        advisories: [advisory({ id: 'RUSTSEC-2099-0001', affected: true, previous_affected: null })]
      }),
      change({
        name: 'mended',
        kind: 'updated',
        version: '2.0.0',
        previous: '1.0.0',
        advisories: [
          advisory({
            id: 'RUSTSEC-2099-0002',
            affected_ranges: ['<2.0.0'],
            affected: false,
            previous_affected: true
          })
        ]
      })
    ])
  ]
})

describe('renderComment wording by context', () => {
  const action = renderComment(value)
  const cli = renderComment(value, { context: 'cli' })

  it('the action speaks of this pull request', () => {
    expect(action).toContain('this pull request introduces 1 advisory in 1 crate')
    expect(action).toMatch(/^### Introduced by this pull request \(1\)$/m)
    expect(action).toContain('Fixed by this pull request: 1 advisory in 1 crate')
    expect(action).not.toContain('this change')
  })

  it('the CLI speaks of this change, nowhere of a pull request', () => {
    expect(cli).toContain('this change introduces 1 advisory in 1 crate')
    expect(cli).toMatch(/^### Introduced by this change \(1\)$/m)
    expect(cli).toContain('Fixed by this change: 1 advisory in 1 crate')
    expect(cli).not.toMatch(/pull request/i)
  })

  it('and differ in nothing else', () => {
    const neutral = (doc: string) =>
      doc
        .replace(/this pull request|this change/g, 'X')
        .replace(/This pull request|This change/g, 'X')
        // Each names its own gate setting: the action's input, the CLI's flag.
        .replace(/`--fail-on-affected`/g, '`fail-on-affected`')
    expect(neutral(cli)).toBe(neutral(action))
  })
})
