// Cargo.lock reader for every format Cargo has written (v1 with [root]/[metadata], v2, 3, 4).
// The result is a graph: each package's dependencies are resolved to package indexes.
import { z } from 'zod'
import { CargoFileError } from '../core/errors.js'
import { normaliseSource } from './source.js'
import { parsedOnce } from './parse-once.js'
import { locateKey, parseToml, shapeError } from './toml.js'

/** More packages than any real lockfile (rust-lang/rust has ~1,000): refuse rather than grind. */
export const MAX_LOCK_PACKAGES = 200_000

export type LockfileFormat = 1 | 2 | 3 | 4

/**
 * A resolved dependency edge is the package it points to (no per-edge object: lockfiles have
 * thousands of edges). The graph may have cycles (dev-dependencies), so it is not JSON.
 */
export type LockPackageRef = LockPackage

// Readonly all through: one parse is shared by every reader of the run (parse-once.ts), so none
// may change what the others read.
export interface LockPackage {
  readonly name: string
  readonly version: string
  /** Normalised: `crates.io`, another source as written, or null for path/workspace members. */
  readonly source: string | null
  readonly dependencies: readonly LockPackageRef[]
  /** Position in `ParsedLockfile.packages`. */
  readonly index: number
}

export interface ParsedLockfile {
  readonly path: string
  readonly format: LockfileFormat
  readonly packages: readonly LockPackage[]
  /** Packages by crate name, in file order. */
  readonly byName: ReadonlyMap<string, readonly LockPackage[]>
  /** Dependency strings that name no package, or several: left out of the graph. */
  readonly unresolved: readonly string[]
}

// Plain objects (unknown keys stripped): the cheapest zod shape, and all the engine reads.
const PackageSchema = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string().optional(),
  dependencies: z.array(z.string()).optional()
})

const LockfileSchema = z.object({
  version: z.number().optional(),
  package: z.array(PackageSchema).max(MAX_LOCK_PACKAGES).optional(),
  root: PackageSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).optional()
})

type RawPackage = z.infer<typeof PackageSchema>

/**
 * Parses a Cargo.lock. Throws CargoFileError (with line/column when known) on bad input. Each
 * (path, text) is parsed once per process (parse-once.ts): the graph is shared, never mutated.
 */
export const parseLockfile: (text: string, path: string) => ParsedLockfile = parsedOnce(
  readLockfile,
  16
)

function readLockfile(text: string, path: string): ParsedLockfile {
  const table = parseToml(text, path)
  // Count before validating so an absurd file fails with the limit, not a slow zod pass.
  const rawPackages = table['package']
  if (Array.isArray(rawPackages) && rawPackages.length > MAX_LOCK_PACKAGES) {
    throw new CargoFileError(
      path,
      `lockfile lists ${String(rawPackages.length)} packages, more than the limit of ${String(MAX_LOCK_PACKAGES)}`
    )
  }
  const parsed = LockfileSchema.safeParse(table)
  if (!parsed.success) throw shapeError(path, text, parsed.error)
  const lock = parsed.data
  // Array spread, not push(...): a call with 150,000 arguments overflows the stack.
  const raw: RawPackage[] = [
    ...(lock.root === undefined ? [] : [lock.root]),
    ...(lock.package ?? [])
  ]
  const format = detectFormat(lock, raw, path, text)

  // Each package's edges, filled once every package exists (the packages are readonly).
  const edges: LockPackageRef[][] = raw.map(() => [])
  const packages: LockPackage[] = raw.map((p, index) => ({
    name: p.name,
    version: p.version,
    source: normaliseSource(p.source),
    dependencies: edges[index] ?? [],
    index
  }))
  const byName = new Map<string, LockPackage[]>()
  for (const pkg of packages) {
    const list = byName.get(pkg.name)
    if (list === undefined) byName.set(pkg.name, [pkg])
    else list.push(pkg)
  }
  const unresolved = resolveDependencies(raw, packages, edges, byName, format)
  return { path, format, packages, byName, unresolved }
}

function detectFormat(
  lock: z.infer<typeof LockfileSchema>,
  packages: readonly RawPackage[],
  path: string,
  text: string
): LockfileFormat {
  const { version, metadata } = lock
  if (version !== undefined) {
    if (version === 3 || version === 4) return version
    const at = locateKey(text, ['version'])
    throw new CargoFileError(
      path,
      `lockfile format version ${String(version)} is not known (known: v1 and v2 without a version key, 3 and 4)`,
      at?.line ?? null,
      at?.column ?? null
    )
  }
  // v1 and v2 carry no version key: v1 keeps checksums in [metadata] (the oldest files also
  // have [root]) and writes every dependency as "name version (source)"; v2 moved checksums
  // inline and shortened the strings.
  if (lock.root !== undefined) return 1
  if (metadata !== undefined && Object.keys(metadata).some((k) => k.startsWith('checksum '))) {
    return 1
  }
  for (const p of packages) {
    const deps = p.dependencies
    if (deps === undefined) continue
    for (const d of deps) if (d.includes(' (')) return 1
  }
  return 2
}

function resolveDependencies(
  raw: readonly RawPackage[],
  packages: readonly LockPackage[],
  edges: readonly LockPackageRef[][],
  byName: ReadonlyMap<string, readonly LockPackage[]>,
  format: LockfileFormat
): string[] {
  // The same dependency string appears under many packages: resolve each distinct one once.
  const resolved = new Map<string, LockPackage | null>()
  const unresolved: string[] = []
  for (const pkg of packages) {
    const deps = raw[pkg.index]?.dependencies
    if (deps === undefined) continue
    for (const dep of deps) {
      let found = resolved.get(dep)
      if (found === undefined) {
        found = resolveExact(dep, byName, raw) ?? resolveOne(dep, byName, format)
        resolved.set(dep, found)
      }
      if (found === null) unresolved.push(dep)
      else edges[pkg.index]?.push(found)
    }
  }
  return unresolved
}

/**
 * Fast path for the common case, a name with one package: checks the string against that
 * package's own spelling without slicing it apart. Undefined means "ask resolveOne".
 */
function resolveExact(
  dep: string,
  byName: ReadonlyMap<string, readonly LockPackage[]>,
  raw: readonly RawPackage[]
): LockPackage | undefined {
  const space = dep.indexOf(' ')
  const candidates = byName.get(space < 0 ? dep : dep.slice(0, space))
  if (candidates?.length !== 1) return undefined
  const only = candidates[0]
  if (only === undefined || space < 0) return only
  if (!dep.startsWith(only.version, space + 1)) return undefined
  const end = space + 1 + only.version.length
  if (end === dep.length) return only
  const source = raw[only.index]?.source
  if (source === undefined || dep.length !== end + source.length + 3) return undefined
  return dep.startsWith(' (', end) && dep.startsWith(source, end + 2) && dep.endsWith(')')
    ? only
    : undefined
}

/** Resolves `name`, `name version` or `name version (source)` to exactly one package, else null. */
function resolveOne(
  dep: string,
  byName: ReadonlyMap<string, readonly LockPackage[]>,
  format: LockfileFormat
): LockPackage | null {
  const space = dep.indexOf(' ')
  const candidates = byName.get(space < 0 ? dep : dep.slice(0, space))
  if (candidates === undefined) return null
  if (space < 0) return single(candidates)
  const rest = dep.slice(space + 1)
  const open = rest.indexOf(' (')
  const version = open < 0 ? rest : rest.slice(0, open)
  let matches = candidates.filter((c) => c.version === version)
  if (open >= 0) {
    if (!rest.endsWith(')')) return null
    const source = normaliseSource(rest.slice(open + 2, -1))
    const exact = matches.filter((c) => c.source === source)
    // Cargo writes a git dependency's source without the `#commit` its package entry carries.
    matches =
      exact.length > 0 || source === null
        ? exact
        : matches.filter((c) => c.source !== null && withoutFragment(c.source) === source)
  } else if (matches.length > 1 && format === 1) {
    // v1 wrote the source for every registry/git dependency; a bare version is a path package.
    matches = matches.filter((c) => c.source === null)
  }
  // A merge can leave the same package entry twice (fd's 2022 lockfile has nix 0.25.0 twice).
  const first = matches[0]
  if (first !== undefined && matches.every((c) => c.source === first.source)) {
    if (matches.every((c) => c.version === first.version)) return first
  }
  return single(matches)
}

function withoutFragment(source: string): string {
  const hash = source.indexOf('#')
  return hash < 0 ? source : source.slice(0, hash)
}

function single<T>(list: readonly T[]): T | null {
  return list.length === 1 ? (list[0] ?? null) : null
}
