// The npm package as a user gets it: `npm pack`, the tarball installed in an empty folder (no
// registry needed: the bundle has no run-time dependencies), and the installed bin run with
// --help and on a fixture case. Needs the built dist/ (`npm run bundle`); fails, never skips.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectLikeExpected } from '../helpers/expected.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { CLI_NODE, REPO_ROOT } from '../helpers/runner.js'

const run = promisify(execFile)
// Under `npm test`, npm says where it is; elsewhere the npm on PATH.
const NPM_CLI = process.env.npm_execpath
const npm = (args: string[], cwd: string) =>
  NPM_CLI !== undefined && NPM_CLI.endsWith('.js')
    ? run(CLI_NODE, [NPM_CLI, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 })
    : run('npm', args, { cwd, maxBuffer: 16 * 1024 * 1024 })

const CASE = join(REPO_ROOT, 'test', 'fixtures', 'cases', 'cratesio-2019-tar')
let scratch: string
let bin: string
let packed: { files: { path: string }[]; filename: string }

beforeAll(async () => {
  const built = statSync(join(REPO_ROOT, 'dist', 'cli.js'), { throwIfNoEntry: false })
  expect(built, 'dist/cli.js is missing: run `npm run bundle`').toBeDefined()
  scratch = mkdtempSync(join(tmpdir(), 'car-pack-'))
  const { stdout } = await npm(
    ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch],
    REPO_ROOT
  )
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!
  const project = join(scratch, 'project')
  rmSync(project, { recursive: true, force: true })
  await run('mkdir', ['-p', project])
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true }\n')
  // --offline: the tarball alone must be enough (no run-time dependency to fetch).
  await npm(
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      join(scratch, packed.filename)
    ],
    project
  )
  bin = join(project, 'node_modules', '.bin', 'cargo-advisory-review')
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

describe('the npm package', () => {
  it('ships dist/, the README, the licence and package.json, nothing else', () => {
    const paths = packed.files.map((file) => file.path).sort()
    // Every file of dist/, its chunks/ folder included (npm pack lists files, not folders).
    const dist = readdirSync(join(REPO_ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    expect(paths).toEqual(['LICENSE', 'README.md', ...dist, 'package.json'].sort())
  })

  it('declares a bin, an engines range and no run-time dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(pkg.private).toBeUndefined()
    expect(pkg.bin).toEqual({ 'cargo-advisory-review': 'dist/cli.js' })
    expect(pkg.dependencies ?? {}).toEqual({})
    expect((pkg.scripts as Record<string, string>).prepublishOnly).toBe('npm run bundle')
  })

  it('the installed bin prints --help', async () => {
    const { stdout } = await run(bin, ['--help'])
    expect(stdout).toMatch(/^Usage:\n {2}cargo-advisory-review --base <ref>/)
    expect(stdout).toMatch(/Exit codes:/)
  })

  it('the installed bin reports a fixture case as expected.json says, and gates it', async () => {
    const args = [
      '--base-dir',
      join(CASE, 'base'),
      '--head-dir',
      join(CASE, 'head'),
      '--advisory-source',
      RUSTSEC_DIR,
      '--format',
      'json',
      // The tar case only keeps advisories that affected 0.4.15 too: =any fails it, true not.
      '--fail-on-affected=any',
      '--no-crates-index'
    ]
    const result = await run(bin, args).then(
      (ok) => ({ code: 0, ...ok }),
      (error: unknown) => error as { code: number; stdout: string; stderr: string }
    )
    expect(result.code, result.stderr).toBe(1)
    const expected = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as unknown
    const { actual, expected: want } = projectLikeExpected(JSON.parse(result.stdout), expected)
    expect(actual).toEqual(want)
  })
})
