// The findings that carry no advisory (a version younger than the cooldown, yanked, not on
// crates.io) and a malicious crate, on their lines in the three places GitHub shows them and in
// the JSON report's `findings`. The action in process against the fake GitHub and the fake crates.io
// index with a fixed clock, on the real tar 0.4.15 → 0.4.21 change of rust-lang/crates.io (fixture
// case cratesio-2019-tar; the Cargo.toml line changed, so that is where the findings go); the
// malicious crate from the real RUSTSEC-2022-0042 record (rustdecimal, every release), added by
// test/fixtures/malicious-rustdecimal (lockfiles written by cargo 1.95, see PROVENANCE.md).
import { mkdtemp, readFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdvisorySource } from '../../src/advisories/index.js'
import { runCli } from '../../src/cli/run.js'
import type { ReportFinding } from '../../src/core/model.js'
import { analyze } from '../../src/review/analyze.js'
import { findingsWithLocations, reportFindings } from '../../src/review/locations.js'
import { findingAnnotation, stepAnnotations } from '../../src/render/annotations.js'
import { renderSarif } from '../../src/render/sarif.js'
import { directoryTree } from '../../src/trees/directory.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../helpers/fake-github.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import {
  entry,
  startFakeIndex,
  type FakeIndex,
  type FakeIndexEntry
} from '../helpers/fake-index.js'
import { caseFiles, openPullRequest } from '../helpers/fixtures.js'
import { runAction, type ActionRun, type Command } from '../helpers/runner.js'
import { sarifValidator } from '../helpers/sarif-schema.js'

const CASE = 'cratesio-2019-tar'
const NOW = Date.parse('2026-12-07T12:00:00Z')
const DAY_MS = 86_400_000
const pubtime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const MALICIOUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'malicious-rustdecimal')

const validate = sarifValidator()

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string }
      region?: { startLine: number; endLine: number }
    }
  }[]
  partialFingerprints: Record<string, string>
}
interface SarifLog {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[] }[]
}

/** The 1-based line of the head file that the test reads for itself: the oracle. */
function lineOf(text: string, line: number | null | undefined): string {
  return text.split('\n')[(line ?? 0) - 1] ?? ''
}

const headToml = caseFiles(CASE).head.get('Cargo.toml')!.toString('utf8')
const annotationsOf = (result: ActionRun): Command[] =>
  result.commands.filter(
    (c) => ['error', 'warning', 'notice'].includes(c.name) && c.properties.title !== undefined
  )
const findingsOf = (result: ActionRun): ReportFinding[] =>
  (result.report as { findings: ReportFinding[] }).findings

describe('registry findings in the action: annotations, SARIF and the JSON report', () => {
  let github: FakeGitHub
  let repo: FakeRepo
  let pull = 1
  const indexes: FakeIndex[] = []
  beforeAll(async () => {
    github = await startFakeGitHub()
    repo = github.addRepo('octo-org', 'app')
  })
  afterAll(async () => {
    await github.close()
    await Promise.all(indexes.map((index) => index.close()))
  })

  /** An index whose tar lines are `lines` (0.4.15 published years ago). */
  async function index(lines: FakeIndexEntry[]): Promise<FakeIndex> {
    const started = await startFakeIndex({
      crates: new Map([
        ['tar', [{ ...entry('tar', '0.4.15'), pubtime: '2018-05-02T10:00:00Z' }, ...lines]]
      ])
    })
    indexes.push(started)
    return started
  }

  async function run(
    fakeIndex: FakeIndex,
    inputs: Record<string, string>,
    eventName = 'pull_request'
  ): Promise<{ result: ActionRun; sarif: SarifLog; headSha: string }> {
    const { base, head } = caseFiles(CASE)
    const { payload, headSha } = openPullRequest(github, repo, { number: pull++, base, head })
    const workspace = await mkdtemp(join(tmpdir(), 'car-registry-'))
    const result = await runAction({
      eventName,
      payload,
      repository: 'octo-org/app',
      apiUrl: github.url,
      clock: { now: () => NOW },
      workspace,
      inputs: {
        'advisory-source': RUSTSEC_DIR,
        'crates-index': 'true',
        'crates-index-url': fakeIndex.url,
        'sarif-file': 'results.sarif',
        ...inputs
      }
    })
    const sarif = JSON.parse(await readFile(join(workspace, 'results.sarif'), 'utf8')) as SarifLog
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true)
    return { result, sarif, headSha }
  }

  const sarifResults = (sarif: SarifLog, ruleId: string) =>
    sarif.runs[0]!.results.filter((r) => r.ruleId === ruleId)

  it('a version 1 day old under a 7-day cooldown: a notice on its Cargo.toml line, a `too-new` SARIF result, a JSON finding', async () => {
    const oneDay = await index([{ ...entry('tar', '0.4.21'), pubtime: pubtime(NOW - DAY_MS) }])
    const { result, sarif } = await run(oneDay, { 'min-publish-age': '7 days' })
    expect(result.exitCode, result.stdout).toBe(0)

    const notice = annotationsOf(result).find((c) => c.properties.title?.includes('cooldown'))!
    expect(notice.name).toBe('notice')
    expect(notice.properties.title).toBe('Younger than the cooldown: tar')
    expect(notice.properties.file).toBe('Cargo.toml')
    expect(lineOf(headToml, Number(notice.properties.line))).toBe('tar = "0.4.16"')
    expect(notice.message).toContain(
      'published 2026-12-06T12:00:00Z, 1 day ago; younger than the cooldown of 1 week'
    )

    const [tooNew, ...others] = sarifResults(sarif, 'too-new')
    expect(others).toEqual([])
    expect(tooNew!.level).toBe('note')
    expect(tooNew!.message.text).toMatch(/^tar 0\.4\.21: published 2026-12-06T12:00:00Z/)
    const region = tooNew!.locations[0]!.physicalLocation
    expect(region.artifactLocation.uri).toBe('Cargo.toml')
    expect(region.region?.startLine).toBe(Number(notice.properties.line))
    const rules = sarif.runs[0]!.tool.driver.rules
    expect(rules[tooNew!.ruleIndex]?.id).toBe('too-new')

    // The JSON report: the same finding, its place, and the change's own dependency path.
    const change = (
      result.report as {
        lockfiles: { changes: { name: string; dependency_path: string[] | null }[] }[]
      }
    ).lockfiles[0]!.changes.find((c) => c.name === 'tar')!
    const json = findingsOf(result).filter((f) => f.kind === 'too-new')
    expect(json).toEqual([
      {
        kind: 'too-new',
        level: 'notice',
        crate: 'tar',
        version: '0.4.21',
        previous: '0.4.15',
        requirement: null,
        changed_file: 'Cargo.lock',
        advisory_ids: [],
        note: 'published 2026-12-06T12:00:00Z, 1 day ago; younger than the cooldown of 1 week (min-publish-age)',
        dependency_path: change.dependency_path,
        message: 'tar 0.4.21',
        located_by: 'manifest',
        location: {
          path: 'Cargo.toml',
          line: Number(notice.properties.line),
          end_line: Number(notice.properties.line),
          column: 1,
          end_column: 'tar = "0.4.16"'.length + 1
        },
        related_locations: []
      }
    ])
    // Its advisories are findings of their own, on the same line.
    const affected = findingsOf(result).filter((f) => f.crate === 'tar' && f.kind !== 'too-new')
    expect(affected.length).toBeGreaterThan(0)
    for (const finding of affected) expect(finding.location.line).toBe(json[0]!.location.line)
  })

  it('with fail-on-too-new it fails the job, so the annotation, the SARIF result and the JSON finding are errors', async () => {
    const oneDay = await index([{ ...entry('tar', '0.4.21'), pubtime: pubtime(NOW - DAY_MS) }])
    const { result, sarif } = await run(oneDay, {
      'min-publish-age': '7 days',
      'fail-on-too-new': 'true'
    })
    expect(result.exitCode).toBe(1)
    const annotation = annotationsOf(result).find((c) => c.properties.title?.includes('cooldown'))
    expect(annotation?.name).toBe('error')
    expect(sarifResults(sarif, 'too-new').map((r) => r.level)).toEqual(['error'])
    expect(findingsOf(result).find((f) => f.kind === 'too-new')?.level).toBe('error')
  })

  it('under pull_request_target the check run on the head commit carries it, and fails with the gate', async () => {
    const oneDay = await index([{ ...entry('tar', '0.4.21'), pubtime: pubtime(NOW - DAY_MS) }])
    const { result, headSha } = await run(
      oneDay,
      { 'min-publish-age': '7 days', 'fail-on-too-new': 'true', comment: 'never' },
      'pull_request_target'
    )
    expect(result.exitCode).toBe(1)
    const [checkRun, ...others] = repo.checkRuns.filter((r) => r.head_sha === headSha)
    expect(others).toEqual([])
    expect(checkRun!.conclusion).toBe('failure')
    expect(checkRun!.output.title).toContain('1 younger than the cooldown')
    const annotation = checkRun!.annotations.find(
      (a) => a.title === 'Younger than the cooldown: tar'
    )!
    expect(annotation).toMatchObject({ path: 'Cargo.toml', annotation_level: 'failure' })
    expect(lineOf(headToml, annotation.start_line)).toBe('tar = "0.4.16"')
  })

  it('30 days old under the same cooldown: no too-new finding anywhere', async () => {
    const old = await index([{ ...entry('tar', '0.4.21'), pubtime: pubtime(NOW - 30 * DAY_MS) }])
    const { result, sarif } = await run(old, { 'min-publish-age': '7 days' })
    expect(result.exitCode).toBe(0)
    expect(sarifResults(sarif, 'too-new')).toEqual([])
    expect(findingsOf(result).some((f) => f.kind === 'too-new')).toBe(false)
  })

  it('a yanked version: a notice, a `yanked` SARIF result on the requirement line', async () => {
    const yanked = await index([
      { ...entry('tar', '0.4.21', undefined, true), pubtime: pubtime(NOW - 30 * DAY_MS) }
    ])
    const { result, sarif } = await run(yanked, {})
    const notice = annotationsOf(result).find((c) => c.properties.title === 'Yanked version: tar')!
    expect(notice.name).toBe('notice')
    expect(lineOf(headToml, Number(notice.properties.line))).toBe('tar = "0.4.16"')
    const results = sarifResults(sarif, 'yanked')
    expect(results.map((r) => [r.level, r.message.text])).toEqual([
      ['note', 'tar 0.4.21: yanked from crates.io']
    ])
    expect(results[0]!.locations[0]!.physicalLocation.region?.startLine).toBe(
      Number(notice.properties.line)
    )
    expect(findingsOf(result).find((f) => f.kind === 'yanked')?.location.line).toBe(
      Number(notice.properties.line)
    )
  })

  it('a version the index does not list: a `not-on-crates-io` SARIF result', async () => {
    const missing = await index([])
    const { result, sarif } = await run(missing, {})
    const results = sarifResults(sarif, 'not-on-crates-io')
    expect(results).toHaveLength(1)
    expect(results[0]!.level).toBe('note')
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('Cargo.toml')
    expect(lineOf(headToml, results[0]!.locations[0]!.physicalLocation.region?.startLine)).toBe(
      'tar = "0.4.16"'
    )
    expect(findingsOf(result).find((f) => f.kind === 'not-published')?.crate).toBe('tar')
  })
})

describe('a malicious crate (RUSTSEC-2022-0042, rustdecimal)', () => {
  const source = createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
  const headDir = join(MALICIOUS_DIR, 'head')
  const manifest = readFileSync(join(headDir, 'Cargo.toml'), 'utf8')

  async function located() {
    const head = directoryTree(headDir, 'head')
    const base = directoryTree(join(MALICIOUS_DIR, 'base'), 'base')
    return findingsWithLocations(await analyze({ base, head, source }), head)
  }

  it('is an error on the requirement line that adds it, first in the step’s annotations', async () => {
    const findings = await located()
    expect(findings.map((f) => [f.kind, f.level, f.crate, f.version])).toEqual([
      ['malicious', 'error', 'rustdecimal', '1.23.1']
    ])
    const annotation = findingAnnotation(findings[0]!)
    expect(annotation).toMatchObject({
      level: 'error',
      title: 'Malicious crate: rustdecimal (RUSTSEC-2022-0042)',
      file: 'Cargo.toml'
    })
    expect(lineOf(manifest, annotation.startLine)).toBe('rustdecimal = "1.23"')
    expect(annotation.message).toContain('RUSTSEC-2022-0042: malicious crate `rustdecimal`')
    expect(stepAnnotations(findings, 'the comment')[0]).toEqual(annotation)
  })

  it('is a SARIF result of level error under the advisory’s rule, valid against the schema', async () => {
    const sarif = renderSarif(await located(), {
      toolName: 'cargo-advisory-review',
      toolVersion: '1.2.3'
    }) as unknown as SarifLog
    expect(validate(JSON.parse(JSON.stringify(sarif)))).toBe(true)
    const [result, ...rest] = sarif.runs[0]!.results
    expect(rest).toEqual([])
    expect(result).toMatchObject({ ruleId: 'RUSTSEC-2022-0042', level: 'error' })
    expect(result!.message.text).toBe(
      'rustdecimal 1.23.1 is malicious (RUSTSEC-2022-0042): malicious crate `rustdecimal`'
    )
    expect(lineOf(manifest, result!.locations[0]!.physicalLocation.region?.startLine)).toBe(
      'rustdecimal = "1.23"'
    )
  })

  it('the CLI’s JSON report carries it in `findings`, as the pure mapping makes it', async () => {
    let stdout = ''
    const code = await runCli(
      [
        '--base-dir',
        join(MALICIOUS_DIR, 'base'),
        '--head-dir',
        headDir,
        '--advisory-source',
        RUSTSEC_DIR,
        '--no-crates-index',
        '--format',
        'json'
      ],
      {
        stdout: (text) => (stdout += text),
        stderr: () => undefined,
        cwd: process.cwd(),
        env: {},
        stdoutIsTTY: false
      }
    )
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { findings: ReportFinding[] }
    expect(report.findings).toEqual(reportFindings(await located()))
    const [finding] = report.findings
    expect(finding).toMatchObject({
      kind: 'malicious',
      level: 'error',
      advisory_ids: ['RUSTSEC-2022-0042'],
      changed_file: 'Cargo.lock',
      dependency_path: ['ledger', 'rustdecimal'],
      message: 'rustdecimal 1.23.1',
      located_by: 'manifest'
    })
    expect(finding!.location.path).toBe('Cargo.toml')
    expect(lineOf(manifest, finding!.location.line)).toBe('rustdecimal = "1.23"')
  })
})

describe('the JSON report’s findings of a transitive crate', () => {
  it('idna, reached through git2 → url, is on the `git2 = "0.6"` line with the whole path (bat adds git2)', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'cases', 'bat-2018-add-git2')
    const head = directoryTree(join(dir, 'head'), 'head')
    const report = await analyze({
      base: directoryTree(join(dir, 'base'), 'base'),
      head,
      source: createAdvisorySource({ kind: 'path', path: RUSTSEC_DIR })
    })
    const idna = reportFindings(await findingsWithLocations(report, head)).filter(
      (f) => f.crate === 'idna'
    )
    expect(idna).toHaveLength(1)
    const change = report.lockfiles[0]!.changes.find((c) => c.name === 'idna')!
    expect(idna[0]).toMatchObject({
      message: `idna ${change.version ?? ''} via git2 → url`,
      dependency_path: change.dependency_path,
      changed_file: 'Cargo.lock',
      located_by: 'manifest'
    })
    expect(change.dependency_path).toEqual(['bat', 'git2', 'url', 'idna'])
    const manifest = readFileSync(join(dir, 'head', 'Cargo.toml'), 'utf8')
    expect(idna[0]!.location.path).toBe('Cargo.toml')
    expect(lineOf(manifest, idna[0]!.location.line)).toBe('git2 = "0.6"')
  })
})
