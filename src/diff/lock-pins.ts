// What the lockfile Cargo reads pins for one requirement: the versions of the crate that the
// member's own `[[package]]` entry depends on (a `[workspace.dependencies]` entry: every member's).
// Pure; the lockfile is chosen by changes.ts, the version among these by evaluate/resolution.ts.
import type { ParsedLockfile } from '../cargo/lockfile.js'
import { CRATES_IO } from '../core/model.js'

/**
 * What Cargo's MSRV-aware pick honours (resolver 3): every workspace member's rust-version,
 * `toolchain` when none sets one, why the members could not be read, or null (not resolver 3).
 */
export type RustVersions = readonly string[] | 'toolchain' | { unknown: string } | null

/**
 * What one side offers to resolve a requirement with:
 * - `lockfile`: the Cargo.lock Cargo reads for the manifest, and the crates.io versions of the
 *   crate it pins for that member (empty: none, the lockfile is stale for this requirement);
 * - `none`: Cargo would write a fresh lockfile (no Cargo.lock where Cargo looks);
 * - `unknown`: the workspace root or its lockfile could not be read.
 * `msrv` is the lowest rust-version a fresh pick honours (resolver 3), else null, for display;
 * `rust_versions` (when given) every member's, or `toolchain` when none sets one: what the pick uses.
 */
export type LockPin =
  | {
      kind: 'lockfile'
      lockfile: string
      versions: string[]
      msrv: string | null
      rust_versions?: RustVersions
    }
  | { kind: 'none'; msrv: string | null; rust_versions?: RustVersions }
  | { kind: 'unknown'; why: string }

/**
 * The crates.io versions of `crate` the lockfile pins for `member` (a path package of that name),
 * or for every path package when `member` is null (a `[workspace.dependencies]` entry). Sorted,
 * distinct.
 */
export function pinnedVersions(
  lock: ParsedLockfile,
  member: string | null,
  crate: string
): string[] {
  const versions = new Set<string>()
  for (const pkg of lock.packages) {
    if (pkg.source !== null) continue
    if (member !== null && pkg.name !== member) continue
    for (const dep of pkg.dependencies) {
      if (dep.name === crate && dep.source === CRATES_IO) versions.add(dep.version)
    }
  }
  return [...versions].sort()
}
