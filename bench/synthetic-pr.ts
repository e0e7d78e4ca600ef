// A synthetic pull request at the scale of a workspace-wide merge: 10 workspaces, each with its
// own Cargo.lock (rustup's real lockfile pair from the fixtures, so the look-ups have real work)
// and 10 members whose manifests inherit from an unchanged workspace root (`workspace = true`).
// The PR changes 100 member manifests and 10 lockfiles; the 10 roots must be read to resolve the
// inherited requirements, without being in the changed-file list.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Files } from '../test/helpers/fake-github.js'
import { CASES_DIR } from './cpu.js'

export const SYNTHETIC_CASE = 'synthetic-100-manifests-10-lockfiles'

export function syntheticPullRequest(workspaces = 10, members = 10): { base: Files; head: Files } {
  const lock = (side: 'base' | 'head') =>
    readFileSync(join(CASES_DIR, 'rustup-2020-cargo-update', side, 'Cargo.lock'))
  const base: Files = new Map()
  const head: Files = new Map()
  for (let w = 0; w < workspaces; w += 1) {
    const dir = `ws${String(w)}`
    const root = Buffer.from(
      `[workspace]\nmembers = ["crates/*"]\n\n[workspace.dependencies]\nserde = "1.0"\ntar = "0.4.10"\n`
    )
    base.set(`${dir}/Cargo.toml`, root)
    head.set(`${dir}/Cargo.toml`, root)
    base.set(`${dir}/Cargo.lock`, lock('base'))
    // Distinct bytes per workspace, so no two lockfiles share a blob.
    head.set(`${dir}/Cargo.lock`, Buffer.concat([lock('head'), Buffer.from(`# ws ${String(w)}\n`)]))
    for (let m = 0; m < members; m += 1) {
      const manifest = (libc: number) =>
        Buffer.from(
          `[package]\nname = "ws${String(w)}-m${String(m)}"\nversion = "0.1.0"\nedition = "2018"\n\n` +
            `[dependencies]\nserde = { workspace = true }\ntar = { workspace = true }\nlibc = "0.2.${String(libc)}"\n`
        )
      base.set(`${dir}/crates/m${String(m)}/Cargo.toml`, manifest(60 + m))
      head.set(`${dir}/crates/m${String(m)}/Cargo.toml`, manifest(61 + m))
    }
  }
  return { base, head }
}
