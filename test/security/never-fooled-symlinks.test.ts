// Issue 21, class 6: symbolic links to Cargo files, one rule in every mode. The links are made by
// git itself in a scratch repository: git stores a link as a blob holding its target path (mode
// 120000), and that blob, read with `git cat-file`, is what the fake GitHub serves (its tree lists
// the mode, GraphQL's `object(expression: "rev:path")` answers the blob's text, as GitHub does).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGitHubReader, githubTree } from '../../src/action/github-files.js'
import {
  createGitHubClient,
  createGitHubTransport,
  createGraphqlPost,
  graphqlUrl
} from '../../src/action/octokit.js'
import { directoryTree } from '../../src/trees/directory.js'
import { openGitRepository } from '../../src/trees/git.js'
import type { FileTree } from '../../src/trees/tree.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { recordingLogger } from '../helpers/memory.js'

const LOCK =
  'version = 3\n\n[[package]]\nname = "tar"\nversion = "0.4.15"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n'

let scratch: string
let dir: string
let sha: string
let fake: FakeGitHub
const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'buffer' })

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'links-'))
  dir = join(scratch, 'repo')
  mkdirSync(join(dir, 'shared'), { recursive: true })
  mkdirSync(join(dir, 'app'))
  mkdirSync(join(dir, 'out'))
  mkdirSync(join(dir, 'chain'))
  writeFileSync(join(dir, 'shared', 'Cargo.lock'), LOCK)
  symlinkSync(join('..', 'shared', 'Cargo.lock'), join(dir, 'app', 'Cargo.lock'))
  symlinkSync(join('..', 'app', 'Cargo.lock'), join(dir, 'chain', 'Cargo.lock'))
  symlinkSync(join('..', '..', 'elsewhere', 'Cargo.lock'), join(dir, 'out', 'Cargo.lock'))
  symlinkSync('/etc/passwd', join(dir, 'out', 'Cargo.toml'))
  symlinkSync(join('..', 'shared', 'gone.lock'), join(dir, 'app', 'Cargo.toml'))
  git('-c', 'init.defaultBranch=main', 'init', '-q')
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'links')
  sha = git('rev-parse', 'HEAD').toString().trim()

  // The commit as GitHub holds it: every blob's bytes from git, links by their mode.
  const files = new Map<string, Buffer>()
  const links: string[] = []
  for (const record of git('ls-tree', '-r', '-z', sha).toString().split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.+)$/.exec(record)
    if (match === null) continue
    files.set(match[3] ?? '', git('cat-file', 'blob', match[2] ?? ''))
    if (match[1] === '120000') links.push(match[3] ?? '')
  }
  expect(files.get('app/Cargo.lock')?.toString()).toBe('../shared/Cargo.lock')
  fake = await startFakeGitHub()
  const repo = fake.addRepo('octo-org', 'app')
  const ghSha = fake.addCommit(repo, files, links)
  github = (useGraphql: boolean) => {
    const logger = recordingLogger()
    const stats = { requests: 0 }
    const transport = createGitHubTransport({ stats })
    const octokit = createGitHubClient('ghs_write', {
      baseUrl: fake.url,
      logger,
      stats,
      transport
    })
    const graphql = createGraphqlPost('ghs_write', {
      url: graphqlUrl(fake.url, {}),
      transport,
      userAgent: 'test'
    })
    const reader = createGitHubReader(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      { graphql: useGraphql ? graphql : null, logger }
    )
    return githubTree(reader, { ref: ghSha, label: 'head', paths: PATHS })
  }
})
afterAll(async () => {
  await fake.close()
  rmSync(scratch, { recursive: true, force: true })
})

const PATHS = [
  'app/Cargo.lock',
  'chain/Cargo.lock',
  'out/Cargo.lock',
  'out/Cargo.toml',
  'app/Cargo.toml'
]
let github: (useGraphql: boolean) => FileTree

const modes: [string, () => FileTree][] = [
  ['directory', () => directoryTree(dir, 'head')],
  ['git commit', () => openGitRepository(dir).revisionTree(sha, 'head')],
  ['git working tree', () => openGitRepository(dir).workingTree()],
  ['GitHub (GraphQL)', () => github(true)],
  // Over REST the link's own blob is read by the id the commit's tree gives it.
  ['GitHub (REST)', () => github(false)]
]

describe('symbolic links to Cargo files, one rule in every mode (issue 21, class 6)', () => {
  for (const [mode, tree] of modes) {
    it(`${mode}: a link inside the repository reads as its target, a chain too`, async () => {
      const t = tree()
      expect(await t.read('app/Cargo.lock')).toEqual({ kind: 'ok', text: LOCK })
      expect(await t.read('chain/Cargo.lock')).toEqual({ kind: 'ok', text: LOCK })
    })

    it(`${mode}: a link out of the repository, absolute, or to nothing is an unknown that says so`, async () => {
      const t = tree()
      expect(await t.read('out/Cargo.lock')).toEqual({
        kind: 'error',
        message: 'symbolic link to "../../elsewhere/Cargo.lock": it points outside the repository'
      })
      expect(await t.read('out/Cargo.toml')).toEqual({
        kind: 'error',
        message:
          'symbolic link to "/etc/passwd": it points outside the repository (an absolute path)'
      })
      expect(await t.read('app/Cargo.toml')).toEqual({
        kind: 'error',
        message: 'symbolic link to "shared/gone.lock", which does not exist'
      })
    })
  }
})
