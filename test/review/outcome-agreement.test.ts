// The first line, the gate and the exit code agree for every combination of advisory source
// (on, off, failed) × a yanked, a malicious and a too-new version (there or not), with every gate
// on and with every gate off. The oracle is the README's exit-code table, restated here:
//   1: --fail-on-affected and an introduced affected version (a malicious crate is one), or
//      --fail-on-yanked and a yanked version, or --fail-on-too-new and a version too new;
//   3: else a gate that is on could not be decided (advisories unknown: not looked up or failed);
//   0: else.
import { describe, expect, it } from 'vitest'
import type { LockfileChange, LockfileReport, Report } from '../../src/core/model.js'
import { exitCodeOf } from '../../src/cli/args.js'
import { outcomeLine } from '../../src/render/markdown.js'
import { renderText } from '../../src/render/terminal-text.js'
import { gate, type OutcomeModes } from '../../src/review/outcome.js'
import { buildReview } from '../../src/review/review.js'
import { advisory, change, lockfile, report } from '../helpers/report-builder.js'

type Source = 'on' | 'off' | 'failed'
const CAUSE = 'https://api.osv.dev: connection refused (ECONNREFUSED) (3 attempts in a row)'
const DAY = 86_400

function build(source: Source, yanked: boolean, malicious: boolean, tooNew: boolean): Report {
  // The same change under each source: what the source knows, or why it does not.
  const looked = (c: LockfileChange): LockfileChange =>
    source === 'on'
      ? c
      : source === 'off'
        ? { ...c, advisories: [], verdict: 'not-checked' }
        : {
            ...c,
            advisories: [],
            lookup_error: `advisory source unavailable: ${CAUSE}`,
            verdict: 'unknown'
          }
  const age = (old: boolean): LockfileChange['publish_age'] => ({
    status: 'known',
    published: '2026-06-18T13:02:38Z',
    published_before: null,
    age_seconds: old ? 30 * DAY : DAY,
    min_publish_age_seconds: 7 * DAY,
    too_new: !old,
    note: null
  })
  const changes = [
    change({
      name: 'serde',
      version: '1.0.200',
      registry: { status: 'published', note: null },
      yanked: false,
      publish_age: age(true)
    }),
    ...(yanked
      ? [
          change({
            name: 'syn',
            version: '2.0.1',
            registry: { status: 'published', note: null },
            yanked: true,
            publish_age: age(true)
          })
        ]
      : []),
    ...(malicious
      ? [
          change({
            name: 'typosquat',
            version: '0.1.0',
            registry: { status: 'published', note: null },
            yanked: false,
            publish_age: age(true),
            advisories: [
              advisory({ id: 'RUSTSEC-2099-0002', affected: true, categories: ['malicious'] })
            ]
          })
        ]
      : []),
    ...(tooNew
      ? [
          change({
            name: 'fresh',
            version: '0.2.0',
            registry: { status: 'published', note: null },
            yanked: false,
            publish_age: age(false)
          })
        ]
      : [])
  ].map(looked)
  const lock: LockfileReport = {
    ...lockfile('Cargo.lock', changes),
    cooldown: {
      status: 'active',
      min_publish_age_seconds: 7 * DAY,
      value: '7 days',
      origin: 'test'
    }
  }
  return report({
    advisory_source: source === 'off' ? null : 'osv (https://api.osv.dev)',
    complete: source !== 'failed',
    lockfiles: [lock],
    problems:
      source === 'failed'
        ? [
            {
              kind: 'source-unavailable',
              message: `Advisories are unknown: ${CAUSE}`,
              incomplete: true
            }
          ]
        : []
  })
}

function readmeExitCode(
  gates: boolean,
  source: Source,
  yanked: boolean,
  malicious: boolean,
  tooNew: boolean
): number {
  if (!gates) return 0
  // Only a source that answered can know the crate is malicious.
  if ((malicious && source === 'on') || yanked || tooNew) return 1
  return source === 'on' ? 0 : 3
}

const ALL_ON: OutcomeModes = {
  failOnAffected: 'introduced',
  failOnYanked: true,
  failOnTooNew: true
}
const ALL_OFF: OutcomeModes = { failOnAffected: 'off', failOnYanked: false, failOnTooNew: false }

const rows: [string, boolean, Source, boolean, boolean, boolean][] = []
for (const gates of [true, false]) {
  for (const source of ['on', 'off', 'failed'] as const) {
    for (const yanked of [false, true]) {
      for (const malicious of [false, true]) {
        for (const tooNew of [false, true]) {
          const name = `gates ${gates ? 'on' : 'off'}, source ${source}${yanked ? ', yanked' : ''}${malicious ? ', malicious' : ''}${tooNew ? ', too new' : ''}`
          rows.push([name, gates, source, yanked, malicious, tooNew])
        }
      }
    }
  }
}

describe('first line, gate and exit code agree', () => {
  it.each(rows)('%s', (_, gates, source, yanked, malicious, tooNew) => {
    const value = build(source, yanked, malicious, tooNew)
    const review = buildReview(value)
    const decision = gate(review, gates ? ALL_ON : ALL_OFF, 'The change')
    const code = exitCodeOf(decision.result)
    expect(code).toBe(readmeExitCode(gates, source, yanked, malicious, tooNew))

    const line = outcomeLine(value, decision.outcome, 'cli', review)
    // The CLI's text opens with the same line.
    expect(
      renderText(value, { colour: false, outcome: decision.outcome, review }).split('\n')[0]
    ).toBe(line)
    const label = /^(Fails|Incomplete|Not checked|Not gated|Passes):/.exec(line)?.[1]
    if (code === 1) {
      expect(label).toBe('Fails')
      if (yanked) expect(line).toContain('syn 2.0.1')
      if (tooNew) expect(line).toContain('fresh 0.2.0')
      if (malicious && source === 'on') expect(line).toContain('typosquat')
      // What could not be decided is said on the same line.
      if (source === 'off') expect(line).toContain('advisories were not looked up')
      if (source === 'failed') expect(line).toContain('incomplete')
    } else if (code === 3) {
      expect(label).toBe(source === 'off' ? 'Not checked' : 'Incomplete')
    } else {
      expect(label).not.toBe('Fails')
      if (source === 'off') expect(label).toBe('Not checked')
      else if (source === 'failed') expect(label).toBe('Incomplete')
      else if (malicious) expect(label).toBe('Not gated')
      else expect(label).toBe('Passes')
    }
    // The gate's failure messages exist exactly for a failing or undecided gate.
    const messages = [
      decision.failures.affected,
      decision.failures.yanked,
      decision.failures.tooNew
    ]
    expect(messages.some((m) => m !== null)).toBe(code !== 0)
  })
})
