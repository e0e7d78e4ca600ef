// Hostile sizes: a 20,000-package chain, the size and package limits, deep TOML nesting, 10,000
// changed files in a pull request. Each ends in a result or a clear message naming the limit.
// Inputs are generated here, never committed. The data-size runs that take seconds (a 50 MB
// lockfile, the CLI on 100,000 crates within a 1 GiB heap) are bench/hostile-size.ts.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_LOCK_PACKAGES, parseLockfile } from '../../src/cargo/lockfile.js'
import { parseManifest } from '../../src/cargo/manifest.js'
import { MAX_TOML_CHARS } from '../../src/cargo/toml.js'
import { ELIDED, MAX_PATH_NAMES } from '../../src/diff/dependency-path.js'
import { computeChanges } from '../../src/diff/changes.js'
import { CargoFileError } from '../../src/core/errors.js'
import { memoryTree } from '../../src/trees/memory.js'
import { MAX_CARGO_FILES } from '../../src/action/changed-files.js'
import { payloads, readFolder, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { RUSTSEC_DIR } from '../helpers/fake-osv.js'
import { projectLikeExpected } from '../helpers/expected.js'
import { runAction, type ActionRun } from '../helpers/runner.js'
import { lockfile } from '../helpers/large-lockfile.js'

const CASES = join(import.meta.dirname, '..', 'fixtures', 'cases')

function thrown(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  return null
}

describe('large lockfiles', () => {
  it('past the size limit: refused before parsing, with the limit in the message', () => {
    const text = `# ${'x'.repeat(MAX_TOML_CHARS)}\n`
    const error = thrown(() => parseLockfile(text, 'big/Cargo.lock'))
    expect(error).toBeInstanceOf(CargoFileError)
    expect((error as Error).message).toMatch(/^big\/Cargo\.lock: file is larger than 64 MiB/)
  })

  it('past the package limit: refused with the count and the limit', () => {
    const one = (i: number) => `[[package]]\nname = "p${String(i)}"\nversion = "1.0.0"\n`
    const text = Array.from({ length: MAX_LOCK_PACKAGES + 1 }, (_, i) => one(i)).join('')
    const error = thrown(() => parseLockfile(text, 'Cargo.lock'))
    expect(error).toBeInstanceOf(CargoFileError)
    expect((error as Error).message).toContain(
      `lists ${String(MAX_LOCK_PACKAGES + 1)} packages, more than the limit of ${String(MAX_LOCK_PACKAGES)}`
    )
  })

  // 20,000 links: deeper than any call stack a recursive walk could use; 100,000 (and a 50 MB
  // lockfile) are in bench/hostile-size.ts.
  it('20,000 packages in one long chain: every one added, dependency paths stay short', async () => {
    const head = lockfile(20_000, 1)
    const result = await computeChanges(
      memoryTree('base', {}),
      memoryTree('head', { 'Cargo.lock': head })
    )
    expect(result.problems).toEqual([])
    const changes = result.lockfiles[0]?.changes ?? []
    expect(changes.length).toBe(20_001)
    const deepest = changes.find((c) => c.name === 'c19999')
    // app → c0 → … → c19999 is 20,001 names long: kept as the member, an ellipsis and the last ones.
    expect(deepest?.dependency_path?.length).toBe(MAX_PATH_NAMES + 2)
    expect(deepest?.dependency_path?.slice(0, 2)).toEqual(['app', ELIDED])
    expect(deepest?.dependency_path?.at(-1)).toBe('c19999')
    expect(changes.find((c) => c.name === 'c3')?.dependency_path).toEqual([
      'app',
      'c0',
      'c1',
      'c2',
      'c3'
    ])
  })
})

describe('deep TOML nesting', () => {
  const N = 100_000
  const shapes: [string, string][] = [
    ['nested arrays', `x = ${'['.repeat(N)}${']'.repeat(N)}\n`],
    ['nested inline tables', `x = ${'{ a = '.repeat(N)}1${' }'.repeat(N)}\n`],
    ['arrays of inline tables', `x = ${'[{ a = '.repeat(N)}1${' }]'.repeat(N)}\n`],
    ['a dotted table header', `[${Array.from({ length: N }, () => 'a').join('.')}]\nb = 1\n`],
    ['a dotted key', `${Array.from({ length: N }, () => 'a').join('.')} = 1\n`],
    ['unclosed brackets', `${'[['.repeat(N)}\n`],
    [
      'nesting in a dependency table',
      `[dependencies]\nserde = ${'{ a = '.repeat(N)}1${' }'.repeat(N)}\n`
    ]
  ]
  it.for(shapes)('%s: a result or a CargoFileError, never a stack overflow', ([, text]) => {
    for (const [read, path] of [
      [parseLockfile, 'Cargo.lock'],
      [parseManifest, 'Cargo.toml']
    ] as const) {
      const error = thrown(() => read(text, path))
      if (error === null) continue
      expect(error, error instanceof Error ? error.message : 'not an Error').toBeInstanceOf(
        CargoFileError
      )
      expect((error as Error).message.startsWith(`${path}:`)).toBe(true)
    }
  })

  it('the nesting limit is named in the message', () => {
    const error = thrown(() =>
      parseManifest(`x = ${'['.repeat(N)}${']'.repeat(N)}\n`, 'Cargo.toml')
    )
    expect((error as Error).message).toMatch(/nested/)
  })
})

describe('10,000 changed files in a pull request (the action in process)', () => {
  it('finds the Cargo changes among them and reports them exactly', async () => {
    const id = 'ripgrep-2016-ignore-crate'
    const github = await startFakeGitHub()
    try {
      const repo = github.addRepo('octo-org', 'app')
      const base = readFolder(join(CASES, id, 'base'))
      const head = readFolder(join(CASES, id, 'head'))
      for (let i = 0; i < 10_000; i++) {
        head.set(
          `generated/dir${String(i % 100)}/file${String(i)}.rs`,
          Buffer.from(`// ${String(i)}\n`)
        )
      }
      const baseSha = github.addCommit(repo, base)
      const headSha = github.addCommit(repo, head)
      github.addPull(repo, 1, baseSha, headSha)
      const payload = payloads.pullRequest({
        owner: 'octo-org',
        repo: 'app',
        number: 1,
        base: baseSha,
        head: headSha,
        changedFiles: 10_000 + 12
      })
      const run = await runAction({
        eventName: 'pull_request',
        payload,
        repository: 'octo-org/app',
        apiUrl: github.url,
        inputs: { 'advisory-source': RUSTSEC_DIR }
      })
      expect(run.exitCode, run.stdout).toBe(0)
      expect(run.outputs.incomplete).toBe('false')
      const expected = (await import(join(CASES, id, 'expected.json'), {
        with: { type: 'json' }
      })) as { default: unknown }
      const { actual, expected: wanted } = projectLikeExpected(run.report, expected.default)
      expect(actual).toEqual(wanted)
      // The listing stops at GitHub's cap; the trees say which Cargo files changed.
      expect(run.stdout).toMatch(/comparing the base and head trees/)
      expect(github.requests.some((r) => r.path.includes('/git/trees/'))).toBe(true)
    } finally {
      await github.close()
    }
  })
})

/** Opens pull request #1 from `base` to `head` on the fake and runs the action on it. */
async function runPull(
  github: FakeGitHub,
  base: Map<string, Buffer>,
  head: Map<string, Buffer>,
  changedFiles: number,
  inputs: Record<string, string>
): Promise<ActionRun> {
  const repo = github.repos.get('octo-org/app') ?? github.addRepo('octo-org', 'app')
  const baseSha = github.addCommit(repo, base)
  const headSha = github.addCommit(repo, head)
  github.addPull(repo, 1, baseSha, headSha)
  return runAction({
    eventName: 'pull_request',
    payload: payloads.pullRequest({
      owner: 'octo-org',
      repo: 'app',
      number: 1,
      base: baseSha,
      head: headSha,
      changedFiles
    }),
    repository: 'octo-org/app',
    apiUrl: github.url,
    inputs: { 'advisory-source': RUSTSEC_DIR, ...inputs }
  })
}

describe('2,000 changed Cargo files in a pull request (the action in process)', () => {
  it('compares a bounded number of them, lockfiles first, and says the rest are unknown', async () => {
    const id = 'ripgrep-2016-ignore-crate'
    const github = await startFakeGitHub()
    try {
      const base = readFolder(join(CASES, id, 'base'))
      const head = readFolder(join(CASES, id, 'head'))
      for (let i = 0; i < 2_000; i++) {
        head.set(
          `crates/c${String(i)}/Cargo.toml`,
          Buffer.from(
            `[package]\nname = "c${String(i)}"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\n`
          )
        )
      }
      const run = await runPull(github, base, head, 2_000 + 12, { 'fail-on-affected': 'true' })
      // Two reads per file would be 4,000 requests: four times a GITHUB_TOKEN's hourly budget.
      const reads = github.requests.filter((r) => r.path.includes('/contents/')).length
      expect(reads).toBeLessThanOrEqual(2 * MAX_CARGO_FILES + 8)
      expect(run.outputs.incomplete).toBe('true')
      expect(run.exitCode).not.toBe(0)
      const report = run.report as {
        problems: { message: string; incomplete: boolean }[]
        lockfiles: { path: string }[]
      }
      expect(
        report.problems.some((p) => p.incomplete && p.message.includes(String(MAX_CARGO_FILES)))
      ).toBe(true)
      // The lockfiles, which carry the resolved versions, are among those compared.
      expect(report.lockfiles.map((l) => l.path).sort()).toEqual([
        'Cargo.lock',
        'ignore/Cargo.lock'
      ])
    } finally {
      await github.close()
    }
  })
})

describe('deep workspace members inheriting from the root (the action in process)', () => {
  // Each member sits 10 directories deep in its own subtree: walking up one request per parent
  // directory, as reads once did, costs 10 probes per member and side.
  const workspace = (members: number, side: 'base' | 'head'): Map<string, Buffer> => {
    const files = new Map<string, Buffer>([
      [
        'Cargo.toml',
        Buffer.from(
          `[workspace]\nmembers = ["deep/*"]\n\n[workspace.dependencies]\nserde = "1.0"\n`
        )
      ]
    ])
    for (let i = 0; i < members; i++) {
      files.set(
        `deep/m${String(i)}/a/b/c/d/e/f/g/h/Cargo.toml`,
        Buffer.from(
          `[package]\nname = "m${String(i)}"\nversion = "0.1.0"\n\n[dependencies]\n${side === 'base' ? 'serde = "0.9"' : 'serde = { workspace = true }'}\n`
        )
      )
    }
    return files
  }

  it.each([
    ['over GraphQL', 300, false, 40],
    ['over REST (GraphQL refused)', 100, true, 2 * 100 + 20]
  ] as const)(
    '%s: %i members cost a bounded number of requests, and every inherited requirement resolves',
    async (_label, members, graphqlOff, bound) => {
      const github = await startFakeGitHub()
      try {
        if (graphqlOff) github.faults.push({ kind: 'not-found', times: 1e9, match: /graphql$/ })
        const run = await runPull(
          github,
          workspace(members, 'base'),
          workspace(members, 'head'),
          members,
          {}
        )
        expect(run.exitCode, run.stdout).toBe(0)
        expect(run.outputs.incomplete, run.stdout).toBe('false')
        expect(github.requests.length).toBeLessThanOrEqual(bound)
        const report = run.report as {
          manifests: {
            changes: { name: string; previous_req: string | null; workspace_req: string | null }[]
          }[]
        }
        expect(report.manifests).toHaveLength(members)
        // The root is found for every member: the inherited requirement is known.
        for (const manifest of report.manifests) {
          expect(manifest.changes.map((c) => [c.name, c.previous_req, c.workspace_req])).toEqual([
            ['serde', '0.9', '1.0']
          ])
        }
      } finally {
        await github.close()
      }
    },
    120_000
  )
})
