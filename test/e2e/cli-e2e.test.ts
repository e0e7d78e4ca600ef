// The BUILT CLI (dist/cli.js) as a child process, a smoke layer over the in-process tests of
// cli-run.test.ts: git mode on repositories made from fixture cases, directory mode on a few
// cases, a fault, --help/--version. Fails (never skips) when dist/ is missing or older than src/.
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  RUSTSEC_DIR,
  startFakeOsv,
  useFakeOsvForCli,
  type FakeServer
} from '../helpers/fake-osv.js'
import { projectLikeExpected } from '../helpers/expected.js'
import {
  assertFreshDist,
  CLI_NODE,
  expectedGate,
  REPO_ROOT,
  type ExpectedChange
} from '../helpers/runner.js'

const CLI = join(REPO_ROOT, 'dist', 'cli.js')
const CASES_DIR = join(import.meta.dirname, '..', 'fixtures', 'cases')
// A bump with advisories and a downgrade; git mode on a workspace with inherited requirements.
// Every case, and the rest of git mode, run in process (cli-run.test.ts): this layer proves the
// bundle does the same.
const CASES = ['cratesio-2019-tar', 'rustup-2024-openssl-downgrade']

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  // Tests never reach the internet: the crates.io index is off unless a test names one.
  const index = args.some((arg) => arg.includes('crates-index')) ? [] : ['--no-crates-index']
  return new Promise((done) => {
    execFile(
      CLI_NODE,
      [CLI, ...args, ...index],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        done({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr
        })
      }
    )
  })
}

function expected(id: string): {
  lockfiles: {
    changes: ExpectedChange[]
  }[]
} {
  return JSON.parse(readFileSync(join(CASES_DIR, id, 'expected.json'), 'utf8')) as ReturnType<
    typeof expected
  >
}

function expectMatches(stdout: string, id: string): void {
  const { actual, expected: want } = projectLikeExpected(JSON.parse(stdout), expected(id))
  expect(actual).toEqual(want)
}

const tempDirs: string[] = []
function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'commit.gpgsign=false',
      ...args
    ],
    {
      cwd,
      encoding: 'utf8'
    }
  )
}

/** A repository whose HEAD~1 is the case's base tree and HEAD its head tree. */
function repositoryFor(id: string, options: { commitHead: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'car-git-'))
  tempDirs.push(dir)
  git(dir, '-c', 'init.defaultBranch=main', 'init', '-q')
  cpSync(join(CASES_DIR, id, 'base'), dir, { recursive: true })
  writeFileSync(join(dir, '.gitignore'), 'target/\n')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'base')
  // Replace the tree by the head's: files only in base disappear, files only in head appear.
  for (const entry of readdirSync(dir))
    if (entry !== '.git' && entry !== '.gitignore') rmSync(join(dir, entry), { recursive: true })
  cpSync(join(CASES_DIR, id, 'head'), dir, { recursive: true })
  if (options.commitHead) {
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'head')
  }
  return dir
}

// The fake OSV API (same RustSec records as the folder, read once); one test reads the folder.
const fakeOsv = useFakeOsvForCli()
let source: string[] = []
beforeAll(() => {
  source = fakeOsv.args()
})

beforeAll(() => {
  assertFreshDist(CLI)
})
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

describe('git mode', () => {
  it.each(['helix-2023-nucleo-workspace'])(
    '%s: --base HEAD~1 --head HEAD equals expected.json; the working tree gives the same',
    async (id) => {
      const committed = repositoryFor(id, { commitHead: true })
      const result = await cli(
        ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...source],
        committed
      )
      expect(result.code, result.stderr).toBe(0)
      expectMatches(result.stdout, id)
      // From a subdirectory too: paths stay repository-relative.
      const nested = readdirSync(committed).find(
        (entry) => !entry.startsWith('.') && !entry.includes('.')
      )
      if (nested !== undefined) {
        const fromSub = await cli(
          ['--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json', ...source],
          join(committed, nested)
        )
        expectMatches(fromSub.stdout, id)
      }

      const uncommitted = repositoryFor(id, { commitHead: false })
      const working = await cli(['--base', 'HEAD', '--format', 'json', ...source], uncommitted)
      expect(working.code, working.stderr).toBe(0)
      expectMatches(working.stdout, id)
      expect(working.stderr).toMatch(/working tree/)
    }
  )
})

describe('done means done (issue 25)', () => {
  it('exits once the report is out, with the crates.io index host unresolvable', async () => {
    // `.invalid` never resolves (RFC 2606): every index look-up fails; the process must end with
    // its report, not linger on look-ups and sockets (a lingering process never resolves `cli()`;
    // no wall-time bound here, which a busy machine could trip).
    const result = await cli([
      '--base-dir',
      join(CASES_DIR, 'cratesio-2019-tar', 'base'),
      '--head-dir',
      join(CASES_DIR, 'cratesio-2019-tar', 'head'),
      '--advisory-source',
      RUSTSEC_DIR,
      '--crates-index-url',
      'https://index.unresolvable.invalid/',
      '--format',
      'json'
    ])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as { lockfiles: { changes: unknown[] }[] }
    expect(report.lockfiles[0]?.changes.length).toBeGreaterThan(0)
    expect(result.stderr).toMatch(/index\.unresolvable\.invalid/)
  })
})

describe('directory mode', () => {
  it.concurrent.for(CASES)(
    '%s: --format json equals expected.json; exit code follows --fail-on-affected',
    async (id, { expect }) => {
      const dirs = [
        '--base-dir',
        join(CASES_DIR, id, 'base'),
        '--head-dir',
        join(CASES_DIR, id, 'head')
      ]
      const result = await cli([...dirs, '--format', 'json', '--fail-on-affected', ...source])
      const { actual, expected: want } = projectLikeExpected(
        JSON.parse(result.stdout),
        expected(id)
      )
      expect(actual).toEqual(want)
      const gate = expectedGate(expected(id))
      expect(result.code).toBe(gate.introducedCount > 0 ? 1 : 0)
      const strict = await cli([...dirs, '--format', 'json', '--fail-on-affected=any', ...source])
      expect(strict.code).toBe(gate.affectedCount > 0 ? 1 : 0)
    }
  )

  it('markdown by default, --output writes a file, --help and --version', async () => {
    const dirs = [
      '--base-dir',
      join(CASES_DIR, 'cratesio-2019-tar', 'base'),
      '--head-dir',
      join(CASES_DIR, 'cratesio-2019-tar', 'head')
    ]
    const markdown = await cli([...dirs, '--advisory-source', RUSTSEC_DIR])
    expect(markdown.code).toBe(0)
    expect(markdown.stdout).toMatch(/### Dependency advisories/)
    // Not a terminal: Markdown; with --format text, plain text.
    const text = await cli([...dirs, ...source, '--format', 'text'])
    // tar 0.4.15 → 0.4.21: the verdict sentence first, as the comment says it.
    expect(text.stdout).toMatch(
      /^Passes: this change introduces no advisory; 1 crate is still affected, as before/
    )
    expect(text.stdout).not.toContain('<!--')
    const out = mkdtempSync(join(tmpdir(), 'car-out-'))
    tempDirs.push(out)
    const written = await cli([
      ...dirs,
      ...source,
      '--format',
      'json',
      '--output',
      join(out, 'r.json')
    ])
    expect(written.stdout).toBe('')
    expectMatches(readFileSync(join(out, 'r.json'), 'utf8'), 'cratesio-2019-tar')
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Exit codes:/)
    const version = await cli(['--version'])
    expect(version.stdout).toMatch(/^cargo-advisory-review \d+\.\d+\.\d+/)
    const usage = await cli(['--base-dir', 'nope-not-here', '--head-dir', 'nope'])
    expect(usage.code).toBe(2)
  })
})

describe('incomplete analysis', () => {
  let osv: FakeServer
  beforeAll(async () => {
    osv = await startFakeOsv()
  })
  afterAll(async () => {
    await osv.close()
  })

  it('a failed look-up is exit 3 with --fail-on-affected, 0 without, and never "no advisories"', async () => {
    // cratesio-2024-paste: nothing affected when complete, so only incompleteness can fail it.
    osv.setFaults([{ route: 'any', kind: 'status', status: 400, times: Infinity }])
    const dirs = [
      '--base-dir',
      join(CASES_DIR, 'cratesio-2024-paste', 'base'),
      '--head-dir',
      join(CASES_DIR, 'cratesio-2024-paste', 'head')
    ]
    const osvSource = ['--advisory-source', 'osv', '--osv-api-url', osv.url]
    const gated = await cli([...dirs, ...osvSource, '--fail-on-affected', '--format', 'json'])
    expect(gated.code).toBe(3)
    expect((JSON.parse(gated.stdout) as { complete: boolean }).complete).toBe(false)
    expect(gated.stderr).toMatch(/incomplete/i)
    const plain = await cli([...dirs, ...osvSource])
    expect(plain.code).toBe(0)
    osv.setFaults([])
  })
})
