import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { directoryTree } from '../../src/trees/directory.js'

let scratch: string
let root: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dir-tree-'))
  root = join(scratch, 'repo')
  const write = (path: string, text = '[package]\n') => {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  write('Cargo.toml')
  write('Cargo.lock', 'version = 4\n')
  write('crates/a/Cargo.toml')
  write('crates/a/Cargo.toml.orig')
  write('target/package/x/Cargo.toml')
  write('node_modules/y/Cargo.toml')
  write('.git/z/Cargo.toml')
  writeFileSync(join(scratch, 'outside.toml'), 'secret = true\n')
  symlinkSync(join(scratch, 'outside.toml'), join(root, 'crates', 'Cargo.toml'))
  symlinkSync(join(root, 'crates'), join(root, 'loop'))
  mkdirSync(join(root, 'linked'))
  symlinkSync(join(root, 'Cargo.lock'), join(root, 'linked', 'Cargo.lock'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

describe('directoryTree', () => {
  it('lists the Cargo files git would, skipping only .git; a symbolic link is listed, a linked folder is not entered', async () => {
    const tree = directoryTree(root, 'head')
    expect(tree.label).toBe('head')
    // target/ and node_modules/ can hold committed Cargo files (rust-lang/cargo's fixtures).
    expect(await tree.listCargoFiles()).toEqual([
      'Cargo.lock',
      'Cargo.toml',
      'crates/Cargo.toml',
      'crates/a/Cargo.toml',
      'linked/Cargo.lock',
      'node_modules/y/Cargo.toml',
      'target/package/x/Cargo.toml'
    ])
  })

  it('follows a symlinked Cargo file inside the root; a path through a symlinked folder is missing (as git sees it)', async () => {
    const tree = directoryTree(root)
    // `linked/Cargo.lock` is an absolute link to the root's Cargo.lock: git stores that absolute
    // path, which points outside any checkout, so it is refused; a relative link is followed.
    expect(await tree.read('linked/Cargo.lock')).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/outside the repository/) as unknown
    })
    mkdirSync(join(root, 'rel'))
    symlinkSync(join('..', 'Cargo.lock'), join(root, 'rel', 'Cargo.lock'))
    expect(await tree.read('rel/Cargo.lock')).toEqual({ kind: 'ok', text: 'version = 4\n' })
    expect(await tree.read('loop/a/Cargo.toml')).toEqual({ kind: 'missing' })
  })

  it('reads files, and reports absent ones as missing', async () => {
    const tree = directoryTree(root)
    expect(tree.label).toBe(root)
    expect(await tree.read('Cargo.lock')).toEqual({ kind: 'ok', text: 'version = 4\n' })
    expect(await tree.read('nope/Cargo.toml')).toEqual({ kind: 'missing' })
    expect(await tree.read('Cargo.lock/Cargo.toml')).toEqual({ kind: 'missing' })
  })

  it('does not follow a symlink out of the root, nor a path that leaves it', async () => {
    const tree = directoryTree(root, 'head')
    const escaped = await tree.read('crates/Cargo.toml')
    expect(escaped).toMatchObject({ kind: 'error' })
    expect(escaped.kind === 'error' ? escaped.message : '').toMatch(/outside the repository/)
    expect(await tree.read('../outside.toml')).toMatchObject({ kind: 'error' })
    expect(await tree.read('/etc/passwd')).toMatchObject({ kind: 'error' })
  })

  it('reports a directory where a file is expected as an error', async () => {
    mkdirSync(join(root, 'weird', 'Cargo.toml'), { recursive: true })
    expect(await directoryTree(root).read('weird/Cargo.toml')).toMatchObject({ kind: 'error' })
  })
})
