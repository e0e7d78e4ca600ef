// "Unknown, by cause" is grouped once, in the Review (cause → crates), and every reader reads that
// grouping: the same outage names the same cause and the same number of crates in the comment's
// first line, the CLI's text, the gate's failure message and the JSON report (whose per-crate
// `lookup_error` is the oracle: the distinct crates that carry the cause).
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { EXIT } from '../../src/cli/args.js'
import { formatCount } from '../../src/core/plural.js'

const CASE = join(import.meta.dirname, '..', 'fixtures', 'cases', 'cratesio-2024-syn1-syn2')

/** A loopback port nobody listens on: every connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address !== null ? address.port : 0
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: process.cwd(),
    env: {},
    stdoutIsTTY: false,
    http: { retryBaseMs: 1 }
  })
  return { code, stdout, stderr }
}

interface JsonReport {
  complete: boolean
  problems: { kind: string; message: string; hint?: string }[]
  lockfiles: { changes: { name: string; lookup_error: string | null }[] }[]
  manifests: { changes: { name: string; lookup_error: string | null }[] }[]
}

describe('one outage, one grouping, every reader', () => {
  it('the comment, the CLI text, the gate message and the JSON name the same cause and count', async () => {
    const port = await closedPort()
    const args = [
      '--base-dir',
      join(CASE, 'base'),
      '--head-dir',
      join(CASE, 'head'),
      '--osv-api-url',
      `http://127.0.0.1:${String(port)}`,
      '--no-crates-index',
      '--fail-on-affected'
    ]
    const [json, text, markdown] = await Promise.all(
      (['json', 'text', 'markdown'] as const).map((format) => cli([...args, '--format', format]))
    )
    for (const run of [json, text, markdown]) expect(run?.code, run?.stderr).toBe(EXIT.incomplete)
    const report = JSON.parse(json?.stdout ?? '') as JsonReport
    expect(report.complete).toBe(false)
    // The oracle: the distinct crates whose lookup_error names the outage.
    const changes = [...report.lockfiles, ...report.manifests].flatMap((file) => file.changes)
    const causes = new Set(
      changes.flatMap((c) => (c.lookup_error === null ? [] : [c.lookup_error]))
    )
    expect(causes.size).toBe(1)
    const cause = [...causes][0] ?? ''
    expect(cause).toMatch(
      /^advisory source unavailable: http:\/\/127\.0\.0\.1:\d+: connection refused/
    )
    const crates = new Set(changes.filter((c) => c.lookup_error === cause).map((c) => c.name)).size
    expect(crates).toBeGreaterThan(1)
    const count = `${formatCount(crates)} crates`
    // The JSON's one problem counts the same crates.
    expect(report.problems.filter((p) => p.kind === 'source-unavailable')).toHaveLength(1)
    const outage = report.problems.find((p) => p.kind === 'source-unavailable')
    expect(outage?.message).toContain(`Advisories of all ${count} are unknown`)
    // Its advice travels as a field of its own, which the gate's reason below ends with.
    expect(outage?.hint).toMatch(/--advisory-source/)
    expect(outage?.message.endsWith(outage.hint ?? '?')).toBe(true)
    // The comment's and the CLI text's first line: one clause, this count, this cause.
    const said = `the advisory look-up failed for ${count} (${cause})`
    // (Markdown breaks autolinks with a zero-width space; the words are the same.)
    const first = markdown?.stdout.split('\n').find((line) => line.startsWith('⚠️')) ?? ''
    expect(first.replace(/&#8203;/g, '')).toContain(said)
    expect(text?.stdout.split('\n')[0]).toContain(said)
    // The gate's message: one reason for the outage, the same count and cause, said once, with
    // the outage's advice (where to point --advisory-source) after it.
    for (const run of [json, text, markdown]) {
      const reasons = (run?.stderr ?? '')
        .split('\n')
        .filter((line) => line.startsWith('warning: incomplete: '))
      expect(reasons).toEqual([
        expect.stringMatching(
          new RegExp(
            `^warning: incomplete: advisories of ${count} are unknown \\(.*\\): ${cause.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. ${(outage?.hint ?? '?').replace(/\.$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`
          )
        )
      ])
    }
  })
})
