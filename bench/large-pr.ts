// A pull request as big as the real one of issue 19 (358 crate changes, two lockfiles, 47 changed
// Cargo files), made of real lockfiles from the fixture cases: the root workspace's Cargo.lock is
// rustup's real `cargo update` (112 changes); `tools/Cargo.lock` goes from bat's lockfile to
// helix's (248 changes: a workspace that swapped most of its dependencies); 45 member manifests
// (23 in the root workspace, 22 in tools/) each bump real requirements. 360 changes, 47 files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Files } from '../test/helpers/fake-github.js'
import { CASES_DIR } from './cpu.js'

export const LARGE_CASE = 'large-pr-360-changes-2-lockfiles-47-files'

const lock = (id: string, side: 'base' | 'head') =>
  readFileSync(join(CASES_DIR, id, side, 'Cargo.lock'))

export function largePullRequest(): { base: Files; head: Files } {
  const base: Files = new Map()
  const head: Files = new Map()
  const both = (path: string, text: string) => {
    base.set(path, Buffer.from(text))
    head.set(path, Buffer.from(text))
  }
  both('Cargo.toml', '[workspace]\nmembers = ["crates/*"]\n')
  both('tools/Cargo.toml', '[workspace]\nmembers = ["crates/*"]\n')
  base.set('Cargo.lock', lock('rustup-2020-cargo-update', 'base'))
  head.set('Cargo.lock', lock('rustup-2020-cargo-update', 'head'))
  base.set('tools/Cargo.lock', lock('bat-2019-ansi-term-bump', 'base'))
  head.set('tools/Cargo.lock', lock('helix-2021-tendril-git-to-registry', 'head'))
  const manifest = (name: string, libc: number, serde: number) =>
    Buffer.from(
      `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2018"\n\n` +
        `[dependencies]\nlibc = "0.2.${String(libc)}"\nserde = "1.0.${String(serde)}"\ntar = "0.4"\n`
    )
  for (let m = 0; m < 45; m += 1) {
    const dir = m < 23 ? `crates/m${String(m)}` : `tools/crates/m${String(m)}`
    base.set(`${dir}/Cargo.toml`, manifest(`m${String(m)}`, 60 + (m % 10), 100 + m))
    head.set(`${dir}/Cargo.toml`, manifest(`m${String(m)}`, 61 + (m % 10), 101 + m))
  }
  return { base, head }
}

/** Writes the large pull request as `<dir>/base` and `<dir>/head`, for the CLI's directory mode. */
export function writeLargePullRequest(dir: string): void {
  const { base, head } = largePullRequest()
  for (const [side, files] of [
    ['base', base],
    ['head', head]
  ] as const) {
    for (const [path, bytes] of files) {
      const target = join(dir, side, path)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, bytes)
    }
  }
}
