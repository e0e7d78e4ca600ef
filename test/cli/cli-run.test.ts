// The CLI in process (runCli with its I/O passed in): every fixture case in directory mode, git
// mode on real repositories made from fixture cases, usage errors, formats and wording. The built
// dist/cli.js keeps a small smoke layer in cli-e2e.test.ts.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { EXIT } from '../../src/cli/args.js'
import {
  RUSTSEC_DIR,
  startFakeOsv,
  useFakeOsvForCli,
  type FakeServer
} from '../helpers/fake-osv.js'
import { projectLikeExpected } from '../helpers/expected.js'
import { fixtureIndex, startFakeIndex, type FakeIndex } from '../helpers/fake-index.js'
import { expectedGate, requirementUnits, type ManifestFacts } from '../helpers/runner.js'

const ESC = '\u001b'
const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')
const CASES = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
// The fake OSV API serves the same RustSec records as the fixture folder and answers only for the
// crates asked about: much faster than reading 1,206 files per run. A few tests read the folder.
const folderSource = ['--advisory-source', RUSTSEC_DIR]
const fakeOsv = useFakeOsvForCli()
let source: string[] = []
beforeAll(() => {
  source = fakeOsv.args()
})

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

interface RunOptions {
  cwd?: string
  env?: Record<string, string>
  tty?: boolean
}

async function cli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  // Tests never reach the internet: the crates.io index is off unless a test names one.
  const index = argv.some((arg) => arg.includes('crates-index')) ? [] : ['--no-crates-index']
  const code = await runCli([...argv, ...index], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    // A wide terminal: wrapping has its own test (cli-terminal.test.ts).
    columns: 500,
    // Back-offs scaled down tenfold, as for the action's in-process runs.
    http: { retryBaseMs: 50 }
  })
  return { code, stdout, stderr }
}

type Expected = Parameters<typeof expectedGate>[0]
const expectedOf = (id: string): Expected =>
  JSON.parse(readFileSync(join(CASES_DIR, id, 'expected.json'), 'utf8')) as Expected

function expectMatches(stdout: string, id: string): void {
  const { actual, expected } = projectLikeExpected(JSON.parse(stdout), expectedOf(id))
  expect(actual).toEqual(expected)
}

const scratch = mkdtempSync(join(tmpdir(), 'car-cli-'))
let counter = 0
const tempDir = (prefix: string): string => {
  counter += 1
  const dir = join(scratch, `${prefix}-${String(counter)}`)
  mkdirSync(dir, { recursive: true })
  return dir
}
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' }
  )
}

/** A repository whose HEAD~1 is the case's base tree and HEAD its head tree. */
function repositoryFor(id: string, options: { commitHead: boolean }): string {
  const dir = tempDir('git')
  git(dir, '-c', 'init.defaultBranch=main', 'init', '-q')
  cpSync(join(CASES_DIR, id, 'base'), dir, { recursive: true })
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'base')
  for (const entry of readdirSync(dir))
    if (entry !== '.git') rmSync(join(dir, entry), { recursive: true })
  cpSync(join(CASES_DIR, id, 'head'), dir, { recursive: true })
  if (options.commitHead) {
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
  }
  return dir
}

const dirsOf = (id: string) => [
  '--base-dir',
  join(CASES_DIR, id, 'base'),
  '--head-dir',
  join(CASES_DIR, id, 'head')
]

describe('directory mode, every fixture case', () => {
  it.concurrent.for(CASES)(
    '%s: --format json equals expected.json; exit code follows --fail-on-affected (true: introduced, =any: affected)',
    async (id, { expect }) => {
      const result = await cli([...dirsOf(id), '--format', 'json', '--fail-on-affected', ...source])
      const report = JSON.parse(result.stdout) as { manifests: ManifestFacts[] }
      const gate = expectedGate(expectedOf(id), report.manifests)
      const { actual, expected } = projectLikeExpected(report, expectedOf(id))
      expect(actual).toEqual(expected)
      expect(result.code, result.stderr).toBe(gate.introducedCount > 0 ? 1 : 0)
      const strict = await cli([
        ...dirsOf(id),
        '--format',
        'json',
        '--fail-on-affected=any',
        ...source
      ])
      expect(strict.stdout).toBe(result.stdout)
      expect(strict.code, strict.stderr).toBe(gate.affectedCount > 0 ? 1 : 0)
    }
  )
})

/** The text report's crate blocks: `name|previous|version|verdict|id` per advisory shown. */
function textFindings(text: string): string[] {
  const found: string[] = []
  const GROUP: Record<string, string> = {
    'introduced by this change': 'introduced',
    'still affected, as before': 'still-affected',
    'fixed by this change': 'fixed'
  }
  let section = ''
  let crate: string | null = null
  let group: string | null = null
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) section = line.split(':')[0] ?? ''
    if (!['Introduced', 'Still affected', 'Fixed'].includes(section)) continue
    const crateLine = /^ {2}(\S+) (\S+)(?: → (\S+))?(?: \((added|removed|downgrade)\))? {2}\(/.exec(
      line
    )
    if (crateLine !== null) {
      const [, name, first, second, kind] = crateLine
      const [previous, version] =
        second !== undefined ? [first, second] : kind === 'removed' ? [first, ''] : ['', first]
      crate = `${name ?? ''}|${previous ?? ''}|${version ?? ''}`
      group = null
      continue
    }
    const groupLine = /^ {4}([a-z ,]+): \d+ advisor(?:y|ies)$/.exec(line)
    if (groupLine !== null) {
      group = GROUP[groupLine[1] ?? ''] ?? null
      continue
    }
    const id = /^ {6}(\S+)/.exec(line)
    if (id !== null && crate !== null && group !== null)
      found.push(`${crate}|${group}|${id[1] ?? ''}`)
  }
  return found.sort()
}

interface JsonReport {
  summary: Record<string, number | string[]>
  lockfiles: {
    changes: {
      name: string
      source: string | null
      previous: string | null
      version: string | null
      lookup_error: string | null
      advisories: { id: string; verdict: string; ignored: unknown }[]
    }[]
  }[]
  manifests: ManifestFacts[]
}

describe('--format text agrees with --format json', () => {
  it.concurrent.for(CASES)(
    '%s: the same verdicts per crate and advisory, the same counts',
    async (id, { expect }) => {
      const [text, json] = await Promise.all([
        cli([...dirsOf(id), '--format', 'text', ...source]),
        cli([...dirsOf(id), '--format', 'json', ...source])
      ])
      const report = JSON.parse(json.stdout) as JsonReport
      // The oracle, from the JSON's per-finding verdicts: one crate change per distinct
      // (crate, source, old, new) across lockfiles, non-ignored findings only.
      const unique = new Map<string, JsonReport['lockfiles'][number]['changes'][number]>()
      for (const lockfile of report.lockfiles) {
        for (const change of lockfile.changes) {
          unique.set(
            [change.name, change.source, change.previous, change.version].join('\0'),
            change
          )
        }
      }
      const want: string[] = []
      const crates = { introduced: 0, 'still-affected': 0, fixed: 0, unknown: 0 }
      const ids = {
        introduced: new Set<string>(),
        'still-affected': new Set<string>(),
        fixed: new Set<string>()
      }
      for (const change of unique.values()) {
        const active = change.advisories.filter((a) => a.ignored === null)
        const has = (verdict: string) => active.some((a) => a.verdict === verdict)
        if (has('introduced')) crates.introduced += 1
        else if (has('still-affected')) crates['still-affected'] += 1
        if (has('fixed')) crates.fixed += 1
        if (change.lookup_error !== null) crates.unknown += 1
        const shownInBlock = has('introduced') || has('still-affected') || has('fixed')
        for (const advisory of active) {
          if (advisory.verdict === 'not-affected') continue
          ids[advisory.verdict as keyof typeof ids].add(advisory.id)
          if (shownInBlock) {
            want.push(
              `${change.name}|${change.previous ?? ''}|${change.version ?? ''}|${advisory.verdict}|${advisory.id}`
            )
          }
        }
      }
      // Requirement changes no lockfile resolves count when every admitted version is affected
      // (the gate's rule, checked against expectedGate there), once per requirement change.
      for (const c of requirementUnits(report.manifests)) {
        const active = c.advisories.filter((a) => a.ignored === null)
        const has = (verdict: string) => active.some((a) => a.verdict === verdict)
        if (has('introduced')) crates.introduced += 1
        else if (has('still-affected')) crates['still-affected'] += 1
        if (has('fixed')) crates.fixed += 1
        for (const advisory of active) {
          if (advisory.verdict !== 'not-affected')
            ids[advisory.verdict as keyof typeof ids].add(advisory.id)
        }
      }
      expect(textFindings(text.stdout)).toEqual(want.sort())
      // All zero, the counts line is left out: the first line says it.
      const counts = text.stdout.split('\n')[1] ?? ''
      const numbers =
        counts === ''
          ? [0, 0, 0, 0, 0, 0, 0]
          : /^introduced: (\d+) advisor(?:y|ies) in (\d+) crates?; still affected: (\d+) advisor(?:y|ies) in (\d+) crates?; fixed: (\d+) advisor(?:y|ies) in (\d+) crates?; unknown: (\d+) crates?$/
              .exec(counts)
              ?.slice(1)
              .map(Number)
      expect(numbers, counts).toEqual([
        ids.introduced.size,
        crates.introduced,
        ids['still-affected'].size,
        crates['still-affected'],
        ids.fixed.size,
        crates.fixed,
        crates.unknown
      ])
      const s = report.summary
      expect(numbers).toEqual([
        (s.introduced_ids as string[]).length,
        s.introduced_crates,
        (s.still_affected_ids as string[]).length,
        s.still_affected_crates,
        (s.fixed_ids as string[]).length,
        s.fixed_crates,
        s.unknown_crates
      ])
    }
  )
})

describe('git mode', () => {
  it.each(['cratesio-2019-tar', 'helix-2023-nucleo-workspace', 'bat-2020-globset-lock-v2'])(
    '%s: --base HEAD~1 --head HEAD equals expected.json, from a subfolder too; the working tree gives the same',
    async (id) => {
      const committed = repositoryFor(id, { commitHead: true })
      const args = ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...source]
      const result = await cli(args, { cwd: committed })
      expect(result.code, result.stderr).toBe(0)
      expectMatches(result.stdout, id)
      const nested = readdirSync(committed).find(
        (entry) => !entry.startsWith('.') && !entry.includes('.')
      )
      if (nested !== undefined) {
        expectMatches((await cli(args, { cwd: join(committed, nested) })).stdout, id)
      }
      const uncommitted = repositoryFor(id, { commitHead: false })
      const working = await cli(['--base', 'HEAD', '--format', 'json', ...source], {
        cwd: uncommitted
      })
      expect(working.code, working.stderr).toBe(0)
      expectMatches(working.stdout, id)
      expect(working.stderr).toMatch(/working tree/)
    }
  )

  it('gates with --fail-on-affected, honours --ignore, refuses bad revisions as bad usage', async () => {
    const dir = repositoryFor('cratesio-2019-tar', { commitHead: true })
    // tar 0.4.15 → 0.4.21 fixes one advisory and keeps three that affected 0.4.15 too (issue 10
    // §2): true passes it, =any fails it and names what is affected.
    const revisions = ['--base', 'HEAD~1', '--head', 'HEAD', ...source]
    const introduced = await cli([...revisions, '--fail-on-affected'], { cwd: dir })
    expect(introduced.code, introduced.stderr).toBe(EXIT.ok)
    expect(introduced.stdout).toContain('<!-- cargo-advisory-review -->')
    const range = [...revisions, '--fail-on-affected=any']
    const affected = await cli(range, { cwd: dir })
    expect(affected.code).toBe(EXIT.affected)
    // The same report; its first line states each run's own outcome.
    expect(introduced.stdout).toContain('✅ **Passes:** this change introduces no advisory;')
    expect(affected.stdout).toContain(
      '❌ **Fails:** 1 added or updated crate version is still affected (`--fail-on-affected=any`);'
    )
    const body = (doc: string): string => doc.split('\n').slice(5).join('\n')
    expect(body(affected.stdout)).toBe(body(introduced.stdout))
    expect(affected.stderr).toMatch(/RUSTSEC-2021-0080/)
    const ignores = ['CVE-2021-38511 # alias', 'RUSTSEC-2026-0067', 'RUSTSEC-2026-0068']
    const ignored = await cli([...range, ...ignores.flatMap((id) => ['--ignore', id])], {
      cwd: dir
    })
    expect(ignored.code, ignored.stderr).toBe(EXIT.ok)
    for (const ref of ['--upload-pack=x', 'no-such-branch', 'HEAD:Cargo.lock']) {
      const bad = await cli(['--base', ref, ...source], { cwd: dir })
      expect(bad.code).toBe(EXIT.usage)
      expect(bad.stderr).toMatch(/revision|not a valid|ambiguous/)
    }
    const notRepo = await cli(['--base', 'main', ...source], { cwd: tempDir('nogit') })
    expect(notRepo.code).toBe(EXIT.usage)
    expect(notRepo.stderr).toMatch(/not inside a git repository/)
  })

  it('a shallow clone without the base says so and suggests git fetch --unshallow / --deepen', async () => {
    const origin = repositoryFor('cratesio-2019-tar', { commitHead: true })
    writeFileSync(join(origin, 'README'), 'x\n')
    git(origin, 'add', '-A')
    git(origin, 'commit', '-q', '-m', 'third')
    const clone = join(tempDir('shallow'), 'clone')
    git(tempDir('x'), 'clone', '-q', '--depth', '1', `file://${origin}`, clone)
    const result = await cli(['--base', 'HEAD~2', ...source], { cwd: clone })
    expect(result.code).toBe(EXIT.usage)
    expect(result.stderr).toMatch(/shallow clone/)
    expect(result.stderr).toContain('git fetch --unshallow')
    expect(result.stderr).toContain('--deepen')
  })

  it('sees what directory mode sees: target/ folders included, a symlinked Cargo.lock followed inside the repository, all complete', async () => {
    const dir = tempDir('links')
    git(dir, '-c', 'init.defaultBranch=main', 'init', '-q')
    const tar = (version: string) =>
      `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["tar"]\n\n[[package]]\nname = "tar"\nversion = "${version}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`
    mkdirSync(join(dir, 'target', 'fixture'), { recursive: true })
    mkdirSync(join(dir, 'examples'), { recursive: true })
    writeFileSync(join(dir, 'target', 'fixture', 'Cargo.lock'), tar('0.4.15'))
    symlinkSync(join('..', 'target', 'fixture', 'Cargo.lock'), join(dir, 'examples', 'Cargo.lock'))
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'base')
    const base = tempDir('links-base')
    cpSync(dir, base, { recursive: true, verbatimSymlinks: true })
    writeFileSync(join(dir, 'target', 'fixture', 'Cargo.lock'), tar('0.4.16'))
    git(dir, 'commit', '-q', '-am', 'head')

    const fromGit = await cli(
      ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...source],
      {
        cwd: dir
      }
    )
    const fromWorkingTree = await cli(['--base', 'HEAD~1', '--format', 'json', ...source], {
      cwd: dir
    })
    const fromDirs = await cli(
      ['--base-dir', base, '--head-dir', dir, '--format', 'json', ...source],
      { cwd: dir }
    )
    const shape = (result: CliResult) => {
      const report = JSON.parse(result.stdout) as {
        complete: boolean
        problems: unknown[]
        lockfiles: { path: string; changes: { name: string; version: string }[] }[]
      }
      return {
        complete: report.complete,
        problems: report.problems,
        lockfiles: report.lockfiles.map((l) => ({
          path: l.path,
          changes: l.changes.map((c) => `${c.name} ${c.version}`)
        }))
      }
    }
    const want = {
      complete: true,
      problems: [],
      lockfiles: [{ path: 'target/fixture/Cargo.lock', changes: ['tar 0.4.16'] }]
    }
    expect(shape(fromGit)).toEqual(want)
    expect(shape(fromWorkingTree)).toEqual(want)
    // Directory mode compares every Cargo file, not only changed ones: the link is read as its
    // target (issue 21, class 6), so it shows the same change; git diff lists only the target.
    expect(shape(fromDirs)).toEqual({
      ...want,
      lockfiles: [{ path: 'examples/Cargo.lock', changes: ['tar 0.4.16'] }, ...want.lockfiles]
    })
  })
})

describe('usage errors: one line and a hint, before any work', () => {
  const outside = tempDir('outside')

  const expectUsage = (result: CliResult, message: RegExp) => {
    expect(result.code).toBe(EXIT.usage)
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^cargo-advisory-review: /)
    expect(lines[0]).toMatch(message)
    expect(lines[1]).toBe("Run 'cargo-advisory-review --help' for usage.")
    expect(result.stdout).toBe('')
  }

  it('an unknown option, a bad format, missing modes', async () => {
    expectUsage(await cli(['--base', 'x', '--bogus']), /Unknown option '--bogus'/)
    expectUsage(
      await cli(['--base', 'x', '--format', 'html']),
      /--format: "html" must be one of text, markdown, json/
    )
    expectUsage(await cli([]), /give --base/)
  })

  it('--advisory-source naming a missing path, checked before git (here: outside any repository)', async () => {
    const result = await cli(['--base', 'main', '--advisory-source', 'no-such-dir.zip'], {
      cwd: outside
    })
    expectUsage(result, /--advisory-source "no-such-dir\.zip": no such file or folder/)
  })

  it('--output into a missing folder fails at once', async () => {
    const result = await cli(
      ['--base', 'main', ...source, '--output', join('missing', 'report.md')],
      { cwd: outside }
    )
    expectUsage(result, /--output "missing\/report\.md": the folder "missing" does not exist/)
  })

  it('--ignore errors name the value, not a line number', async () => {
    const result = await cli([
      ...dirsOf('cratesio-2019-tar'),
      ...source,
      '--ignore',
      'RUSTSEC-2021-0080',
      '--ignore',
      'not an id'
    ])
    expectUsage(
      result,
      /^cargo-advisory-review: --ignore "not an id": "not an id" is not an advisory id/
    )
    expect(result.stderr).not.toMatch(/line \d/)
  })
})

describe('--advisory-source osv with a folder named osv', () => {
  let osv: FakeServer
  beforeAll(async () => {
    osv = await startFakeOsv()
  })
  afterAll(async () => {
    await osv.close()
  })

  it('uses the API and says which was used; ./osv reads the folder', async () => {
    const cwd = tempDir('osvdir')
    cpSync(RUSTSEC_DIR, join(cwd, 'osv'), { recursive: true })
    const dirs = dirsOf('cratesio-2019-tar')
    const api = await cli(
      [...dirs, '--advisory-source', 'osv', '--osv-api-url', osv.url, '--format', 'json'],
      { cwd }
    )
    expect(api.code, api.stderr).toBe(0)
    expect(api.stderr).toMatch(
      /--advisory-source osv: using the OSV API \(http:\/\/127\.0\.0\.1:\d+\), not the local folder osv; write \.\/osv to use that/
    )
    expect(osv.stats.requests).toBeGreaterThan(0)
    const before = osv.stats.requests
    const local = await cli([...dirs, '--advisory-source', './osv', '--format', 'json'], { cwd })
    expect(local.code, local.stderr).toBe(0)
    expect(local.stderr).not.toMatch(/not the local folder/)
    expect(osv.stats.requests).toBe(before)
    expectMatches(local.stdout, 'cratesio-2019-tar')
  })

  it('--help says that a folder named osv needs ./osv', async () => {
    expect((await cli(['--help'])).stdout).toMatch(
      /a folder\s+named\s+osv\s+or\s+rustsec\s+needs\s+\.\/osv/
    )
  })
})

describe('formats', () => {
  const dirs = dirsOf('cratesio-2023-tokio-1-23-1')

  it('text is the default on a terminal: verdict first, plain ranges, bare URLs, no HTML entities', async () => {
    const result = await cli([...dirs, ...source], { tty: true, env: { NO_COLOR: '1' } })
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    // The verdict of issue 10: tokio 1.23.0 → 1.23.1 fixes one advisory and introduces none.
    expect(lines[0]).toBe(
      'Passes: this change introduces no advisory; 1 crate is still affected, as before (2 advisories); it fixes 1.'
    )
    expect(result.stdout).toContain(
      'affected: >=0.2.0, <1.18.5; >=1.19.0, <1.20.4; >=1.21.0, <1.24.2'
    )
    expect(result.stdout).toContain('fixed in: >=1.18.5, <1.19.0; >=1.20.4, <1.21.0; >=1.24.2')
    expect(result.stdout).toContain(
      'fix: Raise the requirement tokio = "=1.23.1" in [dependencies] of Cargo.toml (and 3 more) to admit 1.38.2. Then: cargo update -p tokio@1.23.1 --precise 1.38.2.'
    )
    expect(result.stdout).toMatch(
      /^ {8}https:\/\/rustsec\.org\/advisories\/RUSTSEC-2023-0005\.html$/m
    )
    expect(result.stdout).not.toMatch(/&[a-z#0-9]+;|\u200b/)
    expect(result.stdout).not.toContain(ESC)
    expect(result.stdout).toContain('fixed by this change: 1 advisory')
    expect(result.stdout).not.toMatch(/pull request|job summary/)
  })

  it('colour on a terminal unless NO_COLOR; FORCE_COLOR forces it (also into a pipe)', async () => {
    const esc = `${ESC}[`
    expect((await cli([...dirs, ...source], { tty: true })).stdout).toContain(esc)
    expect(
      (await cli([...dirs, ...source], { tty: true, env: { NO_COLOR: '1' } })).stdout
    ).not.toContain(esc)
    const forced = await cli([...dirs, ...source, '--format', 'text'], {
      env: { FORCE_COLOR: '1' }
    })
    expect(forced.stdout).toContain(esc)
    const piped = await cli([...dirs, ...source, '--format', 'text'])
    expect(piped.stdout).not.toContain(esc)
    // Colour codes wrap the same text: without them, the outputs are equal.
    expect(forced.stdout.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(piped.stdout)
  })

  it('markdown and json are byte-stable: the same bytes on a terminal, with colour forced, or piped', async () => {
    for (const format of ['markdown', 'json']) {
      const args = [...dirs, ...source, '--format', format]
      const piped = await cli(args)
      const tty = await cli(args, { tty: true, env: { FORCE_COLOR: '1' } })
      expect(tty.stdout).toBe(piped.stdout)
      expect(piped.stdout).not.toContain(ESC)
    }
  })

  it('markdown is the default when piped, and speaks of this change, not a pull request', async () => {
    const base = tempDir('wording-base')
    const head = tempDir('wording-head')
    writeFileSync(join(base, 'Cargo.toml'), '[package]\nname = "a"\nversion = "0.1.0"\n')
    writeFileSync(
      join(head, 'Cargo.toml'),
      '[package]\nname = "a"\nversion = "0.1.0"\n\n[dependencies]\ntar = "0.4"\n'
    )
    const result = await cli(['--base-dir', base, '--head-dir', head, ...source])
    expect(result.stdout).toMatch(/^<!-- cargo-advisory-review -->/)
    expect(result.stdout).toContain(
      '✅ **Passes:** no locked crate changes in this change; its requirement changes are listed below.'
    )
    expect(result.stdout).not.toMatch(/pull request|job summary/)
  })

  it('counts use plurals: "1 lockfile", "1 manifest", "1 crate", "1 added or updated version"', async () => {
    const result = await cli([...dirsOf('cratesio-2019-tar'), ...folderSource, '--format', 'json'])
    expect(result.stderr).toMatch(/: 1 crate \(0 unknown\), 0 requests, 0 round trips, \d+ ms$/m)
    expect(result.stderr).toMatch(
      /^1 lockfile and 1 manifest changed; 0 introduced crate versions and 1 affected crate version; complete; \d+ ms$/m
    )
  })

  it('markdown in the CLI says "this change" where the action says "this pull request"', async () => {
    // bat-2018-add-git2 adds crates (introduced verdicts), tar fixes one advisory.
    for (const id of ['bat-2018-add-git2', 'cratesio-2019-tar']) {
      const result = await cli([...dirsOf(id), ...source, '--format', 'markdown'])
      expect(result.stdout, id).not.toMatch(/pull request|job summary|workflow run/i)
    }
    const added = await cli([...dirsOf('bat-2018-add-git2'), ...source, '--format', 'markdown'])
    expect(added.stdout).toMatch(/^### Introduced by this change \(\d+\)$/m)
    const tar = await cli([...dirsOf('cratesio-2019-tar'), ...source, '--format', 'markdown'])
    expect(tar.stdout).toContain('Fixed by this change: 1 advisory in 1 crate')
  })

  it('--output writes the file; the report is not on stdout', async () => {
    const out = join(tempDir('out'), 'report.json')
    const result = await cli([
      ...dirsOf('cratesio-2019-tar'),
      ...source,
      '--format',
      'json',
      '--output',
      out
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    expectMatches(readFileSync(out, 'utf8'), 'cratesio-2019-tar')
  })
})

describe('--fail-on-yanked, with the crates.io index', () => {
  let index: FakeIndex
  beforeAll(async () => {
    index = await startFakeIndex({ crates: fixtureIndex(CASES_DIR, [RUSTSEC_DIR]) })
  })
  afterAll(async () => {
    await index.close()
  })
  // tar 0.4.15 → 0.4.21: one crate change, found in the index.
  const run = (...extra: string[]) =>
    cli([...dirsOf('cratesio-2019-tar'), ...source, '--crates-index-url', index.url, ...extra])

  it('passes when nothing new is yanked, fails (exit 1) when it is, and says so in the text', async () => {
    const clean = await run('--fail-on-yanked', '--format', 'text')
    expect(clean.code, clean.stderr).toBe(EXIT.ok)
    expect(clean.stdout).not.toContain('Yanked or not on crates.io')
    index.yank('tar', '0.4.21')
    try {
      const yanked = await run('--fail-on-yanked', '--format', 'text')
      expect(yanked.code).toBe(EXIT.affected)
      expect(yanked.stderr).toMatch(/The change introduces yanked crate versions:\n.*tar 0\.4\.21/)
      expect(yanked.stdout).toContain('0.4.15 → 0.4.21 (yanked)')
      // Without the flag the report says it, and the exit code does not.
      expect((await run('--format', 'text')).code).toBe(EXIT.ok)
    } finally {
      index.yank('tar', '0.4.21', false)
    }
  })

  it('an index that cannot be read is exit 3 (unknown), never a pass', async () => {
    index.faults.push({ kind: 'status', status: 502, times: 1000 })
    try {
      const unknown = await run('--fail-on-yanked', '--format', 'text')
      expect(unknown.code).toBe(EXIT.incomplete)
      expect(unknown.stderr).toMatch(/Whether these versions are yanked is unknown/)
      expect(unknown.stdout).toContain('0.4.15 → 0.4.21 (yanked: unknown)')
    } finally {
      index.faults.length = 0
    }
  })
})
