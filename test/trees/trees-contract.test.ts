// One FileTree contract for every reader (memory, directory, git, and GitHub over GraphQL and over
// REST, served by the fake GitHub from the same commit's blobs): the same listing for the same files, one rule for
// symbolic links (issue 21, class 6: followed inside the repository), one path check, one size cap, one cache, one error format. Then git mode's two
// speed-ups checked against brute force: the changed-file list (git's blob ids) against reading
// every file of both sides, and the one cat-file process against the files on disk.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
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
import { gitChangedCargoFiles, openGitRepository, type GitRepository } from '../../src/trees/git.js'
import { memoryTree } from '../../src/trees/memory.js'
import {
  checkTreePath,
  MAX_CARGO_FILE_BYTES,
  treeFromReader,
  type FileRead,
  type FileTree
} from '../../src/trees/tree.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { recordingLogger } from '../helpers/memory.js'

let scratch: string
let repo: string
let repository: GitRepository
let headSha: string
let fake: FakeGitHub
let github: (useGraphql: boolean) => FileTree

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' }
  ).trim()
}

/** Regular Cargo files of the test repository (what every reader must list). */
const FILES: Record<string, string> = {
  'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
  'Cargo.lock': 'version = 4\n',
  'crates/a/Cargo.toml': '[package]\nname = "a"\n',
  'target/package/x/Cargo.toml': '[package]\nname = "x"\n',
  'node_modules/y/Cargo.toml': '[package]\nname = "y"\n',
  'tests/fixtures/ünïcode dir/Cargo.lock': 'version = 3\n'
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'car-trees-'))
  repo = join(scratch, 'repo')
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(repo, path, '..'), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  writeFileSync(join(repo, 'crates/a/Cargo.toml.orig'), 'not a Cargo file\n')
  // Links, as rust-lang/rustsec's test examples have: read as their target inside the repository.
  mkdirSync(join(repo, 'examples'))
  symlinkSync('../Cargo.lock', join(repo, 'examples', 'Cargo.lock'))
  symlinkSync('crates', join(repo, 'linked-crates'))
  writeFileSync(join(scratch, 'outside.toml'), 'secret = true\n')
  symlinkSync(join(scratch, 'outside.toml'), join(repo, 'crates', 'Cargo.toml'))
  git(repo, '-c', 'init.defaultBranch=main', 'init', '-q')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'all')
  headSha = git(repo, 'rev-parse', 'HEAD')
  // Git's own folder is the one folder skipped: a Cargo file in it is never listed.
  writeFileSync(join(repo, '.git', 'Cargo.toml'), '[package]\n')
  repository = openGitRepository(repo)

  // The same commit as GitHub holds it: every blob's bytes from git, links by their mode (120000).
  const files = new Map<string, Buffer>()
  const links: string[] = []
  const show = (...args: string[]) => execFileSync('git', ['-C', repo, ...args])
  for (const record of show('ls-tree', '-r', '-z', headSha).toString().split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(record)
    if (match === null) continue
    files.set(match[3] ?? '', show('cat-file', 'blob', match[2] ?? ''))
    if (match[1] === '120000') links.push(match[3] ?? '')
  }
  fake = await startFakeGitHub()
  const ghSha = fake.addCommit(fake.addRepo('octo-org', 'app'), files, links)
  github = (useGraphql) => {
    const logger = recordingLogger()
    const stats = { requests: 0 }
    const transport = createGitHubTransport({ stats })
    const octokit = createGitHubClient('ghs_read', { baseUrl: fake.url, logger, stats, transport })
    const graphql = createGraphqlPost('ghs_read', {
      url: graphqlUrl(fake.url, {}),
      transport,
      userAgent: 'test'
    })
    const reader = createGitHubReader(
      octokit,
      { owner: 'octo-org', repo: 'app' },
      { graphql: useGraphql ? graphql : null, logger }
    )
    // The listing a pull request adding every file gives: all its paths, Cargo files or not.
    return githubTree(reader, { ref: ghSha, label: 'head', paths: [...files.keys()] })
  }
})

afterAll(async () => {
  await fake.close()
  repository.close()
  rmSync(scratch, { recursive: true, force: true })
})

const readers = (): [string, FileTree][] => [
  ['memory', memoryTree('memory', FILES)],
  ['directory', directoryTree(repo, 'directory')],
  ['git revision', repository.revisionTree(headSha, 'HEAD')],
  ['git working tree', repository.workingTree()],
  ['GitHub (GraphQL)', github(true)],
  ['GitHub (REST)', github(false)]
]

describe('every reader', () => {
  it('lists the same Cargo files: only .git skipped, links to files listed, linked folders not entered', async () => {
    const sorted = (paths: string[]) => paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    for (const [name, tree] of readers()) {
      // The memory tree holds no links.
      const links = name === 'memory' ? [] : ['examples/Cargo.lock', 'crates/Cargo.toml']
      expect(await tree.listCargoFiles(), name).toEqual(sorted([...Object.keys(FILES), ...links]))
    }
  })

  it('reads the same texts; a link as its target inside the repository, else an error; a path through a linked folder as missing', async () => {
    for (const [name, tree] of readers()) {
      for (const [path, text] of Object.entries(FILES)) {
        expect(await tree.read(path), `${name} ${path}`).toEqual({ kind: 'ok', text })
      }
      expect(await tree.read('linked-crates/a/Cargo.toml'), name).toEqual({ kind: 'missing' })
      expect(await tree.read('nope/Cargo.toml'), name).toEqual({ kind: 'missing' })
      if (name === 'memory') continue
      expect(await tree.read('examples/Cargo.lock'), name).toEqual({
        kind: 'ok',
        text: 'version = 4\n'
      })
      expect(await tree.read('crates/Cargo.toml'), name).toEqual({
        kind: 'error',
        message: `symbolic link to ${JSON.stringify(join(scratch, 'outside.toml'))}: it points outside the repository (an absolute path)`
      })
    }
  })

  it('refuses the same unsafe paths with the same message', async () => {
    const unsafe = [
      '/etc/passwd',
      '../outside.toml',
      'a/../Cargo.toml',
      './Cargo.toml',
      'a//Cargo.toml',
      'a\\Cargo.toml',
      'a\u0000/Cargo.toml',
      ''
    ]
    for (const [name, tree] of readers()) {
      for (const path of unsafe) {
        expect(await tree.read(path), `${name} ${JSON.stringify(path)}`).toEqual({
          kind: 'error',
          message: 'not a path inside the repository'
        })
      }
    }
    expect(unsafe.map(checkTreePath).every((message) => message !== null)).toBe(true)
    expect(checkTreePath('crates/a/Cargo.toml')).toBeNull()
  })
})

describe('treeFromReader', () => {
  it('reads each path once and lists once, however often asked', async () => {
    const calls: string[] = []
    const tree = treeFromReader({
      label: 'counted',
      list: () => {
        calls.push('list')
        return Promise.resolve(['b/Cargo.toml', 'Cargo.lock', 'b/Cargo.toml', 'README.md'])
      },
      read: (path) => {
        calls.push(path)
        return Promise.resolve({ kind: 'ok', text: path })
      }
    })
    await Promise.all([tree.listCargoFiles(), tree.listCargoFiles()])
    expect(await tree.listCargoFiles()).toEqual(['Cargo.lock', 'b/Cargo.toml'])
    await Promise.all([tree.read('Cargo.lock'), tree.read('Cargo.lock'), tree.read('b/Cargo.toml')])
    expect(calls.sort()).toEqual(['Cargo.lock', 'b/Cargo.toml', 'list'])
  })

  it('caps the size, and turns a throwing reader into one error line', async () => {
    const big = 'x'.repeat(MAX_CARGO_FILE_BYTES + 1)
    const tree = treeFromReader({
      label: 'big',
      list: () => Promise.resolve([]),
      read: (path): Promise<FileRead> =>
        path === 'Cargo.lock'
          ? Promise.resolve({ kind: 'ok', text: big })
          : Promise.reject(new Error('disk on fire\nstack trace'))
    })
    expect(await tree.read('Cargo.lock')).toEqual({
      kind: 'error',
      message: `file is larger than 64 MiB (${String(MAX_CARGO_FILE_BYTES + 1)} bytes); not read`
    })
    expect(await tree.read('Cargo.toml')).toEqual({ kind: 'error', message: 'disk on fire' })
  })
})

describe('git mode against brute force', () => {
  let big: string
  let baseSha: string
  let bigHead: string
  const paths = Array.from({ length: 120 }, (_, i) => `crates/c${String(i)}/Cargo.toml`)

  beforeAll(() => {
    big = join(scratch, 'big')
    mkdirSync(big)
    git(big, '-c', 'init.defaultBranch=main', 'init', '-q')
    paths.forEach((path, i) => {
      mkdirSync(join(big, path, '..'), { recursive: true })
      writeFileSync(join(big, path), `[package]\nname = "c${String(i)}"\n${'#'.repeat(i * 97)}\n`)
    })
    writeFileSync(join(big, 'Cargo.lock'), 'version = 4\n')
    git(big, 'add', '-A')
    git(big, 'commit', '-q', '-m', 'base')
    baseSha = git(big, 'rev-parse', 'HEAD')
    // Change some, delete one, add one, touch a non-Cargo file.
    for (const i of [3, 50, 119])
      writeFileSync(join(big, paths[i]!), `[package]\nname = "changed${String(i)}"\n`)
    rmSync(join(big, paths[7]!))
    mkdirSync(join(big, 'new'))
    writeFileSync(join(big, 'new', 'Cargo.toml'), '[package]\nname = "new"\n')
    writeFileSync(join(big, 'README.md'), 'readme\n')
    git(big, 'add', '-A')
    git(big, 'commit', '-q', '-m', 'head')
    bigHead = git(big, 'rev-parse', 'HEAD')
  })

  /** The oracle: every Cargo file of both sides read and compared. */
  async function bruteForceChanged(base: FileTree, head: FileTree): Promise<string[]> {
    const all = [...new Set([...(await base.listCargoFiles()), ...(await head.listCargoFiles())])]
    const changed: string[] = []
    for (const path of all.sort()) {
      if (JSON.stringify(await base.read(path)) !== JSON.stringify(await head.read(path)))
        changed.push(path)
    }
    return changed
  }

  it('the changed files from git diff are the files whose contents differ', async () => {
    const git2 = openGitRepository(big)
    try {
      const want = await bruteForceChanged(
        git2.revisionTree(baseSha, 'base'),
        git2.revisionTree(bigHead, 'head')
      )
      expect(want).toEqual([
        'crates/c119/Cargo.toml',
        'crates/c3/Cargo.toml',
        'crates/c50/Cargo.toml',
        'crates/c7/Cargo.toml',
        'new/Cargo.toml'
      ])
      expect(await gitChangedCargoFiles(big, baseSha, bigHead)).toEqual(want)
      // Against the working tree: an uncommitted edit and an untracked file count too.
      writeFileSync(join(big, paths[10]!), 'edited\n')
      mkdirSync(join(big, 'untracked'))
      writeFileSync(join(big, 'untracked', 'Cargo.lock'), 'version = 4\n')
      const working = await bruteForceChanged(
        git2.revisionTree(baseSha, 'base'),
        git2.workingTree()
      )
      expect(working).toContain('untracked/Cargo.lock')
      expect(working).toContain(paths[10])
      expect(await gitChangedCargoFiles(big, baseSha, null)).toEqual(working)
    } finally {
      git2.close()
      rmSync(join(big, 'untracked'), { recursive: true, force: true })
      git(big, 'checkout', '-q', '--', '.')
    }
  })

  it('one cat-file process answers many concurrent reads, each with its own file', async () => {
    const git2 = openGitRepository(big)
    try {
      const tree = git2.revisionTree(bigHead, 'head')
      const files = await tree.listCargoFiles()
      const reads = await Promise.all(files.map((path) => tree.read(path)))
      files.forEach((path, i) => {
        expect(reads[i], path).toEqual({ kind: 'ok', text: readFileSync(join(big, path), 'utf8') })
      })
    } finally {
      git2.close()
    }
  })
})
