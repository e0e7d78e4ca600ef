// Publish age end to end, against the fake crates.io index with a fixed clock: the action in
// process (fake GitHub) and the CLI in directory mode, on a real dependency change (crates.io's tar
// 0.4.15 → 0.4.21, fixture case cratesio-2019-tar) whose new version the index dates relative to
// the clock. The cooldown comes from the input or from the BASE revision's .cargo/config.toml.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { EXIT } from '../../src/cli/args.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeRepo,
  type Files
} from '../helpers/fake-github.js'
import { RUSTSEC_DIR, useFakeOsvForCli } from '../helpers/fake-osv.js'
import { entry, startFakeIndex, type FakeIndex } from '../helpers/fake-index.js'
import { CASES_DIR, caseFiles, openPullRequest } from '../helpers/fixtures.js'
import { runAction, type ActionRun } from '../helpers/runner.js'

const CASE = 'cratesio-2019-tar'
const NOW = Date.parse('2026-12-07T12:00:00Z')
const clock = { now: () => NOW }
const DAY_MS = 86_400_000
/** `yyyy-mm-ddThh:mm:ssZ`, as crates.io writes pubtime. */
const pubtime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The index with tar 0.4.21 published `days` before the clock (0.4.15 years before). */
async function indexWithAge(days: number): Promise<FakeIndex> {
  return startFakeIndex({
    crates: new Map([
      [
        'tar',
        [
          { ...entry('tar', '0.4.15'), pubtime: '2018-05-02T10:00:00Z' },
          { ...entry('tar', '0.4.21'), pubtime: pubtime(NOW - days * DAY_MS) }
        ]
      ]
    ])
  })
}

const CONFIG_14_DAYS = '[registry]\nglobal-min-publish-age = "14 days"\n'

describe('the action', () => {
  let github: FakeGitHub
  let repo: FakeRepo
  let oneDay: FakeIndex
  let thirtyDays: FakeIndex
  let pull = 1
  beforeAll(async () => {
    github = await startFakeGitHub()
    repo = github.addRepo('octo-org', 'app')
    oneDay = await indexWithAge(1)
    thirtyDays = await indexWithAge(30)
  })
  afterAll(async () => {
    await github.close()
    await oneDay.close()
    await thirtyDays.close()
  })

  function run(base: Files, head: Files, index: FakeIndex, inputs: Record<string, string>) {
    const { payload } = openPullRequest(github, repo, { number: pull++, base, head })
    return runAction({
      eventName: 'pull_request',
      payload,
      repository: 'octo-org/app',
      apiUrl: github.url,
      clock,
      inputs: {
        'advisory-source': RUSTSEC_DIR,
        'crates-index': 'true',
        'crates-index-url': index.url,
        ...inputs
      }
    })
  }

  type Change = { name: string; new_to_tree?: boolean; publish_age?: Record<string, unknown> }
  const tar = (result: ActionRun): Change | undefined =>
    (result.report as { lockfiles: { changes: Change[] }[] }).lockfiles[0]?.changes.find(
      (change) => change.name === 'tar'
    )

  it('a version published 1 day ago fails under min-publish-age: 7 days + fail-on-too-new', async () => {
    const { base, head } = caseFiles(CASE)
    const result = await run(base, head, oneDay, {
      'min-publish-age': '7 days',
      'fail-on-too-new': 'true'
    })
    expect(result.exitCode, result.stdout).toBe(1)
    expect(result.outputs['too-new-count']).toBe('1')
    expect(result.outputs.incomplete).toBe('false')
    // The job's failure (the too-new version is also an error annotation, with a file and a title).
    const error = result.commands.find(
      (command) => command.name === 'error' && Object.keys(command.properties).length === 0
    )
    expect(error?.message).toContain(
      'The pull request adds versions younger than the cooldown (min-publish-age):\n  - tar 0.4.21 (Cargo.lock): published 2026-12-06T12:00:00Z, 1 day ago, younger than 1 week'
    )
    expect(tar(result)).toMatchObject({
      new_to_tree: false,
      publish_age: {
        status: 'known',
        published: '2026-12-06T12:00:00Z',
        age_seconds: 86_400,
        min_publish_age_seconds: 7 * 86_400,
        too_new: true
      }
    })
    const comment = result.outputs['comment-content'] ?? ''
    expect(comment).toContain('### Younger than the cooldown (1)')
    expect(comment).toContain('Cooldown: 1 week (min-publish-age "7 days")')
    expect(comment).toContain(
      '- `tar` 0.4.15 → 0.4.21: published 24 hours ago, 2026-12-06; younger than 1 week'
    )
    // Listed first: before the table, whose rows gain the Published column.
    expect(comment.indexOf('Younger than the cooldown')).toBeLessThan(comment.indexOf('| Crate |'))
    expect(comment).toContain('| Published |')
    expect(comment).toContain(
      '<summary>Publish age of each added or updated version (1)</summary>\n\n- `tar` 0.4.15 → 0.4.21: 24 hours ago, 2026-12-06'
    )
  })

  it('the same version 30 days old passes, and is counted as not too new', async () => {
    const { base, head } = caseFiles(CASE)
    const result = await run(base, head, thirtyDays, {
      'min-publish-age': '7 days',
      'fail-on-too-new': 'true'
    })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(result.outputs['too-new-count']).toBe('0')
    expect(tar(result)?.publish_age).toMatchObject({ age_seconds: 30 * 86_400, too_new: false })
    expect(result.outputs['comment-content']).not.toContain('Younger than the cooldown')
  })

  it('the base revision’s global-min-publish-age = "14 days" is honoured without any input', async () => {
    const { base, head } = caseFiles(CASE)
    const config = Buffer.from(CONFIG_14_DAYS)
    base.set('.cargo/config.toml', config)
    head.set('.cargo/config.toml', config)
    const result = await run(base, head, oneDay, { 'fail-on-too-new': 'true' })
    expect(result.exitCode, result.stdout).toBe(1)
    expect(result.outputs['too-new-count']).toBe('1')
    const report = result.report as { lockfiles: { cooldown: unknown }[] }
    expect(report.lockfiles[0]?.cooldown).toEqual({
      status: 'active',
      min_publish_age_seconds: 14 * 86_400,
      value: '14 days',
      origin: '.cargo/config.toml: [registry] global-min-publish-age = "14 days"'
    })
  })

  it('the pull request’s own change to that file is ignored: the base’s cooldown still applies', async () => {
    const { base, head } = caseFiles(CASE)
    base.set('.cargo/config.toml', Buffer.from(CONFIG_14_DAYS))
    head.set('.cargo/config.toml', Buffer.from('[resolver]\nincompatible-publish-age = "allow"\n'))
    const lifted = await run(base, head, oneDay, { 'fail-on-too-new': 'true' })
    expect(lifted.exitCode, lifted.stdout).toBe(1)
    expect(lifted.outputs['too-new-count']).toBe('1')
    // And the other way round: a cooldown the pull request adds does not judge it.
    const { base: plain, head: added } = caseFiles(CASE)
    added.set('.cargo/config.toml', Buffer.from(CONFIG_14_DAYS))
    const none = await run(plain, added, oneDay, { 'fail-on-too-new': 'true' })
    expect(none.exitCode, none.stdout).toBe(0)
    expect(none.outputs['too-new-count']).toBe('')
    expect(
      none.commands.some((c) => c.name === 'warning' && /no cooldown applies/.test(c.message))
    ).toBe(true)
  })

  it('a malformed base config is an unknown cooldown: incomplete, and fail-on-too-new fails', async () => {
    const { base, head } = caseFiles(CASE)
    base.set(
      '.cargo/config.toml',
      Buffer.from('[registry]\nglobal-min-publish-age = "two weeks"\n')
    )
    const result = await run(base, head, thirtyDays, { 'fail-on-too-new': 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.incomplete).toBe('true')
    const error = result.commands.find((command) => command.name === 'error')
    expect(error?.message).toMatch(
      /Whether these versions are too new is unknown:\n {2}- Cargo\.lock: its cooldown is unknown: \.cargo\/config\.toml: registry\.global-min-publish-age: "two weeks" is not of the form/
    )
  })
})

describe('the CLI', () => {
  const fakeOsv = useFakeOsvForCli()
  let oneDay: FakeIndex
  let dir: string
  beforeAll(async () => {
    oneDay = await indexWithAge(1)
    dir = mkdtempSync(join(tmpdir(), 'car-age-'))
  })
  afterAll(async () => {
    await oneDay.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The case's base and head folders, the base with `config` as .cargo/config.toml. */
  function dirs(name: string, config: string | null): string[] {
    const root = join(dir, name)
    cpSync(join(CASES_DIR, CASE), root, { recursive: true })
    if (config !== null) {
      mkdirSync(join(root, 'base', '.cargo'))
      writeFileSync(join(root, 'base', '.cargo', 'config.toml'), config)
    }
    return ['--base-dir', join(root, 'base'), '--head-dir', join(root, 'head')]
  }

  async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = ''
    let stderr = ''
    const code = await runCli([...argv, ...fakeOsv.args(), '--crates-index-url', oneDay.url], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: dir,
      env: {},
      stdoutIsTTY: false,
      http: { retryBaseMs: 50 },
      clock
    })
    return { code, stdout, stderr }
  }

  it('--min-publish-age 7 days --fail-on-too-new exits 1 for a 1-day-old version; 0 with 1 day', async () => {
    const args = dirs('input', null)
    const failing = await cli([
      ...args,
      '--min-publish-age',
      '7 days',
      '--fail-on-too-new',
      '--format',
      'text'
    ])
    expect(failing.code, failing.stderr).toBe(EXIT.affected)
    expect(failing.stderr).toContain('The change adds versions younger than the cooldown')
    expect(failing.stdout).toContain(
      'Younger than the cooldown: 1 crate (1 week (--min-publish-age "7 days"))\n  tar 0.4.15 → 0.4.21'
    )
    expect(failing.stdout).toContain('    published 24 hours ago, 2026-12-06\n')
    const passing = await cli([...args, '--min-publish-age', '1 day', '--fail-on-too-new'])
    expect(passing.code, passing.stderr).toBe(EXIT.ok)
  })

  it('the base’s .cargo/config.toml cooldown applies without the option; "0" turns it off', async () => {
    const args = dirs('config', CONFIG_14_DAYS)
    const json = await cli([...args, '--fail-on-too-new', '--format', 'json'])
    expect(json.code, json.stderr).toBe(EXIT.affected)
    const report = JSON.parse(json.stdout) as { summary: { too_new_crates: number } }
    expect(report.summary.too_new_crates).toBe(1)
    const off = await cli([...args, '--fail-on-too-new', '--min-publish-age', '0'])
    expect(off.code, off.stderr).toBe(EXIT.ok)
  })

  it('a value outside Cargo’s grammar is a usage error', async () => {
    const bad = await cli([...dirs('bad', null), '--min-publish-age', '7d'])
    expect(bad.code).toBe(EXIT.usage)
    expect(bad.stderr).toContain('--min-publish-age: "7d" is not of the form')
  })
})
